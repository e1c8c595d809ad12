import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import fs from 'node:fs';
import path from 'node:path';
import yaml from 'yaml';
import { GoldenPathKind } from '../goldenPath/parameters';

/** The repository's templates folder (the catalog registers these template.yaml files). */
export const TEMPLATES_DIR = path.resolve(
  resolvePackagePath(
    '@internal/backstage-plugin-scaffolder-backend-module-delivery',
  ),
  '../../templates',
);

function listFiles(dir: string, prefix = ''): string[] {
  return fs
    .readdirSync(path.join(dir, prefix), { withFileTypes: true })
    .flatMap(entry => {
      const relative = path.posix.join(prefix, entry.name);
      return entry.isDirectory() ? listFiles(dir, relative) : [relative];
    });
}

/** The template entity as the catalog holds it, located where `file:` registration puts it. */
export function templateEntity(kind: GoldenPathKind): Entity {
  const file = path.join(TEMPLATES_DIR, kind, 'template.yaml');
  const entity = yaml.parse(fs.readFileSync(file, 'utf8')) as Entity;
  entity.metadata.namespace = 'default';
  entity.metadata.annotations = {
    'backstage.io/managed-by-location': `file:${file}`,
    'backstage.io/managed-by-origin-location': `file:${file}`,
  };
  return entity;
}

/** The body of `POST /api/scaffolder/v2/dry-run` for a template and its form values. */
export function dryRunBody(kind: GoldenPathKind, values: object) {
  const dir = path.join(TEMPLATES_DIR, kind);
  return {
    template: templateEntity(kind),
    values,
    directoryContents: listFiles(dir).map(file => ({
      path: file,
      base64Content: fs.readFileSync(path.join(dir, file)).toString('base64'),
    })),
  };
}

/** Form values a developer would submit: the form's defaults plus what it asks. */
export function formValues(
  kind: GoldenPathKind,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    name: `${kind}-demo`,
    description: `A ${kind} made by the golden path`,
    owner: 'group:default/platform-team',
    tier: 'standard',
    costCenter: 'cc-payments',
    monthlyBudget: 500,
    strategy: 'rolling',
    environments: ['staging', 'production'],
    database: kind !== 'web-frontend',
    ...(kind === 'worker'
      ? { queueName: 'payments.events', queueTarget: 50 }
      : { port: 8080 }),
    imageRepository: `ghcr.io/acme/${kind}-demo`,
    cpuRequest: '250m',
    cpuLimit: '1',
    memoryRequest: '256Mi',
    memoryLimit: '512Mi',
    hpaMin: 2,
    hpaMax: 6,
    cpuTarget: 70,
    memoryTarget: 80,
    publishTarget: 'local',
    ...overrides,
  };
}
