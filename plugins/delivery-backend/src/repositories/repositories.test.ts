import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { LocalGitRepositories } from '@internal/backstage-plugin-delivery-node';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { databaseReleasedOnShutdown } from '@internal/backstage-plugin-delivery-node/testUtils';
import { deliveryPlugin } from '../plugin';

// Starts a test backend (plugins, database migrations) per test: seconds on a busy
// machine.
jest.setTimeout(30_000);

describe('local publish target repositories', () => {
  let tmp: string;
  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'delivery-repos-'));
  });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  // As the catalog's URL reader calls: with no credentials at all.
  const anonymous = (server: Parameters<typeof request>[0], url: string) =>
    request(server)
      .get(url)
      .set('Authorization', mockCredentials.none.header());

  const start = (directory?: string) =>
    startTestBackend({
      features: [
        databaseReleasedOnShutdown,
        deliveryPlugin,
        mockServices.rootConfig.factory({
          data: directory
            ? { delivery: { goldenPath: { localPublish: { directory } } } }
            : {},
        }),
      ],
    });

  it('serves catalog-info.yaml of a published repository to the catalog, without sign-in', async () => {
    const source = path.join(tmp, 'workspace');
    fs.mkdirSync(source);
    fs.writeFileSync(
      path.join(source, 'catalog-info.yaml'),
      'kind: Component\n',
    );
    const directory = path.join(tmp, 'repos');
    await new LocalGitRepositories(directory).publish({
      name: 'payments',
      sourceDir: source,
      message: 'Initial commit',
      author: { name: 'Scaffolder', email: 'scaffolder@example.com' },
    });
    const { server } = await start(directory);

    const file = await anonymous(
      server,
      '/api/delivery/repositories/payments/raw/catalog-info.yaml',
    );
    expect(file.status).toBe(200);
    expect(file.text).toBe('kind: Component\n');

    const missing = await anonymous(
      server,
      '/api/delivery/repositories/payments/raw/nope.yaml',
    );
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toBe('No file nope.yaml in payments');

    // Only the repositories are open: the rest of the API still needs a caller.
    expect((await anonymous(server, '/api/delivery/health')).status).toBe(401);
  });

  it('is not mounted when no local publish directory is configured', async () => {
    const { server } = await start();
    const res = await anonymous(
      server,
      '/api/delivery/repositories/payments/raw/catalog-info.yaml',
    );
    expect(res.status).toBe(401);
  });
});
