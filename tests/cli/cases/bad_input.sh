# Every bad input of the issue gets a clear `kimput: FILE[:LINE]: message` on stderr, exit
# status 1, and the good documents around it are still written; never a crash or a hang.
good() {
  printf 'Quay repairs begin\n\n%s\n' "The port authority said on Monday that repairs to the old quay would take four months."
}
good > a-good.txt
: > b-empty.txt
printf '\n\n   \n' > c-blank.txt
printf 'Share\nPrint\nSubscribe now\nBack To Top\nLEAVE A REPLY\n' > d-junk.txt
printf '\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00' > e-binary.png
printf 'Quay repairs begin\x00\x00 with a NUL inside\n' > f-nul.txt
printf '\xff\xfeQ\x00u\x00a\x00y\x00' > g-utf16.txt
good > z-good.txt

run_kimput ingest a-good.txt b-empty.txt c-blank.txt d-junk.txt e-binary.png f-nul.txt g-utf16.txt z-good.txt
expect_eq "status" 1 "$rc"
expect_eq "good documents written" "a-good z-good" "$(printf '%s\n' "$out" | jq -r .id | tr '\n' ' ' | sed 's/ $//')"
expect_contains "empty file" "$err" "kimput: b-empty.txt: empty document"
expect_contains "blank file" "$err" "kimput: c-blank.txt: empty document"
expect_contains "only boilerplate" "$err" "kimput: d-junk.txt: no article text left: all 5 non-blank lines were boilerplate"
expect_contains "binary" "$err" "kimput: e-binary.png: binary data"
expect_contains "NUL bytes" "$err" "kimput: f-nul.txt: binary data (NUL bytes)"
expect_contains "UTF-16" "$err" "kimput: g-utf16.txt: UTF-16"
expect_eq "one message per rejection" 6 "$(printf '%s\n' "$err" | grep -c '^kimput: ')"
# Every stderr line has the documented form.
while IFS= read -r line; do
  [[ "$line" =~ ^kimput:\ [^:]+(:[0-9]+)?:\ .+ ]] || fail "message not of the form kimput: FILE[:LINE]: message: [$line]"
done <<< "$err"

# Invalid UTF-8: the document is kept, bad bytes become U+FFFD, a warning gives the count.
printf 'Quay repairs begin\n\nThe port authority said repairs to the caf\xc3\xa9 on the old quay \xe2\x80\x94 and \xff the slipway \xc3 would take months.\n' > bad-utf8.txt
run_kimput ingest bad-utf8.txt
expect_eq "invalid UTF-8 status" 0 "$rc"
expect_contains "invalid UTF-8 warning" "$err" "kimput: bad-utf8.txt: warning: 2 invalid UTF-8 sequences replaced by U+FFFD"
text=$(printf '%s\n' "$out" | jq -r .text)
expect_contains "valid characters kept" "$text" "café on the old quay — and � the slipway � would"
printf '%s\n' "$out" | python3 -c 'import sys; sys.stdin.buffer.read().decode("utf-8")' || fail "output is not valid UTF-8"

# Windows-1252: detected, converted, with a warning.
printf 'Quay repairs begin\n\nThe port authority\x92s engineer said: \x93The old quay will need four months of work.\x94 Boat owners were told to move their vessels by Friday.\n' > cp1252.txt
run_kimput ingest cp1252.txt
expect_eq "cp1252 status" 0 "$rc"
expect_contains "cp1252 warning" "$err" "kimput: cp1252.txt: warning: input is not UTF-8; converted from windows-1252"
expect_contains "cp1252 curly quotes" "$(printf '%s\n' "$out" | jq -r .text)" "authority’s engineer said: “The old quay"

# BOM and CRLF: accepted silently.
printf '\xef\xbb\xbfQuay repairs begin\r\n\r\nThe port authority said on Monday that repairs would take four months.\r\n' > bom-crlf.txt
run_kimput ingest bom-crlf.txt
expect_eq "BOM/CRLF status" 0 "$rc"
expect_eq "BOM/CRLF stderr" "" "$err"
expect_eq "BOM dropped, CRLF normalised" \
  '"Quay repairs begin\n\nThe port authority said on Monday that repairs would take four months."' \
  "$(printf '%s\n' "$out" | jq .text)"

# JSON Lines: a line that is not JSON, "text" not a string, not an object, no "text",
# invalid UTF-8 inside the JSON, an empty text; each reported with its line.
{
  printf '{"id":"ok1","text":"The port authority said on Monday that repairs would take four months."}\n'
  printf '{"id":"broken","text":"unterminated\n'
  printf '{"id":"num","text":12345}\n'
  printf '["an","array"]\n'
  printf '"a string"\n'
  printf '{"id":"none"}\n'
  printf '{"id":"nulltext","text":null}\n'
  printf '{"id":"badutf8","text":"caf\xff"}\n'
  printf '{"id":"emptytext","text":""}\n'
  printf '{"id":"ok2","text":"Boat owners were told to move their vessels by Friday, the authority said."}\n'
} > mixed.jsonl
run_kimput ingest mixed.jsonl
expect_eq "jsonl status" 1 "$rc"
expect_eq "jsonl good lines" "ok1 ok2" "$(printf '%s\n' "$out" | jq -r .id | tr '\n' ' ' | sed 's/ $//')"
expect_contains "not JSON" "$err" "kimput: mixed.jsonl:2: not valid JSON"
expect_contains "text not a string" "$err" 'kimput: mixed.jsonl:3: "text" is not a string'
expect_contains "array" "$err" "kimput: mixed.jsonl:4: not a JSON object"
expect_contains "string" "$err" "kimput: mixed.jsonl:5: not a JSON object"
expect_contains "no text" "$err" 'kimput: mixed.jsonl:6: no "text" field'
expect_contains "null text" "$err" 'kimput: mixed.jsonl:7: "text" is not a string'
expect_contains "invalid UTF-8 in JSON" "$err" "kimput: mixed.jsonl:8: "
expect_contains "empty text" "$err" "kimput: mixed.jsonl:9: empty document"
expect_eq "jsonl: nothing lost" 10 "$(( $(printf '%s\n' "$out" | grep -c .) + $(printf '%s\n' "$err" | grep -c '^kimput: mixed.jsonl:[0-9]*: [^w]') ))"

# Random bytes without NULs: rejected or read as text, but never a crash.
python3 -c 'import random,sys; random.seed(3); sys.stdout.buffer.write(bytes(random.randrange(1,256) for _ in range(20000)))' > noise.bin
run_kimput ingest noise.bin
[ "$rc" -eq 0 ] || [ "$rc" -eq 1 ] || fail "random bytes: exit status $rc"
[ "$rc" -eq 1 ] || printf '%s\n' "$out" | python3 -c 'import sys,json; json.loads(sys.stdin.read())' || fail "random bytes: bad output"
