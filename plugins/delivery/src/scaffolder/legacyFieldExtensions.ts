import { createScaffolderFieldExtension } from '@backstage/plugin-scaffolder-react';
import { deliveryPlugin } from '../plugin';
import { atLeastFieldDefinition } from './atLeastFieldDefinition';
import { AtLeastOptions } from './checkAtLeast';
import { costEstimateFieldDefinition } from './costEstimateFieldDefinition';

/**
 * `ui:field: DeliveryAtLeast` for apps on the legacy frontend system: a value that must
 * not go below another field's (limits and requests, HPA maximum and minimum). Place it
 * inside `<ScaffolderFieldExtensions>` under the scaffolder's route.
 * @public
 */
export const DeliveryAtLeastFieldExtension = deliveryPlugin.provide(
  createScaffolderFieldExtension<string | number, AtLeastOptions>(
    atLeastFieldDefinition,
  ),
);

/**
 * `ui:field: DeliveryCostEstimate` for apps on the legacy frontend system: the monthly
 * estimate per environment, priced by the Delivery backend. Place it inside
 * `<ScaffolderFieldExtensions>` under the scaffolder's route.
 * @public
 */
export const DeliveryCostEstimateFieldExtension = deliveryPlugin.provide(
  createScaffolderFieldExtension(costEstimateFieldDefinition),
);
