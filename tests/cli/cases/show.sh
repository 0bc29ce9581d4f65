# kimput show prints documents for a person: title, date, byline, quote lines with their
# speaker, entity counts; colour only on a terminal and never with NO_COLOR.
# The document is written here with the fields show reads, so the test does not depend
# on what the entities and quotes passes find.
cat > doc.jsonl <<'JSONL'
{"schema":"kimput/1","id":"ferry-1","meta":{"title":"Ferry operator cancels winter sailings","date":"2023-11-03T06:00","byline":"Anna K. Berg"},"text":"The ferry operator cancelled its winter sailings. “We cannot run empty boats,” said Lars Eklund.","sentences":[{"start":0,"end":49},{"start":50,"end":97}],"removed":[{"text":"Share","reason":"share and navigation"}],"entities":[{"type":"PERSON","name":"Lars Eklund","start":85,"end":96},{"type":"PERSON","name":"Lars Eklund","start":85,"end":96},{"type":"GPE","name":"Visby","start":0,"end":1}],"quotes":[{"kind":"direct","text":"We cannot run empty boats,","speaker":{"name":"Lars Eklund","description":"chief executive"},"start":51,"end":78},{"kind":"other","text":"hidden","start":0,"end":1}],"dates":[{"text":"winter","start":40,"end":46}],"kimput":{"version":"0.1.0","passes":["ingest","tokenize","entities","quotes","dates"]}}
{"schema":"kimput/1","id":"bare","text":"No title here."}
JSONL
run_kimput show doc.jsonl
expect_eq "status" 0 "$rc"
expect_eq "stderr" "" "$err"
expect_contains "title and id" "$out" "Ferry operator cancels winter sailings  [ferry-1]"
expect_contains "date and byline" "$out" "date 2023-11-03T06:00 · by Anna K. Berg"
expect_contains "counts" "$out" "2 sentences, 1 boilerplate lines removed"
expect_contains "quote line" "$out" "[direct] Lars Eklund, chief executive: We cannot run empty boats,"
[[ "$out" != *hidden* ]] || fail "a quote of kind other was shown"
expect_contains "entity counts" "$out" "Lars Eklund (2)"
expect_contains "untitled document" "$out" "(untitled)  [bare]"
# Not a terminal: no ANSI escapes.
[[ "$out" != *$'\x1b['* ]] || fail "ANSI escapes on a pipe"

# --color always / never.
run_kimput show --color always doc.jsonl
[[ "$out" == *$'\x1b['* ]] || fail "--color always: no ANSI escapes"
NO_COLOR=1 run_kimput show --color never doc.jsonl
[[ "$out" != *$'\x1b['* ]] || fail "--color never: ANSI escapes"

# On a terminal (script gives the command a pty): colour, unless NO_COLOR is set.
if command -v script >/dev/null; then
  script -qec "$KIMPUT show doc.jsonl" /dev/null > tty.txt < /dev/null
  grep -q $'\x1b\\[' tty.txt || fail "no colour on a terminal"
  NO_COLOR=1 script -qec "$KIMPUT show doc.jsonl" /dev/null > tty-nocolor.txt < /dev/null
  grep -q $'\x1b\\[' tty-nocolor.txt && fail "colour on a terminal with NO_COLOR set"
  grep -q "Ferry operator cancels winter sailings" tty-nocolor.txt || fail "NO_COLOR: title missing"
fi

# Input that is not a kimput document: reported with file and line, exit 1, the rest shown.
printf '%s\n' "$(head -1 doc.jsonl)" 'not json' '[1,2]' > mixed.jsonl
run_kimput show mixed.jsonl
expect_eq "mixed: status" 1 "$rc"
expect_contains "mixed: good one shown" "$out" "[ferry-1]"
expect_contains "mixed: bad line" "$err" "kimput: mixed.jsonl:2: not a kimput document"
expect_contains "mixed: not an object" "$err" "kimput: mixed.jsonl:3: not a kimput document"
printf 'Just a raw article.\n' > raw.txt
run_kimput show raw.txt
expect_eq "raw text: status" 1 "$rc"
expect_contains "raw text: hint" "$err" "kimput extract"

# The real thing end to end: extract | show gives the title found by ingest.
printf 'Ferry operator cancels winter sailings\n\nThe ferry operator said on Friday that it would cancel all winter sailings.\n' > ferry.txt
"$KIMPUT" extract ferry.txt | "$KIMPUT" show > e2e.txt
expect_contains "extract | show" "$(cat e2e.txt)" "Ferry operator cancels winter sailings  [ferry]"
