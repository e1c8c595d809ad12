import { Entity } from '@backstage/catalog-model';
import { Fleet } from '@internal/sandbox-fleet';
import { spawn } from 'node:child_process';
import path from 'node:path';
import yaml from 'yaml';
import type {
  DeliveryBackendProcessOptions,
  DeliveryBackendReady,
} from './deliveryBackendProcess';

export interface DeliveryBackendProcess {
  /** Where it serves, e.g. http://localhost:1234; the scaffolder is under /api/scaffolder. */
  url: string;
  /** Kills it with SIGKILL, as a crash or an OOM kill would: no shutdown hook runs. */
  kill(): Promise<void>;
  /** What it wrote to stdout and stderr, to explain a failure. */
  output(): string;
}

/**
 * Starts a Delivery actions backend (see deliveryBackendProcess.ts) in a child process
 * against a running fleet, and resolves once it serves.
 */
export async function spawnDeliveryBackend(options: {
  fleet: Fleet;
  templates: Entity[];
  config?: Record<string, unknown>;
  environments?: DeliveryBackendProcessOptions['environments'];
  /**
   * How long the process may take to start (transpiling the backend on the fly, running
   * its migrations); 90 s by default, which a busy machine needs.
   */
  startTimeoutMs?: number;
}): Promise<DeliveryBackendProcess> {
  const processOptions: DeliveryBackendProcessOptions = {
    portal: yaml.parse(options.fleet.portalConfig()),
    templates: options.templates,
    config: options.config,
    environments: options.environments,
  };
  const child = spawn(
    process.execPath,
    [
      '--require',
      require.resolve('@backstage/cli/config/nodeTransform.cjs'),
      path.join(__dirname, 'deliveryBackendProcess.ts'),
    ],
    {
      env: {
        ...process.env,
        DELIVERY_BACKEND_OPTIONS: JSON.stringify(processOptions),
      },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    },
  );
  let output = '';
  child.stdout!.on('data', chunk => (output += chunk));
  child.stderr!.on('data', chunk => (output += chunk));
  const exited = new Promise<void>(resolve =>
    child.once('exit', () => resolve()),
  );

  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`backend process did not start in time:\n${output}`));
    }, options.startTimeoutMs ?? 90_000);
    // The require hook also sends messages (files to watch): only ours counts.
    child.on('message', (message: Partial<DeliveryBackendReady>) => {
      if (message?.type !== 'delivery-backend-ready') return;
      clearTimeout(timer);
      resolve(message.port!);
    });
    child.once('exit', code => {
      clearTimeout(timer);
      reject(new Error(`backend process exited (${code}):\n${output}`));
    });
  });

  return {
    url: `http://localhost:${port}`,
    async kill() {
      if (child.exitCode === null && child.signalCode === null)
        child.kill('SIGKILL');
      await exited;
    },
    output: () => output,
  };
}
