import { ClusterSnapshot } from './api';
import {
  OverviewDocument,
  OverviewEntity,
  OverviewPlacement,
} from './overview';

/**
 * What `GET /api/delivery/overview/changes?cursor=` answers: what changed in the caller's
 * overview since the cursor, so an open page receives a few services rather than the whole
 * document. {@link applyOverviewChanges} brings a document up to date with it.
 * @public
 */
export interface OverviewChanges {
  /** Where the caller stands after applying this answer: send it with the next request. */
  cursor: string;
  /**
   * True when this answer is the whole overview and replaces everything the caller has:
   * the cursor was unknown or too old, the clusters changed, or what the caller may read
   * changed.
   */
  full: boolean;
  generatedAt: string;
  /** Every cluster, always (their states move without any service changing). */
  clusters: ClusterSnapshot[];
  /** The services that changed since the cursor (or all, when `full`). */
  services: OverviewEntity[];
  /** ALL the placements of `services`, indexes into this answer's `services` and `clusters`. */
  placements: OverviewPlacement[];
  /** Entity refs no longer in the caller's overview. */
  removed: string[];
}

/**
 * What the backend broadcasts on {@link OVERVIEW_SIGNAL_CHANNEL} when the overview changed,
 * at most about once a second. Cursors are per caller (they carry what the caller may read),
 * so the signal says only the revision; each page then asks for the changes since its own
 * cursor.
 * @public
 */
export interface OverviewSignal {
  revision: number;
}

/** The signals channel the overview's changes are announced on. @public */
export const OVERVIEW_SIGNAL_CHANNEL = 'delivery:overview';

/**
 * `current` brought up to date with `changes`: a full answer replaces it; otherwise each
 * changed service replaces its old entry (in place, with all its placements), new services
 * come last, and removed ones go. Pure: `current` is left as it was. An answer without
 * any change still yields a new object (with a new version), so callers that want to keep
 * the same object when nothing changed check `services` and `removed` first.
 * @public
 */
export function applyOverviewChanges(
  current: OverviewDocument | undefined,
  changes: OverviewChanges,
): OverviewDocument {
  const { cursor, generatedAt, clusters } = changes;
  // The answer carries no version of its own; a new one tells readers the overview moved.
  const version = current ? current.version + 1 : 0;
  if (changes.full || !current) {
    return {
      version,
      cursor,
      generatedAt,
      clusters,
      services: changes.services,
      placements: changes.placements,
    };
  }
  const changed = new Map<string, number>();
  changes.services.forEach((service, index) =>
    changed.set(service.entityRef, index),
  );
  const gone = new Set(changes.removed);
  const placementsOf = groupPlacements(changes.placements);

  const services: OverviewEntity[] = [];
  const placements: OverviewPlacement[] = [];
  const add = (
    service: OverviewEntity,
    own: Omit<OverviewPlacement, 'service'>[],
  ) => {
    const index = services.length;
    services.push(service);
    for (const placement of own)
      placements.push({ ...placement, service: index });
  };
  const oldPlacements = groupPlacements(current.placements);
  const placed = new Set<string>();
  current.services.forEach((service, index) => {
    const ref = service.entityRef;
    if (gone.has(ref)) return;
    const replacement = changed.get(ref);
    if (replacement === undefined) {
      add(service, oldPlacements.get(index) ?? []);
      return;
    }
    placed.add(ref);
    add(changes.services[replacement], placementsOf.get(replacement) ?? []);
  });
  changes.services.forEach((service, index) => {
    if (placed.has(service.entityRef) || gone.has(service.entityRef)) return;
    add(service, placementsOf.get(index) ?? []);
  });
  return {
    version,
    cursor,
    generatedAt,
    clusters,
    services,
    placements,
  };
}

function groupPlacements(
  placements: OverviewPlacement[],
): Map<number, Omit<OverviewPlacement, 'service'>[]> {
  const byService = new Map<number, Omit<OverviewPlacement, 'service'>[]>();
  for (const { service, ...placement } of placements) {
    const list = byService.get(service);
    if (list) list.push(placement);
    else byService.set(service, [placement]);
  }
  return byService;
}
