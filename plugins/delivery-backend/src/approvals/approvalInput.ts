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
