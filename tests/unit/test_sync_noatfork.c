/*
 * test_sync_noatfork.c - ShmTable\Lock and the table's stripe locks when
 * pthread_atfork() fails (ENOMEM): the engine then caches neither the pid
 * nor the process token (a forked child would take itself for its parent)
 * and asks the kernel each time, and a table keeps no lock slot between
 * writes (a child would take its parent's for its own). Every lock must
 * still be taken, released and taken again, in this process and in a
 * forked child, and a holder killed must still be found dead.
 */
#include "unit.h"
#include "shmt.h"
#include "shmt_sync.h"
#include "shmt_test.h"

#include <errno.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

/* The C library's pthread_atfork() (in libc_nonshared.a) is replaced. */
int pthread_atfork(void (*prepare)(void), void (*parent)(void), void (*child)(void))
{
	(void)prepare;
	(void)parent;
	(void)child;
	return ENOMEM;
}

static int cycle(shmt_ulock *l, int shared)
{
	shmt_ulock_hold h = {0};
	int ok = shmt_ulock_acquire(l, shared, 0, &h) == SHMT_ULOCK_OK && shmt_ulock_holds(&h) &&
	         shmt_ulock_release(l, &h) == 0 && !shmt_ulock_holds(&h) &&
	         shmt_ulock_acquire(l, shared, 0, &h) == SHMT_ULOCK_OK &&
	         shmt_ulock_release(l, &h) == 0;
	shmt_ulock_forget(l, &h);
	return ok;
}

static void no_fork_handler(int type)
{
	shmt_ulock *l = shmt_ulock_new(type);
	CHECK(l != NULL);
	CHECK(shmt_os_pid() == getpid());
	CHECK(shmt_os_pid_cache == 0); /* not cached */
	CHECK(shmt_os_self_cache == 0);
	CHECK(cycle(l, 0));
	if (type == SHMT_ULOCK_RWLOCK) {
		CHECK(cycle(l, 1));
	}
	/* A child: its own pid, its own lock; killed holding it, found dead. */
	shmt_ulock_hold h = {0};
	CHECK(shmt_ulock_acquire(l, 0, 0, &h) == SHMT_ULOCK_OK);
	pid_t c = fork();
	if (c == 0) {
		shmt_ulock_hold hc = h; /* the parent's, inherited */
		if (shmt_ulock_holds(&hc) || shmt_ulock_release(l, &hc) != -1 ||
		    shmt_os_pid() != getpid()) {
			_exit(1);
		}
		shmt_ulock_hold mine = {0};
		if (shmt_ulock_acquire(l, 0, 2000000000LL, &mine) != SHMT_ULOCK_OK) {
			_exit(2);
		}
		raise(SIGKILL);
	}
	usleep(20000);
	CHECK(shmt_ulock_release(l, &h) == 0);
	int st;
	CHECK(waitpid(c, &st, 0) == c);
	CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL);
	CHECK(shmt_ulock_acquire(l, 0, 2000000000LL, &h) == SHMT_ULOCK_OK);
	CHECK(h.died == 1);
	CHECK(shmt_ulock_release(l, &h) == 0);
	shmt_ulock_forget(l, &h);
	shmt_ulock_free(l);
}

static void die_at_incr_store(int step)
{
	if (step == SHMT_STEP_INCR_SEQ_ODD) {
		raise(SIGKILL);
	}
}

/* A table: writes take a slot each (none kept), in this process and in a
 * child; a child killed holding a stripe is found dead and the stripe
 * repaired; every increment that returned is counted. */
static void table_no_fork_handler(void)
{
	shmt_one_thread();
	shmt_coldef cols[] = {{.name = "n", .name_len = 1, .type = SHMT_TYPE_INT}};
	shmt_table *t = NULL;
	uint64_t asked;
	int bad;
	CHECK(shmt_create(&t, 64, 32, cols, 1, &asked, &bad) == SHMT_OK);
	if (t == NULL) {
		return;
	}
	int64_t r = 0;
	CHECK(shmt_incr_int(t, "k", 1, 0, 1, &r) == SHMT_OK && r == 1);
	CHECK(!shmt_test_slot_kept(t));
	enum { KIDS = 8, PER = 200 };
	pid_t kids[KIDS];
	for (int i = 0; i < KIDS; i++) {
		kids[i] = fork();
		if (kids[i] == 0) {
			alarm(30);
			for (int k = 0; k < PER; k++) {
				if (shmt_incr_int(t, "k", 1, 0, 1, &r) != SHMT_OK) {
					_exit(1);
				}
			}
			_exit(shmt_test_slot_kept(t) ? 2 : 0);
		}
	}
	for (int i = 0; i < KIDS; i++) {
		int st;
		CHECK(waitpid(kids[i], &st, 0) == kids[i] && WIFEXITED(st) && WEXITSTATUS(st) == 0);
	}
	CHECK(shmt_incr_int(t, "k", 1, 0, 0, &r) == SHMT_OK && r == 1 + KIDS * PER);
	shmt_stats s0, s1;
	shmt_get_stats(t, &s0);
	pid_t c = fork();
	if (c == 0) {
		shmt_step_hook = die_at_incr_store;
		shmt_incr_int(t, "k", 1, 0, 1, &r);
		_exit(3); /* not reached */
	}
	int st;
	CHECK(waitpid(c, &st, 0) == c && WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL);
	alarm(10);
	CHECK(shmt_incr_int(t, "k", 1, 0, 1, &r) == SHMT_OK);
	alarm(0);
	shmt_get_stats(t, &s1);
	CHECK(s1.lock_recoveries == s0.lock_recoveries + 1);
	/* The dead writer's increment is whole or absent, never torn. */
	CHECK(r == 2 + KIDS * PER || r == 3 + KIDS * PER);
	char msg[256];
	CHECK(shmt_check(t, msg, sizeof(msg)) == SHMT_OK);
	shmt_close(t);
}

int main(void)
{
	table_no_fork_handler();
	no_fork_handler(SHMT_ULOCK_MUTEX);
	no_fork_handler(SHMT_ULOCK_RWLOCK);
	return unit_finish("test_sync_noatfork");
}
