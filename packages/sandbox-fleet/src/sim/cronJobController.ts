import { CronExpressionParser } from 'cron-parser';
import { Cluster } from '../fleet/Cluster';
import { KubeObject } from '../store/types';
import { byOwner, controllerRef, KINDS, sameJson, typeMeta } from './objects';

function lastScheduledBefore(
  schedule: string,
  now: number,
): number | undefined {
  try {
    const expression = CronExpressionParser.parse(schedule, {
      currentDate: new Date(now),
      tz: 'UTC',
    });
    return expression.prev().getTime();
  } catch {
    return undefined;
  }
}

const isFinished = (job: KubeObject, type: 'Complete' | 'Failed') =>
  (job.status?.conditions ?? []).some(
    (c: any) => c.type === type && c.status === 'True',
  );

/**
 * The CronJob controller: starts a Job for the latest missed schedule (once), honours
 * suspend and concurrencyPolicy Forbid, records lastScheduleTime and lastSuccessfulTime,
 * and keeps successfulJobsHistoryLimit / failedJobsHistoryLimit finished Jobs.
 */
export function reconcileCronJobs(cluster: Cluster): void {
  const { store } = cluster;
  const now = cluster.clock.now();
  const jobsByOwner = byOwner(store.all(KINDS.job));

  for (const cronJob of store.all(KINDS.cronJob)) {
    const jobs = jobsByOwner.get(cronJob.metadata.uid!) ?? [];
    const status = cronJob.status ?? {};
    const running = jobs.filter(
      j => !isFinished(j, 'Complete') && !isFinished(j, 'Failed'),
    );
    const next: any = { ...status };

    const due = lastScheduledBefore(cronJob.spec?.schedule ?? '', now);
    const last = Date.parse(
      status.lastScheduleTime ?? cronJob.metadata.creationTimestamp ?? '',
    );
    const forbid = cronJob.spec?.concurrencyPolicy === 'Forbid';
    if (
      due !== undefined &&
      due > last &&
      !cronJob.spec?.suspend &&
      !(forbid && running.length)
    ) {
      const job = store.create(KINDS.job, {
        ...typeMeta('Job'),
        metadata: {
          name: `${cronJob.metadata.name}-${Math.floor(due / 60000)}`,
          namespace: cronJob.metadata.namespace,
          labels: { ...(cronJob.spec?.jobTemplate?.metadata?.labels ?? {}) },
          annotations: {
            'batch.kubernetes.io/cronjob-scheduled-timestamp': new Date(
              due,
            ).toISOString(),
          },
          ownerReferences: [controllerRef(cronJob)],
        },
        spec: { ...(cronJob.spec?.jobTemplate?.spec ?? {}) },
      });
      running.push(job);
      jobs.push(job);
      next.lastScheduleTime = new Date(due).toISOString();
    }

    const completed = jobs.filter(j => isFinished(j, 'Complete'));
    const latestSuccess = completed
      .map(j => j.status?.completionTime)
      .filter(Boolean)
      .sort()
      .pop();
    if (
      latestSuccess &&
      (!status.lastSuccessfulTime || latestSuccess > status.lastSuccessfulTime)
    ) {
      next.lastSuccessfulTime = latestSuccess;
    }
    next.active = running.map(j => ({
      kind: 'Job',
      namespace: j.metadata.namespace,
      name: j.metadata.name,
      uid: j.metadata.uid,
      apiVersion: 'batch/v1',
    }));
    if (!next.active.length) delete next.active;

    prune(cluster, completed, cronJob.spec?.successfulJobsHistoryLimit ?? 3);
    prune(
      cluster,
      jobs.filter(j => isFinished(j, 'Failed')),
      cronJob.spec?.failedJobsHistoryLimit ?? 1,
    );

    if (!sameJson(next, cronJob.status)) {
      const latest = store.get(
        KINDS.cronJob,
        cronJob.metadata.namespace,
        cronJob.metadata.name,
      );
      if (latest) store.update(KINDS.cronJob, { ...latest, status: next });
    }
  }
}

function prune(cluster: Cluster, jobs: KubeObject[], keep: number) {
  const oldestFirst = [...jobs].sort((a, b) =>
    String(a.metadata.creationTimestamp).localeCompare(
      String(b.metadata.creationTimestamp),
    ),
  );
  for (const job of oldestFirst.slice(
    0,
    Math.max(0, oldestFirst.length - keep),
  )) {
    cluster.store.delete(KINDS.job, job.metadata.namespace, job.metadata.name);
  }
}
