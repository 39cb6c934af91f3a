/* One decoding step's token probabilities in a single compiled call.
 *
 * What core/engine/llama/logprobs.py computes with numpy: log(sum(exp(logits))) and the
 * n highest logits' ids.  In the decoding loop each numpy call pays for caches that
 * llama.cpp's evaluation has just emptied, and numpy writes exp() into the 200 KB row
 * before summing it; here one read-only pass over the row takes each 64-logit block's
 * maximum and the sum, and only the few blocks that can hold the n best are searched
 * again, in about half the time (docs/benchmarks.md, "Issue 15").  It also hands back
 * the n best logits, so the caller reads nothing more from the row.  Built by
 * packaging/native.py (./prosa.sh setup); without it the numpy code runs, with the same
 * numbers.
 *
 * Portable: no -march.  On x86-64 Linux the vector loops are compiled for AVX-512,
 * AVX2 and plain x86-64, and the loader picks the widest this CPU runs (GCC's
 * target_clones, resolved once when the library loads).
 */
#include <stdint.h>
#include <math.h>
#include <string.h>

#define BLOCK 64
/* The most ids one call finds (MAX_N in __init__.py). */
#define MAX_N 64
/* The longest row it takes, in blocks: 1,048,576 logits (larger rows go to numpy). */
#define MAX_BLOCKS 16384

#if defined(__x86_64__) && defined(__linux__) && defined(__GNUC__)
#define VECTOR_CLONES __attribute__((target_clones("avx512f", "avx2", "default")))
#else
#define VECTOR_CLONES
#endif

/* exp(x) for x <= 0 (Cephes' expf: 2^k times a polynomial, within 2 ulp); below -87,
 * where float32 ends, it gives exp(-87).  Branch-free so that loops vectorize. */
static inline float exp_nonpositive(float x) {
    x = x > -87.0f ? x : -87.0f;
    float k = (x * 1.44269504088896341f + 12582912.0f) - 12582912.0f; /* round(x/ln 2) */
    float r = x - k * 0.693359375f;
    r = r + k * 2.12194440e-4f;
    float p = 1.9875691500e-4f;
    p = p * r + 1.3981999507e-3f;
    p = p * r + 8.3334519073e-3f;
    p = p * r + 4.1665795894e-2f;
    p = p * r + 1.6666665459e-1f;
    p = p * r + 5.0000001201e-1f;
    p = p * r * r + r + 1.0f;
    int32_t bits = ((int32_t)k + 127) << 23;
    float scale;
    memcpy(&scale, &bits, sizeof scale);
    return p * scale;
}

/* One read of the row: each block's highest logit into bmax, the row's into *top_out,
 * and sum(exp(row - *top_out)) into *sum_out.  The sum is taken against the highest
 * logit seen so far and rescaled on the rare block that raises it, so the row is read
 * once, from the cache llama.cpp's evaluation has just written it to.  Returns whether
 * the row holds a NaN. */
VECTOR_CLONES
static int32_t scan(const float *row, int64_t size, float *bmax, float *top_out,
                    double *sum_out) {
    float top = -__builtin_inff();
    double total = 0.0;
    int32_t nans = 0;
    for (int64_t start = 0, b = 0; start < size; start += BLOCK, b++) {
        int64_t count = size - start < BLOCK ? size - start : BLOCK;
        const float *x = row + start;
        float m = -__builtin_inff();
#pragma omp simd reduction(max : m) reduction(+ : nans)
        for (int64_t i = 0; i < count; i++) {
            m = x[i] > m ? x[i] : m;
            nans += x[i] != x[i];
        }
        bmax[b] = m;
        if (!(m > -3.0e38f)) continue;  /* only -inf (or NaN): adds nothing */
        if (m > top) {
            if (top > -3.0e38f) total *= exp_nonpositive(top - m);
            top = m;
        }
        float s = 0.0f;
#pragma omp simd reduction(+ : s)
        for (int64_t i = 0; i < count; i++) s += exp_nonpositive(x[i] - top);
        total += s;
    }
    *top_out = top;
    *sum_out = total;
    return nans != 0;
}

/* Put row[i] among the best (values highest first, ids ascending among ties). */
static void take(const float *row, int64_t i, int32_t n, int32_t *have, float *values,
                 int64_t *ids) {
    float v = row[i];
    if (*have == n && !(v > values[n - 1])) return;
    int32_t j = *have < n ? (*have)++ : n - 1;
    while (j > 0 && values[j - 1] < v) {
        values[j] = values[j - 1];
        ids[j] = ids[j - 1];
        j--;
    }
    values[j] = v;
    ids[j] = i;
}

/* The row's highest logit into *top_out, sum(exp(row - *top_out)) into *sum_out (so
 * that log(sum(exp(row))) is *top_out + log(*sum_out)), and the ids of the n highest
 * logits into ids (highest first, the lower id first among equals; n <= MAX_N), with
 * their logits into values unless it is NULL (the caller then needs no look-up of its
 * own in the row).  Returns how many ids it wrote, or -1 when the row holds a NaN or
 * has no finite maximum: the caller's numpy code then decides what such logits mean,
 * as it did before this helper.
 *
 * The n highest logits lie in the blocks whose maxima are among the n highest block
 * maxima (ties included), so only those blocks are searched, in order. */
int32_t prosa_step_probs(const float *row, int64_t size, int32_t n, float *top_out,
                         double *sum_out, int64_t *ids, float *values_out) {
    if (size <= 0 || n < 0 || n > MAX_N || size > (int64_t)MAX_BLOCKS * BLOCK) return -1;
    static _Thread_local float bmax[MAX_BLOCKS];
    float top;
    double total;
    if (scan(row, size, bmax, &top, &total) || !(top > -3.0e38f && top < 3.0e38f))
        return -1;
    *top_out = top;
    *sum_out = total;  /* at least 1: the top's own exp(0) */
    if (n == 0) return 0;
    int64_t blocks = (size + BLOCK - 1) / BLOCK;
    /* The n-th highest block maximum: no block below it holds one of the n best. */
    float best[MAX_N];
    int32_t kept = 0;
    for (int64_t b = 0; b < blocks; b++) {
        float m = bmax[b];
        if (kept == n && !(m > best[n - 1])) continue;
        int32_t j = kept < n ? kept++ : n - 1;
        while (j > 0 && best[j - 1] < m) {
            best[j] = best[j - 1];
            j--;
        }
        best[j] = m;
    }
    float floor = best[kept - 1];
    float values[MAX_N];
    int32_t have = 0;
    for (int64_t b = 0; b < blocks; b++) {
        if (bmax[b] < floor) continue;
        int64_t end = (b + 1) * BLOCK < size ? (b + 1) * BLOCK : size;
        for (int64_t i = b * BLOCK; i < end; i++) take(row, i, n, &have, values, ids);
    }
    if (values_out != NULL) memcpy(values_out, values, (size_t)have * sizeof *values);
    return have;
}

/* A reply's pending probability columns (``Columns`` in __init__.py): what
 * prosa_step_into appends a decoding step to, in the arrays a batch of token
 * probabilities travels in (core/engine/logprob_batch.py). */
typedef struct {
    int64_t *ids;       /* per token: its id */
    double *probs;      /* per token: its probability */
    int64_t *alt_ends;  /* per token: where its alternatives end in alt_ids, alt_probs */
    int64_t *alt_ids;
    double *alt_probs;
    int64_t count, alt_count;
    int64_t capacity, alt_capacity;
} prosa_columns;

/* One decoding step into cols: token (the most likely one when token < 0), its
 * probability, and the n most likely tokens with theirs.  The numbers are those the
 * Python caller of prosa_step_probs computed, operation for operation: double
 * exp(logit - log_z) with log_z = top + log(sum), from the same libm.  So the decoding
 * loop's per-token Python is one call.  Returns the token; -1 when the row is numpy's
 * to read (a NaN, no finite maximum, a token outside the row: nothing appended); -2
 * when the columns are full (the caller grows them and calls again). */
int64_t prosa_step_into(const float *row, int64_t size, int32_t n, int64_t token,
                        prosa_columns *cols) {
    if (cols->count >= cols->capacity || cols->alt_count + n > cols->alt_capacity)
        return -2;
    if (token >= size) return -1;
    float top, values[MAX_N];
    double total;
    int64_t ids[MAX_N];
    int32_t found = prosa_step_probs(row, size, n, &top, &total, ids, values);
    if (found < 0 || (token < 0 && found == 0)) return -1;
    double log_z = (double)top + log(total);
    int64_t k = cols->count, a = cols->alt_count;
    for (int32_t i = 0; i < found; i++) {
        cols->alt_ids[a + i] = ids[i];
        cols->alt_probs[a + i] = exp((double)values[i] - log_z);
    }
    if (token < 0) {
        token = ids[0];
        cols->probs[k] = cols->alt_probs[a];
    } else {
        cols->probs[k] = exp((double)row[token] - log_z);
    }
    cols->ids[k] = token;
    cols->alt_ends[k] = a + found;
    cols->count = k + 1;
    cols->alt_count = a + found;
    return token;
}
