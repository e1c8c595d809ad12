/**
 * The estimate's input from what a developer types: requests as Kubernetes quantities and
 * the HPA bounds, under the golden-path form's field names, so an error points at the
 * field to fix.
 */
import { cpuMillicores, memoryBytes } from '../quantities';
import { CostInputError } from './errors';
import type { DeploymentShape } from './estimate';
import type { PurchaseOption } from './model';
import { requireCount, requirePurchase } from './validate';

/** One Deployment as the golden-path form holds it. @public */
export interface DeploymentQuantities {
  name: string;
  /** CPU request of one pod: "250m", "1", "1.5". */
  cpuRequest: string;
  /** Memory request of one pod: "512Mi", "1Gi". */
  memoryRequest: string;
  /** Replicas now; a new service starts at its HPA minimum. */
  replicas: number;
  /** Both or neither: a Deployment without them has no HPA. */
  hpaMin?: number;
  hpaMax?: number;
  purchase?: PurchaseOption;
}

/**
 * Parses the form's quantities into the estimate's {@link DeploymentShape}. Throws a
 * {@link CostInputError} naming the field (prefixed with `path` when given, such as
 * `deployments[1]`) whose value is not a quantity or a count.
 * @public
 */
export function deploymentFromQuantities(
  input: DeploymentQuantities,
  path?: string,
): DeploymentShape {
  const field = (name: string) => (path ? `${path}.${name}` : name);

  const cpu = cpuMillicores(String(input.cpuRequest).trim());
  if (cpu === undefined) {
    throw new CostInputError(
      field('cpuRequest'),
      `"${input.cpuRequest}" is not a CPU quantity; write cores or millicores such as 250m, 1 or 1.5`,
    );
  }
  const memory = memoryBytes(String(input.memoryRequest).trim());
  if (memory === undefined) {
    throw new CostInputError(
      field('memoryRequest'),
      `"${input.memoryRequest}" is not a memory quantity; write binary units such as 512Mi or 1Gi`,
    );
  }
  const replicas = requireCount(input.replicas, field('replicas'));
  const purchase = requirePurchase(input.purchase, field('purchase'));

  let hpa: DeploymentShape['hpa'];
  if (input.hpaMin !== undefined || input.hpaMax !== undefined) {
    if (input.hpaMin === undefined)
      throw new CostInputError(field('hpaMin'), 'is required with hpaMax');
    if (input.hpaMax === undefined)
      throw new CostInputError(field('hpaMax'), 'is required with hpaMin');
    const min = requireCount(input.hpaMin, field('hpaMin'));
    const max = requireCount(input.hpaMax, field('hpaMax'));
    if (min > max) {
      throw new CostInputError(
        field('hpaMin'),
        `must not exceed hpaMax (${min} > ${max})`,
      );
    }
    hpa = { min, max };
  }

  return {
    name: input.name,
    cpuMillicores: cpu,
    memoryBytes: memory,
    replicas,
    ...(hpa ? { hpa } : {}),
    ...(purchase ? { purchase } : {}),
  };
}
