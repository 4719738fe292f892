#!/bin/sh
# tools/bench-engine.sh: the engine's speed beside llama.cpp's. Runs `hub-engine bench` on the
# reference models of ../shared/reference/bench.md (pp32, pp96, tg32; 2 threads as there) and
# prints our tok/s next to llama.cpp's, then the decode speed of a larger generated model
# (1024 wide, 12 layers, 32 experts top-4, Q8_0 and Q4_K, written to a temporary directory)
# beside the memory-bandwidth roofline that `bench --roofline` measures.
#
# usage: tools/bench-engine.sh [HUB_ENGINE]   (default: ./engine/hub-engine, run from a build dir)
# environment: HUB_REFERENCE_DIR (default /work/shared/reference), THREADS (2), REPS (10),
#              BIG_DIR (where the generated models go; default a fresh mktemp -d, removed after)
# The load average is printed before and after: figures from a loaded machine are low and noisy.
set -eu

ENGINE=${1:-./engine/hub-engine}
REF=${HUB_REFERENCE_DIR:-/work/shared/reference}
THREADS=${THREADS:-2}
REPS=${REPS:-10}
BENCH_MD="$REF/bench.md"

[ -x "$ENGINE" ] || { echo "bench-engine: no executable hub-engine at $ENGINE" >&2; exit 2; }
[ -r "$BENCH_MD" ] || { echo "bench-engine: cannot read $BENCH_MD" >&2; exit 2; }

load() { cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo "?"; }

# llama.cpp's t/s for a bench.md model label and test (pp32, pp96, tg32): "mean ± std"
llama() {
    awk -F'|' -v m="$1" -v t="$2" '
        { name = $2; test = $7; ts = $8
          gsub(/^ +| +$/, "", name); gsub(/^ +| +$/, "", test); gsub(/^ +| +$/, "", ts)
          if (name == m && test == t) { print ts; exit } }' "$BENCH_MD"
}

# one bench run: prints "mean sd cpu_rate" of the pp or tg line
ours() { # file prompt gen what
    out=$("$ENGINE" bench --backend cpu --model "$1" --threads "$THREADS" --prompt "$2" --gen "$3" \
          --reps "$REPS" 2>&1) || { echo "bench-engine: hub-engine bench failed on $1:" >&2;
                                    echo "$out" >&2; exit 1; }
    echo "$out" | awk -v w="$4" '$1 == w { sub(/,/, "", $6); print $2, $6, $9 }'
}

echo "hub-engine bench, $THREADS threads, $REPS runs each; $(nproc) CPUs; load average $(load)"
"$ENGINE" bench --backend cpu --model "$REF/models/ds2-lite-q8_0.gguf" --threads "$THREADS" \
    --prompt 1 --gen 0 --reps 1 | sed -n 's/^backend cpu.*threads, /instruction set: /p'
printf '%-16s %-5s %12s %8s %14s %22s %7s\n' model test "ours tok/s" "+-" "ours/CPU-s" \
    "llama.cpp tok/s" ratio
for spec in "ds2-lite-f32:deepseek2 ?B all F32" "ds2-lite-q8_0:deepseek2 ?B Q8_0" \
            "ds2-lite-q4_k_m:deepseek2 ?B Q4_K - Medium" "ds2-lite-legacy-f16:deepseek2 ?B F16" \
            "qwen2moe-f16:qwen2moe ?B F16"; do
    file=${spec%%:*}
    label=${spec#*:}
    path="$REF/models/$file.gguf"
    [ -r "$path" ] || { echo "bench-engine: missing $path" >&2; exit 1; }
    for test in pp32 pp96 tg32; do
        case $test in
        pp32) r=$(ours "$path" 32 0 pp) ;;
        pp96) r=$(ours "$path" 96 0 pp) ;;
        tg32) r=$(ours "$path" 0 32 tg) ;;
        esac
        ref=$(llama "$label" "$test")
        set -- $r
        ratio=$(echo "$1 ${ref%% *}" | awk '{ if ($2 > 0) printf "%.2fx", $1 / $2; else print "?" }')
        printf '%-16s %-5s %12s %8s %14s %22s %7s\n' "${file#ds2-lite-}" "$test" "$1" "$2" "$3" \
            "${ref:-?}" "$ratio"
    done
done

# the larger generated model: decode against the bandwidth roofline
if [ -n "${BIG_DIR:-}" ]; then
    dir=$BIG_DIR
    mkdir -p "$dir"
else
    dir=$(mktemp -d /tmp/bench-engine.XXXXXX)
    trap 'rm -rf "$dir"' EXIT
fi
echo
echo "generated model: 1024 wide, 12 layers, 32 experts top-4 (hub-engine make-model), tg32"
for type in q8_0 q4_k; do
    big="$dir/big-$type.gguf"
    [ -s "$big" ] || "$ENGINE" make-model --out "$big" --type "$type" --embd 1024 --layers 12 \
        --experts 32 --used 4 >/dev/null
    out=$("$ENGINE" bench --backend cpu --model "$big" --threads "$THREADS" --prompt 0 --gen 32 \
          --reps "$REPS" --roofline 2>&1) || { echo "$out" >&2; exit 1; }
    tg=$(echo "$out" | awk '$1 == "tg" { print $2 }')
    bound=$(echo "$out" | awk '$1 == "bandwidth" { print $(NF - 1) }')
    echo "$out" | awk -v t="$type" -v tg="$tg" -v b="$bound" '
        $1 == "model" { mib = $(NF - 1) }
        $1 == "bandwidth" { bw = $2; mb = $6 }
        END { f = "%-6s %8.2f MiB file, %6.2f MB read per token: tg32 %9.1f tok/s, "
              f = f "roofline %.1f tok/s (%s GB/s), %.0f%% of it\n"
              printf f, t, mib, mb, tg, b, bw, (b > 0 ? 100 * tg / b : 0) }'
done
echo "load average after: $(load)"
