import {
  BackstageCredentials,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { JsonObject, JsonValue } from '@backstage/types';
import {
  DeliveryApiClient,
  Strategy,
} from '@internal/backstage-plugin-delivery-common';
import {
  ClusterConnection,
  DeliveryConfig,
} from '@internal/backstage-plugin-delivery-node';
import { KubeCluster } from '../../kube/KubeCluster';
import { DeployStep } from '../../workloads/DeployStep';
import { ClusterWorkloads } from '../../workloads/snapshot';
import type { AuditSink, PreflightCheck } from './hooks';
import { ActionReach, ActionTarget } from './resolveActionTarget';

/** What every Delivery action that changes a service needs from the backend. */
export interface DeliveryActionDeps {
  catalog: CatalogService;
  config: DeliveryConfig;
  rootConfig: Config;
  /** Every cluster Delivery reaches (readClusterConnections), read once at start-up. */
  connections: ClusterConnection[];
  permissions: PermissionsService;
  /**
   * The Delivery backend (run store, budget check, approvals, DR providers), through the
   * client generated from its contract (see deliveryApiFor), with the scaffolder's own
   * service token: reads, finishing a run, DR operations.
   */
  delivery: DeliveryApiClient;
  /**
   * The same client on behalf of a user, the task's initiator: for the requests whose
   * record says who acted (starting a run, asking for a failover approval). The backend
   * takes who acted from this token, never from a request body.
   */
  deliveryOnBehalfOf(initiator: BackstageCredentials): DeliveryApiClient;
  logger: LoggerService;
  /** How often a rollout is read while it is followed. */
  pollMs?: number;
  /**
   * Where the frame's audit points go (see hooks.ts); the module passes its auditorSink.
   * Default nowhere.
   */
  audit?: AuditSink;
  /** The preflight checks; default PREFLIGHT_CHECKS (see hooks.ts). */
  preflightChecks?: readonly PreflightCheck[];
  /** The time preflight checks are made against; default the system clock (tests set it). */
  now?: () => Date;
}

/** What the frame hands an action: the target, checked, and its clusters' state. */
export interface ActionPlan extends Omit<ActionTarget, 'clusters' | 'dr'> {
  /** The clusters the action acts on (the environment's primaries), ready to call. */
  clusters: KubeCluster[];
  /** The environment's DR cluster, for an action that reaches it. */
  dr?: KubeCluster;
  /** Per primary cluster, the service's Deployments and Services as they were read. */
  workloads: ClusterWorkloads[];
  step: DeployStep;
  /** Who started the task, as the permission check saw them (ctx.getInitiatorCredentials). */
  initiator: BackstageCredentials;
}

/** What an action's own part returns: the outcome and the run's status. */
export interface ActionOutcome {
  summary: string;
  status?: 'succeeded' | 'paused';
  /**
   * What the run records as its state after, when that is not the workloads the frame
   * reads again (a failover's steps and where the database and DNS stand).
   */
  after?: JsonValue;
  /**
   * Changes the workloads before and after do not show, one line each, as the audit log
   * records them: `cluster/namespace/Kind/name: what before → after` (a migration Job, an
   * autoscaler's bounds, a failover step).
   */
  changes?: string[];
}

/**
 * A failure that says itself what the run records: its message is the run's summary and
 * `after` its state after (a failover that failed forward, and where things stand; when
 * undefined, the workloads as the frame reads them again).
 */
export class ActionFailure extends Error {
  name = 'ActionFailure';

  /** `changes`: what it changed before it failed, as ActionOutcome's. */
  constructor(
    message: string,
    readonly after: JsonValue | undefined,
    readonly changes: string[] = [],
  ) {
    super(message);
  }
}

/**
 * One Delivery action as the frame runs it: the inputs that name what it acts on and what
 * the run history keeps, then its own parts (`describe`, `check`, `perform`). Reading the
 * service, the environment and permission checks, the preflight checks, dry run, the lock,
 * the run record, cancellation and the audit points are the frame's.
 */
export interface DeliveryActionSpec {
  /** The run history's name for the action: deploy, promote, ..., failover. */
  action: string;
  /** How a refusal names what was refused ("read the migrations of"); default `action`. */
  verb?: string;
  entityRef: string;
  environment: string;
  /** Instead of the service's delivery/strategy (deploy's `strategy` input). */
  strategy?: Strategy;
  /** Which clusters of the environment it acts on; default its primary clusters. */
  reach?: ActionReach;
  /**
   * False for a read that takes no lock and records no run (migration status); it still
   * meets every check. Default true.
   */
  recordsRun?: boolean;
  /**
   * True for an action that acts on Argo Rollouts where they run the service (promote,
   * abort, retry, rollback, deploy); the others are refused in a cluster where the
   * service has a Rollout and no Deployment. Default false.
   */
  actsOnRollouts?: boolean;
  /** How long a step may follow a rollout or a Job. */
  rolloutTimeoutSeconds: number;
  /** Inputs as the run history keeps them: no secrets. */
  recordedInputs: JsonObject;
  /**
   * Checks of the inputs alone (an image reference's form, a URL's scheme, fields that
   * exclude each other), before anything is read; a refusal names the field. The frame
   * runs them first, so a refusal of them is audited like any other.
   */
  validate?(): void;
  /** What the action does, for the task log and the run: "rolling deploy of x to staging". */
  describe(plan: ActionPlan): string;
  /**
   * Checks that need the state, before anything changes (a missing revision, the budget);
   * what they return joins the recorded inputs. They run in a dry run too.
   */
  check?(plan: ActionPlan): Promise<JsonObject | void>;
  /** What a dry run reads beyond the plan; returns its summary. Default: "Dry run of a <describe>". */
  dryRun?(plan: ActionPlan): Promise<string>;
  /** Further targets the run locks with its own (a failover's system). */
  alsoLocks?(
    plan: ActionPlan,
  ): Array<{ entityRef: string; environment: string }>;
  /** The change itself; `runId` is undefined for an action that records no run. */
  perform(plan: ActionPlan, runId: string | undefined): Promise<ActionOutcome>;
}

/** The plan's clusters as a describe line names them: "staging-east, staging-west". */
export const clusterNames = (plan: Pick<ActionPlan, 'clusters'>) =>
  plan.clusters.map(c => c.name).join(', ');
