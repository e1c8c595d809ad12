export interface Config {
  /** Configuration of the Delivery plugins. */
  delivery?: {
    /**
     * The environments services are delivered to, in promotion order. Actions against an
     * environment marked `production` need the production permission.
     * Defaults to staging and production.
     */
    environments?: Array<{
      /** DNS-1123 label, as used in the `delivery/environments` annotation. */
      name: string;
      /** Whether this environment serves users. */
      production?: boolean;
    }>;
    /**
     * Which environment, region and role each Kubernetes cluster serves. Cluster names are
     * those of `kubernetes.clusterLocatorMethods`.
     */
    clusters?: Array<{
      /** Cluster name as configured for the kubernetes plugin. */
      name: string;
      /** One of the names in `delivery.environments`. */
      environment: string;
      /** Cloud region, e.g. us-east-1. */
      region?: string;
      /** `primary` serves traffic; `dr` is the disaster-recovery standby. Default primary. */
      role?: 'primary' | 'dr';
      /** Marks a simulated cluster of the sandbox fleet; the UI labels it "sandbox". */
      sandbox?: boolean;
    }>;
    /** The golden-path templates' scaffolder actions. */
    goldenPath?: {
      /**
       * A local git publish target: bare repositories under a folder, so templates work
       * without a GitHub token. Off when unset. Generated repositories are readable
       * without sign-in at /api/delivery/repositories/<name>/raw/<path> (the catalog
       * reads catalog-info.yaml there), so leave it off where the backend is shared.
       */
      localPublish?: {
        /** Folder of the bare repositories, relative to the backend's working directory. */
        directory?: string;
        /** Set false to turn the target off in a config layered over one that sets it. */
        enabled?: boolean;
      };
      /** kubectl used to render kustomize overlays before publishing. Default `kubectl`. */
      kubectl?: string;
    };
    /** Disaster recovery: which providers hold replicas and DNS, and how records are named. */
    dr?: {
      /** DR database provider id. Default `kubernetes` (CloudNativePG-style Cluster objects). */
      databaseProvider?: string;
      /** DR DNS provider id. Default `kubernetes` (ExternalDNS-style DNSEndpoint objects). */
      dnsProvider?: string;
      dns?: {
        /** Zone of service records. Default `delivery.internal`. */
        zone?: string;
        /** TTL of the records; a failover verifies health for at least this long. Default 60. */
        ttlSeconds?: number;
      };
      /** How long a production failover waits for approval. Default 30. */
      approvalTimeoutMinutes?: number;
    };
  };
}
