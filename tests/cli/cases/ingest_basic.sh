# kimput ingest on a raw article from a regional site: fields, meta, removed lines with
# reasons, the story intact, offsets, exit status and a quiet stderr.
cat > harbour-vote.txt <<'TXT'
Skip to main content
Home › Region › Coast
Wednesday, March 13, 2024
8°C Light rain
ArrowArtboardCreated with Sketch.
Harbour vote delayed as fishermen protest
Local fleet says dredging will ruin spawning grounds
By Maria Okafor
Published: 12 March 2024
Share
Print

The harbour authority on Tuesday postponed a vote on the port expansion after fishermen packed the public gallery.

Officials said the dredging plan would be revised to protect the spawning grounds north of the breakwater.

“We are not against growth, but we need fish to live,” said Tomasz Wielgus, who has fished the bay for 30 years.

Readers who subscribe to the council’s text alerts were told of the vote’s delay an hour before it was announced.

{{ newsletter.signup_box }}
Back To Top
LEAVE A REPLY
Please enter your comment!
Please enter your name here
Most Popular
Mayor admits error over bus lane fines
TXT

run_kimput ingest harbour-vote.txt
expect_eq "exit status" 0 "$rc"
expect_eq "stderr" "" "$err"
expect_eq "one document" 1 "$(printf '%s\n' "$out" | wc -l)"
doc=$out
q() { printf '%s\n' "$doc" | jq -r "$1"; }
expect_eq schema "kimput/1" "$(q .schema)"
expect_eq id "harbour-vote" "$(q .id)"
expect_eq source.path "harbour-vote.txt" "$(q .source.path)"
expect_eq source.format "text" "$(q .source.format)"
expect_eq meta.title "Harbour vote delayed as fishermen protest" "$(q .meta.title)"
expect_eq meta.subtitle "Local fleet says dredging will ruin spawning grounds" "$(q .meta.subtitle)"
expect_eq meta.date "2024-03-12" "$(q .meta.date)"
expect_eq meta.retrieved "2024-03-13" "$(q .meta.retrieved)"
expect_eq meta.byline "Maria Okafor" "$(q .meta.byline)"
expect_eq "passes" '["ingest"]' "$(printf '%s\n' "$doc" | jq -c .kimput.passes)"
# Field order: schema first, kimput last.
expect_eq "first key" schema "$(printf '%s\n' "$doc" | jq -r 'keys_unsorted[0]')"
expect_eq "last key" kimput "$(printf '%s\n' "$doc" | jq -r 'keys_unsorted[-1]')"

text=$(q .text)
# Every paragraph of the story survives, in order, as paragraphs.
for p in "The harbour authority on Tuesday postponed" "Officials said the dredging plan" \
         "“We are not against growth" "Readers who subscribe to the council’s text alerts"; do
  expect_contains "story paragraph" "$text" "$p"
done
expect_contains "paragraph break kept" "$text" $'public gallery.\n\nOfficials said'
# None of the furniture.
for junk in "Skip to main content" "Region" "8°C" "Sketch" "By Maria" "Published" "Share" "Print" \
            "newsletter" "Back To Top" "REPLY" "comment!" "name here" "Most Popular" "bus lane"; do
  [[ "$text" != *"$junk"* ]] || fail "boilerplate left in text: $junk"
done
# Every dropped line is in removed, with a reason.
expect_eq "removed count" 16 "$(q '.removed | length')"
expect_eq "removed without reason" 0 "$(q '[.removed[] | select((.reason // "") == "")] | length')"
expect_eq "breadcrumb reason" breadcrumb "$(q '.removed[] | select(.text == "Home › Region › Coast") | .reason')"
expect_contains "banner reason" "$(q '.removed[] | select(.text == "Wednesday, March 13, 2024") | .reason')" "date banner"
expect_contains "trailer reason" "$(q '.removed[] | select(.text == "LEAVE A REPLY") | .reason')" "page trailer"
# text + removed account for every non-blank input line.
expect_eq "no line lost" "$(grep -c . harbour-vote.txt)" \
  "$(( $(printf '%s\n' "$text" | grep -c .) + $(q '.removed | length') ))"

printf '%s\n' "$doc" > doc.jsonl
check_spans doc.jsonl

# --no-clean keeps every line (and still reads the meta).
run_kimput ingest --no-clean harbour-vote.txt
expect_eq "no-clean status" 0 "$rc"
expect_eq "no-clean removed" 0 "$(printf '%s\n' "$out" | jq '.removed | length')"
expect_contains "no-clean keeps junk" "$(printf '%s\n' "$out" | jq -r .text)" "Back To Top"

# --boilerplate adds a user's rule; the default rules do not know this line.
printf 'Download the CoastWire app for breaking news\n\n' > app.txt
cat harbour-vote.txt >> app.txt
run_kimput ingest app.txt
expect_contains "without user rule" "$(printf '%s\n' "$out" | jq -r .text)" "Download the CoastWire app"
printf '# my site\napp promo\tshort\t(?i)download the coastwire app.*\n' > mine.tsv
run_kimput ingest app.txt --boilerplate mine.tsv
expect_eq "user rule status" 0 "$rc"
expect_eq "user rule reason" "app promo" \
  "$(printf '%s\n' "$out" | jq -r '.removed[] | select(.text | startswith("Download")) | .reason')"
# A malformed rule file is a usage error naming the file and line.
printf 'app promo\tsometimes\tfoo\n' > bad.tsv
run_kimput ingest app.txt --boilerplate bad.tsv
expect_eq "bad rules status" 2 "$rc"
expect_contains "bad rules message" "$err" "bad.tsv:1:"
expect_eq "bad rules no output" "" "$out"
