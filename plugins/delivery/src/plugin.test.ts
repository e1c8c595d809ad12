import { deliveryApiRef } from './api';
import { deliveryPlugin } from './plugin';

describe('legacy deliveryPlugin', () => {
  it('provides the Delivery API client to legacy apps', () => {
    const apis = [...deliveryPlugin.getApis()];
    expect(apis.map(factory => factory.api.id)).toEqual([deliveryApiRef.id]);
    expect(deliveryPlugin.getId()).toBe('delivery');
  });
});
