import { Tag, TagGroup } from '@backstage/ui';
import { RolloutState } from '@internal/backstage-plugin-delivery-common';
import { RolloutStateLabel } from '../RolloutCard/RolloutState';

/** The states worst first: the order of the counts and of the state filter. */
export const STATE_ORDER: RolloutState[] = [
  'failing',
  'aborted',
  'stalled',
  'paused',
  'progressing',
  'scaled-down',
  'not-deployed',
  'complete',
];

/** How many placements of the services shown are in each state, worst first. */
export function StateCounts(props: {
  counts: Partial<Record<RolloutState, number>>;
}) {
  const shown = STATE_ORDER.filter(state => props.counts[state]);
  return (
    <TagGroup aria-label="counts by state">
      {shown.map(state => (
        <Tag key={state} id={state} textValue={state}>
          <span
            style={{
              display: 'flex',
              alignItems: 'center',
              whiteSpace: 'nowrap',
            }}
          >
            <RolloutStateLabel state={state} />
            <span style={{ marginLeft: 4 }}>{props.counts[state]}</span>
          </span>
        </Tag>
      ))}
    </TagGroup>
  );
}
