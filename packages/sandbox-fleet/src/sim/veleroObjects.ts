import { preferredType, storageKey } from '../api/resources';

/** Storage keys of Velero's custom resources (velero.io/v1). */
export const VELERO_KINDS = {
  backup: storageKey(preferredType('Backup')),
  schedule: storageKey(preferredType('Schedule')),
};

/** The namespace `velero install` puts Velero and its objects in. */
export const VELERO_NAMESPACE = 'velero';

/** The label Velero puts on the Backups a Schedule creates. */
export const LABEL_VELERO_SCHEDULE = 'velero.io/schedule-name';

/** How long a simulated Velero Backup runs before it is Completed. */
export const VELERO_BACKUP_MS = 60_000;

/** A Schedule's Backup name, as Velero forms it: `<schedule>-YYYYMMDDHHMMSS` (UTC). */
export function scheduledBackupName(schedule: string, at: number): string {
  const stamp = new Date(at).toISOString().replace(/[-:T]/g, '').slice(0, 14);
  return `${schedule}-${stamp}`;
}
