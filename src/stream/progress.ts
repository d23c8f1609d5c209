/**
 * Progress of a long streamed run on stderr, with an ETA from the bytes
 * read so far: a redrawn bar on a TTY, otherwise a line every 10 s (CI logs
 * and redirected stderr stay short). Nothing at all for inputs read in well
 * under a second.
 */
export interface ByteProgress {
  /** Bytes read so far (sources add to it). */
  bytes: number;
  /** Redraws if due; `docs` is the number of documents done. */
  tick(docs: number): void;
  done(docs: number): void;
}

export function byteProgress(label: string, total: number | undefined, stream: NodeJS.WriteStream = process.stderr): ByteProgress {
  const tty = stream.isTTY === true;
  const started = Date.now();
  let last = started;
  let shown = false;
  const line = (p: ByteProgress, docs: number): string => {
    const s = (Date.now() - started) / 1000;
    const mb = p.bytes / 1e6;
    const rate = s > 0 ? mb / s : 0;
    const doc = `${docs} document${docs === 1 ? '' : 's'}`;
    if (total === undefined || total === 0) return `${label}: ${mb.toFixed(1)} MB, ${doc}, ${rate.toFixed(1)} MB/s`;
    const frac = Math.min(1, p.bytes / total);
    const eta = frac > 0 ? (s / frac) * (1 - frac) : 0;
    const width = 24;
    const bar = tty ? `[${'#'.repeat(Math.round(width * frac))}${'.'.repeat(width - Math.round(width * frac))}] ` : '';
    return `${label}: ${bar}${(100 * frac).toFixed(0)}% ${mb.toFixed(1)}/${(total / 1e6).toFixed(1)} MB, ${doc}, ${rate.toFixed(1)} MB/s, ETA ${formatSeconds(eta)}`;
  };
  const p: ByteProgress = {
    bytes: 0,
    tick(docs) {
      const now = Date.now();
      if (now - started < 1000 || now - last < (tty ? 200 : 10_000)) return;
      last = now;
      shown = true;
      stream.write(tty ? `\r${line(p, docs).padEnd(100)}` : `${line(p, docs)}\n`);
    },
    done(docs) {
      if (!shown) return;
      stream.write(tty ? `\r${line(p, docs).padEnd(100)}\n` : `${line(p, docs)}\n`);
    },
  };
  return p;
}

function formatSeconds(s: number): string {
  if (s < 60) return `${Math.round(s)} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
  return `${Math.floor(s / 3600)} h ${Math.round((s % 3600) / 60)} min`;
}
