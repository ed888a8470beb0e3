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

int shmt_atomic_add(shmt_atomic *a, int64_t delta, int64_t *out)
{
	int64_t old = shmt_load_relaxed(&a->value), sum;
	do {
		if (__builtin_add_overflow(old, delta, &sum)) {
			return -1;
		}
	} while (!sc_cas(&a->value, &old, sum));
	*out = sum;
	return 0;
}

int shmt_atomic_sub(shmt_atomic *a, int64_t delta, int64_t *out)
{
	int64_t old = shmt_load_relaxed(&a->value), diff;
	do {
		if (__builtin_sub_overflow(old, delta, &diff)) {
			return -1;
		}
	} while (!sc_cas(&a->value, &old, diff));
	*out = diff;
	return 0;
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
	uint32_t died;
} acquire_ctx;

/* Take one lock word; a dead owner's is made consistent and counted. */
static shmt_ulock_result take(shmt_ulock *l, ulock_slot *s, acquire_ctx *c)
{
	shmt_lock_result r = shmt_lock_try(&s->m);
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
		return SHMT_ULOCK_OK;
	case SHMT_LOCK_BUSY:
		return SHMT_ULOCK_BUSY;
	default:
		return SHMT_ULOCK_ERROR;
	}
}

/* The gate held: wait until no reader holds a slot (each unlocks or dies). */
static shmt_ulock_result drain_readers(shmt_ulock *l, acquire_ctx *c)
{
	for (int i = 0; i < SHMT_ULOCK_READER_SLOTS; i++) {
		ulock_slot *s = &l->slots[i];
		/* Slots are taken only under the gate, which this writer holds:
		 * one that is free now stays free. */
		if (shmt_lock_peek(&s->m) == SHMT_LOCK_FREE) {
			continue;
		}
		shmt_ulock_result r = take(l, s, c);
		if (r != SHMT_ULOCK_OK) {
			return r;
		}
		s->pid = 0;
		shmt_lock_release(&s->m);
	}
	return SHMT_ULOCK_OK;
}

/* The gate held: take a free reader slot (waiting for one if all are). */
static shmt_ulock_result take_slot(shmt_ulock *l, int32_t me, acquire_ctx *c, int *slot)
{
	int start = (int)((uint32_t)me % SHMT_ULOCK_READER_SLOTS);
	for (int i = 0; i < SHMT_ULOCK_READER_SLOTS; i++) {
		int j = (start + i) % SHMT_ULOCK_READER_SLOTS;
		shmt_lock_result r = shmt_lock_try(&l->slots[j].m);
		if (r == SHMT_LOCK_OK || r == SHMT_LOCK_OWNER_DIED) {
			if (r == SHMT_LOCK_OWNER_DIED) {
				shmt_lock_consistent(&l->slots[j].m);
				c->died++;
			}
			*slot = j;
			return SHMT_ULOCK_OK;
		}
	}
	*slot = start;
	return take(l, &l->slots[start], c);
}

shmt_ulock_result shmt_ulock_acquire(shmt_ulock *l, int shared, int64_t timeout_ns,
                                     shmt_ulock_hold *h)
{
	int32_t me = shmt_os_pid();
	acquire_ctx c = {
		.timeout = timeout_ns,
		.nowait = timeout_ns == 0,
	};
	shmt_ulock_result r = take(l, &l->gate, &c);
	if (r == SHMT_ULOCK_OK) {
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
			/* Under the gate: plain stores, no locked instruction. */
			shmt_store_relaxed(&l->acquisitions, l->acquisitions + 1);
			if (c.died > 0) {
				shmt_store_relaxed(&l->owner_died, l->owner_died + c.died);
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
			if (s == SHMT_LOCK_HELD && pid != 0) {
				st->reader_pids[st->readers++] = pid;
			} else if (s == SHMT_LOCK_DEAD) {
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
