/*
 * shmt_os.h - the operating-system layer: shared memory, randomness and the
 * robust process-shared lock, named shared-memory objects, files, their
 * mappings and their locks. Everything platform-specific lives behind this
 * header, in shmt_os_lock.c (the lock) and shmt_os.c (the rest), so a port
 * (Windows: CreateFileMapping and a mutex with WAIT_ABANDONED) is a
 * contained job.
 */
#ifndef SHMT_OS_H
#define SHMT_OS_H

#include <stddef.h>
#include <stdint.h>
#include <errno.h>
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
	SHMT_LOCK_BUSY = 3,       /* shmt_lock_try(): held by a live owner */
} shmt_lock_result;

/* Initialise a lock in shared memory (process-shared, robust). 0 on success. */
int shmt_lock_init(shmt_lock *l);
shmt_lock_result shmt_lock_acquire(shmt_lock *l);
/* The same, but spins briefly (bounded) before sleeping: for locks held
 * only for a few stores (the allocator's). Reports a dead owner alike. */
shmt_lock_result shmt_lock_acquire_spin(shmt_lock *l);
/* Take the lock only if that needs no waiting (SHMT_LOCK_BUSY otherwise).
 * A lock whose owner died is taken (SHMT_LOCK_OWNER_DIED). */
shmt_lock_result shmt_lock_try(shmt_lock *l);
void shmt_lock_consistent(shmt_lock *l);
void shmt_lock_release(shmt_lock *l);

/* For ShmTable\Lock and ShmTable\Atomic (shmt_ulock.c, shmt_atomic.c). */
/* Take the lock, waiting at most until deadline_ns on the
 * shmt_os_monotonic_ns() scale (negative: no limit); SHMT_LOCK_BUSY when
 * the deadline passed first. A dead owner is reported as by acquire. */
shmt_lock_result shmt_lock_acquire_until(shmt_lock *l, int64_t deadline_ns);
typedef enum {
	SHMT_LOCK_FREE = 0,
	SHMT_LOCK_HELD = 1, /* by a live owner, as far as the kernel knows */
	SHMT_LOCK_DEAD = 2, /* its owner died holding it; not taken over yet */
} shmt_lock_state;
/* What the lock looks like now, without taking it (a snapshot). */
shmt_lock_state shmt_lock_peek(shmt_lock *l);
/* shmt_lock_try() and shmt_lock_release(), inline: for the uncontended
 * lock()/unlock() of ShmTable\Lock, where the call is a good part of the
 * cost. */
static inline shmt_lock_result shmt_lock_try_inline(shmt_lock *l)
{
	int rc = pthread_mutex_trylock(&l->m);
	return rc == 0 ? SHMT_LOCK_OK
	     : rc == EBUSY ? SHMT_LOCK_BUSY
	     : rc == EOWNERDEAD ? SHMT_LOCK_OWNER_DIED : SHMT_LOCK_ERROR;
}
static inline void shmt_lock_release_inline(shmt_lock *l)
{
	pthread_mutex_unlock(&l->m);
}
/* A full barrier right after shmt_lock_try*() took a lock: on x86 the
 * lock's own compare-and-swap (a locked instruction) already is one, so
 * only the compiler is held back; elsewhere a sequentially consistent
 * fence. */
static inline void shmt_lock_taken_fence(void)
{
#if defined(__GLIBC__) && (defined(__x86_64__) || defined(__i386__))
	__atomic_signal_fence(__ATOMIC_SEQ_CST);
#else
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
#endif
}
/* Whether nobody holds the lock now (not even a dead owner): one
 * sequentially consistent load of the lock word, inline, for the read
 * lock's fast path (it orders after a preceding sequentially consistent
 * store or read-modify-write of the caller's). */
static inline int shmt_lock_is_free(shmt_lock *l)
{
#if defined(__GLIBC__)
	return __atomic_load_n(&l->m.__data.__lock, __ATOMIC_SEQ_CST) == 0;
#else
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	return shmt_lock_peek(l) == SHMT_LOCK_FREE;
#endif
}
/* Sleep while *word == expected, until woken by shmt_os_futex_wake() on
 * the same word (from any process mapping it) or until deadline_ns
 * (monotonic; negative: no limit). 0 when woken or when the word differs
 * (or a signal came: look again), ETIMEDOUT at the deadline. */
int shmt_os_futex_wait(uint32_t *word, uint32_t expected, int64_t deadline_ns);
/* Wake at most count sleepers on the word. */
void shmt_os_futex_wake(uint32_t *word, int count);
/* This process's id, as its own pid namespace numbers it: a load of the
 * process-local cache (cleared in a forked child), the call only the first
 * time in a process. */
extern int32_t shmt_os_pid_cache;
int32_t shmt_os_pid_slow(void);
static inline int32_t shmt_os_pid(void)
{
	int32_t pid = __atomic_load_n(&shmt_os_pid_cache, __ATOMIC_RELAXED);
	return pid != 0 ? pid : shmt_os_pid_slow();
}
/* This process, told apart from its ancestors: the pid, and in the high
 * half the number of forks between the first call of shmt_os_pid() in the
 * line of processes and this one. A descendant given a dead ancestor's pid
 * again still differs from it, so a value kept in process memory and
 * inherited through fork (which lock a process holds, which slot it keeps)
 * is never taken for the new process's own. Never 0. */
extern uint64_t shmt_os_self_cache;
uint64_t shmt_os_self_slow(void);
static inline uint64_t shmt_os_self(void)
{
	uint64_t self = __atomic_load_n(&shmt_os_self_cache, __ATOMIC_RELAXED);
	return self != 0 ? self : shmt_os_self_slow();
}

/* A number naming the calling thread, never given to another thread of
 * this process (a 64-bit counter, not the thread id, which the kernel reuses
 * once a thread has exited): a load of a thread-local word, the call only
 * the first time in a thread. A forked child's thread gets a new one. */
extern _Thread_local uint64_t shmt_os_tl_token;
uint64_t shmt_os_token_slow(void);
static inline uint64_t shmt_os_thread_token(void)
{
	uint64_t tok = shmt_os_tl_token;
	return tok != 0 ? tok : shmt_os_token_slow();
}
/* Tokens below this one were given out before this process was forked
 * (by an ancestor): a record naming one of them is not this process's. */
uint64_t shmt_os_token_base(void);
/* Who the caller is, for a lock slot kept in a table: a token of the
 * process when every use of the engine in a process comes from one thread
 * (the program says so once, shmt_os_one_thread(), before any table is
 * opened), else the calling thread's token. A load or two, no call; a
 * forked child gets a new one. */
extern int shmt_os_threads;
extern uint64_t shmt_os_proc_token;
void shmt_os_one_thread(void);
uint64_t shmt_os_proc_token_slow(void);
static inline uint64_t shmt_os_holder(void)
{
	if (__builtin_expect(shmt_os_threads, 0)) {
		return shmt_os_thread_token();
	}
	uint64_t tok = __atomic_load_n(&shmt_os_proc_token, __ATOMIC_RELAXED);
	return tok != 0 ? tok : shmt_os_proc_token_slow();
}
/* Whether `holder`, an earlier answer of shmt_os_holder(), may name a
 * thread of this process that is alive: 0 if it names the process this one
 * was forked from (or one of its ancestors). */
static inline int shmt_os_holder_here(uint64_t holder)
{
	return holder >= shmt_os_token_base();
}

/* Robust mutexes a process may keep locked between operations (one kept
 * lock slot per table it writes): the kernel marks at most 2,048 robust
 * mutexes of a dying thread (its robust-list walk limit), so the tables'
 * kept slots stay far below that, whatever the number of tables. With the
 * at most SHMT_ULOCK_KEPT_PER_PROCESS (1,024) slots that Locks keep
 * (shmt_sync.c), a process keeps at most 1,280, leaving the rest of the
 * walk for the locks it holds at one time.
 * shmt_os_keep_begin() answers 1 and counts one more if the process may
 * keep one more, 0 otherwise (always 0 where the fork handler could not be
 * registered: a child would take its parent's kept slots for its own);
 * shmt_os_keep_end() counts one less. The count is cleared in a forked
 * child, which holds none of its parent's. */
#define SHMT_OS_KEPT_MAX 256
int shmt_os_keep_begin(void);
void shmt_os_keep_end(void);

/* Map `bytes` of zero-filled memory shared with future children. Returns
 * NULL and sets errno on failure. */
void *shmt_map_shared(size_t bytes);
void shmt_unmap(void *base, size_t bytes);

/* ---- named objects and files (named and file-backed tables) ----
 *
 * Every function returns 0 or an errno value; none keeps state of its own.
 * A "name" is the POSIX shared-memory object name with its leading '/'
 * (shm_open()), a "path" a file system path. */

/* Open (with `create`, create if missing, with `mode` narrowed by the
 * umask) an object by name (is_shm) or a file by path, read-write,
 * close-on-exec; a path without blocking (a FIFO or a device there
 * cannot hang the call). *created tells whether this call made it.
 * With `create`, a symbolic link at the path is not followed (ELOOP):
 * creating or initialising a file through a link an attacker planted is
 * the classic symlink attack (glibc's shm_open() never follows one).
 * A name or path that vanishes between the exclusive create and the plain
 * open is tried again, at most SHMT_OS_OPEN_TRIES times: then
 * SHMT_OS_ECHURN. */
#define SHMT_OS_OPEN_TRIES 64
#define SHMT_OS_ECHURN (-1) /* removed and created again on every try */
int shmt_os_open(const char *name_or_path, int is_shm, int create, unsigned mode,
                 int *fd, int *created);
/* 1 if the last component of path is a symbolic link. */
int shmt_os_is_symlink(const char *path);
/* Remove a shared-memory object by name. */
int shmt_os_unlink_shm(const char *name);

/* What fstat() tells of an open object. */
typedef struct {
	uint64_t size, dev, ino;
	uint32_t uid, gid;  /* owner and group */
	uint32_t perm;      /* permission, set-id and sticky bits (07777) */
	int is_regular;     /* 0 for anything that is neither a regular file nor
	                       a shared-memory object */
	int64_t ctime_ns;   /* last status change (creation, write, truncation),
	                       on the CLOCK_REALTIME scale */
} shmt_os_stat;
int shmt_os_fstat(int fd, shmt_os_stat *st);
/* Identity of whatever the name or path designates now (ENOENT if none). */
int shmt_os_identity(const char *name_or_path, int is_shm, uint64_t *dev,
                     uint64_t *ino);

/* The effective user of this process, and whether gid is its effective
 * group or one of its supplementary groups. */
uint32_t shmt_os_euid(void);
int shmt_os_in_group(uint32_t gid);
/* "name (uid N)" / "name (gid N)", or only the number where the system
 * knows no name, NUL-terminated into buf. */
void shmt_os_describe_user(uint32_t uid, char *buf, size_t len);
void shmt_os_describe_group(uint32_t gid, char *buf, size_t len);

/* Read exactly len bytes at offset (EIO if the object is shorter). */
int shmt_os_read_at(int fd, void *buf, size_t len, uint64_t off);
/* Write exactly len bytes at offset. */
int shmt_os_write_at(int fd, const void *buf, size_t len, uint64_t off);
/* Set the object's length (bytes past the old end read as zero). EFBIG,
 * changing nothing, past the process's file size limit (ulimit -f), where
 * the kernel would kill the process with SIGXFSZ. */
int shmt_os_truncate(int fd, uint64_t bytes);
/* Reserve the storage of bytes [off, off + len) of the object or file
 * (posix_fallocate(); where the file system cannot, a zero byte is written
 * into each of its blocks that reads as zero), so that touching them through
 * a mapping later never needs space the file system may no longer have: a
 * page of a full tmpfs or disk that is touched, even read, without storage
 * behind it is SIGBUS. The range must be one nobody else writes meanwhile.
 * Idempotent; 0 or an errno value (ENOSPC: the file system is full). */
int shmt_os_reserve(int fd, uint64_t off, uint64_t len);
/* Map `bytes` of the object shared, read-write; NULL and errno on failure. */
void *shmt_os_map_fd(int fd, size_t bytes);
/* Map `bytes` of the object privately (copy-on-write, no swap reserved):
 * what is written there never reaches the object. */
void *shmt_os_map_fd_private(int fd, size_t bytes);
/* Write dirty pages of a file mapping back to the file, waiting for it. */
int shmt_os_sync(void *base, size_t bytes);
void shmt_os_close(int fd);

/* Open an object by name (is_shm) or a file by path read-only, without
 * following a symbolic link and without blocking, close-on-exec: for
 * reading the header of a table that this process does not map. */
int shmt_os_open_readonly(const char *name_or_path, int is_shm, int *fd);
/* Call cb(name, arg) for every shared-memory object whose name starts
 * with prefix (without its leading '/'; cb gets the rest of the name), in
 * no particular order; a non-zero return of cb stops the walk. 0, or an
 * errno value when the objects cannot be listed. */
int shmt_os_list_shm(const char *prefix, int (*cb)(const char *rest, void *arg), void *arg);

/* Clocks, in nanoseconds, and a pause. */
int64_t shmt_os_realtime_ns(void);
/* CLOCK_BOOTTIME: never steps back, counts suspend, one for the host. */
int64_t shmt_os_boottime_ns(void);
/* The same clock, cheaply: CLOCK_MONOTONIC_COARSE (a few ns to read, a tick
 * of resolution, one for the host) plus the distance from CLOCK_MONOTONIC to
 * CLOCK_BOOTTIME (the time spent suspended), measured again at most once a
 * second and never lowered, so it never steps back. Thread-safe. */
int64_t shmt_os_boottime_coarse_ns(void);
/* The kernel's id of this boot (16 bytes); 0, or -1 if unknown. */
int shmt_os_boot_id(uint8_t out[16]);
int64_t shmt_os_monotonic_ns(void);
void shmt_os_sleep_ms(unsigned ms);

/* Open-file-description locks on two bytes of the object (fcntl F_OFD_*):
 * they belong to the open file description, so forked children share them
 * and they end when its last descriptor is closed, whoever closes it.
 *   byte 0, "opening": exclusive, held while a process opens the table;
 *   byte 1, "users": shared, held by every process that maps the table. */
int shmt_os_lock_opening(int fd);      /* byte 0 exclusive, waits */
int shmt_os_unlock_opening(int fd);    /* byte 0 released */
/* Byte 1 exclusive without waiting: 0 if taken (nobody else maps the
 * object), EAGAIN if others hold it shared. */
int shmt_os_try_sole_user(int fd);
/* Byte 1 shared (waits; turns an exclusive hold into a shared one). */
int shmt_os_share_users(int fd);

/* An identifier of this process's pid namespace (on Linux the inode of
 * /proc/self/ns/pid), or 0 where it cannot be known. */
uint64_t shmt_os_pidns(void);

/* Fill buf with `len` bytes from the kernel's random source. 0 on success. */
int shmt_random_bytes(void *buf, size_t len);

/* What this layer is built on, for phpinfo(): the lock and the C library
 * that provides it, e.g. "robust process-shared pthread mutex (glibc 2.36)",
 * written NUL-terminated into buf (truncated to len - 1 bytes). */
void shmt_os_describe(char *buf, size_t len);

#endif /* SHMT_OS_H */
