import { ConfigReader } from '@backstage/config';
import { readCostConfig } from './readCostConfig';

const clusters = [
  {
    name: 'prod-us-east-1',
    environment: 'production',
    region: 'us-east-1',
    role: 'primary' as const,
    sandbox: false,
  },
  {
    name: 'prod-eu-west-1',
    environment: 'production',
    region: 'eu-west-1',
    role: 'primary' as const,
    sandbox: false,
  },
];

const read = (cost: object) =>
  readCostConfig(new ConfigReader({ delivery: { cost } }), { clusters });

describe('readCostConfig', () => {
  it('uses the configured prices and the documented AWS list prices when nothing is set', () => {
    const config = readCostConfig(new ConfigReader({}), { clusters });
    expect(config).toEqual({
      source: 'configured',
      prices: {
        default: {
          vcpuHour: 0.04048,
          gibHour: 0.004445,
          storageGibMonth: 0.08,
          discounts: { spot: 0.7, reserved: 0.52 },
          purchase: 'on-demand',
        },
        regions: new Map(),
        clusters: new Map(),
      },
      teamBudgets: new Map(),
      opencost: undefined,
      usage: { sampleSeconds: 300, retentionDays: 7 },
      rightSizing: {},
    });
  });

  it('reads usage sampling and right-sizing thresholds, naming a key out of range', () => {
    expect(
      read({
        usage: { sampleSeconds: 15 },
        rightSizing: { minWindowHours: 0.05, minSamples: 10 },
      }),
    ).toMatchObject({
      usage: { sampleSeconds: 15, retentionDays: 7 },
      rightSizing: { minWindowHours: 0.05, minSamples: 10 },
    });
    expect(() => read({ usage: { sampleSeconds: 1 } })).toThrow(
      'delivery.cost.usage.sampleSeconds 1 must be from 5 to 3600',
    );
  });

  it('reads the clusters whose usage comes from Prometheus, with a 300 s step by default', () => {
    const config = read({
      usage: {
        prometheus: {
          clusters: {
            'prod-us-east-1': {
              url: 'http://prometheus.monitoring:9090',
              bearerToken: 's3cret',
            },
            'prod-eu-west-1': {
              url: 'https://thanos.example.com/prometheus',
              clusterLabel: { name: 'cluster', value: 'eu-1' },
            },
          },
        },
      },
    });
    expect(config.usage).toEqual({
      sampleSeconds: 300,
      retentionDays: 7,
      prometheus: {
        clusters: new Map([
          [
            'prod-us-east-1',
            { url: 'http://prometheus.monitoring:9090', bearerToken: 's3cret' },
          ],
          [
            'prod-eu-west-1',
            {
              url: 'https://thanos.example.com/prometheus',
              clusterLabel: { name: 'cluster', value: 'eu-1' },
            },
          ],
        ]),
        stepSeconds: 300,
      },
    });
    expect(
      read({
        usage: {
          prometheus: {
            clusters: { 'prod-us-east-1': { url: 'http://p:9090' } },
            stepSeconds: 60,
          },
        },
      }).usage.prometheus?.stepSeconds,
    ).toBe(60);
  });

  it('lays the default list over the built-in one, key by key', () => {
    const config = read({
      prices: {
        default: { vcpuHour: 0.03, discounts: { spot: 0.6 } },
        regions: { 'eu-west-1': { gibHour: '0.005' } },
        clusters: { 'prod-us-east-1': { purchase: 'reserved' } },
      },
    });
    expect(config.prices.default).toEqual({
      vcpuHour: 0.03,
      gibHour: 0.004445,
      storageGibMonth: 0.08,
      discounts: { spot: 0.6, reserved: 0.52 },
      purchase: 'on-demand',
    });
    expect(config.prices.regions.get('eu-west-1')).toEqual({ gibHour: 0.005 });
    expect(config.prices.clusters.get('prod-us-east-1')).toEqual({
      purchase: 'reserved',
    });
  });

  it('reads team budgets by group ref, with group and default as the defaults', () => {
    const config = read({
      teamBudgets: { 'group:default/Payments': 5000, platform: '1200.5' },
    });
    expect(config.teamBudgets).toEqual(
      new Map([
        ['group:default/payments', 5000],
        ['group:default/platform', 1200.5],
      ]),
    );
  });

  it('reads OpenCost with its defaults', () => {
    const config = read({
      source: 'opencost',
      opencost: {
        clusters: { 'prod-us-east-1': { baseUrl: 'http://opencost:9003' } },
      },
    });
    expect(config.source).toBe('opencost');
    expect(config.opencost).toEqual({
      clusters: new Map([
        ['prod-us-east-1', { baseUrl: 'http://opencost:9003' }],
      ]),
      aggregateLabel: 'backstage.io/kubernetes-id',
      window: '30d',
      refreshMinutes: 60,
    });
  });

  it.each([
    [
      { prices: { default: { vcpuHour: -0.01 } } },
      'delivery.cost.prices.default.vcpuHour -0.01 must be a price in US dollars, 0 or more',
    ],
    [
      { prices: { default: { gibHour: 'cheap' } } },
      'delivery.cost.prices.default.gibHour "cheap" must be a number',
    ],
    [
      { prices: { regions: { 'us-east-1': { discounts: { spot: 1 } } } } },
      'delivery.cost.prices.regions.us-east-1.discounts.spot 1 must be a fraction from 0 up to but not including 1',
    ],
    [
      { prices: { default: { discounts: { reserved: -0.1 } } } },
      'delivery.cost.prices.default.discounts.reserved -0.1 must be a fraction',
    ],
    [
      { prices: { default: { discounts: { savingsPlan: 0.3 } } } },
      'delivery.cost.prices.default.discounts.savingsPlan is not a discount',
    ],
    [
      { prices: { clusters: { 'prod-us-east-1': { purchase: 'cheap' } } } },
      'delivery.cost.prices.clusters.prod-us-east-1.purchase "cheap" must be on-demand, spot or reserved',
    ],
    [
      { prices: { clusters: { 'prod-us-east-1': { vcpuHours: 0.03 } } } },
      'delivery.cost.prices.clusters.prod-us-east-1.vcpuHours is not a price setting',
    ],
    [
      { prices: { clusters: { 'prod-us-east1': { vcpuHour: 0.03 } } } },
      'delivery.cost.prices.clusters.prod-us-east1 is no cluster of delivery.clusters (known: prod-us-east-1, prod-eu-west-1)',
    ],
    [
      { prices: { regions: { 'us-west-2': { vcpuHour: 0.03 } } } },
      'delivery.cost.prices.regions.us-west-2 is no region of delivery.clusters (known: us-east-1, eu-west-1)',
    ],
    [
      { prices: { region: {} } },
      'delivery.cost.prices.region is not a price setting',
    ],
    [
      { teamBudgets: { 'group:default/payments': 0 } },
      'delivery.cost.teamBudgets["group:default/payments"] 0 must be a monthly budget in US dollars, more than 0',
    ],
    [
      { teamBudgets: { 'user:default/ann': 100 } },
      'delivery.cost.teamBudgets["user:default/ann"] must be a group ref',
    ],
    [
      { source: 'opencost' },
      'delivery.cost.source is opencost, but delivery.cost.opencost.clusters is not set',
    ],
    [
      { opencost: { window: '30d' } },
      'delivery.cost.opencost.clusters must name at least one cluster',
    ],
    [
      { opencost: { clusters: { 'prod-us-east-1': { baseUrl: 'opencost' } } } },
      'delivery.cost.opencost.clusters.prod-us-east-1.baseUrl "opencost" must be an http or https URL',
    ],
    [
      { opencost: { clusters: { staging: { baseUrl: 'http://o:9003' } } } },
      'delivery.cost.opencost.clusters.staging is no cluster of delivery.clusters',
    ],
    [
      {
        opencost: {
          clusters: { 'prod-us-east-1': { baseUrl: 'http://o:9003' } },
          window: '30days',
        },
      },
      'delivery.cost.opencost.window "30days" must be a duration like 30d',
    ],
    [
      {
        opencost: {
          clusters: { 'prod-us-east-1': { baseUrl: 'http://o:9003' } },
          refreshMinutes: 0,
        },
      },
      'delivery.cost.opencost.refreshMinutes 0 must be more than 0 and at most 1440',
    ],
    [
      {
        opencost: {
          clusters: { 'prod-us-east-1': { baseUrl: 'http://o:9003' } },
          aggregateLabel: 'app name',
        },
      },
      'delivery.cost.opencost.aggregateLabel "app name" must be a Kubernetes label key',
    ],
    [
      { usage: { prometheus: {} } },
      'delivery.cost.usage.prometheus.clusters must name at least one cluster and its Prometheus url',
    ],
    [
      { usage: { prometheus: { clusters: { staging: { url: 'http://p' } } } } },
      'delivery.cost.usage.prometheus.clusters.staging is no cluster of delivery.clusters (known: prod-us-east-1, prod-eu-west-1)',
    ],
    [
      {
        usage: {
          prometheus: {
            clusters: { 'prod-us-east-1': { url: 'prometheus:9090' } },
          },
        },
      },
      'delivery.cost.usage.prometheus.clusters.prod-us-east-1.url "prometheus:9090" must be an http or https URL',
    ],
    [
      { usage: { prometheus: { clusters: { 'prod-us-east-1': {} } } } },
      'delivery.cost.usage.prometheus.clusters.prod-us-east-1.url undefined must be an http or https URL',
    ],
    [
      {
        usage: {
          prometheus: {
            clusters: { 'prod-us-east-1': { baseUrl: 'http://p:9090' } },
          },
        },
      },
      'delivery.cost.usage.prometheus.clusters.prod-us-east-1.baseUrl is not a Prometheus cluster setting; use url, bearerToken, clusterLabel',
    ],
    [
      {
        usage: {
          prometheus: {
            clusters: {
              'prod-us-east-1': { url: 'http://p', bearerToken: '' },
            },
          },
        },
      },
      'delivery.cost.usage.prometheus.clusters.prod-us-east-1.bearerToken must be a non-empty string',
    ],
    [
      {
        usage: {
          prometheus: {
            clusters: {
              'prod-us-east-1': {
                url: 'http://p',
                clusterLabel: { name: 'k8s-cluster', value: 'east' },
              },
            },
          },
        },
      },
      'delivery.cost.usage.prometheus.clusters.prod-us-east-1.clusterLabel.name "k8s-cluster" must be a Prometheus label name',
    ],
    [
      {
        usage: {
          prometheus: {
            clusters: {
              'prod-us-east-1': {
                url: 'http://p',
                clusterLabel: { name: 'cluster' },
              },
            },
          },
        },
      },
      "delivery.cost.usage.prometheus.clusters.prod-us-east-1.clusterLabel.value undefined must be the label's value for this cluster",
    ],
    [
      {
        usage: {
          prometheus: {
            clusters: { 'prod-us-east-1': { url: 'http://p' } },
            stepSeconds: 5,
          },
        },
      },
      'delivery.cost.usage.prometheus.stepSeconds 5 must be from 15 to 3600',
    ],
    [
      { usage: { prometheus: { url: 'http://p' } } },
      'delivery.cost.usage.prometheus.url is not a Prometheus setting; use clusters or stepSeconds',
    ],
  ])('rejects %j naming the key', (cost, message) => {
    expect(() => read(cost)).toThrow(message);
  });
});
