import { Entity } from '@backstage/catalog-model';
import fs from 'node:fs';
import path from 'node:path';
import yaml from 'yaml';
import { TEMPLATES_DIR } from './goldenPathTemplates';

/** The example catalog (`catalog/` at the repository's root). */
export const CATALOG_DIR = path.resolve(TEMPLATES_DIR, '../catalog');

/** Every entity of the example catalog, in the default namespace unless it says otherwise. */
export function exampleCatalogEntities(): Entity[] {
  return fs
    .readdirSync(CATALOG_DIR)
    .filter(file => file.endsWith('.yaml'))
    .flatMap(file =>
      yaml
        .parseAllDocuments(
          fs.readFileSync(path.join(CATALOG_DIR, file), 'utf8'),
        )
        .map(doc => doc.toJS() as Entity),
    )
    .filter(Boolean)
    .map(entity => ({
      ...entity,
      metadata: { namespace: 'default', ...entity.metadata },
    }));
}

/**
 * The example catalog's components, as the catalog would hold them once processed: with
 * the ownedBy relation it derives from `spec.owner` (the relation the permission rule
 * isEntityOwner reads).
 */
export function catalogComponents(): Entity[] {
  return exampleCatalogEntities()
    .filter(entity => entity.kind === 'Component')
    .map(entity => ({
      ...entity,
      relations: [
        {
          type: 'ownedBy',
          targetRef: `group:default/${String(entity.spec?.owner)}`,
        },
      ],
    }));
}

/**
 * A user's ownership refs as Backstage's sign-in resolves them from the example catalog:
 * the user and the groups it is a member of (`spec.memberOf`).
 */
export function ownershipOf(userEntityRef: string): string[] {
  const name = userEntityRef.replace(/^user:default\//, '');
  const user = exampleCatalogEntities().find(
    e => e.kind === 'User' && e.metadata.name === name,
  );
  const groups = (user?.spec?.memberOf as string[] | undefined) ?? [];
  return [userEntityRef, ...groups.map(group => `group:default/${group}`)];
}
