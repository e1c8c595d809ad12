import { DoraServiceSummary } from '@internal/backstage-plugin-delivery-common';
import { ReactNode } from 'react';
import { DoraColumnsData } from '../../hooks/useDoraSummary';
import { DoraBandLabel, DORA_BAND_WORDS, perWeekText } from '../DoraCard';
import { Tokens, WithTooltip } from './MatrixCells';

/** A dash with the reason on hover, while loading, after an error, or without deploys. */
function NoValue(props: { dora: DoraColumnsData; what: string }) {
  const { dora, what } = props;
  let tip = `No production deploys in the last ${dora.days} days`;
  if (dora.state === 'loading') tip = 'Loading the DORA metrics';
  if (dora.state === 'error')
    tip = `Could not load the DORA metrics: ${dora.error ?? 'no answer'}`;
  return (
    <WithTooltip tip={tip}>
      <span aria-label={`${what}: ${tip}`}>—</span>
    </WithTooltip>
  );
}

/**
 * One line of the cell: a value that never breaks, then its band, which moves under the
 * value when the column is narrow; the counts behind it on hover.
 */
function Banded(props: { tip: string; label: string; children: ReactNode[] }) {
  return (
    <div title={props.tip} aria-label={props.label}>
      <Tokens>{props.children}</Tokens>
    </div>
  );
}

/** Production deploys a week over the window, with the band. */
function DeploysPerWeek(props: {
  dora: DoraColumnsData;
  metrics: DoraServiceSummary['metrics'];
}) {
  const metric = props.metrics.deploymentFrequency;
  if (metric.state !== 'measured')
    return <NoValue dora={props.dora} what="deploys per week" />;
  const words = DORA_BAND_WORDS[metric.band];
  const perWeek = perWeekText(metric.perWeek);
  return (
    <Banded
      tip={`${metric.deploys} production deploys in ${props.dora.days} days: ${words}`}
      label={`${perWeek}, ${words}`}
    >
      {[perWeek, <DoraBandLabel key="band" band={metric.band} />]}
    </Banded>
  );
}

/** The share of production deploys that failed, with the band. */
function ChangeFailure(props: {
  dora: DoraColumnsData;
  metrics: DoraServiceSummary['metrics'];
}) {
  const metric = props.metrics.changeFailureRate;
  if (metric.state !== 'measured')
    return <NoValue dora={props.dora} what="change failure rate" />;
  const words = DORA_BAND_WORDS[metric.band];
  const percent = `${Math.round(metric.rate * 100)}%`;
  return (
    <Banded
      tip={`${metric.failures} of ${metric.deploys} production deploys failed: ${words}`}
      label={`change failure rate ${percent}, ${words}`}
    >
      {[`${percent} failed`, <DoraBandLabel key="band" band={metric.band} />]}
    </Banded>
  );
}

/** Both lines for one scope's metrics; one dash that says why when it has none. */
function DoraLines(props: {
  dora: DoraColumnsData;
  metrics: DoraServiceSummary['metrics'] | undefined;
  what: string;
}) {
  const { dora, metrics, what } = props;
  if (!metrics) return <NoValue dora={dora} what={what} />;
  return (
    <>
      <DeploysPerWeek dora={dora} metrics={metrics} />
      <ChangeFailure dora={dora} metrics={metrics} />
    </>
  );
}

/**
 * A service's production DORA metrics in one column, one line each: deploys a week and
 * change failure rate, each with its band. One column, not two, so the matrix keeps
 * fitting a 1280 px screen with two environments; a service without production deploys
 * in the window gets one dash that says so.
 */
export function ProductionDoraCell(props: {
  dora: DoraColumnsData;
  entityRef: string;
}) {
  return (
    <DoraLines
      dora={props.dora}
      metrics={props.dora.byRef.get(props.entityRef)?.metrics}
      what="production DORA"
    />
  );
}

/** A team's heading row: its services' production deploys together, as a team lead reads them. */
export function TeamDoraCell(props: { dora: DoraColumnsData; owner: string }) {
  return (
    <DoraLines
      dora={props.dora}
      metrics={props.dora.byOwner.get(props.owner)?.metrics}
      what="the team's production DORA"
    />
  );
}
