import { ConfigReader } from '@backstage/config';
import { mockCredentials } from '@backstage/backend-test-utils';
import {
  AuthorizeResult,
  createPermission,
} from '@backstage/plugin-permission-common';
import {
  deliveryActionRunPermission,
  deliveryEntityReadPermission,
  deliveryFailoverApprovePermission,
  deliveryFailoverRunPermission,
  deliveryProductionActionRunPermission,
} from '@internal/backstage-plugin-delivery-common';
import { DeliveryPermissionPolicy } from './DeliveryPermissionPolicy';

function userIn(...groups: string[]) {
  const userEntityRef = 'user:default/someone';
  return {
    credentials: mockCredentials.user(userEntityRef),
    info: { userEntityRef, ownershipEntityRefs: [userEntityRef, ...groups] },
  };
}

const catalogDelete = createPermission({
  name: 'catalog.entity.delete',
  attributes: { action: 'delete' },
  resourceType: 'catalog-entity',
});
const scaffolderTaskCreate = createPermission({
  name: 'scaffolder.task.create',
  attributes: { action: 'create' },
});

describe('DeliveryPermissionPolicy', () => {
  const policy = DeliveryPermissionPolicy.fromConfig(new ConfigReader({}));

  it.each([
    deliveryProductionActionRunPermission,
    deliveryFailoverRunPermission,
    deliveryFailoverApprovePermission,
    catalogDelete,
  ])('gives $name to the platform team only', async permission => {
    const member = await policy.handle(
      { permission },
      userIn('group:default/platform-team'),
    );
    const developer = await policy.handle(
      { permission },
      userIn('group:default/payments-team'),
    );
    expect(member.result).toBe(AuthorizeResult.ALLOW);
    expect(developer.result).toBe(AuthorizeResult.DENY);
  });

  it('lets a team run non-production actions only on the services it owns', async () => {
    const decision = await policy.handle(
      { permission: deliveryActionRunPermission },
      userIn('group:default/payments-team', 'group:default/guild'),
    );
    expect(decision).toEqual({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'catalog',
      resourceType: 'catalog-entity',
      conditions: {
        rule: 'IS_ENTITY_OWNER',
        resourceType: 'catalog-entity',
        params: {
          claims: ['group:default/payments-team', 'group:default/guild'],
        },
      },
    });
  });

  it('lets a user in no group read but run no action', async () => {
    const noGroup = userIn();
    expect(
      (
        await policy.handle(
          { permission: deliveryActionRunPermission },
          noGroup,
        )
      ).result,
    ).toBe(AuthorizeResult.DENY);
    expect(
      (
        await policy.handle(
          { permission: deliveryEntityReadPermission },
          noGroup,
        )
      ).result,
    ).toBe(AuthorizeResult.ALLOW);
  });

  it.each([deliveryEntityReadPermission, scaffolderTaskCreate])(
    'lets any signed-in user use $name',
    async permission => {
      const decision = await policy.handle(
        { permission },
        userIn('group:default/payments-team'),
      );
      expect(decision.result).toBe(AuthorizeResult.ALLOW);
    },
  );

  it('lets anonymous callers read and nothing else', async () => {
    expect(
      (await policy.handle({ permission: deliveryEntityReadPermission }))
        .result,
    ).toBe(AuthorizeResult.ALLOW);
    expect(
      (await policy.handle({ permission: deliveryActionRunPermission })).result,
    ).toBe(AuthorizeResult.DENY);
  });

  it('reads the platform teams from config, case-insensitively', async () => {
    const configured = DeliveryPermissionPolicy.fromConfig(
      new ConfigReader({
        delivery: { platformTeams: ['sre', 'group:ops/Release-Team'] },
      }),
    );
    const permission = deliveryProductionActionRunPermission;
    expect(
      (await configured.handle({ permission }, userIn('group:default/sre')))
        .result,
    ).toBe(AuthorizeResult.ALLOW);
    expect(
      (
        await configured.handle(
          { permission },
          userIn('group:ops/release-team'),
        )
      ).result,
    ).toBe(AuthorizeResult.ALLOW);
    expect(
      (
        await configured.handle(
          { permission },
          userIn('group:default/platform-team'),
        )
      ).result,
    ).toBe(AuthorizeResult.DENY);
  });

  it('rejects a malformed team ref at start-up, naming the key', () => {
    expect(() =>
      DeliveryPermissionPolicy.fromConfig(
        new ConfigReader({ delivery: { platformTeams: ['group:'] } }),
      ),
    ).toThrow('delivery.platformTeams[0]');
  });
});
