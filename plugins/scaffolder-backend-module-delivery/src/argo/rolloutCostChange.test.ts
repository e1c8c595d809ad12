import { canaryRollout } from '../__testUtils__/argoRollouts';
import { KubeCluster } from '../kube/KubeCluster';
import { rolloutCostChange } from './rolloutCostChange';

const cluster = { name: 'staging' } as unknown as KubeCluster;

describe("a deploy's pods beside today's, for a Rollout", () => {
  it("canary: its highest weight's pods, a day more for a pause with no end", () => {
    expect(
      rolloutCostChange([{ cluster, rollout: canaryRollout() }], 600),
    ).toEqual([
      expect.objectContaining({
        cluster: 'staging',
        replicas: 4, // its last step, setWeight 100, of 4 replicas
        hours: 600 / 3600 + 24,
      }),
    ]);
  });

  it('canary whose pauses all end by themselves: the rollout timeout only', () => {
    const timed = canaryRollout({
      spec: {
        strategy: {
          canary: { steps: [{ setWeight: 10 }, { pause: { duration: '1m' } }] },
        },
      },
    });
    expect(rolloutCostChange([{ cluster, rollout: timed }], 3600)).toEqual([
      expect.objectContaining({ replicas: 1, hours: 1 }),
    ]);
  });

  it('blue-green: a preview at full size, waiting for promotion', () => {
    const blueGreen = canaryRollout({
      spec: {
        strategy: {
          blueGreen: {
            activeService: 'a',
            previewService: 'p',
            autoPromotionEnabled: false,
          },
        },
      },
    });
    expect(rolloutCostChange([{ cluster, rollout: blueGreen }], 0)).toEqual([
      expect.objectContaining({ replicas: 4, hours: 24 }),
    ]);
  });
});
