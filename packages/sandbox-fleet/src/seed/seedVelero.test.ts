import { Fleet } from '../fleet/Fleet';
import { KINDS } from '../sim/objects';
import { VELERO_KINDS } from '../sim/veleroObjects';
import {
  kubeRequest,
  ManualClock,
  startTestFleet,
} from '../__testUtils__/testFleet';

// Starts the sandbox fleet (three TLS API servers seeded from the catalog): seconds on a
// busy machine.
jest.setTimeout(60_000);

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

describe('the seeded Velero backups', () => {
  let fleet: Fleet;
  let clock: ManualClock;
  let step: (ms: number, every?: number) => void;
  beforeAll(async () => {
    ({ fleet, clock, step } = await startTestFleet());
  });
  afterAll(() => fleet.stop());

  const store = (cluster: string) => fleet.member(cluster)!.cluster.store;
  const backups = () =>
    store('production')
      .list(VELERO_KINDS.backup, 'velero')
      .sort((a, b) =>
        String(b.status?.startTimestamp).localeCompare(
          String(a.status?.startTimestamp),
        ),
      );
  const ofSchedule = (name: string) =>
    backups().filter(
      b => b.metadata.labels?.['velero.io/schedule-name'] === name,
    );
  const ageOf = (iso: string) => clock.now() - Date.parse(iso);

  it('serves velero.io/v1 Backups and Schedules through discovery and the API', async () => {
    const groups = await kubeRequest(fleet, 'production', 'GET', '/apis');
    expect(groups.body.groups.map((g: any) => g.name)).toContain('velero.io');
    const velero = await kubeRequest(
      fleet,
      'production',
      'GET',
      '/apis/velero.io/v1',
    );
    expect(velero.body.resources.map((r: any) => r.name)).toEqual([
      'backups',
      'schedules',
    ]);
    const listed = await kubeRequest(
      fleet,
      'production',
      'GET',
      '/apis/velero.io/v1/namespaces/velero/backups',
    );
    expect(listed.status).toBe(200);
    expect(listed.body.items.length).toBeGreaterThan(0);
  });

  it('backs incubation-platform up every 30 minutes, Completed within the hour, with no backup CronJob in production', () => {
    const latest = ofSchedule('incubation-platform-half-hourly').find(
      b => b.status.phase === 'Completed',
    )!;
    expect(latest.spec.includedNamespaces).toEqual(['incubation-platform']);
    expect(ageOf(latest.status.completionTimestamp)).toBeLessThan(HOUR);
    const cronJobs = (cluster: string) =>
      store(cluster)
        .list(KINDS.cronJob, 'incubation-platform')
        .map(c => c.metadata.name);
    expect(cronJobs('production')).toEqual([]);
    // Staging keeps the golden path's CronJob (the migrate action backs up with it).
    expect(cronJobs('staging')).toEqual(['incubation-api-server-db-backup']);
  });

  it('has messaging on a paused daily Schedule, its last Completed Backup over a day old', () => {
    const schedule = store('production').get(
      VELERO_KINDS.schedule,
      'velero',
      'messaging-daily',
    )!;
    expect(schedule.spec.paused).toBe(true);
    const [latest] = ofSchedule('messaging-daily');
    expect(latest.status.phase).toBe('Completed');
    expect(ageOf(latest.status.completionTimestamp)).toBeGreaterThan(24 * HOUR);
  });

  it("has pms's newest weekly Backups Failed and PartiallyFailed after the last Completed one", () => {
    expect(ofSchedule('pms-weekly').map(b => b.status.phase)).toEqual([
      'Failed',
      'PartiallyFailed',
      'Completed',
    ]);
  });

  it('runs the half-hourly Schedule: a new Backup when due, Completed a minute later', () => {
    const before = ofSchedule('incubation-platform-half-hourly').length;
    step(31 * MINUTE, MINUTE);
    const runs = ofSchedule('incubation-platform-half-hourly');
    expect(runs.length).toBeGreaterThan(before);
    expect(runs[0].status.phase).toBe('Completed');
    expect(ageOf(runs[0].status.completionTimestamp)).toBeLessThan(31 * MINUTE);
    expect(Date.parse(runs[0].status.startTimestamp) % (30 * MINUTE)).toBe(0);
    const schedule = store('production').get(
      VELERO_KINDS.schedule,
      'velero',
      'incubation-platform-half-hourly',
    )!;
    expect(schedule.status.lastBackup).toBe(runs[0].status.startTimestamp);
    // Paused: nothing new.
    expect(ofSchedule('messaging-daily').length).toBe(2);
  });
});
