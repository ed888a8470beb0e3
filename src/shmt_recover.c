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
		stripe_result r = stripe_lock_slow(t, s, 0);
		if (r != STRIPE_BUSY && stripe_taken(t, s, r) == SHMT_OK) {
			stripe_unlock(t, s);
		}
	}
}

/* Nobody maps the table: every lock image in it is meaningless (its owner
 * is gone, perhaps with the machine). Reset them, then complete or roll
 * back what the dead writers left, as lock recovery does, and (with
 * `check`) check all. The shared fields are bounds-checked first, so the
 * repair never follows an index out of the table. */
static shmt_status reopen_repair_locks(shmt_table *t, const open_ctx *c, int check, char *msg,
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
	t->a->slots_kept = 0;
	for (uint32_t i = 0; i <= t->stripe_mask; i++) {
		t->stripes[i].s.owner = 0;
		if (shmt_lock_init(&t->stripes[i].s.slot) != 0) {
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

shmt_status reopen_repair(shmt_table *t, const open_ctx *c, int check, char *msg,
                          size_t msglen)
{
	shmt_status st = reopen_repair_locks(t, c, check, msg, msglen);
	/* The check locked with a slot that this thread may keep: give it
	 * back, since a trial's private copy is unmapped next (and a slot is
	 * taken again at the first write anyway). */
	stripe_slot_forget(t);
	return st;
}

/* ---------------------------------------------------------------------- */
/* Stripe locks: the owner word and the lock slots (see shmt_internal.h)    */

/* Sleeping on a held stripe: in slices, so that a holder that dies (it does
 * not wake the word) is found within one, and a wake-up lost to a killed
 * waiter costs at most one. */
#define STRIPE_SLICE_NS 5000000 /* 5 ms */

static inline uint32_t slot_count(const shmt_table *t)
{
	return t->stripe_mask + 1 < SHMT_LOCK_SLOTS ? t->stripe_mask + 1 : SHMT_LOCK_SLOTS;
}

/* Slots that may be kept at once: at least a quarter (one at least) come
 * back at every unlock, so a process without a kept slot never waits for
 * an idle one. */
static inline uint32_t slots_keepable(const shmt_table *t)
{
	uint32_t n = slot_count(t), q = n / 4;
	return n - (q != 0 ? q : 1);
}

static inline shmt_lock *slot_lock(shmt_table *t, uint32_t i)
{
	return &t->stripes[i].s.slot;
}

static void slot_give_back(shmt_table *t, uint32_t i);
static void slot_orphaned(shmt_table *t, uint32_t i);

/* We hold slot i's mutex, just taken (free, or over from a holder that
 * died), and we do not keep it: no live thread keeps it. If this handle
 * names it as kept, by the process this one was forked from or by a thread
 * of this process that exited, the record is stale: cleared, so that
 * stripe_unlock() gives back a slot that was taken for one lock, and
 * another thread may keep one. A keeper of this process also gives back
 * its count of kept robust mutexes (a forked child's count started at
 * 0). */
static void kslot_stale(shmt_table *t, uint32_t i)
{
	uint64_t k = __atomic_load_n(&t->kslot, __ATOMIC_RELAXED);
	if ((k & OWNER_SLOT_MASK) == i + 1 &&
	    __atomic_compare_exchange_n(&t->kslot, &k, 0, 0, __ATOMIC_RELAXED, __ATOMIC_RELAXED) &&
	    shmt_os_holder_here(k >> 8)) {
		shmt_os_keep_end();
	}
}

/* Slot i is marked kept, or named by the handle as kept by another thread
 * of this process: if nobody holds its mutex (free, or marked owner-died:
 * its keeper is gone, a live keeper always holds it), take it, clear the
 * mark and any record of it, and give it back. 1 if done. `dead_only`:
 * only a mutex marked owner-died is tried (a peek first, no store). */
static int slot_unkept_if_gone(shmt_table *t, uint32_t i, int dead_only)
{
	if (dead_only && shmt_lock_peek(slot_lock(t, i)) != SHMT_LOCK_DEAD) {
		return 0;
	}
	switch (shmt_lock_try(slot_lock(t, i))) {
	case SHMT_LOCK_OWNER_DIED:
		slot_orphaned(t, i);
		break;
	case SHMT_LOCK_OK:
		/* Free (another process took it over and gave it back since the
		 * peek, or a mark nobody holds): only a holder of the mutex marks
		 * or records it, and we hold it now. */
		__atomic_fetch_and(&t->a->slots_kept, ~(1ull << i), __ATOMIC_SEQ_CST);
		kslot_stale(t, i);
		break;
	default:
		return 0;
	}
	slot_give_back(t, i);
	return 1;
}

/* We hold slot i's mutex, just taken over from a holder that died
 * (EOWNERDEAD): every word naming i becomes OWNER_DEAD (its sleepers' bit
 * kept), so that the stripe's next locker repairs it, and the slot is no
 * longer kept. Only a holder of slot i's mutex changes a word away from
 * naming i, so no word naming i is taken meanwhile; dying in here leaves
 * the mutex owner-died again, and the next taker does it all again. */
static void slot_orphaned(shmt_table *t, uint32_t i)
{
	for (uint32_t j = 0; j <= t->stripe_mask; j++) {
		uint32_t *w = &t->stripes[j].s.owner;
		uint32_t o = __atomic_load_n(w, __ATOMIC_SEQ_CST);
		while ((o & OWNER_SLOT_MASK) == i + 1 &&
		       !__atomic_compare_exchange_n(w, &o, (o & OWNER_WAITERS) | OWNER_DEAD, 0,
		                                    __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST)) {
		}
	}
	STEP(SHMT_STEP_SLOT_MARKED);
	__atomic_fetch_and(&t->a->slots_kept, ~(1ull << i), __ATOMIC_SEQ_CST);
	kslot_stale(t, i);
	shmt_lock_consistent(slot_lock(t, i));
}

/* Take a lock slot for this thread: a free one, or one whose holder died
 * (taken over). Slots kept by processes are passed over; the others come
 * back at their holders' unlock, so with `wait` this waits (1 ms at a
 * time) only while every one is inside a lock. STRIPE_OK with *slot the
 * slot's index, STRIPE_BUSY (not waiting), STRIPE_ERROR. */
static stripe_result slot_take(shmt_table *t, int wait, uint32_t *slot)
{
	uint32_t n = slot_count(t), start = (uint32_t)shmt_os_pid() % n;
	for (;;) {
		uint64_t kept = __atomic_load_n(&t->a->slots_kept, __ATOMIC_RELAXED);
		for (uint32_t k = 0; k < n; k++) {
			uint32_t i = (start + k) % n;
			if (kept & (1ull << i)) {
				continue;
			}
			switch (shmt_lock_try(slot_lock(t, i))) {
			case SHMT_LOCK_OK:
				kslot_stale(t, i);
				*slot = i;
				return STRIPE_OK;
			case SHMT_LOCK_OWNER_DIED:
				slot_orphaned(t, i);
				*slot = i;
				return STRIPE_OK;
			case SHMT_LOCK_BUSY:
				break;
			default:
				return STRIPE_ERROR;
			}
		}
		if (!wait) {
			return STRIPE_BUSY;
		}
		/* Slots marked kept are looked at too before sleeping: one whose
		 * holder died keeps its bit until it is taken over, and a bit
		 * whose slot nobody holds (a damaged word) must not keep every
		 * locker waiting. */
		for (uint32_t i = 0; i < n; i++) {
			if (!(kept & (1ull << i))) {
				continue;
			}
			shmt_lock_result r = shmt_lock_try(slot_lock(t, i));
			if (r == SHMT_LOCK_OWNER_DIED) {
				slot_orphaned(t, i);
			} else if (r == SHMT_LOCK_OK) {
				__atomic_fetch_and(&t->a->slots_kept, ~(1ull << i), __ATOMIC_SEQ_CST);
				kslot_stale(t, i);
			} else {
				continue;
			}
			*slot = i;
			return STRIPE_OK;
		}
		shmt_os_sleep_ms(1);
	}
}

/* Slots marked kept whose keeper died (a process killed, or one that
 * exited without closing the table) stay marked until someone takes them
 * over, and slot_take() passes them over while a slot that is not kept is
 * free, which is nearly always. Left so, the kept marks of dead processes
 * would add up (a server that replaces killed or recycled workers) until no
 * process could keep a slot any more, every write then taking and giving
 * back a slot. So when every keepable slot is marked kept, the marked ones
 * are looked at (a load each) and those whose mutex the kernel marked
 * owner-died are taken over and given back, unmarked. A process that still
 * finds all of them alive looks again only after RECLAIM_EVERY more locks
 * with a slot taken for the lock alone. 1 if one was unmarked. */
#define RECLAIM_EVERY 64u

static int slots_reclaim(shmt_table *t)
{
	uint32_t left = __atomic_load_n(&t->reclaim_in, __ATOMIC_RELAXED);
	if (left != 0) {
		__atomic_store_n(&t->reclaim_in, left - 1, __ATOMIC_RELAXED);
		return 0;
	}
	int freed = 0;
	uint64_t kept = __atomic_load_n(&t->a->slots_kept, __ATOMIC_SEQ_CST);
	for (uint32_t i = 0; i < slot_count(t); i++) {
		if ((kept & (1ull << i)) && slot_unkept_if_gone(t, i, 1)) {
			freed = 1;
		}
	}
	__atomic_store_n(&t->reclaim_in, freed ? 0 : RECLAIM_EVERY, __ATOMIC_RELAXED);
	return freed;
}

/* Keep slot i (ours) between locks, if fewer than slots_keepable() are
 * kept, this process keeps fewer than SHMT_OS_KEPT_MAX robust mutexes, and
 * no other thread of this process keeps one in this table. 1 if kept. */
static int slot_keep(shmt_table *t, uint32_t i)
{
	if (!shmt_os_keep_begin()) {
		return 0;
	}
	uint64_t bit = 1ull << i;
	uint64_t km = __atomic_load_n(&t->a->slots_kept, __ATOMIC_SEQ_CST);
	int reclaimed = 0;
	for (;;) {
		if ((uint32_t)__builtin_popcountll(km) >= slots_keepable(t)) {
			if (!reclaimed && slots_reclaim(t)) {
				reclaimed = 1; /* once: others may fill what it freed */
				km = __atomic_load_n(&t->a->slots_kept, __ATOMIC_SEQ_CST);
				continue;
			}
			shmt_os_keep_end();
			return 0;
		}
		if (__atomic_compare_exchange_n(&t->a->slots_kept, &km, km | bit, 0,
		                                __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST)) {
			break;
		}
	}
	/* The handle names a slot of no thread of this process (none yet, or
	 * one inherited from the process this one was forked from): ours now. */
	uint64_t want = shmt_os_holder() << 8 | (i + 1);
	uint64_t cur = __atomic_load_n(&t->kslot, __ATOMIC_RELAXED);
	for (;;) {
		if (cur == 0 || !shmt_os_holder_here(cur >> 8)) {
			if (__atomic_compare_exchange_n(&t->kslot, &cur, want, 0, __ATOMIC_RELAXED,
			                                __ATOMIC_RELAXED)) {
				return 1;
			}
			continue;
		}
		/* Another thread of this process keeps one: gone if it exited. */
		uint32_t j = (uint32_t)(cur & OWNER_SLOT_MASK) - 1;
		if (j >= slot_count(t) || j == i || !slot_unkept_if_gone(t, j, 0)) {
			break;
		}
		cur = __atomic_load_n(&t->kslot, __ATOMIC_RELAXED);
	}
	__atomic_fetch_and(&t->a->slots_kept, ~bit, __ATOMIC_SEQ_CST);
	shmt_os_keep_end();
	return 0;
}

static void slot_give_back(shmt_table *t, uint32_t i)
{
	shmt_lock_release(slot_lock(t, i));
}

/* Take s's owner word with slot `me` (+1, held by us). STRIPE_OK, or
 * STRIPE_DIED (taken from a holder that died: repair it), STRIPE_BUSY
 * (held by a live holder, not waiting), STRIPE_ERROR (a word that names no
 * slot: damage). */
static stripe_result owner_take(shmt_table *t, shmt_stripe_raw *s, uint32_t me, int wait)
{
	uint32_t slept = 0;
	uint32_t *w = &s->owner;
	for (;;) {
		uint32_t o = __atomic_load_n(w, __ATOMIC_SEQ_CST);
		uint32_t holder = o & OWNER_SLOT_MASK;
		if (holder == 0 || holder == OWNER_DEAD) {
			/* Keep the sleepers' bit, and set it if we slept: others may. */
			if (__atomic_compare_exchange_n(w, &o, me | (o & OWNER_WAITERS) | slept, 0,
			                                __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST)) {
				return holder == OWNER_DEAD ? STRIPE_DIED : STRIPE_OK;
			}
			continue;
		}
		if (holder == me || holder > slot_count(t) || (o & ~(OWNER_WAITERS | OWNER_SLOT_MASK))) {
			return STRIPE_ERROR;
		}
		switch (shmt_lock_try(slot_lock(t, holder - 1))) {
		case SHMT_LOCK_OWNER_DIED:
			/* Its holder died: the word becomes OWNER_DEAD, taken above. */
			slot_orphaned(t, holder - 1);
			slot_give_back(t, holder - 1);
			continue;
		case SHMT_LOCK_OK:
			/* Nobody holds slot holder-1: the word moved on meanwhile, or
			 * (still naming it, with the slot held by us) no live process
			 * holds it: what a dead holder leaves. */
			if (__atomic_load_n(w, __ATOMIC_SEQ_CST) == o) {
				__atomic_compare_exchange_n(w, &o, (o & OWNER_WAITERS) | OWNER_DEAD, 0,
				                            __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
			}
			slot_give_back(t, holder - 1);
			continue;
		case SHMT_LOCK_BUSY:
			break;
		default:
			return STRIPE_ERROR;
		}
		if (!wait) {
			return STRIPE_BUSY;
		}
		if (!(o & OWNER_WAITERS) &&
		    !__atomic_compare_exchange_n(w, &o, o | OWNER_WAITERS, 0, __ATOMIC_SEQ_CST,
		                                 __ATOMIC_SEQ_CST)) {
			continue;
		}
		STEP(SHMT_STEP_STRIPE_WAIT);
		shmt_os_futex_wait(w, o | OWNER_WAITERS, shmt_os_monotonic_ns() + STRIPE_SLICE_NS);
		slept = OWNER_WAITERS;
	}
}

/* The slot to lock with: the kept one, else one taken now (kept from now on
 * if it may be). *transient: give it back at unlock. */
static stripe_result slot_for_lock(shmt_table *t, int wait, uint32_t *me, int *transient)
{
	*transient = 0;
	if ((*me = slot_mine(t)) != 0) {
		return STRIPE_OK;
	}
	uint32_t i;
	stripe_result r = slot_take(t, wait, &i);
	if (r != STRIPE_OK) {
		return r;
	}
	STEP(SHMT_STEP_SLOT_TAKEN);
	*transient = !slot_keep(t, i);
	*me = i + 1;
	return STRIPE_OK;
}

stripe_result stripe_lock_slow(shmt_table *t, shmt_stripe_raw *s, int wait)
{
	uint32_t me;
	int transient;
	stripe_result r = slot_for_lock(t, wait, &me, &transient);
	if (r != STRIPE_OK) {
		return r;
	}
	r = owner_take(t, s, me, wait);
	if ((r == STRIPE_BUSY || r == STRIPE_ERROR) && transient) {
		slot_give_back(t, me - 1);
	}
	return r;
}

void stripe_unlock_slow(shmt_table *t, shmt_stripe_raw *s, uint32_t was)
{
	if (was & OWNER_WAITERS) {
		shmt_os_futex_wake(&s->owner, 1);
	}
	uint32_t slot = was & OWNER_SLOT_MASK;
	if (slot != slot_mine(t) && slot >= 1 && slot <= slot_count(t)) {
		slot_give_back(t, slot - 1); /* a slot taken for this lock alone */
	}
}

/* Every stripe locked with one slot (the kept one, or one taken for it),
 * in index order (the order shmt_check() uses, so two takers cannot
 * deadlock). On failure none is held and *failed_at names the stripe. */
shmt_status lock_all(shmt_table *t, uint32_t *failed_at)
{
	uint32_t me;
	int transient;
	*failed_at = 0;
	if (slot_for_lock(t, 1, &me, &transient) != STRIPE_OK) {
		return SHMT_E_CORRUPT;
	}
	for (uint32_t i = 0; i <= t->stripe_mask; i++) {
		shmt_stripe_raw *s = &t->stripes[i].s;
		stripe_result r = owner_take(t, s, me, 1);
		if (r == STRIPE_OK) {
			continue;
		}
		shmt_status st = SHMT_E_CORRUPT;
		uint32_t held = i;
		if (r == STRIPE_DIED) {
			if ((st = recover_stripe(t, s)) == SHMT_OK) {
				continue;
			}
			held = i + 1;
		}
		*failed_at = i;
		while (held > 0) {
			shmt_stripe_raw *h = &t->stripes[--held].s;
			if (__atomic_exchange_n(&h->owner, 0, __ATOMIC_RELEASE) & OWNER_WAITERS) {
				shmt_os_futex_wake(&h->owner, 1);
			}
		}
		if (transient) {
			slot_give_back(t, me - 1);
		}
		return st;
	}
	return SHMT_OK;
}

void unlock_all(shmt_table *t)
{
	uint32_t was = 0;
	for (uint32_t i = t->stripe_mask + 1; i > 0; i--) {
		shmt_stripe_raw *s = &t->stripes[i - 1].s;
		was = __atomic_exchange_n(&s->owner, 0, __ATOMIC_RELEASE);
		if (was & OWNER_WAITERS) {
			shmt_os_futex_wake(&s->owner, 1);
		}
	}
	uint32_t slot = was & OWNER_SLOT_MASK;
	if (slot != slot_mine(t) && slot >= 1 && slot <= slot_count(t)) {
		slot_give_back(t, slot - 1);
	}
}

/* Before the table is unmapped: give back the slot this thread keeps in
 * it (its mutex is linked in the thread's robust list, which must never
 * name unmapped memory). 1 if another thread of this process keeps a slot
 * in it whose mutex is not marked owner-died: that thread may be alive and
 * this one cannot release its mutex, so the caller leaves the table
 * mapped. */
int stripe_slot_forget(shmt_table *t)
{
	uint64_t k = __atomic_load_n(&t->kslot, __ATOMIC_RELAXED);
	if (k == 0 || !shmt_os_holder_here(k >> 8)) {
		return 0; /* none, or the slot of the process this one was forked from */
	}
	uint32_t i = (uint32_t)(k & OWNER_SLOT_MASK) - 1;
	if (i >= slot_count(t)) {
		return 0;
	}
	if ((k >> 8) == shmt_os_holder()) {
		__atomic_store_n(&t->kslot, 0, __ATOMIC_RELAXED);
		__atomic_fetch_and(&t->a->slots_kept, ~(1ull << i), __ATOMIC_SEQ_CST);
		slot_give_back(t, i);
		shmt_os_keep_end();
		return 0;
	}
	/* Kept by another thread: one that exited is taken over here. */
	return !slot_unkept_if_gone(t, i, 0) && shmt_lock_peek(slot_lock(t, i)) != SHMT_LOCK_DEAD;
}

int shmt_test_slot_kept(shmt_table *t)
{
	return slot_mine(t) != 0;
}
