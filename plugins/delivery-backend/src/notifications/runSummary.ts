import { DeliveryRun } from '@internal/backstage-plugin-delivery-common';

/**
 * A run's summary as the first sentence of a notification: summaries are written as
 * clauses ("… rolled back: x is back on 1.6.1"), so the full stop is added here, before
 * what follows it.
 */
export function runSummarySentence(run: DeliveryRun): string {
  const summary = run.summary?.trim();
  if (!summary) return 'No summary was recorded.';
  return /[.!?]$/.test(summary) ? summary : `${summary}.`;
}
