/*
 * test-cuda.c: parity of every op of the "cuda" backend with the "cpu" backend and with
 * double-precision references, on the reference models' real tensors. Exits 77 ("no CUDA
 * device") where cudaGetDeviceCount finds none.
 *
 * Stated tolerances (NMSE against the double product of the dequantized weights):
 *   decode mat-vec (n_tok <= 8, f32 activations, f32 accumulation):   1e-9
 *   matmul_sel (selected expert rows, one product each):                1e-9
 *   prefill cuBLAS, f32 weights (fp32 compute, no TF32):                1e-9
 *   prefill cuBLAS, f16 / quantized weights (activations to f16):       1e-5
 *   prefill cuBLAS, bf16 weights (activations to bf16):                 1e-4
 *   routing: the same experts as the cpu backend, weights within 1e-5;
 *   rmsnorm, softmax, swiglu: NMSE 1e-11; rope: max abs 1e-4 vs cpu; mla, attn: NMSE 1e-9
 *   vs cpu; a captured graph replays bit-identically to direct launches.
 */
#include "tests/cuda-test-common.h"

static struct hub_backend *gpu, *cpu;

static void *up(const void *src, size_t bytes)
{
    void *d = gpu->ops->alloc(gpu, bytes);
    if (!d || gpu->ops->upload(gpu, d, src, bytes) != 0) {
        fprintf(stderr, "upload of %zu bytes: %s\n", bytes, gpu->err);
        exit(99);
    }
    return d;
}

static void down(void *dst, const void *src, size_t bytes)
{
    if (gpu->ops->download(gpu, dst, src, bytes) != 0) {
        fprintf(stderr, "download: %s\n", gpu->err);
        exit(99);
    }
}

static double gpu_tol(uint32_t type, int T)
{
    if (T <= 8 || type == KERN_F32) return 1e-9;
    return type == KERN_BF16 ? 1e-4 : 1e-5;
}

static void test_matmul(const struct gguf_file *f, const char *model, int *n)
{
    for (uint64_t i = 0; i < f->n_tensors; i++) {
        const struct gguf_tensor *t = &f->tensors[i];
        if (!tc_is_weight(t)) continue;
        int64_t k = t->ne[0], rows = t->ne[1];
        size_t wb = kern_row_bytes(t->type, k) * (size_t)rows;
        void *dW = up(t->data, wb);
        static const int toks[] = {1, 3, 8, 17, 64};
        for (int ti = 0; ti < 5; ti++) {
            int T = toks[ti];
            float *x = tc_rand_vec((size_t)T * k, 1.0f);
            float *g = calloc((size_t)T * rows, 4), *r = calloc((size_t)T * rows, 4);
            float *dx = up(x, (size_t)T * k * 4),
                  *dout = gpu->ops->alloc(gpu, (size_t)T * rows * 4);
            int st = gpu->ops->matmul(gpu, (int)t->type, dW, rows, k, dx, T, dout);
            CHECK(st == 0, "%s %s T=%d: %s", model, t->name, T, gpu->err);
            down(g, dout, (size_t)T * rows * 4);
            tc_ref_matmul((int)t->type, t->data, rows, k, x, T, r);
            double e = tc_nmse(g, r, (size_t)T * rows);
            CHECK(e < gpu_tol(t->type, T), "%s %s (type %u) T=%d: NMSE %.3g >= %.1g", model,
                     t->name, t->type, T, e, gpu_tol(t->type, T));
            gpu->ops->release(gpu, dx);
            gpu->ops->release(gpu, dout);
            free(x);
            free(g);
            free(r);
            ++*n;
        }
        gpu->ops->release(gpu, dW);
    }
}

static void test_grouped(const struct gguf_file *f, const char *model)
{
    for (uint64_t i = 0; i < f->n_tensors; i++) {
        const struct gguf_tensor *t = &f->tensors[i];
        if (!tc_is_weight(t) || t->n_dims < 3 || t->ne[2] < 2 || !strstr(t->name, "blk.1."))
            continue;
        int64_t k = t->ne[0], rows = t->ne[1];
        int X = (int)t->ne[2], T = 24;
        size_t mat_bytes = kern_row_bytes(t->type, k) * (size_t)rows;
        float *x = tc_rand_vec((size_t)T * k, 1.0f);
        int32_t offsets[257], tok[24 * 4];
        int n = 0;
        for (int e = 0; e < X && e < 256; e++) {
            offsets[e] = n;
            for (int tt = 0; tt < T; tt++)
                if ((tt * 5 + e * 3) % X < 4 && n < T * 4) tok[n++] = tt;
        }
        offsets[X] = n;
        float *g = calloc((size_t)n * rows + 1, 4), *c = calloc((size_t)n * rows + 1, 4);
        void *dW = up(t->data, mat_bytes * X);
        float *dx = up(x, (size_t)T * k * 4);
        int32_t *dtok = up(tok, (size_t)n * 4 + 4);
        float *dout = gpu->ops->alloc(gpu, (size_t)n * rows * 4 + 4);
        CHECK(gpu->ops->matmul_grouped(gpu, (int)t->type, dW, mat_bytes, rows, k, X, dx, dtok,
                                          offsets, dout) == 0,
                 "grouped: %s", gpu->err);
        down(g, dout, (size_t)n * rows * 4);
        CHECK(cpu->ops->matmul_grouped(cpu, (int)t->type, t->data, mat_bytes, rows, k, X, x, tok,
                                          offsets, c) == 0,
                 "cpu grouped: %s", cpu->err);
        double e = tc_nmse(g, c, (size_t)n * rows);
        CHECK(e < 1e-3, "%s %s grouped: NMSE %.3g vs the cpu backend", model, t->name, e);
        gpu->ops->release(gpu, dW);
        gpu->ops->release(gpu, dx);
        gpu->ops->release(gpu, dtok);
        gpu->ops->release(gpu, dout);
        free(x);
        free(g);
        free(c);
    }
}

/* matmul_sel: rows chosen by a selection in device memory, x shared per token (x_div = 3)
 * or one row per selection (x_div = 1), against the double product of each chosen matrix. */
static void test_sel(const struct gguf_file *f, const char *model)
{
    for (uint64_t i = 0; i < f->n_tensors; i++) {
        const struct gguf_tensor *t = &f->tensors[i];
        if (!tc_is_weight(t) || t->n_dims < 3 || t->ne[2] < 2 || !strstr(t->name, "blk.1."))
            continue;
        int64_t k = t->ne[0], rows = t->ne[1];
        int X = (int)t->ne[2], n = 15;
        size_t mat_bytes = kern_row_bytes(t->type, k) * (size_t)rows;
        void *dW = up(t->data, mat_bytes * X);
        int32_t sel[15];
        for (int r = 0; r < n; r++) sel[r] = (r * 7 + 3) % X;
        int32_t *dsel = up(sel, sizeof(sel));
        for (int x_div = 1; x_div <= 3; x_div += 2) {
            int nx = (n + x_div - 1) / x_div;
            float *x = tc_rand_vec((size_t)nx * k, 1.0f);
            float *g = calloc((size_t)n * rows, 4), *r = calloc((size_t)n * rows, 4);
            float *dx = up(x, (size_t)nx * k * 4), *dout = gpu->ops->alloc(gpu, (size_t)n * rows * 4);
            CHECK(gpu->ops->matmul_sel(gpu, (int)t->type, dW, mat_bytes, rows, k, dx, x_div, dsel,
                                       n, dout) == 0,
                  "sel: %s", gpu->err);
            down(g, dout, (size_t)n * rows * 4);
            for (int j = 0; j < n; j++)
                tc_ref_matmul((int)t->type, (const uint8_t *)t->data + (size_t)sel[j] * mat_bytes,
                              rows, k, x + (size_t)(j / x_div) * k, 1, r + (size_t)j * rows);
            double e = tc_nmse(g, r, (size_t)n * rows);
            CHECK(e < 1e-9, "%s %s matmul_sel (x_div %d): NMSE %.3g", model, t->name, x_div, e);
            gpu->ops->release(gpu, dx);
            gpu->ops->release(gpu, dout);
            free(x), free(g), free(r);
        }
        gpu->ops->release(gpu, dW);
        gpu->ops->release(gpu, dsel);
    }
}

static void test_route(void)
{
    struct gguf_file *f = tc_open_model("ds3-style-f16.gguf");
    CHECK(f != NULL, "ds3-style-f16.gguf missing");
    if (!f) return;
    const struct gguf_tensor *gi = gguf_find_tensor(f, "blk.1.ffn_gate_inp.weight");
    const struct gguf_tensor *bi = gguf_find_tensor(f, "blk.1.exp_probs_b.bias");
    if (!gi || !bi || gi->type != KERN_F32) {
        CHECK(0, "router tensors");
        gguf_close(f);
        return;
    }
    int X = (int)gi->ne[1], E = (int)gi->ne[0], T = 100;
    float *x = tc_rand_vec((size_t)T * E, 1.0f), *lg = calloc((size_t)T * X, 4);
    cpu->ops->matmul(cpu, KERN_F32, gi->data, X, E, x, T, lg);
    const struct hub_route_params p = {X, 4, 4, 2, HUB_GATING_SIGMOID, true, 2.5f};
    int32_t sc[400], sg[400];
    float wc[400], wg[400];
    cpu->ops->route(cpu, &p, lg, bi->data, T, sc, wc);
    float *dlg = up(lg, (size_t)T * X * 4), *db = up(bi->data, (size_t)X * 4);
    int32_t *dsel = gpu->ops->alloc(gpu, sizeof(sg));
    float *dw = gpu->ops->alloc(gpu, sizeof(wg));
    CHECK(gpu->ops->route(gpu, &p, dlg, db, T, dsel, dw) == 0, "route: %s", gpu->err);
    down(sg, dsel, (size_t)T * 4 * 4);
    down(wg, dw, (size_t)T * 4 * 4);
    int bad = 0;
    for (int i = 0; i < T * 4; i++)
        bad += sg[i] != sc[i] || fabsf(wg[i] - wc[i]) > 1e-5f;
    CHECK(bad == 0, "route: %d of %d choices differ from the cpu backend", bad, T * 4);
    gpu->ops->release(gpu, dlg);
    gpu->ops->release(gpu, db);
    gpu->ops->release(gpu, dsel);
    gpu->ops->release(gpu, dw);
    free(x);
    free(lg);
    gguf_close(f);
}

static void test_rows(void)
{
    const int n = 2048, R = 7;
    size_t N = (size_t)n * R;
    float *x = tc_rand_vec(N, 3.0f), *w = tc_rand_vec(n, 1.0f), *c = malloc(N * 4),
          *g = malloc(N * 4);
    float *dx = up(x, N * 4), *dw = up(w, n * 4), *dy = gpu->ops->alloc(gpu, N * 4);
    gpu->ops->rmsnorm(gpu, dy, dx, dw, R, n, n, 1e-6f);
    down(g, dy, N * 4);
    cpu->ops->rmsnorm(cpu, c, x, w, R, n, n, 1e-6f);
    CHECK(tc_nmse(g, c, N) < 1e-11, "rmsnorm NMSE %.3g", tc_nmse(g, c, N));
    gpu->ops->upload(gpu, dy, x, N * 4);
    gpu->ops->softmax(gpu, dy, R, n);
    down(g, dy, N * 4);
    memcpy(c, x, N * 4);
    cpu->ops->softmax(cpu, c, R, n);
    CHECK(tc_nmse(g, c, N) < 1e-11, "softmax NMSE %.3g", tc_nmse(g, c, N));
    gpu->ops->swiglu(gpu, dy, dx, dx + n, n);
    down(g, dy, (size_t)n * 4);
    cpu->ops->swiglu(cpu, c, x, x + n, n);
    CHECK(tc_nmse(g, c, n) < 1e-11, "swiglu NMSE %.3g", tc_nmse(g, c, n));
    /* rope with YaRN, norm and neox */
    for (int neox = 0; neox < 2; neox++) {
        struct hub_rope_params p = {64, neox != 0, 10000.0f, 1.0f / 40, 1.0f, 1.0f, 10.0f, 23.0f};
        memcpy(c, x, N * 4);
        gpu->ops->upload(gpu, dy, x, N * 4);
        gpu->ops->rope(gpu, &p, dy, 7, 16, 16 * 128, 128, 64, 3000);
        cpu->ops->rope(cpu, &p, c, 7, 16, 16 * 128, 128, 64, 3000);
        down(g, dy, (size_t)7 * 16 * 128 * 4);
        double m = tc_maxabs(g, c, (size_t)7 * 16 * 128);
        CHECK(m < 1e-4, "rope (neox %d): max abs %.3g vs cpu", neox, m);
    }
    /* copy2d, add, scatter_add */
    gpu->ops->upload(gpu, dy, x, N * 4);
    gpu->ops->copy2d(gpu, dy + 3, n, dx + 100, n, R, 500);
    gpu->ops->add(gpu, dy + n, dy + n, dx, n);
    down(g, dy, N * 4);
    memcpy(c, x, N * 4);
    cpu->ops->copy2d(cpu, c + 3, n, x + 100, n, R, 500);
    cpu->ops->add(cpu, c + n, c + n, x, n);
    CHECK(memcmp(g, c, N * 4) == 0, "copy2d/add differ from the cpu backend");
    {
        const int32_t tok[6] = {2, 0, 2, 1, 0, 2};
        const float wr[6] = {0.5f, 0.25f, 1.5f, -1.0f, 2.0f, 0.125f};
        int32_t *dtok = up(tok, sizeof(tok));
        float *dwr = up(wr, sizeof(wr));
        gpu->ops->upload(gpu, dy, x, (size_t)3 * n * 4);
        gpu->ops->scatter_add(gpu, dy, dx, dtok, dwr, 6, n);
        down(g, dy, (size_t)3 * n * 4);
        memcpy(c, x, (size_t)3 * n * 4);
        cpu->ops->scatter_add(cpu, c, x, tok, wr, 6, n);
        CHECK(tc_nmse(g, c, (size_t)3 * n) < 1e-12, "scatter_add NMSE %.3g",
                 tc_nmse(g, c, (size_t)3 * n));
        gpu->ops->release(gpu, dtok);
        gpu->ops->release(gpu, dwr);
    }
    CHECK(gpu->ops->sync(gpu) == 0, "sync: %s", gpu->err);
    gpu->ops->release(gpu, dx);
    gpu->ops->release(gpu, dw);
    gpu->ops->release(gpu, dy);
    free(x);
    free(w);
    free(c);
    free(g);
}

static void test_mla(void)
{
    const int H = 16, R = 512, nr = 64, kv_row = R + nr, dqk = 192, T = 3, pos0 = 700;
    int n_kv = pos0 + T;
    size_t nq = (size_t)H * T * R;
    float *qabs = tc_rand_vec(nq, 0.05f), *q = tc_rand_vec((size_t)T * H * dqk, 0.3f);
    float *cache = tc_rand_vec((size_t)n_kv * kv_row, 1.0f), *c = malloc(nq * 4),
          *g = malloc(nq * 4);
    float *dqa = up(qabs, nq * 4), *dq = up(q, (size_t)T * H * dqk * 4);
    float *dc = up(cache, (size_t)n_kv * kv_row * 4), *dout = gpu->ops->alloc(gpu, nq * 4);
    CHECK(gpu->ops->mla_attn(gpu, dqa, dq + 128, H * dqk, dqk, dc, kv_row, R, nr, H, T, pos0,
                                0.0722f, dout) == 0,
             "mla: %s", gpu->err);
    down(g, dout, nq * 4);
    cpu->ops->mla_attn(cpu, qabs, q + 128, H * dqk, dqk, cache, kv_row, R, nr, H, T, pos0, 0.0722f,
                       c);
    CHECK(tc_nmse(g, c, nq) < 1e-9, "mla_attn NMSE %.3g vs cpu", tc_nmse(g, c, nq));

    /* a captured decode-like step (rmsnorm + mat-vec) replays to the same numbers */
    if (gpu->ops->graph_begin) {
        float *w = tc_rand_vec(R, 1.0f), *W = tc_rand_vec((size_t)256 * R, 1.0f);
        float *dw = up(w, R * 4), *dW = up(W, (size_t)256 * R * 4);
        float *dn = gpu->ops->alloc(gpu, R * 4), *dy = gpu->ops->alloc(gpu, 256 * 4);
        float y1[256], y2[256];
        gpu->ops->rmsnorm(gpu, dn, dc, dw, 1, R, R, 1e-6f);
        gpu->ops->matmul(gpu, KERN_F32, dW, 256, R, dn, 1, dy);
        down(y1, dy, sizeof(y1));
        CHECK(gpu->ops->graph_begin(gpu) == 0, "graph_begin: %s", gpu->err);
        gpu->ops->rmsnorm(gpu, dn, dc, dw, 1, R, R, 1e-6f);
        gpu->ops->matmul(gpu, KERN_F32, dW, 256, R, dn, 1, dy);
        CHECK(gpu->ops->graph_end(gpu) == 0, "graph_end: %s", gpu->err);
        gpu->ops->upload(gpu, dy, W, sizeof(y2)); /* garbage that the replay must overwrite */
        CHECK(gpu->ops->graph_launch(gpu) == 0, "graph_launch: %s", gpu->err);
        down(y2, dy, sizeof(y2));
        CHECK(memcmp(y1, y2, sizeof(y1)) == 0, "graph replay differs from direct launches");
        gpu->ops->release(gpu, dw);
        gpu->ops->release(gpu, dW);
        gpu->ops->release(gpu, dn);
        gpu->ops->release(gpu, dy);
        free(w);
        free(W);
    }
    gpu->ops->release(gpu, dqa);
    gpu->ops->release(gpu, dq);
    gpu->ops->release(gpu, dc);
    gpu->ops->release(gpu, dout);
    free(qabs);
    free(q);
    free(cache);
    free(c);
    free(g);
}

static void test_attn(void)
{
    const int H = 16, Hkv = 4, dk = 128, dv = 128, T = 5, pos0 = 300, n_kv = pos0 + T;
    const int64_t qts = H * dk, ks = Hkv * dk, vs = Hkv * dv;
    size_t no = (size_t)T * H * dv;
    float *q = tc_rand_vec((size_t)T * qts, 0.2f), *k = tc_rand_vec((size_t)n_kv * ks, 1.0f);
    float *v = tc_rand_vec((size_t)n_kv * vs, 1.0f), *c = malloc(no * 4), *g = malloc(no * 4);
    float *dq = up(q, (size_t)T * qts * 4), *dk_ = up(k, (size_t)n_kv * ks * 4);
    float *dv_ = up(v, (size_t)n_kv * vs * 4), *dout = gpu->ops->alloc(gpu, no * 4);
    CHECK(
        gpu->ops->attn(gpu, dq, qts, dk_, ks, dv_, vs, H, Hkv, dk, dv, T, pos0, 0.088f, dout) == 0,
        "attn: %s", gpu->err);
    down(g, dout, no * 4);
    cpu->ops->attn(cpu, q, qts, k, ks, v, vs, H, Hkv, dk, dv, T, pos0, 0.088f, c);
    CHECK(tc_nmse(g, c, no) < 1e-9, "attn NMSE %.3g vs cpu", tc_nmse(g, c, no));
    gpu->ops->release(gpu, dq);
    gpu->ops->release(gpu, dk_);
    gpu->ops->release(gpu, dv_);
    gpu->ops->release(gpu, dout);
    free(q);
    free(k);
    free(v);
    free(c);
    free(g);
}

int main(void)
{
    if (hub_backend_cuda_device_count() == 0) {
        printf("SKIP: no CUDA device\n");
        return 77;
    }
    char err[256];
    gpu = hub_backend_cuda_new(0, err, sizeof(err));
    if (!gpu) {
        fprintf(stderr, "cuda backend: %s\n", err);
        return 1;
    }
    cpu = hub_backend_cpu_new(2);
    if (!cpu) return 99;
    int n_mm = 0;
    for (size_t m = 0; m < TC_N_MODELS; m++) {
        struct gguf_file *f = tc_open_model(tc_models[m]);
        CHECK(f != NULL, "reference model %s missing", tc_models[m]);
        if (!f) continue;
        test_matmul(f, tc_models[m], &n_mm);
        test_grouped(f, tc_models[m]);
        test_sel(f, tc_models[m]);
        gguf_close(f);
    }
    test_route();
    test_rows();
    test_mla();
    test_attn();
    hub_backend_free(gpu);
    hub_backend_free(cpu);
    printf("%d matmul cases; %s\n", n_mm, failures ? "FAILED" : "ok");
    return failures ? 1 : 0;
}
