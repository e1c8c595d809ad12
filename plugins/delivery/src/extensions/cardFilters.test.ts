import { Entity } from '@backstage/catalog-model';
import { evaluateFilterPredicate } from '@backstage/filter-predicates';
import {
  ANNOTATION_ENVIRONMENTS,
  ANNOTATION_KUBERNETES_ID,
  ANNOTATION_KUBERNETES_LABEL_SELECTOR,
} from '@internal/backstage-plugin-delivery-common';
import {
  hasEnvironments,
  hasWorkloads,
  isDeliveryComponent,
} from './cardFilters';

function entity(kind: string, annotations: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: { name: 'payments', annotations },
    spec: {},
  };
}

describe('which entities show the Delivery cards on their overview', () => {
  it('shows the workload cards on a component Delivery can find in the clusters', () => {
    for (const annotation of [
      ANNOTATION_KUBERNETES_ID,
      ANNOTATION_KUBERNETES_LABEL_SELECTOR,
    ]) {
      const component = entity('Component', { [annotation]: 'payments' });
      expect(evaluateFilterPredicate(hasWorkloads, component)).toBe(true);
      expect(evaluateFilterPredicate(isDeliveryComponent, component)).toBe(
        true,
      );
      expect(evaluateFilterPredicate(hasEnvironments, component)).toBe(false);
    }
  });

  it('shows the Actions card on a component that declares its environments', () => {
    const component = entity('Component', {
      [ANNOTATION_ENVIRONMENTS]: 'staging,production',
    });
    expect(evaluateFilterPredicate(hasEnvironments, component)).toBe(true);
    expect(evaluateFilterPredicate(isDeliveryComponent, component)).toBe(true);
    expect(evaluateFilterPredicate(hasWorkloads, component)).toBe(false);
  });

  it('leaves other components and other kinds alone', () => {
    const plain = entity('Component', { 'github.com/project-slug': 'a/b' });
    const system = entity('System', {
      [ANNOTATION_KUBERNETES_ID]: 'payments',
      [ANNOTATION_ENVIRONMENTS]: 'staging',
    });
    for (const other of [plain, system]) {
      expect(evaluateFilterPredicate(isDeliveryComponent, other)).toBe(false);
    }
  });
});
