import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { DELIVERY_PLUGIN_ID } from '@internal/backstage-plugin-delivery-common';
import { deliveryDrProvidersExtensionPoint } from '@internal/backstage-plugin-delivery-node';
import { AwsClients } from './aws/AwsClients';
import { readAwsDrConfig } from './config/readAwsDrConfig';
import { AwsRdsDrProvider } from './rds/AwsRdsDrProvider';
import { AwsRoute53DrDnsProvider } from './route53/AwsRoute53DrDnsProvider';

/**
 * Adds the `aws-rds` and `aws-route53` DR providers to the Delivery backend when
 * `delivery.dr.aws` is configured; `delivery.dr.databaseProvider` / `dnsProvider` then pick
 * them by id. Without that key it adds nothing, so the module is safe to install everywhere.
 * @public
 */
export const deliveryModuleAwsDr = createBackendModule({
  pluginId: DELIVERY_PLUGIN_ID,
  moduleId: 'aws-dr',
  register({ registerInit }) {
    registerInit({
      deps: {
        dr: deliveryDrProvidersExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
      },
      async init({ dr, config, logger }) {
        const awsConfig = readAwsDrConfig(config);
        if (!awsConfig) {
          logger.debug(
            'delivery.dr.aws is not configured; the AWS DR providers are not added',
          );
          return;
        }
        // Credentials come from the SDK's default provider chain (environment, shared
        // config/SSO, web identity, container or instance role).
        const clients = new AwsClients({
          maxAttempts: awsConfig.maxAttempts,
          retryMode: awsConfig.retryMode,
          route53Region: awsConfig.route53Region,
        });
        const database = new AwsRdsDrProvider({
          config: awsConfig,
          clients,
          logger,
        });
        const dns = new AwsRoute53DrDnsProvider({
          hostedZoneId: awsConfig.hostedZoneId,
          clients,
        });
        dr.addDatabaseProvider(database);
        dr.addDnsProvider(dns);
        logger.info(
          `AWS DR providers added: ${database.id} (topology ${awsConfig.topology} by default), ${dns.id} (hosted zone ${awsConfig.hostedZoneId})`,
        );
      },
    });
  },
});
