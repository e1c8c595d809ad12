import { DeliveryRun } from '@internal/backstage-plugin-delivery-common';
import { imageHistoryIn, utcTime } from './promotionHistory';

const run = (
  id: string,
  fields: Partial<DeliveryRun> & { image?: string },
): DeliveryRun => {
  const { image, ...rest } = fields;
  return {
    id,
    entityRef: 'component:default/api',
    environment: 'staging',
    action: 'deploy',
    status: 'succeeded',
    initiatedBy: 'user:default/a',
    inputs: image ? { image } : {},
    startedAt: '2026-12-01T10:00:00.000Z',
    ...rest,
  };
};

describe('imageHistoryIn', () => {
  const A = 'ghcr.io/acme/api:1.4.2';
  const B = 'ghcr.io/acme/api:1.4.3';

  it('finds the newest succeeded deploy or promotion of the image in that environment only', () => {
    const runs = [
      run('1', {
        image: A,
        startedAt: '2026-12-01T09:00:00Z',
        finishedAt: '2026-12-01T09:05:00Z',
      }),
      run('2', {
        image: A,
        action: 'promote',
        startedAt: '2026-12-01T10:00:00Z',
        finishedAt: '2026-12-01T10:02:00Z',
      }),
      run('3', {
        image: A,
        environment: 'production',
        startedAt: '2026-12-01T11:00:00Z',
      }),
    ];
    expect(imageHistoryIn(runs, 'staging', A)).toEqual({
      placed: runs[1],
      laterChanges: [],
    });
  });

  it('names a failed attempt when the image never ran there', () => {
    const failed = run('1', {
      image: A,
      status: 'failed',
      finishedAt: '2026-12-01T10:05:00Z',
    });
    expect(imageHistoryIn([failed], 'staging', A)).toEqual({
      lastAttempt: failed,
      laterChanges: [],
    });
  });

  it('lists the deploys of other images and the rollbacks after it, not scales', () => {
    const runs = [
      run('1', {
        image: A,
        startedAt: '2026-12-01T09:00:00Z',
        finishedAt: '2026-12-01T09:05:00Z',
      }),
      run('2', {
        image: B,
        status: 'failed',
        startedAt: '2026-12-01T09:10:00Z',
        finishedAt: '2026-12-01T09:12:00Z',
      }),
      run('3', { action: 'scale', startedAt: '2026-12-01T09:20:00Z' }),
      run('4', {
        action: 'rollback',
        startedAt: '2026-12-01T09:30:00Z',
        finishedAt: '2026-12-01T09:31:00Z',
      }),
    ];
    expect(
      imageHistoryIn(runs, 'staging', A).laterChanges.map(r => r.id),
    ).toEqual(['2', '4']);
  });
});

describe('utcTime', () => {
  it('gives the time of day, and the date when it is another day', () => {
    const now = new Date('2026-12-01T12:00:00Z');
    expect(utcTime(new Date('2026-12-01T10:02:30Z'), now)).toBe('10:02 UTC');
    expect(utcTime(new Date('2026-11-30T23:59:00Z'), now)).toBe(
      '2026-11-30 23:59 UTC',
    );
  });
});
