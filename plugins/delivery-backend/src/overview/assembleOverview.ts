import {
  ClusterSnapshot,
  OverviewEntity,
  OverviewPlacement,
} from '@internal/backstage-plugin-delivery-common';
import { OverviewRecords } from './OverviewRecords';

/** The whole overview at one revision, for every caller before filtering. */
export interface OverviewAtRevision {
  revision: number;
  generatedAt: string;
  clusters: ClusterSnapshot[];
  services: OverviewEntity[];
  placements: OverviewPlacement[];
}

/** Every service of the records, numbered, with its placements pointing at it. */
export function assembleOverview(
  revision: number,
  clusters: ClusterSnapshot[],
  records: OverviewRecords,
): OverviewAtRevision {
  const services: OverviewEntity[] = [];
  const placements: OverviewPlacement[] = [];
  for (const record of records.values()) {
    const service = services.length;
    services.push(record.service);
    for (const placement of record.placements)
      placements.push({ ...placement, service });
  }
  return {
    revision,
    generatedAt: new Date().toISOString(),
    clusters,
    services,
    placements,
  };
}
