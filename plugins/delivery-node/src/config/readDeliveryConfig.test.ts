import path from 'node:path';
import { ConfigReader } from '@backstage/config';
import { DEFAULT_DORA_THRESHOLDS } from '@internal/backstage-plugin-delivery-common';
import { readDeliveryConfig } from './readDeliveryConfig';

describe('readDeliveryConfig', () => {
  it('defaults to staging and production', () => {
    expect(readDeliveryConfig(new ConfigReader({}))).toEqual({
      environments: [
        { name: 'staging', production: false },
        { name: 'production', production: true },
      ],
      environmentPolicies: {
        staging: {
          imagePolicy: { mutableTags: [], requireDigest: false },
          promotion: { soakMinutes: 0 },
        },
        production: {
          imagePolicy: { mutableTags: ['latest'], requireDigest: false },
          promotion: { soakMinutes: 30 },
        },
      },
      clusters: [],
      goldenPath: {
        kubectl: undefined,
        kubectlCacheDirectory: undefined,
        localPublishDirectory: undefined,
        minimumContainerPort: 1024,
      },
      dr: {
        databaseProvider: 'kubernetes',
        dnsProvider: 'kubernetes',
        dns: { zone: 'delivery.internal', ttlSeconds: 60 },
        approvalTimeoutMinutes: 30,
      },
      freezes: [],
      gitops: { fieldManagers: [] },
      platformTeams: ['group:default/platform-team'],
      notifications: {
        approvalRequested: { enabled: true },
        approvalDecided: { enabled: true },
        runFailed: { enabled: true },
        productionChange: { enabled: true },
        costOverBudget: { enabled: true },
        drGradeDropped: { enabled: true },
      },
      dora: { windowDays: 30, thresholds: DEFAULT_DORA_THRESHOLDS },
    });
  });

  it('reads the golden-path port floor and stops at a port that is not one', () => {
    const floor = (minimumContainerPort: number) =>
      readDeliveryConfig(
        new ConfigReader({
          delivery: { goldenPath: { minimumContainerPort } },
        }),
      ).goldenPath.minimumContainerPort;
    expect(floor(80)).toBe(80);
    expect(() => floor(0)).toThrow(
      'delivery.goldenPath.minimumContainerPort 0 must be a whole port number from 1 to 65535',
    );
    expect(() => floor(1024.5)).toThrow(
      /delivery\.goldenPath\.minimumContainerPort/,
    );
  });

  it('names the DR key that is out of range', () => {
    expect(() =>
      readDeliveryConfig(
        new ConfigReader({ delivery: { dr: { dns: { ttlSeconds: 0 } } } }),
      ),
    ).toThrow('delivery.dr.dns.ttlSeconds 0 must be');
    expect(() =>
      readDeliveryConfig(
        new ConfigReader({ delivery: { dr: { approvalTimeoutMinutes: -1 } } }),
      ),
    ).toThrow('delivery.dr.approvalTimeoutMinutes -1 must be');
  });

  it('maps clusters to configured environments', () => {
    const config = readDeliveryConfig(
      new ConfigReader({
        delivery: {
          environments: [{ name: 'qa' }, { name: 'prod', production: true }],
          clusters: [
            { name: 'prod-east', environment: 'prod', region: 'us-east-1' },
            {
              name: 'prod-west',
              environment: 'prod',
              region: 'us-west-2',
              role: 'dr',
              sandbox: true,
            },
          ],
        },
      }),
    );
    expect(config.clusters).toEqual([
      {
        name: 'prod-east',
        environment: 'prod',
        region: 'us-east-1',
        role: 'primary',
        sandbox: false,
      },
      {
        name: 'prod-west',
        environment: 'prod',
        region: 'us-west-2',
        role: 'dr',
        sandbox: true,
      },
    ]);
  });

  it.each([
    [
      { environments: [{ name: 'Prod' }] },
      'delivery.environments[0].name "Prod"',
    ],
    [
      { environments: [{ name: 'qa' }, { name: 'qa' }] },
      '"qa" is listed twice',
    ],
    [
      {
        environments: [
          { name: 'qa', imagePolicy: { mutableTags: ['main', ':latest'] } },
        ],
      },
      'delivery.environments[0].imagePolicy.mutableTags: ":latest" is not an image tag',
    ],
    [
      {
        environments: [
          { name: 'qa' },
          { name: 'prod', promotion: { soakMinutes: -5 } },
        ],
      },
      'delivery.environments[1].promotion.soakMinutes -5 must be a whole number',
    ],
    [
      { environments: [{ name: 'qa', promotion: { soakMinutes: 2.5 } }] },
      'delivery.environments[0].promotion.soakMinutes 2.5 must be a whole number',
    ],
    [
      {
        environments: [
          { name: 'qa', imagePolicy: { requireDigest: 'sometimes' } },
        ],
      },
      'delivery.environments[0].imagePolicy.requireDigest',
    ],
    [
      { clusters: [{ name: 'c1', environment: 'dev' }] },
      'delivery.clusters[0].environment "dev" is not one of',
    ],
    [
      { clusters: [{ name: 'c1', environment: 'staging', role: 'backup' }] },
      'delivery.clusters[0].role "backup"',
    ],
  ])('rejects %j naming the key', (delivery, message) => {
    expect(() => readDeliveryConfig(new ConfigReader({ delivery }))).toThrow(
      message,
    );
  });
  it('reads the image policy and promotion soak of each environment over their defaults', () => {
    const config = readDeliveryConfig(
      new ConfigReader({
        delivery: {
          environments: [
            { name: 'dev' },
            {
              name: 'staging',
              imagePolicy: { mutableTags: ['latest', 'main'] },
            },
            {
              name: 'production',
              production: true,
              imagePolicy: {
                mutableTags: ['latest', 'stable'],
                requireDigest: true,
              },
              promotion: { soakMinutes: 60 },
            },
          ],
        },
      }),
    );
    expect(config.environmentPolicies).toEqual({
      dev: {
        imagePolicy: { mutableTags: [], requireDigest: false },
        promotion: { soakMinutes: 0 },
      },
      staging: {
        imagePolicy: { mutableTags: ['latest', 'main'], requireDigest: false },
        promotion: { soakMinutes: 0 },
      },
      production: {
        imagePolicy: { mutableTags: ['latest', 'stable'], requireDigest: true },
        promotion: { soakMinutes: 60 },
      },
    });
  });

  it('resolves the local publish folder, and a later config layer can turn it off', () => {
    const on = {
      delivery: { goldenPath: { localPublish: { directory: 'repos' } } },
    };
    expect(
      readDeliveryConfig(new ConfigReader(on)).goldenPath.localPublishDirectory,
    ).toBe(path.resolve('repos'));
    const off = ConfigReader.fromConfigs([
      { context: 'a', data: on },
      {
        context: 'b',
        data: {
          delivery: { goldenPath: { localPublish: { enabled: false } } },
        },
      },
    ]);
    expect(readDeliveryConfig(off).goldenPath.localPublishDirectory).toBe(
      undefined,
    );
  });
});
