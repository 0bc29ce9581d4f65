# scripts/cluster/dask_extract.py on a Dask LocalCluster of 2 worker processes talking
# over loopback TCP writes what one `kimput extract` process writes: byte-identical
# output, the same messages, the same exit status; text files sharded by files, JSON Lines
# (plain and gzip) by lines, and --max-rejects counted over the whole run.
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
recipe=$root/scripts/cluster/dask_extract.py
py=/usr/bin/python3   # Debian's python3-distributed is installed for this interpreter
[ -x $py ] || fail "$py is missing (scripts/deps installs python3)"
$py -c 'import distributed' 2>/dev/null || fail "Dask distributed is not installed for $py (scripts/deps installs python3-distributed)"
command -v jq >/dev/null || fail "jq is not installed (scripts/deps installs it)"
command -v gzip >/dev/null || fail "gzip is not installed"

mkdir -p in/b in/a
cp "$root"/corpus/*.txt in/a/
cp "$root"/corpus/00[0-2]*.txt in/b/
: > in/b/empty.txt   # rejected
n=0
for rep in 1 2 3 4 5 6; do
  for f in "$root"/corpus/*.txt; do
    n=$((n + 1))
    if [ $((n % 2)) -eq 0 ]; then jq -Rsc '{text: .}' "$f"; else jq -Rsc --arg id "d$n" '{id: $id, text: .}' "$f"; fi
  done
  [ $rep -eq 4 ] && printf '\n{broken\n'
done > docs.jsonl
gzip -c docs.jsonl > docs.jsonl.gz
inputs=(in docs.jsonl docs.jsonl.gz)

set +e
"$KIMPUT" extract -j1 "${inputs[@]}" > single.out 2> single.err
single_rc=$?
$py "$recipe" --workers 2 --kimput "$KIMPUT" --files 3 --lines 8 "${inputs[@]}" > dask.out 2> dask.err
dask_rc=$?
set -e
[ -s dask.out ] || fail "dask_extract.py wrote nothing: $(tail -5 dask.err)"
expect_eq "single run exit status (3 rejections)" 1 "$single_rc"
cmp -s single.out dask.out || fail "Dask output differs from one process ($(cmp single.out dask.out))"
cmp -s single.err dask.err || fail "Dask messages differ: $(diff single.err dask.err | head -6)"
expect_eq "dask_extract.py exit status" "$single_rc" "$dask_rc"

# --max-rejects over the whole run: 3 rejections in all, on different shards.
$py "$recipe" --workers 2 --kimput "$KIMPUT" --files 3 --lines 8 "${inputs[@]}" -o out.jsonl -- --max-rejects 3 2>/dev/null ||
  fail "--max-rejects 3: exit $?"
cmp -s single.out out.jsonl || fail "-o: output differs from one process"
set +e
$py "$recipe" --workers 2 --kimput "$KIMPUT" --lines 20 docs.jsonl docs.jsonl.gz -- --max-rejects 1 > /dev/null 2>&1
rc=$?
set -e
expect_eq "exit status over --max-rejects (2 rejections, 1 allowed)" 1 "$rc"
