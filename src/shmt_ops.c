/*
 * shmt_ops.c - the hot path: key lookup, point reads, and the writes
 * (set, cmpset, del, incr). One translation unit, so that the compiler
 * inlines across all of it.
 */
#include "shmt_internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------------- */
/* Lookup                                                                   */

typedef struct {
	uint64_t h;
	uint32_t b;
	uint32_t meta;
	shmt_stripe_raw *s;
} keyinfo;

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
static shmt_status find_locked(shmt_table *t, const keyinfo *ki, const char *key,
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

/* Copy out of a row what the reader asked for: the whole row (col < 0), or
 * one column at its own offset in img, so the shmt_img_* helpers decode
 * both alike. A length read here may be torn; it is clamped so the copy
 * stays in bounds, and the caller's sequence check throws the copy away. */
static inline void copy_out(const shmt_table *t, const unsigned char *row,
                            unsigned char *img, int col)
{
	if (col < 0) {
		memcpy(img, row, t->row_bytes);
		return;
	}
	const shmt_coldesc *c = &t->cols[col];
	if (c->type != SHMT_TYPE_STRING) {
		memcpy(img + c->off, row + c->off, 8);
		return;
	}
	memcpy(img + c->lenoff, row + c->lenoff, c->lenw);
	uint32_t len = load_len(img + c->lenoff, c->lenw);
	memcpy(img + c->off, row + c->off, len <= c->size ? len : c->size);
}

/* One optimistic read of a key (seq_read() runs it): find the row and copy
 * it into img (if non-NULL). Every index read here may be torn, so each is
 * checked before use and the walk is bounded; a torn walk is thrown away
 * by the sequence check. */
typedef struct {
	const keyinfo *ki;
	const char *key;
	size_t klen;
	void *img;
	int col;
	uint32_t found; /* the row, or 0 */
	uint64_t exp;   /* its expiry */
	uint64_t now;   /* the clock, 0 until read */
} point_read;

/* The walk of an optimistic read: the row of the key in its chain, or 0
 * (maybe torn: the caller's sequence check decides). */
static inline __attribute__((always_inline)) uint32_t
point_find(shmt_table *t, const keyinfo *ki, const char *key, size_t klen)
{
	uint32_t cur = shmt_load_acquire(&t->buckets[ki->b]);
	for (uint32_t steps = 0; cur != 0; steps++) {
		if (!valid_idx(t, cur) || steps > t->total_rows) {
			return 0; /* torn: the seq check fails */
		}
		unsigned char *row = row_at(t, cur);
		if (shmt_load_relaxed(row_meta(row)) == ki->meta &&
		    key_eq(row + t->key_off, key, klen)) {
			return cur;
		}
		cur = shmt_load_acquire(row_next(t, cur));
	}
	return 0;
}

static inline __attribute__((always_inline)) int point_copy(shmt_table *t, void *arg)
{
	point_read *p = arg;
	uint32_t found = point_find(t, p->ki, p->key, p->klen);
	if (found != 0) {
		/* An expired row is absent; the clock is read only for a row
		 * that has an expiry. */
		p->exp = shmt_load_relaxed(row_expires(row_at(t, found)));
		if (expired_at(t, p->exp, &p->now)) {
			found = 0;
		} else if (p->img != NULL) {
			copy_out(t, row_at(t, found), p->img, p->col);
		}
	}
	p->found = found;
	return 1;
}

static shmt_status read_locked(shmt_table *t, const keyinfo *ki, const char *key,
                               size_t klen, void *img, int col, point_read *p)
{
	shmt_status st = stripe_lock(t, ki->s);
	if (st != SHMT_OK) {
		return st;
	}
	uint32_t idx, *link;
	st = find_locked(t, ki, key, klen, &idx, &link, 0, &p->now);
	if (st == SHMT_OK) {
		p->found = idx;
		p->exp = *row_expires(row_at(t, idx));
		if (img != NULL) {
			copy_out(t, row_at(t, idx), img, col);
		}
	}
	stripe_unlock(t, ki->s);
	return st;
}

/* A point read; *p gets the row's expiry and the clock, if it was read. */
static inline __attribute__((always_inline)) shmt_status
read_key_p(shmt_table *t, const char *key, size_t klen, void *img, int col, point_read *p)
{
	keyinfo ki;
	shmt_status st = key_prepare(t, key, klen, &ki);
	if (st != SHMT_OK) {
		return st;
	}
	*p = (point_read){.ki = &ki, .key = key, .klen = klen, .img = img, .col = col};
	if (seq_read(t, ki.s, point_copy, p)) {
		return p->found != 0 ? SHMT_OK : SHMT_NOT_FOUND;
	}
	return read_locked(t, &ki, key, klen, img, col, p);
}

static shmt_status read_key(shmt_table *t, const char *key, size_t klen, void *img,
                            int col)
{
	point_read p;
	shmt_status st = read_key_p(t, key, klen, img, col, &p);
	if (st == SHMT_OK && t->evict == SHMT_EVICT_LRU && p.found != 0) {
		lru_touch(t, row_at(t, p.found), &p.now);
	}
	return st;
}

shmt_status shmt_ttl(shmt_table *t, const char *key, size_t klen, int64_t *left_ns)
{
	point_read p;
	shmt_status st = read_key_p(t, key, klen, NULL, -1, &p);
	*left_ns = 0;
	if (st == SHMT_OK && p.exp != 0) {
		/* Not expired, so the clock was read and is below exp. */
		uint64_t left = p.exp - p.now;
		*left_ns = left > (uint64_t)INT64_MAX ? INT64_MAX : (int64_t)left;
	}
	return st;
}

shmt_status shmt_get(shmt_table *t, const char *key, size_t klen, void *img)
{
	return read_key(t, key, klen, img, -1);
}

shmt_status shmt_get_col(shmt_table *t, const char *key, size_t klen, uint32_t col,
                         void *img)
{
	if (col >= t->ncols) {
		return SHMT_E_INVALID;
	}
	return read_key(t, key, klen, img, (int)col);
}

/* shmt_get_num(): one optimistic read of a number cell. */
typedef struct {
	const keyinfo *ki;
	const char *key;
	size_t klen;
	uint32_t off;   /* the cell */
	uint32_t found; /* the row, or 0 */
	uint64_t v;     /* the cell's bytes */
	uint64_t now;   /* the clock, 0 until read */
} num_read;

static inline __attribute__((always_inline)) int num_copy(shmt_table *t, void *arg)
{
	num_read *p = arg;
	uint32_t found = point_find(t, p->ki, p->key, p->klen);
	if (found != 0) {
		unsigned char *row = row_at(t, found);
		if (expired_at(t, shmt_load_relaxed(row_expires(row)), &p->now)) {
			found = 0;
		} else {
			memcpy(&p->v, row + p->off, 8);
		}
	}
	p->found = found;
	return 1;
}

/* shmt_get_num() past its first optimistic pass: the whole read protocol
 * again (retries, then the lock, which also repairs after a dead writer).
 * Rare: a writer of the same stripe was at work meanwhile. */
static __attribute__((noinline, cold)) shmt_status
get_num_slow(shmt_table *t, const char *key, size_t klen, uint32_t off, void *out)
{
	keyinfo ki;
	shmt_status st = key_prepare(t, key, klen, &ki);
	if (st != SHMT_OK) {
		return st;
	}
	num_read p = {.ki = &ki, .key = key, .klen = klen, .off = off};
	if (!seq_read(t, ki.s, num_copy, &p)) {
		/* Torn too often, or a writer died: read under the lock, which
		 * also repairs after a dead writer. */
		if ((st = stripe_lock(t, ki.s)) != SHMT_OK) {
			return st;
		}
		uint32_t idx, *link;
		st = find_locked(t, &ki, key, klen, &idx, &link, 0, &p.now);
		if (st == SHMT_OK) {
			memcpy(&p.v, row_at(t, idx) + p.off, 8);
			p.found = idx;
		}
		stripe_unlock(t, ki.s);
		if (st != SHMT_OK) {
			return st;
		}
	}
	if (p.found == 0) {
		return SHMT_NOT_FOUND;
	}
	memcpy(out, &p.v, 8);
	lru_touch(t, row_at(t, p.found), &p.now);
	return SHMT_OK;
}

/* The first pass of seq_read() written out, so that the common read (an
 * even counter that has not moved) keeps everything in registers; any
 * other case goes to get_num_slow(). */
shmt_status shmt_get_num(shmt_table *t, const char *key, size_t klen, uint32_t col,
                         void *out)
{
	if (col >= t->ncols || t->cols[col].type == SHMT_TYPE_STRING) {
		return SHMT_E_INVALID;
	}
	keyinfo ki;
	shmt_status st = key_prepare(t, key, klen, &ki);
	if (st != SHMT_OK) {
		return st;
	}
	uint32_t off = t->cols[col].off;
	uint64_t s1 = shmt_load_acquire(&ki.s->seq);
	if ((s1 & 1) == 0) {
		uint32_t found = point_find(t, &ki, key, klen);
		uint64_t exp = 0, v = 0;
		if (found != 0) {
			unsigned char *row = row_at(t, found);
			exp = shmt_load_relaxed(row_expires(row));
			memcpy(&v, row + off, 8);
		}
		shmt_fence_acquire();
		if (shmt_load_relaxed(&ki.s->seq) == s1) {
			/* A consistent copy: the row, its expiry and the cell. */
			uint64_t now = 0;
			if (found == 0 || expired_at(t, exp, &now)) {
				return SHMT_NOT_FOUND;
			}
			memcpy(out, &v, 8);
			lru_touch(t, row_at(t, found), &now);
			return SHMT_OK;
		}
		shmt_add_relaxed(&t->read_retries, 1);
	}
	return get_num_slow(t, key, klen, off, out);
}

shmt_status shmt_exists(shmt_table *t, const char *key, size_t klen)
{
	return read_key(t, key, klen, NULL, -1);
}

/* ---------------------------------------------------------------------- */
/* Writes                                                                   */

static shmt_status check_values(const shmt_table *t, const shmt_value *vals,
                                uint32_t n)
{
	for (uint32_t i = 0; i < n; i++) {
		if (vals[i].col >= t->ncols) {
			return SHMT_E_INVALID;
		}
		const shmt_coldesc *c = &t->cols[vals[i].col];
		if (c->type == SHMT_TYPE_STRING &&
		    (vals[i].v.s.len > c->size || (vals[i].v.s.len > 0 && vals[i].v.s.ptr == NULL))) {
			return SHMT_E_INVALID;
		}
	}
	return SHMT_OK;
}

static void apply_values(const shmt_table *t, unsigned char *row,
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

/* Compare under the lock: 1 if every expected value equals the stored one. */
static int values_match(const shmt_table *t, const unsigned char *row,
                        const shmt_value *exp, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++) {
		const shmt_coldesc *c = &t->cols[exp[i].col];
		if (c->type == SHMT_TYPE_STRING) {
			uint32_t len = load_len(row + c->lenoff, c->lenw);
			if (len != exp[i].v.s.len ||
			    (len > 0 && memcmp(row + c->off, exp[i].v.s.ptr, len) != 0)) {
				return 0;
			}
		} else if (memcmp(row + c->off, &exp[i].v, 8) != 0) {
			return 0; /* ints and floats alike: bit for bit */
		}
	}
	return 1;
}

/* Insert a new row for a key known to be absent. Stripe lock held. */
static shmt_status insert_locked(shmt_table *t, const keyinfo *ki, const char *key,
                                 size_t klen, const shmt_value *vals, uint32_t n,
                                 uint64_t exp, uint32_t *idx_out)
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
	memset(row + ROW_VALUES_OFF, 0, t->row_bytes - ROW_VALUES_OFF);
	*row_meta(row) = ki->meta;
	*row_expires(row) = exp;
	exp_min_lower(s, exp);
	uint64_t now = 0;
	lru_touch(t, row, &now);
	memcpy(row + t->key_off, key, klen);
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

/* Replace row `old` (reached through *link) by a copy with vals applied. */
static shmt_status replace_locked(shmt_table *t, const keyinfo *ki, uint32_t old,
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

/* Unlink row `old` (reached through *link) of bucket b and free it;
 * counted in *counter (the stripe's deletes, or expired for a reclaim), or
 * with counter NULL in the table's evicted. */
shmt_status delete_locked(shmt_table *t, shmt_stripe_raw *s, uint32_t b, uint32_t old,
                          uint32_t *link, uint64_t *counter)
{
	intent_begin(s, INTENT_DELETE, b, old);
	STEP(SHMT_STEP_DELETE_INTENT);
	seq_begin(s);
	STEP(SHMT_STEP_DELETE_SEQ_ODD);
	shmt_store_release(link, *row_next(t, old));
	STEP(SHMT_STEP_DELETE_UNLINKED);
	seq_end(s);
	lru_retire(t, row_at(t, old));
	if (counter != NULL) {
		stat_inc(counter);
	} else {
		shmt_add_relaxed(&t->a->evicted, 1); /* any stripe's holder: atomic */
	}
	STEP(SHMT_STEP_DELETE_SEQ_EVEN);
	shmt_status st = SHMT_OK;
	if (s->kept_n < t->kept_cap && shmt_load_relaxed(&t->a->live) <= t->kept_below) {
		/* Kept by the stripe, still counted live: no allocator lock. */
		shmt_store_release(row_next(t, old), s->kept_head);
		STEP(SHMT_STEP_DELETE_KEPT_LINKED);
		s->kept_n++;
		shmt_fence_release();
		s->kept_head = old;
		STEP(SHMT_STEP_DELETE_KEPT_HEAD);
	} else {
		st = alloc_push(t, s, JOURNAL_I_OLD, 1);
	}
	STEP(SHMT_STEP_DELETE_ROW_PUT_AWAY);
	intent_end(s);
	return st;
}

/* An insert found the table full while stripes may hold rows (the caller
 * then holds no lock): take every stripe lock, so that no write runs
 * anywhere and every dead writer's stripe is repaired, and hand the kept
 * rows back. The caller runs its write again and unlocks with
 * unlock_all(); its answer is then exact: SHMT_FULL only if the table holds
 * `size` rows. `why` (nothing held) if no stripe holds a row and, for
 * SHMT_FULL, live is still `size` (a delete may have completed since the
 * first answer), so that answer stands. The same for an insert that found
 * no row with storage (`why` SHMT_E_RESERVE, a full file system): rows
 * that stripes keep have storage, and a row handed back is taken before a
 * new one. */
static __attribute__((noinline, cold)) shmt_status lock_all_drained(shmt_table *t,
                                                                   shmt_status why)
{
	if (!rows_held_by_stripes(t) &&
	    (why != SHMT_FULL || shmt_load_relaxed(&t->a->live) >= t->size)) {
		return why;
	}
	uint32_t failed_at;
	shmt_status st = lock_all(t, &failed_at);
	if (st == SHMT_OK) {
		st = kept_give_back(t);
		if (st != SHMT_OK) {
			unlock_all(t);
		}
	}
	return st;
}

/* A write that may insert, as write_locked() runs it: with the key's
 * stripe (at least) locked. */
typedef shmt_status (*locked_write)(shmt_table *t, const keyinfo *ki, void *arg);

/* An insert found the table full (`st` SHMT_FULL), or no row with storage
 * (SHMT_E_RESERVE); the caller holds no lock. First reclaim the expired rows
 * of one stripe that has some (none scanned if no stripe's earliest expiry
 * has passed) and run again. If it is still full (or no row has storage)
 * while stripes may keep rows, run once more with every stripe locked and
 * the kept rows handed back (lock_all_drained()), so that the answer is
 * exact. Still full, and the table evicts (SHMT_EVICT_LRU): evict one row
 * and run again. Others inserting at the same time may take the room each
 * time (a writer that keeps losing it would answer SHMT_FULL on a table
 * that evicts), so after EVICT_FREE_ROUNDS rounds the eviction and the
 * write run with every stripe locked, the rows the stripes keep handed
 * back before and after: nobody else can insert meanwhile, and the row
 * evicted is the writer's. */
#define EVICT_FREE_ROUNDS 3

static __attribute__((noinline, cold)) shmt_status
evict_and_write_all_held(shmt_table *t, const keyinfo *ki, locked_write op, void *arg)
{
	uint32_t failed_at;
	shmt_status st = lock_all(t, &failed_at);
	if (st != SHMT_OK) {
		return st;
	}
	if ((st = kept_give_back(t)) == SHMT_OK) {
		st = op(t, ki, arg);
		if (st == SHMT_FULL && (st = evict_one_all_held(t)) == SHMT_OK &&
		    (st = kept_give_back(t)) == SHMT_OK) {
			st = op(t, ki, arg);
		}
	}
	unlock_all(t);
	return st;
}

static __attribute__((noinline, cold)) shmt_status
write_when_full(shmt_table *t, const keyinfo *ki, locked_write op, void *arg, shmt_status st)
{
	for (int round = 0;; round++) {
		if (round == EVICT_FREE_ROUNDS && st == SHMT_FULL && t->evict == SHMT_EVICT_LRU) {
			return evict_and_write_all_held(t, ki, op, arg);
		}
		uint64_t n;
		if (st == SHMT_FULL &&
		    (st = expired_reclaim(t, 0, 1, stripe_index(t, ki->s), &n)) == SHMT_OK) {
			st = SHMT_FULL;
			if (n > 0 && (st = stripe_lock(t, ki->s)) == SHMT_OK) {
				st = op(t, ki, arg);
				stripe_unlock(t, ki->s);
			}
		}
		if ((st == SHMT_FULL || st == SHMT_E_RESERVE) &&
		    (st = lock_all_drained(t, st)) == SHMT_OK) {
			st = op(t, ki, arg);
			unlock_all(t);
		}
		if (st != SHMT_FULL || t->evict != SHMT_EVICT_LRU || round == 8) {
			return st;
		}
		if ((st = evict_one(t)) != SHMT_OK || (st = stripe_lock(t, ki->s)) != SHMT_OK) {
			return st;
		}
		st = op(t, ki, arg);
		stripe_unlock(t, ki->s);
		if (st != SHMT_FULL) {
			return st;
		}
	}
}

/* Run a write with the key's stripe locked; an insert into a full table
 * goes on in write_when_full(). */
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
		st = write_when_full(t, ki, op, arg, st);
	}
	return st;
}

/* shmt_set() with the key's stripe (at least) locked. */
static inline __attribute__((always_inline)) shmt_status
set_locked(shmt_table *t, const keyinfo *ki, const char *key, size_t klen,
           const shmt_value *vals, uint32_t nvals, shmt_write_mode mode, int64_t ttl_ns,
           bool *inserted)
{
	uint32_t idx, *link;
	uint64_t now = 0;
	shmt_status st = find_locked(t, ki, key, klen, &idx, &link, 1, &now);
	if (st == SHMT_OK) {
		st = mode == SHMT_INSERT_ONLY
		         ? SHMT_EXISTS
		         : replace_locked(t, ki, idx, link, vals, nvals, ttl_ns, &now);
	} else if (st == SHMT_NOT_FOUND && mode != SHMT_UPDATE_ONLY) {
		st = insert_locked(t, ki, key, klen, vals, nvals, expiry_of(t, ttl_ns, &now), &idx);
		if (st == SHMT_OK && inserted != NULL) {
			*inserted = true;
		}
	}
	return st;
}

typedef struct {
	const char *key;
	size_t klen;
	const shmt_value *vals;
	uint32_t nvals;
	shmt_write_mode mode;
	int64_t ttl_ns;
	bool *inserted;
} set_args;

static inline __attribute__((always_inline)) shmt_status
set_write(shmt_table *t, const keyinfo *ki, void *arg)
{
	const set_args *a = arg;
	return set_locked(t, ki, a->key, a->klen, a->vals, a->nvals, a->mode, a->ttl_ns,
	                  a->inserted);
}

shmt_status shmt_set(shmt_table *t, const char *key, size_t klen,
                     const shmt_value *vals, uint32_t nvals,
                     shmt_write_mode mode, bool *inserted)
{
	return shmt_set_ttl(t, key, klen, vals, nvals, mode, SHMT_TTL_KEEP, inserted);
}

shmt_status shmt_set_ttl(shmt_table *t, const char *key, size_t klen,
                         const shmt_value *vals, uint32_t nvals,
                         shmt_write_mode mode, int64_t ttl_ns, bool *inserted)
{
	keyinfo ki;
	if (inserted != NULL) {
		*inserted = false;
	}
	shmt_status st = key_prepare(t, key, klen, &ki);
	if (st == SHMT_OK) {
		st = check_values(t, vals, nvals);
	}
	if (st == SHMT_OK && ttl_ns < SHMT_TTL_KEEP) {
		st = SHMT_E_INVALID;
	}
	if (st != SHMT_OK) {
		return st;
	}
	set_args a = {.key = key, .klen = klen, .vals = vals, .nvals = nvals, .mode = mode,
	              .ttl_ns = ttl_ns, .inserted = inserted};
	return write_locked(t, &ki, set_write, &a);
}

shmt_status shmt_set_ttl_checked(shmt_table *t, const char *key, size_t klen,
                                 const shmt_value *vals, uint32_t nvals,
                                 shmt_write_mode mode, int64_t ttl_ns, bool *inserted)
{
	keyinfo ki;
	if (inserted != NULL) {
		*inserted = false;
	}
	shmt_status st = key_prepare(t, key, klen, &ki);
	if (st != SHMT_OK) {
		return st;
	}
	set_args a = {.key = key, .klen = klen, .vals = vals, .nvals = nvals, .mode = mode,
	              .ttl_ns = ttl_ns, .inserted = inserted};
	return write_locked(t, &ki, set_write, &a);
}

/* Under the stripe lock: find the key's row, which must hold the expected
 * values (any values when expected is NULL), else SHMT_MISMATCH. */
static inline __attribute__((always_inline)) shmt_status
find_expected_locked(shmt_table *t, const keyinfo *ki, const char *key, size_t klen,
                     const shmt_value *expected, uint32_t nexpected, uint32_t *idx,
                     uint32_t **link)
{
	uint64_t now = 0;
	shmt_status st = find_locked(t, ki, key, klen, idx, link, 1, &now);
	if (st == SHMT_OK && expected != NULL &&
	    !values_match(t, row_at(t, *idx), expected, nexpected)) {
		st = SHMT_MISMATCH;
	}
	return st;
}

shmt_status shmt_cmpset(shmt_table *t, const char *key, size_t klen,
                        const shmt_value *expected, uint32_t nexpected,
                        const shmt_value *vals, uint32_t nvals)
{
	keyinfo ki;
	uint32_t idx, *link;
	shmt_status st = key_prepare(t, key, klen, &ki);
	if (st == SHMT_OK) {
		st = check_values(t, expected, nexpected);
	}
	if (st == SHMT_OK) {
		st = check_values(t, vals, nvals);
	}
	if (st != SHMT_OK) {
		return st;
	}
	st = stripe_lock(t, ki.s);
	if (st != SHMT_OK) {
		return st;
	}
	st = find_expected_locked(t, &ki, key, klen, expected, nexpected, &idx, &link);
	if (st == SHMT_OK) {
		uint64_t now = 0;
		st = replace_locked(t, &ki, idx, link, vals, nvals, SHMT_TTL_KEEP, &now);
	}
	stripe_unlock(t, ki.s);
	return st;
}

shmt_status shmt_expire(shmt_table *t, const char *key, size_t klen, int64_t ttl_ns)
{
	keyinfo ki;
	uint32_t idx, *link;
	shmt_status st = key_prepare(t, key, klen, &ki);
	if (st == SHMT_OK && ttl_ns < 0) {
		st = SHMT_E_INVALID;
	}
	if (st != SHMT_OK || (st = stripe_lock(t, ki.s)) != SHMT_OK) {
		return st;
	}
	uint64_t now = 0;
	st = find_locked(t, &ki, key, klen, &idx, &link, 1, &now);
	if (st == SHMT_OK) {
		st = replace_locked(t, &ki, idx, link, NULL, 0, ttl_ns, &now);
	}
	stripe_unlock(t, ki.s);
	return st;
}

shmt_status shmt_del(shmt_table *t, const char *key, size_t klen,
                     const shmt_value *expected, uint32_t nexpected, void *img)
{
	keyinfo ki;
	uint32_t idx, *link;
	shmt_status st = key_prepare(t, key, klen, &ki);
	if (st == SHMT_OK && expected != NULL) {
		st = check_values(t, expected, nexpected);
	}
	if (st != SHMT_OK) {
		return st;
	}
	st = stripe_lock(t, ki.s);
	if (st != SHMT_OK) {
		return st;
	}
	st = find_expected_locked(t, &ki, key, klen, expected, nexpected, &idx, &link);
	if (st == SHMT_OK) {
		if (img != NULL) {
			memcpy(img, row_at(t, idx), t->row_bytes);
		}
		st = delete_locked(t, ki.s, ki.b, idx, link, &ki.s->deletes);
	}
	stripe_unlock(t, ki.s);
	return st;
}

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

shmt_status shmt_incr_multi_checked(shmt_table *t, const char *key, size_t klen,
                                    const shmt_value *deltas, uint32_t n, bool sub,
                                    int64_t ttl_ns, shmt_value *results, uint32_t *failed)
{
	keyinfo ki;
	shmt_status st = key_prepare(t, key, klen, &ki);
	if (st != SHMT_OK) {
		return st;
	}
	/* write_locked() written out, so that the arguments stay where they
	 * are (in registers) on the usual way and go to memory only for
	 * write_when_full(). incr() and decr() each in a version of its own:
	 * no test of sub per delta. */
	st = stripe_lock(t, ki.s);
	if (st != SHMT_OK) {
		return st;
	}
	incr_multi_args a = {.key = key, .klen = klen, .deltas = deltas, .n = n, .sub = sub,
	                     .results = results, .failed = failed, .ttl_ns = ttl_ns};
	st = sub ? incr_multi_write_checked_sub(t, &ki, &a) : incr_multi_write_checked_add(t, &ki, &a);
	stripe_unlock(t, ki.s);
	if (st == SHMT_FULL || st == SHMT_E_RESERVE) {
		incr_multi_args held = a;
		st = write_when_full(t, &ki,
		                     sub ? incr_multi_write_checked_sub : incr_multi_write_checked_add,
		                     &held, st);
	}
	return st;
}

void shmt_test_seq_advance(shmt_table *t, const char *key, size_t klen, uint64_t writes)
{
	keyinfo ki;
	if (key_prepare(t, key, klen, &ki) != SHMT_OK || stripe_lock(t, ki.s) != SHMT_OK) {
		return;
	}
	shmt_store_release(&ki.s->seq, ki.s->seq + 2 * writes);
	stripe_unlock(t, ki.s);
}
