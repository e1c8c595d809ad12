/**
 * Small, valid golden-path files for the tests: each test breaks one rule of a copy.
 * Shaped like the real rendered manifests (labels, probes, security context) but
 * written out in full, so a test reads on its own.
 */
import yaml from 'yaml';

// Functions, not shared constants: a test that changes one object's labels changes only
// that object (and yaml.stringify would write shared objects as anchors).
const id = () => ({ 'backstage.io/kubernetes-id': 'payments' });
const app = () => ({ 'app.kubernetes.io/name': 'payments', ...id() });
const selector = () => ({
  matchLabels: { 'app.kubernetes.io/name': 'payments' },
});

export const container = (name = 'app', probes = true) => ({
  name,
  image: 'ghcr.io/acme/payments:1.0.0',
  resources: {
    requests: { cpu: '250m', memory: '256Mi' },
    limits: { cpu: '1', memory: '512Mi' },
  },
  ...(probes
    ? {
        livenessProbe: { httpGet: { path: '/health', port: 8080 } },
        readinessProbe: { httpGet: { path: '/ready', port: 8080 } },
      }
    : {}),
  securityContext: {
    runAsNonRoot: true,
    runAsUser: 10001,
    allowPrivilegeEscalation: false,
    readOnlyRootFilesystem: true,
    capabilities: { drop: ['ALL'] },
  },
});

const podSpec = (containers: object[], extra: object = {}) => ({
  securityContext: { runAsNonRoot: true, runAsUser: 10001 },
  containers,
  ...extra,
});

/** One valid object of each kind the golden path renders. */
export function validObjects(): any[] {
  return [
    {
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { name: 'payments', labels: id() },
    },
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'payments-config', labels: id() },
      data: { LOG_LEVEL: 'info' },
    },
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'payments', labels: app() },
      spec: {
        selector: selector(),
        strategy: {
          type: 'RollingUpdate',
          rollingUpdate: { maxUnavailable: 0, maxSurge: '25%' },
        },
        template: {
          metadata: { labels: app() },
          spec: podSpec([container()]),
        },
      },
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'payments', labels: app() },
      spec: {
        selector: { 'app.kubernetes.io/name': 'payments' },
        ports: [{ name: 'http', port: 80, targetPort: 8080 }],
      },
    },
    {
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: 'payments', labels: app() },
      spec: {
        scaleTargetRef: {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          name: 'payments',
        },
        minReplicas: 2,
        maxReplicas: 6,
      },
    },
    {
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: { name: 'payments', labels: app() },
      spec: {
        maxUnavailable: 1,
        selector: selector(),
      },
    },
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'payments', labels: app() },
      spec: {
        podSelector: selector(),
        policyTypes: ['Ingress'],
      },
    },
    {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'payments-migrate', labels: id() },
      spec: {
        template: {
          metadata: { labels: id() },
          spec: podSpec([container('migrate', false)], {
            restartPolicy: 'Never',
          }),
        },
      },
    },
    {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: 'payments-backup', labels: id() },
      spec: {
        schedule: '0 * * * *',
        jobTemplate: {
          metadata: { labels: id() },
          spec: {
            template: {
              metadata: { labels: id() },
              spec: podSpec([container('upload', false)], {
                initContainers: [container('dump', false)],
                restartPolicy: 'Never',
              }),
            },
          },
        },
      },
    },
  ];
}

/** Objects as one file of a kustomize overlay that lists it as its only resource. */
export function overlayFiles(objects: object[], overlay = 'production') {
  return {
    [`deploy/overlays/${overlay}/kustomization.yaml`]:
      'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - objects.yaml\n',
    [`deploy/overlays/${overlay}/objects.yaml`]: objects
      .map(object => yaml.stringify(object))
      .join('---\n'),
  };
}

/** A workflow in the golden path's style: values reach scripts only through env. */
export const VALID_WORKFLOW = `name: delivery
on:
  push:
    branches: [main]
env:
  APP_NAME: payments
jobs:
  build:
    runs-on: ubuntu-24.04
    steps:
      - uses: actions/checkout@fbc6f3992d24b796d5a048ff273f7fcc4a7b6c09 # v5.1.0
      - name: Build
        env:
          COMMIT_SHA: \${{ github.sha }}
        run: echo "building $APP_NAME at $COMMIT_SHA"
  deploy:
    needs: build
    runs-on: ubuntu-24.04
    steps:
      - name: Deploy
        run: bash deploy/scripts/deploy.sh apply
`;

export const VALID_DOCKERFILE = `# syntax=docker/dockerfile:1.7
FROM node:24.11.1-bookworm-slim AS build
WORKDIR /app
COPY . .
RUN npm ci && npm run build

FROM node:24.11.1-bookworm-slim AS runtime
WORKDIR /app
COPY --from=build /app/dist ./dist
USER 10001:10001
CMD ["node", "dist/index.js"]
`;

export const VALID_PACKAGE = {
  name: 'payments',
  version: '1.0.0',
  private: true,
  scripts: { build: 'tsc' },
};

/** What `npm install` writes for {@link VALID_PACKAGE}, a package without dependencies. */
export const VALID_LOCKFILE = {
  name: 'payments',
  version: '1.0.0',
  lockfileVersion: 3,
  requires: true,
  packages: { '': { name: 'payments', version: '1.0.0' } },
};

/**
 * A whole workspace that passes every check: both overlays, the workflow, the
 * Dockerfile and the package with its lockfile, at the paths a golden path renders them to.
 */
export function validWorkspace() {
  return {
    ...overlayFiles(validObjects(), 'staging'),
    ...overlayFiles(validObjects(), 'production'),
    '.github/workflows/delivery.yaml': VALID_WORKFLOW,
    Dockerfile: VALID_DOCKERFILE,
    'package.json': JSON.stringify(VALID_PACKAGE, null, 2),
    'package-lock.json': JSON.stringify(VALID_LOCKFILE, null, 2),
  };
}
