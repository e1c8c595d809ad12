import { DailySpend } from '@internal/backstage-plugin-delivery-common';
import { CostSnapshotStore } from './CostSnapshotStore';

/**
 * How long the month's snapshots are reused. They change once a day (the hourly task writes
 * the day's rows once), so re-reading them on every overview rebuild (up to once a second)
 * would only cost the database.
 */
const MONTH_SPEND_TTL_MS = 10 * 60_000;

/**
 * The month's snapshots of every service, re-read at most every ten minutes, and at once
 * after the daily snapshot was written ({@link MonthSpendMemo.forget}).
 */
export class MonthSpendMemo {
  private memo?: {
    today: string;
    at: number;
    value: Promise<Map<string, DailySpend[]>>;
  };

  constructor(private readonly snapshots: CostSnapshotStore) {}

  get(today: string, now: number): Promise<Map<string, DailySpend[]>> {
    const memo = this.memo;
    if (memo && memo.today === today && now - memo.at < MONTH_SPEND_TTL_MS) {
      return memo.value;
    }
    const value = this.snapshots.monthSpend(today);
    this.memo = { today, at: now, value };
    value.catch(() => {
      if (this.memo?.value === value) this.memo = undefined;
    });
    return value;
  }

  /** The snapshots changed: the next read goes to the database. */
  forget(): void {
    this.memo = undefined;
  }
}
