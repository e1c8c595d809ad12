import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import {
  AuthorizeResult,
  PolicyDecision,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import { PermissionPolicy } from '@backstage/plugin-permission-node';
import { meetsConditions } from '@internal/backstage-plugin-delivery-node';
import { DeliveryPermissionPolicy } from '@internal/backstage-plugin-permission-backend-module-delivery-policy';
import { catalogComponents, ownershipOf } from './exampleCatalog';

/**
 * A permissions service that asks a real policy, each user owning what the example
 * catalog's memberships give them. The test backend's mock auth cannot carry a user through
 * the permission backend the way the portal does, so this stands in for the transport: the
 * decisions stay the policy's, and a conditional one is applied to the entity with the
 * catalog's own rules, as the catalog would. The whole framework runs in ownership.test.ts.
 */
export function policyPermissions(
  policy: PermissionPolicy,
  entities: Entity[] = catalogComponents(),
) {
  const byRef = new Map(entities.map(e => [stringifyEntityRef(e), e]));
  const decide = async (
    requests: Array<{
      permission: ResourcePermission | { type: string; name: string };
      resourceRef?: string;
    }>,
    credentials: BackstageCredentials,
    conditional: boolean,
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
              ownershipEntityRefs: ownershipOf(principal.userEntityRef!),
            },
          }
        : undefined;
    return Promise.all(
      requests.map(async (r): Promise<PolicyDecision> => {
        const decision = await policy.handle(
          { permission: r.permission } as any,
          user as any,
        );
        if (decision.result !== AuthorizeResult.CONDITIONAL || conditional)
          return decision;
        const entity = r.resourceRef && byRef.get(r.resourceRef);
        return {
          result:
            entity && meetsConditions(decision, entity)
              ? AuthorizeResult.ALLOW
              : AuthorizeResult.DENY,
        };
      }),
    );
  };
  return mockServices.permissions.mock({
    authorize: async (requests, options) =>
      (await decide(requests as any, options.credentials, false)) as any,
    authorizeConditional: async (requests, options) =>
      (await decide(requests as any, options.credentials, true)) as any,
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
