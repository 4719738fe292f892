/* test-bpe-train: the BPE trainer (engine/bpe_train.c) on a small English + Chinese text set:
 * the written GGUF loads in engine/tokenizer.c, every text round-trips, frequent words become
 * one token, encodings equal a naive rank-order application of the merges, training is
 * deterministic, and bad input is refused with a message. */
#include "engine/bpe_train.h"
#include "engine/gguf.h"
#include "engine/tokenizer.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tests/hub-check.h"

static const char *const base[] = {
    "turn on the kitchen light",
    "turn off the kitchen lights please",
    "set the bedroom to 21 degrees",
    "HassTurnOn|name=kitchen light",
    "HassTurnOff|area=kitchen|domain=light",
    "what's the temperature in the living room?",
    "open the garage door",
    "close the blinds in the study",
    "把客厅的灯打开",
    "关掉卧室的空调",
    "厨房的灯关了吗",
    "HassTurnOn|name=客厅的灯",
    "  spaces   and\ttabs\nnewline",
    "Ünïcödé café naïve",
    "numbers 12345 and 2024-11-22",
    "emoji 🙂 mixed 中文 text",
    "kitchen kitchen kitchen",
};

/* The naive reference: byte-level encode one piece, then repeatedly merge the leftmost pair of
 * lowest rank (llama.cpp's llm_tokenizer_bpe does exactly this). */
static int ref_rank(const struct bpe_model *m, const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    for (uint32_t r = 0; r < m->n_merges; r++) {
        const char *s = m->merges[r];
        if (strlen(s) == la + lb + 1 && !memcmp(s, a, la) && s[la] == ' ' && !strcmp(s + la + 1, b))
            return (int)r;
    }
    return -1;
}

static void byte_map(char out[256][4])
{
    int n = 0;
    for (int b = 0; b < 256; b++) {
        int printable = (b >= 0x21 && b <= 0x7e) || (b >= 0xa1 && b <= 0xac) || b >= 0xae;
        unsigned cp = printable ? (unsigned)b : (unsigned)(256 + n++);
        if (cp < 0x80) {
            out[b][0] = (char)cp, out[b][1] = 0;
        } else {
            out[b][0] = (char)(0xc0 | (cp >> 6)), out[b][1] = (char)(0x80 | (cp & 0x3f));
            out[b][2] = 0;
        }
    }
}

/* ids of one piece under the reference */
static int ref_encode_piece(const struct bpe_model *m, const struct tok_vocab *v, const char *s,
                            size_t n, int32_t *ids)
{
    static char map[256][4];
    static int init;
    if (!init) byte_map(map), init = 1;
    char *sym[256];
    int ns = 0;
    for (size_t i = 0; i < n && ns < 256; i++)
        sym[ns++] = strdup(map[(unsigned char)s[i]]);
    for (;;) {
        int best = -1, br = 1 << 30;
        for (int i = 0; i + 1 < ns; i++) {
            int r = ref_rank(m, sym[i], sym[i + 1]);
            if (r >= 0 && r < br) br = r, best = i;
        }
        if (best < 0) break;
        char *cat = malloc(strlen(sym[best]) + strlen(sym[best + 1]) + 1);
        strcpy(cat, sym[best]);
        strcat(cat, sym[best + 1]);
        free(sym[best]);
        free(sym[best + 1]);
        sym[best] = cat;
        memmove(sym + best + 1, sym + best + 2, (size_t)(ns - best - 2) * sizeof *sym);
        ns--;
    }
    for (int i = 0; i < ns; i++) {
        ids[i] = tok_find(v, sym[i], strlen(sym[i]));
        free(sym[i]);
    }
    return ns;
}

static size_t u8len(unsigned char c)
{
    return c < 0x80 ? 1 : c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
}

int main(void)
{
    /* the corpus: base texts with different repeat counts, so pair counts differ */
    enum { NB = sizeof base / sizeof base[0], REP = 7 };
    const char *texts[NB * REP];
    size_t lens[NB * REP], n = 0;
    for (int r = 0; r < REP; r++)
        for (int i = 0; i < NB; i++)
            if (r <= i % REP) texts[n] = base[i], lens[n] = strlen(base[i]), n++;

    char err[256];
    struct bpe_model m, m2;
    CHECK(bpe_train(texts, lens, n, 400, "deepseek-llm", &m, err, sizeof err) == 0);
    CHECK(m.n_vocab > 300 && m.n_vocab <= 400);
    CHECK(m.n_merges >= (uint32_t)(m.n_vocab - BPE_N_SPECIAL - 256));
    CHECK(bpe_train(texts, lens, n, 400, "deepseek-llm", &m2, err, sizeof err) == 0);
    CHECK(m2.n_merges == m.n_merges);
    for (uint32_t i = 0; i < m.n_merges && i < m2.n_merges; i++)
        CHECK(!strcmp(m.merges[i], m2.merges[i]));
    bpe_model_free(&m2);

    /* bad input */
    CHECK(bpe_train(texts, lens, n, 100, "deepseek-llm", &m2, err, sizeof err) != 0);
    CHECK(strstr(err, "below") != NULL);
    const char *bad = "bad \xff\xfe utf8";
    size_t bl = strlen(bad);
    CHECK(bpe_train(&bad, &bl, 1, 400, "deepseek-llm", &m2, err, sizeof err) != 0);
    CHECK(strstr(err, "UTF-8") != NULL);
    CHECK(bpe_train(texts, lens, n, 400, "no-such-pre", &m2, err, sizeof err) != 0);

    /* write, load with the engine's tokenizer */
    char path[] = "/tmp/test-bpe-train-XXXXXX";
    int fd = mkstemp(path);
    CHECK(fd >= 0);
    close(fd);
    struct gguf_writer *w = gguf_writer_new();
    CHECK(bpe_model_to_gguf(&m, w) == 0);
    CHECK(gguf_writer_set_str(w, "general.architecture", "gpt2") == 0);
    CHECK(gguf_writer_write(w, path, err, sizeof err) == 0);
    gguf_writer_free(w);
    struct gguf_file *f = gguf_open(path, err, sizeof err);
    CHECK(f != NULL);
    struct tok_vocab *v = f ? tok_load(f, err, sizeof err) : NULL;
    if (!v) {
        fprintf(stderr, "tok_load: %s\n", err);
        return 1;
    }
    CHECK(tok_n_vocab(v) == m.n_vocab);
    CHECK(tok_bos(v) == BPE_ID_BOS && tok_eos(v) == BPE_ID_EOS && tok_add_bos(v));
    CHECK(tok_find(v, BPE_TOK_SEP, strlen(BPE_TOK_SEP)) == BPE_ID_SEP);
    CHECK(tok_type(v, BPE_ID_SEP) == TOK_TYPE_CONTROL);
    CHECK(!strcmp(tok_pre_name(v), "deepseek-llm"));

    /* round trips; the reference encoding piece by piece */
    int32_t ref[1024];
    for (int i = 0; i < NB; i++) {
        int32_t *ids;
        size_t nid;
        CHECK(tok_encode(v, base[i], strlen(base[i]), 0, &ids, &nid) == 0);
        char *dec = tok_decode(v, ids, nid, false, NULL);
        CHECK(dec && !strcmp(dec, base[i]));
        free(dec);
        size_t *cpl, np, nr = 0, off = 0;
        CHECK(tok_pretokenize(v, base[i], strlen(base[i]), &cpl, &np) == 0);
        for (size_t p = 0; p < np; p++) {
            size_t b0 = off;
            for (size_t k = 0; k < cpl[p]; k++)
                off += u8len((unsigned char)base[i][off]);
            nr += (size_t)ref_encode_piece(&m, v, base[i] + b0, off - b0, ref + nr);
        }
        free(cpl);
        CHECK(nr == nid);
        for (size_t k = 0; k < nr && k < nid; k++)
            CHECK(ref[k] == ids[k]);
        free(ids);
    }
    /* frequent words are whole tokens; special tokens in text are recognised */
    CHECK(tok_find(v, "kitchen", 7) >= 0);
    CHECK(tok_find(v, "Ġkitchen", strlen("Ġkitchen")) >= 0);
    const char *sp = "<|bos|>turn on<|intent|>HassTurnOn<|eos|>";
    int32_t *ids;
    size_t nid;
    CHECK(tok_encode(v, sp, strlen(sp), TOK_PARSE_SPECIAL, &ids, &nid) == 0);
    CHECK(nid >= 5 && ids[0] == BPE_ID_BOS && ids[nid - 1] == BPE_ID_EOS);
    int seps = 0;
    for (size_t k = 0; k < nid; k++)
        seps += ids[k] == BPE_ID_SEP;
    CHECK(seps == 1);
    free(ids);

    tok_free(v);
    gguf_close(f);
    unlink(path);
    bpe_model_free(&m);
    if (failures) fprintf(stderr, "%d checks failed\n", failures);
    return failures ? 1 : 0;
}
