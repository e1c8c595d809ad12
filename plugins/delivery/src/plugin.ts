import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  createRouteRef,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { DELIVERY_PLUGIN_ID } from '@internal/backstage-plugin-delivery-common';
import { DeliveryClient, deliveryApiRef } from './api';
import { createFromTemplateRouteRef } from './routes';

/** Route of the Delivery overview page in legacy apps. @public */
export const deliveryRootRouteRef = createRouteRef({ id: 'delivery' });

/**
 * The Delivery plugin for apps on the legacy frontend system. Bind
 * `externalRoutes.createFromTemplate` to `scaffolderPlugin.routes.selectedTemplate` in
 * `bindRoutes` to enable the Actions card's Deploy buttons.
 * @public
 */
export const deliveryPlugin = createPlugin({
  id: DELIVERY_PLUGIN_ID,
  apis: [
    createApiFactory({
      api: deliveryApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new DeliveryClient({ discoveryApi, fetchApi }),
    }),
  ],
  routes: { root: deliveryRootRouteRef },
  externalRoutes: { createFromTemplate: createFromTemplateRouteRef },
});

/**
 * The Delivery overview page, for `<Route path="/delivery" element={<DeliveryPage />} />`.
 * @public
 */
export const DeliveryPage = deliveryPlugin.provide(
  createRoutableExtension({
    name: 'DeliveryPage',
    component: () =>
      import('./components/DeliveryOverviewPage').then(
        m => m.DeliveryOverviewPage,
      ),
    mountPoint: deliveryRootRouteRef,
  }),
);

/**
 * The Delivery tab content, for `<EntityLayout.Route path="/delivery" title="Delivery">`.
 * @public
 */
export const EntityDeliveryContent = deliveryPlugin.provide(
  createComponentExtension({
    name: 'EntityDeliveryContent',
    component: {
      lazy: () =>
        import('./components/EntityDeliveryContent').then(
          m => m.EntityDeliveryContent,
        ),
    },
  }),
);
