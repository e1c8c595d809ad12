import { Flex } from '@backstage/ui';
import { useDeliveryOverview } from '../../hooks/useDeliveryOverview';
import { AsyncCard } from '../CardStates';
import { DeliverySetupCard } from '../DeliverySetupCard';
import { ServiceOverview } from './ServiceOverview';

/**
 * The body of the Delivery overview page, without page chrome, so both the new frontend
 * system (which draws the page header) and the legacy page can use it. It stays current
 * while open, so a rollout that completes turns green without a reload.
 */
export function DeliveryOverviewContent() {
  const { state: shown, retry } = useDeliveryOverview();
  return (
    <Flex direction="column" gap="4">
      <AsyncCard
        title="Services"
        errorTitle="Could not load the overview"
        state={shown}
        retry={retry}
      >
        {overview => <ServiceOverview overview={overview} />}
      </AsyncCard>
      <div style={{ maxWidth: 960 }}>
        <DeliverySetupCard />
      </div>
    </Flex>
  );
}
