import {
  coreServices,
  createServiceFactory,
  LoggerService,
  RootLoggerService,
} from '@backstage/backend-plugin-api';

/** One audit event as Backstage's default auditor wrote it through the root logger. */
export interface AuditLine {
  /** `<pluginId>.<eventId>`, e.g. `scaffolder.delivery-action`. */
  message: string;
  plugin?: string;
  eventId?: string;
  severityLevel?: string;
  status?: 'initiated' | 'succeeded' | 'failed';
  actor?: { actorId?: string };
  request?: { method?: string; url?: string };
  meta?: Record<string, any>;
  /** The error of a failed event, as the logger received it. */
  error?: { name: string; message: string; stack?: string };
  /** The log level it was written at. */
  level: string;
}

type Fields = Record<string, unknown>;

/** A root logger that keeps the lines marked `isAuditEvent` and drops the rest. */
class AuditCapturingLogger implements RootLoggerService {
  constructor(
    private readonly lines: AuditLine[],
    private readonly fields: Fields = {},
  ) {}

  error(message: string, meta?: Error | Fields) {
    this.write('error', message, meta);
  }
  warn(message: string, meta?: Error | Fields) {
    this.write('warn', message, meta);
  }
  info(message: string, meta?: Error | Fields) {
    this.write('info', message, meta);
  }
  debug(message: string, meta?: Error | Fields) {
    this.write('debug', message, meta);
  }
  child(meta: Fields): LoggerService {
    return new AuditCapturingLogger(this.lines, { ...this.fields, ...meta });
  }

  private write(level: string, message: string, meta?: Error | Fields) {
    // The default auditor passes a failed event's error as the meta argument.
    const fields: Fields =
      meta instanceof Error
        ? {
            ...this.fields,
            error: {
              name: meta.name,
              message: meta.message,
              stack: meta.stack,
            },
          }
        : { ...this.fields, ...meta };
    if (!fields.isAuditEvent) return;
    this.lines.push({ ...(fields as Partial<AuditLine>), message, level });
  }
}

/**
 * The root logger of a test backend replaced by one that keeps every audit event Backstage's
 * default auditor writes (the lines with `isAuditEvent: true`), in order, so a test reads
 * the audit log an adopter's log pipeline would receive. Other lines are dropped.
 * Pass `factory` to `startTestBackend` with the other features.
 * @public
 */
export function capturedAuditLog() {
  const lines: AuditLine[] = [];
  return {
    lines,
    factory: createServiceFactory({
      service: coreServices.rootLogger,
      deps: {},
      factory: () => new AuditCapturingLogger(lines),
    }),
  };
}
