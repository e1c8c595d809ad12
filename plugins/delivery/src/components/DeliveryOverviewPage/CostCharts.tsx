import { serviceCount } from './serviceCount';
import { Flex, Text } from '@backstage/ui';
import { OverviewEntity } from '@internal/backstage-plugin-delivery-common';
import { useMemo } from 'react';
import { formatUsd } from '../CostCard/money';
import { CostByGroupChart } from './CostByGroupChart';
import { costEntries, groupCosts } from './costGroups';

/**
 * What the services shown cost a month, by team and by system; says how many are not
 * priced yet.
 */
export function CostCharts({ services }: { services: OverviewEntity[] }) {
  const { entries, unpriced, byTeam, bySystem } = useMemo(() => {
    const priced = costEntries(services);
    return {
      entries: priced,
      unpriced: services.length - priced.length,
      byTeam: groupCosts(priced, 'owner'),
      bySystem: groupCosts(priced, 'system'),
    };
  }, [services]);
  const total = entries.reduce((sum, entry) => sum + entry.monthlyUsd, 0);
  return (
    <div aria-label="monthly cost">
      <Text as="p" variant="body-medium" weight="bold">
        Monthly cost — {formatUsd(total)} for {serviceCount(entries.length)}
        {unpriced ? `; ${unpriced} not priced yet` : ''}
      </Text>
      {entries.length > 0 && (
        <Flex style={{ flexWrap: 'wrap' }}>
          <CostByGroupChart noun="team" groups={byTeam} />
          <CostByGroupChart noun="system" groups={bySystem} />
        </Flex>
      )}
    </div>
  );
}
