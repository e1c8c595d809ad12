import { z } from 'zod/v3';
import { registryInputOf, registryOutputOf } from './registerWriteActions';
import { WRITE_ACTIONS } from './writeActions';

const definition = (name: string) => WRITE_ACTIONS.find(a => a.name === name)!;

describe('the registry schemas of the write actions', () => {
  const deployInput = registryInputOf(definition('deploy'))(z);

  it("take the scaffolder action's inputs and `execute`, which defaults to a dry run", () => {
    const parsed = deployInput.parse({
      entityRef: 'component:default/api',
      environment: 'staging',
      image: 'ghcr.io/acme/api:1.2.3',
    });
    expect(parsed).toMatchObject({
      execute: false,
      image: 'ghcr.io/acme/api:1.2.3',
    });
  });

  it('refuse overrideReason and unknown fields by name, rather than dropping them', () => {
    const result = deployInput.safeParse({
      entityRef: 'component:default/api',
      environment: 'production',
      image: 'ghcr.io/acme/api:1.2.3',
      overrideReason: 'the freeze does not apply to hotfixes',
    });
    expect(result.success).toBe(false);
    expect(JSON.stringify(result)).toContain('overrideReason');
  });

  it('fix the drill: neither mode nor acceptDataLoss may be given', () => {
    const drill = registryInputOf(definition('failover-drill'))(z);
    expect(Object.keys(drill.shape).sort()).toEqual([
      'entityRef',
      'environment',
      'execute',
      'reason',
      'timeoutSeconds',
      'verifySeconds',
    ]);
    expect(definition('failover-drill').fixedInput).toEqual({ mode: 'drill' });
  });

  it("keep the frame's outputs and the action's own", () => {
    const output = registryOutputOf(definition('failover-drill'))(z);
    expect(
      output.parse({
        dryRun: false,
        summary: 'drill of component:default/api',
        runId: 'run-1',
        entityUrl: '/catalog/default/component/api/delivery',
        recoverySeconds: 42,
      }),
    ).toMatchObject({ runId: 'run-1', recoverySeconds: 42 });
  });

  it('state truly what each does to the environment', () => {
    const attributes = Object.fromEntries(
      WRITE_ACTIONS.map(a => [a.name, a.attributes]),
    );
    const changesWorkloads = {
      destructive: true,
      idempotent: false,
      readOnly: false,
    };
    expect(attributes).toEqual({
      deploy: changesWorkloads,
      rollback: changesWorkloads,
      scale: changesWorkloads,
      'failover-drill': {
        destructive: false,
        idempotent: false,
        readOnly: false,
      },
    });
  });
});
