import { Cluster } from '../fleet/Cluster';
import { KubeObject } from '../store/types';
import { LocalImageRuntime, LocalRun } from './localImages';
import { KINDS, sameJson } from './objects';

/**
 * What a pod's containers do, decided by the image name so tests and demos can ask for a
 * failure mode without any special API:
 * - `missing`: the image never pulls (ErrImagePull, ImagePullBackOff);
 * - `crash`: the container exits with an error and restarts with back-off (CrashLoopBackOff);
 * - `oom`: the same, killed for memory (OOMKilled, exit 137);
 * - `unready`: runs, but its readiness probe never passes;
 * - `slow`: becomes ready after half a minute instead of a few seconds;
 * - `fail` (Job pods): the run exits with an error.
 */
export type Behaviour =
  | 'ok'
  | 'missing'
  | 'crash'
  | 'oom'
  | 'unready'
  | 'slow'
  | 'fail';

export function behaviourOf(image: string): Behaviour {
  const lower = image.toLowerCase();
  for (const mode of [
    'missing',
    'crash',
    'oom',
    'unready',
    'slow',
    'fail',
  ] as const) {
    if (lower.includes(mode)) return mode;
  }
  return 'ok';
}

type Stage =
  | 'scheduled'
  | 'pulling'
  | 'starting'
  | 'running'
  | 'terminated'
  | 'backoff'
  | 'pullbackoff'
  | 'done';

interface PodState {
  stage: Stage;
  /** When the next transition is due (ms since epoch). */
  due: number;
  restarts: number;
  startedAt?: number;
  readyAt?: number;
  finishedAt?: number;
  exitCode?: number;
  /** The process of a Job pod whose image runs locally. */
  local?: LocalRun;
}

export interface LifecycleTiming {
  /** Divides every delay: 2 makes pods start twice as fast. */
  speed: number;
}

const BACKOFF_CAP_MS = 300_000;

function waitingMessage(
  stage: string,
  container: string,
  image: string,
  pod: string,
) {
  if (stage === 'backoff') {
    return {
      message: `back-off restarting failed container ${container} in pod ${pod}`,
    };
  }
  if (stage === 'pullbackoff')
    return { message: `Back-off pulling image "${image}"` };
  return {};
}

/** The kubelet and scheduler: places pods on nodes and moves their containers through their lives. */
export class PodLifecycle {
  private readonly states = new Map<string, PodState>();

  constructor(
    private readonly cluster: Cluster,
    private readonly timing: LifecycleTiming,
    private readonly localImages = new LocalImageRuntime(),
  ) {}

  private delay(min: number, max: number): number {
    return this.cluster.random.int(min, max) / this.timing.speed;
  }

  reconcile(): void {
    const { store } = this.cluster;
    const now = this.cluster.clock.now();
    const nodes = store.all(KINDS.node).map(n => n.metadata.name);
    const live = new Set<string>();

    for (const pod of store.all(KINDS.pod)) {
      const uid = pod.metadata.uid!;
      live.add(uid);
      let state = this.states.get(uid);
      if (!state) {
        state = this.adopt(pod, now);
        this.states.set(uid, state);
      }
      const next = this.advance(pod, state, now, nodes);
      if (next) {
        const latest = store.get(
          KINDS.pod,
          pod.metadata.namespace,
          pod.metadata.name,
        );
        const changed =
          latest &&
          (!sameJson(latest.spec, next.spec) ||
            !sameJson(latest.status, next.status));
        if (latest && changed) {
          store.update(KINDS.pod, {
            ...latest,
            spec: next.spec,
            status: next.status,
          });
        }
      }
    }
    for (const [uid, state] of this.states) {
      if (live.has(uid)) continue;
      // A deleted pod's container is killed, as by a Job's activeDeadlineSeconds.
      state.local?.kill();
      this.states.delete(uid);
    }
  }

  /** Picks up a pod created elsewhere (seeded, or through the API) in the state it shows. */
  private adopt(pod: KubeObject, now: number): PodState {
    const phase = pod.status?.phase;
    const container = pod.status?.containerStatuses?.[0];
    const restarts = container?.restartCount ?? 0;
    if (phase === 'Succeeded' || phase === 'Failed')
      return { stage: 'done', due: Infinity, restarts };
    if (container?.state?.waiting?.reason === 'CrashLoopBackOff') {
      return { stage: 'backoff', due: now + this.backoff(restarts), restarts };
    }
    if (/ImagePull/.test(container?.state?.waiting?.reason ?? '')) {
      return {
        stage: 'pullbackoff',
        due: now + this.delay(5000, 10000),
        restarts,
      };
    }
    if (container?.state?.running) {
      const startedAt = Date.parse(container.state.running.startedAt) || now;
      const readyAt = container.ready ? startedAt : undefined;
      return {
        stage: 'running',
        due: readyAt ? Infinity : now,
        restarts,
        startedAt,
        readyAt,
      };
    }
    return { stage: 'scheduled', due: now, restarts };
  }

  private backoff(restarts: number): number {
    return (
      Math.min(BACKOFF_CAP_MS, 10_000 * 2 ** Math.max(0, restarts - 1)) /
      this.timing.speed
    );
  }

  private advance(
    pod: KubeObject,
    state: PodState,
    now: number,
    nodes: string[],
  ) {
    let spec = pod.spec;
    if (!spec.nodeName && nodes.length) {
      spec = { ...spec, nodeName: this.cluster.random.pick(nodes) };
    }
    if (now < state.due && spec === pod.spec) return undefined;

    const image: string = spec.containers?.[0]?.image ?? '';
    const behaviour = behaviourOf(image);
    const isJob = (spec.restartPolicy ?? 'Always') !== 'Always';

    while (now >= state.due) {
      switch (state.stage) {
        case 'scheduled':
          state.stage = 'pulling';
          state.due = now + this.delay(800, 2000);
          break;
        case 'pulling':
          if (behaviour === 'missing') {
            state.stage = 'pullbackoff';
            state.due = now + this.delay(5000, 10000);
          } else {
            state.stage = 'starting';
            state.due = now + this.delay(300, 800);
          }
          break;
        case 'pullbackoff':
          state.due = now + this.delay(5000, 10000);
          break;
        case 'starting':
          state.stage = 'running';
          state.startedAt = now;
          this.log(pod, `starting ${spec.containers?.[0]?.name} (${image})`);
          if (isJob && this.localImages.directoryOf(image)) {
            this.runLocally(pod, state);
          } else if (isJob) {
            state.due = now + this.delay(2000, 4000);
          } else if (behaviour === 'crash' || behaviour === 'oom') {
            state.due = now + this.delay(1000, 2000);
          } else if (behaviour === 'unready') {
            state.due = Infinity;
          } else {
            state.due =
              now +
              (behaviour === 'slow'
                ? this.delay(25000, 35000)
                : this.delay(800, 2000));
          }
          break;
        case 'running':
          if (isJob) {
            state.stage = 'done';
            state.exitCode = behaviour === 'fail' ? 1 : 0;
            state.finishedAt = now;
            this.log(
              pod,
              state.exitCode
                ? 'error: the run failed, exiting with code 1'
                : 'completed successfully',
            );
            state.due = Infinity;
          } else if (behaviour === 'crash' || behaviour === 'oom') {
            state.stage = 'terminated';
            state.exitCode = behaviour === 'oom' ? 137 : 1;
            state.finishedAt = now;
            this.log(
              pod,
              behaviour === 'oom'
                ? 'fatal: out of memory'
                : 'Error: cannot connect to the database: connection refused',
            );
            state.due = now;
          } else {
            state.readyAt = now;
            this.log(pod, 'listening on :8080; readiness probe passed');
            state.due = Infinity;
          }
          break;
        case 'terminated':
          state.stage = 'backoff';
          state.restarts += 1;
          state.due = now + this.backoff(state.restarts);
          break;
        case 'backoff':
          state.stage = 'starting';
          state.due = now + this.delay(200, 500);
          break;
        default:
          state.due = Infinity;
      }
    }
    return { spec, status: this.statusOf(pod, spec, state, behaviour) };
  }

  /** Runs a Job pod's container as a local process; its exit ends the pod. */
  private runLocally(pod: KubeObject, state: PodState) {
    state.due = Infinity;
    state.local = this.localImages.run(
      this.cluster,
      pod,
      line => this.log(pod, line),
      exitCode => {
        state.stage = 'done';
        state.exitCode = exitCode;
        state.finishedAt = this.cluster.clock.now();
        state.due = state.finishedAt;
        state.local = undefined;
      },
    );
  }

  /** Kills the processes of locally run images, when the cluster stops. */
  stop(): void {
    this.localImages.stopAll();
  }

  private log(pod: KubeObject, line: string) {
    this.cluster.appendLog(pod.metadata.uid!, line);
  }

  private statusOf(
    pod: KubeObject,
    spec: any,
    state: PodState,
    behaviour: Behaviour,
  ) {
    const iso = (ms?: number) =>
      ms === undefined ? undefined : new Date(ms).toISOString();
    const previous = pod.status ?? {};
    const ready = state.stage === 'running' && state.readyAt !== undefined;
    const succeeded = state.stage === 'done' && state.exitCode === 0;
    let phase = 'Pending';
    if (state.stage === 'done') phase = succeeded ? 'Succeeded' : 'Failed';
    else if (
      ['running', 'terminated', 'backoff'].includes(state.stage) ||
      (state.stage === 'starting' && state.restarts > 0)
    )
      phase = 'Running';

    const waitingReason: Record<string, string> = {
      scheduled: 'ContainerCreating',
      pulling: 'ContainerCreating',
      starting: state.restarts > 0 ? 'CrashLoopBackOff' : 'ContainerCreating',
      backoff: 'CrashLoopBackOff',
      pullbackoff: 'ImagePullBackOff',
    };
    const terminatedReason = behaviour === 'oom' ? 'OOMKilled' : 'Error';
    const containers = (spec.containers ?? []).map(
      (container: any, index: number) => {
        let containerState: any;
        if (state.stage === 'running')
          containerState = { running: { startedAt: iso(state.startedAt) } };
        else if (state.stage === 'done' || state.stage === 'terminated') {
          containerState = {
            terminated: {
              exitCode: state.exitCode,
              reason: state.exitCode === 0 ? 'Completed' : terminatedReason,
              startedAt: iso(state.startedAt),
              finishedAt: iso(state.finishedAt),
            },
          };
        } else {
          containerState = {
            waiting: {
              reason: waitingReason[state.stage],
              ...waitingMessage(
                state.stage,
                container.name,
                container.image,
                pod.metadata.name,
              ),
            },
          };
        }
        return {
          name: container.name,
          image: container.image,
          imageID: ['scheduled', 'pulling', 'pullbackoff'].includes(state.stage)
            ? ''
            : `${container.image}@sha256:${index}`,
          ready: ready,
          started: state.stage === 'running',
          restartCount: state.restarts,
          state: containerState,
          ...(state.restarts > 0
            ? {
                lastState: {
                  terminated: {
                    exitCode: behaviour === 'oom' ? 137 : 1,
                    reason: terminatedReason,
                    finishedAt: iso(state.finishedAt),
                  },
                },
              }
            : {}),
          containerID: state.startedAt
            ? `containerd://${pod.metadata.uid}-${index}`
            : undefined,
        };
      },
    );

    const now = new Date(this.cluster.clock.now()).toISOString();
    const condition = (type: string, status: boolean) => {
      const before = (previous.conditions ?? []).find(
        (c: any) => c.type === type,
      );
      const value = status ? 'True' : 'False';
      return {
        type,
        status: value,
        lastProbeTime: null,
        lastTransitionTime:
          before?.status === value ? before.lastTransitionTime : now,
      };
    };
    return {
      ...previous,
      phase,
      conditions: [
        condition('PodScheduled', Boolean(spec.nodeName)),
        condition('Initialized', true),
        condition('ContainersReady', ready),
        condition('Ready', ready),
      ],
      hostIP:
        previous.hostIP ??
        `10.0.${this.cluster.random.int(0, 15)}.${this.cluster.random.int(
          2,
          250,
        )}`,
      podIP:
        previous.podIP ??
        `10.244.${this.cluster.random.int(0, 255)}.${this.cluster.random.int(
          2,
          250,
        )}`,
      startTime: previous.startTime ?? now,
      containerStatuses: containers,
      qosClass: previous.qosClass ?? 'Burstable',
    };
  }
}
