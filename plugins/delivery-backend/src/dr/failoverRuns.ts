import {
  DeliveryRun,
  DR_FAILOVER_MODES,
  DrFailoverMode,
  DrFailoverOutcome,
  DrFailoverRecord,
} from '@internal/backstage-plugin-delivery-common';
import type { DrDrillEvidence } from './readiness/evidence';

const isMode = (value: unknown): value is DrFailoverMode =>
  (DR_FAILOVER_MODES as readonly unknown[]).includes(value);

/**
 * The run's `after` when it is a failover outcome. A run that died before recording one
 * (or recorded something else) has none, rather than a half-read one.
 */
function outcomeOf(run: DeliveryRun): DrFailoverOutcome | undefined {
  const after = run.after as Partial<DrFailoverOutcome> | undefined;
  if (!after || typeof after !== 'object' || !Array.isArray(after.steps))
    return undefined;
  return after as DrFailoverOutcome;
}

/** A failover run as the DR card lists it. */
export function toFailoverRecord(run: DeliveryRun): DrFailoverRecord {
  const outcome = outcomeOf(run);
  const mode = [run.inputs.mode, outcome?.mode].find(isMode) ?? 'failover';
  return {
    runId: run.id,
    mode,
    status: run.status,
    environment: run.environment,
    initiatedBy: run.initiatedBy,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    summary: run.summary,
    outcome,
  };
}

/**
 * A failover run as drill evidence. Every mode counts, not only `drill`: a planned
 * switchover or a real failover that recovered proves the failover works just as well.
 */
export function toDrillEvidence(run: DeliveryRun): DrDrillEvidence {
  const recovery = (run.after as { recoverySeconds?: unknown } | undefined)
    ?.recoverySeconds;
  return {
    runId: run.id,
    status: run.status,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    recoverySeconds:
      typeof recovery === 'number' && Number.isFinite(recovery)
        ? recovery
        : undefined,
  };
}
