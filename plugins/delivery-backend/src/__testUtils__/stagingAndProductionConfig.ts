import { mockServices } from '@backstage/backend-test-utils';

type DeliveryConfigData = NonNullable<mockServices.rootConfig.Options['data']>;

/**
 * The root config of a Delivery backend with two environments, staging and production
 * (marked as such), and whatever else `delivery` adds to the `delivery` block.
 */
export function stagingAndProductionConfig(delivery: DeliveryConfigData = {}) {
  return mockServices.rootConfig.factory({
    data: {
      delivery: {
        environments: [
          { name: 'staging' },
          { name: 'production', production: true },
        ],
        ...delivery,
      },
    },
  });
}
