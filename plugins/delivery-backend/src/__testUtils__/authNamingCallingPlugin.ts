import {
  AuthService,
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';

/**
 * The mock auth service, except that a plugin calling another on behalf of a user names
 * itself in the token, as the real auth service's on-behalf-of tokens do (the actor).
 *
 * The plain mock drops the caller, so the real permission backend takes every such call
 * for the user's own and refuses its conditional requests ("Direct user requests without
 * a resourceRef are not allowed"): the catalog could not list entities for a user.
 */
export const authNamingCallingPlugin = createServiceFactory({
  service: coreServices.auth,
  deps: { plugin: coreServices.pluginMetadata },
  factory({ plugin }): AuthService {
    const auth = mockServices.auth({ pluginId: plugin.getId() });
    return {
      authenticate: (token, options) => auth.authenticate(token, options),
      getNoneCredentials: () => auth.getNoneCredentials(),
      getOwnServiceCredentials: () => auth.getOwnServiceCredentials(),
      isPrincipal: auth.isPrincipal.bind(auth) as AuthService['isPrincipal'],
      getLimitedUserToken: credentials => auth.getLimitedUserToken(credentials),
      listPublicServiceKeys: () => auth.listPublicServiceKeys(),
      async getPluginRequestToken(options) {
        const { onBehalfOf } = options;
        if (!auth.isPrincipal(onBehalfOf, 'user')) {
          return auth.getPluginRequestToken(options);
        }
        const { userEntityRef } = onBehalfOf.principal;
        return {
          token: mockCredentials.user.token(userEntityRef, {
            actor: { subject: `plugin:${plugin.getId()}` },
          }),
        };
      },
    };
  },
});
