/**
 * Builds and measures the shipped Gujarati NER model (models/ner-gu/).
 *
 *   node --import tsx scripts/train-ner-gu.ts            train the shipped model, write it and its figures
 *   node --import tsx scripts/train-ner-gu.ts --cv        decisions: 5-fold CV by article group over FLORES train+dev
 *   node --import tsx scripts/train-ner-gu.ts --dev       decisions: train on FLORES train, score FLORES dev
 *
 * Data (../shared/data, split by models/ner-gu/split.json): the shipped
 * model is trained on FLORES train+dev, UD GujTB and WikiANN train; FLORES
 * test and WikiANN dev are scored once, never trained or tuned on; the
 * project's seed article (the bench corpus) is not used, so the bench can
 * score the model on it as unseen text.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Document } from '../src/doc/types.js';
import { writeFileAtomic } from '../src/io/atomic-write.js';
import {
  DEFAULT_FEATURE_CONFIG,
  PerceptronAnnotator,
  loadGujaratiResources,
  serializeModel,
  trainFromDocuments,
  taggedSentences,
  type FeatureConfig,
  type PerceptronModel,
} from '../src/annotate/perceptron/index.js';
import { trainCrf } from '../src/annotate/perceptron/crf.js';
import { averageModels } from '../src/annotate/perceptron/model.js';
import type { LangResources } from '../src/annotate/perceptron/resources.js';
import { articleGroups, loadParts, ROOT, type PartName } from './ner-gu-data.js';
import { formatScore, predict, scoreDocs, score, type Score } from './ner-gu-score.js';

/** Every decision below was taken on the FLORES dev split or CV over FLORES train+dev. */
export const RECIPE = {
  learner: 'crf' as 'crf' | 'perceptron',
  sigma2: 10,
  maxIterations: 150,
  featureConfig: { ...DEFAULT_FEATURE_CONFIG } as FeatureConfig,
  epochs: 10,
  seeds: [1, 2, 3],
  lexicalDropout: 0.3,
  /** Averaged weights smaller than this are pruned (keeps the file small). */
  minWeight: 0.02,
  /** Always in training; FLORES parts are added per mode. */
  extra: ['ud', 'wikiann-train'] as PartName[],
};

export type Recipe = typeof RECIPE;

export async function trainRecipe(train: readonly Document[], recipe: Recipe, resources: LangResources): Promise<PerceptronModel> {
  if (recipe.learner === 'crf') {
    const sents = train.flatMap((d) => taggedSentences(d, resources));
    const m = trainCrf(sents, { featureConfig: recipe.featureConfig, resources, sigma2: recipe.sigma2, maxIterations: recipe.maxIterations });
    return averageModels([m], { minWeight: recipe.minWeight });
  }
  const models: PerceptronModel[] = [];
  for (const seed of recipe.seeds) {
    models.push(
      await trainFromDocuments(train, {
        epochs: recipe.epochs,
        seed,
        lexicalDropout: recipe.lexicalDropout,
        featureConfig: recipe.featureConfig,
        resources,
      }),
    );
  }
  return averageModels(models, { minWeight: recipe.minWeight });
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const recipe = { ...RECIPE };
  const over = args.find((a) => a.startsWith('--recipe='));
  if (over) Object.assign(recipe, JSON.parse(over.slice('--recipe='.length)));
  const parts = loadParts();
  const resources = await loadGujaratiResources();
  const extra = recipe.extra.flatMap((p) => parts[p]);
  const say = (s: string): void => void process.stderr.write(`${s}\n`);

  if (args.includes('--dev')) {
    const model = await trainRecipe([...parts['flores-train'], ...extra], recipe, resources);
    const a = new PerceptronAnnotator(model, resources, { name: 'ner-gu' });
    say(`FLORES dev   ${formatScore(await score(a, parts['flores-dev']))}`);
    say(`WikiANN dev  ${formatScore(await score(a, parts['wikiann-dev'], ['MISC']))}`);
    return;
  }
  if (args.includes('--cv')) {
    const pool = [...parts['flores-train'], ...parts['flores-dev']];
    const groups = articleGroups(pool);
    const k = 5;
    const pred: Document[] = new Array(pool.length);
    for (let f = 0; f < k; f++) {
      const model = await trainRecipe([...pool.filter((_, i) => groups[i] % k !== f), ...extra], recipe, resources);
      const a = new PerceptronAnnotator(model, resources, { name: 'ner-gu' });
      const held = pool.map((d, i) => ({ d, i })).filter(({ i }) => groups[i] % k === f);
      const p = await predict(
        a,
        held.map((x) => x.d),
      );
      held.forEach(({ i }, j) => (pred[i] = p[j]));
    }
    say(`FLORES train+dev, ${k}-fold CV by article group: ${formatScore(scoreDocs(pool, pred))}`);
    return;
  }

  const started = Date.now();
  const train = [...parts['flores-train'], ...parts['flores-dev'], ...extra];
  const model = await trainRecipe(train, recipe, resources);
  const seconds = (Date.now() - started) / 1000;
  model.training.data = 'FLORES-200 gu NER gold train+dev split (models/ner-gu/split.json), UD GujTB NER gold, WikiANN-gu train';
  const dir = join(ROOT, 'models/ner-gu');
  mkdirSync(dir, { recursive: true });
  const text = serializeModel(model);
  writeFileAtomic(join(dir, 'ner-gu.json'), text);
  const a = new PerceptronAnnotator(model, resources, { name: 'ner-gu' });
  const figures: Record<string, Score> = {
    'flores-test': await score(a, parts['flores-test']),
    'wikiann-dev (--ignore MISC)': await score(a, parts['wikiann-dev'], ['MISC']),
  };
  for (const [k, v] of Object.entries(figures)) say(`${k.padEnd(28)} ${formatScore(v)}`);
  const round = (x: number): number => Math.round(x * 10000) / 10000;
  const json = JSON.stringify(
    {
      trainedOn: model.training.data,
      sentences: model.training.sentences,
      features: model.weights.size,
      trainSeconds: round(seconds),
      scores: Object.fromEntries(
        Object.entries(figures).map(([k, v]) => [
          k,
          {
            f1: round(v.f1),
            precision: round(v.precision),
            recall: round(v.recall),
            support: v.support,
            perType: Object.fromEntries(Object.entries(v.perType).map(([t, x]) => [t, { f1: round(x.f1), precision: round(x.precision), recall: round(x.recall), support: x.support }])),
          },
        ]),
      ),
    },
    null,
    1,
  );
  writeFileAtomic(join(dir, 'figures.json'), json + '\n');
  say(`wrote models/ner-gu/ner-gu.json (${(text.length / 1e6).toFixed(2)} MB, ${model.weights.size} features) and figures.json; ${seconds.toFixed(1)} s`);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
