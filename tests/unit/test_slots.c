/*
 * test_slots.c - the records of kept stripe-lock slots that outlive their
 * keeper: a handle inherited through fork() from a keeper that then died,
 * and a keeper thread that exited. In each, a lock that takes the slot the
 * stale record names must give it back at unlock (else the next write
 * waits for a slot for ever, or the table is unmapped with the mutex still
 * on the thread's robust list); another thread must be able to keep a slot
 * in the handle; and the process's count of kept robust mutexes must come
 * back when a keeper thread exits, also when another process has taken
 * its slot back since.
 */
#include "unit.h"
#include "shmt_test.h"

#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

/* One int column; size 32 gives 2 stripes, hence 2 lock slots, 1 keepable. */
static shmt_table *mk(uint32_t size)
{
	shmt_coldef c;
	memset(&c, 0, sizeof(c));
	strcpy(c.name, "n");
	c.name_len = 1;
	c.type = SHMT_TYPE_INT;
	shmt_table *t = NULL;
	uint64_t asked;
	int bad;
	if (shmt_create(&t, size, 16, &c, 1, &asked, &bad) != SHMT_OK) {
		fprintf(stderr, "shmt_create failed\n");
		exit(2);
	}
	return t;
}

static int incr(shmt_table *t, const char *k)
{
	int64_t r;
	return shmt_incr_int(t, k, strlen(k), 0, 1, &r) == SHMT_OK;
}

/* Wait up to ms for pid; 1 if it exited with status 0. Killed otherwise. */
static int finished_ok(pid_t pid, int ms)
{
	int st;
	for (int i = 0; i < ms / 10; i++) {
		if (waitpid(pid, &st, WNOHANG) == pid) {
			return WIFEXITED(st) && WEXITSTATUS(st) == 0;
		}
		usleep(10000);
	}
	kill(pid, SIGKILL);
	waitpid(pid, &st, 0);
	return 0;
}

/* P keeps a slot, forks C (which inherits P's record of it) and is killed.
 * K writes: it takes P's slot back (every keepable slot was marked) and
 * keeps the other. C then writes with P's former slot, for that lock only:
 * the write must give it back, so that C's next write (or, with `close`,
 * a write to another table after C closed this one) goes through. */
static void inherited_record(int close_it)
{
	shmt_table *t = mk(32);
	int cpid[2], go[2], kdone[2];
	CHECK(pipe(cpid) == 0 && pipe(go) == 0 && pipe(kdone) == 0);
	pid_t p = fork();
	if (p == 0) {
		if (!incr(t, "a") || !shmt_test_slot_kept(t)) {
			_exit(1);
		}
		pid_t c = fork();
		if (c == 0) {
			alarm(20);
			char x;
			if (read(go[0], &x, 1) != 1 || !incr(t, "b")) {
				_exit(1);
			}
			if (close_it) {
				shmt_close(t);
				shmt_table *t2 = mk(100000); /* mapped elsewhere */
				_exit(incr(t2, "z") ? 0 : 2);
			}
			_exit(incr(t, "c") && incr(t, "d") ? 0 : 3);
		}
		if (write(cpid[1], &c, sizeof(c)) != sizeof(c)) {
			_exit(1);
		}
		pause();
		_exit(0);
	}
	pid_t c;
	CHECK(read(cpid[0], &c, sizeof(c)) == sizeof(c));
	kill(p, SIGKILL);
	waitpid(p, NULL, 0);
	pid_t k = fork();
	if (k == 0) {
		alarm(20);
		if (!incr(t, "k") || !shmt_test_slot_kept(t) || write(kdone[1], "x", 1) != 1) {
			_exit(1);
		}
		pause();
		_exit(0);
	}
	char x;
	CHECK(read(kdone[0], &x, 1) == 1);
	CHECK(write(go[1], "x", 1) == 1);
	CHECK(finished_ok(c, 5000));
	/* A process of no keeper's line writes too. */
	pid_t d = fork();
	if (d == 0) {
		alarm(20);
		_exit(incr(t, "e") ? 0 : 1);
	}
	CHECK(finished_ok(d, 5000));
	kill(k, SIGKILL);
	waitpid(k, NULL, 0);
	char msg[256];
	CHECK(shmt_check(t, msg, sizeof(msg)) == SHMT_OK);
	shmt_close(t);
	for (int i = 0; i < 2; i++) {
		close(cpid[i]);
		close(go[i]);
		close(kdone[i]);
	}
}

static shmt_table *g_t;
static int g_kept;
static volatile int g_done;

static void *keeper_thread(void *arg)
{
	(void)arg;
	g_kept = incr(g_t, "a") && shmt_test_slot_kept(g_t);
	return NULL;
}

static void *second_thread(void *arg)
{
	(void)arg;
	g_done = incr(g_t, "b") && incr(g_t, "c") && incr(g_t, "d");
	return NULL;
}

/* Thread A keeps a slot and exits; process K takes it back and keeps the
 * other; thread B takes A's former slot for one lock at a time: its writes
 * must all go through. */
static void exited_thread_record(void)
{
	g_t = mk(32);
	int go[2], kdone[2];
	CHECK(pipe(go) == 0 && pipe(kdone) == 0);
	pid_t k = fork();
	if (k == 0) {
		alarm(20);
		char x;
		if (read(go[0], &x, 1) != 1 || !incr(g_t, "k") || !shmt_test_slot_kept(g_t) ||
		    write(kdone[1], "x", 1) != 1) {
			_exit(1);
		}
		pause();
		_exit(0);
	}
	pthread_t a, b;
	CHECK(pthread_create(&a, NULL, keeper_thread, NULL) == 0 && pthread_join(a, NULL) == 0);
	CHECK(g_kept);
	CHECK(write(go[1], "x", 1) == 1);
	char x;
	CHECK(read(kdone[0], &x, 1) == 1);
	g_done = 0;
	CHECK(pthread_create(&b, NULL, second_thread, NULL) == 0);
	for (int i = 0; i < 500 && !g_done; i++) {
		usleep(10000);
	}
	CHECK(g_done);
	kill(k, SIGKILL);
	waitpid(k, NULL, 0);
	if (g_done) {
		pthread_join(b, NULL);
		shmt_close(g_t);
	} /* else B is stuck holding the table: left mapped */
	for (int i = 0; i < 2; i++) {
		close(go[i]);
		close(kdone[i]);
	}
}

static int g_kept_by[8];

static void *writer_thread(void *arg)
{
	long i = (long)arg;
	for (int n = 0; n < 200; n++) {
		char k[16];
		snprintf(k, sizeof(k), "k%d", n);
		incr(g_t, k);
	}
	g_kept_by[i] = shmt_test_slot_kept(g_t);
	return NULL;
}

/* Threads one after another on one handle (64 slots): each keeps a slot,
 * the keeper before it having exited. */
static void threads_in_turn_keep(void)
{
	g_t = mk(1024);
	for (long i = 0; i < 8; i++) {
		pthread_t th;
		CHECK(pthread_create(&th, NULL, writer_thread, (void *)i) == 0 &&
		      pthread_join(th, NULL) == 0);
		CHECK(g_kept_by[i]);
	}
	shmt_close(g_t);
}

/* 300 tables, each written by a thread that exits, then closed: the
 * process's count of kept robust mutexes (at most 256) comes back each
 * time, so every thread keeps a slot. */
static void *one_write(void *arg)
{
	(void)arg;
	g_kept = incr(g_t, "a") && shmt_test_slot_kept(g_t);
	return NULL;
}

static void keep_count_comes_back(void)
{
	int kept = 0;
	for (int i = 0; i < 300; i++) {
		g_t = mk(1024);
		pthread_t th;
		g_kept = 0;
		CHECK(pthread_create(&th, NULL, one_write, NULL) == 0 && pthread_join(th, NULL) == 0);
		kept += g_kept;
		shmt_close(g_t);
	}
	CHECK_I64(kept, 300);
}

static int maps_lines(void)
{
	FILE *f = fopen("/proc/self/maps", "r");
	int n = 0;
	char line[512];
	while (f != NULL && fgets(line, sizeof(line), f) != NULL) {
		n++;
	}
	if (f != NULL) {
		fclose(f);
	}
	return n;
}

/* A thread keeps a slot and exits; another process takes that slot back
 * (every keepable slot was marked) and gives it back; then this process
 * closes the table. 300 times: the record is found stale (its slot's
 * mutex is free), so each table is unmapped and the kept count comes back:
 * a new thread still keeps a slot. */
static void record_of_exited_thread_retaken(void)
{
	int m0 = maps_lines(), kept = 0, k_kept = 0;
	for (int i = 0; i < 300; i++) {
		g_t = mk(32);
		pthread_t th;
		g_kept = 0;
		CHECK(pthread_create(&th, NULL, one_write, NULL) == 0 && pthread_join(th, NULL) == 0);
		kept += g_kept;
		pid_t k = fork();
		if (k == 0) {
			alarm(20);
			_exit(incr(g_t, "k") && shmt_test_slot_kept(g_t) ? 0 : 1);
		}
		k_kept += finished_ok(k, 5000);
		shmt_close(g_t);
	}
	CHECK_I64(kept, 300);
	CHECK_I64(k_kept, 300);
	CHECK(maps_lines() < m0 + 20); /* 300 tables unmapped, not left */
	g_t = mk(1024);
	pthread_t th;
	g_kept = 0;
	CHECK(pthread_create(&th, NULL, one_write, NULL) == 0 && pthread_join(th, NULL) == 0);
	CHECK(g_kept);
	shmt_close(g_t);
}

int main(void)
{
	prctl(PR_SET_CHILD_SUBREAPER, 1); /* grandchildren are reaped here */
	alarm(120);
	inherited_record(0);
	inherited_record(1);
	exited_thread_record();
	threads_in_turn_keep();
	keep_count_comes_back();
	record_of_exited_thread_retaken();
	return unit_finish("test_slots");
}
