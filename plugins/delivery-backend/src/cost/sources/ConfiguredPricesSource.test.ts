import { ConfigReader } from '@backstage/config';
import { monthlyCost } from '@internal/backstage-plugin-delivery-common';
import {
  ClusterConnection,
  readCostConfig,
} from '@internal/backstage-plugin-delivery-node';
import { ConfiguredPricesSource } from './ConfiguredPricesSource';

const cluster = (
  name: string,
  region: string | undefined,
): ClusterConnection => ({
  name,
  url: `https://${name}.example.com`,
  environment: 'production',
  region,
  role: 'primary',
  sandbox: false,
});

const east = cluster('prod-us-east-1', 'us-east-1');
const eastSpot = cluster('batch-us-east-1', 'us-east-1');
const west = cluster('prod-eu-west-1', 'eu-west-1');
const noRegion = cluster('lab', undefined);

const source = new ConfiguredPricesSource(
  readCostConfig(
    new ConfigReader({
      delivery: {
        cost: {
          prices: {
            default: { vcpuHour: 0.04, gibHour: 0.005, storageGibMonth: 0.1 },
            regions: {
              'eu-west-1': { vcpuHour: 0.045, discounts: { spot: 0.6 } },
            },
            clusters: {
              'prod-eu-west-1': { gibHour: 0.006, purchase: 'reserved' },
              'batch-us-east-1': { purchase: 'spot' },
            },
          },
        },
      },
    }),
    { clusters: [east, eastSpot, west, noRegion] },
  ).prices,
);

describe('ConfiguredPricesSource', () => {
  it('prices a cluster without overrides at the default list', () => {
    expect(source.pricesFor(east)).toEqual({
      vcpuHour: 0.04,
      gibHour: 0.005,
      storageGibMonth: 0.1,
      discounts: { spot: 0.7, reserved: 0.52 },
      purchase: 'on-demand',
    });
    expect(source.pricesFor(noRegion)).toEqual(source.pricesFor(east));
  });

  it('lays the region, then the cluster, over the default, key by key', () => {
    expect(source.pricesFor(west)).toEqual({
      vcpuHour: 0.045,
      gibHour: 0.006,
      storageGibMonth: 0.1,
      discounts: { spot: 0.6, reserved: 0.52 },
      purchase: 'reserved',
    });
  });

  it("gives the formula the cluster's purchase option and discount", () => {
    // 2 replicas x (0.5 vCPU x 0.04 + 1 GiB x 0.005) x 730 h = 36.50 on demand.
    const shape = {
      cpuMillicores: 500,
      memoryBytes: 2 ** 30,
      replicas: 2,
    };
    const onDemand = source.pricesFor(east);
    expect(monthlyCost(shape, onDemand).total).toBe(36.5);
    const spot = source.pricesFor(eastSpot);
    expect(monthlyCost({ ...shape, purchase: spot.purchase }, spot).total).toBe(
      10.95,
    );
  });
});
