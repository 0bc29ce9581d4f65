# JSON Lines input keeps its own id, its meta (a crawler's meta.date wins over what ingest
# reads in the text), and every other field (a user's "label"); nothing is lost.
body='Thursday, May 9, 2024\nToll bridge reopens after repairs\n\nThe toll bridge over the estuary reopened on Friday after six months of repairs, the operator said.\n\nDrivers will pay the old toll until the end of the year, a spokesman added.'
cat > crawl.jsonl <<JSONL
{"id":"crawl-0007","url":"https://coastwire.example/bridge","meta":{"date":"2023-11-02","lang":"en"},"label":{"topic":"transport","gold":[1,2]},"text":"$body"}

{"id":42,"text":"$body","score":0.5}
{"text":"$body","title":"Crawler title wins where meta says nothing"}
{"id":"no-text"}
JSONL
run_kimput ingest crawl.jsonl
expect_eq "status (one rejected)" 1 "$rc"
expect_eq "documents" 3 "$(printf '%s\n' "$out" | wc -l)"
expect_eq "one rejection reported" 1 "$(printf '%s\n' "$err" | grep -c '^kimput: ')"
expect_contains "rejection names file and line" "$err" 'kimput: crawl.jsonl:5: no "text" field'

first=$(printf '%s\n' "$out" | sed -n 1p)
q() { printf '%s\n' "$first" | jq -c "$1"; }
expect_eq "own id" '"crawl-0007"' "$(q .id)"
expect_eq "crawler meta.date wins" '"2023-11-02"' "$(q .meta.date)"
expect_eq "banner still read as retrieved" '"2024-05-09"' "$(q .meta.retrieved)"
expect_eq "unknown meta key kept" '"en"' "$(q .meta.lang)"
expect_eq "title found by ingest" '"Toll bridge reopens after repairs"' "$(q .meta.title)"
expect_eq "label survives unchanged" '{"topic":"transport","gold":[1,2]}' "$(q .label)"
expect_eq "url survives" '"https://coastwire.example/bridge"' "$(q .url)"
expect_eq "source line" '{"path":"crawl.jsonl","line":1,"format":"jsonl"}' "$(q .source)"
expect_eq "banner removed from text" false "$(q '.text | contains("Thursday")')"
expect_eq "field order" '["schema","id","source","meta","text","removed","url","label","kimput"]' "$(q keys_unsorted)"

second=$(printf '%s\n' "$out" | sed -n 2p)
expect_eq "numeric id becomes a string" '"42"' "$(printf '%s\n' "$second" | jq -c .id)"
expect_eq "line number skips nothing (blank line 2)" 3 "$(printf '%s\n' "$second" | jq .source.line)"
expect_eq "score kept" 0.5 "$(printf '%s\n' "$second" | jq .score)"

third=$(printf '%s\n' "$out" | sed -n 3p)
expect_eq "id from file and line" '"crawl-4"' "$(printf '%s\n' "$third" | jq -c .id)"
expect_eq "top-level title used" '"Crawler title wins where meta says nothing"' "$(printf '%s\n' "$third" | jq -c .meta.title)"

printf '%s\n' "$out" > docs.jsonl
check_spans docs.jsonl

# A kimput document read again is taken as it is: ingest twice = ingest once.
"$KIMPUT" ingest docs.jsonl > again.jsonl
cmp -s docs.jsonl again.jsonl || fail "ingest of ingested documents changed them"

# Nothing is lost over many lines: N input lines -> documents + rejections = N.
python3 - <<'PY'
import json, random
random.seed(7)
with open("many.jsonl", "w") as f:
    for i in range(300):
        kind = random.random()
        if kind < 0.8:
            f.write(json.dumps({"id": f"d{i}", "text": f"Story {i}. The council met on Monday and agreed the budget for the year."}) + "\n")
        elif kind < 0.9:
            f.write('{"id": "bad", "text": ["not", "a", "string"]}\n')
        else:
            f.write("{broken json\n")
PY
run_kimput ingest -j2 many.jsonl
written=$(printf '%s\n' "$out" | grep -c . || true)
rejected=$(printf '%s\n' "$err" | grep -c '^kimput: many.jsonl:[0-9]*: ' || true)
expect_eq "nothing lost" 300 "$((written + rejected))"
expect_eq "output in input order" "$(grep '"id": "d' many.jsonl | python3 -c 'import sys,json; print(" ".join(json.loads(l)["id"] for l in sys.stdin))')" \
  "$(printf '%s\n' "$out" | jq -r .id | tr '\n' ' ' | sed 's/ $//')"
