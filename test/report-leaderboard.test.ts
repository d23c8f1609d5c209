import test from 'ava';
import type { Leaderboard } from '../src/eval/bootstrap.js';
import { renderLeaderboard, scoresLeaderboardRows } from '../src/report/leaderboard.js';

const board = (timed: boolean): Leaderboard => ({
  rows: [
    { name: 'a', precision: 0.9, recall: 0.8, f1: 0.8470588235294118, ci: [0.8, 0.9], pValue: null, perType: { PER: 1, LOC: 0.5 }, ...(timed ? { version: 'v1', sentencesPerSecond: 1234.5 } : {}) },
    { name: 'b', precision: 0.5, recall: 0.25, f1: 0.3333333333333333, ci: [0.2, 0.4], pValue: 0.0004, perType: { PER: 0.5 }, ...(timed ? { version: 'v2', sentencesPerSecond: 12.34 } : {}) },
  ],
  best: 'a',
  samples: 100,
  seed: 1,
  confidence: 0.95,
  mode: 'default',
  pairwise: {},
});

test('one leaderboard layout for compare and bench; speed and version columns only when the rows have them', (t) => {
  const plain = renderLeaderboard(board(false), 'table').split('\n');
  t.is(plain[0], 'leaderboard (seqeval default mode, entity micro P/R/F1 in %; 95% CI and p-values from a paired bootstrap over sentences)');
  t.regex(plain[1], /^model\s+P\s+R\s+F1\s+F1 95% CI\s+F1 LOC\s+F1 PER\s+vs best$/);
  t.regex(plain[3], /^b\s+50\.0\s+25\.0\s+33\.3\s+20\.0–40\.0\s+-\s+50\.0\s+yes \(p<0\.001\)$/);
  const timed = renderLeaderboard(board(true), 'table', ['PER', 'LOC']).split('\n');
  t.regex(timed[1], /^model\s+P\s+R\s+F1\s+F1 95% CI\s+F1 PER\s+F1 LOC\s+sent\/s\s+vs best$/);
  t.regex(timed[2], /\s1235\s+best$/);
  t.regex(timed[3], /\s12\.3\s+yes \(p<0\.001\)$/);
  t.is(renderLeaderboard(board(false), 'csv').split('\n')[0], 'model,precision,recall,f1,f1_ci_low,f1_ci_high,f1_LOC,f1_PER,p_value_vs_best,significant_vs_best');
  t.is(renderLeaderboard(board(true), 'csv').split('\n')[2], 'b,v2,0.5,0.25,0.3333333333333333,0.2,0.4,,0.5,12.3,0.0004,true');
  t.deepEqual(JSON.parse(renderLeaderboard(board(false), 'json')), board(false));
  t.deepEqual(scoresLeaderboardRows(board(true))[1], {
    model: 'b',
    version: 'v2',
    precision: 0.5,
    recall: 0.25,
    f1: 0.3333333333333333,
    f1Low: 0.2,
    f1High: 0.4,
    perType: { PER: 0.5 },
    sentencesPerSecond: 12.34,
    pValue: 0.0004,
    significant: true,
  });
});
