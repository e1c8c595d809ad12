import { LABEL_APP_NAME } from '@internal/backstage-plugin-delivery-common';
import { V1Deployment } from '@kubernetes/client-node';
import { ReplicaTargets, scaleUpDr, verifyDrHealthy } from './drWorkloads';
import { FailoverContext, waitFor } from './FailoverContext';
import { serviceDeployments } from './preChecks';
import { SwitchProgress } from './switchToDr';
import { drOperation } from './drOperation';

export const DRILL_LABEL = 'delivery.backstage.io/drill';

/** A copy's name: the original's, suffixed with the drill, within 63 characters. */
export const drillCopyName = (name: string, drillId: string) =>
  `${name.slice(0, 63 - drillId.length - 7)}-drill-${drillId}`;

/**
 * A DR Deployment's copy for a drill: same pod spec, its own labels and selector, so no
 * Service routes to it and the catalog's kubernetes-id does not list it. Created at zero
 * replicas; the timed scale-up brings it to the production count.
 */
function drillCopy(original: V1Deployment, drillId: string): V1Deployment {
  const name = drillCopyName(original.metadata!.name!, drillId);
  const labels = { [DRILL_LABEL]: drillId, [LABEL_APP_NAME]: name };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: original.metadata!.namespace, labels },
    spec: {
      replicas: 0,
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: original.spec!.template!.spec!,
      },
    },
  };
}

/**
 * A drill: the same switch on throwaway copies, so nothing that serves users changes. The
 * database replica is copied and the copy promoted, a drill DNS record created and waited
 * into sync, and copies of the DR Deployments scaled to the production count; the time from
 * the promotion's start until all of that is done is the measured recovery time. The
 * copies are removed at the end whatever happened.
 */
export async function runDrill(
  ctx: FailoverContext,
  drillId: string,
  progress: SwitchProgress,
): Promise<void> {
  const { steps, client, call, target } = ctx;
  const namespace = call.namespace;
  // Named before anything is created, so the clean-up knows them whatever fails.
  const copies: ReplicaTargets = {};
  for (const [name, replicas] of Object.entries(ctx.report.targetReplicas))
    copies[drillCopyName(name, drillId)] = replicas;
  try {
    await steps.run('prepare', async () => {
      const parts: string[] = [];
      if (target.hasDatabase) {
        await drOperation(client, 'start-drill-copy', { ...call, drillId });
        const copy = await waitFor(
          ctx,
          'the drill copy of the replica replicating',
          async () => {
            const state = await drOperation(client, 'describe-drill-copy', {
              ...call,
              drillId,
            });
            return state.role === 'replica' && state.available
              ? state
              : undefined;
          },
        );
        parts.push(`database copy ${copy.id} replicating`);
      }
      const originals = serviceDeployments(
        await ctx.dr.deploymentsOf(target.selector),
      );
      for (const original of originals) {
        const copy = await ctx.dr.createDeployment(
          drillCopy(original, drillId),
        );
        parts.push(`Deployment copy ${copy.metadata!.name} created at 0`);
      }
      return { detail: parts.join('; '), value: true };
    });
    progress.changesStartedAt = await ctx.checkpoint(
      'failover.changes-started-at.v1',
      async () => Date.now(),
    );
    if (target.hasDatabase) {
      await steps.run('promote', async () => {
        await drOperation(client, 'promote-drill-copy', { ...call, drillId });
        const copy = await waitFor(ctx, 'the drill copy promoted', async () => {
          const state = await drOperation(client, 'describe-drill-copy', {
            ...call,
            drillId,
          });
          return state.role === 'primary' && state.available
            ? state
            : undefined;
        });
        return { detail: `copy ${copy.id} promoted`, value: copy.id };
      });
    } else {
      steps.skip('promote', 'no database');
    }
    await steps.run('dns', async () => {
      const change = await ctx.checkpoint('failover.drill.dns.v1', () =>
        drOperation(client, 'create-drill-record', { ...call, drillId }).then(
          c => ({ ...c }),
        ),
      );
      await waitFor(ctx, `drill DNS record in sync`, async () =>
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
        detail: `drill record in sync (change ${change.id})`,
        value: change.id,
      };
    });
    await steps.run('scale-up', async () => ({
      detail: await scaleUpDr(ctx, copies),
      value: true,
    }));
    progress.servingAt = await ctx.checkpoint(
      'failover.serving-at.v1',
      async () => Date.now(),
    );
    await steps.run('verify', async () => ({
      detail: await verifyDrHealthy(ctx, copies),
      value: true,
    }));
  } finally {
    const left: string[] = [];
    const attempt = async (what: string, fn: () => Promise<unknown>) => {
      try {
        await fn();
      } catch (error) {
        left.push(`${what} (${(error as Error).message})`);
      }
    };
    for (const name of Object.keys(copies))
      await attempt(`Deployment ${name}`, () =>
        ctx.dr.deleteDeployment(namespace, name),
      );
    await attempt('drill DNS record', () =>
      drOperation(client, 'delete-drill-record', { ...call, drillId }),
    );
    if (target.hasDatabase)
      await attempt('database copy', () =>
        drOperation(client, 'delete-drill-copy', { ...call, drillId }),
      );
    const detail = left.length
      ? `could not remove: ${left.join('; ')}`
      : 'drill copies removed';
    if (left.length) {
      steps.records.push({ id: 'clean-up', status: 'failed', detail });
      ctx.logger.error(`Step clean-up: FAILED: ${detail}`);
    } else {
      steps.records.push({ id: 'clean-up', status: 'done', detail });
      ctx.logger.info(`Step clean-up: done: ${detail}`);
    }
  }
}
