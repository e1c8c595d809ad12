import { V1Job, V1Pod } from '@kubernetes/client-node';
import { KubeCluster } from '../../kube/KubeCluster';
import { sleep, statusOf, UnknownOutcomeError } from '../../kube/kubeCall';
import { DeployStep } from '../../workloads/DeployStep';
import { RUN_LABEL } from './migrationJobs';

export interface JobResult {
  name: string;
  succeeded: boolean;
  /** The Failed condition's reason and message, or the pod's. */
  reason?: string;
  /** The whole log of the Job's last pod. */
  log: string;
}

/** Credentials in URLs (postgres://user:secret@host) never reach the task log. */
export function redactCredentials(line: string): string {
  return line.replace(
    /(\b[a-z][a-z0-9+.-]*:\/\/)[^/\s:@]+:[^@\s]*@/gi,
    '$1***@',
  );
}

/**
 * Creates a Job unless it already exists. A Job is named by its task, so a 409 is the
 * same Job created before a restart, and a lost answer is settled by reading it: a Job is
 * never created twice.
 */
export async function createJobOnce(
  cluster: KubeCluster,
  job: V1Job,
): Promise<void> {
  const { namespace, name } = job.metadata as {
    namespace: string;
    name: string;
  };
  try {
    await cluster.createJob(job);
  } catch (error) {
    const lost = error instanceof UnknownOutcomeError;
    if (!lost && statusOf(error) !== 409) throw error;
    const existing = await cluster.findJob(namespace, name);
    if (!existing && lost) {
      await cluster.createJob(job);
      return;
    }
    const theirs = existing?.metadata?.labels?.[RUN_LABEL];
    if (theirs !== job.metadata?.labels?.[RUN_LABEL])
      throw new Error(
        `Job ${namespace}/${name} already exists and belongs to another run (${
          theirs ?? 'not a Delivery run'
        }); nothing was started`,
      );
  }
}

const finishedCondition = (job: V1Job) =>
  job.status?.conditions?.find(
    c => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True',
  );

function podReason(pod: V1Pod | undefined): string | undefined {
  const state = pod?.status?.containerStatuses?.[0]?.state;
  if (state?.waiting?.reason) return state.waiting.reason;
  if (state?.terminated && state.terminated.exitCode !== 0)
    return `${state.terminated.reason ?? 'Error'}, exit code ${
      state.terminated.exitCode
    }`;
  return undefined;
}

/**
 * Follows a Job to its end, its pod's new log lines going to the task log as they come
 * (`echo`), and returns how it ended. Job pods are polled for their whole log: short,
 * and the same on every API server, including ones that cannot stream.
 */
export async function followJob(
  cluster: KubeCluster,
  namespace: string,
  name: string,
  step: DeployStep,
  options: { echo: boolean; limitMs: number },
): Promise<JobResult> {
  const started = Date.now();
  let shown = 0;
  let log = '';
  let pod: V1Pod | undefined;
  const readLog = async () => {
    const pods = await cluster.podsMatching(namespace, { 'job-name': name });
    const latest = pods.sort(
      (a, b) =>
        new Date(b.metadata?.creationTimestamp ?? 0).getTime() -
        new Date(a.metadata?.creationTimestamp ?? 0).getTime(),
    )[0];
    // A Job that retries (backoffLimit > 0) starts a new pod with a log of its own; a
    // pod deleted at the deadline leaves the last log read.
    if (!latest) return;
    if (latest.metadata?.name !== pod?.metadata?.name) {
      shown = 0;
      log = '';
    }
    pod = latest;
    if (!pod.status?.containerStatuses?.[0]?.state?.waiting)
      log = await cluster
        .podLog(namespace, pod.metadata!.name!)
        .catch(() => log);
    const lines = log.split('\n').filter(Boolean);
    if (options.echo)
      for (const line of lines.slice(shown))
        step.logger.info(`  ${name} | ${redactCredentials(line)}`);
    shown = Math.max(shown, lines.length);
  };
  for (;;) {
    const job = await cluster.findJob(namespace, name);
    if (!job) throw new Error(`Job ${namespace}/${name} is gone`);
    await readLog();
    const finished = finishedCondition(job);
    if (finished)
      return {
        name,
        succeeded: finished.type === 'Complete',
        reason:
          finished.type === 'Complete'
            ? undefined
            : [finished.reason, podReason(pod)].filter(Boolean).join('; '),
        log,
      };
    if (Date.now() - started > options.limitMs)
      throw new Error(
        `Job ${namespace}/${name} has not finished after ${Math.round(
          options.limitMs / 1000,
        )}s; it was left running (its own activeDeadlineSeconds stops it)`,
      );
    // Jobs are short: read them at least every second.
    await sleep(Math.min(step.pollMs, 1000), step.signal);
  }
}

/** The last lines of a log, redacted, for an error message. */
export function logTail(log: string, lines = 5): string {
  return log
    .split('\n')
    .filter(Boolean)
    .slice(-lines)
    .map(redactCredentials)
    .join(' / ');
}
