import { ActionContext } from '@backstage/plugin-scaffolder-node';
import { readDeliveryDescriptor } from '@internal/backstage-plugin-delivery-common';
import {
  DeliveryActionDeps,
  readServiceEntity,
  runDeliveryAction,
} from '../frame';
import { lintMigration } from './migrationLint';
import { describeFindings, lockHeldMessage } from './migrationMessages';
import { runLabelOf } from './migrationJobs';
import {
  findMigrationSetup,
  inspectMigrations,
  MigrationSetup,
} from './migrationSteps';

interface EnvironmentStatus {
  environment: string;
  cluster: string;
  applied: string[];
  pending: string[];
  lock: 'free' | 'held';
}

const statusLine = (s: EnvironmentStatus) =>
  `${s.environment}: ${s.applied.length} applied, ${s.pending.length} pending, lock ${s.lock}`;

/**
 * Status mode of delivery:database:migrate: per environment (the one asked for, or all
 * of the service's), what knex has applied, what is pending with the lint's findings, and
 * whether its lock is held. It reads with a short Job in the service's image, so each
 * environment goes through the frame like an action (read as the initiator, environment
 * and permission checked, dry run honoured), but it changes nothing else and records no
 * run.
 */
export async function migrationStatus(
  ctx: ActionContext<any, any>,
  deps: DeliveryActionDeps,
  input: { entityRef: string; environment?: string; image?: string },
): Promise<void> {
  const environments = input.environment
    ? [input.environment]
    : readDeliveryDescriptor(
        (
          await readServiceEntity({
            ...deps,
            entityRef: input.entityRef,
            credentials: await ctx.getInitiatorCredentials(),
          })
        ).entity,
      ).environments;
  const runLabel = runLabelOf(ctx.task.id);
  const status: EnvironmentStatus[] = [];
  for (const environment of environments) {
    let setup: MigrationSetup;
    await runDeliveryAction(ctx, deps, {
      action: 'migrate',
      verb: 'read the migrations of',
      recordsRun: false,
      entityRef: input.entityRef,
      environment,
      rolloutTimeoutSeconds: 300,
      recordedInputs: input.image ? { image: input.image } : {},
      async check({ clusters, selector, serviceName }) {
        setup = await findMigrationSetup(clusters[0], {
          selector,
          serviceName,
        });
      },
      describe: () =>
        `read the migration state in ${environment} (${
          setup.cluster.name
        }) with a Job from ${setup.template.metadata!.name}`,
      async perform({ step }) {
        const report = await inspectMigrations(setup, step, {
          key: 'status',
          runLabel,
          image: input.image,
        });
        const where = `${environment} (${setup.cluster.name})`;
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
        const row: EnvironmentStatus = {
          environment,
          cluster: setup.cluster.name,
          applied: report.applied,
          pending: report.pending.map(p => p.file),
          lock: report.lock,
        };
        status.push(row);
        return { summary: statusLine(row) };
      },
    });
  }
  ctx.output('status', status);
  ctx.output(
    'summary',
    status.map(statusLine).join('; ') ||
      `Dry run of a migration status of ${input.entityRef}`,
  );
}
