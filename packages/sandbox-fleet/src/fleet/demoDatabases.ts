import {
  COMPONENTS,
  LABEL_APP_COMPONENT,
  LABEL_KUBERNETES_ID,
} from '@internal/backstage-plugin-delivery-common';
import fs from 'node:fs';
import path from 'node:path';
import { preferredType, storageKey } from '../api/resources';
import { IMAGE_REGISTRY } from '../seed/podTemplates';
import { ServiceSeed } from '../seed/catalog';
import { KINDS } from '../sim/objects';
import { LocalImages } from '../sim/localImages';
import { Fleet } from './Fleet';

const SECRETS = storageKey(preferredType('Secret'));

/**
 * Real databases behind the started fleet's migration Jobs, so `delivery:database:migrate` can be
 * tried from the portal: every catalog service's image runs its Jobs from one local
 * "image" (`demo-image/`: a knexfile and two migrations, with this repository's knex), and
 * each service gets a SQLite file per cluster, named by the `<service>-db` Secret its
 * migration Job already reads. Nothing here is seen by the portal except through the
 * Kubernetes API: Jobs, pods, their logs and the Secret.
 */
export function demoImage(
  services: ServiceSeed[],
  outDir: string,
): LocalImages {
  const source = path.join(
    path.dirname(require.resolve('@internal/sandbox-fleet/package.json')),
    'demo-image',
  );
  const image = path.join(outDir, 'images', 'service');
  fs.rmSync(image, { recursive: true, force: true });
  fs.mkdirSync(image, { recursive: true });
  fs.cpSync(source, image, { recursive: true });
  // The image's node_modules: this package's own knex and SQLite driver.
  const knex = path.dirname(require.resolve('knex/package.json'));
  fs.symlinkSync(path.dirname(knex), path.join(image, 'node_modules'), 'dir');
  return Object.fromEntries(
    services.map(service => [`${IMAGE_REGISTRY}/${service.name}`, image]),
  );
}

/** The `<service>-db` Secret of every seeded migration Job, pointing at its SQLite file. */
export function seedDemoDatabaseSecrets(fleet: Fleet, outDir: string): void {
  // The fleet is seeded afresh on every start; so are its databases.
  fs.rmSync(path.join(outDir, 'databases'), { recursive: true, force: true });
  for (const name of fleet.clusterNames()) {
    const { store } = fleet.member(name)!.cluster;
    const directory = path.join(outDir, 'databases', name);
    fs.mkdirSync(directory, { recursive: true });
    for (const job of store.all(KINDS.job)) {
      if (job.metadata.labels?.[LABEL_APP_COMPONENT] !== COMPONENTS.migration)
        continue;
      const container = job.spec?.template?.spec?.containers?.[0];
      const secret = container?.envFrom?.find((e: any) => e.secretRef)
        ?.secretRef?.name;
      const namespace = job.metadata.namespace!;
      if (!secret || store.get(SECRETS, namespace, secret)) continue;
      const service = job.metadata.labels[LABEL_KUBERNETES_ID];
      store.create(SECRETS, {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: secret, namespace, labels: job.metadata.labels },
        type: 'Opaque',
        data: {
          DB_CLIENT: Buffer.from('better-sqlite3').toString('base64'),
          DATABASE_FILE: Buffer.from(
            path.join(directory, `${service}.sqlite`),
          ).toString('base64'),
        },
      });
    }
  }
}
