import { CostInputError } from './errors';
import { DeploymentShape, estimateEnvironmentCost } from './estimate';
import type { ResourcePrices } from './model';

const GIB = 2 ** 30;

// Round prices so every figure below can be checked by hand: one vCPU for a month is
// 0.10 x 730 = $73.00, one GiB for a month 0.01 x 730 = $7.30.
const prices: ResourcePrices = {
  vcpuHour: 0.1,
  gibHour: 0.01,
  storageGibMonth: 0.08,
  discounts: { spot: 0.7, reserved: 0.4 },
};

const oneCpuOneGib = (
  replicas: number,
  extra: Partial<DeploymentShape> = {},
): DeploymentShape => ({
  name: 'api',
  cpuMillicores: 1000,
  memoryBytes: GIB,
  replicas,
  ...extra,
});

describe('estimateEnvironmentCost', () => {
  it('prices current, HPA minimum and HPA maximum replicas', () => {
    const estimate = estimateEnvironmentCost(
      { deployments: [oneCpuOneGib(3, { hpa: { min: 2, max: 10 } })] },
      prices,
    );
    // $80.30 a pod.
    expect(estimate.current.total).toBe(240.9);
    expect(estimate.atMin.total).toBe(160.6);
    expect(estimate.atMax.total).toBe(803);
    expect(estimate.deployments[0].replicas).toEqual({
      current: 3,
      min: 2,
      max: 10,
    });
  });

  it('prices a Deployment without an HPA at its replicas at both ends', () => {
    const estimate = estimateEnvironmentCost(
      { deployments: [oneCpuOneGib(2)] },
      prices,
    );
    expect([
      estimate.atMin.total,
      estimate.current.total,
      estimate.atMax.total,
    ]).toEqual([160.6, 160.6, 160.6]);
  });

  it('keeps current replicas as they are when the HPA has not caught up with new bounds', () => {
    const estimate = estimateEnvironmentCost(
      { deployments: [oneCpuOneGib(12, { hpa: { min: 2, max: 10 } })] },
      prices,
    );
    expect(estimate.current.total).toBe(963.6);
    expect(estimate.atMax.total).toBe(803);
  });

  it('takes spot and reserved discounts off compute, and a Deployment may differ from its environment', () => {
    const estimate = estimateEnvironmentCost(
      {
        purchase: 'reserved',
        storageGib: 100,
        deployments: [
          oneCpuOneGib(1),
          oneCpuOneGib(1, { name: 'batch', purchase: 'spot' }),
          oneCpuOneGib(1, { name: 'ledger', purchase: 'on-demand' }),
        ],
      },
      prices,
    );
    expect(
      estimate.deployments.map(line => [
        line.name,
        line.purchase,
        line.current.total,
      ]),
    ).toEqual([
      ['api', 'reserved', 48.18], // 80.30 x 0.6
      ['batch', 'spot', 24.09], // 80.30 x 0.3
      ['ledger', 'on-demand', 80.3],
    ]);
    // Storage is never discounted: 100 GiB x 0.08.
    expect(estimate.storage.total).toBe(8);
    expect(estimate.current).toEqual({
      cpu: 138.7,
      memory: 13.87,
      storage: 8,
      total: 160.57,
    });
  });

  it('adds up the rounded lines, so the lines on screen make the total', () => {
    // 1m CPU and 1 KiB for a month round to $0.07 and $0.00 a line; three lines.
    const tiny = (name: string): DeploymentShape => ({
      name,
      cpuMillicores: 1,
      memoryBytes: 1024,
      replicas: 1,
    });
    const estimate = estimateEnvironmentCost(
      { deployments: [tiny('a'), tiny('b'), tiny('c')] },
      prices,
    );
    expect(estimate.deployments.map(line => line.current.total)).toEqual([
      0.07, 0.07, 0.07,
    ]);
    expect(estimate.current.total).toBe(0.21);
  });

  it('costs nothing for a service scaled to zero, except its storage', () => {
    const estimate = estimateEnvironmentCost(
      {
        deployments: [oneCpuOneGib(0, { hpa: { min: 0, max: 4 } })],
        storageGib: 50,
      },
      prices,
    );
    expect(estimate.current).toEqual({
      cpu: 0,
      memory: 0,
      storage: 4,
      total: 4,
    });
    expect(estimate.atMax.total).toBe(325.2);
  });

  it.each([
    [{ deployments: [oneCpuOneGib(-1)] }, prices, 'deployments[0].replicas'],
    [
      { deployments: [oneCpuOneGib(1), oneCpuOneGib(2.5)] },
      prices,
      'deployments[1].replicas',
    ],
    [
      { deployments: [oneCpuOneGib(3, { hpa: { min: 5, max: 4 } })] },
      prices,
      'deployments[0].hpa.min',
    ],
    [
      { deployments: [oneCpuOneGib(3, { hpa: { min: 1, max: NaN } })] },
      prices,
      'deployments[0].hpa.max',
    ],
    [
      { deployments: [oneCpuOneGib(1, { cpuMillicores: -250 })] },
      prices,
      'deployments[0].cpuMillicores',
    ],
    [
      { deployments: [oneCpuOneGib(1, { purchase: 'preemptible' as never })] },
      prices,
      'deployments[0].purchase',
    ],
    [{ deployments: [], storageGib: -1 }, prices, 'storageGib'],
    [
      { deployments: [] },
      { ...prices, discounts: { spot: 70, reserved: 0.4 } },
      'prices.discounts.spot',
    ],
    [{ deployments: [] }, { ...prices, gibHour: NaN }, 'prices.gibHour'],
  ])('names the bad field (%#)', (input, priceList, field) => {
    expect(() => estimateEnvironmentCost(input, priceList)).toThrow(
      expect.objectContaining({ name: 'InputError', field }),
    );
  });

  it('says what is wrong with the field', () => {
    expect(() =>
      estimateEnvironmentCost(
        { deployments: [oneCpuOneGib(3, { hpa: { min: 5, max: 4 } })] },
        prices,
      ),
    ).toThrow(
      new CostInputError(
        'deployments[0].hpa.min',
        'must not exceed hpa.max (5 > 4)',
      ),
    );
    expect(() =>
      estimateEnvironmentCost({ deployments: [oneCpuOneGib(-1)] }, prices),
    ).toThrow(
      'deployments[0].replicas: -1 is not a replica count; it must be a whole number of at least 0',
    );
  });
});
