import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';

/** One cluster of the fleet as the portal config names it. */
export interface FleetCluster {
  name: string;
  url: string;
  caData: string;
  serviceAccountToken: string;
}

/** A sandbox fleet running in a process of its own. */
export interface FleetProcess {
  /** The fleet's admin API (request counters). */
  admin: string;
  /** The portal config the fleet wrote (kubernetes and delivery sections). */
  config: any;
  clusters: FleetCluster[];
  stop(): void;
}

/**
 * Starts `services` synthetic services over `clusters` clusters, each in `spread` of them,
 * with the controllers quiet (a static fleet), in its own process so that serving the
 * clusters does not share the backend's event loop.
 */
export async function startFleet(size: {
  services: number;
  clusters: number;
  spread: number;
}): Promise<FleetProcess> {
  const out = mkdtempSync(join(tmpdir(), 'bench-fleet-'));
  const child: ChildProcess = spawn(
    process.execPath,
    [
      '--max-old-space-size=8192',
      '--require',
      '@backstage/cli-node/config/nodeTransform.cjs',
      'src/cli.ts',
      '--no-catalog',
      '--quiet-controllers',
      '--synthetic',
      String(size.services),
      '--clusters',
      String(size.clusters),
      '--spread',
      String(size.spread),
      '--admin-port',
      '0',
      '--out',
      out,
    ],
    {
      cwd: resolve(__dirname, '../../../packages/sandbox-fleet'),
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const admin = await new Promise<string>((ok, fail) => {
    let text = '';
    child.stdout!.on('data', chunk => {
      text += chunk;
      const match = /admin API\s+(http:\/\/\S+)/.exec(text);
      if (match && text.includes('portal:')) ok(match[1]);
    });
    child.on('exit', code => fail(new Error(`the fleet exited with ${code}`)));
  });
  const config = parse(
    readFileSync(join(out, 'app-config.sandbox.yaml'), 'utf8'),
  );
  return {
    admin,
    config,
    clusters: config.kubernetes.clusterLocatorMethods[0].clusters,
    stop: () => child.kill(),
  };
}

/** Requests the fleet's clusters have served since the counters were last reset. */
export async function kubernetesRequests(admin: string): Promise<number> {
  return (await (await fetch(`${admin}/counters`)).json()).total;
}

export async function resetKubernetesRequests(admin: string): Promise<void> {
  await fetch(`${admin}/counters`, { method: 'DELETE' });
}

/** Sets a Deployment's replicas through the cluster's Kubernetes API, as kubectl scale does. */
export function patchReplicas(
  cluster: FleetCluster,
  namespace: string,
  name: string,
  replicas: number,
): Promise<void> {
  const url = new URL(
    `/apis/apps/v1/namespaces/${namespace}/deployments/${name}`,
    cluster.url,
  );
  return new Promise((ok, fail) => {
    const req = httpsRequest(
      url,
      {
        method: 'PATCH',
        ca: Buffer.from(cluster.caData, 'base64').toString(),
        headers: {
          authorization: `Bearer ${cluster.serviceAccountToken}`,
          'content-type': 'application/merge-patch+json',
        },
      },
      res => {
        res.resume();
        res.on('end', () =>
          res.statusCode === 200
            ? ok()
            : fail(new Error(`PATCH ${url.pathname}: HTTP ${res.statusCode}`)),
        );
      },
    );
    req.on('error', fail);
    req.end(JSON.stringify({ spec: { replicas } }));
  });
}

/** The namespace the fleet puts synthetic service `svc-NNNN` in (bench-((N - 1) mod 10)). */
export function syntheticNamespace(serviceName: string): string {
  return `bench-${(Number(serviceName.replace(/\D/g, '')) - 1) % 10}`;
}
