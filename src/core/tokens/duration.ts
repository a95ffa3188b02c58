/** "2h", "90m", "45s", "1d" or a plain number of seconds; null for anything else. */
export function durationSeconds(text: string): number | null {
  const match = /^(\d{1,9})\s*(s|m|h|d)?$/.exec(text.trim());
  if (!match) return null;
  return Number(match[1]) * { s: 1, m: 60, h: 3600, d: 86400 }[(match[2] ?? 's') as 's' | 'm' | 'h' | 'd'];
}
