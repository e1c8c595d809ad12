import {
  Dimension,
  GetMetricDataCommand,
  MetricDataResult,
} from '@aws-sdk/client-cloudwatch';
import type { LoggerService } from '@backstage/backend-plugin-api';
import type { AwsClients } from '../aws/AwsClients';
import { callAws } from '../aws/callAws';

/** RDS publishes lag at most once a minute, so a finer period finds nothing more. */
const PERIOD_SECONDS = 60;
/** A datapoint older than this no longer says how far behind the replica is now. */
const LOOK_BACK_MS = 5 * 60_000;
const QUERY_ID = 'lag';

/** One replica's lag metric in the `AWS/RDS` namespace. */
export interface LagMetric {
  name: 'ReplicaLag' | 'AuroraGlobalDBReplicationLag';
  dimensions: Dimension[];
  /** Units of the metric per second: 1 for seconds, 1000 for milliseconds. */
  unitsPerSecond: number;
  /** The replica, for error messages and logs. */
  resource: string;
}

/** A lag that was measured, and when (the datapoint's timestamp). */
export interface LagReading {
  lagSeconds: number;
  measuredAt: string;
}

/** `ReplicaLag` (seconds) of an RDS read replica instance. */
export function instanceReplicaLag(replicaId: string): LagMetric {
  return {
    name: 'ReplicaLag',
    dimensions: [{ Name: 'DBInstanceIdentifier', Value: replicaId }],
    unitsPerSecond: 1,
    resource: replicaId,
  };
}

/**
 * `AuroraGlobalDBReplicationLag` (milliseconds) of an Aurora global database's secondary
 * cluster. Aurora publishes it in the secondary's region under the dimension set
 * DBClusterIdentifier (the secondary) and SourceRegion (the writer's region, which it
 * replicates from); a metric query matches dimension sets exactly, so both are needed.
 */
export function auroraGlobalReplicationLag(
  secondaryClusterId: string,
  sourceRegion: string,
): LagMetric {
  return {
    name: 'AuroraGlobalDBReplicationLag',
    dimensions: [
      { Name: 'DBClusterIdentifier', Value: secondaryClusterId },
      { Name: 'SourceRegion', Value: sourceRegion },
    ],
    unitsPerSecond: 1000,
    resource: secondaryClusterId,
  };
}

/**
 * Reads a replica's latest lag from CloudWatch, the only place RDS and Aurora report it.
 * Never throws: a lag that cannot be read is unknown (undefined), never 0, and the
 * failover action refuses a switchover on an unknown lag, which is the safe outcome.
 */
export class ReplicaLagReader {
  constructor(
    private readonly clients: AwsClients,
    private readonly logger?: LoggerService,
  ) {}

  async read(
    region: string,
    metric: LagMetric,
  ): Promise<LagReading | undefined> {
    const what = `${metric.name} of ${metric.resource} in ${region}`;
    let result: MetricDataResult | undefined;
    try {
      result = await this.query(region, metric);
    } catch (error) {
      this.logger?.warn(
        `Replication lag unknown: ${what} could not be read: ${error}`,
      );
      return undefined;
    }
    // A query can fail on its own inside a successful call (Forbidden, InternalError).
    if (
      result?.StatusCode === 'Forbidden' ||
      result?.StatusCode === 'InternalError'
    ) {
      const messages = (result.Messages ?? []).map(m => m.Value).join('; ');
      this.logger?.warn(
        `Replication lag unknown: CloudWatch answered ${
          result.StatusCode
        } for ${what}${messages ? ` (${messages})` : ''}`,
      );
      return undefined;
    }
    // Newest first (ScanBy), so the first datapoint is the latest.
    const value = result?.Values?.[0];
    const at = result?.Timestamps?.[0];
    if (value === undefined || !at) {
      this.logger?.info(
        `Replication lag unknown: no ${what} datapoint in the last ${
          LOOK_BACK_MS / 60_000
        } minutes`,
      );
      return undefined;
    }
    if (value < 0) {
      // RDS reports ReplicaLag -1 while replication is not running: no lag to speak of.
      this.logger?.warn(
        `Replication lag unknown: ${what} is ${value}, replication is not active`,
      );
      return undefined;
    }
    return {
      lagSeconds: value / metric.unitsPerSecond,
      measuredAt: at.toISOString(),
    };
  }

  /** The metric's datapoints of the last few minutes, one a minute, newest first. */
  private async query(
    region: string,
    metric: LagMetric,
  ): Promise<MetricDataResult | undefined> {
    const now = Date.now();
    const output = await callAws(
      {
        service: 'CloudWatch',
        operation: 'GetMetricData',
        resource: `${metric.name} of ${metric.resource}`,
        region,
      },
      () =>
        this.clients.cloudWatch(region).send(
          new GetMetricDataCommand({
            MetricDataQueries: [
              {
                Id: QUERY_ID,
                MetricStat: {
                  Metric: {
                    Namespace: 'AWS/RDS',
                    MetricName: metric.name,
                    Dimensions: metric.dimensions,
                  },
                  Period: PERIOD_SECONDS,
                  // The worst lag of each minute: an RPO judged on it errs on the safe side.
                  Stat: 'Maximum',
                },
                ReturnData: true,
              },
            ],
            StartTime: new Date(now - LOOK_BACK_MS),
            EndTime: new Date(now),
            ScanBy: 'TimestampDescending',
          }),
        ),
    );
    return output.MetricDataResults?.find(r => r.Id === QUERY_ID);
  }
}
