import {
  ApiBlueprint,
  coreApis,
  createFrontendPlugin,
  createRouteRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import { Content } from '@backstage/core-components';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { FormFieldBlueprint } from '@backstage/plugin-scaffolder-react/alpha';
import { DELIVERY_PLUGIN_ID } from '@internal/backstage-plugin-delivery-common';
import LocalShippingIcon from '@material-ui/icons/LocalShipping';
import { DeliveryClient, deliveryApiRef } from './api';
import { deliveryEntityCards } from './extensions/entityCards';
import { createFromTemplateRouteRef } from './routes';

const rootRouteRef = createRouteRef();

const deliveryApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: deliveryApiRef,
      deps: { discoveryApi: coreApis.discovery, fetchApi: coreApis.fetch },
      factory: ({ discoveryApi, fetchApi }) =>
        new DeliveryClient({ discoveryApi, fetchApi }),
    }),
});

const deliveryPage = PageBlueprint.make({
  params: {
    path: '/delivery',
    title: 'Delivery',
    icon: <LocalShippingIcon />,
    routeRef: rootRouteRef,
    loader: () =>
      import('./components/DeliveryOverviewPage').then(m => (
        <Content>
          <m.DeliveryOverviewContent />
        </Content>
      )),
  },
});

const entityDeliveryContent = EntityContentBlueprint.make({
  params: {
    path: '/delivery',
    title: 'Delivery',
    filter: { kind: 'component' },
    loader: () =>
      import('./components/EntityDeliveryContent').then(m => (
        <m.EntityDeliveryContent />
      )),
  },
});

/** The golden-path form's cross-field checks (limits ≥ requests, HPA max ≥ min). */
const atLeastFormField = FormFieldBlueprint.make({
  name: 'at-least',
  params: {
    field: () =>
      import('./scaffolder/atLeastFormField').then(m => m.atLeastFormField),
  },
});

/** The golden-path form's monthly estimate per environment (display only). */
const costEstimateFormField = FormFieldBlueprint.make({
  name: 'cost-estimate',
  params: {
    field: () =>
      import('./scaffolder/costEstimateFormField').then(
        m => m.costEstimateFormField,
      ),
  },
});

/**
 * The Delivery plugin for the new frontend system: the Delivery page in the sidebar,
 * the Delivery tab on component pages, and its cards for the entity overview (disabled
 * until enabled in `app.extensions`, such as `- entity-card:delivery/rollout`). Its `createFromTemplate` external route (the
 * Actions card's Deploy) binds to `scaffolder.selectedTemplate` by default.
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: DELIVERY_PLUGIN_ID,
  info: { packageJson: () => import('../package.json') },
  extensions: [
    deliveryApi,
    deliveryPage,
    entityDeliveryContent,
    ...deliveryEntityCards,
    atLeastFormField,
    costEstimateFormField,
  ],
  routes: { root: rootRouteRef },
  externalRoutes: { createFromTemplate: createFromTemplateRouteRef },
});
