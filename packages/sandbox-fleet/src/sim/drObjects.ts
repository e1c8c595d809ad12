import { preferredType, storageKey } from '../api/resources';

/** Storage keys of the custom resources DR works on. */
export const DR_KINDS = {
  /** postgresql.cnpg.io/v1 Cluster: a CloudNativePG database cluster. */
  database: storageKey(preferredType('Cluster')),
  /** externaldns.k8s.io/v1alpha1 DNSEndpoint: records ExternalDNS publishes. */
  dnsEndpoint: storageKey(preferredType('DNSEndpoint')),
};

/** The `status.phase` words of a database Cluster, as CloudNativePG writes them. */
export const DATABASE_PHASES = {
  healthy: 'Cluster in healthy state',
  settingUp: 'Setting up primary',
  promoting: 'Promoting',
  unhealthy: 'Waiting for the instances to become active',
};

/** How long the simulated DR operations take. */
export interface DrTimings {
  /** A replica whose spec asks to be a primary stays `Promoting` this long. */
  promotionMs: number;
  /** A new database Cluster (a drill copy) is set up this long before it is healthy. */
  setupMs: number;
  /** A replica whose source was demoted replays what is left within this time. */
  catchUpMs: number;
  /** ExternalDNS publishes a changed DNSEndpoint (observedGeneration) after this long. */
  dnsSyncMs: number;
}

export const DEFAULT_DR_TIMINGS: DrTimings = {
  promotionMs: 1_500,
  setupMs: 1_000,
  catchUpMs: 1_000,
  dnsSyncMs: 1_000,
};
