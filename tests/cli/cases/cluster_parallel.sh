# scripts/cluster/parallel.sh (GNU parallel --pipe --keep-order) writes what one
# `kimput extract` process writes: byte-identical output, the same messages, the same exit
# status; by lines (-N, exact line numbers, also for records without ids) and by --block
# (records carrying their own ids), from a file and from stdin.
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
recipe=$root/scripts/cluster/parallel.sh
command -v parallel >/dev/null || fail "GNU parallel is not installed (scripts/deps installs the package parallel)"
command -v jq >/dev/null || fail "jq is not installed (scripts/deps installs it)"

# JSON Lines without ids (ids and sources then come from the line numbers), with blank
# lines where blocks start, a broken line and a line without text.
n=0
for rep in 1 2 3 4 5 6 7 8; do
  for f in "$root"/corpus/*.txt; do
    n=$((n + 1))
    jq -Rsc '{text: .}' "$f"
    [ $((n % 7)) -eq 0 ] && printf '\n'
  done
  [ $rep -eq 3 ] && printf '{broken\n{"id": "x"}\n'
done > docs.jsonl
total=$(wc -l < docs.jsonl)
[ "$total" -gt 40 ] || fail "test input too small"

single() {  # single ARGS...: one process; sets $srcout $srcerr $src_rc
  set +e
  "$KIMPUT" extract -j1 "$@" > single.out 2> single.err
  src_rc=$?
  set -e
}
recipe() {  # recipe ARGS...: the GNU parallel recipe; compares with the single run
  set +e
  "$recipe" "$@" > par.out 2> par.err
  par_rc=$?
  set -e
  [ -s par.out ] || fail "parallel.sh $*: no output: $(head -5 par.err)"
  cmp -s single.out par.out || fail "parallel.sh $*: output differs from one process ($(cmp single.out par.out))"
  cmp -s single.err par.err || fail "parallel.sh $*: messages differ: $(diff single.err par.err | head -6)"
  expect_eq "parallel.sh $* exit status" "$src_rc" "$par_rc"
}

# By lines, from a file: 12 lines per job, 2 jobs at a time.
single docs.jsonl
expect_eq "single run exit status (2 rejections)" 1 "$src_rc"
recipe -j 2 -N 12 docs.jsonl
# From stdin.
single < docs.jsonl
recipe -j 2 -N 15 - < docs.jsonl
# kimput options after --: no job has more than 2 rejections, each tolerates 2.
single --max-rejects 2 docs.jsonl
recipe -j 2 -N 12 docs.jsonl -- --max-rejects 2
expect_eq "exit status with --max-rejects" 0 "$par_rc"

# By size, on records with ids (the output of kimput ingest).
"$KIMPUT" ingest docs.jsonl > ingested.jsonl 2>/dev/null || true
single < ingested.jsonl
recipe -j 2 --block 60k < ingested.jsonl
[ "$(wc -l < ingested.jsonl)" -gt 30 ] || fail "ingest output too small"
