import { Flex, Grid } from '@backstage/ui';
import { ActionsCard } from '../ActionsCard';
import { CostCard } from '../CostCard';
import { DeliverySetupCard } from '../DeliverySetupCard';
import { DoraCard } from '../DoraCard';
import { DrCard } from '../DrCard';
import { RolloutCard } from '../RolloutCard';
import { RunHistoryCard } from '../RunHistoryCard';
import { ServiceDeliveryCard } from '../ServiceDeliveryCard';

/**
 * The Delivery tab of a component page: the rollout first, then the actions on each
 * environment, what the catalog says about the service, the setup, the DR readiness, the
 * cost, the DORA metrics, and the run history.
 *
 * It renders the cards itself rather than collecting the entity-card extensions, so the
 * tab keeps this layout whether or not an app also puts some of them on the overview.
 * @public
 */
export function EntityDeliveryContent() {
  return (
    <Flex direction="column" gap="5">
      <RolloutCard />
      <ActionsCard />
      <Grid.Root columns={{ initial: '1', md: '2' }} gap="5">
        <Grid.Item>
          <ServiceDeliveryCard />
        </Grid.Item>
        <Grid.Item>
          <DeliverySetupCard />
        </Grid.Item>
      </Grid.Root>
      <DrCard />
      <CostCard />
      <DoraCard />
      <RunHistoryCard />
    </Flex>
  );
}
