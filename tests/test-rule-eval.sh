#!/bin/sh
# test-rule-eval.sh: data/eval/generated-rules (rule sentences from the held-out rule templates,
# data/eval/README.md) is exactly what its documented command makes, so anyone can rebuild it
# after a template change; and intent-score gives its gold answers 100 %.
set -u
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
fail=0
dir="$top_srcdir/data/eval/generated-rules"
for l in en zh-CN; do
    ./engine/hub-train data --data "$top_srcdir/data" --seed 2027 --count 400 --lang $l \
        --split heldout --rules 1 --per-house 50 --eval --out "$tmp/$l.jsonl" ||
        { echo "FAIL: hub-train $l"; fail=1; }
    cmp "$tmp/$l.jsonl" "$dir/$l.jsonl" ||
        { echo "FAIL: data/eval/generated-rules/$l.jsonl is not what the command makes"; fail=1; }
    # the expected answers scored against themselves: every rule object compares equal
    sed 's/.*"expected":\(.*\),"template".*/\1/' "$dir/$l.jsonl" >"$tmp/$l.gold"
    ./tools/intent-score "$dir/$l.jsonl" "$tmp/$l.gold" | grep -qx 'overall: 400/400 = 100.00 %' ||
        { echo "FAIL: $l gold answers do not score 100 %"; fail=1; }
done
for f in "$tmp"/fixtures/*.json; do
    cmp "$f" "$dir/fixtures/$(basename "$f")" || { echo "FAIL: fixture $(basename "$f") differs"; fail=1; }
done
[ $fail = 0 ] && echo "rule eval set: regenerated identically"
exit $fail
