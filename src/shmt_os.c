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

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#if defined(__linux__)
#include <sys/random.h>
#endif
#if defined(__GLIBC__)
#include <gnu/libc-version.h>
#endif
#include <stdio.h>

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

void shmt_os_describe(char *buf, size_t len)
{
	if (len == 0) {
		return;
	}
#if defined(__GLIBC__)
	snprintf(buf, len, "robust process-shared pthread mutex (glibc %s)", gnu_get_libc_version());
#else
	snprintf(buf, len, "robust process-shared pthread mutex");
#endif
}
