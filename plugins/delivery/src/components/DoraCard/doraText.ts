import {
  DoraBand,
  DoraMetrics,
  DoraUnknownLeadTime,
} from '@internal/backstage-plugin-delivery-common';

/** @public */
export const DORA_BAND_WORDS: Record<DoraBand, string> = {
  elite: 'Elite',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
};

const plural = (count: number, word: string) =>
  `${count} ${word}${count === 1 ? '' : 's'}`;

/** A duration in the unit a person would say it in: 45 min, 5.5 h, 3 days. */
export function durationText(minutes: number): string {
  if (minutes < 60) return `${Math.round(minutes)} min`;
  if (minutes < 48 * 60) return `${+(minutes / 60).toFixed(1)} h`;
  return `${+(minutes / 1440).toFixed(1)} days`;
}

/** "0.7 / week": one decimal, so a rare deployer does not read as zero. */
export function perWeekText(perWeek: number): string {
  return `${+perWeek.toFixed(1)} / week`;
}

/** One metric as the card shows it. */
interface MetricText {
  name: string;
  value: string;
  note?: string;
  band?: DoraBand;
}

/** What the card shows for each metric: the value, and a note under it. */
export function metricTexts(metrics: DoraMetrics): MetricText[] {
  const { deploymentFrequency: df, changeFailureRate: cfr } = metrics;
  const { timeToRestore: ttr, leadTime: lt } = metrics;
  return [
    df.state === 'measured'
      ? {
          name: 'Deployment frequency',
          value: plural(df.deploys, 'deploy'),
          note: perWeekText(df.perWeek),
          band: df.band,
        }
      : { name: 'Deployment frequency', value: 'No data', note: df.reason },
    cfr.state === 'measured'
      ? {
          name: 'Change failure rate',
          value: `${Math.round(cfr.rate * 100)}%`,
          note: `${cfr.failures} of ${plural(cfr.deploys, 'deploy')} failed`,
          band: cfr.band,
        }
      : { name: 'Change failure rate', value: 'No data', note: cfr.reason },
    ttr.state === 'measured'
      ? {
          name: 'Time to restore',
          value: durationText(ttr.medianMinutes),
          note: `median of ${plural(ttr.restores, 'restore')}${
            ttr.unrestored ? `; ${ttr.unrestored} not restored yet` : ''
          }`,
          band: ttr.band,
        }
      : { name: 'Time to restore', value: 'No data', note: ttr.reason },
    leadTimeText(lt),
  ];
}

function leadTimeText(lt: DoraMetrics['leadTime']): MetricText {
  const name = 'Lead time for changes';
  if (lt.state === 'no-data')
    return { name, value: 'No data', note: lt.reason };
  if (lt.state === 'unknown')
    return { name, value: 'Unknown', note: unknownText(lt.unknown) };
  return {
    name,
    value: durationText(lt.medianMinutes),
    note: [
      `median of ${plural(lt.measured, 'deploy')}`,
      unknownText(lt.unknown),
    ]
      .filter(Boolean)
      .join('; '),
    band: lt.band,
  };
}

/** "unknown for 2 deploys: tag 2.0.0 is not a commit or git tag of acme/payments". */
function unknownText(unknown: DoraUnknownLeadTime[]): string | undefined {
  if (unknown.length === 0) return undefined;
  return unknown
    .map(u => `unknown for ${plural(u.deploys, 'deploy')}: ${u.reason}`)
    .join('; ');
}
