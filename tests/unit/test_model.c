/*
 * test_model.c - the engine against a plain in-process reference model.
 *
 * For each of several table shapes (1 row to 1000 rows, 1-byte to
 * 1024-byte keys, strings of 1 to 5000 bytes) a random sequence of
 * operations runs on the engine and on a model (an array of rows indexed by
 * a small pool of keys, so that keys collide, come back after deletion and
 * fill the table). Every result is compared: status, row images, increment
 * results, counts, statistics, and full iterations; shmt_check() runs
 * regularly. Phases alternate between filling and draining so that both
 * full and sparse tables are visited.
 *
 * Time is the engine's test clock (shmt_test_boottime_ns), which stands
 * still until an operation moves it on: rows written with a ttl expire at
 * an instant the model knows to the nanosecond, so get, exists, ttl,
 * iteration and every write see exactly the rows the model says are there.
 * Which expired rows the engine has reclaimed is not the model's business,
 * but how many is: count() = live rows + expired rows not reclaimed yet,
 * where that last number is every row that ever expired minus
 * stats.expired, and flush_expired() reclaims exactly those (or max). On
 * an EVICT_LRU table an insert into a full table evicts: any victim will
 * do, but exactly one row the model holds must be gone, the table must
 * hold `size` rows and stats.evicted must count it.
 *
 * Usage: test_model [SEED]     (default: a seed from the clock, printed)
 *   SHMT_MODEL_OPS=N           total operations (default 2000000)
 *   SHMT_MODEL_VERBOSE=1       print how often each operation met each outcome
 * On a divergence the program prints the seed, the table shape, the
 * operation number and the last operations, and exits 1; running it again
 * with the same seed and SHMT_MODEL_OPS replays the same sequence. Table
 * hash seeds are drawn from the same seed (the engine's random source is
 * wrapped at link time), so bucket layouts replay too.
 */
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>

#include "unit.h"

/* ---- deterministic table seeds ----
 * The Makefile links this program with -Wl,--wrap=shmt_random_bytes, so the
 * engine's calls for a table seed land here and replay with the test seed. */
int __real_shmt_random_bytes(void *buf, size_t len);
int __wrap_shmt_random_bytes(void *buf, size_t len);

static unit_rng seed_rng;
static int seed_rng_ready;
static int seed_calls;

int __wrap_shmt_random_bytes(void *buf, size_t len)
{
	if (!seed_rng_ready) {
		return __real_shmt_random_bytes(buf, len);
	}
	seed_calls++;
	unsigned char *p = buf;
	for (size_t i = 0; i < len; i++) {
		p[i] = (unsigned char)unit_rand64(&seed_rng);
	}
	return 0;
}

/* ---- fuzzing ----
 * Built with -DSHMT_FUZZ (make fuzz), this file is a libFuzzer target: the
 * fuzzer's bytes replace the random generator while operations run, so the
 * fuzzer steers the same model comparison. The key pool and table seeds
 * still come from a fixed seed. */
#ifdef SHMT_FUZZ
static const uint8_t *fz_p;
static size_t fz_n;
static int fz_active;

static uint64_t fz_bytes(unit_rng *r, int nbytes)
{
	if (!fz_active) {
		return unit_rand64(r);
	}
	uint64_t v = 0;
	for (int i = 0; i < nbytes; i++) {
		v = (v << 8) | (fz_n ? (fz_n--, *fz_p++) : 0);
	}
	return v;
}

static uint64_t fz_below(unit_rng *r, uint64_t n)
{
	int nbytes = n <= 0x100 ? 1 : n <= 0x10000 ? 2 : n <= 0x100000000ULL ? 4 : 8;
	return fz_bytes(r, nbytes) % n;
}

#define unit_rand64(r) fz_bytes((r), 8)
#define unit_below(r, n) fz_below((r), (n))
#define unit_chance(r, num, den) (fz_below((r), (den)) < (num))
#endif

/* ---- configuration ---- */

#define MAX_COLS 12
#define TOOLONG_SLOT (2 * MAX_COLS)

typedef struct {
	const char *name;
	uint32_t size;
	uint32_t key_max;
	uint32_t pool;   /* distinct keys used */
	uint32_t weight; /* share of the operations */
	uint32_t ncols;
	shmt_coldef cols[MAX_COLS];
	uint32_t evict; /* SHMT_EVICT_* */
} config;

static config configs[12];
static uint32_t nconfigs;

static void add_config(const char *name, uint32_t size, uint32_t key_max, uint32_t pool,
                       uint32_t weight, const char *spec)
{
	/* spec: comma-separated i / f / s<size>, named c0, c1, ... */
	config *c = &configs[nconfigs++];
	memset(c, 0, sizeof *c);
	c->name = name;
	c->size = size;
	c->key_max = key_max;
	c->pool = pool;
	c->weight = weight;
	const char *p = spec;
	while (*p) {
		char cname[16];
		snprintf(cname, sizeof cname, "c%u", c->ncols);
		if (*p == 'i') {
			c->cols[c->ncols] = unit_col(cname, SHMT_TYPE_INT, 0);
			p++;
		} else if (*p == 'f') {
			c->cols[c->ncols] = unit_col(cname, SHMT_TYPE_FLOAT, 0);
			p++;
		} else {
			char *end;
			unsigned long sz = strtoul(p + 1, &end, 10);
			c->cols[c->ncols] = unit_col(cname, SHMT_TYPE_STRING, (uint32_t)sz);
			p = end;
		}
		c->ncols++;
		if (*p == ',') {
			p++;
		}
	}
}

static void setup_configs(void)
{
	add_config("1 row", 1, 8, 4, 10, "i,f,s16");
	add_config("2 rows", 2, 63, 6, 10, "i,f,s64");
	add_config("7 rows, 1-byte keys", 7, 1, 12, 10, "i,s3");
	add_config("3 rows, no int column", 3, 16, 6, 8, "s1,f");
	add_config("5 rows, 12 columns", 5, 32, 9, 10, "i,f,s1,i,f,s255,i,s256,f,s65535,i,f");
	add_config("64 rows", 64, 63, 100, 20, "i,f,s64,i");
	add_config("64 rows, 1024-byte keys", 64, 1024, 96, 10, "s5000,i");
	add_config("1000 rows", 1000, 200, 1500, 22, "i,f,s300,s1");
	add_config("1 row, LRU", 1, 8, 4, 6, "i,f,s8");
	configs[nconfigs - 1].evict = SHMT_EVICT_LRU;
	add_config("6 rows, LRU", 6, 16, 14, 8, "i,f,s16");
	configs[nconfigs - 1].evict = SHMT_EVICT_LRU;
	add_config("200 rows, LRU", 200, 40, 600, 10, "i,s40,f");
	configs[nconfigs - 1].evict = SHMT_EVICT_LRU;
}

/* ---- the model ---- */

typedef struct {
	char *key;
	uint32_t klen;
	bool present;          /* stored and not expired */
	uint64_t exp;          /* expiry on the test clock (0: never) */
	int64_t num[MAX_COLS]; /* int value, or the bits of a float */
	char *str[MAX_COLS];
	uint32_t slen[MAX_COLS];
} mrow;

typedef struct {
	const config *cfg;
	shmt_table *t;
	unit_rng rng;
	mrow *rows;
	uint32_t npool;
	uint64_t count;
	uint64_t inserts, deletes;
	/* pool lookup: open addressing on a simple hash of the key */
	int32_t *slots;
	uint32_t nslots;
	/* scratch strings: slots [0, MAX_COLS) and [MAX_COLS, 2 MAX_COLS) for
	 * two value lists of one operation, TOOLONG_SLOT for a string one byte
	 * longer than its column */
	char *sbuf[2 * MAX_COLS + 1];
	uint32_t max_str;
	void *img;
	unsigned char *iterbuf;
	size_t itercap;
	char *badkey;
	uint32_t *seen;
	/* identification */
	uint64_t seed;
	uint64_t opno;       /* within this config */
	uint64_t global_op;  /* across configs */
	uint64_t total_ops;
	int drain;           /* phase: 1 = deleting more than inserting */
	/* time */
	uint64_t now;        /* the test clock (shmt_test_boottime_ns) */
	uint64_t expired_total; /* rows that expired while present, ever */
	uint64_t evicted;    /* rows evicted (EVICT_LRU) */
} ctx;

/* ---- divergence reporting ---- */

#define TRACE 20
static char trace_text[TRACE][200];
static uint64_t trace_no[TRACE];
static uint64_t trace_n;

static void trace(ctx *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void trace(ctx *c, const char *fmt, ...)
{
	uint64_t i = trace_n++ % TRACE;
	trace_no[i] = c->opno;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(trace_text[i], sizeof trace_text[i], fmt, ap);
	va_end(ap);
}

static void diverge(ctx *c, const char *fmt, ...) __attribute__((format(printf, 2, 3), noreturn));
static void diverge(ctx *c, const char *fmt, ...)
{
	/* The last operations first, the verdict last: a log shown by its
	 * tail keeps what matters. */
	va_list ap;
	fprintf(stderr, "last operations (table \"%s\"):\n", c->cfg->name);
	uint64_t first = trace_n > TRACE ? trace_n - TRACE : 0;
	for (uint64_t k = first; k < trace_n; k++) {
		fprintf(stderr, "  #%" PRIu64 " %s\n", trace_no[k % TRACE], trace_text[k % TRACE]);
	}
	fprintf(stderr, "DIVERGENCE in table \"%s\" (size %u, key_max %u) at operation %" PRIu64
	        " of this table, %" PRIu64 " overall:\n  ",
	        c->cfg->name, c->cfg->size, c->cfg->key_max, c->opno, c->global_op);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n  (model: %" PRIu64 " rows; engine count after the call: %" PRIu64 ")\n",
	        c->count, shmt_count(c->t));
#ifdef SHMT_FUZZ
	abort();
#else
	fprintf(stderr, "replay: SHMT_MODEL_OPS=%" PRIu64 " build/test_model %" PRIu64 "\n",
	        c->total_ops, c->seed);
	exit(1);
#endif
}

/* ---- pool of keys ---- */

static uint64_t key_hash(const char *k, uint32_t len)
{
	uint64_t h = 1469598103934665603ULL;
	for (uint32_t i = 0; i < len; i++) {
		h = (h ^ (unsigned char)k[i]) * 1099511628211ULL;
	}
	return h ^ (h >> 29);
}

static int32_t pool_find(const ctx *c, const char *k, uint32_t len)
{
	uint32_t i = (uint32_t)(key_hash(k, len) % c->nslots);
	for (;;) {
		int32_t s = c->slots[i];
		if (s < 0) {
			return -1;
		}
		if (c->rows[s].klen == len && memcmp(c->rows[s].key, k, len) == 0) {
			return s;
		}
		i = (i + 1) % c->nslots;
	}
}

static void pool_insert(ctx *c, int32_t idx)
{
	uint32_t i = (uint32_t)(key_hash(c->rows[idx].key, c->rows[idx].klen) % c->nslots);
	while (c->slots[i] >= 0) {
		i = (i + 1) % c->nslots;
	}
	c->slots[i] = idx;
}

static void build_pool(ctx *c)
{
	const config *cfg = c->cfg;
	uint32_t km = cfg->key_max;
	uint32_t n = cfg->pool;
	if (km == 1 && n > 256) {
		n = 256;
	}
	c->npool = n;
	c->rows = calloc(n, sizeof *c->rows);
	c->nslots = n * 4 + 7;
	c->slots = malloc(c->nslots * sizeof *c->slots);
	for (uint32_t i = 0; i < c->nslots; i++) {
		c->slots[i] = -1;
	}
	char *k = malloc(km);
	for (uint32_t i = 0; i < n; i++) {
		uint32_t len;
		for (;;) {
			uint64_t r = unit_below(&c->rng, 8);
			if (r < 2) {
				len = km;
			} else if (r < 4) {
				len = 1 + (uint32_t)unit_below(&c->rng, km < 4 ? km : 4);
			} else {
				len = 1 + (uint32_t)unit_below(&c->rng, km);
			}
			int printable = unit_chance(&c->rng, 1, 2);
			for (uint32_t j = 0; j < len; j++) {
				uint64_t b = unit_rand64(&c->rng);
				k[j] = printable ? (char)('a' + b % 26) : (char)b;
			}
			if (pool_find(c, k, len) < 0) {
				break;
			}
		}
		mrow *m = &c->rows[i];
		m->key = malloc(len);
		memcpy(m->key, k, len);
		m->klen = len;
		for (uint32_t col = 0; col < cfg->ncols; col++) {
			if (cfg->cols[col].type == SHMT_TYPE_STRING) {
				m->str[col] = malloc(cfg->cols[col].size);
			}
		}
		pool_insert(c, (int32_t)i);
	}
	free(k);
}

/* ---- values ---- */

static int64_t gen_int(unit_rng *r)
{
	switch (unit_below(r, 10)) {
	case 0: case 1: case 2: case 3:
		return (int64_t)unit_below(r, 7) - 3;
	case 4:
		return INT64_MAX - (int64_t)unit_below(r, 3);
	case 5:
		return INT64_MIN + (int64_t)unit_below(r, 3);
	case 6: case 7:
		return (int64_t)unit_rand64(r);
	default:
		return (int64_t)unit_below(r, 2000001) - 1000000;
	}
}

static double gen_float(unit_rng *r)
{
	switch (unit_below(r, 12)) {
	case 0: return 0.0;
	case 1: return -0.0;
	case 2: return NAN;
	case 3: return unit_chance(r, 1, 2) ? INFINITY : -INFINITY;
	case 4: case 5: /* any bit pattern: NaN payloads, subnormals, ... */
		return unit_bitsf(unit_rand64(r));
	case 6: return unit_chance(r, 1, 2) ? 1.7976931348623157e308 : 5e-324;
	default:
		return ((double)unit_below(r, 33) - 16.0) * 0.25;
	}
}

static double gen_float_by(unit_rng *r)
{
	switch (unit_below(r, 20)) {
	case 0: return NAN;
	case 1: return INFINITY;
	case 2: return -0.0;
	case 3: return 1e300;
	case 4: return unit_bitsf(unit_rand64(r));
	case 5: return 0.1;
	default:
		return ((double)unit_below(r, 33) - 16.0) * 0.25;
	}
}

static int64_t gen_int_by(unit_rng *r)
{
	switch (unit_below(r, 10)) {
	case 0: return INT64_MAX;
	case 1: return INT64_MIN;
	case 2: return (int64_t)unit_rand64(r);
	case 3: return INT64_MAX / 2 + 1;
	default: return (int64_t)unit_below(r, 7) - 3;
	}
}

static uint32_t gen_len(unit_rng *r, uint32_t size)
{
	switch (unit_below(r, 8)) {
	case 0: return 0;
	case 1: return size;
	case 2: return 1 <= size ? 1 : 0;
	default: return (uint32_t)unit_below(r, (uint64_t)size + 1);
	}
}

static void gen_value(ctx *c, uint32_t col, shmt_value *v, uint32_t slot)
{
	const shmt_coldef *d = &c->cfg->cols[col];
	memset(v, 0, sizeof *v);
	v->col = col;
	switch (d->type) {
	case SHMT_TYPE_INT:
		v->v.i = gen_int(&c->rng);
		break;
	case SHMT_TYPE_FLOAT:
		v->v.f = gen_float(&c->rng);
		break;
	default: {
		uint32_t len = gen_len(&c->rng, d->size);
		char *b = c->sbuf[slot];
		int mode = (int)unit_below(&c->rng, 3);
		for (uint32_t i = 0; i < len; i++) {
			b[i] = mode == 0 ? 0 : mode == 1 ? (char)('A' + i % 26) : (char)unit_rand64(&c->rng);
		}
		v->v.s.ptr = b;
		v->v.s.len = len;
		break;
	}
	}
}

/* A random set of distinct columns with random values; with small
 * probability one invalid entry (no such column, or a string one byte too
 * long). Returns the number of values; *invalid tells. */
static uint32_t gen_vals(ctx *c, shmt_value *vals, bool allow_invalid, bool *invalid,
                         uint32_t slot_base)
{
	const config *cfg = c->cfg;
	uint32_t order[MAX_COLS];
	for (uint32_t i = 0; i < cfg->ncols; i++) {
		order[i] = i;
	}
	for (uint32_t i = cfg->ncols; i > 1; i--) {
		uint32_t j = (uint32_t)unit_below(&c->rng, i);
		uint32_t tmp = order[i - 1];
		order[i - 1] = order[j];
		order[j] = tmp;
	}
	uint32_t n = (uint32_t)unit_below(&c->rng, cfg->ncols + 1);
	if (unit_chance(&c->rng, 1, 3)) {
		n = cfg->ncols;
	}
	for (uint32_t i = 0; i < n; i++) {
		gen_value(c, order[i], &vals[i], slot_base + i);
	}
	*invalid = false;
	if (allow_invalid && unit_chance(&c->rng, 1, 40)) {
		*invalid = true;
		/* a too-long string, if there is a string column */
		uint32_t sc = MAX_COLS;
		for (uint32_t i = 0; i < cfg->ncols; i++) {
			if (cfg->cols[order[i]].type == SHMT_TYPE_STRING) {
				sc = order[i];
				break;
			}
		}
		if (sc != MAX_COLS && unit_chance(&c->rng, 1, 2)) {
			uint32_t at = n;
			for (uint32_t i = 0; i < n; i++) {
				if (vals[i].col == sc) {
					at = i;
				}
			}
			uint32_t sz = cfg->cols[sc].size;
			char *b = c->sbuf[TOOLONG_SLOT];
			memset(b, 'x', (size_t)sz + 1);
			memset(&vals[at], 0, sizeof vals[at]);
			vals[at].col = sc;
			vals[at].v.s.ptr = b;
			vals[at].v.s.len = sz + 1;
			if (at == n) {
				n++;
			}
		} else {
			/* no such column, at a random place in the list */
			uint32_t at = (uint32_t)unit_below(&c->rng, n + 1);
			if (at < n) {
				vals[n] = vals[at];
			}
			memset(&vals[at], 0, sizeof vals[at]);
			vals[at].col = cfg->ncols + (uint32_t)unit_below(&c->rng, 3) *
			               (unit_chance(&c->rng, 1, 4) ? 0x10000000u : 1u);
			vals[at].v.i = 1;
			n++;
		}
	}
	return n;
}

static void model_zero(ctx *c, mrow *m)
{
	for (uint32_t col = 0; col < c->cfg->ncols; col++) {
		m->num[col] = 0;
		m->slen[col] = 0;
	}
}

static void model_apply(ctx *c, mrow *m, const shmt_value *vals, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++) {
		uint32_t col = vals[i].col;
		switch (c->cfg->cols[col].type) {
		case SHMT_TYPE_INT:
			m->num[col] = vals[i].v.i;
			break;
		case SHMT_TYPE_FLOAT:
			m->num[col] = (int64_t)unit_fbits(vals[i].v.f);
			break;
		default:
			memcpy(m->str[col], vals[i].v.s.ptr, vals[i].v.s.len);
			m->slen[col] = vals[i].v.s.len;
			break;
		}
	}
}

static bool model_match(ctx *c, const mrow *m, const shmt_value *vals, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++) {
		uint32_t col = vals[i].col;
		switch (c->cfg->cols[col].type) {
		case SHMT_TYPE_INT:
			if (m->num[col] != vals[i].v.i) {
				return false;
			}
			break;
		case SHMT_TYPE_FLOAT:
			if ((uint64_t)m->num[col] != unit_fbits(vals[i].v.f)) {
				return false;
			}
			break;
		default:
			if (m->slen[col] != vals[i].v.s.len ||
			    memcmp(m->str[col], vals[i].v.s.ptr, m->slen[col]) != 0) {
				return false;
			}
			break;
		}
	}
	return true;
}

/* Expected values: a copy of the row's current values for a random subset
 * of columns; with probability 1/2 (when there is at least one) one of them
 * is changed so that it no longer matches. *mutated tells. */
static uint32_t gen_expected(ctx *c, const mrow *m, shmt_value *e, bool *mutated)
{
	const config *cfg = c->cfg;
	uint32_t n = 0;
	for (uint32_t col = 0; col < cfg->ncols; col++) {
		if (!unit_chance(&c->rng, 1, 2)) {
			continue;
		}
		memset(&e[n], 0, sizeof e[n]);
		e[n].col = col;
		switch (cfg->cols[col].type) {
		case SHMT_TYPE_INT:
			e[n].v.i = m->num[col];
			break;
		case SHMT_TYPE_FLOAT:
			e[n].v.f = unit_bitsf((uint64_t)m->num[col]);
			break;
		default: {
			/* each expected string gets its own scratch slot */
			char *slot = c->sbuf[col];
			memcpy(slot, m->str[col], m->slen[col]);
			e[n].v.s.ptr = slot;
			e[n].v.s.len = m->slen[col];
			break;
		}
		}
		n++;
	}
	*mutated = false;
	if (n > 0 && unit_chance(&c->rng, 1, 2)) {
		shmt_value *x = &e[unit_below(&c->rng, n)];
		*mutated = true;
		switch (cfg->cols[x->col].type) {
		case SHMT_TYPE_INT:
			x->v.i = (int64_t)((uint64_t)x->v.i ^ (1ULL << unit_below(&c->rng, 64)));
			break;
		case SHMT_TYPE_FLOAT: {
			/* flipping the sign bit turns 0.0 into -0.0 and back */
			int bit = unit_chance(&c->rng, 1, 2) ? 63 : (int)unit_below(&c->rng, 64);
			x->v.f = unit_bitsf(unit_fbits(x->v.f) ^ (1ULL << bit));
			break;
		}
		default: {
			char *slot = (char *)x->v.s.ptr;
			uint32_t sz = cfg->cols[x->col].size;
			if (x->v.s.len > 0 && unit_chance(&c->rng, 1, 2)) {
				slot[unit_below(&c->rng, x->v.s.len)] ^= (char)(1 + unit_below(&c->rng, 255));
			} else if (x->v.s.len < sz) {
				slot[x->v.s.len] = (char)unit_rand64(&c->rng);
				x->v.s.len++;
			} else {
				x->v.s.len--;
			}
			break;
		}
		}
	}
	return n;
}

/* ---- comparing images ---- */

static void compare_img(ctx *c, const mrow *m, const void *img, const char *what)
{
	const config *cfg = c->cfg;
	uint32_t kl = 0;
	const char *k = shmt_img_key(c->t, img, &kl);
	if (kl != m->klen || memcmp(k, m->key, kl) != 0) {
		diverge(c, "%s: image key has length %u, model key length %u", what, kl, m->klen);
	}
	for (uint32_t col = 0; col < cfg->ncols; col++) {
		switch (cfg->cols[col].type) {
		case SHMT_TYPE_INT: {
			int64_t v = shmt_img_int(c->t, img, col);
			if (v != m->num[col]) {
				diverge(c, "%s: column %u is %" PRId64 ", model %" PRId64, what, col, v,
				        m->num[col]);
			}
			break;
		}
		case SHMT_TYPE_FLOAT: {
			uint64_t v = unit_fbits(shmt_img_float(c->t, img, col));
			if (v != (uint64_t)m->num[col]) {
				diverge(c, "%s: column %u has bits %016" PRIx64 ", model %016" PRIx64, what,
				        col, v, (uint64_t)m->num[col]);
			}
			break;
		}
		default: {
			uint32_t sl = 0;
			const char *s = shmt_img_str(c->t, img, col, &sl);
			if (sl != m->slen[col] || memcmp(s, m->str[col], sl) != 0) {
				diverge(c, "%s: string column %u has length %u, model %u (or bytes differ)",
				        what, col, sl, m->slen[col]);
			}
			break;
		}
		}
	}
}

/* ---- time, expiry and eviction ---- */

/* A ttl argument: mostly SHMT_TTL_KEEP, else 0 (never) or nanoseconds
 * from a few to years; with `invalid` allowed, now and then one below
 * SHMT_TTL_KEEP (refused). */
static int64_t gen_ttl(ctx *c, bool invalid_ok)
{
	switch (unit_below(&c->rng, 40)) {
	case 0: case 1: case 2: case 3: case 4: case 5: case 6: case 7:
	case 8: case 9: case 10: case 11: case 12: case 13: case 14: case 15:
		return SHMT_TTL_KEEP;
	case 16: case 17: case 18: case 19:
		return 0;
	case 20: case 21: case 22: case 23: case 24:
		return 1 + (int64_t)unit_below(&c->rng, 1000);
	case 25: case 26: case 27: case 28: case 29:
		return 1000 + (int64_t)unit_below(&c->rng, 1000000);
	case 30: case 31: case 32: case 33:
		return 1000000 + (int64_t)unit_below(&c->rng, 1000000000);
	case 34: case 35:
		return 1000000000 + (int64_t)unit_below(&c->rng, 1000000000000ULL);
	case 36:
		return unit_chance(&c->rng, 1, 2) ? INT64_MAX : INT64_MAX / 2 + (int64_t)unit_below(&c->rng, 1000);
	case 37:
		return 1;
	default:
		if (invalid_ok) {
			return unit_chance(&c->rng, 1, 2) ? INT64_MIN : -2 - (int64_t)unit_below(&c->rng, 1000);
		}
		return SHMT_TTL_KEEP;
	}
}

/* The expiry a row written now with ttl gets (0: never). */
static uint64_t model_expiry(const ctx *c, int64_t ttl)
{
	return ttl > 0 ? c->now + (uint64_t)ttl : 0;
}

/* Expired rows the engine has not reclaimed yet: every row that expired
 * in the model, minus the engine's count of reclaimed ones. */
static uint64_t unreclaimed(ctx *c, const shmt_stats *s)
{
	if (s->expired > c->expired_total) {
		diverge(c, "stats: %" PRIu64 " expired rows reclaimed, only %" PRIu64 " ever expired",
		        s->expired, c->expired_total);
	}
	return c->expired_total - s->expired;
}

static void clock_set(ctx *c, uint64_t now)
{
	c->now = now;
	shmt_test_boottime_ns = (int64_t)now;
	for (uint32_t i = 0; i < c->npool; i++) {
		mrow *m = &c->rows[i];
		if (m->present && m->exp != 0 && m->exp <= now) {
			m->present = false;
			c->count--;
			c->expired_total++;
		}
	}
}

/* Move the clock on: by nothing, a little, a lot, or to one nanosecond
 * before or exactly at a row's expiry (the boundary). */
static void op_clock(ctx *c)
{
	uint64_t d;
	uint64_t r = unit_below(&c->rng, 20);
	if (r < 6) {
		uint32_t start = (uint32_t)unit_below(&c->rng, c->npool);
		d = 1 + unit_below(&c->rng, 1000);
		for (uint32_t k = 0; k < c->npool; k++) {
			mrow *m = &c->rows[(start + k) % c->npool];
			if (m->present && m->exp != 0 && m->exp - c->now < (1ULL << 40)) {
				d = m->exp - c->now - (unit_chance(&c->rng, 1, 2) ? 1 : 0);
				break;
			}
		}
	} else if (r < 7) {
		d = 0;
	} else if (r < 12) {
		d = 1 + unit_below(&c->rng, 1000);
	} else if (r < 16) {
		d = 1000 + unit_below(&c->rng, 1000000);
	} else if (r < 19) {
		d = 1000000 + unit_below(&c->rng, 1000000000);
	} else {
		d = 1000000000 + unit_below(&c->rng, 100000000000ULL);
	}
	trace(c, "clock +%" PRIu64 " ns", d);
	clock_set(c, c->now + d);
}

/* After an insert into a full EVICT_LRU table (the model held `size` live
 * rows, so none had expired unreclaimed): one row was evicted. Any victim
 * will do, but exactly one row of the model must be gone, the new key
 * present, the table at `size` rows and stats.evicted one up. The victim
 * leaves the model. */
static void evict_settle(ctx *c, uint32_t ki)
{
	shmt_stats s;
	shmt_get_stats(c->t, &s);
	if (s.evicted != c->evicted + 1) {
		diverge(c, "eviction: stats.evicted is %" PRIu64 ", model %" PRIu64, s.evicted,
		        c->evicted + 1);
	}
	if (s.rows != c->cfg->size || shmt_count(c->t) != c->cfg->size) {
		diverge(c, "eviction: the table holds %" PRIu64 " rows (count %" PRIu64 "), not its size %u",
		        s.rows, shmt_count(c->t), c->cfg->size);
	}
	mrow *m = &c->rows[ki];
	if (shmt_exists(c->t, m->key, m->klen) != SHMT_OK) {
		diverge(c, "eviction: the key inserted, key#%u, is not there", ki);
	}
	int64_t victim = -1;
	for (uint32_t i = 0; i < c->npool; i++) {
		if (i == ki || !c->rows[i].present) {
			continue;
		}
		shmt_status st = shmt_exists(c->t, c->rows[i].key, c->rows[i].klen);
		if (st == SHMT_NOT_FOUND) {
			if (victim >= 0) {
				diverge(c, "eviction: key#%" PRId64 " and key#%u both gone", victim, i);
			}
			victim = i;
		} else if (st != SHMT_OK) {
			diverge(c, "eviction: exists of key#%u: %s", i, unit_status_name(st));
		}
	}
	if (victim < 0) {
		diverge(c, "eviction: no row the model holds is gone");
	}
	trace(c, "  evicted key#%" PRId64, victim);
	c->rows[victim].present = false;
	c->count--;
	c->evicted++;
}

/* Before an insert: does the model expect it to evict (full EVICT_LRU
 * table) or to fail (full table without eviction)? */
static bool full_evicts(const ctx *c)
{
	return c->count >= c->cfg->size && c->cfg->evict == SHMT_EVICT_LRU;
}

static bool full_refuses(const ctx *c)
{
	return c->count >= c->cfg->size && c->cfg->evict != SHMT_EVICT_LRU;
}

/* ---- operations ---- */

enum {
	OP_SET, OP_ADD, OP_UPDATE, OP_GET, OP_GET_COL, OP_EXISTS, OP_DEL, OP_GETDEL, OP_CMPDEL,
	OP_INCR_INT, OP_DECR_INT, OP_INCR_FLOAT, OP_CMPSET, OP_COUNT, OP_BADKEY, OP_STATS,
	OP_EXPIRE, OP_TTL, OP_FLUSH, OP_CLOCK,
	OP_NKINDS
};
static const char *op_names[OP_NKINDS] = {
	"set", "add", "update", "get", "get_col", "exists", "del", "getdel", "cmpdel",
	"incr_int", "decr_int", "incr_float", "cmpset", "count", "badkey", "stats",
	"expire", "ttl", "flush", "clock"
};
/* weights in the filling phase and in the draining phase */
static const uint32_t w_fill[OP_NKINDS] = { 14, 6, 6, 12, 4, 6, 4, 2, 3, 8, 4, 6, 10, 2, 1, 1,
                                            3, 3, 1, 4 };
static const uint32_t w_drain[OP_NKINDS] = { 4, 2, 6, 8, 4, 4, 20, 8, 10, 2, 2, 2, 8, 2, 1, 1,
                                             3, 3, 1, 4 };

/* How often each operation met each outcome, for SHMT_MODEL_VERBOSE=1. */
static uint64_t outcomes[OP_NKINDS][SHMT_E_BUFFER + 1];
static int cur_op;

#define EXPECT(c, got, want, ...)                                                  \
	do {                                                                           \
		if ((unsigned)(got) <= SHMT_E_BUFFER) {                                    \
			outcomes[cur_op][(got)]++;                                             \
		}                                                                          \
		if ((got) != (want)) {                                                     \
			diverge((c), "%s returned %s, model says %s", __VA_ARGS__,             \
			        unit_status_name(got), unit_status_name(want));                \
		}                                                                          \
	} while (0)

static int pick_op(ctx *c)
{
	const uint32_t *w = c->drain ? w_drain : w_fill;
	uint32_t total = 0;
	for (int i = 0; i < OP_NKINDS; i++) {
		total += w[i];
	}
	uint32_t x = (uint32_t)unit_below(&c->rng, total);
	for (int i = 0; i < OP_NKINDS; i++) {
		if (x < w[i]) {
			return i;
		}
		x -= w[i];
	}
	return OP_GET;
}

static void op_write(ctx *c, int op, uint32_t ki)
{
	mrow *m = &c->rows[ki];
	shmt_value vals[MAX_COLS + 2];
	bool invalid;
	uint32_t n = gen_vals(c, vals, true, &invalid, 0);
	shmt_write_mode mode = op == OP_SET ? SHMT_UPSERT : op == OP_ADD ? SHMT_INSERT_ONLY
	                                                                  : SHMT_UPDATE_ONLY;
	int64_t ttl = gen_ttl(c, true);
	shmt_status want;
	bool will_insert = false, evicts = false;
	if (invalid || ttl < SHMT_TTL_KEEP) {
		want = SHMT_E_INVALID;
	} else if (m->present) {
		want = mode == SHMT_INSERT_ONLY ? SHMT_EXISTS : SHMT_OK;
	} else if (mode == SHMT_UPDATE_ONLY) {
		want = SHMT_NOT_FOUND;
	} else if (full_refuses(c)) {
		want = SHMT_FULL;
	} else {
		want = SHMT_OK;
		will_insert = true;
		evicts = full_evicts(c);
	}
	trace(c, "%s key#%u (len %u) nvals %u%s ttl %" PRId64 " -> expect %s%s", op_names[op], ki,
	      m->klen, n, invalid ? " (one invalid)" : "", ttl, unit_status_name(want),
	      evicts ? " (evicting)" : "");
	bool ins = !will_insert;
	shmt_status got = ttl == SHMT_TTL_KEEP && unit_chance(&c->rng, 1, 2)
	                      ? shmt_set(c->t, m->key, m->klen, vals, n, mode, &ins)
	                      : shmt_set_ttl(c->t, m->key, m->klen, vals, n, mode, ttl, &ins);
	EXPECT(c, got, want, op_names[op]);
	if (got == SHMT_OK) {
		if (ins != will_insert) {
			diverge(c, "%s: inserted flag is %d, model says %d", op_names[op], ins, will_insert);
		}
		if (evicts) {
			evict_settle(c, ki);
		}
		if (will_insert) {
			model_zero(c, m);
			m->present = true;
			m->exp = model_expiry(c, ttl);
			c->count++;
			c->inserts++;
		} else if (ttl != SHMT_TTL_KEEP) {
			m->exp = model_expiry(c, ttl);
		}
		model_apply(c, m, vals, n);
	}
}

static void op_expire(ctx *c, uint32_t ki)
{
	mrow *m = &c->rows[ki];
	int64_t ttl = gen_ttl(c, true);
	if (ttl == SHMT_TTL_KEEP && unit_chance(&c->rng, 3, 4)) {
		ttl = 1 + (int64_t)unit_below(&c->rng, 100000);
	}
	shmt_status want = ttl < 0 ? SHMT_E_INVALID : m->present ? SHMT_OK : SHMT_NOT_FOUND;
	trace(c, "expire key#%u ttl %" PRId64 " -> expect %s", ki, ttl, unit_status_name(want));
	shmt_status got = shmt_expire(c->t, m->key, m->klen, ttl);
	EXPECT(c, got, want, "expire");
	if (got == SHMT_OK) {
		m->exp = model_expiry(c, ttl);
	}
}

static void op_ttl(ctx *c, uint32_t ki)
{
	mrow *m = &c->rows[ki];
	trace(c, "ttl key#%u -> expect %s", ki, m->present ? "OK" : "NOT_FOUND");
	int64_t left = -5;
	shmt_status got = shmt_ttl(c->t, m->key, m->klen, &left);
	EXPECT(c, got, m->present ? SHMT_OK : SHMT_NOT_FOUND, "ttl");
	if (got == SHMT_OK) {
		uint64_t want = m->exp == 0 ? 0 : m->exp - c->now;
		if (want > (uint64_t)INT64_MAX) {
			want = (uint64_t)INT64_MAX;
		}
		if ((uint64_t)left != want || left < 0) {
			diverge(c, "ttl: %" PRId64 " ns left, model %" PRIu64, left, want);
		}
	}
}

/* Reclaim expired rows: all (max 0) or at most max; exactly the expired
 * rows not reclaimed yet, or max of them. */
static void op_flush(ctx *c)
{
	shmt_stats s;
	shmt_get_stats(c->t, &s);
	uint64_t pending = unreclaimed(c, &s);
	uint64_t max = unit_chance(&c->rng, 1, 2) ? 0 : 1 + unit_below(&c->rng, 5);
	uint64_t want = max != 0 && max < pending ? max : pending;
	trace(c, "flush_expired max %" PRIu64 " -> expect %" PRIu64, max, want);
	uint64_t n = 12345;
	shmt_status got = shmt_flush_expired(c->t, max, &n);
	EXPECT(c, got, SHMT_OK, "flush_expired");
	if (n != want) {
		diverge(c, "flush_expired reclaimed %" PRIu64 ", model %" PRIu64 " (max %" PRIu64 ")", n,
		        want, max);
	}
	shmt_get_stats(c->t, &s);
	if (unreclaimed(c, &s) != pending - want) {
		diverge(c, "flush_expired: stats.expired moved by %" PRIu64 ", reclaimed %" PRIu64,
		        pending - unreclaimed(c, &s), want);
	}
	if (s.rows != c->count + pending - want) {
		diverge(c, "flush_expired: %" PRIu64 " rows after, model %" PRIu64, s.rows,
		        c->count + pending - want);
	}
}

static void op_get(ctx *c, uint32_t ki)
{
	mrow *m = &c->rows[ki];
	trace(c, "get key#%u -> expect %s", ki, m->present ? "OK" : "NOT_FOUND");
	shmt_status got = shmt_get(c->t, m->key, m->klen, c->img);
	EXPECT(c, got, m->present ? SHMT_OK : SHMT_NOT_FOUND, "get");
	if (got == SHMT_OK) {
		compare_img(c, m, c->img, "get");
	}
}

/* One column; a column number past the end now and then. */
static void op_get_col(ctx *c, uint32_t ki)
{
	mrow *m = &c->rows[ki];
	const config *cfg = c->cfg;
	uint32_t col = (uint32_t)unit_below(&c->rng, cfg->ncols);
	if (unit_chance(&c->rng, 1, 30)) {
		col = cfg->ncols + (uint32_t)unit_below(&c->rng, 2);
	}
	shmt_status want = col >= cfg->ncols ? SHMT_E_INVALID
	                   : m->present      ? SHMT_OK
	                                     : SHMT_NOT_FOUND;
	trace(c, "get_col key#%u col %u -> expect %s", ki, col, unit_status_name(want));
	shmt_status got = shmt_get_col(c->t, m->key, m->klen, col, c->img);
	EXPECT(c, got, want, "get_col");
	if (got != SHMT_OK) {
		return;
	}
	switch (cfg->cols[col].type) {
	case SHMT_TYPE_INT: {
		int64_t v = shmt_img_int(c->t, c->img, col);
		if (v != m->num[col]) {
			diverge(c, "get_col: column %u is %" PRId64 ", model %" PRId64, col, v, m->num[col]);
		}
		break;
	}
	case SHMT_TYPE_FLOAT: {
		uint64_t v = unit_fbits(shmt_img_float(c->t, c->img, col));
		if (v != (uint64_t)m->num[col]) {
			diverge(c, "get_col: column %u has bits %016" PRIx64 ", model %016" PRIx64, col, v,
			        (uint64_t)m->num[col]);
		}
		break;
	}
	default: {
		uint32_t sl = 0;
		const char *sp = shmt_img_str(c->t, c->img, col, &sl);
		if (sl != m->slen[col] || memcmp(sp, m->str[col], sl) != 0) {
			diverge(c, "get_col: string column %u has length %u, model %u (or bytes differ)", col,
			        sl, m->slen[col]);
		}
		break;
	}
	}
}

static void op_exists(ctx *c, uint32_t ki)
{
	mrow *m = &c->rows[ki];
	trace(c, "exists key#%u -> expect %s", ki, m->present ? "OK" : "NOT_FOUND");
	shmt_status got = shmt_exists(c->t, m->key, m->klen);
	EXPECT(c, got, m->present ? SHMT_OK : SHMT_NOT_FOUND, "exists");
}

static void op_del(ctx *c, int op, uint32_t ki)
{
	mrow *m = &c->rows[ki];
	shmt_value e[MAX_COLS + 2];
	uint32_t ne = 0;
	bool mutated = false, invalid = false;
	bool with_expect = op == OP_CMPDEL || (op == OP_GETDEL && unit_chance(&c->rng, 1, 4));
	if (with_expect) {
		if (m->present) {
			ne = gen_expected(c, m, e, &mutated);
		} else {
			ne = gen_vals(c, e, false, &invalid, 0);
		}
		if (unit_chance(&c->rng, 1, 60)) {
			memset(&e[ne], 0, sizeof e[ne]);
			e[ne].col = c->cfg->ncols;
			ne++;
			invalid = true;
		}
	}
	shmt_status want;
	if (invalid) {
		want = SHMT_E_INVALID;
	} else if (!m->present) {
		want = SHMT_NOT_FOUND;
	} else if (with_expect && !model_match(c, m, e, ne)) {
		want = SHMT_MISMATCH;
	} else {
		want = SHMT_OK;
	}
	void *img = op == OP_GETDEL ? c->img : NULL;
	trace(c, "%s key#%u nexpected %u%s -> expect %s", op_names[op], ki, ne,
	      mutated ? " (one changed)" : "", unit_status_name(want));
	shmt_status got = shmt_del(c->t, m->key, m->klen, with_expect ? e : NULL, ne, img);
	EXPECT(c, got, want, op_names[op]);
	if (got == SHMT_OK) {
		if (img) {
			compare_img(c, m, img, "getdel image");
		}
		m->present = false;
		c->count--;
		c->deletes++;
	}
}

/* incr_int, or decr_int when decr is set. A refused call (overflow)
 * changes nothing, not even on a missing key: 0 - INT64_MIN overflows, and
 * then no row may be left behind. */
static void op_incr_int(ctx *c, uint32_t ki, bool decr)
{
	mrow *m = &c->rows[ki];
	const config *cfg = c->cfg;
	/* mostly an int column; sometimes any column, or none */
	uint32_t col;
	uint32_t ints[MAX_COLS], nints = 0;
	for (uint32_t i = 0; i < cfg->ncols; i++) {
		if (cfg->cols[i].type == SHMT_TYPE_INT) {
			ints[nints++] = i;
		}
	}
	if (nints > 0 && unit_chance(&c->rng, 9, 10)) {
		col = ints[unit_below(&c->rng, nints)];
	} else {
		col = (uint32_t)unit_below(&c->rng, cfg->ncols + 1);
	}
	int64_t by = gen_int_by(&c->rng);
	int64_t ttl = gen_ttl(c, true);
	shmt_status want;
	int64_t newval = 0;
	bool evicts = false;
	shmt_status also = SHMT_OK; /* a second acceptable refusal, if any */
	if (col >= cfg->ncols || cfg->cols[col].type != SHMT_TYPE_INT || ttl < SHMT_TTL_KEEP) {
		want = SHMT_E_INVALID;
	} else {
		int64_t cur = m->present ? m->num[col] : 0;
		bool ovf = decr ? __builtin_sub_overflow(cur, by, &newval)
		                : __builtin_add_overflow(cur, by, &newval);
		bool full = !m->present && full_refuses(c);
		evicts = !m->present && !ovf && full_evicts(c);
		want = full ? SHMT_FULL : ovf ? SHMT_OVERFLOW : SHMT_OK;
		/* 0 - INT64_MIN on a missing key of a full table: two reasons to
		 * refuse, and the contract does not rank them; either will do. */
		if (full && ovf) {
			also = SHMT_OVERFLOW;
		}
	}
	const char *name = decr ? "decr_int" : "incr_int";
	trace(c, "%s key#%u%s col %u by %" PRId64 " ttl %" PRId64 " -> expect %s%s", name, ki,
	      m->present ? "" : " (absent)", col, by, ttl, unit_status_name(want),
	      evicts ? " (evicting)" : "");
	int64_t result = 0;
	shmt_status got;
	if (ttl == SHMT_TTL_KEEP && unit_chance(&c->rng, 1, 2)) {
		got = decr ? shmt_decr_int(c->t, m->key, m->klen, col, by, &result)
		           : shmt_incr_int(c->t, m->key, m->klen, col, by, &result);
	} else {
		got = decr ? shmt_decr_int_ttl(c->t, m->key, m->klen, col, by, ttl, &result)
		           : shmt_incr_int_ttl(c->t, m->key, m->klen, col, by, ttl, &result);
	}
	if (also != SHMT_OK && got == also) {
		want = also;
	}
	EXPECT(c, got, want, name);
	if (got == SHMT_OK) {
		if (result != newval) {
			diverge(c, "%s result %" PRId64 ", model %" PRId64, name, result, newval);
		}
		if (evicts) {
			evict_settle(c, ki);
		}
		if (!m->present) {
			model_zero(c, m);
			m->present = true;
			m->exp = model_expiry(c, ttl); /* only a row the call creates */
			c->count++;
			c->inserts++;
		}
		m->num[col] = newval;
	}
}

static void op_incr_float(ctx *c, uint32_t ki)
{
	mrow *m = &c->rows[ki];
	const config *cfg = c->cfg;
	uint32_t col;
	uint32_t fl[MAX_COLS], nfl = 0;
	for (uint32_t i = 0; i < cfg->ncols; i++) {
		if (cfg->cols[i].type == SHMT_TYPE_FLOAT) {
			fl[nfl++] = i;
		}
	}
	if (nfl > 0 && unit_chance(&c->rng, 9, 10)) {
		col = fl[unit_below(&c->rng, nfl)];
	} else {
		col = (uint32_t)unit_below(&c->rng, cfg->ncols + 1);
	}
	double by = gen_float_by(&c->rng);
	int64_t ttl = gen_ttl(c, true);
	shmt_status want;
	double newval = 0;
	bool evicts = false;
	if (col >= cfg->ncols || cfg->cols[col].type != SHMT_TYPE_FLOAT || ttl < SHMT_TTL_KEEP) {
		want = SHMT_E_INVALID;
	} else if (m->present) {
		want = SHMT_OK;
		newval = unit_bitsf((uint64_t)m->num[col]) + by;
	} else if (full_refuses(c)) {
		want = SHMT_FULL;
	} else {
		want = SHMT_OK;
		newval = 0.0 + by;
		evicts = full_evicts(c);
	}
	trace(c, "incr_float key#%u col %u by %a ttl %" PRId64 " -> expect %s%s", ki, col, by, ttl,
	      unit_status_name(want), evicts ? " (evicting)" : "");
	double result = 0;
	shmt_status got = ttl == SHMT_TTL_KEEP && unit_chance(&c->rng, 1, 2)
	                      ? shmt_incr_float(c->t, m->key, m->klen, col, by, &result)
	                      : shmt_incr_float_ttl(c->t, m->key, m->klen, col, by, ttl, &result);
	EXPECT(c, got, want, "incr_float");
	if (got == SHMT_OK) {
		/* Which NaN payload a sum of NaNs carries depends on operand order,
		 * which the compiler may choose: any NaN matches a NaN, and the
		 * model then takes the engine's bits. */
		if (isnan(newval) && isnan(result)) {
			newval = result;
		}
		if (unit_fbits(result) != unit_fbits(newval)) {
			diverge(c, "incr_float result %a, model %a", result, newval);
		}
		if (evicts) {
			evict_settle(c, ki);
		}
		if (!m->present) {
			model_zero(c, m);
			m->present = true;
			m->exp = model_expiry(c, ttl);
			c->count++;
			c->inserts++;
		}
		m->num[col] = (int64_t)unit_fbits(newval);
	}
}

static void op_cmpset(ctx *c, uint32_t ki)
{
	mrow *m = &c->rows[ki];
	shmt_value e[MAX_COLS + 2], vals[MAX_COLS + 2];
	uint32_t ne;
	bool mutated = false, inv_e = false, inv_v = false;
	if (m->present) {
		ne = gen_expected(c, m, e, &mutated);
	} else {
		ne = gen_vals(c, e, false, &inv_e, 0);
	}
	if (unit_chance(&c->rng, 1, 60)) {
		memset(&e[ne], 0, sizeof e[ne]);
		e[ne].col = c->cfg->ncols + 5;
		ne++;
		inv_e = true;
	}
	/* values use the scratch slots after the ones expected strings use */
	uint32_t nv = gen_vals(c, vals, true, &inv_v, MAX_COLS);
	shmt_status want;
	if (inv_e || inv_v) {
		want = SHMT_E_INVALID;
	} else if (!m->present) {
		want = SHMT_NOT_FOUND;
	} else if (!model_match(c, m, e, ne)) {
		want = SHMT_MISMATCH;
	} else {
		want = SHMT_OK;
	}
	trace(c, "cmpset key#%u nexpected %u%s nvals %u -> expect %s", ki, ne,
	      mutated ? " (one changed)" : "", nv, unit_status_name(want));
	shmt_status got = shmt_cmpset(c->t, m->key, m->klen, e, ne, vals, nv);
	EXPECT(c, got, want, "cmpset");
	if (got == SHMT_OK) {
		model_apply(c, m, vals, nv);
	}
}

static void op_badkey(ctx *c)
{
	uint32_t len = unit_chance(&c->rng, 1, 2) ? 0 : c->cfg->key_max + 1;
	shmt_value v;
	int64_t ir;
	double fr;
	bool ins;
	int64_t left;
	uint64_t n;
	int which = (int)unit_below(&c->rng, 10);
	trace(c, "bad key of length %u, call %d -> expect SHMT_E_INVALID", len, which);
	shmt_status got;
	switch (which) {
	case 0: got = shmt_get(c->t, c->badkey, len, c->img); break;
	case 1: got = shmt_exists(c->t, c->badkey, len); break;
	case 2:
		memset(&v, 0, sizeof v);
		got = shmt_set(c->t, c->badkey, len, &v, 1, SHMT_UPSERT, &ins);
		break;
	case 3: got = shmt_del(c->t, c->badkey, len, NULL, 0, NULL); break;
	case 4: got = shmt_cmpset(c->t, c->badkey, len, NULL, 0, NULL, 0); break;
	case 5: got = shmt_incr_int(c->t, c->badkey, len, 0, 1, &ir); break;
	case 6: got = shmt_incr_float(c->t, c->badkey, len, 0, 1.0, &fr); break;
	case 7: got = shmt_expire(c->t, c->badkey, len, 1000); break;
	case 8: got = shmt_ttl(c->t, c->badkey, len, &left); break;
	default:
		memset(&v, 0, sizeof v);
		got = shmt_set_ttl(c->t, c->badkey, len, &v, 1, SHMT_UPSERT, 1000, &ins);
		break;
	}
	(void)n;
	EXPECT(c, got, SHMT_E_INVALID, "operation with a bad key");
}

/* count() includes the expired rows not reclaimed yet. */
static void op_count(ctx *c)
{
	shmt_stats s;
	shmt_get_stats(c->t, &s);
	uint64_t want = c->count + unreclaimed(c, &s);
	trace(c, "count -> expect %" PRIu64 " (%" PRIu64 " live)", want, c->count);
	uint64_t n = shmt_count(c->t);
	if (n != want) {
		diverge(c, "count is %" PRIu64 ", model %" PRIu64 " (%" PRIu64 " live, %" PRIu64
		        " expired, %" PRIu64 " reclaimed)", n, want, c->count, c->expired_total, s.expired);
	}
}

static void op_stats(ctx *c)
{
	shmt_stats s;
	trace(c, "stats");
	shmt_get_stats(c->t, &s);
	uint64_t rows = c->count + unreclaimed(c, &s);
	if (s.rows != rows || s.size != c->cfg->size || s.insert_count != c->inserts ||
	    s.delete_count != c->deletes || s.lock_recoveries != 0 ||
	    s.key_max_length != c->cfg->key_max || s.max_chain > rows ||
	    (rows > 0 && s.max_chain == 0) || s.evicted != c->evicted || s.evict != c->cfg->evict) {
		diverge(c,
		        "stats: rows %" PRIu64 " (model %" PRIu64 "), inserts %" PRIu64 " (model %" PRIu64
		        "), deletes %" PRIu64 " (model %" PRIu64 "), lock_recoveries %" PRIu64
		        ", max_chain %" PRIu64 ", evicted %" PRIu64 " (model %" PRIu64 "), evict %u",
		        s.rows, rows, s.insert_count, c->inserts, s.delete_count, c->deletes,
		        s.lock_recoveries, s.max_chain, s.evicted, c->evicted, s.evict);
	}
}

static void op_check(ctx *c)
{
	char msg[512] = "";
	trace(c, "check");
	shmt_status st = shmt_check(c->t, msg, sizeof msg);
	if (st != SHMT_OK) {
		diverge(c, "shmt_check: %s: %s", unit_status_name(st), msg);
	}
}

/* A full iteration, compared with the model row for row. */
static void op_iterate(ctx *c)
{
	size_t isz = shmt_image_size(c->t);
	uint32_t nb = shmt_bucket_count(c->t);
	int hint = unit_chance(&c->rng, 1, 2);
	/* Sometimes start from a tiny buffer to take the SHMT_E_BUFFER path. */
	if (unit_chance(&c->rng, 1, 4)) {
		c->itercap = 0;
	}
	trace(c, "iterate (hint %d, buffer %zu)", hint, c->itercap);
	memset(c->seen, 0, c->npool * sizeof *c->seen);
	uint64_t rows = 0;
	uint32_t b = hint ? shmt_next_bucket(c->t, 0) : 0;
	while (b < nb) {
		uint32_t nrows = 0;
		size_t need = 0;
		shmt_status st = shmt_snapshot_bucket(c->t, b, c->iterbuf, c->itercap, &nrows, &need);
		if (st == SHMT_E_BUFFER) {
			if (need <= c->itercap) {
				diverge(c, "bucket %u: SHMT_E_BUFFER asks for %zu bytes with %zu given", b,
				        need, c->itercap);
			}
			c->iterbuf = realloc(c->iterbuf, need);
			c->itercap = need;
			continue;
		}
		if (st != SHMT_OK) {
			diverge(c, "snapshot of bucket %u: %s", b, unit_status_name(st));
		}
		for (uint32_t i = 0; i < nrows; i++) {
			const unsigned char *img = c->iterbuf + (size_t)i * isz;
			uint32_t kl = 0;
			const char *k = shmt_img_key(c->t, img, &kl);
			int32_t idx = kl <= c->cfg->key_max ? pool_find(c, k, kl) : -1;
			if (idx < 0) {
				diverge(c, "iteration: bucket %u holds a key (length %u) never written", b, kl);
			}
			if (!c->rows[idx].present) {
				diverge(c, "iteration: bucket %u holds deleted key#%d", b, idx);
			}
			if (c->seen[idx]++) {
				diverge(c, "iteration: key#%d seen twice", idx);
			}
			if (shmt_bucket_of(c->t, k, kl) != b) {
				diverge(c, "iteration: key#%d found in bucket %u, belongs in %u", idx, b,
				        shmt_bucket_of(c->t, k, kl));
			}
			compare_img(c, &c->rows[idx], img, "iteration");
			rows++;
		}
		b = hint ? shmt_next_bucket(c->t, b + 1) : b + 1;
	}
	if (rows != c->count) {
		for (uint32_t i = 0; i < c->npool; i++) {
			if (c->rows[i].present && !c->seen[i]) {
				diverge(c, "iteration: %" PRIu64 " rows, model %" PRIu64 "; key#%u missing",
				        rows, c->count, i);
			}
		}
		diverge(c, "iteration: %" PRIu64 " rows, model %" PRIu64, rows, c->count);
	}
}

static void run_config(const config *cfg, uint64_t seed, uint64_t ops, uint64_t *global_op,
                       uint64_t total_ops, uint32_t cfg_index)
{
	ctx c;
	memset(&c, 0, sizeof c);
	c.cfg = cfg;
	c.seed = seed;
	c.total_ops = total_ops;
	unit_rng_seed(&c.rng, seed ^ (0x1000193ULL * (cfg_index + 1)));
	unit_rng_seed(&seed_rng, seed + cfg_index);
	seed_rng_ready = 1;

	uint64_t asked = 0;
	int bad = 0;
	/* The test clock: it stands still unless an operation moves it. */
	clock_set(&c, 1000000000ULL + unit_below(&c.rng, 1000000000ULL));
	shmt_test_evict_seed = unit_rand64(&c.rng) | 1;
	shmt_status st = shmt_create_ex(&c.t, cfg->size, cfg->key_max, cfg->cols, cfg->ncols,
	                                cfg->evict, &asked, &bad);
	if (st != SHMT_OK) {
		fprintf(stderr, "create of table \"%s\" failed: %s (bad_arg %d)\n", cfg->name,
		        unit_status_name(st), bad);
		exit(1);
	}
	build_pool(&c);
#ifdef SHMT_FUZZ
	fz_active = 1;
#endif
	c.max_str = 1;
	for (uint32_t i = 0; i < cfg->ncols; i++) {
		if (cfg->cols[i].type == SHMT_TYPE_STRING && cfg->cols[i].size > c.max_str) {
			c.max_str = cfg->cols[i].size;
		}
	}
	for (uint32_t i = 0; i < sizeof c.sbuf / sizeof c.sbuf[0]; i++) {
		c.sbuf[i] = malloc((size_t)c.max_str + 1);
	}
	c.img = calloc(1, shmt_image_size(c.t));
	c.badkey = calloc(1, (size_t)cfg->key_max + 1);
	c.seen = calloc(c.npool, sizeof *c.seen);
	c.itercap = 0;
	c.iterbuf = malloc(1);

	uint64_t check_every = cfg->size * 4 > 200 ? cfg->size * 4 : 200;
	uint64_t iter_every = cfg->size * 5 > 50 ? cfg->size * 5 : 50;
	uint64_t phase_left = 0;

	for (c.opno = 0; c.opno < ops; c.opno++, (*global_op)++) {
		c.global_op = *global_op;
#ifdef SHMT_FUZZ
		if (fz_n == 0) {
			break;
		}
#endif
		if (phase_left == 0) {
			c.drain = !c.drain;
			phase_left = 1 + unit_below(&c.rng, (uint64_t)cfg->size * 8 + 20);
		}
		phase_left--;
		if (unit_below(&c.rng, iter_every) == 0) {
			op_iterate(&c);
			continue;
		}
		if (c.opno % check_every == check_every - 1) {
			op_check(&c);
		}
		int op = pick_op(&c);
		cur_op = op;
		uint32_t ki = (uint32_t)unit_below(&c.rng, c.npool);
		switch (op) {
		case OP_SET: case OP_ADD: case OP_UPDATE: op_write(&c, op, ki); break;
		case OP_GET: op_get(&c, ki); break;
		case OP_EXISTS: op_exists(&c, ki); break;
		case OP_DEL: case OP_GETDEL: case OP_CMPDEL: op_del(&c, op, ki); break;
		case OP_GET_COL: op_get_col(&c, ki); break;
		case OP_INCR_INT: op_incr_int(&c, ki, false); break;
		case OP_DECR_INT: op_incr_int(&c, ki, true); break;
		case OP_INCR_FLOAT: op_incr_float(&c, ki); break;
		case OP_CMPSET: op_cmpset(&c, ki); break;
		case OP_COUNT: op_count(&c); break;
		case OP_BADKEY: op_badkey(&c); break;
		case OP_EXPIRE: op_expire(&c, ki); break;
		case OP_TTL: op_ttl(&c, ki); break;
		case OP_FLUSH: op_flush(&c); break;
		case OP_CLOCK: op_clock(&c); break;
		default: op_stats(&c); break;
		}
	}

	/* Final: full comparison, check, then empty the table through an
	 * iteration and check again. */
	op_iterate(&c);
	op_stats(&c);
	op_check(&c);
	cur_op = OP_DEL;
	for (uint32_t i = 0; i < c.npool; i++) {
		if (c.rows[i].present) {
			op_del(&c, OP_DEL, i);
		}
	}
	op_count(&c);
	op_iterate(&c);
	op_check(&c);
	/* What is left is expired rows not reclaimed: flush them all. */
	cur_op = OP_FLUSH;
	uint64_t left = 0;
	EXPECT(&c, shmt_flush_expired(c.t, 0, &left), SHMT_OK, "final flush_expired");
	if (shmt_count(c.t) != 0) {
		diverge(&c, "%" PRIu64 " rows left after every row was deleted and the rest flushed",
		        shmt_count(c.t));
	}
	op_count(&c);
	op_check(&c);
	shmt_test_boottime_ns = 0;
#ifdef SHMT_FUZZ
	fz_active = 0;
	if (0)
#endif
	printf("  %-26s %8" PRIu64 " ops, %6" PRIu64 " inserts, %6" PRIu64 " deletes, %6" PRIu64
	       " expired, %6" PRIu64 " evicted: ok\n",
	       cfg->name, ops, c.inserts, c.deletes, c.expired_total, c.evicted);

	shmt_close(c.t);
	for (uint32_t i = 0; i < c.npool; i++) {
		free(c.rows[i].key);
		for (uint32_t col = 0; col < cfg->ncols; col++) {
			free(c.rows[i].str[col]);
		}
	}
	for (uint32_t i = 0; i < sizeof c.sbuf / sizeof c.sbuf[0]; i++) {
		free(c.sbuf[i]);
	}
	free(c.rows);
	free(c.slots);
	free(c.img);
	free(c.badkey);
	free(c.seen);
	free(c.iterbuf);
}

#ifdef SHMT_FUZZ
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (nconfigs == 0) {
		setup_configs();
	}
	if (size < 1) {
		return 0;
	}
	uint32_t which = data[0] % nconfigs;
	fz_p = data + 1;
	fz_n = size - 1;
	uint64_t global_op = 0;
	trace_n = 0;
	run_config(&configs[which], 1, UINT64_MAX, &global_op, 0, which);
	return 0;
}
#else
int main(int argc, char **argv)
{
	uint64_t seed;
	if (argc > 1) {
		seed = strtoull(argv[1], NULL, 0);
	} else {
		struct timespec ts;
		clock_gettime(CLOCK_REALTIME, &ts);
		seed = (uint64_t)ts.tv_sec * 1000003u ^ (uint64_t)ts.tv_nsec;
	}
	uint64_t total = 2000000;
	const char *env = getenv("SHMT_MODEL_OPS");
	if (env && *env) {
		total = strtoull(env, NULL, 0);
	}
	setup_configs();
	printf("test_model: seed %" PRIu64 ", %" PRIu64 " operations (replay: SHMT_MODEL_OPS=%" PRIu64
	       " build/test_model %" PRIu64 ")\n",
	       seed, total, total, seed);
	fflush(stdout);

	uint32_t wsum = 0;
	for (uint32_t i = 0; i < nconfigs; i++) {
		wsum += configs[i].weight;
	}
	double t0 = unit_now();
	uint64_t global_op = 0;
	for (uint32_t i = 0; i < nconfigs; i++) {
		uint64_t ops = total * configs[i].weight / wsum;
		run_config(&configs[i], seed, ops, &global_op, total, i);
		fflush(stdout);
	}
	printf("test_model: %" PRIu64 " operations in %.1f s, table seeds %s\n", global_op,
	       unit_now() - t0, seed_calls ? "replayable" : "random (not replayable)");
	if (getenv("SHMT_MODEL_VERBOSE")) {
		for (int op = 0; op < OP_NKINDS; op++) {
			printf("  %-10s", op_names[op]);
			for (int st = 0; st <= SHMT_E_BUFFER; st++) {
				if (outcomes[op][st]) {
					printf(" %s %" PRIu64, unit_status_name((shmt_status)st) + 5,
					       outcomes[op][st]);
				}
			}
			printf("\n");
		}
	}
	return 0;
}
#endif /* SHMT_FUZZ */
