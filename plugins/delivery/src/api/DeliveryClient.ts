import type { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import {
  CostAnswer,
  CostPricesAnswer,
  createDeliveryApiClient,
  dataOf,
  DeliveryApiClient,
  DeliveryHealth,
  DoraAnswer,
  DoraSummary,
  DeliveryRun,
  DeliveryOverview,
  DrApproval,
  DrReadinessAnswer,
  EntityRollouts,
  FreezesAnswer,
  expandOverview,
  OverviewChanges,
} from '@internal/backstage-plugin-delivery-common';
import { DeliveryApi } from './DeliveryApi';

/**
 * Talks to the Delivery backend with the signed-in user's token (through fetchApi), over
 * the client generated from the backend's contract; errors arrive as ResponseError.
 * @public
 */
export class DeliveryClient implements DeliveryApi {
  private readonly api: DeliveryApiClient;
  /**
   * The last overview with its ETag. While nothing changed the backend answers 304 and the
   * page keeps the very same object, so React keeps the table's rows (and a tooltip open on
   * one of them) instead of rebuilding them.
   */
  private lastOverview?: { etag: string; overview: DeliveryOverview };

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.api = createDeliveryApiClient(options);
  }

  async getHealth(): Promise<DeliveryHealth> {
    return dataOf(await this.api.request('get', '/health'));
  }

  async listRuns(options: {
    entityRef: string;
    limit?: number;
  }): Promise<DeliveryRun[]> {
    const query = { entityRef: options.entityRef, limit: options.limit };
    return dataOf(await this.api.request('get', '/runs', { params: { query } }))
      .items;
  }

  async getRollouts(options: { entityRef: string }): Promise<EntityRollouts> {
    return dataOf(
      await this.api.request('get', '/rollouts', {
        params: { query: options },
      }),
    );
  }

  async getOverview(): Promise<DeliveryOverview> {
    const last = this.lastOverview;
    const answer = await this.api.request('get', '/overview', {
      params: { header: last ? { 'If-None-Match': last.etag } : {} },
    });
    if (answer.response.status === 304 && last) return last.overview;
    const overview = expandOverview(dataOf(answer));
    const etag = answer.response.headers.get('ETag');
    this.lastOverview = etag ? { etag, overview } : undefined;
    return overview;
  }

  async getDora(options: { entityRef: string }): Promise<DoraAnswer> {
    return dataOf(
      await this.api.request('get', '/dora', { params: { query: options } }),
    );
  }

  async getDoraSummary(): Promise<DoraSummary> {
    return dataOf(await this.api.request('get', '/dora/summary'));
  }

  async getOverviewChanges(options: {
    cursor: string;
  }): Promise<OverviewChanges> {
    return dataOf(
      await this.api.request('get', '/overview/changes', {
        params: { query: options },
      }),
    );
  }

  async getDrReadiness(options: {
    entityRef: string;
  }): Promise<DrReadinessAnswer> {
    return dataOf(
      await this.api.request('get', '/dr', { params: { query: options } }),
    );
  }

  async getFreezes(options: { entityRef: string }): Promise<FreezesAnswer> {
    return dataOf(
      await this.api.request('get', '/freezes', { params: { query: options } }),
    );
  }

  async getCost(options: { entityRef: string }): Promise<CostAnswer> {
    return dataOf(
      await this.api.request('get', '/cost', { params: { query: options } }),
    );
  }

  async getCostPrices(): Promise<CostPricesAnswer> {
    return dataOf(await this.api.request('get', '/cost/prices'));
  }

  async listApprovals(options: { entityRef: string }): Promise<DrApproval[]> {
    return dataOf(
      await this.api.request('get', '/approvals', {
        params: { query: options },
      }),
    ).items;
  }

  async decideApproval(options: {
    id: string;
    decision: 'approve' | 'reject';
  }): Promise<DrApproval> {
    return dataOf(
      await this.api.request('post', '/approvals/{id}/decision', {
        params: { path: { id: options.id } },
        body: { decision: options.decision },
      }),
    );
  }
}
