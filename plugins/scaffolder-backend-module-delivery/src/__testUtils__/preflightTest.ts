import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { JsonObject } from '@backstage/types';
import { readDeliveryConfig } from '@internal/backstage-plugin-delivery-node';
import type { DeliveryActionDeps } from '../actions/frame';
import { createDeployAction } from '../actions/deploy/deployAction';
import { startExampleActionDeps } from './exampleActionDeps';
import { DeliveryActionsBackend } from './startDeliveryActionsBackend';

/** What a preflight test drives and asserts on; see startPreflightTest. */
export interface PreflightTest {
  backend: DeliveryActionsBackend;
  /** A Deployment as users are served by it: its image and size, from the cluster. */
  served(
    environment: 'staging' | 'production',
    name: string,
  ): Promise<{ image?: string; replicas?: number }>;
  /**
   * Runs the deploy action; `environments` (as `delivery.environments`) and `now` change
   * what the checks see. Resolves with the task's logger; rejects with a refusal.
   */
  deploy(
    input: JsonObject,
    options?: {
      environments?: JsonObject[];
      now?: Date;
      isDryRun?: boolean;
    },
  ): Promise<{ logger: ReturnType<typeof mockServices.logger.mock> }>;
}

/**
 * The deploy action as the module creates it, against the sandbox fleet and the Delivery
 * backend (its run store), with `delivery.environments` as a test configures them and
 * the preflight checks' clock set where the test needs it.
 */
export async function startPreflightTest(): Promise<PreflightTest> {
  const started = await startExampleActionDeps();
  const { backend } = started;
  const production = backend.cluster('production').apps;
  const staging = backend.cluster('staging').apps;
  const served: PreflightTest['served'] = async (environment, name) => {
    const d = await (environment === 'staging'
      ? staging
      : production
    ).readNamespacedDeployment({ namespace: 'propertyos', name });
    return {
      image: d.spec?.template?.spec?.containers[0].image,
      replicas: d.spec?.replicas,
    };
  };
  const deploy: PreflightTest['deploy'] = async (input, options = {}) => {
    const deps: DeliveryActionDeps = {
      ...started.deps,
      ...(options.environments
        ? {
            config: readDeliveryConfig(
              new ConfigReader({
                delivery: { environments: options.environments },
              }),
            ),
          }
        : {}),
      ...(options.now ? { now: () => options.now! } : {}),
    };
    const logger = mockServices.logger.mock();
    const ctx = {
      ...createMockActionContext({ input, logger }),
      isDryRun: Boolean(options.isDryRun),
    };
    await createDeployAction(deps).handler(ctx as any);
    return { logger };
  };
  return { backend, served, deploy };
}
