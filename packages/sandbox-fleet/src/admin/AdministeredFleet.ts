import type { ApiServer } from '../api/ApiServer';
import type { Cluster, ClusterSpec } from '../fleet/Cluster';
import type { DatabaseController } from '../sim/databaseController';
import type { RequestCounters } from './counters';
import type { FaultInjector } from './faults';

/** One cluster as `GET /clusters` lists it. */
export interface ClusterDescription {
  name: string;
  url: string;
  environment: string;
  region: string;
  role: ClusterSpec['role'];
  /** Whether its API server is on the network. */
  up: boolean;
  objects: { deployments: number; pods: number };
}

/** What the admin API acts on in one cluster. */
export interface AdministeredMember {
  server: Pick<ApiServer, 'stop' | 'restart'>;
  cluster: Pick<Cluster, 'store'>;
  simulation: { databases: Pick<DatabaseController, 'setReplicaState'> };
}

/**
 * What the admin API needs of the fleet. The fleet implements it and hands itself to its
 * admin server, so the admin side never imports the fleet and the two do not import each
 * other.
 */
export interface AdministeredFleet {
  readonly faults: FaultInjector;
  readonly counters: RequestCounters;
  clusterNames(): string[];
  member(name: string): AdministeredMember | undefined;
  describe(): ClusterDescription[];
  kubeconfig(): string;
  /** Runs every cluster's controllers once. */
  tick(): void;
}
