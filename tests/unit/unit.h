/*
 * unit.h - the few helpers every C test of the engine shares: CHECK macros
 * that count failures instead of aborting (so one run reports every broken
 * expectation), status names for readable messages, a table consistency
 * check, and a small seeded random generator so failures replay exactly.
 */
#ifndef SHMT_UNIT_H
#define SHMT_UNIT_H

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "shmt.h"
#include "shmt_test.h"

static int unit_failures;
static int unit_checks;

static inline const char *unit_status_name(shmt_status st)
{
	switch (st) {
	case SHMT_OK: return "SHMT_OK";
	case SHMT_NOT_FOUND: return "SHMT_NOT_FOUND";
	case SHMT_EXISTS: return "SHMT_EXISTS";
	case SHMT_MISMATCH: return "SHMT_MISMATCH";
	case SHMT_FULL: return "SHMT_FULL";
	case SHMT_OVERFLOW: return "SHMT_OVERFLOW";
	case SHMT_E_INVALID: return "SHMT_E_INVALID";
	case SHMT_E_NOMEM: return "SHMT_E_NOMEM";
	case SHMT_E_CORRUPT: return "SHMT_E_CORRUPT";
	case SHMT_E_BUFFER: return "SHMT_E_BUFFER";
	case SHMT_E_NOENT: return "SHMT_E_NOENT";
	case SHMT_E_DEFINITION: return "SHMT_E_DEFINITION";
	case SHMT_E_SYSTEM: return "SHMT_E_SYSTEM";
	case SHMT_E_NAMESPACE: return "SHMT_E_NAMESPACE";
	case SHMT_E_RESERVE: return "SHMT_E_RESERVE";
	case SHMT_E_ACCESS: return "SHMT_E_ACCESS";
	}
	return "(unknown status)";
}

/* Stop printing after this many failures: one bug tends to repeat. */
#define UNIT_MAX_REPORTS 50

#define UNIT_FAIL(...)                                                     \
	do {                                                                   \
		unit_failures++;                                                   \
		if (unit_failures <= UNIT_MAX_REPORTS) {                           \
			fprintf(stderr, "%s:%d: ", __FILE__, __LINE__);                \
			fprintf(stderr, __VA_ARGS__);                                  \
			fputc('\n', stderr);                                           \
		}                                                                  \
	} while (0)

#define CHECK(cond)                                                        \
	do {                                                                   \
		unit_checks++;                                                     \
		if (!(cond)) {                                                     \
			UNIT_FAIL("CHECK failed: %s", #cond);                          \
		}                                                                  \
	} while (0)

#define CHECK_ST(expr, want)                                               \
	do {                                                                   \
		shmt_status unit_got_ = (expr);                                    \
		shmt_status unit_want_ = (want);                                   \
		unit_checks++;                                                     \
		if (unit_got_ != unit_want_) {                                     \
			UNIT_FAIL("%s returned %s, expected %s", #expr,                \
			          unit_status_name(unit_got_),                         \
			          unit_status_name(unit_want_));                       \
		}                                                                  \
	} while (0)

#define CHECK_I64(got, want)                                               \
	do {                                                                   \
		int64_t unit_g_ = (got), unit_w_ = (want);                         \
		unit_checks++;                                                     \
		if (unit_g_ != unit_w_) {                                          \
			UNIT_FAIL("%s is %" PRId64 ", expected %" PRId64, #got,        \
			          unit_g_, unit_w_);                                   \
		}                                                                  \
	} while (0)

#define CHECK_U64(got, want)                                               \
	do {                                                                   \
		uint64_t unit_g_ = (got), unit_w_ = (want);                        \
		unit_checks++;                                                     \
		if (unit_g_ != unit_w_) {                                          \
			UNIT_FAIL("%s is %" PRIu64 ", expected %" PRIu64, #got,        \
			          unit_g_, unit_w_);                                   \
		}                                                                  \
	} while (0)

/* shmt_check() with its message printed on failure. */
#define CHECK_TABLE(t)                                                     \
	do {                                                                   \
		char unit_msg_[512] = "";                                          \
		shmt_status unit_st_ = shmt_check((t), unit_msg_, sizeof unit_msg_); \
		unit_checks++;                                                     \
		if (unit_st_ != SHMT_OK) {                                         \
			UNIT_FAIL("shmt_check: %s: %s", unit_status_name(unit_st_),    \
			          unit_msg_);                                          \
		}                                                                  \
	} while (0)

/* Bitwise comparison of doubles: -0.0 != 0.0, a NaN equals itself. */
static inline uint64_t unit_fbits(double d)
{
	uint64_t u;
	memcpy(&u, &d, sizeof u);
	return u;
}

static inline double unit_bitsf(uint64_t u)
{
	double d;
	memcpy(&d, &u, sizeof d);
	return d;
}

/* xoshiro256** seeded through splitmix64: fast, and the same sequence on
 * every platform, so a seed printed by a failing run replays it. */
typedef struct {
	uint64_t s[4];
} unit_rng;

static inline uint64_t unit_splitmix64(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static inline void unit_rng_seed(unit_rng *r, uint64_t seed)
{
	for (int i = 0; i < 4; i++) {
		r->s[i] = unit_splitmix64(&seed);
	}
}

static inline uint64_t unit_rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

static inline uint64_t unit_rand64(unit_rng *r)
{
	uint64_t *s = r->s;
	uint64_t result = unit_rotl(s[1] * 5, 7) * 9;
	uint64_t t = s[1] << 17;
	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = unit_rotl(s[3], 45);
	return result;
}

/* Uniform in [0, n); n > 0. */
static inline uint64_t unit_below(unit_rng *r, uint64_t n)
{
	return unit_rand64(r) % n;
}

/* True with probability num/den. */
static inline int unit_chance(unit_rng *r, uint64_t num, uint64_t den)
{
	return unit_below(r, den) < num;
}

static inline double unit_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* SHMTABLE_TIMING_TESTS=1: also check how long things take. Off by default,
 * so a loaded machine cannot fail a test on speed; CI turns it on. */
static inline int unit_timing(void)
{
	const char *v = getenv("SHMTABLE_TIMING_TESTS");
	return v != NULL && strcmp(v, "1") == 0;
}

/* A column definition in one call. */
static inline shmt_coldef unit_col(const char *name, shmt_type type,
                                   uint32_t size)
{
	shmt_coldef c;
	memset(&c, 0, sizeof c);
	size_t n = strlen(name);
	if (n > SHMT_MAX_COL_NAME) {
		n = SHMT_MAX_COL_NAME;
	}
	memcpy(c.name, name, n);
	c.name[n] = '\0';
	c.name_len = (uint32_t)n;
	c.type = (uint32_t)type;
	c.size = size;
	return c;
}

static inline shmt_value unit_vi(uint32_t col, int64_t i)
{
	shmt_value v;
	memset(&v, 0, sizeof v);
	v.col = col;
	v.v.i = i;
	return v;
}

static inline shmt_value unit_vf(uint32_t col, double f)
{
	shmt_value v;
	memset(&v, 0, sizeof v);
	v.col = col;
	v.v.f = f;
	return v;
}

static inline shmt_value unit_vs(uint32_t col, const char *p, uint32_t len)
{
	shmt_value v;
	memset(&v, 0, sizeof v);
	v.col = col;
	v.v.s.ptr = p;
	v.v.s.len = len;
	return v;
}

/* Prints the summary line and gives the exit status of a test program. */
static inline int unit_finish(const char *name)
{
	if (unit_failures) {
		fprintf(stderr, "%s: %d of %d checks failed\n", name,
		        unit_failures, unit_checks);
		return 1;
	}
	printf("%s: all %d checks passed\n", name, unit_checks);
	return 0;
}

#endif /* SHMT_UNIT_H */
