import test from 'ava';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { runCli, ROOT } from './helpers/cli.js';

// The page's DOM, typed just enough for the checks run inside the browser
// (the test program is compiled without the DOM library).
interface PageElement {
  offsetParent: unknown;
  getBoundingClientRect(): { width: number };
}
declare const document: { querySelector(selector: string): PageElement | null };

/**
 * The report in a real browser: headless Chromium from Debian's package,
 * driven by playwright-core. Skips with a message where Chromium is absent
 * (.ci/run installs it where it can).
 */
const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
const maybe = hasChromium ? test : test.skip;

maybe(`report.html loads without errors and shows the scores and the gold${hasChromium ? '' : ' (skipped: /usr/bin/chromium is absent; apt-get install chromium)'}`, async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'gujnlp-report-'));
  const r = await runCli(['bench', '--out', join(dir, 'results'), '--predicted', join(dir, 'predicted'), '--samples', '200']);
  t.is(r.code, 0, r.stderr);
  const scores = JSON.parse(readFileSync(join(dir, 'results', 'scores.json'), 'utf8'));
  const gold = JSON.parse(readFileSync(join(ROOT, 'annotations', 'gold', 'lavrov-pakistan-visit-2021.json'), 'utf8'));

  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await browser.newPage();
    const errors: string[] = [];
    const requests: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('request', (req) => {
      if (!req.url().startsWith('file:')) requests.push(req.url());
    });
    await page.goto(pathToFileURL(join(dir, 'results', 'report.html')).href, { waitUntil: 'load' });
    t.deepEqual(errors, [], 'no console errors');
    t.deepEqual(requests, [], 'the page fetches nothing from the network');
    t.is(await page.getAttribute('html', 'lang'), 'gu');

    // leaderboard rows match scores.json, in order
    const rows = await page.$$eval('#leaderboard tbody tr', (trs) =>
      trs.map((tr) => ({ model: tr.getAttribute('data-model'), f1: Number(tr.getAttribute('data-f1')), p: Number(tr.getAttribute('data-precision')), r: Number(tr.getAttribute('data-recall')) })),
    );
    t.deepEqual(
      rows,
      scores.leaderboard.map((l: { model: string; f1: number; precision: number; recall: number }) => ({ model: l.model, f1: l.f1, p: l.precision, r: l.recall })),
    );
    t.true(rows.length >= 2, 'at least rules and perceptron ran');

    // the gold view highlights exactly the gold entities (code point offsets, labels, text)
    await page.selectOption('#model-select', 'gold');
    const marks = await page.$$eval('[data-view="gold"] mark.ent', (ms) =>
      ms.map((m) => ({
        start: Number(m.getAttribute('data-start')),
        end: Number(m.getAttribute('data-end')),
        label: m.getAttribute('data-label'),
        text: m.firstChild?.textContent ?? '',
        visible: (m as unknown as PageElement).offsetParent !== null,
      })),
    );
    t.deepEqual(
      marks.map(({ visible: _v, ...m }) => m),
      gold.entities.map((e: { start: number; end: number; label: string; text: string }) => ({ start: e.start, end: e.end, label: e.label, text: e.text })),
    );
    t.true(marks.every((m) => m.visible));

    // switching to a model shows its side-by-side view with misses and false alarms marked
    const model = rows[0].model!;
    await page.selectOption('#model-select', model);
    t.true(await page.isVisible(`[data-view="${model}"] [data-side="pred"]`));
    t.false(await page.isVisible('[data-view="gold"]'));
    const statuses = await page.$$eval(`[data-view="${model}"] [data-side="pred"] mark.ent`, (ms) => ms.map((m) => m.getAttribute('data-status')));
    t.true(statuses.length > 0 && statuses.every((s) => ['hit', 'false-alarm', 'wrong-type', 'boundary'].includes(s ?? '')));
    const width = await page.evaluate((m) => (document.querySelector(`[data-view="${m}"] [data-side="gold"]`) as PageElement).getBoundingClientRect().width, model);
    t.true(width > 0, 'the gold column of the selected model is laid out');

    // the error analysis of the selected model: buckets with intervals, error types, entity confusion, as in scores.json
    const analysis = scores.models[model].errors;
    t.true(await page.isVisible(`#error-analysis [data-errors="${model}"]`));
    const buckets = await page.$$eval(`[data-errors="${model}"] table.buckets tbody tr`, (trs) =>
      trs.map((tr) => [
        tr.getAttribute('data-attribute'),
        tr.getAttribute('data-bucket'),
        Number(tr.getAttribute('data-gold')),
        Number(tr.getAttribute('data-pred')),
        Number(tr.getAttribute('data-f1')),
      ]),
    );
    t.deepEqual(
      buckets,
      analysis.buckets.flatMap((b: { attribute: string; rows: { bucket: string; gold: number; pred: number; f1: number }[] }) => b.rows.map((r) => [b.attribute, r.bucket, r.gold, r.pred, r.f1])),
    );
    t.true(['length', 'script', 'ending', 'sentence'].every((a) => buckets.some((b) => b[0] === a)));
    const kinds = await page.$$eval(`[data-errors="${model}"] table.error-types tr[data-kind]`, (trs) => trs.map((tr) => [tr.getAttribute('data-kind'), Number(tr.getAttribute('data-count'))]));
    t.deepEqual(kinds, [['correct', analysis.errors.correct], ...Object.entries(analysis.errors.counts)]);
    const cells = await page.$$eval(`[data-errors="${model}"] table.entity-confusion tr[data-gold]`, (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => Number(td.textContent))));
    t.deepEqual(cells, analysis.confusion.matrix);
    const barWidth = await page.evaluate((m) => (document.querySelector(`[data-errors="${m}"] svg.fbar`) as PageElement).getBoundingClientRect().width, model);
    t.true(barWidth > 0, 'the bucket bars are laid out');
    // choosing another view hides this model's analysis
    await page.selectOption('#model-select', 'gold');
    t.false(await page.isVisible(`#error-analysis [data-errors="${model}"]`));
  } finally {
    await browser.close();
  }
});
