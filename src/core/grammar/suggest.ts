/** "Did you mean ...?" for mistyped command words. */

/** Longer words tolerate more typos; a 3-letter word with 2 edits could be anything. */
function maxDistance(length: number): number {
  return length <= 4 ? 1 : 2;
}

/**
 * Damerau-Levenshtein distance (optimal string alignment): insert, delete,
 * substitute and swap of two neighbours each cost 1, so "cots" -> "cost" is 1.
 * Stops early once every path exceeds `limit`.
 */
export function editDistance(a: string, b: string, limit = Number.POSITIVE_INFINITY): number {
  const s = Array.from(a);
  const t = Array.from(b);
  if (Math.abs(s.length - t.length) > limit) return limit + 1;
  let prev2: number[] = [];
  let prev: number[] = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const row: number[] = [i];
    let rowMin = i;
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let d = Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) d = Math.min(d, (prev2[j - 2] ?? 0) + 1);
      row.push(d);
      rowMin = Math.min(rowMin, d);
    }
    if (rowMin > limit) return limit + 1;
    prev2 = prev;
    prev = row;
  }
  return prev[t.length] ?? 0;
}

/**
 * The candidate the user most likely meant, or undefined. Case-insensitive.
 * An exact match wins, then a candidate the word starts (at least 3 letters:
 * "mile" -> "milestone", shortest first), then the nearest by edit distance
 * within 1 edit for words up to 4 letters and 2 beyond. Ties keep candidate order.
 */
export function suggest(word: string, candidates: readonly string[]): string | undefined {
  const w = word.trim().toLowerCase();
  if (w === "" || Array.from(w).length > 64) return undefined;
  const lower = candidates.map((c) => c.toLowerCase());

  const exact = lower.indexOf(w);
  if (exact >= 0) return candidates[exact];

  if (Array.from(w).length >= 3) {
    let best = -1;
    lower.forEach((c, i) => {
      if (c.startsWith(w) && (best < 0 || c.length < (lower[best] ?? "").length)) best = i;
    });
    if (best >= 0) return candidates[best];
  }

  const limit = maxDistance(Array.from(w).length);
  let best: string | undefined;
  let bestDistance = limit + 1;
  lower.forEach((c, i) => {
    const d = editDistance(w, c, limit);
    if (d < bestDistance) {
      bestDistance = d;
      best = candidates[i];
    }
  });
  return best;
}
