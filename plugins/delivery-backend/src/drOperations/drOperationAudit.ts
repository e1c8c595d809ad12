import { JsonObject } from '@backstage/types';
import { DrTarget } from '@internal/backstage-plugin-delivery-node';
import { RouteAuditEvent } from '../audit/routeAudit';

/**
 * The operations that only read (a provider's describe calls, a DNS change's progress):
 * the failover action polls them, and they change nothing, so they are not audited.
 */
export const READ_OPERATIONS: readonly string[] = [
  'describe-database',
  'describe-drill-copy',
  'describe-dns',
  'dns-change',
];

/** What an operation's body may name beside its target. */
interface OperationInput {
  entityRef: string;
  environment: string;
  namespace: string;
  mode?: string;
  drillId?: string;
  side?: string;
}

/** `dr-operation`: the failover action asks a DR provider to change something. */
export function drOperationEvent(
  operation: string,
  input: OperationInput,
): RouteAuditEvent {
  const { entityRef, environment, namespace, mode, drillId, side } = input;
  return {
    eventId: 'dr-operation',
    environment,
    meta: {
      operation,
      // As sent: the route refuses one that does not parse, and the outcome has the target.
      entityRef,
      environment,
      namespace,
      ...(mode ? { mode } : {}),
      ...(drillId ? { drillId } : {}),
      ...(side ? { side } : {}),
    },
  };
}

/**
 * What the operation changed where, in one line (`cluster/namespace/object: before →
 * after`), with the clusters it resolved to.
 */
export function drOperationOutcome(
  operation: string,
  target: DrTarget,
  input: OperationInput,
): JsonObject {
  const primary = `${target.primary.name}/${target.namespace}`;
  const dr = `${target.dr.name}/${target.namespace}`;
  const copy = `${dr}/drill-copy/${input.drillId}`;
  const record = `dns/${target.dns.name}`;
  const changes: Record<string, string> = {
    'demote-primary': `${primary}/database/${target.database}: primary → demoted (no writes)`,
    'undo-demotion': `${primary}/database/${target.database}: demoted → primary`,
    'promote-replica': `${dr}/database/${target.database}: replica → primary (${input.mode})`,
    'start-drill-copy': `${copy}: created from the replica`,
    'promote-drill-copy': `${copy}: replica → primary`,
    'delete-drill-copy': `${copy}: deleted`,
    'point-dns': `${record}: → ${
      input.side === 'dr' ? target.dns.drTarget : target.dns.primaryTarget
    } (${input.side})`,
    'create-drill-record': `${record} drill ${input.drillId}: created, → ${target.dns.drTarget}`,
    'delete-drill-record': `${record} drill ${input.drillId}: deleted`,
  };
  return {
    entityRef: target.entityRef,
    primaryCluster: target.primary.name,
    drCluster: target.dr.name,
    ...(changes[operation] ? { change: changes[operation] } : {}),
  };
}
