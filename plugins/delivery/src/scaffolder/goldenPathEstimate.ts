import {
  addCosts,
  CostBreakdown,
  CostInputError,
  CostPricesAnswer,
  estimateEnvironmentCost,
  goldenPathShapes,
  GoldenPathCostValues,
  GoldenPathEnvironmentShape,
} from '@internal/backstage-plugin-delivery-common';
import { costFormValues } from './costFormValues';

/** One environment's prices as the Delivery backend answers them. */
export type EnvironmentPrices = CostPricesAnswer['environments'][number];

/** How the service runs in one environment, in the words of the estimate's table. */
export interface EstimateRunning {
  /** HPA bounds of the main Deployment (each colour's, for blue-green). */
  min: number;
  max: number;
  strategy: GoldenPathCostValues['strategy'];
  tier: GoldenPathCostValues['tier'];
  /** The DR overlay of a service that keeps no warm standby. */
  off: boolean;
}

/** One row of the estimate: an environment the template renders. */
export interface EstimateRow {
  /** `staging`, `production` or `production (DR)`. */
  environment: string;
  overlay: GoldenPathEnvironmentShape['overlay'];
  running: EstimateRunning;
  /** Absent when the backend has no prices for this environment and cluster role. */
  priced?: {
    prices: EnvironmentPrices;
    atMin: CostBreakdown;
    atMax: CostBreakdown;
  };
}

/** What the field shows for the form's current values. */
export type GoldenPathEstimate =
  | { kind: 'problem'; message: string; field?: string }
  | {
      kind: 'estimate';
      rows: EstimateRow[];
      /** Sums of the priced rows. */
      total: { atMin: CostBreakdown; atMax: CostBreakdown };
      /** False when some row has no prices, so the total leaves it out. */
      complete: boolean;
      /** Requests of one pod as typed, for the formula caption. */
      perPod: { cpuRequest: string; memoryRequest: string };
    };

/**
 * Which of the backend's price lists prices a shape: an environment's primary cluster, or
 * for the DR overlay the DR cluster of production (the overlay only exists for production).
 */
function pricesFor(
  shape: GoldenPathEnvironmentShape,
  answer: CostPricesAnswer,
): EnvironmentPrices | undefined {
  const wanted =
    shape.overlay === 'dr'
      ? { environment: 'production', role: 'dr' }
      : { environment: shape.environment, role: 'primary' };
  return answer.environments.find(
    entry =>
      entry.environment === wanted.environment && entry.role === wanted.role,
  );
}

function running(
  shape: GoldenPathEnvironmentShape,
  values: GoldenPathCostValues,
): EstimateRunning {
  const main = shape.input.deployments[0];
  return {
    min: main.hpa?.min ?? main.replicas,
    max: main.hpa?.max ?? main.replicas,
    strategy: values.strategy,
    tier: values.tier,
    off: !main.hpa && main.replicas === 0,
  };
}

/**
 * The monthly estimate of a golden-path service from its form's values: the shapes its
 * overlays render (goldenPathShapes), each priced with its environment's prices by the
 * same formula as the Cost card. Never throws: a value that cannot be priced comes back
 * as the CostInputError's message, which names the form field.
 */
export function goldenPathEstimate(
  formData: Record<string, unknown>,
  answer: CostPricesAnswer,
): GoldenPathEstimate {
  try {
    const values = costFormValues(formData);
    const rows: EstimateRow[] = goldenPathShapes(values).map(shape => {
      const row = {
        environment: shape.environment,
        overlay: shape.overlay,
        running: running(shape, values),
      };
      const prices = pricesFor(shape, answer);
      if (!prices) return row;
      const estimate = estimateEnvironmentCost(
        { ...shape.input, purchase: prices.purchase },
        prices.prices,
      );
      return {
        ...row,
        priced: { prices, atMin: estimate.atMin, atMax: estimate.atMax },
      };
    });
    const priced = rows.flatMap(row => (row.priced ? [row.priced] : []));
    return {
      kind: 'estimate',
      rows,
      total: {
        atMin: addCosts(priced.map(p => p.atMin)),
        atMax: addCosts(priced.map(p => p.atMax)),
      },
      complete: priced.length === rows.length,
      perPod: {
        cpuRequest: String(values.cpuRequest),
        memoryRequest: String(values.memoryRequest),
      },
    };
  } catch (error) {
    if (error instanceof CostInputError) {
      return { kind: 'problem', message: error.message, field: error.field };
    }
    return {
      kind: 'problem',
      message: `The estimate could not be computed: ${
        error instanceof Error ? error.message : String(error)
      }`,
    };
  }
}
