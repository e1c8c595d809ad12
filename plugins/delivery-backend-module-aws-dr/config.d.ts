export interface Config {
  delivery?: {
    dr?: {
      /**
       * AWS DR providers (`aws-rds`, `aws-route53`). When absent the module adds no provider.
       * Select them with `delivery.dr.databaseProvider: aws-rds` and
       * `delivery.dr.dnsProvider: aws-route53`.
       */
      aws?: {
        /** Route 53 hosted zone holding the service records, e.g. `Z0123456789ABCDEFGHIJ`. Required. */
        hostedZoneId: string;
        /**
         * How DR databases are built: `instance` (RDS instance with a cross-region read
         * replica) or `aurora-global` (Aurora global database). Default `instance`.
         */
        topology?: 'instance' | 'aurora-global';
        /**
         * Identifier of the DR replica instance (`instance`) or of the secondary cluster
         * (`aurora-global`) in the DR region. `{database}`, `{service}` and `{environment}`
         * are replaced. Default `{database}-dr`.
         */
        replicaIdPattern?: string;
        /** Aurora global database identifier, same placeholders. Default `{database}-global`. */
        globalClusterIdPattern?: string;
        /** Region of the primary database; default the primary cluster's `region` in `delivery.clusters`. */
        primaryRegion?: string;
        /** Region of the DR replica; default the DR cluster's `region` in `delivery.clusters`. */
        drRegion?: string;
        /** Region the Route 53 client signs requests for (Route 53 is global). Default `us-east-1`. */
        route53Region?: string;
        /** Attempts per AWS call including the first, for throttling and transient errors (1-20). Default 5. */
        maxAttempts?: number;
        /** The AWS SDK retry mode. Default `standard`. */
        retryMode?: 'standard' | 'adaptive';
        /** Settings for single services (and optionally one environment) that differ from the above. */
        services?: Array<{
          /** The service's kubernetes-id. */
          service: string;
          /** Only in this environment; absent: every environment of the service. */
          environment?: string;
          topology?: 'instance' | 'aurora-global';
          /** Literal DR replica instance or secondary cluster identifier. */
          replicaId?: string;
          /** Literal Aurora global database identifier. */
          globalClusterId?: string;
          primaryRegion?: string;
          drRegion?: string;
        }>;
      };
    };
  };
}
