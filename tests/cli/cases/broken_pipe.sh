# A closed output pipe (`| head`) ends the run quietly with status 0.
python3 -c "
import json
for i in range(5000):
    print(json.dumps({'id': f'd{i}', 'text': 'The port authority said on Monday that repairs would take four months. ' * 10}))
" > big.jsonl
for j in 1 2; do
  set +o pipefail
  first=$("$KIMPUT" extract -j$j big.jsonl 2> err.txt | head -1)
  status=${PIPESTATUS[0]}
  set -o pipefail
  expect_eq "-j$j: first line" d0 "$(printf '%s\n' "$first" | jq -r .id)"
  expect_eq "-j$j: status" 0 "$status"
  expect_eq "-j$j: quiet" "" "$(cat err.txt)"
done
# Same for ingest of raw text from stdin, and with -o - (stdout).
set +o pipefail
yes "The port authority said on Monday that repairs would take four months." | head -c 3000000 > long.txt
"$KIMPUT" tokenize --tokens long.txt -o - 2> err.txt | head -c 100 > /dev/null
status=${PIPESTATUS[0]}
set -o pipefail
expect_eq "tokens: status" 0 "$status"
expect_eq "tokens: quiet" "" "$(cat err.txt)"
