import {
  AuditorService,
  AuditorServiceEvent,
} from '@backstage/backend-plugin-api';
import { JsonObject } from '@backstage/types';
import {
  changeSeverity,
  DeliveryConfig,
  REFUSAL_SEVERITY,
} from '@internal/backstage-plugin-delivery-node';
import type { AuditEvent, AuditSink } from './hooks';

/** The auditor event of one action run: initiated, then succeeded or failed. */
export const DELIVERY_ACTION_EVENT = 'delivery-action';
/** The auditor event of one object a run changed. */
export const DELIVERY_CHANGE_EVENT = 'delivery-change';

/**
 * The frame's audit points (hooks.ts) as Backstage auditor events, which the auditor
 * writes wherever the portal sends them (by default the root logger, `isAuditEvent: true`):
 *
 * - `delivery-action`, one per run: initiated at `run-started`, succeeded at
 *   `run-finished`, failed at `run-failed` (with the error); an `action-refused` is one
 *   initiated and at once failed. Its meta: who (`initiatedBy`), what (`action`,
 *   `inputs`), where (`entityRef`, `environment`), the task, the run, the frame's `point`
 *   and, at the end, `status` and `summary`.
 * - `delivery-change`, one per changed object (`meta.change`, one line), initiated and
 *   succeeded at once, at `change-applied` or with `run-failed`.
 *
 * Severity: `high` in a production environment, `medium` elsewhere, and `medium` for
 * every refusal (auditSeverity). The scaffolder records each event's actor as itself
 * (there is no user request), so the user who started the task is `meta.initiatedBy`.
 */
export function auditorSink(options: {
  auditor: AuditorService;
  environments: DeliveryConfig['environments'];
}): AuditSink {
  const { auditor, environments } = options;
  // The run's event between its start and end; a recovered task starts a new one.
  const open = new Map<string, AuditorServiceEvent>();

  return {
    async emit(event: AuditEvent) {
      const { point, meta, error, ...who } = event;
      const { changes, ...facts } = meta;
      const severityLevel =
        point === 'action-refused'
          ? REFUSAL_SEVERITY
          : changeSeverity(environments, event.environment);
      const start = (eventId: string, more: JsonObject) =>
        auditor.createEvent({
          eventId,
          severityLevel,
          meta: { ...who, point, ...more },
        });

      for (const change of Array.isArray(changes) ? changes : [])
        await (await start(DELIVERY_CHANGE_EVENT, { change })).success();

      const key = event.runId ?? event.taskId;
      const end = async () => {
        const started =
          open.get(key) ?? (await start(DELIVERY_ACTION_EVENT, facts));
        open.delete(key);
        return started;
      };
      switch (point) {
        case 'action-refused':
          await (
            await start(DELIVERY_ACTION_EVENT, facts)
          ).fail({ error: error ?? new Error('refused') });
          return;
        case 'run-started':
          open.set(key, await start(DELIVERY_ACTION_EVENT, facts));
          return;
        case 'run-finished':
          await (await end()).success({ meta: { point, ...facts } });
          return;
        case 'run-failed':
          await (
            await end()
          ).fail({
            error: error ?? new Error(String(facts.summary)),
            meta: { point, ...facts },
          });
          return;
        default:
          // change-applied: its lines are the delivery-change events above.
          return;
      }
    },
  };
}
