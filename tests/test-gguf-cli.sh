#!/bin/sh
# test-gguf-cli.sh: `hub-engine info` and `hub-engine tokenize` on the reference files: ids as
# llama.cpp gives them (from --text and from stdin), --pieces, --no-bos, the metadata and
# tensor table, and clear failures (truncated file, missing file, usage).
set -u
he="$top_builddir/engine/hub-engine"
ref="$HUB_REFERENCE_DIR"
fail=0
check() {
    if [ "$2" != "$3" ]; then
        echo "FAIL $1: got '$2', want '$3'"
        fail=1
    fi
}
has() {
    case "$2" in
    *"$3"*) ;;
    *) echo "FAIL $1: output lacks '$3'"; fail=1 ;;
    esac
}
[ -x "$he" ] || { echo "FAIL: $he was not built"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

out=$("$he" tokenize --model "$ref/models/ds2-lite-f32.gguf" --text "Turn on the kitchen light")
check "tokenize --text" "$out" "1009,51,629,331,254,530,260,66,247,77,284,447"
out=$(printf 'line one\nline two' | "$he" tokenize --model "$ref/tokenize/vocab-deepseek-llm.gguf")
check "tokenize stdin" "$out" "100000,1031,634,185,1031,984"
out=$("$he" tokenize --model "$ref/tokenize/vocab-deepseek-llm.gguf" --no-bos --text "hi")
check "tokenize --no-bos" "$out" "4824"
out=$("$he" tokenize --model "$ref/models/ds2-lite-f32.gguf" --pieces --text "Turn on the lamp")
first=$(echo "$out" | head -n 1 | cut -f 1)
rest=$(echo "$out" | tail -n +2 | cut -f 2 | tr -d '\n')
check "tokenize --pieces BOS" "$first" "1009"
check "tokenize --pieces text" "$rest" "Turn on the lamp"

out=$("$he" info --model "$ref/models/ds2-lite-f32.gguf")
has "info" "$out" "deepseek2.block_count"
has "info" "$out" "tokenizer.ggml.tokens"
has "info" "$out" "[str x 1024]"
has "info" "$out" "token_embd.weight"
has "info" "$out" "[256, 1024]"
has "info" "$out" "blk.1.ffn_gate_exps.weight"

head -c 5000 "$ref/models/ds2-lite-f32.gguf" > "$tmp/cut.gguf"
err=$("$he" info --model "$tmp/cut.gguf" 2>&1 >/dev/null)
rc=$?
check "info on a truncated file: exit status" "$rc" "1"
has "info on a truncated file" "$err" "truncated"
err=$("$he" tokenize --model "$tmp/missing.gguf" --text x 2>&1 >/dev/null)
check "tokenize on a missing file: exit status" "$?" "1"
has "tokenize on a missing file" "$err" "No such file"
"$he" info >/dev/null 2>&1
check "info without --model: exit status" "$?" "2"
exit $fail
