import { V1Deployment } from '@kubernetes/client-node';
import { KubeCluster } from '../kube/KubeCluster';
import { UnknownOutcomeError } from '../kube/kubeCall';
import { DeployStep } from '../workloads/DeployStep';
import { waitForRollout } from '../workloads/waitForRollout';
import { smokeCheck } from './smokeCheck';

/**
 * A Deployment's containers as they were before a deploy changed its image: what a
 * failed smoke check puts back. The deploy changes nothing else of the pod template.
 */
// A type, not an interface, so that it is JSON for a checkpoint.
export type PreviousContainers = {
  namespace: string;
  name: string;
  containers: Array<{ name: string; image: string }>;
};

/**
 * Keeps the Deployment's containers as they are now in a checkpoint, before the deploy
 * changes them: a recovered task reads the Deployment after the change, so only the
 * checkpoint still knows what came before.
 */
export function rememberContainers(
  deployment: V1Deployment,
  step: DeployStep,
  key: string,
): Promise<PreviousContainers> {
  return step.checkpoint(key, async () => ({
    namespace: deployment.metadata!.namespace!,
    name: deployment.metadata!.name!,
    containers: (deployment.spec?.template?.spec?.containers ?? []).map(c => ({
      name: c.name,
      image: c.image ?? '',
    })),
  }));
}

/** "api is back on ghcr.io/acme/api:1.4.1": what the run's summary says after a roll-back. */
const backOn = (previous: PreviousContainers) =>
  `${previous.name} is back on ${previous.containers
    .map(c => c.image)
    .join(', ')}`;

async function restore(
  cluster: KubeCluster,
  previous: PreviousContainers,
  step: DeployStep,
): Promise<void> {
  const body = {
    spec: { template: { spec: { containers: previous.containers } } },
  };
  try {
    await cluster.patchDeployment(previous.namespace, previous.name, body);
  } catch (error) {
    // The patch sets images to given values: repeating it is safe.
    if (!(error instanceof UnknownOutcomeError)) throw error;
    await cluster.patchDeployment(previous.namespace, previous.name, body);
  }
  step.logger.info(
    `${cluster.name}: ${backOn(previous)}; following the rollout`,
  );
  await waitForRollout({
    cluster,
    namespace: previous.namespace,
    name: previous.name,
    logger: step.logger,
    signal: step.signal,
    timeoutMs: step.rolloutTimeoutMs,
    pollMs: step.pollMs,
  });
}

/**
 * The smoke check after a change that is already serving (a rolling rollout, a canary's
 * promotion). When it fails, the Deployments are put back on their previous containers,
 * that rollout is followed, and the error says the check failed and what serves now.
 * The check's result is a checkpoint, so a recovered task never rolls back a deploy
 * whose check had passed.
 */
export async function smokeOrRollBack(options: {
  cluster: KubeCluster;
  smokeUrl: string;
  /** When the check runs, for the messages: "after the rollout". */
  when: string;
  previous: PreviousContainers[];
  step: DeployStep;
  key: string;
}): Promise<void> {
  const { cluster, step, previous } = options;
  const problem = await step.checkpoint(
    options.key,
    async () =>
      (await smokeCheck(options.smokeUrl, step.logger, step.signal)) ?? '',
  );
  if (!problem) return;
  step.logger.warn(
    `${cluster.name}: ${options.when}, ${problem}; rolling back to the previous revision`,
  );
  try {
    for (const p of previous) await restore(cluster, p, step);
  } catch (error) {
    throw new Error(
      `${cluster.name}: ${
        options.when
      }, ${problem}; rolling back to the previous revision did not complete: ${
        (error as Error).message
      }`,
    );
  }
  throw new Error(
    `${cluster.name}: ${options.when}, ${problem}; rolled back: ${previous
      .map(backOn)
      .join('; ')}`,
  );
}
