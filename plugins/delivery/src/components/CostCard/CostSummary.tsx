import { CostAnswer } from '@internal/backstage-plugin-delivery-common';
import { Flex } from '@backstage/ui';
import { Figure } from '../Figure';
import { formatUsd } from './money';

/**
 * What the service costs a month now, over every environment and cluster, and where its
 * autoscalers can take it: the floor at every HPA minimum, the ceiling at every maximum.
 */
export function CostSummary({ answer }: { answer: CostAnswer }) {
  const { monthly, measuredMonthly, clusters } = answer;
  const measured = clusters.filter(line => line.measured);
  const measuredBy = [...new Set(measured.map(line => line.measured!.source))];
  return (
    <Flex align="end" gap="5" mb="4" style={{ flexWrap: 'wrap' }}>
      <Figure label="monthly cost now" caption="Now, a month" size="large">
        {formatUsd(monthly.current)}
      </Figure>
      <Figure
        label="range at HPA minimum to maximum"
        caption="At HPA min – max"
      >
        {formatUsd(monthly.atMin)} – {formatUsd(monthly.atMax)}
      </Figure>
      {measuredMonthly !== undefined && (
        <Figure
          label="measured monthly cost"
          caption="Measured, a month"
          note={`by ${measuredBy.join(', ')}, in ${measured.length} of ${
            clusters.length
          } clusters`}
        >
          {formatUsd(measuredMonthly)}
        </Figure>
      )}
    </Flex>
  );
}
