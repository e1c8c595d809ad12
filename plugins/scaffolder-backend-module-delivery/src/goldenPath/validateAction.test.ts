import { ConfigReader } from '@backstage/config';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { readDeliveryConfig } from '@internal/backstage-plugin-delivery-node';
import { createGoldenPathValidateAction } from './validateAction';

describe('delivery:golden-path:validate', () => {
  const action = createGoldenPathValidateAction({
    config: readDeliveryConfig(new ConfigReader({})),
  });
  const parameters = {
    name: 'tenant-web',
    description: 'Tenant portal',
    owner: 'group:default/propertyos-core-team',
    tier: 'standard',
    strategy: 'rolling',
    port: 8080,
    cpuRequest: '100m',
    cpuLimit: '500m',
    memoryRequest: '128Mi',
    memoryLimit: '256Mi',
    hpaMin: 2,
    hpaMax: 4,
    cpuTarget: 70,
    memoryTarget: 80,
    environments: ['staging', 'production'],
    database: false,
    imageRepository: 'ghcr.io/acme/tenant-web',
    costCenter: 'cc-tenants',
    monthlyBudget: 300,
    publishTarget: 'local',
  };

  it('outputs the values the skeleton renders with, kind included', async () => {
    const ctx = createMockActionContext({
      input: { kind: 'web-frontend' as const, parameters },
    });
    await action.handler(ctx);
    expect(ctx.output).toHaveBeenCalledWith(
      'values',
      expect.objectContaining({
        kind: 'web-frontend',
        name: 'tenant-web',
        namespace: 'tenant-web',
        rto: '2h',
        backup: false,
      }),
    );
  });

  it('fails naming the field and outputs nothing', async () => {
    const ctx = createMockActionContext({
      input: {
        kind: 'web-frontend' as const,
        parameters: { ...parameters, hpaMin: 9 },
      },
    });
    await expect(action.handler(ctx)).rejects.toThrow(
      /hpaMin: must not exceed hpaMax \(9 > 4\)/,
    );
    expect(ctx.output).not.toHaveBeenCalled();
  });
});
