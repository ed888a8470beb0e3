/*
 * test_crash.c - a process killed in the middle of a write leaves a table
 * that the others can go on using: nobody waits for long, the operation it
 * was in is either wholly applied or not at all, no row is lost or leaked,
 * and the recovery is counted.
 *
 * Part 1 is deterministic: for every write operation and every step of its
 * path (shmt_step_hook), a child runs the operation and SIGKILLs itself at
 * that step, with the stripe lock (and maybe the allocator lock) held. The
 * parent then reads the key (a reader must not spin on the dead writer's
 * odd sequence counter), checks that the row is either the old or the new
 * version, writes to the same stripe, runs shmt_check(), and fills the table
 * to prove that exactly `size` rows are still usable.
 *
 * Part 2 is random: workers write rows with large strings (up to 32 KiB,
 * so that many kills land inside a copy) and are SIGKILLed at random times,
 * hundreds of times over; survivors and the parent then find every row whole
 * and the table consistent and complete.
 *
 * Usage: test_crash [SEED]     SHMT_CRASH_KILLS=N changes part 2's kills.
 */
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "unit.h"

static pid_t current_child;

static void watchdog(int sig)
{
	(void)sig;
	if (current_child > 0) {
		kill(current_child, SIGKILL);
	}
	static const char msg[] = "test_crash: watchdog: timed out (a lock left by a dead process blocks?)\n";
	ssize_t w = write(2, msg, sizeof msg - 1);
	(void)w;
	_exit(1);
}

/* ---- part 1: a kill at every step ---- */

enum { C_N, C_F, C_S, NCOLS };
#define TSIZE 8
#define PREFILL 3

static int target_step, target_hit, hits;

static void kill_at_step(int step)
{
	if (step == target_step && ++hits == target_hit) {
		raise(SIGKILL);
	}
}

typedef enum {
	OP_INSERT, OP_ADD, OP_UPDATE, OP_PARTIAL, OP_DELETE, OP_GETDEL, OP_CMPSET, OP_CMPDEL,
	OP_INCR, OP_INCR_NEW, OP_DECR, OP_INCR_FLOAT, OP_INCR_FLOAT_NEW, NOPS
} crash_op;

static const char *op_names[NOPS] = {
	"insert", "add", "update", "partial update", "delete", "getdel", "cmpset", "cmpdel",
	"incr", "incr of a new key", "decr", "incr_float", "incr_float of a new key"
};

/* Every step number the engine reports; unknown ones are harmless. */
static const int steps[] = { 1, 2, 3, 4, 5, 6, 11, 12, 13, 14, 15, 16, 17, 21, 22, 23, 24, 25,
	                         31, 32, 101, 102, 111, 112 };

static void row_vals(shmt_value *v, int64_t n, double f, const char *s)
{
	v[0] = unit_vi(C_N, n);
	v[1] = unit_vf(C_F, f);
	v[2] = unit_vs(C_S, s, (uint32_t)strlen(s));
}

static shmt_table *prefilled(void)
{
	shmt_coldef cols[NCOLS] = { unit_col("n", SHMT_TYPE_INT, 0), unit_col("f", SHMT_TYPE_FLOAT, 0),
		                        unit_col("s", SHMT_TYPE_STRING, 64) };
	shmt_table *t = NULL;
	uint64_t asked;
	int bad;
	if (shmt_create(&t, TSIZE, 63, cols, NCOLS, &asked, &bad) != SHMT_OK) {
		fprintf(stderr, "shmt_create failed\n");
		exit(1);
	}
	for (int i = 0; i < PREFILL; i++) {
		char key[16], s[16];
		snprintf(key, sizeof key, "k%d", i);
		snprintf(s, sizeof s, "old-%d", i);
		shmt_value v[3];
		row_vals(v, i, i + 0.5, s);
		if (shmt_set(t, key, strlen(key), v, 3, SHMT_UPSERT, NULL) != SHMT_OK) {
			fprintf(stderr, "prefill failed\n");
			exit(1);
		}
	}
	return t;
}

/* The operation under test, on key k1 (existing) or k9 (new). */
static void run_op(shmt_table *t, crash_op op)
{
	shmt_value v[3], e[1];
	int64_t r;
	double f;
	switch (op) {
	case OP_INSERT:
		row_vals(v, 9, 9.5, "new-9");
		shmt_set(t, "k9", 2, v, 3, SHMT_UPSERT, NULL);
		break;
	case OP_ADD:
		row_vals(v, 9, 9.5, "new-9");
		shmt_set(t, "k9", 2, v, 3, SHMT_INSERT_ONLY, NULL);
		break;
	case OP_UPDATE:
		row_vals(v, 100, 100.5, "new-1");
		shmt_set(t, "k1", 2, v, 3, SHMT_UPSERT, NULL);
		break;
	case OP_PARTIAL:
		v[0] = unit_vi(C_N, 100);
		shmt_set(t, "k1", 2, v, 1, SHMT_UPDATE_ONLY, NULL);
		break;
	case OP_DELETE:
		shmt_del(t, "k1", 2, NULL, 0, NULL);
		break;
	case OP_GETDEL: {
		void *img = calloc(1, shmt_image_size(t));
		shmt_del(t, "k1", 2, NULL, 0, img);
		free(img);
		break;
	}
	case OP_CMPSET:
		e[0] = unit_vi(C_N, 1);
		row_vals(v, 100, 100.5, "new-1");
		shmt_cmpset(t, "k1", 2, e, 1, v, 3);
		break;
	case OP_CMPDEL:
		e[0] = unit_vi(C_N, 1);
		shmt_del(t, "k1", 2, e, 1, NULL);
		break;
	case OP_INCR:
		shmt_incr_int(t, "k1", 2, C_N, 99, &r);
		break;
	case OP_INCR_NEW:
		shmt_incr_int(t, "k9", 2, C_N, 9, &r);
		break;
	case OP_DECR:
		shmt_decr_int(t, "k1", 2, C_N, -99, &r);
		break;
	case OP_INCR_FLOAT:
		shmt_incr_float(t, "k1", 2, C_F, 100.0, &f);
		break;
	default:
		shmt_incr_float(t, "k9", 2, C_F, 9.5, &f);
		break;
	}
}

/* What the row of `key` may look like after the op: 'a'bsent, the 'o'ld
 * row, or the 'n'ew one. Returns the state found, or 0 for a mixture. */
static char classify(shmt_table *t, crash_op op, const char *key, void *img)
{
	shmt_status st = shmt_get(t, key, strlen(key), img);
	if (st == SHMT_NOT_FOUND) {
		return 'a';
	}
	if (st != SHMT_OK) {
		return 0;
	}
	int64_t n = shmt_img_int(t, img, C_N);
	double f = shmt_img_float(t, img, C_F);
	uint32_t sl;
	const char *s = shmt_img_str(t, img, C_S, &sl);
#define IS(N, F, S) (n == (N) && f == (F) && sl == strlen(S) && memcmp(s, (S), sl) == 0)
	if (key[1] == '9') { /* a key the op creates */
		switch (op) {
		case OP_INSERT:
		case OP_ADD:
			return IS(9, 9.5, "new-9") ? 'n' : 0;
		case OP_INCR_NEW:
			return IS(9, 0.0, "") ? 'n' : 0;
		case OP_INCR_FLOAT_NEW:
			return IS(0, 9.5, "") ? 'n' : 0;
		default:
			return 0;
		}
	}
	if (key[1] != '1' || op == OP_INSERT || op == OP_ADD || op == OP_INCR_NEW ||
	    op == OP_INCR_FLOAT_NEW) { /* untouched keys */
		char want[16];
		snprintf(want, sizeof want, "old-%c", key[1]);
		int i = key[1] - '0';
		return IS(i, i + 0.5, want) ? 'o' : 0;
	}
	if (IS(1, 1.5, "old-1")) {
		return 'o';
	}
	switch (op) {
	case OP_UPDATE:
	case OP_CMPSET:
		return IS(100, 100.5, "new-1") ? 'n' : 0;
	case OP_PARTIAL:
		return IS(100, 1.5, "old-1") ? 'n' : 0;
	case OP_INCR:
		return IS(100, 1.5, "old-1") ? 'n' : 0;
	case OP_DECR:
		return IS(100, 1.5, "old-1") ? 'n' : 0;
	case OP_INCR_FLOAT:
		return IS(1, 101.5, "old-1") ? 'n' : 0;
	default:
		return 0;
	}
#undef IS
}

/* Who touches the table first after the kill: a reader of the same key
 * (which finds the dead writer's counter maybe odd), shmt_check() (which
 * takes every lock), or writers of other keys (which may meet the dead
 * process's allocator lock before anyone repairs its stripe). */
enum { FIRST_READ, FIRST_CHECK, FIRST_OTHERS, NORDERS };
static const char *order_names[NORDERS] = { "read first", "check first", "others first" };

static const char *state_name(char st)
{
	return st == 'a' ? "absent" : st == 'o' ? "the old row" : st == 'n' ? "the new row"
	                                                        : "neither the old nor the new row";
}

/* Inserts "fill<i>" keys until the table is full; returns how many went in. */
static uint64_t fill_up(shmt_table *t)
{
	shmt_value v[3];
	row_vals(v, 7, 7.5, "fill");
	uint64_t added = 0;
	for (int i = 0; i < 2 * TSIZE; i++) {
		char key[16];
		int kl = snprintf(key, sizeof key, "fill%d", i);
		shmt_status st = shmt_set(t, key, (size_t)kl, v, 3, SHMT_INSERT_ONLY, NULL);
		if (st == SHMT_FULL) {
			break;
		}
		CHECK_ST(st, SHMT_OK);
		added++;
	}
	return added;
}

/* One kill; returns 1 if the step was reached (the child died there). */
static int crash_case(crash_op op, int step, int hit, int order)
{
	shmt_table *t = prefilled();
	fflush(NULL);
	pid_t pid = fork();
	if (pid < 0) {
		perror("fork");
		exit(1);
	}
	if (pid == 0) {
		target_step = step;
		target_hit = hit;
		hits = 0;
		shmt_step_hook = kill_at_step;
		run_op(t, op);
		shmt_step_hook = NULL;
		_exit(3); /* step not on this path */
	}
	current_child = pid;
	int status = 0;
	waitpid(pid, &status, 0);
	current_child = 0;
	if (WIFEXITED(status) && WEXITSTATUS(status) == 3) {
		shmt_close(t);
		return 0;
	}
	if (!WIFSIGNALED(status) || WTERMSIG(status) != SIGKILL) {
		UNIT_FAIL("%s, step %d: child ended with status %d", op_names[op], step, status);
		shmt_close(t);
		return 0;
	}

	int fails = unit_failures;
	void *img = calloc(1, shmt_image_size(t));
	const char *affected = (op == OP_INSERT || op == OP_ADD || op == OP_INCR_NEW ||
	                        op == OP_INCR_FLOAT_NEW) ? "k9" : "k1";
	bool creates = affected[1] == '9';
	bool deletes = op == OP_DELETE || op == OP_GETDEL || op == OP_CMPDEL;
	uint64_t filled = 0;

	if (order == FIRST_CHECK) {
		CHECK_TABLE(t);
	} else if (order == FIRST_OTHERS) {
		filled = fill_up(t);
	}

	/* Read: must not wait long on the dead writer's counter. */
	double t0 = unit_now();
	char state = classify(t, op, affected, img);
	double dt = unit_now() - t0;
	if (dt > 1.0) {
		UNIT_FAIL("%s, step %d: a read after the kill took %.2f s", op_names[op], step, dt);
	}
	bool ok_state = creates ? (state == 'a' || state == 'n')
	                : deletes ? (state == 'a' || state == 'o')
	                          : (state == 'o' || state == 'n');
	if (!ok_state) {
		char found[96] = "";
		if (shmt_get(t, affected, 2, img) == SHMT_OK) {
			uint32_t sl;
			const char *sp = shmt_img_str(t, img, C_S, &sl);
			snprintf(found, sizeof found, " (n = %" PRId64 ", f = %g, s = \"%.*s\")",
			         shmt_img_int(t, img, C_N), shmt_img_float(t, img, C_F),
			         (int)(sl < 20 ? sl : 20), sp);
		}
		UNIT_FAIL("%s, killed at step %d: key %s is %s%s", op_names[op], step, affected,
		          state_name(state), found);
	}
	for (int i = 0; i < PREFILL; i++) {
		char key[16];
		snprintf(key, sizeof key, "k%d", i);
		if (strcmp(key, affected) != 0 && classify(t, op, key, img) != 'o') {
			UNIT_FAIL("%s, killed at step %d: untouched key %s changed", op_names[op], step, key);
		}
	}
	unit_checks += 3;

	/* The rows present now (a wrong state is reported above already). */
	uint64_t present = creates ? PREFILL + (state != 'a') : PREFILL - (state == 'a');
	if (order == FIRST_OTHERS) {
		/* The others filled the table: exactly TSIZE rows, none leaked. */
		if (present + filled != TSIZE || shmt_count(t) != TSIZE) {
			UNIT_FAIL("%s, killed at step %d: %" PRIu64 " rows + %" PRIu64
			          " filled != %d (count %" PRIu64 "): a row leaked",
			          op_names[op], step, present, filled, TSIZE, shmt_count(t));
		}
		unit_checks++;
	} else {
		/* Before anyone has taken the dead process's locks, the lock-free
		 * count may still include a row it had in flight; after, exact. */
		uint64_t n = shmt_count(t);
		if (order == FIRST_READ ? (n + 1 < present || n > present + 1) : n != present) {
			UNIT_FAIL("%s, killed at step %d: count %" PRIu64 ", %" PRIu64 " rows present",
			          op_names[op], step, n, present);
		}
		unit_checks++;
		/* A write to the same key (same stripe) goes through. */
		shmt_value v[3];
		row_vals(v, 7, 7.5, "after");
		CHECK_ST(shmt_set(t, affected, 2, v, 3, SHMT_UPSERT, NULL), SHMT_OK);
		present += state == 'a';
		CHECK_U64(shmt_count(t), present);
		CHECK_TABLE(t);
		/* Exactly TSIZE rows fit. */
		filled = fill_up(t);
		if (present + filled != TSIZE || shmt_count(t) != TSIZE) {
			UNIT_FAIL("%s, killed at step %d: only %" PRIu64 " rows fit afterwards (count %" PRIu64
			          "): a row leaked",
			          op_names[op], step, present + filled, shmt_count(t));
		}
		unit_checks++;
	}
	CHECK_TABLE(t);
	shmt_stats s;
	shmt_get_stats(t, &s);
	if (s.lock_recoveries < 1) {
		UNIT_FAIL("%s, killed at step %d: lock_recoveries is %" PRIu64, op_names[op], step,
		          s.lock_recoveries);
	}
	unit_checks++;
	if (unit_failures != fails) {
		fprintf(stderr, "  (kill case: %s at step %d, occurrence %d, %s)\n", op_names[op], step,
		        hit, order_names[order]);
	}
	free(img);
	shmt_close(t);
	return 1;
}

static void part_steps(void)
{
	int cases = 0;
	for (int op = 0; op < NOPS; op++) {
		int reached_op = 0;
		for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
			for (int hit = 1; hit <= 2; hit++) {
				int r = 0;
				for (int order = 0; order < NORDERS; order++) {
					r = crash_case((crash_op)op, steps[i], hit, order);
					reached_op += r;
					cases += r;
					if (!r) {
						break;
					}
				}
				if (!r) {
					break;
				}
			}
		}
		if (reached_op == 0) {
			UNIT_FAIL("%s: no step hook was ever called (is shmt_step_hook wired?)",
			          op_names[op]);
		}
		unit_checks++;
	}
	printf("  kill at every step: %d kills (%d recovery orders) over %d operations\n", cases,
	       NORDERS, NOPS);
}

/* ---- part 2: random kills ---- */

enum { R_A, R_B, R_S };
#define R_SIZE 64
#define R_KEYS 48
#define R_STR 32768

static uint32_t r_str(char *buf, int64_t v)
{
	uint32_t len = (uint32_t)((uint64_t)v % (R_STR + 1));
	memset(buf, 'a' + (int)((uint64_t)v % 26), len);
	if (len > 0) {
		buf[len - 1] = (char)('A' + (uint64_t)v % 26);
	}
	return len;
}

static int r_whole(shmt_table *t, const void *img)
{
	static char want[R_STR];
	int64_t a = shmt_img_int(t, img, R_A);
	int64_t b = shmt_img_int(t, img, R_B);
	uint32_t sl = 0;
	const char *s = shmt_img_str(t, img, R_S, &sl);
	uint32_t wl = r_str(want, a);
	return b == ~a && sl == wl && memcmp(s, want, sl) == 0;
}

static void r_worker(shmt_table *t, uint64_t seed)
{
	unit_rng r;
	unit_rng_seed(&r, seed);
	char *s = malloc(R_STR);
	void *img = calloc(1, shmt_image_size(t));
	for (;;) {
		char key[16];
		int kl = snprintf(key, sizeof key, "r%d", (int)unit_below(&r, R_KEYS));
		int64_t v = (int64_t)(unit_rand64(&r) >> 2);
		uint32_t sl = r_str(s, v);
		shmt_value vals[3] = { unit_vi(R_A, v), unit_vi(R_B, ~v), unit_vs(R_S, s, sl) };
		shmt_status st;
		switch (unit_below(&r, 6)) {
		case 0: case 1:
			st = shmt_set(t, key, (size_t)kl, vals, 3, SHMT_UPSERT, NULL);
			break;
		case 2:
			st = shmt_set(t, key, (size_t)kl, vals, 3, SHMT_INSERT_ONLY, NULL);
			break;
		case 3:
			st = shmt_del(t, key, (size_t)kl, NULL, 0, NULL);
			break;
		case 4:
			st = shmt_get(t, key, (size_t)kl, img);
			if (st == SHMT_OK && !r_whole(t, img)) {
				fprintf(stderr, "random kills: a worker read a torn row %s\n", key);
				_exit(2);
			}
			break;
		default: {
			/* replace only if it is still what we read */
			st = shmt_get(t, key, (size_t)kl, img);
			if (st == SHMT_OK) {
				shmt_value e = unit_vi(R_A, shmt_img_int(t, img, R_A));
				st = shmt_cmpset(t, key, (size_t)kl, &e, 1, vals, 3);
			}
			break;
		}
		}
		if (st == SHMT_E_CORRUPT || st == SHMT_E_INVALID) {
			fprintf(stderr, "random kills: worker: %s\n", unit_status_name(st));
			_exit(2);
		}
	}
}

static void part_random(uint64_t seed)
{
	shmt_coldef cols[3] = { unit_col("a", SHMT_TYPE_INT, 0), unit_col("b", SHMT_TYPE_INT, 0),
		                    unit_col("s", SHMT_TYPE_STRING, R_STR) };
	shmt_table *t = NULL;
	uint64_t asked;
	int bad;
	if (shmt_create(&t, R_SIZE, 63, cols, 3, &asked, &bad) != SHMT_OK) {
		fprintf(stderr, "shmt_create failed\n");
		exit(1);
	}
	int kills = 1000;
	const char *env = getenv("SHMT_CRASH_KILLS");
	if (env && *env) {
		kills = atoi(env);
	}
	unit_rng r;
	unit_rng_seed(&r, seed);
	enum { NW = 3 };
	pid_t w[NW];
	uint64_t next_seed = seed * 7919;
	for (int i = 0; i < NW; i++) {
		fflush(NULL);
		w[i] = fork();
		if (w[i] == 0) {
			signal(SIGALRM, SIG_DFL);
			r_worker(t, next_seed + (uint64_t)i);
		}
	}
	next_seed += NW;
	double t0 = unit_now();
	int done = 0, early = 0;
	while (done < kills) {
		/* let them run for 0..2 ms, then kill one */
		struct timespec ts = { 0, (long)unit_below(&r, 2000000) };
		nanosleep(&ts, NULL);
		int i = (int)unit_below(&r, NW);
		kill(w[i], SIGKILL);
		int status = 0;
		waitpid(w[i], &status, 0);
		if (!(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)) {
			early++;
			UNIT_FAIL("random kills: a worker ended by itself (status %d)", status);
			if (early > 3) {
				break;
			}
		}
		done++;
		fflush(NULL);
		w[i] = fork();
		if (w[i] == 0) {
			signal(SIGALRM, SIG_DFL);
			r_worker(t, next_seed);
		}
		next_seed++;
	}
	for (int i = 0; i < NW; i++) {
		kill(w[i], SIGKILL);
		waitpid(w[i], NULL, 0);
	}
	double dt = unit_now() - t0;

	/* Everything whole, counted right, and nothing leaked. */
	CHECK_TABLE(t);
	void *img = calloc(1, shmt_image_size(t));
	uint64_t present = 0;
	for (int k = 0; k < R_KEYS; k++) {
		char key[16];
		int kl = snprintf(key, sizeof key, "r%d", k);
		shmt_status st = shmt_get(t, key, (size_t)kl, img);
		if (st == SHMT_OK) {
			present++;
			if (!r_whole(t, img)) {
				UNIT_FAIL("random kills: row %s is torn", key);
			}
		} else if (st != SHMT_NOT_FOUND) {
			UNIT_FAIL("random kills: get %s: %s", key, unit_status_name(st));
		}
		unit_checks++;
	}
	CHECK_U64(shmt_count(t), present);
	shmt_value v[3] = { unit_vi(R_A, 0), unit_vi(R_B, ~(int64_t)0), unit_vs(R_S, "", 0) };
	uint64_t added = 0;
	for (int i = 0; i < 2 * R_SIZE; i++) {
		char key[16];
		int kl = snprintf(key, sizeof key, "fill%d", i);
		shmt_status st = shmt_set(t, key, (size_t)kl, v, 3, SHMT_INSERT_ONLY, NULL);
		if (st == SHMT_FULL) {
			break;
		}
		CHECK_ST(st, SHMT_OK);
		added++;
	}
	CHECK_U64(present + added, R_SIZE);
	CHECK_U64(shmt_count(t), R_SIZE);
	CHECK_TABLE(t);
	shmt_stats s;
	shmt_get_stats(t, &s);
	printf("  random kills: %d workers killed in %.1f s, %" PRIu64
	       " lock recoveries, %" PRIu64 " rows survive whole\n",
	       done, dt, s.lock_recoveries, present);
	free(img);
	shmt_close(t);
}

int main(int argc, char **argv)
{
	uint64_t seed = argc > 1 ? strtoull(argv[1], NULL, 0) : (uint64_t)time(NULL);
	printf("test_crash: seed %" PRIu64 "\n", seed);
	signal(SIGALRM, watchdog);
	alarm(300);
	part_steps();
	part_random(seed);
	alarm(0);
	return unit_finish("test_crash");
}
