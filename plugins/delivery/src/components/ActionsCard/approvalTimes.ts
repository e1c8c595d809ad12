/**
 * "expires in 24 min", "expires in 40 s": how long a pending approval request has left,
 * rounded the way a countdown on a card refreshed every few seconds can honestly show.
 */
export function expiresIn(expiresAt: string, now: number): string {
  const seconds = Math.round((Date.parse(expiresAt) - now) / 1000);
  if (Number.isNaN(seconds)) return 'expiry unknown';
  if (seconds <= 0) return 'expiring now';
  if (seconds < 90) return `expires in ${seconds} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 90) return `expires in ${minutes} min`;
  return `expires in ${Math.round(minutes / 60)} h`;
}
