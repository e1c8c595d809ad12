import {
  mockCredentials,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import scaffolderBackend from '@backstage/plugin-scaffolder-backend';
import request from 'supertest';
import { databaseReleasedOnShutdown } from '@internal/backstage-plugin-delivery-node/testUtils';
import scaffolderModuleDelivery from './index';

// Starts a test backend (plugins, database migrations) per test: seconds on a busy
// machine.
jest.setTimeout(30_000);

describe('scaffolderModuleDelivery', () => {
  it('registers the delivery actions with the scaffolder', async () => {
    const { server } = await startTestBackend({
      features: [
        databaseReleasedOnShutdown,
        scaffolderBackend,
        scaffolderModuleDelivery,
        catalogServiceMock.factory(),
      ],
    });
    const res = await request(server)
      .get('/api/scaffolder/v2/actions')
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(200);
    const ids = res.body.map((action: { id: string }) => action.id);
    expect(ids).toEqual(
      expect.arrayContaining([
        'delivery:service:describe',
        'delivery:service:deploy',
        'delivery:service:promote',
        'delivery:service:abort',
        'delivery:service:retry',
        'delivery:service:rollback',
        'delivery:service:scale',
        'delivery:database:migrate',
        'delivery:service:failover',
        'delivery:workflow:dispatch',
      ]),
    );
  });
});
