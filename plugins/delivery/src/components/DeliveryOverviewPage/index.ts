export { DeliveryOverviewContent } from './DeliveryOverviewContent';
export { DeliveryOverviewPage } from './DeliveryOverviewPage';
