import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import { DeliveryRun } from '@internal/backstage-plugin-delivery-common';
import { deliveryBackendRequest } from '../deliveryBackendRequest';

export interface StartRun {
  id: string;
  entityRef: string;
  environment: string;
  action: string;
  initiatedBy: string;
  taskId?: string;
  inputs: Record<string, unknown>;
  before?: unknown;
  /** Further targets to lock, such as a failover's system. */
  extraLocks?: Array<{ entityRef: string; environment: string }>;
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

  private post(path: string, body: unknown): Promise<Response> {
    return deliveryBackendRequest(
      { discovery: this.discovery, auth: this.auth },
      'Delivery run store',
      'POST',
      path,
      body,
    );
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
