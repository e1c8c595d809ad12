import { ConfigReader } from '@backstage/config';
import { readNotificationsConfig } from './readNotificationsConfig';

const read = (notifications: unknown) =>
  readNotificationsConfig(
    new ConfigReader({ delivery: { notifications } } as any),
  );

describe('readNotificationsConfig', () => {
  it('turns every kind on unless it is turned off', () => {
    expect(readNotificationsConfig(new ConfigReader({}))).toEqual({
      approvalRequested: { enabled: true },
      approvalDecided: { enabled: true },
      runFailed: { enabled: true },
      productionChange: { enabled: true },
      costOverBudget: { enabled: true },
      drGradeDropped: { enabled: true },
    });
    const read1 = read({
      costOverBudget: { enabled: false },
      runFailed: { enabled: true },
    });
    expect(read1.costOverBudget.enabled).toBe(false);
    expect(read1.runFailed.enabled).toBe(true);
    expect(read1.drGradeDropped.enabled).toBe(true);
  });

  it('stops the start naming an unknown kind, field or a value that is not a boolean', () => {
    expect(() => read({ runFailure: { enabled: false } })).toThrow(
      'delivery.notifications.runFailure: not a kind of notification (approvalRequested, approvalDecided, runFailed, productionChange, costOverBudget, drGradeDropped)',
    );
    expect(() => read({ runFailed: { enable: false } })).toThrow(
      'delivery.notifications.runFailed.enable: not a field of a notification kind (enabled)',
    );
    expect(() => read({ runFailed: { enabled: 'sometimes' } })).toThrow(
      /delivery\.notifications\.runFailed\.enabled/,
    );
    expect(() => read({ runFailed: false })).toThrow(
      /delivery\.notifications\.runFailed/,
    );
  });
});
