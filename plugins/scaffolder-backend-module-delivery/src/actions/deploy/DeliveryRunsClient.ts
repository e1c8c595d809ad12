import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import { ConflictError, ResponseError } from '@backstage/errors';
import { DeliveryRun } from '@internal/backstage-plugin-delivery-common';

export interface StartRun {
  id: string;
  entityRef: string;
  environment: string;
  action: string;
  initiatedBy: string;
  taskId?: string;
  inputs: Record<string, unknown>;
  before?: unknown;
}

/**
 * The Delivery backend's run store, as the actions reach it: over HTTP with this
 * plugin's service token, so it works with the plugins on separate backends too.
 */
export class DeliveryRunsClient {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly auth: AuthService,
  ) {}

  private async post(path: string, body: unknown): Promise<Response> {
    const { token } = await this.auth.getPluginRequestToken({
      onBehalfOf: await this.auth.getOwnServiceCredentials(),
      targetPluginId: 'delivery',
    });
    const response = await fetch(
      `${await this.discovery.getBaseUrl('delivery')}${path}`,
      {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${token}`,
          'Content-Type': 'application/json',
        },
        body: JSON.stringify(body),
      },
    );
    if (!response.ok) {
      const error = await ResponseError.fromResponse(response);
      // The run store's own words ("deploy of ... is already running ...") reach the task log.
      const message = `${error.body.error.message}`;
      throw response.status === 409
        ? new ConflictError(message)
        : new Error(`Delivery run store: ${message}`);
    }
    return response;
  }

  /** Starts the run and takes its target's lock; ConflictError names the running one. */
  async start(run: StartRun): Promise<DeliveryRun> {
    return (await this.post('/runs', run)).json();
  }

  async finish(
    id: string,
    outcome: {
      status: 'succeeded' | 'failed' | 'aborted' | 'paused';
      summary: string;
      after?: unknown;
    },
  ): Promise<void> {
    await this.post(`/runs/${encodeURIComponent(id)}/finish`, outcome);
  }
}
