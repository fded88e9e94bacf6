/*
 * Cross-check of the Swift samplers against numpy's compiled implementations, driven by the same 64-bit words.
 *
 * Links numpy's own static library of distributions (numpy/random/lib/libnpyrandom.a, shipped in the numpy wheel)
 * and calls
 *   random_standard_normal   256-layer ziggurat (Marsaglia & Tsang 2000), numpy's tables
 *   random_poisson           PTRS (Hörmann 1993) for lam >= 10
 *   random_binomial          inversion for n·min(p, 1−p) ≤ 30 (we use it below 10 only)
 *   random_bounded_uint64    Lemire's method for ranges above 2^32
 * through a numpy `bitgen_t` whose next_uint64 is xoshiro256** seeded by SplitMix64 (Vigna's reference code,
 * transcribed; identical to Swift's `Xoshiro256StarStar(seed:)`), and whose next_double is chosen per check to be
 * the uniform the Swift algorithm uses at that point:
 *   "closed"  (x >> 11)·2^-53            = Swift `nextUniform()`      (ziggurat, binomial inversion)
 *   "open"    ((x >> 12) + 0.5)·2^-52     = Swift `nextOpenUniform()`  (PTRS)
 * The ziggurat is also driven by scripted words that force its tail and wedge branches.
 *
 * Expected differences (so the Swift test compares within tolerances stated there):
 *   * numpy's ziggurat tables were computed in double precision and differ from ours (60-digit mpmath, rounded
 *     once) by up to ~60 ulp, so normal draws agree to ~1e-14 relative, not bitwise.
 *   * numpy takes the sign of a tail draw from bit 8 of the 52-bit integer; we use the independent sign bit, so
 *     tail draws (|z| > r) agree in magnitude only.
 *   * numpy evaluates log k! by its own Stirling series, we by Loader's saddle-point form; accept/reject decisions
 *     could differ only within ~1e-13 of the boundary.
 *
 * Build and run (numpy ≥ 2.0 wheel with libnpyrandom.a; Python headers because distributions.h includes Python.h):
 *   NP=$(python3 -c "import numpy, os; print(os.path.dirname(numpy.__file__))")
 *   gcc -O2 -std=c11 $(python3-config --includes) -I$NP/_core/include \
 *       -DNUMPY_VERSION="\"$(python3 -c 'import numpy; print(numpy.__version__)')\"" \
 *       scripts/reference/randomness/numpy_crosscheck.c $NP/random/lib/libnpyrandom.a -lm -o /tmp/numpy_crosscheck
 *   /tmp/numpy_crosscheck > data/reference/randomness/numpy_crosscheck.json
 * (scripts/reference/randomness/generate.sh does both.)
 */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <numpy/random/distributions.h>

#ifndef NUMPY_VERSION
#define NUMPY_VERSION "unknown"
#endif

/* ---- Vigna's splitmix64.c and xoshiro256starstar.c (transcribed) ---- */
static uint64_t splitmix64_next(uint64_t *x) {
    uint64_t z = (*x += 0x9e3779b97f4a7c15);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9;
    z = (z ^ (z >> 27)) * 0x94d049bb133111eb;
    return z ^ (z >> 31);
}
static inline uint64_t rotl(const uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
static uint64_t xoshiro_next(uint64_t s[4]) {
    const uint64_t result = rotl(s[1] * 5, 7) * 9;
    const uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
}

/* ---- a numpy bit generator over xoshiro256** or over a scripted list of words ---- */
typedef struct {
    uint64_t s[4];
    const uint64_t *script; /* when non-NULL, words come from here instead */
    int script_length;
    int used; /* words consumed */
} source_t;

static uint64_t source_word(source_t *src) {
    src->used++;
    if (src->script) return src->used <= src->script_length ? src->script[src->used - 1] : 0;
    return xoshiro_next(src->s);
}
static uint64_t next_u64(void *st) { return source_word((source_t *)st); }
static uint32_t next_u32(void *st) { return (uint32_t)(source_word((source_t *)st) >> 32); }
static double next_closed(void *st) { return (double)(source_word((source_t *)st) >> 11) * 0x1.0p-53; }
static double next_open(void *st) { return ((double)(source_word((source_t *)st) >> 12) + 0.5) * 0x1.0p-52; }

static void seed_source(source_t *src, uint64_t seed) {
    memset(src, 0, sizeof *src);
    uint64_t x = seed;
    for (int k = 0; k < 4; k++) src->s[k] = splitmix64_next(&x);
}
static bitgen_t make_bitgen(source_t *src, int open) {
    bitgen_t g;
    g.state = src;
    g.next_uint64 = next_u64;
    g.next_uint32 = next_u32;
    g.next_double = open ? next_open : next_closed;
    g.next_raw = next_u64;
    return g;
}

int main(void) {
    printf("{\n \"provenance\": \"scripts/reference/randomness/numpy_crosscheck.c (gcc %d.%d.%d) linking numpy %s "
           "libnpyrandom.a; generator xoshiro256** seeded by SplitMix64 (= Xoshiro256StarStar(seed:)). Doubles are "
           "C99 hex floats (%%a); words hexadecimal UInt64.\",\n",
           __GNUC__, __GNUC_MINOR__, __GNUC_PATCHLEVEL__, NUMPY_VERSION);

    /* 1. Standard normals from seed 42, closed uniform. */
    {
        source_t src;
        seed_source(&src, 42);
        bitgen_t g = make_bitgen(&src, 0);
        const int count = 2000;
        printf(" \"standardNormal\": {\"seed\": 42, \"uniform\": \"closed\", \"values\": [");
        for (int i = 0; i < count; i++) printf("%s\"%a\"", i ? ", " : "", random_standard_normal(&g));
        printf("], \"wordsUsed\": %d},\n", src.used);
    }

    /* 2. Scripted words forcing the tail and wedge branches (words after the first are xoshiro outputs of seed 7,
          written out, so that the Swift test replays exactly the same list). */
    {
        uint64_t filler[24];
        source_t fill;
        seed_source(&fill, 7);
        for (int i = 0; i < 24; i++) filler[i] = xoshiro_next(fill.s);
        const uint64_t mask52 = (UINT64_C(1) << 52) - 1;
        /* first words: layer in bits 0-7, sign in bit 8, 52-bit integer j in bits 9-60 */
        const uint64_t firsts[] = {
            (mask52 << 9) | (0 << 8) | 0,                    /* tail, + */
            (mask52 << 9) | (1 << 8) | 0,                    /* tail, − */
            ((mask52 - 12345) << 9) | (0 << 8) | 0,          /* tail, + */
            (mask52 << 9) | (0 << 8) | 128,                  /* wedge of layer 128 at its outer edge */
            ((UINT64_C(1) << 20) << 9) | (1 << 8) | 1,       /* top layer (k_1 = 0): always the wedge */
            ((mask52 - 1000) << 9) | (0 << 8) | 255,         /* wedge of the bottom rectangle */
            ((mask52 - (UINT64_C(1) << 44)) << 9) | (1 << 8) | 200, /* wedge of layer 200 */
            /* wedge of layer 128 just outside its inner rectangle: k_128 ≈ 0xFEDED0F909980 in both tables */
            ((UINT64_C(0xFEDED0F909980) + (UINT64_C(1) << 30)) << 9) | (1 << 8) | 128,
        };
        const int ncases = sizeof firsts / sizeof *firsts;
        /* second words: a small uniform (accept in the wedge), a large one (reject), or filler */
        const uint64_t seconds[] = {filler[0], filler[1], filler[2], UINT64_C(0x0000100000000000),
                                    UINT64_C(0x0000100000000000), UINT64_C(0x0000000000000800),
                                    UINT64_C(0xF000000000000000), UINT64_C(0x0000100000000000)};
        printf(" \"forcedNormal\": [\n");
        for (int c = 0; c < ncases; c++) {
            uint64_t words[26];
            words[0] = firsts[c];
            words[1] = seconds[c];
            for (int i = 0; i < 24; i++) words[2 + i] = filler[(i + c) % 24];
            source_t src;
            memset(&src, 0, sizeof src);
            src.script = words;
            src.script_length = 26;
            bitgen_t g = make_bitgen(&src, 0);
            double z = random_standard_normal(&g);
            printf("  {\"words\": [");
            for (int i = 0; i < 26; i++) printf("%s\"0x%016" PRIX64 "\"", i ? ", " : "", words[i]);
            printf("], \"value\": \"%a\", \"wordsUsed\": %d}%s\n", z, src.used, c + 1 < ncases ? "," : "");
        }
        printf(" ],\n");
    }

    /* 3. Poisson, PTRS branch (lam >= 10), open uniform. */
    {
        const double means[] = {10.0, 37.5, 1000.0, 123456.789};
        const int nmeans = sizeof means / sizeof *means;
        printf(" \"poisson\": [\n");
        for (int m = 0; m < nmeans; m++) {
            source_t src;
            seed_source(&src, 1000 + m);
            bitgen_t g = make_bitgen(&src, 1);
            printf("  {\"mean\": \"%a\", \"seed\": %d, \"uniform\": \"open\", \"values\": [", means[m], 1000 + m);
            for (int i = 0; i < 1000; i++) printf("%s%" PRId64, i ? ", " : "", (int64_t)random_poisson(&g, means[m]));
            printf("], \"wordsUsed\": %d}%s\n", src.used, m + 1 < nmeans ? "," : "");
        }
        printf(" ],\n");
    }

    /* 4. Binomial, inversion branch (n·min(p, 1−p) < 10), closed uniform. */
    {
        const int64_t ns[] = {20, 1000, 1000000, 19};
        const double ps[] = {0.3, 0.995, 3e-6, 0.5};
        const int ncases = sizeof ns / sizeof *ns;
        printf(" \"binomialInversion\": [\n");
        for (int c = 0; c < ncases; c++) {
            source_t src;
            seed_source(&src, 2000 + c);
            bitgen_t g = make_bitgen(&src, 0);
            binomial_t cache;
            memset(&cache, 0, sizeof cache);
            printf("  {\"count\": %" PRId64 ", \"probability\": \"%a\", \"seed\": %d, \"uniform\": \"closed\", \"values\": [",
                   ns[c], ps[c], 2000 + c);
            for (int i = 0; i < 1000; i++) printf("%s%" PRId64, i ? ", " : "", random_binomial(&g, ps[c], ns[c], &cache));
            printf("], \"wordsUsed\": %d}%s\n", src.used, c + 1 < ncases ? "," : "");
        }
        printf(" ],\n");
    }

    /* 5. Uniform integers in 0..<n by Lemire's method (numpy's 64-bit path: n − 1 > 2^32 − 1). */
    {
        const uint64_t bounds[] = {(UINT64_C(1) << 40) + 12345, UINT64_C(0xF000000000000001), UINT64_C(0x8000000000000001)};
        const int nbounds = sizeof bounds / sizeof *bounds;
        printf(" \"uniformInteger\": [\n");
        for (int c = 0; c < nbounds; c++) {
            source_t src;
            seed_source(&src, 3000 + c);
            bitgen_t g = make_bitgen(&src, 0);
            printf("  {\"bound\": \"0x%016" PRIX64 "\", \"seed\": %d, \"values\": [", bounds[c], 3000 + c);
            for (int i = 0; i < 200; i++)
                printf("%s\"0x%016" PRIX64 "\"", i ? ", " : "", random_bounded_uint64(&g, 0, bounds[c] - 1, 0, false));
            printf("], \"wordsUsed\": %d}%s\n", src.used, c + 1 < nbounds ? "," : "");
        }
        printf(" ]\n}\n");
    }
    return 0;
}
