import { InputError, NotFoundError } from '@backstage/errors';
import { ANNOTATION_KUBERNETES_ID } from '@internal/backstage-plugin-delivery-common';
import type {
  DrDnsChange,
  DrDnsProvider,
  DrDnsRecord,
  DrSide,
  DrTarget,
} from '@internal/backstage-plugin-delivery-node';
import {
  CustomObject,
  CustomObjectClient,
  DNS_ENDPOINT,
} from './CustomObjectClient';
import { drillName } from './drillNames';
import {
  DEFAULT_REQUEST_TIMEOUT_MS,
  KubernetesDrProviderOptions,
} from './KubernetesDrProviderOptions';
import { statusOf } from './KubernetesRequestError';

/** When Delivery last wrote the record: the `submittedAt` of the change it made. */
const SUBMITTED_AT = 'delivery/dns-change-submitted-at';
const CHANGE_ID = /^([a-z0-9]([-a-z0-9.]*[a-z0-9])?)\/([1-9][0-9]*)$/;
/** Attempts of a switch whose read went stale before the write (409 Conflict). */
const MAX_ATTEMPTS = 3;

interface Endpoint {
  dnsName: string;
  recordType?: string;
  targets?: string[];
  recordTTL?: number;
  [field: string]: unknown;
}

const hostname = (name: string) => name.toLowerCase().replace(/\.$/, '');

function sameTargets(targets: string[] | undefined, wanted: string[]) {
  const have = (targets ?? []).map(hostname).sort();
  const want = wanted.map(hostname).sort();
  return (
    have.length === want.length && have.every((name, i) => name === want[i])
  );
}

function endpointsOf(object: CustomObject): Endpoint[] {
  return Array.isArray(object.spec?.endpoints) ? object.spec.endpoints : [];
}

/** A change of a DNSEndpoint: `<name>/<generation>`, in sync once ExternalDNS observed it. */
function changeOf(object: CustomObject, generation?: number): DrDnsChange {
  const wanted = generation ?? object.metadata.generation ?? 1;
  return {
    id: `${object.metadata.name}/${wanted}`,
    status:
      (object.status?.observedGeneration ?? 0) >= wanted
        ? 'in-sync'
        : 'pending',
    submittedAt:
      object.metadata.annotations?.[SUBMITTED_AT] ??
      object.metadata.creationTimestamp ??
      new Date().toISOString(),
  };
}

/**
 * DR DNS through ExternalDNS: the record is a `DNSEndpoint` named after the service in its
 * namespace of the DR cluster (the side still writable when the primary region is gone),
 * with one endpoint for the record's name. A switch replaces that endpoint's targets and
 * TTL in one write; ExternalDNS publishes it and sets `status.observedGeneration`, which
 * is what "in sync" means here. A change id is `<DNSEndpoint name>/<generation>`.
 * @public
 */
export class KubernetesDrDnsProvider implements DrDnsProvider {
  readonly id = 'kubernetes';
  private readonly timeoutMs: number;

  constructor(options: KubernetesDrProviderOptions = {}) {
    this.timeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  }

  private endpoints(target: DrTarget) {
    return new CustomObjectClient(target.dr, DNS_ENDPOINT, this.timeoutMs);
  }

  private where(target: DrTarget, name: string) {
    return `${target.dr.name}: DNSEndpoint ${target.namespace}/${name}`;
  }

  async describe(target: DrTarget): Promise<DrDnsRecord | undefined> {
    const object = await this.endpoints(target).get(
      target.namespace,
      target.service,
    );
    const endpoint =
      object &&
      endpointsOf(object).find(
        e => hostname(e.dnsName ?? '') === hostname(target.dns.name),
      );
    if (!endpoint) return undefined;
    const targets = endpoint.targets ?? [];
    let pointsTo: DrDnsRecord['pointsTo'] = 'other';
    if (sameTargets(targets, [target.dns.primaryTarget])) pointsTo = 'primary';
    else if (sameTargets(targets, [target.dns.drTarget])) pointsTo = 'dr';
    return {
      provider: this.id,
      name: endpoint.dnsName,
      targets,
      // 0: ExternalDNS leaves the TTL to the DNS provider's default.
      ttlSeconds: endpoint.recordTTL ?? 0,
      pointsTo,
    };
  }

  async pointTo(target: DrTarget, side: DrSide): Promise<DrDnsChange> {
    const wanted =
      side === 'primary' ? target.dns.primaryTarget : target.dns.drTarget;
    const ttl = target.dns.ttlSeconds;
    const client = this.endpoints(target);
    const where = this.where(target, target.service);
    for (let attempt = 1; ; attempt++) {
      const object = await client.get(target.namespace, target.service);
      if (!object) {
        throw new NotFoundError(
          `${where} not found; there is no record of ${target.dns.name} to switch`,
        );
      }
      const endpoints = endpointsOf(object);
      const index = endpoints.findIndex(
        e => hostname(e.dnsName ?? '') === hostname(target.dns.name),
      );
      if (index < 0) {
        throw new NotFoundError(
          `${where} has no endpoint for ${target.dns.name}`,
        );
      }
      const endpoint = endpoints[index];
      if (sameTargets(endpoint.targets, [wanted]) && endpoint.recordTTL === ttl)
        return changeOf(object);

      try {
        const updated = await client.mergePatch(
          target.namespace,
          target.service,
          {
            // Written only over what was read: a concurrent change answers 409.
            metadata: {
              resourceVersion: object.metadata.resourceVersion,
              annotations: { [SUBMITTED_AT]: new Date().toISOString() },
            },
            // A merge patch replaces a list whole: the other endpoints are sent as read.
            spec: {
              endpoints: endpoints.map((e, i) =>
                i === index ? { ...e, targets: [wanted], recordTTL: ttl } : e,
              ),
            },
          },
        );
        return changeOf(updated);
      } catch (error) {
        if (statusOf(error) !== 409 || attempt >= MAX_ATTEMPTS) throw error;
      }
    }
  }

  async changeStatus(target: DrTarget, changeId: string): Promise<DrDnsChange> {
    const match = CHANGE_ID.exec(changeId);
    if (!match) {
      throw new InputError(
        `changeId: "${changeId}" is not a change of the kubernetes DNS provider (<DNSEndpoint name>/<generation>)`,
      );
    }
    const [, name, , generation] = match;
    const object = await this.endpoints(target).get(target.namespace, name);
    if (!object) {
      throw new NotFoundError(
        `${this.where(
          target,
          name,
        )} not found; change ${changeId} cannot be followed`,
      );
    }
    return changeOf(object, Number(generation));
  }

  /**
   * A DNSEndpoint `<service>-drill-<drillId>` for `drill-<drillId>.<record name>`, pointing
   * at the DR side: the propagation is timed without touching the real record.
   */
  async createDrillRecord(
    target: DrTarget,
    drillId: string,
  ): Promise<DrDnsChange> {
    const name = drillName(target.service, drillId);
    const client = this.endpoints(target);
    const existing = await client.get(target.namespace, name);
    if (existing) return changeOf(existing);
    try {
      const created = await client.create(target.namespace, {
        apiVersion: `${DNS_ENDPOINT.group}/${DNS_ENDPOINT.version}`,
        kind: DNS_ENDPOINT.kind,
        metadata: {
          name,
          namespace: target.namespace,
          labels: { [ANNOTATION_KUBERNETES_ID]: target.service },
          annotations: {
            [SUBMITTED_AT]: new Date().toISOString(),
            'delivery/drill-id': drillId,
          },
        },
        spec: {
          endpoints: [
            {
              dnsName: `${drillName(undefined, drillId)}.${target.dns.name}`,
              recordType: 'CNAME',
              targets: [target.dns.drTarget],
              recordTTL: target.dns.ttlSeconds,
            },
          ],
        },
      });
      return changeOf(created);
    } catch (error) {
      // Created by an earlier attempt whose answer was lost.
      if (statusOf(error) !== 409) throw error;
      const again = await client.get(target.namespace, name);
      if (!again) throw error;
      return changeOf(again);
    }
  }

  async deleteDrillRecord(target: DrTarget, drillId: string): Promise<void> {
    await this.endpoints(target).delete(
      target.namespace,
      drillName(target.service, drillId),
    );
  }
}
