import { LoggerService } from '@backstage/backend-plugin-api';
import { JsonValue } from '@backstage/types';
import {
  DeliveryApiClient,
  DeliveryApiSchemas,
  DrFailoverState,
} from '@internal/backstage-plugin-delivery-common';
import { KubeCluster } from '../../kube/KubeCluster';
import { FailoverTarget } from './failoverTarget';
import { pollUntil } from './pollUntil';
import { PreCheckReport, serviceDeployments } from './preChecks';
import { StepRunner } from './StepRunner';
import { drOperation } from './drOperation';

/** Everything the drill and the failover steps share. */
export interface FailoverContext {
  target: FailoverTarget;
  report: PreCheckReport;
  call: DeliveryApiSchemas['DrOperationTarget'];
  primary: KubeCluster;
  dr: KubeCluster;
  /** The Delivery backend, which owns the DR providers and the approvals. */
  client: DeliveryApiClient;
  steps: StepRunner;
  logger: LoggerService;
  signal?: AbortSignal;
  checkpoint: <T extends JsonValue | void>(
    key: string,
    fn: () => Promise<T>,
  ) => Promise<T>;
  /** Longest wait for one thing (a promotion, a DNS sync, a rollout). */
  timeoutMs: number;
  pollMs: number;
  /** How long the DR side must stay healthy after the switch: at least the DNS TTL. */
  verifySeconds: number;
}

/** Waits with the context's timeout and poll interval. */
export function waitFor<T>(
  ctx: FailoverContext,
  what: string,
  read: () => Promise<T | undefined>,
  describe?: () => string,
): Promise<T> {
  return pollUntil(what, read, {
    timeoutMs: ctx.timeoutMs,
    pollMs: ctx.pollMs,
    signal: ctx.signal,
    describe,
  });
}

/** Ready replicas of the service's Deployments in one cluster; undefined when unreadable. */
export async function readyReplicas(
  cluster: KubeCluster,
  selector: string,
): Promise<number | undefined> {
  try {
    return serviceDeployments(await cluster.deploymentsOf(selector)).reduce(
      (sum, d) => sum + (d.status?.readyReplicas ?? 0),
      0,
    );
  } catch {
    return undefined;
  }
}

/**
 * Where each part stands now, read fresh (each part on its own, so one unreachable side
 * does not hide the others): what a failed run reports, and what a successful one records.
 */
export async function readFailoverState(
  ctx: FailoverContext,
): Promise<DrFailoverState> {
  const [database, dns, primaryReady, drReady] = await Promise.all([
    ctx.target.hasDatabase
      ? drOperation(ctx.client, 'describe-database', ctx.call).catch(
          () => undefined,
        )
      : Promise.resolve(undefined),
    drOperation(ctx.client, 'describe-dns', ctx.call).catch(() => undefined),
    readyReplicas(ctx.primary, ctx.target.selector),
    readyReplicas(ctx.dr, ctx.target.selector),
  ]);
  let databasePrimary: DrFailoverState['databasePrimary'] = 'unknown';
  if (database?.replica?.role === 'primary') databasePrimary = 'dr';
  else if (database?.primary?.role === 'primary') databasePrimary = 'primary';
  return {
    databasePrimary,
    dnsPointsTo: dns ? dns.pointsTo : 'unknown',
    primaryReadyReplicas: primaryReady,
    drReadyReplicas: drReady,
  };
}

export const describeState = (state: DrFailoverState) =>
  [
    `database primary: ${state.databasePrimary}`,
    `DNS points at: ${state.dnsPointsTo}`,
    `ready replicas: primary ${state.primaryReadyReplicas ?? 'unknown'}, DR ${
      state.drReadyReplicas ?? 'unknown'
    }`,
  ].join('; ');

export function formatSeconds(seconds: number): string {
  if (seconds < 60) return `${Math.round(seconds)} s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes} min ${Math.round(seconds - minutes * 60)} s`;
}
