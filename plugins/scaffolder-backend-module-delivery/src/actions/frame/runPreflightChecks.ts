import {
  BackstageCredentials,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError } from '@backstage/errors';
import { JsonObject } from '@backstage/types';
import { deliveryPreflightOverridePermission } from '@internal/backstage-plugin-delivery-common';
import { authorizeEntity } from '@internal/backstage-plugin-delivery-node';
import type { PreflightCheck, PreflightContext } from './hooks';

/** A written reason is a sentence, not "ok": the run history keeps it for the next reader. */
const MIN_REASON_LENGTH = 10;

/**
 * The override reason as given, trimmed; undefined when none was given. Its length is
 * checked only when it overrides something (the migrate action's safety lint reads the
 * same input and words its own refusal).
 */
export function readOverrideReason(value: unknown): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string')
    throw new InputError('overrideReason: must be a string');
  return value.trim();
}

/** A reason that overrides a refusal, refused when too short to tell the next reader why. */
function checkedReason(reason: string, refusal: string): string {
  if (reason.length < MIN_REASON_LENGTH)
    throw new InputError(
      `overrideReason: "${reason}" is too short to override "${refusal}"; write at least ${MIN_REASON_LENGTH} characters saying why the action must go ahead`,
    );
  return reason;
}

/**
 * Runs the preflight checks that apply to the action, in order, each logging what it found
 * in the task log. The first refusal stops the action before anything changes, unless it
 * is overridable and the initiator gave `overrideReason` and holds
 * `delivery.preflight.override` (asked of the permission framework, on the server). Returns
 * what the run keeps: `{ preflight: { <check>: { result, ... } } }`.
 */
export async function runPreflightChecks(options: {
  checks: readonly PreflightCheck[];
  context: PreflightContext;
  overrideReason?: string;
  permissions: PermissionsService;
  credentials: BackstageCredentials;
  /** Who started the task, as the log and the run name them. */
  initiatedBy: string;
  logger: LoggerService;
}): Promise<JsonObject> {
  const { context, overrideReason, logger } = options;
  const found: JsonObject = {};
  let overrideUsed = false;
  for (const preflight of options.checks) {
    if (preflight.actions && !preflight.actions.includes(context.action))
      continue;
    const finding = await preflight.check(context);
    const recorded = finding.recorded ?? {};
    if (!finding.refusal) {
      logger.info(`Preflight ${preflight.name}: ${finding.passed ?? 'passed'}`);
      found[preflight.name] = {
        result: 'passed',
        ...(finding.passed ? { finding: finding.passed } : {}),
        ...recorded,
      };
      continue;
    }
    if (!finding.overridable)
      throw new NotAllowedError(
        `${preflight.name}: ${finding.refusal}. Nothing was changed`,
      );
    if (!overrideReason)
      throw new NotAllowedError(
        `${preflight.name}: ${finding.refusal}. Nothing was changed; the platform team may go ahead anyway with a written overrideReason`,
      );
    const reason = checkedReason(overrideReason, finding.refusal);
    await authorizeEntity(options.permissions, {
      credentials: options.credentials,
      permission: deliveryPreflightOverridePermission,
      entityRef: context.plan.entityRef,
      refusal: `${preflight.name}: ${finding.refusal}. Only the platform team may override it (delivery.preflight.override); nothing was changed`,
    });
    overrideUsed = true;
    logger.warn(
      `Preflight ${preflight.name}: ${finding.refusal}. Overridden by ${options.initiatedBy}: "${reason}"`,
    );
    found[preflight.name] = {
      result: 'overridden',
      refusal: finding.refusal,
      overriddenBy: options.initiatedBy,
      reason,
      ...recorded,
    };
  }
  if (overrideReason && !overrideUsed)
    logger.info('Preflight: every check passed; overrideReason was not needed');
  return Object.keys(found).length ? { preflight: found } : {};
}
