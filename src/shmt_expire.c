/*
 * shmt_expire.c - rows that expire and tables that make room: reclaiming
 * expired rows (flushExpired(), and an insert into a full table) and
 * evicting the least recently used row (SHMT_EVICT_LRU). Off the hot path:
 * shmt_write.c calls in only when a table is full.
 */
#include "shmt_internal.h"

#include <stdint.h>
#include <string.h>

/* ---------------------------------------------------------------------- */
/* Reclaiming expired rows                                                  */

/* Scan every bucket of stripe i (its lock held) and reclaim the rows
 * expired at `now`, while *n is below max (0: no limit). A scan that went
 * through the whole stripe stores the earliest expiry of the rows left
 * (exact); one cut short by max leaves the old value, still a lower bound. */
static shmt_status stripe_reclaim_locked(shmt_table *t, uint32_t i, uint64_t now, uint64_t max,
                                         uint64_t *n)
{
	shmt_stripe_raw *s = &t->stripes[i].s;
	uint64_t min = 0;
	for (uint32_t b = i; b < t->nbuckets; b += t->stripe_mask + 1) {
		uint32_t *link = &t->buckets[b];
		uint32_t cur = *link;
		for (uint32_t steps = 0; cur != 0; steps++) {
			if (!valid_idx(t, cur) || steps > t->total_rows) {
				return SHMT_E_CORRUPT;
			}
			uint64_t exp = *row_expires(row_at(t, cur));
			if (exp != 0 && exp <= now) {
				if (max != 0 && *n >= max) {
					return SHMT_OK;
				}
				shmt_status st = reclaim_locked(t, s, b, cur, link);
				if (st != SHMT_OK) {
					return st;
				}
				(*n)++;
				cur = *link;
				continue;
			}
			if (exp != 0 && (min == 0 || exp < min)) {
				min = exp;
			}
			link = row_next(t, cur);
			cur = *link;
		}
	}
	shmt_store_relaxed(&s->exp_min, min);
	STEP(SHMT_STEP_EXP_MIN_SET);
	return SHMT_OK;
}

/* Reclaim expired rows, one stripe at a time (its lock only), skipping
 * every stripe whose earliest expiry is later than now: at most max rows
 * (0: all), and with one_stripe only those of the first stripe that has
 * any. *n gets the count. The caller holds no lock. */
shmt_status expired_reclaim(shmt_table *t, uint64_t max, int one_stripe, uint32_t from,
                            uint64_t *n)
{
	uint64_t now = table_now(t);
	*n = 0;
	for (uint32_t k = 0; k <= t->stripe_mask; k++) {
		uint32_t i = (from + k) & t->stripe_mask;
		shmt_stripe_raw *s = &t->stripes[i].s;
		uint64_t em = shmt_load_relaxed(&s->exp_min);
		if (em == 0 || em > now) {
			continue;
		}
		shmt_status st = stripe_lock(t, s);
		if (st != SHMT_OK) {
			return st;
		}
		st = stripe_reclaim_locked(t, i, now, max, n);
		stripe_unlock(t, s);
		if (st != SHMT_OK || (max != 0 && *n >= max) || (one_stripe && *n > 0)) {
			return st;
		}
	}
	return SHMT_OK;
}

shmt_status shmt_flush_expired(shmt_table *t, uint64_t max, uint64_t *reclaimed)
{
	return expired_reclaim(t, max, 0, 0, reclaimed);
}

/* ---------------------------------------------------------------------- */
/* Eviction (SHMT_EVICT_LRU)                                                */

/* How many rows eviction compares per victim, and how many draws it makes
 * before it gives up (SHMT_FULL). */
#define SHMT_EVICT_SAMPLES 5
#define SHMT_EVICT_PROBES 64

/* A cheap per-thread generator for the buckets eviction samples (xorshift;
 * seeded from the clock and the stack address). Quality hardly matters. */
_Thread_local uint64_t shmt_test_evict_seed = 0;

static uint64_t evict_rand(void)
{
	static _Thread_local uint64_t x;
	if (shmt_test_evict_seed != 0) {
		x = shmt_test_evict_seed | 1;
		shmt_test_evict_seed = 0;
	}
	if (x == 0) {
		uint64_t here = (uint64_t)(uintptr_t)&here;
		x = ((uint64_t)shmt_os_monotonic_ns() ^ (here << 17)) | 1;
	}
	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	return x;
}

static shmt_status evict_one_as(shmt_table *t, int all_held);

/* Evict one row of a full table: the least recently used (smallest `used`
 * second) of SHMT_EVICT_SAMPLES rows picked at random from the pool and
 * read without a lock; its bucket comes from its key. It is deleted under
 * its stripe's lock once found still in its chain; a sample that is not
 * (a free or spare row, or one a writer moved meanwhile) is drawn again, a
 * few times. The caller holds no lock. */
shmt_status evict_one(shmt_table *t)
{
	return evict_one_as(t, 0);
}

/* evict_one() by a caller that holds every stripe lock (lock_all()). */
shmt_status evict_one_all_held(shmt_table *t)
{
	return evict_one_as(t, 1);
}

static shmt_status evict_one_as(shmt_table *t, int all_held)
{
	char key[SHMT_MAX_KEY_LEN];
	uint32_t upto = shmt_load_relaxed(&t->a->next_unused);
	if (upto < 2 || upto > t->total_rows + 1) {
		return SHMT_FULL;
	}
	for (int attempt = 0; attempt < SHMT_EVICT_PROBES; attempt++) {
		uint32_t best_idx = 0, best_used = UINT32_MAX;
		for (int k = 0; k < SHMT_EVICT_SAMPLES; k++) {
			uint32_t idx = 1 + (uint32_t)(((evict_rand() >> 32) * (upto - 1)) >> 32);
			uint32_t used = shmt_load_relaxed(row_used(row_at(t, idx)));
			if (used == UINT32_MAX) {
				continue; /* out of its chain (lru_retire()) */
			}
			if (best_idx == 0 || used < best_used) {
				best_idx = idx;
				best_used = used;
			}
		}
		if (best_idx == 0) {
			continue; /* every sample out of its chain: draw again */
		}
		unsigned char *row = row_at(t, best_idx);
		uint32_t klen = shmt_load_relaxed(row_meta(row)) & ((1u << SHMT_KEYLEN_BITS) - 1);
		if (klen < 1 || klen > t->key_max) {
			continue; /* never used, or torn: draw again */
		}
		memcpy(key, row + t->key_off, klen);
		uint32_t b = bucket_of_hash(t, shmt_keyhash(t->seed, key, klen));
		shmt_stripe_raw *s = stripe_of(t, b);
		shmt_status st = all_held ? SHMT_OK : stripe_lock(t, s);
		if (st != SHMT_OK) {
			return st;
		}
		uint32_t *link = &t->buckets[b];
		uint32_t cur = *link;
		for (uint32_t steps = 0; cur != 0 && cur != best_idx; steps++) {
			if (!valid_idx(t, cur) || steps > t->total_rows) {
				if (!all_held) {
					stripe_unlock(t, s);
				}
				return SHMT_E_CORRUPT;
			}
			link = row_next(t, cur);
			cur = *link;
		}
		if (cur == best_idx) {
			STEP(SHMT_STEP_EVICT_CHOSEN);
			st = delete_locked(t, s, b, cur, link, NULL);
			if (st == SHMT_OK) {
				STEP(SHMT_STEP_EVICT_DONE);
			}
			if (!all_held) {
				stripe_unlock(t, s);
			}
			return st;
		}
		if (!all_held) {
			stripe_unlock(t, s);
		}
	}
	return SHMT_FULL;
}
