#!/bin/sh
# test-reference-cli.sh: hub-engine's model commands end to end on a reference model:
# `generate --greedy --ids` reproduces llama.cpp's greedy continuation from manifest.json,
# `logits` prints one value per vocabulary entry, seeded sampling repeats, and bad input
# (unknown flag, bad token list, token out of range, not a GGUF file, unknown backend) fails
# with a message. --backend cpu pins llama.cpp's arithmetic (the default, auto, would take a
# GPU where there is one); --backend cuda fails without a device and, with one, gives logits
# whose best token is the CPU's.
set -u
ref="${HUB_REFERENCE_DIR:-${top_srcdir:-.}/../shared/reference}"
eng="${top_builddir:-.}/engine/hub-engine"
model="$ref/models/ds2-lite-f32.gguf"
fail=0
no() { echo "FAIL: $*"; fail=1; }

[ -x "$eng" ] || { echo "FAIL: $eng not built"; exit 1; }
[ -f "$model" ] || { echo "FAIL: $model missing"; exit 1; }
command -v jq >/dev/null || { echo "FAIL: jq is needed (quickstart installs it)"; exit 1; }

prompt=$(jq -r '.models["ds2-lite-f32"].sequences.mid.tokens | map(tostring) | join(",")' "$ref/manifest.json")
want=$(jq -r '.models["ds2-lite-f32"].greedy.tokens | map(tostring) | join(",")' "$ref/manifest.json")
got=$("$eng" generate --backend cpu --model "$model" --tokens "$prompt" -n 16 --greedy --ids --threads 2)
echo "greedy: $got"
[ "$got" = "$want" ] || no "greedy continuation $got, llama.cpp gives $want"

"$eng" logits --backend cpu --model "$model" --tokens 1009,51,629 > logits-cpu.$$
n=$(wc -l < logits-cpu.$$)
[ "$n" -eq 1024 ] || no "logits printed $n lines, expected 1024"
best() { awk 'NR == 1 || $1 > m { m = $1; i = NR } END { print i }' "$1"; }
if "$eng" logits --backend cuda --model "$model" --tokens 1009,51,629 > logits-gpu.$$ 2>/dev/null
then
    [ "$(best logits-gpu.$$)" = "$(best logits-cpu.$$)" ] || no "cuda's best token differs"
    echo "cuda: best token $(best logits-gpu.$$), the CPU's $(best logits-cpu.$$)"
else
    expect_fail_later=1
fi
rm -f logits-cpu.$$ logits-gpu.$$

a=$("$eng" generate --model "$model" --text "turn on the light" -n 8 --temp 0.9 --top-k 50 --top-p 0.95 --seed 7 --ids)
b=$("$eng" generate --model "$model" --text "turn on the light" -n 8 --temp 0.9 --top-k 50 --top-p 0.95 --seed 7 --ids)
[ -n "$a" ] && [ "$a" = "$b" ] || no "seeded sampling not repeatable: '$a' vs '$b'"

expect_fail() { # expected-status description command...
    st=$1; shift; what=$1; shift
    out=$("$@" 2>&1 >/dev/null); rc=$?
    [ "$rc" -eq "$st" ] || no "$what: exit $rc, expected $st"
    [ -n "$out" ] || no "$what: no message"
    echo "$what -> $rc: $out" | head -n 1
}
expect_fail 2 "unknown flag" "$eng" logits --model "$model" --tokens 1 --bogus
expect_fail 2 "bad token list" "$eng" logits --model "$model" --tokens 1,x
expect_fail 1 "token out of range" "$eng" logits --model "$model" --tokens 1,5000
expect_fail 1 "not a GGUF file" "$eng" logits --model "$ref/manifest.json" --tokens 1
expect_fail 2 "no model" "$eng" generate --tokens 1
expect_fail 2 "unknown backend" "$eng" logits --backend tpu --model "$model" --tokens 1
[ -z "${expect_fail_later:-}" ] ||
    expect_fail 1 "cuda without a device" "$eng" logits --backend cuda --model "$model" --tokens 1

[ $fail -eq 0 ] && echo "PASS"
exit $fail
