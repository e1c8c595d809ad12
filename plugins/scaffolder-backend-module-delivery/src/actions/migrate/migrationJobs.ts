import { LABEL_APP_COMPONENT } from '@internal/backstage-plugin-delivery-common';
import { V1CronJob, V1Job, V1PodTemplateSpec } from '@kubernetes/client-node';
import { INSPECT_SCRIPT } from './inspectScript';

/** Labels the Job controller adds to a Job's pods and selector; a copy must not carry them. */
const CONTROLLER_LABELS = [
  'controller-uid',
  'batch.kubernetes.io/controller-uid',
  'job-name',
  'batch.kubernetes.io/job-name',
];

export const RUN_LABEL = 'delivery.backstage.io/run';

/** The label value, and Job name suffix, of a task's Jobs: stable across recovery. */
export const runLabelOf = (taskId: string) =>
  taskId.replace(/-/g, '').slice(0, 10);

/** A Job name of at most 63 characters: the service's prefix shortened, never the suffix. */
export function jobName(prefix: string, suffix: string): string {
  const room = 63 - suffix.length - 1;
  return `${prefix.slice(0, room).replace(/-+$/, '')}-${suffix}`;
}

function withoutControllerLabels(labels: Record<string, string> = {}) {
  return Object.fromEntries(
    Object.entries(labels).filter(([key]) => !CONTROLLER_LABELS.includes(key)),
  );
}

function podTemplateOf(template: V1PodTemplateSpec): V1PodTemplateSpec {
  return {
    ...template,
    metadata: {
      ...template.metadata,
      labels: withoutControllerLabels(template.metadata?.labels),
    },
  };
}

/** The knexfile the service's migration command names (`--knexfile x`), or knex's default. */
export function knexfileOf(template: V1Job): string {
  const container = template.spec!.template.spec!.containers[0];
  const argv = [...(container.command ?? []), ...(container.args ?? [])];
  const index = argv.indexOf('--knexfile');
  return index >= 0 && argv[index + 1] ? argv[index + 1] : 'knexfile.cjs';
}

/**
 * A new Job from the service's migration Job (the one its deploy applies): same pod, the
 * image asked for, exactly one attempt and a deadline; labelled with the run so it is
 * found again after a restart.
 */
export function migrationJob(options: {
  template: V1Job;
  name: string;
  runLabel: string;
  image?: string;
  deadlineSeconds: number;
}): V1Job {
  const { template } = options;
  const pod = podTemplateOf(template.spec!.template);
  const [first, ...rest] = pod.spec!.containers;
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      name: options.name,
      namespace: template.metadata!.namespace,
      labels: {
        ...withoutControllerLabels(template.metadata?.labels),
        [RUN_LABEL]: options.runLabel,
      },
    },
    spec: {
      backoffLimit: 0,
      activeDeadlineSeconds: options.deadlineSeconds,
      ttlSecondsAfterFinished: 7 * 86400,
      template: {
        ...pod,
        spec: {
          ...pod.spec!,
          restartPolicy: 'Never',
          containers: [
            { ...first, image: options.image ?? first.image },
            ...rest,
          ],
        },
      },
    },
  };
}

/**
 * A Job that reads the migration state (inspectScript) with the migration Job's pod:
 * same image and environment, its own command, a short deadline.
 */
export function inspectJob(options: {
  template: V1Job;
  name: string;
  runLabel: string;
  image?: string;
}): V1Job {
  const job = migrationJob({ ...options, deadlineSeconds: 300 });
  const container = job.spec!.template.spec!.containers[0];
  job.metadata!.labels![LABEL_APP_COMPONENT] = 'migration-status';
  job.spec!.template.metadata!.labels = {
    ...job.spec!.template.metadata!.labels,
    [LABEL_APP_COMPONENT]: 'migration-status',
  };
  job.spec!.ttlSecondsAfterFinished = 3600;
  job.spec!.template.spec!.initContainers = undefined;
  job.spec!.template.spec!.containers = [
    {
      ...container,
      command: ['node'],
      args: ['-e', INSPECT_SCRIPT, knexfileOf(options.template)],
    },
  ];
  return job;
}

/** A Job from the backup CronJob now, as `kubectl create job --from=cronjob/…` makes it. */
export function backupJob(options: {
  cronJob: V1CronJob;
  name: string;
  runLabel: string;
}): V1Job {
  const { cronJob } = options;
  const template = cronJob.spec!.jobTemplate;
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      name: options.name,
      namespace: cronJob.metadata!.namespace,
      labels: { ...template.metadata?.labels, [RUN_LABEL]: options.runLabel },
      annotations: {
        ...template.metadata?.annotations,
        'cronjob.kubernetes.io/instantiate': 'manual',
      },
      ownerReferences: [
        {
          apiVersion: 'batch/v1',
          kind: 'CronJob',
          name: cronJob.metadata!.name!,
          uid: cronJob.metadata!.uid!,
          controller: true,
        },
      ],
    },
    spec: template.spec,
  };
}

/**
 * The service's most recent migration Job: the one its deploy applied, or a copy an earlier
 * delivery:database:migrate made of it (same pod, possibly a newer image).
 */
export function latestTemplate(jobs: V1Job[]): V1Job | undefined {
  return [...jobs].sort(
    (a, b) =>
      new Date(b.metadata?.creationTimestamp ?? 0).getTime() -
      new Date(a.metadata?.creationTimestamp ?? 0).getTime(),
  )[0];
}
