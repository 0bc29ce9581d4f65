# The document contract as a property: every span of every document satisfies
# text[start:end] == span.text in code points, over the seed corpus and over texts full of
# multi-byte characters (accents, CJK, emoji outside the BMP, NBSP).
SRC=$(cd "$(dirname "$0")/../.." && pwd)
run_kimput extract --tokens "$SRC/corpus"
expect_eq "seed corpus: status" 0 "$rc"
expect_eq "seed corpus: five documents" 5 "$(printf '%s\n' "$out" | wc -l)"
printf '%s\n' "$out" > seeds.jsonl
check_spans seeds.jsonl
# Every seed keeps a real story: several sentences each.
expect_eq "seed sentences" 0 "$(jq 'select((.sentences | length) < 5) | .id' seeds.jsonl | wc -l)"

mkdir intl
printf 'Sommet à Genève 🇨🇭\n\nLe président s’est rendu à Genève le 3 mars. « Nous avançons », a-t-il dit 😀.\n\nM.\xc2\xa0Dupont, 東京 correspondent, said “進展” was made. Mr. Kim met Dr. Lee in Seoul.\n' > intl/a.txt
printf 'Emoji 🎉🎉 headline\n\n𝐁𝐨𝐥𝐝 math letters and 🎉 party emoji sit before "quoted words," said Ms. Ávila. Another 😀 sentence follows.\n' > intl/b.txt
python3 -c "
import json
print(json.dumps({'id': 'j1', 'text': 'Zürich café 😀 owners said “prices rose.” The mayor, Mr. Ölçer, disagreed.', 'extra': {'start': 0, 'end': 3}}))
" > intl/c.jsonl
run_kimput extract --tokens intl
expect_eq "intl: status" 0 "$rc"
expect_eq "intl: documents" 3 "$(printf '%s\n' "$out" | wc -l)"
printf '%s\n' "$out" > intl.jsonl
check_spans intl.jsonl

# check_spans itself catches a broken span (the check can fail).
printf '%s\n' "$out" | head -1 | jq -c '.sentences[0].end += 1 | .sentences[0].text = "x"' > broken.jsonl
if check_spans broken.jsonl 2>/dev/null; then fail "check_spans accepted a broken span"; fi
