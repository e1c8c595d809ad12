import {
  LABEL_APP_NAME,
  LABEL_KUBERNETES_ID,
} from '@internal/backstage-plugin-delivery-common';
import type { Cluster } from '../fleet/Cluster';
import type { KubeObject } from '../store/types';
import type { LoadModel } from './loadModel';
import { stableHash } from './random';

/**
 * How a service uses what it requests, fixed by its name so it is the same in every cluster
 * and on every start: right-sizing needs services with something to find and services
 * with nothing to find.
 *
 * - over-provisioned: the load fits in a fraction of the HPA's minimum; CPU settles at
 *   15–25 % of the request once the HPA is down at its minimum, memory at 18–26 %.
 * - balanced: CPU at 80–95 % of the HPA's target (56–66 % of the request at 70 %), memory at
 *   45–60 % of the request.
 * - tight: CPU at 93–99 % of the HPA's target, memory at 72–79 % of the request (below the
 *   seeded HPAs' 80 % memory target, so memory never asks for more pods).
 */
export type UsageProfile = 'over-provisioned' | 'balanced' | 'tight';

/** A fraction in [0, 1) fixed by the text: variety that must not draw from the cluster's random stream. */
export function fractionOf(text: string): number {
  return parseInt(stableHash(text), 36) / 0x100000000;
}

/** Three in ten services are over-provisioned, two in ten tight, the rest balanced. */
export function usageProfileOf(service: string): UsageProfile {
  const bucket = parseInt(stableHash(service), 36) % 10;
  if (bucket < 3) return 'over-provisioned';
  if (bucket < 5) return 'tight';
  return 'balanced';
}

/** The service a workload belongs to: its name label, which the catalog's objects all carry. */
export function serviceOf(object: KubeObject): string {
  const labels = object.metadata.labels ?? {};
  return (
    labels[LABEL_APP_NAME] ??
    labels[LABEL_KUBERNETES_ID] ??
    object.metadata.name
  );
}

const MEMORY_BANDS: Record<UsageProfile, [number, number]> = {
  'over-provisioned': [0.18, 0.26],
  balanced: [0.45, 0.6],
  tight: [0.72, 0.79],
};

/** The HPA target the seeded fleet uses, for workloads no HPA scales. */
const USUAL_CPU_TARGET = 0.7;

function between([low, high]: [number, number], fraction: number): number {
  return low + (high - low) * fraction;
}

/**
 * The simulated demand on the fleet: the HPA controller scales on it and the kubelets'
 * usage (served as metrics.k8s.io) is cut from it, so `kubectl top` and the HPA agree.
 *
 * Load is counted in pods' worth of CPU at 100 % of the request. Each HPA gets a base load
 * the first time it is seen, from its service's profile and one draw of the cluster's seeded
 * random stream (so a fleet started with the same seed has the same load); in varying mode
 * it swings ±25 % over the load period.
 */
export class UsageModel {
  private readonly baseLoad = new Map<string, number>();

  constructor(
    private readonly cluster: Cluster,
    private readonly load: LoadModel,
  ) {}

  /** The load on the Deployment an HPA scales, now; sets its base load on first sight. */
  cpuLoad(
    hpa: KubeObject,
    target: KubeObject,
    replicas: number,
    cpuTarget: number,
  ): number {
    const uid = hpa.metadata.uid!;
    let base = this.baseLoad.get(uid);
    if (base === undefined) {
      const draw = this.cluster.random.next();
      const min = hpa.spec?.minReplicas ?? 1;
      switch (usageProfileOf(serviceOf(target))) {
        case 'over-provisioned':
          base = Math.max(1, min) * (0.15 + 0.1 * draw);
          break;
        case 'tight':
          base =
            (Math.max(1, replicas) * cpuTarget * (0.93 + 0.06 * draw)) / 100;
          break;
        default:
          // Near what the current replica count serves, so a fresh fleet is stable.
          base =
            (Math.max(1, replicas) * cpuTarget * (0.8 + 0.15 * draw)) / 100;
      }
      this.baseLoad.set(uid, base);
    }
    return base * this.swing(base);
  }

  /** The load of an HPA already seen, without drawing a base for a new one. */
  currentLoad(hpa: KubeObject): number | undefined {
    const base = this.baseLoad.get(hpa.metadata.uid!);
    return base === undefined ? undefined : base * this.swing(base);
  }

  /** CPU per pod, as a fraction of its request, for a workload no HPA scales. */
  unscaledCpuFraction(service: string): number {
    const fraction = fractionOf(`cpu:${service}`);
    let nominal: number;
    switch (usageProfileOf(service)) {
      case 'over-provisioned':
        nominal = 0.15 + 0.1 * fraction;
        break;
      case 'tight':
        nominal = USUAL_CPU_TARGET * (0.93 + 0.06 * fraction);
        break;
      default:
        nominal = USUAL_CPU_TARGET * (0.8 + 0.15 * fraction);
    }
    return nominal * this.swing(2 * Math.PI * fraction);
  }

  /** Memory working set of a service's pods on average, as a fraction of their request. */
  memoryFraction(service: string): number {
    return between(
      MEMORY_BANDS[usageProfileOf(service)],
      fractionOf(`memory:${service}`),
    );
  }

  private swing(phaseOffset: number): number {
    if (this.load.mode === 'steady') return 1;
    const phase =
      (this.cluster.clock.now() % this.load.periodMs) / this.load.periodMs;
    return 1 + 0.25 * Math.sin(2 * Math.PI * phase + phaseOffset);
  }
}
