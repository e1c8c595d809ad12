import { Interner, NO_POOL } from './StringPool';

/**
 * Velero's `velero.io/v1` Backups and Schedules reduced to what the DR backup check reads
 * (field names as in velero-io/velero `pkg/apis/velero/v1/backup_types.go` and
 * `schedule_types.go`). A Velero install keeps months of Backups, so a row holds only
 * names, phase, coverage and times.
 */
type Json = any;

/** The label Velero puts on every Backup a Schedule creates. */
export const LABEL_VELERO_SCHEDULE = 'velero.io/schedule-name';

/** `status.phase` values of a Backup that end it; the in-between ones are ignored. */
export const VELERO_BACKUP_PHASES = {
  completed: 'Completed',
  partiallyFailed: 'PartiallyFailed',
  failed: 'Failed',
  failedValidation: 'FailedValidation',
} as const;

const FAILED_PHASES: readonly string[] = [
  VELERO_BACKUP_PHASES.partiallyFailed,
  VELERO_BACKUP_PHASES.failed,
  VELERO_BACKUP_PHASES.failedValidation,
];

/** Whether a Backup phase says the backup ended without (all of) its data. */
export const isFailedVeleroPhase = (phase: string | undefined) =>
  phase !== undefined && FAILED_PHASES.includes(phase);

/** A Backup, for the DR backup check. */
export interface CompactVeleroBackup {
  namespace: string;
  name: string;
  /** `status.phase`; absent on a Backup Velero has not picked up yet. */
  phase?: string;
  /** `spec.includedNamespaces`; empty or `*` means every namespace. */
  includedNamespaces: readonly string[];
  excludedNamespaces: readonly string[];
  startedAt?: string;
  completedAt?: string;
  /** The Schedule that created it (`velero.io/schedule-name`). */
  schedule?: string;
}

/** When a Backup ended: its completion (recorded on failures too), else its start. */
export const endedAt = (
  backup: Pick<CompactVeleroBackup, 'completedAt' | 'startedAt'>,
): string | undefined => backup.completedAt ?? backup.startedAt;

/** A Schedule, for the DR backup check's advice. */
export interface CompactVeleroSchedule {
  namespace: string;
  name: string;
  /** `spec.schedule`, a cron expression. */
  schedule: string;
  paused: boolean;
  includedNamespaces: readonly string[];
  excludedNamespaces: readonly string[];
  /** `status.lastBackup`. */
  lastBackup?: string;
}

/** A namespace list as written; the same lists repeat on every Backup of a Schedule. */
function namespaces(value: Json, pool: Interner): readonly string[] {
  const list: string[] = Array.isArray(value)
    ? value.filter((v: Json) => typeof v === 'string')
    : [];
  return pool.share(`velero-ns:${JSON.stringify(list)}`, () =>
    Object.freeze(list.map(ns => pool.intern(ns))),
  );
}

export function compactVeleroBackup(
  object: Json,
  pool: Interner = NO_POOL,
): CompactVeleroBackup {
  const spec = object.spec ?? {};
  const status = object.status ?? {};
  return {
    namespace: pool.intern(object.metadata?.namespace ?? ''),
    name: object.metadata?.name ?? '',
    phase: pool.intern(status.phase),
    includedNamespaces: namespaces(spec.includedNamespaces, pool),
    excludedNamespaces: namespaces(spec.excludedNamespaces, pool),
    startedAt: status.startTimestamp,
    completedAt: status.completionTimestamp,
    schedule: pool.intern(object.metadata?.labels?.[LABEL_VELERO_SCHEDULE]),
  };
}

export function compactVeleroSchedule(
  object: Json,
  pool: Interner = NO_POOL,
): CompactVeleroSchedule {
  const spec = object.spec ?? {};
  const template = spec.template ?? {};
  return {
    namespace: pool.intern(object.metadata?.namespace ?? ''),
    name: object.metadata?.name ?? '',
    schedule: pool.intern(spec.schedule ?? ''),
    paused: Boolean(spec.paused),
    includedNamespaces: namespaces(template.includedNamespaces, pool),
    excludedNamespaces: namespaces(template.excludedNamespaces, pool),
    lastBackup: object.status?.lastBackup,
  };
}

/**
 * Whether a Backup (or a Schedule's template) takes the objects of `namespace`: included
 * by name or by `*` (or by an empty list, Velero's "all"), and not excluded.
 */
export function coversNamespace(
  backup: Pick<
    CompactVeleroBackup,
    'includedNamespaces' | 'excludedNamespaces'
  >,
  namespace: string,
): boolean {
  const included = backup.includedNamespaces;
  const all = included.length === 0 || included.includes('*');
  if (!all && !included.includes(namespace)) return false;
  return !backup.excludedNamespaces.includes(namespace);
}
