import { Config } from '@backstage/config';
import { DeliveryHealth } from '@internal/backstage-plugin-delivery-common';
import path from 'node:path';
import { FreezeWindow } from '../freezes/FreezeWindow';
import { readFreezesConfig } from './readFreezesConfig';
import {
  EnvironmentPolicies,
  readEnvironmentPolicies,
} from './readEnvironmentPolicies';
import { GitOpsConfig, readGitOpsConfig } from './readGitOpsConfig';
import {
  NotificationsConfig,
  readNotificationsConfig,
} from './readNotificationsConfig';
import { readPlatformTeams } from './readPlatformTeams';
import { DoraConfig, readDoraConfig } from './readDoraConfig';

/** The Delivery backend's configuration, validated. @public */
export interface DeliveryConfig {
  environments: DeliveryHealth['environments'];
  clusters: DeliveryHealth['clusters'];
  /**
   * Per environment name, what a deploy there must meet (`imagePolicy`, `promotion` of
   * `delivery.environments[]`), defaults applied; every environment has an entry.
   */
  environmentPolicies: Record<string, EnvironmentPolicies>;
  goldenPath: {
    /**
     * Absolute folder of the local publish target's bare repositories; undefined when
     * the local target is off (then only GitHub publishing is offered).
     */
    localPublishDirectory?: string;
    /**
     * The kubectl golden-path verification renders kustomize overlays with; undefined
     * means the bundled one (`@internal/bundled-kubectl`).
     */
    kubectl?: string;
    /** Where the bundled kubectl is extracted; undefined means its default folder. */
    kubectlCacheDirectory?: string;
    /**
     * The lowest container port a golden path accepts (default 1024): a lower one needs
     * root or NET_BIND_SERVICE, which the generated pods' runAsNonRoot forbids.
     */
    minimumContainerPort: number;
  };
  /** DR providers and naming (`delivery.dr`). */
  dr: {
    /** Id of the DR database provider to use, e.g. `kubernetes` or `aws-rds`. */
    databaseProvider: string;
    /** Id of the DR DNS provider to use, e.g. `kubernetes` or `aws-route53`. */
    dnsProvider: string;
    dns: {
      /** Zone of the service records: `<service>.<zone>` points at `<service>.<region>.<zone>`. */
      zone: string;
      ttlSeconds: number;
    };
    /** How long a production failover waits for a second platform-team member. */
    approvalTimeoutMinutes: number;
  };
  /** Freeze windows (`delivery.freezes`): when actions are refused, per environment. */
  freezes: FreezeWindow[];
  /** GitOps controllers whose objects the actions refuse to change (`delivery.gitops`). */
  gitops: GitOpsConfig;
  /** The platform team's groups (`delivery.platformTeams`), as full entity refs. */
  platformTeams: string[];
  /** Which kinds of notification are sent (`delivery.notifications`). */
  notifications: NotificationsConfig;
  /** The DORA metrics' window and bands (`delivery.dora`). */
  dora: DoraConfig;
}

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

const DEFAULT_ENVIRONMENTS: DeliveryConfig['environments'] = [
  { name: 'staging', production: false },
  { name: 'production', production: true },
];

/**
 * Reads `delivery.*`. Throws at start-up, naming the key, when the configuration is
 * inconsistent: a portal that silently ignores a cluster mapping would show wrong facts.
 * @public
 */
export function readDeliveryConfig(config: Config): DeliveryConfig {
  const envConfigs = config.getOptionalConfigArray('delivery.environments');
  const environments = envConfigs
    ? envConfigs.map((env, index) => {
        const name = env.getString('name');
        if (!DNS_LABEL.test(name)) {
          throw new Error(
            `delivery.environments[${index}].name "${name}" must be a DNS-1123 label (lowercase letters, digits, dashes)`,
          );
        }
        return {
          name,
          production: env.getOptionalBoolean('production') ?? false,
        };
      })
    : DEFAULT_ENVIRONMENTS;

  const names = new Set<string>();
  for (const env of environments) {
    if (names.has(env.name)) {
      throw new Error(`delivery.environments: "${env.name}" is listed twice`);
    }
    names.add(env.name);
  }

  const environmentPolicies = Object.fromEntries(
    environments.map((env, index) => [
      env.name,
      readEnvironmentPolicies(envConfigs?.[index], index, env.production),
    ]),
  );

  const clusters = (
    config.getOptionalConfigArray('delivery.clusters') ?? []
  ).map((cluster, index) => {
    const environment = cluster.getString('environment');
    if (!names.has(environment)) {
      throw new Error(
        `delivery.clusters[${index}].environment "${environment}" is not one of delivery.environments (${[
          ...names,
        ].join(', ')})`,
      );
    }
    const role = cluster.getOptionalString('role') ?? 'primary';
    if (role !== 'primary' && role !== 'dr') {
      throw new Error(
        `delivery.clusters[${index}].role "${role}" must be primary or dr`,
      );
    }
    return {
      name: cluster.getString('name'),
      environment,
      region: cluster.getOptionalString('region'),
      role: role as 'primary' | 'dr',
      sandbox: cluster.getOptionalBoolean('sandbox') ?? false,
    };
  });

  const localPublish =
    config.getOptionalBoolean('delivery.goldenPath.localPublish.enabled') ===
    false
      ? undefined
      : config.getOptionalString('delivery.goldenPath.localPublish.directory');
  const minimumContainerPort =
    config.getOptionalNumber('delivery.goldenPath.minimumContainerPort') ??
    1024;
  if (
    !Number.isInteger(minimumContainerPort) ||
    minimumContainerPort < 1 ||
    minimumContainerPort > 65535
  ) {
    throw new Error(
      `delivery.goldenPath.minimumContainerPort ${minimumContainerPort} must be a whole port number from 1 to 65535`,
    );
  }
  const goldenPath = {
    // Relative to the backend's working directory, like the catalog's file locations.
    localPublishDirectory: localPublish
      ? path.resolve(localPublish)
      : undefined,
    kubectl: config.getOptionalString('delivery.goldenPath.kubectl'),
    kubectlCacheDirectory: config.getOptionalString(
      'delivery.goldenPath.kubectlCacheDirectory',
    ),
    minimumContainerPort,
  };

  const dnsTtl = config.getOptionalNumber('delivery.dr.dns.ttlSeconds') ?? 60;
  if (!Number.isInteger(dnsTtl) || dnsTtl < 1 || dnsTtl > 86_400) {
    throw new Error(
      `delivery.dr.dns.ttlSeconds ${dnsTtl} must be a whole number of seconds from 1 to 86400`,
    );
  }
  const approvalTimeout =
    config.getOptionalNumber('delivery.dr.approvalTimeoutMinutes') ?? 30;
  if (approvalTimeout <= 0 || approvalTimeout > 24 * 60) {
    throw new Error(
      `delivery.dr.approvalTimeoutMinutes ${approvalTimeout} must be more than 0 and at most 1440`,
    );
  }
  const dr = {
    databaseProvider:
      config.getOptionalString('delivery.dr.databaseProvider') ?? 'kubernetes',
    dnsProvider:
      config.getOptionalString('delivery.dr.dnsProvider') ?? 'kubernetes',
    dns: {
      zone:
        config.getOptionalString('delivery.dr.dns.zone') ?? 'delivery.internal',
      ttlSeconds: dnsTtl,
    },
    approvalTimeoutMinutes: approvalTimeout,
  };

  const freezes = readFreezesConfig(config, [...names]);

  return {
    environments,
    environmentPolicies,
    clusters,
    goldenPath,
    dr,
    gitops: readGitOpsConfig(config),
    dora: readDoraConfig(config),
    freezes,
    platformTeams: readPlatformTeams(config),
    notifications: readNotificationsConfig(config),
  };
}
