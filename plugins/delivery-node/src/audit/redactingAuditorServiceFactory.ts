import {
  AuditorServiceEventSeverityLevel,
  coreServices,
  createServiceFactory,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import {
  AuditorEvent,
  DefaultAuditorService,
} from '@backstage/backend-defaults/auditor';
import { redactError, redactSecrets, redactText } from './redactSecrets';

type LogLevel = 'debug' | 'info' | 'warn' | 'error';
const LOG_LEVELS: readonly string[] = ['debug', 'info', 'warn', 'error'];

/**
 * The log level of each severity, as Backstage's default auditor reads it from
 * `backend.auditor.severityLogLevelMappings` (`low` at debug, the rest at info).
 */
function severityLogLevels(
  config: RootConfigService,
): Record<AuditorServiceEventSeverityLevel, LogLevel> {
  const levels = {
    low: 'debug',
    medium: 'info',
    high: 'info',
    critical: 'info',
  } as Record<AuditorServiceEventSeverityLevel, LogLevel>;
  for (const severity of Object.keys(levels) as Array<keyof typeof levels>) {
    const key = `backend.auditor.severityLogLevelMappings.${severity}`;
    const level = config.getOptionalString(key);
    if (level === undefined) continue;
    if (!LOG_LEVELS.includes(level))
      throw new Error(
        `${key}: "${level}" is not one of ${LOG_LEVELS.join(', ')}`,
      );
    levels[severity] = level as LogLevel;
  }
  return levels;
}

/**
 * Backstage's default auditor, writing through the plugin's logger with
 * `isAuditEvent: true` exactly as it does, except that every event's meta, request URL and
 * error pass the redaction (redactSecrets) first. Other plugins' events need it too: the
 * scaffolder's own `task` event records a task's parameters as they were typed, so a
 * smoke URL with a password in it would reach the audit log there.
 *
 * Install it in the backend in place of the default: `backend.add(redactingAuditorServiceFactory)`.
 * @public
 */
export const redactingAuditorServiceFactory = createServiceFactory({
  service: coreServices.auditor,
  deps: {
    config: coreServices.rootConfig,
    logger: coreServices.logger,
    auth: coreServices.auth,
    httpAuth: coreServices.httpAuth,
    plugin: coreServices.pluginMetadata,
  },
  factory({ config, logger, auth, httpAuth, plugin }) {
    const auditLogger = logger.child({ isAuditEvent: true });
    const levels = severityLogLevels(config);
    return DefaultAuditorService.create(
      (event: AuditorEvent) => {
        const message = `${event.plugin}.${event.eventId}`;
        const level = levels[event.severityLevel];
        const safe = {
          ...event,
          meta: redactSecrets(event.meta),
          request: event.request && {
            ...event.request,
            url: redactText(event.request.url),
          },
        };
        if (safe.status === 'failed') {
          const { error, ...fields } = safe;
          auditLogger.child(fields)[level](message, redactError(error));
        } else {
          auditLogger[level](message, safe);
        }
      },
      { plugin, auth, httpAuth },
    );
  },
});
