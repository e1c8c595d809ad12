/** "45s", "2m 05s", "1h 02m": how long a run took, or has been running. */
export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60)
    return `${minutes}m ${String(seconds % 60).padStart(2, '0')}s`;
  return `${Math.floor(minutes / 60)}h ${String(minutes % 60).padStart(
    2,
    '0',
  )}m`;
}

export function runDuration(
  run: { startedAt: string; finishedAt?: string },
  now = Date.now(),
): string {
  const started = Date.parse(run.startedAt);
  if (!run.finishedAt) return `running for ${formatDuration(now - started)}`;
  return formatDuration(Date.parse(run.finishedAt) - started);
}
