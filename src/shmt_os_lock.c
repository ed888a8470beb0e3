/*
 * shmt_os_lock.c - the robust process-shared lock of the operating-system
 * layer (see shmt_os.h): POSIX robust, process-shared pthread mutexes.
 * The kernel keeps a robust-futex list per
 * thread; when a process dies holding one of these locks, the kernel marks
 * the lock owner-died and wakes a waiter, which then gets EOWNERDEAD. That
 * gives takeover in microseconds, without pid polling or timeouts, and
 * without pid-reuse races.
 *
 * The robust list is per thread and walked by the dying thread's own exit
 * path, which compares each lock word with its own thread id as its own pid
 * namespace numbers it. For the locks it holds that is right in any
 * namespace, and a locker whose id equals the owner's is not confused by
 * glibc either (for the default, normal type it waits; only error-checking
 * mutexes answer EDEADLK and recursive ones count up). But the kernel also
 * looks at the lock the thread was waiting for when it died
 * (list_op_pending): if a live thread of another namespace with the same id
 * holds it, the kernel marks that live owner dead. shmt_open() therefore
 * lets processes of one pid namespace at a time map a table
 * (shmt_os_pidns()).
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1 /* pthread_mutex_clocklock */
#endif
#include "shmt_os.h"
#include "shmt_atomic.h"

#include <errno.h>
#include <time.h>
#include <linux/futex.h>
#include <sys/syscall.h>
#include <unistd.h>

int shmt_lock_init(shmt_lock *l)
{
	pthread_mutexattr_t a;
	int rc = pthread_mutexattr_init(&a);
	if (rc != 0) {
		return rc;
	}
	rc = pthread_mutexattr_setpshared(&a, PTHREAD_PROCESS_SHARED);
	if (rc == 0) {
		rc = pthread_mutexattr_setrobust(&a, PTHREAD_MUTEX_ROBUST);
	}
	if (rc == 0) {
		rc = pthread_mutex_init(&l->m, &a);
	}
	pthread_mutexattr_destroy(&a);
	return rc;
}

/* shmt_lock_acquire_spin(): tries before sleeping on a lock another
 * process holds. The allocator's critical section is a few stores, so its
 * holder lets go within a few hundred nanoseconds, far sooner than a futex
 * sleep and wake-up would take; without the spin, two processes inserting
 * and deleting at once convoy on the allocator lock. (Stripe locks do not
 * spin: on one hot key, spinning waiters make the row's cache line move
 * between cores on every operation, where a sleeping waiter lets the
 * holder run many operations in a row; measured, spinning halved hot-key
 * incr from 2 processes.) Bounded, so a holder that was preempted costs a few microseconds
 * of spinning and then the usual sleep. trylock reports a dead owner
 * (EOWNERDEAD, lock taken) exactly as lock does. */
#define SHMT_LOCK_SPIN_TRIES 100
#define SHMT_LOCK_SPIN_PAUSES 4

/* Sleeping on a lock: in slices of SHMT_LOCK_SLICE_NS, never for good.
 * A futex waiter is woken by the holder's unlock only if the lock word
 * says that someone waits (FUTEX_WAITERS). If the unlock woke a waiter
 * that is killed before it runs again, and a third process took the lock
 * in between (the word then holds its id without that bit; the dead
 * waiter was not the owner, so the kernel's robust-list walk does not
 * touch it), the other waiters stay asleep though the lock is later free:
 * nothing would wake them until some process contends for it again. At
 * the end of each slice a waiter looks at the lock again (and marks the
 * word again if it is still held), so such a loss costs at most a slice.
 * While the lock stays held, a slice costs one extra wake-up. */
#define SHMT_LOCK_SLICE_NS 10000000L /* 10 ms */

static int lock_wait(pthread_mutex_t *m)
{
	int rc;
	do {
		struct timespec ts;
#if defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 30))
		clock_gettime(CLOCK_MONOTONIC, &ts);
#else
		clock_gettime(CLOCK_REALTIME, &ts);
#endif
		ts.tv_nsec += SHMT_LOCK_SLICE_NS;
		if (ts.tv_nsec >= 1000000000L) {
			ts.tv_sec++;
			ts.tv_nsec -= 1000000000L;
		}
#if defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 30))
		rc = pthread_mutex_clocklock(m, CLOCK_MONOTONIC, &ts);
#else
		rc = pthread_mutex_timedlock(m, &ts);
#endif
	} while (rc == ETIMEDOUT);
	return rc;
}

/* What a pthread_mutex_*lock() answer means to the engine. */
static inline shmt_lock_result lock_result(int rc)
{
	switch (rc) {
	case 0: return SHMT_LOCK_OK;
	case EOWNERDEAD: return SHMT_LOCK_OWNER_DIED;
	case EBUSY: return SHMT_LOCK_BUSY;
	default: return SHMT_LOCK_ERROR;
	}
}

/* Take the lock, trying `spins` times (watching the lock word between
 * tries) before sleeping on it. */
static inline __attribute__((always_inline)) shmt_lock_result lock_take(shmt_lock *l,
                                                                        int spins)
{
	int rc = pthread_mutex_trylock(&l->m);
	for (int i = 0; rc == EBUSY && i < spins; i++) {
		for (int p = 0; p < SHMT_LOCK_SPIN_PAUSES; p++) {
			shmt_cpu_relax();
		}
#if defined(__GLIBC__)
		/* Watch the futex word (the owner's thread id, 0 when free) and
		 * try again only when it reads free, so that waiting does not keep
		 * taking the cache line away from the holder. */
		if (shmt_load_relaxed(&l->m.__data.__lock) != 0) {
			continue;
		}
#endif
		rc = pthread_mutex_trylock(&l->m);
	}
	if (rc == EBUSY) {
		rc = lock_wait(&l->m);
	}
	return rc == EBUSY ? SHMT_LOCK_ERROR : lock_result(rc);
}

shmt_lock_result shmt_lock_acquire(shmt_lock *l)
{
	return lock_take(l, 0);
}

shmt_lock_result shmt_lock_acquire_spin(shmt_lock *l)
{
	return lock_take(l, SHMT_LOCK_SPIN_TRIES);
}

shmt_lock_result shmt_lock_try(shmt_lock *l)
{
	return lock_result(pthread_mutex_trylock(&l->m));
}

void shmt_lock_consistent(shmt_lock *l)
{
	pthread_mutex_consistent(&l->m);
}

void shmt_lock_release(shmt_lock *l)
{
	pthread_mutex_unlock(&l->m);
}

/* ---- for ShmTable\Lock and ShmTable\Atomic (src/shmt_ulock.c, src/shmt_atomic.c) -- */

shmt_lock_result shmt_lock_acquire_until(shmt_lock *l, int64_t deadline_ns)
{
	if (deadline_ns < 0) {
		return lock_take(l, 0);
	}
	int rc = pthread_mutex_trylock(&l->m);
	while (rc == EBUSY || rc == ETIMEDOUT) {
		int64_t now = shmt_os_monotonic_ns();
		if (now >= deadline_ns) {
			return SHMT_LOCK_BUSY;
		}
		/* In slices, as lock_wait(): a wake-up lost to a killed waiter
		 * costs at most one slice. */
		int64_t until = now + SHMT_LOCK_SLICE_NS;
		if (until > deadline_ns) {
			until = deadline_ns;
		}
		struct timespec ts;
#if defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 30))
		ts.tv_sec = (time_t)(until / 1000000000);
		ts.tv_nsec = (long)(until % 1000000000);
		rc = pthread_mutex_clocklock(&l->m, CLOCK_MONOTONIC, &ts);
#else
		int64_t real = shmt_os_realtime_ns() + (until - now);
		ts.tv_sec = (time_t)(real / 1000000000);
		ts.tv_nsec = (long)(real % 1000000000);
		rc = pthread_mutex_timedlock(&l->m, &ts);
#endif
	}
	return lock_result(rc);
}

/* glibc's robust mutex word: the owner's thread id in the low 30 bits,
 * FUTEX_OWNER_DIED (set by the kernel when the owner exits holding it)
 * and FUTEX_WAITERS above. */
shmt_lock_state shmt_lock_peek(shmt_lock *l)
{
#if defined(__GLIBC__)
	unsigned w = (unsigned)shmt_load_acquire(&l->m.__data.__lock);
	if (w == 0) {
		return SHMT_LOCK_FREE;
	}
	if ((w & 0x40000000u) != 0) { /* FUTEX_OWNER_DIED */
		return SHMT_LOCK_DEAD;
	}
	return SHMT_LOCK_HELD;
#else
	int rc = pthread_mutex_trylock(&l->m);
	if (rc == 0) {
		pthread_mutex_unlock(&l->m);
		return SHMT_LOCK_FREE;
	}
	return rc == EOWNERDEAD ? SHMT_LOCK_DEAD : SHMT_LOCK_HELD;
#endif
}

int shmt_os_futex_wait(uint32_t *word, uint32_t expected, int64_t deadline_ns)
{
	struct timespec ts, *tp = NULL;
	if (deadline_ns >= 0) {
		int64_t left = deadline_ns - shmt_os_monotonic_ns();
		if (left <= 0) {
			return ETIMEDOUT;
		}
		ts.tv_sec = (time_t)(left / 1000000000);
		ts.tv_nsec = (long)(left % 1000000000);
		tp = &ts;
	}
	/* Not FUTEX_PRIVATE_FLAG: the word is shared between processes. */
	long rc = syscall(SYS_futex, word, FUTEX_WAIT, expected, tp, NULL, 0);
	if (rc == 0) {
		return 0;
	}
	return errno == ETIMEDOUT ? ETIMEDOUT : 0; /* EAGAIN, EINTR: look again */
}

void shmt_os_futex_wake(uint32_t *word, int count)
{
	syscall(SYS_futex, word, FUTEX_WAKE, count, NULL, NULL, 0);
}
