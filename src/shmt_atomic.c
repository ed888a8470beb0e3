/*
 * shmt_atomic.c - ShmTable\Atomic (see shmt_sync.h and
 * docs/ARCHITECTURE.md, "Atomic and Lock"). ShmTable\Lock is in
 * shmt_ulock.c; shmt_atomic.h is another thing, the engine's helpers for
 * atomic access to shared memory.
 *
 * Atomic: the value and a wake-up sequence word in one shared mapping. A
 * waiter reads the sequence, looks at the value, and sleeps on the
 * sequence only while it is unchanged; wakeup() stores 1, then bumps the
 * sequence, then wakes. A waiter keeps nothing of its own in shared
 * memory, so a killed waiter cannot swallow a wake-up: the 1 stays for the
 * next waiter, and every wakeup() call that finds a 1 wakes again.
 */
#include "shmt_sync.h"
#include "shmt_sync_internal.h"
#include "shmt_os.h"
#include "shmt_atomic.h"

#include <stddef.h>

#define SHMT_ATOMIC_MAGIC 0x53484d41u /* "SHMA" */

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
