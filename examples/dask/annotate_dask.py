#!/usr/bin/env python3
"""Annotate a JSON Lines corpus on a Dask cluster with `gujnlp annotate`.

Each line is one document ({"id": ..., "text": ...}, doccano JSONL, unique
ids). `gujnlp annotate - --input-format doccano --format doccano` is a pure
per-document function over stdin/stdout, so a partition of lines goes
through it unchanged and the outputs, concatenated in partition order, are
the output of one process over the whole corpus. This script proves it:
it runs a local cluster of WORKERS processes, maps SHARDS partitions
through gujnlp, writes the merged output, runs gujnlp once over the whole
input and exits 1 if the two differ.

  python3 examples/dask/annotate_dask.py IN.jsonl OUT.jsonl \
      [--gujnlp "node dist/cli/main.js"] [--shards 4] [--workers 2] [--model rules]

Needs dask's `distributed` (Debian: apt-get install python3-distributed).
"""
import argparse
import shlex
import subprocess
import sys


def annotate(lines, cmd, model):
    """One partition: its lines through `gujnlp annotate` (stdin → stdout)."""
    data = "".join(lines).encode("utf-8")
    if not data:
        return ""
    args = shlex.split(cmd) + ["annotate", "-", "--input-format", "doccano", "--format", "doccano", "--model", model, "--jobs", "1"]
    out = subprocess.run(args, input=data, stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=False)
    if out.returncode != 0:
        raise RuntimeError(out.stderr.decode("utf-8", "replace"))
    return out.stdout.decode("utf-8")


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("input")
    p.add_argument("output")
    p.add_argument("--gujnlp", default="gujnlp", help="command that runs gujnlp (default: gujnlp)")
    p.add_argument("--model", default="rules")
    p.add_argument("--shards", type=int, default=4)
    p.add_argument("--workers", type=int, default=2)
    a = p.parse_args()

    from dask.distributed import Client, LocalCluster

    with open(a.input, encoding="utf-8") as f:
        lines = [l if l.endswith("\n") else l + "\n" for l in f if l.strip()]
    size = max(1, -(-len(lines) // a.shards))
    shards = [lines[i:i + size] for i in range(0, len(lines), size)]

    with LocalCluster(n_workers=a.workers, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, Client(cluster) as client:
        futures = client.map(annotate, shards, cmd=a.gujnlp, model=a.model, pure=False)
        parts = client.gather(futures)  # in shard order
    merged = "".join(parts)
    with open(a.output, "w", encoding="utf-8") as f:
        f.write(merged)

    whole = annotate(lines, a.gujnlp, a.model)
    if merged != whole:
        print(f"dask: merged output of {len(shards)} shards DIFFERS from the single-process output", file=sys.stderr)
        return 1
    print(f"dask: {len(lines)} documents in {len(shards)} shards on {a.workers} workers; merged output == single-process output", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
