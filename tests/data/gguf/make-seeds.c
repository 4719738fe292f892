/*
 * make-seeds.c: writes the fuzz seeds in this folder with engine/gguf.c's writer (kept so the
 * seeds can be remade; not part of the build):
 *   cc -I. -Iinclude -Icommon tests/data/gguf/make-seeds.c engine/gguf.c \
 *      kernels/cpu/kern-types.c -lm -o /tmp/make-seeds && /tmp/make-seeds tests/data/gguf
 * tensors.gguf: every metadata type and three small tensors (f32, q8_0, f16), alignment 64;
 * vocab.gguf: a 300-token byte-level BPE vocabulary (deepseek-llm pre-tokenizer, merges,
 * control BOS/EOS) so that the fuzzer reaches the tokenizer; empty.gguf: no keys, no tensors.
 */
#include <stdio.h>
#include <string.h>

#include "engine/gguf.h"
#include "kernels/kern.h"

static int tensors(const char *dir)
{
    char path[512], err[256];
    struct gguf_writer *w = gguf_writer_new();
    gguf_writer_set_str(w, "general.architecture", "seed");
    gguf_writer_set_u32(w, "general.alignment", 64);
    gguf_writer_set_i32(w, "t.i32", -3);
    gguf_writer_set_u64(w, "t.u64", 1ull << 33);
    gguf_writer_set_f32(w, "t.f32", 0.5f);
    gguf_writer_set_bool(w, "t.bool", true);
    uint8_t u8[2] = {1, 2};
    double f64[2] = {1.5, -2};
    int16_t i16[2] = {-1, 1};
    const char *strs[] = {"a", "", "bc"};
    gguf_writer_set_arr(w, "a.u8", GGUF_UINT8, u8, 2);
    gguf_writer_set_arr(w, "a.f64", GGUF_FLOAT64, f64, 2);
    gguf_writer_set_arr(w, "a.i16", GGUF_INT16, i16, 2);
    gguf_writer_set_arr_str(w, "a.str", strs, 3);
    float a[6] = {1, 2, 3, 4, 5, 6}, q[32];
    for (int i = 0; i < 32; i++)
        q[i] = (float)i - 16;
    uint8_t qd[34];
    kern_quant_row(KERN_Q8_0, q, qd, 32);
    uint16_t h[3] = {0x3c00, 0x4000, 0xc000};
    int64_t ne_a[2] = {3, 2}, ne_q[1] = {32}, ne_h[1] = {3};
    gguf_writer_add_tensor(w, "a", KERN_F32, 2, ne_a, a, sizeof a);
    gguf_writer_add_tensor(w, "q", KERN_Q8_0, 1, ne_q, qd, sizeof qd);
    gguf_writer_add_tensor(w, "h", KERN_F16, 1, ne_h, h, sizeof h);
    snprintf(path, sizeof path, "%s/tensors.gguf", dir);
    int rc = gguf_writer_write(w, path, err, sizeof err);
    if (rc) fprintf(stderr, "%s\n", err);
    gguf_writer_free(w);
    return rc;
}

/* 256 byte tokens (GPT-2 byte-to-unicode), a few merges and their results, BOS/EOS. */
static int vocab(const char *dir)
{
    static char tok[300][16];
    const char *toks[300];
    int32_t types[300];
    int n = 0, k = 0;
    for (int b = 0; b < 256; b++) {
        int printable = (b >= 0x21 && b <= 0x7e) || (b >= 0xa1 && b <= 0xac) || b >= 0xae;
        unsigned cp = printable ? (unsigned)b : 256u + (unsigned)k++;
        char *s = tok[n];
        if (cp < 0x80) {
            s[0] = (char)cp;
            s[1] = 0;
        } else {
            s[0] = (char)(0xc0 | (cp >> 6));
            s[1] = (char)(0x80 | (cp & 0x3f));
            s[2] = 0;
        }
        toks[n] = s;
        types[n++] = 1;
    }
    const char *merges[] = {"Ġ t", "h e", "l l",   "Ġt he", "i n",
                            "Ġ w", "o r", "Ġw or", "ll o",  "he llo"};
    const char *results[] = {"Ġt", "he", "ll", "Ġthe", "in", "Ġw", "or", "Ġwor", "llo", "hello"};
    for (int i = 0; i < 10; i++) {
        toks[n] = results[i];
        types[n++] = 1;
    }
    toks[n] = "<|begin|>";
    types[n++] = 3;
    toks[n] = "<|end|>";
    types[n++] = 3;
    toks[n] = "ü";
    types[n++] = 4;
    struct gguf_writer *w = gguf_writer_new();
    gguf_writer_set_str(w, "general.architecture", "seed");
    gguf_writer_set_str(w, "tokenizer.ggml.model", "gpt2");
    gguf_writer_set_str(w, "tokenizer.ggml.pre", "deepseek-llm");
    gguf_writer_set_arr_str(w, "tokenizer.ggml.tokens", toks, (uint64_t)n);
    gguf_writer_set_arr(w, "tokenizer.ggml.token_type", GGUF_INT32, types, (uint64_t)n);
    gguf_writer_set_arr_str(w, "tokenizer.ggml.merges", merges, 10);
    gguf_writer_set_u32(w, "tokenizer.ggml.bos_token_id", (uint32_t)n - 3);
    gguf_writer_set_u32(w, "tokenizer.ggml.eos_token_id", (uint32_t)n - 2);
    gguf_writer_set_bool(w, "tokenizer.ggml.add_bos_token", true);
    char path[512], err[256];
    snprintf(path, sizeof path, "%s/vocab.gguf", dir);
    int rc = gguf_writer_write(w, path, err, sizeof err);
    if (rc) fprintf(stderr, "%s\n", err);
    gguf_writer_free(w);
    return rc;
}

int main(int argc, char **argv)
{
    const char *dir = argc > 1 ? argv[1] : ".";
    char path[512], err[256];
    struct gguf_writer *w = gguf_writer_new();
    snprintf(path, sizeof path, "%s/empty.gguf", dir);
    int rc = gguf_writer_write(w, path, err, sizeof err);
    gguf_writer_free(w);
    return rc || tensors(dir) || vocab(dir) ? 1 : 0;
}
