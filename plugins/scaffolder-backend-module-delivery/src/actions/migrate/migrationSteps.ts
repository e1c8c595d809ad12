import { InputError } from '@backstage/errors';
import { COMPONENTS } from '@internal/backstage-plugin-delivery-common';
import { V1CronJob, V1Job } from '@kubernetes/client-node';
import { KubeCluster, withComponent } from '../../kube/KubeCluster';
import { DeployStep } from '../../workloads/DeployStep';
import { createJobOnce, followJob, JobResult, logTail } from './followJob';
import { MigrationReport, parseReport } from './inspectScript';
import {
  backupJob,
  inspectJob,
  jobName,
  latestTemplate,
  migrationJob,
} from './migrationJobs';

/** What a service's migrations run from in one cluster. */
export interface MigrationSetup {
  cluster: KubeCluster;
  /** The start of the names of the Jobs a run creates: the service's kubernetes-id or name. */
  serviceName: string;
  template: V1Job;
  namespace: string;
  /** Absent when the service has no backup CronJob there. */
  backup?: V1CronJob;
}

/**
 * The service's migration Job (the one its deploy applies) and backup CronJob in a
 * cluster, found by the service's label selector. Without the former there is nothing to
 * run migrations from.
 */
export async function findMigrationSetup(
  cluster: KubeCluster,
  service: { selector: string; serviceName: string },
): Promise<MigrationSetup> {
  const [jobs, cronJobs] = await Promise.all([
    cluster.jobsOf(service.selector, COMPONENTS.migration),
    cluster.cronJobsOf(service.selector, COMPONENTS.backup),
  ]);
  const template = latestTemplate(jobs);
  if (!template)
    throw new InputError(
      `entityRef: ${cluster.name} has no migration Job labelled ${withComponent(
        service.selector,
        COMPONENTS.migration,
      )} (a golden path service with a database applies one with each deploy: deploy/base/migration-job.yaml)`,
    );
  const namespace = template.metadata!.namespace!;
  return {
    cluster,
    serviceName: service.serviceName,
    template,
    namespace,
    backup: cronJobs.find(c => c.metadata?.namespace === namespace),
  };
}

/**
 * Reads the migration state with a Job in the service's image. The Job runs once per
 * task and key (a checkpoint), and its report is what the checkpoint keeps.
 */
export async function inspectMigrations(
  setup: MigrationSetup,
  step: DeployStep,
  options: { key: string; runLabel: string; image?: string },
): Promise<MigrationReport> {
  const name = jobName(
    setup.serviceName,
    `migrations-${options.key}-${options.runLabel}`,
  );
  const result = await step.checkpoint(
    `migrate.${options.key}.${setup.cluster.name}.${options.runLabel}.v1`,
    async () => {
      await createJobOnce(
        setup.cluster,
        inspectJob({
          template: setup.template,
          name,
          runLabel: options.runLabel,
          image: options.image,
        }),
      );
      const ended = await followJob(
        setup.cluster,
        setup.namespace,
        name,
        step,
        {
          echo: false,
          limitMs: 330_000,
        },
      );
      const report = parseReport(ended.log);
      if (!ended.succeeded || !report)
        throw new Error(
          `${
            setup.cluster.name
          }: could not read the migration state with Job ${name} (${
            ended.reason ?? 'it printed no report'
          }): ${logTail(ended.log) || 'no output'}`,
        );
      return report as unknown as Record<string, any>;
    },
  );
  return result as unknown as MigrationReport;
}

/** Runs the backup CronJob's Job now and waits for it; any failure stops everything. */
export async function runBackup(
  setup: MigrationSetup,
  step: DeployStep,
  options: { runLabel: string; limitMs: number },
): Promise<JobResult> {
  const cronJob = setup.backup!;
  const name = jobName(cronJob.metadata!.name!, options.runLabel);
  return step.checkpoint(`migrate.backup.${options.runLabel}.v1`, async () => {
    await createJobOnce(
      setup.cluster,
      backupJob({ cronJob, name, runLabel: options.runLabel }),
    );
    step.logger.info(
      `Backup: Job ${setup.namespace}/${name} from CronJob ${
        cronJob.metadata!.name
      }`,
    );
    const ended = await followJob(setup.cluster, setup.namespace, name, step, {
      echo: true,
      limitMs: options.limitMs,
    });
    if (!ended.succeeded)
      throw new Error(
        `the backup failed, so no migration ran: Job ${
          setup.namespace
        }/${name} ended ${ended.reason}: ${logTail(ended.log) || 'no output'}`,
      );
    return { ...ended, log: '' };
  }) as Promise<JobResult>;
}

/**
 * Runs the migration Job (one attempt, a deadline) and follows it, its output in the task
 * log. A running migration is not interrupted by cancelling the task: stopping knex
 * halfway is what leaves a lock held, so the task waits for the Job's end.
 */
export async function runMigrationJob(
  setup: MigrationSetup,
  step: DeployStep,
  options: { runLabel: string; image?: string; deadlineSeconds: number },
): Promise<JobResult> {
  const name = jobName(setup.serviceName, `migrate-${options.runLabel}`);
  return step.checkpoint(`migrate.job.${options.runLabel}.v1`, async () => {
    await createJobOnce(
      setup.cluster,
      migrationJob({
        template: setup.template,
        name,
        runLabel: options.runLabel,
        image: options.image,
        deadlineSeconds: options.deadlineSeconds,
      }),
    );
    step.logger.info(`Migration: Job ${setup.namespace}/${name}`);
    const ended = await followJob(
      setup.cluster,
      setup.namespace,
      name,
      { ...step, signal: undefined },
      { echo: true, limitMs: (options.deadlineSeconds + 60) * 1000 },
    );
    return { ...ended, log: ended.log.slice(-20_000) };
  }) as Promise<JobResult>;
}
