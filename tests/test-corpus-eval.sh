#!/bin/sh
# test-corpus-eval.sh: the generated half of data/eval is exactly what the documented command
# makes (data/eval/README.md), so anyone can rebuild it; then test-corpus-eval checks every file.
set -u
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
fail=0
for l in en zh-CN; do
    ./engine/hub-train data --data "$top_srcdir/data" --seed 2026 --count 1500 --lang $l \
        --split heldout --per-house 75 --eval --out "$tmp/$l.jsonl" || { echo "FAIL: hub-train $l"; fail=1; }
    cmp "$tmp/$l.jsonl" "$top_srcdir/data/eval/generated/$l.jsonl" ||
        { echo "FAIL: data/eval/generated/$l.jsonl is not what the command makes"; fail=1; }
done
for f in "$tmp"/fixtures/*.json; do
    cmp "$f" "$top_srcdir/data/eval/generated/fixtures/$(basename "$f")" ||
        { echo "FAIL: fixture $(basename "$f") differs"; fail=1; }
done
./tests/test-corpus-eval || fail=1
[ $fail = 0 ] && echo "eval set: regenerated identically and valid"
exit $fail
