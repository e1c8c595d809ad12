import { formatBytes, parseQuantity } from '../api/quantity';
import type { Cluster } from '../fleet/Cluster';
import { KubeObject } from '../store/types';
import type { LoadModel } from './loadModel';
import { KINDS, sameJson, setCondition } from './objects';
import { serviceOf, UsageModel } from './usageModel';

const targetOf = (hpa: KubeObject, resource: string) =>
  (hpa.spec?.metrics ?? []).find(
    (m: any) => m.type === 'Resource' && m.resource?.name === resource,
  )?.resource?.target?.averageUtilization as number | undefined;

function scalingLimited(raw: number, min: number, max: number) {
  if (raw > max) {
    return {
      type: 'ScalingLimited',
      status: 'True',
      reason: 'TooManyReplicas',
      message:
        'the desired replica count is more than the maximum replica count',
    };
  }
  if (raw < min) {
    return {
      type: 'ScalingLimited',
      status: 'True',
      reason: 'TooFewReplicas',
      message:
        'the desired replica count is less than the minimum replica count',
    };
  }
  return {
    type: 'ScalingLimited',
    status: 'False',
    reason: 'DesiredWithinRange',
    message: 'the desired count is within the acceptable range',
  };
}

/** Summed requests of one resource over a pod template's containers. */
function templateRequest(target: KubeObject, resource: string): number {
  return (target.spec?.template?.spec?.containers ?? []).reduce(
    (total: number, c: any) =>
      total + (parseQuantity(c.resources?.requests?.[resource]) ?? 0),
    0,
  );
}

/**
 * The HorizontalPodAutoscaler controller over the simulated load (src/sim/usageModel.ts,
 * which the pods' metrics.k8s.io usage comes from too). Utilisation is load / ready
 * replicas, and the recommendation follows the real formula ceil(load / target) within
 * min/max, scaling down only after stabilisation.
 */
export class HpaController {
  private readonly lowSince = new Map<string, number>();

  constructor(
    private readonly cluster: Cluster,
    private readonly load: LoadModel,
    private readonly usage: UsageModel,
  ) {}

  reconcile(): void {
    const { store } = this.cluster;
    const now = this.cluster.clock.now();
    const nowIso = new Date(now).toISOString();

    for (const hpa of store.all(KINDS.hpa)) {
      const ref = hpa.spec?.scaleTargetRef;
      if (ref?.kind !== 'Deployment') continue;
      const target = store.get(
        KINDS.deployment,
        hpa.metadata.namespace,
        ref.name,
      );
      const min = hpa.spec?.minReplicas ?? 1;
      const max = hpa.spec?.maxReplicas ?? min;
      if (!target) {
        this.writeStatus(hpa, {
          ...hpa.status,
          conditions: setCondition(
            hpa.status?.conditions,
            {
              type: 'AbleToScale',
              status: 'False',
              reason: 'FailedGetScale',
              message: `deployments.apps "${ref.name}" not found`,
            },
            nowIso,
          ),
        });
        continue;
      }
      const current = target.spec?.replicas ?? 1;
      // As the real controller: a target scaled to zero (a fenced primary, a pilot-light
      // standby) turns autoscaling off until someone scales it up again.
      if (current === 0) {
        this.writeStatus(hpa, {
          ...hpa.status,
          conditions: setCondition(
            hpa.status?.conditions,
            {
              type: 'ScalingActive',
              status: 'False',
              reason: 'ScalingDisabled',
              message:
                'scaling is disabled since the replica count of the target is zero',
            },
            nowIso,
          ),
        });
        continue;
      }
      const ready = Math.max(1, target.status?.readyReplicas ?? current);
      const cpuTarget = targetOf(hpa, 'cpu') ?? 80;
      const memoryTarget = targetOf(hpa, 'memory');
      const load = this.usage.cpuLoad(hpa, target, current, cpuTarget);
      const cpuUtilization = Math.round((load * 100) / ready);
      const raw = Math.ceil((load * 100) / cpuTarget);
      const desired = Math.min(max, Math.max(min, raw));

      let scaleTo = current;
      if (desired > current) {
        scaleTo = desired;
        this.lowSince.delete(hpa.metadata.uid!);
      } else if (desired < current) {
        const since = this.lowSince.get(hpa.metadata.uid!) ?? now;
        this.lowSince.set(hpa.metadata.uid!, since);
        if (now - since >= this.load.scaleDownStabilizationMs)
          scaleTo = desired;
      } else {
        this.lowSince.delete(hpa.metadata.uid!);
      }
      if (scaleTo !== current) {
        store.update(KINDS.deployment, {
          ...target,
          spec: { ...target.spec, replicas: scaleTo },
        });
      }

      const metrics: any[] = [
        {
          type: 'Resource',
          resource: {
            name: 'cpu',
            current: {
              averageUtilization: cpuUtilization,
              averageValue: `${Math.round(
                cpuUtilization * templateRequest(target, 'cpu') * 10,
              )}m`,
            },
          },
        },
      ];
      if (memoryTarget !== undefined) {
        const fraction = this.usage.memoryFraction(serviceOf(target));
        metrics.push({
          type: 'Resource',
          resource: {
            name: 'memory',
            current: {
              averageUtilization: Math.round(fraction * 100),
              averageValue: formatBytes(
                Math.round(
                  (fraction * templateRequest(target, 'memory')) / 4096,
                ) * 4096,
              ),
            },
          },
        });
      }
      for (const metric of hpa.spec?.metrics ?? []) {
        if (metric.type === 'External') {
          const perPod = Number(metric.external?.target?.averageValue ?? 30);
          metrics.push({
            type: 'External',
            external: {
              metric: metric.external.metric,
              current: {
                averageValue: String(
                  Math.round((load * perPod * 100) / cpuTarget / ready),
                ),
              },
            },
          });
        }
      }
      let conditions = setCondition(
        hpa.status?.conditions,
        {
          type: 'AbleToScale',
          status: 'True',
          reason: 'ReadyForNewScale',
          message: 'recommended size matches current size',
        },
        nowIso,
      );
      conditions = setCondition(
        conditions,
        {
          type: 'ScalingActive',
          status: 'True',
          reason: 'ValidMetricFound',
          message:
            'the HPA was able to successfully calculate a replica count from cpu resource utilization (percentage of request)',
        },
        nowIso,
      );
      conditions = setCondition(
        conditions,
        scalingLimited(raw, min, max),
        nowIso,
      );
      this.writeStatus(hpa, {
        currentReplicas: target.status?.replicas ?? current,
        desiredReplicas: desired,
        ...(scaleTo !== current || hpa.status?.lastScaleTime
          ? {
              lastScaleTime:
                scaleTo !== current ? nowIso : hpa.status.lastScaleTime,
            }
          : {}),
        currentMetrics: metrics,
        conditions,
      });
    }
  }

  private writeStatus(hpa: KubeObject, status: any) {
    if (sameJson(status, hpa.status)) return;
    const latest = this.cluster.store.get(
      KINDS.hpa,
      hpa.metadata.namespace,
      hpa.metadata.name,
    );
    if (latest) this.cluster.store.update(KINDS.hpa, { ...latest, status });
  }
}
