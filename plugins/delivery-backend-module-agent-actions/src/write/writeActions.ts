import { TemplateAction } from '@backstage/plugin-scaffolder-node';
import { JsonObject } from '@backstage/types';
import {
  createDeployAction,
  createFailoverAction,
  createRollbackAction,
  createScaleAction,
  DeliveryActionDeps,
  deployInput,
  failoverInput,
  rollbackInput,
  scaleInput,
} from '@internal/backstage-plugin-scaffolder-backend-module-delivery';
import type { z } from 'zod/v3';

/** A field of a scaffolder action's input schema: a builder on zod. */
export type FieldBuilder = (zod: typeof z) => z.ZodTypeAny;

/**
 * One Delivery write action offered to agents: the scaffolder action it runs, the inputs
 * the agent gives (the scaffolder action's, less what agents may not set and what this
 * action fixes), and what it does to the environment, stated truly.
 */
export interface WriteActionDefinition {
  name: string;
  title: string;
  /** What it does and what it refuses; the common part about dry runs is added. */
  description: string;
  create(deps: DeliveryActionDeps): TemplateAction<any, any>;
  input: Record<string, FieldBuilder>;
  /** Inputs the registry action sets itself, never taken from the agent. */
  fixedInput?: JsonObject;
  /** Inputs of the scaffolder action an agent may not give. */
  withheld?: string[];
  /** Outputs beyond the frame's (summary, runId, entityUrl). */
  output?: Record<string, FieldBuilder>;
  attributes: { destructive: boolean; idempotent: boolean; readOnly: false };
}

/** What every action that changes running workloads is. */
const CHANGES_WORKLOADS = {
  // It replaces or resizes what serves users.
  destructive: true,
  // A second call starts a second run (a new rollout), or is refused while the first
  // holds the service's lock: never a no-op.
  idempotent: false,
  readOnly: false,
} as const;

/** The Delivery write actions agents may call, by registry name (`delivery:<name>`). */
export const WRITE_ACTIONS: readonly WriteActionDefinition[] = [
  {
    name: 'deploy',
    title: 'Deploy an image to a service',
    description:
      "Deploys a container image (with a tag or a sha256 digest) to one service in one environment with the service's strategy (rolling, blue-green or canary; or its Argo Rollout), follows the rollout until it is done, and records the run. Refused if the image reference has no tag or digest, or if an input does not fit the strategy (keepPreviousSeconds is blue-green only; canarySteps and canaryPauseSeconds canary only; pauseForPromotion not for rolling).",
    create: createDeployAction,
    input: deployInput,
    attributes: CHANGES_WORKLOADS,
  },
  {
    name: 'rollback',
    title: 'Roll a service back',
    description:
      'Rolls one service in one environment back to its previous Deployment revision (or the given `revision`), or for blue-green to its other colour; an Argo Rollout to its previous (or the given) revision. Refused if the revision or colour is gone, or runs the same image as now.',
    create: createRollbackAction,
    input: rollbackInput,
    attributes: CHANGES_WORKLOADS,
  },
  {
    name: 'scale',
    title: 'Scale a service',
    description:
      "Scales one service in one environment: `replicas` for Deployments without a HorizontalPodAutoscaler, or `minReplicas`/`maxReplicas` for those under one. Refused if the wrong one is given for the service's Deployments, or if the added pods would take the service over its monthly budget.",
    create: createScaleAction,
    input: scaleInput,
    attributes: CHANGES_WORKLOADS,
  },
  {
    name: 'failover-drill',
    title: 'Run a DR drill',
    description:
      "Runs a DR drill of one service in one environment: copies its DR database replica and promotes the copy, creates a drill DNS record, scales copies of its DR Deployments to the production count, measures the recovery time, then removes every copy. Nothing that serves users changes: not the primary, not the DR replica, not the service's DNS record. Under the default policy the platform team's only (permission delivery.failover.run). Refused if the environment has no DR cluster or a pre-check fails. A switchover or a real failover is not offered to agents: a person runs it from the portal.",
    create: createFailoverAction,
    input: failoverInput,
    fixedInput: { mode: 'drill' },
    // A drill never loses data; only an unplanned failover may accept that.
    withheld: ['acceptDataLoss'],
    output: {
      recoverySeconds: zod =>
        zod
          .number()
          .optional()
          .describe('The measured recovery time of the drill'),
    },
    // It only adds throwaway copies (a database copy, a DNS record, Deployments) beside
    // what exists and removes them again: additive, so not destructive. Each call is a new
    // drill with new copies and a new run, so not idempotent.
    attributes: { destructive: false, idempotent: false, readOnly: false },
  },
];

/** Said of every write action, after its own description. */
export const WRITE_ACTION_RULES =
  'Dry run unless `execute: true`: a dry run meets every check a real run meets and says what the run would do, changing nothing; call it first and show its summary. ' +
  "`environment` is one of `delivery.environments` (e.g. staging, production) and one of the service's own. " +
  'Refused, with the reason, before anything changes: a service the caller may not act on (under the default policy its owning team and the platform team outside production, the platform team alone in production), a preflight check (a rollout already in progress, a freeze window, a workload a GitOps controller manages, the image policy, the promotion gate for production), or another run holding the service and environment. ' +
  'An agent cannot override a preflight refusal: a person of the platform team does that in the portal with a written reason. ' +
  'A run is recorded in the run history (get-run-history) and the audit log with the caller as who acted. The call returns when the run ends.';
