/**
 * Progress on stderr, never stdout: a redrawn bar when stderr is a TTY,
 * otherwise one line per finished step (so CI logs stay readable).
 */
export interface Progress {
  step(label: string): void;
  done(): void;
}

export function progress(total: number, stream: NodeJS.WriteStream = process.stderr): Progress {
  const tty = stream.isTTY === true;
  let n = 0;
  const width = 24;
  return {
    step(label: string) {
      n++;
      if (tty) {
        const filled = Math.round((width * n) / Math.max(1, total));
        stream.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${n}/${total} ${label}`.padEnd(78).slice(0, 100));
      } else {
        stream.write(`gujnlp bench: [${n}/${total}] ${label}\n`);
      }
    },
    done() {
      if (tty) stream.write('\n');
    },
  };
}
