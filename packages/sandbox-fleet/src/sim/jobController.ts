import { Cluster } from '../fleet/Cluster';
import { KubeObject } from '../store/types';
import { byOwner, KINDS, sameJson, setCondition } from './objects';
import { podFor } from './replicaSetController';

/**
 * The Job controller: one pod at a time, retried up to backoffLimit, stopped by
 * activeDeadlineSeconds; status with active/succeeded/failed and Complete or Failed.
 */
export function reconcileJobs(cluster: Cluster): void {
  const { store } = cluster;
  const now = cluster.clock.now();
  const nowIso = new Date(now).toISOString();
  const podsByOwner = byOwner(store.all(KINDS.pod));

  for (const job of store.all(KINDS.job)) {
    const status = job.status ?? {};
    const finished = (status.conditions ?? []).some(
      (c: any) =>
        (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True',
    );
    if (finished || job.spec?.suspend) continue;

    const pods = podsByOwner.get(job.metadata.uid!) ?? [];
    const succeeded = pods.filter(p => p.status?.phase === 'Succeeded').length;
    const failed = pods.filter(p => p.status?.phase === 'Failed').length;
    const active = pods.filter(
      p => p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed',
    );
    const startTime = status.startTime ?? nowIso;
    const backoffLimit = job.spec?.backoffLimit ?? 6;
    const deadline = job.spec?.activeDeadlineSeconds;

    let next: any = {
      ...status,
      startTime,
      active: active.length,
      succeeded,
      failed,
      ready: 0,
    };
    let conditions = status.conditions;
    if (succeeded >= (job.spec?.completions ?? 1)) {
      conditions = setCondition(
        conditions,
        {
          type: 'Complete',
          status: 'True',
          reason: 'Completed',
          message: 'Job completed',
        },
        nowIso,
        { lastProbeTime: nowIso },
      );
      next = { ...next, completionTime: nowIso, active: 0 };
    } else if (
      deadline !== undefined &&
      now - Date.parse(startTime) > deadline * 1000
    ) {
      active.forEach(p =>
        store.delete(KINDS.pod, p.metadata.namespace, p.metadata.name),
      );
      conditions = setCondition(
        conditions,
        {
          type: 'Failed',
          status: 'True',
          reason: 'DeadlineExceeded',
          message: 'Job was active longer than specified deadline',
        },
        nowIso,
        { lastProbeTime: nowIso },
      );
      next = { ...next, active: 0 };
    } else if (failed > backoffLimit) {
      conditions = setCondition(
        conditions,
        {
          type: 'Failed',
          status: 'True',
          reason: 'BackoffLimitExceeded',
          message: 'Job has reached the specified backoff limit',
        },
        nowIso,
        { lastProbeTime: nowIso },
      );
      next = { ...next, active: 0 };
    } else if (active.length === 0) {
      store.create(KINDS.pod, jobPod(cluster, job));
      next = { ...next, active: 1 };
    }
    if (conditions) next.conditions = conditions;
    if (!sameJson(next, job.status)) {
      const latest = store.get(
        KINDS.job,
        job.metadata.namespace,
        job.metadata.name,
      );
      if (latest) store.update(KINDS.job, { ...latest, status: next });
    }
  }
}

function jobPod(cluster: Cluster, job: KubeObject): KubeObject {
  const template = job.spec?.template ?? {};
  const labels = {
    ...(template.metadata?.labels ?? {}),
    'batch.kubernetes.io/job-name': job.metadata.name,
    'job-name': job.metadata.name,
    'controller-uid': job.metadata.uid!,
  };
  return podFor(cluster, job, {
    ...template,
    metadata: { ...(template.metadata ?? {}), labels },
    spec: { restartPolicy: 'Never', ...(template.spec ?? {}) },
  });
}
