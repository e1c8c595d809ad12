import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { DR_FAILOVER_MODES } from '@internal/backstage-plugin-delivery-common';
import { z } from 'zod/v3';

const entityRef = z.string().min(1, 'entityRef is required');

export const approvalId = z.string().uuid();

/** What the failover action sends when it asks for an approval. */
export const requestApprovalBody = z
  .object({
    id: approvalId,
    entityRef,
    environment: z.string().min(1).max(63),
    mode: z.enum(DR_FAILOVER_MODES),
    taskId: z.string().max(64).optional(),
    requestedBy: z.string().min(1).max(255),
    reason: z
      .string()
      .trim()
      .min(10, 'say why in at least 10 characters')
      .max(500, 'at most 500 characters'),
  })
  .strict();

export const listApprovalsQuery = z.object({ entityRef });

export const decisionBody = z
  .object({ decision: z.enum(['approve', 'reject']) })
  .strict();

/** Parses with `schema`, or throws an InputError naming the first bad field. */
export function parseInput<T extends z.ZodTypeAny>(
  schema: T,
  input: unknown,
  field?: string,
): z.infer<T> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    if (issue.code === 'unrecognized_keys') {
      throw new InputError(
        `${issue.keys.join(', ')}: not a field of this request`,
      );
    }
    const path = field ?? issue.path.join('.');
    throw new InputError(`${path}: ${issue.message}`);
  }
  return parsed.data;
}

/** An entity ref in its canonical form, or an InputError naming `field`. */
export function normalizeRef(
  raw: string,
  field: string,
  defaultKind?: string,
): string {
  try {
    const ref = parseEntityRef(raw, {
      defaultKind,
      defaultNamespace: 'default',
    });
    if (defaultKind && ref.kind.toLocaleLowerCase('en-US') !== defaultKind) {
      throw new Error(`must be a ${defaultKind} entity ref, not ${raw}`);
    }
    return stringifyEntityRef(ref);
  } catch (error) {
    throw new InputError(`${field}: ${(error as Error).message}`);
  }
}
