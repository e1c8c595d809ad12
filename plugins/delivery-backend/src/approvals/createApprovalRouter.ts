import {
  AuditorService,
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  AuthorizeResult,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import {
  deliveryEntityReadPermission,
  deliveryFailoverApprovePermission,
} from '@internal/backstage-plugin-delivery-common';
import express from 'express';
import Router from 'express-promise-router';
import {
  approvalId,
  decisionBody,
  listApprovalsQuery,
  requestApprovalBody,
} from './approvalInput';
import { normalizeRef, parseInput } from '../validation';
import { ApprovalStore } from './ApprovalStore';

/** Where the router is mounted under `/api/delivery`. */
export const APPROVALS_PATH = '/approvals';

/**
 * Approval requests of production failovers. The failover action (a service, with its
 * plugin token) asks for one and polls it; a second member of the platform team decides
 * it in the portal. Backstage has no approval step, so this is the one.
 */
export function createApprovalRouter(options: {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  auditor: AuditorService;
  store: ApprovalStore;
  /** The configured environments: a request names one of them. */
  environments: string[];
  /** `delivery.dr.approvalTimeoutMinutes`. */
  timeoutMinutes: number;
}): express.Router {
  const { httpAuth, permissions, auditor, store, environments } = options;
  const router = Router();
  router.use(express.json());

  const authorize = async (
    credentials: BackstageCredentials,
    permission: ResourcePermission<'catalog-entity'>,
    entityRef: string,
    refusal: string,
  ) => {
    const [decision] = await permissions.authorize(
      [{ permission, resourceRef: entityRef }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(refusal);
    }
  };

  const findApproval = async (rawId: string) => {
    const id = parseInput(approvalId, rawId, 'id');
    const approval = await store.get(id);
    if (!approval) throw new NotFoundError(`No approval request with id ${id}`);
    return approval;
  };

  router.post(APPROVALS_PATH, async (req, res) => {
    await httpAuth.credentials(req, { allow: ['service'] });
    const body = parseInput(requestApprovalBody, req.body);
    if (!environments.includes(body.environment)) {
      throw new InputError(
        `environment: "${
          body.environment
        }" is not one of delivery.environments (${environments.join(', ')})`,
      );
    }
    const now = new Date();
    const approval = await store.request(
      {
        ...body,
        entityRef: normalizeRef(body.entityRef, 'entityRef'),
        requestedBy: normalizeRef(body.requestedBy, 'requestedBy', 'user'),
        expiresAt: new Date(now.getTime() + options.timeoutMinutes * 60_000),
      },
      now,
    );
    res.status(201).json(approval);
  });

  router.get(APPROVALS_PATH, async (req, res) => {
    const entityRef = normalizeRef(
      parseInput(listApprovalsQuery, req.query).entityRef,
      'entityRef',
    );
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    await authorize(
      credentials,
      deliveryEntityReadPermission,
      entityRef,
      `Not allowed to read approval requests of ${entityRef}`,
    );
    res.json({ items: await store.list(entityRef) });
  });

  router.get(`${APPROVALS_PATH}/:id`, async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const approval = await findApproval(req.params.id);
    await authorize(
      credentials,
      deliveryEntityReadPermission,
      approval.entityRef,
      `Not allowed to read approval requests of ${approval.entityRef}`,
    );
    res.json(approval);
  });

  router.post(`${APPROVALS_PATH}/:id/decision`, async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const { decision } = parseInput(decisionBody, req.body);
    const approval = await findApproval(req.params.id);
    const by = credentials.principal.userEntityRef;
    const audit = await auditor.createEvent({
      eventId: 'failover-approval',
      severityLevel: 'high',
      request: req,
      meta: {
        approvalId: approval.id,
        entityRef: approval.entityRef,
        environment: approval.environment,
        mode: approval.mode,
        requestedBy: approval.requestedBy,
        decision,
      },
    });
    try {
      await authorize(
        credentials,
        deliveryFailoverApprovePermission,
        approval.entityRef,
        `Not allowed to decide failovers of ${approval.entityRef}: only the platform team may`,
      );
      const decided = await store.decide(approval.id, decision, by);
      await audit.success({ meta: { status: decided.status } });
      res.json(decided);
    } catch (error) {
      await audit.fail({ error: error as Error });
      throw error;
    }
  });

  return router;
}
