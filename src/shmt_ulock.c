/*
 * shmt_ulock.c - ShmTable\Lock (see shmt_sync.h and docs/ARCHITECTURE.md,
 * "Atomic and Lock"). ShmTable\Atomic is in shmt_atomic.c.
 *
 * Lock: SHMT_ULOCK_READER_SLOTS process slots, each with the OS layer's
 * robust lock, which the kernel marks owner-died when the process holding
 * it dies: a process owns a slot by holding its lock word, and that is how
 * others learn that it died, without pid polling and without pid reuse.
 *
 * A MUTEX is one word of its own, `owner`: 0 when free, else the number of
 * the holder's slot (plus one), or OWNER_DEAD once the holder is known to
 * have died. A process takes a slot the first time it locks and keeps it
 * (while few enough are kept), so lock() is one compare-and-swap of owner
 * and unlock() one exchange: no robust-list bookkeeping on each lock. A
 * waiter sleeps on owner in slices; at each look it checks the holder's
 * slot, and a slot marked owner-died is taken over, owner set to
 * OWNER_DEAD on the way, and the MUTEX taken, the death told.
 *
 * An RWLOCK's writers use the gate, a robust lock of its own; its slots are
 * reader slots with an "active" word: a process that
 * read-locks gets a slot (taking its lock word, at the gate) and marks it
 * active while it holds the read lock. It keeps the slot, idle, between
 * read locks (while few enough are kept), so its next read lock is one
 * exchange on its own slot's word and a look at the gate. The death of a
 * reader is seen as the death of a writer is, by the kernel marking the
 * slot's lock word, without pid polling. A writer holds the gate (no new
 * reader gets in) and waits, slot by slot, until every slot in use is
 * idle or its owner dead.
 */
#include "shmt_sync.h"
#include "shmt_sync_internal.h"
#include "shmt_os.h"
#include "shmt_atomic.h"
#include "shmt_test.h"

#include <stddef.h>

#define SHMT_ULOCK_MAGIC 0x334c4853u  /* "SHL3": slots for both types, MUTEX owner word */

/* ------------------------------------------------------------------ */
/* Lock                                                                 */

typedef struct {
	shmt_lock m;     /* gate: held by the writer (or a reader picking a slot);
	                    slot: held by the process the slot belongs to */
	int32_t pid;     /* gate: the exclusive holder; slot: the process it belongs to */
	uint32_t active; /* slot: SLOT_READING while its process holds the read lock,
	                    | SLOT_WRITER_WAITS while a writer sleeps on this word */
	uint64_t count;  /* acquisitions, counted by the holder of m (plain stores) */
} __attribute__((aligned(64))) ulock_slot;

#define SLOT_READING 1u
#define SLOT_WRITER_WAITS 2u

struct shmt_ulock {
	uint32_t magic;
	int32_t type;
	uint32_t waiters;
	uint32_t owner;  /* MUTEX: 0, or the holder's slot + 1 (| OWNER_WAITERS) */
	uint64_t owner_died;
	uint64_t readers_map; /* RWLOCK: bit i set while slot i belongs to a process */
	uint64_t kept_map;    /* bit i set while slot i is kept between locks */
	ulock_slot gate __attribute__((aligned(64))); /* RWLOCK: the writers' lock;
	                                                MUTEX: pid of a dead holder */
	ulock_slot slots[SHMT_ULOCK_READER_SLOTS];
};

/* The MUTEX word. */
#define OWNER_SLOT_MASK 0xffu
#define OWNER_DEAD 0xffu             /* held by a process that died, not taken over yet */
#define OWNER_WAITERS 0x80000000u    /* someone sleeps on the word: unlock wakes one */
_Static_assert(SHMT_ULOCK_READER_SLOTS < OWNER_DEAD, "slot numbers fit the owner word");
_Static_assert(offsetof(struct shmt_ulock, gate) == 64, "shared Lock layout");
_Static_assert(sizeof(ulock_slot) == 64, "one slot per cache line");
_Static_assert(SHMT_ULOCK_KEPT_SLOTS < SHMT_ULOCK_READER_SLOTS, "slots left for the others");

/* A writer waiting for a reader sleeps on the slot's word in slices: a
 * reader that dies does not wake it, the end of the slice does (then it
 * sees the slot's lock word marked owner-died). A MUTEX waiter likewise
 * sleeps on the owner word in slices. */
#define ULOCK_DRAIN_SLICE_NS 5000000L /* 5 ms */

static size_t ulock_bytes(int type)
{
	(void)type;
	return sizeof(struct shmt_ulock);
}

shmt_ulock *shmt_ulock_new(int type)
{
	shmt_ulock *l = shmt_map_shared(ulock_bytes(type));
	if (l == NULL) {
		return NULL;
	}
	int bad = shmt_lock_init(&l->gate.m);
	for (int i = 0; bad == 0 && i < SHMT_ULOCK_READER_SLOTS; i++) {
		bad = shmt_lock_init(&l->slots[i].m);
	}
	if (bad != 0) {
		shmt_unmap(l, ulock_bytes(type));
		return NULL;
	}
	l->magic = SHMT_ULOCK_MAGIC;
	l->type = type;
	return l;
}

void shmt_ulock_free(shmt_ulock *l)
{
	shmt_unmap(l, ulock_bytes(l->type));
}

int shmt_ulock_type(shmt_ulock *l)
{
	return l->type;
}

typedef struct {
	int64_t timeout;  /* ns; negative: none */
	int64_t deadline; /* monotonic ns, read only once waiting is needed; 0: not yet */
	int nowait;
	int waiting;      /* counted in l->waiters */
	int took_dead;    /* the last take() took over a dead owner's lock word */
	uint32_t died;
	uint32_t told_late; /* a death taken over by an acquire that then failed */
} acquire_ctx;

/* RWLOCK: gate.active is GATE_UNTOLD while a death that an acquire took
 * over (a dead writer's gate, a dead reader's slot) is not yet told to
 * anyone: that acquire then failed (LOCK_NB, or its deadline passed while
 * it waited for the readers or for a slot). Set and cleared only by the
 * holder of the gate; the next process to get the lock is told. */
#define GATE_UNTOLD 1u

/* The gate held, the acquire failing: deaths it took over are left for
 * the next one. */
static inline void gate_untold(shmt_ulock *l, const acquire_ctx *c)
{
	if (c->died > 0) {
		sc_store(&l->gate.active, GATE_UNTOLD);
	}
}

/* The gate held, the acquire succeeding: told of a death left by a failed
 * one. */
static inline void gate_told(shmt_ulock *l, acquire_ctx *c)
{
	if (shmt_load_relaxed(&l->gate.active) != 0) {
		sc_store(&l->gate.active, 0u);
		c->told_late = 1;
	}
}

static void start_waiting(shmt_ulock *l, acquire_ctx *c)
{
	if (!c->waiting) {
		__atomic_add_fetch(&l->waiters, 1u, __ATOMIC_RELAXED);
		c->waiting = 1;
		c->deadline = c->timeout < 0 ? -1 : shmt_os_monotonic_ns() + c->timeout;
	}
}

/* The end of this process's next wait: one slice from now, or the
 * deadline if sooner. 0 if the deadline has passed (the acquire fails). */
static int next_slice(const acquire_ctx *c, int64_t *until)
{
	int64_t now = shmt_os_monotonic_ns();
	if (c->deadline >= 0 && now >= c->deadline) {
		return 0;
	}
	*until = now + ULOCK_DRAIN_SLICE_NS;
	if (c->deadline >= 0 && *until > c->deadline) {
		*until = c->deadline;
	}
	return 1;
}

/* Take one lock word; a dead owner's is made consistent and counted. */
static shmt_ulock_result take(shmt_ulock *l, ulock_slot *s, acquire_ctx *c)
{
	shmt_lock_result r = shmt_lock_try(&s->m);
	c->took_dead = 0;
	if (r == SHMT_LOCK_BUSY && !c->nowait) {
		start_waiting(l, c);
		r = shmt_lock_acquire_until(&s->m, c->deadline);
	}
	switch (r) {
	case SHMT_LOCK_OK:
		return SHMT_ULOCK_OK;
	case SHMT_LOCK_OWNER_DIED:
		shmt_lock_consistent(&s->m);
		s->pid = 0;
		c->died++;
		c->took_dead = 1;
		return SHMT_ULOCK_OK;
	case SHMT_LOCK_BUSY:
		return SHMT_ULOCK_BUSY;
	default:
		return SHMT_ULOCK_ERROR;
	}
}

/* The pid in a process's token (shmt_os_self()): what the shared memory
 * records. The token itself is what process memory (shmt_ulock_hold)
 * records, so that a descendant given an ancestor's pid is not taken for
 * it. */
static inline int32_t pid_of(uint64_t self)
{
	return (int32_t)(uint32_t)self;
}

static inline uint64_t slot_bit(int i)
{
	return (uint64_t)1 << i;
}

/* Plain increment of a counter only the holder of its lock word writes. */
static inline void count_one(uint64_t *n)
{
	shmt_store_relaxed(n, shmt_load_relaxed(n) + 1);
}

/* Slot i, whose lock word this process just took over from a dead owner
 * (the gate held, or the slot found dead by a writer holding the gate):
 * made free of its owner. The owner held the read lock only if the slot
 * was active: then the death is counted. The slot's lock word stays
 * taken (by the caller). */
static void slot_orphaned(shmt_ulock *l, int i, acquire_ctx *c)
{
	ulock_slot *s = &l->slots[i];
	if (sc_load(&s->active) & SLOT_READING) {
		c->died++;
	}
	/* MUTEX: its holder died holding it. Nobody else can change a word
	 * naming this slot (only the slot's owner, dead, and whoever takes the
	 * slot over, this process): it says so before the slot is reused, and
	 * the next locker takes over and is told. */
	uint32_t w = sc_load(&l->owner);
	if ((w & OWNER_SLOT_MASK) == (uint32_t)i + 1) {
		shmt_store_relaxed(&l->gate.pid, shmt_load_relaxed(&s->pid));
		/* Only the waiters' bit may change meanwhile. */
		while (!sc_cas(&l->owner, &w, (w & OWNER_WAITERS) | OWNER_DEAD)) {
		}
		STEP(SHMT_STEP_ULOCK_OWNER_DEAD);
		if (w & OWNER_WAITERS) {
			/* A sleeper would see it at the end of its slice; now is
			 * sooner. */
			shmt_os_futex_wake(&l->owner, 1);
		}
	}
	sc_store(&s->active, 0u);
	s->pid = 0;
	__atomic_fetch_and(&l->kept_map, ~slot_bit(i), __ATOMIC_SEQ_CST);
	__atomic_fetch_and(&l->readers_map, ~slot_bit(i), __ATOMIC_SEQ_CST);
}

/* The gate held: wait until slot i's process does not hold the read lock
 * (it unlocks, or it died: then the slot is freed). */
static shmt_ulock_result drain_slot(shmt_ulock *l, int i, acquire_ctx *c)
{
	ulock_slot *s = &l->slots[i];
	for (;;) {
		uint32_t a = sc_load(&s->active);
		shmt_lock_state st = shmt_lock_peek(&s->m);
		if (st == SHMT_LOCK_DEAD) {
			shmt_lock_result r = shmt_lock_try(&s->m);
			if (r == SHMT_LOCK_OWNER_DIED) {
				shmt_lock_consistent(&s->m);
				slot_orphaned(l, i, c);
				shmt_lock_release(&s->m);
				return SHMT_ULOCK_OK;
			}
			if (r == SHMT_LOCK_OK) {
				shmt_lock_release(&s->m);
			}
			continue; /* taken over meanwhile: look again */
		}
		if ((a & SLOT_READING) == 0) {
			return SHMT_ULOCK_OK;
		}
		if (c->nowait) {
			return SHMT_ULOCK_BUSY;
		}
		STEP(SHMT_STEP_ULOCK_DRAIN);
		start_waiting(l, c);
		if ((a & SLOT_WRITER_WAITS) == 0) {
			if (!sc_cas(&s->active, &a, a | SLOT_WRITER_WAITS)) {
				continue;
			}
			a |= SLOT_WRITER_WAITS;
		}
		int64_t until;
		if (!next_slice(c, &until)) {
			return SHMT_ULOCK_BUSY;
		}
		(void)shmt_os_futex_wait(&s->active, a, until);
	}
}

/* The gate held: wait until no reader holds the read lock. Only the slots
 * that belong to a process are looked at. A reader marks its slot active,
 * then looks at the gate; this writer took the gate, then looks at the
 * slots (both with full barriers between): a reader that marked its slot
 * after the look below finds the gate taken and backs off. */
static shmt_ulock_result drain_readers(shmt_ulock *l, acquire_ctx *c)
{
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	uint64_t map = sc_load(&l->readers_map);
	while (map != 0) {
		int i = __builtin_ctzll(map);
		map &= map - 1;
		shmt_ulock_result r = drain_slot(l, i, c);
		if (r != SHMT_ULOCK_OK) {
			return r;
		}
	}
	return SHMT_ULOCK_OK;
}

/* Let go of what a reader set in slot i: the read lock (waking a writer
 * that sleeps on it). */
static inline void slot_idle(ulock_slot *s)
{
	uint32_t old = __atomic_exchange_n(&s->active, 0u, __ATOMIC_SEQ_CST);
	if (old & SLOT_WRITER_WAITS) {
		shmt_os_futex_wake(&s->active, 1);
	}
}

/* Give slot i back (its lock word held by this process, not active): no
 * longer this process's. */
static void slot_give_back(shmt_ulock *l, int i)
{
	ulock_slot *s = &l->slots[i];
	shmt_store_relaxed(&s->pid, 0);
	/* The bits first: once the slot is free another reader may take it
	 * and set them again. */
	__atomic_fetch_and(&l->kept_map, ~slot_bit(i), __ATOMIC_SEQ_CST);
	__atomic_fetch_and(&l->readers_map, ~slot_bit(i), __ATOMIC_SEQ_CST);
	STEP(SHMT_STEP_ULOCK_GIVE_BACK);
	shmt_lock_release(&s->m);
}

/* Slots this process keeps, across all its Locks. Each kept slot is a
 * robust mutex held for the life of the process, and when a process dies
 * the kernel walks at most 2,048 of the robust mutexes it holds
 * (ROBUST_LIST_LIMIT), the last taken first: one beyond would never be
 * marked owner-died, and a lock its process died holding never found
 * free. So a process keeps at most SHMT_ULOCK_KEPT_PER_PROCESS (and its
 * tables at most SHMT_OS_KEPT_MAX more, shmt_os.h), leaving the rest of
 * the kernel's walk for the locks it holds at a time; beyond
 * them it takes a slot at each lock and gives it back at unlock. One word,
 * changed by compare-and-swap (threads of one process share it), counts
 * for the process whose fork count it names: a forked child, whose count
 * is its parent's plus one, starts at 0. */
static uint64_t budget; /* the fork count of the process it counts for (high
                           half: see shmt_os_self()), the slots it keeps (low) */

static int budget_take(uint64_t me)
{
	uint64_t mine = me & ~(uint64_t)0xffffffffu;
	uint64_t b = shmt_load_relaxed(&budget), want;
	do {
		if ((b & ~(uint64_t)0xffffffffu) != mine) {
			want = mine | 1u; /* inherited from an ancestor: none kept here */
		} else if ((b & 0xffffffffu) >= SHMT_ULOCK_KEPT_PER_PROCESS) {
			return 0;
		} else {
			want = b + 1;
		}
	} while (!__atomic_compare_exchange_n(&budget, &b, want, 0, __ATOMIC_RELAXED,
	                                      __ATOMIC_RELAXED));
	return 1;
}

/* A slot this process kept given back (budget_take() counted it). */
static void budget_give(uint64_t me)
{
	uint64_t mine = me & ~(uint64_t)0xffffffffu;
	uint64_t b = shmt_load_relaxed(&budget);
	do {
		if ((b & ~(uint64_t)0xffffffffu) != mine || (b & 0xffffffffu) == 0) {
			return;
		}
	} while (!__atomic_compare_exchange_n(&budget, &b, b - 1, 0, __ATOMIC_RELAXED,
	                                      __ATOMIC_RELAXED));
}

/* Try the slots from pid % 64 on: the first free one, or one whose owner
 * died (taken over, and orphaned: see slot_orphaned()). -1 if all are
 * held. */
static int try_slots(shmt_ulock *l, int start, acquire_ctx *c)
{
	for (int i = 0; i < SHMT_ULOCK_READER_SLOTS; i++) {
		int k = (start + i) % SHMT_ULOCK_READER_SLOTS;
		if (shmt_lock_peek(&l->slots[k].m) == SHMT_LOCK_HELD) {
			continue;
		}
		shmt_lock_result r = shmt_lock_try(&l->slots[k].m);
		if (r == SHMT_LOCK_OWNER_DIED) {
			shmt_lock_consistent(&l->slots[k].m);
			slot_orphaned(l, k, c);
		}
		if (r == SHMT_LOCK_OK || r == SHMT_LOCK_OWNER_DIED) {
			return k;
		}
	}
	return -1;
}

/* Take a slot for this process, any way but its kept one (try_slots());
 * with all 64 held, wait for one: on a slot that is not kept (its process
 * gives it back at unlock, or dies), one slice at a time, looking at all
 * the slots again after each, since the one waited on may be given back
 * and then kept by a newcomer while another comes free. A slot's dead
 * owner found on the way is counted in c->died only if it held the read
 * lock. Its lock word is then this process's; *slot says which. */
static shmt_ulock_result take_slot(shmt_ulock *l, uint64_t me, acquire_ctx *c, int *slot)
{
	int start = (int)((uint32_t)pid_of(me) % SHMT_ULOCK_READER_SLOTS);
	for (;;) {
		int j = try_slots(l, start, c);
		if (j >= 0) {
			*slot = j;
			return SHMT_ULOCK_OK;
		}
		if (c->nowait) {
			return SHMT_ULOCK_BUSY;
		}
		start_waiting(l, c);
		int64_t until;
		if (!next_slice(c, &until)) {
			return SHMT_ULOCK_BUSY;
		}
		uint64_t not_kept = ~sc_load(&l->kept_map);
		for (int i = 0; i < SHMT_ULOCK_READER_SLOTS && j < 0; i++) {
			int k = (start + i) % SHMT_ULOCK_READER_SLOTS;
			if (not_kept & slot_bit(k)) {
				j = k;
			}
		}
		if (j < 0) {
			j = start; /* not reached: at most 48 are kept (keep_slot()) */
		}
		STEP(SHMT_STEP_ULOCK_SLOT_WAIT);
		shmt_lock_result r = shmt_lock_acquire_until(&l->slots[j].m, until);
		if (r == SHMT_LOCK_OWNER_DIED) {
			shmt_lock_consistent(&l->slots[j].m);
			slot_orphaned(l, j, c);
		} else if (r == SHMT_LOCK_BUSY) {
			continue; /* the slice is over: look at all the slots again */
		} else if (r != SHMT_LOCK_OK) {
			return SHMT_ULOCK_ERROR;
		}
		*slot = j;
		return SHMT_ULOCK_OK;
	}
}

/* The gate held: get a slot for this process (waiting for one if all 64
 * belong to processes) and mark it active. It is kept between read locks
 * (h->kept_*) while fewer than SHMT_ULOCK_KEPT_SLOTS are kept; otherwise
 * it is given back at unlock. */
static shmt_ulock_result claim_slot(shmt_ulock *l, uint64_t me, acquire_ctx *c, int *slot,
                                    int *keep)
{
	int j;
	shmt_ulock_result r = take_slot(l, me, c, &j);
	if (r != SHMT_ULOCK_OK) {
		return r;
	}
	STEP(SHMT_STEP_ULOCK_READ_SLOT);
	*keep = __builtin_popcountll(sc_load(&l->kept_map)) < SHMT_ULOCK_KEPT_SLOTS &&
	        budget_take(me);
	if (*keep) {
		__atomic_fetch_or(&l->kept_map, slot_bit(j), __ATOMIC_SEQ_CST);
	}
	__atomic_fetch_or(&l->readers_map, slot_bit(j), __ATOMIC_SEQ_CST);
	shmt_store_relaxed(&l->slots[j].pid, pid_of(me));
	STEP(SHMT_STEP_ULOCK_READ_BIT);
	sc_store(&l->slots[j].active, SLOT_READING);
	*slot = j;
	return SHMT_ULOCK_OK;
}

static inline int kept_slot(const shmt_ulock_hold *h, uint64_t me)
{
	return h->kept_self == me ? h->kept_slot : -1;
}

/* The end of every acquire: statistics, what h says. */
static shmt_ulock_result acquired(shmt_ulock *l, shmt_ulock_result r, acquire_ctx *c,
                                  uint64_t me, shmt_ulock_hold *h)
{
	if (c->waiting) {
		__atomic_sub_fetch(&l->waiters, 1u, __ATOMIC_RELAXED);
	}
	if (c->died > 0) {
		/* Counted even when the acquire then timed out: the dead holder's
		 * lock word was taken over all the same. */
		__atomic_add_fetch(&l->owner_died, (uint64_t)c->died, __ATOMIC_RELAXED);
	}
	if (r == SHMT_ULOCK_OK) {
		h->self = me;
		h->died = c->died + c->told_late;
	}
	return r;
}

/* ---- MUTEX ---- */

/* Keep slot j (this process's) between locks if fewer than
 * SHMT_ULOCK_KEPT_SLOTS are kept: decided by one compare-and-swap on the
 * map, so that never more are kept, and a process without a slot can
 * always wait for one that is not kept. */
static int keep_slot(shmt_ulock *l, int j, uint64_t me)
{
	if (!budget_take(me)) {
		return 0;
	}
	uint64_t km = sc_load(&l->kept_map);
	do {
		if (__builtin_popcountll(km) >= SHMT_ULOCK_KEPT_SLOTS) {
			budget_give(me);
			return 0;
		}
	} while (!sc_cas(&l->kept_map, &km, km | slot_bit(j)));
	return 1;
}

/* This process's slot for a MUTEX: the kept one, or one taken now (a free
 * one, or one whose owner died, taken over; with all taken, waiting for
 * one that is not kept). Kept if few enough are; otherwise given back at
 * unlock. */
static shmt_ulock_result mutex_slot(shmt_ulock *l, uint64_t me, acquire_ctx *c,
                                    shmt_ulock_hold *h, int *slot)
{
	if (h->kept_self == me) {
		*slot = h->kept_slot;
		return SHMT_ULOCK_OK;
	}
	int j;
	shmt_ulock_result r = take_slot(l, me, c, &j);
	if (r != SHMT_ULOCK_OK) {
		return r;
	}
	shmt_store_relaxed(&l->slots[j].pid, pid_of(me));
	STEP(SHMT_STEP_ULOCK_MUTEX_SLOT);
	if (keep_slot(l, j, me)) {
		h->kept_slot = j;
		h->kept_self = me;
	}
	*slot = j;
	return SHMT_ULOCK_OK;
}

/* The MUTEX's slow way: this process's slot first, then the owner word:
 * taken when free or its holder known dead (told); a holder whose slot is
 * marked owner-died is found dead here, and its slot taken over; else
 * sleep on the word, in slices, until the deadline. */
static __attribute__((noinline)) shmt_ulock_result mutex_acquire_slow(shmt_ulock *l,
                                                                      int64_t timeout_ns,
                                                                      uint64_t me,
                                                                      shmt_ulock_hold *h)
{
	acquire_ctx c = { .timeout = timeout_ns, .nowait = timeout_ns == 0 };
	if (c.nowait && h->kept_self != me) {
		/* Held by a live process: the answer, without taking a slot for
		 * nothing (and without failing for want of a slot when more than
		 * 64 processes are in lock()). */
		uint32_t o = sc_load(&l->owner) & OWNER_SLOT_MASK;
		if (o != 0 && o != OWNER_DEAD && shmt_lock_peek(&l->slots[o - 1].m) != SHMT_LOCK_DEAD) {
			return acquired(l, SHMT_ULOCK_BUSY, &c, me, h);
		}
	}
	int j;
	shmt_ulock_result r = mutex_slot(l, me, &c, h, &j);
	if (r != SHMT_ULOCK_OK) {
		return acquired(l, r, &c, me, h);
	}
	uint32_t mine = (uint32_t)j + 1;
	uint32_t slept = 0; /* OWNER_WAITERS once this process slept: others may still */
	for (;;) {
		uint32_t w = sc_load(&l->owner);
		uint32_t o = w & OWNER_SLOT_MASK;
		if (o == 0 || o == OWNER_DEAD) {
			if (sc_cas(&l->owner, &w, mine | (w & OWNER_WAITERS) | slept)) {
				if (o == OWNER_DEAD) {
					c.died++;
				}
				break;
			}
			continue;
		}
		ulock_slot *hs = &l->slots[o - 1];
		if (shmt_lock_peek(&hs->m) == SHMT_LOCK_DEAD) {
			shmt_lock_result t = shmt_lock_try(&hs->m);
			if (t == SHMT_LOCK_OWNER_DIED) {
				shmt_lock_consistent(&hs->m);
				slot_orphaned(l, (int)(o - 1), &c);
				shmt_lock_release(&hs->m);
			} else if (t == SHMT_LOCK_OK) {
				shmt_lock_release(&hs->m);
			}
			continue;
		}
		if (c.nowait) {
			r = SHMT_ULOCK_BUSY;
			break;
		}
		start_waiting(l, &c);
		int64_t until;
		if (!next_slice(&c, &until)) {
			r = SHMT_ULOCK_BUSY;
			break;
		}
		if ((w & OWNER_WAITERS) == 0) {
			if (!sc_cas(&l->owner, &w, w | OWNER_WAITERS)) {
				continue;
			}
			w |= OWNER_WAITERS;
		}
		STEP(SHMT_STEP_ULOCK_MUTEX_WAIT);
		(void)shmt_os_futex_wait(&l->owner, w, until);
		slept = OWNER_WAITERS;
	}
	if (r == SHMT_ULOCK_OK) {
		STEP(SHMT_STEP_ULOCK_GATE);
		count_one(&l->gate.count);
		h->held = 1;
		h->slot = j;
	} else if (h->kept_self != me || h->kept_slot != j) {
		slot_give_back(l, j);
	}
	return acquired(l, r, &c, me, h);
}

/* The rest of a MUTEX's unlock, after the exchange that let it go (old:
 * the word before): wake a sleeper, give back a slot that is not kept. */
static __attribute__((noinline)) int mutex_release_slow(shmt_ulock *l, shmt_ulock_hold *h,
                                                        uint64_t me, uint32_t old)
{
	if ((old & OWNER_WAITERS) != 0) {
		shmt_os_futex_wake(&l->owner, 1);
	}
	if (h->kept_self != me || h->kept_slot != h->slot) {
		slot_give_back(l, h->slot);
	}
	return 0;
}

/* The read lock through a kept slot, after the fast way found the gate
 * taken: the slot made idle again (waking a writer that waits for it),
 * then queue at the gate and mark the slot active holding it. */
static __attribute__((noinline)) shmt_ulock_result read_kept_slow(shmt_ulock *l, int j,
                                                                  uint64_t me, int64_t timeout_ns,
                                                                  shmt_ulock_hold *h)
{
	acquire_ctx c = { .timeout = timeout_ns, .nowait = timeout_ns == 0 };
	ulock_slot *s = &l->slots[j];
	slot_idle(s);
	shmt_ulock_result r = take(l, &l->gate, &c);
	if (r == SHMT_ULOCK_OK) {
		STEP(SHMT_STEP_ULOCK_GATE);
		sc_store(&s->active, SLOT_READING);
		count_one(&s->count);
		h->held = 2;
		h->slot = j;
		gate_told(l, &c);
		shmt_lock_release(&l->gate.m);
	}
	return acquired(l, r, &c, me, h);
}

/* How acquire_slow() finds the gate. */
enum { GATE_NOT_TRIED, GATE_HELD, GATE_HELD_DEAD, GATE_ERROR };

/* Every other way: the gate taken (waiting if need be); a writer then
 * waits for the active readers, a reader without a kept slot takes one. */
static __attribute__((noinline)) shmt_ulock_result acquire_slow(shmt_ulock *l, int shared,
                                                                int64_t timeout_ns, uint64_t me,
                                                                shmt_ulock_hold *h, int gate)
{
	acquire_ctx c = { .timeout = timeout_ns, .nowait = timeout_ns == 0 };
	shmt_ulock_result r = SHMT_ULOCK_OK;
	if (gate == GATE_ERROR) {
		return SHMT_ULOCK_ERROR;
	}
	if (gate == GATE_HELD_DEAD) {
		/* The fast way's trylock took a dead writer's gate over. */
		shmt_lock_consistent(&l->gate.m);
		l->gate.pid = 0;
		c.died++;
		STEP(SHMT_STEP_ULOCK_GATE);
	} else if (gate == GATE_NOT_TRIED) {
		r = take(l, &l->gate, &c);
		if (r != SHMT_ULOCK_OK) {
			return acquired(l, r, &c, me, h);
		}
		STEP(SHMT_STEP_ULOCK_GATE);
	}
	if (!shared) {
		if (l->type == SHMT_ULOCK_RWLOCK) {
			r = drain_readers(l, &c);
		}
		if (r == SHMT_ULOCK_OK) {
			gate_told(l, &c);
			shmt_store_release(&l->gate.pid, pid_of(me));
			count_one(&l->gate.count);
			h->held = 1;
		} else {
			gate_untold(l, &c);
			shmt_lock_release(&l->gate.m);
		}
	} else {
		int slot, keep;
		r = claim_slot(l, me, &c, &slot, &keep);
		if (r == SHMT_ULOCK_OK) {
			count_one(&l->slots[slot].count);
			h->held = 2;
			h->slot = slot;
			if (keep) {
				h->kept_slot = slot;
				h->kept_self = me;
			}
			gate_told(l, &c);
		} else {
			gate_untold(l, &c);
		}
		shmt_lock_release(&l->gate.m);
	}
	return acquired(l, r, &c, me, h);
}

/* The uncontended ways first, without the waiting machinery: a read lock
 * through the kept slot is one exchange and a look at the gate; a write
 * lock is the gate's trylock, and for an RWLOCK one look at the slots in
 * use (none, or none active). */
static __attribute__((noinline)) shmt_ulock_result rwlock_acquire(shmt_ulock *l, int shared,
                                                                  int64_t timeout_ns,
                                                                  shmt_ulock_hold *h)
{
	uint64_t me = shmt_os_self();
	h->held = 0;
	h->died = 0;
	if (shared) {
		if (h->kept_self != me) {
			return acquire_slow(l, 1, timeout_ns, me, h, GATE_NOT_TRIED);
		}
		int j = h->kept_slot;
		ulock_slot *s = &l->slots[j];
		(void)__atomic_exchange_n(&s->active, SLOT_READING, __ATOMIC_SEQ_CST);
		STEP(SHMT_STEP_ULOCK_READ_ACTIVE);
		if (__builtin_expect(!shmt_lock_is_free(&l->gate.m), 0) ||
		    __builtin_expect(shmt_load_relaxed(&l->gate.active) != 0, 0)) {
			/* A writer in or coming; or a death to be told. */
			return read_kept_slow(l, j, me, timeout_ns, h);
		}
		count_one(&s->count);
		h->held = 2;
		h->slot = j;
		h->self = me;
		return SHMT_ULOCK_OK;
	}
	shmt_lock_result g = shmt_lock_try_inline(&l->gate.m);
	if (__builtin_expect(g != SHMT_LOCK_OK, 0)) {
		/* Held: the full way, which waits. Its owner died: taken over
		 * by this trylock, made consistent and counted there. */
		return acquire_slow(l, 0, timeout_ns, me, h,
		                    g == SHMT_LOCK_BUSY ? GATE_NOT_TRIED
		                    : g == SHMT_LOCK_OWNER_DIED ? GATE_HELD_DEAD : GATE_ERROR);
	}
	STEP(SHMT_STEP_ULOCK_GATE);
	if (__builtin_expect(shmt_load_relaxed(&l->gate.active) != 0, 0)) {
		return acquire_slow(l, 0, timeout_ns, me, h, GATE_HELD); /* a death to be told */
	}
	if (l->type == SHMT_ULOCK_RWLOCK) {
		/* The gate's take, then the look at the slots (see drain_readers()). */
		shmt_lock_taken_fence();
		uint64_t map = sc_load(&l->readers_map);
		while (map != 0) {
			int i = __builtin_ctzll(map);
			map &= map - 1;
			ulock_slot *s = &l->slots[i];
			if ((sc_load(&s->active) & SLOT_READING) != 0 ||
			    shmt_lock_peek(&s->m) == SHMT_LOCK_DEAD) {
				return acquire_slow(l, 0, timeout_ns, me, h, GATE_HELD);
			}
		}
	}
	shmt_store_release(&l->gate.pid, pid_of(me));
	count_one(&l->gate.count);
	h->held = 1;
	h->self = me;
	return SHMT_ULOCK_OK;
}

/* A MUTEX through this process's kept slot: one compare-and-swap of the
 * owner word; everything else (no kept slot yet, the MUTEX held, its
 * holder dead) takes the slow way. Kept small, so that the call costs
 * little more than the swap. */
/* The MUTEX's way when the fast one (in shmt_ulock_acquire()) did not
 * take it. */
static __attribute__((noinline)) shmt_ulock_result mutex_acquire(shmt_ulock *l,
                                                                 int64_t timeout_ns,
                                                                 shmt_ulock_hold *h)
{
	h->held = 0;
	h->died = 0;
	return mutex_acquire_slow(l, timeout_ns, shmt_os_self(), h);
}

static __attribute__((noinline)) int rwlock_release(shmt_ulock *l, shmt_ulock_hold *h)
{
	uint64_t me = shmt_os_self();
	if (h->held == 0 || h->self != me) {
		return -1;
	}
	if (h->held == 1) {
		shmt_store_release(&l->gate.pid, 0);
		shmt_lock_release_inline(&l->gate.m);
	} else {
		slot_idle(&l->slots[h->slot]);
		STEP(SHMT_STEP_ULOCK_UNLOCK_BIT);
		if (h->kept_self != me || h->kept_slot != h->slot) {
			slot_give_back(l, h->slot);
		}
	}
	h->held = 0;
	return 0;
}


/* Two tail calls: each type's way is a function of its own, so that
 * neither pays for the other's registers. */
shmt_ulock_result shmt_ulock_acquire(shmt_ulock *l, int shared, int64_t timeout_ns,
                                     shmt_ulock_hold *h)
{
	if (l->type != SHMT_ULOCK_MUTEX) {
		return rwlock_acquire(l, shared, timeout_ns, h);
	}
	/* A MUTEX through this process's kept slot: one compare-and-swap of
	 * the owner word. Anything else (the pid not read yet, no kept slot,
	 * the MUTEX held, its holder dead) takes the slow way. No call here
	 * but the test hook's, so that this costs little more than the swap. */
	uint64_t me = shmt_load_relaxed(&shmt_os_self_cache);
	uint32_t free_word = 0;
	if (__builtin_expect(me != 0 && h->kept_self == me, 1) &&
	    __builtin_expect(sc_cas(&l->owner, &free_word, (uint32_t)h->kept_slot + 1), 1)) {
		h->held = 1;
		h->died = 0;
		h->slot = h->kept_slot;
		h->self = me;
		count_one(&l->gate.count);
		STEP(SHMT_STEP_ULOCK_GATE);
		return SHMT_ULOCK_OK;
	}
	return mutex_acquire(l, timeout_ns, h);
}

int shmt_ulock_release(shmt_ulock *l, shmt_ulock_hold *h)
{
	if (l->type != SHMT_ULOCK_MUTEX) {
		return rwlock_release(l, h);
	}
	uint64_t me = shmt_load_relaxed(&shmt_os_self_cache);
	if (__builtin_expect(me == 0, 0)) {
		me = shmt_os_self(); /* not cached yet, or never (no fork handler) */
	}
	if (h->held == 0 || h->self != me) {
		return -1;
	}
	/* One exchange; a sleeper to wake or a slot to give back: the slow
	 * way. */
	h->held = 0;
	uint32_t old = __atomic_exchange_n(&l->owner, 0u, __ATOMIC_SEQ_CST);
	if (__builtin_expect((old & OWNER_WAITERS) != 0, 0) ||
	    __builtin_expect(h->kept_self != me || h->kept_slot != h->slot, 0)) {
		return mutex_release_slow(l, h, me, old);
	}
	return 0;
}

void shmt_ulock_forget(shmt_ulock *l, shmt_ulock_hold *h)
{
	uint64_t me = shmt_os_self();
	int j = kept_slot(h, me);
	if (j < 0 || (h->held != 0 && h->self == me)) {
		return;
	}
	slot_give_back(l, j);
	budget_give(me);
	h->kept_self = 0;
	h->kept_slot = 0;
}

void shmt_ulock_stats_get(shmt_ulock *l, shmt_ulock_stats *st)
{
	*st = (shmt_ulock_stats){ .type = l->type };
	if (l->type == SHMT_ULOCK_MUTEX) {
		/* The holder's slot, then the word again: the slot is the
		 * holder's while the word names it (a slot not kept is given
		 * back only after the word let go). */
		for (int tries = 0; tries < 16; tries++) {
			uint32_t o = sc_load(&l->owner) & OWNER_SLOT_MASK;
			st->holder = 0;
			st->holder_dead = 0;
			if (o == OWNER_DEAD) {
				st->holder = shmt_load_relaxed(&l->gate.pid);
				st->holder_dead = 1;
			} else if (o != 0) {
				ulock_slot *s = &l->slots[o - 1];
				st->holder = shmt_load_acquire(&s->pid);
				st->holder_dead = shmt_lock_peek(&s->m) == SHMT_LOCK_DEAD;
			}
			if ((sc_load(&l->owner) & OWNER_SLOT_MASK) == o) {
				break;
			}
		}
		uint64_t km = shmt_load_relaxed(&l->kept_map);
		for (int i = 0; i < SHMT_ULOCK_READER_SLOTS; i++) {
			if ((km & slot_bit(i)) != 0 && shmt_lock_peek(&l->slots[i].m) == SHMT_LOCK_HELD) {
				st->slots_kept++;
			}
		}
	} else {
		shmt_lock_state g = shmt_lock_peek(&l->gate.m);
		if (g != SHMT_LOCK_FREE) {
			st->holder = shmt_load_acquire(&l->gate.pid);
			st->holder_dead = g == SHMT_LOCK_DEAD && st->holder != 0;
		}
	}
	st->acquisitions = shmt_load_relaxed(&l->gate.count);
	if (l->type == SHMT_ULOCK_RWLOCK) {
		for (int i = 0; i < SHMT_ULOCK_READER_SLOTS; i++) {
			ulock_slot *s = &l->slots[i];
			shmt_lock_state ls = shmt_lock_peek(&s->m);
			int32_t pid = shmt_load_acquire(&s->pid);
			int reading = (shmt_load_acquire(&s->active) & SLOT_READING) != 0;
			if (ls == SHMT_LOCK_HELD && pid != 0 && reading) {
				st->reader_pids[st->readers++] = pid;
			} else if (ls == SHMT_LOCK_DEAD && reading) {
				st->dead_readers++;
			}
			if (ls == SHMT_LOCK_HELD && pid != 0) {
				st->slots_kept += (shmt_load_relaxed(&l->kept_map) & slot_bit(i)) != 0;
			}
			st->acquisitions += shmt_load_relaxed(&s->count);
		}
	}
	st->waiters = shmt_load_relaxed(&l->waiters);
	st->owner_died = shmt_load_relaxed(&l->owner_died);
}

/* ------------------------------------------------------------------ */
/* In a mapping of the caller's (named objects, shmt_sync_open.c)       */

size_t shmt_ulock_bytes(int type)
{
	return ulock_bytes(type);
}

shmt_ulock *shmt_ulock_init_at(void *mem, int type)
{
	shmt_ulock *l = mem;
	if (type != SHMT_ULOCK_MUTEX && type != SHMT_ULOCK_RWLOCK) {
		return NULL;
	}
	l->waiters = 0;
	l->owner_died = 0;
	l->readers_map = 0;
	l->kept_map = 0;
	l->gate.pid = 0;
	l->gate.active = 0;
	l->gate.count = 0;
	l->owner = 0;
	int bad = shmt_lock_init(&l->gate.m);
	for (int i = 0; bad == 0 && i < SHMT_ULOCK_READER_SLOTS; i++) {
		l->slots[i].pid = 0;
		l->slots[i].active = 0;
		l->slots[i].count = 0;
		bad = shmt_lock_init(&l->slots[i].m);
	}
	if (bad != 0) {
		return NULL;
	}
	l->type = type;
	sc_store(&l->magic, SHMT_ULOCK_MAGIC);
	return l;
}

shmt_ulock *shmt_ulock_at(void *mem, int type)
{
	shmt_ulock *l = mem;
	if (sc_load(&l->magic) != SHMT_ULOCK_MAGIC || l->type != type) {
		return NULL;
	}
	return l;
}
