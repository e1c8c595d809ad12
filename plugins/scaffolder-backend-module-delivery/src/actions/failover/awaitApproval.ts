import {
  dataOf,
  DeliveryApiClient,
  DrFailoverMode,
} from '@internal/backstage-plugin-delivery-common';
import { randomUUID } from 'node:crypto';
import { sleep } from '../../kube/kubeCall';
import { FailoverContext } from './FailoverContext';

/**
 * A production switchover or failover waits here until a second member of the platform team
 * approves it on the service's Actions card. The request's id is kept in a checkpoint, so a
 * recovered task waits on the same request instead of asking again. Rejected or expired:
 * the run fails before anything changed.
 */
export async function awaitApproval(
  ctx: FailoverContext,
  request: {
    mode: DrFailoverMode;
    taskId: string;
    reason: string;
    /** The Delivery backend on behalf of who started the failover: they are the requester. */
    asRequester: DeliveryApiClient;
  },
): Promise<string> {
  const { asRequester, ...asked } = request;
  const id = await ctx.checkpoint('failover.approval-id.v1', async () =>
    randomUUID(),
  );
  let approval = dataOf(
    await asRequester.request('post', '/approvals', {
      body: {
        id,
        entityRef: ctx.target.entityRef,
        environment: ctx.target.environment,
        ...asked,
      },
    }),
  );
  ctx.logger.info(
    `Waiting for a second member of the platform team to approve this ${request.mode} on the Actions card of ${ctx.target.entityRef} (request ${id}, expires ${approval.expiresAt})`,
  );
  let lastLog = Date.now();
  while (approval.status === 'pending') {
    await sleep(ctx.pollMs, ctx.signal);
    approval = dataOf(
      await ctx.client.request('get', '/approvals/{id}', {
        params: { path: { id } },
      }),
    );
    if (approval.status === 'pending' && Date.now() - lastLog >= 60_000) {
      lastLog = Date.now();
      ctx.logger.info(
        `Still waiting for approval (expires ${approval.expiresAt})`,
      );
    }
  }
  if (approval.status !== 'approved')
    throw new Error(
      approval.status === 'expired'
        ? `approval: nobody approved the ${request.mode} before ${approval.expiresAt}; nothing was changed`
        : `approval: ${approval.decidedBy} rejected the ${request.mode} at ${approval.decidedAt}; nothing was changed`,
    );
  return `approved by ${approval.decidedBy} at ${approval.decidedAt}`;
}
