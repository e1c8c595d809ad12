/**
 * The requests and HPA target to recommend for one Deployment, worked out together.
 *
 * Memory: the observed peak x headroom, never below the peak (memory is not compressible; a
 * pod over its request is the first the kubelet evicts), and only lowered or, when below the
 * peak, raised. CPU without a CPU target on the HPA: p95 x headroom, as nothing scales on it.
 * CPU with a CPU target: every request from median usage up to today's, in 5m steps, with
 * every target from today's up to the ceiling in 5 % steps, priced at the replicas the HPA
 * would run at median load. A pair qualifies when the HPA runs no more replicas at p95 load
 * than today; the cheapest wins, and among equals the lower target, then the larger request.
 * Keeping request x target near today's product keeps the scale-out point, and so the
 * replica counts, where they are; raising the target is what lets the request fall.
 */
import {
  CostBreakdown,
  monthlyCost,
} from '@internal/backstage-plugin-delivery-common';
import {
  HpaBounds,
  hpaReplicasAt,
  isPinned,
  ReplicaEstimate,
  TotalLoad,
} from './rightSizingReplicas';
import type {
  RightSizingPolicy,
  RightSizingSettings,
  RightSizingWorkload,
  UsageSummary,
} from './rightSizingTypes';

const MI = 2 ** 20;
const CPU_STEP = 5;

const roundUpTo = (value: number, step: number) =>
  Math.ceil(value / step - 1e-9) * step;

/** A priced pair of requests and targets. */
export interface Candidate {
  settings: RightSizingSettings;
  p50: ReplicaEstimate;
  p95: ReplicaEstimate;
  /** Monthly cost at the median-load replica count. */
  cost: CostBreakdown;
  pinned: boolean;
}

/** Everything the decision and its explanation need. */
export interface SearchOutcome {
  bounds: HpaBounds;
  load50: TotalLoad;
  load95: TotalLoad;
  before: Candidate;
  /** The CPU request p95 x headroom at today's target: what trimming alone would do. */
  naive: Candidate;
  /** Cheapest qualifying pair the HPA is not pinned with; absent when all are pinned. */
  best?: Candidate;
  /** Cheapest qualifying pair, pinned or not. */
  cheapest: Candidate;
  /** Below the observed usage: the request has to grow whatever it costs. */
  cpuBelowUsage: boolean;
  memoryBelowPeak: boolean;
  /** Memory request the rule gives, before deciding whether to change it. */
  memoryRule: number;
  cpuRule: number;
}

/**
 * Summed load at median and p95. Memory tracks heaps and caches more than traffic, so both
 * use its p95; without totals, the per-pod figure times today's replicas.
 */
function loadsOf(workload: RightSizingWorkload, usage: UsageSummary) {
  const pods = workload.replicas;
  const memory = usage.totalMemoryBytes?.p95 ?? usage.memoryBytes.p95 * pods;
  return {
    load50: {
      cpuMillicores:
        usage.totalCpuMillicores?.p50 ?? usage.cpuMillicores.p50 * pods,
      memoryBytes: memory,
    },
    load95: {
      cpuMillicores:
        usage.totalCpuMillicores?.p95 ?? usage.cpuMillicores.p95 * pods,
      memoryBytes: memory,
    },
  };
}

/** Today's target and the 5 % steps above it, never above the ceiling. */
function targetsFrom(current: number, ceiling: number): number[] {
  if (current >= ceiling) return [ceiling];
  const targets = [current];
  for (let t = roundUpTo(current + 1, 5); t < ceiling; t += 5) targets.push(t);
  targets.push(ceiling);
  return targets;
}

/**
 * Requests from median usage up to today's: 5m apart, or 0.5 % of today's request when that
 * is coarser, so a 64-core request is searched in 320 steps rather than 12,800.
 */
function requestsFrom(lower: number, current: number): number[] {
  const step = Math.max(CPU_STEP, roundUpTo(current / 200, CPU_STEP));
  const requests: number[] = [];
  for (let r = lower; r <= Math.max(current, lower); r += step) {
    requests.push(r);
  }
  if (current > lower && !requests.includes(current)) requests.push(current);
  return requests;
}

/** Today's requests and HPA targets. */
export function currentSettingsOf(
  workload: RightSizingWorkload,
): RightSizingSettings {
  const { hpa, requests } = workload;
  return {
    cpuMillicores: requests.cpuMillicores,
    memoryBytes: requests.memoryBytes,
    ...(hpa?.cpu?.target !== undefined
      ? { cpuTargetPercent: hpa.cpu.target }
      : {}),
    ...(hpa?.memory?.target !== undefined
      ? { memoryTargetPercent: hpa.memory.target }
      : {}),
  };
}

/** Whether `a` beats `b`: cheaper, then lower target, then larger request. */
function better(a: Candidate, b: Candidate | undefined): boolean {
  if (!b) return true;
  if (a.cost.total !== b.cost.total) return a.cost.total < b.cost.total;
  const ta = a.settings.cpuTargetPercent ?? 0;
  const tb = b.settings.cpuTargetPercent ?? 0;
  if (ta !== tb) return ta < tb;
  return a.settings.cpuMillicores > b.settings.cpuMillicores;
}

/** Works out today's figures and the candidates for one Deployment with enough usage. */
export function searchSettings(
  workload: RightSizingWorkload,
  usage: UsageSummary,
  policy: RightSizingPolicy,
): SearchOutcome {
  const { hpa, requests } = workload;
  const bounds = hpa
    ? { min: hpa.min, max: hpa.max }
    : { min: workload.replicas, max: workload.replicas };
  const { load50, load95 } = loadsOf(workload, usage);

  const price = (settings: RightSizingSettings): Candidate => {
    const p50 = hpaReplicasAt(load50, settings, bounds, workload.replicas);
    const p95 = hpaReplicasAt(load95, settings, bounds, workload.replicas);
    const cost = monthlyCost(
      {
        cpuMillicores: settings.cpuMillicores,
        memoryBytes: settings.memoryBytes,
        replicas: p50.replicas,
        purchase: workload.purchase,
        storageGib: workload.storageGib,
      },
      workload.prices,
    );
    return {
      settings,
      p50,
      p95,
      cost,
      pinned: hpa !== undefined && isPinned(p95, bounds),
    };
  };

  const current = currentSettingsOf(workload);
  const before = price(current);

  const peak = Math.max(usage.memoryBytes.p95, usage.memoryBytes.max);
  let memoryRule = roundUpTo(peak * policy.memoryHeadroom, MI);
  if (current.memoryTargetPercent !== undefined) {
    // A smaller memory request raises memory utilisation just as CPU does: keep it large
    // enough that the memory target needs no more replicas at p95 than today.
    memoryRule = Math.max(
      memoryRule,
      roundUpTo(
        (load95.memoryBytes * 100) /
          (before.p95.replicas * current.memoryTargetPercent),
        MI,
      ),
    );
  }
  const memoryBelowPeak = requests.memoryBytes < usage.memoryBytes.max;
  const memory =
    memoryBelowPeak || memoryRule < requests.memoryBytes
      ? memoryRule
      : requests.memoryBytes;

  const cpuRule = Math.max(
    policy.minCpuMillicores,
    roundUpTo(usage.cpuMillicores.p95 * policy.cpuHeadroom, CPU_STEP),
  );
  const withCpu = (cpuMillicores: number, cpuTargetPercent?: number) => ({
    ...current,
    cpuMillicores,
    memoryBytes: memory,
    ...(cpuTargetPercent !== undefined ? { cpuTargetPercent } : {}),
  });

  const cpuTarget = current.cpuTargetPercent;
  if (cpuTarget === undefined) {
    // Nothing scales on CPU: the request can follow usage on its own.
    const cpuBelowUsage = requests.cpuMillicores < usage.cpuMillicores.p95;
    const cpu =
      cpuBelowUsage || cpuRule < requests.cpuMillicores
        ? cpuRule
        : requests.cpuMillicores;
    const only = price(withCpu(cpu));
    return {
      bounds,
      load50,
      load95,
      before,
      naive: only,
      best: only.pinned ? undefined : only,
      cheapest: only,
      cpuBelowUsage,
      memoryBelowPeak,
      memoryRule,
      cpuRule,
    };
  }

  const lower = roundUpTo(
    Math.max(policy.minCpuMillicores, usage.cpuMillicores.p50),
    CPU_STEP,
  );
  let best: Candidate | undefined;
  let cheapest: Candidate | undefined;
  for (const target of targetsFrom(cpuTarget, policy.maxCpuTargetPercent)) {
    for (const request of requestsFrom(lower, requests.cpuMillicores)) {
      const candidate = price(withCpu(request, target));
      if (candidate.p95.replicas > before.p95.replicas) continue;
      if (better(candidate, cheapest)) cheapest = candidate;
      if (!candidate.pinned && better(candidate, best)) best = candidate;
    }
  }
  return {
    bounds,
    load50,
    load95,
    before,
    naive: price(withCpu(cpuRule, cpuTarget)),
    best,
    // today's request at today's target always qualifies, so there is a cheapest
    cheapest: cheapest ?? price(withCpu(requests.cpuMillicores, cpuTarget)),
    cpuBelowUsage: requests.cpuMillicores < usage.cpuMillicores.p50,
    memoryBelowPeak,
    memoryRule,
    cpuRule,
  };
}
