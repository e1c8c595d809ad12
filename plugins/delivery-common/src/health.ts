/**
 * What `GET /api/delivery/health` answers: the backend is up, and what it is set up with.
 * @public
 */
export interface DeliveryHealth {
  status: 'ok';
  /** Environments from `delivery.environments`, in their configured order. */
  environments: Array<{ name: string; production: boolean }>;
  /** Clusters Delivery reads, from `delivery.clusters`; empty until some are configured. */
  clusters: Array<{
    name: string;
    environment: string;
    region?: string;
    role: 'primary' | 'dr';
    /** A simulated cluster of the sandbox fleet, not a real one. */
    sandbox: boolean;
  }>;
}
