/**
 * What a golden-path service will run in each environment, from its form's values, as the
 * golden path's kustomize overlays render it (plugins/scaffolder-backend-module-delivery/
 * golden-path/deploy): the production overlay runs the base (HPA hpaMin..hpaMax), staging
 * runs an HPA floor of 1 and half the ceiling, and the DR overlay keeps a critical service
 * warm (HPA floor 1) and every other tier at zero. A blue-green service runs both colours
 * at full capacity, each under its own HPA (a promotion is an instant selector flip), so it
 * costs twice a rolling one; a canary service runs a stable Deployment under the HPA and a
 * canary at 1 replica (0 in DR).
 * The form's estimate prices these shapes with the same formula as the Cost card.
 */
import type { EnvironmentCostInput, DeploymentShape } from './estimate';
import { deploymentFromQuantities } from './quantityInput';

/** The golden-path form's values the estimate reads. @public */
export interface GoldenPathCostValues {
  name: string;
  tier: 'critical' | 'standard' | 'experimental';
  strategy: 'rolling' | 'blue-green' | 'canary';
  environments: string[];
  drRegion?: string;
  cpuRequest: string;
  memoryRequest: string;
  hpaMin: number;
  hpaMax: number;
}

/** One environment's shape, and which overlay renders it. @public */
export interface GoldenPathEnvironmentShape {
  /** `staging`, `production` or `production (DR)`. */
  environment: string;
  overlay: 'staging' | 'production' | 'dr';
  input: EnvironmentCostInput;
}

/** The staging overlay's HPA ceiling: as declared up to 2, otherwise half, rounded up. */
export const stagingHpaMax = (hpaMax: number) =>
  hpaMax <= 2 ? hpaMax : Math.ceil(hpaMax / 2);

function deployments(
  values: GoldenPathCostValues,
  scaled: { min: number; max: number } | 'off',
): DeploymentShape[] {
  const main = (name: string) =>
    deploymentFromQuantities({
      name,
      cpuRequest: values.cpuRequest,
      memoryRequest: values.memoryRequest,
      // A new service starts at its HPA minimum.
      replicas: scaled === 'off' ? 0 : scaled.min,
      ...(scaled === 'off' ? {} : { hpaMin: scaled.min, hpaMax: scaled.max }),
    });
  const fixed = (name: string, replicas: number) =>
    deploymentFromQuantities({
      name,
      cpuRequest: values.cpuRequest,
      memoryRequest: values.memoryRequest,
      replicas,
    });
  switch (values.strategy) {
    case 'blue-green':
      return [main(`${values.name}-blue`), main(`${values.name}-green`)];
    case 'canary':
      return [
        main(values.name),
        fixed(`${values.name}-canary`, scaled === 'off' ? 0 : 1),
      ];
    default:
      return [main(values.name)];
  }
}

/**
 * The shape of a golden-path service in each environment it is delivered to, and in the DR
 * region when it has one. Throws a CostInputError naming the form field (`cpuRequest`,
 * `memoryRequest`, `hpaMin`, `hpaMax`) when a value cannot be priced.
 * @public
 */
export function goldenPathShapes(
  values: GoldenPathCostValues,
): GoldenPathEnvironmentShape[] {
  const shapes: GoldenPathEnvironmentShape[] = [];
  if (values.environments.includes('staging'))
    shapes.push({
      environment: 'staging',
      overlay: 'staging',
      input: {
        deployments: deployments(values, {
          min: 1,
          max: stagingHpaMax(values.hpaMax),
        }),
      },
    });
  if (values.environments.includes('production')) {
    shapes.push({
      environment: 'production',
      overlay: 'production',
      input: {
        deployments: deployments(values, {
          min: values.hpaMin,
          max: values.hpaMax,
        }),
      },
    });
    if (values.drRegion)
      shapes.push({
        environment: 'production (DR)',
        overlay: 'dr',
        input: {
          deployments: deployments(
            values,
            values.tier === 'critical' ? { min: 1, max: values.hpaMax } : 'off',
          ),
        },
      });
  }
  return shapes;
}
