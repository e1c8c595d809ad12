import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import {
  ClusterConnection,
  CostSource,
  readCostConfig,
} from '@internal/backstage-plugin-delivery-node';
import { builtInCostSources, CostSourceRegistry } from './CostSourceRegistry';

const prod: ClusterConnection = {
  name: 'prod',
  url: 'https://prod.example.com',
  environment: 'production',
  region: 'us-east-1',
  role: 'primary',
  sandbox: false,
};

const costConfig = (cost: object) =>
  readCostConfig(new ConfigReader({ delivery: { cost } }), {
    clusters: [prod],
  });

function registryWith(cost: object, extra: CostSource[] = []) {
  const config = costConfig(cost);
  const registry = new CostSourceRegistry();
  for (const source of extra) registry.addCostSource(source);
  for (const source of builtInCostSources(config, mockServices.logger.mock())) {
    registry.addCostSource(source);
  }
  return { registry, config };
}

describe('CostSourceRegistry', () => {
  it('selects the configured prices by default', () => {
    const { registry, config } = registryWith({});
    const source = registry.select(config);
    expect(source.id).toBe('configured');
    expect(source.allocations).toBeUndefined();
  });

  it('offers OpenCost when it is configured, pricing from the configured list', () => {
    const { registry, config } = registryWith({
      source: 'opencost',
      prices: { default: { vcpuHour: 0.05 } },
      opencost: { clusters: { prod: { baseUrl: 'http://opencost:9003' } } },
    });
    const source = registry.select(config);
    expect(source.id).toBe('opencost');
    expect(source.pricesFor(prod)?.vcpuHour).toBe(0.05);
  });

  it('selects a source a module added', () => {
    const kubecost: CostSource = { id: 'kubecost', pricesFor: () => undefined };
    const { registry } = registryWith({}, [kubecost]);
    expect(registry.select({ source: 'kubecost' })).toBe(kubecost);
  });

  it('names the key and the known ids when the source is not registered', () => {
    const { registry } = registryWith({});
    expect(() => registry.select({ source: 'kubecost' })).toThrow(
      'delivery.cost.source "kubecost" is not a registered cost source; known: configured (a backend module adds others through deliveryCostSourcesExtensionPoint)',
    );
  });

  it('refuses a second source with the same id', () => {
    expect(() =>
      registryWith({}, [{ id: 'configured', pricesFor: () => undefined }]),
    ).toThrow('A cost source with id "configured" is already registered');
  });
});
