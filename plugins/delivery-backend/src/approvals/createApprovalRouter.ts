import {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
import {
  deliveryEntityReadPermission,
  deliveryFailoverApprovePermission,
} from '@internal/backstage-plugin-delivery-common';
import { authorizeEntity } from '@internal/backstage-plugin-delivery-node';
import { normalizeRef } from '../validation';
import { RouteAudit } from '../audit/routeAudit';
import {
  approvalDecisionEvent,
  approvalRequestEvent,
} from '../audit/routeEvents';
import { DeliveryNotifications } from '../notifications/DeliveryNotifications';
import { userTheScaffolderActsFor } from '../permissions/scaffolderCaller';
import { createTypedRouter, DeliveryApiRouter } from '../schema/typedRouter';
import { ApprovalStore } from './ApprovalStore';

/** The shortest reason a requester may give, once blanks around it are removed. */
const MIN_REASON_LENGTH = 10;

/**
 * Approval requests of production failovers. The failover action (a service, with its
 * plugin token) asks for one and polls it; a second member of the platform team decides
 * it in the portal. Backstage has no approval step, so this is the one. Requests arrive
 * checked against the contract (see `createRouter`).
 */
export function createApprovalRouter(options: {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  /** The audit of the two writes (createRouteAudit). */
  audit: RouteAudit;
  store: ApprovalStore;
  /** The configured environments: a request names one of them. */
  environments: string[];
  /** `delivery.dr.approvalTimeoutMinutes`. */
  timeoutMinutes: number;
  /** Tells the platform team of a request, and the requester of its decision. */
  notifications: DeliveryNotifications;
}): DeliveryApiRouter {
  const { httpAuth, permissions, audit, store, environments, notifications } =
    options;
  const router = createTypedRouter();

  const findApproval = async (id: string) => {
    const approval = await store.get(id);
    if (!approval) throw new NotFoundError(`No approval request with id ${id}`);
    return approval;
  };

  router.post('/approvals', async (req, res) => {
    const approval = await audit(
      req,
      approvalRequestEvent(req.body),
      async () => {
        // The requester is who the scaffolder acts for, never a name in the body.
        const onBehalfOf = await userTheScaffolderActsFor(httpAuth, req);
        const body = req.body;
        if (!environments.includes(body.environment)) {
          throw new InputError(
            `environment: "${
              body.environment
            }" is not one of delivery.environments (${environments.join(
              ', ',
            )})`,
          );
        }
        // Trimming is not a JSON Schema rule, so the contract states this one in words.
        const reason = body.reason.trim();
        if (reason.length < MIN_REASON_LENGTH)
          throw new InputError(
            `reason: say why in at least ${MIN_REASON_LENGTH} characters`,
          );
        const now = new Date();
        return store.request(
          {
            ...body,
            reason,
            entityRef: normalizeRef(body.entityRef, 'entityRef'),
            requestedBy: onBehalfOf,
            expiresAt: new Date(
              now.getTime() + options.timeoutMinutes * 60_000,
            ),
          },
          now,
        );
      },
      asked => ({ requestedBy: asked.requestedBy, status: asked.status }),
    );
    // Once per request: a recovered task asking again is not a second request.
    await notifications.approvalRequested(approval);
    res.status(201).json(approval);
  });

  router.get('/approvals', async (req, res) => {
    const entityRef = normalizeRef(req.query.entityRef, 'entityRef');
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    await authorizeEntity(permissions, {
      credentials,
      permission: deliveryEntityReadPermission,
      entityRef,
      refusal: `Not allowed to read approval requests of ${entityRef}`,
    });
    res.json({ items: await store.list(entityRef) });
  });

  router.get('/approvals/:id', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const approval = await findApproval(req.params.id);
    await authorizeEntity(permissions, {
      credentials,
      permission: deliveryEntityReadPermission,
      entityRef: approval.entityRef,
      refusal: `Not allowed to read approval requests of ${approval.entityRef}`,
    });
    res.json(approval);
  });

  router.post('/approvals/:id/decision', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const { decision } = req.body;
    const approval = await findApproval(req.params.id);
    const by = credentials.principal.userEntityRef;
    const decided = await audit(
      req,
      approvalDecisionEvent(approval, decision),
      async () => {
        await authorizeEntity(permissions, {
          credentials,
          permission: deliveryFailoverApprovePermission,
          entityRef: approval.entityRef,
          refusal: `Not allowed to decide failovers of ${approval.entityRef}: only the platform team may`,
        });
        return store.decide(approval.id, decision, by);
      },
      result => ({ status: result.status }),
    );
    await notifications.approvalDecided(decided);
    res.json(decided);
  });

  return router;
}
