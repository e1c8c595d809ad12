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

/** `kubectl top` reads metrics.k8s.io after checking discovery for it, as against metrics-server. */
describe('kubectl top against the sandbox', () => {
  let fleet: Fleet;
  let kubeconfig: string;
  let kubectlPath: string;

  beforeAll(async () => {
    kubectlPath = await resolveKubectl();
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
      mkdtempSync(join(tmpdir(), 'sandbox-kubectl-top-')),
      'kubeconfig',
    );
    writeFileSync(kubeconfig, fleet.kubeconfig(), { mode: 0o600 });
    // The first scrape comes with the first controller pass.
    while (!fleet.member('staging')!.cluster.usage) {
      await new Promise(resolve => setTimeout(resolve, 50));
    }
  });
  afterAll(() => fleet.stop());

  const kubectl = (...args: string[]) =>
    run(kubectlPath, ['--context', 'sandbox-staging', ...args], {
      env: { ...process.env, KUBECONFIG: kubeconfig, HOME: tmpdir() },
      timeout: 50_000,
    });

  /** Rows of a kubectl table, split on runs of spaces. */
  const rows = (stdout: string) =>
    stdout
      .trim()
      .split('\n')
      .map(line => line.trim().split(/\s+/));

  it('shows the pods of a namespace with their CPU and memory', async () => {
    const { stdout } = await kubectl('top', 'pods', '-n', 'propertyos');
    const [header, ...lines] = rows(stdout);
    expect(header).toEqual(['NAME', 'CPU(cores)', 'MEMORY(bytes)']);
    expect(lines.length).toBeGreaterThan(10);
    for (const [, cpu, memory] of lines) {
      expect(cpu).toMatch(/^\d+m$/);
      expect(memory).toMatch(/^\d+Mi$/);
    }
    expect(stdout).toMatch(/propertyos-tenant-service-\S+\s+\d+m\s+\d+Mi/);
  });

  it("agrees with the HPA: a service's pods use its reported share of their requests", async () => {
    const { stdout } = await kubectl(
      'top',
      'pods',
      '-n',
      'propertyos',
      '-l',
      'app.kubernetes.io/name=propertyos-property-service',
      '--no-headers',
    );
    const milliCores = rows(stdout).map(([, cpu]) => parseInt(cpu, 10));
    expect(milliCores).toHaveLength(2);
    const hpa = await kubectl(
      'get',
      'hpa',
      '-n',
      'propertyos',
      'propertyos-property-service',
      '-o',
      'jsonpath={.status.currentMetrics[0].resource.current.averageUtilization}',
    );
    // Two critical-tier pods requesting 500m each; kubectl rounds to the millicore.
    const used = (milliCores[0] + milliCores[1]) / 1000;
    expect(Math.abs((used * 100) / 2 / 0.5 - Number(hpa.stdout))).toBeLessThan(
      1,
    );
  });

  it('shows containers and sums with a label selector', async () => {
    const { stdout } = await kubectl(
      'top',
      'pods',
      '-n',
      'propertyos',
      '-l',
      'app.kubernetes.io/name=propertyos-payment-service,delivery/track=blue',
      '--containers',
      '--sum',
    );
    expect(stdout).toMatch(/^POD\s+NAME\s+CPU\(cores\)\s+MEMORY\(bytes\)/);
    expect(stdout).toMatch(
      /propertyos-payment-service-blue-\S+\s+propertyos-payment-service\s+\d+m\s+\d+Mi/,
    );
    expect(stdout.match(/propertyos-payment-service-blue-/g)).toHaveLength(2);
  });

  it('says a pod that is not running has no metrics', async () => {
    const pods = await kubectl(
      'get',
      'pods',
      '-n',
      'incubation-platform',
      '-o',
      'jsonpath={range .items[?(@.status.containerStatuses[0].state.waiting.reason=="CrashLoopBackOff")]}{.metadata.name}{end}',
    );
    const name = pods.stdout.trim();
    expect(name).toMatch(/^incubation-api-server-/);
    await expect(
      kubectl('top', 'pod', name, '-n', 'incubation-platform'),
    ).rejects.toMatchObject({
      stderr: expect.stringContaining(
        `pods.metrics.k8s.io "incubation-platform/${name}" not found`,
      ),
    });
  });

  it('shows every node with its share of what it can allocate', async () => {
    const { stdout } = await kubectl('top', 'nodes');
    const [header, ...lines] = rows(stdout);
    expect(header).toEqual([
      'NAME',
      'CPU(cores)',
      'CPU(%)',
      'MEMORY(bytes)',
      'MEMORY(%)',
    ]);
    expect(lines.map(([name]) => name)).toEqual(
      [1, 2, 3, 4, 5, 6].map(i => `staging-node-${i}`),
    );
    for (const [, cpu, cpuPercent, memory, memoryPercent] of lines) {
      // Allocatable is 7910m and 31Gi per node.
      expect(cpuPercent).toBe(
        `${Math.floor((parseInt(cpu, 10) * 100) / 7910)}%`,
      );
      expect(memoryPercent).toBe(
        `${Math.floor((parseInt(memory, 10) * 100) / (31 * 1024))}%`,
      );
    }
  });

  it('prints PodMetrics as a table for kubectl get, with the columns metrics-server prints', async () => {
    const { stdout } = await kubectl(
      'get',
      'podmetrics.metrics.k8s.io',
      '-n',
      'propertyos',
      '-l',
      'app.kubernetes.io/name=propertyos-tenant-service',
    );
    expect(stdout).toMatch(/^NAME\s+CPU\s+MEMORY\s+WINDOW\n/);
    expect(stdout).toMatch(
      /propertyos-tenant-service-\S+\s+\d+[num]?\s+\d+(Ki|Mi)\s+15(\.\d+)?s/,
    );
  });
});
