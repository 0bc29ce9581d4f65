# -o FILE writes atomically: the file appears only complete; a run that fails with exit 2
# leaves no file (and an existing file untouched), and no temporary files are left behind.
printf 'Quay repairs\n\n%s\n' "The port authority said on Monday that repairs to the old quay would take four months." > good.txt
: > empty.txt
mkdir out

run_kimput ingest good.txt -o out/docs.jsonl
expect_eq "status" 0 "$rc"
expect_eq "nothing on stdout" "" "$out"
expect_eq "file written" good "$(jq -r .id out/docs.jsonl)"
expect_eq "only the target in the folder" "docs.jsonl" "$(ls -A out)"

# Same as stdout output, byte for byte.
"$KIMPUT" ingest good.txt > stdout.jsonl
cmp -s stdout.jsonl out/docs.jsonl || fail "-o output differs from stdout output"

# A failing run (missing input, exit 2) leaves no file...
run_kimput ingest good.txt missing.txt -o out/new.jsonl
expect_eq "missing input: status" 2 "$rc"
[ ! -e out/new.jsonl ] || fail "missing input: out/new.jsonl was created"
expect_eq "missing input: no temporary file" "docs.jsonl" "$(ls -A out)"
# ...and does not touch an existing one.
before=$(cat out/docs.jsonl)
run_kimput ingest missing.txt -o out/docs.jsonl
expect_eq "existing file: status" 2 "$rc"
expect_eq "existing file untouched" "$before" "$(cat out/docs.jsonl)"
expect_eq "existing file: no temporary file" "docs.jsonl" "$(ls -A out)"

# A usage error in the options: no file either.
run_kimput ingest good.txt --max-bytes 0 -o out/usage.jsonl
expect_eq "usage error: status" 2 "$rc"
[ ! -e out/usage.jsonl ] || fail "usage error created the output file"

# Some documents rejected (exit 1): the file holds the good ones.
run_kimput ingest good.txt empty.txt -o out/partial.jsonl
expect_eq "rejection: status" 1 "$rc"
expect_eq "rejection: good document written" good "$(jq -r .id out/partial.jsonl)"

# An output folder that does not exist: exit 2 with the path in the message.
run_kimput ingest good.txt -o nowhere/docs.jsonl
expect_eq "bad output folder: status" 2 "$rc"
expect_contains "bad output folder: message" "$err" "nowhere/docs.jsonl"

# While the run goes on, the target does not exist yet (written under another name).
python3 -c "
import json
for i in range(1000):
    print(json.dumps({'id': f'd{i}', 'text': 'The port authority said on Monday that repairs would take four months. ' * 20}))
" > many.jsonl
"$KIMPUT" extract -j1 many.jsonl -o out/slow.jsonl &
pid=$!
seen_partial=0
while kill -0 "$pid" 2>/dev/null; do
  if [ -e out/slow.jsonl ]; then
    # Once it exists it must be complete.
    n=$(wc -l < out/slow.jsonl)
    [ "$n" -eq 1000 ] || { seen_partial=1; break; }
  fi
  sleep 0.01
done
wait "$pid" || fail "slow run failed"
expect_eq "target never seen partial" 0 "$seen_partial"
expect_eq "slow run complete" 1000 "$(wc -l < out/slow.jsonl)"
