/*
 * shmt_alloc.c - the row allocator and its journal, the reservation of
 * storage for rows, and the rows a stripe keeps after a delete.
 */
#include "shmt_internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* What the last SHMT_E_RESERVE of this thread could not reserve, for
 * shmt_reserve_error() (a handle may be shared by threads). */
_Thread_local struct shmt_reserve_err g_reserve_err;

/* ---------------------------------------------------------------------- */
/* Allocator (caller holds a stripe lock; these take the allocator lock)    */

shmt_status alloc_lock(shmt_table *t)
{
	switch (shmt_lock_acquire_spin(&t->a->lock)) {
	case SHMT_LOCK_OK:
		return SHMT_OK;
	case SHMT_LOCK_OWNER_DIED:
		recover_alloc(t);
		shmt_lock_consistent(&t->a->lock);
		return SHMT_OK;
	default:
		return SHMT_E_CORRUPT;
	}
}

void alloc_unlock(shmt_table *t)
{
	shmt_lock_release(&t->a->lock);
}

/* Save what a pop/push changes, then raise j_active. */
static void journal_begin(shmt_table *t, shmt_stripe_raw *s, uint32_t which)
{
	shmt_alloc *a = t->a;
	a->j_free_head = a->free_head;
	a->j_next_unused = a->next_unused;
	a->j_live = a->live;
	a->j_stripe = stripe_index(t, s);
	a->j_which = which;
	a->j_slot = which == JOURNAL_I_NEW ? s->i_new : s->i_old;
	shmt_fence_release();
	a->j_active = 1;
	shmt_fence_release();
}

static void journal_end(shmt_table *t)
{
	shmt_fence_release();
	t->a->j_active = 0;
}

static uint64_t reserve_chunk(void)
{
	return shmt_test_reserve_chunk != 0 ? shmt_test_reserve_chunk : SHMT_RESERVE_CHUNK;
}

/* Where a reservation of at least bytes [0, need) ends: the next chunk
 * boundary, at most the end of the mapping. */
uint64_t reserve_end(uint64_t need, uint64_t map_bytes)
{
	uint64_t end = round_up(need, reserve_chunk());
	return end < map_bytes ? end : map_bytes;
}

/* Rows up to `upto` (1-based) lie beyond the reserved mark: reserve the
 * chunks that hold them, then advance the mark. Allocator lock held, and
 * nothing changed yet: on failure the caller returns the status as it
 * would SHMT_FULL. A process killed in here leaves the mark where it was
 * (posix_fallocate() may have reserved part of the range: harmless, it is
 * idempotent) or advanced over storage that is reserved; nothing else. */
static __attribute__((noinline, cold)) shmt_status reserve_rows_locked(shmt_table *t,
                                                                      uint32_t upto)
{
	shmt_alloc *a = t->a;
	uint64_t chunk = reserve_chunk();
	uint64_t to = reserve_end(t->rows_off + (uint64_t)upto * t->row_bytes, t->map_bytes);
	uint64_t from = a->reserved / chunk * chunk;
	if (from > to) {
		from = to;
	}
	int rc = t->fd >= 0 ? shmt_os_reserve(t->fd, from, to - from) : EBADF;
	if (rc != 0) {
		g_reserve_err.err = rc;
		g_reserve_err.bytes = to - from;
		g_reserve_err.reserved = a->reserved;
		return SHMT_E_RESERVE;
	}
	STEP(SHMT_STEP_RESERVE_DONE);
	a->reserved = to;
	STEP(SHMT_STEP_RESERVE_MARKED);
	return SHMT_OK;
}

/* Take a row into s->i_new. With count_live, the row is a new key and the
 * table's capacity is enforced; otherwise it is a copy-on-write spare. */
static shmt_status alloc_pop_locked(shmt_table *t, shmt_stripe_raw *s,
                                    int count_live)
{
	shmt_alloc *a = t->a;
	if (count_live && a->live >= t->size) {
		return SHMT_FULL;
	}
	uint32_t idx = a->free_head, next_free = 0, next_unused = a->next_unused;
	if (idx != 0) {
		if (!valid_idx(t, idx)) {
			return SHMT_E_CORRUPT;
		}
		next_free = *row_next(t, idx);
		if (next_free != 0 && !valid_idx(t, next_free)) {
			return SHMT_E_CORRUPT;
		}
	} else if (next_unused >= 1 && next_unused <= t->total_rows) {
		idx = next_unused++;
		/* A never-used row needs storage before it is touched. An insert
		 * reserves as many rows again as there are stripes: a stripe takes
		 * a spare row from here once in the table's life (at its first
		 * update; from then on the old version is the next spare), so an
		 * update never needs storage that inserts could not get. */
		uint32_t upto = idx;
		if (count_live) {
			upto = t->total_rows - idx > t->stripe_mask ? idx + t->stripe_mask + 1
			                                            : t->total_rows;
		}
		if (t->rows_off + (uint64_t)upto * t->row_bytes > a->reserved) {
			shmt_status st = reserve_rows_locked(t, upto);
			if (st != SHMT_OK) {
				return st;
			}
		}
	} else {
		return SHMT_E_CORRUPT; /* spares make this impossible */
	}
	journal_begin(t, s, JOURNAL_I_NEW);
	a->free_head = next_free;
	a->next_unused = next_unused;
	STEP(SHMT_STEP_POP_FREE_TAKEN);
	s->i_new = idx;
	if (count_live) {
		shmt_store_relaxed(&a->live, a->live + 1);
	}
	STEP(SHMT_STEP_POP_COUNTED);
	journal_end(t);
	return SHMT_OK;
}

shmt_status alloc_pop(shmt_table *t, shmt_stripe_raw *s, int count_live)
{
	shmt_status st = alloc_lock(t);
	if (st != SHMT_OK) {
		return st;
	}
	st = alloc_pop_locked(t, s, count_live);
	alloc_unlock(t);
	return st;
}

/* Give the row in s->i_new (which: JOURNAL_I_NEW) or s->i_old (JOURNAL_I_OLD) back to
 * the free list, clearing that field. */
void alloc_push_locked(shmt_table *t, shmt_stripe_raw *s, uint32_t which,
                       int uncount_live)
{
	shmt_alloc *a = t->a;
	uint32_t idx = which == JOURNAL_I_NEW ? s->i_new : s->i_old;
	journal_begin(t, s, which);
	shmt_store_release(row_next(t, idx), a->free_head);
	a->free_head = idx;
	STEP(SHMT_STEP_PUSH_LINKED);
	if (uncount_live) {
		shmt_store_relaxed(&a->live, a->live - 1);
	}
	if (which == JOURNAL_I_NEW) {
		s->i_new = 0;
	} else {
		s->i_old = 0;
	}
	STEP(SHMT_STEP_PUSH_CLEARED);
	journal_end(t);
}

shmt_status alloc_push(shmt_table *t, shmt_stripe_raw *s, uint32_t which,
                       int uncount_live)
{
	shmt_status st = alloc_lock(t);
	if (st != SHMT_OK) {
		return st;
	}
	alloc_push_locked(t, s, which, uncount_live);
	alloc_unlock(t);
	return SHMT_OK;
}

/* ---------------------------------------------------------------------- */
/* Rows a stripe keeps (stripe lock held)                                   */

/* Count the rows on the stripe's list again (after a writer died between
 * moving a row and counting it). SHMT_E_CORRUPT if the list is not a
 * short chain of valid rows. */
shmt_status kept_recount(shmt_table *t, shmt_stripe_raw *s)
{
	uint32_t n = 0;
	for (uint32_t cur = s->kept_head; cur != 0; cur = *row_next(t, cur)) {
		if (!valid_idx(t, cur) || n >= t->kept_cap) {
			return SHMT_E_CORRUPT;
		}
		n++;
	}
	s->kept_n = n;
	return SHMT_OK;
}

/* Could a row be counted in live without being stored? It is if a stripe
 * keeps it from a delete, if an insert in flight took it (it is not linked
 * yet), or if a delete in flight names it (it may be unlinked already, or
 * half pushed back: a dead pop or push was rolled back by whoever took the
 * allocator lock since, which restored the stripe's intent field). The
 * holder may be alive (its write ends soon) or dead (its stripe is
 * repaired when next locked). An insert that holds no row yet (it is about
 * to fail as full itself) does not count, so that processes failing on a
 * full table do not send each other to lock_all_drained(). A hint (no
 * lock): a write that completed before the call is seen. */
int rows_held_by_stripes(shmt_table *t)
{
	for (uint32_t i = 0; i <= t->stripe_mask; i++) {
		const shmt_stripe_raw *s = &t->stripes[i].s;
		uint32_t kind = shmt_load_relaxed(&s->i_kind);
		if (shmt_load_relaxed(&s->kept_head) != 0 ||
		    (kind == INTENT_INSERT && shmt_load_relaxed(&s->i_new) != 0) ||
		    (kind == INTENT_DELETE && shmt_load_relaxed(&s->i_old) != 0)) {
			return 1;
		}
	}
	return 0;
}

/* Every stripe lock is held: give every kept row back to the allocator's
 * free list, one journalled push each, as a dead insert's row would be. */
shmt_status kept_give_back(shmt_table *t)
{
	shmt_status st = alloc_lock(t);
	if (st != SHMT_OK) {
		return st;
	}
	for (uint32_t i = 0; i <= t->stripe_mask && st == SHMT_OK; i++) {
		shmt_stripe_raw *s = &t->stripes[i].s;
		for (uint32_t n = 0; s->kept_head != 0; n++) {
			if (n >= t->kept_cap) {
				st = SHMT_E_CORRUPT; /* a damaged list: a cycle, say */
				break;
			}
			/* Bucket i is one of stripe i's, and the row is on no chain:
			 * recovery of a half-done move pushes it, as here. */
			intent_begin(s, INTENT_INSERT, i, 0);
			st = kept_take(t, s);
			if (st != SHMT_OK) {
				intent_end(s);
				break;
			}
			STEP(SHMT_STEP_GIVE_BACK_TAKEN);
			alloc_push_locked(t, s, JOURNAL_I_NEW, 1);
			STEP(SHMT_STEP_GIVE_BACK_PUSHED);
			intent_end(s);
		}
	}
	alloc_unlock(t);
	return st;
}
