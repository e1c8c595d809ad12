import { resolveKubectl } from '@internal/bundled-kubectl';
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { clustersOnFreePorts } from '../fleet/defaults';
import { Fleet } from '../fleet/Fleet';
import { CATALOG_DIR } from '../__testUtils__/testFleet';

const run = promisify(execFile);
jest.setTimeout(60_000);

/**
 * kubectl is the strictest everyday client: discovery, server-side printing, strategic
 * merge patches and watches. The official kubectl bundled with Delivery, whatever the
 * host has.
 */
describe('kubectl against the sandbox', () => {
  let fleet: Fleet;
  let kubeconfig: string;
  let kubectlPath: string;

  beforeAll(async () => {
    kubectlPath = await resolveKubectl();
    // Real time, sped up: kubectl waits on watches while the controllers work.
    fleet = await Fleet.start({
      catalogDir: CATALOG_DIR,
      clusters: clustersOnFreePorts(['staging']),
      adminPort: 0,
      simulation: {
        tickMs: 100,
        speed: 5,
        load: {
          mode: 'steady',
          periodMs: 600_000,
          scaleDownStabilizationMs: 300_000,
        },
      },
    });
    kubeconfig = join(
      mkdtempSync(join(tmpdir(), 'sandbox-kubectl-')),
      'kubeconfig',
    );
    writeFileSync(kubeconfig, fleet.kubeconfig(), { mode: 0o600 });
  });
  afterAll(() => fleet.stop());

  const kubectl = (...args: string[]) =>
    run(kubectlPath, ['--context', 'sandbox-staging', ...args], {
      env: { ...process.env, KUBECONFIG: kubeconfig, HOME: tmpdir() },
      timeout: 50_000,
    });

  it('gets deployments across namespaces with the columns a real server prints', async () => {
    const { stdout } = await kubectl('get', 'deployments', '-A');
    const lines = stdout.trim().split('\n');
    expect(lines[0]).toMatch(
      /^NAMESPACE\s+NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE$/,
    );
    expect(stdout).toMatch(
      /propertyos\s+propertyos-tenant-service\s+1\/1\s+1\s+1\s+\d+d/,
    );
  });

  it('shows the crash-looping pod with its reason and restarts', async () => {
    const { stdout } = await kubectl(
      'get',
      'pods',
      '-n',
      'incubation-platform',
    );
    expect(stdout).toMatch(
      /incubation-api-server-\S+\s+0\/1\s+CrashLoopBackOff\s+6/,
    );
  });

  it('sets an image and follows the rollout to completion', async () => {
    const target = ['-n', 'propertyos', 'deployment/propertyos-owner-service'];
    const before = await kubectl(
      'rollout',
      'status',
      ...target,
      '--timeout=5s',
    );
    expect(before.stdout).toContain('successfully rolled out');

    await kubectl(
      'set',
      'image',
      ...target,
      'propertyos-owner-service=ghcr.io/delivery-example/propertyos-owner-service:3.0.0',
    );
    const rollout = await kubectl(
      'rollout',
      'status',
      ...target,
      '--timeout=40s',
    );
    expect(rollout.stdout).toContain(
      'deployment "propertyos-owner-service" successfully rolled out',
    );

    const { stdout } = await kubectl(
      'get',
      ...target,
      '-o',
      'jsonpath={.spec.template.spec.containers[0].image} {.status.updatedReplicas}/{.status.replicas}',
    );
    expect(stdout).toBe(
      'ghcr.io/delivery-example/propertyos-owner-service:3.0.0 1/1',
    );
  });

  it('reports a rollout that passed its progress deadline as failed', async () => {
    await expect(
      kubectl(
        'rollout',
        'status',
        '-n',
        'propertyos',
        'deployment/propertyos-analytics-service',
        '--timeout=10s',
      ),
    ).rejects.toMatchObject({
      stderr: expect.stringContaining('exceeded its progress deadline'),
    });
  });

  it('gets Argo Rollouts by short name with their CRD columns, and patches their status', async () => {
    const { stdout } = await kubectl('get', 'ro', '-n', 'capsight');
    expect(stdout).toMatch(
      /^NAME\s+DESIRED\s+CURRENT\s+UP-TO-DATE\s+AVAILABLE\s+AGE\n/,
    );
    expect(stdout).toMatch(/capsight-backend\s+4\s+4\s+1\s+4\s+\d+d/);
    const templates = await kubectl(
      'get',
      'at',
      '-n',
      'capsight',
      '-o',
      'name',
    );
    expect(templates.stdout.trim()).toBe(
      'analysistemplate.argoproj.io/success-rate',
    );

    // What `kubectl argo rollouts abort` sends, through the status subresource.
    await kubectl(
      'patch',
      'rollout',
      'capsight-backend',
      '-n',
      'capsight',
      '--subresource=status',
      '--type=merge',
      '-p',
      '{"status":{"abort":true}}',
    );
    await kubectl(
      'wait',
      'rollout/capsight-backend',
      '-n',
      'capsight',
      '--for=jsonpath={.status.phase}=Degraded',
      '--timeout=20s',
    );
  });
});
