/**
 * What a service costs a month in one environment, at the replicas it runs now and at the
 * two ends of its HorizontalPodAutoscaler's range. Plain data in, so the Cost card (from the
 * cluster cache) and the golden-path form (from what the developer typed) price the same
 * way. Formula and a worked example: docs/cost.md.
 */
import { CostInputError } from './errors';
import {
  addCosts,
  CostBreakdown,
  monthlyCost,
  PurchaseOption,
  ResourcePrices,
} from './model';
import {
  requireAmount,
  requireCount,
  requirePrices,
  requirePurchase,
} from './validate';

/** One Deployment of a service as the estimate reads it. @public */
export interface DeploymentShape {
  name: string;
  /** Requests of one pod, all containers summed. */
  cpuMillicores: number;
  memoryBytes: number;
  /** Replicas now: the Deployment's spec.replicas, which its HPA sets when it has one. */
  replicas: number;
  /** The HPA's minReplicas and maxReplicas; without one the Deployment never scales. */
  hpa?: { min: number; max: number };
  /** Overrides the environment's purchase option for this Deployment. */
  purchase?: PurchaseOption;
}

/** A service in one environment. @public */
export interface EnvironmentCostInput {
  deployments: DeploymentShape[];
  /** Persistent storage the service claims here, GiB; it does not scale with replicas. */
  storageGib?: number;
  /** How the environment's capacity is bought; on-demand when absent. */
  purchase?: PurchaseOption;
}

/** The three replica counts an estimate prices. @public */
export interface ReplicaRange {
  current: number;
  min: number;
  max: number;
}

/** One Deployment's line of an estimate. @public */
export interface DeploymentCostLine {
  name: string;
  replicas: ReplicaRange;
  purchase: PurchaseOption;
  current: CostBreakdown;
  atMin: CostBreakdown;
  atMax: CostBreakdown;
}

/** A service's monthly cost in one environment. @public */
export interface EnvironmentCostEstimate {
  /** Every Deployment at its current replicas, plus storage. */
  current: CostBreakdown;
  /** Every Deployment at its HPA minimum (current replicas without an HPA), plus storage. */
  atMin: CostBreakdown;
  /** Every Deployment at its HPA maximum (current replicas without an HPA), plus storage. */
  atMax: CostBreakdown;
  deployments: DeploymentCostLine[];
  /** The storage line, the same at every replica count. */
  storage: CostBreakdown;
}

function replicaRange(deployment: DeploymentShape, at: string): ReplicaRange {
  const current = requireCount(deployment.replicas, `${at}.replicas`);
  if (!deployment.hpa) return { current, min: current, max: current };
  const min = requireCount(deployment.hpa.min, `${at}.hpa.min`);
  const max = requireCount(deployment.hpa.max, `${at}.hpa.max`);
  if (min > max) {
    throw new CostInputError(
      `${at}.hpa.min`,
      `must not exceed hpa.max (${min} > ${max})`,
    );
  }
  return { current, min, max };
}

/**
 * Prices a service in one environment. Each Deployment is priced at its current replicas,
 * its HPA minimum and its HPA maximum; the environment's figures are the sums of the
 * Deployment lines plus the storage line, so the lines on screen add up to the totals.
 * Throws a {@link CostInputError} naming the first field that cannot be priced.
 * @public
 */
export function estimateEnvironmentCost(
  input: EnvironmentCostInput,
  prices: ResourcePrices,
): EnvironmentCostEstimate {
  requirePrices(prices);
  const environmentPurchase =
    requirePurchase(input.purchase, 'purchase') ?? 'on-demand';
  const storageGib = requireAmount(input.storageGib ?? 0, 'storageGib');

  const deployments = input.deployments.map((deployment, index) => {
    const at = `deployments[${index}]`;
    const cpuMillicores = requireAmount(
      deployment.cpuMillicores,
      `${at}.cpuMillicores`,
    );
    const memoryBytes = requireAmount(
      deployment.memoryBytes,
      `${at}.memoryBytes`,
    );
    const purchase =
      requirePurchase(deployment.purchase, `${at}.purchase`) ??
      environmentPurchase;
    const replicas = replicaRange(deployment, at);
    const priced = (count: number) =>
      monthlyCost(
        { cpuMillicores, memoryBytes, replicas: count, purchase },
        prices,
      );
    return {
      name: deployment.name,
      replicas,
      purchase,
      current: priced(replicas.current),
      atMin: priced(replicas.min),
      atMax: priced(replicas.max),
    };
  });

  const storage = monthlyCost(
    { cpuMillicores: 0, memoryBytes: 0, replicas: 0, storageGib },
    prices,
  );
  const total = (key: 'current' | 'atMin' | 'atMax') =>
    addCosts([...deployments.map(line => line[key]), storage]);

  return {
    current: total('current'),
    atMin: total('atMin'),
    atMax: total('atMax'),
    deployments,
    storage,
  };
}
