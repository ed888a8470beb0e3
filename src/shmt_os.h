/*
 * shmt_os.h - the operating-system layer: shared memory, randomness and the
 * robust process-shared lock. Everything platform-specific lives behind this
 * header and shmt_os.c, so a port (Windows: CreateFileMapping and a mutex
 * with WAIT_ABANDONED) is a contained job.
 */
#ifndef SHMT_OS_H
#define SHMT_OS_H

#include <stddef.h>
#include <stdint.h>
#include <pthread.h>

/* A lock living in shared memory. When its owner dies, the next locker is
 * told so (SHMT_LOCK_OWNER_DIED) and must repair what the lock guards, then
 * call shmt_lock_consistent() before unlocking. */
typedef struct {
	pthread_mutex_t m;
} shmt_lock;

typedef enum {
	SHMT_LOCK_OK = 0,
	SHMT_LOCK_OWNER_DIED = 1, /* acquired; previous owner died holding it */
	SHMT_LOCK_ERROR = 2,      /* unusable (should never happen) */
} shmt_lock_result;

/* Initialise a lock in shared memory (process-shared, robust). 0 on success. */
int shmt_lock_init(shmt_lock *l);
shmt_lock_result shmt_lock_acquire(shmt_lock *l);
/* The same, but spins briefly (bounded) before sleeping: for locks held
 * only for a few stores (the allocator's). Reports a dead owner alike. */
shmt_lock_result shmt_lock_acquire_spin(shmt_lock *l);
void shmt_lock_consistent(shmt_lock *l);
void shmt_lock_release(shmt_lock *l);

/* Map `bytes` of zero-filled memory shared with future children. Returns
 * NULL and sets errno on failure. */
void *shmt_map_shared(size_t bytes);
void shmt_unmap(void *base, size_t bytes);

/* Fill buf with `len` bytes from the kernel's random source. 0 on success. */
int shmt_random_bytes(void *buf, size_t len);

#endif /* SHMT_OS_H */
