import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Fleet } from '../fleet/Fleet';
import { kubeRequest, startTestFleet } from '../__testUtils__/testFleet';
import { imageRepository } from './localImages';
import { KINDS } from './objects';

jest.setTimeout(30_000);

const NS = 'propertyos';

/** A one-file "image": prints its environment's GREETING, then exits with EXIT_CODE. */
function buildImage(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sandbox-image-'));
  fs.writeFileSync(
    path.join(dir, 'run.js'),
    `console.log('greeting: ' + process.env.GREETING);
console.error('cwd: ' + process.cwd());
process.exit(Number(process.env.EXIT_CODE ?? 0));
`,
  );
  return dir;
}

describe('Job pods of local images', () => {
  const image = buildImage();
  let fleet: Fleet;
  let step: (ms: number, every?: number) => void;
  beforeAll(async () => {
    ({ fleet, step } = await startTestFleet({
      localImages: { 'registry.local/tools': image },
    }));
    await kubeRequest(
      fleet,
      'production',
      'POST',
      `/api/v1/namespaces/${NS}/secrets`,
      {
        body: {
          apiVersion: 'v1',
          kind: 'Secret',
          metadata: { name: 'tools-env' },
          data: {
            GREETING: Buffer.from('hello from a secret').toString('base64'),
          },
        },
      },
    );
  });
  afterAll(() => fleet.stop());

  const store = () => fleet.member('production')!.cluster.store;

  async function runJob(name: string, exitCode: string, secret = 'tools-env') {
    const res = await kubeRequest(
      fleet,
      'production',
      'POST',
      `/apis/batch/v1/namespaces/${NS}/jobs`,
      {
        body: {
          apiVersion: 'batch/v1',
          kind: 'Job',
          metadata: { name },
          spec: {
            backoffLimit: 0,
            template: {
              spec: {
                restartPolicy: 'Never',
                containers: [
                  {
                    name: 'run',
                    image: 'registry.local/tools:1.0.0',
                    workingDir: '/app',
                    command: ['node'],
                    args: ['run.js'],
                    env: [{ name: 'EXIT_CODE', value: exitCode }],
                    envFrom: [{ secretRef: { name: secret } }],
                  },
                ],
              },
            },
          },
        },
      },
    );
    expect(res.status).toBe(201);
    // The process runs in real time; the controllers only when stepped.
    for (let i = 0; i < 100; i++) {
      step(1000);
      const job = store().get(KINDS.job, NS, name)!;
      if (job.status?.conditions?.some((c: any) => c.status === 'True')) break;
      await new Promise(resolve => setTimeout(resolve, 50));
    }
    const pod = store()
      .list(KINDS.pod, NS)
      .find(p => p.metadata.labels?.['job-name'] === name)!;
    const log = await kubeRequest(
      fleet,
      'production',
      'GET',
      `/api/v1/namespaces/${NS}/pods/${pod.metadata.name}/log`,
    );
    return {
      job: store().get(KINDS.job, NS, name)!,
      pod,
      log: log.body as string,
    };
  }

  it('runs the command with the Secret in its environment and serves its output as the log', async () => {
    const { job, pod, log } = await runJob('tools-ok', '0');
    expect(job.status.conditions).toContainEqual(
      expect.objectContaining({ type: 'Complete', status: 'True' }),
    );
    expect(pod.status.containerStatuses[0].state.terminated.exitCode).toBe(0);
    expect(log).toContain('greeting: hello from a secret\n');
    expect(log).toContain(`cwd: ${fs.realpathSync(image)}`);
    // Without ?timestamps=true a line is the container's output only, as from a kubelet.
    expect(log).not.toMatch(/^\d{4}-\d\d-\d\dT.*greeting/m);
  });

  it('fails the Job with the exit code of the process', async () => {
    const { job, pod } = await runJob('tools-fail', '3');
    expect(job.status.conditions).toContainEqual(
      expect.objectContaining({
        type: 'Failed',
        reason: 'BackoffLimitExceeded',
      }),
    );
    expect(pod.status.containerStatuses[0].state.terminated.exitCode).toBe(3);
  });

  it('does not start the process when a Secret it needs is missing', async () => {
    const { job, log } = await runJob('tools-nosecret', '0', 'absent');
    expect(job.status.conditions).toContainEqual(
      expect.objectContaining({ type: 'Failed', status: 'True' }),
    );
    expect(log).toContain('secret "absent" not found');
    expect(log).not.toContain('greeting');
  });

  it('knows an image by its repository, whatever the tag or digest', () => {
    expect(imageRepository('registry.local:5000/tools:1.0.0')).toBe(
      'registry.local:5000/tools',
    );
    expect(imageRepository('registry.local/tools@sha256:abc')).toBe(
      'registry.local/tools',
    );
    expect(imageRepository('tools')).toBe('tools');
  });
});
