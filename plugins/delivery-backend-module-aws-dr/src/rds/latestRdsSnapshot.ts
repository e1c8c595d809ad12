import type { DrSnapshot } from '@internal/backstage-plugin-delivery-node';
import { callAws } from '../aws/callAws';
import { AWS_RDS_PROVIDER_ID } from './RdsTopology';

/** A snapshot as both topologies' Describe…Snapshots pages list them. */
export interface RdsSnapshotEntry {
  id?: string;
  status?: string;
  createdAt?: Date;
}

/**
 * The newest recovery point of a primary: its latest restorable time when point-in-time
 * recovery is on (later than any snapshot), else its newest available automated snapshot,
 * read page by page. The instance and the Aurora topology differ only in the API they page.
 */
export async function latestRdsSnapshot(options: {
  database: string;
  region: string;
  latestRestorableTime?: Date;
  /** The Describe…Snapshots operation, for errors and throttling reports. */
  operation: string;
  /** The automated snapshots of the primary, a page at a time. */
  pages: () => AsyncIterable<RdsSnapshotEntry[]>;
}): Promise<DrSnapshot | undefined> {
  const { database, region, latestRestorableTime } = options;
  if (latestRestorableTime) {
    return {
      provider: AWS_RDS_PROVIDER_ID,
      name: `${database} latest restorable time`,
      takenAt: latestRestorableTime.toISOString(),
    };
  }
  let latest: { name: string; at: Date } | undefined;
  await callAws(
    {
      service: 'RDS',
      operation: options.operation,
      resource: database,
      region,
    },
    async () => {
      for await (const page of options.pages()) {
        for (const snapshot of page) {
          const at = snapshot.createdAt;
          if (
            snapshot.status === 'available' &&
            at &&
            (!latest || at > latest.at)
          ) {
            latest = { name: snapshot.id ?? '', at };
          }
        }
      }
    },
  );
  return (
    latest && {
      provider: AWS_RDS_PROVIDER_ID,
      name: latest.name,
      takenAt: latest.at.toISOString(),
    }
  );
}
