import { describeLastChange, lastChangeOf } from './lastChange';

const entry = (manager: string, time: string, subresource?: string) => ({
  manager,
  operation: 'Update',
  time: new Date(time),
  ...(subresource ? { subresource } : {}),
});

describe('lastChangeOf', () => {
  it('takes the newest entry that changed the object, not a status report', () => {
    const change = lastChangeOf({
      managedFields: [
        entry('backstage-delivery', '2026-12-06T09:00:00Z'),
        entry('kubectl-set', '2026-12-06T10:01:02Z'),
        entry('kube-controller-manager', '2026-12-06T10:05:00Z', 'status'),
      ],
    });
    expect(change).toEqual({
      manager: 'kubectl-set',
      time: '2026-12-06T10:01:02Z',
    });
    expect(describeLastChange(change)).toBe(
      'last changed by kubectl-set at 2026-12-06T10:01:02Z',
    );
  });

  it('counts a scale write, takes the later of one second, and says when nothing is recorded', () => {
    expect(
      lastChangeOf({
        managedFields: [
          entry('kubectl-set', '2026-12-06T10:00:00Z'),
          entry('kubectl-scale', '2026-12-06T10:00:00Z', 'scale'),
        ],
      })?.manager,
    ).toBe('kubectl-scale');
    expect(lastChangeOf({})).toBeUndefined();
    expect(describeLastChange(undefined)).toBe(
      'who changed it last is not recorded (no managedFields)',
    );
  });
});
