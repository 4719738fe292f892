#!/bin/sh
# test-corpus-cli.sh: `hub-train data` as the trainer will call it: both languages interleaved,
# the houses file holds every house the lines name, the same seed writes the same bytes, another
# seed other ones, and bad arguments are refused with a message and exit 2. `hub-train words`
# counts a corpus's English words.
set -u
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
fail=0
ht=./engine/hub-train
d="--data $top_srcdir/data"
$ht data $d --seed 5 --count 400 --lang both --split train --out "$tmp/a.jsonl" || { echo "FAIL: run"; exit 1; }
$ht data $d --seed 5 --count 400 --lang both --split train --out "$tmp/b.jsonl" || exit 1
$ht data $d --seed 6 --count 400 --lang both --split train --out "$tmp/c.jsonl" || exit 1
n=$(wc -l <"$tmp/a.jsonl")
[ "$n" = 800 ] || { echo "FAIL: $n lines, want 800 (400 per language)"; fail=1; }
en=$(grep -c '"lang":"en"' "$tmp/a.jsonl"); zh=$(grep -c '"lang":"zh-CN"' "$tmp/a.jsonl")
[ "$en" = 400 ] && [ "$zh" = 400 ] || { echo "FAIL: $en en, $zh zh-CN"; fail=1; }
cmp -s "$tmp/a.jsonl" "$tmp/b.jsonl" && cmp -s "$tmp/a.houses.jsonl" "$tmp/b.houses.jsonl" ||
    { echo "FAIL: same seed, different output"; fail=1; }
cmp -s "$tmp/a.jsonl" "$tmp/c.jsonl" && { echo "FAIL: seeds 5 and 6 gave the same output"; fail=1; }
# every house a line names is in the houses file, once
sed 's/.*"house":"\([^"]*\)".*/\1/' "$tmp/a.jsonl" | sort -u >"$tmp/used"
sed 's/^{"id":"\([^"]*\)".*/\1/' "$tmp/a.houses.jsonl" | sort >"$tmp/have"
[ "$(sort -u "$tmp/have" | wc -l)" = "$(wc -l <"$tmp/have")" ] || { echo "FAIL: a house twice"; fail=1; }
missing=$(comm -23 "$tmp/used" "$tmp/have" | wc -l)
[ "$missing" = 0 ] || { echo "FAIL: $missing houses missing from the houses file"; fail=1; }
grep -q '"target":"none"' "$tmp/a.jsonl" || { echo "FAIL: no negatives"; fail=1; }
grep -q '"context_area":null' "$tmp/a.jsonl" || { echo "FAIL: never without context"; fail=1; }
# held-out lines name held-out houses only
$ht data $d --seed 5 --count 100 --lang en --split heldout --out "$tmp/h.jsonl" || exit 1
grep -q '"house":"en-train' "$tmp/h.jsonl" && { echo "FAIL: train house in heldout"; fail=1; }
# refusals
for args in "--count 10 --lang en --out $tmp/x" "--seed 1 --count 10 --lang fr --out $tmp/x" \
    "--seed 1 --count 0 --lang en --out $tmp/x" "--seed x --count 10 --lang en --out $tmp/x" \
    "--seed 1 --count 10 --lang en --split test --out $tmp/x" "--seed 1 --count 10 --lang en --bogus 1 --out $tmp/x" \
    "--seed 1 --count 10 --lang en --out"; do
    $ht data $d $args 2>"$tmp/err"; rc=$?
    [ $rc = 2 ] && [ -s "$tmp/err" ] || { echo "FAIL: '$args' gave $rc"; fail=1; }
done
$ht data --data /nonexistent --seed 1 --count 1 --lang en --out "$tmp/x" 2>"$tmp/err" &&
    { echo "FAIL: missing data dir accepted"; fail=1; }
grep -q /nonexistent "$tmp/err" || { echo "FAIL: error does not name the path"; cat "$tmp/err"; fail=1; }
$ht data $d --seed 1 --count 1 --lang en --out /nonexistent/dir/x.jsonl 2>"$tmp/err" &&
    { echo "FAIL: unwritable output accepted"; fail=1; }
$ht 2>/dev/null; [ $? = 2 ] || { echo "FAIL: no command"; fail=1; }
$ht data $d --check --lang both | grep -q '^en train: 0 schema combinations' || { echo "FAIL: --check"; fail=1; }
# hub-train words: the English lines' words counted, sorted, rare ones and words a digit or an
# apostrophe touches left out; a line that is no corpus line refused
cat >"$tmp/w.jsonl" <<'EOF2'
{"lang":"en","text":"Pause the timer, pause it"}
{"lang":"zh-CN","text":"暂停 timer"}
{"lang":"en","text":"don't pause 5min timer"}
EOF2
$ht words --corpus "$tmp/w.jsonl" --min-count 2 --out "$tmp/w.txt" 2>/dev/null || { echo "FAIL: words"; fail=1; }
printf 'it 1\npause 3\nthe 1\ntimer 2\n' | awk '$2 >= 2' >"$tmp/w.want"
cmp -s "$tmp/w.txt" "$tmp/w.want" || { echo "FAIL: words:"; cat "$tmp/w.txt"; fail=1; }
echo '{"text":"no lang"}' >"$tmp/bad.jsonl"
$ht words --corpus "$tmp/bad.jsonl" --out "$tmp/w2.txt" 2>"$tmp/err" &&
    { echo "FAIL: words took a line with no lang"; fail=1; }
grep -q 'bad.jsonl:1' "$tmp/err" || { echo "FAIL: words error does not name the line"; fail=1; }
$ht words --corpus "$tmp/w.jsonl" 2>/dev/null; [ $? = 2 ] || { echo "FAIL: words without --out"; fail=1; }
[ $fail = 0 ] && echo "hub-train data: all checks pass"
exit $fail
