import { V1ObjectMeta } from '@kubernetes/client-node';

/** A GitOps controller that manages an object, and how that was told. */
export interface GitOpsOwner {
  controller: 'Argo CD' | 'Flux' | 'GitOps';
  /** Who owns it, in words: `Argo CD application "shop"`, `Flux Kustomization flux-system/apps`. */
  owner: string;
  /** What on the object says so: `annotation argocd.argoproj.io/tracking-id`. */
  evidence: string;
}

const ARGO_TRACKING_ID = 'argocd.argoproj.io/tracking-id';
const ARGO_INSTANCE = 'argocd.argoproj.io/instance';
const ARGO_MANAGERS = ['argocd-controller', 'argocd-application-controller'];
const FLUX_KINDS = [
  { prefix: 'kustomize.toolkit.fluxcd.io', kind: 'Kustomization' },
  { prefix: 'helm.toolkit.fluxcd.io', kind: 'HelmRelease' },
];
const FLUX_MANAGERS = ['kustomize-controller', 'helm-controller'];

/** The field managers that ever wrote the object (a status write is a report, not ownership). */
const managersOf = (metadata: V1ObjectMeta) =>
  new Set(
    (metadata.managedFields ?? [])
      .filter(entry => entry.subresource !== 'status')
      .map(entry => entry.manager)
      .filter((manager): manager is string => Boolean(manager)),
  );

/**
 * Which GitOps controller manages an object, if any: Argo CD by its tracking annotation, its
 * instance label or its field managers; Flux by the labels its Kustomization and HelmRelease
 * controllers stamp or their field managers; or one of `extraManagers`
 * (`delivery.gitops.fieldManagers`). The most telling evidence wins: a name from an
 * annotation or label before a bare field manager.
 */
export function findGitOpsOwner(
  metadata: V1ObjectMeta | undefined,
  extraManagers: readonly string[] = [],
): GitOpsOwner | undefined {
  if (!metadata) return undefined;
  const annotations = metadata.annotations ?? {};
  const labels = metadata.labels ?? {};

  const trackingId = annotations[ARGO_TRACKING_ID];
  if (trackingId)
    // `<application>:<group>/<kind>:<namespace>/<name>`
    return {
      controller: 'Argo CD',
      owner: `Argo CD application "${trackingId.split(':')[0]}"`,
      evidence: `annotation ${ARGO_TRACKING_ID}`,
    };
  if (labels[ARGO_INSTANCE])
    return {
      controller: 'Argo CD',
      owner: `Argo CD application "${labels[ARGO_INSTANCE]}"`,
      evidence: `label ${ARGO_INSTANCE}`,
    };
  for (const { prefix, kind } of FLUX_KINDS) {
    const name = labels[`${prefix}/name`];
    if (!name) continue;
    const namespace = labels[`${prefix}/namespace`];
    return {
      controller: 'Flux',
      owner: `Flux ${kind} ${namespace ? `${namespace}/` : ''}${name}`,
      evidence: `label ${prefix}/name`,
    };
  }

  const managers = managersOf(metadata);
  const argo = ARGO_MANAGERS.find(m => managers.has(m));
  if (argo)
    return {
      controller: 'Argo CD',
      owner: 'Argo CD',
      evidence: `field manager ${argo}`,
    };
  const flux = FLUX_MANAGERS.find(m => managers.has(m));
  if (flux)
    return {
      controller: 'Flux',
      owner: `Flux (${flux})`,
      evidence: `field manager ${flux}`,
    };
  const configured = extraManagers.find(m => managers.has(m));
  if (configured)
    return {
      controller: 'GitOps',
      owner: `the GitOps controller "${configured}"`,
      evidence: `field manager ${configured}, listed in delivery.gitops.fieldManagers`,
    };
  return undefined;
}
