import { STRATEGIES } from '@internal/backstage-plugin-delivery-common';
import type { z } from 'zod/v3';

/**
 * The answers of the Delivery backend's read routes as zod, for the registry's output
 * schemas: the fields an agent reasons with are typed and described, as the contract
 * (plugins/delivery-backend/src/schema/openapi.yaml) and delivery-common's types define
 * them; every object passes the rest of its fields through unchanged, so an agent sees
 * exactly what the portal's cards see.
 */

/** A cluster as the Delivery cache sees it (the contract's ClusterSnapshot). */
export const clusterSnapshot = (zod: typeof z) =>
  zod
    .object({
      name: zod.string(),
      environment: zod.string(),
      region: zod.string().optional(),
      role: zod.enum(['primary', 'dr']),
      sandbox: zod.boolean().describe('A simulated cluster, not a real one'),
      state: zod
        .enum(['ok', 'stale', 'unreachable'])
        .describe(
          'ok while in sync; stale: its watch failed after data arrived (the last known state is kept); unreachable: nothing ever arrived',
        ),
      syncedAt: zod.string().optional(),
      error: zod.string().optional(),
    })
    .passthrough();

const ROLLOUT_STATE =
  'complete, progressing, paused (waits for promote or abort), stalled, failing, aborted, scaled-down or not-deployed';

/** delivery-common's RolloutStatus: one service in one cluster. */
const rolloutStatus = (zod: typeof z) =>
  zod
    .object({
      state: zod.string().describe(ROLLOUT_STATE),
      summary: zod.string().describe('The state in words'),
      strategy: zod.enum(STRATEGIES),
      desired: zod.number(),
      updated: zod.number(),
      ready: zod.number(),
      available: zod.number(),
      progressPercent: zod.number(),
      currentImage: zod.string().optional(),
      currentVersion: zod.string().optional(),
      previousImage: zod.string().optional(),
      previousVersion: zod.string().optional(),
      canaryWeightPercent: zod.number().optional(),
      problems: zod
        .array(
          zod
            .object({
              pod: zod.string(),
              container: zod.string(),
              reason: zod.string(),
              message: zod.string().optional(),
              restarts: zod.number(),
            })
            .passthrough(),
        )
        .describe('Pods of the current version that are not serving, and why'),
      revisions: zod.array(zod.object({}).passthrough()),
      hpa: zod.object({}).passthrough().optional(),
      lastChangeAt: zod.string().optional(),
      argo: zod
        .object({})
        .passthrough()
        .optional()
        .describe('Set where an Argo Rollout runs the service'),
    })
    .passthrough();

/** `GET /rollouts`: the service's rollout per cluster. */
export const entityRollouts = (zod: typeof z) =>
  zod
    .object({
      entityRef: zod.string(),
      kubernetesId: zod.string().optional(),
      labelSelector: zod.string().optional(),
      clusters: zod
        .array(
          zod.object({
            cluster: clusterSnapshot(zod),
            rollout: rolloutStatus(zod),
          }),
        )
        .describe(
          'One row per cluster, in environment order, primary before DR',
        ),
    })
    .passthrough();

/** `GET /dr`: the readiness checklist, its daily trend and the recent failovers. */
export const drReadinessAnswer = (zod: typeof z) =>
  zod
    .object({
      readiness: zod
        .object({
          entityRef: zod.string(),
          tier: zod.string(),
          rtoMinutes: zod.number(),
          rpoMinutes: zod.number(),
          score: zod
            .number()
            .describe('0-100, weighted share of passing checks'),
          grade: zod.string().describe('not-ready, at-risk or ready'),
          checks: zod
            .array(
              zod
                .object({
                  id: zod.string(),
                  title: zod.string(),
                  status: zod.string(),
                  evidence: zod.unknown(),
                  fix: zod.string().describe('How to make it pass'),
                  weight: zod.number(),
                })
                .passthrough(),
            )
            .describe('The applicable checks'),
          notApplicable: zod.array(
            zod
              .object({
                id: zod.string(),
                title: zod.string(),
                reason: zod.string(),
              })
              .passthrough(),
          ),
          evaluatedAt: zod.string(),
        })
        .passthrough(),
      trend: zod
        .array(
          zod
            .object({
              day: zod.string(),
              score: zod.number(),
              grade: zod.string(),
            })
            .passthrough(),
        )
        .describe('Daily snapshots, oldest first, at most 90'),
      failovers: zod
        .array(
          zod
            .object({
              runId: zod.string(),
              mode: zod.string(),
              status: zod.string(),
              environment: zod.string(),
              initiatedBy: zod.string(),
              startedAt: zod.string(),
              summary: zod.string().optional(),
            })
            .passthrough(),
        )
        .describe('Failover runs, drills included, newest first, at most 10'),
    })
    .passthrough();

/** `GET /cost`: monthly cost per cluster, the budget, the trend and right-sizing. */
export const costAnswer = (zod: typeof z) =>
  zod
    .object({
      entityRef: zod.string(),
      source: zod.string().describe('The cost source that priced it'),
      monthly: zod
        .object({
          current: zod.number(),
          atMin: zod.number(),
          atMax: zod.number(),
        })
        .describe(
          'US dollars a month over every cluster: at current replicas, at the HPA minimum and maximum',
        ),
      measuredMonthly: zod.number().optional(),
      clusters: zod
        .array(
          zod
            .object({
              environment: zod.string(),
              cluster: zod.string(),
              role: zod.enum(['primary', 'dr']),
            })
            .passthrough(),
        )
        .describe("delivery-common's CostClusterLine, one per cluster"),
      budget: zod
        .object({
          status: zod.string().describe('under, forecast-over or over'),
          actualUsd: zod.number(),
          forecastUsd: zod.number(),
          headroomUsd: zod.number(),
        })
        .passthrough()
        .optional()
        .describe('Absent when neither the service nor its team has a budget'),
      trend: zod.array(
        zod
          .object({ day: zod.string(), monthlyUsd: zod.number() })
          .passthrough(),
      ),
      rightSizing: zod
        .object({})
        .passthrough()
        .optional()
        .describe(
          'Right-sizing per Deployment from observed usage, with purchase suggestions; absent when usage is not collected',
        ),
      generatedAt: zod.string(),
    })
    .passthrough();

/** `GET /runs`: the run history, newest first. */
export const runHistory = (zod: typeof z) =>
  zod.object({
    items: zod.array(
      zod
        .object({
          id: zod.string(),
          entityRef: zod.string(),
          environment: zod.string(),
          action: zod
            .string()
            .describe('deploy, rollback, scale, failover, ...'),
          status: zod.enum([
            'running',
            'succeeded',
            'failed',
            'aborted',
            'paused',
          ]),
          initiatedBy: zod.string().describe('The user who started it'),
          taskId: zod.string().optional(),
          inputs: zod.record(zod.unknown()).describe('Without secrets'),
          summary: zod.string().optional(),
          startedAt: zod.string(),
          finishedAt: zod.string().optional(),
          before: zod.unknown(),
          after: zod.unknown(),
        })
        .passthrough(),
    ),
  });

/** One DORA metric: `measured` with its band, or `no-data` / `unknown` with why. */
const doraMetric = (zod: typeof z, what: string) =>
  zod
    .object({
      state: zod.enum(['measured', 'no-data', 'unknown']),
      band: zod.enum(['elite', 'high', 'medium', 'low']).optional(),
      reason: zod.string().optional().describe('Why there is no value'),
    })
    .passthrough()
    .describe(what);

/** delivery-common's DoraMetrics: the four metrics of a scope. */
const doraMetrics = (zod: typeof z) =>
  zod
    .object({
      deploymentFrequency: doraMetric(
        zod,
        'Deploys that reached the environment: deploys, perDay, perWeek',
      ),
      changeFailureRate: doraMetric(
        zod,
        'Deploys that failed, were aborted or rolled back: deploys, failures, rate (0-1)',
      ),
      timeToRestore: doraMetric(
        zod,
        'From a failure to the run that restored the environment: medianMinutes, restores, unrestored',
      ),
      leadTime: doraMetric(
        zod,
        "From the image tag's commit to the deploy: medianMinutes, measured, and unknown (deploys by reason)",
      ).optional(),
    })
    .passthrough();

/** `GET /dora` or a team's part of `GET /dora/summary`, as `get-dora` answers. */
export const doraAnswer = (zod: typeof z) =>
  zod
    .object({
      scope: zod.enum(['service', 'team']),
      window: zod
        .object({
          since: zod.string(),
          until: zod.string(),
          days: zod.number(),
        })
        .describe('The window the metrics cover'),
      thresholds: zod
        .record(zod.unknown())
        .describe(
          'The bands: minutes, and percent for the change failure rate',
        ),
      entityRef: zod.string().optional(),
      environments: zod
        .array(
          zod.object({
            environment: zod.string(),
            production: zod.boolean(),
            metrics: doraMetrics(zod),
          }),
        )
        .optional()
        .describe('Service scope: every configured environment'),
      production: doraMetrics(zod)
        .optional()
        .describe('Service scope: its production environments together'),
      team: zod
        .object({
          owner: zod.string(),
          services: zod.number(),
          metrics: doraMetrics(zod),
        })
        .optional()
        .describe("Team scope: the team's services together in production"),
      services: zod
        .array(
          zod.object({
            entityRef: zod.string(),
            owner: zod.string().optional(),
            metrics: doraMetrics(zod),
          }),
        )
        .optional()
        .describe(
          'Team scope: each service that ran anything in production in the window',
        ),
      truncated: zod.number().optional(),
    })
    .passthrough();
