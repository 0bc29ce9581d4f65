#!/usr/bin/env bash
# kimput extract over GNU parallel: JSON Lines cut into blocks, one `kimput extract` per
# block, outputs gathered in input order (--keep-order). On this machine or, with
# --sshlogin, on many (GNU parallel ships each block to the remote kimput over ssh).
#
#   scripts/cluster/parallel.sh [options] [FILE.jsonl | -] [-- kimput extract options]
#
#   -j N          jobs at a time, per machine (default: one per core)
#   -N LINES      lines per job (default 2000). Each job is told where its block starts
#                 (--stdin-name FILE --line-offset), so records without an id get the same
#                 id, source and messages as in `kimput extract FILE`: the output is
#                 byte-identical to the single-process run.
#   --block SIZE  cut by size instead (e.g. 1M: faster to split, the classic
#                 `parallel --pipe --keep-order -j N --block 1M kimput extract`). Line
#                 numbers then restart in each block, so use it on records that carry their
#                 own "id" and "source" (the output of `kimput ingest`, or a crawl with ids):
#                 then, too, the output is byte-identical to the single-process run.
#   --sshlogin L  run jobs on L as well (GNU parallel's syntax, repeatable): "server1",
#                 "8/user@server2" (8 jobs there), ":" (this machine). kimput must be on
#                 the PATH of every host, in the same version (the same output everywhere);
#                 set KIMPUT to an absolute path valid on all of them otherwise. Use
#                 ~/.ssh/config and ssh-agent for logins; add e.g. `--sshlogin : ` to keep
#                 using this machine too. GNU parallel's --retries / --filter-hosts /
#                 --slf FILE (a host list) can be passed in PARALLEL_OPTS.
#   Environment:  KIMPUT (default: kimput on PATH), PARALLEL_OPTS (extra parallel options).
#
# Exit status: 0 when every job exited 0, else 1 (kimput exits 1 when a job rejected more
# than --max-rejects documents: the limit applies per job; the rejections are still
# reported on stderr as `kimput: FILE:LINE: message`, in input order).
#
# Examples:
#   scripts/cluster/parallel.sh -j 8 crawl.jsonl > docs.jsonl
#   kimput ingest archive/ | scripts/cluster/parallel.sh --block 1M -- --max-rejects 100 > docs.jsonl
#   scripts/cluster/parallel.sh --sshlogin : --sshlogin 16/worker1 --sshlogin 16/worker2 big.jsonl > out.jsonl
#   zstdcat big.jsonl.zst | scripts/cluster/parallel.sh -N 5000 - > out.jsonl
set -euo pipefail

usage() { sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2; exit 2; }

jobs="" lines=2000 block="" input="-"
ssh=()
while [ $# -gt 0 ]; do
  case "$1" in
    -j) jobs=$2; shift 2 ;;
    -j*) jobs=${1#-j}; shift ;;
    -N) lines=$2; shift 2 ;;
    --block) block=$2; shift 2 ;;
    --sshlogin) ssh+=(--sshlogin "$2"); shift 2 ;;
    -h|--help) usage ;;
    --) shift; break ;;
    -) input=-; shift ;;
    -*) echo "parallel.sh: unknown option $1 (kimput options go after --)" >&2; exit 2 ;;
    *) input=$1; shift ;;
  esac
done
kimput_args=("$@")

command -v parallel >/dev/null || { echo "parallel.sh: GNU parallel is not installed (apt-get install parallel)" >&2; exit 2; }
kimput=${KIMPUT:-kimput}
if [ ${#ssh[@]} -eq 0 ]; then  # locally, fail early and clearly
  command -v "$kimput" >/dev/null || { echo "parallel.sh: $kimput not found (set KIMPUT)" >&2; exit 2; }
fi
[ "$input" = - ] || [ -r "$input" ] || { echo "parallel.sh: cannot read $input" >&2; exit 2; }
[[ "$lines" =~ ^[1-9][0-9]*$ ]] || { echo "parallel.sh: -N needs a positive number" >&2; exit 2; }

# One kimput thread per job unless the caller chose; parallel runs the jobs side by side.
threads=(-j1)
for a in "${kimput_args[@]}"; do
  case "$a" in -j*|--threads*) threads=() ;; esac
done
cmd=$(printf '%q ' "$kimput" extract "${threads[@]}" --stdin-format jsonl "${kimput_args[@]}")

popts=(--pipe --keep-order --halt never)
[ -n "$jobs" ] && popts+=(-j "$jobs")
if [ -n "$block" ]; then
  popts+=(--block "$block")
else
  # Exactly LINES lines per job (-N), so job {#} starts after line ({#}-1)*LINES.
  popts+=(-N "$lines")
  cmd+=$(printf -- '--stdin-name %q --line-offset $(( ({#} - 1) * %d ))' "$input" "$lines")
fi

# With -N, GNU parallel (20221122) glues an empty line that starts a block onto the block
# before, which would shift the line numbers after it: empty lines become one space, a
# line kimput skips as blank but still counts.
feed() {
  if [ -n "$block" ]; then cat -- "$input"; else sed 's/^$/ /' -- "$input"; fi
}
# shellcheck disable=SC2086  # PARALLEL_OPTS is a list of words on purpose
set +e
if [ -z "$block" ] || [ "$input" != - ]; then
  feed | parallel "${popts[@]}" "${ssh[@]}" ${PARALLEL_OPTS:-} "$cmd"
else
  parallel "${popts[@]}" "${ssh[@]}" ${PARALLEL_OPTS:-} "$cmd"
fi
rc=$?
set -e
[ $rc -eq 0 ] && exit 0
exit 1
