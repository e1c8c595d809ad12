import { Entity } from '@backstage/catalog-model';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';

/** The repository's catalog, every kind, as the portal's catalog loads it. */
export function catalogEntities(): Entity[] {
  const dir = resolve(__dirname, '../../../../catalog');
  return readdirSync(dir)
    .filter(file => file.endsWith('.yaml'))
    .sort()
    .flatMap(file =>
      parseAllDocuments(readFileSync(join(dir, file), 'utf8')).map(
        doc => doc.toJS() as Entity,
      ),
    )
    .filter(entity => entity?.kind);
}
