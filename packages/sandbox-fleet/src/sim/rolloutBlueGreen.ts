import { KINDS } from './objects';
import {
  addPause,
  clearPauses,
  promoteStable,
  resumed,
  RolloutContext,
  scaleDownOthers,
  scaleTo,
} from './rolloutContext';
import {
  availableOf,
  durationMs,
  MANAGED_BY_ROLLOUTS,
  PAUSE_REASONS,
  ROLLOUT_HASH_LABEL,
  SCALE_DOWN_DEADLINE,
  specReplicas,
} from './rolloutObjects';

/** Points a Service at one ReplicaSet by its hash, as upstream does with the selector. */
function selectHash(
  ctx: RolloutContext,
  serviceName: string | undefined,
  hash: string,
): void {
  if (!serviceName) return;
  const { store } = ctx.cluster;
  const service = store.get(
    KINDS.service,
    ctx.rollout.metadata.namespace,
    serviceName,
  );
  if (!service) return;
  if (
    service.spec?.selector?.[ROLLOUT_HASH_LABEL] === hash &&
    service.metadata.annotations?.[MANAGED_BY_ROLLOUTS]
  )
    return;
  store.update(KINDS.service, {
    ...service,
    metadata: {
      ...service.metadata,
      annotations: {
        ...service.metadata.annotations,
        [MANAGED_BY_ROLLOUTS]: ctx.rollout.metadata.name,
      },
    },
    spec: {
      ...service.spec,
      selector: { ...service.spec?.selector, [ROLLOUT_HASH_LABEL]: hash },
    },
  });
}

function switchActive(ctx: RolloutContext, bg: any, hash: string): void {
  selectHash(ctx, bg.activeService, hash);
  ctx.status.blueGreen = { ...ctx.status.blueGreen, activeSelector: hash };
}

function pointPreview(ctx: RolloutContext, bg: any, hash: string): void {
  selectHash(ctx, bg.previewService, hash);
  if (bg.previewService) {
    ctx.status.blueGreen = { ...ctx.status.blueGreen, previewSelector: hash };
  }
}

/**
 * Upstream keeps the previous colour up for scaleDownDelaySeconds (default 30) after the
 * switch, so clients still on it drain: each old ReplicaSet gets a `scale-down-deadline`
 * annotation and scales to zero once it has passed.
 */
function scaleDownAfterDelay(ctx: RolloutContext, delayMs: number): void {
  for (const rs of ctx.others) {
    const latest = ctx.cluster.store.get(
      KINDS.replicaSet,
      rs.metadata.namespace,
      rs.metadata.name,
    );
    if (!latest || specReplicas(latest) === 0) continue;
    const deadline = latest.metadata.annotations?.[SCALE_DOWN_DEADLINE];
    if (!deadline) {
      ctx.cluster.store.update(KINDS.replicaSet, {
        ...latest,
        metadata: {
          ...latest.metadata,
          annotations: {
            ...latest.metadata.annotations,
            [SCALE_DOWN_DEADLINE]: new Date(ctx.now + delayMs).toISOString(),
          },
        },
      });
    } else if (ctx.now >= Date.parse(deadline)) {
      const { [SCALE_DOWN_DEADLINE]: _, ...annotations } =
        latest.metadata.annotations ?? {};
      ctx.cluster.store.update(KINDS.replicaSet, {
        ...latest,
        metadata: { ...latest.metadata, annotations },
        spec: { ...latest.spec, replicas: 0 },
      });
    }
  }
}

/**
 * One pass of a blue-green Rollout, after upstream's rollout/bluegreen.go: the new
 * ReplicaSet scales to full behind the preview Service; once it is available the Rollout
 * pauses (BlueGreenPause) when autoPromotionEnabled is false, or waits
 * autoPromotionSeconds; promotion switches the active Service to it, it becomes stable
 * and the previous ReplicaSet scales down after scaleDownDelaySeconds. Abort keeps the
 * active Service on stable and scales the new ReplicaSet down. (No pre- or
 * post-promotion analysis.)
 */
export function reconcileBlueGreen(ctx: RolloutContext): void {
  const { status } = ctx;
  const bg = ctx.rollout.spec.strategy.blueGreen;
  const hash: string = status.currentPodHash;

  if (status.stableRS === hash) {
    scaleTo(ctx, ctx.current, ctx.replicas);
    switchActive(ctx, bg, hash);
    pointPreview(ctx, bg, hash);
    if (availableOf(ctx.current) >= ctx.replicas) {
      scaleDownAfterDelay(ctx, (bg.scaleDownDelaySeconds ?? 30) * 1000);
    }
    return;
  }

  if (status.promoteFull) {
    clearPauses(ctx);
    delete status.abort;
  }
  const stableHash: string | undefined = status.stableRS;
  if (status.abort) {
    clearPauses(ctx);
    if (ctx.stable) scaleTo(ctx, ctx.stable, ctx.replicas);
    if (stableHash) {
      switchActive(ctx, bg, stableHash);
      pointPreview(ctx, bg, stableHash);
    }
    scaleTo(ctx, ctx.current, 0);
    scaleDownOthers(ctx);
    return;
  }

  if (ctx.stable) scaleTo(ctx, ctx.stable, ctx.replicas);
  const preview = scaleTo(ctx, ctx.current, ctx.replicas);
  pointPreview(ctx, bg, hash);
  if (stableHash) switchActive(ctx, bg, stableHash);
  scaleDownOthers(ctx);
  if (ctx.rollout.spec?.paused) return;
  if (availableOf(preview) < ctx.replicas) return;

  let promote = Boolean(status.promoteFull);
  if (!promote && bg.autoPromotionEnabled === false) {
    promote = resumed(ctx, PAUSE_REASONS.blueGreen);
    if (!promote) addPause(ctx, PAUSE_REASONS.blueGreen);
  } else if (!promote) {
    const delay = durationMs(bg.autoPromotionSeconds ?? 0);
    const since = status.pauseConditions?.find(
      (c: any) => c.reason === PAUSE_REASONS.blueGreen,
    )?.startTime;
    if (delay === 0) promote = true;
    else if (!since) addPause(ctx, PAUSE_REASONS.blueGreen);
    else promote = ctx.now >= Date.parse(since) + delay;
  }
  if (!promote) return;
  switchActive(ctx, bg, hash);
  promoteStable(ctx);
}
