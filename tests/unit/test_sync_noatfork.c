/*
 * test_sync_noatfork.c - ShmTable\Lock when pthread_atfork() fails (ENOMEM):
 * the engine then caches neither the pid nor the process token (a forked
 * child would take itself for its parent) and asks the kernel each time.
 * Every lock must still be taken, released and taken again, in this process
 * and in a forked child, and a holder killed must still be found dead.
 */
#include "unit.h"
#include "shmt_sync.h"

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

int main(void)
{
	no_fork_handler(SHMT_ULOCK_MUTEX);
	no_fork_handler(SHMT_ULOCK_RWLOCK);
	return unit_finish("test_sync_noatfork");
}
