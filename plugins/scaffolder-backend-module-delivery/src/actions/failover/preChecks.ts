import { LoggerService } from '@backstage/backend-plugin-api';
import {
  DeliveryApiClient,
  DrFailoverMode,
} from '@internal/backstage-plugin-delivery-common';
import type {
  DrDatabaseState,
  DrDnsRecord,
} from '@internal/backstage-plugin-delivery-node';
import { V1Deployment } from '@kubernetes/client-node';
import { KubeCluster } from '../../kube/KubeCluster';
import { freeCapacity, formatResources, podRequests } from './capacity';
import { FailoverTarget } from './failoverTarget';
import { drOperation } from './drOperation';

/** One pre-check's verdict, as the task log and the run's outcome show it. */
export interface PreCheck {
  name: string;
  ok: boolean;
  detail: string;
}

/** What the pre-checks found; the steps act on it. */
export interface PreCheckReport {
  checks: PreCheck[];
  /** The namespace the service runs in on the DR side. */
  namespace?: string;
  /** Replicas each DR Deployment must reach: what the primary runs now (or its HPA minimum). */
  targetReplicas: Record<string, number>;
  /** Undefined when the primary cluster could not be read. */
  primaryReachable: boolean;
  lagSeconds?: number;
  database?: DrDatabaseState;
  dns?: DrDnsRecord;
}

/** Deployments of the service, drill copies left out. */
export const serviceDeployments = (deployments: V1Deployment[]) =>
  deployments.filter(d => !d.metadata?.labels?.['delivery.backstage.io/drill']);

/**
 * Every check a failover must pass before anything changes: DR cluster reachable, DR
 * workloads present, capacity for the production replica count, the replica present and
 * its lag against the RPO, the providers' credentials (each answers a read). Reads only.
 */
export async function runPreChecks(options: {
  target: FailoverTarget;
  mode: DrFailoverMode;
  acceptDataLoss: boolean;
  primary: KubeCluster;
  dr: KubeCluster;
  client: DeliveryApiClient;
  logger: LoggerService;
}): Promise<PreCheckReport> {
  const { target, mode, primary, dr, client } = options;
  const checks: PreCheck[] = [];
  const check = (name: string, ok: boolean, detail: string) => {
    checks.push({ name, ok, detail });
    options.logger[ok ? 'info' : 'error'](
      `Pre-check ${ok ? 'passed' : 'FAILED'}: ${name}: ${detail}`,
    );
  };
  const report: PreCheckReport = {
    checks,
    targetReplicas: {},
    primaryReachable: false,
  };

  let drDeployments: V1Deployment[] = [];
  try {
    drDeployments = serviceDeployments(await dr.deploymentsOf(target.selector));
    check('DR cluster reachable', true, `${dr.name} answered`);
  } catch (error) {
    check(
      'DR cluster reachable',
      false,
      `${dr.name}: ${(error as Error).message}`,
    );
    return report;
  }
  if (!drDeployments.length) {
    check(
      'DR workloads present',
      false,
      `${dr.name} runs no Deployment labelled ${target.selector}; deploy the standby first`,
    );
    return report;
  }
  report.namespace = drDeployments[0].metadata!.namespace!;
  check(
    'DR workloads present',
    true,
    drDeployments
      .map(d => `${d.metadata!.name} at ${d.spec?.replicas ?? 0} replicas`)
      .join(', '),
  );

  // What the DR side must run: what the primary runs now (at least its HPA minimum), or
  // what the standby has and at least 2 when the primary cannot be read. The checks are
  // checkpointed before the fence, so a recovered run never reads the fenced zeros.
  let primaryDeployments: V1Deployment[] = [];
  try {
    primaryDeployments = serviceDeployments(
      await primary.deploymentsOf(target.selector),
    );
    report.primaryReachable = true;
  } catch (error) {
    options.logger.warn(
      `Primary cluster ${primary.name} could not be read: ${
        (error as Error).message
      }`,
    );
  }
  const autoscalers = report.primaryReachable
    ? await primary.autoscalersIn(report.namespace).catch(() => [])
    : [];
  for (const deployment of drDeployments) {
    const name = deployment.metadata!.name!;
    const running = primaryDeployments.find(d => d.metadata?.name === name);
    const hpaMin = autoscalers.find(h => h.spec?.scaleTargetRef?.name === name)
      ?.spec?.minReplicas;
    report.targetReplicas[name] = running
      ? Math.max(running.spec?.replicas ?? 0, hpaMin ?? 0)
      : Math.max(deployment.spec?.replicas ?? 0, 2);
  }
  if (!report.primaryReachable && mode === 'switchover') {
    check(
      'Primary reachable',
      false,
      `${primary.name} cannot be read; a switchover needs the primary to fence and demote it. Use mode failover for an unplanned failover`,
    );
  }

  try {
    const [nodes, pods] = await Promise.all([dr.nodes(), dr.activePods()]);
    const free = freeCapacity(nodes, pods);
    const needed = drDeployments.reduce(
      (sum, d) => {
        const more = Math.max(
          0,
          report.targetReplicas[d.metadata!.name!] -
            (mode === 'drill' ? 0 : d.status?.readyReplicas ?? 0),
        );
        const each = podRequests(d);
        return {
          cpu: sum.cpu + more * each.cpu,
          memory: sum.memory + more * each.memory,
        };
      },
      { cpu: 0, memory: 0 },
    );
    check(
      'DR capacity',
      needed.cpu <= free.cpu && needed.memory <= free.memory,
      `needs ${formatResources(needed)} more, ${dr.name} has ${formatResources(
        free,
      )} free`,
    );
  } catch (error) {
    check('DR capacity', false, `${dr.name}: ${(error as Error).message}`);
  }

  const call = {
    entityRef: target.entityRef,
    environment: target.environment,
    namespace: report.namespace,
  };
  if (target.hasDatabase) {
    try {
      const database = await drOperation(client, 'describe-database', call);
      report.database = database;
      report.lagSeconds = database.lagSeconds;
      const replica = database.replica;
      if (!replica) {
        check(
          'Database replica',
          false,
          `${database.provider} found no replica of the database in the DR region`,
        );
      } else if (!replica.available) {
        check(
          'Database replica',
          false,
          `${replica.id} is ${replica.status}, not available`,
        );
      } else {
        check(
          'Database replica',
          true,
          `${replica.id} is ${replica.status} (${replica.role})`,
        );
      }
      const rpoSeconds = target.descriptor.rpoMinutes * 60;
      const lag = database.lagSeconds;
      if (replica?.role === 'primary') {
        check(
          'Replication lag',
          true,
          `${replica.id} is already the primary (a recovered run)`,
        );
      } else if (lag === undefined) {
        check(
          'Replication lag',
          mode === 'failover' && options.acceptDataLoss,
          `the lag could not be measured${
            mode === 'failover' && options.acceptDataLoss
              ? '; data loss accepted'
              : '; set acceptDataLoss to fail over anyway'
          }`,
        );
      } else if (lag <= rpoSeconds || mode === 'switchover') {
        check(
          'Replication lag',
          true,
          `${lag} s against an RPO of ${rpoSeconds} s${
            mode === 'switchover' && lag > rpoSeconds
              ? '; the switchover waits for the replica to catch up'
              : ''
          }`,
        );
      } else {
        const accepted = mode === 'failover' && options.acceptDataLoss;
        let consequence =
          '; a failover now would lose more than the RPO allows';
        if (accepted)
          consequence = `; up to ${lag} s of writes will be lost, accepted`;
        else if (mode === 'failover')
          consequence =
            '; failing over now loses more than the RPO allows: set acceptDataLoss to accept it';
        check(
          'Replication lag',
          accepted,
          `${lag} s is above the RPO of ${rpoSeconds} s${consequence}`,
        );
      }
    } catch (error) {
      check('Database provider credentials', false, (error as Error).message);
    }
  }
  try {
    const dns = await drOperation(client, 'describe-dns', call);
    if (dns) {
      report.dns = dns;
      check(
        'DNS provider credentials',
        true,
        `${dns.provider}: ${dns.name} points at ${dns.targets.join(', ')} (${
          dns.pointsTo
        }), TTL ${dns.ttlSeconds} s`,
      );
    } else {
      check(
        'DNS provider credentials',
        false,
        `the DNS record of ${target.serviceName} does not exist at the DNS provider`,
      );
    }
  } catch (error) {
    check('DNS provider credentials', false, (error as Error).message);
  }
  return report;
}

export const failedChecks = (report: PreCheckReport) =>
  report.checks.filter(c => !c.ok);
