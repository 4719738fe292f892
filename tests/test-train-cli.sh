#!/bin/sh
# test-train-cli.sh: the documented pipeline end to end on a small scale: `hub-train data`,
# `hub-train tokenizer`, `hub-train model` (a tiny configuration with word dropout, a resumed run
# that ends on the same weights, the weight average, the house hint), then `hub-engine logits`,
# `generate`, `intent` and `experts` run the written deepseek2 files; bad options and inputs
# fail with a message and a non-zero status.
set -u
ht="$top_builddir/engine/hub-train"
he="$top_builddir/engine/hub-engine"
fail=0
has() {
    case "$2" in
    *"$3"*) ;;
    *) echo "FAIL $1: output lacks '$3'"; echo "$2" | tail -5; fail=1 ;;
    esac
}
[ -x "$ht" ] && [ -x "$he" ] || { echo "FAIL: hub-train or hub-engine was not built"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

"$ht" data --seed 3 --count 300 --lang both --out "$tmp/c.jsonl" >/dev/null 2>&1 ||
    { echo "FAIL: hub-train data"; exit 1; }
out=$("$ht" tokenizer --corpus "$tmp/c.jsonl" --vocab 600 --out "$tmp/tok.gguf" 2>&1)
has "tokenizer" "$out" "600 tokens"
out=$("$he" tokenize --model "$tmp/tok.gguf" --text "turn on the light")
case "$out" in 0,*) ;; *) echo "FAIL: tokenize with the trained vocabulary: $out"; fail=1 ;; esac

tiny="--embd 64 --layers 2 --heads 2 --kv-rank 32 --nope 16 --rope 8 --vhead 16 --ff 96 \
--ff-exp 32 --experts 4 --used 2 --ctx 96 --batch 8 --threads 2 --log-every 10 --warmup 5 \
--word-dropout 0.1"
# shellcheck disable=SC2086
out=$("$ht" model --corpus "$tmp/c.jsonl" --tokenizer "$tmp/tok.gguf" --out "$tmp/a.gguf" \
    --steps 30 --ckpt "$tmp/a.ckpt" --ckpt-every 15 $tiny 2>&1)
has "model" "$out" "step 30 loss"
has "model" "$out" "load max/mean"
has "model" "$out" "wrote $tmp/a.gguf"
first=$(echo "$out" | sed -n 's/^step 10 loss \([0-9.]*\).*/\1/p')
last=$(echo "$out" | sed -n 's/^step 30 loss \([0-9.]*\).*/\1/p')
awk -v a="$first" -v b="$last" 'BEGIN { exit !(b < a) }' ||
    { echo "FAIL: loss did not fall ($first -> $last)"; fail=1; }

# the same run stopped at step 15, then resumed
# shellcheck disable=SC2086
"$ht" model --corpus "$tmp/c.jsonl" --tokenizer "$tmp/tok.gguf" --out "$tmp/h.gguf" \
    --steps 30 --stop-at 15 --ckpt "$tmp/h.ckpt" $tiny >/dev/null 2>&1 ||
    { echo "FAIL: 15 steps"; fail=1; }
# shellcheck disable=SC2086
out=$("$ht" model --corpus "$tmp/c.jsonl" --tokenizer "$tmp/tok.gguf" --out "$tmp/b.gguf" \
    --steps 30 --resume "$tmp/h.ckpt" $tiny 2>&1)
has "resume" "$out" "resumed"
cmp -s "$tmp/a.gguf" "$tmp/b.gguf" || { echo "FAIL: resumed run differs"; fail=1; }

n=$("$he" logits --model "$tmp/a.gguf" --tokens 0,5,9 | wc -l)
[ "$n" = 600 ] || { echo "FAIL: logits printed $n lines, want 600"; fail=1; }
out=$("$he" generate --model "$tmp/a.gguf" --tokens 0,5,9,3 -n 4 --greedy --ids 2>&1)
echo "$out" | grep -Eq '^[0-9]+(,[0-9]+)*$' || { echo "FAIL: generate: $out"; fail=1; }

# the weight average: the file holds the mean of the snapshots (steps 10, 15, ..., 30), the
# same after a run stopped at step 15 and resumed, and when exported from the last checkpoint
avg="--average-from 10 --average-every 5"
# shellcheck disable=SC2086
out=$("$ht" model --corpus "$tmp/c.jsonl" --tokenizer "$tmp/tok.gguf" --out "$tmp/avg.gguf" \
    --steps 30 --ckpt "$tmp/avg.ckpt" --ckpt-every 15 $avg $tiny 2>&1)
has "average" "$out" "the mean of 5 snapshots"
cmp -s "$tmp/a.gguf" "$tmp/avg.gguf" &&
    { echo "FAIL: the averaged file is the last weights"; fail=1; }
# shellcheck disable=SC2086
"$ht" model --corpus "$tmp/c.jsonl" --tokenizer "$tmp/tok.gguf" --out "$tmp/avgh.gguf" \
    --steps 30 --stop-at 15 --ckpt "$tmp/avgh.ckpt" $avg $tiny >/dev/null 2>&1 ||
    { echo "FAIL: averaged run stopped at 15"; fail=1; }
# shellcheck disable=SC2086
"$ht" model --corpus "$tmp/c.jsonl" --tokenizer "$tmp/tok.gguf" --out "$tmp/avgb.gguf" \
    --steps 30 --resume "$tmp/avgh.ckpt" $avg $tiny >/dev/null 2>&1
cmp -s "$tmp/avg.gguf" "$tmp/avgb.gguf" || { echo "FAIL: resumed averaged run differs"; fail=1; }
# shellcheck disable=SC2086
"$ht" model --corpus "$tmp/c.jsonl" --tokenizer "$tmp/tok.gguf" --out "$tmp/avge.gguf" \
    --steps 30 --resume "$tmp/avg.ckpt" $avg $tiny >/dev/null 2>&1
cmp -s "$tmp/avg.gguf" "$tmp/avge.gguf" || { echo "FAIL: averaged export differs"; fail=1; }
out=$("$ht" model --corpus "$tmp/c.jsonl" --tokenizer "$tmp/tok.gguf" --out "$tmp/x.gguf" \
    --steps 30 --average-from 31 2>&1) &&
    { echo "FAIL: --average-from past the end accepted"; fail=1; }
has "average past the end" "$out" "no snapshot"
# shellcheck disable=SC2086
out=$("$ht" model --corpus "$tmp/c.jsonl" --tokenizer "$tmp/tok.gguf" --out "$tmp/x.gguf" \
    --steps 30 --resume "$tmp/a.ckpt" $avg $tiny 2>&1) &&
    { echo "FAIL: averaged export from a run without the average accepted"; fail=1; }
has "export without snapshots" "$out" "holds no snapshot"

# the house hint: the model reads the domains of the names said after the utterance, and
# says so in its GGUF; hub-engine intent and experts read each line's fixture for it
# shellcheck disable=SC2086
out=$("$ht" model --corpus "$tmp/c.jsonl" --tokenizer "$tmp/tok.gguf" --out "$tmp/hint.gguf" \
    --steps 10 --house-hint $tiny 2>&1)
has "house hint" "$out" "wrote $tmp/hint.gguf"
# --hint-dropout 1: every hint says only its newline, so the same lines hold fewer tokens
tok_of() { echo "$1" | sed -n 's/^data: [0-9]* sequences, \([0-9]*\) tokens.*/\1/p'; }
t_full=$(tok_of "$out")
# shellcheck disable=SC2086
out=$("$ht" model --corpus "$tmp/c.jsonl" --tokenizer "$tmp/tok.gguf" --out "$tmp/hd.gguf" \
    --steps 2 --house-hint --hint-dropout 1 $tiny 2>&1)
t_drop=$(tok_of "$out")
[ -n "$t_full" ] && [ -n "$t_drop" ] && [ "$t_drop" -lt "$t_full" ] ||
    { echo "FAIL: --hint-dropout 1: $t_drop tokens, full hints: $t_full"; fail=1; }
out=$("$ht" model --corpus "$tmp/c.jsonl" --tokenizer "$tmp/tok.gguf" --out "$tmp/x.gguf" \
    --steps 2 --hint-dropout 0.5 2>&1) && { echo "FAIL: --hint-dropout without the hint"; fail=1; }
has "hint dropout needs the hint" "$out" "needs --house-hint"
has "house hint key" "$("$he" info --model "$tmp/hint.gguf" 2>&1)" "hubd.intent.house_hint"
case "$("$he" info --model "$tmp/a.gguf" 2>&1)" in
*house_hint*) echo "FAIL: a model trained without the hint says it reads one"; fail=1 ;;
esac
"$ht" data --seed 4 --count 20 --lang en --split heldout --eval --out "$tmp/ev/en.jsonl" \
    >/dev/null 2>&1 || { echo "FAIL: hub-train data --eval"; fail=1; }
out=$("$he" intent --model "$tmp/hint.gguf" --eval "$tmp/ev/en.jsonl" --lang en 2>&1)
n=$(echo "$out" | grep '"intent"' | grep -vc '"error"')
[ "$n" = 20 ] || { echo "FAIL: intent with the house hint answered $n of 20"; fail=1; }
out=$("$he" experts --model "$tmp/hint.gguf" --eval "$tmp/ev/en.jsonl" 2>&1)
has "experts with the house hint" "$out" "layer 1"
# the same prompts with the hint are longer: at least its newline each (same tokenizer)
t_hint=$(echo "$out" | sed -n 's/^# 20 prompts .*, \([0-9]*\) tokens,.*/\1/p')
t_none=$("$he" experts --model "$tmp/a.gguf" --eval "$tmp/ev/en.jsonl" 2>&1 |
    sed -n 's/^# 20 prompts .*, \([0-9]*\) tokens,.*/\1/p')
[ -n "$t_hint" ] && [ -n "$t_none" ] && [ "$t_hint" -ge $((t_none + 20)) ] ||
    { echo "FAIL: prompts with the house hint: $t_hint tokens, without: $t_none"; fail=1; }
mv "$tmp/c.houses.jsonl" "$tmp/c.houses.away"
out=$("$ht" model --corpus "$tmp/c.jsonl" --tokenizer "$tmp/tok.gguf" --out "$tmp/x.gguf" \
    --steps 2 --house-hint 2>&1) && { echo "FAIL: --house-hint without houses accepted"; fail=1; }
has "no houses" "$out" "c.houses.jsonl"
mv "$tmp/c.houses.away" "$tmp/c.houses.jsonl"

# refusals
"$ht" model --corpus "$tmp/c.jsonl" --tokenizer "$tmp/tok.gguf" --out "$tmp/x.gguf" \
    --steps 0 >/dev/null 2>&1 && { echo "FAIL: --steps 0 accepted"; fail=1; }
"$ht" model --corpus "$tmp/c.jsonl" --tokenizer "$tmp/c.jsonl" --out "$tmp/x.gguf" \
    >/dev/null 2>&1 && { echo "FAIL: a JSON file as tokenizer accepted"; fail=1; }
echo '{"text": 1}' >"$tmp/bad.jsonl"
out=$("$ht" model --corpus "$tmp/bad.jsonl" --tokenizer "$tmp/tok.gguf" --out "$tmp/x.gguf" 2>&1) &&
    { echo "FAIL: bad corpus accepted"; fail=1; }
has "bad corpus" "$out" "bad.jsonl:1"
"$ht" tokenizer --corpus "$tmp/c.jsonl" --vocab 10 --out "$tmp/x.gguf" >/dev/null 2>&1 &&
    { echo "FAIL: --vocab 10 accepted"; fail=1; }
"$ht" model --corpus "$tmp/c.jsonl" --tokenizer "$tmp/tok.gguf" --out "$tmp/x.gguf" \
    --resume "$tmp/c.jsonl" >/dev/null 2>&1 && { echo "FAIL: a JSON file as checkpoint accepted"; fail=1; }
[ -e "$tmp/x.gguf" ] && { echo "FAIL: a failed run left $tmp/x.gguf"; fail=1; }
exit $fail
