/*
 * shmt_write.c - the writes: set (insert or replace), cmpset, expire, del,
 * and the way on of an insert into a full table (reclaim expired rows,
 * hand back kept rows, evict).
 */
#include "shmt_ops_internal.h"

#include <stdint.h>
#include <string.h>

/* ---------------------------------------------------------------------- */
/* Writes                                                                   */

/* Each value's column exists, and a string fits it. */
static shmt_status check_values(const shmt_table *t, const shmt_value *vals, uint32_t n)
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

/* Do checked values (every col < ncols) name each of the table's columns
 * once? Only then can an insert skip clearing the row (insert_locked_as). */
static bool values_whole_row(const shmt_table *t, const shmt_value *vals, uint32_t n)
{
	if (n != t->ncols) {
		return false;
	}
	uint64_t seen[(SHMT_MAX_COLUMNS + 63) / 64] = {0};
	for (uint32_t i = 0; i < n; i++) {
		uint64_t bit = 1ull << (vals[i].col % 64);
		if (seen[vals[i].col / 64] & bit) {
			return false;
		}
		seen[vals[i].col / 64] |= bit;
	}
	return true;
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

__attribute__((noinline, cold)) shmt_status
shmt_write_when_full(shmt_table *t, const keyinfo *ki, locked_write op, void *arg,
                     shmt_status st)
{
	for (int round = 0;; round++) {
		if ((round == EVICT_FREE_ROUNDS || shmt_test_evict_all_held) && st == SHMT_FULL &&
		    t->evict == SHMT_EVICT_LRU) {
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

/* insert_locked() of a row that every column's value makes whole. */
static shmt_status insert_full_locked(shmt_table *t, const keyinfo *ki, const char *key,
                                      size_t klen, const shmt_value *vals, uint32_t n,
                                      uint64_t exp, uint32_t *idx_out)
{
	return insert_locked_as(t, ki, key, klen, vals, n, exp, idx_out, true);
}

/* shmt_set() with the key's stripe (at least) locked; `full` as for
 * insert_locked_as(). */
static inline __attribute__((always_inline)) shmt_status
set_locked(shmt_table *t, const keyinfo *ki, const char *key, size_t klen,
           const shmt_value *vals, uint32_t nvals, bool full, shmt_write_mode mode,
           int64_t ttl_ns, bool *inserted)
{
	uint32_t idx, *link;
	uint64_t now = 0;
	shmt_status st = find_locked_inline(t, ki, key, klen, &idx, &link, 1, &now);
	if (st == SHMT_OK) {
		st = mode == SHMT_INSERT_ONLY
		         ? SHMT_EXISTS
		         : replace_locked(t, ki, idx, link, vals, nvals, ttl_ns, &now);
	} else if (st == SHMT_NOT_FOUND && mode != SHMT_UPDATE_ONLY) {
		uint64_t exp = expiry_of(t, ttl_ns, &now);
		st = full ? insert_full_locked(t, ki, key, klen, vals, nvals, exp, &idx)
		          : insert_locked(t, ki, key, klen, vals, nvals, exp, &idx);
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
	bool full; /* vals name every column once */
	shmt_write_mode mode;
	int64_t ttl_ns;
	bool *inserted;
} set_args;

static inline __attribute__((always_inline)) shmt_status
set_write(shmt_table *t, const keyinfo *ki, void *arg)
{
	const set_args *a = arg;
	return set_locked(t, ki, a->key, a->klen, a->vals, a->nvals, a->full, a->mode, a->ttl_ns,
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
	set_args a = {.key = key, .klen = klen, .vals = vals, .nvals = nvals,
	              .full = values_whole_row(t, vals, nvals), .mode = mode, .ttl_ns = ttl_ns,
	              .inserted = inserted};
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
	/* checked values name no column twice (shmt.h): as many as there
	 * are columns name each once */
	set_args a = {.key = key, .klen = klen, .vals = vals, .nvals = nvals,
	              .full = nvals == t->ncols, .mode = mode, .ttl_ns = ttl_ns,
	              .inserted = inserted};
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
	shmt_status st = find_locked_inline(t, ki, key, klen, idx, link, 1, &now);
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

void shmt_test_seq_advance(shmt_table *t, const char *key, size_t klen, uint64_t writes)
{
	keyinfo ki;
	if (key_prepare(t, key, klen, &ki) != SHMT_OK || stripe_lock(t, ki.s) != SHMT_OK) {
		return;
	}
	shmt_store_release(&ki.s->seq, ki.s->seq + 2 * writes);
	stripe_unlock(t, ki.s);
}
