/*
 * shmt_sync.c - ShmTable\Atomic and ShmTable\Lock (see shmt_sync.h and
 * docs/ARCHITECTURE.md, "Atomic and Lock").
 *
 * Atomic: the value and a wake-up sequence word in one shared mapping. A
 * waiter reads the sequence, looks at the value, and sleeps on the
 * sequence only while it is unchanged; wakeup() stores 1, then bumps the
 * sequence, then wakes. A waiter keeps nothing of its own in shared
 * memory, so a killed waiter cannot swallow a wake-up: the 1 stays for the
 * next waiter, and every wakeup() call that finds a 1 wakes again.
 *
 * Lock: every lock word is the OS layer's robust lock, which the kernel
 * hands to the next locker, marked, when its owner dies. A MUTEX is one
 * such lock (the gate). An RWLOCK adds SHMT_ULOCK_READER_SLOTS reader
 * slots, each a robust lock too: a reader holds one slot lock for as long
 * as it holds the read lock, so the death of a reader is seen exactly as
 * the death of a writer is, by the kernel, without pid polling. Readers
 * take the gate only to pick a slot; a writer holds the gate (no new
 * reader gets in) and takes then releases every occupied slot, which waits
 * for each reader to unlock or die.
 */
#include "shmt_sync.h"
#include "shmt_os.h"
#include "shmt_atomic.h"
#include "shmt_test.h"

#include <stddef.h>

#define SHMT_ATOMIC_MAGIC 0x53484d41u /* "SHMA" */
#define SHMT_ULOCK_MAGIC 0x53484d4cu  /* "SHML" */

#define sc_load(p)              __atomic_load_n((p), __ATOMIC_SEQ_CST)
#define sc_store(p, v)          __atomic_store_n((p), (v), __ATOMIC_SEQ_CST)
#define sc_cas(p, expp, v)      __atomic_compare_exchange_n((p), (expp), (v), 0, \
                                        __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST)

/* ------------------------------------------------------------------ */
/* Atomic                                                               */

struct shmt_atomic {
	uint32_t magic;
	uint32_t wake_seq; /* the word waiters sleep on */
	int64_t value;
	uint64_t wakeups;
};
_Static_assert(sizeof(struct shmt_atomic) == 24, "shared Atomic layout");
_Static_assert(offsetof(struct shmt_atomic, value) % 8 == 0, "64-bit value aligned");

shmt_atomic *shmt_atomic_new(int64_t value)
{
	shmt_atomic *a = shmt_map_shared(sizeof(*a));
	if (a == NULL) {
		return NULL;
	}
	a->magic = SHMT_ATOMIC_MAGIC;
	a->value = value;
	return a;
}

void shmt_atomic_free(shmt_atomic *a)
{
	shmt_unmap(a, sizeof(*a));
}

int64_t shmt_atomic_get(shmt_atomic *a)
{
	return sc_load(&a->value);
}

void shmt_atomic_set(shmt_atomic *a, int64_t value)
{
	sc_store(&a->value, value);
}

/* The value this process last saw in any counter: the first guess of the
 * compare-and-swap below. A guess, never trusted: only the swap decides
 * (process-local; relaxed atomic accesses as threads may share it). */
static int64_t last_seen;

/* Add delta with one compare-and-swap in the common case, never a store of
 * a value that overflowed: every other process sees either the old value or
 * the new one, and an add that would overflow changes nothing (it returns
 * -1 having stored nothing). No plain load before the swap: a load brings
 * the cache line in shared, then the swap has to ask for it again, owned;
 * the swap on a guess asks for it owned once, and when the guess is wrong
 * it hands back the current value with the line still owned here, so the
 * second swap almost always succeeds. In one process the guess (this
 * process's last result) is right, so add() is a single locked instruction
 * like a fetch-and-add; a fetch-and-add itself cannot be used, as it would
 * store the wrapped value that others could read before it was undone. */
static int atomic_apply(shmt_atomic *a, int64_t delta, int sub, int64_t *out)
{
	int64_t old = shmt_load_relaxed(&last_seen), res;
	for (;;) {
		if (sub ? __builtin_sub_overflow(old, delta, &res)
		        : __builtin_add_overflow(old, delta, &res)) {
			/* Overflow from a guess decides nothing: look at the value. */
			int64_t cur = sc_load(&a->value);
			if (cur != old) {
				old = cur;
				continue;
			}
			shmt_store_relaxed(&last_seen, cur);
			return -1;
		}
		if (sc_cas(&a->value, &old, res)) {
			break;
		}
	}
	shmt_store_relaxed(&last_seen, res);
	*out = res;
	return 0;
}

int shmt_atomic_add(shmt_atomic *a, int64_t delta, int64_t *out)
{
	return atomic_apply(a, delta, 0, out);
}

int shmt_atomic_sub(shmt_atomic *a, int64_t delta, int64_t *out)
{
	return atomic_apply(a, delta, 1, out);
}

int shmt_atomic_cmpset(shmt_atomic *a, int64_t cmp_value, int64_t new_value)
{
	return sc_cas(&a->value, &cmp_value, new_value) ? 1 : 0;
}

static int take_one(shmt_atomic *a)
{
	int64_t one = 1;
	return sc_cas(&a->value, &one, 0);
}

int shmt_atomic_wait(shmt_atomic *a, int64_t timeout_ns)
{
	if (take_one(a)) {
		return 1;
	}
	if (timeout_ns == 0) {
		return 0;
	}
	int64_t deadline = timeout_ns < 0 ? -1 : shmt_os_monotonic_ns() + timeout_ns;
	for (;;) {
		/* The sequence before the value: a wakeup() that stores its 1
		 * after this look bumps the sequence after it too, so the sleep
		 * below returns at once. */
		uint32_t seq = sc_load(&a->wake_seq);
		if (take_one(a)) {
			return 1;
		}
		if (shmt_os_futex_wait(&a->wake_seq, seq, deadline) != 0) {
			return take_one(a);
		}
	}
}

void shmt_atomic_wakeup(shmt_atomic *a, int count)
{
	int64_t zero = 0;
	sc_cas(&a->value, &zero, 1);
	/* Woken even when the value was 1 already: a waiter woken earlier may
	 * have been killed before it took the 1, leaving others asleep. */
	if (sc_load(&a->value) == 1) {
		__atomic_add_fetch(&a->wake_seq, 1u, __ATOMIC_SEQ_CST);
		shmt_add_relaxed(&a->wakeups, 1);
		shmt_os_futex_wake(&a->wake_seq, count);
	}
}

uint64_t shmt_atomic_wakeups(shmt_atomic *a)
{
	return shmt_load_relaxed(&a->wakeups);
}

/* ------------------------------------------------------------------ */
/* Lock                                                                 */

typedef struct {
	shmt_lock m;
	int32_t pid; /* the process holding m: a writer (gate) or a reader */
} __attribute__((aligned(64))) ulock_slot;

struct shmt_ulock {
	uint32_t magic;
	int32_t type;
	uint32_t waiters;
	uint32_t pad;
	uint64_t acquisitions;
	uint64_t owner_died;
	uint64_t readers_map; /* RWLOCK: bit i set while slot i holds the read lock */
	ulock_slot gate __attribute__((aligned(64)));
	ulock_slot slots[SHMT_ULOCK_READER_SLOTS]; /* RWLOCK only */
};
_Static_assert(offsetof(struct shmt_ulock, gate) == 64, "shared Lock layout");
_Static_assert(sizeof(ulock_slot) == 64, "one slot per cache line");

static size_t ulock_bytes(int type)
{
	return type == SHMT_ULOCK_RWLOCK ? sizeof(struct shmt_ulock)
	                                 : offsetof(struct shmt_ulock, slots);
}

shmt_ulock *shmt_ulock_new(int type)
{
	shmt_ulock *l = shmt_map_shared(ulock_bytes(type));
	if (l == NULL) {
		return NULL;
	}
	int bad = shmt_lock_init(&l->gate.m);
	for (int i = 0; bad == 0 && type == SHMT_ULOCK_RWLOCK && i < SHMT_ULOCK_READER_SLOTS; i++) {
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
} acquire_ctx;

/* Take one lock word; a dead owner's is made consistent and counted. */
static shmt_ulock_result take(shmt_ulock *l, ulock_slot *s, acquire_ctx *c)
{
	shmt_lock_result r = shmt_lock_try(&s->m);
	c->took_dead = 0;
	if (r == SHMT_LOCK_BUSY && !c->nowait) {
		if (!c->waiting) {
			__atomic_add_fetch(&l->waiters, 1u, __ATOMIC_RELAXED);
			c->waiting = 1;
			c->deadline = c->timeout < 0 ? -1 : shmt_os_monotonic_ns() + c->timeout;
		}
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

static inline uint64_t slot_bit(int i)
{
	return (uint64_t)1 << i;
}

/* The gate held: wait until no reader holds the read lock (each unlocks or
 * dies). Only the slots whose bit is set are looked at. A reader sets its
 * bit, then looks at the gate; this writer took the gate, then reads the
 * bits (both with full barriers between): a reader that set its bit after
 * the read below finds the gate taken and backs off without entering. */
static shmt_ulock_result drain_readers(shmt_ulock *l, acquire_ctx *c)
{
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	uint64_t map = sc_load(&l->readers_map);
	while (map != 0) {
		int i = __builtin_ctzll(map);
		map &= map - 1;
		ulock_slot *s = &l->slots[i];
		STEP(SHMT_STEP_ULOCK_DRAIN);
		shmt_ulock_result r = take(l, s, c);
		if (r != SHMT_ULOCK_OK) {
			return r;
		}
		if (c->took_dead) {
			/* The reader died holding: its bit is this writer's to clear. */
			__atomic_fetch_and(&l->readers_map, ~slot_bit(i), __ATOMIC_SEQ_CST);
		}
		shmt_lock_release(&s->m);
	}
	return SHMT_ULOCK_OK;
}

/* A slot taken with trylock by a reader: a dead owner's is made consistent
 * and counted only if its bit is set (the owner held the read lock; with
 * the bit clear it died before it had the lock or after it gave it up). */
static void slot_taken(shmt_ulock *l, int j, shmt_lock_result r, acquire_ctx *c)
{
	if (r == SHMT_LOCK_OWNER_DIED) {
		shmt_lock_consistent(&l->slots[j].m);
		l->slots[j].pid = 0;
		if (sc_load(&l->readers_map) & slot_bit(j)) {
			c->died++;
		}
	}
}

/* The read lock without the gate: take a free slot, set its bit, and keep
 * it if the gate is free (no writer). BUSY: go the slow way. */
static shmt_ulock_result read_fast(shmt_ulock *l, int32_t me, acquire_ctx *c, int *slot)
{
	if (shmt_lock_peek(&l->gate.m) != SHMT_LOCK_FREE) {
		return SHMT_ULOCK_BUSY;
	}
	int start = (int)((uint32_t)me % SHMT_ULOCK_READER_SLOTS);
	uint64_t map = shmt_load_relaxed(&l->readers_map);
	for (int i = 0; i < SHMT_ULOCK_READER_SLOTS; i++) {
		int j = (start + i) % SHMT_ULOCK_READER_SLOTS;
		if (map & slot_bit(j)) {
			continue;
		}
		shmt_lock_result r = shmt_lock_try(&l->slots[j].m);
		if (r != SHMT_LOCK_OK && r != SHMT_LOCK_OWNER_DIED) {
			continue;
		}
		slot_taken(l, j, r, c);
		STEP(SHMT_STEP_ULOCK_READ_SLOT);
		__atomic_fetch_or(&l->readers_map, slot_bit(j), __ATOMIC_SEQ_CST);
		__atomic_thread_fence(__ATOMIC_SEQ_CST);
		STEP(SHMT_STEP_ULOCK_READ_BIT);
		if (shmt_lock_peek(&l->gate.m) == SHMT_LOCK_FREE) {
			*slot = j;
			return SHMT_ULOCK_OK;
		}
		/* A writer came in: back off and queue at the gate. */
		__atomic_fetch_and(&l->readers_map, ~slot_bit(j), __ATOMIC_SEQ_CST);
		shmt_lock_release(&l->slots[j].m);
		return SHMT_ULOCK_BUSY;
	}
	return SHMT_ULOCK_BUSY;
}

/* The gate held: take a free reader slot (waiting for one if all are) and
 * set its bit. */
static shmt_ulock_result take_slot(shmt_ulock *l, int32_t me, acquire_ctx *c, int *slot)
{
	int start = (int)((uint32_t)me % SHMT_ULOCK_READER_SLOTS);
	int j = -1;
	for (int i = 0; i < SHMT_ULOCK_READER_SLOTS && j < 0; i++) {
		int k = (start + i) % SHMT_ULOCK_READER_SLOTS;
		shmt_lock_result r = shmt_lock_try(&l->slots[k].m);
		if (r == SHMT_LOCK_OK || r == SHMT_LOCK_OWNER_DIED) {
			slot_taken(l, k, r, c);
			j = k;
		}
	}
	if (j < 0) {
		j = start;
		shmt_ulock_result r = take(l, &l->slots[j], c);
		if (r != SHMT_ULOCK_OK) {
			return r;
		}
		if (c->took_dead && !(sc_load(&l->readers_map) & slot_bit(j))) {
			c->died--; /* it did not hold the read lock */
		}
	}
	STEP(SHMT_STEP_ULOCK_READ_SLOT);
	__atomic_fetch_or(&l->readers_map, slot_bit(j), __ATOMIC_SEQ_CST);
	*slot = j;
	return SHMT_ULOCK_OK;
}

shmt_ulock_result shmt_ulock_acquire(shmt_ulock *l, int shared, int64_t timeout_ns,
                                     shmt_ulock_hold *h)
{
	int32_t me = shmt_os_pid();
	acquire_ctx c = {
		.timeout = timeout_ns,
		.nowait = timeout_ns == 0,
	};
	if (shared) {
		int slot;
		if (read_fast(l, me, &c, &slot) == SHMT_ULOCK_OK) {
			shmt_store_relaxed(&l->slots[slot].pid, me);
			shmt_add_relaxed(&l->acquisitions, 1);
			if (c.died > 0) {
				shmt_add_relaxed(&l->owner_died, (uint64_t)c.died);
			}
			h->held = 2;
			h->slot = slot;
			h->pid = me;
			h->died = c.died;
			return SHMT_ULOCK_OK;
		}
	}
	shmt_ulock_result r = take(l, &l->gate, &c);
	if (r == SHMT_ULOCK_OK) {
		STEP(SHMT_STEP_ULOCK_GATE);
		if (!shared) {
			if (l->type == SHMT_ULOCK_RWLOCK) {
				r = drain_readers(l, &c);
			}
			if (r == SHMT_ULOCK_OK) {
				shmt_store_release(&l->gate.pid, me);
				h->held = 1;
			}
		} else {
			int slot;
			r = take_slot(l, me, &c, &slot);
			if (r == SHMT_ULOCK_OK) {
				shmt_store_release(&l->slots[slot].pid, me);
				h->held = 2;
				h->slot = slot;
			}
		}
		if (r == SHMT_ULOCK_OK) {
			/* Readers on the fast path count without the gate. */
			shmt_add_relaxed(&l->acquisitions, 1);
			if (c.died > 0) {
				shmt_add_relaxed(&l->owner_died, (uint64_t)c.died);
			}
		}
		if (r != SHMT_ULOCK_OK || shared) {
			shmt_lock_release(&l->gate.m);
		}
	}
	if (c.waiting) {
		__atomic_sub_fetch(&l->waiters, 1u, __ATOMIC_RELAXED);
	}
	if (r != SHMT_ULOCK_OK && c.died > 0) {
		/* Took over a dead holder's lock word, then timed out. */
		__atomic_add_fetch(&l->owner_died, (uint64_t)c.died, __ATOMIC_RELAXED);
	}
	if (r == SHMT_ULOCK_OK) {
		h->pid = me;
		h->died = c.died;
	}
	return r;
}

int shmt_ulock_holds(const shmt_ulock_hold *h)
{
	return h->held != 0 && h->pid == shmt_os_pid();
}

int shmt_ulock_release(shmt_ulock *l, shmt_ulock_hold *h)
{
	if (!shmt_ulock_holds(h)) {
		return -1;
	}
	ulock_slot *s = h->held == 1 ? &l->gate : &l->slots[h->slot];
	shmt_store_release(&s->pid, 0);
	if (h->held == 2) {
		/* The bit first: once the slot is free another reader may take it
		 * and set the bit again. */
		__atomic_fetch_and(&l->readers_map, ~slot_bit(h->slot), __ATOMIC_SEQ_CST);
		STEP(SHMT_STEP_ULOCK_UNLOCK_BIT);
	}
	shmt_lock_release(&s->m);
	h->held = 0;
	return 0;
}

void shmt_ulock_stats_get(shmt_ulock *l, shmt_ulock_stats *st)
{
	*st = (shmt_ulock_stats){ .type = l->type };
	shmt_lock_state g = shmt_lock_peek(&l->gate.m);
	if (g != SHMT_LOCK_FREE) {
		st->holder = shmt_load_acquire(&l->gate.pid);
		st->holder_dead = g == SHMT_LOCK_DEAD && st->holder != 0;
	}
	if (l->type == SHMT_ULOCK_RWLOCK) {
		for (int i = 0; i < SHMT_ULOCK_READER_SLOTS; i++) {
			shmt_lock_state s = shmt_lock_peek(&l->slots[i].m);
			int32_t pid = shmt_load_acquire(&l->slots[i].pid);
			int bit = (shmt_load_acquire(&l->readers_map) & slot_bit(i)) != 0;
			if (s == SHMT_LOCK_HELD && pid != 0 && bit) {
				st->reader_pids[st->readers++] = pid;
			} else if (s == SHMT_LOCK_DEAD && bit) {
				st->dead_readers++;
			}
		}
	}
	st->waiters = shmt_load_relaxed(&l->waiters);
	st->acquisitions = shmt_load_relaxed(&l->acquisitions);
	st->owner_died = shmt_load_relaxed(&l->owner_died);
}

/* ------------------------------------------------------------------ */
/* In a mapping of the caller's (named objects, shmt_sync_open.c)       */

size_t shmt_atomic_bytes(void)
{
	return sizeof(struct shmt_atomic);
}

shmt_atomic *shmt_atomic_init_at(void *mem, int64_t value)
{
	shmt_atomic *a = mem;
	a->wake_seq = 0;
	a->value = value;
	a->wakeups = 0;
	sc_store(&a->magic, SHMT_ATOMIC_MAGIC);
	return a;
}

shmt_atomic *shmt_atomic_at(void *mem)
{
	shmt_atomic *a = mem;
	return sc_load(&a->magic) == SHMT_ATOMIC_MAGIC ? a : NULL;
}

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
	l->acquisitions = 0;
	l->owner_died = 0;
	l->gate.pid = 0;
	int bad = shmt_lock_init(&l->gate.m);
	for (int i = 0; bad == 0 && type == SHMT_ULOCK_RWLOCK && i < SHMT_ULOCK_READER_SLOTS; i++) {
		l->slots[i].pid = 0;
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
