import { ActionContext } from '@backstage/plugin-scaffolder-node';
import { readDeliveryDescriptor } from '@internal/backstage-plugin-delivery-common';
import { KubeCluster } from '../../kube/KubeCluster';
import { authorizeDeliveryAction } from '../frame/authorizeDeliveryAction';
import {
  deliveryTabUrl,
  readServiceEntity,
  resolveDeployTarget,
} from '../frame/resolveActionTarget';
import { actionStep, DeliveryActionDeps } from '../frame/runDeliveryAction';
import { lintMigration } from './migrationLint';
import { describeFindings, lockHeldMessage } from './migrationMessages';
import { runLabelOf } from './migrationJobs';
import { findMigrationSetup, inspectMigrations } from './migrationSteps';

/**
 * Status mode of delivery:migrate: per environment (the one asked for, or all of the
 * service's), what knex has applied, what is pending with the lint's findings, and
 * whether its lock is held. It reads with a short Job in the service's image (it creates
 * that Job, so it is checked like an action), changes nothing else and records no run.
 */
export async function migrationStatus(
  ctx: ActionContext<any, any>,
  deps: DeliveryActionDeps,
  input: { entityRef: string; environment?: string; image?: string },
): Promise<void> {
  const credentials = await ctx.getInitiatorCredentials();
  const service = await readServiceEntity({ ...deps, ...input, credentials });
  const environments = input.environment
    ? [input.environment]
    : readDeliveryDescriptor(service.entity).environments;
  const step = actionStep(ctx, deps, 300);
  const runLabel = runLabelOf(ctx.task.id);
  const status = [];
  ctx.output('entityUrl', deliveryTabUrl(service.entityRef));
  for (const environment of environments) {
    const target = await resolveDeployTarget({
      ...deps,
      entityRef: input.entityRef,
      environment,
      credentials,
    });
    await authorizeDeliveryAction({
      ...deps,
      credentials,
      entityRef: target.entityRef,
      environment,
      action: 'read the migrations of',
    });
    const cluster = new KubeCluster(target.clusters[0], ctx.logger, ctx.signal);
    const setup = await findMigrationSetup(cluster, target.kubernetesId);
    if (ctx.isDryRun) {
      ctx.logger.info(
        `Dry run: would read the migration state in ${environment} (${
          cluster.name
        }) with a Job from ${setup.template.metadata!.name}`,
      );
      continue;
    }
    const report = await inspectMigrations(setup, step, {
      key: 'status',
      runLabel,
      image: input.image,
    });
    const where = `${environment} (${cluster.name})`;
    ctx.logger.info(
      `${where}: ${report.applied.length} applied${
        report.applied.length
          ? ` (last ${report.applied[report.applied.length - 1]})`
          : ''
      }; ${report.pending.length} pending${
        report.pending.length
          ? `: ${report.pending.map(p => p.file).join(', ')}`
          : ''
      }; lock ${report.lock}`,
    );
    for (const pending of report.pending)
      for (const line of describeFindings(
        lintMigration(pending.file, pending.source),
      ))
        ctx.logger.warn(`Safety lint: ${line}`);
    if (report.lock === 'held') ctx.logger.warn(lockHeldMessage(where));
    status.push({
      environment,
      cluster: cluster.name,
      applied: report.applied,
      pending: report.pending.map(p => p.file),
      lock: report.lock,
    });
  }
  ctx.output('status', status);
  ctx.output(
    'summary',
    status
      .map(
        s =>
          `${s.environment}: ${s.applied.length} applied, ${s.pending.length} pending, lock ${s.lock}`,
      )
      .join('; ') || `Dry run of a migration status of ${input.entityRef}`,
  );
}
