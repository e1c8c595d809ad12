import { monthlyCost } from '@internal/backstage-plugin-delivery-common';
import { hpaReplicasAt } from './rightSizingReplicas';

const GI = 2 ** 30;
const prices = {
  vcpuHour: 0.04,
  gibHour: 0.005,
  storageGibMonth: 0,
  discounts: { spot: 0.7, reserved: 0.4 },
};
const bounds = { min: 2, max: 10 };
const atP50 = { cpuMillicores: 2100, memoryBytes: 0 };
const atP95 = { cpuMillicores: 2800, memoryBytes: 0 };

describe('hpaReplicasAt', () => {
  it('doubles the replicas when the request is halved at the same 70 % target, so halving saves nothing', () => {
    const today = {
      cpuMillicores: 1000,
      memoryBytes: GI,
      cpuTargetPercent: 70,
    };
    const halved = { ...today, cpuMillicores: 500 };

    expect(hpaReplicasAt(atP50, today, bounds, 3).replicas).toBe(3);
    expect(hpaReplicasAt(atP95, today, bounds, 3).replicas).toBe(4);
    expect(hpaReplicasAt(atP50, halved, bounds, 3).replicas).toBe(6);
    expect(hpaReplicasAt(atP95, halved, bounds, 3).replicas).toBe(8);

    // the CPU reserved stays load / target; every extra pod still pays for its memory
    const before = monthlyCost({ ...today, replicas: 3 }, prices);
    const after = monthlyCost({ ...halved, replicas: 6 }, prices);
    expect(before).toEqual({
      cpu: 87.6,
      memory: 10.95,
      storage: 0,
      total: 98.55,
    });
    expect(after).toEqual({
      cpu: 87.6,
      memory: 21.9,
      storage: 0,
      total: 109.5,
    });
  });

  it('reports what the HPA wants beyond its maximum, which is how pinning is seen', () => {
    const settings = {
      cpuMillicores: 500,
      memoryBytes: GI,
      cpuTargetPercent: 80,
    };
    expect(
      hpaReplicasAt(
        { cpuMillicores: 1800, memoryBytes: 0 },
        settings,
        { min: 2, max: 4 },
        4,
      ),
    ).toEqual({ replicas: 4, desired: 5 });
  });

  it('runs the minimum when the load is low and takes the larger of the CPU and memory counts', () => {
    const settings = {
      cpuMillicores: 1000,
      memoryBytes: GI,
      cpuTargetPercent: 70,
      memoryTargetPercent: 80,
    };
    expect(
      hpaReplicasAt(
        { cpuMillicores: 100, memoryBytes: 0 },
        settings,
        bounds,
        5,
      ),
    ).toEqual({ replicas: 2, desired: 1 });
    // 4.5 GiB over 0.8 GiB per pod wants 6; the CPU wants 4
    expect(
      hpaReplicasAt(
        { cpuMillicores: 2800, memoryBytes: 4.5 * GI },
        settings,
        bounds,
        5,
      ),
    ).toEqual({ replicas: 6, desired: 6 });
  });

  it('keeps the current replicas when the HPA scales on neither CPU nor memory', () => {
    expect(
      hpaReplicasAt(atP95, { cpuMillicores: 1000, memoryBytes: GI }, bounds, 5),
    ).toEqual({ replicas: 5, desired: 5 });
  });
});
