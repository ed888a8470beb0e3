/*
 * shmt_hash.c - SipHash (Aumasson and Bernstein, "SipHash: a fast
 * short-input PRF", 2012), written from the paper's description: state
 * v0..v3 initialised from the key and the constants "somepseudorandomlygeneratedbytes",
 * message in little-endian 64-bit words, the last word carrying the length
 * in its top byte, c SipRounds per word, 0xff xored into v2, d final rounds.
 */
#include "shmt_hash.h"

#include <string.h>

static inline uint64_t rotl64(uint64_t x, int b)
{
	return (x << b) | (x >> (64 - b));
}

static inline uint64_t load_le64(const unsigned char *p)
{
	return (uint64_t)p[0] | ((uint64_t)p[1] << 8) | ((uint64_t)p[2] << 16) |
	       ((uint64_t)p[3] << 24) | ((uint64_t)p[4] << 32) |
	       ((uint64_t)p[5] << 40) | ((uint64_t)p[6] << 48) |
	       ((uint64_t)p[7] << 56);
}

#define SIPROUND                                                   \
	do {                                                           \
		v0 += v1; v1 = rotl64(v1, 13); v1 ^= v0; v0 = rotl64(v0, 32); \
		v2 += v3; v3 = rotl64(v3, 16); v3 ^= v2;                   \
		v0 += v3; v3 = rotl64(v3, 21); v3 ^= v0;                   \
		v2 += v1; v1 = rotl64(v1, 17); v1 ^= v2; v2 = rotl64(v2, 32); \
	} while (0)

static inline __attribute__((always_inline)) uint64_t siphash_impl(const uint8_t k[16], const void *data,
                                    size_t len, int c, int d)
{
	const unsigned char *in = data;
	uint64_t k0 = load_le64(k), k1 = load_le64(k + 8);
	uint64_t v0 = 0x736f6d6570736575ULL ^ k0;
	uint64_t v1 = 0x646f72616e646f6dULL ^ k1;
	uint64_t v2 = 0x6c7967656e657261ULL ^ k0;
	uint64_t v3 = 0x7465646279746573ULL ^ k1;
	/* Index arithmetic, not pointer arithmetic: data may be NULL when
	 * len is 0, and NULL + 0 is undefined in C. */
	size_t whole = len & ~(size_t)7;

	for (size_t i = 0; i < whole; i += 8) {
		uint64_t m = load_le64(in + i);
		v3 ^= m;
		for (int r = 0; r < c; r++) {
			SIPROUND;
		}
		v0 ^= m;
	}

	uint64_t b = (uint64_t)len << 56;
	if ((len & 7) != 0) {
		in += whole;
	}
	switch (len & 7) {
	case 7: b |= (uint64_t)in[6] << 48; /* fall through */
	case 6: b |= (uint64_t)in[5] << 40; /* fall through */
	case 5: b |= (uint64_t)in[4] << 32; /* fall through */
	case 4: b |= (uint64_t)in[3] << 24; /* fall through */
	case 3: b |= (uint64_t)in[2] << 16; /* fall through */
	case 2: b |= (uint64_t)in[1] << 8;  /* fall through */
	case 1: b |= (uint64_t)in[0]; break;
	default: break;
	}
	v3 ^= b;
	for (int i = 0; i < c; i++) {
		SIPROUND;
	}
	v0 ^= b;
	v2 ^= 0xff;
	for (int i = 0; i < d; i++) {
		SIPROUND;
	}
	return v0 ^ v1 ^ v2 ^ v3;
}

uint64_t shmt_siphash(const uint8_t k[16], const void *data, size_t len,
                      int c, int d)
{
	return siphash_impl(k, data, len, c, d);
}

uint64_t shmt_siphash13(const uint8_t k[16], const void *data, size_t len)
{
	return siphash_impl(k, data, len, 1, 3);
}

uint64_t shmt_siphash24(const uint8_t k[16], const void *data, size_t len)
{
	return siphash_impl(k, data, len, 2, 4);
}

/* ---------------------------------------------------------------------- */
/* The table hash: keyed folded multiplication for keys of 1..16 bytes,     */
/* SipHash-1-3 for longer ones (see docs/ARCHITECTURE.md, "Hashing").       */

static inline uint32_t load_le32(const unsigned char *p)
{
	return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) |
	       ((uint32_t)p[3] << 24);
}

/* The 128-bit product of a and b, its two halves xored. */
static inline uint64_t fold_mul(uint64_t a, uint64_t b)
{
#if defined(__SIZEOF_INT128__)
	__extension__ typedef unsigned __int128 u128;
	u128 p = (u128)a * b;
	return (uint64_t)p ^ (uint64_t)(p >> 64);
#else
	/* Schoolbook on 32-bit halves: the same 128-bit product. */
	uint64_t al = (uint32_t)a, ah = a >> 32, bl = (uint32_t)b, bh = b >> 32;
	uint64_t ll = al * bl, lh = al * bh, hl = ah * bl, hh = ah * bh;
	uint64_t mid = (ll >> 32) + (uint32_t)lh + (uint32_t)hl;
	uint64_t lo = (mid << 32) | (uint32_t)ll;
	uint64_t hi = hh + (lh >> 32) + (hl >> 32) + (mid >> 32);
	return lo ^ hi;
#endif
}

uint64_t shmt_keyhash(const uint8_t k[16], const void *data, size_t len)
{
	if (len > 16 || len == 0) {
		return siphash_impl(k, data, len, 1, 3);
	}
	const unsigned char *in = data;
	uint64_t a, b;
	/* (a, b) with len determines the key: the first and the last 8 (or
	 * 4) bytes, overlapping; 1..3 bytes: the first, middle and last. */
	if (len >= 8) {
		a = load_le64(in);
		b = load_le64(in + len - 8);
	} else if (len >= 4) {
		a = load_le32(in);
		b = load_le32(in + len - 4);
	} else {
		a = (uint64_t)in[0] | ((uint64_t)in[len >> 1] << 8) | ((uint64_t)in[len - 1] << 16);
		b = 0;
	}
	uint64_t k0 = load_le64(k), k1 = load_le64(k + 8);
	uint64_t x = fold_mul(a ^ k0, b ^ k1);
	return fold_mul(x ^ k1 ^ 0x9e3779b97f4a7c15ULL, ((uint64_t)len << 56) ^ k0 ^ 0xd6e8feb86659fd93ULL);
}
