/**
 * "2 min ago" — what the dashboard shows next to an event. Coarse on purpose: a list refreshed every few
 * seconds should not flicker between "61 s" and "1 min".
 *
 * @example
 * ```ts
 * timeAgo(Date.now() - 125_000); // '2 min ago'
 * ```
 */
export function timeAgo(time: number, now: number = Date.now()): string {
  const seconds = Math.max(0, Math.round((now - time) / 1000));
  if (seconds < 10) return 'just now';
  if (seconds < 60) return `${seconds} s ago`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} h ago`;
  const days = Math.floor(hours / 24);
  return days === 1 ? '1 day ago' : `${days} days ago`;
}

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB'] as const;

/**
 * A response size for people: `512 B`, `1.2 KB`, `3.4 MB` (powers of 1,024). `'-'` when unknown.
 *
 * @example
 * ```ts
 * humanSize(1536); // '1.5 KB'
 * ```
 */
export function humanSize(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined || !Number.isFinite(bytes) || bytes < 0) return '-';
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${value} B` : `${value < 10 ? value.toFixed(1) : Math.round(value)} ${UNITS[unit]}`;
}
