# Exit status: 0 all went well, 1 some documents rejected (more than --max-rejects), 2 usage
# errors. Diagnostics go to stderr, documents to stdout.
printf 'Quay repairs\n\n%s\n' "The port authority said on Monday that repairs to the old quay would take four months." > good.txt
: > empty1.txt
: > empty2.txt

for cmd in ingest tokenize extract; do
  run_kimput $cmd good.txt
  expect_eq "$cmd ok" 0 "$rc"
  expect_eq "$cmd ok: quiet stderr" "" "$err"
  run_kimput $cmd good.txt empty1.txt
  expect_eq "$cmd one rejected" 1 "$rc"
  expect_eq "$cmd one rejected: still writes the good one" 1 "$(printf '%s\n' "$out" | grep -c .)"
done

# --max-rejects N: exit 0 while rejections <= N, each still reported.
run_kimput ingest --max-rejects 2 good.txt empty1.txt empty2.txt
expect_eq "max-rejects 2, two rejected" 0 "$rc"
expect_eq "max-rejects: both reported" 2 "$(printf '%s\n' "$err" | grep -c '^kimput: empty[12].txt: ')"
run_kimput ingest --max-rejects 1 good.txt empty1.txt empty2.txt
expect_eq "max-rejects 1, two rejected" 1 "$rc"
run_kimput ingest --max-rejects 0 good.txt empty1.txt
expect_eq "max-rejects 0" 1 "$rc"

# Usage errors: 2, a message on stderr, nothing on stdout.
usage() {
  run_kimput "$@"
  expect_eq "usage [$*]: status" 2 "$rc"
  expect_eq "usage [$*]: stdout" "" "$out"
  [ -n "$err" ] || fail "usage [$*]: no message"
}
usage
usage frobnicate
usage ingest --no-such-option good.txt
usage ingest missing.txt
usage extract good.txt missing.txt
usage ingest -j notanumber good.txt
usage ingest --boilerplate missing.tsv good.txt
usage show --color sometimes
run_kimput ingest missing.txt
expect_eq "missing file message" "kimput: missing.txt: No such file or directory" "$err"

# --help and --version: 0, on stdout.
run_kimput --help
expect_eq "--help" 0 "$rc"
run_kimput --version
expect_eq "--version" 0 "$rc"
