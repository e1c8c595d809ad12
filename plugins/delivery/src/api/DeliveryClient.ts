import type { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  CostAnswer,
  CostPricesAnswer,
  DELIVERY_PLUGIN_ID,
  DeliveryHealth,
  DeliveryRun,
  DeliveryOverview,
  DrApproval,
  DrReadinessAnswer,
  EntityRollouts,
  expandOverview,
  OverviewDocument,
} from '@internal/backstage-plugin-delivery-common';
import { DeliveryApi } from './DeliveryApi';

/**
 * Talks to the Delivery backend with the signed-in user's token (through fetchApi).
 * @public
 */
export class DeliveryClient implements DeliveryApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;
  /**
   * The last overview with its ETag. The page polls every few seconds; while nothing
   * changed the backend answers 304 and the page keeps the very same object, so React
   * keeps the table's rows (and a tooltip open on one of them) instead of rebuilding them.
   */
  private lastOverview?: { etag: string; overview: DeliveryOverview };

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  async getHealth(): Promise<DeliveryHealth> {
    return this.get<DeliveryHealth>('/health');
  }

  async listRuns(options: {
    entityRef: string;
    limit?: number;
  }): Promise<DeliveryRun[]> {
    const query = new URLSearchParams({ entityRef: options.entityRef });
    if (options.limit !== undefined) query.set('limit', String(options.limit));
    const body = await this.get<{ items: DeliveryRun[] }>(`/runs?${query}`);
    return body.items;
  }

  async getRollouts(options: { entityRef: string }): Promise<EntityRollouts> {
    const query = new URLSearchParams({ entityRef: options.entityRef });
    return this.get<EntityRollouts>(`/rollouts?${query}`);
  }

  async getOverview(): Promise<DeliveryOverview> {
    const baseUrl = await this.discoveryApi.getBaseUrl(DELIVERY_PLUGIN_ID);
    const last = this.lastOverview;
    const res = await this.fetchApi.fetch(`${baseUrl}/overview`, {
      headers: last ? { 'If-None-Match': last.etag } : {},
    });
    if (res.status === 304 && last) return last.overview;
    if (!res.ok) {
      throw await ResponseError.fromResponse(res);
    }
    const overview = expandOverview((await res.json()) as OverviewDocument);
    const etag = res.headers.get('ETag');
    this.lastOverview = etag ? { etag, overview } : undefined;
    return overview;
  }

  async getDrReadiness(options: {
    entityRef: string;
  }): Promise<DrReadinessAnswer> {
    const query = new URLSearchParams({ entityRef: options.entityRef });
    return this.get<DrReadinessAnswer>(`/dr?${query}`);
  }

  async getCost(options: { entityRef: string }): Promise<CostAnswer> {
    const query = new URLSearchParams({ entityRef: options.entityRef });
    return this.get<CostAnswer>(`/cost?${query}`);
  }

  async getCostPrices(): Promise<CostPricesAnswer> {
    return this.get<CostPricesAnswer>('/cost/prices');
  }

  async listApprovals(options: { entityRef: string }): Promise<DrApproval[]> {
    const query = new URLSearchParams({ entityRef: options.entityRef });
    const body = await this.get<{ items: DrApproval[] }>(`/approvals?${query}`);
    return body.items;
  }

  async decideApproval(options: {
    id: string;
    decision: 'approve' | 'reject';
  }): Promise<DrApproval> {
    return this.post<DrApproval>(
      `/approvals/${encodeURIComponent(options.id)}/decision`,
      { decision: options.decision },
    );
  }

  private async post<T>(path: string, body: unknown): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl(DELIVERY_PLUGIN_ID);
    const res = await this.fetchApi.fetch(`${baseUrl}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!res.ok) {
      throw await ResponseError.fromResponse(res);
    }
    return (await res.json()) as T;
  }

  private async get<T>(path: string): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl(DELIVERY_PLUGIN_ID);
    const res = await this.fetchApi.fetch(`${baseUrl}${path}`);
    if (!res.ok) {
      throw await ResponseError.fromResponse(res);
    }
    return (await res.json()) as T;
  }
}
