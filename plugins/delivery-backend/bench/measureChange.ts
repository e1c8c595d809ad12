import { OverviewDocument } from '@internal/backstage-plugin-delivery-common';
import { ChangeFigures } from './figures';
import {
  FleetProcess,
  patchReplicas,
  syntheticNamespace,
} from './fleetProcess';
import { bytesOnTheWire, getJson, msSince } from './http';

/**
 * What `GET /api/delivery/overview/changes` answers, as far as this benchmark reads it;
 * the endpoint may not exist yet (404).
 */
interface ChangesAnswer {
  cursor: string;
  full: boolean;
  clusters: Array<{ name: string }>;
  services: Array<{ name: string }>;
  placements: Array<{ service: number; cluster: number; desired: number }>;
}

type Placed = Pick<ChangesAnswer, 'clusters' | 'services' | 'placements'>;

/** The desired replicas `answer` reports for `service` in `cluster`, if it names them. */
function desiredIn(answer: Placed, cluster: string, service: string) {
  const placement = answer.placements.find(
    p =>
      answer.clusters[p.cluster]?.name === cluster &&
      answer.services[p.service]?.name === service,
  );
  return placement?.desired;
}

/**
 * Scales one service's Deployment in one cluster through the Kubernetes API and times how
 * long until the overview shows it: polling the whole document, then (when the backend
 * serves it) through the changes since the caller's cursor, counting the bytes that
 * answer puts on the wire.
 */
export async function measureChangeVisible(options: {
  fleet: FleetProcess;
  deliveryUrl: string;
  authorization: string;
  document: OverviewDocument;
}): Promise<ChangeFigures> {
  const { fleet, deliveryUrl, authorization, document } = options;
  const overviewUrl = `${deliveryUrl}/api/delivery/overview`;
  const cluster = fleet.clusters[0];
  const clusterIndex = document.clusters.findIndex(
    c => c.name === cluster.name,
  );
  const placement = document.placements.find(
    p => p.cluster === clusterIndex && p.state !== 'not-deployed',
  );
  if (!placement)
    throw new Error(`no service is deployed in cluster ${cluster.name}`);
  const service = document.services[placement.service].name;
  const namespace = syntheticNamespace(service);
  const untilShown = async (
    read: () => Promise<Placed | undefined>,
    desired: number,
  ) => {
    for (;;) {
      const answer = await read();
      if (answer && desiredIn(answer, cluster.name, service) === desired)
        return;
      await new Promise(r => setTimeout(r, 20));
    }
  };

  let desired = placement.desired + 3;
  let start = process.hrtime.bigint();
  await patchReplicas(cluster, namespace, service, desired);
  await untilShown(
    () => getJson<OverviewDocument>(overviewUrl, authorization),
    desired,
  );
  const documentMs = msSince(start);
  const documentBytes = (await bytesOnTheWire(overviewUrl, authorization))
    .bytes;

  const current = await getJson<OverviewDocument & { cursor?: string }>(
    overviewUrl,
    authorization,
  );
  const changesUrl = `${overviewUrl}/changes?cursor=${encodeURIComponent(
    current?.cursor ?? '',
  )}`;
  const probe = await bytesOnTheWire(changesUrl, authorization);
  if (probe.status === 404 || current?.cursor === undefined) {
    return { documentMs, documentBytes };
  }
  desired += 3;
  start = process.hrtime.bigint();
  await patchReplicas(cluster, namespace, service, desired);
  await untilShown(
    () => getJson<ChangesAnswer>(changesUrl, authorization),
    desired,
  );
  const ms = msSince(start);
  const answer = (await getJson<ChangesAnswer>(changesUrl, authorization))!;
  const wire = await bytesOnTheWire(changesUrl, authorization);
  return {
    documentMs,
    documentBytes,
    changes: {
      ms,
      bytes: wire.bytes,
      full: answer.full,
      services: answer.services.length,
    },
  };
}
