import { estimateEnvironmentCost } from './estimate';
import {
  deploymentFromQuantities,
  DeploymentQuantities,
} from './quantityInput';

const form: DeploymentQuantities = {
  name: 'checkout',
  cpuRequest: '250m',
  memoryRequest: '512Mi',
  replicas: 2,
  hpaMin: 2,
  hpaMax: 6,
};

describe('deploymentFromQuantities', () => {
  it('reads the form as millicores, bytes and the HPA range', () => {
    expect(deploymentFromQuantities(form)).toEqual({
      name: 'checkout',
      cpuMillicores: 250,
      memoryBytes: 512 * 2 ** 20,
      replicas: 2,
      hpa: { min: 2, max: 6 },
    });
    expect(
      deploymentFromQuantities({
        ...form,
        cpuRequest: ' 1.5 ',
        memoryRequest: '2Gi',
        hpaMin: undefined,
        hpaMax: undefined,
        purchase: 'spot',
      }),
    ).toEqual({
      name: 'checkout',
      cpuMillicores: 1500,
      memoryBytes: 2 * 2 ** 30,
      replicas: 2,
      purchase: 'spot',
    });
  });

  it('gives the form the same estimate as the numbers would', () => {
    const prices = {
      vcpuHour: 0.04,
      gibHour: 0.005,
      storageGibMonth: 0,
      discounts: { spot: 0.7, reserved: 0.4 },
    };
    const estimate = estimateEnvironmentCost(
      { deployments: [deploymentFromQuantities(form)] },
      prices,
    );
    // A pod: 0.25 x 0.04 x 730 = 7.30 CPU, 0.5 x 0.005 x 730 = 1.825 memory.
    expect(estimate.current.total).toBe(18.25);
    expect(estimate.atMax.total).toBe(54.75);
  });

  it.each([
    [{ cpuRequest: '250 m' }, 'cpuRequest', '"250 m" is not a CPU quantity'],
    [{ cpuRequest: '0.5m' }, 'cpuRequest', '"0.5m" is not a CPU quantity'],
    [
      { memoryRequest: '512MB' },
      'memoryRequest',
      '"512MB" is not a memory quantity; write binary units such as 512Mi or 1Gi',
    ],
    [{ memoryRequest: '' }, 'memoryRequest', '"" is not a memory quantity'],
    [{ replicas: 1.5 }, 'replicas', '1.5 is not a replica count'],
    [{ hpaMax: undefined }, 'hpaMax', 'is required with hpaMin'],
    [{ hpaMin: undefined }, 'hpaMin', 'is required with hpaMax'],
    [{ hpaMin: 7 }, 'hpaMin', 'must not exceed hpaMax (7 > 6)'],
    [{ hpaMax: -1 }, 'hpaMax', '-1 is not a replica count'],
  ])('names the field when %p', (change, field, message) => {
    expect(() => deploymentFromQuantities({ ...form, ...change })).toThrow(
      expect.objectContaining({
        field,
        message: expect.stringContaining(`${field}: ${message}`),
      }),
    );
  });

  it('prefixes the field with the Deployment it belongs to', () => {
    expect(() =>
      deploymentFromQuantities(
        { ...form, cpuRequest: 'lots' },
        'deployments[1]',
      ),
    ).toThrow(
      'deployments[1].cpuRequest: "lots" is not a CPU quantity; write cores or millicores such as 250m, 1 or 1.5',
    );
  });
});
