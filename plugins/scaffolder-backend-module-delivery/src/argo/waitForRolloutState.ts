import { KubeCluster } from '../kube/KubeCluster';
import { sleep } from '../kube/kubeCall';
import { DeployStep } from '../workloads/DeployStep';
import { ArgoRollout } from './argoRollout';
import { describeRolloutState } from './rolloutProgress';

/**
 * Reads a Rollout until `reached` holds, logging where it stands whenever that changes;
 * fails naming where it stands when the action's rollout timeout runs out. The wait is on
 * the controller's status, never on time.
 */
export async function waitForRolloutState(options: {
  cluster: KubeCluster;
  namespace: string;
  name: string;
  step: Pick<DeployStep, 'logger' | 'signal' | 'rolloutTimeoutMs' | 'pollMs'>;
  /** What is waited for, for the timeout's message: "the next pause or healthy". */
  waitingFor: string;
  reached(rollout: ArgoRollout): boolean;
}): Promise<ArgoRollout> {
  const { cluster, namespace, name, step } = options;
  const deadline = Date.now() + step.rolloutTimeoutMs;
  let said = '';
  for (;;) {
    const rollout = await cluster.readRollout(namespace, name);
    const state = describeRolloutState(rollout);
    if (state !== said) {
      step.logger.info(
        `${cluster.name}: Rollout ${namespace}/${name}: ${state}`,
      );
      said = state;
    }
    if (options.reached(rollout)) return rollout;
    if (Date.now() >= deadline)
      throw new Error(
        `${cluster.name}: Rollout ${namespace}/${name} did not reach ${
          options.waitingFor
        } within ${Math.round(step.rolloutTimeoutMs / 1000)}s; it is ${state}`,
      );
    await sleep(step.pollMs, step.signal);
  }
}
