import { applyDefaults } from './applyDefaults';

describe('applyDefaults', () => {
  it('fills what the template left out or passed as undefined, keeps what it gave', () => {
    expect(
      applyDefaults(
        { image: 'a:1', canarySteps: undefined, keepPreviousSeconds: 0 } as {
          image: string;
          canarySteps?: number[];
          keepPreviousSeconds?: number;
          rolloutTimeoutSeconds?: number;
        },
        {
          canarySteps: [10, 50],
          keepPreviousSeconds: 300,
          rolloutTimeoutSeconds: 600,
        },
      ),
    ).toEqual({
      image: 'a:1',
      canarySteps: [10, 50],
      keepPreviousSeconds: 0,
      rolloutTimeoutSeconds: 600,
    });
  });
});
