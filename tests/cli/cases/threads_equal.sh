# -j1, -j2 and -j4 write byte-identical output, the same messages in the same order and the
# same exit status, on a mixed input: text files (with threads, each read by a worker),
# compressed, truncated and oversized files, JSON Lines with and
# without ids, blank, broken, text-less and oversized lines; for extract, every pass alone
# and stdin. Also --max-rejects: up to N rejections exit 0, more exit 1.
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
for tool in jq gzip; do
  command -v "$tool" >/dev/null || fail "$tool is not installed (scripts/deps installs it)"
done

mkdir -p in/sub
cp "$root"/corpus/*.txt in/
first=$(ls "$root"/corpus/*.txt | head -1)
cp "$first" in/sub/again.txt
gzip -c "$first" > in/sub/packed.txt.gz
: > in/empty.txt                          # rejected: no text
printf 'PK\003\004\000\000binary\000\000data' > in/zip.txt   # rejected: binary
gzip -c "$first" | head -c 100 > in/sub/cut.txt.gz   # rejected: truncated gzip
cat "$root"/corpus/*.txt > in/sub/huge.txt           # rejected: over --max-bytes

# JSON Lines: each corpus article a few times, with and without id and meta.
n=0
for rep in 1 2 3 4 5 6; do
  for f in "$root"/corpus/*.txt; do
    n=$((n + 1))
    case $((n % 3)) in
      0) jq -Rsc --arg id "doc-$n" '{id: $id, text: .}' "$f" ;;
      1) jq -Rsc '{text: ., meta: {publisher: "Test Wire"}}' "$f" ;;
      2) jq -Rsc --argjson n "$n" '{id: $n, title: "Numbered", text: .}' "$f" ;;
    esac
  done
  if [ $rep -eq 2 ]; then
    printf '\n   \n{not json\n{"no": "text"}\n'
    cat "$root"/corpus/*.txt | jq -Rsc '{id: "too-long", text: .}'   # over --max-bytes
  fi
done > docs.jsonl
gzip -c docs.jsonl > docs.jsonl.gz
[ "$(wc -c < docs.jsonl)" -gt 50000 ] || fail "test input too small"

inputs=(in docs.jsonl docs.jsonl.gz)
for j in 1 2 4; do
  "$KIMPUT" extract -j$j --max-bytes 20000 --max-rejects 1000 "${inputs[@]}" > out.$j 2> err.$j || fail "extract -j$j exited $?: $(head -3 err.$j)"
done
lines=$(wc -l < out.1)
[ "$lines" -ge 60 ] || fail "extract wrote $lines lines"
for j in 2 4; do
  cmp -s out.1 out.$j || fail "extract -j$j output differs from -j1 ($(cmp out.1 out.$j))"
  cmp -s err.1 err.$j || fail "extract -j$j messages differ from -j1: $(diff err.1 err.$j | head -5)"
done
rejects=$(grep -vc ': warning: ' err.1 || true)
[ "$rejects" -ge 8 ] || fail "expected at least 8 rejections, got $rejects: $(cat err.1)"
expect_contains "rejection message" "$(cat err.1)" "docs.jsonl:"
expect_contains "oversized line" "$(cat err.1)" "over --max-bytes 20000"
expect_contains "oversized file" "$(cat err.1)" "in/sub/huge.txt: document is"
expect_contains "truncated file" "$(cat err.1)" "in/sub/cut.txt.gz: read error: truncated gzip data"

# --max-rejects: exactly the number of rejections is tolerated, one fewer is not.
"$KIMPUT" extract -j2 --max-bytes 20000 --max-rejects "$rejects" "${inputs[@]}" > /dev/null 2>&1 || fail "--max-rejects $rejects: exit $?"
set +e
"$KIMPUT" extract -j2 --max-bytes 20000 --max-rejects $((rejects - 1)) "${inputs[@]}" > max.out 2>/dev/null
rc=$?
set -e
expect_eq "exit status over --max-rejects" 1 "$rc"
cmp -s out.1 max.out || fail "the output must not depend on --max-rejects"

# Every pass alone, on ingested JSON Lines, and stdin.
"$KIMPUT" ingest -j1 --max-rejects 1000 docs.jsonl > ingested.jsonl 2>/dev/null
for pass in ingest tokenize entities quotes dates; do
  "$KIMPUT" $pass -j1 --max-rejects 1000 ingested.jsonl > p.1 2> pe.1 || fail "$pass -j1 exited $?"
  [ -s p.1 ] || fail "$pass wrote nothing"
  for j in 2 4; do
    "$KIMPUT" $pass -j$j --max-rejects 1000 ingested.jsonl > p.$j 2> pe.$j || fail "$pass -j$j exited $?"
    cmp -s p.1 p.$j || fail "$pass -j$j output differs from -j1"
    cmp -s pe.1 pe.$j || fail "$pass -j$j messages differ from -j1"
  done
done
"$KIMPUT" extract -j1 --max-rejects 1000 < docs.jsonl > s.1 2> se.1 || fail "stdin -j1"
"$KIMPUT" extract -j4 --max-rejects 1000 < docs.jsonl > s.4 2> se.4 || fail "stdin -j4"
cmp -s s.1 s.4 || fail "stdin: -j4 output differs from -j1"
cmp -s se.1 se.4 || fail "stdin: -j4 messages differ from -j1"
gzip -c docs.jsonl | "$KIMPUT" extract -z -j3 --max-rejects 1000 > s.3 2>/dev/null || fail "stdin -z -j3"
cmp -s s.1 s.3 || fail "stdin -z: output differs from plain stdin"
