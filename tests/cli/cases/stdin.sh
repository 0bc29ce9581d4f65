# Standard input: the default when no file is given, and `-`; raw text is one document
# with id "stdin"; JSON Lines is recognised by its first byte; diagnostics say <stdin>.
article=$'Quay repairs begin\n\nThe port authority said on Monday that repairs to the old quay would take four months.\n'
run_kimput ingest <<< "$article"
expect_eq "no file: status" 0 "$rc"
expect_eq "no file: id" stdin "$(printf '%s\n' "$out" | jq -r .id)"
expect_eq "no file: source" '{"path":"-","format":"text"}' "$(printf '%s\n' "$out" | jq -c .source)"
expect_eq "no file: title" "Quay repairs begin" "$(printf '%s\n' "$out" | jq -r .meta.title)"
nofile=$out

printf '%s' "$article" > article.txt
"$KIMPUT" ingest - < article.txt > dash.jsonl
expect_eq "dash same as no file" "$nofile" "$(cat dash.jsonl)"

# `-` between files: read in place.
printf 'Toll bridge reopens\n\nThe toll bridge over the estuary reopened on Friday after six months of repairs.\n' > bridge.txt
run_kimput ingest bridge.txt - bridge.txt < article.txt
expect_eq "dash between files" "bridge stdin bridge" "$(printf '%s\n' "$out" | jq -r .id | tr '\n' ' ' | sed 's/ $//')"

# JSON Lines on stdin, recognised even after blank lines; line numbers count them.
printf '\n  \n{"id":"s1","text":"The port authority said on Monday that repairs would take months."}\nnot json\n' > lines.jsonl
run_kimput ingest < lines.jsonl
expect_eq "jsonl stdin: status" 1 "$rc"
expect_eq "jsonl stdin: id" s1 "$(printf '%s\n' "$out" | jq -r .id)"
expect_eq "jsonl stdin: line" 3 "$(printf '%s\n' "$out" | jq .source.line)"
expect_contains "jsonl stdin: where" "$err" "kimput: <stdin>:4: not valid JSON"

# Empty stdin: one empty document, rejected.
run_kimput ingest < /dev/null
expect_eq "empty stdin: status" 1 "$rc"
expect_contains "empty stdin: message" "$err" "kimput: <stdin>: empty document"

# Raw text beginning with "{" that is not JSON (a template placeholder on line one).
printf '{{ site.header }}\nQuay repairs begin\n\nThe port authority said on Monday that repairs would take months.\n' > brace.txt
run_kimput ingest brace.txt
expect_eq "brace file: status" 0 "$rc"
expect_eq "brace file: title" "Quay repairs begin" "$(printf '%s\n' "$out" | jq -r .meta.title)"

# Every subcommand reads stdin the same way.
run_kimput tokenize < article.txt
expect_eq "tokenize stdin" 2 "$(printf '%s\n' "$out" | jq '.sentences | length')"
"$KIMPUT" extract < article.txt | "$KIMPUT" show > shown.txt
expect_contains "extract | show" "$(cat shown.txt)" "Quay repairs begin"
