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

function metricsOf(
  dora: DoraColumnsData,
  entityRef: string,
): DoraServiceSummary['metrics'] | undefined {
  return dora.byRef.get(entityRef)?.metrics;
}

function Banded(props: { tip: string; label: string; children: ReactNode[] }) {
  return (
    <WithTooltip tip={props.tip}>
      <span aria-label={props.label}>
        <Tokens>{props.children}</Tokens>
      </span>
    </WithTooltip>
  );
}

/** Production deploys a week over the window, with the band. */
export function DeploysPerWeekCell(props: {
  dora: DoraColumnsData;
  entityRef: string;
}) {
  const metric = metricsOf(props.dora, props.entityRef)?.deploymentFrequency;
  if (metric?.state !== 'measured')
    return <NoValue dora={props.dora} what="deploys per week" />;
  const words = DORA_BAND_WORDS[metric.band];
  return (
    <Banded
      tip={`${metric.deploys} production deploys in ${props.dora.days} days: ${words}`}
      label={`${perWeekText(metric.perWeek)}, ${words}`}
    >
      {[+metric.perWeek.toFixed(1), <DoraBandLabel band={metric.band} />]}
    </Banded>
  );
}

/** The share of production deploys that failed, with the band. */
export function ChangeFailureCell(props: {
  dora: DoraColumnsData;
  entityRef: string;
}) {
  const metric = metricsOf(props.dora, props.entityRef)?.changeFailureRate;
  if (metric?.state !== 'measured')
    return <NoValue dora={props.dora} what="change failure rate" />;
  const words = DORA_BAND_WORDS[metric.band];
  const percent = `${Math.round(metric.rate * 100)}%`;
  return (
    <Banded
      tip={`${metric.failures} of ${metric.deploys} production deploys failed: ${words}`}
      label={`change failure rate ${percent}, ${words}`}
    >
      {[percent, <DoraBandLabel band={metric.band} />]}
    </Banded>
  );
}
