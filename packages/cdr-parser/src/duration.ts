const pad = (n: number): string => String(n).padStart(2, '0');

/**
 * Formats whole seconds for people: `45s`, `2m 05s`, `1h 02m` (seconds dropped from an hour on).
 * Negative, fractional or non-finite input is rounded and clamped to `0s`.
 *
 * @example
 * formatDuration(125);  // '2m 05s'
 * formatDuration(3725); // '1h 02m'
 */
export function formatDuration(seconds: number): string {
  const total = Number.isFinite(seconds) && seconds > 0 ? Math.round(seconds) : 0;
  if (total < 60) return `${total}s`;
  if (total < 3600) return `${Math.floor(total / 60)}m ${pad(total % 60)}s`;
  return `${Math.floor(total / 3600)}h ${pad(Math.floor((total % 3600) / 60))}m`;
}
