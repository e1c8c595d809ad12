import type { ReplicaChange } from '../sim/databaseController';
import type { AdministeredFleet } from './AdministeredFleet';

/** Checks a replica change posted to the admin API; the message names the field. */
export function validateReplicaChange(input: any): ReplicaChange {
  if (!input || typeof input !== 'object' || Array.isArray(input))
    throw new Error('body: must be a JSON object');
  const { replicationLagSeconds, healthy } = input;
  if (replicationLagSeconds === undefined && healthy === undefined) {
    throw new Error('body: set replicationLagSeconds, healthy or both');
  }
  if (
    replicationLagSeconds !== undefined &&
    !(
      typeof replicationLagSeconds === 'number' &&
      Number.isFinite(replicationLagSeconds) &&
      replicationLagSeconds >= 0
    )
  ) {
    throw new Error(
      'replicationLagSeconds: must be a number of seconds, 0 or more',
    );
  }
  if (healthy !== undefined && typeof healthy !== 'boolean') {
    throw new Error('healthy: must be true or false');
  }
  return { replicationLagSeconds, healthy };
}

/**
 * Sets the lag or health of a service's database replicas (those labelled with its
 * kubernetes-id) in every cluster. What a real replica gets from a slow network or a
 * broken disk; returns the replicas changed, empty when the service has none.
 */
export function setReplicaState(
  fleet: AdministeredFleet,
  service: string,
  change: ReplicaChange,
) {
  return fleet.clusterNames().flatMap(name =>
    fleet
      .member(name)!
      .simulation.databases.setReplicaState(service, change)
      .map(db => ({
        cluster: name,
        namespace: db.metadata.namespace,
        name: db.metadata.name,
        status: db.status,
      })),
  );
}
