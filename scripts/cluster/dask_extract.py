#!/usr/bin/python3
"""kimput extract on a Dask distributed cluster, output in input order.

    /usr/bin/python3 scripts/cluster/dask_extract.py [options] [INPUT ...] [-- kimput extract options]

Inputs are named as for `kimput extract` (files, folders walked recursively in sorted order
with hidden entries skipped, "-" or nothing for stdin). They are cut into shards:

  * JSON Lines (.jsonl/.ndjson/.json, plain or .gz, and stdin): LINES lines per shard. The
    shard's bytes travel to the worker with the task (no shared file system needed), and
    the worker's kimput is told where the shard starts (--stdin-name, --line-offset), so
    ids, source and messages are those of the single-process run.
  * Other files (articles as text, .zst JSON Lines): FILES paths per shard, read by the
    worker's kimput itself: every worker must see the same paths (one machine, NFS, or the
    same copy at the same place).

Each shard runs `kimput extract -j1` in a worker; the results are written in input order as
they arrive, with at most WINDOW shards in flight (memory stays bounded). The output is
byte-identical to `kimput extract INPUT ...` in one process.

Cluster: --workers N starts a LocalCluster of N worker processes (one thread each) on this
machine over loopback TCP; --scheduler tcp://HOST:8786 uses a running cluster instead
(`dask-scheduler` on one machine, `dask-worker tcp://HOST:8786 --nthreads 1` on each of
the others; kimput must be installed on every worker, at the path --kimput gives).

--max-rejects N (after --) counts over the whole run, as in one process: the shards run
with no limit, the rejections they report on stderr are counted here. Exit status: 0, 1
when more than N documents were rejected, 2 when a shard failed (kimput exit 2, a worker
lost) or on a usage error. Needs Debian's python3-distributed, for /usr/bin/python3.

Examples:
    /usr/bin/python3 scripts/cluster/dask_extract.py --workers 8 crawl.jsonl.gz -o docs.jsonl
    /usr/bin/python3 scripts/cluster/dask_extract.py --scheduler tcp://10.0.0.1:8786 \\
        --kimput /usr/local/bin/kimput archive.jsonl -- --max-rejects 100 > docs.jsonl
"""

import argparse
import collections
import gzip
import os
import re
import shutil
import subprocess
import sys

JSONL_EXT = (".jsonl", ".ndjson", ".json")


def run_shard(kimput, args, paths, data):
    """Runs on a worker: kimput extract over `paths`, or over `data` on stdin."""
    p = subprocess.run([kimput, "extract", *args, *paths], input=data, capture_output=True)
    return p.returncode, p.stdout, p.stderr


def jsonl_name(path):
    for ext in (".gz", ".zst"):
        if path.endswith(ext) and len(path) > len(ext):
            path = path[: -len(ext)]
    return any(path.endswith(e) and len(path) > len(e) for e in JSONL_EXT)


def expand(inputs):
    """Input paths in kimput's order (io/input.cpp): folders walked, sorted, hidden skipped."""
    for p in inputs or ["-"]:
        if p == "-":
            yield p
        elif os.path.isdir(p):
            found = []
            for root, dirs, files in os.walk(p):
                dirs[:] = [d for d in dirs if not d.startswith(".")]
                for f in files:
                    full = os.path.join(root, f)
                    if not f.startswith(".") and os.path.isfile(full):
                        found.append(full)
            # kimput sorts byte strings; Python sorts code points: the same order for UTF-8
            yield from sorted(found, key=os.fsencode)
        elif os.path.exists(p):
            yield p
        else:
            raise FileNotFoundError(f"{p}: No such file or directory")


def shards(inputs, lines_per_shard, files_per_shard):
    """Yields (paths, data, name, offset) in input order."""
    group = []
    for path in expand(inputs):
        by_lines = path == "-" or (jsonl_name(path) and not path.endswith(".zst"))
        if not by_lines:
            group.append(path)
            if len(group) == files_per_shard:
                yield group, None, None, 0
                group = []
            continue
        if group:
            yield group, None, None, 0
            group = []
        if path == "-":
            f = sys.stdin.buffer
        elif path.endswith(".gz"):
            f = gzip.open(path, "rb")
        else:
            f = open(path, "rb")
        with f:
            offset, buf = 0, []
            for line in f:
                buf.append(line)
                if len(buf) == lines_per_shard:
                    yield [], b"".join(buf), path, offset
                    offset += len(buf)
                    buf = []
            if buf:
                yield [], b"".join(buf), path, offset
    if group:
        yield group, None, None, 0


def split_max_rejects(args):
    """Takes --max-rejects out of the kimput options: it is applied over the whole run."""
    out, limit, i = [], 0, 0
    while i < len(args):
        a = args[i]
        if a == "--max-rejects" and i + 1 < len(args):
            limit, i = int(args[i + 1]), i + 2
            continue
        if a.startswith("--max-rejects="):
            limit, i = int(a.split("=", 1)[1]), i + 1
            continue
        out.append(a)
        i += 1
    return out, limit


REJECTION = re.compile(rb"^kimput: (?!.*: warning: )", re.M)


def main():
    argv = sys.argv[1:]
    kimput_args = []
    if "--" in argv:
        k = argv.index("--")
        argv, kimput_args = argv[:k], argv[k + 1:]
    ap = argparse.ArgumentParser(
        prog="dask_extract.py", description=__doc__.split("\n\n")[0],
        epilog="Options after -- go to kimput extract.")
    ap.add_argument("inputs", nargs="*", metavar="INPUT", help="files, folders, - (stdin)")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                    help="start a LocalCluster of N worker processes (default: one per core)")
    ap.add_argument("--scheduler", metavar="ADDR", help="connect to this scheduler instead, e.g. tcp://10.0.0.1:8786")
    ap.add_argument("--kimput", default=os.environ.get("KIMPUT") or shutil.which("kimput") or "kimput",
                    help="kimput binary on the workers (default: $KIMPUT, else kimput on PATH)")
    ap.add_argument("--lines", type=int, default=2000, metavar="N", help="JSON Lines per shard (default 2000)")
    ap.add_argument("--files", type=int, default=500, metavar="N", help="files per shard (default 500)")
    ap.add_argument("--window", type=int, default=0, metavar="K",
                    help="shards in flight at most (default: 3 per worker thread)")
    ap.add_argument("-o", "--output", metavar="FILE", help="write to FILE (atomically) instead of stdout")
    opts = ap.parse_args(argv)
    if opts.lines < 1 or opts.files < 1:
        ap.error("--lines and --files must be positive")
    kimput_args, max_rejects = split_max_rejects(kimput_args)
    if not any(a.startswith(("-j", "--threads")) for a in kimput_args):
        kimput_args = ["-j1"] + kimput_args
    kimput = os.path.abspath(opts.kimput) if os.sep in opts.kimput else opts.kimput
    if not opts.scheduler and not shutil.which(kimput):
        print(f"dask_extract.py: {kimput} not found (set --kimput or KIMPUT)", file=sys.stderr)
        return 2
    for p in opts.inputs:
        if p != "-" and not os.path.exists(p):
            print(f"dask_extract.py: {p}: No such file or directory", file=sys.stderr)
            return 2

    try:
        from distributed import Client, LocalCluster
    except ImportError:
        print("dask_extract.py: needs Dask distributed (apt-get install python3-distributed) "
              "for this interpreter, /usr/bin/python3", file=sys.stderr)
        return 2

    import logging
    cluster = None
    if opts.scheduler:
        client = Client(opts.scheduler)
    else:
        # Dask's own errors only: its warnings ("Event loop was unresponsive ...", on a
        # busy machine) would mix with kimput's messages, which are this script's stderr.
        cluster = LocalCluster(n_workers=opts.workers, threads_per_worker=1, processes=True,
                               host="127.0.0.1", dashboard_address=None,
                               silence_logs=logging.ERROR)
        client = Client(cluster)
    threads = sum(client.nthreads().values()) or 1
    window = opts.window or 3 * threads

    out = sys.stdout.buffer
    tmp = None
    if opts.output:
        tmp = f"{opts.output}.dask-tmp-{os.getpid()}"
        out = open(tmp, "wb")
    status, rejected = 0, 0
    try:
        pending = collections.deque()

        def collect(fut):
            nonlocal status, rejected
            rc, stdout, stderr = fut.result()
            out.write(stdout)
            if stderr:
                sys.stderr.buffer.write(stderr)
                sys.stderr.flush()
                rejected += len(REJECTION.findall(stderr))
            if rc not in (0, 1):
                status = 2

        base = kimput_args + ["--max-rejects", str(2**63)]
        for paths, data, name, offset in shards(opts.inputs, opts.lines, opts.files):
            args = base if data is None else base + [
                "--stdin-format", "jsonl", "--stdin-name", name, "--line-offset", str(offset)]
            pending.append(client.submit(run_shard, kimput, args, paths, data, pure=False))
            while len(pending) >= window:
                collect(pending.popleft())
        while pending:
            collect(pending.popleft())
        out.flush()
        if tmp:
            os.fsync(out.fileno())
            out.close()
            os.replace(tmp, opts.output)
            tmp = None
    except BrokenPipeError:
        status = 0
    except Exception as e:  # a lost worker, an unreadable input
        print(f"dask_extract.py: {e}", file=sys.stderr)
        status = 2
    finally:
        if tmp:
            out.close()
            os.unlink(tmp)
        client.close()
        if cluster:
            cluster.close()
    if status == 0 and rejected > max_rejects:
        status = 1
    return status


if __name__ == "__main__":
    sys.exit(main())
