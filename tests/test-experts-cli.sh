#!/bin/sh
# test-experts-cli.sh: `hub-engine experts` on a reference deepseek2 model (random weights: what
# the experts take is noise here, the bookkeeping is the point) with the first lines of the
# generated English and Chinese evaluation files: one header per MoE layer with a "leans" line per
# language and n_expert expert lines; in every layer the experts' shares of routed slots sum to
# 100 %, and so do the shares within each language and token kind; the token counts add up; the
# load figures agree with the expert lines; bad flags, files and lines fail with a message and the
# right status.
set -u
ref="${HUB_REFERENCE_DIR:-${top_srcdir:-.}/../shared/reference}"
src="${top_srcdir:-.}"
eng="${top_builddir:-.}/engine/hub-engine"
model="$ref/models/ds2-lite-q8_0.gguf"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
no() { echo "FAIL: $*"; fail=1; }

[ -x "$eng" ] || { echo "FAIL: $eng not built"; exit 1; }
[ -f "$model" ] || { echo "FAIL: $model missing"; exit 1; }

head -n 12 "$src/data/eval/generated/en.jsonl" > "$tmp/en.jsonl"
head -n 12 "$src/data/eval/generated/zh-CN.jsonl" > "$tmp/zh.jsonl"
# an out-of-scope line (null intent) and one without an expected answer
printf '%s\n' '{"text": "tell me a joke", "lang": "en", "expected": {"intent": null, "slots": {}}}' \
    '{"text": "把灯关了", "lang": "zh-CN"}' >> "$tmp/zh.jsonl"
"$eng" experts --model "$model" --eval "$tmp/en.jsonl" --eval "$tmp/zh.jsonl" --threads 2 \
    > "$tmp/out.txt" 2> "$tmp/err.txt"
st=$?
[ $st -eq 0 ] || no "experts exited $st: $(cat "$tmp/err.txt")"
cat "$tmp/out.txt"

# header: 26 prompts, token counts by kind add up to the total, by language to the total less
# one BOS per prompt (ds2-lite has one; the BOS is in no language)
awk '
/^# [0-9]+ prompts/ { prompts = $2; tokens = $(NF - 5); k = $(NF - 3); sub(/^top-/, "", k);
    n_exp = $(NF - 1) }
/^# tokens:/ { for (i = 3; i <= NF; i++) if ($i ~ /^[0-9]+$/) { if (bar) kinds += $i; else langs += $i }
    else if ($i == "|") bar = 1; if ($0 !~ / en [0-9]/ || $0 !~ / zh-CN [0-9]/) bad = "no en/zh-CN counts";
    if ($0 ~ / cjk 0( |$)/ || $0 ~ / latin 0( |$)/) bad = "no CJK or no Latin tokens" }
END {
    if (prompts != 26) print "prompts " prompts " != 26";
    if (tokens < 26 || langs + prompts != tokens || kinds != tokens)
        print "tokens " tokens ", by language " langs ", by kind " kinds;
    if (k < 1 || n_exp < k) print "top-" k " of " n_exp " experts";
    if (bad) print bad
}' "$tmp/out.txt" > "$tmp/bad-header.txt"
[ -s "$tmp/bad-header.txt" ] && no "header: $(cat "$tmp/bad-header.txt")"

# layers: each with n_expert expert lines whose share columns each sum to 100 %, the load
# figures matching the expert lines, intents named
awk '
function check_layer() {
    if (layer == "") return;
    if (n != n_exp) print "layer " layer ": " n " expert lines, not " n_exp;
    for (c in sum) if (sum[c] < 99.5 || sum[c] > 100.5) print "layer " layer ": " c " sums to " sum[c];
    if (max + 0 != lmax + 0 || min + 0 != lmin + 0) print "layer " layer ": max/min " lmax "/" lmin " vs lines " max "/" min;
    if (leans != 2) print "layer " layer ": " leans " leans lines, not one per language";
    layers++
}
/^# [0-9]+ prompts/ { n_exp = $(NF - 1) }
/^layer [0-9]+:/ { check_layer(); layer = $2; sub(/:$/, "", layer); n = 0; leans = 0; delete sum; max = -1; min = 1000;
    lmax = $5; lmin = $13; if ($0 !~ /en\/zh-CN differ [0-9.]+ %/ || $0 !~ /latin\/cjk differ/) print "layer " layer ": no differ figures" }
/^  leans (en|zh-CN): expert [0-9]+ takes [0-9.]+ % of (en|zh-CN) slots vs [0-9.]+ % of the rest$/ { leans++ }
/^  expert/ { n++; col = "share"; sum[col] += $3; if ($3 > max) max = $3; if ($3 < min) min = $3;
    for (i = 5; i <= NF; i++) if ($(i + 2) == "%" && $(i + 1) ~ /^[0-9.]+$/) sum[$i] += $(i + 1);
    if ($0 !~ /\| top intents (-|[A-Za-z?]+ x[0-9.]+)/) print "expert line: " $0 }
END { check_layer(); if (layers < 1) print "no layer"; else print layers " layers" > "/dev/stderr" }
' "$tmp/out.txt" > "$tmp/bad-layers.txt"
[ -s "$tmp/bad-layers.txt" ] && no "layers: $(head -5 "$tmp/bad-layers.txt")"
# ds2-lite: the leading dense layer is not reported
grep -q '^layer 0:' "$tmp/out.txt" && no "dense layer 0 reported"

# errors: usage, missing file, bad line, unknown flag
"$eng" experts --model "$model" > /dev/null 2> "$tmp/e1.txt"
[ $? -eq 2 ] || no "no --eval did not exit 2"
grep -q -- "--eval" "$tmp/e1.txt" || no "no --eval: no message"
"$eng" experts --model "$model" --eval "$tmp/nope.jsonl" > /dev/null 2> "$tmp/e2.txt"
[ $? -eq 1 ] || no "a missing file did not exit 1"
grep -q "nope.jsonl" "$tmp/e2.txt" || no "a missing file is not named: $(cat "$tmp/e2.txt")"
printf '%s\n' '{"text": "turn on the light", "lang": "en"}' 'not json' > "$tmp/bad.jsonl"
"$eng" experts --model "$model" --eval "$tmp/bad.jsonl" > /dev/null 2> "$tmp/e3.txt"
[ $? -eq 1 ] || no "a bad line did not exit 1"
grep -q "bad.jsonl:2" "$tmp/e3.txt" || no "a bad line is not located: $(cat "$tmp/e3.txt")"
"$eng" experts --model "$model" --eval "$tmp/en.jsonl" --top x > /dev/null 2>&1
[ $? -eq 2 ] || no "--top x did not exit 2"
"$eng" experts --model "$tmp/none.gguf" --eval "$tmp/en.jsonl" > /dev/null 2> "$tmp/e4.txt"
[ $? -eq 1 ] || no "a missing model did not exit 1"
grep -q "none.gguf" "$tmp/e4.txt" || no "a missing model is not named"

[ $fail -eq 0 ] && echo "PASS: hub-engine experts"
exit $fail
