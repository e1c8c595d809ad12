import { ConfigReader } from '@backstage/config';
import { readGitOpsConfig } from './readGitOpsConfig';

const read = (gitops: unknown) =>
  readGitOpsConfig(new ConfigReader({ delivery: { gitops } } as any));

describe('readGitOpsConfig', () => {
  it('defaults to no extra field managers, and keeps the listed ones', () => {
    expect(readGitOpsConfig(new ConfigReader({}))).toEqual({
      fieldManagers: [],
    });
    expect(read({ fieldManagers: ['rancher-fleet', 'config-sync'] })).toEqual({
      fieldManagers: ['rancher-fleet', 'config-sync'],
    });
  });

  it('stops the start naming the key of a bad entry', () => {
    // Backstage's reader refuses an empty string itself, naming the key.
    expect(() => read({ fieldManagers: [''] })).toThrow(
      "delivery.gitops.fieldManagers[0]'",
    );
    expect(() => read({ fieldManagers: ['ok', ' padded'] })).toThrow(
      'delivery.gitops.fieldManagers[1] " padded" must be',
    );
    expect(() => read({ fieldManagers: ['x'.repeat(129)] })).toThrow(
      'must be a field manager name: 1 to 128 printable characters',
    );
    expect(() => read({ fieldManagers: ['a', 'a'] })).toThrow(
      'delivery.gitops.fieldManagers: "a" is listed twice',
    );
    expect(() => read({ fieldManagers: 'rancher-fleet' })).toThrow(
      /delivery\.gitops\.fieldManagers/,
    );
  });
});
