/*
 * shmt_sync.h - the engine of ShmTable\Atomic and ShmTable\Lock: a signed
 * 64-bit counter with wait/wake-up, and a mutex or readers-writer lock, in
 * a shared mapping of their own, that survive the death of any process
 * using them. Layout and protocol: docs/ARCHITECTURE.md, "Atomic and Lock".
 */
#ifndef SHMT_SYNC_H
#define SHMT_SYNC_H

#include <stdint.h>
#include "shmt_os.h"

/* ---- Atomic ---- */

typedef struct shmt_atomic shmt_atomic;

/* Map a new counter holding value (NULL when the memory cannot be had). */
shmt_atomic *shmt_atomic_new(int64_t value);
void shmt_atomic_free(shmt_atomic *a);
int64_t shmt_atomic_get(shmt_atomic *a);
void shmt_atomic_set(shmt_atomic *a, int64_t value);
/* Add (sub: subtract) delta; 0 and *out = the new value, or -1 when the
 * result would not fit in 64 bits (nothing is changed). */
int shmt_atomic_add(shmt_atomic *a, int64_t delta, int64_t *out);
int shmt_atomic_sub(shmt_atomic *a, int64_t delta, int64_t *out);
/* Set to new_value if it holds cmp_value; 1 if it did. */
int shmt_atomic_cmpset(shmt_atomic *a, int64_t cmp_value, int64_t new_value);
/* 1 when the value was 1 and this call set it to 0 (at once, or after a
 * wake-up); 0 when timeout_ns passed first (negative: no limit; 0: look
 * once). */
int shmt_atomic_wait(shmt_atomic *a, int64_t timeout_ns);
/* Set the value to 1 if it is 0; if it is then 1, wake up to count
 * waiters. */
void shmt_atomic_wakeup(shmt_atomic *a, int count);
/* Wake-ups by wakeup(), for inspection. */
uint64_t shmt_atomic_wakeups(shmt_atomic *a);

/* ---- Lock ---- */

#define SHMT_ULOCK_MUTEX 1
#define SHMT_ULOCK_RWLOCK 2
/* Reader slots of one RWLOCK: a process holding the read lock has one. A
 * process keeps its slot between read locks (its next read lock is then
 * one exchange on the slot and a look at the gate) while fewer than
 * SHMT_ULOCK_KEPT_SLOTS are kept; the others give theirs back at unlock.
 * With all 64 taken, a reader waits for one that is not kept. */
#define SHMT_ULOCK_READER_SLOTS 64
#define SHMT_ULOCK_KEPT_SLOTS 48
/* Slots one process keeps across all its Locks (see shmt_sync.c). */
#define SHMT_ULOCK_KEPT_PER_PROCESS 1024

typedef struct shmt_ulock shmt_ulock;

typedef enum {
	SHMT_ULOCK_OK = 0,
	SHMT_ULOCK_BUSY = 1,  /* not taken: held by others past the deadline */
	SHMT_ULOCK_ERROR = 2, /* the lock is unusable (should never happen) */
} shmt_ulock_result;

/* What a process holds, kept by the caller (process-local); all zero
 * before the first acquire, then left to the functions below. The robust
 * mutex of a kept slot belongs to the thread that took it: a hold must not
 * outlive its thread (give the slot back with shmt_ulock_forget() first),
 * or the slot is taken for a dead process's while the process locks. */
typedef struct {
	int held;        /* 0, or 1 exclusive, 2 shared */
	int slot;        /* shared: the reader slot */
	uint64_t self;   /* the process that took it (shmt_os_self()) */
	uint32_t died;   /* the last successful acquire took over this many
	                    locks from dead holders */
	int kept_slot;   /* the reader slot kept between read locks ... */
	uint64_t kept_self; /* ... by this process (shmt_os_self(); 0: none;
	                       another: an ancestor's, not this process's) */
} shmt_ulock_hold;

typedef struct {
	int type;
	int32_t holder;          /* pid of the exclusive holder, 0 if none */
	int holder_dead;         /* it died holding the lock; the next locker takes over */
	uint32_t readers;        /* live read-lock holders */
	int32_t reader_pids[SHMT_ULOCK_READER_SLOTS];
	uint32_t dead_readers;   /* read-lock holders that died, not yet released */
	uint32_t slots_kept;     /* reader slots kept between read locks by live processes */
	uint32_t waiters;        /* processes in acquire() now */
	uint64_t acquisitions;   /* successful acquires, shared ones included */
	uint64_t owner_died;     /* locks taken over from dead holders */
} shmt_ulock_stats;

/* type: SHMT_ULOCK_MUTEX or SHMT_ULOCK_RWLOCK. NULL when out of memory. */
shmt_ulock *shmt_ulock_new(int type);
void shmt_ulock_free(shmt_ulock *l);
int shmt_ulock_type(shmt_ulock *l);
/* Take the lock, exclusive or (RWLOCK only) shared, waiting at most
 * timeout_ns (negative: no limit; 0: no waiting). h must not hold the lock
 * in this process (shmt_ulock_holds()); on OK it says what is held, and
 * h->died how many dead holders this acquire released. */
shmt_ulock_result shmt_ulock_acquire(shmt_ulock *l, int shared, int64_t timeout_ns,
                                     shmt_ulock_hold *h);
/* Release what h holds: 0, or -1 if h holds nothing in this process. */
int shmt_ulock_release(shmt_ulock *l, shmt_ulock_hold *h);
/* Whether h holds the lock in this process (not in a parent it was forked
 * from). */
static inline int shmt_ulock_holds(const shmt_ulock_hold *h)
{
	return h->held != 0 && h->self == shmt_os_self();
}
/* Give back the reader slot h keeps in this process, if any (when h is no
 * longer used: the object freed). Not while h holds the lock. */
void shmt_ulock_forget(shmt_ulock *l, shmt_ulock_hold *h);
void shmt_ulock_stats_get(shmt_ulock *l, shmt_ulock_stats *st);

/* ---- in a mapping the caller owns (named objects: shmt_sync_open.h) ----
 * *_bytes(): the size of the shared object; *_init_at(): make one at mem
 * (that many bytes, 64-byte aligned, zero or left by a creator that died),
 * the magic written last; *_at(): the object at mem if its magic (and the
 * lock's type) say it is one, else NULL. Such an object is never passed to
 * *_free(): its mapping belongs to the caller. */
#include <stddef.h>
size_t shmt_atomic_bytes(void);
shmt_atomic *shmt_atomic_init_at(void *mem, int64_t value);
shmt_atomic *shmt_atomic_at(void *mem);
size_t shmt_ulock_bytes(int type);
shmt_ulock *shmt_ulock_init_at(void *mem, int type);
shmt_ulock *shmt_ulock_at(void *mem, int type);

#endif /* SHMT_SYNC_H */
