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
      /**
       * Which image references a deploy here may use (the `image-policy` preflight check;
       * not overridable). A tag or a digest is always required.
       */
      imagePolicy?: {
        /**
         * Tags refused because they name another build from one day to the next, e.g.
         * `latest`, `main`, `stable`. Default `[latest]` in a production environment,
         * none elsewhere.
         */
        mutableTags?: string[];
        /** Accept only references with an `@sha256:` digest. Default false. */
        requireDigest?: boolean;
      };
      /**
       * The `promotion-gate` preflight check (overridable by the platform team): a deploy
       * here needs the image to have run settled in the environment listed before this
       * one (of those the service is delivered to) for at least this long.
       */
      promotion?: {
        /**
         * Minutes, 0 to 10080. Default 30 in a production environment, 0 elsewhere (0:
         * it must have run there settled, for no particular time).
         */
        soakMinutes?: number;
      };
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
      /**
       * The identity Delivery's background readers (cache, usage, DR checks) use for this
       * cluster instead of the one its locator gives: e.g. a service-account token for a
       * catalog-located cluster (the catalog never holds a token), or a server-side
       * identity for a cluster users reach with `oidc`. Fields as in
       * `kubernetes.clusterLocatorMethods[].clusters[]`.
       */
      read?: DeliveryClusterCredential;
      /**
       * The identity the scaffolder actions write with (deploy, scale, rollback, ...).
       * Absent: they use the read identity, which then needs the write Roles.
       */
      write?: DeliveryClusterCredential;
    }>;
    /**
     * Freeze windows: while one is in force, deploy, scale, rollback, promote, abort, retry
     * and migrate (or the `actions` it lists) are refused in its environments unless the
     * platform team overrides with a written reason. Failover is never frozen. Each is a
     * date range (`start`, `end`) or recurring (`rrule`, `duration`), read in `timeZone`.
     * A malformed freeze stops the backend at start, naming its key.
     */
    freezes?: Array<{
      /** Shown in refusals and on the Actions card, e.g. `Holiday freeze`; unique. */
      name: string;
      /** Why, shown beside the name. */
      reason?: string;
      /** IANA time zone the dates and the rule are read in, e.g. `Europe/Berlin`, `UTC`. */
      timeZone: string;
      /** Names from `delivery.environments`. */
      environments: string[];
      /** The actions it stops (of deploy, scale, rollback, promote, abort, retry, migrate); default all. */
      actions?: string[];
      /**
       * Local date-time it starts (`2026-12-22T00:00`, no offset). For a recurring freeze,
       * its first occurrence (DTSTART); needed when the rule has INTERVAL or COUNT.
       */
      start?: string;
      /** Local date-time a date range lifts (exclusive). */
      end?: string;
      /** RFC 5545 RRULE, e.g. `FREQ=WEEKLY;BYDAY=SU;BYHOUR=4;BYMINUTE=0`, wall-clock in timeZone. */
      rrule?: string;
      /** ISO 8601 duration of each occurrence of `rrule`, e.g. `PT1H`, `P12D`. */
      duration?: string;
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
      /**
       * kubectl that renders kustomize overlays before publishing. Default: the official
       * kubectl bundled with Delivery (Linux x86-64; elsewhere `kubectl` on PATH).
       */
      kubectl?: string;
      /**
       * Folder the bundled kubectl is extracted into on first use; it must be writable.
       * Default `$XDG_CACHE_HOME/delivery-kubectl`, else `<tmpdir>/delivery-kubectl-<uid>`.
       */
      kubectlCacheDirectory?: string;
      /**
       * The lowest container port a golden-path service may listen on. Default 1024: a
       * lower port needs root or NET_BIND_SERVICE, which the generated pods
       * (runAsNonRoot, all capabilities dropped) do not have. Lower it only for images
       * that grant NET_BIND_SERVICE to their non-root user.
       */
      minimumContainerPort?: number;
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
    /**
     * In-app notifications (and Slack, where the notifications backend's Slack module is
     * configured) of Delivery events. Every kind is on by default; an unknown kind or
     * field stops the backend at start, naming the key.
     */
    notifications?: {
      /** A production failover or switchover waits for approval: to the platform team. */
      approvalRequested?: { /** Default true. */ enabled?: boolean };
      /** An approval request was approved or rejected: to the requester. */
      approvalDecided?: { /** Default true. */ enabled?: boolean };
      /** A delivery run ended failed or aborted: to the service's owner. */
      runFailed?: { /** Default true. */ enabled?: boolean };
      /** A deploy, promote, rollback or failover in a production environment ended: to the owner. */
      productionChange?: { /** Default true. */ enabled?: boolean };
      /** The month's cost forecast went over the budget: to the owner, once per month. */
      costOverBudget?: { /** Default true. */ enabled?: boolean };
      /** The DR readiness grade dropped: to the owner, once per change. */
      drGradeDropped?: { /** Default true. */ enabled?: boolean };
    };
    /**
     * GitOps: objects a GitOps controller manages are never changed by the actions (the
     * controller would revert them). Argo CD and Flux are recognised by their annotations,
     * labels and field managers without configuration.
     */
    gitops?: {
      /**
       * More field managers (as `metadata.managedFields` names them) that mean a GitOps
       * controller owns the object, e.g. `rancher-fleet` or `config-sync`.
       */
      fieldManagers?: string[];
    };
    /**
     * DORA metrics, derived from the run history (docs/dora.md). Bands default to the 2023
     * Accelerate State of DevOps Report's performance clusters.
     */
    dora?: {
      /** How many days before now the metrics cover. Default 30. */
      windowDays?: number;
      thresholds?: {
        /** Longest average time between deploys per band. Defaults 1d, 7d, 30d. */
        deploymentFrequency?: {
          elite?: string;
          high?: string;
          medium?: string;
        };
        /** Median commit-to-deploy time each band stays below. Defaults 1d, 7d, 30d. */
        leadTime?: { elite?: string; high?: string; medium?: string };
        /** Highest share of failed deploys per band, in percent. Defaults 5, 10, 15. */
        changeFailureRate?: { elite?: number; high?: number; medium?: number };
        /** Median time to restore each band stays below. Defaults 1h, 1d, 7d. */
        timeToRestore?: { elite?: string; high?: string; medium?: string };
      };
    };
    /** Cost: where prices and measured spend come from, and team budgets. */
    cost?: {
      /**
       * Cost source id. Default `configured` (the price lists below); `opencost` when
       * `opencost` is set; backend modules add others through deliveryCostSourcesExtensionPoint.
       */
      source?: string;
      /**
       * Prices in US dollars. Keys unset at a level are inherited: cluster, then region,
       * then default, then AWS us-east-1 list prices (docs/configuration.md, "Cost").
       */
      prices?: {
        default?: DeliveryPriceList;
        /** By region, as in delivery.clusters[].region. */
        regions?: { [region: string]: DeliveryPriceList };
        /** By cluster name, as in delivery.clusters[].name. */
        clusters?: { [cluster: string]: DeliveryPriceList };
      };
      /** Monthly budget in US dollars by group ref, e.g. `group:default/payments: 5000`. */
      teamBudgets?: { [groupRef: string]: number };
      /**
       * Usage for right-sizing: sampled from each cluster's metrics.k8s.io (kept in memory,
       * lost on restart), or read from Prometheus for the clusters `prometheus` names.
       */
      usage?: {
        /** How often metrics.k8s.io is sampled, in seconds. Default 300. */
        sampleSeconds?: number;
        /** How many days are kept (and backfilled from Prometheus). Default 7. */
        retentionDays?: number;
        /**
         * Prometheus with cAdvisor metrics (container_cpu_usage_seconds_total,
         * container_memory_working_set_bytes), per cluster name of delivery.clusters; those
         * clusters' usage comes from it instead of metrics.k8s.io, the window backfilled at
         * start-up.
         */
        prometheus?: {
          clusters: {
            [cluster: string]: {
              /** Prometheus's base URL, e.g. `http://prometheus.monitoring:9090`. */
              url: string;
              /**
               * Sent as `Authorization: Bearer <token>` when set.
               * @visibility secret
               */
              bearerToken?: string;
              /**
               * For a Prometheus holding several clusters: the label and value that select
               * this cluster's series, e.g. `{ name: cluster, value: prod-us-east-1 }`.
               */
              clusterLabel?: { name: string; value: string };
            };
          };
          /** Seconds between the points read, one poll each. Default 300. */
          stepSeconds?: number;
        };
      };
      /** Right-sizing thresholds over its defaults (24 h window, 100 samples). */
      rightSizing?: {
        minWindowHours?: number;
        minSamples?: number;
      };
      /** OpenCost's allocation API, one per cluster; measured spend per service. */
      opencost?: {
        /** OpenCost API per cluster name, e.g. `http://opencost.opencost:9003`. */
        clusters: { [cluster: string]: { baseUrl: string } };
        /** Pod label whose value is the service id. Default `backstage.io/kubernetes-id`. */
        aggregateLabel?: string;
        /** OpenCost window the spend is measured over. Default `30d`. */
        window?: string;
        /** How often each cluster's OpenCost is asked again. Default 60. */
        refreshMinutes?: number;
      };
    };
  };
}

/** Prices of one level of `delivery.cost.prices`; every key optional. */
interface DeliveryPriceList {
  /** Price of one vCPU for an hour. */
  vcpuHour?: number;
  /** Price of one GiB of memory for an hour. */
  gibHour?: number;
  /** Price of one GiB of persistent storage for a month. */
  storageGibMonth?: number;
  /** Fractions off the on-demand price, from 0 up to but not including 1 (0.7 = 70 % off). */
  discounts?: { spot?: number; reserved?: number };
  /** How the capacity is bought unless a workload says otherwise. Default on-demand. */
  purchase?: 'on-demand' | 'spot' | 'reserved';
}

/**
 * One identity for a cluster, as upstream's `kubernetes.clusterLocatorMethods[].clusters[]`
 * gives it: an auth provider of the Kubernetes plugin (`serviceAccount`, `aws`,
 * `googleServiceAccount`, `azure`, `localKubectlProxy`) and its fields.
 */
interface DeliveryClusterCredential {
  /** The upstream auth provider's name. */
  authProvider: string;
  /**
   * The service account token, for `serviceAccount`.
   * @visibility secret
   */
  serviceAccountToken?: string;
  /** The role to assume, for `aws`. */
  assumeRole?: string;
  /** The external id of the role to assume, for `aws`. */
  externalId?: string;
  /** Further metadata the strategy reads, e.g. `kubernetes.io/x-k8s-aws-id`. */
  authMetadata?: { [key: string]: string };
}
