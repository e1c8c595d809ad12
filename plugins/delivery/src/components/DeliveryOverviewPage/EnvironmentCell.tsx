import { Text } from '@backstage/ui';
import { OverviewRow } from '@internal/backstage-plugin-delivery-common';
import { OverviewArgoCaption } from '../RolloutCard/ArgoFacts';
import {
  ago,
  RolloutStateLabel,
  STATE_WORDS,
} from '../RolloutCard/RolloutState';
import { Tokens } from './MatrixCells';
import { EnvironmentPlacements } from './serviceMatrix';

/** One primary placement: version and ready/desired, then the state and how long ago it changed. */
function Placement(props: {
  row: OverviewRow;
  now: number;
  /** Said when the environment has several primary clusters. */
  showCluster: boolean;
}) {
  const { row, now, showCluster } = props;
  const version = row.version ?? '-';
  return (
    <div aria-label={`${row.cluster}: ${STATE_WORDS[row.state]}`}>
      <Tokens title={`${version} on ${row.cluster}`}>
        {[
          showCluster && `${row.cluster}:`,
          <strong key="version">{version}</strong>,
          `· ${row.ready}/${row.desired}`,
        ]}
      </Tokens>
      <Tokens title={row.summary}>
        {[
          <RolloutStateLabel key="state" state={row.state} />,
          `· ${ago(row.lastChangeAt, now)}`,
        ]}
      </Tokens>
      {row.argo && <OverviewArgoCaption argo={row.argo} />}
    </div>
  );
}

/** A DR placement under the primary: where, state, ready/desired. */
function DrPlacement(props: { row: OverviewRow; site: string }) {
  const { row, site } = props;
  return (
    <Text
      variant="body-small"
      color="secondary"
      aria-label={`DR ${site}: ${STATE_WORDS[row.state]}`}
    >
      <Tokens title={row.summary}>
        {[
          `DR ${site}:`,
          STATE_WORDS[row.state].toLocaleLowerCase('en-US'),
          `${row.ready}/${row.desired}`,
        ]}
      </Tokens>
    </Text>
  );
}

/**
 * A service in one environment: each primary cluster's placement, the DR region's under
 * it, or a dash where the service does not run there.
 */
export function EnvironmentCell(props: {
  environment: string;
  placements?: EnvironmentPlacements;
  now: number;
  drSite: (row: OverviewRow) => string;
}) {
  const { environment, placements, now, drSite } = props;
  if (!placements) {
    return <span aria-label={`not in ${environment}`}>—</span>;
  }
  const { primary, dr } = placements;
  return (
    <>
      {primary.map(row => (
        <Placement
          key={row.cluster}
          row={row}
          now={now}
          showCluster={primary.length > 1}
        />
      ))}
      {dr.map(row => (
        <DrPlacement key={row.cluster} row={row} site={drSite(row)} />
      ))}
    </>
  );
}
