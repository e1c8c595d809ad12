import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import {
  DrApproval,
  DrFailoverMode,
} from '@internal/backstage-plugin-delivery-common';
import type {
  DrDatabaseState,
  DrDnsChange,
  DrDnsRecord,
  DrDrillCopy,
  DrSide,
} from '@internal/backstage-plugin-delivery-node';
import { deliveryBackendRequest } from '../deliveryBackendRequest';

/** Which service, environment and namespace a DR call is about. */
export interface DrCallTarget {
  entityRef: string;
  environment: string;
  namespace: string;
}

/**
 * The DR providers and the approval requests, as the failover action reaches them: through
 * the Delivery backend, which owns the providers and their credentials (see its
 * `/dr-operations` router) and the approvals the portal shows.
 */
export class DeliveryDrClient {
  private readonly deps: { discovery: DiscoveryService; auth: AuthService };

  constructor(discovery: DiscoveryService, auth: AuthService) {
    this.deps = { discovery, auth };
  }

  private async call<T>(
    operation: string,
    target: DrCallTarget,
    extra: Record<string, string> = {},
  ): Promise<T> {
    const response = await deliveryBackendRequest(
      this.deps,
      `DR provider (${operation})`,
      'POST',
      `/dr-operations/${operation}`,
      { ...target, ...extra },
    );
    return (await response.json()).result as T;
  }

  describeDatabase(target: DrCallTarget): Promise<DrDatabaseState> {
    return this.call('describe-database', target);
  }
  demotePrimary(target: DrCallTarget): Promise<void> {
    return this.call('demote-primary', target);
  }
  undoDemotion(target: DrCallTarget): Promise<void> {
    return this.call('undo-demotion', target);
  }
  promoteReplica(
    target: DrCallTarget,
    mode: 'switchover' | 'failover',
  ): Promise<void> {
    return this.call('promote-replica', target, { mode });
  }
  startDrillCopy(target: DrCallTarget, drillId: string): Promise<DrDrillCopy> {
    return this.call('start-drill-copy', target, { drillId });
  }
  describeDrillCopy(
    target: DrCallTarget,
    drillId: string,
  ): Promise<DrDrillCopy> {
    return this.call('describe-drill-copy', target, { drillId });
  }
  promoteDrillCopy(target: DrCallTarget, drillId: string): Promise<void> {
    return this.call('promote-drill-copy', target, { drillId });
  }
  deleteDrillCopy(target: DrCallTarget, drillId: string): Promise<void> {
    return this.call('delete-drill-copy', target, { drillId });
  }
  describeDns(target: DrCallTarget): Promise<DrDnsRecord | null> {
    return this.call('describe-dns', target);
  }
  pointDns(target: DrCallTarget, side: DrSide): Promise<DrDnsChange> {
    return this.call('point-dns', target, { side });
  }
  dnsChange(target: DrCallTarget, changeId: string): Promise<DrDnsChange> {
    return this.call('dns-change', target, { changeId });
  }
  createDrillRecord(
    target: DrCallTarget,
    drillId: string,
  ): Promise<DrDnsChange> {
    return this.call('create-drill-record', target, { drillId });
  }
  deleteDrillRecord(target: DrCallTarget, drillId: string): Promise<void> {
    return this.call('delete-drill-record', target, { drillId });
  }

  /** Asks for a second platform-team member's approval; asking again returns the same one. */
  async requestApproval(request: {
    id: string;
    entityRef: string;
    environment: string;
    mode: DrFailoverMode;
    taskId?: string;
    requestedBy: string;
    reason: string;
  }): Promise<DrApproval> {
    const response = await deliveryBackendRequest(
      this.deps,
      'Delivery approvals',
      'POST',
      '/approvals',
      request,
    );
    return response.json();
  }

  async approval(id: string): Promise<DrApproval> {
    const response = await deliveryBackendRequest(
      this.deps,
      'Delivery approvals',
      'GET',
      `/approvals/${encodeURIComponent(id)}`,
    );
    return response.json();
  }
}
