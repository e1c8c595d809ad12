import { ClusterAuth } from './clusterAuth';

/**
 * A cluster as a locator found it, before `delivery.clusters` gives it an environment:
 * the fields upstream's ClusterDetails carries that Delivery uses.
 */
export interface LocatedCluster {
  name: string;
  url: string;
  caData?: string;
  caFile?: string;
  skipTLSVerify: boolean;
  auth: ClusterAuth;
  /** The locator type that found it: `config`, `catalog`, `localKubectlProxy`. */
  locator: string;
}
