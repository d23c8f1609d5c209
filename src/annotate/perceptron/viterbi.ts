/**
 * First-order Viterbi decoding constrained to valid IOB2: `I-X` may follow
 * only `B-X` or `I-X` (never `O`, another type, or the sentence start), so
 * every decoded sequence is a well-formed set of entities.
 */

/** Type of an IOB2 label: `B-LOC` → `LOC`, `O` → undefined. */
function typeOf(label: string): string | undefined {
  return label === 'O' ? undefined : label.slice(2);
}

/**
 * Allowed transitions as a flat (L+1)×L matrix: row `p` (0..L-1) is the
 * previous label, row L is the sentence start; 1 = allowed.
 */
export function allowedTransitions(labels: readonly string[]): Uint8Array {
  const L = labels.length;
  const allowed = new Uint8Array((L + 1) * L);
  for (let p = 0; p <= L; p++) {
    for (let c = 0; c < L; c++) {
      const cur = labels[c];
      let ok = true;
      if (cur.startsWith('I-')) {
        const prev = p === L ? undefined : labels[p];
        ok = prev !== undefined && prev !== 'O' && typeOf(prev) === typeOf(cur);
      }
      allowed[p * L + c] = ok ? 1 : 0;
    }
  }
  return allowed;
}

/**
 * Best label sequence for `n` tokens.
 * @param emissions n×L scores (token i, label c at i*L+c)
 * @param transitions (L+1)×L scores, row L = start (same layout as {@link allowedTransitions})
 * @returns label indices; ties go to the lower label index, so results are deterministic
 */
export function viterbi(emissions: Float64Array, n: number, L: number, transitions: Float64Array, allowed: Uint8Array): Int32Array {
  const path = new Int32Array(n);
  if (n === 0) return path;
  let prev = new Float64Array(L);
  let cur = new Float64Array(L);
  const back = new Int32Array(n * L);
  for (let c = 0; c < L; c++) {
    prev[c] = allowed[L * L + c] ? transitions[L * L + c] + emissions[c] : -Infinity;
  }
  for (let i = 1; i < n; i++) {
    for (let c = 0; c < L; c++) {
      let best = -Infinity;
      let arg = -1;
      for (let p = 0; p < L; p++) {
        if (!allowed[p * L + c] || prev[p] === -Infinity) continue;
        const s = prev[p] + transitions[p * L + c];
        if (s > best) {
          best = s;
          arg = p;
        }
      }
      cur[c] = arg < 0 ? -Infinity : best + emissions[i * L + c];
      back[i * L + c] = arg;
    }
    [prev, cur] = [cur, prev];
  }
  let best = -Infinity;
  let arg = 0;
  for (let c = 0; c < L; c++) {
    if (prev[c] > best) {
      best = prev[c];
      arg = c;
    }
  }
  for (let i = n - 1; i >= 0; i--) {
    path[i] = arg;
    arg = back[i * L + arg];
  }
  return path;
}
