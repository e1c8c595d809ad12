import { AuditorService } from '@backstage/backend-plugin-api';
import { JsonObject } from '@backstage/types';
import {
  changeSeverity,
  DeliveryConfig,
  redactError,
  redactSecrets,
} from '@internal/backstage-plugin-delivery-node';
import express from 'express';

/** What a mutating route's audit event says before the work: what was asked, where. */
export interface RouteAuditEvent {
  /** The event's id, e.g. `run-start`; the auditor prefixes the plugin id (`delivery.`). */
  eventId: string;
  /** The environment the change is in: its severity, `high` in production. */
  environment?: string;
  meta: JsonObject;
}

/**
 * Runs a route's work inside one auditor event: initiated before it, succeeded (with what
 * `outcome` adds) or failed (with the error) after it, a refusal included. The request goes
 * with the event, so the auditor records who called (the user the scaffolder acted for, or
 * the scaffolder itself); meta and error are redacted (redactSecrets).
 */
export type RouteAudit = <T>(
  request: express.Request<any, any, any, any, any>,
  event: RouteAuditEvent,
  work: () => Promise<T>,
  outcome?: (result: T) => JsonObject,
) => Promise<T>;

/** The {@link RouteAudit} of the Delivery backend: severity from `delivery.environments`. */
export function createRouteAudit(options: {
  auditor: AuditorService;
  environments: DeliveryConfig['environments'];
}): RouteAudit {
  const { auditor, environments } = options;
  return async (request, event, work, outcome) => {
    const audit = await auditor.createEvent({
      eventId: event.eventId,
      severityLevel: changeSeverity(environments, event.environment),
      request,
      meta: redactSecrets(event.meta),
    });
    let result: Awaited<ReturnType<typeof work>>;
    try {
      result = await work();
    } catch (error) {
      await audit.fail({ error: redactError(error) });
      throw error;
    }
    await audit.success({ meta: redactSecrets(outcome?.(result) ?? {}) });
    return result;
  };
}
