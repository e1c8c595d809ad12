import { RightSizingReport } from '@internal/backstage-plugin-delivery-common';
import { formatUsd } from './money';
import { deploymentText } from './rightSizingText';

/** The section's first line, and what it rests on. */
export interface RightSizingHeadline {
  title: string;
  detail?: string;
}

const deployments = (count: number) =>
  `${count} Deployment${count === 1 ? '' : 's'}`;

/** Why the changes cost more in all: requests that grow, or capacity that gets safer. */
function extraCostDetail(report: RightSizingReport): string {
  const reasons = [
    report.deployments.some(
      d => d.status === 'recommend' && d.monthlySaving < 0,
    )
      ? 'requests below the observed usage have to grow'
      : undefined,
    report.purchases.some(p => p.monthlySaving < 0)
      ? 'a critical service moves off spot capacity'
      : undefined,
  ].filter(Boolean);
  return `The changes below cost more than they save: ${reasons.join(
    ', and ',
  )}.`;
}

/**
 * The total a month the report's changes save, or why there is none: usage is not
 * collected (the backend sends no report), not enough of it yet (with what is missing),
 * or nothing worth changing.
 */
export function rightSizingHeadline(
  report: RightSizingReport | undefined,
): RightSizingHeadline {
  if (!report) {
    return {
      title: 'Usage is not collected yet',
      detail:
        'Right-sizing compares the requests with the CPU and memory the pods use, which the Delivery backend samples from each connected cluster (metrics.k8s.io) or reads from Prometheus where configured; it has no usage to judge this service by.',
    };
  }
  const judged = report.deployments.filter(
    d => d.status !== 'insufficient-data',
  );
  if (report.deployments.length > 0 && judged.length === 0) {
    const first = report.deployments[0];
    return {
      title: 'Not enough usage yet',
      detail: `Missing for ${deploymentText(first)}: ${(
        first.missing ?? []
      ).join('; ')}.`,
    };
  }
  const waiting = report.deployments.length - judged.length;
  const pending =
    waiting > 0
      ? `${deployments(waiting)} of ${
          report.deployments.length
        } not judged yet: not enough usage.`
      : undefined;
  const total = report.totalMonthlySaving;
  if (total > 0) {
    return { title: `Save ${formatUsd(total)} a month`, detail: pending };
  }
  if (total < 0) {
    return {
      title: `${formatUsd(-total)} more a month`,
      detail: [extraCostDetail(report), pending].filter(Boolean).join(' '),
    };
  }
  return {
    title: 'Nothing to save',
    detail:
      pending ??
      (report.deployments.length === 0
        ? 'No Deployment of the service runs, so there is no usage to judge.'
        : undefined),
  };
}
