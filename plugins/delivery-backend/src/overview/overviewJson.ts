import { ClusterSnapshot } from '@internal/backstage-plugin-delivery-common';
import { ServiceRecord } from './OverviewRecords';

/** A record's JSON: the service, and each placement without its leading `{`. */
interface RecordJson {
  service: string;
  placements: string[];
}

// Records are replaced, never changed, when their service changes: a record's JSON is
// written once, and goes with it.
const written = new WeakMap<ServiceRecord, RecordJson>();

function jsonOf(record: ServiceRecord): RecordJson {
  let json = written.get(record);
  if (!json) {
    json = {
      service: JSON.stringify(record.service),
      placements: record.placements.map(p => JSON.stringify(p).slice(1)),
    };
    written.set(record, json);
  }
  return json;
}

/**
 * The overview document (`OverviewDocument`) of the records `keep` accepts, as JSON, from
 * each record's JSON written once: a change re-serialises only the services that changed,
 * so answering a new revision of a 10,000-service overview costs joining strings rather
 * than serialising megabytes of objects.
 */
export function overviewJson(
  head: {
    version: number;
    generatedAt: string;
    cursor: string;
    clusters: ClusterSnapshot[];
  },
  records: Iterable<ServiceRecord>,
  keep: (entityRef: string) => boolean,
): string {
  const services: string[] = [];
  const placements: string[] = [];
  for (const record of records) {
    if (!keep(record.service.entityRef)) continue;
    const json = jsonOf(record);
    const index = services.length;
    services.push(json.service);
    for (const placement of json.placements)
      placements.push(`{"service":${index},${placement}`);
  }
  return `{"version":${head.version},"generatedAt":${JSON.stringify(
    head.generatedAt,
  )},"cursor":${JSON.stringify(head.cursor)},"clusters":${JSON.stringify(
    head.clusters,
  )},"services":[${services.join(',')}],"placements":[${placements.join(
    ',',
  )}]}`;
}
