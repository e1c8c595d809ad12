import { findGitOpsOwner } from './findGitOpsOwner';

const managedBy = (manager: string, subresource?: string) => ({
  managedFields: [
    { manager, operation: 'Apply', ...(subresource ? { subresource } : {}) },
  ],
});

describe('findGitOpsOwner', () => {
  it("names Argo CD's application from its tracking annotation or instance label", () => {
    expect(
      findGitOpsOwner({
        annotations: {
          'argocd.argoproj.io/tracking-id':
            'shop-prod:apps/Deployment:shop/shop-api',
        },
      }),
    ).toEqual({
      controller: 'Argo CD',
      owner: 'Argo CD application "shop-prod"',
      evidence: 'annotation argocd.argoproj.io/tracking-id',
    });
    expect(
      findGitOpsOwner({ labels: { 'argocd.argoproj.io/instance': 'shop' } })
        ?.owner,
    ).toBe('Argo CD application "shop"');
    expect(findGitOpsOwner(managedBy('argocd-controller'))).toEqual({
      controller: 'Argo CD',
      owner: 'Argo CD',
      evidence: 'field manager argocd-controller',
    });
  });

  it("names Flux's Kustomization or HelmRelease with its namespace", () => {
    expect(
      findGitOpsOwner({
        labels: {
          'kustomize.toolkit.fluxcd.io/name': 'apps',
          'kustomize.toolkit.fluxcd.io/namespace': 'flux-system',
        },
      })?.owner,
    ).toBe('Flux Kustomization flux-system/apps');
    expect(
      findGitOpsOwner({
        labels: {
          'helm.toolkit.fluxcd.io/name': 'shop',
          'helm.toolkit.fluxcd.io/namespace': 'shop',
        },
      })?.owner,
    ).toBe('Flux HelmRelease shop/shop');
    expect(findGitOpsOwner(managedBy('helm-controller'))?.controller).toBe(
      'Flux',
    );
  });

  it('recognises a configured field manager, and nothing else', () => {
    expect(
      findGitOpsOwner(managedBy('rancher-fleet'), ['rancher-fleet']),
    ).toEqual({
      controller: 'GitOps',
      owner: 'the GitOps controller "rancher-fleet"',
      evidence:
        'field manager rancher-fleet, listed in delivery.gitops.fieldManagers',
    });
    expect(findGitOpsOwner(managedBy('rancher-fleet'))).toBeUndefined();
    expect(findGitOpsOwner(managedBy('kubectl-set'))).toBeUndefined();
    // A controller that only reports status does not own the object.
    expect(
      findGitOpsOwner(managedBy('argocd-controller', 'status')),
    ).toBeUndefined();
    expect(findGitOpsOwner(undefined)).toBeUndefined();
  });
});
