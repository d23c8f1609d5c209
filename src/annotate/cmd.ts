/**
 * `cmd:COMMAND`: any NER model that runs as a program (a Python script, a
 * Hugging Face pipeline, spaCy, a Java tagger) joins gujnlp through a
 * line protocol, JSON Lines over the child's stdin and stdout:
 *
 *   request  (one line per sentence) {"id": "doc#3", "tokens": ["...", ...]}
 *   reply    (one line per request, in order)
 *            {"id": "doc#3", "tags": ["B-PER", "O", ...]}            one tag per token
 *         or {"id": "doc#3", "entities": [{"start": 0, "end": 2, "label": "PER"}]}
 *                                                                     token indices, end exclusive
 *
 * The command is started once (through the shell, so quoting works as on a
 * command line) and kept for every document; up to `batchSize` requests are
 * written before the replies are read, so a model can tag a batch at once.
 * Its stderr is passed through to ours. Any reply that is not JSON, has
 * the wrong id or the wrong number of tags, or does not come within the
 * timeout, and a child that exits early, is an error naming the model and
 * the sentence: a silent wrong result is worse than none.
 */
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import { sentenceTokenRanges } from '../align/index.js';
import type { Document, Entity } from '../doc/types.js';
import { InputError } from '../io/errors.js';
import { badTagMessage, decodeTags, parseTag } from '../tags/decode.js';
import type { Chunk } from '../tags/scheme.js';
import type { Annotator } from './annotator.js';

export interface CmdOptions {
  /** Display name (default: the script's file name, e.g. `tagger.py`). */
  name?: string;
  /** Seconds to wait for each reply (default 300); 0 waits forever. */
  timeout?: number;
  /** Requests written before their replies are read (default 64). */
  batchSize?: number;
}

export const DEFAULT_CMD_TIMEOUT = 300;
export const DEFAULT_CMD_BATCH = 64;

/** One sentence sent to the child. */
interface Request {
  id: string;
  tokens: string[];
  /** Where it is, for messages and for mapping chunks back to the text. */
  doc: Document;
  sentence: number;
  firstToken: number;
}

/**
 * `python3 test/fixtures/tagger.py --x 1` → `tagger.py`: the first argument
 * that looks like a script or module (has a `/` or an extension), else the
 * program's own name.
 */
export function cmdDisplayName(command: string): string {
  const words = (command.match(/"[^"]*"|'[^']*'|\S+/g) ?? []).map((w) => w.replace(/^["']|["']$/g, '')).filter((w) => w !== '');
  const base = (w: string): string => w.split(/[\\/]/).filter(Boolean).pop() ?? w;
  const script = words.slice(1).find((w) => !w.startsWith('-') && /[\\/]|\.\w+$/.test(w));
  if (script !== undefined) return base(script);
  return words.length > 0 ? base(words[0]) : 'cmd';
}

/** A short quote of a sentence for messages: its first tokens. */
function quoteSentence(tokens: readonly string[]): string {
  const shown = tokens.slice(0, 8).join(' ');
  return `"${shown}${tokens.length > 8 ? ' …' : ''}"`;
}

/**
 * Checks one reply line against its request and returns the chunks (token
 * indices within the sentence). Pure, so every malformed shape is testable.
 * Returns an error message (without the model/sentence prefix) instead of throwing.
 */
export function parseReply(line: string, id: string, nTokens: number): Chunk[] | string {
  let j: unknown;
  try {
    j = JSON.parse(line);
  } catch {
    return `the reply is not a JSON object: ${JSON.stringify(line.length > 80 ? line.slice(0, 80) + '…' : line)}`;
  }
  if (j === null || typeof j !== 'object' || Array.isArray(j)) return `the reply is not a JSON object: ${JSON.stringify(line.slice(0, 80))}`;
  const r = j as Record<string, unknown>;
  if (r.id !== id) return `the reply has id ${JSON.stringify(r.id)}, expected ${JSON.stringify(id)} (replies must come one per request, in order)`;
  if (typeof r.error === 'string') return `the model reported an error: ${r.error}`;
  if (Array.isArray(r.tags)) {
    if (r.tags.length !== nTokens) return `the reply has ${r.tags.length} tags for ${nTokens} tokens`;
    for (let i = 0; i < r.tags.length; i++) {
      const t = r.tags[i];
      if (typeof t !== 'string' || parseTag(t) === undefined) return `tag ${i + 1}: ${typeof t === 'string' ? badTagMessage(t) : `${JSON.stringify(t)} is not a string`}`;
    }
    return decodeTags(r.tags as string[]);
  }
  if (Array.isArray(r.entities)) {
    const out: Chunk[] = [];
    for (let k = 0; k < r.entities.length; k++) {
      const e = r.entities[k] as Record<string, unknown> | null;
      const where = `entity ${k + 1}`;
      if (e === null || typeof e !== 'object') return `${where} is not an object`;
      const { start, end, label } = e;
      if (typeof label !== 'string' || label === '') return `${where} has no label`;
      if (!Number.isInteger(start) || !Number.isInteger(end)) return `${where} needs integer token indices "start" and "end"`;
      const s = start as number;
      const en = end as number;
      if (s < 0 || en > nTokens || s >= en) return `${where} covers tokens ${s}..${en}, outside 0..${nTokens} or empty (token indices, end exclusive)`;
      out.push({ type: label, start: s, end: en });
    }
    out.sort((a, b) => a.start - b.start || a.end - b.end);
    for (let k = 1; k < out.length; k++) if (out[k].start < out[k - 1].end) return `entities overlap at tokens ${out[k].start}..${out[k - 1].end}`;
    return out;
  }
  return 'the reply has neither "tags" nor "entities"';
}

/** Splits a byte stream into lines and hands them out in order. */
class LineReader {
  private buf = '';
  private lines: string[] = [];
  private waiter: ((line: string | null) => void) | null = null;
  private ended = false;

  push(chunk: string): void {
    this.buf += chunk;
    let nl: number;
    while ((nl = this.buf.indexOf('\n')) >= 0) {
      const line = this.buf.slice(0, nl).replace(/\r$/, '');
      this.buf = this.buf.slice(nl + 1);
      if (line.trim() === '') continue; // blank lines (a print() too many) carry nothing
      this.deliver(line);
    }
  }

  end(): void {
    if (this.buf.trim() !== '') this.deliver(this.buf);
    this.buf = '';
    this.ended = true;
    if (this.waiter !== null) {
      const w = this.waiter;
      this.waiter = null;
      w(null);
    }
  }

  private deliver(line: string): void {
    if (this.waiter !== null) {
      const w = this.waiter;
      this.waiter = null;
      w(line);
    } else this.lines.push(line);
  }

  /** The next line, or null when the stream ended. */
  next(): Promise<string | null> {
    if (this.lines.length > 0) return Promise.resolve(this.lines.shift()!);
    if (this.ended) return Promise.resolve(null);
    return new Promise((resolve) => {
      this.waiter = resolve;
    });
  }

  /** Forgets a pending wait (after a timeout). */
  cancel(): void {
    this.waiter = null;
  }
}

type Child = ChildProcessByStdio<Writable, Readable, null>;

/** The annotator over one long-running child process. */
export class CmdAnnotator implements Annotator {
  readonly name: string;
  readonly version: string;
  private child: Child | null = null;
  private readonly reader = new LineReader();
  private exit: string | null = null;
  private failed: string | null = null;
  private readonly timeout: number;
  private readonly batchSize: number;

  constructor(
    readonly command: string,
    opts: CmdOptions = {},
  ) {
    if (command.trim() === '') throw new InputError(`model spec 'cmd:' needs a command after ':' (e.g. cmd:"python3 tag.py")`);
    this.name = opts.name ?? cmdDisplayName(command);
    this.version = `cmd:${command}`;
    this.timeout = opts.timeout ?? DEFAULT_CMD_TIMEOUT;
    this.batchSize = opts.batchSize ?? DEFAULT_CMD_BATCH;
    if (!(this.timeout >= 0)) throw new InputError(`the timeout must be a number of seconds >= 0, got ${opts.timeout}`);
    if (!Number.isInteger(this.batchSize) || this.batchSize < 1) throw new InputError(`the batch size must be an integer >= 1, got ${opts.batchSize}`);
  }

  private start(): Child {
    if (this.child !== null) return this.child;
    // its own process group, so a shell and everything it started are killed together
    const child = spawn(this.command, { shell: true, stdio: ['pipe', 'pipe', 'inherit'], detached: true });
    // idle, the child keeps nothing alive: when gujnlp is done its stdin closes and a model exits on EOF
    child.unref();
    idle(child, true);
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (s: string) => this.reader.push(s));
    child.stdout.on('end', () => this.reader.end());
    child.on('error', (err) => {
      this.exit = `could not be started: ${err.message}`;
      this.reader.end();
    });
    child.on('exit', (code, signal) => {
      this.exit = signal !== null ? `was killed by ${signal}` : `exited with status ${code}`;
    });
    // a child that stops reading makes our writes fail: that is reported by the reply check
    child.stdin.on('error', () => undefined);
    this.child = child;
    return child;
  }

  private fail(req: Request, problem: string): never {
    const msg = `model '${this.name}' (cmd:${this.command}): document '${req.doc.id}', sentence ${req.sentence + 1} (id ${JSON.stringify(req.id)}, ${quoteSentence(req.tokens)}): ${problem}`;
    this.failed = msg;
    this.kill();
    throw new InputError(msg);
  }

  private async reply(req: Request): Promise<string> {
    let timer: NodeJS.Timeout | undefined;
    if (this.child !== null) idle(this.child, false);
    const line = await new Promise<string | null | 'timeout'>((resolve) => {
      if (this.timeout > 0) timer = setTimeout(() => resolve('timeout'), this.timeout * 1000);
      this.reader.next().then(resolve);
    });
    clearTimeout(timer);
    if (this.child !== null) idle(this.child, true);
    if (line === 'timeout') {
      this.reader.cancel();
      this.fail(req, `no reply within ${this.timeout} s (the child hangs or is too slow; raise the timeout)`);
    }
    if (line === null) {
      // wait a moment for the exit status so the message can say how it died
      const child = this.child;
      if (this.exit === null && child !== null) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, 1000);
          child.once('exit', () => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
      this.fail(req, `the command ${this.exit ?? 'closed its stdout'} before replying`);
    }
    return line;
  }

  async annotate(doc: Document): Promise<Entity[]> {
    if (this.failed !== null) throw new InputError(this.failed);
    const requests: Request[] = [];
    sentenceTokenRanges(doc).forEach((r, s) => {
      if (r.end === r.start) return; // nothing to tag
      requests.push({ id: `${doc.id}#${s + 1}`, tokens: doc.tokens.slice(r.start, r.end).map((t) => t.text), doc, sentence: s, firstToken: r.start });
    });
    if (requests.length === 0) return [];
    const child = this.start();
    const out: Entity[] = [];
    for (let b = 0; b < requests.length; b += this.batchSize) {
      const batch = requests.slice(b, b + this.batchSize);
      child.stdin.write(batch.map((q) => JSON.stringify({ id: q.id, tokens: q.tokens }) + '\n').join(''));
      for (const req of batch) {
        const chunks = parseReply(await this.reply(req), req.id, req.tokens.length);
        if (typeof chunks === 'string') this.fail(req, chunks);
        for (const c of chunks) {
          const start = doc.tokens[req.firstToken + c.start].start;
          const end = doc.tokens[req.firstToken + c.end - 1].end;
          out.push({ start, end, label: c.type, text: doc.text.slice(start, end), source: this.name });
        }
      }
    }
    return out;
  }

  /** Ends the child: stdin closed (a well-behaved model exits on EOF), killed if it lingers. */
  async close(): Promise<void> {
    const child = this.child;
    if (child === null) return;
    this.child = null;
    if (child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => killGroup(child), 2000);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      child.stdin.end();
    });
  }

  private kill(): void {
    const child = this.child;
    if (child !== null && child.exitCode === null && child.signalCode === null) {
      child.stdin.destroy();
      killGroup(child);
    }
  }
}

/** Whether the child's pipes may let the process exit (idle) or must keep it alive (awaiting a reply). */
function idle(child: Child, yes: boolean): void {
  for (const s of [child.stdin, child.stdout] as unknown as { ref?: () => void; unref?: () => void }[]) {
    if (yes) s.unref?.();
    else s.ref?.();
  }
}

function killGroup(child: Child): void {
  try {
    if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    else child.kill('SIGKILL');
  } catch {
    child.kill('SIGKILL');
  }
}

export function loadCmdAnnotator(command: string, opts: CmdOptions = {}): Annotator {
  return new CmdAnnotator(command, opts);
}
