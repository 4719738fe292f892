#!/bin/sh
# test-command-bench.sh: tools/bench-command.sh runs (60 commands over hub/intent against the demo
# house) and every command reaches the device's own topic; prints the figures. When a trained
# model is there (models/hubd-intent.gguf, or HUB_COMMAND_MODEL=FILE for one in training), the
# same through the language engine (text on hub/command): every command must reach the device.
# The p50/p99 figures are printed, not judged: they depend on what else the machine runs.
set -u
: "${top_srcdir:=.}" "${top_builddir:=.}"
[ -x "$top_builddir/tools/bench-command" ] || { echo "FAIL: tools/bench-command is not built"; exit 1; }
out=$(top_srcdir=$top_srcdir top_builddir=$top_builddir sh "$top_srcdir/tools/bench-command.sh" -n 60 --intent 2>&1)
rc=$?
echo "$out"
[ $rc -eq 0 ] || { echo "FAIL: bench-command.sh exited $rc"; exit 1; }
echo "$out" | grep -q '^mode hub/intent, 60 commands, 60 reached' || { echo "FAIL: not every command reached the device"; exit 1; }
p50=$(echo "$out" | awk '$1 == "p50" { print $2 }')
[ -n "$p50" ] || { echo "FAIL: no p50 line"; exit 1; }
echo "ok: hub/intent p50 $p50 ms"

MODEL=${HUB_COMMAND_MODEL:-$top_srcdir/models/hubd-intent.gguf}
if [ ! -r "$MODEL" ]; then
    echo "note: no trained model ($MODEL): the text path is benchmarked once it lands"
    exit 0
fi
out=$(top_srcdir=$top_srcdir top_builddir=$top_builddir sh "$top_srcdir/tools/bench-command.sh" -n 60 --model "$MODEL" 2>&1)
rc=$?
echo "$out"
echo "$out" | grep -q '^mode hub/command, 60 commands, 60 reached' ||
    { echo "FAIL: text commands through the engine did not all reach the device (exit $rc)"; exit 1; }
echo "ok: hub/command (engine) p50 $(echo "$out" | awk '$1 == "p50" { print $2 }') ms"
