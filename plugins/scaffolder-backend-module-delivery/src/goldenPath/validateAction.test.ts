import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { readDeliveryConfig } from '@internal/backstage-plugin-delivery-node';
import {
  GOLDEN_PATH_OWNERS,
  VALID_PARAMETERS,
} from '../__testUtils__/goldenPathParameters';
import { createGoldenPathValidateAction } from './validateAction';

describe('delivery:golden-path:validate', () => {
  const makeAction = (
    config: object = {
      delivery: { goldenPath: { localPublish: { directory: '/tmp/repos' } } },
    },
  ) =>
    createGoldenPathValidateAction({
      config: readDeliveryConfig(new ConfigReader(config)),
      integrations: ScmIntegrations.fromConfig(new ConfigReader(config)),
      catalog: catalogServiceMock({
        entities: [
          ...GOLDEN_PATH_OWNERS,
          {
            apiVersion: 'backstage.io/v1alpha1',
            kind: 'Component',
            metadata: { name: 'ledger', namespace: 'default' },
            spec: { type: 'service', owner: 'x', lifecycle: 'production' },
          },
        ],
      }),
    });
  const action = makeAction();
  const parameters = {
    ...VALID_PARAMETERS,
    name: 'tenant-web',
    description: 'Tenant portal',
    imageRepository: 'ghcr.io/acme/tenant-web',
  };

  it('outputs the values the skeleton renders with, kind included', async () => {
    const ctx = createMockActionContext({
      input: { kind: 'web-frontend' as const, parameters },
    });
    await action.handler(ctx);
    expect(ctx.output).toHaveBeenCalledWith(
      'values',
      expect.objectContaining({
        kind: 'web-frontend',
        name: 'tenant-web',
        namespace: 'tenant-web',
        rto: '2h',
        backup: false,
      }),
    );
  });

  it('fails naming the field and outputs nothing', async () => {
    const ctx = createMockActionContext({
      input: {
        kind: 'web-frontend' as const,
        parameters: { ...parameters, hpaMin: 9 },
      },
    });
    await expect(action.handler(ctx)).rejects.toThrow(
      /hpaMin: must not exceed hpaMax \(9 > 4\)/,
    );
    expect(ctx.output).not.toHaveBeenCalled();
  });

  it.each([
    [
      'the local target is off',
      {},
      { publishTarget: 'local' },
      'publishTarget: the local publish target is off in this portal',
    ],
    [
      'GitHub has no credentials',
      { integrations: { github: [{ host: 'github.com' }] } },
      { publishTarget: 'github', repoUrl: 'github.com?owner=acme&repo=x' },
      'repoUrl: no GitHub integration with credentials is configured for github.com',
    ],
    [
      'the repository URL names no repository',
      { integrations: { github: [{ host: 'github.com', token: 't' }] } },
      { publishTarget: 'github', repoUrl: 'github.com?owner=acme' },
      'repoUrl:',
    ],
    [
      'the owner group is not in the catalog',
      {},
      { owner: 'group:default/no-such-team' },
      'owner: group:default/no-such-team is not in the catalog (or you cannot see it); choose an existing group or user',
    ],
    [
      'the owner is not an entity reference',
      {},
      { owner: 'not a ref' },
      'owner: "not a ref" is not an entity reference',
    ],
    [
      'the port is below 1024',
      {},
      { port: 22 },
      'port: 22 is below 1024, the lowest container port this portal allows (delivery.goldenPath.minimumContainerPort)',
    ],
    [
      'the port is below the floor the portal set',
      {
        delivery: {
          goldenPath: {
            localPublish: { directory: '/tmp/r' },
            minimumContainerPort: 2000,
          },
        },
      },
      { port: 1500 },
      'port: 1500 is below 2000',
    ],
    [
      'the name starts with a digit (a Service name is a DNS-1035 label)',
      {},
      { name: '1api' },
      'name: must be a DNS-1035 label',
    ],
    [
      'a key is a prototype key',
      {},
      JSON.parse('{"extra": {"constructor": {"prototype": 1}}}'),
      'parameters.extra.constructor: the key constructor is reserved',
    ],
    [
      'the name is taken in the catalog',
      { delivery: { goldenPath: { localPublish: { directory: '/tmp/r' } } } },
      { name: 'ledger' },
      'name: a component named ledger is in the catalog already',
    ],
  ])('fails before rendering when %s', async (_, config, change, message) => {
    const ctx = createMockActionContext({
      input: {
        kind: 'web-frontend' as const,
        parameters: { ...parameters, ...change },
      },
    });
    await expect(makeAction(config).handler(ctx)).rejects.toThrow(message);
    expect(ctx.output).not.toHaveBeenCalled();
  });

  it('takes a port under 1024 where the portal lowered the floor', async () => {
    const ctx = createMockActionContext({
      input: {
        kind: 'web-frontend' as const,
        parameters: { ...parameters, port: 80 },
      },
    });
    await makeAction({
      delivery: {
        goldenPath: {
          localPublish: { directory: '/tmp/r' },
          minimumContainerPort: 80,
        },
      },
    }).handler(ctx);
    expect(ctx.output).toHaveBeenCalledWith(
      'values',
      expect.objectContaining({ port: 80 }),
    );
  });

  it('reads the owner as the user who started the task', async () => {
    const getEntityByRef = jest.fn(async (ref: any) =>
      ref.kind === 'group' ? GOLDEN_PATH_OWNERS[0] : undefined,
    );
    const config = new ConfigReader({
      delivery: { goldenPath: { localPublish: { directory: '/tmp/r' } } },
    });
    const ctx = createMockActionContext({
      input: { kind: 'web-frontend' as const, parameters },
    });
    await createGoldenPathValidateAction({
      config: readDeliveryConfig(config),
      integrations: ScmIntegrations.fromConfig(config),
      catalog: catalogServiceMock.mock({ getEntityByRef }),
    }).handler(ctx);
    const initiator = await ctx.getInitiatorCredentials();
    expect(getEntityByRef).toHaveBeenCalledWith(
      { kind: 'group', namespace: 'default', name: 'propertyos-core-team' },
      { credentials: initiator },
    );
  });

  it('names the GitHub repository for the entity when publishing there', async () => {
    const ctx = createMockActionContext({
      input: {
        kind: 'web-frontend' as const,
        parameters: {
          ...parameters,
          publishTarget: 'github',
          repoUrl: 'github.com?owner=acme&repo=tenant-web',
        },
      },
    });
    await makeAction({
      integrations: { github: [{ host: 'github.com', token: 't' }] },
    }).handler(ctx);
    expect(ctx.output).toHaveBeenCalledWith(
      'values',
      expect.objectContaining({ projectSlug: 'acme/tenant-web' }),
    );
  });

  it('links the runbook page of the TechDocs in the portal', async () => {
    const config = new ConfigReader({
      delivery: { goldenPath: { localPublish: { directory: '/tmp/r' } } },
    });
    const ctx = createMockActionContext({
      input: { kind: 'web-frontend' as const, parameters },
    });
    await createGoldenPathValidateAction({
      config: readDeliveryConfig(config),
      integrations: ScmIntegrations.fromConfig(config),
      catalog: catalogServiceMock({ entities: GOLDEN_PATH_OWNERS }),
      appBaseUrl: 'https://portal.example.com/',
    }).handler(ctx);
    expect(ctx.output).toHaveBeenCalledWith(
      'values',
      expect.objectContaining({
        runbookUrl:
          'https://portal.example.com/docs/default/component/tenant-web/runbook/',
      }),
    );
  });

  it('leaves the repository out for the local target', async () => {
    const ctx = createMockActionContext({
      input: { kind: 'web-frontend' as const, parameters },
    });
    await action.handler(ctx);
    expect(ctx.output).toHaveBeenCalledWith(
      'values',
      expect.objectContaining({ projectSlug: '' }),
    );
  });
});
