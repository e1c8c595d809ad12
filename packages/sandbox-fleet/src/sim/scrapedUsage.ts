/**
 * What a usage scrape holds, apart from how it is taken (usageScrape.ts): the cluster keeps
 * the latest one and the metrics API serves it, and neither needs the load model behind it.
 */

/** One container's usage in a scrape. */
export interface ContainerUsage {
  name: string;
  cpuNanocores: number;
  memoryBytes: number;
}

/** One node's usage in a scrape. */
export interface NodeUsage {
  cpuNanocores: number;
  memoryBytes: number;
}

/**
 * What metrics-server holds after reading every kubelet: the usage of each running pod's
 * containers and of each ready node, at one moment, with CPU averaged over the window since
 * the previous read.
 */
export interface UsageScrape {
  timestamp: number;
  windowMs: number;
  /** By pod uid, so a pod recreated under the same name does not inherit usage. */
  pods: Map<string, ContainerUsage[]>;
  nodes: Map<string, NodeUsage>;
}
