/** Between reads: often enough that a test waits little past the moment it could go on. */
const INTERVAL_MS = 100;

/**
 * Reads until `done` holds for what was read, and returns that. It waits on the
 * condition, not for a time: a read that settles in one second on an idle machine may
 * take thirty on a busy one, and both must pass. The limit (90 s, below the 120 s the
 * suites that use it allow a test) only stops a read that never settles, and the error
 * then shows what was read last.
 * @public
 */
export async function eventually<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean | undefined,
  options: { what: string; limitMs?: number; intervalMs?: number },
): Promise<T> {
  const limit = Date.now() + (options.limitMs ?? 90_000);
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > limit)
      throw new Error(
        `${options.what} never held; last read: ${String(
          JSON.stringify(value),
        ).slice(0, 2000)}`,
      );
    await new Promise(resolve =>
      setTimeout(resolve, options.intervalMs ?? INTERVAL_MS),
    );
  }
}
