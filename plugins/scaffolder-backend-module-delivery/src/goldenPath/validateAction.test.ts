import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { readDeliveryConfig } from '@internal/backstage-plugin-delivery-node';
import { VALID_PARAMETERS } from '../__testUtils__/goldenPathParameters';
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
