import {
  EmptyState,
  StructuredMetadataTable,
} from '@backstage/core-components';
import { Alert } from '@backstage/ui';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  ANNOTATION_ENVIRONMENTS,
  ANNOTATION_KUBERNETES_ID,
  ANNOTATION_TIER,
  DeliveryDescriptor,
  formatDurationMinutes,
  readDeliveryDescriptor,
} from '@internal/backstage-plugin-delivery-common';
import { DeliveryCard } from '../CardStates';

const DELIVERY_ANNOTATION = /^(delivery\/|backstage\.io\/kubernetes-)/;

function describeSelector(
  selector: DeliveryDescriptor['workloadSelector'],
): string {
  if (!selector) return 'not declared';
  if ('kubernetesId' in selector) {
    return `label ${ANNOTATION_KUBERNETES_ID}=${selector.kubernetesId}`;
  }
  return `selector ${selector.labelSelector}`;
}

/**
 * What the catalog says about this service's delivery: tier, recovery objectives,
 * strategy, environments, and which annotations are missing or wrong.
 * @public
 */
export function ServiceDeliveryCard() {
  const { entity } = useEntity();
  const annotations = Object.keys(entity.metadata.annotations ?? {});
  if (!annotations.some(key => DELIVERY_ANNOTATION.test(key))) {
    return (
      <DeliveryCard title="Service delivery">
        <EmptyState
          missing="field"
          title="No delivery annotations on this component"
          description={`Add ${ANNOTATION_KUBERNETES_ID} (and the same label on its Kubernetes objects), ${ANNOTATION_TIER} and ${ANNOTATION_ENVIRONMENTS} to catalog-info.yaml so Delivery can show its rollouts, cost and DR readiness.`}
        />
      </DeliveryCard>
    );
  }

  const descriptor = readDeliveryDescriptor(entity);
  const assumed = (key: (typeof descriptor.defaulted)[number]) =>
    descriptor.defaulted.includes(key) ? ' (default)' : '';
  const metadata = {
    workloads: describeSelector(descriptor.workloadSelector),
    tier: `${descriptor.tier}${assumed('tier')}`,
    RTO: `${formatDurationMinutes(descriptor.rtoMinutes)}${assumed('rto')}`,
    RPO: `${formatDurationMinutes(descriptor.rpoMinutes)}${assumed('rpo')}`,
    strategy: `${descriptor.strategy}${assumed('strategy')}`,
    environments: descriptor.environments.length
      ? descriptor.environments.join(', ')
      : 'none declared',
    'DR region': descriptor.drRegion ?? 'none declared',
    'monthly budget':
      descriptor.monthlyBudgetUsd !== undefined
        ? `$${descriptor.monthlyBudgetUsd.toLocaleString('en-US')}`
        : 'none declared',
  };

  return (
    <DeliveryCard title="Service delivery">
      <StructuredMetadataTable metadata={metadata} dense />
      {descriptor.problems.length > 0 && (
        <Alert
          status="warning"
          icon
          mt="4"
          title={`${descriptor.problems.length} annotation${
            descriptor.problems.length === 1 ? ' needs' : 's need'
          } attention`}
          description={
            <ul>
              {descriptor.problems.map(problem => (
                <li key={`${problem.annotation}:${problem.message}`}>
                  <code>{problem.annotation}</code>: {problem.message}
                </li>
              ))}
            </ul>
          }
        />
      )}
    </DeliveryCard>
  );
}
