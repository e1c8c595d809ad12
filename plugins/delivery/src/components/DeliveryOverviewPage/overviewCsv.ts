import { OverviewRow } from '@internal/backstage-plugin-delivery-common';

const COLUMNS: Array<[string, (row: OverviewRow) => unknown]> = [
  ['service', r => r.name],
  ['entityRef', r => r.entityRef],
  ['owner', r => r.owner],
  ['system', r => r.system],
  ['tier', r => r.tier],
  ['environment', r => r.environment],
  ['cluster', r => r.cluster],
  ['role', r => r.role],
  ['version', r => r.version],
  ['ready', r => r.ready],
  ['desired', r => r.desired],
  ['state', r => r.state],
  ['summary', r => r.summary],
  ['lastChangeAt', r => r.lastChangeAt],
  ['monthlyCostUsd', r => r.cost?.monthlyUsd],
  ['budgetStatus', r => r.cost?.budgetStatus],
  ['drScore', r => r.dr?.score],
  ['drGrade', r => r.dr?.grade],
];

/** RFC 4180 quoting; a leading = + - @ is neutralised so spreadsheets do not run it. */
function cell(value: unknown): string {
  let text = value === undefined || value === null ? '' : String(value);
  if (/^[=+\-@]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The overview rows as CSV, in the order shown. */
export function overviewCsv(rows: OverviewRow[]): string {
  const lines = [COLUMNS.map(([name]) => name).join(',')];
  for (const row of rows)
    lines.push(COLUMNS.map(([, read]) => cell(read(row))).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
