# A user's --lexicon file adds entities (and aliases to built-in ones) in the same format as
# lib/data/lexicon; a malformed file stops the run before any document with FILE:LINE;
# `kimput lexicon check` reports malformed lines, aliases given twice and common words.
printf 'Harbour news\n\nThe Quayside Rowing Collective met in Brackenfold on Monday. Quayside members voted. Russian leader Vova spoke.\n' > story.txt
printf 'ORG\tkimput:quayside-rowing-collective\tQuayside Rowing Collective\tQuayside\t-\nGPE\tkimput:brackenfold\tBrackenfold\t-\tcountry=iso:GB\nPERSON\tQ7747\tVladimir Putin\tVova\t-\n' > mine.tsv

run_kimput entities --lexicon mine.tsv story.txt
expect_eq "status" 0 "$rc"
ents=$(printf '%s\n' "$out" | jq -r '.entities[] | "\(.text)|\(.type)|\(.name)|\(.how)"')
expect_contains "user org" "$ents" "Quayside Rowing Collective|ORG|Quayside Rowing Collective|lexicon"
expect_contains "user alias" "$ents" "Quayside|ORG|Quayside Rowing Collective|lexicon"
expect_contains "user place" "$ents" "Brackenfold|GPE|Brackenfold|lexicon"
expect_contains "alias added to a built-in id" "$ents" "Vova|PERSON|Vladimir Putin|lexicon"

# Without the file none of these is known.
run_kimput entities story.txt
expect_eq "status without" 0 "$rc"
ents=$(printf '%s\n' "$out" | jq -r '.entities[] | "\(.text)|\(.how)"')
[[ "$ents" != *"Brackenfold|lexicon"* ]] || fail "Brackenfold found without the user lexicon"

# A malformed line: a usage error naming the file and line, and no document written.
printf 'ORG\tkimput:a\tA Thing\t-\t-\nORG\tonly three\tcolumns\n' > broken.tsv
run_kimput extract --lexicon broken.tsv story.txt
expect_eq "malformed status" 2 "$rc"
expect_contains "malformed message" "$err" "broken.tsv:2: expected 5 tab-separated columns"
expect_eq "no document written" "" "$out"

# lexicon check
printf 'ORG\tkimput:a\tAlpha Group\tAG\t-\nORG\tkimput:b\tBeta Group\tAG\t-\nORG\tkimput:c\tThe Table\tTable\t-\nLOC\tkimput:d\tOnly Four\t-\n' > check.tsv
run_kimput lexicon check check.tsv
expect_eq "check status" 1 "$rc"
expect_contains "duplicate alias" "$out$err" "alias 'AG' also names kimput:a (line 1)"
expect_contains "common word" "$out$err" "alias 'Table' is a common English word"
expect_contains "malformed in check" "$out$err" "4: expected 5 tab-separated columns"

# local= names must be names of the entry itself.
printf 'ORG\tkimput:test-court\tHarbour Court\tHigh Court\tkind=gov;country=iso:GB;local=High Court,Low Court\n' > local.tsv
run_kimput lexicon check local.tsv
expect_eq "local check status" 1 "$rc"
expect_contains "local name not a name" "$out$err" "local name 'Low Court' is neither the canonical name nor an alias"
[[ "$out$err" != *"'High Court' is neither"* ]] || fail "an alias listed in local= was reported"

# lexicon stats: printed with stdio to a file (fully buffered), so this also checks that
# stdout is flushed at exit (main() ends with std::_Exit).
run_kimput lexicon stats
expect_eq "stats status" 0 "$rc"
expect_contains "stats total" "$out" "total   "
expect_contains "stats persons" "$out" "PERSON "
