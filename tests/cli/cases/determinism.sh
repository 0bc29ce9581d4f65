# Same input, same bytes: across runs, and whatever the thread count.
python3 - <<'PY'
import json, random
random.seed(11)
words = "harbour council ferry bridge quay minister storm vote fishermen toll island port".split()
with open("many.jsonl", "w") as f:
    for i in range(150):
        n = random.randrange(3, 40)
        sents = [" ".join(random.choice(words) for _ in range(random.randrange(4, 15))).capitalize() + "." for _ in range(n)]
        if i % 37 == 0:
            f.write('{"id": "broken' + str(i) + '", "text": 1}\n')
        else:
            f.write(json.dumps({"id": f"doc{i}", "text": f"Headline {i}\n\n" + " ".join(sents) + " \u201cQuote {i},\u201d said Mr. Lee."}) + "\n")
PY
mkdir arts
for i in $(seq 1 30); do
  printf 'Story %s\n\nThe council met on Monday for the %s time. "We agree," said Dr. Okafor. The vote was %s to 2.\n' "$i" "$i" "$i" > "arts/s$i.txt"
done

"$KIMPUT" extract -j1 many.jsonl arts > run1.jsonl 2> err1.txt || true
"$KIMPUT" extract -j1 many.jsonl arts > run2.jsonl 2> err2.txt || true
"$KIMPUT" extract -j2 many.jsonl arts > run3.jsonl 2> err3.txt || true
"$KIMPUT" extract -j4 many.jsonl arts > run4.jsonl 2> err4.txt || true
"$KIMPUT" extract many.jsonl arts > run5.jsonl 2> err5.txt || true
expect_eq "documents" $((150 - 5 + 30)) "$(wc -l < run1.jsonl)"
for k in 2 3 4 5; do
  cmp -s run1.jsonl "run$k.jsonl" || fail "run $k differs from run 1"
  cmp -s err1.txt "err$k.txt" || fail "stderr of run $k differs from run 1"
done
expect_eq "rejections in input order" "$(grep -n '"text": 1' many.jsonl | cut -d: -f1 | tr '\n' ' ')" \
  "$(sed -n 's/^kimput: many.jsonl:\([0-9]*\): .*/\1/p' err1.txt | tr '\n' ' ')"
# Also with --tokens and for ingest alone.
"$KIMPUT" tokenize --tokens -j1 many.jsonl 2>/dev/null > t1.jsonl || true
"$KIMPUT" tokenize --tokens -j3 many.jsonl 2>/dev/null > t3.jsonl || true
cmp -s t1.jsonl t3.jsonl || fail "tokenize -j1 and -j3 differ"
