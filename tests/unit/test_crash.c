/*
 * test_crash.c - a process killed with SIGKILL at any point of any write
 * leaves the table as if the write had been fully applied or not at all,
 * and the next process to touch the table repairs it at once.
 *
 * Part 1, deterministic. For every write path (insert, insert taking the
 * last free row, insert into a full
 * table, replace through set/update/cmpset, with and without a spare row
 * already owned by the stripe, replace in a full table where only the
 * spare rows are left, delete through del/cmpdel/getdel, in-place
 * increments, increments that create the row, inserts that take a row the
 * stripe kept from a delete (also when it is the table's last row), and
 * inserts into a table full only by the
 * rows other stripes keep, which hand those back first; and inserts into a
 * table file that must reserve storage for the row first) the operation is first run
 * on a reference table with a recording step hook, which lists the hook
 * points it passes (shmt_step_hook: steps 1-6 insert, 11-17 replace, 21-25
 * delete, 26-27 a delete keeping its row in the stripe, 7-8 an insert
 * taking such a row, 31-32 increment, 41-42 handing kept rows back to a
 * full table, 101-102 allocator pop, 103-104 storage reserved for the
 * pop, 111-112 allocator push). Increments of several columns at once
 * (incr-multi*, each case both through shmt_incr_multi() and the
 * binding's way, a prepared key and shmt_incr_multi_checked()) pass the
 * insert steps (a missing key), the replace steps
 * (an existing key in a stripe that owns no spare row yet) or, in a stripe
 * that owns one (incr-multi-in-place, and the warm incr-multi case), the
 * in-place steps 33-38 with their undo record, 36 once per cell. Then the reclaims of
 * expired rows (paths reclaim-*): a set() that meets an expired row in its
 * chain, a flush of every expired row, and an insert into a full table that
 * holds expired rows, each killed at every step it passes (61-63 and the
 * steps of the deletes it makes); and an insert into a full EVICT_LRU table,
 * which evicts a row (64-65 and the delete's steps), also as the writer
 * that lost its room to others does it: with every stripe locked at once
 * (path evict-all-held), so that a kill leaves every stripe to repair.
 * Then, for each hook point, a child runs the same operation on a freshly
 * prepared table and kills itself with SIGKILL there, while it holds the
 * locks of that step. The parent then checks:
 *
 *   - the child really died there;
 *   - the rows read back (lock-free iteration) equal, byte for byte, either
 *     the table before the operation or the table after it (computed on the
 *     reference table), and a get() of the key agrees;
 *   - the next access repairs the table. Four ways of coming next are tried
 *     for every hook point: a read of the same key, which must not wait
 *     (read-next), a write of the same key (write-next), a write in another
 *     stripe first, so that a dead allocator holder is repaired by a process
 *     that is not in the dead stripe (other-stripe-first), and a second child
 *     that repairs and dies in its turn at its first hook point
 *     (crash-in-recovery);
 *   - what comes next in other stripes sees the table exactly as the dead
 *     writer left it, before anything else (not even the iteration above)
 *     touched it: a new key written into another stripe with set()
 *     (new-key-elsewhere) or incr() (incr-new-elsewhere) must go in unless
 *     SIZE rows are stored, and then fail with FULL; count() first
 *     (count-first) must equal the rows stored. These three run once for
 *     each step of each path (the first operation of the path that passes
 *     it), on the path's table: full, with one row left, or full only by
 *     kept rows where the path says so;
 *   - then shmt_check() passes (every row in exactly one place: nothing
 *     leaked), lock_recoveries went up, shmt_count() equals the rows found
 *     by iterating, the table still takes writes, and exactly SIZE rows fit.
 *
 * Rows carry a 16 KiB string column (four pages), so that building a row
 * is a large copy between two hook points. Further cases kill a process
 * while it waits for a stripe lock or for the allocator lock (the lock must
 * not be disturbed, nothing counts as recovered), kill a waiter that the
 * unlock woke before it runs while another process takes the lock (the
 * other waiters must still get it), and kill the holder of a stripe lock or
 * of the allocator lock while other processes wait for it (they must take
 * over and finish).
 *
 * Part 2, random. Workers write rows of up to 32 KiB with every write
 * operation on a table that is full most of the time, and are SIGKILLed at
 * random moments, 1000 times. After each kill the others pause between two
 * operations, and count() must equal the rows stored, and a new key in
 * another stripe than the dead worker's must go in unless every row is
 * stored (FULL then). At the end every row is whole, count() is exact,
 * shmt_check() passes and exactly the declared number of rows fit.
 *
 * Prints one line per path, then
 *   crash: N cases, N passed, N failed
 * and exits non-zero if any case failed.
 *
 *   test_crash [SEED]            seed of part 2 (printed; default: the time)
 *   SHMT_CRASH_KILLS=N           kills in part 2 (0 skips it)
 *   SHMT_CRASH_ROUNDS=N          rounds of part 1 (0 skips it)
 *   SHMT_CRASH_MATRIX=0          part 1 without the matrix (lock waits only)
 *   SHMT_CRASH_PATH=NAME         the matrix for one path only (e.g. delete-full)
 *   SHMTABLE_SOAK=1              part 1 eight times (fresh hash seeds, so
 *                                other chain layouts), part 2 10,000 kills
 *   SHMT_CRASH_VERBOSE=1         list every case
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "shmt.h"
#include "shmt_test.h"

/* ------------------------------------------------------------------ */
/* Table shape                                                          */

#define SIZE 64u          /* declared rows: 4 stripes */
#define NPREP 40u         /* rows of a table that is not full */
#define BIG (16u * 1024u) /* the large string column */
#define SMALL 64u
enum { C_N, C_F, C_S, C_BIG, NCOLS };

/* 1 while the matrix runs on table files (g_file_ops): tables are then
 * files, each removed from its directory once open, so that inserts pass
 * the reservation of storage (steps 103-104). */
static int g_file_tables;
/* The eviction policy of the tables made (SHMT_EVICT_LRU for the eviction
 * paths). */
static uint32_t g_evict;

static shmt_table *mk_table(void)
{
	shmt_coldef cols[NCOLS];
	memset(cols, 0, sizeof(cols));
	const char *names[NCOLS] = {"n", "f", "s", "big"};
	const uint32_t types[NCOLS] = {SHMT_TYPE_INT, SHMT_TYPE_FLOAT, SHMT_TYPE_STRING,
	                               SHMT_TYPE_STRING};
	const uint32_t sizes[NCOLS] = {0, 0, SMALL, BIG};
	for (int i = 0; i < NCOLS; i++) {
		strcpy(cols[i].name, names[i]);
		cols[i].name_len = (uint32_t)strlen(names[i]);
		cols[i].type = types[i];
		cols[i].size = sizes[i];
	}
	shmt_table *t = NULL;
	if (g_file_tables) {
		static unsigned n;
		char path[256], msg[512];
		const char *tmp = getenv("TMPDIR");
		snprintf(path, sizeof(path), "%s/shmt-crash-%d-%u.shmt",
		         tmp != NULL && *tmp != '\0' ? tmp : "/tmp", (int)getpid(), n++);
		unlink(path);
		shmt_open_args a;
		memset(&a, 0, sizeof(a));
		a.path = path;
		a.mode = 0600;
		a.create = 1;
		a.size = SIZE;
		a.key_max = 63;
		a.cols = cols;
		a.ncols = NCOLS;
		a.evict = g_evict;
		shmt_status st = shmt_open(&t, &a, NULL, msg, sizeof(msg));
		unlink(path);
		if (st != SHMT_OK) {
			fprintf(stderr, "shmt_open: %s\n", msg);
			exit(2);
		}
		return t;
	}
	shmt_status st = shmt_create_ex(&t, SIZE, 63, cols, NCOLS, g_evict, NULL, NULL);
	if (st != SHMT_OK) {
		fprintf(stderr, "shmt_create: %s\n", shmt_status_message(st));
		exit(2);
	}
	return t;
}

/* The number of stripes follows from the size alone. It is read once per
 * size: shmt_get_stats(), like count(), repairs the stripe of a dead
 * writer, so it must not run between a kill and the access under test. */
static uint32_t nstripes(shmt_table *t)
{
	static uint32_t size, n;
	if (n == 0 || shmt_size(t) != size) {
		shmt_stats s;
		shmt_get_stats(t, &s);
		size = shmt_size(t);
		n = (uint32_t)s.stripes;
	}
	return n;
}

static uint64_t recoveries(shmt_table *t)
{
	shmt_stats s;
	shmt_get_stats(t, &s);
	return s.lock_recoveries;
}

static uint32_t stripe_of_key(shmt_table *t, const char *key)
{
	return shmt_bucket_of(t, key, strlen(key)) & (nstripes(t) - 1);
}

/* Scratch buffers for string values. */
static char g_bigbuf[4][BIG];

static const char *fill(int which, char c, uint32_t len, uint32_t salt)
{
	char *p = g_bigbuf[which];
	for (uint32_t i = 0; i < len; i++) {
		p[i] = (char)(c + (i * 7 + salt) % 13);
	}
	return p;
}

static shmt_value v_int(uint32_t col, int64_t i)
{
	shmt_value v;
	memset(&v, 0, sizeof(v));
	v.col = col;
	v.v.i = i;
	return v;
}

static shmt_value v_float(uint32_t col, double f)
{
	shmt_value v;
	memset(&v, 0, sizeof(v));
	v.col = col;
	v.v.f = f;
	return v;
}

static shmt_value v_str(uint32_t col, const char *p, uint32_t len)
{
	shmt_value v;
	memset(&v, 0, sizeof(v));
	v.col = col;
	v.v.s.ptr = p;
	v.v.s.len = len;
	return v;
}

static void key_name(char *buf, size_t n, uint32_t i)
{
	snprintf(buf, n, "row-%03u", i);
}

/* Rows 0..nrows-1, each with a large string of its own length and bytes.
 * With warm, every row is then written a second time (same values), so
 * that each stripe has done a copy-on-write before the operation under
 * test (it then owns a spare row instead of taking one from the pool). */
static void prepare_rows(shmt_table *t, uint32_t nrows, int warm)
{
	for (int pass = 0; pass < 1 + (warm != 0); pass++)
	for (uint32_t i = 0; i < nrows; i++) {
		char key[32], s[SMALL];
		key_name(key, sizeof(key), i);
		uint32_t slen = 5 + i % 50;
		for (uint32_t j = 0; j < slen; j++) {
			s[j] = (char)('a' + (i + j) % 26);
		}
		uint32_t blen = BIG - i * 37;
		shmt_value vals[NCOLS] = {
		    v_int(C_N, 1000 + (int64_t)i), v_float(C_F, i + 0.25), v_str(C_S, s, slen),
		    v_str(C_BIG, fill(0, 'A' + (char)(i % 20), blen, i), blen)};
		shmt_status st = shmt_set(t, key, strlen(key), vals, NCOLS, SHMT_UPSERT, NULL);
		if (st != SHMT_OK) {
			fprintf(stderr, "prepare: set %s: %s\n", key, shmt_status_message(st));
			exit(2);
		}
	}
}

static void prepare(shmt_table *t, uint32_t nrows)
{
	prepare_rows(t, nrows, 0);
}

static uint64_t kept_rows(shmt_table *t)
{
	shmt_stats s;
	shmt_get_stats(t, &s);
	return s.kept_rows;
}

/* Insert and delete scratch keys until every stripe keeps a deleted row
 * (the table's per-stripe limit is 1 at this size). */
static void keep_in_every_stripe(shmt_table *t)
{
	shmt_value v = v_int(C_N, 7);
	for (uint32_t i = 0; kept_rows(t) < nstripes(t); i++) {
		char key[32];
		snprintf(key, sizeof(key), "kept-%u", i);
		if (i > 10000 || shmt_set(t, key, strlen(key), &v, 1, SHMT_INSERT_ONLY, NULL) != SHMT_OK ||
		    shmt_del(t, key, strlen(key), NULL, 0, NULL) != SHMT_OK) {
			fprintf(stderr, "prepare: cannot make every stripe keep a row\n");
			exit(2);
		}
	}
}


/* ------------------------------------------------------------------ */
/* Table contents as canonical records, compared byte for byte           */

typedef struct {
	char key[64];
	uint32_t klen;
	unsigned char *data; /* n | f | len s | s | len big | big */
	size_t len;
} rec;

typedef struct {
	rec *r;
	uint32_t n;
} dump;

static unsigned char *g_img;     /* one row image */
static unsigned char *g_snapbuf; /* bucket snapshots */
static size_t g_snapcap;

static void rec_from_img(shmt_table *t, const void *img, rec *out)
{
	uint32_t klen, slen, blen;
	const char *k = shmt_img_key(t, img, &klen);
	memcpy(out->key, k, klen);
	out->klen = klen;
	int64_t n = shmt_img_int(t, img, C_N);
	double f = shmt_img_float(t, img, C_F);
	const char *s = shmt_img_str(t, img, C_S, &slen);
	const char *b = shmt_img_str(t, img, C_BIG, &blen);
	out->len = 8 + 8 + 4 + slen + 4 + blen;
	out->data = malloc(out->len);
	unsigned char *p = out->data;
	memcpy(p, &n, 8), p += 8;
	memcpy(p, &f, 8), p += 8;
	memcpy(p, &slen, 4), p += 4;
	memcpy(p, s, slen), p += slen;
	memcpy(p, &blen, 4), p += 4;
	memcpy(p, b, blen);
}

static int rec_cmp_key(const void *a, const void *b)
{
	const rec *x = a, *y = b;
	uint32_t m = x->klen < y->klen ? x->klen : y->klen;
	int c = memcmp(x->key, y->key, m);
	return c != 0 ? c : (int)x->klen - (int)y->klen;
}

static int rec_eq(const rec *x, const rec *y)
{
	return x->klen == y->klen && memcmp(x->key, y->key, x->klen) == 0 &&
	       x->len == y->len && memcmp(x->data, y->data, x->len) == 0;
}

static void dump_free(dump *d)
{
	for (uint32_t i = 0; i < d->n; i++) {
		free(d->r[i].data);
	}
	free(d->r);
	d->r = NULL;
	d->n = 0;
}

/* Every row, by iterating the buckets (lock-free unless a stripe is stuck
 * odd, as shmt_snapshot_bucket() does). 0 on success. */
static int dump_table(shmt_table *t, dump *d)
{
	d->n = 0;
	d->r = calloc(SIZE * 2 + 8, sizeof(rec));
	size_t isz = shmt_image_size(t);
	for (uint32_t b = shmt_next_bucket(t, 0); b < shmt_bucket_count(t);
	     b = shmt_next_bucket(t, b + 1)) {
		uint32_t nrows;
		size_t need;
		shmt_status st;
		while ((st = shmt_snapshot_bucket(t, b, g_snapbuf, g_snapcap, &nrows, &need)) ==
		       SHMT_E_BUFFER) {
			g_snapcap = need * 2;
			g_snapbuf = realloc(g_snapbuf, g_snapcap);
		}
		if (st != SHMT_OK) {
			return -1;
		}
		for (uint32_t i = 0; i < nrows; i++) {
			if (d->n >= SIZE * 2 + 8) {
				return -1;
			}
			rec_from_img(t, g_snapbuf + i * isz, &d->r[d->n++]);
		}
	}
	qsort(d->r, d->n, sizeof(rec), rec_cmp_key);
	return 0;
}

static int dump_eq(const dump *a, const dump *b)
{
	if (a->n != b->n) {
		return 0;
	}
	for (uint32_t i = 0; i < a->n; i++) {
		if (!rec_eq(&a->r[i], &b->r[i])) {
			return 0;
		}
	}
	return 1;
}

static const rec *dump_find(const dump *d, const char *key)
{
	rec k;
	k.klen = (uint32_t)strlen(key);
	memcpy(k.key, key, k.klen);
	return bsearch(&k, d->r, d->n, sizeof(rec), rec_cmp_key);
}

/* Describe the first difference between two dumps. */
static void dump_diff(const dump *a, const dump *b, char *out, size_t n)
{
	uint32_t i = 0, j = 0;
	while (i < a->n || j < b->n) {
		int c = i >= a->n ? 1 : j >= b->n ? -1 : rec_cmp_key(&a->r[i], &b->r[j]);
		if (c < 0) {
			snprintf(out, n, "row %.*s only in the first", (int)a->r[i].klen, a->r[i].key);
			return;
		}
		if (c > 0) {
			snprintf(out, n, "row %.*s only in the second", (int)b->r[j].klen, b->r[j].key);
			return;
		}
		if (!rec_eq(&a->r[i], &b->r[j])) {
			snprintf(out, n, "row %.*s differs", (int)a->r[i].klen, a->r[i].key);
			return;
		}
		i++, j++;
	}
	snprintf(out, n, "no difference");
}

/* Copy of `src` with `key` set to the record of `rr` (or removed). */
static void dump_with(const dump *src, const char *key, const rec *rr, dump *out)
{
	out->r = calloc(src->n + 1, sizeof(rec));
	out->n = 0;
	uint32_t klen = (uint32_t)strlen(key);
	for (uint32_t i = 0; i < src->n; i++) {
		if (src->r[i].klen == klen && memcmp(src->r[i].key, key, klen) == 0) {
			continue;
		}
		rec *d = &out->r[out->n++];
		*d = src->r[i];
		d->data = malloc(d->len);
		memcpy(d->data, src->r[i].data, d->len);
	}
	if (rr != NULL) {
		rec *d = &out->r[out->n++];
		*d = *rr;
		d->data = malloc(d->len);
		memcpy(d->data, rr->data, d->len);
	}
	qsort(out->r, out->n, sizeof(rec), rec_cmp_key);
}

/* ------------------------------------------------------------------ */
/* Operations under test                                                */

/* What the stripes keep of earlier deletes when the operation starts. */
enum {
	KEPT_NONE = 0, /* nothing (no delete ran before) */
	KEPT_EACH = 1, /* every stripe keeps as many rows as it may */
	KEPT_FULL = 2, /* the table is full counting kept rows: stripe 0 keeps
	                  one, the others none (the key is in another stripe) */
	KEPT_FULL_OWN = 3, /* the same table, the key in stripe 0: its insert
	                      takes that last row off the stripe's own list */
};

/* How many rows the table holds before the operation. */
enum {
	FILL_PART = 0, /* NPREP rows */
	FILL_FULL = 1, /* SIZE rows */
	FILL_LAST = 2, /* SIZE - 1 rows: one row left */
};

enum op_kind {
	OP_SET,
	OP_ADD,
	OP_UPDATE,
	OP_CMPSET,
	OP_DEL,
	OP_CMPDEL,
	OP_GETDEL,
	OP_INCR_INT,
	OP_DECR_INT,
	OP_INCR_FLOAT,
	OP_INCR_MULTI,   /* shmt_incr_multi() */
	OP_DECR_MULTI,
	OP_INCR_MULTI_P, /* the binding's way: shmt_key_prepare(), then
	                    shmt_incr_multi_checked() */
	OP_DECR_MULTI_P,
};

enum key_sel {
	KEY_NEW,         /* absent key */
	KEY_NEW_CHAINED, /* absent key whose bucket already has rows */
	KEY_HEAD,        /* present, first of a chain of two or more */
	KEY_MID,         /* present, not first of its chain */
};

typedef struct {
	const char *path;  /* summary group */
	const char *label;
	enum op_kind kind;
	enum key_sel key;
	int full;          /* FILL_*: how full the table is */
	int big;           /* the written values include a 16 KiB string */
	int partial;       /* set only some columns */
	int warm;          /* every stripe has written before (owns a spare) */
	int kept;          /* KEPT_*: rows the stripes keep from deletes */
} opdesc;

static const opdesc g_ops[] = {
    {"insert", "set new key", OP_SET, KEY_NEW, 0, 0, 0, 0, KEPT_NONE},
    {"insert", "set new key, 16 KiB string, chained bucket", OP_SET, KEY_NEW_CHAINED, 0, 1, 0, 0, KEPT_NONE},
    {"insert", "add new key, 16 KiB string", OP_ADD, KEY_NEW, 0, 1, 0, 0, KEPT_NONE},
    {"insert-warm", "set new key, stripe has written before", OP_SET, KEY_NEW_CHAINED, 0, 1, 0, 1, KEPT_NONE},
    {"insert-last", "set new key taking the last free row, 16 KiB", OP_SET, KEY_NEW_CHAINED, 2, 1, 0, 0, KEPT_NONE},
    {"insert-last", "incr on a missing key taking the last free row", OP_INCR_INT, KEY_NEW, 2, 0, 0, 0, KEPT_NONE},
    {"insert-full", "set new key into a full table (FULL)", OP_SET, KEY_NEW_CHAINED, 1, 1, 0, 0, KEPT_NONE},
    {"insert-full", "add new key into a full table (FULL)", OP_ADD, KEY_NEW, 1, 0, 0, 0, KEPT_NONE},
    {"replace", "set existing head-of-chain key, partial, 16 KiB", OP_SET, KEY_HEAD, 0, 1, 1, 0, KEPT_NONE},
    {"replace", "set existing mid-chain key, whole row", OP_SET, KEY_MID, 0, 1, 0, 0, KEPT_NONE},
    {"replace", "update existing key", OP_UPDATE, KEY_MID, 0, 0, 1, 0, KEPT_NONE},
    {"replace", "cmpset existing key, matching", OP_CMPSET, KEY_HEAD, 0, 1, 0, 0, KEPT_NONE},
    {"replace-warm", "set existing key, stripe has written before", OP_SET, KEY_MID, 0, 1, 0, 1, KEPT_NONE},
    {"replace-warm", "cmpset existing key, stripe has written before", OP_CMPSET, KEY_HEAD, 0, 1, 1, 1, KEPT_NONE},
    {"replace-warm", "set existing key in a full table, stripe has written before", OP_SET, KEY_HEAD, 1, 1, 0, 1, KEPT_NONE},
    {"replace-full", "set existing key in a full table, 16 KiB", OP_SET, KEY_MID, 1, 1, 0, 0, KEPT_NONE},
    {"replace-full", "cmpset existing key in a full table", OP_CMPSET, KEY_HEAD, 1, 0, 1, 0, KEPT_NONE},
    {"replace-full", "update existing key in a full table", OP_UPDATE, KEY_HEAD, 1, 1, 1, 0, KEPT_NONE},
    {"delete", "del head-of-chain key", OP_DEL, KEY_HEAD, 0, 0, 0, 0, KEPT_NONE},
    {"delete", "del mid-chain key", OP_DEL, KEY_MID, 0, 0, 0, 0, KEPT_NONE},
    {"delete", "cmpdel matching", OP_CMPDEL, KEY_MID, 0, 0, 0, 0, KEPT_NONE},
    {"delete", "getdel", OP_GETDEL, KEY_HEAD, 0, 0, 0, 0, KEPT_NONE},
    {"delete-warm", "del in a full table, stripe has written before", OP_DEL, KEY_HEAD, 1, 0, 0, 1, KEPT_NONE},
    {"delete-full", "del in a full table", OP_DEL, KEY_MID, 1, 0, 0, 0, KEPT_NONE},
    {"incr", "incr int existing", OP_INCR_INT, KEY_HEAD, 0, 0, 0, 0, KEPT_NONE},
    {"incr", "decr int existing", OP_DECR_INT, KEY_MID, 0, 0, 0, 0, KEPT_NONE},
    {"incr", "incr float existing", OP_INCR_FLOAT, KEY_MID, 1, 0, 0, 0, KEPT_NONE},
    {"incr-insert", "incr int on a missing key (creates the row)", OP_INCR_INT, KEY_NEW, 0, 0, 0, 0, KEPT_NONE},
    {"incr-insert", "incr float on a missing key (creates the row)", OP_INCR_FLOAT, KEY_NEW_CHAINED, 0, 0, 0, 0, KEPT_NONE},
    {"incr-full", "incr on a missing key in a full table (FULL)", OP_INCR_INT, KEY_NEW, 1, 0, 0, 0, KEPT_NONE},
    {"insert-kept", "set new key, its stripe keeps a deleted row", OP_SET, KEY_NEW, 0, 1, 0, 0, KEPT_EACH},
    {"insert-kept", "incr on a missing key, its stripe keeps a deleted row", OP_INCR_INT, KEY_NEW_CHAINED, 0, 0, 0, 0, KEPT_EACH},
    {"delete-kept", "del when the stripe keeps all the rows it may", OP_DEL, KEY_HEAD, 0, 0, 0, 0, KEPT_EACH},
    {"insert-drain", "set new key, table full only by rows other stripes keep", OP_SET, KEY_NEW, 0, 1, 0, 0, KEPT_FULL},
    {"insert-drain", "add new key, table full only by rows other stripes keep", OP_ADD, KEY_NEW, 0, 0, 0, 0, KEPT_FULL},
    {"insert-drain", "incr on a missing key, table full only by kept rows", OP_INCR_INT, KEY_NEW, 0, 0, 0, 0, KEPT_FULL},
    {"insert-kept-last", "set new key taking the last row, which its own stripe keeps", OP_SET, KEY_NEW, 0, 1, 0, 0, KEPT_FULL_OWN},
    {"incr-multi", "incr of an int and a float column, existing key", OP_INCR_MULTI, KEY_HEAD, 0, 0, 0, 0, KEPT_NONE},
    {"incr-multi", "decr of an int and a float column, mid-chain, stripe has written before", OP_DECR_MULTI, KEY_MID, 0, 0, 0, 1, KEPT_NONE},
    {"incr-multi", "incr of two columns, existing key in a full table", OP_INCR_MULTI, KEY_MID, 1, 0, 0, 0, KEPT_NONE},
    {"incr-multi-insert", "incr of two columns on a missing key (creates the row)", OP_INCR_MULTI, KEY_NEW, 0, 0, 0, 0, KEPT_NONE},
    {"incr-multi-insert", "decr of two columns on a missing key, its stripe keeps a deleted row", OP_DECR_MULTI, KEY_NEW_CHAINED, 0, 0, 0, 0, KEPT_EACH},
    {"incr-multi-insert", "incr of two columns on a missing key, table full only by kept rows", OP_INCR_MULTI, KEY_NEW, 0, 0, 0, 0, KEPT_FULL},
    {"incr-multi-full", "incr of two columns on a missing key in a full table (FULL)", OP_INCR_MULTI, KEY_NEW, 1, 0, 0, 0, KEPT_NONE},
    {"incr-multi-in-place", "incr of an int and a float column in place (undo record in the stripe's spare), head of chain", OP_INCR_MULTI, KEY_HEAD, 0, 0, 0, 1, KEPT_NONE},
    {"incr-multi-in-place", "decr of an int and a float column in place, mid-chain, full table", OP_DECR_MULTI, KEY_MID, 1, 0, 0, 1, KEPT_NONE},
    {"incr-multi", "incr of an int and a float column, existing key, prepared key", OP_INCR_MULTI_P, KEY_HEAD, 0, 0, 0, 0, KEPT_NONE},
    {"incr-multi", "decr of an int and a float column, mid-chain, stripe has written before, prepared key", OP_DECR_MULTI_P, KEY_MID, 0, 0, 0, 1, KEPT_NONE},
    {"incr-multi", "incr of two columns, existing key in a full table, prepared key", OP_INCR_MULTI_P, KEY_MID, 1, 0, 0, 0, KEPT_NONE},
    {"incr-multi-insert", "incr of two columns on a missing key (creates the row), prepared key", OP_INCR_MULTI_P, KEY_NEW, 0, 0, 0, 0, KEPT_NONE},
    {"incr-multi-insert", "decr of two columns on a missing key, its stripe keeps a deleted row, prepared key", OP_DECR_MULTI_P, KEY_NEW_CHAINED, 0, 0, 0, 0, KEPT_EACH},
    {"incr-multi-insert", "incr of two columns on a missing key, table full only by kept rows, prepared key", OP_INCR_MULTI_P, KEY_NEW, 0, 0, 0, 0, KEPT_FULL},
    {"incr-multi-full", "incr of two columns on a missing key in a full table (FULL), prepared key", OP_INCR_MULTI_P, KEY_NEW, 1, 0, 0, 0, KEPT_NONE},
    {"incr-multi-in-place", "incr of an int and a float column in place (undo record in the stripe's spare), head of chain, prepared key", OP_INCR_MULTI_P, KEY_HEAD, 0, 0, 0, 1, KEPT_NONE},
    {"incr-multi-in-place", "decr of an int and a float column in place, mid-chain, full table, prepared key", OP_DECR_MULTI_P, KEY_MID, 1, 0, 0, 1, KEPT_NONE},
};
#define NOPS (sizeof(g_ops) / sizeof(g_ops[0]))

/* The inserts again, on table files that reserve their storage in chunks of
 * one page (shmt_test_reserve_chunk), so that each insert reserves a chunk
 * under the allocator lock before its pop: steps 103 (chunk reserved, mark
 * not yet advanced) and 104 (mark advanced). */
static const opdesc g_file_ops[] = {
    {"insert-file", "set new key, table file, reserving storage", OP_SET, KEY_NEW, 0, 1, 0, 0, KEPT_NONE},
    {"insert-file", "incr on a missing key, table file, reserving storage", OP_INCR_INT, KEY_NEW_CHAINED, 0, 0, 0, 0, KEPT_NONE},
};
#define NFILEOPS (sizeof(g_file_ops) / sizeof(g_file_ops[0]))

/* Rows a table holds before the operation (KEPT_NONE). */
static uint32_t op_rows(const opdesc *op)
{
	return op->full == FILL_FULL ? SIZE : op->full == FILL_LAST ? SIZE - 1 : NPREP;
}

/* The table before the operation under test. KEPT_FULL needs the same hash
 * seed in every table of the case (see g_fixed_seed): which keys fill it
 * depends on the stripes they fall in. */
static void prepare_op(shmt_table *t, const opdesc *op)
{
	if (op->kept == KEPT_NONE) {
		prepare_rows(t, op_rows(op), op->warm);
		return;
	}
	prepare_rows(t, NPREP, op->warm);
	keep_in_every_stripe(t);
	if (op->kept == KEPT_EACH) {
		return;
	}
	/* Fill with keys outside stripe 0 until the rows stored and kept take
	 * every row: stripe 0 still keeps its row, the others used theirs. */
	shmt_value v = v_int(C_N, 8);
	for (uint32_t i = 0; shmt_count(t) + kept_rows(t) < SIZE; i++) {
		char key[32];
		snprintf(key, sizeof(key), "full-%u", i);
		if (stripe_of_key(t, key) == 0) {
			continue;
		}
		if (i > 100000 || shmt_set(t, key, strlen(key), &v, 1, SHMT_INSERT_ONLY, NULL) != SHMT_OK) {
			fprintf(stderr, "prepare: cannot fill the table around the kept row\n");
			exit(2);
		}
	}
	if (kept_rows(t) != 1 || shmt_count(t) != SIZE - 1) {
		fprintf(stderr, "prepare: expected 1 kept row and %u stored\n", SIZE - 1);
		exit(2);
	}
}

/* Pick the key an operation works on, from the layout of table t. */
static int select_key(shmt_table *t, const opdesc *op, uint32_t nrows, char *key, size_t n)
{
	if (op->key == KEY_NEW || op->key == KEY_NEW_CHAINED) {
		for (uint32_t i = 0; i < 100000; i++) {
			snprintf(key, n, "new-%u", i);
			if (op->kept == KEPT_FULL && stripe_of_key(t, key) == 0) {
				continue; /* stripe 0 keeps a row: no drain there */
			}
			if (op->kept == KEPT_FULL_OWN && stripe_of_key(t, key) != 0) {
				continue; /* the insert takes stripe 0's row */
			}
			uint32_t b = shmt_bucket_of(t, key, strlen(key));
			uint32_t nr = 0;
			size_t need;
			shmt_status st = shmt_snapshot_bucket(t, b, g_snapbuf, g_snapcap, &nr, &need);
			bool chained = st == SHMT_E_BUFFER || nr > 0;
			if (op->key == KEY_NEW || chained) {
				return 0;
			}
		}
		return -1;
	}
	size_t isz = shmt_image_size(t);
	for (uint32_t i = 0; i < nrows; i++) {
		char k[32];
		key_name(k, sizeof(k), i);
		uint32_t b = shmt_bucket_of(t, k, strlen(k));
		uint32_t nr = 0;
		size_t need;
		while (shmt_snapshot_bucket(t, b, g_snapbuf, g_snapcap, &nr, &need) == SHMT_E_BUFFER) {
			g_snapcap = need * 2;
			g_snapbuf = realloc(g_snapbuf, g_snapcap);
		}
		if (nr < 2) {
			continue;
		}
		uint32_t klen;
		const char *kk = shmt_img_key(t, g_snapbuf + (op->key == KEY_HEAD ? 0 : isz), &klen);
		snprintf(key, n, "%.*s", (int)klen, kk);
		return 0;
	}
	/* No chain of two (improbable): any present key. */
	key_name(key, n, 3);
	return 0;
}


/* Run the operation; the hook (if any) is armed just before the write
 * call, after the reads that prepare its arguments. */
static shmt_status do_op(shmt_table *t, const opdesc *op, const char *key, shmt_step_hook_fn arm)
{
	size_t klen = strlen(key);
	shmt_value vals[NCOLS], exp[2];
	uint32_t nv = 0, ne = 0;
	if (op->partial) {
		vals[nv++] = v_int(C_N, 4242);
		if (op->big) {
			vals[nv++] = v_str(C_BIG, fill(1, 'p', BIG - 11, 3), BIG - 11);
		}
	} else {
		vals[nv++] = v_int(C_N, 777);
		vals[nv++] = v_float(C_F, -3.75);
		vals[nv++] = v_str(C_S, "fresh", 5);
		if (op->big) {
			vals[nv++] = v_str(C_BIG, fill(1, 'q', BIG, 5), BIG);
		} else {
			vals[nv++] = v_str(C_BIG, "tiny", 4);
		}
	}
	if (op->kind == OP_CMPSET || op->kind == OP_CMPDEL) {
		/* Expect the stored n and big string (read now, unlocked). */
		if (shmt_get(t, key, klen, g_img) != SHMT_OK) {
			return SHMT_E_INVALID;
		}
		uint32_t blen;
		const char *b = shmt_img_str(t, g_img, C_BIG, &blen);
		memcpy(g_bigbuf[2], b, blen);
		exp[ne++] = v_int(C_N, shmt_img_int(t, g_img, C_N));
		exp[ne++] = v_str(C_BIG, g_bigbuf[2], blen);
	}
	int64_t ri;
	double rf;
	shmt_step_hook = arm;
	shmt_status st;
	switch (op->kind) {
	case OP_SET: st = shmt_set(t, key, klen, vals, nv, SHMT_UPSERT, NULL); break;
	case OP_ADD: st = shmt_set(t, key, klen, vals, nv, SHMT_INSERT_ONLY, NULL); break;
	case OP_UPDATE: st = shmt_set(t, key, klen, vals, nv, SHMT_UPDATE_ONLY, NULL); break;
	case OP_CMPSET: st = shmt_cmpset(t, key, klen, exp, ne, vals, nv); break;
	case OP_DEL: st = shmt_del(t, key, klen, NULL, 0, NULL); break;
	case OP_CMPDEL: st = shmt_del(t, key, klen, exp, ne, NULL); break;
	case OP_GETDEL: st = shmt_del(t, key, klen, NULL, 0, g_img); break;
	case OP_INCR_INT: st = shmt_incr_int(t, key, klen, C_N, 5, &ri); break;
	case OP_DECR_INT: st = shmt_decr_int(t, key, klen, C_N, 9, &ri); break;
	case OP_INCR_FLOAT: st = shmt_incr_float(t, key, klen, C_F, 0.5, &rf); break;
	case OP_INCR_MULTI:
	case OP_DECR_MULTI:
	case OP_INCR_MULTI_P:
	case OP_DECR_MULTI_P: {
		shmt_value d[2] = {v_int(C_N, 5), v_float(C_F, 0.25)}, r[2];
		bool sub = op->kind == OP_DECR_MULTI || op->kind == OP_DECR_MULTI_P;
		if (op->kind == OP_INCR_MULTI || op->kind == OP_DECR_MULTI) {
			st = shmt_incr_multi(t, key, klen, d, 2, sub, r, NULL);
			break;
		}
		shmt_key k;
		st = shmt_key_prepare(t, key, klen, &k);
		if (st == SHMT_OK) {
			st = shmt_incr_multi_checked(t, &k, key, klen, d, 2, sub, SHMT_TTL_KEEP, r, NULL);
		}
		break;
	}
	default: st = SHMT_E_INVALID; break;
	}
	shmt_step_hook = NULL;
	return st;
}

/* ------------------------------------------------------------------ */
/* Hooks                                                                */

#define MAX_STEPS 128
static int g_steps[MAX_STEPS];
static int g_nsteps;
static int g_kill_at; /* 1-based hook call at which to die */
static int g_calls;
static int g_pause_step; /* pause hook: step at which to stop */
static int g_pause_out = -1, g_pause_in = -1;

/* The steps of the stripe lock's own protocol (a slot taken, a dead slot
 * taken over, a sleep) come and go with who keeps which lock slot, not with
 * the write: the matrix neither lists nor counts them (the slot cases
 * below kill processes there). */
static int lock_step(int step)
{
	return step >= SHMT_STEP_SLOT_MARKED && step <= SHMT_STEP_STRIPE_WAIT;
}

static void hook_record(int step)
{
	if (lock_step(step)) {
		return;
	}
	if (g_nsteps < MAX_STEPS) {
		g_steps[g_nsteps++] = step;
	}
}

static void hook_kill(int step)
{
	if (lock_step(step)) {
		return;
	}
	if (++g_calls == g_kill_at) {
		raise(SIGKILL);
	}
}

/* Tell the parent we reached the step (holding its locks), then wait for
 * its word to go on. */
static void hook_pause(int step)
{
	if (step == g_pause_step) {
		char c = 'p';
		if (write(g_pause_out, &c, 1) != 1) {
			_exit(90);
		}
		if (read(g_pause_in, &c, 1) != 1) {
			_exit(91);
		}
		g_pause_step = -1;
	}
}

/* ------------------------------------------------------------------ */
/* Bookkeeping                                                          */

static int g_verbose;
static int g_cases, g_passed, g_failed, g_double_faults;
static char g_case_name[256];
static char g_fail_msg[512];
static int g_case_failed;

static void case_begin(const char *fmt, ...)
{
	va_list va;
	va_start(va, fmt);
	vsnprintf(g_case_name, sizeof(g_case_name), fmt, va);
	va_end(va);
	g_case_failed = 0;
	g_fail_msg[0] = '\0';
	g_cases++;
}

static void case_fail(const char *fmt, ...)
{
	if (g_case_failed) {
		return; /* report the first failure of a case */
	}
	va_list va;
	va_start(va, fmt);
	vsnprintf(g_fail_msg, sizeof(g_fail_msg), fmt, va);
	va_end(va);
	g_case_failed = 1;
}

static int case_end(void)
{
	if (g_case_failed) {
		g_failed++;
		if (g_failed <= 60) {
			printf("  FAILED %s: %s\n", g_case_name, g_fail_msg);
		}
		return 0;
	}
	g_passed++;
	if (g_verbose) {
		printf("  ok %s\n", g_case_name);
	}
	return 1;
}

static void on_alarm(int sig)
{
	(void)sig;
	static const char m[] = "crash: a case hung (alarm): ";
	if (write(2, m, sizeof(m) - 1) < 0 ||
	    write(2, g_case_name, strlen(g_case_name)) < 0 || write(2, "\n", 1) < 0) {
		_exit(2);
	}
	_exit(2);
}

/* Wait for a child at most `ms` milliseconds; SIGKILL it after that.
 * Returns its wait status, or -1 if it had to be killed. */
static int wait_child(pid_t pid, int ms)
{
	int status;
	for (int i = 0; i < ms * 2; i++) {
		pid_t r = waitpid(pid, &status, WNOHANG);
		if (r == pid) {
			return status;
		}
		if (r < 0 && errno != EINTR) {
			return -2;
		}
		usleep(500);
	}
	kill(pid, SIGKILL);
	waitpid(pid, &status, 0);
	return -1;
}

static bool killed_by_sigkill(int status)
{
	return status >= 0 && WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
}

static bool exited_ok(int status, int code)
{
	return status >= 0 && WIFEXITED(status) && WEXITSTATUS(status) == code;
}

/* Is process pid asleep (blocked in the kernel, e.g. on a futex)? */
static bool proc_sleeping(pid_t pid)
{
	char path[64], buf[512];
	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	int fd = open(path, O_RDONLY);
	if (fd < 0) {
		return false;
	}
	ssize_t n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0) {
		return false;
	}
	buf[n] = '\0';
	char *p = strrchr(buf, ')');
	return p != NULL && p[1] == ' ' && p[2] == 'S';
}

/* Wait until pid sleeps for a while (it is blocked on a lock): asleep in
 * at least 18 of the last 20 looks, 0.5 ms apart. A waiter on a lock wakes
 * every 10 ms to try it again (shmt_lock_acquire()), so it is seen running
 * now and then; a process that is not blocked is seen running most of the
 * time. */
static bool wait_blocked(pid_t pid)
{
	uint32_t seen = 0; /* one bit a look, the newest lowest */
	for (int i = 0; i < 4000; i++) {
		seen = (seen << 1) | (proc_sleeping(pid) ? 1u : 0u);
		if (i >= 19 && __builtin_popcount(seen & 0xfffffu) >= 18) {
			return true;
		}
		usleep(500);
	}
	return false;
}

static int check_table(shmt_table *t, const char *when)
{
	char msg[256];
	if (shmt_check(t, msg, sizeof(msg)) != SHMT_OK) {
		case_fail("shmt_check %s: %s", when, msg);
		return -1;
	}
	return 0;
}

/* count() must equal the rows found by iterating. */
static void check_count(shmt_table *t, const dump *d, const char *when)
{
	uint64_t c = shmt_count(t);
	if (c != d->n) {
		case_fail("count %" PRIu64 " but %u rows iterated %s", c, d->n, when);
	}
}

/* No row leaked: new keys go in until the table is full, and then it
 * holds exactly SIZE rows. */
static void check_capacity(shmt_table *t)
{
	uint64_t before = shmt_count(t), added = 0;
	shmt_value v = v_int(C_N, 1);
	for (uint32_t i = 0; i < 2 * SIZE; i++) {
		char key[32];
		snprintf(key, sizeof(key), "fill-%u", i);
		shmt_status st = shmt_set(t, key, strlen(key), &v, 1, SHMT_INSERT_ONLY, NULL);
		if (st == SHMT_FULL) {
			break;
		}
		if (st != SHMT_OK) {
			case_fail("filling the table: %s", shmt_status_message(st));
			return;
		}
		added++;
	}
	if (before + added != SIZE || shmt_count(t) != SIZE) {
		case_fail("only %" PRIu64 " rows fit (%" PRIu64 " there + %" PRIu64
		          " new; count %" PRIu64 "): a row leaked",
		          before + added, before, added, shmt_count(t));
	}
	check_table(t, "when full");
}

/* The record a full-row write of `key` with these values makes. */
static void rec_of_write(shmt_table *t, const char *key, const shmt_value *vals, uint32_t nv,
                         rec *out)
{
	/* Build a private image through a scratch table would be overkill:
	 * write into a one-row table and read it back. */
	static shmt_table *scratch;
	if (scratch == NULL) {
		scratch = mk_table();
	}
	(void)t;
	shmt_del(scratch, key, strlen(key), NULL, 0, NULL);
	if (shmt_set(scratch, key, strlen(key), vals, nv, SHMT_UPSERT, NULL) != SHMT_OK ||
	    shmt_get(scratch, key, strlen(key), g_img) != SHMT_OK) {
		fprintf(stderr, "scratch table failed\n");
		exit(2);
	}
	rec_from_img(scratch, g_img, out);
	shmt_del(scratch, key, strlen(key), NULL, 0, NULL);
}

/* The whole-row values a follow-up write uses. */
static uint32_t followup_values(shmt_value *vals, int64_t n)
{
	vals[0] = v_int(C_N, n);
	vals[1] = v_float(C_F, 0.125);
	vals[2] = v_str(C_S, "after", 5);
	vals[3] = v_str(C_BIG, fill(3, 'x', BIG - 100, 9), BIG - 100);
	return 4;
}

/* ------------------------------------------------------------------ */
/* The matrix: one operation, killed at one hook point, one way of coming
 * next                                                                  */

enum variant {
	VAR_READ,
	VAR_WRITE,
	VAR_OTHER,
	VAR_DOUBLE,
	VAR_NEW_OTHER,
	VAR_INCR_OTHER,
	VAR_COUNT,
	NVARIANTS
};
static const char *const g_variant_names[NVARIANTS] = {
    "read-next",         "write-next",           "other-stripe-first", "crash-in-recovery",
    "new-key-elsewhere", "incr-new-elsewhere",   "count-first"};

static void new_key_in_stripe(shmt_table *t, uint32_t stripe, int same, char *out, size_t n);

/* Reference run: the hook points the operation passes, and the table after
 * it. Returns the operation's status. */
static shmt_status reference(const opdesc *op, const char *key, dump *after)
{
	shmt_table *r = mk_table();
	prepare_op(r, op);
	g_nsteps = 0;
	shmt_status st = do_op(r, op, key, hook_record);
	if (dump_table(r, after) != 0) {
		fprintf(stderr, "reference dump failed\n");
		exit(2);
	}
	shmt_close(r);
	return st;
}

/* References already computed for the operation under test, by key (the
 * same few keys come up again and again). */
typedef struct {
	char key[64];
	dump after;
	int steps[MAX_STEPS];
	int nsteps;
} ref_entry;
static ref_entry g_refs[16];
static int g_nrefs;

static void refs_clear(void)
{
	for (int i = 0; i < g_nrefs; i++) {
		dump_free(&g_refs[i].after);
	}
	g_nrefs = 0;
}

/* The rows after `op` on `key` (owned by the cache); g_steps/g_nsteps get
 * the hook points it passes. */
static const dump *reference_cached(const opdesc *op, const char *key)
{
	for (int i = 0; i < g_nrefs; i++) {
		if (strcmp(g_refs[i].key, key) == 0) {
			memcpy(g_steps, g_refs[i].steps, sizeof(g_steps));
			g_nsteps = g_refs[i].nsteps;
			return &g_refs[i].after;
		}
	}
	if (g_nrefs == (int)(sizeof(g_refs) / sizeof(g_refs[0]))) {
		refs_clear();
	}
	ref_entry *e = &g_refs[g_nrefs++];
	snprintf(e->key, sizeof(e->key), "%s", key);
	reference(op, key, &e->after);
	memcpy(e->steps, g_steps, sizeof(g_steps));
	e->nsteps = g_nsteps;
	return &e->after;
}

static void run_case(const opdesc *op, int kill_at, int step, enum variant var,
                     const dump *before, int round)
{
	shmt_table *t = mk_table();
	uint32_t nrows = op_rows(op);
	prepare_op(t, op);
	/* The key is picked on this table's own layout (each table has its own
	 * random hash seed), and the state after the operation is computed for
	 * that key on a reference table. */
	char key[64];
	select_key(t, op, nrows, key, sizeof(key));
	const dump *after = reference_cached(op, key);
	case_begin("round %d, %s: %s, key %s, killed at step %d (hook call %d), %s", round,
	           op->path, op->label, key, step, kill_at, g_variant_names[var]);
	if (g_nsteps < kill_at || g_steps[kill_at - 1] != step) {
		case_fail("the reference run passed other hook points");
	}
	alarm(60);
	size_t klen = strlen(key);
	uint64_t rec0 = recoveries(t);

	/* A key in another stripe, not the one under test (for VAR_OTHER). */
	char other[32] = "";
	for (uint32_t i = 0; i < nrows; i++) {
		key_name(other, sizeof(other), i);
		if (strcmp(other, key) != 0 && stripe_of_key(t, other) != stripe_of_key(t, key)) {
			break;
		}
	}

	/* A new key in another stripe (for VAR_NEW_OTHER, VAR_INCR_OTHER). */
	char fresh[32] = "";
	if (var == VAR_NEW_OTHER || var == VAR_INCR_OTHER) {
		new_key_in_stripe(t, stripe_of_key(t, key), 0, fresh, sizeof(fresh));
	}

	pid_t pid = fork();
	if (pid < 0) {
		perror("fork");
		exit(2);
	}
	if (pid == 0) {
		alarm(30);
		g_kill_at = kill_at;
		g_calls = 0;
		do_op(t, op, key, hook_kill);
		_exit(0);
	}
	int status = wait_child(pid, 20000);
	if (!killed_by_sigkill(status)) {
		case_fail("the child was not killed at hook call %d (wait status %d)", kill_at, status);
	}

	/* 1. Ways of coming next that must come before anything else (the
	 * iteration below included) touches the table: a new key written into
	 * another stripe, whose answer must be FULL exactly when SIZE rows are
	 * stored, or count(), which must equal the rows stored. */
	shmt_status first_st = SHMT_OK;
	uint64_t first_count = 0;
	rec fresh_rec;
	memset(&fresh_rec, 0, sizeof(fresh_rec));
	if (var == VAR_NEW_OTHER || var == VAR_INCR_OTHER) {
		shmt_value nv[NCOLS];
		uint32_t nn;
		if (var == VAR_NEW_OTHER) {
			nn = followup_values(nv, 2024);
			first_st = shmt_set(t, fresh, strlen(fresh), nv, nn, SHMT_INSERT_ONLY, NULL);
		} else {
			int64_t r;
			nv[0] = v_int(C_N, 3);
			nn = 1;
			first_st = shmt_incr_int(t, fresh, strlen(fresh), C_N, 3, &r);
		}
		if (first_st == SHMT_OK) {
			rec_of_write(t, fresh, nv, nn, &fresh_rec);
		} else if (first_st != SHMT_FULL) {
			case_fail("a new key in another stripe after the kill: %s",
			          shmt_status_message(first_st));
		}
	} else if (var == VAR_COUNT) {
		first_count = shmt_count(t);
	}

	/* 2. What a reader sees now (without the new key, if it went in). */
	dump now = {0}, now_wo = {0}, final = {0}, expect_final = {0};
	const dump *seen = &now;
	int which = -1; /* 0 before, 1 after */
	if (dump_table(t, &now) != 0) {
		case_fail("iterating after the kill failed");
	} else {
		if (fresh[0] != '\0' && first_st == SHMT_OK) {
			const rec *fr = dump_find(&now, fresh);
			if (fr == NULL || !rec_eq(fr, &fresh_rec)) {
				case_fail("the new key %s written in another stripe is %s", fresh,
				          fr == NULL ? "missing" : "not what was written");
			}
			dump_with(&now, fresh, NULL, &now_wo);
			seen = &now_wo;
		}
		if (dump_eq(seen, before)) {
			which = 0;
		} else if (dump_eq(seen, after)) {
			which = 1;
		} else {
			char d1[128], d2[128];
			dump_diff(seen, before, d1, sizeof(d1));
			dump_diff(seen, after, d2, sizeof(d2));
			case_fail("rows are neither the state before (%s) nor after (%s) the operation", d1,
			          d2);
		}
	}
	const dump *chosen = which == 1 ? after : before;
	if (which >= 0 && fresh[0] != '\0') {
		shmt_status want = chosen->n < SIZE ? SHMT_OK : SHMT_FULL;
		if (first_st != want) {
			case_fail("a new key in another stripe after the kill: %s with %u rows stored, "
			          "expected %s",
			          shmt_status_message(first_st), chosen->n, shmt_status_message(want));
		}
	}
	if (which >= 0 && var == VAR_COUNT && first_count != chosen->n) {
		case_fail("count() after the kill is %" PRIu64 " with %u rows stored", first_count,
		          chosen->n);
	}

	/* 3. The next access (for the first three ways, it came already). */
	shmt_value fv[NCOLS];
	uint32_t nfv;
	rec frec;
	memset(&frec, 0, sizeof(frec));
	switch (var) {
	case VAR_READ: {
		/* A reader must not wait on the dead writer's odd counter: it
		 * answers at once (within 1 s with SHMTABLE_TIMING_TESTS=1, else
		 * within 10 s, however loaded the machine). */
		struct timespec r0, r1;
		clock_gettime(CLOCK_MONOTONIC, &r0);
		shmt_status st = shmt_get(t, key, klen, g_img);
		clock_gettime(CLOCK_MONOTONIC, &r1);
		double waited = (r1.tv_sec - r0.tv_sec) + (r1.tv_nsec - r0.tv_nsec) / 1e9;
		const char *timing = getenv("SHMTABLE_TIMING_TESTS");
		double limit = timing != NULL && strcmp(timing, "1") == 0 ? 1.0 : 10.0;
		if (waited > limit) {
			case_fail("a read after the kill took %.2f s", waited);
		}
		const rec *want = dump_find(chosen, key);
		if (st == SHMT_OK) {
			rec got;
			rec_from_img(t, g_img, &got);
			if (want == NULL || !rec_eq(&got, want)) {
				case_fail("get after the kill returned a row that the table does not hold");
			}
			free(got.data);
		} else if (st != SHMT_NOT_FOUND || want != NULL) {
			case_fail("get after the kill: %s", shmt_status_message(st));
		}
		dump_with(chosen, key, want, &expect_final);
		break;
	}
	case VAR_WRITE: {
		nfv = followup_values(fv, 31337);
		shmt_status st = shmt_set(t, key, klen, fv, nfv, SHMT_UPSERT, NULL);
		bool present = dump_find(chosen, key) != NULL;
		shmt_status want = present || chosen->n < SIZE ? SHMT_OK : SHMT_FULL;
		if (st != want) {
			case_fail("set of the same key after the kill: %s, expected %s",
			          shmt_status_message(st), shmt_status_message(want));
		}
		if (want == SHMT_OK) {
			rec_of_write(t, key, fv, nfv, &frec);
			dump_with(chosen, key, &frec, &expect_final);
		} else {
			dump_with(chosen, key, dump_find(chosen, key), &expect_final);
		}
		break;
	}
	case VAR_OTHER: {
		nfv = followup_values(fv, 4711);
		shmt_status st = shmt_set(t, other, strlen(other), fv, nfv, SHMT_UPSERT, NULL);
		if (st != SHMT_OK) {
			case_fail("set of %s (another stripe) after the kill: %s", other,
			          shmt_status_message(st));
		}
		rec_of_write(t, other, fv, nfv, &frec);
		dump_with(chosen, other, &frec, &expect_final);
		break;
	}
	case VAR_DOUBLE: {
		/* A second process repairs and dies at its first hook point. */
		pid_t p2 = fork();
		if (p2 == 0) {
			alarm(30);
			g_kill_at = 1;
			g_calls = 0;
			shmt_step_hook = hook_kill;
			char msg[256];
			_exit(shmt_check(t, msg, sizeof(msg)) == SHMT_OK ? 0 : 1);
		}
		int s2 = wait_child(p2, 20000);
		if (killed_by_sigkill(s2)) {
			g_double_faults++;
		} else if (!exited_ok(s2, 0)) {
			case_fail("the repairing process failed (wait status %d)", s2);
		}
		dump_with(chosen, key, dump_find(chosen, key), &expect_final);
		/* The rows must still be one of the two states. */
		dump mid = {0};
		if (dump_table(t, &mid) != 0 || !dump_eq(&mid, chosen)) {
			case_fail("rows changed by a repair that died");
		}
		dump_free(&mid);
		break;
	}
	case VAR_NEW_OTHER:
	case VAR_INCR_OTHER:
		dump_with(chosen, fresh, first_st == SHMT_OK ? &fresh_rec : NULL, &expect_final);
		break;
	case VAR_COUNT:
		dump_with(chosen, key, dump_find(chosen, key), &expect_final);
		break;
	default:
		break;
	}

	/* 4. Repaired: every invariant holds, recoveries counted, count exact. */
	check_table(t, "after the next access");
	if (recoveries(t) <= rec0) {
		case_fail("lock_recoveries did not go up (%" PRIu64 ")", recoveries(t));
	}
	if (dump_table(t, &final) != 0) {
		case_fail("iterating after the repair failed");
	} else {
		check_count(t, &final, "after the repair");
		if (which >= 0 && !dump_eq(&final, &expect_final)) {
			char d[128];
			dump_diff(&final, &expect_final, d, sizeof(d));
			case_fail("rows after the repair are not the expected ones: %s", d);
		}
	}

	/* 5. The table still takes writes on that key and that stripe. */
	nfv = followup_values(fv, 99);
	shmt_status st = shmt_set(t, key, klen, fv, nfv, SHMT_UPSERT, NULL);
	if (st != SHMT_OK && !(st == SHMT_FULL && shmt_count(t) == SIZE)) {
		case_fail("a write after the repair: %s", shmt_status_message(st));
	}
	if (shmt_del(t, key, klen, NULL, 0, NULL) != SHMT_OK && st == SHMT_OK) {
		case_fail("a delete after the repair failed");
	}
	check_table(t, "after more writes");
	check_capacity(t);
	dump_free(&now);
	dump_free(&now_wo);
	dump_free(&final);
	dump_free(&expect_final);
	free(frec.data);
	free(fresh_rec.data);
	shmt_close(t);
	alarm(0);
	case_end();
}

typedef struct {
	const char *path;
	int cases, failed;
	int steps[MAX_STEPS];
	int nsteps;
	int xsteps[MAX_STEPS]; /* steps that had the cross-stripe ways this round */
	int nxsteps;
} path_sum;

static path_sum g_paths[32];
static int g_npaths;

static path_sum *path_get(const char *name)
{
	for (int i = 0; i < g_npaths; i++) {
		if (strcmp(g_paths[i].path, name) == 0) {
			return &g_paths[i];
		}
	}
	path_sum *p = &g_paths[g_npaths++];
	memset(p, 0, sizeof(*p));
	p->path = name;
	return p;
}

static void path_add_step(path_sum *p, int step)
{
	for (int i = 0; i < p->nsteps; i++) {
		if (p->steps[i] == step) {
			return;
		}
	}
	if (p->nsteps < MAX_STEPS) {
		p->steps[p->nsteps++] = step;
	}
}

/* The ways of coming next that cross stripes (new key elsewhere, incr of
 * a new key elsewhere, count() first) depend on the path (how full the
 * table is, which rows are in flight) and the step, not on which key of a
 * chain the operation writes: they run once per path and step (with the
 * first operation of the path that passes that step). 1 if `step` of `p`
 * has not had them yet this round (1000 x n + step: its n+1-th pass). */
static int path_take_xstep(path_sum *p, int step)
{
	for (int i = 0; i < p->nxsteps; i++) {
		if (p->xsteps[i] == step) {
			return 0;
		}
	}
	if (p->nxsteps < MAX_STEPS) {
		p->xsteps[p->nxsteps++] = step;
	}
	return 1;
}

static void run_matrix(int round, const opdesc *ops, size_t nops)
{
	for (int i = 0; i < g_npaths; i++) {
		g_paths[i].nxsteps = 0;
	}
	const char *only = getenv("SHMT_CRASH_PATH");
	for (size_t o = 0; o < nops; o++) {
		const opdesc *op = &ops[o];
		if (only != NULL && *only != '\0' && strcmp(only, op->path) != 0) {
			continue;
		}
		path_sum *ps = path_get(op->path);
		uint32_t nrows = op_rows(op);
		/* The rows before: the same whatever the seed, except for
		 * KEPT_FULL(_OWN), whose tables all get one seed (new each round). */
		uint8_t seed[16];
		memset(seed, 0x5a, sizeof(seed));
		seed[0] = (uint8_t)round;
		shmt_test_seed = op->kept >= KEPT_FULL ? seed : NULL;
		dump before = {0}, after = {0};
		shmt_table *b = mk_table();
		prepare_op(b, op);
		dump_table(b, &before);
		char key[64];
		select_key(b, op, nrows, key, sizeof(key));
		shmt_close(b);
		/* The hook points this operation passes. */
		reference(op, key, &after);
		int steps[MAX_STEPS], nsteps = g_nsteps;
		memcpy(steps, g_steps, sizeof(steps));
		dump_free(&after);
		if (nsteps == 0) {
			case_begin("round %d, %s: %s", round, op->path, op->label);
			case_fail("the operation passed no hook point");
			case_end();
			ps->cases++, ps->failed++;
		}
		for (int k = 0; k < nsteps; k++) {
			path_add_step(ps, steps[k]);
			/* A step passed twice (an insert retried after handing kept
			 * rows back) is two kill points: tell them apart. */
			int again = 0;
			for (int j = 0; j < k; j++) {
				again += steps[j] == steps[k];
			}
			int nv = path_take_xstep(ps, steps[k] + 1000 * again) ? NVARIANTS : VAR_NEW_OTHER;
			for (int v = 0; v < nv; v++) {
				run_case(op, k + 1, steps[k], (enum variant)v, &before, round);
				ps->cases++;
				ps->failed += g_case_failed;
			}
		}
		dump_free(&before);
		refs_clear();
		shmt_test_seed = NULL;
	}
}

/* ------------------------------------------------------------------ */
/* Processes waiting for a lock                                         */

/* Fork a child that runs `op` on `key` and pauses at `step` while holding
 * that step's locks. Returns its pid; *go is the pipe end to release it. */
static pid_t fork_paused(shmt_table *t, const opdesc *op, const char *key, int step, int *go)
{
	int up[2], down[2];
	if (pipe(up) != 0 || pipe(down) != 0) {
		perror("pipe");
		exit(2);
	}
	pid_t pid = fork();
	if (pid == 0) {
		alarm(30);
		close(up[0]);
		close(down[1]);
		g_pause_step = step;
		g_pause_out = up[1];
		g_pause_in = down[0];
		shmt_status st = do_op(t, op, key, hook_pause);
		_exit(st == SHMT_OK ? 0 : 10 + (int)st);
	}
	close(up[1]);
	close(down[0]);
	char c;
	if (read(up[0], &c, 1) != 1) {
		case_fail("the holder never reached step %d", step);
	}
	close(up[0]);
	*go = down[1];
	return pid;
}

static void release_paused(int go)
{
	char c = 'g';
	if (write(go, &c, 1) != 1) {
		/* the child is gone; its wait status tells */
	}
	close(go);
}

/* Child running one write without a hook; exit 0 when it returned OK. */
static pid_t fork_writer(shmt_table *t, const opdesc *op, const char *key)
{
	pid_t pid = fork();
	if (pid == 0) {
		alarm(30);
		shmt_status st = do_op(t, op, key, NULL);
		_exit(st == SHMT_OK ? 0 : 10 + (int)st);
	}
	return pid;
}

/* Key among the prepared rows in the given stripe (same == 1) or not. */
static void key_in_stripe(shmt_table *t, uint32_t stripe, int same, const char *not_this,
                          char *out, size_t n)
{
	for (uint32_t i = 0; i < NPREP; i++) {
		key_name(out, n, i);
		if (strcmp(out, not_this) != 0 && (stripe_of_key(t, out) == stripe) == (same != 0)) {
			return;
		}
	}
	fprintf(stderr, "no key in %s stripe %u\n", same ? "the" : "another than", stripe);
	exit(2);
}

static void new_key_in_stripe(shmt_table *t, uint32_t stripe, int same, char *out, size_t n)
{
	for (uint32_t i = 0; i < 100000; i++) {
		snprintf(out, n, "fresh-%u", i);
		if ((stripe_of_key(t, out) == stripe) == (same != 0)) {
			return;
		}
	}
	exit(2);
}

static const opdesc OP_INSERT_BIG = {"wait", "insert", OP_SET, KEY_NEW, 0, 1, 0, 0, KEPT_NONE};
static const opdesc OP_REPLACE_BIG = {"wait", "replace", OP_SET, KEY_MID, 0, 1, 0, 0, KEPT_NONE};
static const opdesc OP_INCR = {"wait", "incr", OP_INCR_INT, KEY_MID, 0, 0, 0, 0, KEPT_NONE};

/* Expected rows after `op` on `key` alone, from a reference table. */
static void expect_after(const opdesc *op, const char *key, dump *out)
{
	reference(op, key, out);
}

/* Expected rows after op1 on key1 then op2 on key2 (when both applied). */
static void expect_after2(const opdesc *op1, const char *key1, const opdesc *op2,
                          const char *key2, dump *out)
{
	shmt_table *r = mk_table();
	prepare(r, NPREP);
	if (op1 != NULL) {
		do_op(r, op1, key1, NULL);
	}
	if (op2 != NULL) {
		do_op(r, op2, key2, NULL);
	}
	dump_table(r, out);
	shmt_close(r);
}

static void compare_rows(shmt_table *t, const dump *want, const char *what)
{
	dump d = {0};
	if (dump_table(t, &d) != 0) {
		case_fail("iterating failed");
		return;
	}
	if (!dump_eq(&d, want)) {
		char diff[128];
		dump_diff(&d, want, diff, sizeof(diff));
		case_fail("rows are not %s: %s", what, diff);
	}
	check_count(t, &d, "");
	dump_free(&d);
}

/* A waiter killed while blocked on a stripe lock: the holder finishes, the
 * lock is not disturbed, nothing is counted as recovered. */
static void wait_stripe_waiter_killed(int round)
{
	path_sum *ps = path_get("wait");
	case_begin("round %d, wait: writer killed while waiting for a stripe lock", round);
	alarm(60);
	shmt_table *t = mk_table();
	prepare(t, NPREP);
	char x[32], y[32];
	new_key_in_stripe(t, 0, 1, x, sizeof(x));
	key_in_stripe(t, stripe_of_key(t, x), 1, x, y, sizeof(y));
	uint64_t rec0 = recoveries(t);
	int go;
	pid_t a = fork_paused(t, &OP_INSERT_BIG, x, SHMT_STEP_INSERT_ROW_WRITTEN, &go);
	pid_t b = fork_writer(t, &OP_REPLACE_BIG, y);
	if (!wait_blocked(b)) {
		case_fail("the second writer did not block on the stripe lock");
	}
	kill(b, SIGKILL);
	int sb = wait_child(b, 5000);
	if (!killed_by_sigkill(sb)) {
		case_fail("the waiting writer was not killed while waiting (status %d)", sb);
	}
	release_paused(go);
	int sa = wait_child(a, 10000);
	if (!exited_ok(sa, 0)) {
		case_fail("the lock holder did not finish after a waiter died (status %d)", sa);
	}
	dump want = {0};
	expect_after(&OP_INSERT_BIG, x, &want);
	compare_rows(t, &want, "the holder's write alone");
	check_table(t, "after a waiter died");
	if (recoveries(t) != rec0) {
		case_fail("a dead waiter counted as a lock recovery");
	}
	if (do_op(t, &OP_REPLACE_BIG, y, NULL) != SHMT_OK) {
		case_fail("the stripe takes no write after a waiter died");
	}
	check_table(t, "after one more write");
	dump_free(&want);
	check_capacity(t);
	shmt_close(t);
	alarm(0);
	ps->cases++;
	ps->failed += !case_end();
}

/* A writer killed while blocked on the allocator lock, holding its own
 * stripe lock: the allocator holder finishes; the writer's stripe is
 * repaired by its next locker. */
static void wait_alloc_waiter_killed(int round)
{
	path_sum *ps = path_get("wait");
	case_begin("round %d, wait: writer killed while waiting for the allocator lock", round);
	alarm(60);
	shmt_table *t = mk_table();
	prepare(t, NPREP);
	char x[32], y[32];
	new_key_in_stripe(t, 0, 1, x, sizeof(x));
	new_key_in_stripe(t, stripe_of_key(t, x), 0, y, sizeof(y));
	uint64_t rec0 = recoveries(t);
	int go;
	pid_t a = fork_paused(t, &OP_INSERT_BIG, x, SHMT_STEP_POP_FREE_TAKEN, &go);
	pid_t b = fork_writer(t, &OP_INSERT_BIG, y);
	if (!wait_blocked(b)) {
		case_fail("the second writer did not block on the allocator lock");
	}
	kill(b, SIGKILL);
	int sb = wait_child(b, 5000);
	if (!killed_by_sigkill(sb)) {
		case_fail("the waiting writer was not killed while waiting (status %d)", sb);
	}
	release_paused(go);
	int sa = wait_child(a, 10000);
	if (!exited_ok(sa, 0)) {
		case_fail("the allocator holder did not finish after a waiter died (status %d)", sa);
	}
	dump want = {0};
	expect_after(&OP_INSERT_BIG, x, &want);
	compare_rows(t, &want, "the holder's insert alone");
	if (shmt_get(t, y, strlen(y), g_img) != SHMT_NOT_FOUND) {
		case_fail("the killed writer's insert is visible");
	}
	/* Its stripe lock is owner-dead: the next writer there repairs. */
	if (do_op(t, &OP_INSERT_BIG, y, NULL) != SHMT_OK) {
		case_fail("no write possible in the dead waiter's stripe");
	}
	check_table(t, "after the repair");
	if (recoveries(t) <= rec0) {
		case_fail("the dead writer's stripe lock was not recovered");
	}
	dump want2 = {0};
	expect_after2(&OP_INSERT_BIG, x, &OP_INSERT_BIG, y, &want2);
	compare_rows(t, &want2, "both inserts");
	dump_free(&want);
	dump_free(&want2);
	check_capacity(t);
	shmt_close(t);
	alarm(0);
	ps->cases++;
	ps->failed += !case_end();
}

/* The holder of a stripe lock is killed (at `step` of `op`) while a
 * writer and a reader wait for it: both take over and finish. */
static void wait_stripe_holder_killed(int round, const opdesc *op, int step)
{
	path_sum *ps = path_get("wait");
	case_begin("round %d, wait: %s holder killed at step %d with a writer and a reader waiting",
	           round, op->label, step);
	alarm(60);
	shmt_table *t = mk_table();
	prepare(t, NPREP);
	char x[64];
	if (op->key == KEY_NEW) {
		new_key_in_stripe(t, 0, 1, x, sizeof(x));
	} else {
		select_key(t, op, NPREP, x, sizeof(x));
	}
	uint64_t rec0 = recoveries(t);
	int go;
	pid_t a = fork_paused(t, op, x, step, &go);
	/* The writer sets x to the follow-up values. */
	pid_t b = fork();
	if (b == 0) {
		alarm(30);
		shmt_value fv[NCOLS];
		uint32_t nfv = followup_values(fv, 555);
		_exit(shmt_set(t, x, strlen(x), fv, nfv, SHMT_UPSERT, NULL) == SHMT_OK ? 0 : 1);
	}
	/* The reader: exit 0 if it saw the row before (or absent), 1 if it
	 * saw the holder's write, 2 if it saw the writer's, 3 otherwise. */
	dump before = {0}, after_a = {0}, after_ab = {0};
	shmt_table *r = mk_table();
	prepare(r, NPREP);
	dump_table(r, &before);
	shmt_close(r);
	expect_after(op, x, &after_a);
	rec wrec;
	shmt_value fv[NCOLS];
	uint32_t nfv = followup_values(fv, 555);
	rec_of_write(t, x, fv, nfv, &wrec);
	pid_t c = fork();
	if (c == 0) {
		alarm(30);
		shmt_status st = shmt_get(t, x, strlen(x), g_img);
		const rec *rb = dump_find(&before, x), *ra = dump_find(&after_a, x);
		if (st == SHMT_NOT_FOUND) {
			_exit(rb == NULL ? 0 : ra == NULL ? 1 : 3);
		}
		if (st != SHMT_OK) {
			_exit(4);
		}
		rec got;
		rec_from_img(t, g_img, &got);
		_exit(rb && rec_eq(&got, rb) ? 0 : ra && rec_eq(&got, ra) ? 1 : rec_eq(&got, &wrec) ? 2 : 3);
	}
	if (!wait_blocked(b)) {
		case_fail("the writer did not block on the stripe lock");
	}
	/* The reader blocks only if the holder left the stripe odd; it may
	 * also have read (lock-free) already. Give it a moment either way. */
	usleep(20000);
	kill(a, SIGKILL);
	int sa = wait_child(a, 5000);
	if (!killed_by_sigkill(sa)) {
		case_fail("the holder was not killed (status %d)", sa);
	}
	int sb = wait_child(b, 10000), sc = wait_child(c, 10000);
	if (!exited_ok(sb, 0)) {
		case_fail("the waiting writer did not finish after the holder died (status %d)", sb);
	}
	if (sc < 0 || !WIFEXITED(sc) || WEXITSTATUS(sc) > 2) {
		case_fail("the waiting reader saw a row that was never written (status %d)", sc);
	}
	check_table(t, "after the holder died");
	if (recoveries(t) <= rec0) {
		case_fail("lock_recoveries did not go up");
	}
	/* The holder's write is all or nothing; the writer's is on top. */
	dump got = {0}, want_b = {0}, want_ab = {0};
	dump_table(t, &got);
	check_count(t, &got, "");
	dump_with(&before, x, &wrec, &want_b);
	dump_with(&after_a, x, &wrec, &want_ab);
	if (!dump_eq(&got, &want_b) && !dump_eq(&got, &want_ab)) {
		char d[128];
		dump_diff(&got, &want_b, d, sizeof(d));
		case_fail("rows after the takeover are not the expected ones: %s", d);
	}
	dump_free(&got);
	dump_free(&want_b);
	dump_free(&want_ab);
	dump_free(&before);
	dump_free(&after_a);
	dump_free(&after_ab);
	free(wrec.data);
	check_capacity(t);
	shmt_close(t);
	alarm(0);
	ps->cases++;
	ps->failed += !case_end();
}

/* The allocator holder is killed (in the middle of a pop) while a writer
 * of another stripe waits for the allocator: the writer takes over. */
static void wait_alloc_holder_killed(int round, int step)
{
	path_sum *ps = path_get("wait");
	case_begin("round %d, wait: allocator holder killed at step %d with a writer waiting", round,
	           step);
	alarm(60);
	shmt_table *t = mk_table();
	prepare(t, NPREP);
	char x[32], y[32];
	new_key_in_stripe(t, 0, 1, x, sizeof(x));
	new_key_in_stripe(t, stripe_of_key(t, x), 0, y, sizeof(y));
	uint64_t rec0 = recoveries(t);
	int go;
	pid_t a = fork_paused(t, &OP_INSERT_BIG, x, step, &go);
	pid_t b = fork_writer(t, &OP_INSERT_BIG, y);
	if (!wait_blocked(b)) {
		case_fail("the writer did not block on the allocator lock");
	}
	kill(a, SIGKILL);
	int sa = wait_child(a, 5000);
	if (!killed_by_sigkill(sa)) {
		case_fail("the holder was not killed (status %d)", sa);
	}
	int sb = wait_child(b, 10000);
	if (!exited_ok(sb, 0)) {
		case_fail("the waiting writer did not finish after the holder died (status %d)", sb);
	}
	if (shmt_get(t, x, strlen(x), g_img) != SHMT_NOT_FOUND) {
		case_fail("the dead holder's unpublished insert is visible");
	}
	check_table(t, "after the holder died");
	if (recoveries(t) <= rec0) {
		case_fail("lock_recoveries did not go up");
	}
	dump want = {0};
	expect_after2(NULL, NULL, &OP_INSERT_BIG, y, &want);
	compare_rows(t, &want, "the waiter's insert alone");
	dump_free(&want);
	check_capacity(t);
	shmt_close(t);
	alarm(0);
	ps->cases++;
	ps->failed += !case_end();
}

/* shmt_check() holds every stripe lock and then the allocator lock; a
 * process killed in there leaves all of them to be taken over. */
static void check_holder_killed(int round)
{
	path_sum *ps = path_get("wait");
	case_begin("round %d, wait: processes killed while running shmt_check() (every lock held)",
	           round);
	alarm(60);
	shmt_table *t = mk_table();
	prepare(t, NPREP);
	dump before = {0};
	dump_table(t, &before);
	uint64_t rec0 = recoveries(t);
	for (int i = 0; i < 20; i++) {
		pid_t pid = fork();
		if (pid == 0) {
			alarm(30);
			char msg[256];
			for (;;) {
				if (shmt_check(t, msg, sizeof(msg)) != SHMT_OK) {
					fprintf(stderr, "check in the child: %s\n", msg);
					_exit(1);
				}
			}
		}
		usleep(2000 + (useconds_t)(i * 397) % 3000);
		kill(pid, SIGKILL);
		int st = wait_child(pid, 10000);
		if (!killed_by_sigkill(st)) {
			case_fail("the checking process failed (wait status %d)", st);
		}
	}
	compare_rows(t, &before, "unchanged");
	check_table(t, "after the checkers died");
	if (recoveries(t) <= rec0) {
		case_fail("no lock was recovered (did no kill land inside shmt_check?)");
	}
	if (do_op(t, &OP_REPLACE_BIG, "row-001", NULL) != SHMT_OK) {
		case_fail("no write possible after the checkers died");
	}
	check_capacity(t);
	dump_free(&before);
	shmt_close(t);
	alarm(0);
	ps->cases++;
	ps->failed += !case_end();
}

/* A waiter that the unlock woke is killed before it runs, while another
 * process took the lock in between: the lock word then says nobody waits,
 * and the other waiters must still get the lock once it is free (the
 * kernel wakes nobody for them). The woken waiter is kept from running by
 * a lower scheduling class and a busy process on its CPU; the case is
 * tried several times, and `set up` counts the times the waiter was indeed
 * killed still waiting. */
static pid_t g_victim;
static int g_wakeup_races;

static void hook_kill_victim(int step)
{
	(void)step;
	if (g_victim > 0) {
		kill(g_victim, SIGKILL);
		int st;
		if (waitpid(g_victim, &st, 0) == g_victim && killed_by_sigkill(st)) {
			g_wakeup_races++;
		}
		g_victim = 0;
	}
}

static int first_cpu(void)
{
	cpu_set_t cs;
	CPU_ZERO(&cs);
	if (sched_getaffinity(0, sizeof(cs), &cs) == 0) {
		for (int c = 0; c < CPU_SETSIZE; c++) {
			if (CPU_ISSET(c, &cs)) {
				return c;
			}
		}
	}
	return 0;
}

static void pin_to(int cpu)
{
	cpu_set_t cs;
	CPU_ZERO(&cs);
	CPU_SET(cpu, &cs);
	if (sched_setaffinity(0, sizeof(cs), &cs) != 0) {
		/* then it merely runs anywhere */
	}
}

static void wait_woken_waiter_killed(int round)
{
	path_sum *ps = path_get("wait");
	case_begin("round %d, wait: a woken waiter killed before it runs, the lock taken meanwhile",
	           round);
	alarm(120);
	int cpu = first_cpu();
	int races0 = g_wakeup_races;
	for (int attempt = 0; attempt < 5 && !g_case_failed; attempt++) {
		shmt_table *t = mk_table();
		prepare(t, NPREP);
		/* Four rows of one stripe: of the stripe that holds the most of
		 * the prepared rows (NPREP rows in nstripes stripes: at least
		 * NPREP / nstripes there, whatever the table's hash seed). */
		char k4[4][32];
		int nk = 0;
		uint32_t s = 0, most = 0, ns = nstripes(t);
		for (uint32_t c = 0; c < ns; c++) {
			uint32_t n = 0;
			for (uint32_t i = 0; i < NPREP; i++) {
				key_name(k4[0], sizeof(k4[0]), i);
				n += stripe_of_key(t, k4[0]) == c;
			}
			if (n > most) {
				most = n;
				s = c;
			}
		}
		for (uint32_t i = 0; i < NPREP && nk < 4; i++) {
			key_name(k4[nk], sizeof(k4[nk]), i);
			if (stripe_of_key(t, k4[nk]) == s) {
				nk++;
			}
		}
		if (nk < 4) {
			fprintf(stderr, "no four rows in one stripe\n");
			exit(2);
		}
		const char *x = k4[0], *y = k4[1], *z = k4[2], *u = k4[3];
		/* H holds the stripe; W1 (kept from running once woken) and W2
		 * wait for it, in that order. */
		int go;
		pid_t h = fork_paused(t, &OP_REPLACE_BIG, x, SHMT_STEP_REPLACE_SPARE_TAKEN, &go);
		pid_t w1 = fork();
		if (w1 == 0) {
			alarm(30);
			pin_to(cpu);
			struct sched_param sp;
			memset(&sp, 0, sizeof(sp));
			if (sched_setscheduler(0, SCHED_IDLE, &sp) != 0) {
				/* without it the race is merely less likely */
			}
			_exit(do_op(t, &OP_REPLACE_BIG, y, NULL) == SHMT_OK ? 0 : 1);
		}
		if (!wait_blocked(w1)) {
			case_fail("the first waiter did not block on the stripe lock");
		}
		pid_t w2 = fork_writer(t, &OP_REPLACE_BIG, z);
		if (!wait_blocked(w2)) {
			case_fail("the second waiter did not block on the stripe lock");
		}
		pid_t hog = fork();
		if (hog == 0) {
			alarm(30);
			pin_to(cpu);
			for (;;) {
			}
		}
		usleep(5000);
		/* H unlocks (waking W1); this process takes the lock before W1
		 * runs and, holding it, kills W1. */
		release_paused(go);
		int sh = wait_child(h, 10000);
		g_victim = w1;
		if (do_op(t, &OP_INCR, u, hook_kill_victim) != SHMT_OK) {
			case_fail("the write that took the lock failed");
		}
		kill(hog, SIGKILL);
		wait_child(hog, 5000);
		if (g_victim > 0) {
			kill(w1, SIGKILL);
			wait_child(w1, 5000);
			g_victim = 0;
		}
		if (!exited_ok(sh, 0)) {
			case_fail("the lock holder did not finish (status %d)", sh);
		}
		int s2 = wait_child(w2, 3000);
		if (!exited_ok(s2, 0)) {
			case_fail("the other waiter never got the free lock (status %d)", s2);
		}
		check_table(t, "after the woken waiter died");
		shmt_close(t);
	}
	printf("woken waiter killed before it ran: set up %d of 5 times\n",
	       g_wakeup_races - races0);
	alarm(0);
	ps->cases++;
	ps->failed += !case_end();
}

/* ------------------------------------------------------------------ */
/* Lock slots                                                           */

/* A child that locks every stripe once (shmt_check()), so that it keeps a
 * lock slot of t, then waits until its pipe closes or it is killed. */
static pid_t fork_keeper(shmt_table *t, int *hold)
{
	int p[2], q[2];
	if (pipe(p) != 0 || pipe(q) != 0) {
		perror("pipe");
		exit(2);
	}
	pid_t pid = fork();
	if (pid == 0) {
		alarm(60);
		close(p[1]);
		close(q[0]);
		char msg[256], c = 'k';
		if (shmt_check(t, msg, sizeof(msg)) != SHMT_OK || write(q[1], &c, 1) != 1) {
			_exit(1);
		}
		while (read(p[0], &c, 1) > 0) {
		}
		_exit(0);
	}
	close(p[0]);
	close(q[1]);
	char c;
	if (read(q[0], &c, 1) != 1) {
		case_fail("a keeper did not lock the table");
	}
	close(q[0]);
	*hold = p[1];
	return pid;
}

static int g_die_step;
static void hook_die_at(int step)
{
	if (step == g_die_step) {
		raise(SIGKILL);
	}
}

/* Every slot that may be kept is kept (this process and two keepers of
 * the table's 4 slots), so a writer locks with a slot taken for that lock
 * alone: killed holding the stripe, its slot is found dead by the next
 * locker, who repairs. Then the keepers are killed while idle: their
 * slots are taken over by later writers, and nothing counts as a
 * recovery. */
static void slot_transient_holder_killed(int round, int step)
{
	path_sum *ps = path_get("slot");
	case_begin("round %d, slot: writer without a kept slot killed at step %d", round, step);
	alarm(60);
	shmt_table *t = mk_table();
	prepare(t, NPREP);
	int h1, h2;
	pid_t k1 = fork_keeper(t, &h1), k2 = fork_keeper(t, &h2);
	char x[32], y[32];
	new_key_in_stripe(t, 0, 1, x, sizeof(x));
	key_in_stripe(t, stripe_of_key(t, x), 1, x, y, sizeof(y));
	uint64_t rec0 = recoveries(t);
	int go;
	pid_t a = fork_paused(t, &OP_INSERT_BIG, x, step, &go);
	kill(a, SIGKILL);
	if (!killed_by_sigkill(wait_child(a, 5000))) {
		case_fail("the writer was not killed");
	}
	close(go);
	if (do_op(t, &OP_REPLACE_BIG, y, NULL) != SHMT_OK) {
		case_fail("no write in the dead writer's stripe");
	}
	/* Killed with a slot but no stripe: nothing to repair. */
	if (step == SHMT_STEP_SLOT_TAKEN ? recoveries(t) != rec0 : recoveries(t) <= rec0) {
		case_fail("lock_recoveries %" PRIu64 " after %" PRIu64, recoveries(t), rec0);
	}
	dump want = {0};
	expect_after2(step == SHMT_STEP_INSERT_LINKED ? &OP_INSERT_BIG : NULL, x, &OP_REPLACE_BIG, y,
	              &want);
	compare_rows(t, &want, "the repaired rows");
	check_table(t, "after the repair");
	uint64_t rec1 = recoveries(t);
	kill(k1, SIGKILL);
	kill(k2, SIGKILL);
	wait_child(k1, 5000);
	wait_child(k2, 5000);
	close(h1);
	close(h2);
	for (int i = 0; i < 6; i++) {
		pid_t w = fork_writer(t, &OP_REPLACE_BIG, y);
		if (!exited_ok(wait_child(w, 10000), 0)) {
			case_fail("a writer after the keepers died failed");
		}
	}
	if (recoveries(t) != rec1) {
		case_fail("idle keepers killed counted as lock recoveries");
	}
	check_table(t, "after the keepers died");
	dump_free(&want);
	check_capacity(t);
	shmt_close(t);
	alarm(0);
	ps->cases++;
	ps->failed += !case_end();
}

/* A writer killed at `step` holding the stripe; the process that takes its
 * slot over is killed in its turn at `second` (a slot taken, or the dead
 * holder's words marked): the next locker repairs all the same. */
static void slot_takeover_killed(int round, int step, int second)
{
	path_sum *ps = path_get("slot");
	case_begin("round %d, slot: holder killed at step %d, its taker killed at step %d", round,
	           step, second);
	alarm(60);
	shmt_table *t = mk_table();
	prepare(t, NPREP);
	char x[32], y[32];
	new_key_in_stripe(t, 0, 1, x, sizeof(x));
	key_in_stripe(t, stripe_of_key(t, x), 1, x, y, sizeof(y));
	uint64_t rec0 = recoveries(t);
	int go;
	pid_t a = fork_paused(t, &OP_INSERT_BIG, x, step, &go);
	kill(a, SIGKILL);
	if (!killed_by_sigkill(wait_child(a, 5000))) {
		case_fail("the writer was not killed");
	}
	close(go);
	pid_t b = fork();
	if (b == 0) {
		alarm(30);
		g_die_step = second;
		do_op(t, &OP_REPLACE_BIG, y, hook_die_at);
		_exit(0);
	}
	if (!killed_by_sigkill(wait_child(b, 10000))) {
		case_fail("the taker was not killed at step %d", second);
	}
	if (do_op(t, &OP_REPLACE_BIG, y, NULL) != SHMT_OK) {
		case_fail("no write in the dead writers' stripe");
	}
	if (recoveries(t) <= rec0) {
		case_fail("the dead writer's stripe was not recovered");
	}
	dump want = {0};
	expect_after2(step == SHMT_STEP_INSERT_LINKED ? &OP_INSERT_BIG : NULL, x, &OP_REPLACE_BIG, y,
	              &want);
	compare_rows(t, &want, "the repaired rows");
	check_table(t, "after the repair");
	for (int i = 0; i < 6; i++) {
		pid_t w = fork_writer(t, &OP_REPLACE_BIG, y);
		if (!exited_ok(wait_child(w, 10000), 0)) {
			case_fail("a writer after the repair failed");
		}
	}
	check_table(t, "after more writers");
	dump_free(&want);
	check_capacity(t);
	shmt_close(t);
	alarm(0);
	ps->cases++;
	ps->failed += !case_end();
}

/* More writers than lock slots (4), all at once: each increments one
 * counter; none is lost, none waits for good. */
static void slot_more_writers_than_slots(int round)
{
	path_sum *ps = path_get("slot");
	case_begin("round %d, slot: 12 writers, 4 lock slots", round);
	alarm(120);
	shmt_table *t = mk_table();
	prepare(t, NPREP);
	enum { NW = 12, PER = 400 };
	pid_t w[NW];
	for (int i = 0; i < NW; i++) {
		w[i] = fork();
		if (w[i] == 0) {
			alarm(60);
			int64_t r;
			for (int k = 0; k < PER; k++) {
				if (shmt_incr_int(t, "counter", 7, C_N, 1, &r) != SHMT_OK) {
					_exit(1);
				}
				if ((k & 63) == 0) {
					char msg[256];
					if (shmt_check(t, msg, sizeof(msg)) != SHMT_OK) {
						_exit(2);
					}
				}
			}
			_exit(0);
		}
	}
	for (int i = 0; i < NW; i++) {
		if (!exited_ok(wait_child(w[i], 60000), 0)) {
			case_fail("writer %d failed", i);
		}
	}
	if (shmt_get(t, "counter", 7, g_img) != SHMT_OK ||
	    shmt_img_int(t, g_img, C_N) != (int64_t)NW * PER) {
		case_fail("the counter is not %d", NW * PER);
	}
	check_table(t, "after the writers");
	shmt_close(t);
	alarm(0);
	ps->cases++;
	ps->failed += !case_end();
}

/* Keepers killed while idle leave their slots marked kept. Round after
 * round, as many keepers as may keep (with this process's own, every
 * keepable slot) are killed; then a new writer must still keep a slot:
 * the dead keepers' marks are taken back, not left to fill the table. */
static void slot_dead_keepers_reclaimed(int round)
{
	path_sum *ps = path_get("slot");
	case_begin("round %d, slot: 40 idle keepers killed, a new writer still keeps a slot",
	           round);
	alarm(120);
	shmt_table *t = mk_table();
	prepare(t, NPREP); /* this process keeps one of the 3 keepable slots */
	uint64_t rec0 = recoveries(t);
	for (int r = 0; r < 20; r++) {
		int h1, h2;
		pid_t k1 = fork_keeper(t, &h1), k2 = fork_keeper(t, &h2);
		kill(k1, SIGKILL);
		kill(k2, SIGKILL);
		wait_child(k1, 5000);
		wait_child(k2, 5000);
		close(h1);
		close(h2);
	}
	pid_t w = fork();
	if (w == 0) {
		alarm(30);
		char msg[256];
		if (shmt_check(t, msg, sizeof(msg)) != SHMT_OK) {
			_exit(1);
		}
		_exit(shmt_test_slot_kept(t) ? 0 : 3);
	}
	int status = wait_child(w, 10000);
	if (!exited_ok(status, 0)) {
		case_fail("the writer after 40 dead keepers %s",
		          WIFEXITED(status) && WEXITSTATUS(status) == 3 ? "keeps no slot" : "failed");
	}
	if (!shmt_test_slot_kept(t)) {
		case_fail("this process no longer keeps its slot");
	}
	if (recoveries(t) != rec0) {
		case_fail("idle keepers killed counted as lock recoveries");
	}
	check_table(t, "after the keepers died");
	shmt_close(t);
	alarm(0);
	ps->cases++;
	ps->failed += !case_end();
}

static void run_slot_cases(int round)
{
	slot_dead_keepers_reclaimed(round);
	slot_transient_holder_killed(round, SHMT_STEP_SLOT_TAKEN);
	slot_transient_holder_killed(round, SHMT_STEP_INSERT_SEQ_ODD);
	slot_transient_holder_killed(round, SHMT_STEP_INSERT_LINKED);
	slot_takeover_killed(round, SHMT_STEP_INSERT_SEQ_ODD, SHMT_STEP_SLOT_MARKED);
	slot_takeover_killed(round, SHMT_STEP_INSERT_LINKED, SHMT_STEP_SLOT_MARKED);
	slot_takeover_killed(round, SHMT_STEP_INSERT_ROW_WRITTEN, SHMT_STEP_SLOT_TAKEN);
	slot_more_writers_than_slots(round);
}

static void run_wait_cases(int round)
{
	check_holder_killed(round);
	wait_stripe_waiter_killed(round);
	wait_alloc_waiter_killed(round);
	wait_woken_waiter_killed(round);
	wait_stripe_holder_killed(round, &OP_INSERT_BIG, SHMT_STEP_INSERT_ROW_TAKEN);
	wait_stripe_holder_killed(round, &OP_INSERT_BIG, SHMT_STEP_INSERT_SEQ_ODD);
	wait_stripe_holder_killed(round, &OP_INSERT_BIG, SHMT_STEP_INSERT_LINKED);
	wait_stripe_holder_killed(round, &OP_REPLACE_BIG, SHMT_STEP_REPLACE_SPARE_TAKEN);
	wait_stripe_holder_killed(round, &OP_REPLACE_BIG, SHMT_STEP_REPLACE_SEQ_ODD);
	wait_stripe_holder_killed(round, &OP_REPLACE_BIG, SHMT_STEP_REPLACE_LINKED);
	wait_stripe_holder_killed(round, &OP_INCR, SHMT_STEP_INCR_SEQ_ODD);
	wait_stripe_holder_killed(round, &OP_INCR, SHMT_STEP_INCR_STORED);
	wait_alloc_holder_killed(round, SHMT_STEP_POP_FREE_TAKEN);
	wait_alloc_holder_killed(round, SHMT_STEP_POP_COUNTED);
}

/* ------------------------------------------------------------------ */
/* Part 2: random kills                                                 */

/* Three workers write rows whose columns agree (a, b = ~a, and a string
 * whose length and bytes follow from a, up to 32 KiB, so that many kills
 * land in the middle of a copy) on 48 keys of a 64-row table that also
 * holds 40 rows nobody deletes, so that it is full most of the time, with
 * every write operation, and are SIGKILLed at random moments, one at a
 * time, a thousand times (SHMT_CRASH_KILLS); a new worker replaces each.
 * After each kill the others pause between two operations, and the table
 * must answer exactly: count() equals the rows stored, and a new key in
 * another stripe than the killed worker's goes in unless all 64 rows are
 * stored (it is taken out again). Every other kill asks count() first, the
 * others write the new key first, before anything else touches the table. */
enum { R_A, R_B, R_S, R_NCOLS };
#define R_SIZE 64u
#define R_KEYS 48u
#define R_PAD 40u
#define R_STR 32768u
#define R_NW 3

/* Shared with the workers: the parent asks them to pause (pause = a new
 * epoch, 0 = run), each answers in acked[] between two operations, and
 * key[] names the key each one is writing. */
typedef struct {
	int pause;
	int acked[R_NW];
	int key[R_NW];
} r_ctl;
static r_ctl *g_rctl;

static uint64_t rng_next(uint64_t *s)
{
	uint64_t z = (*s += 0x9e3779b97f4a7c15ull);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

static uint32_t rng_below(uint64_t *s, uint32_t n)
{
	return (uint32_t)(rng_next(s) % n);
}

static uint32_t r_str(char *buf, int64_t a)
{
	uint32_t len = (uint32_t)((uint64_t)a % (R_STR + 1));
	memset(buf, 'a' + (int)((uint64_t)a % 26), len);
	if (len > 0) {
		buf[len - 1] = (char)('A' + (uint64_t)a % 26);
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

/* In half of their operations, the workers give up the CPU at every hook
 * point, where they hold the locks of a step, so that many kills land
 * between two steps of a write (the others, in the middle of a copy). */
static int g_yield;

static void hook_yield(int step)
{
	(void)step;
	if (g_yield) {
		sched_yield();
	}
}

static void r_worker(shmt_table *t, int slot, uint64_t seed)
{
	shmt_step_hook = hook_yield;
	char *s = malloc(R_STR);
	void *img = calloc(1, shmt_image_size(t));
	for (;;) {
		int ep = __atomic_load_n(&g_rctl->pause, __ATOMIC_ACQUIRE);
		if (ep != 0) {
			__atomic_store_n(&g_rctl->acked[slot], ep, __ATOMIC_RELEASE);
			while (__atomic_load_n(&g_rctl->pause, __ATOMIC_ACQUIRE) == ep) {
				usleep(50);
			}
			continue;
		}
		char key[16];
		g_yield = (int)rng_below(&seed, 2);
		uint32_t k = rng_below(&seed, R_KEYS);
		__atomic_store_n(&g_rctl->key[slot], (int)k, __ATOMIC_RELAXED);
		int kl = snprintf(key, sizeof(key), "r%u", k);
		int64_t a = (int64_t)(rng_next(&seed) >> 2);
		uint32_t sl = r_str(s, a);
		shmt_value vals[3] = {v_int(R_A, a), v_int(R_B, ~a), v_str(R_S, s, sl)};
		shmt_status st;
		switch (rng_below(&seed, 8)) {
		case 0: case 1:
			st = shmt_set(t, key, (size_t)kl, vals, 3, SHMT_UPSERT, NULL);
			break;
		case 2:
			st = shmt_set(t, key, (size_t)kl, vals, 3, SHMT_INSERT_ONLY, NULL);
			break;
		case 3:
			st = shmt_set(t, key, (size_t)kl, vals, 3, SHMT_UPDATE_ONLY, NULL);
			break;
		case 4:
			st = shmt_del(t, key, (size_t)kl, NULL, 0, img);
			if (st == SHMT_OK && !r_whole(t, img)) {
				fprintf(stderr, "random kills: getdel returned a torn row %s\n", key);
				_exit(2);
			}
			break;
		case 5:
			st = shmt_get(t, key, (size_t)kl, img);
			if (st == SHMT_OK && !r_whole(t, img)) {
				fprintf(stderr, "random kills: a worker read a torn row %s\n", key);
				_exit(2);
			}
			break;
		default:
			/* replace or delete only if it is still what was read */
			st = shmt_get(t, key, (size_t)kl, img);
			if (st == SHMT_OK) {
				shmt_value e = v_int(R_A, shmt_img_int(t, img, R_A));
				st = rng_below(&seed, 2) ? shmt_cmpset(t, key, (size_t)kl, &e, 1, vals, 3)
				                         : shmt_del(t, key, (size_t)kl, &e, 1, NULL);
			}
			break;
		}
		if (st == SHMT_E_CORRUPT || st == SHMT_E_INVALID) {
			fprintf(stderr, "random kills: worker: %s\n", shmt_status_message(st));
			_exit(2);
		}
	}
}

static pid_t r_spawn(shmt_table *t, int slot, uint64_t seed)
{
	pid_t pid = fork();
	if (pid < 0) {
		perror("fork");
		exit(2);
	}
	if (pid == 0) {
		signal(SIGALRM, SIG_DFL);
		alarm(600);
		r_worker(t, slot, seed);
	}
	return pid;
}

/* Rows stored: the workers' keys (each checked whole) and the pads. */
static uint64_t r_stored(shmt_table *t, void *img)
{
	uint64_t n = 0;
	for (uint32_t k = 0; k < R_KEYS + R_PAD; k++) {
		char key[16];
		int kl = k < R_KEYS ? snprintf(key, sizeof(key), "r%u", k)
		                    : snprintf(key, sizeof(key), "p%u", k - R_KEYS);
		shmt_status st = shmt_get(t, key, (size_t)kl, img);
		if (st == SHMT_OK) {
			n++;
			if (!r_whole(t, img)) {
				case_fail("row %s is torn", key);
			}
		} else if (st != SHMT_NOT_FOUND) {
			case_fail("get %s: %s", key, shmt_status_message(st));
		}
	}
	return n;
}

/* Pause the workers but `dead` (they answer between two operations). One
 * that does not answer within 10 s is stuck: say where. */
static void r_pause(int epoch, int dead, const pid_t *w)
{
	__atomic_store_n(&g_rctl->pause, epoch, __ATOMIC_RELEASE);
	struct timespec t0, now;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (int j = 0; j < R_NW; j++) {
		if (j == dead) {
			continue;
		}
		while (__atomic_load_n(&g_rctl->acked[j], __ATOMIC_ACQUIRE) != epoch) {
			clock_gettime(CLOCK_MONOTONIC, &now);
			if (now.tv_sec - t0.tv_sec > 10) {
				char path[64], buf[512] = "";
				snprintf(path, sizeof(path), "/proc/%d/wchan", (int)w[j]);
				FILE *f = fopen(path, "r");
				if (f != NULL) {
					if (fgets(buf, sizeof(buf), f) == NULL) {
						buf[0] = '\0';
					}
					fclose(f);
				}
				case_fail("worker %d did not pause within 10 s (sleeping: %d, in %s)", j,
				          proc_sleeping(w[j]), buf);
				return;
			}
			usleep(50);
		}
	}
}

static void run_random(uint64_t seed, int kills)
{
	path_sum *ps = path_get("random-kills");
	case_begin("random kills, seed %" PRIu64 ", %d kills", seed, kills);
	alarm(600);
	shmt_coldef cols[R_NCOLS];
	memset(cols, 0, sizeof(cols));
	const char *names[R_NCOLS] = {"a", "b", "s"};
	for (int i = 0; i < R_NCOLS; i++) {
		strcpy(cols[i].name, names[i]);
		cols[i].name_len = (uint32_t)strlen(names[i]);
		cols[i].type = i == R_S ? SHMT_TYPE_STRING : SHMT_TYPE_INT;
		cols[i].size = i == R_S ? R_STR : 0;
	}
	shmt_table *t = NULL;
	if (shmt_create(&t, R_SIZE, 63, cols, R_NCOLS, NULL, NULL) != SHMT_OK) {
		fprintf(stderr, "shmt_create failed\n");
		exit(2);
	}
	g_rctl = mmap(NULL, sizeof(r_ctl), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1,
	              0);
	if (g_rctl == MAP_FAILED) {
		perror("mmap");
		exit(2);
	}
	memset(g_rctl, 0, sizeof(*g_rctl));
	(void)nstripes(t); /* read now, not after a kill */
	shmt_value v[3] = {v_int(R_A, 0), v_int(R_B, ~(int64_t)0), v_str(R_S, "", 0)};
	for (uint32_t i = 0; i < R_PAD; i++) {
		char key[16];
		int kl = snprintf(key, sizeof(key), "p%u", i);
		if (shmt_set(t, key, (size_t)kl, v, 3, SHMT_INSERT_ONLY, NULL) != SHMT_OK) {
			fprintf(stderr, "random kills: cannot insert the pads\n");
			exit(2);
		}
	}
	void *img = calloc(1, shmt_image_size(t));
	pid_t w[R_NW];
	uint64_t rng = seed, wseed = seed * 7919;
	for (int i = 0; i < R_NW; i++) {
		w[i] = r_spawn(t, i, wseed++);
	}
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	int done = 0, early = 0, epoch = 0, was_full = 0, bad_full = 0, bad_count = 0;
	uint32_t probe_n = 0;
	while (done < kills && early <= 3) {
		/* let them run for 0..2 ms, then kill one */
		struct timespec ts = {0, (long)rng_below(&rng, 2000000)};
		nanosleep(&ts, NULL);
		int i = (int)rng_below(&rng, R_NW);
		kill(w[i], SIGKILL);
		int status = wait_child(w[i], 10000);
		if (!killed_by_sigkill(status)) {
			early++;
			case_fail("a worker ended by itself (wait status %d)", status);
		}
		done++;

		/* The others pause; the table must now answer exactly. A new key
		 * goes into another stripe than the one the dead worker wrote. */
		r_pause(++epoch, i, w);
		char dk[16], probe[24];
		snprintf(dk, sizeof(dk), "r%d", __atomic_load_n(&g_rctl->key[i], __ATOMIC_RELAXED));
		do {
			snprintf(probe, sizeof(probe), "probe%u", probe_n++);
		} while (stripe_of_key(t, probe) == stripe_of_key(t, dk));
		int count_first = done % 2 == 0;
		uint64_t c = count_first ? shmt_count(t) : 0;
		shmt_status pst = shmt_set(t, probe, strlen(probe), v, 3, SHMT_INSERT_ONLY, NULL);
		if (!count_first) {
			c = shmt_count(t) - (pst == SHMT_OK);
		}
		uint64_t stored = r_stored(t, img);
		if (pst != SHMT_OK && pst != SHMT_FULL) {
			case_fail("a new key after kill %d: %s", done, shmt_status_message(pst));
		} else if ((pst == SHMT_FULL) != (stored == R_SIZE)) {
			bad_full++;
			case_fail("after kill %d (%s first), a new key in another stripe: %s with %" PRIu64
			          " rows stored, count() %" PRIu64,
			          done, count_first ? "count" : "insert", shmt_status_message(pst), stored,
			          c);
		}
		if (c != stored) {
			bad_count++;
			case_fail("after kill %d (%s first), count() %" PRIu64 " with %" PRIu64
			          " rows stored",
			          done, count_first ? "count" : "insert", c, stored);
		}
		was_full += stored == R_SIZE;
		if (pst == SHMT_OK && shmt_del(t, probe, strlen(probe), NULL, 0, NULL) != SHMT_OK) {
			case_fail("cannot delete the new key again");
		}
		__atomic_store_n(&g_rctl->pause, 0, __ATOMIC_RELEASE);
		w[i] = r_spawn(t, i, wseed++);
	}
	for (int i = 0; i < R_NW; i++) {
		kill(w[i], SIGKILL);
		wait_child(w[i], 10000);
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);

	/* Everything whole, counted right, nothing leaked. */
	check_table(t, "after the random kills");
	uint64_t present = r_stored(t, img);
	if (shmt_count(t) != present) {
		case_fail("count %" PRIu64 " but %" PRIu64 " rows present", shmt_count(t), present);
	}
	uint64_t added = 0;
	for (uint32_t i = 0; i < 2 * R_SIZE; i++) {
		char key[16];
		int kl = snprintf(key, sizeof(key), "fill%u", i);
		shmt_status st = shmt_set(t, key, (size_t)kl, v, 3, SHMT_INSERT_ONLY, NULL);
		if (st == SHMT_FULL) {
			break;
		}
		if (st != SHMT_OK) {
			case_fail("filling: %s", shmt_status_message(st));
			break;
		}
		added++;
	}
	if (present + added != R_SIZE || shmt_count(t) != R_SIZE) {
		case_fail("only %" PRIu64 " rows fit after the kills: a row leaked", present + added);
	}
	check_table(t, "when full");
	printf("random kills: %d workers killed in %.1f s, %" PRIu64
	       " lock recoveries, table full after %d kills, %d false FULL, %d wrong count(), %" PRIu64
	       " rows survived whole (seed %" PRIu64 ")\n",
	       done, (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9, recoveries(t),
	       was_full, bad_full, bad_count, present, seed);
	free(img);
	munmap(g_rctl, sizeof(r_ctl));
	shmt_close(t);
	alarm(0);
	ps->cases++;
	ps->failed += !case_end();
}

/* ------------------------------------------------------------------ */
/* Reclaiming expired rows: a kill at every step of every reclaim        */

/* The table of a reclaim case: `nrows` rows, every eighth with a TTL of
 * one second (a few per stripe, so the steps after the reclaims stay within
 * what the recording hook keeps); then the clock of this process (and of the children it forks
 * afterwards) is moved on two seconds, so they have expired. */
static void prepare_expired(shmt_table *t, uint32_t nrows)
{
	prepare_rows(t, nrows, 0);
	if (g_evict == SHMT_EVICT_LRU) {
		return; /* the eviction paths: no row expires */
	}
	for (uint32_t i = 0; i < nrows; i += 8) {
		char key[32];
		key_name(key, sizeof(key), i);
		if (shmt_expire(t, key, strlen(key), 1000000000) != SHMT_OK) {
			fprintf(stderr, "prepare: expire %s failed\n", key);
			exit(2);
		}
	}
	shmt_test_clock_offset_ns += 2000000000;
}

enum reclaim_op {
	RECLAIM_WRITE, /* set() of an expired key: the chain walk reclaims it */
	RECLAIM_FLUSH, /* shmt_flush_expired(): every stripe with expired rows */
	RECLAIM_FULL,  /* set() of a new key into a full table holding expired rows */
	EVICT_FULL,    /* set() of a new key into a full EVICT_LRU table: a row evicted */
	EVICT_ALL_HELD,/* the same, by the writer that lost the room it made several
	                * times: evicted and inserted with every stripe locked */
};

typedef struct {
	const char *path;
	const char *label;
	enum reclaim_op op;
	uint32_t rows;
} reclaim_desc;

static const reclaim_desc g_reclaims[] = {
    {"reclaim-write", "set of an expired key (reclaimed in its chain, then inserted)", RECLAIM_WRITE, NPREP},
    {"reclaim-flush", "flushExpired of every expired row", RECLAIM_FLUSH, NPREP},
    {"reclaim-full", "set of a new key into a full table holding expired rows", RECLAIM_FULL, SIZE},
    {"evict-full", "set of a new key into a full EVICT_LRU table (evicts a row)", EVICT_FULL, SIZE},
    {"evict-all-held", "set of a new key into a full EVICT_LRU table, every stripe locked (evicts a row)", EVICT_ALL_HELD, SIZE},
};

static shmt_status reclaim_run(shmt_table *t, const reclaim_desc *d, shmt_step_hook_fn arm)
{
	shmt_value vals[NCOLS];
	uint32_t nv = followup_values(vals, 31337);
	uint64_t n;
	shmt_status st;
	shmt_step_hook = arm;
	shmt_test_evict_all_held = d->op == EVICT_ALL_HELD;
	switch (d->op) {
	case RECLAIM_WRITE: st = shmt_set(t, "row-000", 7, vals, nv, SHMT_UPSERT, NULL); break;
	case RECLAIM_FLUSH: st = shmt_flush_expired(t, 0, &n); break;
	default: st = shmt_set(t, "brand-new", 9, vals, nv, SHMT_UPSERT, NULL); break;
	}
	shmt_step_hook = NULL;
	shmt_test_evict_all_held = 0;
	return st;
}

/* An eviction picks its victim at random: `now` is `before` without one
 * row (or with none missing), plus the new key as `after` has it (or not). */
static int evicted_one(const dump *now, const dump *before, const dump *after)
{
	const rec *fresh = dump_find(after, "brand-new");
	uint32_t from_before = 0, missing_ok = 1;
	for (uint32_t i = 0; i < now->n; i++) {
		const rec *r = &now->r[i];
		if (r->klen == 9 && memcmp(r->key, "brand-new", 9) == 0) {
			missing_ok &= fresh != NULL && rec_eq(r, fresh);
			continue;
		}
		char key[72];
		snprintf(key, sizeof(key), "%.*s", (int)r->klen, r->key);
		const rec *b = dump_find(before, key);
		missing_ok &= b != NULL && rec_eq(r, b);
		from_before++;
	}
	return missing_ok && from_before + 1 >= before->n && from_before <= before->n;
}

/* One case: the reclaim killed at its k-th hook call; then what comes
 * next must see the rows that had not expired either as before or as
 * after the operation, repair the table, and find no row leaked. */
static void reclaim_case(const reclaim_desc *d, int k, int step, const dump *before,
                         const dump *after)
{
	path_sum *p = path_get(d->path);
	p->cases++;
	path_add_step(p, step);
	case_begin("%s: %s, killed at step %d (hook call %d)", d->path, d->label, step, k);
	alarm(60);
	int64_t clock0 = shmt_test_clock_offset_ns;
	shmt_table *t = mk_table();
	prepare_expired(t, d->rows);
	uint64_t rec0 = recoveries(t);
	pid_t pid = fork();
	if (pid == 0) {
		g_kill_at = k;
		g_calls = 0;
		reclaim_run(t, d, hook_kill);
		_exit(3);
	}
	int status = wait_child(pid, 20000);
	if (!killed_by_sigkill(status)) {
		case_fail("the child was not killed at the step (status %d)", status);
	}
	dump now;
	if (dump_table(t, &now) != 0) {
		case_fail("iteration failed after the kill");
	} else {
		if (!dump_eq(&now, before) && !dump_eq(&now, after) &&
		    !((d->op == EVICT_FULL || d->op == EVICT_ALL_HELD) && evicted_one(&now, before, after))) {
			char diff[256];
			dump_diff(before, &now, diff, sizeof(diff));
			case_fail("rows are neither as before nor as after: %s", diff);
		}
		dump_free(&now);
	}
	check_table(t, "after the kill");
	if (recoveries(t) == rec0) {
		case_fail("no lock was taken over from the dead process");
	}
	uint64_t n;
	if (shmt_flush_expired(t, 0, &n) != SHMT_OK) {
		case_fail("flushExpired after the kill failed");
	}
	if (dump_table(t, &now) == 0) {
		check_count(t, &now, "after flushExpired");
		dump_free(&now);
	}
	if (d->op == EVICT_FULL || d->op == EVICT_ALL_HELD) {
		/* No row leaked: new keys keep going in, by eviction, and the
		 * table then holds exactly SIZE rows. */
		shmt_value v = v_int(C_N, 1);
		for (uint32_t i = 0; i < SIZE + 8; i++) {
			char key[32];
			snprintf(key, sizeof(key), "fill-%u", i);
			shmt_status fst = shmt_set(t, key, strlen(key), &v, 1, SHMT_INSERT_ONLY, NULL);
			if (fst != SHMT_OK) {
				case_fail("eviction refused fill-%u: %s", i, shmt_status_message(fst));
				break;
			}
		}
		if (shmt_count(t) != SIZE) {
			case_fail("%" PRIu64 " rows after filling an evicting table of %u", shmt_count(t),
			          SIZE);
		}
		check_table(t, "after filling");
	} else {
		check_capacity(t);
	}
	shmt_close(t);
	shmt_test_clock_offset_ns = clock0;
	alarm(0);
	if (!case_end()) {
		p->failed++;
	}
}

static void run_reclaims(void)
{
	static const uint8_t seed[16] = "reclaim-seed-16";
	const uint8_t *seed0 = shmt_test_seed;
	shmt_test_seed = seed; /* the same chains in every table of a case */
	const char *only = getenv("SHMT_CRASH_PATH");
	for (size_t i = 0; i < sizeof(g_reclaims) / sizeof(g_reclaims[0]); i++) {
		const reclaim_desc *d = &g_reclaims[i];
		if (only != NULL && *only != '\0' && strcmp(only, d->path) != 0) {
			continue;
		}
		g_evict = d->op == EVICT_FULL || d->op == EVICT_ALL_HELD ? SHMT_EVICT_LRU : SHMT_EVICT_NONE;
		int64_t clock0 = shmt_test_clock_offset_ns;
		shmt_table *ref = mk_table();
		prepare_expired(ref, d->rows);
		dump before, after;
		dump_table(ref, &before);
		g_nsteps = 0;
		shmt_status st = reclaim_run(ref, d, hook_record);
		dump_table(ref, &after);
		shmt_close(ref);
		shmt_test_clock_offset_ns = clock0;
		int nsteps = g_nsteps, steps[MAX_STEPS];
		memcpy(steps, g_steps, sizeof(steps));
		int reclaimed = 0;
		for (int k = 0; k < nsteps; k++) {
			reclaimed |= steps[k] == SHMT_STEP_RECLAIM_DONE || steps[k] == SHMT_STEP_EVICT_DONE;
		}
		if (st != SHMT_OK || !reclaimed) {
			case_begin("%s: reference run", d->path);
			case_fail("the reference run %s (%s)", reclaimed ? "failed" : "reclaimed nothing",
			          shmt_status_message(st));
			case_end();
			path_get(d->path)->failed++;
		} else {
			for (int k = 1; k <= nsteps; k++) {
				reclaim_case(d, k, steps[k - 1], &before, &after);
			}
		}
		dump_free(&before);
		dump_free(&after);
	}
	g_evict = SHMT_EVICT_NONE;
	shmt_test_seed = seed0;
}

/* ------------------------------------------------------------------ */

int main(int argc, char **argv)
{
	const char *soak = getenv("SHMTABLE_SOAK");
	const char *verbose = getenv("SHMT_CRASH_VERBOSE");
	g_verbose = verbose != NULL && *verbose != '\0' && strcmp(verbose, "0") != 0;
	int soak_on = soak != NULL && *soak != '\0' && strcmp(soak, "0") != 0;
	int rounds = soak_on ? 8 : 1;
	const char *renv = getenv("SHMT_CRASH_ROUNDS");
	if (renv != NULL && *renv != '\0') {
		rounds = atoi(renv);
	}
	signal(SIGALRM, on_alarm);
	setvbuf(stdout, NULL, _IOLBF, 0);

	shmt_table *probe = mk_table();
	g_img = malloc(shmt_image_size(probe));
	g_snapcap = shmt_image_size(probe) * 8;
	g_snapbuf = malloc(g_snapcap);
	shmt_close(probe);

	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	const char *menv = getenv("SHMT_CRASH_MATRIX");
	int matrix = menv == NULL || *menv == '\0' || strcmp(menv, "0") != 0;
	for (int round = 1; round <= rounds; round++) {
		if (matrix) {
			run_matrix(round, g_ops, NOPS);
			g_file_tables = 1;
			shmt_test_reserve_chunk = 4096;
			run_matrix(round, g_file_ops, NFILEOPS);
			g_file_tables = 0;
			shmt_test_reserve_chunk = 0;
			run_reclaims();
		}
		run_wait_cases(round);
		run_slot_cases(round);
	}
	uint64_t seed = argc > 1 ? strtoull(argv[1], NULL, 0)
	                         : (uint64_t)time(NULL) ^ ((uint64_t)getpid() << 32);
	int kills = soak_on ? 10000 : 1000;
	const char *kenv = getenv("SHMT_CRASH_KILLS");
	if (kenv != NULL && *kenv != '\0') {
		kills = atoi(kenv);
	}
	if (kills > 0) {
		run_random(seed, kills);
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);

	for (int i = 0; i < g_npaths; i++) {
		path_sum *p = &g_paths[i];
		char steps[256] = "";
		/* steps in ascending order */
		for (int a = 0; a < p->nsteps; a++) {
			for (int b = a + 1; b < p->nsteps; b++) {
				if (p->steps[b] < p->steps[a]) {
					int x = p->steps[a];
					p->steps[a] = p->steps[b];
					p->steps[b] = x;
				}
			}
		}
		for (int s = 0; s < p->nsteps; s++) {
			size_t l = strlen(steps);
			snprintf(steps + l, sizeof(steps) - l, "%s%d", s ? " " : "", p->steps[s]);
		}
		printf("path %-13s %4d cases, %4d passed, %4d failed%s%s%s\n", p->path, p->cases,
		       p->cases - p->failed, p->failed, p->nsteps ? " (steps " : "", steps,
		       p->nsteps ? ")" : "");
	}
	printf("crash-in-recovery: %d repairs killed in their turn\n", g_double_faults);
	printf("time: %.1f s\n",
	       (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9);
	printf("crash: %d cases, %d passed, %d failed\n", g_cases, g_passed, g_failed);
	return g_failed == 0 ? 0 : 1;
}
