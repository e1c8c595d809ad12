import knexFactory from 'knex';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  CATALOG_DIR,
  kubeRequest,
  startTestFleet,
} from '../__testUtils__/testFleet';
import { readCatalogServices } from '../seed/catalog';
import { KINDS } from '../sim/objects';
import { demoImage, seedDemoDatabaseSecrets } from './demoDatabases';
import { Fleet } from './Fleet';

jest.setTimeout(30_000);

describe('the demo databases behind the fleet started by the CLI', () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'sandbox-out-'));
  let fleet: Fleet;
  let step: (ms: number, every?: number) => void;
  beforeAll(async () => {
    ({ fleet, step } = await startTestFleet({
      localImages: demoImage(readCatalogServices(CATALOG_DIR), out),
    }));
    seedDemoDatabaseSecrets(fleet, out);
  });
  afterAll(() => fleet.stop());

  it("runs a copy of a service's seeded migration Job with real knex on its SQLite file", async () => {
    const { store } = fleet.member('staging')!.cluster;
    const template = store
      .all(KINDS.job)
      .find(
        job =>
          job.metadata.labels?.['backstage.io/kubernetes-id'] ===
          'propertyos-tenant-service',
      )!;
    const res = await kubeRequest(
      fleet,
      'staging',
      'POST',
      `/apis/batch/v1/namespaces/propertyos/jobs`,
      {
        body: {
          apiVersion: 'batch/v1',
          kind: 'Job',
          metadata: { name: 'tenant-migrate-now' },
          spec: { backoffLimit: 0, template: template.spec.template },
        },
      },
    );
    expect(res.status).toBe(201);
    for (let i = 0; i < 200; i++) {
      step(1000);
      const job = store.get(KINDS.job, 'propertyos', 'tenant-migrate-now')!;
      if (job.status?.conditions?.some((c: any) => c.status === 'True')) break;
      await new Promise(resolve => setTimeout(resolve, 50));
    }
    expect(
      store.get(KINDS.job, 'propertyos', 'tenant-migrate-now')!.status
        .conditions,
    ).toContainEqual(expect.objectContaining({ type: 'Complete' }));
    const knex = knexFactory({
      client: 'better-sqlite3',
      connection: {
        filename: path.join(
          out,
          'databases',
          'staging',
          'propertyos-tenant-service.sqlite',
        ),
      },
      useNullAsDefault: true,
    });
    try {
      expect(
        (await knex('knex_migrations').select('name')).map(r => r.name),
      ).toEqual([
        '20260101000000_create_items.cjs',
        '20260301000000_create_item_events.cjs',
      ]);
    } finally {
      await knex.destroy();
    }
  });
});
