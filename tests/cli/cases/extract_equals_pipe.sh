# `kimput extract X` is byte-identical to `kimput ingest X | kimput tokenize | kimput entities
# | kimput quotes | kimput dates`, on raw files, folders, JSON Lines, and the seed corpus.
SRC=$(cd "$(dirname "$0")/../.." && pwd)
mkdir arts
cat > arts/ferry.txt <<'TXT'
Home › Region › Coast
Thursday, May 9, 2024
Ferry operator cancels winter sailings
By Anna K. Berg
November 3, 2023 at 06:00AM

The ferry operator said on Friday that it would cancel all winter sailings to the islands, blaming rising fuel costs.

“We cannot run empty boats for five months,” said Lars Eklund, the company’s chief executive, at a meeting in Visby.

Islanders said the decision, announced by Mr. Eklund without warning, would cut them off until April. The U.S. embassy in Stockholm advised American visitors to check timetables.

Share this article
Most Popular
Mayor admits error over bus lane fines
TXT
cat > arts/bridge.txt <<'TXT'
Toll bridge reopens after repairs

The toll bridge over the estuary reopened on Friday after six months of repairs, the operator said. Drivers will pay the old toll until Dec. 31, a spokesman added.

“It was worth the wait,” said one commuter, Priya Nair, who crosses the bridge twice a day.
TXT
python3 - <<'PY'
import json
with open("crawl.jsonl", "w") as f:
    f.write(json.dumps({"id": "c1", "meta": {"date": "2024-02-01"}, "label": "keep-me",
                        "text": "Minister resigns\n\nThe fisheries minister resigned on Tuesday, two days after the harbour vote. \"I take full responsibility,\" she told reporters in Gdansk."}) + "\n")
    f.write(json.dumps({"id": "c2", "text": "Storm warning\n\nForecasters said the storm would reach the coast on Sunday night, with winds of up to 120 km/h."}) + "\n")
PY

compare() {
  local name=$1; shift
  "$KIMPUT" extract "$@" > "extract-$name.jsonl" 2> "extract-$name.err" || true
  "$KIMPUT" ingest "$@" 2>/dev/null | "$KIMPUT" tokenize | "$KIMPUT" entities | "$KIMPUT" quotes | "$KIMPUT" dates > "pipe-$name.jsonl"
  [ -s "extract-$name.jsonl" ] || fail "$name: extract wrote nothing: $(cat "extract-$name.err")"
  cmp "extract-$name.jsonl" "pipe-$name.jsonl" || {
    diff <(jq -S . "extract-$name.jsonl") <(jq -S . "pipe-$name.jsonl") | head -20 >&2
    fail "$name: extract differs from the pipe"
  }
  check_spans "extract-$name.jsonl"
}
# One run over everything (each process loads the lexicons once: keep the count low).
compare all arts crawl.jsonl "$SRC/corpus"

expect_eq "documents: 2 raw + 2 jsonl + 5 seeds" 9 "$(wc -l < extract-all.jsonl)"
expect_eq "ids in input order" "bridge ferry c1 c2" "$(head -4 extract-all.jsonl | jq -r .id | tr '\n' ' ' | sed 's/ $//')"
expect_eq "every pass recorded" '["ingest","tokenize","entities","quotes","dates"]' "$(head -1 extract-all.jsonl | jq -c .kimput.passes)"
expect_eq "label survives every pass" '"keep-me"' "$(sed -n 3p extract-all.jsonl | jq -c .label)"
expect_eq "meta.date survives every pass" '"2024-02-01"' "$(sed -n 3p extract-all.jsonl | jq -c .meta.date)"

# Stdin gives the same as the file.
"$KIMPUT" extract - < arts/ferry.txt | jq -c 'del(.id, .source)' > stdin.jsonl
sed -n 2p extract-all.jsonl | jq -c 'del(.id, .source)' > file.jsonl
cmp -s stdin.jsonl file.jsonl || fail "extract of stdin differs from extract of the file"

# A pass run again on its own output changes nothing.
"$KIMPUT" tokenize extract-all.jsonl > twice.jsonl
cmp -s extract-all.jsonl twice.jsonl || fail "tokenize over extract output changed it"
