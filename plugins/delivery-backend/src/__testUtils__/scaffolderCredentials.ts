import { mockCredentials } from '@backstage/backend-test-utils';
import { SCAFFOLDER_SUBJECT } from '../permissions/scaffolderCaller';

/** The Authorization header of a plugin calling with its own service token. */
export const serviceHeader = (subject: string) =>
  mockCredentials.service.header({
    onBehalfOf: mockCredentials.service(subject),
    targetPluginId: 'delivery',
  });

/**
 * The Authorization headers the Delivery scaffolder actions send: the scaffolder's own
 * service token, or a plugin token on behalf of a user (the task's initiator), which the
 * backend verifies into that user acted for by the scaffolder.
 */
export const scaffolderHeader = {
  own: () => serviceHeader(SCAFFOLDER_SUBJECT),
  onBehalfOf: (userEntityRef: string) =>
    `Bearer ${mockCredentials.user.token(userEntityRef, {
      actor: { subject: SCAFFOLDER_SUBJECT },
    })}`,
};
