import { DrFailoverMode } from '@internal/backstage-plugin-delivery-common';
import { scaleUpDr, verifyDrHealthy } from './drWorkloads';
import { FailoverContext, waitFor } from './FailoverContext';
import { serviceDeployments } from './preChecks';
import { drOperation } from './drOperation';

const FENCE_LABEL = 'delivery.backstage.io/fenced';

/** What the fence changed, so a rollback can put it back. */
type Fence = {
  replicas: Record<string, number>;
  services: string[];
};

/** How far a switch got: decides between rolling back and failing forward. */
export interface SwitchProgress {
  /** The replica's promotion was asked for: from here on traffic never goes back. */
  promotionRequested: boolean;
  /** When the first change was made (ms), for the measured recovery time. */
  changesStartedAt?: number;
  /** When the DR side served: DNS in sync and every DR pod available (ms). */
  servingAt?: number;
}

async function fencePrimary(ctx: FailoverContext): Promise<Fence> {
  const namespace = ctx.call.namespace;
  // Read once and kept: a recovered task must restore what ran before the fence, not the
  // zeros it finds after it.
  const before = await ctx.checkpoint('failover.fence.before.v1', async () => {
    const deployments = serviceDeployments(
      await ctx.primary.deploymentsOf(ctx.target.selector),
    );
    const services = await ctx.primary.servicesOf(ctx.target.selector);
    return {
      replicas: Object.fromEntries(
        deployments.map(d => [d.metadata!.name!, d.spec?.replicas ?? 0]),
      ),
      services: services.map(s => s.metadata!.name!),
    };
  });
  for (const name of Object.keys(before.replicas))
    await ctx.primary.patchDeployment(namespace, name, {
      spec: { replicas: 0 },
    });
  // Routing off: a selector no pod carries leaves the Service without endpoints.
  for (const name of before.services)
    await ctx.primary.patchService(namespace, name, {
      spec: { selector: { [FENCE_LABEL]: 'true' } },
    });
  return before;
}

async function unfencePrimary(ctx: FailoverContext, fence: Fence) {
  const namespace = ctx.call.namespace;
  for (const [name, replicas] of Object.entries(fence.replicas))
    await ctx.primary.patchDeployment(namespace, name, { spec: { replicas } });
  for (const name of fence.services)
    await ctx.primary.patchService(namespace, name, {
      spec: { selector: { [FENCE_LABEL]: null } },
    });
}

/**
 * A switchover or failover to the DR side: fence > (switchover: demote and catch up) >
 * promote > DNS > scale up > verify. A failure before the promotion is asked for rolls back
 * every change made so far and rethrows; after it, nothing goes back to the old primary: the
 * remaining steps still run where they can (DR scaled up even if DNS failed), and the first
 * failure is rethrown for the run to report with the state things are in.
 */
export async function switchToDr(
  ctx: FailoverContext,
  mode: Exclude<DrFailoverMode, 'drill'>,
  progress: SwitchProgress,
): Promise<void> {
  const { steps, client, call, target, report } = ctx;
  progress.changesStartedAt = await ctx.checkpoint(
    'failover.changes-started-at.v1',
    async () => Date.now(),
  );
  let fence: Fence | undefined;
  let demoted = false;
  try {
    if (report.primaryReachable) {
      fence = await steps.run('fence', async () => {
        const value = await fencePrimary(ctx);
        await waitFor(
          ctx,
          `primary pods of ${target.serviceName} gone`,
          async () => {
            const deployments = serviceDeployments(
              await ctx.primary.deploymentsOf(target.selector),
            );
            return deployments.every(d => !d.status?.readyReplicas)
              ? true
              : undefined;
          },
        );
        return {
          detail: `${Object.keys(value.replicas).join(', ')} scaled to 0 in ${
            ctx.primary.name
          } (were ${Object.values(value.replicas).join(', ')}); ${
            value.services.join(', ') || 'no Service'
          } routing off`,
          value,
        };
      });
    } else {
      steps.skip(
        'fence',
        `${ctx.primary.name} unreachable, so it was not fenced: scale its Deployments to 0 before it comes back, or it will take writes again`,
      );
    }

    if (target.hasDatabase && mode === 'switchover') {
      await steps.run('catch-up', async () => {
        demoted = true;
        await drOperation(client, 'demote-primary', call);
        if (report.database?.switchoverWaitsForCatchUp)
          return {
            detail: `${
              report.database.provider
            } catches the replica up within its own switchover (lag ${
              report.lagSeconds ?? 'unknown'
            } s now)`,
            value: report.lagSeconds ?? null,
          };
        const lag = await waitFor(
          ctx,
          'the replica caught up (lag 0)',
          async () => {
            const state = await drOperation(client, 'describe-database', call);
            return state.lagSeconds === 0 ? 0 : undefined;
          },
        );
        return {
          detail: `old primary demoted; replica lag ${lag} s`,
          value: lag,
        };
      });
    } else {
      steps.skip(
        'catch-up',
        !target.hasDatabase
          ? 'no database'
          : `unplanned failover: lag ${
              report.lagSeconds ?? 'unknown'
            } s at the pre-checks${
              report.lagSeconds ? ', those writes are not on the replica' : ''
            }`,
      );
    }

    if (target.hasDatabase) {
      await steps.run('promote', async () => {
        progress.promotionRequested = true;
        try {
          await drOperation(client, 'promote-replica', { ...call, mode });
        } catch (error) {
          // A failed request may still have been applied. Only a replica that still reads
          // as one is known not to be promoted, and only then is going back safe.
          const state = await drOperation(
            client,
            'describe-database',
            call,
          ).catch(() => undefined);
          if (state?.replica?.role === 'replica')
            progress.promotionRequested = false;
          throw error;
        }
        const replica = await waitFor(
          ctx,
          'the DR replica promoted and available',
          async () => {
            const state = await drOperation(client, 'describe-database', call);
            return state.replica?.role === 'primary' && state.replica.available
              ? state.replica
              : undefined;
          },
        );
        return {
          detail: `${replica.id} is the primary (${replica.status})`,
          value: replica.id,
        };
      });
    } else {
      steps.skip('promote', 'no database');
      progress.promotionRequested = true;
    }
  } catch (error) {
    if (progress.promotionRequested) throw error;
    // Before the promotion: put back what changed, newest first.
    if (demoted) {
      try {
        await drOperation(client, 'undo-demotion', call);
        steps.rolledBack('catch-up', 'the old primary accepts writes again');
      } catch (undo) {
        steps.rolledBack(
          'catch-up',
          `FAILED to undo the demotion: ${(undo as Error).message}`,
        );
      }
    }
    if (fence) {
      try {
        await unfencePrimary(ctx, fence);
        steps.rolledBack(
          'fence',
          `replicas restored (${Object.values(fence.replicas).join(
            ', ',
          )}), routing back on`,
        );
      } catch (undo) {
        steps.rolledBack(
          'fence',
          `FAILED to restore: ${(undo as Error).message}`,
        );
      }
    }
    throw error;
  }

  // Past the point of no return: fail forward.
  let firstFailure: Error | undefined;
  const forward = async (fn: () => Promise<void>) => {
    try {
      await fn();
    } catch (error) {
      firstFailure ??= error as Error;
    }
  };
  await forward(() =>
    steps
      .run('dns', async () => {
        const change = await ctx.checkpoint('failover.dns.change.v1', () =>
          drOperation(client, 'point-dns', { ...call, side: 'dr' }).then(c => ({
            ...c,
          })),
        );
        await waitFor(ctx, `DNS change ${change.id} in sync`, async () =>
          (
            await drOperation(client, 'dns-change', {
              ...call,
              changeId: change.id,
            })
          ).status === 'in-sync'
            ? true
            : undefined,
        );
        return {
          detail: `points at the DR side (change ${change.id} in sync)`,
          value: change.id,
        };
      })
      .then(() => undefined),
  );
  let scaled = false;
  await forward(() =>
    steps
      .run('scale-up', async () => ({
        detail: await scaleUpDr(ctx, report.targetReplicas),
        value: true,
      }))
      .then(() => {
        scaled = true;
      }),
  );
  if (scaled && !firstFailure)
    progress.servingAt = await ctx.checkpoint(
      'failover.serving-at.v1',
      async () => Date.now(),
    );
  if (scaled) {
    await forward(() =>
      steps
        .run('verify', async () => ({
          detail: await verifyDrHealthy(ctx, report.targetReplicas),
          value: true,
        }))
        .then(() => undefined),
    );
  } else {
    steps.skip('verify', 'the DR side was not scaled up');
  }
  if (firstFailure) throw firstFailure;
}
