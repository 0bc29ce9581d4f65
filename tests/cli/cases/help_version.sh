# --help with examples for kimput and every subcommand; --version.
run_kimput --version
expect_eq "version status" 0 "$rc"
[[ "$out" =~ ^kimput\ [0-9]+\.[0-9]+\.[0-9]+$ ]] || fail "version output: [$out]"
run_kimput -V
expect_eq "-V" 0 "$rc"

run_kimput --help
expect_eq "help status" 0 "$rc"
for sub in ingest tokenize entities quotes dates extract show; do
  expect_contains "help lists $sub" "$out" "$sub"
done
expect_contains "help examples" "$out" "kimput extract articles/ > docs.jsonl"

for sub in ingest tokenize entities quotes dates extract show; do
  run_kimput "$sub" --help
  expect_eq "$sub --help status" 0 "$rc"
  expect_contains "$sub --help examples" "$out" "Examples:"
  expect_contains "$sub --help example uses it" "$out" "kimput $sub"
  [ "$sub" = show ] || expect_contains "$sub --help -o" "$out" "--output"
  [ "$sub" = show ] || expect_contains "$sub --help --max-bytes" "$out" "--max-bytes"
done
# --version wins over a subcommand's missing input.
run_kimput --version ingest /no/such/file
expect_eq "--version first" 0 "$rc"
