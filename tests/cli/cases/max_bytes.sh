# --max-bytes caps the size of one document: a raw file or a JSON Lines line over it is
# rejected with a message saying so, the rest goes on.
para="The port authority said on Monday that repairs to the old quay would take four months."
printf 'Quay repairs\n\n%s\n' "$para" > small.txt
python3 -c "print('Quay repairs\n\n' + ' '.join(['$para'] * 40))" > large.txt   # ~3.6 kB
run_kimput ingest --max-bytes 1000 small.txt large.txt
expect_eq "raw: status" 1 "$rc"
expect_eq "raw: small kept" small "$(printf '%s\n' "$out" | jq -r .id)"
expect_contains "raw: message" "$err" "kimput: large.txt: document is $(stat -c %s large.txt) bytes, over --max-bytes 1000"

# A document exactly at the cap is accepted.
size=$(stat -c %s small.txt)
run_kimput ingest --max-bytes "$size" small.txt
expect_eq "at the cap" 0 "$rc"
run_kimput ingest --max-bytes "$((size - 1))" small.txt
expect_eq "one byte over the cap" 1 "$rc"

# JSON Lines: a long line in the middle of short ones.
python3 - "$para" <<'PY'
import json, sys
para = sys.argv[1]
with open("mixed.jsonl", "w") as f:
    f.write(json.dumps({"id": "short1", "text": para}) + "\n")
    f.write(json.dumps({"id": "long", "text": " ".join([para] * 40)}) + "\n")
    f.write(json.dumps({"id": "short2", "text": para}) + "\n")
PY
run_kimput ingest --max-bytes 1000 mixed.jsonl
expect_eq "jsonl: status" 1 "$rc"
expect_eq "jsonl: short lines kept" "short1 short2" "$(printf '%s\n' "$out" | jq -r .id | tr '\n' ' ' | sed 's/ $//')"
expect_contains "jsonl: message" "$err" "kimput: mixed.jsonl:2: line is"
expect_contains "jsonl: message" "$err" "over --max-bytes 1000"

# --max-bytes must be a positive number: usage error.
run_kimput ingest --max-bytes 0 small.txt
expect_eq "max-bytes 0" 2 "$rc"
run_kimput ingest --max-bytes lots small.txt
expect_eq "max-bytes not a number" 2 "$rc"
