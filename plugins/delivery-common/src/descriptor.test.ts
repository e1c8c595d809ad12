import type { Entity } from '@backstage/catalog-model';
import { readDeliveryDescriptor, workloadLabelSelector } from './descriptor';

function component(annotations: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'payment-service', annotations },
    spec: { type: 'service', owner: 'group:default/payments-team' },
  };
}

describe('readDeliveryDescriptor', () => {
  it('reads declared annotations', () => {
    const descriptor = readDeliveryDescriptor(
      component({
        'backstage.io/kubernetes-id': 'payment-service',
        'delivery/tier': 'critical',
        'delivery/rto': '10m',
        'delivery/rpo': '1m',
        'delivery/strategy': 'blue-green',
        'delivery/environments': 'staging, production,production',
        'delivery/monthly-budget': '1800',
      }),
    );
    expect(descriptor).toMatchObject({
      entityRef: 'component:default/payment-service',
      workloadSelector: { kubernetesId: 'payment-service' },
      tier: 'critical',
      rtoMinutes: 10,
      rpoMinutes: 1,
      strategy: 'blue-green',
      environments: ['staging', 'production'],
      monthlyBudgetUsd: 1800,
      defaulted: [],
      problems: [],
    });
  });

  it('falls back to the tier defaults from the seed DR tables and says so', () => {
    const descriptor = readDeliveryDescriptor(
      component({
        'backstage.io/kubernetes-id': 'payment-service',
        'delivery/tier': 'critical',
      }),
    );
    expect(descriptor.rtoMinutes).toBe(15);
    expect(descriptor.rpoMinutes).toBe(5);
    expect(descriptor.strategy).toBe('rolling');
    expect(descriptor.defaulted).toEqual(['rto', 'rpo', 'strategy']);
  });

  it('reports each bad annotation by name instead of throwing', () => {
    const descriptor = readDeliveryDescriptor(
      component({
        'delivery/tier': 'gold',
        'delivery/rto': 'soon',
        'delivery/strategy': 'big-bang',
        'delivery/environments': 'staging,Prod_1',
        'delivery/monthly-budget': '-5',
      }),
    );
    expect(descriptor.tier).toBe('standard');
    expect(descriptor.rtoMinutes).toBe(120);
    expect(descriptor.environments).toEqual(['staging']);
    expect(descriptor.problems.map(p => p.annotation)).toEqual([
      'delivery/tier',
      'delivery/rto',
      'delivery/strategy',
      'delivery/environments',
      'backstage.io/kubernetes-id',
      'delivery/monthly-budget',
    ]);
  });

  it('prefers a label selector over the kubernetes id, as upstream does', () => {
    const descriptor = readDeliveryDescriptor(
      component({
        'backstage.io/kubernetes-id': 'payment-service',
        'backstage.io/kubernetes-label-selector': 'app=payments',
      }),
    );
    expect(descriptor.workloadSelector).toEqual({
      labelSelector: 'app=payments',
    });
  });
});

describe('workloadLabelSelector', () => {
  it('is the kubernetes-id label for a service named by its id', () => {
    const descriptor = readDeliveryDescriptor(
      component({ 'backstage.io/kubernetes-id': 'payment-service' }),
    );
    expect(workloadLabelSelector(descriptor)).toBe(
      'backstage.io/kubernetes-id=payment-service',
    );
    expect(workloadLabelSelector(descriptor.workloadSelector)).toBe(
      'backstage.io/kubernetes-id=payment-service',
    );
  });

  it("is the entity's own selector, as written, for a service found by labels", () => {
    const descriptor = readDeliveryDescriptor(
      component({
        'backstage.io/kubernetes-label-selector': 'app=payments,team in (pay)',
      }),
    );
    expect(workloadLabelSelector(descriptor)).toBe(
      'app=payments,team in (pay)',
    );
  });

  it('is undefined for a service that names no workloads', () => {
    expect(workloadLabelSelector(readDeliveryDescriptor(component({})))).toBe(
      undefined,
    );
  });
});
