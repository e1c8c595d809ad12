import {
  LABEL_APP_NAME,
  LABEL_KUBERNETES_ID,
  LABEL_TRACK,
} from '@internal/backstage-plugin-delivery-common';
import { ServiceSeed } from './catalog';

export const IMAGE_REGISTRY = 'ghcr.io/delivery-example';

export function imageOf(service: string, version: string): string {
  return `${IMAGE_REGISTRY}/${service}:${version}`;
}

function resourcesOf(service: ServiceSeed) {
  if (service.type === 'website') {
    return {
      requests: { cpu: '100m', memory: '256Mi' },
      limits: { cpu: '500m', memory: '512Mi' },
    };
  }
  if (service.tier === 'critical') {
    return {
      requests: { cpu: '500m', memory: '1Gi' },
      limits: { cpu: '1', memory: '2Gi' },
    };
  }
  return {
    requests: { cpu: '250m', memory: '512Mi' },
    limits: { cpu: '1', memory: '1Gi' },
  };
}

/** Labels every object of a service carries; the kubernetes-id ties them to the catalog. */
export function serviceLabels(
  service: ServiceSeed,
  track?: string,
): Record<string, string> {
  return {
    [LABEL_APP_NAME]: service.name,
    'app.kubernetes.io/part-of': service.system,
    [LABEL_KUBERNETES_ID]: service.name,
    ...(track ? { [LABEL_TRACK]: track } : {}),
  };
}

export function selectorLabels(
  service: ServiceSeed,
  track?: string,
): Record<string, string> {
  return {
    [LABEL_APP_NAME]: service.name,
    ...(track ? { [LABEL_TRACK]: track } : {}),
  };
}

/** A production-shaped pod template, as the golden paths generate them. */
export function podTemplate(
  service: ServiceSeed,
  version: string,
  track?: string,
) {
  const port = service.type === 'website' ? 3000 : 8080;
  const probes =
    service.type === 'worker'
      ? {
          livenessProbe: {
            exec: { command: ['node', 'healthcheck.js'] },
            periodSeconds: 20,
          },
        }
      : {
          livenessProbe: {
            httpGet: { path: '/health', port },
            periodSeconds: 10,
            failureThreshold: 3,
          },
          readinessProbe: {
            httpGet: { path: '/ready', port },
            periodSeconds: 5,
            failureThreshold: 3,
          },
        };
  return {
    metadata: {
      labels: {
        ...serviceLabels(service, track),
        'app.kubernetes.io/version': version,
      },
    },
    spec: {
      securityContext: { runAsNonRoot: true, runAsUser: 10001, fsGroup: 10001 },
      topologySpreadConstraints: [
        {
          maxSkew: 1,
          topologyKey: 'topology.kubernetes.io/zone',
          whenUnsatisfiable: 'ScheduleAnyway',
          labelSelector: { matchLabels: selectorLabels(service, track) },
        },
      ],
      containers: [
        {
          name: service.name,
          image: imageOf(service.name, version),
          ports:
            service.type === 'worker'
              ? []
              : [{ name: 'http', containerPort: port, protocol: 'TCP' }],
          resources: resourcesOf(service),
          ...probes,
          securityContext: {
            allowPrivilegeEscalation: false,
            readOnlyRootFilesystem: true,
            capabilities: { drop: ['ALL'] },
          },
        },
      ],
      terminationGracePeriodSeconds: 30,
      restartPolicy: 'Always',
    },
  };
}
