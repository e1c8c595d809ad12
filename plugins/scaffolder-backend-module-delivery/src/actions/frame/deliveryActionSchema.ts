import { z } from 'zod/v3';

/** The inputs naming what every Delivery action acts on. */
export const deliveryTargetInput = {
  entityRef: (zImpl: typeof z) =>
    zImpl.string().min(1).describe('The service, e.g. component:default/api'),
  environment: (zImpl: typeof z) =>
    zImpl.string().min(1).describe('One of delivery.environments'),
  overrideReason: (zImpl: typeof z) =>
    zImpl
      .string()
      .optional()
      .describe(
        'Platform team only: why the action must go ahead although a preflight check (a rollout in progress, a freeze, the promotion gate) refuses it. The run history keeps it.',
      ),
};

/** The outputs the frame writes for every action. */
export const deliveryActionOutput = {
  runId: (zImpl: typeof z) =>
    zImpl.string().optional().describe('The run in the run history'),
  summary: (zImpl: typeof z) => zImpl.string(),
  entityUrl: (zImpl: typeof z) =>
    zImpl.string().describe("The service's Delivery tab"),
};

/**
 * How long an action waits for the rollout it set going. The scaffolder validates inputs
 * against the JSON schema and does not fill defaults in, so handlers still apply
 * `defaultSeconds` themselves.
 */
export function rolloutTimeoutInput(defaultSeconds: number, waitsFor: string) {
  return (zImpl: typeof z) =>
    zImpl
      .number()
      .int()
      .min(10)
      .max(7200)
      .default(defaultSeconds)
      .describe(
        `How long to wait for ${waitsFor}, in seconds. Default ${defaultSeconds}`,
      );
}
