import { InputError } from '@backstage/errors';

/**
 * What a scale asks for: `replicas` for a Deployment without a HorizontalPodAutoscaler,
 * `minReplicas` and/or `maxReplicas` for one with (a bound left out keeps its value).
 */
export interface ScaleRequest {
  replicas?: number;
  minReplicas?: number;
  maxReplicas?: number;
}

/** The field to name when the request's HPA bounds are the problem. */
export const boundsField = (request: ScaleRequest) =>
  request.minReplicas === undefined ? 'maxReplicas' : 'minReplicas';

/** What the request asks for, in its own words: `minReplicas 2, maxReplicas 6`. */
export function describeRequest(request: ScaleRequest): string {
  return (['replicas', 'minReplicas', 'maxReplicas'] as const)
    .filter(field => request[field] !== undefined)
    .map(field => `${field} ${request[field]}`)
    .join(', ');
}

/** The checks that need no cluster: something to do, and bounds in order. */
export function checkScaleRequest(request: ScaleRequest): void {
  const { replicas, minReplicas, maxReplicas } = request;
  if (
    replicas === undefined &&
    minReplicas === undefined &&
    maxReplicas === undefined
  )
    throw new InputError(
      'replicas: set replicas (for a Deployment without a HorizontalPodAutoscaler), or minReplicas and/or maxReplicas (for one with)',
    );
  if (
    minReplicas !== undefined &&
    maxReplicas !== undefined &&
    minReplicas > maxReplicas
  )
    throw new InputError(
      `minReplicas: ${minReplicas} is above maxReplicas ${maxReplicas}`,
    );
}
