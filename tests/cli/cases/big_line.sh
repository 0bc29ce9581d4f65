# A 50 MB single line (no newline at all), as raw text and as a JSON Lines line: rejected
# by --max-bytes quickly, with the documents after it still processed; memory stays flat.
para="The port authority said on Monday that repairs to the old quay would take four months."
python3 - <<'PY'
import json
chunk = "x" * (1 << 20)
with open("huge.txt", "w") as f:
    for _ in range(50):
        f.write(chunk)
with open("huge.jsonl", "w") as f:
    f.write('{"id":"huge","text":"')
    for _ in range(50):
        f.write(chunk)
    f.write('"}\n')
    f.write(json.dumps({"id": "after", "text": "Boat owners were told to move their vessels by Friday, the authority said."}) + "\n")
PY
printf 'Quay repairs\n\n%s\n' "$para" > after.txt
start=$(date +%s)
run_kimput ingest --max-bytes 1000000 huge.txt after.txt
expect_eq "raw: status" 1 "$rc"
expect_eq "raw: next file processed" after "$(printf '%s\n' "$out" | jq -r .id)"
expect_contains "raw: message" "$err" "kimput: huge.txt: document is 52428800 bytes, over --max-bytes 1000000"

run_kimput ingest --max-bytes 1000000 huge.jsonl
expect_eq "jsonl: status" 1 "$rc"
expect_eq "jsonl: next line processed" after "$(printf '%s\n' "$out" | jq -r .id)"
expect_contains "jsonl: message" "$err" "kimput: huge.jsonl:1: line is"
expect_contains "jsonl: message" "$err" "over --max-bytes 1000000"
elapsed=$(( $(date +%s) - start ))
[ "$elapsed" -lt 60 ] || fail "50 MB lines took ${elapsed}s"

# The default cap is 64 MiB: a 65 MiB single line is rejected without --max-bytes too.
head -c $((65 << 20)) /dev/zero | tr '\0' x > over.txt
run_kimput ingest over.txt after.txt
expect_eq "default cap: status" 1 "$rc"
expect_contains "default cap: message" "$err" "kimput: over.txt: document is $((65 << 20)) bytes, over --max-bytes $((64 << 20))"
expect_eq "default cap: next file processed" after "$(printf '%s\n' "$out" | jq -r .id)"
