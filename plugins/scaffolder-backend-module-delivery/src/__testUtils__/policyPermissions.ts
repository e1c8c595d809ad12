import { ConfigReader } from '@backstage/config';
import { DeliveryPermissionPolicy } from '@internal/backstage-plugin-permission-backend-module-delivery-policy';
import { mockServices } from '@backstage/backend-test-utils';
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { PermissionPolicy } from '@backstage/plugin-permission-node';
import { Permission } from '@backstage/plugin-permission-common';

/**
 * A permissions service that asks a real policy, with each user owning only themselves.
 * The test backend's mock auth cannot carry a user through the permission backend the way
 * the portal does, so this stands in for the transport and keeps the decisions real.
 */
export function policyPermissions(policy: PermissionPolicy) {
  const decide = async (
    requests: Array<{ permission: Permission }>,
    credentials: BackstageCredentials,
  ) => {
    const principal = credentials.principal as {
      type: string;
      userEntityRef?: string;
    };
    const user =
      principal.type === 'user'
        ? {
            info: {
              userEntityRef: principal.userEntityRef!,
              ownershipEntityRefs: [principal.userEntityRef!],
            },
          }
        : undefined;
    return Promise.all(
      requests.map(r =>
        policy.handle({ permission: r.permission }, user as any),
      ),
    );
  };
  return mockServices.permissions.mock({
    authorize: async (requests, options) =>
      (await decide(requests, options.credentials)) as any,
    authorizeConditional: async (requests, options) =>
      (await decide(requests, options.credentials)) as any,
  }).factory;
}

/** Delivery's own policy deciding, with alice as the platform team. */
export function deliveryPolicyWithAliceAsPlatformTeam() {
  return policyPermissions(
    DeliveryPermissionPolicy.fromConfig(
      new ConfigReader({ delivery: { platformTeams: ['user:default/alice'] } }),
    ),
  );
}
