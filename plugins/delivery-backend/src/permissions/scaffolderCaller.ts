import {
  BackstageCredentials,
  HttpAuthService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import express from 'express';

/** The scaffolder's principal: the plugin that runs the Delivery actions in templates. */
export const SCAFFOLDER_SUBJECT = 'plugin:scaffolder';

/**
 * The Delivery plugin's own principal: its agent actions module runs the same actions for
 * the actions registry (MCP). Only code inside the Delivery plugin can issue its tokens.
 */
export const DELIVERY_SUBJECT = 'plugin:delivery';

/** The plugins that run Delivery actions, and so may record runs and call DR operations. */
const ACTION_RUNNERS = new Set([SCAFFOLDER_SUBJECT, DELIVERY_SUBJECT]);

/** Who called a route meant for the scaffolder. */
export interface ScaffolderCaller {
  credentials: BackstageCredentials;
  /**
   * The user the scaffolder called on behalf of (the task's initiator), from the token's
   * limited user token; absent when it called with its own service token.
   */
  onBehalfOf?: string;
}

/**
 * Admits only the runners of Delivery actions to the routes those actions use (the run
 * store's writes, approval requests, DR operations): the scaffolder, and the Delivery
 * plugin's own agent actions module. Each calls with its own service token, or a plugin
 * token it got on behalf of the user it acts for (`auth.getPluginRequestToken({ onBehalfOf
 * })`, which the backend verifies into a user principal whose actor is that plugin). Anyone
 * else, a user or another plugin, is refused: nothing but an action that went through the
 * action frame may record a run or fail a service over.
 */
export async function scaffolderCaller(
  httpAuth: HttpAuthService,
  req: express.Request,
): Promise<ScaffolderCaller> {
  const credentials = await httpAuth.credentials(req, {
    allow: ['user', 'service'],
  });
  const { principal } = credentials;
  const runner =
    principal.type === 'service' ? principal.subject : principal.actor?.subject;
  if (!runner || !ACTION_RUNNERS.has(runner))
    throw new NotAllowedError(
      `Only Delivery's actions (the scaffolder's, or the Delivery agent actions) may call ${req.method} ${req.baseUrl}${req.path}`,
    );
  return principal.type === 'user'
    ? { credentials, onBehalfOf: principal.userEntityRef }
    : { credentials };
}

/**
 * {@link scaffolderCaller} for a route that records who acted (starting a run, asking for an
 * approval): the runner must call it on behalf of the user it acts for (the task's
 * initiator, or the agent's user), who is returned.
 */
export async function userTheScaffolderActsFor(
  httpAuth: HttpAuthService,
  req: express.Request,
): Promise<string> {
  const { onBehalfOf } = await scaffolderCaller(httpAuth, req);
  if (!onBehalfOf)
    throw new NotAllowedError(
      `${req.method} ${req.baseUrl}${req.path} records who acted: call it on behalf of the user the action runs for`,
    );
  return onBehalfOf;
}
