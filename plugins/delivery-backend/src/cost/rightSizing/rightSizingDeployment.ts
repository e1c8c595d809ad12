/**
 * The verdict for one Deployment and the sentences that justify it. A change is recommended
 * when it saves enough, or when today's requests are below the usage (or the HPA is pinned)
 * and it fixes that; a change that would pin the HPA at its maximum is refused, never
 * recommended; anything else is already right-sized.
 */
import {
  cpuText,
  durationText,
  memoryText,
  percentOf,
  replicasText,
  usd,
} from './rightSizingFormat';
import { hpaReplicasAt } from './rightSizingReplicas';
import {
  Candidate,
  currentSettingsOf,
  searchSettings,
  SearchOutcome,
} from './rightSizingSearch';
import type {
  RightSizingPolicy,
  RightSizingResult,
  RightSizingSettings,
  RightSizingWorkload,
  UsageSummary,
} from './rightSizingTypes';
import { missingData, windowHours } from './rightSizingUsage';

const cents = (value: number) => Math.round(value * 100) / 100;

const windowText = (usage: UsageSummary) => durationText(windowHours(usage));

function usageSentence(usage: UsageSummary): string {
  const cpu = usage.cpuMillicores;
  const memory = usage.memoryBytes;
  return (
    `Observed over ${windowText(usage)} (${usage.sampleCount} samples): ` +
    `CPU per pod p50 ${cpuText(cpu.p50)}, p95 ${cpuText(cpu.p95)}, ` +
    `max ${cpuText(cpu.max)}; memory per pod p95 ${memoryText(
      memory.p95,
    )}, peak ${memoryText(memory.max)}.`
  );
}

function sameSettings(a: RightSizingSettings, b: RightSizingSettings) {
  return (
    a.cpuMillicores === b.cpuMillicores &&
    a.memoryBytes === b.memoryBytes &&
    a.cpuTargetPercent === b.cpuTargetPercent
  );
}

/** `CPU 1000m → 825m, CPU target 70 % → 85 %, memory 2Gi → 960Mi`: what changes. */
function describeChange(from: RightSizingSettings, to: RightSizingSettings) {
  const parts: string[] = [];
  if (to.cpuMillicores !== from.cpuMillicores) {
    parts.push(
      `CPU ${cpuText(from.cpuMillicores)} → ${cpuText(to.cpuMillicores)}`,
    );
  }
  if (to.cpuTargetPercent !== from.cpuTargetPercent) {
    parts.push(
      `CPU target ${from.cpuTargetPercent} % → ${to.cpuTargetPercent} %`,
    );
  }
  if (to.memoryBytes !== from.memoryBytes) {
    parts.push(
      `memory ${memoryText(from.memoryBytes)} → ${memoryText(to.memoryBytes)}`,
    );
  }
  return parts.length > 0 ? parts.join(', ') : 'no change';
}

const savingOf = (before: Candidate, after: Candidate) =>
  cents(before.cost.total - after.cost.total);

const atLoads = (c: Candidate) =>
  `${replicasText(c.p50.replicas)} at median load and ${c.p95.replicas} at p95`;

const pinText = (c: Candidate, max: number) =>
  `pin the HPA at its maximum of ${max} (at p95 load it would want ${c.p95.desired})`;

function cpuSentence(
  current: RightSizingSettings,
  chosen: RightSizingSettings,
  outcome: SearchOutcome,
  usage: UsageSummary,
  policy: RightSizingPolicy,
): string {
  const from = cpuText(current.cpuMillicores);
  const to = cpuText(chosen.cpuMillicores);
  if (chosen.cpuMillicores === current.cpuMillicores) {
    return `CPU request stays ${from}.`;
  }
  const p95 = cpuText(usage.cpuMillicores.p95);
  if (outcome.cpuBelowUsage) {
    return `CPU request ${from} → ${to}: below the p95 usage of ${p95}, so it grows to p95 × ${policy.cpuHeadroom}.`;
  }
  if (chosen.cpuMillicores === policy.minCpuMillicores) {
    return `CPU request ${from} → ${to}, the smallest request recommended (p95 usage is ${p95}).`;
  }
  return `CPU request ${from} → ${to}: p95 usage ${p95} × ${policy.cpuHeadroom}.`;
}

function memorySentence(
  current: RightSizingSettings,
  chosen: RightSizingSettings,
  outcome: SearchOutcome,
  usage: UsageSummary,
  policy: RightSizingPolicy,
): string {
  const from = memoryText(current.memoryBytes);
  const to = memoryText(chosen.memoryBytes);
  if (chosen.memoryBytes === current.memoryBytes) {
    return `Memory request stays ${from}.`;
  }
  const peak = memoryText(usage.memoryBytes.max);
  const hpaNote =
    current.memoryTargetPercent !== undefined &&
    chosen.memoryBytes > usage.memoryBytes.max * policy.memoryHeadroom
      ? `; it stays at ${to} so the ${current.memoryTargetPercent} % memory target needs no more replicas at p95 than today`
      : '';
  if (outcome.memoryBelowPeak) {
    return `Memory request ${from} → ${to}: below the observed peak of ${peak}, where pods get OOM-killed or evicted; memory cannot be throttled, so it grows to the peak × ${policy.memoryHeadroom}${hpaNote}.`;
  }
  return `Memory request ${from} → ${to}: the observed peak ${peak} × ${policy.memoryHeadroom}; memory cannot be throttled, so it never goes below the peak${hpaNote}.`;
}

/** With a CPU target: what trimming the request alone would do to the replica count. */
function naiveSentence(
  outcome: SearchOutcome,
  usage: UsageSummary,
  policy: RightSizingPolicy,
) {
  const { naive, before, bounds } = outcome;
  const current = before.settings;
  if (
    current.cpuTargetPercent === undefined ||
    naive.settings.cpuMillicores >= current.cpuMillicores
  ) {
    return [];
  }
  const pinned = naive.pinned ? `, ${pinText(naive, bounds.max)},` : '';
  return [
    `Lowering only the CPU request to ${cpuText(
      naive.settings.cpuMillicores,
    )} (p95 usage ${cpuText(usage.cpuMillicores.p95)} × ${
      policy.cpuHeadroom
    }) at the ${current.cpuTargetPercent} % target would run ${atLoads(
      naive,
    )} (today ${before.p50.replicas} and ${
      before.p95.replicas
    })${pinned} for ${usd(naive.cost.total)} a month instead of ${usd(
      before.cost.total,
    )}.`,
  ];
}

function hpaCpuSentence(before: Candidate, chosen: Candidate): string {
  const from = before.settings;
  const to = chosen.settings;
  const point = (s: RightSizingSettings) =>
    cpuText(((s.cpuTargetPercent ?? 0) * s.cpuMillicores) / 100);
  const change =
    to.cpuMillicores === from.cpuMillicores
      ? `CPU target ${from.cpuTargetPercent} % → ${
          to.cpuTargetPercent
        } % with the request at ${cpuText(from.cpuMillicores)}`
      : `CPU request ${cpuText(from.cpuMillicores)} → ${cpuText(
          to.cpuMillicores,
        )} with the CPU target ${
          to.cpuTargetPercent === from.cpuTargetPercent
            ? `unchanged at ${to.cpuTargetPercent} %`
            : `${from.cpuTargetPercent} % → ${to.cpuTargetPercent} %`
        }`;
  return `${change}: a pod asks for more replicas above ${point(
    to,
  )} of usage (today ${point(from)}), so the HPA runs ${atLoads(
    chosen,
  )} (today ${before.p50.replicas} and ${before.p95.replicas}).`;
}

function costSentence(
  workload: RightSizingWorkload,
  before: Candidate,
  after: Candidate,
): string {
  const saving = savingOf(before, after);
  const savingText =
    saving >= 0
      ? `saving ${usd(saving)} (${percentOf(saving, before.cost.total)})`
      : `${usd(-saving)} more, because a request below the usage has to grow`;
  const figures = `${usd(before.cost.total)} → ${usd(
    after.cost.total,
  )} a month`;
  if (!workload.hpa) {
    return `${figures} at ${replicasText(workload.replicas)}: ${savingText}.`;
  }
  return `Priced at the replicas the HPA runs at median load (${before.p50.replicas} before, ${after.p50.replicas} after): ${figures}, ${savingText}.`;
}

function recommendSentences(
  workload: RightSizingWorkload,
  usage: UsageSummary,
  outcome: SearchOutcome,
  chosen: Candidate,
  policy: RightSizingPolicy,
): string[] {
  const { before, cheapest, bounds } = outcome;
  const current = before.settings;
  const sentences: string[] = [];
  if (current.cpuTargetPercent !== undefined) {
    sentences.push(
      'The HPA scales on CPU usage / request: at the same load a smaller request means higher utilisation and more replicas, so the request and the target are recommended together.',
      ...naiveSentence(outcome, usage, policy),
      hpaCpuSentence(before, chosen),
    );
    if (before.pinned) {
      sentences.push(
        `Today the HPA is pinned at its maximum of ${bounds.max} at p95 load (it wants ${before.p95.desired}); this brings it back under.`,
      );
    }
  } else {
    sentences.push(
      workload.hpa
        ? 'The HPA does not scale on CPU, so the CPU request follows usage on its own.'
        : `Without an HPA the Deployment keeps ${replicasText(
            workload.replicas,
          )}, so the saving is the change in requests times ${
            workload.replicas
          }.`,
      cpuSentence(current, chosen.settings, outcome, usage, policy),
    );
  }
  sentences.push(
    memorySentence(current, chosen.settings, outcome, usage, policy),
  );
  if (cheapest.pinned && cheapest !== chosen) {
    sentences.push(
      `A cheaper change (${describeChange(
        current,
        cheapest.settings,
      )}) would save ${usd(savingOf(before, cheapest))} a month but ${pinText(
        cheapest,
        bounds.max,
      )}, so it is not recommended.`,
    );
  }
  sentences.push(costSentence(workload, before, chosen));
  return sentences;
}

export function rightSizeDeployment(
  workload: RightSizingWorkload,
  usage: UsageSummary | undefined,
  policy: RightSizingPolicy,
): RightSizingResult {
  const identity = {
    ...(workload.cluster !== undefined ? { cluster: workload.cluster } : {}),
    namespace: workload.namespace,
    name: workload.name,
  };
  const current = currentSettingsOf(workload);
  const missing = missingData(usage, policy);
  if (!usage || missing.length > 0) {
    return {
      ...identity,
      status: 'insufficient-data',
      current,
      recommended: current,
      monthlySaving: 0,
      missing,
      explanation: [
        `Not enough data to recommend anything: ${missing.join('; ')}.`,
      ],
    };
  }

  const outcome = searchSettings(workload, usage, policy);
  const { before, best, cheapest, bounds } = outcome;
  const unchanged = {
    ...identity,
    current,
    recommended: current,
    replicas: {
      before: { p50: before.p50.replicas, p95: before.p95.replicas },
      after: { p50: before.p50.replicas, p95: before.p95.replicas },
    },
    monthlyCost: { before: before.cost, after: before.cost },
    monthlySaving: 0,
  };
  const refusedChange = (c: Candidate) => ({
    settings: c.settings,
    desiredAtP95: c.p95.desired,
    maxReplicas: bounds.max,
    monthlySaving: savingOf(before, c),
  });
  const worthIt = (saving: number) =>
    saving >= policy.minSavingUsd &&
    saving >= policy.minSavingFraction * before.cost.total;
  const ceiling = policy.maxCpuTargetPercent;

  if (
    current.cpuTargetPercent !== undefined &&
    current.cpuTargetPercent > ceiling
  ) {
    const at = (load: SearchOutcome['load50']) =>
      hpaReplicasAt(
        load,
        { ...current, cpuTargetPercent: ceiling },
        bounds,
        workload.replicas,
      ).replicas;
    return {
      ...unchanged,
      status: 'refused',
      explanation: [
        usageSentence(usage),
        `Refused: the HPA's CPU target is ${
          current.cpuTargetPercent
        } %, above the ${ceiling} % this recommends, so pods have little room for a burst while new replicas start. Lower it to ${ceiling} % first (the HPA would then run ${replicasText(
          at(outcome.load50),
        )} at median load and ${at(outcome.load95)} at p95), then right-size.`,
      ],
    };
  }

  if (!best) {
    const pinnedBy =
      current.cpuTargetPercent !== undefined
        ? `its ${current.cpuTargetPercent} % CPU target but may run at most ${
            bounds.max
          }, so pods run at ${percentOf(
            outcome.load95.cpuMillicores,
            bounds.max * current.cpuMillicores,
          )} of their ${cpuText(current.cpuMillicores)} request`
        : `its ${current.memoryTargetPercent} % memory target but may run at most ${bounds.max}`;
    return {
      ...unchanged,
      status: 'refused',
      refused: refusedChange(cheapest),
      explanation: [
        usageSentence(usage),
        `Refused: at p95 load (${cpuText(
          outcome.load95.cpuMillicores,
        )} CPU across the Deployment) the HPA wants ${
          before.p95.desired
        } replicas at ${pinnedBy}.`,
        `No request at or above median usage with a target up to ${ceiling} % brings it under the maximum, and smaller requests only push utilisation higher: raise maxReplicas to at least ${before.p95.desired} first, then right-size.`,
        `Turned down: ${describeChange(
          current,
          cheapest.settings,
        )} would ${pinText(cheapest, bounds.max)}.`,
      ],
    };
  }

  const saving = savingOf(before, best);
  const mustChange =
    outcome.cpuBelowUsage || outcome.memoryBelowPeak || before.pinned;
  if (
    !sameSettings(best.settings, current) &&
    (mustChange || worthIt(saving))
  ) {
    return {
      ...identity,
      status: 'recommend',
      current,
      recommended: best.settings,
      replicas: {
        before: { p50: before.p50.replicas, p95: before.p95.replicas },
        after: { p50: best.p50.replicas, p95: best.p95.replicas },
      },
      monthlyCost: { before: before.cost, after: best.cost },
      monthlySaving: saving,
      explanation: [
        usageSentence(usage),
        ...recommendSentences(workload, usage, outcome, best, policy),
      ],
    };
  }

  const threshold = `${usd(policy.minSavingUsd)} and ${Math.round(
    policy.minSavingFraction * 100,
  )} % threshold`;
  const cheapestSaving = savingOf(before, cheapest);
  if (cheapest.pinned && worthIt(cheapestSaving)) {
    return {
      ...unchanged,
      status: 'refused',
      refused: refusedChange(cheapest),
      explanation: [
        usageSentence(usage),
        `Refused: the cheapest change (${describeChange(
          current,
          cheapest.settings,
        )}) would save ${usd(cheapestSaving)} a month but ${pinText(
          cheapest,
          bounds.max,
        )}: pods would run above the target with no replica left to add. Raise maxReplicas to at least ${
          cheapest.p95.desired
        } to take it.`,
        `Without pinning the HPA, the best change saves ${usd(
          saving,
        )} a month, under the ${threshold}.`,
      ],
    };
  }

  const verdict = sameSettings(best.settings, current)
    ? `Already right-sized: no request within the headroom of the observed usage${
        current.cpuTargetPercent !== undefined
          ? ` and no CPU target up to ${ceiling} %`
          : ''
      } costs less.`
    : `Already right-sized: the best change found (${describeChange(
        current,
        best.settings,
      )}) would save ${usd(saving)} a month (${percentOf(
        saving,
        before.cost.total,
      )}), under the ${threshold}.`;
  return {
    ...unchanged,
    status: 'right-sized',
    explanation: [
      usageSentence(usage),
      verdict,
      ...naiveSentence(outcome, usage, policy),
      `${usd(before.cost.total)} a month${
        workload.hpa ? ' at the replicas the HPA runs at median load' : ''
      }.`,
    ],
  };
}
