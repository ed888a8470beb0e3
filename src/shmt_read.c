/*
 * shmt_read.c - the read path: point reads of a key (get, one column, one
 * number cell), exists and ttl. Optimistic (the stripe's sequence counter),
 * with the stripe lock as fallback.
 */
#include "shmt_ops_internal.h"

#include <stdint.h>
#include <string.h>

/* ---------------------------------------------------------------------- */
/* Reads                                                                    */

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
