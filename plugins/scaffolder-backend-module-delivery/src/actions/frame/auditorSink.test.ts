import {
  AuditorEvent,
  DefaultAuditorService,
} from '@backstage/backend-defaults/auditor';
import { mockServices } from '@backstage/backend-test-utils';
import { auditorSink } from './auditorSink';
import { AuditEvent } from './hooks';

/** The sink on Backstage's own auditor, whose events are kept as it would log them. */
function sinkWithLog() {
  const logged: AuditorEvent[] = [];
  const auditor = DefaultAuditorService.create(
    event => {
      logged.push(event);
    },
    {
      auth: mockServices.auth(),
      httpAuth: mockServices.httpAuth(),
      plugin: { getId: () => 'scaffolder' },
    },
  );
  const sink = auditorSink({
    auditor,
    environments: [
      { name: 'staging', production: false },
      { name: 'production', production: true },
    ],
  });
  const lines = () =>
    logged.map(e => ({
      eventId: e.eventId,
      status: e.status,
      severityLevel: e.severityLevel,
      meta: e.meta,
      ...(e.status === 'failed' ? { error: e.error.message } : {}),
    }));
  return { sink, logged, lines };
}

const who = {
  action: 'deploy',
  entityRef: 'component:default/api',
  initiatedBy: 'user:default/alice',
  taskId: 'task-1',
};

describe('auditorSink', () => {
  it('makes a run one delivery-action event, started and finished, and each change a delivery-change event', async () => {
    const { sink, lines } = sinkWithLog();
    const run = { ...who, environment: 'production', runId: 'run-1' };
    const points: AuditEvent[] = [
      {
        ...run,
        point: 'run-started',
        meta: { inputs: { image: 'api:2' } },
      },
      {
        ...run,
        point: 'change-applied',
        meta: {
          changes: [
            'prod/ns/Deployment/api-green: created (image api:2, replicas 3, track green)',
            'prod/ns/Service/api: selects blue → green',
          ],
        },
      },
      {
        ...run,
        point: 'run-finished',
        meta: { status: 'succeeded', summary: 'api:2 on production' },
      },
    ];
    for (const point of points) await sink.emit(point);
    expect(lines()).toEqual([
      {
        eventId: 'delivery-action',
        status: 'initiated',
        severityLevel: 'high',
        meta: { ...run, point: 'run-started', inputs: { image: 'api:2' } },
      },
      ...[
        'prod/ns/Deployment/api-green: created (image api:2, replicas 3, track green)',
        'prod/ns/Service/api: selects blue → green',
      ].flatMap(change =>
        ['initiated', 'succeeded'].map(status => ({
          eventId: 'delivery-change',
          status,
          severityLevel: 'high',
          meta: { ...run, point: 'change-applied', change },
        })),
      ),
      {
        eventId: 'delivery-action',
        status: 'succeeded',
        severityLevel: 'high',
        meta: {
          ...run,
          point: 'run-finished',
          inputs: { image: 'api:2' },
          status: 'succeeded',
          summary: 'api:2 on production',
        },
      },
    ]);
  });

  it('fails the run’s event with the error, after the changes the failed run left', async () => {
    const { sink, lines } = sinkWithLog();
    const run = { ...who, environment: 'staging', runId: 'run-2' };
    await sink.emit({ ...run, point: 'run-started', meta: { inputs: {} } });
    await sink.emit({
      ...run,
      point: 'run-failed',
      meta: {
        status: 'failed',
        summary: 'rolled back: smoke check answered 500',
        changes: ['staging/ns/Deployment/api: replicas 2 → 3'],
      },
      error: new Error('rolled back: smoke check answered 500'),
    });
    expect(lines().map(l => [l.eventId, l.status, l.severityLevel])).toEqual([
      ['delivery-action', 'initiated', 'medium'],
      ['delivery-change', 'initiated', 'medium'],
      ['delivery-change', 'succeeded', 'medium'],
      ['delivery-action', 'failed', 'medium'],
    ]);
    expect(lines()[3]).toMatchObject({
      error: 'rolled back: smoke check answered 500',
      meta: {
        point: 'run-failed',
        status: 'failed',
        initiatedBy: 'user:default/alice',
      },
    });
  });

  it('records a refusal as a failed delivery-action of medium severity, in production too', async () => {
    const { sink, lines } = sinkWithLog();
    await sink.emit({
      ...who,
      environment: 'production',
      point: 'action-refused',
      meta: { inputs: { image: 'api:latest' } },
      error: new Error('image: a mutable tag is refused in production'),
    });
    expect(lines()).toEqual([
      expect.objectContaining({ status: 'initiated', severityLevel: 'medium' }),
      {
        eventId: 'delivery-action',
        status: 'failed',
        severityLevel: 'medium',
        error: 'image: a mutable tag is refused in production',
        meta: {
          ...who,
          environment: 'production',
          point: 'action-refused',
          inputs: { image: 'api:latest' },
        },
      },
    ]);
  });
});
