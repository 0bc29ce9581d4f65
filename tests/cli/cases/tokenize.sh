# kimput tokenize: sentences (and with --tokens, tokens) in code points, with news
# abbreviations; raw input is ingested first; spans satisfy the document contract.
cat > talks.txt <<'TXT'
Talks resume in Geneva

Mr. Okafor met Gen. Park and U.S. officials on Sept. 11 in Geneva. The talks lasted three hours.

“We made progress,” said J. R. Smith, the U.N. envoy. Critics were not convinced.

Café owners near the lake — who lost business during the summit — asked for compensation.
TXT
run_kimput tokenize talks.txt
expect_eq "status" 0 "$rc"
doc=$out
sent() { printf '%s\n' "$doc" | jq -r --argjson i "$1" '.text as $t | .sentences[$i] | $t[.start:.end]'; }
expect_eq "sentences" 6 "$(printf '%s\n' "$doc" | jq '.sentences | length')"
expect_eq "title is its own sentence" "Talks resume in Geneva" "$(sent 0)"
expect_eq "abbreviations mid-sentence" "Mr. Okafor met Gen. Park and U.S. officials on Sept. 11 in Geneva." "$(sent 1)"
expect_eq "closing quote in its sentence" "“We made progress,” said J. R. Smith, the U.N. envoy." "$(sent 3)"
expect_eq "non-ASCII sentence (code points)" "Café owners near the lake — who lost business during the summit — asked for compensation." "$(sent 5)"
expect_eq "no tokens by default" null "$(printf '%s\n' "$doc" | jq -c .tokens)"
expect_eq "passes" '["ingest","tokenize"]' "$(printf '%s\n' "$doc" | jq -c .kimput.passes)"
printf '%s\n' "$doc" > doc.jsonl
check_spans doc.jsonl

run_kimput tokenize --tokens talks.txt
tok() { printf '%s\n' "$out" | jq -r '.text as $t | [.tokens[] | $t[.start:.end]] | join("|")'; }
toks=$(tok)
expect_contains "abbreviation tokens keep their period" "$toks" "|Mr.|Okafor|met|Gen.|Park|and|U.S.|officials|on|Sept.|11|"
expect_contains "final period is a token" "$toks" "|Geneva|.|The|"
expect_contains "non-ASCII tokens" "$toks" "|Café|owners|"
# Tokens are inside the text, in order, and never white space.
printf '%s\n' "$out" | jq -e '.text as $t | [.tokens[] | $t[.start:.end] | test("^\\s*$")] | any | not' > /dev/null || fail "a white-space token"
printf '%s\n' "$out" | jq -e '[.tokens[] | .start] as $s | $s == ($s | sort)' > /dev/null || fail "tokens out of order"
printf '%s\n' "$out" > tokens.jsonl
check_spans tokens.jsonl

# NBSP and other Unicode spaces are kept in text and treated as spaces.
printf 'Toll\xc2\xa0bridge reopens\n\nThe\xc2\xa0bridge reopened on Friday.\xc2\xa0Drivers\xe2\x80\xafcheered.\n' > nbsp.txt
run_kimput tokenize --tokens nbsp.txt
expect_contains "NBSP kept in text" "$(printf '%s\n' "$out" | jq -r .text)" $'The\xc2\xa0bridge'
expect_eq "NBSP between sentences" 3 "$(printf '%s\n' "$out" | jq '.sentences | length')"
expect_eq "no token holds a space" "" "$(printf '%s\n' "$out" | jq -r '.text as $t | .tokens[] | $t[.start:.end] | select(test("[\\s\u00a0\u202f]"))')"
printf '%s\n' "$out" > nbsp.jsonl
check_spans nbsp.jsonl

# Paragraphs are never joined into one sentence.
printf 'Storm warning\n\nWinds of 120 km/h are expected on Sunday, said the U.S.\n\nthe coast guard agreed\n' > paras.txt
run_kimput tokenize paras.txt
expect_eq "paragraphs stay apart" 3 "$(printf '%s\n' "$out" | jq '.sentences | length')"
