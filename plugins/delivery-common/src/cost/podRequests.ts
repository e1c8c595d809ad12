import { parseQuantity } from '../quantities';

/** What one pod requests, all containers summed. @public */
export interface PodRequests {
  cpuMillicores: number;
  memoryBytes: number;
}

/** The part of a pod spec (Kubernetes' V1PodSpec, or its JSON) that requests resources. @public */
export interface PodSpecRequests {
  containers?: Array<{
    resources?: { requests?: { [resource: string]: unknown } };
  }>;
}

/**
 * A pod's requests summed over its containers, as the scheduler (and so the bill) counts
 * them; a quantity that does not parse counts 0. Init containers are left out: they do not
 * run beside the others.
 * @public
 */
export function podRequestsOf(
  podSpec: PodSpecRequests | undefined,
): PodRequests {
  let cpuMillicores = 0;
  let memoryBytes = 0;
  for (const container of podSpec?.containers ?? []) {
    const requests = container.resources?.requests ?? {};
    cpuMillicores += Math.round(
      (parseQuantity(String(requests.cpu ?? '0')) ?? 0) * 1000,
    );
    memoryBytes += Math.round(
      parseQuantity(String(requests.memory ?? '0')) ?? 0,
    );
  }
  return { cpuMillicores, memoryBytes };
}
