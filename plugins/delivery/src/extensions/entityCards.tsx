import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import {
  hasEnvironments,
  hasWorkloads,
  isDeliveryComponent,
} from './cardFilters';

/*
 * The Delivery tab's cards, also offered one by one for the catalog's entity overview.
 * They are disabled until an adopter enables them under `app.extensions` (for example
 * `- entity-card:delivery/rollout`), so installing the plugin does not change anyone's
 * overview; the Delivery tab renders the same components whether or not they are enabled.
 */

/** The rollout per environment and cluster, on the entity overview. @alpha */
export const rolloutEntityCard = EntityCardBlueprint.make({
  name: 'rollout',
  disabled: true,
  params: {
    filter: hasWorkloads,
    type: 'content',
    loader: () =>
      import('../components/RolloutCard').then(m => <m.RolloutCard />),
  },
});

/** Deploy, rollback, promote, approvals and freezes per environment. @alpha */
export const actionsEntityCard = EntityCardBlueprint.make({
  name: 'actions',
  disabled: true,
  params: {
    filter: hasEnvironments,
    type: 'content',
    loader: () =>
      import('../components/ActionsCard').then(m => <m.ActionsCard />),
  },
});

/** Monthly cost, budget, trend and right-sizing. @alpha */
export const costEntityCard = EntityCardBlueprint.make({
  name: 'cost',
  disabled: true,
  params: {
    filter: hasWorkloads,
    type: 'content',
    loader: () => import('../components/CostCard').then(m => <m.CostCard />),
  },
});

/** DR readiness score, checks and latest failover. @alpha */
export const drEntityCard = EntityCardBlueprint.make({
  name: 'dr',
  disabled: true,
  params: {
    filter: hasWorkloads,
    type: 'content',
    loader: () => import('../components/DrCard').then(m => <m.DrCard />),
  },
});

/** Deployment frequency, change failure rate, time to restore and lead time. @alpha */
export const doraEntityCard = EntityCardBlueprint.make({
  name: 'dora',
  disabled: true,
  params: {
    filter: isDeliveryComponent,
    type: 'content',
    loader: () => import('../components/DoraCard').then(m => <m.DoraCard />),
  },
});

/** The delivery actions run against the service. @alpha */
export const runHistoryEntityCard = EntityCardBlueprint.make({
  name: 'run-history',
  disabled: true,
  params: {
    filter: isDeliveryComponent,
    type: 'content',
    loader: () =>
      import('../components/RunHistoryCard').then(m => <m.RunHistoryCard />),
  },
});

/** Every Delivery entity card, in the order the Delivery tab shows them. @alpha */
export const deliveryEntityCards = [
  rolloutEntityCard,
  actionsEntityCard,
  drEntityCard,
  costEntityCard,
  doraEntityCard,
  runHistoryEntityCard,
];
