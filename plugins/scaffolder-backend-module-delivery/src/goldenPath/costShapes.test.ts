import { mockCredentials } from '@backstage/backend-test-utils';
import {
  estimateEnvironmentCost,
  goldenPathShapes,
  GoldenPathCostValues,
} from '@internal/backstage-plugin-delivery-common';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { resolveKubectl } from '@internal/bundled-kubectl';
import request from 'supertest';
import { dryRunBody, formValues } from '../__testUtils__/goldenPathTemplates';
import { startGoldenPathBackend } from '../__testUtils__/startGoldenPathBackend';
import { kustomize } from './verify/kustomize';

jest.setTimeout(120_000);

type Rendered = Record<
  string,
  Array<{
    name: string;
    replicas: number;
    min?: number;
    max?: number;
    cpu: string;
    memory: string;
  }>
>;

/**
 * The golden-path form's estimate prices what the template will really run: each case is
 * rendered (scaffolder dry run), every overlay built with kubectl kustomize, and what its
 * Deployments and HPAs declare compared with goldenPathShapes for the same values.
 */
describe('the form estimate matches the rendered overlays', () => {
  let server: Parameters<typeof request>[0];
  let tmp: string;
  let kubectl: string;

  beforeAll(async () => {
    kubectl = await resolveKubectl();
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cost-shapes-'));
    ({ server } = await startGoldenPathBackend({
      localPublishDirectory: path.join(tmp, 'repos'),
    }));
  });
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  async function render(values: Record<string, unknown>): Promise<Rendered> {
    const answer = await request(server)
      .post('/api/scaffolder/v2/dry-run')
      .set('Authorization', mockCredentials.user.header())
      .send(dryRunBody('http-service', formValues('http-service', values)));
    expect(answer.status).toBe(200);
    const repo = path.join(tmp, String(values.name));
    for (const file of answer.body.directoryContents as Array<{
      path: string;
      base64Content: string;
    }>) {
      const target = path.join(repo, file.path);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, Buffer.from(file.base64Content, 'base64'));
    }
    const rendered: Rendered = {};
    const overlays = path.join(repo, 'deploy', 'overlays');
    for (const overlay of fs.readdirSync(overlays)) {
      const { objects, error } = await kustomize(
        path.join(overlays, overlay),
        kubectl,
      );
      expect(error).toBeUndefined();
      const hpas = objects!.filter(o => o.kind === 'HorizontalPodAutoscaler');
      rendered[overlay] = objects!
        .filter(o => o.kind === 'Deployment')
        .map((d: any) => {
          const hpa: any = hpas.find(
            (h: any) => h.spec.scaleTargetRef.name === d.metadata.name,
          );
          const requests =
            d.spec.template.spec.containers[0].resources.requests;
          return {
            name: d.metadata.name,
            replicas: d.spec.replicas ?? 1,
            ...(hpa
              ? { min: hpa.spec.minReplicas, max: hpa.spec.maxReplicas }
              : {}),
            cpu: requests.cpu,
            memory: requests.memory,
          };
        })
        .sort((a, b) => a.name.localeCompare(b.name));
    }
    return rendered;
  }

  /** What the estimate assumes, in the same terms. */
  function expected(values: GoldenPathCostValues): Rendered {
    const out: Rendered = {};
    for (const shape of goldenPathShapes(values)) {
      out[shape.overlay] = shape.input.deployments
        .map(d => ({
          name: d.name,
          replicas: d.hpa ? expect.any(Number) : d.replicas,
          ...(d.hpa ? { min: d.hpa.min, max: d.hpa.max } : {}),
          cpu: values.cpuRequest,
          memory: values.memoryRequest,
        }))
        .sort((a, b) => a.name.localeCompare(b.name)) as any;
    }
    return out;
  }

  it.each([
    ['critical', 'blue-green', 3, 7],
    ['standard', 'canary', 2, 6],
    ['standard', 'rolling', 2, 2],
  ] as const)(
    'a %s %s service with HPA %d-%d',
    async (tier, strategy, hpaMin, hpaMax) => {
      const values: GoldenPathCostValues = {
        name: `cost-${tier}-${strategy}`,
        tier,
        strategy,
        environments: ['staging', 'production'],
        drRegion: 'us-west-2',
        cpuRequest: '300m',
        memoryRequest: '384Mi',
        hpaMin,
        hpaMax,
      };
      const rendered = await render({ ...values });
      expect(rendered).toEqual(expected(values));
      // And the estimate prices those shapes: production at its HPA bounds.
      const production = goldenPathShapes(values).find(
        s => s.overlay === 'production',
      )!;
      const estimate = estimateEnvironmentCost(production.input, {
        vcpuHour: 0.04,
        gibHour: 0.005,
        storageGibMonth: 0,
        discounts: { spot: 0.7, reserved: 0.4 },
      });
      expect(estimate.atMax.total > estimate.atMin.total).toBe(hpaMax > hpaMin);
    },
  );
});
