#!/bin/sh
# test-intent-score.sh: tools/intent-score on a small hand-made case (data/eval/testcase) whose
# figures were worked out by hand, plus its refusals (line count mismatch, bad JSON, bad usage).
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
# usage
./tools/intent-score "$tc/eval.jsonl" 2>/dev/null; [ $? = 2 ] || { echo "FAIL: usage exit"; fail=1; }
[ $fail = 0 ] && echo "intent-score: all checks pass"
exit $fail
