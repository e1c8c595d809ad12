import { HttpAuthService } from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  DeliveryApiSchemas,
  kubernetesIdOf,
  readDeliveryDescriptor,
} from '@internal/backstage-plugin-delivery-common';
import {
  ClusterConnection,
  DeliveryConfig,
  DrDatabaseProvider,
  DrDnsProvider,
  DrTarget,
  resolveDrTarget,
} from '@internal/backstage-plugin-delivery-node';
import express from 'express';
import Router from 'express-promise-router';
import { normalizeRef } from '../validation';
import { RouteAudit } from '../audit/routeAudit';
import { scaffolderCaller } from '../permissions/scaffolderCaller';
import {
  drOperationEvent,
  drOperationOutcome,
  READ_OPERATIONS,
} from './drOperationAudit';

/** Where the failover action reaches the DR providers. */
export const DR_OPERATIONS_PATH = '/dr-operations';

/**
 * The bodies of the documented `/dr-operations/<name>` paths; each names what its operation
 * needs beside the target, and the contract requires it there.
 */
type Body = DeliveryApiSchemas['DrOperationTarget'] &
  Partial<
    DeliveryApiSchemas['DrDrillOperationRequest'] &
      DeliveryApiSchemas['DrPromoteReplicaRequest'] &
      DeliveryApiSchemas['DrPointDnsRequest'] &
      DeliveryApiSchemas['DrDnsChangeRequest']
  >;

function required<K extends keyof Body>(
  input: Body,
  key: K,
): NonNullable<Body[K]> {
  const value = input[key];
  if (value === undefined)
    throw new InputError(`${key}: is required for this operation`);
  return value as NonNullable<Body[K]>;
}

type Operation = (
  providers: { database: DrDatabaseProvider; dns: DrDnsProvider },
  target: DrTarget,
  input: Body,
) => Promise<unknown>;

/**
 * Every provider call the failover action makes, by name. Each maps to one provider method,
 * so what a task log says ("promote-replica") is what the provider did.
 */
const OPERATIONS: Record<string, Operation> = {
  'describe-database': (p, t) => p.database.describe(t),
  'demote-primary': (p, t) => p.database.demotePrimary(t),
  'undo-demotion': (p, t) => p.database.undoDemotion(t),
  'promote-replica': (p, t, i) =>
    p.database.promoteReplica(t, { mode: required(i, 'mode') }),
  'start-drill-copy': (p, t, i) =>
    p.database.startDrillCopy(t, required(i, 'drillId')),
  'describe-drill-copy': (p, t, i) =>
    p.database.describeDrillCopy(t, required(i, 'drillId')),
  'promote-drill-copy': (p, t, i) =>
    p.database.promoteDrillCopy(t, required(i, 'drillId')),
  'delete-drill-copy': (p, t, i) =>
    p.database.deleteDrillCopy(t, required(i, 'drillId')),
  'describe-dns': (p, t) => p.dns.describe(t),
  'point-dns': (p, t, i) => p.dns.pointTo(t, required(i, 'side')),
  'dns-change': (p, t, i) => p.dns.changeStatus(t, required(i, 'changeId')),
  'create-drill-record': (p, t, i) =>
    p.dns.createDrillRecord(t, required(i, 'drillId')),
  'delete-drill-record': (p, t, i) =>
    p.dns.deleteDrillRecord(t, required(i, 'drillId')),
};

/**
 * The DR providers as the Delivery failover action uses them: one POST per provider call,
 * for service principals only (the scaffolder module, with its plugin token). The providers
 * and their credentials stay in this plugin; the action orchestrates the steps, checkpoints
 * and logs. The target is resolved here from the catalog and `delivery.clusters`, so a
 * caller names a service and an environment, never a cluster or a database. Each operation
 * is its own path in the contract, so its body arrives checked (see `createRouter`); one
 * handler serves them all, and a name that is not an operation is not found. Each operation
 * that changes something is an audit event (`dr-operation`, drOperationAudit).
 */
export function createDrOperationsRouter(options: {
  httpAuth: HttpAuthService;
  catalog: CatalogService;
  config: DeliveryConfig;
  connections: ClusterConnection[];
  providers: () => { database: DrDatabaseProvider; dns: DrDnsProvider };
  audit: RouteAudit;
}): express.Router {
  const router = Router();
  router.post(`${DR_OPERATIONS_PATH}/:operation`, async (req, res) => {
    const handle = async () => {
      const { credentials } = await scaffolderCaller(options.httpAuth, req);
      const operation = OPERATIONS[req.params.operation];
      if (!operation)
        throw new NotFoundError(
          `operation: "${req.params.operation}" is not one of ${Object.keys(
            OPERATIONS,
          ).join(', ')}`,
        );
      const input: Body = req.body;
      const entityRef = normalizeRef(input.entityRef, 'entityRef');
      const entity = await options.catalog.getEntityByRef(entityRef, {
        credentials,
      });
      if (!entity)
        throw new NotFoundError(
          `entityRef: ${entityRef} is not in the catalog`,
        );
      const service = kubernetesIdOf(readDeliveryDescriptor(entity));
      if (!service)
        throw new InputError(
          `entityRef: ${entityRef} has no backstage.io/kubernetes-id annotation`,
        );
      const target = resolveDrTarget({
        entity,
        entityRef,
        service,
        environment: input.environment,
        namespace: input.namespace,
        connections: options.connections,
        config: options.config,
      });
      const result = await operation(options.providers(), target, input);
      return { target, result: result ?? null };
    };
    // Every operation that changes something is audited; the reads the action polls are not.
    const name = req.params.operation;
    const { result } = READ_OPERATIONS.includes(name)
      ? await handle()
      : await options.audit(
          req,
          drOperationEvent(name, req.body),
          handle,
          done => drOperationOutcome(name, done.target, req.body),
        );
    res.json({ result });
  });
  return router;
}
