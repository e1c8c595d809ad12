/**
 * The parts of a knex client's connection pool (tarn) that hold Node's event loop: the
 * reaper interval, and each connection's socket (pg, mysql2; better-sqlite3 holds none).
 * They are not public API; this module is the only place that touches them.
 */
interface PoolInternals {
  interval?: { unref?: () => void } | null;
  free?: Array<{ resource: unknown }>;
  used?: Array<{ resource: unknown }>;
  on(event: string, listener: (...args: any[]) => void): void;
}

function unrefConnection(resource: any) {
  resource?.connection?.stream?.unref?.();
  resource?.stream?.unref?.();
}

/**
 * Lets Node exit although the pool stays open: its reaper interval (now and whenever it
 * starts again) and its connections' sockets no longer keep the event loop alive. The pool
 * itself keeps working, so work that outlives a stopped backend still finishes.
 */
export function releaseEventLoop(knex: { client: { pool?: unknown } }): void {
  const pool = knex.client.pool as PoolInternals | undefined;
  if (!pool) return;
  const unrefReaper = () => pool.interval?.unref?.();
  unrefReaper();
  // tarn starts the interval right after this event: unref it once it is set.
  pool.on('startReaping', () => queueMicrotask(unrefReaper));
  for (const { resource } of [...(pool.free ?? []), ...(pool.used ?? [])])
    unrefConnection(resource);
  pool.on('createSuccess', (_eventId: number, resource: unknown) =>
    unrefConnection(resource),
  );
}
