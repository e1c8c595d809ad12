/**
 * Recovery times and objectives in the words of the DR card ("3 min 12 s", "RTO 15 min"):
 * spelled-out units, because a measured recovery sits next to an objective and both must
 * be read at a glance, unlike the annotation form ("15m") the catalog uses.
 */
export function formatSeconds(totalSeconds: number): string {
  const seconds = Math.max(0, Math.round(totalSeconds));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) {
    const rest = seconds % 60;
    return rest ? `${minutes} min ${rest} s` : `${minutes} min`;
  }
  const hours = Math.floor(minutes / 60);
  if (hours < 48) {
    const rest = minutes % 60;
    return rest ? `${hours} h ${rest} min` : `${hours} h`;
  }
  const days = Math.floor(hours / 24);
  const rest = hours % 24;
  return rest ? `${days} d ${rest} h` : `${days} d`;
}

/** An objective given in minutes (RTO, RPO). */
export function formatMinutes(minutes: number): string {
  return formatSeconds(minutes * 60);
}
