/*
 * shmt_iter.c - counting, statistics and the bucket snapshots that
 * iteration is made of.
 */
#include "shmt_internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Rows stored: live minus the rows the stripes keep for their next
 * inserts (counted live); *kept gets the latter. A row a dead writer held
 * in flight is not counted: its stripe is repaired first. */
static uint64_t count_rows(shmt_table *t, uint64_t *kept)
{
	for (int pass = 0;; pass++) {
		uint64_t live = shmt_load_relaxed(&t->a->live), n = 0;
		uint64_t busy = 0;
		for (uint32_t i = 0; i <= t->stripe_mask; i++) {
			const shmt_stripe_raw *s = &t->stripes[i].s;
			n += shmt_load_relaxed(&s->kept_n);
			busy |= shmt_load_relaxed(&s->i_kind) | (shmt_load_relaxed(&s->seq) & 1);
		}
		if (busy == 0 || pass == 1) {
			*kept = n;
			return live > n ? live - n : 0;
		}
		settle_dead_writers(t);
	}
}

uint64_t shmt_count(shmt_table *t)
{
	uint64_t kept;
	return count_rows(t, &kept);
}

/* The rows on one bucket's chain, as seq_read() runs the walk: 0 (and
 * the walk thrown away) at an index out of range or a walk longer than the
 * table's rows, which only a chain changing under it gives. */
typedef struct {
	uint32_t bucket;
	uint64_t len;
} chain_count;

static int chain_walk(shmt_table *t, void *arg)
{
	chain_count *c = arg;
	uint32_t cur = shmt_load_acquire(&t->buckets[c->bucket]);
	uint64_t len = 0;
	while (cur != 0) {
		if (!valid_idx(t, cur) || len >= t->size) {
			return 0;
		}
		len++;
		cur = shmt_load_acquire(row_next(t, cur));
	}
	c->len = len;
	return 1;
}

/* The rows on bucket b's chain: a length the chain had at one instant
 * (the walk validated by the stripe's sequence counter, as a read is). A
 * chain its writers never leave alone for long enough, or a stripe a dead
 * writer holds, gets the length of one unvalidated walk, bounded by the
 * table's size: a statistic, never a wait and never a lock. */
static uint64_t chain_length(shmt_table *t, uint32_t b)
{
	if (shmt_load_relaxed(&t->buckets[b]) == 0) {
		return 0; /* empty at the instant of that load */
	}
	chain_count c = {.bucket = b, .len = 0};
	if (seq_read(t, stripe_of(t, b), chain_walk, &c)) {
		return c.len;
	}
	uint32_t cur = shmt_load_acquire(&t->buckets[b]);
	uint64_t len = 0;
	while (cur != 0 && valid_idx(t, cur) && len < t->size) {
		len++;
		cur = shmt_load_acquire(row_next(t, cur));
	}
	return len;
}

void shmt_get_stats_shape(shmt_table *t, shmt_stats *st, uint64_t *hist, uint32_t nbins,
                          uint64_t *stripe_rows)
{
	memset(st, 0, sizeof(*st));
	st->rows = count_rows(t, &st->kept_rows);
	st->size = t->size;
	st->memory_size = t->map_bytes;
	for (uint32_t i = 0; i <= t->stripe_mask; i++) {
		shmt_stripe_raw *s = &t->stripes[i].s;
		st->insert_count += shmt_load_relaxed(&s->inserts);
		st->update_count += shmt_load_relaxed(&s->updates);
		st->delete_count += shmt_load_relaxed(&s->deletes);
		st->expired += shmt_load_relaxed(&s->expired);
	}
	st->evicted = shmt_load_relaxed(&t->a->evicted);
	st->evict = t->evict;
	st->lock_recoveries = shmt_load_relaxed(&t->a->recoveries);
	if (nbins > 0) {
		memset(hist, 0, (size_t)nbins * sizeof(*hist));
	}
	if (stripe_rows != NULL) {
		memset(stripe_rows, 0, ((size_t)t->stripe_mask + 1) * sizeof(*stripe_rows));
	}
	/* The one walk of the chains: max_chain, chained_rows and the shape. */
	uint64_t max_chain = 0, chained = 0;
	for (uint32_t b = 0; b < t->nbuckets; b++) {
		uint64_t len = chain_length(t, b);
		if (len > max_chain) {
			max_chain = len;
		}
		chained += len > 1 ? len - 1 : 0;
		if (nbins > 0) {
			hist[len < nbins ? len : nbins - 1]++;
		}
		if (stripe_rows != NULL) {
			stripe_rows[b & t->stripe_mask] += len;
		}
	}
	st->max_chain = max_chain;
	st->chained_rows = chained;
	st->key_max_length = t->key_max;
	st->row_bytes = (uint64_t)t->row_bytes + sizeof(uint32_t);
	st->buckets = t->nbuckets;
	st->stripes = (uint64_t)t->stripe_mask + 1;
	st->spare_rows = t->total_rows - t->size;
	st->read_retries = shmt_load_relaxed(&t->read_retries);
}

void shmt_get_stats(shmt_table *t, shmt_stats *st)
{
	shmt_get_stats_shape(t, st, NULL, 0, NULL);
}

uint32_t shmt_next_bucket(shmt_table *t, uint32_t from)
{
	for (uint32_t b = from; b < t->nbuckets; b++) {
		if (shmt_load_relaxed(&t->buckets[b]) != 0) {
			return b;
		}
	}
	return t->nbuckets;
}

/* Copy the rows of bucket b's chain that have not expired into buf;
 * *count gets their number (possibly more than fit). Caller validates
 * (seq) or holds the lock. */
static int copy_chain(shmt_table *t, uint32_t b, unsigned char *buf, size_t cap,
                      uint32_t *count)
{
	uint32_t cur = shmt_load_acquire(&t->buckets[b]);
	uint32_t n = 0, steps = 0;
	uint64_t now = 0;
	while (cur != 0) {
		if (!valid_idx(t, cur) || steps++ > t->total_rows) {
			return 0;
		}
		unsigned char *row = row_at(t, cur);
		if (!expired_at(t, shmt_load_relaxed(row_expires(row)), &now)) {
			if ((size_t)(n + 1) * t->row_bytes <= cap) {
				memcpy(buf + (size_t)n * t->row_bytes, row, t->row_bytes);
			}
			n++;
		}
		cur = shmt_load_acquire(row_next(t, cur));
	}
	*count = n;
	return 1;
}

/* copy_chain() as seq_read() runs it. */
typedef struct {
	uint32_t bucket;
	unsigned char *buf;
	size_t cap;
	uint32_t *n;
} chain_read;

static int chain_copy(shmt_table *t, void *arg)
{
	chain_read *c = arg;
	return copy_chain(t, c->bucket, c->buf, c->cap, c->n);
}

/* One bucket's chain as one consistent snapshot (seq_read(); the lock
 * after too many tries). *n gets the rows on the chain, whether or not
 * they fitted in cap. */
static shmt_status snapshot_one(shmt_table *t, uint32_t bucket, unsigned char *buf,
                                size_t cap, uint32_t *n)
{
	shmt_stripe_raw *s = stripe_of(t, bucket);
	chain_read c = {.bucket = bucket, .buf = buf, .cap = cap, .n = n};
	if (seq_read(t, s, chain_copy, &c)) {
		return SHMT_OK;
	}
	shmt_status st = stripe_lock(t, s);
	if (st != SHMT_OK) {
		return st;
	}
	int ok = copy_chain(t, bucket, buf, cap, n);
	stripe_unlock(t, s);
	return ok ? SHMT_OK : SHMT_E_CORRUPT;
}

shmt_status shmt_snapshot_bucket(shmt_table *t, uint32_t bucket, void *buf,
                                 size_t cap, uint32_t *nrows, size_t *need)
{
	uint32_t n = 0;
	*nrows = 0;
	if (need != NULL) {
		*need = 0;
	}
	if (bucket >= t->nbuckets) {
		return SHMT_E_INVALID;
	}
	shmt_status st = snapshot_one(t, bucket, buf, cap, &n);
	if (st != SHMT_OK) {
		return st;
	}
	if ((size_t)n * t->row_bytes > cap) {
		if (need != NULL) {
			*need = (size_t)n * t->row_bytes;
		}
		return SHMT_E_BUFFER;
	}
	*nrows = n;
	return SHMT_OK;
}

/* How many buckets ahead the batch prefetches the first row of a chain:
 * rows sit in the pool in allocation order, not bucket order, so each one
 * is a cache miss that is better started early. */
#define SHMT_PREFETCH_AHEAD 8u

/* Prefetch the cache lines of the row a bucket head names (at most the
 * first four: the copy of a longer row streams on its own). The index is
 * only a hint and is range-checked; a prefetch never faults. */
static inline void prefetch_head(const shmt_table *t, uint32_t b)
{
	uint32_t h = shmt_load_relaxed(&t->buckets[b]);
	if (h != 0 && valid_idx(t, h)) {
		const unsigned char *r = row_at(t, h);
		uint32_t span = t->row_bytes < 4 * SHMT_CACHELINE ? t->row_bytes : 4 * SHMT_CACHELINE;
		for (uint32_t o = 0; o < span; o += SHMT_CACHELINE) {
			__builtin_prefetch(r + o);
		}
		__builtin_prefetch(r + span - 1);
	}
}

shmt_status shmt_snapshot_buckets(shmt_table *t, uint32_t from, void *buf, size_t cap,
                                  uint32_t *nrows, uint32_t *next, size_t *need)
{
	unsigned char *out = buf;
	size_t used = 0;
	uint32_t total = 0, b = from;
	*nrows = 0;
	if (need != NULL) {
		*need = 0;
	}
	for (uint32_t p = from; p < from + SHMT_PREFETCH_AHEAD && p < t->nbuckets; p++) {
		prefetch_head(t, p);
	}
	for (; b < t->nbuckets; b++) {
		if (b + SHMT_PREFETCH_AHEAD < t->nbuckets) {
			prefetch_head(t, b + SHMT_PREFETCH_AHEAD);
		}
		/* A hint, as in shmt_next_bucket(): a bucket that holds a row
		 * for the whole pass never reads as empty. */
		if (shmt_load_relaxed(&t->buckets[b]) == 0) {
			continue;
		}
		uint32_t n = 0;
		shmt_status st = snapshot_one(t, b, out + used, cap - used, &n);
		if (st != SHMT_OK) {
			return st;
		}
		size_t bytes = (size_t)n * t->row_bytes;
		if (bytes > cap - used) {
			if (total == 0) {
				/* Not even this one chain fits: say how much it needs. */
				if (need != NULL) {
					*need = bytes;
				}
				*next = b;
				return SHMT_E_BUFFER;
			}
			break; /* b is taken again by the next call */
		}
		used += bytes;
		total += n;
		if (cap - used < t->row_bytes) {
			b++;
			break;
		}
	}
	*nrows = total;
	*next = b;
	return SHMT_OK;
}
