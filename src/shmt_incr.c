/*
 * shmt_incr.c - the increments: incr/decr of one number column, in place
 * under the stripe lock, and of several columns of one row at once
 * (shmt_incr_multi*), with an undo record for a writer that dies midway.
 */
#include "shmt_ops_internal.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

/* ---------------------------------------------------------------------- */
/* Increments                                                               */

/* Shared part of both increments: find or create the row, then let `op`
 * compute the new 8 bytes, stored in place with one aligned store. */
typedef int (*incr_op)(void *cell_value, const void *by, void *result);

/* cell + by (sub: cell - by) into result; 0 if it leaves int64 range. */
static inline int int_step(void *cell, const void *by, void *result, int sub)
{
	int64_t v, b, r;
	memcpy(&v, cell, 8);
	memcpy(&b, by, 8);
	if (sub ? __builtin_sub_overflow(v, b, &r) : __builtin_add_overflow(v, b, &r)) {
		return 0;
	}
	memcpy(result, &r, 8);
	return 1;
}

static int op_int(void *cell, const void *by, void *result)
{
	return int_step(cell, by, result, 0);
}

static int op_int_sub(void *cell, const void *by, void *result)
{
	return int_step(cell, by, result, 1);
}

static int op_float(void *cell, const void *by, void *result)
{
	double v, b, r;
	memcpy(&v, cell, 8);
	memcpy(&b, by, 8);
	r = v + b;
	memcpy(result, &r, 8);
	return 1;
}

/* incr_common() with the key's stripe (at least) locked. */
static inline __attribute__((always_inline)) shmt_status
incr_locked(shmt_table *t, const keyinfo *ki, const char *key, size_t klen, uint32_t col,
            const void *by, void *result, incr_op op, int64_t ttl_ns)
{
	uint32_t idx, *link;
	uint64_t now = 0;
	shmt_status st = find_locked(t, ki, key, klen, &idx, &link, 1, &now);
	uint64_t cur = 0, next = 0;
	if (st == SHMT_OK) {
		cur = *(uint64_t *)(row_at(t, idx) + t->cols[col].off);
	}
	/* Refuse an overflow before creating anything (0 - INT64_MIN). */
	if ((st == SHMT_OK || st == SHMT_NOT_FOUND) && !op(&cur, by, &next)) {
		st = SHMT_OVERFLOW;
	}
	if (st == SHMT_NOT_FOUND) {
		/* A new row is published with its value in it: one store. */
		shmt_value v;
		v.col = col;
		memcpy(&v.v, &next, 8);
		st = insert_locked(t, ki, key, klen, &v, 1, expiry_of(t, ttl_ns, &now), &idx);
	} else if (st == SHMT_OK) {
		uint64_t *cell = (uint64_t *)(row_at(t, idx) + t->cols[col].off);
		lru_touch(t, row_at(t, idx), &now);
		seq_begin(ki->s);
		STEP(SHMT_STEP_INCR_SEQ_ODD);
		shmt_store_relaxed(cell, next);
		STEP(SHMT_STEP_INCR_STORED);
		seq_end(ki->s);
		stat_inc(&ki->s->updates);
	}
	if (st == SHMT_OK && result != NULL) {
		memcpy(result, &next, 8);
	}
	return st;
}

typedef struct {
	const char *key;
	size_t klen;
	uint32_t col;
	const void *by;
	void *result;
	incr_op op;
	int64_t ttl_ns;
} incr_args;

static inline __attribute__((always_inline)) shmt_status
incr_write(shmt_table *t, const keyinfo *ki, void *arg)
{
	const incr_args *a = arg;
	return incr_locked(t, ki, a->key, a->klen, a->col, a->by, a->result, a->op, a->ttl_ns);
}

static shmt_status incr_common(shmt_table *t, const char *key, size_t klen,
                               uint32_t col, uint32_t type, const void *by,
                               void *result, incr_op op, int64_t ttl_ns)
{
	keyinfo ki;
	if (col >= t->ncols || t->cols[col].type != type || ttl_ns < SHMT_TTL_KEEP) {
		return SHMT_E_INVALID;
	}
	shmt_status st = key_prepare(t, key, klen, &ki);
	if (st != SHMT_OK) {
		return st;
	}
	incr_args a = {.key = key, .klen = klen, .col = col, .by = by, .result = result, .op = op,
	               .ttl_ns = ttl_ns};
	return write_locked(t, &ki, incr_write, &a);
}

shmt_status shmt_incr_int(shmt_table *t, const char *key, size_t klen,
                          uint32_t col, int64_t by, int64_t *result)
{
	return incr_common(t, key, klen, col, SHMT_TYPE_INT, &by, result, op_int, SHMT_TTL_KEEP);
}

shmt_status shmt_decr_int(shmt_table *t, const char *key, size_t klen,
                          uint32_t col, int64_t by, int64_t *result)
{
	return incr_common(t, key, klen, col, SHMT_TYPE_INT, &by, result, op_int_sub,
	                   SHMT_TTL_KEEP);
}

shmt_status shmt_incr_float(shmt_table *t, const char *key, size_t klen,
                            uint32_t col, double by, double *result)
{
	return incr_common(t, key, klen, col, SHMT_TYPE_FLOAT, &by, result, op_float,
	                   SHMT_TTL_KEEP);
}

shmt_status shmt_incr_int_ttl(shmt_table *t, const char *key, size_t klen, uint32_t col,
                              int64_t by, int64_t ttl_ns, int64_t *result)
{
	return incr_common(t, key, klen, col, SHMT_TYPE_INT, &by, result, op_int, ttl_ns);
}

shmt_status shmt_decr_int_ttl(shmt_table *t, const char *key, size_t klen, uint32_t col,
                              int64_t by, int64_t ttl_ns, int64_t *result)
{
	return incr_common(t, key, klen, col, SHMT_TYPE_INT, &by, result, op_int_sub, ttl_ns);
}

shmt_status shmt_incr_float_ttl(shmt_table *t, const char *key, size_t klen, uint32_t col,
                                double by, int64_t ttl_ns, double *result)
{
	return incr_common(t, key, klen, col, SHMT_TYPE_FLOAT, &by, result, op_float, ttl_ns);
}

/* Several columns of one row at once. A missing row is inserted with its
 * values in it. An existing row is changed in place, as the one-column
 * increment changes its cell, but with an undo record first: the old
 * cells are copied into the stripe's spare row (private to the holder of
 * the stripe lock) and the intent {INCR} names both rows before the first
 * cell is stored, inside the seq odd window. The intent is cleared once
 * every cell is stored, still inside the window. A writer killed with the
 * intent set is rolled back from the record by recover_stripe() (none of
 * the deltas), one killed after it is cleared has stored them all; readers
 * retry throughout, since seq stays odd until the repair. A stripe with no
 * spare yet (its first update) goes through the copy-on-write replace,
 * which leaves it one. results doubles as the values written. */
typedef struct {
	const char *key;
	size_t klen;
	const shmt_value *deltas;
	uint32_t n;
	bool sub;
	shmt_value *results;
	uint32_t *failed;
	int64_t ttl_ns;
} incr_multi_args;

/* The cells vals name, of row idx, set in place to vals; the undo record
 * goes to row `spare` (see above). Stripe lock held. The record is the
 * bytes [lo, hi) of the row, the span of the number cells written (number
 * cells lie together before the key, 8-aligned), copied to the same
 * offsets of the spare, with lo and hi in the spare's expiry word. off[i]
 * is the offset of vals[i]'s cell. Compiled twice: with the test steps
 * (steps, when a step hook is set) and without, so that the usual call
 * looks at the hook once rather than at each of its eight steps. */
#define STEP_IF(steps, n)  \
	do {                   \
		if (steps) {       \
			STEP(n);       \
		}                  \
	} while (0)

static inline __attribute__((always_inline)) shmt_status
incr_in_place_locked(shmt_table *t, const keyinfo *ki, uint32_t idx, uint32_t spare,
                     const shmt_value *vals, const uint32_t *off, uint32_t n, uint32_t lo,
                     uint32_t hi, uint64_t *now, const bool steps)
{
	shmt_stripe_raw *s = ki->s;
	unsigned char *row = row_at(t, idx), *undo = row_at(t, spare);
	/* A handful of words (lo < hi): copied in line, not by a memcpy call. */
	const uint64_t *from = (const uint64_t *)(row + lo), *end = (const uint64_t *)(row + hi);
	uint64_t *to = (uint64_t *)(undo + lo);
	do {
		shmt_store_relaxed(to++, shmt_load_relaxed(from++));
	} while (from < end);
	*row_expires(undo) = (uint64_t)hi << 32 | lo;
	STEP_IF(steps, SHMT_STEP_INCRM_UNDO);
	s->i_bucket = ki->b;
	s->i_old = idx;
	s->i_new = spare;
	shmt_fence_release(); /* the record before the intent that puts it in force */
	s->i_kind = INTENT_INCR;
	shmt_fence_release();
	STEP_IF(steps, SHMT_STEP_INCRM_INTENT);
	lru_touch(t, row, now);
	seq_begin(s);
	STEP_IF(steps, SHMT_STEP_INCRM_SEQ_ODD);
	for (uint32_t i = 0; i < n; i++) {
		uint64_t v;
		memcpy(&v, &vals[i].v, 8);
		shmt_store_relaxed((uint64_t *)(row + off[i]), v);
		STEP_IF(steps, SHMT_STEP_INCRM_CELL);
	}
	intent_end(s); /* all stored: from here on, a repair keeps them */
	STEP_IF(steps, SHMT_STEP_INCRM_INTENT_CLEARED);
	seq_end(s);
	stat_inc(&s->updates);
	STEP_IF(steps, SHMT_STEP_INCRM_SEQ_EVEN);
	return SHMT_OK;
}

/* The new values of the deltas into results (and each cell's offset into
 * off, the span of the cells into [*lo, *hi)), from the cells of row, or
 * from zero without a row (!found: a row to insert). check: each delta's
 * column is checked (in range, a number column, named once); without it
 * the caller has (shmt_incr_multi_checked()). Nothing is written: an
 * invalid column or an overflow (*failed) is refused first. */
static inline __attribute__((always_inline)) shmt_status
incr_multi_values(const shmt_table *t, const incr_multi_args *a, const unsigned char *row,
                  uint32_t *off, uint32_t *lo_out, uint32_t *hi_out, const bool found,
                  const bool check, const bool sub)
{
	const shmt_value *deltas = a->deltas;
	shmt_value *results = a->results;
	const uint32_t n = a->n;
	uint32_t lo = UINT32_MAX, hi = 0;
	uint64_t seen = 0; /* the first 64 columns: a column named twice */
	for (uint32_t i = 0; i < n; i++) {
		uint32_t col = deltas[i].col;
		if (check && col >= t->ncols) {
			return SHMT_E_INVALID;
		}
		const shmt_coldesc *c = &t->cols[col];
		if (check && c->type == SHMT_TYPE_STRING) {
			return SHMT_E_INVALID;
		}
		if (!check) {
			/* Checked by the caller. */
		} else if (col < 64) {
			if (seen & (UINT64_C(1) << col)) {
				return SHMT_E_INVALID;
			}
			seen |= UINT64_C(1) << col;
		} else {
			/* Beyond them (rare): n is a handful, quadratic is cheapest. */
			for (uint32_t j = 0; j < i; j++) {
				if (deltas[j].col == col) {
					return SHMT_E_INVALID;
				}
			}
		}
		uint32_t o = c->off;
		uint64_t cur = 0;
		if (found) {
			memcpy(&cur, row + o, 8);
		}
		off[i] = o;
		lo = o < lo ? o : lo;
		hi = o + 8 > hi ? o + 8 : hi;
		results[i].col = col;
		if (c->type == SHMT_TYPE_INT) {
			/* Refused before anything is written or created. */
			if (!int_step(&cur, &deltas[i].v.i, &results[i].v.i, sub)) {
				if (a->failed != NULL) {
					*a->failed = i;
				}
				return SHMT_OVERFLOW;
			}
		} else {
			double v;
			memcpy(&v, &cur, 8);
			results[i].v.f = sub ? v - deltas[i].v.f : v + deltas[i].v.f;
		}
	}
	*lo_out = lo;
	*hi_out = hi;
	return SHMT_OK;
}

/* check: as for incr_multi_values(); sub: a->sub, a constant where the
 * caller has made one version for each. */
static inline __attribute__((always_inline)) shmt_status
incr_multi_write_as(shmt_table *t, const keyinfo *ki, void *arg, const bool check,
                    const bool sub)
{
	const incr_multi_args *a = arg;
	shmt_value *results = a->results;
	const uint32_t n = a->n;
	uint32_t idx, *link;
	uint64_t now = 0;
	/* The spare's lines of its expiry word and of its last number cell
	 * (the undo record's, in a row of a few columns) start coming while
	 * the row is found and the values computed: stored to later, they
	 * would hold up the unlock. Wasted when the row is inserted or
	 * replaced instead (a missing key, or no spare yet). */
	uint32_t early = ki->s->spare;
	if (valid_idx(t, early)) {
		const unsigned char *u = row_at(t, early);
		__builtin_prefetch(u + ROW_EXPIRES_OFF, 1, 3);
		__builtin_prefetch(u + t->key_off - 1, 1, 3);
	}
	shmt_status st = find_locked_inline(t, ki, a->key, a->klen, &idx, &link, 1, &now);
	uint32_t off[SHMT_MAX_COLUMNS];
	uint32_t lo, hi;
	if (st == SHMT_NOT_FOUND) {
		/* As the one-column increment: the expiry is set only on a row
		 * this call creates; an existing row keeps its own. */
		st = incr_multi_values(t, a, NULL, off, &lo, &hi, false, check, sub);
		if (st != SHMT_OK) {
			return st;
		}
		return insert_locked(t, ki, a->key, a->klen, results, n,
		                     expiry_of(t, a->ttl_ns, &now), &idx);
	}
	if (st != SHMT_OK) {
		return st;
	}
	st = incr_multi_values(t, a, row_at(t, idx), off, &lo, &hi, true, check, sub);
	if (st != SHMT_OK) {
		return st;
	}
	uint32_t spare = ki->s->spare;
	if (spare == 0 || !valid_idx(t, spare) || spare == idx) {
		return replace_locked(t, ki, idx, link, results, n, SHMT_TTL_KEEP, &now);
	}
	if (shmt_step_hook != NULL) {
		return incr_in_place_locked(t, ki, idx, spare, results, off, n, lo, hi, &now, true);
	}
	return incr_in_place_locked(t, ki, idx, spare, results, off, n, lo, hi, &now, false);
}

static inline __attribute__((always_inline)) shmt_status
incr_multi_write(shmt_table *t, const keyinfo *ki, void *arg)
{
	return incr_multi_write_as(t, ki, arg, true, ((const incr_multi_args *)arg)->sub);
}

static inline __attribute__((always_inline)) shmt_status
incr_multi_write_checked_add(shmt_table *t, const keyinfo *ki, void *arg)
{
	return incr_multi_write_as(t, ki, arg, false, false);
}

static inline __attribute__((always_inline)) shmt_status
incr_multi_write_checked_sub(shmt_table *t, const keyinfo *ki, void *arg)
{
	return incr_multi_write_as(t, ki, arg, false, true);
}

shmt_status shmt_incr_multi(shmt_table *t, const char *key, size_t klen,
                            const shmt_value *deltas, uint32_t n, bool sub,
                            shmt_value *results, uint32_t *failed)
{
	return shmt_incr_multi_ttl(t, key, klen, deltas, n, sub, SHMT_TTL_KEEP, results, failed);
}

shmt_status shmt_incr_multi_ttl(shmt_table *t, const char *key, size_t klen,
                                const shmt_value *deltas, uint32_t n, bool sub, int64_t ttl_ns,
                                shmt_value *results, uint32_t *failed)
{
	if (n == 0 || n > t->ncols || ttl_ns < SHMT_TTL_KEEP) {
		return SHMT_E_INVALID;
	}
	/* Each column's validity is checked in incr_multi_write(), before
	 * anything is written: one pass over the deltas instead of two. */
	keyinfo ki;
	shmt_status st = key_prepare(t, key, klen, &ki);
	if (st != SHMT_OK) {
		return st;
	}
	incr_multi_args a = {.key = key, .klen = klen, .deltas = deltas, .n = n, .sub = sub,
	                     .results = results, .failed = failed, .ttl_ns = ttl_ns};
	return write_locked(t, &ki, incr_multi_write, &a);
}

shmt_status shmt_key_prepare(shmt_table *t, const char *key, size_t klen, shmt_key *k)
{
	shmt_status st = key_prepare(t, key, klen, k);
	if (st == SHMT_OK) {
		key_prefetch(t, k, klen);
	}
	return st;
}

shmt_status shmt_incr_multi_checked(shmt_table *t, const shmt_key *k, const char *key,
                                    size_t klen, const shmt_value *deltas, uint32_t n,
                                    bool sub, int64_t ttl_ns, shmt_value *results,
                                    uint32_t *failed)
{
	/* A key prepared for other bytes of another length would have the row
	 * compared and written with this klen: refused (one compare). Other
	 * bytes of the same length are the caller's contract (shmt.h). */
	if ((k->meta & ((1u << SHMT_KEYLEN_BITS) - 1)) != klen) {
		return SHMT_E_INVALID;
	}
	shmt_status st;
	/* write_locked() written out, so that the arguments stay where they
	 * are (in registers) on the usual way and go to memory only for
	 * shmt_write_when_full(). incr() and decr() each in a version of its own:
	 * no test of sub per delta. */
	st = stripe_lock(t, k->s);
	if (st != SHMT_OK) {
		return st;
	}
	incr_multi_args a = {.key = key, .klen = klen, .deltas = deltas, .n = n, .sub = sub,
	                     .results = results, .failed = failed, .ttl_ns = ttl_ns};
	st = sub ? incr_multi_write_checked_sub(t, k, &a) : incr_multi_write_checked_add(t, k, &a);
	stripe_unlock(t, k->s);
	if (st == SHMT_FULL || st == SHMT_E_RESERVE) {
		incr_multi_args held = a;
		st = shmt_write_when_full(t, k,
		                          sub ? incr_multi_write_checked_sub : incr_multi_write_checked_add,
		                          &held, st);
	}
	return st;
}
