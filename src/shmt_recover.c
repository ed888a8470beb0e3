/*
 * shmt_recover.c - every repair of what a holder that died left behind:
 * the allocator's journal rolled back, a stripe's write completed or
 * rolled back, stripes with a write in flight settled, and a table that
 * nobody maps made sound again before it is reopened.
 */
#include "shmt_internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void recover_alloc(shmt_table *t)
{
	shmt_alloc *a = t->a;
	if (a->j_active) {
		a->free_head = a->j_free_head;
		a->next_unused = a->j_next_unused;
		shmt_store_relaxed(&a->live, a->j_live);
		if (a->j_stripe <= t->stripe_mask) {
			shmt_stripe_raw *s = &t->stripes[a->j_stripe].s;
			if (a->j_which == JOURNAL_I_NEW) {
				s->i_new = a->j_slot;
			} else if (a->j_which == JOURNAL_I_OLD) {
				s->i_old = a->j_slot;
			}
		}
		shmt_fence_release();
		a->j_active = 0;
	}
	a->recoveries++;
}

/* Is row idx on the chain of bucket b? Caller holds the stripe lock. */
static int on_chain(shmt_table *t, uint32_t b, uint32_t idx)
{
	uint32_t cur = t->buckets[b];
	for (uint32_t steps = 0; cur != 0 && steps <= t->total_rows; steps++) {
		if (!valid_idx(t, cur)) {
			return 0;
		}
		if (cur == idx) {
			return 1;
		}
		cur = *row_next(t, cur);
	}
	return 0;
}

/* The undo of an in-place increment of several cells (INTENT_INCR): the
 * bytes [lo, hi) of row i_old as they were, at the same offsets of row
 * i_new, lo and hi in that row's expiry word. A record that does not fit
 * the row's number cells is left alone (the writer never writes one). */
static void undo_incr(shmt_table *t, shmt_stripe_raw *s)
{
	uint32_t row = s->i_old, undo = s->i_new;
	if (!valid_idx(t, row) || !valid_idx(t, undo) || row == undo) {
		return;
	}
	uint64_t span = *row_expires(row_at(t, undo));
	uint32_t lo = (uint32_t)span, hi = (uint32_t)(span >> 32);
	if (lo < t->values_off || hi > t->key_off || lo >= hi || (lo - t->values_off) % 8 != 0 ||
	    (hi - lo) % 8 != 0) {
		return;
	}
	if ((s->seq & 1) == 0) {
		seq_begin(s);
	}
	memcpy(row_at(t, row) + lo, row_at(t, undo) + lo, hi - lo);
}

/* The previous holder of s died. Complete or roll back its write so that
 * every row is again in exactly one place (DESIGN: bounded work, this
 * stripe only). Idempotent: if we die in here, the next locker redoes it. */
shmt_status recover_stripe(shmt_table *t, shmt_stripe_raw *s)
{
	shmt_status st = alloc_lock(t); /* rolls back a half pop/push first */
	if (st != SHMT_OK) {
		return st;
	}
	if (s->i_kind == INTENT_INCR) {
		/* Cells of row i_old changed in place, maybe some of them: put
		 * every one back from the undo record in row i_new (the spare,
		 * which stays the spare). Behind an odd seq, so that no reader
		 * takes a copy made while the bytes go back. Done again if we die
		 * in here: the record is still there. */
		undo_incr(t, s);
	} else if (s->i_kind == INTENT_REPLACE && s->i_bucket < t->nbuckets) {
		/* One of new/old is on the chain; the other (if any) is the
		 * stripe's spare, whether or not the dead writer got that far. */
		uint32_t b = s->i_bucket;
		if (s->i_new != 0 && valid_idx(t, s->i_new) && !on_chain(t, b, s->i_new)) {
			s->spare = s->i_new;
			lru_retire(t, row_at(t, s->spare));
		} else if (s->i_old != 0 && valid_idx(t, s->i_old) && !on_chain(t, b, s->i_old)) {
			s->spare = s->i_old;
			lru_retire(t, row_at(t, s->spare));
		}
	} else if (s->i_kind != INTENT_NONE && s->i_bucket < t->nbuckets) {
		uint32_t b = s->i_bucket;
		/* A row at the head of the stripe's own list is kept there: an
		 * insert died before taking it off, a delete after putting it on. */
		if (s->i_new != 0 && valid_idx(t, s->i_new) && s->i_new != s->kept_head &&
		    !on_chain(t, b, s->i_new)) {
			alloc_push_locked(t, s, JOURNAL_I_NEW, s->i_kind == INTENT_INSERT);
		}
		if (s->i_old != 0 && valid_idx(t, s->i_old) && s->i_old != s->kept_head &&
		    !on_chain(t, b, s->i_old)) {
			alloc_push_locked(t, s, JOURNAL_I_OLD, s->i_kind == INTENT_DELETE);
		}
	}
	st = kept_recount(t, s);
	if (st != SHMT_OK) {
		alloc_unlock(t);
		return st;
	}
	s->i_new = 0;
	s->i_old = 0;
	shmt_fence_release();
	s->i_kind = INTENT_NONE;
	if (s->seq & 1) {
		shmt_store_release(&s->seq, s->seq + 1);
	}
	t->a->recoveries++;
	alloc_unlock(t);
	return SHMT_OK;
}


/* A stripe shows a write in flight (an intent, or seq odd): try its lock
 * without waiting. If the writer died, taking the lock repairs the stripe,
 * which gives back or keeps the row it held and corrects live (and rolls
 * back its half-done pop or push). A live writer holding it finishes by
 * itself; that lock is left alone. */
__attribute__((noinline, cold)) void settle_dead_writers(shmt_table *t)
{
	for (uint32_t i = 0; i <= t->stripe_mask; i++) {
		shmt_stripe_raw *s = &t->stripes[i].s;
		if (shmt_load_relaxed(&s->i_kind) == INTENT_NONE &&
		    (shmt_load_relaxed(&s->seq) & 1) == 0) {
			continue;
		}
		shmt_lock_result r = shmt_lock_try(&s->lock);
		if (r != SHMT_LOCK_BUSY && stripe_taken(t, s, r) == SHMT_OK) {
			stripe_unlock(s);
		}
	}
}

/* Nobody maps the table: every lock image in it is meaningless (its owner
 * is gone, perhaps with the machine). Reset them, then complete or roll
 * back what the dead writers left, as lock recovery does, and (with
 * `check`) check all. The shared fields are bounds-checked first, so the
 * repair never follows an index out of the table. */
shmt_status reopen_repair(shmt_table *t, const open_ctx *c, int check, char *msg,
                          size_t msglen)
{
	char why[256];
	if (shared_fields_bad(t, why, sizeof(why))) {
		snprintf(msg, msglen, "%s is damaged beyond repair: %s", c->label_where, why);
		return SHMT_E_CORRUPT;
	}
	if (shmt_lock_init(&t->a->lock) != 0) {
		snprintf(msg, msglen, "cannot initialise the locks of %s", c->label);
		return SHMT_E_SYSTEM;
	}
	for (uint32_t i = 0; i <= t->stripe_mask; i++) {
		if (shmt_lock_init(&t->stripes[i].s.lock) != 0) {
			snprintf(msg, msglen, "cannot initialise the locks of %s", c->label);
			return SHMT_E_SYSTEM;
		}
	}
	if (t->a->j_active) {
		recover_alloc(t);
	}
	for (uint32_t i = 0; i <= t->stripe_mask; i++) {
		shmt_stripe_raw *s = &t->stripes[i].s;
		if (s->i_kind != INTENT_NONE || s->i_new != 0 || s->i_old != 0 || (s->seq & 1)) {
			shmt_status st = recover_stripe(t, s);
			if (st != SHMT_OK) {
				snprintf(msg, msglen, "%s is damaged beyond repair: stripe %u cannot be "
				         "repaired", c->label_where, i);
				return st;
			}
		}
	}
	if (check && shmt_check(t, why, sizeof(why)) != SHMT_OK) {
		snprintf(msg, msglen, "%s is damaged beyond repair: %s", c->label_where, why);
		return SHMT_E_CORRUPT;
	}
	return SHMT_OK;
}
