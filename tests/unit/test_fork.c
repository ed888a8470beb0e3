/*
 * test_fork.c - several processes on one table, forked after create(), as
 * in a pre-fork server. Every phase has exact expected totals:
 *
 *  1. counters: 4 workers each make 50,000 integer and 50,000 float
 *     increments on 10 shared hot keys, while inserting and deleting keys of
 *     their own; no update may be lost, no own key disturbed.
 *  2. torn reads: 2 writers replace, delete and re-add rows whose columns
 *     are tied to each other, while 2 readers get and iterate; a reader must
 *     never see a row mixing two writes, nor a key twice in one iteration,
 *     and untouched rows are seen exactly once per iteration and read
 *     with their own number cells every time. Once with small rows, once
 *     with 32 KiB strings (long copies, recycled rows).
 *  3. capacity race: 4 workers add distinct keys until the table is full;
 *     together they get exactly `size` rows in.
 *  4. add/delete churn on 8 keys in a 4-row table: per key, successful adds
 *     minus successful deletes over all workers equals its final presence.
 *  5. compare-and-set: 4 workers each make 5,000 successful read/cmpset
 *     increments of one counter; the counter ends at exactly 20,000.
 *  6. a sequence counter that comes round: a reader of one 16 KiB row is
 *     stopped at random moments, often in the middle of its copy; the row
 *     is written twice (rebuilding the very row it was copying) and the
 *     stripe's counter moved on as by 2^31 writes in all, which would bring
 *     a 32-bit counter back to the value the reader saw; every row the
 *     reader accepts must be whole.
 *  7. a writer killed with its stripe's counter odd: the next read of a
 *     number cell (shmt_get_num()) takes the dead owner's lock over,
 *     repairs, and answers with the stored value.
 *
 * A watchdog (alarm) kills the workers and fails the test if anything
 * hangs. shmt_check() runs after every phase.
 */
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "unit.h"

#define MAX_KIDS 8
static pid_t kids[MAX_KIDS];
static const char *kid_role[MAX_KIDS];
static int kid_id[MAX_KIDS];
static int nkids;
static const char *phase = "setup";

static void watchdog(int sig)
{
	(void)sig;
	for (int i = 0; i < nkids; i++) {
		if (kids[i] > 0) {
			kill(kids[i], SIGKILL);
		}
	}
	static const char msg[] = "test_fork: watchdog: timed out; workers killed\n";
	ssize_t w = write(2, msg, sizeof msg - 1);
	(void)w;
	_exit(1);
}

typedef int (*worker_fn)(shmt_table *t, int id, void *arg);

/* Workers wait until this shared word reaches the generation they were
 * forked in, so that they all start together instead of one by one as they
 * are forked. */
static volatile uint32_t *start_flag;
static uint32_t generation;

static void release_workers(void)
{
	__atomic_store_n(start_flag, generation, __ATOMIC_RELEASE);
}

/* Starts n workers (appended to kids[]); they wait for release_workers(). */
static void spawn(shmt_table *t, int n, worker_fn fn, void *arg, const char *role)
{
	uint32_t gen = ++generation;
	for (int i = 0; i < n; i++) {
		fflush(NULL);
		pid_t pid = fork();
		if (pid < 0) {
			perror("fork");
			exit(1);
		}
		if (pid == 0) {
			/* The parent's watchdog is not ours: a stuck worker just dies. */
			signal(SIGALRM, SIG_DFL);
			alarm(120);
			while (__atomic_load_n(start_flag, __ATOMIC_ACQUIRE) < gen) {
				sched_yield();
			}
			_exit(fn(t, i, arg));
		}
		kid_role[nkids] = role;
		kid_id[nkids] = i;
		kids[nkids++] = pid;
	}
}

/* Waits for every worker started since `from`; counts failures. */
static void wait_kids(int from)
{
	for (int i = from; i < nkids; i++) {
		int status = 0;
		if (waitpid(kids[i], &status, 0) < 0) {
			UNIT_FAIL("%s: waitpid: %s", phase, strerror(errno));
			continue;
		}
		unit_checks++;
		if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
			UNIT_FAIL("%s: %s %d %s %d", phase, kid_role[i], kid_id[i],
			          WIFEXITED(status) ? "exited with" : "killed by signal",
			          WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status));
		}
		kids[i] = 0;
	}
	nkids = from;
}

static void *shared_alloc(size_t bytes)
{
	void *p = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED) {
		perror("mmap");
		exit(1);
	}
	return p;
}

static shmt_table *mk(uint32_t size, const shmt_coldef *cols, uint32_t ncols)
{
	shmt_table *t = NULL;
	uint64_t asked;
	int bad;
	shmt_status st = shmt_create(&t, size, 63, cols, ncols, &asked, &bad);
	if (st != SHMT_OK) {
		fprintf(stderr, "shmt_create: %s\n", unit_status_name(st));
		exit(1);
	}
	return t;
}

/* Reports a failure inside a worker and makes it exit 1. */
#define WFAIL(...)                                                      \
	do {                                                                \
		fprintf(stderr, "%s: worker %d (pid %d): ", phase, id, (int)getpid()); \
		fprintf(stderr, __VA_ARGS__);                                   \
		fputc('\n', stderr);                                            \
		return 1;                                                       \
	} while (0)

/* ---- phase 1: counters ---- */

enum { P1_HITS, P1_TOTAL, P1_OWNER, P1_PAYLOAD };
#define P1_WORKERS 4
#define P1_ITERS 50000
#define P1_HOT 10
#define P1_OWN_EVERY 25 /* an own key every 25 iterations: 2000 keys */

static int p1_key(char *buf, int id, int k)
{
	return snprintf(buf, 32, "w%d-own-%d", id, k);
}

static int p1_payload(char *buf, int id, int k)
{
	return snprintf(buf, 33, "payload of %d/%d", id, k);
}

static int p1_worker(shmt_table *t, int id, void *arg)
{
	(void)arg;
	void *img = calloc(1, shmt_image_size(t));
	for (int i = 0; i < P1_ITERS; i++) {
		char key[32];
		int kl = snprintf(key, sizeof key, "hot%d", i % P1_HOT);
		int64_t r;
		double f;
		shmt_status st = shmt_incr_int(t, key, (size_t)kl, P1_HITS, (i % 3) + 1, &r);
		if (st != SHMT_OK) {
			WFAIL("incr_int %s: %s", key, unit_status_name(st));
		}
		st = shmt_incr_float(t, key, (size_t)kl, P1_TOTAL, 0.25, &f);
		if (st != SHMT_OK) {
			WFAIL("incr_float %s: %s", key, unit_status_name(st));
		}
		if (i % P1_OWN_EVERY == 0) {
			int k = i / P1_OWN_EVERY;
			char pay[33];
			kl = p1_key(key, id, k);
			int pl = p1_payload(pay, id, k);
			shmt_value v[2] = { unit_vi(P1_OWNER, id), unit_vs(P1_PAYLOAD, pay, (uint32_t)pl) };
			bool ins = false;
			st = shmt_set(t, key, (size_t)kl, v, 2, SHMT_INSERT_ONLY, &ins);
			if (st != SHMT_OK || !ins) {
				WFAIL("add %s: %s", key, unit_status_name(st));
			}
			st = shmt_get(t, key, (size_t)kl, img);
			uint32_t sl = 0;
			const char *s = st == SHMT_OK ? shmt_img_str(t, img, P1_PAYLOAD, &sl) : NULL;
			if (st != SHMT_OK || shmt_img_int(t, img, P1_OWNER) != id ||
			    sl != (uint32_t)pl || memcmp(s, pay, sl) != 0) {
				WFAIL("%s does not read back: %s", key, unit_status_name(st));
			}
			if (k % 3 == 2) {
				kl = p1_key(key, id, k - 1);
				st = shmt_del(t, key, (size_t)kl, NULL, 0, NULL);
				if (st != SHMT_OK) {
					WFAIL("del %s: %s", key, unit_status_name(st));
				}
			}
		}
	}
	free(img);
	return 0;
}

static void phase_counters(void)
{
	phase = "counters";
	shmt_coldef cols[4] = {
		unit_col("hits", SHMT_TYPE_INT, 0), unit_col("total", SHMT_TYPE_FLOAT, 0),
		unit_col("owner", SHMT_TYPE_INT, 0), unit_col("payload", SHMT_TYPE_STRING, 32),
	};
	shmt_table *t = mk(16384, cols, 4);
	double t0 = unit_now();
	spawn(t, P1_WORKERS, p1_worker, NULL, "worker");
	release_workers();
	wait_kids(0);

	/* Hot keys: every increment counted. */
	int64_t want_hits[P1_HOT] = {0};
	for (int i = 0; i < P1_ITERS; i++) {
		want_hits[i % P1_HOT] += (i % 3) + 1;
	}
	void *img = calloc(1, shmt_image_size(t));
	for (int h = 0; h < P1_HOT; h++) {
		char key[16];
		int kl = snprintf(key, sizeof key, "hot%d", h);
		CHECK_ST(shmt_get(t, key, (size_t)kl, img), SHMT_OK);
		CHECK_I64(shmt_img_int(t, img, P1_HITS), P1_WORKERS * want_hits[h]);
		double tot = shmt_img_float(t, img, P1_TOTAL);
		double want = P1_WORKERS * (P1_ITERS / P1_HOT) * 0.25;
		if (tot != want) {
			UNIT_FAIL("counters: %s total is %.17g, expected %.17g", key, tot, want);
		}
		unit_checks++;
	}

	/* Own keys: k % 3 == 1 were deleted when k + 1 went in (so not the
	 * last one if it is such a k); the rest are intact. */
	int nown = P1_ITERS / P1_OWN_EVERY;
	uint64_t present = 0, deleted = 0;
	for (int id = 0; id < P1_WORKERS; id++) {
		for (int k = 0; k < nown; k++) {
			char key[32], pay[33];
			int kl = p1_key(key, id, k);
			int pl = p1_payload(pay, id, k);
			shmt_status st = shmt_get(t, key, (size_t)kl, img);
			if (k % 3 == 1 && k + 1 < nown) {
				deleted++;
				if (st != SHMT_NOT_FOUND) {
					UNIT_FAIL("counters: deleted key %s is %s", key, unit_status_name(st));
				}
				continue;
			}
			present++;
			uint32_t sl = 0;
			const char *s = st == SHMT_OK ? shmt_img_str(t, img, P1_PAYLOAD, &sl) : "";
			if (st != SHMT_OK || shmt_img_int(t, img, P1_OWNER) != id || sl != (uint32_t)pl ||
			    memcmp(s, pay, sl) != 0 || shmt_img_int(t, img, P1_HITS) != 0) {
				UNIT_FAIL("counters: key %s: %s or wrong contents", key, unit_status_name(st));
			}
		}
	}
	unit_checks++;
	CHECK_U64(shmt_count(t), P1_HOT + present);
	shmt_stats s;
	shmt_get_stats(t, &s);
	CHECK_U64(s.rows, P1_HOT + present);
	CHECK_U64(s.insert_count, P1_HOT + (uint64_t)P1_WORKERS * nown);
	CHECK_U64(s.delete_count, deleted);
	CHECK_U64(s.lock_recoveries, 0);
	CHECK_TABLE(t);
	printf("  counters: %d workers x %d int + %d float increments, %" PRIu64
	       " own rows: %.2f s\n",
	       P1_WORKERS, P1_ITERS, P1_ITERS, present, unit_now() - t0);
	free(img);
	shmt_close(t);
}

/* ---- phase 2: no torn reads ---- */

enum { P2_A, P2_B, P2_F, P2_S };
#define P2_FLIP 16
#define P2_STABLE 8

/* Run twice: small rows and many writes, then 32 KiB strings so that
 * readers copy long rows while writers recycle them. */
static uint32_t p2_ssize; /* the string column's size */
static int p2_writer_ops;

/* The columns of a row written with value v are all functions of v. */
static uint32_t p2_str(char *buf, int64_t v)
{
	uint32_t len = (uint32_t)((uint64_t)v % (p2_ssize + 1));
	for (uint32_t i = 0; i < len; i++) {
		buf[i] = (char)('a' + (uint64_t)(v + i) % 26);
	}
	return len;
}

static char *p2_want; /* scratch of p2_ssize bytes, per process */

static int p2_consistent(shmt_table *t, const void *img, int64_t *vout)
{
	char *want = p2_want;
	int64_t a = shmt_img_int(t, img, P2_A);
	int64_t b = shmt_img_int(t, img, P2_B);
	double f = shmt_img_float(t, img, P2_F);
	uint32_t sl = 0;
	const char *s = shmt_img_str(t, img, P2_S, &sl);
	uint32_t wl = p2_str(want, a);
	*vout = a;
	return b == ~a && f == (double)a && sl == wl && memcmp(s, want, sl) == 0;
}

static volatile uint32_t *p2_done; /* shared flag: writers finished */

static int p2_writer(shmt_table *t, int id, void *arg)
{
	(void)arg;
	unit_rng r;
	unit_rng_seed(&r, 1000 + (uint64_t)id);
	char *s = malloc(p2_ssize);
	for (int i = 0; i < p2_writer_ops; i++) {
		char key[16];
		int kl = snprintf(key, sizeof key, "flip%d", (int)unit_below(&r, P2_FLIP));
		int64_t v = (int64_t)(unit_rand64(&r) >> 33);
		uint32_t sl = p2_str(s, v);
		shmt_value vals[4] = { unit_vi(P2_A, v), unit_vi(P2_B, ~v), unit_vf(P2_F, (double)v),
			                   unit_vs(P2_S, s, sl) };
		uint64_t what = unit_below(&r, 10);
		shmt_status st;
		if (what < 6) {
			st = shmt_set(t, key, (size_t)kl, vals, 4, SHMT_UPSERT, NULL);
			if (st != SHMT_OK) {
				WFAIL("set %s: %s", key, unit_status_name(st));
			}
		} else if (what < 8) {
			st = shmt_del(t, key, (size_t)kl, NULL, 0, NULL);
			if (st != SHMT_OK && st != SHMT_NOT_FOUND) {
				WFAIL("del %s: %s", key, unit_status_name(st));
			}
		} else {
			st = shmt_set(t, key, (size_t)kl, vals, 4, SHMT_INSERT_ONLY, NULL);
			if (st != SHMT_OK && st != SHMT_EXISTS) {
				WFAIL("add %s: %s", key, unit_status_name(st));
			}
		}
	}
	free(s);
	return 0;
}

static int p2_reader(shmt_table *t, int id, void *arg)
{
	(void)arg;
	unit_rng r;
	unit_rng_seed(&r, 2000 + (uint64_t)id);
	size_t isz = shmt_image_size(t);
	void *img = calloc(1, isz);
	size_t cap = isz * 4;
	unsigned char *buf = malloc(cap);
	uint64_t reads = 0, hits = 0, iterations = 0;
	uint32_t nb = shmt_bucket_count(t);
	while (!__atomic_load_n(p2_done, __ATOMIC_ACQUIRE) || iterations < 3) {
		for (int j = 0; j < 200; j++) {
			char key[16];
			int kl = snprintf(key, sizeof key, "flip%d", (int)unit_below(&r, P2_FLIP));
			shmt_status st = shmt_get(t, key, (size_t)kl, img);
			int64_t v;
			reads++;
			if (st == SHMT_OK) {
				hits++;
				uint32_t gkl;
				const char *gk = shmt_img_key(t, img, &gkl);
				if (gkl != (uint32_t)kl || memcmp(gk, key, gkl) != 0) {
					WFAIL("get %s returned another key", key);
				}
				if (!p2_consistent(t, img, &v)) {
					WFAIL("get %s: torn row (a = %" PRId64 ")", key, v);
				}
			} else if (st != SHMT_NOT_FOUND) {
				WFAIL("get %s: %s", key, unit_status_name(st));
			}
			/* A row nobody writes, in chains that writers change
			 * under the read: its number cells are always there and
			 * always its own. */
			int n = (int)unit_below(&r, P2_STABLE);
			kl = snprintf(key, sizeof key, "stable%d", n);
			int64_t a = 0, b = 0;
			if ((st = shmt_get_num(t, key, (size_t)kl, P2_A, &a)) != SHMT_OK ||
			    (st = shmt_get_num(t, key, (size_t)kl, P2_B, &b)) != SHMT_OK) {
				WFAIL("get_num %s: %s", key, unit_status_name(st));
			} else if (a != 1000 + n || b != ~a) {
				WFAIL("get_num %s: a = %" PRId64 ", b = %" PRId64, key, a, b);
			}
		}
		/* A full iteration. */
		uint32_t seen_flip[P2_FLIP] = {0}, seen_stable[P2_STABLE] = {0};
		for (uint32_t b = 0; b < nb; b++) {
			uint32_t nrows = 0;
			size_t need = 0;
			shmt_status st = shmt_snapshot_bucket(t, b, buf, cap, &nrows, &need);
			if (st == SHMT_E_BUFFER) {
				cap = need;
				buf = realloc(buf, cap);
				b--;
				continue;
			}
			if (st != SHMT_OK) {
				WFAIL("snapshot of bucket %u: %s", b, unit_status_name(st));
			}
			for (uint32_t i = 0; i < nrows; i++) {
				const unsigned char *row = buf + (size_t)i * isz;
				uint32_t kl;
				const char *k = shmt_img_key(t, row, &kl);
				int64_t v;
				if (!p2_consistent(t, row, &v)) {
					WFAIL("iteration: torn row \"%.*s\"", (int)kl, k);
				}
				char name[16];
				memcpy(name, k, kl < 15 ? kl : 15);
				name[kl < 15 ? kl : 15] = '\0';
				int n;
				if (sscanf(name, "flip%d", &n) == 1 && n >= 0 && n < P2_FLIP) {
					if (seen_flip[n]++) {
						WFAIL("iteration: %s seen twice", name);
					}
				} else if (sscanf(name, "stable%d", &n) == 1 && n >= 0 && n < P2_STABLE) {
					seen_stable[n]++;
				} else {
					WFAIL("iteration: unknown key \"%s\"", name);
				}
			}
		}
		for (int n = 0; n < P2_STABLE; n++) {
			if (seen_stable[n] != 1) {
				WFAIL("iteration: stable%d seen %u times", n, seen_stable[n]);
			}
		}
		iterations++;
	}
	if (hits == 0) {
		WFAIL("no read ever found a row (%" PRIu64 " reads)", reads);
	}
	free(img);
	free(buf);
	return 0;
}

static void phase_torn_reads(uint32_t ssize, int writer_ops)
{
	phase = ssize > 1000 ? "torn reads (32 KiB rows)" : "torn reads";
	p2_ssize = ssize;
	p2_writer_ops = writer_ops;
	p2_want = malloc(ssize);
	shmt_coldef cols[4] = {
		unit_col("a", SHMT_TYPE_INT, 0), unit_col("b", SHMT_TYPE_INT, 0),
		unit_col("f", SHMT_TYPE_FLOAT, 0), unit_col("s", SHMT_TYPE_STRING, ssize),
	};
	/* 24 keys in a 32-row table: never full. */
	shmt_table *t = mk(32, cols, 4);
	for (int n = 0; n < P2_STABLE; n++) {
		char key[16];
		char *s = p2_want;
		int kl = snprintf(key, sizeof key, "stable%d", n);
		int64_t v = 1000 + n;
		uint32_t sl = p2_str(s, v);
		shmt_value vals[4] = { unit_vi(P2_A, v), unit_vi(P2_B, ~v), unit_vf(P2_F, (double)v),
			                   unit_vs(P2_S, s, sl) };
		CHECK_ST(shmt_set(t, key, (size_t)kl, vals, 4, SHMT_UPSERT, NULL), SHMT_OK);
	}
	p2_done = shared_alloc(sizeof *p2_done);
	*p2_done = 0;
	double t0 = unit_now();
	spawn(t, 2, p2_reader, NULL, "reader");
	int writers_from = nkids;
	spawn(t, 2, p2_writer, NULL, "writer");
	release_workers();
	wait_kids(writers_from);
	__atomic_store_n(p2_done, 1, __ATOMIC_RELEASE);
	wait_kids(0);
	CHECK_TABLE(t);
	shmt_stats s;
	shmt_get_stats(t, &s);
	CHECK_U64(s.rows, shmt_count(t));
	CHECK_U64(s.insert_count - s.delete_count, shmt_count(t));
	CHECK_U64(s.lock_recoveries, 0);
	printf("  %s: 2 writers x %d ops against 2 readers: %.2f s\n", phase, writer_ops,
	       unit_now() - t0);
	munmap((void *)p2_done, sizeof *p2_done);
	free(p2_want);
	shmt_close(t);
}

/* ---- phase 3: capacity race ---- */

#define P3_SIZE 1000
static uint64_t *p3_got;

static int p3_worker(shmt_table *t, int id, void *arg)
{
	(void)arg;
	uint64_t got = 0;
	for (int k = 0;; k++) {
		char key[32];
		int kl = snprintf(key, sizeof key, "race-%d-%d", id, k);
		shmt_value v = unit_vi(0, id);
		shmt_status st = shmt_set(t, key, (size_t)kl, &v, 1, SHMT_INSERT_ONLY, NULL);
		if (st == SHMT_FULL) {
			break;
		}
		if (st != SHMT_OK) {
			WFAIL("add %s: %s", key, unit_status_name(st));
		}
		got++;
		if (k > P3_SIZE) {
			WFAIL("more than %d rows went in", P3_SIZE);
		}
	}
	p3_got[id] = got;
	return 0;
}

static void phase_capacity_race(void)
{
	phase = "capacity race";
	shmt_coldef col = unit_col("owner", SHMT_TYPE_INT, 0);
	shmt_table *t = mk(P3_SIZE, &col, 1);
	p3_got = shared_alloc(MAX_KIDS * sizeof *p3_got);
	spawn(t, 4, p3_worker, NULL, "worker");
	release_workers();
	wait_kids(0);
	uint64_t sum = 0;
	for (int i = 0; i < 4; i++) {
		sum += p3_got[i];
	}
	CHECK_U64(sum, P3_SIZE);
	CHECK_U64(shmt_count(t), P3_SIZE);
	/* Every row is owned by the worker whose key it has. */
	uint64_t checked = 0;
	void *img = calloc(1, shmt_image_size(t));
	for (int id = 0; id < 4; id++) {
		for (uint64_t k = 0; k < p3_got[id]; k++) {
			char key[32];
			int kl = snprintf(key, sizeof key, "race-%d-%" PRIu64, id, k);
			if (shmt_get(t, key, (size_t)kl, img) != SHMT_OK ||
			    shmt_img_int(t, img, 0) != id) {
				UNIT_FAIL("capacity race: %s missing or wrong", key);
				break;
			}
			checked++;
		}
	}
	CHECK_U64(checked, P3_SIZE);
	CHECK_TABLE(t);
	free(img);
	munmap(p3_got, MAX_KIDS * sizeof *p3_got);
	shmt_close(t);
	printf("  capacity race: %d rows filled by 4 workers exactly\n", P3_SIZE);
}

/* ---- phase 4: add/delete churn ---- */

#define P4_KEYS 8
#define P4_OPS 30000
static int64_t (*p4_net)[P4_KEYS]; /* [worker][key]: adds - deletes that succeeded */

static int p4_worker(shmt_table *t, int id, void *arg)
{
	(void)arg;
	unit_rng r;
	unit_rng_seed(&r, 4000 + (uint64_t)id);
	void *img = calloc(1, shmt_image_size(t));
	for (int i = 0; i < P4_OPS; i++) {
		int k = (int)unit_below(&r, P4_KEYS);
		char key[16];
		int kl = snprintf(key, sizeof key, "churn%d", k);
		shmt_value v = unit_vi(0, id);
		shmt_status st;
		switch (unit_below(&r, 4)) {
		case 0:
		case 1:
			st = shmt_set(t, key, (size_t)kl, &v, 1, SHMT_INSERT_ONLY, NULL);
			if (st == SHMT_OK) {
				p4_net[id][k]++;
			} else if (st != SHMT_EXISTS && st != SHMT_FULL) {
				WFAIL("add %s: %s", key, unit_status_name(st));
			}
			break;
		case 2:
			st = shmt_del(t, key, (size_t)kl, NULL, 0, unit_chance(&r, 1, 2) ? img : NULL);
			if (st == SHMT_OK) {
				p4_net[id][k]--;
			} else if (st != SHMT_NOT_FOUND) {
				WFAIL("del %s: %s", key, unit_status_name(st));
			}
			break;
		default:
			/* delete only rows this worker added */
			st = shmt_del(t, key, (size_t)kl, &v, 1, NULL);
			if (st == SHMT_OK) {
				p4_net[id][k]--;
			} else if (st != SHMT_NOT_FOUND && st != SHMT_MISMATCH) {
				WFAIL("cmpdel %s: %s", key, unit_status_name(st));
			}
			break;
		}
	}
	free(img);
	return 0;
}

static void phase_churn(void)
{
	phase = "add/delete churn";
	shmt_coldef col = unit_col("owner", SHMT_TYPE_INT, 0);
	shmt_table *t = mk(4, &col, 1);
	size_t bytes = MAX_KIDS * sizeof *p4_net;
	p4_net = shared_alloc(bytes);
	memset(p4_net, 0, bytes);
	spawn(t, 4, p4_worker, NULL, "worker");
	release_workers();
	wait_kids(0);
	uint64_t present = 0;
	for (int k = 0; k < P4_KEYS; k++) {
		char key[16];
		int kl = snprintf(key, sizeof key, "churn%d", k);
		int64_t net = 0;
		for (int id = 0; id < 4; id++) {
			net += p4_net[id][k];
		}
		shmt_status st = shmt_exists(t, key, (size_t)kl);
		int64_t want = st == SHMT_OK ? 1 : 0;
		present += (uint64_t)want;
		if (net != want) {
			UNIT_FAIL("churn: %s: successful adds - deletes = %" PRId64 ", but it is %s", key,
			          net, unit_status_name(st));
		}
		unit_checks++;
	}
	CHECK(present <= 4);
	CHECK_U64(shmt_count(t), present);
	CHECK_TABLE(t);
	munmap(p4_net, bytes);
	shmt_close(t);
	printf("  add/delete churn: 4 workers x %d ops on %d keys in 4 rows\n", P4_OPS, P4_KEYS);
}

/* ---- phase 5: compare-and-set counter ---- */

#define P5_INCS 5000

static int p5_worker(shmt_table *t, int id, void *arg)
{
	(void)arg;
	void *img = calloc(1, shmt_image_size(t));
	for (int i = 0; i < P5_INCS; i++) {
		for (;;) {
			shmt_status st = shmt_get(t, "cas", 3, img);
			if (st != SHMT_OK) {
				WFAIL("get: %s", unit_status_name(st));
			}
			int64_t cur = shmt_img_int(t, img, 0);
			shmt_value e = unit_vi(0, cur);
			shmt_value v[2] = { unit_vi(0, cur + 1), unit_vi(1, id) };
			st = shmt_cmpset(t, "cas", 3, &e, 1, v, 2);
			if (st == SHMT_OK) {
				break;
			}
			if (st != SHMT_MISMATCH) {
				WFAIL("cmpset: %s", unit_status_name(st));
			}
		}
	}
	free(img);
	return 0;
}

static void phase_cas(void)
{
	phase = "compare-and-set";
	shmt_coldef cols[2] = { unit_col("n", SHMT_TYPE_INT, 0), unit_col("by", SHMT_TYPE_INT, 0) };
	shmt_table *t = mk(8, cols, 2);
	CHECK_ST(shmt_set(t, "cas", 3, NULL, 0, SHMT_UPSERT, NULL), SHMT_OK);
	spawn(t, 4, p5_worker, NULL, "worker");
	release_workers();
	wait_kids(0);
	void *img = calloc(1, shmt_image_size(t));
	CHECK_ST(shmt_get(t, "cas", 3, img), SHMT_OK);
	CHECK_I64(shmt_img_int(t, img, 0), 4 * P5_INCS);
	shmt_stats s;
	shmt_get_stats(t, &s);
	CHECK_U64(s.update_count, 4 * P5_INCS);
	CHECK_U64(shmt_count(t), 1);
	CHECK_TABLE(t);
	free(img);
	shmt_close(t);
	printf("  compare-and-set: 4 workers x %d increments\n", P5_INCS);
}

/* ---- phase 6: a sequence counter that comes round ---- */

#define P6_ROUNDS 300
#define P6_VALUES 4
static char *p6_want[P6_VALUES]; /* the string of each value, made once */
static volatile uint32_t *p6_reads;

/* Values whose strings fill the column (their length is v % (size + 1)). */
static int64_t p6_value(int k)
{
	return (int64_t)p2_ssize - k;
}

static int p6_reader(shmt_table *t, int id, void *arg)
{
	(void)arg;
	void *img = malloc(shmt_image_size(t));
	while (!__atomic_load_n(p2_done, __ATOMIC_ACQUIRE)) {
		shmt_status st = shmt_get(t, "k", 1, img);
		if (st != SHMT_OK) {
			WFAIL("get: %s", unit_status_name(st));
		}
		int64_t a = shmt_img_int(t, img, P2_A);
		int k = (int)((int64_t)p2_ssize - a);
		uint32_t sl = 0;
		const char *s = shmt_img_str(t, img, P2_S, &sl);
		if (k < 0 || k >= P6_VALUES || shmt_img_int(t, img, P2_B) != ~a ||
		    sl != (uint32_t)a || memcmp(s, p6_want[k], sl) != 0) {
			WFAIL("accepted a row mixing two writes (a = %" PRId64 ") after the counter "
			      "came round",
			      a);
		}
		__atomic_add_fetch(p6_reads, 1, __ATOMIC_RELAXED);
	}
	free(img);
	return 0;
}

static void phase_counter_wrap(void)
{
	phase = "sequence counter coming round";
	p2_ssize = 16384;
	shmt_coldef cols[4] = {
		unit_col("a", SHMT_TYPE_INT, 0), unit_col("b", SHMT_TYPE_INT, 0),
		unit_col("f", SHMT_TYPE_FLOAT, 0), unit_col("s", SHMT_TYPE_STRING, p2_ssize),
	};
	shmt_table *t = mk(32, cols, 4);
	for (int k = 0; k < P6_VALUES; k++) {
		p6_want[k] = malloc(p2_ssize);
		p2_str(p6_want[k], p6_value(k));
	}
	int next = 0;
	shmt_value vals[4];
#define P6_WRITE()                                                                  \
	do {                                                                            \
		int64_t v = p6_value(next);                                                 \
		vals[0] = unit_vi(P2_A, v);                                                 \
		vals[1] = unit_vi(P2_B, ~v);                                                \
		vals[2] = unit_vf(P2_F, (double)v);                                         \
		vals[3] = unit_vs(P2_S, p6_want[next], (uint32_t)v);                        \
		CHECK_ST(shmt_set(t, "k", 1, vals, 4, SHMT_UPSERT, NULL), SHMT_OK);          \
		next = (next + 1) % P6_VALUES;                                              \
	} while (0)
	P6_WRITE();
	P6_WRITE(); /* the stripe owns a spare now: each write swaps two rows */
	p2_done = shared_alloc(sizeof *p2_done);
	p6_reads = shared_alloc(sizeof *p6_reads);
	double t0 = unit_now();
	int from = nkids;
	spawn(t, 1, p6_reader, NULL, "reader");
	pid_t reader = kids[nkids - 1];
	release_workers();
	unit_rng r;
	unit_rng_seed(&r, 6);
	int stopped = 0;
	for (int round = 0; round < P6_ROUNDS; round++) {
		usleep((useconds_t)unit_below(&r, 400));
		kill(reader, SIGSTOP);
		int status;
		if (waitpid(reader, &status, WUNTRACED) != reader) {
			UNIT_FAIL("%s: waitpid: %s", phase, strerror(errno));
			break;
		}
		if (!WIFSTOPPED(status)) {
			/* It ended: it took a mixed row for a whole one (its message
			 * above says so). */
			UNIT_FAIL("%s: the reader %s %d after %d stops", phase,
			          WIFEXITED(status) ? "exited with" : "was killed by signal",
			          WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status), stopped);
			nkids = from;
			break;
		}
		stopped++;
		/* The first write builds in the spare and retires the row the
		 * reader may be copying; the second rebuilds that very row. */
		P6_WRITE();
		P6_WRITE();
		shmt_test_seq_advance(t, "k", 1, (1ull << 31) - 2);
		kill(reader, SIGCONT);
	}
	__atomic_store_n(p2_done, 1, __ATOMIC_RELEASE);
	kill(reader, SIGCONT);
	wait_kids(from);
	CHECK_TABLE(t);
	printf("  %s: reader stopped %d times, %u reads: %.2f s\n", phase, stopped, *p6_reads,
	       unit_now() - t0);
#undef P6_WRITE
	for (int k = 0; k < P6_VALUES; k++) {
		free(p6_want[k]);
	}
	munmap((void *)p2_done, sizeof *p2_done);
	munmap((void *)p6_reads, sizeof *p6_reads);
	shmt_close(t);
}

/* ---- phase 7: a number cell read after a writer died mid-write ---- */

static int p7_kill_step;

static void p7_kill(int step)
{
	if (step == p7_kill_step) {
		raise(SIGKILL);
	}
}

static void phase_dead_writer_cell(void)
{
	phase = "number cell read after a writer died mid-write";
	shmt_coldef cols[2] = {unit_col("n", SHMT_TYPE_INT, 0), unit_col("f", SHMT_TYPE_FLOAT, 0)};
	shmt_table *t = mk(32, cols, 2);
	shmt_value v[2] = {unit_vi(0, 41), unit_vf(1, 0.5)};
	CHECK_ST(shmt_set(t, "k", 1, v, 2, SHMT_UPSERT, NULL), SHMT_OK);
	/* Killed with the stripe's counter odd: before the increment's store,
	 * then after it. The first read after each meets the odd counter and
	 * the dead owner's lock, repairs, and answers with what is stored. */
	const int steps[2] = {SHMT_STEP_INCR_SEQ_ODD, SHMT_STEP_INCR_STORED};
	const int64_t want[2] = {41, 42};
	for (int i = 0; i < 2; i++) {
		shmt_stats s0, s1;
		shmt_get_stats(t, &s0);
		pid_t pid = fork();
		if (pid < 0) {
			UNIT_FAIL("%s: fork: %s", phase, strerror(errno));
			break;
		}
		if (pid == 0) {
			p7_kill_step = steps[i];
			shmt_step_hook = p7_kill;
			int64_t r;
			shmt_incr_int(t, "k", 1, 0, 1, &r);
			_exit(0);
		}
		int status;
		CHECK(waitpid(pid, &status, 0) == pid && WIFSIGNALED(status) &&
		      WTERMSIG(status) == SIGKILL);
		int64_t n = 0;
		double f = 0;
		CHECK_ST(shmt_get_num(t, "k", 1, 0, &n), SHMT_OK);
		CHECK_I64(n, want[i]);
		CHECK_ST(shmt_get_num(t, "k", 1, 1, &f), SHMT_OK);
		CHECK(f == 0.5);
		CHECK_ST(shmt_get_num(t, "nope", 4, 0, &n), SHMT_NOT_FOUND);
		shmt_get_stats(t, &s1);
		CHECK_U64(s1.lock_recoveries, s0.lock_recoveries + 1);
		CHECK_TABLE(t);
	}
	printf("  %s: killed at 2 steps, read back\n", phase);
	shmt_close(t);
}

int main(void)
{
	signal(SIGALRM, watchdog);
	start_flag = shared_alloc(sizeof *start_flag);
	unsigned limit = 300;
	const char *env = getenv("SHMT_FORK_TIMEOUT");
	if (env && *env) {
		limit = (unsigned)strtoul(env, NULL, 10);
	}
	alarm(limit);
	phase_counters();
	phase_torn_reads(48, 200000);
	phase_torn_reads(32768, 20000);
	phase_capacity_race();
	phase_churn();
	phase_cas();
	phase_counter_wrap();
	phase_dead_writer_cell();
	alarm(0);
	return unit_finish("test_fork");
}
