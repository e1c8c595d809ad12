import { RightSizingReport } from '@internal/backstage-plugin-delivery-common';
import { Flex, Text } from '@backstage/ui';
import { PurchaseSuggestions } from './PurchaseSuggestions';
import { rightSizingHeadline } from './rightSizingHeadline';
import { RightSizingTable } from './RightSizingTable';

/**
 * Right-sizing from the usage the backend observed: the total saving a month (or why there
 * is none), a row per Deployment with its requests and HPA target now and recommended,
 * the purchase suggestions, and why request and target move together. Without a report
 * (usage not collected) only the headline says so.
 */
export function RightSizingPanel({ report }: { report?: RightSizingReport }) {
  const headline = rightSizingHeadline(report);
  const judged =
    report?.deployments.some(d => d.status !== 'insufficient-data') ?? false;
  const scalesOnCpu =
    report?.deployments.some(d => d.current.cpuTargetPercent !== undefined) ??
    false;
  return (
    <Flex direction="column" gap="2" aria-label="right-sizing">
      <Text as="h3" variant="body-large" weight="bold">
        Right-sizing
      </Text>
      <div aria-label="right-sizing headline">
        <Text as="p" variant="title-small" weight="bold">
          {headline.title}
        </Text>
        {headline.detail && (
          <Text as="p" variant="body-medium" color="secondary">
            {headline.detail}
          </Text>
        )}
      </div>
      {report && report.deployments.length > 0 && (
        <RightSizingTable deployments={report.deployments} />
      )}
      {report && judged && (
        <Flex direction="column" gap="1" mt="2">
          <Text as="h3" variant="body-large" weight="bold">
            Purchase
          </Text>
          <PurchaseSuggestions purchases={report.purchases} />
        </Flex>
      )}
      {scalesOnCpu && (
        <Text as="p" variant="body-small" color="secondary">
          The HPA scales on CPU usage over request: a smaller request at the
          same target runs more replicas, so the request and the target are
          recommended together.
        </Text>
      )}
    </Flex>
  );
}
