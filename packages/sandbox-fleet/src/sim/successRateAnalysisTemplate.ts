import { KubeObject } from '../store/types';

/**
 * A success-rate AnalysisTemplate as teams write them for Prometheus: the share of a
 * service's requests that did not fail over two minutes, at least 0.95. The sandbox never
 * runs the query (analysisRunController simulates its result); it is there so the objects
 * read as they would on a real cluster. `service` is the query's service: a name, or an
 * argument reference such as `{{args.service-name}}`.
 */
export function successRateAnalysisTemplate(
  metadata: KubeObject['metadata'],
  service: string,
  args: Array<{ name: string }> = [],
): KubeObject {
  const requests = (filter: string) =>
    `sum(rate(http_requests_total{service="${service}"${filter}}[2m]))`;
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'AnalysisTemplate',
    metadata,
    spec: {
      ...(args.length ? { args } : {}),
      metrics: [
        {
          name: 'success-rate',
          successCondition: 'result[0] >= 0.95',
          failureLimit: 0,
          provider: {
            prometheus: {
              address: 'http://prometheus.monitoring.svc:9090',
              query: `${requests(',code!~"5.."')} / ${requests('')}`,
            },
          },
        },
      ],
    },
  };
}
