import { ChildProcess, spawn } from 'node:child_process';
import readline from 'node:readline';
import { Cluster } from '../fleet/Cluster';
import { KubeObject } from '../store/types';
import { storageKey, preferredType } from '../api/resources';

/**
 * Images that really run. A simulated container only pretends; a Job whose image is one
 * of these runs its command as a local process, the way a kubelet would run the image:
 * the image's files are a local directory (its root stands for the container's working
 * directory), the environment comes from the container's `env` and `envFrom` (Secrets and
 * ConfigMaps read from the cluster), and stdout and stderr become the pod's log. Tests use
 * it to run a service's real knex migrations against a real database through the same Job
 * objects a cluster would get.
 *
 * Keys are image repositories without tag or digest (`ghcr.io/acme/ledger`); values are
 * directories.
 */
export type LocalImages = Record<string, string>;

const SECRETS = storageKey(preferredType('Secret'));
const CONFIG_MAPS = storageKey(preferredType('ConfigMap'));

/** `ghcr.io/acme/ledger:1.2.0` or `...@sha256:…` to `ghcr.io/acme/ledger`. */
export function imageRepository(image: string): string {
  const withoutDigest = image.split('@')[0];
  const lastSlash = withoutDigest.lastIndexOf('/');
  const colon = withoutDigest.indexOf(':', lastSlash + 1);
  return colon === -1 ? withoutDigest : withoutDigest.slice(0, colon);
}

export interface LocalRun {
  kill(): void;
}

function decode(value: string): string {
  return Buffer.from(value, 'base64').toString('utf8');
}

function mapData(object: KubeObject | undefined, base64: boolean) {
  if (!object) return undefined;
  const data: Record<string, string> = {};
  for (const [key, value] of Object.entries(object.data ?? {}))
    data[key] = base64 ? decode(String(value)) : String(value);
  for (const [key, value] of Object.entries(object.stringData ?? {}))
    data[key] = String(value);
  return data;
}

/**
 * The container's environment as the kubelet builds it; a missing Secret or key is the
 * error a kubelet reports (CreateContainerConfigError), unless marked optional.
 */
function containerEnv(
  cluster: Cluster,
  namespace: string,
  container: any,
): Record<string, string> {
  const read = (kind: 'secret' | 'configMap', name: string) =>
    mapData(
      cluster.store.get(
        kind === 'secret' ? SECRETS : CONFIG_MAPS,
        namespace,
        name,
      ),
      kind === 'secret',
    );
  const env: Record<string, string> = {};
  for (const source of container.envFrom ?? []) {
    const ref = source.secretRef ?? source.configMapRef;
    const data = read(source.secretRef ? 'secret' : 'configMap', ref.name);
    if (!data && !ref.optional)
      throw new Error(
        `${source.secretRef ? 'secret' : 'configmap'} "${ref.name}" not found`,
      );
    for (const [key, value] of Object.entries(data ?? {}))
      env[`${source.prefix ?? ''}${key}`] = value;
  }
  for (const variable of container.env ?? []) {
    const from =
      variable.valueFrom?.secretKeyRef ?? variable.valueFrom?.configMapKeyRef;
    if (!from) {
      env[variable.name] = String(variable.value ?? '');
      continue;
    }
    const data = read(
      variable.valueFrom.secretKeyRef ? 'secret' : 'configMap',
      from.name,
    );
    if (data?.[from.key] !== undefined) env[variable.name] = data[from.key];
    else if (!from.optional)
      throw new Error(`couldn't find key ${from.key} in "${from.name}"`);
  }
  return env;
}

export class LocalImageRuntime {
  private readonly running = new Set<ChildProcess>();

  constructor(private readonly images: LocalImages = {}) {}

  directoryOf(image: string): string | undefined {
    return this.images[imageRepository(image)];
  }

  /**
   * Starts the pod's first container. `onExit` gets the exit code (137 when killed), or
   * an error message when the container could not be created.
   */
  run(
    cluster: Cluster,
    pod: KubeObject,
    onLine: (line: string) => void,
    onExit: (exitCode: number, reason?: string) => void,
  ): LocalRun {
    const container = pod.spec.containers[0];
    const directory = this.directoryOf(container.image)!;
    let env: Record<string, string>;
    try {
      env = containerEnv(cluster, pod.metadata.namespace!, container);
    } catch (error) {
      onLine(`Error: ${(error as Error).message}`);
      onExit(1, 'CreateContainerConfigError');
      return { kill: () => {} };
    }
    const argv = [...(container.command ?? []), ...(container.args ?? [])];
    const [command, ...args] = argv;
    const child = spawn(command === 'node' ? process.execPath : command, args, {
      cwd: directory,
      // PATH so commands resolve as in the image; nothing else of the host leaks in.
      env: { PATH: process.env.PATH ?? '', HOME: directory, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.running.add(child);
    for (const stream of [child.stdout, child.stderr])
      readline.createInterface({ input: stream }).on('line', onLine);
    let settled = false;
    const settle = (code: number, reason?: string) => {
      if (settled) return;
      settled = true;
      this.running.delete(child);
      onExit(code, reason);
    };
    child.on('error', error => {
      onLine(`Error: ${error.message}`);
      settle(127, 'StartError');
    });
    // 'close' comes after the last line of output, unlike 'exit'.
    child.on('close', (code, signal) =>
      settle(code ?? (signal ? 137 : 1), signal ? 'Killed' : undefined),
    );
    return { kill: () => child.kill('SIGKILL') };
  }

  /** Kills every process still running, when the fleet stops. */
  stopAll(): void {
    for (const child of this.running) child.kill('SIGKILL');
    this.running.clear();
  }
}
