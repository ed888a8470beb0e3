/*
 * test_sync.c - the engine of ShmTable\Atomic and ShmTable\Lock
 * (src/shmt_sync.c): every function, overflow, wait/wake-up with timeouts,
 * forked processes adding, readers together and writers alone, and a
 * process SIGKILLed at every step of the lock and unlock protocol
 * (shmt_step_hook, SHMT_STEP_ULOCK_*): then another process must get the
 * lock, be told of the death exactly when the dead one held the lock, and
 * find the lock's state consistent.
 */
#include "unit.h"
#include "shmt_sync.h"
#include "shmt_sync_open.h"
#include "shmt_test.h"
#include "shmt_os.h"

#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdint.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static int64_t now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static int wait_exit(pid_t pid)
{
	int st;
	if (waitpid(pid, &st, 0) != pid) {
		return -1;
	}
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

static void test_atomic_basics(void)
{
	shmt_atomic *a = shmt_atomic_new(5);
	CHECK(a != NULL);
	CHECK_I64(shmt_atomic_get(a), 5);
	shmt_atomic_set(a, -7);
	CHECK_I64(shmt_atomic_get(a), -7);
	int64_t out = 0;
	CHECK(shmt_atomic_add(a, 10, &out) == 0);
	CHECK_I64(out, 3);
	CHECK(shmt_atomic_sub(a, 4, &out) == 0);
	CHECK_I64(out, -1);
	CHECK(shmt_atomic_cmpset(a, -1, 9) == 1);
	CHECK(shmt_atomic_cmpset(a, -1, 10) == 0);
	CHECK_I64(shmt_atomic_get(a), 9);

	/* Overflow: -1, nothing stored. */
	shmt_atomic_set(a, INT64_MAX - 1);
	CHECK(shmt_atomic_add(a, 1, &out) == 0);
	CHECK_I64(out, INT64_MAX);
	out = 42;
	CHECK(shmt_atomic_add(a, 1, &out) == -1);
	CHECK_I64(out, 42);
	CHECK_I64(shmt_atomic_get(a), INT64_MAX);
	CHECK(shmt_atomic_sub(a, -1, &out) == -1);
	CHECK_I64(shmt_atomic_get(a), INT64_MAX);
	shmt_atomic_set(a, INT64_MIN);
	CHECK(shmt_atomic_sub(a, 1, &out) == -1);
	CHECK(shmt_atomic_add(a, -1, &out) == -1);
	CHECK_I64(shmt_atomic_get(a), INT64_MIN);
	CHECK(shmt_atomic_sub(a, INT64_MIN, &out) == 0);
	CHECK_I64(out, 0);

	/* The first swap guesses the process's last result: a guess that
	 * would overflow must not decide, nor a guess that is wrong. */
	shmt_atomic *b = shmt_atomic_new(INT64_MAX);
	CHECK(shmt_atomic_add(b, 0, &out) == 0); /* last seen: INT64_MAX */
	shmt_atomic_set(a, 0);
	CHECK(shmt_atomic_add(a, 1, &out) == 0);
	CHECK_I64(out, 1);
	shmt_atomic_set(b, INT64_MIN);
	CHECK(shmt_atomic_sub(b, 1, &out) == -1); /* guess 1: no overflow, wrong */
	CHECK_I64(shmt_atomic_get(b), INT64_MIN);
	shmt_atomic_free(b);

	/* wait/wakeup without waiters. */
	shmt_atomic_set(a, 0);
	CHECK(shmt_atomic_wait(a, 0) == 0);
	int64_t t0 = now_ns();
	CHECK(shmt_atomic_wait(a, 20000000) == 0);
	CHECK(now_ns() - t0 >= 20000000);
	uint64_t w0 = shmt_atomic_wakeups(a);
	shmt_atomic_wakeup(a, 1);
	CHECK_I64(shmt_atomic_get(a), 1);
	CHECK_U64(shmt_atomic_wakeups(a), w0 + 1);
	CHECK(shmt_atomic_wait(a, 0) == 1);
	CHECK_I64(shmt_atomic_get(a), 0);
	shmt_atomic_set(a, 2);
	shmt_atomic_wakeup(a, 1); /* neither 0 nor 1: nothing */
	CHECK_I64(shmt_atomic_get(a), 2);
	CHECK(shmt_atomic_wait(a, 0) == 0);
	shmt_atomic_free(a);
}

static void test_atomic_fork(void)
{
	enum { PROCS = 4, ADDS = 200000 };
	shmt_atomic *a = shmt_atomic_new(0);
	pid_t pids[PROCS];
	for (int p = 0; p < PROCS; p++) {
		pids[p] = fork();
		if (pids[p] == 0) {
			int64_t out;
			for (int i = 0; i < ADDS; i++) {
				if (shmt_atomic_add(a, 3, &out) != 0 || shmt_atomic_sub(a, 1, &out) != 0) {
					_exit(1);
				}
			}
			_exit(0);
		}
	}
	for (int p = 0; p < PROCS; p++) {
		CHECK(wait_exit(pids[p]) == 0);
	}
	CHECK_I64(shmt_atomic_get(a), (int64_t)PROCS * ADDS * 2);

	/* A sleeping waiter woken by another process; one timed out. */
	shmt_atomic_set(a, 0);
	pid_t w = fork();
	if (w == 0) {
		_exit(shmt_atomic_wait(a, 5000000000LL) == 1 ? 0 : 1);
	}
	usleep(20000);
	shmt_atomic_wakeup(a, 1);
	CHECK(wait_exit(w) == 0);
	CHECK_I64(shmt_atomic_get(a), 0);
	w = fork();
	if (w == 0) {
		_exit(shmt_atomic_wait(a, 10000000) == 0 ? 0 : 1);
	}
	CHECK(wait_exit(w) == 0);
	shmt_atomic_free(a);
}

static void check_idle(shmt_ulock *l)
{
	shmt_ulock_stats st;
	shmt_ulock_stats_get(l, &st);
	CHECK(st.holder == 0);
	CHECK(st.holder_dead == 0);
	CHECK_U64(st.readers, 0);
	CHECK_U64(st.dead_readers, 0);
}

static void test_lock_basics(int type)
{
	shmt_ulock *l = shmt_ulock_new(type);
	CHECK(l != NULL);
	CHECK(shmt_ulock_type(l) == type);
	shmt_ulock_hold h = {0}, h2 = {0};
	CHECK(shmt_ulock_release(l, &h) == -1);
	CHECK(shmt_ulock_acquire(l, 0, -1, &h) == SHMT_ULOCK_OK);
	CHECK(shmt_ulock_holds(&h));
	CHECK_U64(h.died, 0);
	shmt_ulock_stats st;
	shmt_ulock_stats_get(l, &st);
	CHECK(st.holder == getpid());
	CHECK(shmt_ulock_acquire(l, 0, 0, &h2) == SHMT_ULOCK_BUSY);
	int64_t t0 = now_ns();
	CHECK(shmt_ulock_acquire(l, 0, 20000000, &h2) == SHMT_ULOCK_BUSY);
	CHECK(now_ns() - t0 >= 20000000);
	if (type == SHMT_ULOCK_RWLOCK) {
		CHECK(shmt_ulock_acquire(l, 1, 0, &h2) == SHMT_ULOCK_BUSY);
	}
	/* A forked child does not hold what its parent holds. */
	pid_t c = fork();
	if (c == 0) {
		_exit(!shmt_ulock_holds(&h) && shmt_ulock_release(l, &h) == -1 ? 0 : 1);
	}
	CHECK(wait_exit(c) == 0);
	CHECK(shmt_ulock_release(l, &h) == 0);
	CHECK(shmt_ulock_release(l, &h) == -1);
	check_idle(l);
	if (type == SHMT_ULOCK_RWLOCK) {
		/* Readers together (here and in a child), writers not. */
		CHECK(shmt_ulock_acquire(l, 1, 0, &h) == SHMT_ULOCK_OK);
		CHECK(shmt_ulock_acquire(l, 1, 0, &h2) == SHMT_ULOCK_OK);
		shmt_ulock_stats_get(l, &st);
		CHECK_U64(st.readers, 2);
		c = fork();
		if (c == 0) {
			shmt_ulock_hold hc = {0};
			int ok = shmt_ulock_acquire(l, 1, 0, &hc) == SHMT_ULOCK_OK &&
			         shmt_ulock_release(l, &hc) == 0 &&
			         shmt_ulock_acquire(l, 0, 10000000, &hc) == SHMT_ULOCK_BUSY;
			_exit(ok ? 0 : 1);
		}
		CHECK(wait_exit(c) == 0);
		CHECK(shmt_ulock_release(l, &h) == 0);
		CHECK(shmt_ulock_acquire(l, 0, 0, &h) == SHMT_ULOCK_BUSY);
		CHECK(shmt_ulock_release(l, &h2) == 0);
		CHECK(shmt_ulock_acquire(l, 0, 0, &h) == SHMT_ULOCK_OK);
		CHECK(shmt_ulock_release(l, &h) == 0);
		check_idle(l);
		shmt_ulock_forget(l, &h);
		shmt_ulock_forget(l, &h2);
		/* More readers than slots: all 64 held here, one more waits. */
		shmt_ulock_hold many[SHMT_ULOCK_READER_SLOTS];
		for (int i = 0; i < SHMT_ULOCK_READER_SLOTS; i++) {
			many[i] = (shmt_ulock_hold){0};
			CHECK(shmt_ulock_acquire(l, 1, 0, &many[i]) == SHMT_ULOCK_OK);
		}
		CHECK(shmt_ulock_acquire(l, 1, 0, &h) == SHMT_ULOCK_BUSY);
		shmt_ulock_stats_get(l, &st);
		CHECK_U64(st.slots_kept, SHMT_ULOCK_KEPT_SLOTS);
		for (int i = 0; i < SHMT_ULOCK_READER_SLOTS; i++) {
			CHECK(shmt_ulock_release(l, &many[i]) == 0);
		}
		check_idle(l);
		/* The kept slots stay taken, idle; the others were given back:
		 * another reader gets in at once, and so does a writer. */
		shmt_ulock_stats_get(l, &st);
		CHECK_U64(st.slots_kept, SHMT_ULOCK_KEPT_SLOTS);
		CHECK(shmt_ulock_acquire(l, 1, 0, &h) == SHMT_ULOCK_OK);
		CHECK(h.kept_self == 0);
		CHECK(shmt_ulock_release(l, &h) == 0);
		CHECK(shmt_ulock_acquire(l, 0, 0, &h) == SHMT_ULOCK_OK);
		CHECK(shmt_ulock_release(l, &h) == 0);
		/* A kept slot's second read lock: the fast way, counted. */
		uint64_t before = st.acquisitions;
		CHECK(shmt_ulock_acquire(l, 1, 0, &many[0]) == SHMT_ULOCK_OK);
		CHECK(many[0].slot == many[0].kept_slot);
		shmt_ulock_stats_get(l, &st);
		CHECK_U64(st.readers, 1);
		CHECK_U64(st.acquisitions, before + 3);
		/* Not given back while held; given back once released. */
		shmt_ulock_forget(l, &many[0]);
		CHECK(many[0].kept_self == shmt_os_self());
		CHECK(shmt_ulock_release(l, &many[0]) == 0);
		for (int i = 0; i < SHMT_ULOCK_READER_SLOTS; i++) {
			shmt_ulock_forget(l, &many[i]);
		}
		shmt_ulock_stats_get(l, &st);
		CHECK_U64(st.slots_kept, 0);
		check_idle(l);
	}
	shmt_ulock_forget(l, &h);
	shmt_ulock_forget(l, &h2);
	shmt_ulock_free(l);
}

/* Writers alone, readers never beside a writer: forked processes check a
 * shared pair of counters under the lock. */
static void test_rwlock_fork(void)
{
	enum { PROCS = 4, ROUNDS = 20000 };
	shmt_ulock *l = shmt_ulock_new(SHMT_ULOCK_RWLOCK);
	shmt_atomic *writers = shmt_atomic_new(0), *readers = shmt_atomic_new(0);
	shmt_atomic *bad = shmt_atomic_new(0), *total = shmt_atomic_new(0);
	pid_t pids[PROCS];
	for (int p = 0; p < PROCS; p++) {
		pids[p] = fork();
		if (pids[p] == 0) {
			int64_t out;
			shmt_ulock_hold h = {0}; /* one per process: its reader slot is kept */
			for (int i = 0; i < ROUNDS; i++) {
				int shared = (i + p) % 3 != 0;
				if (shmt_ulock_acquire(l, shared, -1, &h) != SHMT_ULOCK_OK) {
					_exit(1);
				}
				if (shared) {
					shmt_atomic_add(readers, 1, &out);
					if (shmt_atomic_get(writers) != 0) shmt_atomic_add(bad, 1, &out);
					shmt_atomic_sub(readers, 1, &out);
				} else {
					shmt_atomic_add(writers, 1, &out);
					if (out != 1 || shmt_atomic_get(readers) != 0) shmt_atomic_add(bad, 1, &out);
					shmt_atomic_add(total, 1, &out);
					shmt_atomic_sub(writers, 1, &out);
				}
				shmt_ulock_release(l, &h);
			}
			_exit(0);
		}
	}
	int64_t want = 0;
	for (int p = 0; p < PROCS; p++) {
		CHECK(wait_exit(pids[p]) == 0);
		for (int i = 0; i < ROUNDS; i++) want += (i + p) % 3 == 0;
	}
	CHECK_I64(shmt_atomic_get(bad), 0);
	CHECK_I64(shmt_atomic_get(total), want);
	check_idle(l);
	shmt_ulock_free(l);
	shmt_atomic_free(writers);
	shmt_atomic_free(readers);
	shmt_atomic_free(bad);
	shmt_atomic_free(total);
}

static int kill_step;
static void hook_kill(int step)
{
	if (step == kill_step) {
		raise(SIGKILL);
	}
}

/* A child does `what` and is killed at step (0: after it). The parent
 * (holding a read lock first when parent_reads) then must get the lock
 * exclusive and shared, told of a death exactly when `told`. */
enum {
	DO_EX,                 /* lock exclusive */
	DO_SH,                 /* the first read lock: takes a slot at the gate */
	DO_SH_UNLOCK,          /* ... and unlock: the slot kept */
	DO_SH2,                /* read lock, unlock, read lock again: the kept slot */
	DO_SH_UNLOCK_NOT_KEPT, /* every kept slot taken: read lock, unlock gives it back */
	DO_SH_FORGET,          /* read lock, unlock, the kept slot given back */
	DO_EX_UNLOCK,          /* lock exclusive and unlock: the slot kept */
	DO_EX_UNLOCK_NOT_KEPT, /* every kept slot taken: lock, unlock gives it back */
};
static void kill_case(int type, int what, int step, int parent_reads, int told)
{
	shmt_ulock *l = shmt_ulock_new(type);
	shmt_ulock_hold hp = {0}, h = {0};
	if (parent_reads) {
		CHECK(shmt_ulock_acquire(l, 1, 0, &hp) == SHMT_ULOCK_OK);
	}
	pid_t c = fork();
	if (c == 0) {
		shmt_ulock_hold hc = {0};
		int64_t timeout = parent_reads ? 2000000000LL : -1;
		if (what == DO_SH2 || what == DO_SH_FORGET) {
			if (shmt_ulock_acquire(l, 1, timeout, &hc) != SHMT_ULOCK_OK ||
			    shmt_ulock_release(l, &hc) != 0 || hc.kept_self != shmt_os_self()) {
				_exit(1);
			}
		}
		if (what == DO_SH_UNLOCK_NOT_KEPT || what == DO_EX_UNLOCK_NOT_KEPT) {
			static shmt_ulock_hold kept[SHMT_ULOCK_KEPT_SLOTS];
			for (int i = 0; i < SHMT_ULOCK_KEPT_SLOTS; i++) {
				if (shmt_ulock_acquire(l, what == DO_SH_UNLOCK_NOT_KEPT, 0, &kept[i]) !=
				        SHMT_ULOCK_OK ||
				    shmt_ulock_release(l, &kept[i]) != 0) {
					_exit(1);
				}
			}
		}
		kill_step = step;
		shmt_step_hook = hook_kill;
		int ex = what == DO_EX || what == DO_EX_UNLOCK || what == DO_EX_UNLOCK_NOT_KEPT;
		if (what != DO_SH_FORGET &&
		    shmt_ulock_acquire(l, !ex, timeout, &hc) != SHMT_ULOCK_OK) {
			_exit(1);
		}
		if ((what == DO_SH_UNLOCK_NOT_KEPT || what == DO_EX_UNLOCK_NOT_KEPT) &&
		    hc.kept_self != 0) {
			_exit(4); /* should not have been kept */
		}
		if (what == DO_SH_UNLOCK || what == DO_SH_UNLOCK_NOT_KEPT || what == DO_EX_UNLOCK ||
		    what == DO_EX_UNLOCK_NOT_KEPT) {
			shmt_ulock_release(l, &hc);
		}
		if (what == DO_SH_FORGET) {
			shmt_ulock_forget(l, &hc);
		}
		if (step != 0) {
			_exit(2); /* the step was never reached: the case fails */
		}
		raise(SIGKILL);
		_exit(2);
	}
	if (parent_reads) {
		/* Until the child waits for this reader (or is dead): its kill
		 * step is on the way to that wait. */
		for (int i = 0; i < 5000; i++) {
			shmt_ulock_stats st;
			shmt_ulock_stats_get(l, &st);
			siginfo_t si = {0};
			if (st.waiters > 0 ||
			    (waitid(P_PID, (id_t)c, &si, WEXITED | WNOHANG | WNOWAIT) == 0 &&
			     si.si_pid != 0)) {
				break;
			}
			usleep(1000);
		}
		CHECK(shmt_ulock_release(l, &hp) == 0);
	}
	int rc = wait_exit(c);
	if (rc != 128 + SIGKILL) {
		UNIT_FAIL("type %d what %d step %d: child ended %d, not killed", type, what, step, rc);
	}
	int64_t t0 = now_ns();
	CHECK(shmt_ulock_acquire(l, 0, 1000000000LL, &h) == SHMT_ULOCK_OK);
	if (now_ns() - t0 > 50000000 && unit_timing()) {
		UNIT_FAIL("step %d: the lock came %" PRId64 " ns after the death", step, now_ns() - t0);
	}
	if (h.died != (uint32_t)told) {
		UNIT_FAIL("type %d what %d step %d: told of %u deaths, expected %d", type, what, step,
		          h.died, told);
	}
	CHECK(shmt_ulock_release(l, &h) == 0);
	check_idle(l);
	shmt_ulock_stats st;
	shmt_ulock_stats_get(l, &st);
	CHECK_U64(st.owner_died, (uint64_t)told);
	if (type == SHMT_ULOCK_MUTEX) {
		/* The dead process's slots are free again once the next locker
		 * needed one: here only the parent's is kept. */
		CHECK_U64(st.slots_kept, 1);
	}
	if (type == SHMT_ULOCK_RWLOCK) {
		/* The writer freed every slot of the dead process (the parent
		 * keeps one when it read first). */
		CHECK_U64(st.slots_kept, parent_reads ? 1 : 0);
		CHECK(shmt_ulock_acquire(l, 1, 0, &h) == SHMT_ULOCK_OK);
		CHECK(shmt_ulock_acquire(l, 1, 0, &hp) == SHMT_ULOCK_OK);
		CHECK(shmt_ulock_release(l, &hp) == 0);
		CHECK(shmt_ulock_release(l, &h) == 0);
	}
	CHECK(shmt_ulock_acquire(l, 0, 0, &h) == SHMT_ULOCK_OK);
	CHECK_U64(h.died, 0);
	CHECK(shmt_ulock_release(l, &h) == 0);
	check_idle(l);
	shmt_ulock_forget(l, &h);
	shmt_ulock_forget(l, &hp);
	shmt_ulock_free(l);
}

/* A writer already waiting for a reader (holding the read lock through
 * its kept slot) when that reader is killed: the writer gets the lock
 * within the drain slice and is told. */
static void kill_while_writer_waits(void)
{
	shmt_ulock *l = shmt_ulock_new(SHMT_ULOCK_RWLOCK);
	shmt_atomic *ready = shmt_atomic_new(0);
	pid_t c = fork();
	if (c == 0) {
		shmt_ulock_hold hc = {0};
		if (shmt_ulock_acquire(l, 1, -1, &hc) != SHMT_ULOCK_OK ||
		    shmt_ulock_release(l, &hc) != 0 ||
		    shmt_ulock_acquire(l, 1, -1, &hc) != SHMT_ULOCK_OK || hc.kept_self != shmt_os_self()) {
			_exit(1);
		}
		shmt_atomic_set(ready, 1);
		for (int i = 0; i < 5000; i++) { /* until the writer waits */
			shmt_ulock_stats st;
			shmt_ulock_stats_get(l, &st);
			if (st.waiters > 0) {
				break;
			}
			usleep(1000);
		}
		raise(SIGKILL);
		_exit(2);
	}
	while (shmt_atomic_get(ready) == 0) {
		usleep(1000);
	}
	shmt_ulock_hold h = {0};
	CHECK(shmt_ulock_acquire(l, 0, 5000000000LL, &h) == SHMT_ULOCK_OK);
	CHECK_U64(h.died, 1);
	CHECK(wait_exit(c) == 128 + SIGKILL);
	CHECK(shmt_ulock_release(l, &h) == 0);
	check_idle(l);
	shmt_ulock_free(l);
	shmt_atomic_free(ready);
}

/* MUTEX: a holder killed while another process sleeps on the owner word:
 * the sleeper finds the holder's slot dead at the end of its slice, takes
 * the MUTEX over and is told. */
static void mutex_kill_while_waiting(void)
{
	shmt_ulock *l = shmt_ulock_new(SHMT_ULOCK_MUTEX);
	shmt_atomic *ready = shmt_atomic_new(0);
	pid_t c = fork();
	if (c == 0) {
		shmt_ulock_hold hc = {0};
		if (shmt_ulock_acquire(l, 0, -1, &hc) != SHMT_ULOCK_OK) {
			_exit(1);
		}
		shmt_atomic_set(ready, 1);
		for (int i = 0; i < 5000; i++) { /* until the parent waits */
			shmt_ulock_stats st;
			shmt_ulock_stats_get(l, &st);
			if (st.waiters > 0) {
				break;
			}
			usleep(1000);
		}
		usleep(2000); /* asleep on the word by now, most likely */
		raise(SIGKILL);
		_exit(2);
	}
	while (shmt_atomic_get(ready) == 0) {
		usleep(1000);
	}
	shmt_ulock_hold h = {0};
	shmt_ulock_stats st;
	shmt_ulock_stats_get(l, &st);
	CHECK(st.holder == c);
	CHECK(st.holder_dead == 0);
	CHECK(shmt_ulock_acquire(l, 0, 5000000000LL, &h) == SHMT_ULOCK_OK);
	CHECK_U64(h.died, 1);
	CHECK(wait_exit(c) == 128 + SIGKILL);
	shmt_ulock_stats_get(l, &st);
	CHECK_U64(st.owner_died, 1);
	CHECK(st.holder == getpid());
	CHECK(shmt_ulock_release(l, &h) == 0);
	check_idle(l);
	shmt_ulock_forget(l, &h);
	shmt_ulock_free(l);
	shmt_atomic_free(ready);
}

/* MUTEX: the process that found the holder dead is itself killed after it
 * marked the word (SHMT_STEP_ULOCK_OWNER_DEAD), before taking the MUTEX:
 * the next locker takes it over and is told of one death, and the first
 * dead holder is still the one reported meanwhile. */
static void mutex_kill_taking_over(void)
{
	shmt_ulock *l = shmt_ulock_new(SHMT_ULOCK_MUTEX);
	pid_t c1 = fork();
	if (c1 == 0) {
		shmt_ulock_hold hc = {0};
		if (shmt_ulock_acquire(l, 0, -1, &hc) != SHMT_ULOCK_OK) {
			_exit(1);
		}
		raise(SIGKILL);
		_exit(2);
	}
	CHECK(wait_exit(c1) == 128 + SIGKILL);
	shmt_ulock_stats st;
	shmt_ulock_stats_get(l, &st);
	CHECK(st.holder == c1);
	CHECK(st.holder_dead == 1);
	pid_t c2 = fork();
	if (c2 == 0) {
		shmt_ulock_hold hc = {0};
		kill_step = SHMT_STEP_ULOCK_OWNER_DEAD;
		shmt_step_hook = hook_kill;
		(void)shmt_ulock_acquire(l, 0, -1, &hc);
		_exit(2); /* the step was never reached */
	}
	CHECK(wait_exit(c2) == 128 + SIGKILL);
	shmt_ulock_stats_get(l, &st);
	CHECK(st.holder == c1);
	CHECK(st.holder_dead == 1);
	shmt_ulock_hold h = {0};
	CHECK(shmt_ulock_acquire(l, 0, 0, &h) == SHMT_ULOCK_OK);
	CHECK_U64(h.died, 1);
	CHECK(shmt_ulock_release(l, &h) == 0);
	check_idle(l);
	shmt_ulock_stats_get(l, &st);
	CHECK_U64(st.owner_died, 1);
	CHECK_U64(st.slots_kept, 1); /* both dead processes' slots freed */
	shmt_ulock_forget(l, &h);
	shmt_ulock_free(l);
}

/* MUTEX: a waiter killed just before it sleeps (it set the waiters' bit):
 * the holder's unlock still leaves the MUTEX to the other waiter, which
 * gets it. */
static void mutex_kill_waiter(void)
{
	shmt_ulock *l = shmt_ulock_new(SHMT_ULOCK_MUTEX);
	shmt_ulock_hold h = {0};
	CHECK(shmt_ulock_acquire(l, 0, -1, &h) == SHMT_ULOCK_OK);
	pid_t c1 = fork();
	if (c1 == 0) {
		shmt_ulock_hold hc = {0};
		kill_step = SHMT_STEP_ULOCK_MUTEX_WAIT;
		shmt_step_hook = hook_kill;
		(void)shmt_ulock_acquire(l, 0, -1, &hc);
		_exit(2);
	}
	CHECK(wait_exit(c1) == 128 + SIGKILL);
	pid_t c2 = fork();
	if (c2 == 0) {
		shmt_ulock_hold hc = {0};
		int ok = shmt_ulock_acquire(l, 0, 2000000000LL, &hc) == SHMT_ULOCK_OK && hc.died == 0 &&
		         shmt_ulock_release(l, &hc) == 0;
		_exit(ok ? 0 : 1);
	}
	for (int i = 0; i < 5000; i++) { /* until c2 waits */
		shmt_ulock_stats st;
		shmt_ulock_stats_get(l, &st);
		if (st.waiters > 0) {
			break;
		}
		usleep(1000);
	}
	CHECK(shmt_ulock_release(l, &h) == 0);
	CHECK(wait_exit(c2) == 0);
	CHECK(shmt_ulock_acquire(l, 0, 0, &h) == SHMT_ULOCK_OK);
	CHECK_U64(h.died, 0);
	CHECK(shmt_ulock_release(l, &h) == 0);
	check_idle(l);
	shmt_ulock_forget(l, &h);
	shmt_ulock_free(l);
}

/* This process keeps as many slots of l as a lock keeps (exclusive, or
 * shared): kept[] says which; forget_every_slot() gives them back. */
static void keep_every_slot(shmt_ulock *l, int shared, shmt_ulock_hold *kept)
{
	for (int i = 0; i < SHMT_ULOCK_KEPT_SLOTS; i++) {
		kept[i] = (shmt_ulock_hold){0};
		CHECK(shmt_ulock_acquire(l, shared, 0, &kept[i]) == SHMT_ULOCK_OK);
		CHECK(shmt_ulock_release(l, &kept[i]) == 0);
		CHECK(kept[i].kept_self == shmt_os_self());
	}
}

static void forget_every_slot(shmt_ulock *l, shmt_ulock_hold *kept)
{
	for (int i = 0; i < SHMT_ULOCK_KEPT_SLOTS; i++) {
		shmt_ulock_forget(l, &kept[i]);
	}
}

/* MUTEX: more processes than slots. This process keeps 48 and holds the
 * MUTEX; 17 children want it: 16 take the slots left, the 17th waits for
 * one of them. Every child gets the MUTEX once, each alone. */
static void mutex_more_than_slots(void)
{
	enum { KIDS = SHMT_ULOCK_READER_SLOTS - SHMT_ULOCK_KEPT_SLOTS + 1 };
	shmt_ulock *l = shmt_ulock_new(SHMT_ULOCK_MUTEX);
	shmt_atomic *inside = shmt_atomic_new(0), *bad = shmt_atomic_new(0);
	shmt_atomic *total = shmt_atomic_new(0);
	static shmt_ulock_hold kept[SHMT_ULOCK_KEPT_SLOTS];
	keep_every_slot(l, 0, kept);
	shmt_ulock_stats st;
	shmt_ulock_stats_get(l, &st);
	CHECK_U64(st.slots_kept, SHMT_ULOCK_KEPT_SLOTS);
	CHECK(shmt_ulock_acquire(l, 0, 0, &kept[0]) == SHMT_ULOCK_OK);
	pid_t pids[KIDS];
	for (int p = 0; p < KIDS; p++) {
		pids[p] = fork();
		if (pids[p] == 0) {
			shmt_ulock_hold hc = {0};
			int64_t out;
			if (shmt_ulock_acquire(l, 0, 10000000000LL, &hc) != SHMT_ULOCK_OK || hc.died != 0) {
				_exit(1);
			}
			shmt_atomic_add(inside, 1, &out);
			if (out != 1) {
				shmt_atomic_add(bad, 1, &out);
			}
			usleep(200);
			shmt_atomic_sub(inside, 1, &out);
			shmt_atomic_add(total, 1, &out);
			_exit(shmt_ulock_release(l, &hc) == 0 && hc.kept_self == 0 ? 0 : 3);
		}
	}
	for (int i = 0; i < 5000; i++) { /* until the children wait */
		shmt_ulock_stats_get(l, &st);
		if (st.waiters >= KIDS) {
			break;
		}
		usleep(1000);
	}
	CHECK(st.waiters == KIDS);
	CHECK(shmt_ulock_release(l, &kept[0]) == 0);
	for (int p = 0; p < KIDS; p++) {
		CHECK(wait_exit(pids[p]) == 0);
	}
	CHECK_I64(shmt_atomic_get(bad), 0);
	CHECK_I64(shmt_atomic_get(total), KIDS);
	check_idle(l);
	forget_every_slot(l, kept);
	shmt_ulock_stats_get(l, &st);
	CHECK_U64(st.slots_kept, 0);
	shmt_ulock_free(l);
	shmt_atomic_free(inside);
	shmt_atomic_free(bad);
	shmt_atomic_free(total);
}


/* Wait until the child sets *ready non-zero; 0 (and a failed check) if it
 * exits first, with its exit status printed. */
static int child_ready(shmt_atomic *ready, pid_t c)
{
	while (shmt_atomic_get(ready) == 0) {
		int st;
		if (waitpid(c, &st, WNOHANG) == c) {
			fprintf(stderr, "child exited early: status %d\n",
			        WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st));
			CHECK(0);
			return 0;
		}
		usleep(1000);
	}
	return 1;
}

/* The kernel marks at most 2,048 of a dying process's robust mutexes, the
 * last taken first. A process that used more Locks than that keeps slots
 * in SHMT_ULOCK_KEPT_PER_PROCESS of them only, so the first Lock it used
 * (its slot the oldest kept) is still found free when it dies holding it,
 * and its death told. The Locks beyond the budget work without keeping a
 * slot. */
static void many_locks_then_killed(int type)
{
	enum { N = 2100 };
	static shmt_ulock *locks[N];
	for (int i = 0; i < N; i++) {
		locks[i] = shmt_ulock_new(type);
		if (locks[i] == NULL) {
			CHECK(locks[i] != NULL);
			return;
		}
	}
	int shared = type == SHMT_ULOCK_RWLOCK;
	shmt_atomic *ready = shmt_atomic_new(0), *kept_seen = shmt_atomic_new(-1);
	shmt_atomic *odd = shmt_atomic_new(-1);
	pid_t c = fork();
	if (c == 0) {
		static shmt_ulock_hold hs[N];
		int kept = 0, bad = 0;
		for (int i = 0; i < N; i++) {
			if (shmt_ulock_acquire(locks[i], shared, 0, &hs[i]) != SHMT_ULOCK_OK ||
			    shmt_ulock_release(locks[i], &hs[i]) != 0) {
				bad++;
			}
			kept += hs[i].kept_self != 0;
		}
		/* A Lock beyond the budget: its slot given back at unlock. */
		shmt_ulock_stats st;
		shmt_ulock_stats_get(locks[N - 1], &st);
		shmt_atomic_set(kept_seen, kept);
		shmt_atomic_set(odd, bad + (hs[0].kept_self == 0) + (hs[N - 1].kept_self != 0) +
		                         (st.slots_kept != 0));
		if (shmt_ulock_acquire(locks[0], shared, 0, &hs[0]) != SHMT_ULOCK_OK) {
			_exit(4);
		}
		shmt_atomic_set(ready, 1);
		for (;;) {
			pause();
		}
	}
	if (!child_ready(ready, c)) {
		return;
	}
	CHECK_I64(shmt_atomic_get(kept_seen), SHMT_ULOCK_KEPT_PER_PROCESS);
	CHECK_I64(shmt_atomic_get(odd), 0);
	kill(c, SIGKILL);
	CHECK(wait_exit(c) == 128 + SIGKILL);
	shmt_ulock_hold h = {0};
	/* Exclusive: waits for the dead reader too. */
	CHECK(shmt_ulock_acquire(locks[0], 0, 2000000000LL, &h) == SHMT_ULOCK_OK);
	CHECK(h.died == 1);
	CHECK(shmt_ulock_release(locks[0], &h) == 0);
	check_idle(locks[0]);
	for (int i = 0; i < N; i++) {
		shmt_ulock_forget(locks[i], &h);
		shmt_ulock_free(locks[i]);
	}
	shmt_atomic_free(ready);
	shmt_atomic_free(kept_seen);
	shmt_atomic_free(odd);
}

/* A reader that finds all 64 slots held waits for one in slices and looks
 * at them all again after each: a slot that comes free elsewhere is taken
 * at once, not after the one it first waited on. This process keeps 48;
 * 16 children hold read locks (the other slots) for seconds; a 17th
 * child wants a read lock; then this process gives one kept slot back. */
static void reader_waits_for_any_slot(void)
{
	enum { HOLDERS = SHMT_ULOCK_READER_SLOTS - SHMT_ULOCK_KEPT_SLOTS };
	shmt_ulock *l = shmt_ulock_new(SHMT_ULOCK_RWLOCK);
	shmt_atomic *held = shmt_atomic_new(0), *done = shmt_atomic_new(0);
	shmt_atomic *took_ms = shmt_atomic_new(-1);
	static shmt_ulock_hold kept[SHMT_ULOCK_KEPT_SLOTS];
	keep_every_slot(l, 1, kept);
	pid_t pids[HOLDERS + 1];
	for (int p = 0; p < HOLDERS; p++) {
		pids[p] = fork();
		if (pids[p] == 0) {
			shmt_ulock_hold hc = {0};
			int64_t out;
			/* Not LOCK_NB: the others take the gate meanwhile. */
			if (shmt_ulock_acquire(l, 1, 2000000000LL, &hc) != SHMT_ULOCK_OK ||
			    hc.kept_self != 0) {
				_exit(1);
			}
			shmt_atomic_add(held, 1, &out);
			for (int i = 0; i < 10000 && shmt_atomic_get(done) == 0; i++) {
				usleep(1000);
			}
			_exit(shmt_ulock_release(l, &hc) == 0 ? 0 : 3);
		}
	}
	for (int i = 0; i < 5000 && shmt_atomic_get(held) < HOLDERS; i++) {
		usleep(1000);
	}
	CHECK_I64(shmt_atomic_get(held), HOLDERS);
	pids[HOLDERS] = fork();
	if (pids[HOLDERS] == 0) {
		shmt_ulock_hold hc = {0};
		if (shmt_ulock_acquire(l, 1, 5000000000LL, &hc) != SHMT_ULOCK_OK) {
			_exit(1);
		}
		shmt_atomic_set(took_ms, (now_ns() / 1000000));
		_exit(shmt_ulock_release(l, &hc) == 0 ? 0 : 3);
	}
	shmt_ulock_stats st;
	for (int i = 0; i < 5000; i++) { /* until it waits */
		shmt_ulock_stats_get(l, &st);
		if (st.waiters >= 1) {
			break;
		}
		usleep(1000);
	}
	CHECK(st.waiters == 1);
	usleep(20000); /* well into its wait */
	int64_t freed_ms = now_ns() / 1000000;
	shmt_ulock_forget(l, &kept[SHMT_ULOCK_KEPT_SLOTS - 1]);
	CHECK(wait_exit(pids[HOLDERS]) == 0);
	int64_t took = shmt_atomic_get(took_ms);
	CHECK(took >= freed_ms);
	/* A slice is 5 ms; the holders hold for 10 s. */
	CHECK(took - freed_ms < 1000);
	shmt_atomic_set(done, 1);
	for (int p = 0; p < HOLDERS; p++) {
		CHECK(wait_exit(pids[p]) == 0);
	}
	check_idle(l);
	forget_every_slot(l, kept);
	shmt_ulock_free(l);
	shmt_atomic_free(held);
	shmt_atomic_free(done);
	shmt_atomic_free(took_ms);
}

/* What a process holds or keeps is recorded in its own memory, which a
 * child inherits; a descendant given a dead ancestor's pid must not take
 * the ancestor's record for its own. Made here by hand: the child's copy
 * names this process's kept slot with the child's pid but this process's
 * fork count. The child must take a slot of its own: the MUTEX's holder
 * is then the child. */
static void inherited_record_not_own(int type)
{
	shmt_ulock *l = shmt_ulock_new(type);
	shmt_ulock_hold h = {0};
	int shared = type == SHMT_ULOCK_RWLOCK;
	CHECK(shmt_ulock_acquire(l, shared, 0, &h) == SHMT_ULOCK_OK);
	CHECK(shmt_ulock_release(l, &h) == 0);
	CHECK(h.kept_self == shmt_os_self());
	shmt_atomic *ready = shmt_atomic_new(0);
	pid_t c = fork();
	if (c == 0) {
		shmt_ulock_hold hc = h;
		uint64_t me = shmt_os_self();
		hc.kept_self = (h.kept_self & ~(uint64_t)0xffffffffu) | (uint32_t)getpid();
		if (hc.kept_self == me) {
			_exit(2); /* the fork count did not change */
		}
		if (shmt_ulock_acquire(l, shared, 0, &hc) != SHMT_ULOCK_OK) {
			_exit(1);
		}
		shmt_atomic_set(ready, hc.slot == h.kept_slot ? 3 : 1);
		for (;;) {
			pause();
		}
	}
	if (!child_ready(ready, c)) {
		return;
	}
	CHECK_I64(shmt_atomic_get(ready), 1);
	shmt_ulock_stats st;
	shmt_ulock_stats_get(l, &st);
	if (shared) {
		CHECK_U64(st.readers, 1);
		CHECK(st.reader_pids[0] == c);
	} else {
		CHECK(st.holder == c);
	}
	kill(c, SIGKILL);
	CHECK(wait_exit(c) == 128 + SIGKILL);
	shmt_ulock_hold h2 = {0};
	CHECK(shmt_ulock_acquire(l, 0, 2000000000LL, &h2) == SHMT_ULOCK_OK);
	CHECK(h2.died == 1);
	CHECK(shmt_ulock_release(l, &h2) == 0);
	shmt_ulock_forget(l, &h);
	shmt_ulock_free(l);
	shmt_atomic_free(ready);
}


/* A writer dies holding an RWLOCK's write lock. The next writer asks with
 * LOCK_NB: it takes the dead gate over, then finds a reader's slot active
 * (a reader with a kept slot stopped between marking it and looking at the
 * gate) and answers false. The death it took over is not lost: the reader,
 * the next to get the lock, is told, and only it. */
static shmt_atomic *told_phase;
static void hook_pause_reader(int step)
{
	if (step == SHMT_STEP_ULOCK_READ_ACTIVE) {
		shmt_atomic_set(told_phase, 2);
		while (shmt_atomic_get(told_phase) != 3) {
			usleep(1000);
		}
	}
}

static void dead_writer_told_after_failed_try(int64_t timeout_ns)
{
	shmt_ulock *l = shmt_ulock_new(SHMT_ULOCK_RWLOCK);
	shmt_atomic *reader_died = shmt_atomic_new(-1);
	told_phase = shmt_atomic_new(0);
	pid_t r = fork();
	if (r == 0) {
		shmt_ulock_hold hr = {0};
		if (shmt_ulock_acquire(l, 1, -1, &hr) != SHMT_ULOCK_OK ||
		    shmt_ulock_release(l, &hr) != 0 || hr.kept_self == 0) {
			_exit(1);
		}
		shmt_atomic_set(told_phase, 5); /* its slot kept: now the writer */
		while (shmt_atomic_get(told_phase) != 1) {
			usleep(1000);
		}
		shmt_step_hook = hook_pause_reader;
		if (shmt_ulock_acquire(l, 1, 5000000000LL, &hr) != SHMT_ULOCK_OK) {
			_exit(2);
		}
		shmt_step_hook = NULL;
		shmt_atomic_set(reader_died, hr.died);
		_exit(shmt_ulock_release(l, &hr) == 0 ? 0 : 3);
	}
	while (shmt_atomic_get(told_phase) != 5) {
		usleep(1000);
	}
	pid_t w = fork();
	if (w == 0) {
		shmt_ulock_hold hw = {0};
		if (shmt_ulock_acquire(l, 0, 5000000000LL, &hw) != SHMT_ULOCK_OK) {
			_exit(1);
		}
		raise(SIGKILL);
	}
	CHECK(wait_exit(w) == 128 + SIGKILL);
	shmt_atomic_set(told_phase, 1);
	while (shmt_atomic_get(told_phase) != 2) {
		usleep(1000);
	}
	shmt_ulock_hold h = {0};
	CHECK(shmt_ulock_acquire(l, 0, timeout_ns, &h) == SHMT_ULOCK_BUSY);
	shmt_atomic_set(told_phase, 3);
	CHECK(wait_exit(r) == 0);
	CHECK_I64(shmt_atomic_get(reader_died), 1);
	CHECK(shmt_ulock_acquire(l, 0, 1000000000LL, &h) == SHMT_ULOCK_OK);
	CHECK(h.died == 0);
	CHECK(shmt_ulock_release(l, &h) == 0);
	shmt_ulock_stats st;
	shmt_ulock_stats_get(l, &st);
	CHECK_U64(st.owner_died, 1);
	check_idle(l);
	shmt_ulock_free(l);
	shmt_atomic_free(reader_died);
	shmt_atomic_free(told_phase);
}

/* Threads of one process keeping slots at once, in a process that has not
 * kept any yet (a new child): the count of kept slots stays exact, so
 * after each gives its slot back the process keeps one again. */
enum { BUDGET_THREADS = 8 };
static shmt_ulock *budget_locks[BUDGET_THREADS + 1];
static pthread_barrier_t budget_start, budget_end;
static void *budget_thread(void *arg)
{
	int i = (int)(intptr_t)arg;
	shmt_ulock_hold h = {0};
	pthread_barrier_wait(&budget_start);
	int ok = shmt_ulock_acquire(budget_locks[i], 0, 1000000000LL, &h) == SHMT_ULOCK_OK &&
	         shmt_ulock_release(budget_locks[i], &h) == 0 && h.kept_self != 0;
	pthread_barrier_wait(&budget_end);
	shmt_ulock_forget(budget_locks[i], &h); /* before the thread ends */
	return ok ? NULL : (void *)1;
}

static void budget_exact_with_threads(void)
{
	for (int i = 0; i <= BUDGET_THREADS; i++) {
		budget_locks[i] = shmt_ulock_new(SHMT_ULOCK_MUTEX);
	}
	int failed = 0;
	for (int run = 0; run < 300; run++) {
		pid_t c = fork();
		if (c == 0) {
			pthread_t t[BUDGET_THREADS];
			pthread_barrier_init(&budget_start, NULL, BUDGET_THREADS);
			pthread_barrier_init(&budget_end, NULL, BUDGET_THREADS);
			int bad = 0;
			for (int i = 0; i < BUDGET_THREADS; i++) {
				pthread_create(&t[i], NULL, budget_thread, (void *)(intptr_t)i);
			}
			for (int i = 0; i < BUDGET_THREADS; i++) {
				void *rv;
				pthread_join(t[i], &rv);
				bad += rv != NULL;
			}
			shmt_ulock_hold h = {0};
			shmt_ulock *last = budget_locks[BUDGET_THREADS];
			if (shmt_ulock_acquire(last, 0, 1000000000LL, &h) != SHMT_ULOCK_OK ||
			    shmt_ulock_release(last, &h) != 0) {
				bad++;
			}
			bad += h.kept_self == 0; /* the count went wrong */
			shmt_ulock_forget(last, &h);
			_exit(bad == 0 ? 0 : 1);
		}
		failed += wait_exit(c) != 0;
	}
	CHECK(failed == 0);
	for (int i = 0; i <= BUDGET_THREADS; i++) {
		check_idle(budget_locks[i]);
		shmt_ulock_free(budget_locks[i]);
	}
}

static void test_kills(void)
{
	/* Killed holding (after lock()): told. */
	kill_case(SHMT_ULOCK_MUTEX, DO_EX, 0, 0, 1);
	kill_case(SHMT_ULOCK_RWLOCK, DO_EX, 0, 0, 1);
	kill_case(SHMT_ULOCK_RWLOCK, DO_SH, 0, 0, 1);
	/* At the gate: it holds the gate, so it held the lock. */
	kill_case(SHMT_ULOCK_MUTEX, DO_EX, SHMT_STEP_ULOCK_GATE, 0, 1);
	kill_case(SHMT_ULOCK_RWLOCK, DO_EX, SHMT_STEP_ULOCK_GATE, 0, 1);
	/* A writer killed while it waits for a reader: holds the gate. */
	kill_case(SHMT_ULOCK_RWLOCK, DO_EX, SHMT_STEP_ULOCK_DRAIN, 1, 1);
	/* A reader taking its first slot does so holding the gate: a kill
	 * there is a dead gate holder (told), whatever the slot's state. */
	kill_case(SHMT_ULOCK_RWLOCK, DO_SH, SHMT_STEP_ULOCK_READ_SLOT, 0, 1);
	kill_case(SHMT_ULOCK_RWLOCK, DO_SH, SHMT_STEP_ULOCK_READ_BIT, 0, 1);
	/* In unlock, its slot no longer active: released, nobody told (the
	 * dead process's kept slot is freed by the next writer). */
	kill_case(SHMT_ULOCK_RWLOCK, DO_SH_UNLOCK, SHMT_STEP_ULOCK_UNLOCK_BIT, 0, 0);
	/* Killed after unlock, keeping its slot idle: nobody told. */
	kill_case(SHMT_ULOCK_RWLOCK, DO_SH_UNLOCK, 0, 0, 0);
	/* The second read lock, through the kept slot: marked active, the
	 * gate not yet looked at: counted as a holder (told). */
	kill_case(SHMT_ULOCK_RWLOCK, DO_SH2, SHMT_STEP_ULOCK_READ_ACTIVE, 0, 1);
	/* Killed holding the second read lock (kept slot): told. */
	kill_case(SHMT_ULOCK_RWLOCK, DO_SH2, 0, 0, 1);
	/* A writer waits for the kept slot's reader, who is killed: the
	 * writer is told within the drain slice. */
	kill_while_writer_waits();
	/* Giving a slot back (a reader beyond the kept ones, at unlock), its
	 * bits cleared, its lock word not yet released: nobody told. */
	kill_case(SHMT_ULOCK_RWLOCK, DO_SH_UNLOCK_NOT_KEPT, SHMT_STEP_ULOCK_GIVE_BACK, 0, 0);
	/* The same while the object is freed (shmt_ulock_forget()). */
	kill_case(SHMT_ULOCK_RWLOCK, DO_SH_FORGET, SHMT_STEP_ULOCK_GIVE_BACK, 0, 0);
	/* MUTEX: killed with a slot taken, the owner word not yet: nobody
	 * told. */
	kill_case(SHMT_ULOCK_MUTEX, DO_EX, SHMT_STEP_ULOCK_MUTEX_SLOT, 0, 0);
	/* Killed after unlock, keeping its slot: nobody told. */
	kill_case(SHMT_ULOCK_MUTEX, DO_EX_UNLOCK, 0, 0, 0);
	/* Killed in unlock giving back a slot not kept: nobody told. */
	kill_case(SHMT_ULOCK_MUTEX, DO_EX_UNLOCK_NOT_KEPT, SHMT_STEP_ULOCK_GIVE_BACK, 0, 0);
	kill_case(SHMT_ULOCK_MUTEX, DO_EX_UNLOCK_NOT_KEPT, 0, 0, 0);
	mutex_kill_while_waiting();
	mutex_kill_taking_over();
	mutex_kill_waiter();
	mutex_more_than_slots();
	many_locks_then_killed(SHMT_ULOCK_MUTEX);
	many_locks_then_killed(SHMT_ULOCK_RWLOCK);
	reader_waits_for_any_slot();
	inherited_record_not_own(SHMT_ULOCK_MUTEX);
	inherited_record_not_own(SHMT_ULOCK_RWLOCK);
	dead_writer_told_after_failed_try(0);
	dead_writer_told_after_failed_try(20000000LL);
	budget_exact_with_threads();
}

static void watchdog(int sig)
{
	(void)sig;
	fprintf(stderr, "test_sync: timed out\n");
	_exit(3);
}

/* A creator of a named Atomic or Lock killed at each step of making it:
 * an attach afterwards is told it was never finished (and does not hang),
 * the next creator makes it again and it works; killed after it is made
 * (step 0), the object is whole and keeps the first creator's value. */
static void named_create_kill_case(int kind, int step)
{
	char name[64], msg[512];
	snprintf(name, sizeof(name), "ut-sync-%d-%d-%d", (int)getpid(), kind, step);
	shmt_sync_unlink(name, NULL, 0);
	int type = kind == SHMT_SYNC_LOCK ? SHMT_ULOCK_RWLOCK : 0;
	pid_t c = fork();
	if (c == 0) {
		shmt_sync_named *n = NULL;
		kill_step = step;
		shmt_step_hook = hook_kill;
		if (shmt_sync_open(&n, name, kind, type, 7, 1, 0600, NULL, 0) != SHMT_OK) {
			_exit(1);
		}
		if (step != 0) {
			_exit(2); /* the step was never reached */
		}
		raise(SIGKILL); /* made, and mapped by a process that dies */
		_exit(2);
	}
	int status = 0;
	CHECK(waitpid(c, &status, 0) == c);
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
	shmt_sync_named *n = NULL;
	shmt_status st = shmt_sync_open(&n, name, kind, 0, 0, 0, 0600, msg, sizeof(msg));
	if (step != 0) {
		CHECK_ST(st, SHMT_E_NOENT);
		CHECK(strstr(msg, "never finished") != NULL);
		CHECK_ST(shmt_sync_open(&n, name, kind, type, 9, 1, 0600, msg, sizeof(msg)), SHMT_OK);
		CHECK(shmt_sync_created(n));
	} else {
		CHECK_ST(st, SHMT_OK);
		CHECK(!shmt_sync_created(n));
	}
	if (n == NULL) {
		return;
	}
	if (kind == SHMT_SYNC_ATOMIC) {
		int64_t out = 0;
		CHECK_I64(shmt_atomic_get(shmt_sync_atomic(n)), step != 0 ? 9 : 7);
		CHECK(shmt_atomic_add(shmt_sync_atomic(n), 1, &out) == 0);
		CHECK_I64(out, step != 0 ? 10 : 8);
	} else {
		shmt_ulock *l = shmt_sync_lock(n);
		shmt_ulock_hold h = {0};
		CHECK(shmt_ulock_type(l) == SHMT_ULOCK_RWLOCK);
		CHECK(shmt_ulock_acquire(l, 0, 0, &h) == SHMT_ULOCK_OK);
		CHECK(shmt_ulock_release(l, &h) == 0);
	}
	shmt_sync_close(n);
	CHECK_ST(shmt_sync_unlink(name, NULL, 0), SHMT_OK);
}

static void test_named_create_kills(void)
{
	static const int steps[] = {SHMT_STEP_SYNC_EMPTIED, SHMT_STEP_SYNC_SIZED,
	                            SHMT_STEP_SYNC_HEADER, SHMT_STEP_SYNC_WRITTEN, 0};
	for (size_t i = 0; i < sizeof(steps) / sizeof(steps[0]); i++) {
		named_create_kill_case(SHMT_SYNC_ATOMIC, steps[i]);
		named_create_kill_case(SHMT_SYNC_LOCK, steps[i]);
	}
}

int main(void)
{
	signal(SIGALRM, watchdog);
	alarm(300);
	test_atomic_basics();
	test_atomic_fork();
	test_lock_basics(SHMT_ULOCK_MUTEX);
	test_lock_basics(SHMT_ULOCK_RWLOCK);
	test_rwlock_fork();
	test_kills();
	test_named_create_kills();
	alarm(0);
	return unit_finish("test_sync");
}
