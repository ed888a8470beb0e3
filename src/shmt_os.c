/*
 * shmt_os.c - POSIX implementation of the operating-system layer (see
 * shmt_os.h): anonymous shared mappings, getrandom(), and robust
 * process-shared pthread mutexes. The kernel keeps a robust-futex list per
 * thread; when a process dies holding one of these locks, the kernel marks
 * the lock owner-died and wakes a waiter, which then gets EOWNERDEAD. That
 * gives takeover in microseconds, without pid polling or timeouts, and
 * without pid-reuse races.
 */
#include "shmt_os.h"
#include "shmt_atomic.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#if defined(__linux__)
#include <sys/random.h>
#endif

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

shmt_lock_result shmt_lock_acquire(shmt_lock *l)
{
	int rc = pthread_mutex_lock(&l->m);
	if (rc == 0) {
		return SHMT_LOCK_OK;
	}
	if (rc == EOWNERDEAD) {
		return SHMT_LOCK_OWNER_DIED;
	}
	return SHMT_LOCK_ERROR;
}

shmt_lock_result shmt_lock_acquire_spin(shmt_lock *l)
{
	int rc = pthread_mutex_trylock(&l->m);
	for (int i = 0; rc == EBUSY && i < SHMT_LOCK_SPIN_TRIES; i++) {
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
		rc = pthread_mutex_lock(&l->m);
	}
	if (rc == 0) {
		return SHMT_LOCK_OK;
	}
	if (rc == EOWNERDEAD) {
		return SHMT_LOCK_OWNER_DIED;
	}
	return SHMT_LOCK_ERROR;
}

void shmt_lock_consistent(shmt_lock *l)
{
	pthread_mutex_consistent(&l->m);
}

void shmt_lock_release(shmt_lock *l)
{
	pthread_mutex_unlock(&l->m);
}

void *shmt_map_shared(size_t bytes)
{
	void *p = mmap(NULL, bytes, PROT_READ | PROT_WRITE,
	               MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	return p == MAP_FAILED ? NULL : p;
}

void shmt_unmap(void *base, size_t bytes)
{
	if (base != NULL) {
		munmap(base, bytes);
	}
}

int shmt_random_bytes(void *buf, size_t len)
{
	unsigned char *p = buf;
	while (len > 0) {
		ssize_t n;
#if defined(__linux__)
		n = getrandom(p, len, 0);
#else
		n = -1;
		errno = ENOSYS;
#endif
		if (n < 0) {
			if (errno == EINTR) {
				continue;
			}
			/* Fall back to the device where getrandom() is missing. */
			int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
			if (fd < 0) {
				return -1;
			}
			while (len > 0) {
				n = read(fd, p, len);
				if (n <= 0) {
					if (n < 0 && errno == EINTR) {
						continue;
					}
					close(fd);
					return -1;
				}
				p += n;
				len -= (size_t)n;
			}
			close(fd);
			return 0;
		}
		p += n;
		len -= (size_t)n;
	}
	return 0;
}
