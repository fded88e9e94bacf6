/*
 * Golden outputs of SplitMix64 and xoshiro256** (incl. jump / long jump) for the Swift `Randomness` module.
 *
 * splitmix64_next, xoshiro_next, xoshiro_jump and xoshiro_long_jump are transcriptions of Sebastiano Vigna's
 * public-domain (CC0) reference code, https://prng.di.unimi.it/splitmix64.c and
 * https://prng.di.unimi.it/xoshiro256starstar.c (xoshiro256** 1.0, Blackman & Vigna, ACM TOMS 47(4), 2021):
 * same constants, same operations, same jump polynomials. keyed_state transcribes the keyed-split derivation
 * documented on `Xoshiro256StarStar.init(seed:stream:)` (the project's own design, not Vigna's), so the Swift code
 * is checked against its specification written in a second language.
 *
 * Build and run (writes JSON to stdout):
 *   gcc -O2 -std=c11 -Wall -Wextra -o /tmp/reference_streams scripts/reference/randomness/reference_streams.c
 *   /tmp/reference_streams > data/reference/randomness/reference_streams.json
 * (scripts/reference/randomness/generate.sh does both.)
 */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>

/* ---- Vigna, splitmix64.c ---- */
static uint64_t splitmix64_next(uint64_t *x) {
    uint64_t z = (*x += 0x9e3779b97f4a7c15);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9;
    z = (z ^ (z >> 27)) * 0x94d049bb133111eb;
    return z ^ (z >> 31);
}

/* ---- Vigna, xoshiro256starstar.c ---- */
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

static void xoshiro_apply(uint64_t s[4], const uint64_t poly[4]) {
    uint64_t s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    for (int i = 0; i < 4; i++)
        for (int b = 0; b < 64; b++) {
            if (poly[i] & UINT64_C(1) << b) {
                s0 ^= s[0];
                s1 ^= s[1];
                s2 ^= s[2];
                s3 ^= s[3];
            }
            xoshiro_next(s);
        }
    s[0] = s0;
    s[1] = s1;
    s[2] = s2;
    s[3] = s3;
}

static void xoshiro_jump(uint64_t s[4]) {
    static const uint64_t JUMP[] = {0x180ec6d33cfd0aba, 0xd5a61266f0c9392c, 0xa9582618e03fc9aa, 0x39abdc4529b1661c};
    xoshiro_apply(s, JUMP);
}

static void xoshiro_long_jump(uint64_t s[4]) {
    static const uint64_t LONG_JUMP[] = {0x76e15d3efefdcbbf, 0xc5004e441c522fb3, 0x77710069854ee241,
                                         0x39109bb02acbe635};
    xoshiro_apply(s, LONG_JUMP);
}

/* ---- the documented keyed split (Xoshiro256StarStar.init(seed:stream:)) ---- */
static uint64_t mix(uint64_t z) {
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9;
    z = (z ^ (z >> 27)) * 0x94d049bb133111eb;
    return z ^ (z >> 31);
}

static void keyed_state(uint64_t seed, uint64_t stream, uint64_t s[4]) {
    const uint64_t g = 0x9e3779b97f4a7c15;
    uint64_t a = seed, b = stream;
    b ^= mix(a + g);
    a ^= mix(b + 2 * g);
    b ^= mix(a + 3 * g);
    a ^= mix(b + 4 * g);
    s[0] = mix(a + g);
    s[1] = mix(b + g);
    s[2] = mix(a + 2 * g);
    s[3] = mix(b + 2 * g);
}

/* ---- JSON output ---- */
static void print_words(const char *name, const uint64_t *w, int n) {
    printf("\"%s\": [", name);
    for (int i = 0; i < n; i++) printf("%s\"0x%016" PRIX64 "\"", i ? ", " : "", w[i]);
    printf("]");
}

static void print_state_and_outputs(uint64_t s[4], int count) {
    uint64_t out[16];
    print_words("state", s, 4);
    for (int i = 0; i < count; i++) out[i] = xoshiro_next(s);
    printf(", ");
    print_words("outputs", out, count);
}

int main(void) {
    printf("{\n");
    printf(" \"provenance\": \"scripts/reference/randomness/reference_streams.c (gcc %d.%d.%d): transcription of Vigna's "
           "reference splitmix64.c and xoshiro256starstar.c (prng.di.unimi.it, CC0), plus the keyed-split derivation "
           "documented on Xoshiro256StarStar.init(seed:stream:). All words are hexadecimal UInt64.\",\n",
           __GNUC__, __GNUC_MINOR__, __GNUC_PATCHLEVEL__);

    /* SplitMix64: the first 8 outputs for several seeds. */
    const uint64_t seeds[] = {0, 1, 42, 0x0123456789ABCDEF, 0xFFFFFFFFFFFFFFFF};
    const int nseeds = sizeof seeds / sizeof *seeds;
    printf(" \"splitmix64\": [\n");
    for (int i = 0; i < nseeds; i++) {
        uint64_t x = seeds[i], out[8];
        for (int k = 0; k < 8; k++) out[k] = splitmix64_next(&x);
        printf("  {\"seed\": \"0x%016" PRIX64 "\", ", seeds[i]);
        print_words("outputs", out, 8);
        printf("}%s\n", i + 1 < nseeds ? "," : "");
    }
    printf(" ],\n");

    /* xoshiro256** from explicit states: 16 outputs; jump, two jumps and long jump from the same start. */
    const uint64_t states[][4] = {
        {1, 2, 3, 4},
        {0x0123456789ABCDEF, 0xFEDCBA9876543210, 0x0F1E2D3C4B5A6978, 0x8796A5B4C3D2E1F0},
        {0, 0, 0, 1},
    };
    const int nstates = sizeof states / sizeof *states;
    printf(" \"xoshiroFromState\": [\n");
    for (int i = 0; i < nstates; i++) {
        uint64_t s[4];
        printf("  {");
        for (int k = 0; k < 4; k++) s[k] = states[i][k];
        print_state_and_outputs(s, 16);
        printf(",\n   \"afterJump\": {");
        for (int k = 0; k < 4; k++) s[k] = states[i][k];
        xoshiro_jump(s);
        print_state_and_outputs(s, 8);
        printf("},\n   \"afterTwoJumps\": {");
        for (int k = 0; k < 4; k++) s[k] = states[i][k];
        xoshiro_jump(s);
        xoshiro_jump(s);
        print_state_and_outputs(s, 8);
        printf("},\n   \"afterLongJump\": {");
        for (int k = 0; k < 4; k++) s[k] = states[i][k];
        xoshiro_long_jump(s);
        print_state_and_outputs(s, 8);
        printf("}}%s\n", i + 1 < nstates ? "," : "");
    }
    printf(" ],\n");

    /* xoshiro256** seeded as Vigna recommends: state = 4 consecutive SplitMix64 outputs of the seed. */
    printf(" \"xoshiroFromSeed\": [\n");
    for (int i = 0; i < nseeds; i++) {
        uint64_t x = seeds[i], s[4];
        for (int k = 0; k < 4; k++) s[k] = splitmix64_next(&x);
        printf("  {\"seed\": \"0x%016" PRIX64 "\", ", seeds[i]);
        print_state_and_outputs(s, 8);
        printf("}%s\n", i + 1 < nseeds ? "," : "");
    }
    printf(" ],\n");

    /* Keyed split: state and first 4 outputs for (seed, stream) pairs. */
    const uint64_t keys[][2] = {{0, 0}, {0, 1}, {1, 0}, {42, 0x102}, {42, 0x103}, {0xFFFFFFFFFFFFFFFF, 0xFFFFFFFFFFFFFFFF}};
    const int nkeys = sizeof keys / sizeof *keys;
    printf(" \"keyedStreams\": [\n");
    for (int i = 0; i < nkeys; i++) {
        uint64_t s[4];
        keyed_state(keys[i][0], keys[i][1], s);
        printf("  {\"seed\": \"0x%016" PRIX64 "\", \"stream\": \"0x%016" PRIX64 "\", ", keys[i][0], keys[i][1]);
        print_state_and_outputs(s, 4);
        printf("}%s\n", i + 1 < nkeys ? "," : "");
    }
    printf(" ]\n}\n");
    return 0;
}
