import { JsonObject } from '@backstage/types';
import { dataOf } from '@internal/backstage-plugin-delivery-common';
import type {
  PreflightCheck,
  PreflightContext,
  PreflightFinding,
} from '../actions/frame/hooks';
import { servingDeploymentsIn } from './environmentImages';
import {
  describeRun,
  imageHistoryIn,
  runEnd,
  utcTime,
} from './promotionHistory';

/** The most runs the run history answers at once; older ones are not searched. */
const RUNS_READ = 200;

/**
 * The environment an image comes from on its way to `environment`: the nearest one listed
 * before it in `delivery.environments` that the service is delivered to. None for the
 * first of the service's environments.
 */
export function predecessorOf(
  configured: Array<{ name: string }>,
  serviceEnvironments: string[],
  environment: string,
): string | undefined {
  const order = configured.map(e => e.name);
  return order
    .slice(0, order.indexOf(environment))
    .filter(name => serviceEnvironments.includes(name))
    .at(-1);
}

/**
 * `promotion-gate`: an image reaches an environment only after it ran settled in the one
 * before it for the environment's `promotion.soakMinutes`. Evidence from two places, both
 * recorded: the run history (a succeeded deploy of the image there, and nothing changed
 * there since, or the clock starts when the last change ended) and the clusters today
 * (every serving Deployment there runs the image, rollout complete).
 */
export async function checkPromotionGate({
  plan,
  recordedInputs,
  deps,
  logger,
  now,
}: PreflightContext): Promise<PreflightFinding> {
  const image = String(recordedInputs.image ?? '');
  const environment = plan.environment.name;
  const from = predecessorOf(
    deps.config.environments,
    plan.descriptor.environments,
    environment,
  );
  if (!from)
    return {
      passed: `${environment} is the first of ${plan.entityRef}'s environments; there is no earlier one to have run ${image} in`,
      recorded: { predecessor: null },
    };
  const soakMinutes =
    deps.config.environmentPolicies[environment]?.promotion.soakMinutes ?? 0;
  const { items: runs } = dataOf(
    await deps.delivery.request('get', '/runs', {
      params: { query: { entityRef: plan.entityRef, limit: RUNS_READ } },
    }),
  );
  const history = imageHistoryIn(runs, from, image);
  const today = await servingDeploymentsIn({
    environment: from,
    connections: deps.connections,
    selector: plan.selector,
    logger,
  });
  const recorded: JsonObject = {
    predecessor: from,
    soakMinutes,
    ...(history.placed
      ? {
          placedBy: {
            runId: history.placed.id,
            action: history.placed.action,
            finishedAt: runEnd(history.placed),
          },
        }
      : {}),
    laterChanges: history.laterChanges.map(r => r.id),
    servingIn: today.serving,
  };
  const refuse = (refusal: string): PreflightFinding => ({
    refusal,
    overridable: true,
    recorded,
  });
  const soakNote = soakMinutes
    ? `it must run there settled for ${soakMinutes} minutes before ${environment}`
    : `it must run there settled before ${environment}`;

  if (!history.placed) {
    let attempt = '';
    if (history.lastAttempt)
      attempt = ` (${describeRun(history.lastAttempt)} at ${utcTime(
        new Date(runEnd(history.lastAttempt)),
        now,
      )})`;
    else if (runs.length >= RUNS_READ)
      attempt = ` (in its ${RUNS_READ} newest runs)`;
    return refuse(
      `${image} has not run in ${from}${attempt}; ${soakNote}. Deploy it to ${from} first`,
    );
  }
  if (!today.clusters.length)
    return refuse(
      `${from} has no primary cluster in delivery.clusters, so it cannot be seen running ${image}`,
    );
  const others = today.serving.filter(d => d.image !== image);
  if (others.length)
    return refuse(
      `${from} now runs ${[...new Set(others.map(d => d.image))].join(
        ', ',
      )} (${others
        .map(d => `${d.cluster}/${d.deployment}`)
        .join(', ')}), not ${image}; ${soakNote}`,
    );
  const missing = today.clusters.filter(
    c => !today.serving.some(d => d.cluster === c),
  );
  if (missing.length)
    return refuse(
      `${image} does not run in ${from} now: ${missing.join(
        ', ',
      )} serves no replica of ${plan.entityRef}`,
    );
  const unsettled = today.serving.filter(d => !d.settled);
  if (unsettled.length)
    return refuse(
      `${image} is not settled in ${from} now (${unsettled
        .map(
          d =>
            `${d.cluster}/${d.deployment}: ${d.available} of ${d.replicas} available`,
        )
        .join(', ')}); ${soakNote}`,
    );

  const lastChange = history.laterChanges.at(-1);
  if (lastChange && lastChange.status === 'running')
    return refuse(
      `${describeRun(lastChange)} is running in ${from} now; ${soakNote}`,
    );
  const since = new Date(runEnd(lastChange ?? history.placed));
  const minutes = Math.max(
    0,
    Math.floor((now.getTime() - since.getTime()) / 60_000),
  );
  recorded.settledSince = since.toISOString();
  recorded.minutesSettled = minutes;
  const sinceText = `since ${utcTime(since, now)}${
    lastChange ? `, when ${describeRun(lastChange)} ended` : ''
  }`;
  if (minutes < soakMinutes)
    return refuse(
      `${image} has run settled in ${from} for ${minutes} of the ${soakMinutes} minutes required (${sinceText}); deploy it to ${environment} after ${utcTime(
        new Date(since.getTime() + soakMinutes * 60_000),
        now,
      )}`,
    );
  return {
    passed: `${image} has run settled in ${from} for ${minutes} minutes (${sinceText}; ${soakMinutes} required)`,
    recorded,
  };
}

/** `promotion-gate`: deploys only; the platform team may override it with a reason. */
export const promotionGateCheck: PreflightCheck = {
  name: 'promotion-gate',
  actions: ['deploy'],
  check: checkPromotionGate,
};
