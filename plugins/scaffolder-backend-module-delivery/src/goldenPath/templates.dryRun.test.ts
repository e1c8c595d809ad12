import { mockCredentials } from '@backstage/backend-test-utils';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import yaml from 'yaml';
import { dryRunBody, formValues } from '../__testUtils__/goldenPathTemplates';
import { startGoldenPathBackend } from '../__testUtils__/startGoldenPathBackend';
import { GoldenPathKind } from './parameters';

jest.setTimeout(60_000);

type DryRunFile = { path: string; base64Content: string };
type DryRunAnswer = {
  log: Array<{ body: { message: string; stepId?: string; status?: string } }>;
  directoryContents: DryRunFile[];
};

describe('golden-path templates through the scaffolder dry-run API', () => {
  let tmp: string;
  let server: Awaited<ReturnType<typeof startGoldenPathBackend>>['server'];

  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'golden-dry-run-'));
    ({ server } = await startGoldenPathBackend({
      localPublishDirectory: path.join(tmp, 'repos'),
    }));
  });
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  async function dryRun(kind: GoldenPathKind, values: object) {
    const res = await request(server)
      .post('/api/scaffolder/v2/dry-run')
      .set('Authorization', mockCredentials.user.header())
      .send(dryRunBody(kind, values));
    return res;
  }

  const file = (answer: DryRunAnswer, name: string) => {
    const found = answer.directoryContents.find(f => f.path === name);
    return found && Buffer.from(found.base64Content, 'base64').toString('utf8');
  };

  const matrix: Array<[GoldenPathKind, Record<string, unknown>]> = [
    [
      'http-service',
      {
        strategy: 'rolling',
        tier: 'standard',
        database: true,
        drRegion: 'us-west-2',
      },
    ],
    [
      'http-service',
      {
        strategy: 'blue-green',
        tier: 'critical',
        database: true,
        drRegion: 'eu-west-1',
      },
    ],
    [
      'http-service',
      {
        strategy: 'canary',
        tier: 'experimental',
        database: false,
        environments: ['production'],
      },
    ],
    [
      'http-service',
      {
        strategy: 'rolling',
        tier: 'critical',
        database: false,
        environments: ['staging'],
      },
    ],
    ['web-frontend', { strategy: 'rolling', tier: 'standard' }],
    [
      'web-frontend',
      { strategy: 'blue-green', tier: 'critical', drRegion: 'us-west-2' },
    ],
    ['web-frontend', { strategy: 'canary', tier: 'experimental' }],
    ['worker', { strategy: 'rolling', tier: 'standard', database: true }],
    [
      'worker',
      {
        strategy: 'canary',
        tier: 'critical',
        database: false,
        drRegion: 'us-west-2',
      },
    ],
    [
      'worker',
      { strategy: 'blue-green', tier: 'experimental', database: true },
    ],
  ];

  it.each(matrix)(
    'renders %s %j and verification passes',
    async (kind, change) => {
      const values = formValues(kind, change);
      const res = await dryRun(kind, values);
      expect(res.status).toBe(200);
      const answer = res.body as DryRunAnswer;
      const messages = answer.log.map(l => l.body.message).join('\n');
      expect(messages).not.toMatch(/verification failed/i);
      const verify = answer.log.filter(l => l.body.stepId === 'verify');
      expect(verify.map(l => l.body.status)).toContain('completed');

      const paths = answer.directoryContents.map(f => f.path);
      expect(paths).toEqual(
        expect.arrayContaining([
          'Dockerfile',
          '.dockerignore',
          'catalog-info.yaml',
          'README.md',
          '.github/workflows/delivery.yaml',
          'deploy/base/kustomization.yaml',
          'deploy/base/deployment.yaml',
          'deploy/base/hpa.yaml',
          'deploy/base/pdb.yaml',
          'deploy/base/networkpolicy.yaml',
        ]),
      );
      // Optional objects follow the parameters.
      expect(paths.includes('deploy/base/database/migration-job.yaml')).toBe(
        values.database,
      );
      expect(paths.includes('deploy/base/backup/backup-cronjob.yaml')).toBe(
        values.database === true && values.tier !== 'experimental',
      );
      expect(paths.includes('deploy/base/service/service.yaml')).toBe(
        kind !== 'worker',
      );
      for (const env of ['staging', 'production'])
        expect(
          paths.includes(`deploy/overlays/${env}/kustomization.yaml`),
        ).toBe((values.environments as string[]).includes(env));
      expect(paths.includes('deploy/overlays/dr/kustomization.yaml')).toBe(
        Boolean(values.drRegion),
      );

      // The catalog entity carries what the delivery plugins read.
      const entity = yaml.parse(file(answer, 'catalog-info.yaml')!);
      expect(entity.metadata.name).toBe(values.name);
      expect(entity.metadata.annotations).toEqual(
        expect.objectContaining({
          'backstage.io/kubernetes-id': values.name,
          'delivery/tier': values.tier,
          'delivery/strategy': values.strategy,
          'delivery/environments': (values.environments as string[]).join(','),
          'delivery/cost-center': values.costCenter,
        }),
      );
      expect(entity.spec.owner).toBe(values.owner);
    },
  );

  it('renders the same inputs to byte-identical files', async () => {
    const values = formValues('http-service', { strategy: 'canary' });
    const [first, second] = await Promise.all([
      dryRun('http-service', values),
      dryRun('http-service', values),
    ]);
    expect(first.status).toBe(200);
    const contents = (res: request.Response) =>
      (res.body as DryRunAnswer).directoryContents
        .map(f => `${f.path}\n${f.base64Content}`)
        .sort();
    expect(contents(first).length).toBeGreaterThan(30);
    expect(contents(second)).toEqual(contents(first));
  });
});
