import {
  AuthService,
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';

/**
 * The mock auth service of one plugin, except that calling another plugin on behalf of a
 * user names the caller in the token, as the real auth service's on-behalf-of tokens do
 * (the user principal's `actor`).
 *
 * The plain mock drops the caller, so the real permission backend takes every such call
 * for the user's own and refuses its conditional requests ("Direct user requests without
 * a resourceRef are not allowed"), and the Delivery backend cannot tell the scaffolder
 * acting for a user from the user.
 */
export function authNamingCallingPluginOf(pluginId: string): AuthService {
  const auth = mockServices.auth({ pluginId });
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
          actor: { subject: `plugin:${pluginId}` },
        }),
      };
    },
  };
}

/** {@link authNamingCallingPluginOf} for every plugin of a test backend. */
export const authNamingCallingPlugin = createServiceFactory({
  service: coreServices.auth,
  deps: { plugin: coreServices.pluginMetadata },
  factory: ({ plugin }) => authNamingCallingPluginOf(plugin.getId()),
});
