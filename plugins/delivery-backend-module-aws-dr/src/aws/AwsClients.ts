import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { RDSClient, RDSClientConfig } from '@aws-sdk/client-rds';
import { Route53Client } from '@aws-sdk/client-route-53';
import type { AwsRetryMode } from '../config/readAwsDrConfig';

/** @public */
export interface AwsClientsOptions {
  maxAttempts: number;
  retryMode: AwsRetryMode;
  /** Region the Route 53 client signs for (Route 53 is global). */
  route53Region: string;
  /**
   * SDK settings applied to every client. Unset in production, where credentials come from
   * the SDK's default provider chain; tests pass fixed credentials and a request handler.
   */
  sdk?: Pick<RDSClientConfig, 'credentials' | 'requestHandler'>;
}

/**
 * One SDK client per service and region, reused across calls so the retry strategy's
 * throttling state (and, in adaptive mode, its client-side rate) carries over between them.
 * @public
 */
export class AwsClients {
  private readonly rdsClients = new Map<string, RDSClient>();
  private readonly cloudWatchClients = new Map<string, CloudWatchClient>();
  private route53Client?: Route53Client;

  constructor(private readonly options: AwsClientsOptions) {}

  /** Attempts per call, counting the first; named in throttling errors. */
  get maxAttempts(): number {
    return this.options.maxAttempts;
  }

  rds(region: string): RDSClient {
    let client = this.rdsClients.get(region);
    if (!client) {
      client = new RDSClient({ ...this.common(), region });
      this.rdsClients.set(region, client);
    }
    return client;
  }

  /** CloudWatch in `region`: RDS publishes a replica's lag metrics where the replica lives. */
  cloudWatch(region: string): CloudWatchClient {
    let client = this.cloudWatchClients.get(region);
    if (!client) {
      client = new CloudWatchClient({ ...this.common(), region });
      this.cloudWatchClients.set(region, client);
    }
    return client;
  }

  route53(): Route53Client {
    this.route53Client ??= new Route53Client({
      ...this.common(),
      region: this.options.route53Region,
    });
    return this.route53Client;
  }

  private common() {
    const { maxAttempts, retryMode, sdk } = this.options;
    return { maxAttempts, retryMode, ...sdk };
  }
}
