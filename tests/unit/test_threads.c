/*
 * test_threads.c - several threads of one process on one table, as in a
 * thread-safe (ZTS) PHP, where the threads of a server process share the
 * process's mapping of a named table. Every phase has exact expected totals:
 *
 *  1. one handle shared by 4 writer threads and 2 reader threads: each
 *     writer makes 200,000 increments on 10 shared counters and adds then
 *     deletes 200 keys of its own; the readers get the counters and iterate
 *     the table meanwhile, and a counter must never go backwards between
 *     two reads of one reader (of the whole row or of its number cell).
 *     The counters end at exactly 800,000, every writer's odd keys are
 *     there and its even ones are not.
 *  2. one named table, each thread with mappings of its own, while the
 *     main thread keeps one: 4 threads each open it, make 20,000
 *     increments and close it, 10 times over, so that mappings come and go
 *     while others write. Whether anybody maps a table is told by locks of
 *     open file descriptions (one per mapping), not of processes: every
 *     one of these opens must find the table in use (attached, not
 *     reopened: a reopen resets every lock, under the writers' feet). The
 *     counter ends at exactly 800,000.
 *
 * shmt_check() runs after every phase. A watchdog (alarm) fails the test
 * if anything hangs.
 */
#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include "unit.h"

#define WRITERS 4
#define READERS 2
#define HOT 10
#define INCRS 200000
#define OWN 200
#define ROUNDS 10
#define ROUND_INCRS 20000

static void watchdog(int sig)
{
	(void)sig;
	static const char msg[] = "test_threads: watchdog: timed out\n";
	ssize_t w = write(2, msg, sizeof msg - 1);
	(void)w;
	_exit(1);
}

/* A thread's own record of what went wrong (unit.h's counters are not
 * meant for threads); the main thread reports it. */
typedef struct {
	int id;
	shmt_table *t;
	const char *name;
	int errors;
	char first[600];
	volatile int *stop;
} worker;

/* Threads of a phase wait here until all are started. */
static pthread_barrier_t start_line;

static void worker_fail(worker *w, const char *what, shmt_status st)
{
	if (w->errors++ == 0) {
		snprintf(w->first, sizeof w->first, "thread %d: %s: %s", w->id, what,
		         shmt_status_message(st));
	}
}

static int hot_key(char *k, size_t cap, int i)
{
	return snprintf(k, cap, "hot%d", i);
}

static int own_key(char *k, size_t cap, int id, int n)
{
	return snprintf(k, cap, "w%d-%d", id, n);
}

/* ---- phase 1: one shared handle ---------------------------------------- */

static void *shared_writer(void *arg)
{
	worker *w = arg;
	pthread_barrier_wait(&start_line);
	char k[32];
	for (int n = 0; n < INCRS; n++) {
		int kl = hot_key(k, sizeof k, (n + w->id) % HOT);
		shmt_status st = shmt_incr_int(w->t, k, (size_t)kl, 0, 1, NULL);
		if (st != SHMT_OK) {
			worker_fail(w, "incr", st);
		}
		if (n % (INCRS / OWN) == 0) {
			int own = n / (INCRS / OWN);
			kl = own_key(k, sizeof k, w->id, own);
			shmt_value v = unit_vi(0, own);
			st = shmt_set(w->t, k, (size_t)kl, &v, 1, SHMT_INSERT_ONLY, NULL);
			if (st != SHMT_OK) {
				worker_fail(w, "add", st);
			}
			if (own % 2 == 0) {
				st = shmt_del(w->t, k, (size_t)kl, NULL, 0, NULL);
				if (st != SHMT_OK) {
					worker_fail(w, "del", st);
				}
			}
		}
	}
	return NULL;
}

static void *shared_reader(void *arg)
{
	worker *w = arg;
	pthread_barrier_wait(&start_line);
	int64_t last[HOT] = {0};
	size_t isz = shmt_image_size(w->t);
	size_t cap = isz * 64;
	unsigned char *img = malloc(isz);
	unsigned char *buf = malloc(cap);
	char k[32];
	if (img == NULL || buf == NULL) {
		worker_fail(w, "malloc", SHMT_E_NOMEM);
		free(img);
		free(buf);
		return NULL;
	}
	while (!__atomic_load_n(w->stop, __ATOMIC_ACQUIRE)) {
		for (int i = 0; i < HOT; i++) {
			int kl = hot_key(k, sizeof k, i);
			shmt_status st = shmt_get(w->t, k, (size_t)kl, img);
			if (st == SHMT_NOT_FOUND) {
				continue;
			}
			if (st != SHMT_OK) {
				worker_fail(w, "get", st);
				continue;
			}
			int64_t v = shmt_img_int(w->t, img, 0);
			if (v < last[i] && w->errors++ == 0) {
				snprintf(w->first, sizeof w->first,
				         "thread %d: hot%d went back from %" PRId64 " to %" PRId64,
				         w->id, i, last[i], v);
			}
			last[i] = v;
			/* The same counter as one number cell, no row image. */
			st = shmt_get_num(w->t, k, (size_t)kl, 0, &v);
			if (st != SHMT_OK) {
				worker_fail(w, "get_num", st);
				continue;
			}
			if (v < last[i] && w->errors++ == 0) {
				snprintf(w->first, sizeof w->first,
				         "thread %d: hot%d went back from %" PRId64 " to %" PRId64
				         " (get_num)", w->id, i, last[i], v);
			}
			last[i] = v;
		}
		uint32_t from = 0, nb = shmt_bucket_count(w->t);
		while (from < nb) {
			uint32_t nrows, next;
			size_t need;
			shmt_status st = shmt_snapshot_buckets(w->t, from, buf, cap, &nrows, &next, &need);
			if (st != SHMT_OK) {
				worker_fail(w, "snapshot", st);
				break;
			}
			from = next;
		}
	}
	free(img);
	free(buf);
	return NULL;
}

static void phase_shared(void)
{
	shmt_coldef cols[1] = {unit_col("n", SHMT_TYPE_INT, 0)};
	shmt_table *t;
	CHECK_ST(shmt_create(&t, HOT + WRITERS * OWN, 16, cols, 1, NULL, NULL), SHMT_OK);
	if (t == NULL) {
		return;
	}
	volatile int stop = 0;
	worker ws[WRITERS + READERS];
	pthread_t th[WRITERS + READERS];
	memset(ws, 0, sizeof ws);
	pthread_barrier_init(&start_line, NULL, WRITERS + READERS);
	for (int i = 0; i < WRITERS + READERS; i++) {
		ws[i].id = i;
		ws[i].t = t;
		ws[i].stop = &stop;
		CHECK(pthread_create(&th[i], NULL, i < WRITERS ? shared_writer : shared_reader,
		                     &ws[i]) == 0);
	}
	for (int i = 0; i < WRITERS; i++) {
		pthread_join(th[i], NULL);
	}
	__atomic_store_n(&stop, 1, __ATOMIC_RELEASE);
	for (int i = WRITERS; i < WRITERS + READERS; i++) {
		pthread_join(th[i], NULL);
	}
	pthread_barrier_destroy(&start_line);
	for (int i = 0; i < WRITERS + READERS; i++) {
		if (ws[i].errors) {
			UNIT_FAIL("phase 1: %d errors; first: %s", ws[i].errors, ws[i].first);
		}
	}

	unsigned char *img = malloc(shmt_image_size(t));
	char k[32];
	int64_t total = 0;
	for (int i = 0; i < HOT && img != NULL; i++) {
		int kl = hot_key(k, sizeof k, i);
		CHECK_ST(shmt_get(t, k, (size_t)kl, img), SHMT_OK);
		total += shmt_img_int(t, img, 0);
	}
	CHECK_I64(total, (int64_t)WRITERS * INCRS);
	for (int id = 0; id < WRITERS; id++) {
		for (int n = 0; n < OWN; n++) {
			int kl = own_key(k, sizeof k, id, n);
			CHECK_ST(shmt_exists(t, k, (size_t)kl), n % 2 ? SHMT_OK : SHMT_NOT_FOUND);
		}
	}
	CHECK_U64(shmt_count(t), HOT + WRITERS * OWN / 2);
	CHECK_TABLE(t);
	free(img);
	shmt_close(t);
}

/* ---- phase 2: a mapping per thread, opened and closed while others write */

static void *own_mapping(void *arg)
{
	worker *w = arg;
	pthread_barrier_wait(&start_line);
	shmt_open_args a;
	memset(&a, 0, sizeof a);
	a.name = w->name;
	a.create = 0;
	char msg[512];
	for (int r = 0; r < ROUNDS; r++) {
		shmt_table *t;
		shmt_status st = shmt_open(&t, &a, NULL, msg, sizeof msg);
		if (st != SHMT_OK) {
			if (w->errors++ == 0) {
				snprintf(w->first, sizeof w->first, "thread %d: open: %s", w->id, msg);
			}
			continue;
		}
		if (shmt_opened_how(t) != SHMT_OPENED_ATTACHED && w->errors++ == 0) {
			snprintf(w->first, sizeof w->first,
			         "thread %d: opened as %d, not attached, while mapped", w->id,
			         (int)shmt_opened_how(t));
		}
		for (int n = 0; n < ROUND_INCRS; n++) {
			st = shmt_incr_int(t, "c", 1, 0, 1, NULL);
			if (st != SHMT_OK) {
				worker_fail(w, "incr", st);
			}
		}
		shmt_close(t);
	}
	return NULL;
}

static void phase_own_mappings(void)
{
	char name[64];
	snprintf(name, sizeof name, "unit-threads-%ld", (long)getpid());
	char msg[512];
	shmt_unlink(name, msg, sizeof msg);
	shmt_coldef cols[1] = {unit_col("n", SHMT_TYPE_INT, 0)};
	shmt_open_args a;
	memset(&a, 0, sizeof a);
	a.name = name;
	a.mode = 0600;
	a.create = 1;
	a.size = 8;
	a.key_max = 8;
	a.cols = cols;
	a.ncols = 1;
	shmt_table *t;
	shmt_status st = shmt_open(&t, &a, NULL, msg, sizeof msg);
	CHECK_ST(st, SHMT_OK);
	if (st != SHMT_OK) {
		fprintf(stderr, "phase 2: %s\n", msg);
		return;
	}

	worker ws[WRITERS];
	pthread_t th[WRITERS];
	memset(ws, 0, sizeof ws);
	pthread_barrier_init(&start_line, NULL, WRITERS);
	for (int i = 0; i < WRITERS; i++) {
		ws[i].id = i;
		ws[i].name = name;
		CHECK(pthread_create(&th[i], NULL, own_mapping, &ws[i]) == 0);
	}
	for (int i = 0; i < WRITERS; i++) {
		pthread_join(th[i], NULL);
		if (ws[i].errors) {
			UNIT_FAIL("phase 2: %d errors; first: %s", ws[i].errors, ws[i].first);
		}
	}
	pthread_barrier_destroy(&start_line);

	unsigned char *img = malloc(shmt_image_size(t));
	if (img != NULL) {
		CHECK_ST(shmt_get(t, "c", 1, img), SHMT_OK);
		CHECK_I64(shmt_img_int(t, img, 0), (int64_t)WRITERS * ROUNDS * ROUND_INCRS);
	}
	free(img);
	CHECK_TABLE(t);
	shmt_close(t);
	CHECK_ST(shmt_unlink(name, msg, sizeof msg), SHMT_OK);
}

int main(void)
{
	signal(SIGALRM, watchdog);
	alarm(300);
	phase_shared();
	phase_own_mappings();
	return unit_finish("test_threads");
}
