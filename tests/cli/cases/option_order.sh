# A file option takes one file: `--boilerplate RULES ARTICLE` must read ARTICLE as the
# input, not as a second rules file (the order the README and --help examples use).
printf 'Download the CoastWire app for breaking news\n\n%s\n' \
  "The regional council said on Monday that the ferry timetable would change from next month." > app.txt
printf 'app promo\tshort\t(?i)download the coastwire app.*\n' > mine.tsv
run_kimput ingest --boilerplate mine.tsv app.txt
expect_eq "status" 0 "$rc"
expect_eq "stderr" "" "$err"
expect_eq "rule applied" "app promo" "$(printf '%s\n' "$out" | jq -r '.removed[0].reason')"
# Given twice, both files are used.
printf 'ferry line\tany\t(?i)the regional council said.*\n' > second.tsv
run_kimput ingest --boilerplate mine.tsv --boilerplate second.tsv app.txt
expect_eq "two rule files: status" 1 "$rc"
expect_contains "two rule files: all text removed" "$err" "app.txt: no article text left"
