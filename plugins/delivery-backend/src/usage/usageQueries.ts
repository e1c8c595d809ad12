/** A PromQL string literal's content: backslashes and double quotes escaped. */
const literal = (value: string) => value.replace(/[\\"]/g, '\\$&');

/** A regular expression matching exactly this text (RE2, as Prometheus uses). */
const exactly = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The two queries a cluster's usage is read with, per pod, from cAdvisor's container
 * metrics (the kubelet's, which every Prometheus scraping Kubernetes has):
 * - CPU in cores, a 5-minute rate of the CPU seconds used (the `× 1000` to millicores is
 *   the caller's);
 * - memory in bytes, the working set: what the kernel cannot reclaim, the figure the
 *   kubelet evicts by and metrics.k8s.io reports.
 * `container!=""` drops the pod-level cgroup series and `container!="POD"` the pause
 * container, so a pod's containers are summed once. Only the namespaces given are read, and
 * with `clusterLabel` only that cluster's series of a Prometheus holding several.
 */
export function usageQueries(
  namespaces: Iterable<string>,
  clusterLabel?: { name: string; value: string },
): { cpu: string; memory: string } {
  const matchers = [
    'container!=""',
    'container!="POD"',
    `namespace=~"${literal(
      [...new Set(namespaces)].sort().map(exactly).join('|'),
    )}"`,
  ];
  if (clusterLabel)
    matchers.push(`${clusterLabel.name}="${literal(clusterLabel.value)}"`);
  const selector = `{${matchers.join(',')}}`;
  return {
    cpu: `sum by (namespace, pod) (rate(container_cpu_usage_seconds_total${selector}[5m]))`,
    memory: `sum by (namespace, pod) (container_memory_working_set_bytes${selector})`,
  };
}
