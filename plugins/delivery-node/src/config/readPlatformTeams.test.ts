import { ConfigReader } from '@backstage/config';
import { readPlatformTeams } from './readPlatformTeams';

describe('readPlatformTeams', () => {
  it('reads full refs, a bare name being a group, with the platform-team group by default', () => {
    expect(readPlatformTeams(new ConfigReader({}))).toEqual([
      'group:default/platform-team',
    ]);
    expect(
      readPlatformTeams(
        new ConfigReader({
          delivery: { platformTeams: ['sre', 'group:ops/Release-Team'] },
        }),
      ),
    ).toEqual(['group:default/sre', 'group:ops/release-team']);
  });

  it('names the entry that is not an entity ref', () => {
    expect(() =>
      readPlatformTeams(
        new ConfigReader({ delivery: { platformTeams: ['sre', 'group:'] } }),
      ),
    ).toThrow(/^delivery\.platformTeams\[1\]: /);
  });
});
