# Directories are walked recursively in sorted order, hidden entries skipped; ids are file
# stems; several inputs are read in the order given.
mkdir -p arts/b arts/a/deep arts/.git
story() {
  printf '%s\n\n%s\n\n%s\n' "$1" \
    "The regional council said on Monday that the ferry timetable would change from next month." \
    "Passengers told the council that the early sailing was the only one that suited commuters."
}
story "Ferry timetable changes" > arts/b/zulu.txt
story "Quay repairs begin" > arts/a/deep/mike.txt
story "Toll bridge reopens" > arts/a/alpha.txt
story "Hidden" > arts/.git/secret.txt
story "Dotfile" > arts/.hidden.txt
story "Lone article" > lone.txt

run_kimput ingest arts lone.txt
expect_eq "status" 0 "$rc"
expect_eq "stderr" "" "$err"
expect_eq "ids in order" "alpha mike zulu lone" "$(printf '%s\n' "$out" | jq -r .id | tr '\n' ' ' | sed 's/ $//')"
expect_eq "paths" "arts/a/alpha.txt" "$(printf '%s\n' "$out" | head -1 | jq -r .source.path)"
expect_eq "titles" "Toll bridge reopens" "$(printf '%s\n' "$out" | head -1 | jq -r .meta.title)"

# Same folder given with a trailing slash: same documents.
run_kimput ingest arts/
expect_eq "trailing slash" 3 "$(printf '%s\n' "$out" | wc -l)"

# .txt.gz/.text endings are dropped from the id.
story "Gzipped" | gzip > arts/b/yankee.txt.gz
run_kimput ingest arts
expect_eq "ids with gz" "alpha mike yankee zulu" "$(printf '%s\n' "$out" | jq -r .id | tr '\n' ' ' | sed 's/ $//')"
