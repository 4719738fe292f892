#!/bin/sh
# test-intent-score.sh: tools/intent-score on a small hand-made case (data/eval/testcase) whose
# figures were worked out by hand, rule answers (the rule object compared member by member), plus
# its refusals (line count mismatch, bad JSON, bad usage).
set -u
tc="$top_srcdir/data/eval/testcase"
out=$(mktemp) || exit 1
trap 'rm -f "$out" "$out.bad"' EXIT
fail=0
./tools/intent-score "$tc/eval.jsonl" "$tc/results.jsonl" >"$out" || { echo "intent-score failed"; fail=1; }
if ! diff -u "$tc/expected.txt" "$out"; then echo "FAIL: scores differ from the hand-worked ones"; fail=1; fi
# two pairs add up
./tools/intent-score "$tc/eval.jsonl" "$tc/results.jsonl" "$tc/eval.jsonl" "$tc/results.jsonl" \
    | grep -qx 'overall: 8/16 = 50.00 %' || { echo "FAIL: two pairs"; fail=1; }
# --errors shows the misses
n=$(./tools/intent-score --errors 10 "$tc/eval.jsonl" "$tc/results.jsonl" | grep -c '^miss ')
[ "$n" = 4 ] || { echo "FAIL: --errors listed $n misses, want 4"; fail=1; }
# fewer results than utterances: refused, naming the files
head -n 5 "$tc/results.jsonl" >"$out.bad"
if ./tools/intent-score "$tc/eval.jsonl" "$out.bad" 2>"$out"; then echo "FAIL: short results accepted"; fail=1; fi
grep -q 'more lines' "$out" || { echo "FAIL: no line-count message"; cat "$out"; fail=1; }
# bad JSON: refused with file:line
{ head -n 2 "$tc/results.jsonl"; echo '{"intent": '; } >"$out.bad"
if ./tools/intent-score "$tc/eval.jsonl" "$out.bad" 2>"$out"; then echo "FAIL: bad JSON accepted"; fail=1; fi
grep -q "$out.bad:3:" "$out" || { echo "FAIL: bad JSON not located"; cat "$out"; fail=1; }
# rule sentences: the rule object must match too (members in any order, numbers by value)
rule='{"trigger":{"platform":"state","entity":"Front Door","to":"open"},"after":"22:00:00","for":300,"action":{"intent":"HassTurnOn","slots":{"name":"Hall Light"}}}'
{
    for i in 1 2 3 4; do
        echo '{"id":"r'$i'","text":"when the front door opens after 10 pm turn on the hall light for 5 minutes","lang":"en","expected":{"intent":"HubCreateRule","slots":{},"rule":'"$rule"'}}'
    done
} >"$out.eval"
{
    echo '{"intent":"HubCreateRule","slots":{},"rule":{"for":300.0,"action":{"slots":{"name":"Hall Light"},"intent":"HassTurnOn"},"after":"22:00:00","trigger":{"to":"open","entity":"Front Door","platform":"state"}},"ms":1}'
    echo '{"intent":"HubCreateRule","slots":{},"rule":{"trigger":{"platform":"state","entity":"Front Door","to":"open"},"after":"22:00:00","for":60,"action":{"intent":"HassTurnOn","slots":{"name":"Hall Light"}}},"ms":1}'
    echo '{"intent":"HubCreateRule","slots":{},"ms":1}'
    echo '{"intent":"HubCreateRule","slots":{},"rule":{"trigger":{"platform":"state","entity":"Front Door","to":"open"},"after":"22:00:00","for":300,"weekdays":["mon"],"action":{"intent":"HassTurnOn","slots":{"name":"Hall Light"}}},"ms":1}'
} >"$out.res"
./tools/intent-score "$tc/eval.jsonl" "$tc/results.jsonl" "$out.eval" "$out.res" \
    | grep -qx 'overall: 5/12 = 41.67 %' || { echo "FAIL: rule objects not compared"; fail=1; }
rm -f "$out.eval" "$out.res"
# usage
./tools/intent-score "$tc/eval.jsonl" 2>/dev/null; [ $? = 2 ] || { echo "FAIL: usage exit"; fail=1; }
[ $fail = 0 ] && echo "intent-score: all checks pass"
exit $fail
