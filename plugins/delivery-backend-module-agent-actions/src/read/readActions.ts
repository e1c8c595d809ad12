import {
  dataOf,
  DeliveryApiClient,
  OverviewDocument,
} from '@internal/backstage-plugin-delivery-common';
import type { z } from 'zod/v3';
import {
  clusterSnapshot,
  costAnswer,
  doraAnswer,
  drReadinessAnswer,
  entityRollouts,
  runHistory,
} from './outputSchemas';
import { doraFor } from './doraFor';
import { OVERVIEW_SERVICE_LIMIT, overviewFor } from './overviewFor';

/**
 * One read action offered to agents: its input and output schemas, and how it reads
 * the Delivery backend's API as the caller. Adding one is adding an entry to
 * {@link READ_ACTIONS}.
 */
export interface ReadActionDefinition {
  name: string;
  title: string;
  description: string;
  input: (zod: typeof z) => z.AnyZodObject;
  output: (zod: typeof z) => z.AnyZodObject;
  /** Reads with a client that calls on behalf of the caller. */
  read(client: DeliveryApiClient, input: any): Promise<object>;
}

const entityRefInput = (zod: typeof z) =>
  zod.object({
    entityRef: zod
      .string()
      .min(1)
      .describe(
        'The service, e.g. component:default/payments-api (kind and namespace may be left out)',
      ),
  });

/** Said of every read action. */
const READS_AS_CALLER =
  'Reads exactly what the caller sees on the portal, with the same permission checks; refused for a service the caller may not read.';

/** The Delivery read actions agents may call, by registry name (`delivery:<name>`). */
export const READ_ACTIONS: readonly ReadActionDefinition[] = [
  {
    name: 'get-rollouts',
    title: "A service's rollouts",
    description: `The rollout of one service in every cluster of every environment (from delivery.environments): state (complete, progressing, paused, stalled, failing, ...), the image and version running and the previous one, replicas desired/ready/available, failing pods and why, revisions, and each cluster's sync state. ${READS_AS_CALLER}`,
    input: entityRefInput,
    output: entityRollouts,
    read: async (client, { entityRef }) =>
      dataOf(
        await client.request('get', '/rollouts', {
          params: { query: { entityRef } },
        }),
      ),
  },
  {
    name: 'get-overview',
    title: 'Delivery overview of a team or system',
    description: `Every service of an owner (a team) and/or a system, as the Delivery overview page lists them: per cluster its rollout state, version and replicas; per service its DR readiness score and grade and its monthly cost against budget. Give owner, system or both. At most ${OVERVIEW_SERVICE_LIMIT} services; \`truncated\` says how many more matched. ${READS_AS_CALLER}`,
    input: zod =>
      zod.object({
        owner: zod
          .string()
          .min(1)
          .optional()
          .describe(
            'The owning group, e.g. group:default/payments-team or payments-team',
          ),
        system: zod
          .string()
          .min(1)
          .optional()
          .describe('The system, e.g. system:default/payments or payments'),
      }),
    output: zod =>
      zod.object({
        generatedAt: zod.string(),
        clusters: zod.array(clusterSnapshot(zod)),
        services: zod
          .array(
            zod
              .object({
                entityRef: zod.string(),
                name: zod.string(),
                owner: zod.string().optional(),
                system: zod.string().optional(),
                tier: zod.string(),
                dr: zod
                  .object({ score: zod.number(), grade: zod.string() })
                  .passthrough()
                  .optional()
                  .describe('DR readiness; absent until derived'),
                cost: zod
                  .object({
                    monthlyUsd: zod.number(),
                    budgetStatus: zod.string().optional(),
                  })
                  .passthrough()
                  .optional()
                  .describe(
                    'Monthly cost and budget status; absent until priced',
                  ),
                placements: zod.array(
                  zod
                    .object({
                      cluster: zod.string(),
                      environment: zod.string(),
                      role: zod.enum(['primary', 'dr']),
                      state: zod.string(),
                      summary: zod.string(),
                      version: zod.string().optional(),
                      ready: zod.number(),
                      desired: zod.number(),
                    })
                    .passthrough(),
                ),
              })
              .passthrough(),
          )
          .describe('The matching services, each with where it runs'),
        matched: zod.number().describe('How many services matched'),
        truncated: zod
          .number()
          .describe('How many matching services were left out of `services`'),
      }),
    read: async (client, filter) =>
      overviewFor(
        dataOf(
          await client.request('get', '/overview', {}),
        ) as OverviewDocument,
        filter,
      ),
  },
  {
    name: 'get-dr-readiness',
    title: "A service's DR readiness",
    description: `The disaster-recovery readiness of one service: its score (0-100) and grade (not-ready, at-risk, ready), RTO and RPO, every check with its status, evidence and how to fix it, the daily score trend and its recent failovers and drills. ${READS_AS_CALLER}`,
    input: entityRefInput,
    output: drReadinessAnswer,
    read: async (client, { entityRef }) =>
      dataOf(
        await client.request('get', '/dr', {
          params: { query: { entityRef } },
        }),
      ),
  },
  {
    name: 'get-cost',
    title: "A service's cost and right-sizing",
    description: `The monthly cost of one service in US dollars, per cluster and in total (now, at its autoscaler's minimum and maximum), its budget and forecast, the daily trend, and right-sizing suggestions from observed usage. ${READS_AS_CALLER}`,
    input: entityRefInput,
    output: costAnswer,
    read: async (client, { entityRef }) =>
      dataOf(
        await client.request('get', '/cost', {
          params: { query: { entityRef } },
        }),
      ),
  },
  {
    name: 'get-run-history',
    title: "A service's run history",
    description: `The recorded delivery runs of one service (deploys, rollbacks, scales, migrations, failovers and drills), newest first: who started each, its inputs, status, summary, and the workloads before and after. ${READS_AS_CALLER}`,
    input: zod =>
      entityRefInput(zod).extend({
        limit: zod
          .number()
          .int()
          .min(1)
          .max(200)
          .default(20)
          .describe('At most this many runs. Default 20'),
      }),
    output: runHistory,
    read: async (client, { entityRef, limit }) =>
      dataOf(
        await client.request('get', '/runs', {
          params: { query: { entityRef, limit } },
        }),
      ),
  },
  {
    name: 'get-dora',
    title: 'DORA metrics of a service or a team',
    description: `The DORA metrics Delivery derives from its run history over the last window (delivery.dora.windowDays, default 30 days): deployment frequency, change failure rate (deploys that failed, were aborted or rolled back), time to restore, and lead time for changes (service scope only, where the image tag maps to a commit on GitHub), each with its band (elite, high, medium, low) or why it has none. Give entityRef for one service (every environment and production together) or owner for a team (production, the team and each of its services). Deploys made outside Delivery (kubectl, GitOps) are not counted. ${READS_AS_CALLER}`,
    input: zod =>
      zod.object({
        entityRef: zod
          .string()
          .min(1)
          .optional()
          .describe('The service, e.g. component:default/payments-api'),
        owner: zod
          .string()
          .min(1)
          .optional()
          .describe(
            'The team, e.g. group:default/payments-team or payments-team',
          ),
      }),
    output: doraAnswer,
    read: doraFor,
  },
];
