/**
 * The weights of the context features (`contextFeatures`) looked up by
 * template and value instead of by feature string: building `w-1=…|…`
 * strings for every token and hashing them in the weight map dominated
 * tagging time. Each template's weights are a map from its value (a
 * neighbour's normalised form, stem, cue, ...) to the weight row; values
 * come from the token views, whose strings are cached, so lookups hash
 * nothing new.
 *
 * `addContextWeights` adds the same rows in the same order as summing the
 * weights of `contextFeatures` one by one, so scores are bit-identical
 * (test/perceptron-context.test.ts compares them).
 */
import { BOS, EOS, tokenScript, type FeatureConfig, type TokenView } from './features.js';

type Row = Float64Array;

/** Weight rows of one template by value. */
type Single = Map<string, Row>;

/** Weight rows of a two-value template (`a|b`) by first, then second value. */
type Pair = Map<string, Map<string, Row>>;

export class ContextWeights {
  private readonly singles = new Map<string, Single>();
  private readonly pairs = new Map<string, Pair>();

  /** Indexes the context features among `weights` (the others are left to the caller). */
  constructor(weights: ReadonlyMap<string, Row>) {
    for (const [feature, row] of weights) {
      const eq = feature.indexOf('=');
      if (eq < 0) continue;
      const template = feature.slice(0, eq);
      const value = feature.slice(eq + 1);
      if (PAIR_TEMPLATES.has(template)) {
        // `a|b` with `|` inside a or b: every split gives back the same feature string, so index them all
        let pair = this.pairs.get(template);
        if (pair === undefined) this.pairs.set(template, (pair = new Map()));
        for (let bar = value.indexOf('|'); bar >= 0; bar = value.indexOf('|', bar + 1)) {
          const a = value.slice(0, bar);
          let inner = pair.get(a);
          if (inner === undefined) pair.set(a, (inner = new Map()));
          inner.set(value.slice(bar + 1), row);
        }
      } else if (SINGLE_TEMPLATE.test(template)) {
        let single = this.singles.get(template);
        if (single === undefined) this.singles.set(template, (single = new Map()));
        single.set(value, row);
      }
    }
    this.prevPair = this.pair('w-1|w');
    this.nextPair = this.pair('w|w+1');
    this.scriptPair = this.pair('sc-1|sc');
    this.stemBefore = this.single('st-1');
    this.stemAfter = this.single('st+1');
    this.cueBefore = this.single('cu-1');
    this.cueAfter = this.single('cu+1');
    this.cueBefore2 = this.single('cu-2');
    this.rule = this.single('r');
    this.ruleBefore = this.single('r-1');
    this.ruleAfter = this.single('r+1');
    this.gaz = this.single('g');
    this.gazBefore = this.single('g-1');
    this.gazAfter = this.single('g+1');
  }

  private single(template: string): Single {
    return this.singles.get(template) ?? EMPTY_SINGLE;
  }

  private pair(template: string): Pair {
    return this.pairs.get(template) ?? EMPTY_PAIR;
  }

  /** `w-d` and `w+d` by d (index 0 unused), grown to the window asked for. */
  private readonly before: Single[] = [EMPTY_SINGLE];
  private readonly after: Single[] = [EMPTY_SINGLE];

  private grow(window: number): void {
    while (this.before.length <= window) {
      const d = this.before.length;
      this.before.push(this.single(`w-${d}`));
      this.after.push(this.single(`w+${d}`));
    }
  }

  /**
   * Adds the weights of token i's context features (those of
   * `contextFeatures(views, i, config)`, in its order) to the row of L
   * labels at `into[offset..]`. `scripts` holds tokenScript of each token.
   */
  add(views: readonly TokenView[], scripts: readonly string[], i: number, config: FeatureConfig, into: Float64Array, offset: number, L: number): void {
    const n = views.length;
    const v = views[i];
    if (this.before.length <= config.window) this.grow(config.window);
    const { before, after } = this;
    for (let d = 1; d <= config.window; d++) {
      addRow(into, offset, L, before[d].get(i - d < 0 ? BOS : views[i - d].norm));
      addRow(into, offset, L, after[d].get(i + d >= n ? EOS : views[i + d].norm));
    }
    if (config.window >= 1) {
      addRow(into, offset, L, this.prevPair.get(i > 0 ? views[i - 1].norm : BOS)?.get(v.norm));
      addRow(into, offset, L, this.nextPair.get(v.norm)?.get(i + 1 < n ? views[i + 1].norm : EOS));
      if (config.stems) {
        addRow(into, offset, L, this.stemBefore.get(i > 0 ? views[i - 1].stem : BOS));
        addRow(into, offset, L, this.stemAfter.get(i + 1 < n ? views[i + 1].stem : EOS));
      }
      if (config.shape) addRow(into, offset, L, this.scriptPair.get(i > 0 ? scripts[i - 1] : BOS)?.get(scripts[i]));
    }
    if (i > 0) for (const c of views[i - 1].cue) addRow(into, offset, L, this.cueBefore.get(c));
    if (i + 1 < n) for (const c of views[i + 1].cue) addRow(into, offset, L, this.cueAfter.get(c));
    if (i > 1) for (const c of views[i - 2].cue) if (c === 'title') addRow(into, offset, L, this.cueBefore2.get(c));
    for (const r of v.rule) addRow(into, offset, L, this.rule.get(r));
    if (i > 0) for (const r of views[i - 1].rule) if (!r.includes(':')) addRow(into, offset, L, this.ruleBefore.get(r));
    if (i + 1 < n) for (const r of views[i + 1].rule) if (!r.includes(':')) addRow(into, offset, L, this.ruleAfter.get(r));
    if (config.gazetteer) {
      for (const g of v.gaz) addRow(into, offset, L, this.gaz.get(g));
      if (i > 0) for (const g of views[i - 1].gaz) addRow(into, offset, L, this.gazBefore.get(g));
      if (i + 1 < n) for (const g of views[i + 1].gaz) addRow(into, offset, L, this.gazAfter.get(g));
    }
  }

  private readonly prevPair: Pair;
  private readonly nextPair: Pair;
  private readonly scriptPair: Pair;
  private readonly stemBefore: Single;
  private readonly stemAfter: Single;
  private readonly cueBefore: Single;
  private readonly cueAfter: Single;
  private readonly cueBefore2: Single;
  private readonly rule: Single;
  private readonly ruleBefore: Single;
  private readonly ruleAfter: Single;
  private readonly gaz: Single;
  private readonly gazBefore: Single;
  private readonly gazAfter: Single;
}

function addRow(into: Float64Array, offset: number, L: number, row: Row | undefined): void {
  if (row === undefined) return;
  for (let c = 0; c < L; c++) into[offset + c] += row[c];
}

/** tokenScript of each token of a sentence (the `sc-1|sc` feature reads two per token). */
export function sentenceScripts(views: readonly TokenView[]): string[] {
  return views.map((v) => tokenScript(v.token));
}

const PAIR_TEMPLATES: ReadonlySet<string> = new Set(['w-1|w', 'w|w+1', 'sc-1|sc']);
/** Templates of contextFeatures with one value: neighbours' forms, stems, cues, rules, gazetteer. */
const SINGLE_TEMPLATE = /^(?:w[-+]\d+|st[-+]1|cu[-+][12]|r|r[-+]1|g|g[-+]1)$/;
const EMPTY_SINGLE: Single = new Map();
const EMPTY_PAIR: Pair = new Map();
