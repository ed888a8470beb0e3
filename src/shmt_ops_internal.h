/*
 * shmt_ops_internal.h - what the operation files (shmt_read.c,
 * shmt_write.c, shmt_incr.c) share: the key lookup, the row insert and
 * replace, and the write under the key's stripe lock. In line (static
 * inline), so that each file's hot path compiles as it did in one
 * translation unit. Not installed.
 */
#ifndef SHMT_OPS_INTERNAL_H
#define SHMT_OPS_INTERNAL_H

#include "shmt_internal.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

/* ---------------------------------------------------------------------- */
/* Lookup                                                                   */

/* A key checked and hashed: shmt.h's shmt_key. */
typedef shmt_key keyinfo;

static inline shmt_status key_prepare(const shmt_table *t, const char *key,
                                      size_t klen, keyinfo *ki)
{
	if (klen < 1 || klen > t->key_max) {
		return SHMT_E_INVALID;
	}
	ki->h = shmt_keyhash(t->seed, key, klen);
	ki->b = bucket_of_hash(t, ki->h);
	ki->meta = make_meta(ki->h, klen);
	ki->s = stripe_of(t, ki->b);
	return SHMT_OK;
}

/* Starts fetching what a write of ki's key (klen bytes) touches: both
 * cache lines of its stripe (the lock word, the sequence and the intent)
 * and two lines of the first row of its bucket's chain: the line of its
 * link (meta, expiry, the first number cells) and the line of its key's
 * last byte (all of the key when it does not cross a line). That row is
 * the key's when no row inserted into the bucket after it is still there
 * (about 2 rows in 3 at a full table); otherwise the walk meets it first
 * and the key's own row is fetched then. Nothing waits for the prefetches;
 * the bucket's load they need is waited for at the latest by the lock,
 * and what the caller does before the write overlaps all of it. The
 * bucket is read without the stripe lock, so its row number is a hint
 * only, used if it is a row's. (Without -mprfchw, gcc fetches for
 * reading: the write then takes the line over, from this core's own cache
 * when no other core holds it.) */
static inline void key_prefetch(const shmt_table *t, const keyinfo *ki, size_t klen)
{
	const unsigned char *s = (const unsigned char *)ki->s;
	__builtin_prefetch(s, 1, 3);
	__builtin_prefetch(s + sizeof(*ki->s) - 1, 1, 3);
	uint32_t head = shmt_load_relaxed(&t->buckets[ki->b]);
	if (valid_idx(t, head)) {
		const unsigned char *row = row_at(t, head);
		__builtin_prefetch(row, 1, 3);
		__builtin_prefetch(row + t->key_off + klen - 1, 1, 3);
	}
}

/* Key bytes equal? Only reached once meta (tag and length) matched. Keys
 * of 4..16 bytes, the common case, compare as two overlapping words each
 * instead of a memcmp call; reads stay within klen bytes of both sides. */
static inline int key_eq(const unsigned char *stored, const char *key, size_t klen)
{
	if (klen >= 8 && klen <= 16) {
		uint64_t a0, b0, a1, b1;
		memcpy(&a0, stored, 8);
		memcpy(&b0, key, 8);
		memcpy(&a1, stored + klen - 8, 8);
		memcpy(&b1, key + klen - 8, 8);
		return ((a0 ^ b0) | (a1 ^ b1)) == 0;
	}
	if (klen >= 4 && klen < 8) {
		uint32_t a0, b0, a1, b1;
		memcpy(&a0, stored, 4);
		memcpy(&b0, key, 4);
		memcpy(&a1, stored + klen - 4, 4);
		memcpy(&b1, key + klen - 4, 4);
		return ((a0 ^ b0) | (a1 ^ b1)) == 0;
	}
	return memcmp(stored, key, klen) == 0;
}

/* Under the stripe lock: find the row and the link that points to it. An
 * expired row is absent: a writer (`reclaim`) reclaims every expired row
 * it meets on the way; a reader leaves them. *now caches the clock (0
 * until a row with an expiry is met). */
static inline __attribute__((always_inline)) shmt_status
find_locked_inline(shmt_table *t, const keyinfo *ki, const char *key, size_t klen,
                   uint32_t *idx_out, uint32_t **link_out, int reclaim, uint64_t *now)
{
	uint32_t *link = &t->buckets[ki->b];
	uint32_t cur = *link;
	*idx_out = 0;
	*link_out = NULL;
	for (uint32_t steps = 0; cur != 0; steps++) {
		if (!valid_idx(t, cur) || steps > t->total_rows) {
			return SHMT_E_CORRUPT;
		}
		unsigned char *row = row_at(t, cur);
		int match = *row_meta(row) == ki->meta && key_eq(row + t->key_off, key, klen);
		if (expired_at(t, *row_expires(row), now)) {
			if (reclaim) {
				shmt_status st = reclaim_locked(t, ki->s, ki->b, cur, link);
				if (st != SHMT_OK) {
					return st;
				}
				cur = *link;
				continue;
			}
			if (match) {
				return SHMT_NOT_FOUND;
			}
		} else if (match) {
			*idx_out = cur;
			*link_out = link;
			return SHMT_OK;
		}
		link = row_next(t, cur);
		cur = *link;
	}
	return SHMT_NOT_FOUND;
}

/* find_locked_inline() as a call, for the paths where its code once is
 * enough. */
static inline shmt_status find_locked(shmt_table *t, const keyinfo *ki, const char *key,
                                      size_t klen, uint32_t *idx_out, uint32_t **link_out,
                                      int reclaim, uint64_t *now)
{
	return find_locked_inline(t, ki, key, klen, idx_out, link_out, reclaim, now);
}

/* The expiry of a row written now with ttl_ns (SHMT_TTL_KEEP on a new row
 * and 0 both mean never). */
static inline uint64_t expiry_of(const shmt_table *t, int64_t ttl_ns, uint64_t *now)
{
	if (ttl_ns <= 0) {
		return 0;
	}
	uint64_t e;
	if (__builtin_add_overflow(now_once(t, now), (uint64_t)ttl_ns, &e)) {
		e = UINT64_MAX;
	}
	return e;
}

/* ---------------------------------------------------------------------- */
/* Writes                                                                   */

static inline void apply_values(const shmt_table *t, unsigned char *row,
                                const shmt_value *vals, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++) {
		const shmt_coldesc *c = &t->cols[vals[i].col];
		if (c->type == SHMT_TYPE_STRING) {
			store_len(row + c->lenoff, c->lenw, vals[i].v.s.len);
			if (vals[i].v.s.len > 0) {
				memcpy(row + c->off, vals[i].v.s.ptr, vals[i].v.s.len);
			}
		} else {
			memcpy(row + c->off, &vals[i].v, 8);
		}
	}
}

/* The key's bytes into a row's key slot (key_max bytes, klen <= key_max):
 * keys of 4..16 bytes, the common case, as two overlapping words each
 * instead of a memcpy call, as key_eq() compares them. */
static inline void key_store(unsigned char *slot, const char *key, size_t klen)
{
	if (klen >= 8 && klen <= 16) {
		uint64_t a, b;
		memcpy(&a, key, 8);
		memcpy(&b, key + klen - 8, 8);
		memcpy(slot, &a, 8);
		memcpy(slot + klen - 8, &b, 8);
	} else if (klen >= 4 && klen < 8) {
		uint32_t a, b;
		memcpy(&a, key, 4);
		memcpy(&b, key + klen - 4, 4);
		memcpy(slot, &a, 4);
		memcpy(slot + klen - 4, &b, 4);
	} else {
		memcpy(slot, key, klen);
	}
}

/* Insert a new row for a key known to be absent. Stripe lock held. `full`:
 * vals name every column once, so that every byte a read uses is written
 * (the numbers, the string lengths, each string's first len bytes, the
 * key's first klen bytes); the rest of the row, never read, is then left
 * as the row's last use left it instead of cleared. */
static inline __attribute__((always_inline)) shmt_status
insert_locked_as(shmt_table *t, const keyinfo *ki, const char *key, size_t klen,
                 const shmt_value *vals, uint32_t n, uint64_t exp, uint32_t *idx_out,
                 const bool full)
{
	shmt_stripe_raw *s = ki->s;
	intent_begin(s, INTENT_INSERT, ki->b, 0);
	STEP(SHMT_STEP_INSERT_INTENT);
	shmt_status st = s->kept_head != 0 ? kept_take(t, s) : alloc_pop(t, s, 1);
	if (st != SHMT_OK) {
		intent_end(s);
		return st;
	}
	uint32_t idx = s->i_new;
	unsigned char *row = row_at(t, idx);
	STEP(SHMT_STEP_INSERT_ROW_TAKEN);
	/* The row is private until linked: plain stores are fine. */
	if (!full) {
		memset(row + ROW_VALUES_OFF, 0, t->row_bytes - ROW_VALUES_OFF);
	}
	*row_meta(row) = ki->meta;
	*row_expires(row) = exp;
	exp_min_lower(s, exp);
	uint64_t now = 0;
	lru_touch(t, row, &now);
	key_store(row + t->key_off, key, klen);
	apply_values(t, row, vals, n);
	shmt_store_relaxed(row_next(t, idx), t->buckets[ki->b]);
	STEP(SHMT_STEP_INSERT_ROW_WRITTEN);
	seq_begin(s);
	STEP(SHMT_STEP_INSERT_SEQ_ODD);
	shmt_store_release(&t->buckets[ki->b], idx);
	STEP(SHMT_STEP_INSERT_LINKED);
	seq_end(s);
	stat_inc(&s->inserts);
	STEP(SHMT_STEP_INSERT_SEQ_EVEN);
	intent_end(s);
	*idx_out = idx;
	return SHMT_OK;
}

static inline shmt_status insert_locked(shmt_table *t, const keyinfo *ki, const char *key,
                                        size_t klen, const shmt_value *vals, uint32_t n,
                                        uint64_t exp, uint32_t *idx_out)
{
	return insert_locked_as(t, ki, key, klen, vals, n, exp, idx_out, false);
}

/* Replace row `old` (reached through *link) by a copy with vals applied. */
static inline shmt_status replace_locked(shmt_table *t, const keyinfo *ki, uint32_t old,
                                         uint32_t *link, const shmt_value *vals, uint32_t n,
                                         int64_t ttl_ns, uint64_t *now)
{
	shmt_stripe_raw *s = ki->s;
	intent_begin(s, INTENT_REPLACE, ki->b, old);
	STEP(SHMT_STEP_REPLACE_INTENT);
	if (s->spare != 0) {
		if (!valid_idx(t, s->spare)) {
			intent_end(s); /* a damaged shared table: refuse, write nothing */
			return SHMT_E_CORRUPT;
		}
		/* Recovery treats a row named both here and in i_new as one. */
		s->i_new = s->spare;
		shmt_fence_release();
		s->spare = 0;
	} else {
		/* First update in this stripe: take its spare from the pool. */
		shmt_status st = alloc_pop(t, s, 0);
		if (st != SHMT_OK) {
			intent_end(s);
			return st;
		}
	}
	uint32_t idx = s->i_new;
	unsigned char *row = row_at(t, idx);
	STEP(SHMT_STEP_REPLACE_SPARE_TAKEN);
	memcpy(row + ROW_META_OFF, row_at(t, old) + ROW_META_OFF, t->row_bytes - ROW_META_OFF);
	apply_values(t, row, vals, n);
	if (ttl_ns != SHMT_TTL_KEEP) {
		uint64_t exp = expiry_of(t, ttl_ns, now);
		*row_expires(row) = exp;
		exp_min_lower(s, exp);
	}
	lru_touch(t, row, now);
	shmt_store_relaxed(row_next(t, idx), *row_next(t, old));
	STEP(SHMT_STEP_REPLACE_COPY_WRITTEN);
	seq_begin(s);
	STEP(SHMT_STEP_REPLACE_SEQ_ODD);
	shmt_store_release(link, idx);
	STEP(SHMT_STEP_REPLACE_LINKED);
	seq_end(s);
	stat_inc(&s->updates);
	STEP(SHMT_STEP_REPLACE_SEQ_EVEN);
	/* The old version is now unreachable: it becomes the stripe's spare. */
	s->spare = old;
	lru_retire(t, row_at(t, old));
	STEP(SHMT_STEP_REPLACE_OLD_SPARE);
	intent_end(s);
	return SHMT_OK;
}

/* A write that may insert, as write_locked() runs it: with the key's
 * stripe (at least) locked. */
typedef shmt_status (*locked_write)(shmt_table *t, const keyinfo *ki, void *arg);

/* shmt_write.c: an insert that found the table full (or no row with
 * storage) goes on here; the caller holds no lock. */
SHMT_INTERNAL __attribute__((noinline, cold)) shmt_status
shmt_write_when_full(shmt_table *t, const keyinfo *ki, locked_write op, void *arg,
                     shmt_status st);

/* Run a write with the key's stripe locked; an insert into a full table
 * goes on in shmt_write_when_full(). */
static inline __attribute__((always_inline)) shmt_status
write_locked(shmt_table *t, const keyinfo *ki, locked_write op, void *arg)
{
	shmt_status st = stripe_lock(t, ki->s);
	if (st != SHMT_OK) {
		return st;
	}
	st = op(t, ki, arg);
	stripe_unlock(t, ki->s);
	if (st == SHMT_FULL || st == SHMT_E_RESERVE) {
		st = shmt_write_when_full(t, ki, op, arg, st);
	}
	return st;
}

#endif /* SHMT_OPS_INTERNAL_H */
