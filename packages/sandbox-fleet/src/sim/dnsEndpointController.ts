import { Cluster } from '../fleet/Cluster';
import { DR_KINDS } from './drObjects';

/** A spec generation ExternalDNS has seen but not yet published, by object uid. */
export type PendingDnsChanges = Map<string, { generation: number; at: number }>;

/**
 * ExternalDNS for DNSEndpoint objects: a changed spec (a new metadata.generation) is
 * published to the provider after `syncMs`, and `status.observedGeneration` then says the
 * records match the spec. That field is how a client tells "submitted" from "in sync".
 */
export function reconcileDnsEndpoints(
  cluster: Cluster,
  pending: PendingDnsChanges,
  syncMs: number,
): void {
  const now = cluster.clock.now();
  const seen = new Set<string>();
  for (const endpoint of cluster.store.all(DR_KINDS.dnsEndpoint)) {
    const uid = endpoint.metadata.uid!;
    seen.add(uid);
    const generation = endpoint.metadata.generation ?? 1;
    if ((endpoint.status?.observedGeneration ?? 0) >= generation) {
      pending.delete(uid);
      continue;
    }
    let change = pending.get(uid);
    if (change?.generation !== generation) {
      // A newer spec restarts the sync, as a new plan does in ExternalDNS.
      change = { generation, at: now };
      pending.set(uid, change);
    }
    if (now - change.at < syncMs) continue;
    cluster.store.update(DR_KINDS.dnsEndpoint, {
      ...endpoint,
      status: { ...endpoint.status, observedGeneration: generation },
    });
    pending.delete(uid);
  }
  for (const uid of pending.keys()) if (!seen.has(uid)) pending.delete(uid);
}
