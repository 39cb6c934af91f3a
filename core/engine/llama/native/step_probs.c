/* One decoding step's token probabilities in a single compiled call.
 *
 * What core/engine/llama/logprobs.py computes with numpy: log(sum(exp(logits))) and the
 * n highest logits' ids.  In the decoding loop each numpy call pays for caches that
 * llama.cpp's evaluation has just emptied, and numpy writes exp() into the 200 KB row
 * before summing it; here two read-only passes over the row do it all, in about half
 * the time (docs/benchmarks.md, "Issue 15").  Built by packaging/native.py
 * (./prosa.sh setup); without it the numpy code runs, with the same numbers.
 *
 * Portable: no -march.  On x86-64 Linux the two vector loops are compiled for AVX-512,
 * AVX2 and plain x86-64, and the loader picks the widest this CPU runs (GCC's
 * target_clones, resolved once when the library loads).
 */
#include <stdint.h>
#include <string.h>

#define BLOCK 64
/* The most ids one call finds (MAX_N in __init__.py). */
#define MAX_N 64

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

/* The block's highest logit; *nan set when it holds a NaN. */
VECTOR_CLONES
static float block_max(const float *x, int64_t count, int32_t *nan) {
    float m = -__builtin_inff();
    int32_t nans = 0;
#pragma omp simd reduction(max : m) reduction(+ : nans)
    for (int64_t i = 0; i < count; i++) {
        m = x[i] > m ? x[i] : m;
        nans += x[i] != x[i];
    }
    *nan |= nans != 0;
    return m;
}

VECTOR_CLONES
static double sum_exp(const float *row, int64_t size, float top) {
    double total = 0.0;
    for (int64_t start = 0; start < size; start += BLOCK) {
        int64_t count = size - start < BLOCK ? size - start : BLOCK;
        const float *x = row + start;
        float s = 0.0f;
#pragma omp simd reduction(+ : s)
        for (int64_t i = 0; i < count; i++) s += exp_nonpositive(x[i] - top);
        total += s;
    }
    return total;
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

/* The row's highest logit into *top, sum(exp(row - *top)) into *sum (so that
 * log(sum(exp(row))) is *top + log(*sum)), and the ids of the n highest logits into ids
 * (highest first, the lower id first among equals; n <= MAX_N).  Returns how many ids it
 * wrote, or -1 when the row holds a NaN or has no finite maximum: the caller's numpy
 * code then decides what such logits mean, as it did before this helper. */
int32_t prosa_step_probs(const float *row, int64_t size, int32_t n, float *top_out,
                         double *sum_out, int64_t *ids) {
    if (size <= 0 || n < 0 || n > MAX_N) return -1;
    float values[MAX_N];
    int32_t have = 0;
    float top = -__builtin_inff();
    int32_t nan = 0;
    for (int64_t start = 0; start < size; start += BLOCK) {
        int64_t count = size - start < BLOCK ? size - start : BLOCK;
        float m = block_max(row + start, count, &nan);
        top = m > top ? m : top;
        if (n > 0 && (have < n || m > values[n - 1]))
            for (int64_t i = start; i < start + count; i++) take(row, i, n, &have, values, ids);
    }
    if (nan || !(top > -3.0e38f && top < 3.0e38f)) return -1;
    *top_out = top;
    *sum_out = sum_exp(row, size, top);  /* at least 1: the top's own exp(0) */
    return have;
}
