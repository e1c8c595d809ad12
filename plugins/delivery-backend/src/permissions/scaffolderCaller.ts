import {
  BackstageCredentials,
  HttpAuthService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import express from 'express';

/** The scaffolder's principal: the plugin that runs the Delivery actions. */
export const SCAFFOLDER_SUBJECT = 'plugin:scaffolder';

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
 * Admits only the scaffolder plugin to the routes its Delivery actions use (the run store's
 * writes, approval requests, DR operations): its own service token, or a plugin token it got
 * on behalf of the task's initiator (`auth.getPluginRequestToken({ onBehalfOf })`, which the
 * backend verifies into a user principal whose actor is the scaffolder). Anyone else, a user
 * or another plugin, is refused: nothing but a task may record a run or fail a service over.
 */
export async function scaffolderCaller(
  httpAuth: HttpAuthService,
  req: express.Request,
): Promise<ScaffolderCaller> {
  const credentials = await httpAuth.credentials(req, {
    allow: ['user', 'service'],
  });
  const { principal } = credentials;
  const fromScaffolder =
    principal.type === 'service'
      ? principal.subject === SCAFFOLDER_SUBJECT
      : principal.actor?.subject === SCAFFOLDER_SUBJECT;
  if (!fromScaffolder)
    throw new NotAllowedError(
      `Only the scaffolder's Delivery actions may call ${req.method} ${req.baseUrl}${req.path}`,
    );
  return principal.type === 'user'
    ? { credentials, onBehalfOf: principal.userEntityRef }
    : { credentials };
}

/**
 * {@link scaffolderCaller} for a route that records who acted (starting a run, asking for an
 * approval): the scaffolder must call it on behalf of the task's initiator, who is returned.
 */
export async function userTheScaffolderActsFor(
  httpAuth: HttpAuthService,
  req: express.Request,
): Promise<string> {
  const { onBehalfOf } = await scaffolderCaller(httpAuth, req);
  if (!onBehalfOf)
    throw new NotAllowedError(
      `${req.method} ${req.baseUrl}${req.path} records who acted: the scaffolder must call it on behalf of the task's initiator`,
    );
  return onBehalfOf;
}
