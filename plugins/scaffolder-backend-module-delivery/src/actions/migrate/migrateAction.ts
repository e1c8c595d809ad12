import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  COMPONENTS,
  LABEL_APP_COMPONENT,
} from '@internal/backstage-plugin-delivery-common';
import { applyDefaults } from '../applyDefaults';
import { checkImage } from '../inputChecks';
import {
  ActionFailure,
  DeliveryActionDeps,
  deliveryActionOutput,
  deliveryTargetInput,
  runDeliveryAction,
} from '../frame';
import { redactCredentials } from './followJob';
import { knexFailure, MigrationReport } from './inspectScript';
import { runLabelOf } from './migrationJobs';
import { judgeMigrations } from './migrationLint';
import { describeFindings, lockHeldMessage } from './migrationMessages';
import { migrationStatus } from './migrationStatus';
import {
  findMigrationSetup,
  inspectMigrations,
  MigrationSetup,
  runBackup,
  runMigrationJob,
} from './migrationSteps';
import { examples } from './migrateAction.examples';

const DEFAULTS = {
  mode: 'apply' as 'apply' | 'status',
  jobTimeoutSeconds: 600,
  backupTimeoutSeconds: 3600,
};

/**
 * Creates `delivery:database:migrate`. Apply mode: the pending knex migrations are read and linted,
 * the service's backup runs and must succeed, then its migration Job runs once with a
 * deadline, its output in the task log, and the applied files are reported from the
 * database itself. Status mode: applied and pending migrations and the lock, per
 * environment. A held knex lock is reported, never released.
 * @public
 */
export function createMigrateAction(deps: DeliveryActionDeps) {
  return createTemplateAction({
    id: 'delivery:database:migrate',
    description:
      "Runs a service's knex migrations as a Kubernetes Job after a successful backup, with a safety lint of the pending migrations; or lists applied and pending migrations per environment",
    examples,
    schema: {
      input: {
        entityRef: deliveryTargetInput.entityRef,
        environment: z =>
          z
            .string()
            .min(1)
            .optional()
            .describe(
              'One of delivery.environments; in status mode, default all of the service’s',
            ),
        mode: z => z.enum(['apply', 'status']).default('apply'),
        image: z =>
          z
            .string()
            .optional()
            .describe(
              "Whose migrations to run; default the migration Job's image",
            ),
        overrideReason: z =>
          z
            .string()
            .max(500)
            .optional()
            .describe(
              'Runs migrations the safety lint blocks, and (platform team only) goes ahead when a preflight check refuses; at least 10 characters, recorded with the run',
            ),
        jobTimeoutSeconds: z => z.number().int().min(30).max(7200).default(600),
        backupTimeoutSeconds: z =>
          z.number().int().min(60).max(21600).default(3600),
      },
      output: {
        ...deliveryActionOutput,
        applied: z => z.array(z.string()).optional(),
        status: z =>
          z
            .array(
              z.object({
                environment: z.string(),
                cluster: z.string(),
                applied: z.array(z.string()),
                pending: z.array(z.string()),
                lock: z.enum(['free', 'held']),
              }),
            )
            .optional(),
      },
    },
    supportsDryRun: true,
    async handler(ctx) {
      const input = applyDefaults(ctx.input, DEFAULTS);
      if (input.image) checkImage(input.image);
      if (input.mode === 'status') {
        // A status read runs no Job and takes no backup: a timeout for them is refused,
        // not dropped.
        for (const field of ['jobTimeoutSeconds', 'backupTimeoutSeconds'])
          if ((ctx.input as Record<string, unknown>)[field] !== undefined)
            throw new InputError(
              `${field}: mode status only reads the migration state and runs no Job or backup; leave ${field} out`,
            );
        await migrationStatus(ctx, deps, input);
        return;
      }
      if (!input.environment)
        throw new InputError('environment: required to run migrations');
      const environment = input.environment;
      const runLabel = runLabelOf(ctx.task.id);
      let setup: MigrationSetup;
      await runDeliveryAction(ctx, deps, {
        action: 'migrate',
        entityRef: input.entityRef,
        environment,
        rolloutTimeoutSeconds: input.jobTimeoutSeconds,
        recordedInputs: {
          ...(input.image ? { image: input.image } : {}),
          ...(input.overrideReason
            ? { overrideReason: input.overrideReason }
            : {}),
        },
        describe: plan =>
          `migration in ${environment} (${plan.clusters[0].name}) with ${
            input.image ?? "the migration Job's image"
          }: migration state read, pending migrations linted, backup, migration Job (one attempt, ${
            input.jobTimeoutSeconds
          }s deadline)`,
        async check({ clusters, selector, serviceName }) {
          setup = await findMigrationSetup(clusters[0], {
            selector,
            serviceName,
          });
          if (!setup.backup)
            throw new InputError(
              `environment: ${serviceName} has no backup CronJob in ${setup.cluster.name} (namespace ${setup.namespace}, label ${LABEL_APP_COMPONENT}=${COMPONENTS.backup}); migrations run only after a backup has succeeded`,
            );
        },
        async perform({ step }) {
          const where = `${environment} (${setup.cluster.name})`;
          const before = await inspectMigrations(setup, step, {
            key: 'before',
            runLabel,
            image: input.image,
          });
          ctx.logger.info(
            `${where}: ${before.applied.length} applied, ${
              before.pending.length
            } pending${
              before.pending.length
                ? `: ${before.pending.map(p => p.file).join(', ')}`
                : ''
            }; lock ${before.lock}`,
          );
          if (before.lock === 'held') throw new Error(lockHeldMessage(where));
          if (!before.pending.length) {
            ctx.output('applied', []);
            return {
              summary: `nothing to migrate in ${environment}: ${before.applied.length} applied, none pending`,
            };
          }
          const verdict = judgeMigrations(before.pending, {
            reason: input.overrideReason,
          });
          for (const line of describeFindings(verdict.findings))
            ctx.logger.warn(`Safety lint: ${line}`);
          if (verdict.blocked)
            throw new InputError(
              `overrideReason: the safety lint blocks ${
                verdict.findings.length
              } change(s) in the pending migrations (${describeFindings(
                verdict.findings,
              ).join(
                '; ',
              )}). Change the migrations, or run again with a written reason of at least 10 characters to override.`,
            );
          if (verdict.findings.length)
            ctx.logger.warn(
              `Safety lint overridden by ${ctx.user?.ref ?? 'unknown'}: ${
                input.overrideReason
              }`,
            );

          const backup = await runBackup(setup, step, {
            runLabel,
            limitMs: input.backupTimeoutSeconds * 1000,
          });
          const job = await runMigrationJob(setup, step, {
            runLabel,
            image: input.image,
            deadlineSeconds: input.jobTimeoutSeconds,
          });
          const after = await inspectMigrations(setup, step, {
            key: 'after',
            runLabel,
            image: input.image,
          });
          const applied = after.applied.filter(
            file => !before.applied.includes(file),
          );
          ctx.output('applied', applied);
          if (applied.length)
            ctx.logger.info(`Applied in ${where}: ${applied.join(', ')}`);
          // For the audit log: the Jobs this run created and what the database holds now.
          const jobs = `${setup.cluster.name}/${setup.namespace}/Job`;
          const changes = [
            `${jobs}/${backup.name}: backup created, succeeded`,
            `${jobs}/${job.name}: migration created, ${
              job.succeeded ? 'succeeded' : job.reason ?? 'failed'
            }; applied migrations ${before.applied.length} → ${
              after.applied.length
            }${applied.length ? ` (${applied.join(', ')})` : ''}`,
          ];
          if (!job.succeeded)
            throw new ActionFailure(
              redactCredentials(
                failureMessage(where, job, before, after, applied),
              ),
              undefined,
              changes,
            );
          return {
            summary: `applied ${
              applied.length
            } migration(s) in ${environment}: ${applied.join(', ')}`,
            changes,
          };
        },
      });
    },
  });
}

function failureMessage(
  where: string,
  job: { name: string; reason?: string; log: string },
  before: MigrationReport,
  after: MigrationReport,
  applied: string[],
): string {
  const failure = knexFailure(job.log);
  return [
    `the migration Job ${job.name} failed in ${where} (${
      job.reason ?? 'failed'
    })`,
    `applied ${applied.length} of ${before.pending.length}${
      applied.length ? ` (${applied.join(', ')})` : ''
    }`,
    failure.file
      ? `${failure.file} failed${failure.error ? `: ${failure.error}` : ''}`
      : undefined,
    `still pending: ${after.pending.map(p => p.file).join(', ') || 'none'}`,
    after.lock === 'held'
      ? lockHeldMessage(where)
      : "knex's migration lock is free",
  ]
    .filter(Boolean)
    .join('; ');
}
