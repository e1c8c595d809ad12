import {
  ChangeBatch,
  ChangeInfo,
  ChangeResourceRecordSetsCommand,
  GetChangeCommand,
  ListResourceRecordSetsCommand,
  ResourceRecordSet,
} from '@aws-sdk/client-route-53';
import { InputError } from '@backstage/errors';
import type {
  DrDnsChange,
  DrDnsProvider,
  DrDnsRecord,
  DrSide,
  DrTarget,
} from '@internal/backstage-plugin-delivery-node';
import type { AwsClients } from '../aws/AwsClients';
import { callAws, isAwsError, sdkErrorOf } from '../aws/callAws';

/** The change id returned when the record already points where asked: nothing was submitted. */
export const CURRENT_CHANGE_ID = 'current';

const DRILL_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** @public */
export interface AwsRoute53DrDnsProviderOptions {
  hostedZoneId: string;
  clients: AwsClients;
}

/**
 * DR DNS provider `aws-route53`: the service record is a simple-routing CNAME in one hosted
 * zone, switched by one UPSERT change batch and followed with GetChange until INSYNC.
 * @public
 */
export class AwsRoute53DrDnsProvider implements DrDnsProvider {
  readonly id = 'aws-route53';
  private readonly hostedZoneId: string;
  private readonly clients: AwsClients;

  constructor(options: AwsRoute53DrDnsProviderOptions) {
    this.hostedZoneId = options.hostedZoneId;
    this.clients = options.clients;
  }

  async describe(target: DrTarget): Promise<DrDnsRecord | undefined> {
    const record = await this.findCname(target.dns.name);
    if (!record) {
      return undefined;
    }
    const targets = valuesOf(record);
    return {
      provider: this.id,
      name: target.dns.name,
      targets,
      ttlSeconds: record.TTL ?? 0,
      pointsTo: sideOf(target, targets),
    };
  }

  /**
   * Idempotent: when the record already holds the side's target nothing is submitted and the
   * change is `current`, in sync by definition of what the zone holds. (A change submitted by
   * an earlier call may still be propagating; Route 53 offers no lookup of it by record.)
   */
  async pointTo(target: DrTarget, side: DrSide): Promise<DrDnsChange> {
    const value =
      side === 'primary' ? target.dns.primaryTarget : target.dns.drTarget;
    const current = await this.describe(target);
    if (
      current &&
      current.targets.length === 1 &&
      normalize(current.targets[0]) === normalize(value)
    ) {
      return currentChange();
    }
    return this.upsert(
      target.dns.name,
      value,
      target.dns.ttlSeconds,
      `Delivery DR: point ${target.dns.name} at the ${side} side (${value})`,
    );
  }

  async changeStatus(
    _target: DrTarget,
    changeId: string,
  ): Promise<DrDnsChange> {
    if (changeId === CURRENT_CHANGE_ID) {
      return currentChange();
    }
    const { ChangeInfo: info } = await callAws(
      { service: 'Route 53', operation: 'GetChange', resource: changeId },
      () => this.clients.route53().send(new GetChangeCommand({ Id: changeId })),
    );
    return toChange(info, changeId);
  }

  async createDrillRecord(
    target: DrTarget,
    drillId: string,
  ): Promise<DrDnsChange> {
    return this.upsert(
      drillRecordName(target, drillId),
      target.dns.drTarget,
      target.dns.ttlSeconds,
      `Delivery DR drill ${drillId}: time DNS propagation to the DR side`,
    );
  }

  async deleteDrillRecord(target: DrTarget, drillId: string): Promise<void> {
    const name = drillRecordName(target, drillId);
    const record = await this.findCname(name);
    if (!record) {
      return;
    }
    try {
      // Route 53 deletes only an exact match of the record set, so send what it holds.
      await this.submit(name, {
        Comment: `Delivery DR drill ${drillId}: remove the drill record`,
        Changes: [{ Action: 'DELETE', ResourceRecordSet: record }],
      });
    } catch (error) {
      // Deleted between the lookup and the change: what this call wanted anyway.
      if (isRecordNotFound(error)) {
        return;
      }
      throw error;
    }
  }

  private async upsert(
    name: string,
    value: string,
    ttlSeconds: number,
    comment: string,
  ): Promise<DrDnsChange> {
    const info = await this.submit(name, {
      Comment: comment,
      Changes: [
        {
          Action: 'UPSERT',
          ResourceRecordSet: {
            Name: name,
            Type: 'CNAME',
            TTL: ttlSeconds,
            ResourceRecords: [{ Value: value }],
          },
        },
      ],
    });
    return toChange(info, name);
  }

  private async submit(
    name: string,
    batch: ChangeBatch,
  ): Promise<ChangeInfo | undefined> {
    const { ChangeInfo: info } = await callAws(
      {
        service: 'Route 53',
        operation: 'ChangeResourceRecordSets',
        resource: `${name} in zone ${this.hostedZoneId}`,
      },
      () =>
        this.clients.route53().send(
          new ChangeResourceRecordSetsCommand({
            HostedZoneId: this.hostedZoneId,
            ChangeBatch: batch,
          }),
        ),
    );
    return info;
  }

  /** The CNAME record set named `name`, or undefined. Records are listed in name order. */
  private async findCname(
    name: string,
  ): Promise<ResourceRecordSet | undefined> {
    const { ResourceRecordSets } = await callAws(
      {
        service: 'Route 53',
        operation: 'ListResourceRecordSets',
        resource: `${name} in zone ${this.hostedZoneId}`,
      },
      () =>
        this.clients.route53().send(
          new ListResourceRecordSetsCommand({
            HostedZoneId: this.hostedZoneId,
            StartRecordName: name,
            StartRecordType: 'CNAME',
            MaxItems: 1,
          }),
        ),
    );
    const record = ResourceRecordSets?.[0];
    if (
      !record ||
      record.Type !== 'CNAME' ||
      normalize(record.Name ?? '') !== normalize(name)
    ) {
      return undefined;
    }
    if (record.SetIdentifier !== undefined) {
      throw new InputError(
        `Route 53 record ${name} uses a routing policy (set identifier "${record.SetIdentifier}"); ` +
          'the aws-route53 DR provider switches simple-routing CNAME records only',
      );
    }
    return record;
  }
}

function isRecordNotFound(error: unknown): boolean {
  if (!isAwsError(error, 'InvalidChangeBatch')) {
    return false;
  }
  const sdkError = sdkErrorOf(error) as Error & { messages?: string[] };
  return /not found/i.test(
    [sdkError.message, ...(sdkError.messages ?? [])].join(' '),
  );
}

function drillRecordName(target: DrTarget, drillId: string): string {
  if (!DRILL_ID.test(drillId)) {
    throw new InputError(
      `drillId "${drillId}" must be lowercase letters and digits, optionally joined by single hyphens`,
    );
  }
  return `drill-${drillId}.${target.dns.name}`;
}

// Route 53 answers names fully qualified (trailing dot) and in lower case.
function normalize(name: string): string {
  return name.toLowerCase().replace(/\.$/, '');
}

function valuesOf(record: ResourceRecordSet): string[] {
  if (record.AliasTarget?.DNSName) {
    return [normalize(record.AliasTarget.DNSName)];
  }
  return (record.ResourceRecords ?? []).map(r => normalize(r.Value ?? ''));
}

function sideOf(target: DrTarget, targets: string[]): DrDnsRecord['pointsTo'] {
  if (targets.length !== 1) {
    return 'other';
  }
  if (targets[0] === normalize(target.dns.primaryTarget)) {
    return 'primary';
  }
  if (targets[0] === normalize(target.dns.drTarget)) {
    return 'dr';
  }
  return 'other';
}

function currentChange(): DrDnsChange {
  return {
    id: CURRENT_CHANGE_ID,
    status: 'in-sync',
    submittedAt: new Date().toISOString(),
  };
}

function toChange(info: ChangeInfo | undefined, about: string): DrDnsChange {
  if (!info?.Id || !info.Status || !info.SubmittedAt) {
    throw new Error(`Route 53 returned no change info for ${about}`);
  }
  return {
    // Route 53 answers `/change/C2682N5HXP0BZ4`; GetChange takes the bare id as well.
    id: info.Id.replace(/^\/change\//, ''),
    status: info.Status === 'INSYNC' ? 'in-sync' : 'pending',
    submittedAt: info.SubmittedAt.toISOString(),
  };
}
