/*
 * shmt_os.c - POSIX implementation of the operating-system layer (see
 * shmt_os.h) apart from its lock (shmt_os_lock.c): anonymous shared
 * mappings, named shared-memory objects and files, their mappings and
 * their open-file-description locks, clocks and getrandom().
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1 /* F_OFD_SETLK, MAP_ANONYMOUS */
#endif
#include "shmt_os.h"
#include "shmt_atomic.h"

#include <errno.h>
#include <pthread.h>
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <grp.h>
#include <pwd.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <dirent.h>
#include <time.h>
#include <unistd.h>
#if defined(__linux__)
#include <sys/random.h>
#endif
#if defined(__GLIBC__)
#include <gnu/libc-version.h>
#endif
#include <stdio.h>

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

/* ---- named objects and files ------------------------------------------ */

int shmt_os_open(const char *name_or_path, int is_shm, int create, unsigned mode,
                 int *fd, int *created)
{
	int flags = O_RDWR | O_CLOEXEC;
	*fd = -1;
	*created = 0;
	if (!is_shm) {
		flags |= O_NONBLOCK;
		if (create) {
			flags |= O_NOFOLLOW;
		}
	}
	for (int tries = 0; tries < SHMT_OS_OPEN_TRIES; tries++) {
		int f;
		if (create) {
			/* O_EXCL first, to know whether this call made it. */
			f = is_shm ? shm_open(name_or_path, flags | O_CREAT | O_EXCL, (mode_t)mode)
			           : open(name_or_path, flags | O_CREAT | O_EXCL, (mode_t)mode);
			if (f >= 0) {
				*fd = f;
				*created = 1;
				return 0;
			}
			if (errno != EEXIST) {
				return errno;
			}
		}
		f = is_shm ? shm_open(name_or_path, flags, 0) : open(name_or_path, flags);
		if (f >= 0) {
			*fd = f;
			return 0;
		}
		/* Removed between the two calls: try again to create it. (A
		 * dangling symbolic link, which O_EXCL reports as existing, ends
		 * here as ELOOP, since the open does not follow it either.) */
		if (errno != ENOENT || !create) {
			return errno;
		}
	}
	return SHMT_OS_ECHURN;
}

int shmt_os_is_symlink(const char *path)
{
	struct stat sb;
	return lstat(path, &sb) == 0 && S_ISLNK(sb.st_mode);
}

int shmt_os_unlink_shm(const char *name)
{
	return shm_unlink(name) == 0 ? 0 : errno;
}

int shmt_os_fstat(int fd, shmt_os_stat *st)
{
	struct stat sb;
	if (fstat(fd, &sb) != 0) {
		return errno;
	}
	st->size = sb.st_size < 0 ? 0 : (uint64_t)sb.st_size;
	st->dev = (uint64_t)sb.st_dev;
	st->ino = (uint64_t)sb.st_ino;
	st->uid = (uint32_t)sb.st_uid;
	st->gid = (uint32_t)sb.st_gid;
	st->perm = (uint32_t)(sb.st_mode & 07777);
	/* Linux shows shared-memory objects as regular files of tmpfs. */
	st->is_regular = S_ISREG(sb.st_mode) ? 1 : 0;
	st->ctime_ns = (int64_t)sb.st_ctim.tv_sec * 1000000000 + sb.st_ctim.tv_nsec;
	return 0;
}

int shmt_os_identity(const char *name_or_path, int is_shm, uint64_t *dev,
                     uint64_t *ino)
{
	struct stat sb;
	if (is_shm) {
		int f = shm_open(name_or_path, O_RDONLY | O_CLOEXEC, 0);
		if (f < 0) {
			return errno;
		}
		int rc = fstat(f, &sb) == 0 ? 0 : errno;
		close(f);
		if (rc != 0) {
			return rc;
		}
	} else if (stat(name_or_path, &sb) != 0) {
		return errno;
	}
	*dev = (uint64_t)sb.st_dev;
	*ino = (uint64_t)sb.st_ino;
	return 0;
}

uint32_t shmt_os_euid(void)
{
	return (uint32_t)geteuid();
}

int shmt_os_in_group(uint32_t gid)
{
	if ((uint32_t)getegid() == gid) {
		return 1;
	}
	gid_t few[64];
	int n = getgroups(64, few);
	if (n >= 0) {
		for (int i = 0; i < n; i++) {
			if ((uint32_t)few[i] == gid) {
				return 1;
			}
		}
		return 0;
	}
	/* More than 64 supplementary groups: ask how many, then read them. */
	n = getgroups(0, NULL);
	if (n <= 0) {
		return 0;
	}
	gid_t *all = malloc((size_t)n * sizeof(*all));
	int found = 0;
	if (all != NULL) {
		n = getgroups(n, all);
		for (int i = 0; i < n; i++) {
			if ((uint32_t)all[i] == gid) {
				found = 1;
				break;
			}
		}
		free(all);
	}
	return found;
}

void shmt_os_describe_user(uint32_t uid, char *buf, size_t len)
{
	struct passwd pw, *res = NULL;
	char tmp[2048];
	if (getpwuid_r((uid_t)uid, &pw, tmp, sizeof(tmp), &res) == 0 && res != NULL &&
	    res->pw_name != NULL) {
		snprintf(buf, len, "%s (uid %u)", res->pw_name, uid);
	} else {
		snprintf(buf, len, "uid %u", uid);
	}
}

void shmt_os_describe_group(uint32_t gid, char *buf, size_t len)
{
	struct group gr, *res = NULL;
	char tmp[4096];
	if (getgrgid_r((gid_t)gid, &gr, tmp, sizeof(tmp), &res) == 0 && res != NULL &&
	    res->gr_name != NULL) {
		snprintf(buf, len, "%s (gid %u)", res->gr_name, gid);
	} else {
		snprintf(buf, len, "gid %u", gid);
	}
}

/* Read into buf, or write from cbuf if `writing`, exactly len bytes at
 * offset, through short transfers and EINTR: 0, or an errno value (EIO at
 * the end of the file). */
static int transfer_at(int fd, int writing, unsigned char *buf, const unsigned char *cbuf,
                       size_t len, uint64_t off)
{
	while (len > 0) {
		ssize_t n = writing ? pwrite(fd, cbuf, len, (off_t)off) : pread(fd, buf, len, (off_t)off);
		if (n < 0) {
			if (errno == EINTR) {
				continue;
			}
			return errno;
		}
		if (n == 0) {
			return EIO;
		}
		if (writing) {
			cbuf += n;
		} else {
			buf += n;
		}
		len -= (size_t)n;
		off += (uint64_t)n;
	}
	return 0;
}

int shmt_os_read_at(int fd, void *buf, size_t len, uint64_t off)
{
	return transfer_at(fd, 0, buf, NULL, len, off);
}

/* Would writing a file up to byte `end` pass this process's file size
 * limit (RLIMIT_FSIZE, `ulimit -f`)? The kernel answers a write or a
 * truncate past it with SIGXFSZ, which kills the process: ask first. */
static int over_fsize_limit(uint64_t end)
{
	struct rlimit rl;
	return getrlimit(RLIMIT_FSIZE, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY &&
	       end > (uint64_t)rl.rlim_cur;
}

int shmt_os_write_at(int fd, const void *buf, size_t len, uint64_t off)
{
	return transfer_at(fd, 1, NULL, buf, len, off);
}

int shmt_os_truncate(int fd, uint64_t bytes)
{
	if ((uint64_t)(off_t)bytes != bytes || (off_t)bytes < 0 || over_fsize_limit(bytes)) {
		return EFBIG;
	}
	return ftruncate(fd, (off_t)bytes) == 0 ? 0 : errno;
}

/* A signal that interrupts posix_fallocate() makes it fail with EINTR
 * (tmpfs then gives back what it had reserved): try again, this many times
 * at most, so that a steady stream of signals ends in an error, not a loop. */
#define SHMT_RESERVE_EINTR_TRIES 100

static int pread_byte(int fd, unsigned char *c, uint64_t off)
{
	for (int i = 0; i < SHMT_RESERVE_EINTR_TRIES; i++) {
		ssize_t n = pread(fd, c, 1, (off_t)off);
		if (n >= 0) {
			return n == 1 ? 0 : EIO;
		}
		if (errno != EINTR) {
			return errno;
		}
	}
	return EINTR;
}

static int pwrite_zero(int fd, uint64_t off)
{
	for (int i = 0; i < SHMT_RESERVE_EINTR_TRIES; i++) {
		ssize_t n = pwrite(fd, "", 1, (off_t)off);
		if (n == 1) {
			return 0;
		}
		if (n >= 0 || errno != EINTR) {
			return n >= 0 ? EIO : errno;
		}
	}
	return EINTR;
}

/* For a file system without fallocate (musl's posix_fallocate() does not
 * emulate it, glibc's does the same as this): make the file system store
 * every block of [off, end) by writing a zero byte into each one that reads
 * as zero there. Only bytes inside the range are read or written, and
 * nobody else writes the range meanwhile, so no byte changes. */
static int reserve_by_writing(int fd, uint64_t off, uint64_t end)
{
	struct stat sb;
	if (over_fsize_limit(end)) {
		return EFBIG;
	}
	if (fstat(fd, &sb) != 0) {
		return errno;
	}
	uint64_t step = sb.st_blksize > 0 && sb.st_blksize < 4096 ? (uint64_t)sb.st_blksize : 4096;
	for (uint64_t p = off; p < end; p = (p / step + 1) * step) {
		unsigned char c;
		int rc = pread_byte(fd, &c, p);
		if (rc != 0) {
			return rc;
		}
		if (c == 0 && (rc = pwrite_zero(fd, p)) != 0) {
			return rc;
		}
	}
	return 0;
}

int shmt_os_reserve(int fd, uint64_t off, uint64_t len)
{
	uint64_t end = off + len;
	if (len == 0) {
		return 0;
	}
	if (end < off || (uint64_t)(off_t)end != end || (off_t)end < 0) {
		return EFBIG;
	}
#if defined(__APPLE__)
	(void)fd;
	return ENOSYS; /* no posix_fallocate() (nor named tables: no OFD locks) */
#else
	int rc = EINTR;
	for (int i = 0; rc == EINTR && i < SHMT_RESERVE_EINTR_TRIES; i++) {
		rc = posix_fallocate(fd, (off_t)off, (off_t)len);
	}
#if defined(ENOTSUP) && ENOTSUP != EOPNOTSUPP
	if (rc == ENOTSUP) {
		rc = EOPNOTSUPP;
	}
#endif
	return rc == EOPNOTSUPP ? reserve_by_writing(fd, off, end) : rc;
#endif
}

void *shmt_os_map_fd(int fd, size_t bytes)
{
	void *p = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	return p == MAP_FAILED ? NULL : p;
}

void *shmt_os_map_fd_private(int fd, size_t bytes)
{
	void *p = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_NORESERVE, fd, 0);
	return p == MAP_FAILED ? NULL : p;
}

int shmt_os_sync(void *base, size_t bytes)
{
	return msync(base, bytes, MS_SYNC) == 0 ? 0 : errno;
}

void shmt_os_close(int fd)
{
	if (fd >= 0) {
		close(fd);
	}
}

int64_t shmt_os_realtime_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

int64_t shmt_os_boottime_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_BOOTTIME, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* The time spent suspended and when it was last measured, shared by the
 * threads of the process (relaxed atomics: plain loads on the read path;
 * a thread-local copy would cost a __tls_get_addr() call per read in a
 * shared library). `suspended` only grows (a compare-and-swap to the max),
 * so a reader never sees the clock step back; two threads may measure at
 * once, which costs only the second measurement. */
static int64_t coarse_suspended, coarse_measured_at;

/* Measure the time spent suspended again (at most about once a second). */
__attribute__((noinline, cold)) static int64_t coarse_remeasure(int64_t m)
{
	int64_t s = shmt_os_boottime_ns() - shmt_os_monotonic_ns();
	int64_t cur = shmt_load_relaxed(&coarse_suspended);
	while (s > cur && !__atomic_compare_exchange_n(&coarse_suspended, &cur, s, 1,
	                                               __ATOMIC_RELAXED, __ATOMIC_RELAXED)) {
	}
	shmt_store_relaxed(&coarse_measured_at, m);
	return m + shmt_load_relaxed(&coarse_suspended);
}

int64_t shmt_os_boottime_coarse_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC_COARSE, &ts);
	int64_t m = (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
	/* One unsigned comparison covers "never measured" (at 0: m is more
	 * than a second after boot), "a second or more ago" and "the clock is
	 * behind the last measurement" (the difference wraps around). The
	 * read path is this test, an add and the clock itself. */
	if ((uint64_t)(m - shmt_load_relaxed(&coarse_measured_at)) >= 1000000000u) {
		return coarse_remeasure(m);
	}
	return m + shmt_load_relaxed(&coarse_suspended);
}

/* /proc/sys/kernel/random/boot_id: 36 characters, a UUID in hex with
 * dashes; its 32 hex digits are the 16 bytes. */
int shmt_os_boot_id(uint8_t out[16])
{
	char buf[64];
	memset(out, 0, 16);
	int fd = open("/proc/sys/kernel/random/boot_id", O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		return -1;
	}
	ssize_t n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n < 32) {
		return -1;
	}
	int got = 0;
	for (ssize_t i = 0; i < n && got < 32; i++) {
		char c = buf[i];
		int v = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
		if (v < 0) {
			continue;
		}
		out[got / 2] = (uint8_t)(out[got / 2] << 4 | v);
		got++;
	}
	return got == 32 ? 0 : -1;
}

int64_t shmt_os_monotonic_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* getpid() is a system call (glibc stopped caching it), and a costly one on
 * some virtual machines; Lock calls this on every lock and unlock. The
 * cache is cleared in a forked child by a pthread_atfork() handler, which
 * also counts the fork: a process's forks-since-the-handler count is one
 * more than its parent's, so (pid, count) names a process apart from every
 * ancestor, even one whose pid it was given again (see shmt_os_self()). */
int32_t shmt_os_pid_cache;
uint64_t shmt_os_self_cache;
static uint32_t fork_count;
static int pid_hooked; /* the handler registered: the caches may be used
                          (set under pid_once, read with atomics) */
static pthread_once_t pid_once = PTHREAD_ONCE_INIT;

static void pid_forget(void)
{
	__atomic_store_n(&shmt_os_pid_cache, 0, __ATOMIC_RELAXED);
	__atomic_store_n(&shmt_os_self_cache, 0, __ATOMIC_RELAXED);
	__atomic_add_fetch(&fork_count, 1u, __ATOMIC_RELAXED);
}

static void pid_hook(void)
{
	__atomic_store_n(&pid_hooked, pthread_atfork(NULL, NULL, pid_forget) == 0, __ATOMIC_RELAXED);
}

int32_t shmt_os_pid_slow(void)
{
	pthread_once(&pid_once, pid_hook);
	int32_t pid = (int32_t)getpid();
	if (__atomic_load_n(&pid_hooked, __ATOMIC_RELAXED)) { /* else a child would take itself for its parent */
		__atomic_store_n(&shmt_os_pid_cache, pid, __ATOMIC_RELAXED);
	}
	return pid;
}

uint64_t shmt_os_self_slow(void)
{
	uint32_t pid = (uint32_t)shmt_os_pid(); /* the handler registered first */
	uint64_t self = (uint64_t)__atomic_load_n(&fork_count, __ATOMIC_RELAXED) << 32 | pid;
	if (__atomic_load_n(&pid_hooked, __ATOMIC_RELAXED)) {
		__atomic_store_n(&shmt_os_self_cache, self, __ATOMIC_RELAXED);
	}
	return self;
}

/* Thread tokens (shmt_os_thread_token()) and the count of kept robust
 * mutexes (shmt_os_keep_begin()). In a forked child, the one thread's token
 * is cleared (it takes a new one, above every token its parent gave out
 * before the fork) and the count is zero: the child holds no lock of its
 * parent. */
_Thread_local uint64_t shmt_os_tl_token;
static uint64_t token_next;   /* the last token given out */
static uint64_t token_base = 1;
static int kept_count;
static int token_hooked; /* the fork handler registered (set under token_once) */
static pthread_once_t token_once = PTHREAD_ONCE_INIT;

static void token_forget(void)
{
	shmt_os_tl_token = 0;
	__atomic_store_n(&shmt_os_proc_token, 0, __ATOMIC_RELAXED);
	__atomic_store_n(&token_base, __atomic_load_n(&token_next, __ATOMIC_RELAXED) + 1,
	                 __ATOMIC_RELAXED);
	__atomic_store_n(&kept_count, 0, __ATOMIC_RELAXED);
}

static void token_hook(void)
{
	__atomic_store_n(&token_hooked, pthread_atfork(NULL, NULL, token_forget) == 0,
	                 __ATOMIC_RELAXED);
}

uint64_t shmt_os_token_slow(void)
{
	pthread_once(&token_once, token_hook);
	uint64_t tok = __atomic_add_fetch(&token_next, 1, __ATOMIC_RELAXED);
	shmt_os_tl_token = tok;
	return tok;
}

int shmt_os_threads = 1;
uint64_t shmt_os_proc_token;

void shmt_os_one_thread(void)
{
	shmt_os_threads = 0;
}

uint64_t shmt_os_proc_token_slow(void)
{
	pthread_once(&token_once, token_hook);
	uint64_t tok = __atomic_add_fetch(&token_next, 1, __ATOMIC_RELAXED);
	__atomic_store_n(&shmt_os_proc_token, tok, __ATOMIC_RELAXED);
	return tok;
}

uint64_t shmt_os_token_base(void)
{
	return __atomic_load_n(&token_base, __ATOMIC_RELAXED);
}

int shmt_os_keep_begin(void)
{
	/* Without the fork handler (pthread_atfork() failed), a forked child
	 * would keep its parent's tokens and take the parent's kept slot for
	 * its own: nothing is kept then, every lock takes a slot for itself. */
	pthread_once(&token_once, token_hook);
	if (!__atomic_load_n(&token_hooked, __ATOMIC_RELAXED)) {
		return 0;
	}
	int n = __atomic_load_n(&kept_count, __ATOMIC_RELAXED);
	do {
		if (n >= SHMT_OS_KEPT_MAX) {
			return 0;
		}
	} while (!__atomic_compare_exchange_n(&kept_count, &n, n + 1, 1, __ATOMIC_RELAXED,
	                                      __ATOMIC_RELAXED));
	return 1;
}

void shmt_os_keep_end(void)
{
	__atomic_sub_fetch(&kept_count, 1, __ATOMIC_RELAXED);
}

void shmt_os_sleep_ms(unsigned ms)
{
	struct timespec ts = {(time_t)(ms / 1000), (long)(ms % 1000) * 1000000L};
	while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {
	}
}

#if defined(F_OFD_SETLK) && defined(F_OFD_SETLKW)
static int ofd_lock(int fd, int cmd, short type, off_t start)
{
	struct flock fl;
	memset(&fl, 0, sizeof(fl)); /* l_pid must be 0 for OFD locks */
	fl.l_type = type;
	fl.l_whence = SEEK_SET;
	fl.l_start = start;
	fl.l_len = 1;
	for (;;) {
		if (fcntl(fd, cmd, &fl) == 0) {
			return 0;
		}
		if (errno == EINTR) {
			continue;
		}
		return errno == EACCES ? EAGAIN : errno;
	}
}
#else
static int ofd_lock(int fd, int cmd, short type, off_t start)
{
	(void)fd; (void)cmd; (void)type; (void)start;
	return ENOSYS; /* named tables need open-file-description locks */
}
#define F_OFD_SETLK 0
#define F_OFD_SETLKW 0
#endif

int shmt_os_lock_opening(int fd) { return ofd_lock(fd, F_OFD_SETLKW, F_WRLCK, 0); }
int shmt_os_unlock_opening(int fd) { return ofd_lock(fd, F_OFD_SETLK, F_UNLCK, 0); }
int shmt_os_try_sole_user(int fd) { return ofd_lock(fd, F_OFD_SETLK, F_WRLCK, 1); }
int shmt_os_share_users(int fd) { return ofd_lock(fd, F_OFD_SETLKW, F_RDLCK, 1); }

uint64_t shmt_os_pidns(void)
{
#if defined(__linux__)
	struct stat sb;
	if (stat("/proc/self/ns/pid", &sb) == 0) {
		return (uint64_t)sb.st_ino;
	}
#endif
	return 0;
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

int shmt_os_open_readonly(const char *name_or_path, int is_shm, int *fd)
{
	int flags = O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK;
	int f = is_shm ? shm_open(name_or_path, flags, 0) : open(name_or_path, flags);
	if (f < 0) {
		*fd = -1;
		return errno;
	}
	*fd = f;
	return 0;
}

int shmt_os_list_shm(const char *prefix, int (*cb)(const char *rest, void *arg), void *arg)
{
#if defined(__linux__)
	/* glibc's shm_open() names files of this directory. */
	DIR *d = opendir("/dev/shm");
	if (d == NULL) {
		return errno;
	}
	size_t plen = strlen(prefix);
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		if (strncmp(e->d_name, prefix, plen) == 0 && cb(e->d_name + plen, arg) != 0) {
			break;
		}
	}
	closedir(d);
	return 0;
#else
	(void)prefix;
	(void)cb;
	(void)arg;
	return ENOSYS;
#endif
}
