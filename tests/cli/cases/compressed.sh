# gzip and zstd input files are recognised by their magic bytes (any name); stdin needs -z.
command -v gzip >/dev/null || fail "gzip is missing (scripts/deps installs it)"
command -v zstd >/dev/null || fail "zstd is missing (scripts/deps installs it)"
article=$'Quay repairs begin\n\nThe port authority said on Monday that repairs to the old quay would take four months.\n'
printf '%s' "$article" > plain.txt
gzip -c plain.txt > quay.txt.gz
zstd -q -c plain.txt > quay2.txt.zst
gzip -c plain.txt > renamed.dat   # gzip magic, no .gz ending
"$KIMPUT" ingest plain.txt | jq -c 'del(.id, .source)' > expected.json

for f in quay.txt.gz quay2.txt.zst renamed.dat; do
  run_kimput ingest "$f"
  expect_eq "$f: status" 0 "$rc"
  expect_eq "$f: same document as plain" "$(cat expected.json)" "$(printf '%s\n' "$out" | jq -c 'del(.id, .source)')"
done
expect_eq "gz id" quay "$("$KIMPUT" ingest quay.txt.gz | jq -r .id)"
expect_eq "zst id" quay2 "$("$KIMPUT" ingest quay2.txt.zst | jq -r .id)"

# JSON Lines, compressed: lines and line numbers as in the plain file.
python3 -c "
import json
for i in range(1, 201):
    print(json.dumps({'id': f'c{i}', 'text': f'Story {i}. The port authority said on Monday that repairs would take months.'}))
print('not json')
" > crawl.jsonl
gzip -c crawl.jsonl > crawl.jsonl.gz
zstd -q -c crawl.jsonl > crawl.jsonl.zst
"$KIMPUT" ingest crawl.jsonl 2> plain.err | jq -c 'del(.source.path)' > plain.out || true
for f in crawl.jsonl.gz crawl.jsonl.zst; do
  run_kimput ingest "$f"
  expect_eq "$f: status" 1 "$rc"
  expect_eq "$f: 200 documents" 200 "$(printf '%s\n' "$out" | wc -l)"
  expect_eq "$f: same documents" "$(cat plain.out)" "$(printf '%s\n' "$out" | jq -c 'del(.source.path)')"
  expect_contains "$f: bad line numbered" "$err" "kimput: $f:201: not valid JSON"
done

# Concatenated gzip members are one stream.
{ gzip -c plain.txt; printf 'More text from a second member, said the port authority on Monday.\n' | gzip -c; } > two.txt.gz
expect_contains "two gzip members" "$("$KIMPUT" ingest two.txt.gz | jq -r .text)" "second member"

# Stdin: -z decompresses; without it compressed bytes are binary data, rejected.
run_kimput ingest -z < quay.txt.gz
expect_eq "stdin -z gz: status" 0 "$rc"
expect_eq "stdin -z gz" "$(cat expected.json)" "$(printf '%s\n' "$out" | jq -c 'del(.id, .source)')"
run_kimput ingest -z < quay2.txt.zst
expect_eq "stdin -z zst: status" 0 "$rc"
run_kimput ingest -z < crawl.jsonl.zst
expect_eq "stdin -z jsonl: documents" 200 "$(printf '%s\n' "$out" | wc -l)"
run_kimput ingest < quay.txt.gz
expect_eq "stdin gz without -z: rejected" 1 "$rc"
# -z on plain stdin is harmless.
run_kimput ingest -z < plain.txt
expect_eq "stdin -z plain" 0 "$rc"

# Corrupt and truncated data: reported, never a crash or a hang.
head -c 40 crawl.jsonl.gz > cut.jsonl.gz
run_kimput ingest cut.jsonl.gz plain.txt
expect_eq "truncated gz: status" 1 "$rc"
expect_contains "truncated gz: message" "$err" "kimput: cut.jsonl.gz"
expect_eq "truncated gz: next file read" 1 "$(printf '%s\n' "$out" | jq -r 'select(.id == "plain") | .id' | wc -l)"
{ head -c 20 quay2.txt.zst; head -c 200 /dev/zero | tr '\0' 'Z'; } > bad.txt.zst
run_kimput ingest bad.txt.zst
expect_eq "corrupt zst: status" 1 "$rc"
expect_contains "corrupt zst: message" "$err" "kimput: bad.txt.zst: "
