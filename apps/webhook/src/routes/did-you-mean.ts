/** Levenshtein distance between two strings (insertions, deletions and substitutions each cost 1). */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/**
 * The known value `value` was most likely meant to be: the same but for case, else the closest one within
 * a third of its length (at least 1, at most 3 edits); null when nothing is that close, since a far-off
 * guess misleads more than it helps.
 *
 * @example
 * closestKnown('missedd', ['answered', 'missed']); // 'missed'
 * closestKnown('waitinggiveup', ['waitingGiveUp']); // 'waitingGiveUp'
 */
export function closestKnown(value: string, known: readonly string[]): string | null {
  const lower = value.toLowerCase();
  const sameButCase = known.find((k) => k.toLowerCase() === lower);
  if (sameButCase) return sameButCase;
  const limit = Math.min(3, Math.max(1, Math.floor(value.length / 3)));
  let best: { value: string; distance: number } | null = null;
  for (const candidate of known) {
    const distance = editDistance(lower, candidate.toLowerCase());
    if (distance <= limit && (!best || distance < best.distance)) best = { value: candidate, distance };
  }
  return best?.value ?? null;
}
