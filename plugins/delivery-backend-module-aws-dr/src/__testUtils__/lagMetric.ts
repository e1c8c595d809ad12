import type { GetMetricDataCommandOutput } from '@aws-sdk/client-cloudwatch';

/**
 * A GetMetricData answer for the lag query: the datapoints given (newest first, as
 * `ScanBy: TimestampDescending` returns them). None: the metric had no datapoint.
 */
export function lagDatapoints(
  ...points: Array<{ at: string; value: number }>
): Partial<GetMetricDataCommandOutput> {
  return {
    MetricDataResults: [
      {
        Id: 'lag',
        StatusCode: 'Complete',
        Timestamps: points.map(p => new Date(p.at)),
        Values: points.map(p => p.value),
      },
    ],
  };
}

/** An SDK error as CloudWatch's client raises it once its retries are spent. */
export function cloudWatchError(
  name: 'Throttling' | 'AccessDenied',
  message: string,
): Error {
  return Object.assign(new Error(message), {
    name,
    $fault: 'client',
    $metadata: {
      httpStatusCode: name === 'Throttling' ? 400 : 403,
      attempts: 3,
    },
  });
}
