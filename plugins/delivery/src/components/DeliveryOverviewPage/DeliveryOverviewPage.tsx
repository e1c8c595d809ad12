import { Content, Header, Page } from '@backstage/core-components';
import { DeliveryOverviewContent } from './DeliveryOverviewContent';

/**
 * The Delivery overview page with its own header, for apps on the legacy frontend system.
 * @public
 */
export function DeliveryOverviewPage() {
  return (
    <Page themeId="tool">
      <Header
        title="Delivery"
        subtitle="Rollouts, cost and DR readiness of every service"
      />
      <Content>
        <DeliveryOverviewContent />
      </Content>
    </Page>
  );
}
