/**
 * The Label Studio labeling config of an NER project:
 *   <View>
 *     <Labels name="label" toName="text"> <Label value="PER"/> ... </Labels>
 *     <Text name="text" value="$text"/>
 *   </View>
 * Written beside the tasks (tasks.json → tasks.config.xml) so the project
 * is set up with the same labels and names the tasks use; read (--ls-config)
 * to learn the names of a project set up otherwise (`$ner`, `name="tag"`).
 */
import { InputError } from '../io/errors.js';
import type { LabelStudioNames } from './common.js';

export const DEFAULT_LS_NAMES: LabelStudioNames = { fromName: 'label', toName: 'text', dataKey: 'text' };

/** Names with defaults filled in. */
export function lsNames(partial: Partial<LabelStudioNames> | undefined): LabelStudioNames {
  return { ...DEFAULT_LS_NAMES, ...Object.fromEntries(Object.entries(partial ?? {}).filter(([, v]) => v !== undefined)) };
}

const escapeXml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The config XML for these labels and names. */
export function renderLabelingConfig(labels: readonly string[], names: LabelStudioNames): string {
  const lines = [
    '<View>',
    `  <Labels name="${escapeXml(names.fromName)}" toName="${escapeXml(names.toName)}">`,
    ...labels.map((l) => `    <Label value="${escapeXml(l)}"/>`),
    '  </Labels>',
    `  <Text name="${escapeXml(names.toName)}" value="$${escapeXml(names.dataKey)}"/>`,
    '</View>',
  ];
  return `${lines.join('\n')}\n`;
}

/** The path of the config written beside a tasks file. */
export function configPathFor(tasksPath: string): string {
  return tasksPath.replace(/\.json$/i, '') + '.config.xml';
}

const unescapeXml = (s: string): string =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

function attr(tag: string, name: string): string | undefined {
  const m = new RegExp(`\\s${name}\\s*=\\s*"([^"]*)"`).exec(tag) ?? new RegExp(`\\s${name}\\s*=\\s*'([^']*)'`).exec(tag);
  return m === null ? undefined : unescapeXml(m[1]);
}

/**
 * The names and labels of a labeling config: the first `<Labels>` control,
 * and the `<Text>` object it points to. Throws naming the file when there is none.
 */
export function parseLabelingConfig(xml: string, file: string): LabelStudioNames & { labels: string[] } {
  const labelsTag = /<Labels\b[^>]*>/.exec(xml);
  if (labelsTag === null) throw new InputError('no <Labels name=... toName=...> control in the labeling config', { file });
  const lineOf = (i: number): number => xml.slice(0, i).split('\n').length;
  const fromName = attr(labelsTag[0], 'name');
  const toName = attr(labelsTag[0], 'toName');
  if (fromName === undefined || toName === undefined) throw new InputError('<Labels> needs name and toName attributes', { file, line: lineOf(labelsTag.index) });
  let dataKey: string | undefined;
  for (const m of xml.matchAll(/<Text\b[^>]*>/g)) {
    if (attr(m[0], 'name') !== toName) continue;
    const value = attr(m[0], 'value');
    if (value === undefined || !value.startsWith('$')) throw new InputError(`<Text name="${toName}"> needs value="$KEY"`, { file, line: lineOf(m.index) });
    dataKey = value.slice(1);
  }
  if (dataKey === undefined) throw new InputError(`no <Text name="${toName}" value="$KEY"/> for the <Labels toName="${toName}">`, { file, line: lineOf(labelsTag.index) });
  const end = xml.indexOf('</Labels>', labelsTag.index);
  const body = xml.slice(labelsTag.index, end < 0 ? undefined : end);
  const labels = [...body.matchAll(/<Label\b[^>]*>/g)].map((m) => attr(m[0], 'value')).filter((v): v is string => v !== undefined);
  return { fromName, toName, dataKey, labels };
}
