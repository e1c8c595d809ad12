import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import express from 'express';
import request from 'supertest';
import { capturedAuditLog } from '../testUtils/capturedAuditLog';
import { redactingAuditorServiceFactory } from './redactingAuditorServiceFactory';

/** A plugin whose one route audits what it is sent, as a careless plugin might. */
const echoPlugin = createBackendPlugin({
  pluginId: 'echo',
  register(env) {
    env.registerInit({
      deps: {
        auditor: coreServices.auditor,
        httpRouter: coreServices.httpRouter,
      },
      async init({ auditor, httpRouter }) {
        const router = express.Router();
        router.use(express.json());
        router.post('/things', async (req, res) => {
          const event = await auditor.createEvent({
            eventId: 'thing',
            severityLevel: 'medium',
            request: req,
            meta: req.body,
          });
          await event.fail({
            error: new Error(`could not reach ${req.body.repository}`),
          });
          res.status(204).end();
        });
        httpRouter.use(router);
      },
    });
  },
});

describe('redactingAuditorServiceFactory', () => {
  it('writes what the default auditor writes, without the secrets', async () => {
    const audit = capturedAuditLog();
    const { server } = await startTestBackend({
      features: [
        echoPlugin,
        redactingAuditorServiceFactory,
        audit.factory,
        mockServices.rootConfig.factory({
          data: {
            backend: {
              auditor: { severityLogLevelMappings: { medium: 'warn' } },
            },
          },
        }),
      ],
    });
    await request(server)
      .post('/api/echo/things?access_token=s3cret')
      .set('Authorization', mockCredentials.user.header())
      .send({
        repository: 'https://deploy:s3cret@git.example/acme/api.git',
        password: 's3cret',
        image: 'ghcr.io/acme/api:1.2.3',
      })
      .expect(204);

    expect(audit.lines.map(l => [l.message, l.status, l.level])).toEqual([
      ['echo.thing', 'initiated', 'warn'],
      ['echo.thing', 'failed', 'warn'],
    ]);
    expect(audit.lines[1]).toMatchObject({
      actor: { actorId: 'user:default/mock' },
      request: {
        method: 'POST',
        url: '/api/echo/things?access_token=[redacted]',
      },
      meta: {
        repository: 'https://[redacted]@git.example/acme/api.git',
        password: '[redacted]',
        image: 'ghcr.io/acme/api:1.2.3',
      },
      error: {
        message: 'could not reach https://[redacted]@git.example/acme/api.git',
      },
    });
    expect(JSON.stringify(audit.lines)).not.toContain('s3cret');
  });
});
