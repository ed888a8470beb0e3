/*
 * test_open.c - named and file-backed tables at the engine level: create,
 * attach, definition mismatch, unlink and flush through shmt_open(), then
 * the validation of stored headers against damaged and hostile files.
 *
 * open_input() writes a byte string to a file and opens it, as attach and
 * as create with a fixed definition, then exercises whatever opened. It
 * is driven three ways:
 *   - here, over seed files made by the engine and thousands of
 *     deterministic mutations of them (bytes flipped, header words set to
 *     edge values, truncations), so the plain unit run covers validation;
 *   - built with -DSHMT_FUZZ (make fuzz), as the libFuzzer target
 *     build/fuzz_open, from the seeds in corpus-open/;
 *   - `build/test_open --write-seeds DIR` writes those seeds.
 * live_input() does the same for a table in use whose allocator, stripe,
 * bucket and row words are overwritten (fuzz inputs that start "LIVE").
 * Nothing may crash, and whatever opens must pass shmt_check().
 */
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "shmt_internal.h"
#include "shmt_os.h"
#include "unit.h"

static char input_path[256];

static shmt_coldef fixed_cols[3];
static void fixed_init(void)
{
	fixed_cols[0] = unit_col("hits", SHMT_TYPE_INT, 0);
	fixed_cols[1] = unit_col("avg", SHMT_TYPE_FLOAT, 0);
	fixed_cols[2] = unit_col("note", SHMT_TYPE_STRING, 20);
}

static int write_file(const char *path, const uint8_t *data, size_t size)
{
	int fd = open(path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0) {
		return -1;
	}
	while (size > 0) {
		ssize_t n = write(fd, data, size);
		if (n <= 0) {
			close(fd);
			return -1;
		}
		data += n;
		size -= (size_t)n;
	}
	close(fd);
	return 0;
}

/* Use an opened table the way a caller would; it passed shmt_check(). */
static void exercise(shmt_table *t)
{
	char msg[256];
	unsigned char *img = malloc(shmt_image_size(t));
	if (shmt_check(t, msg, sizeof msg) != SHMT_OK) {
		UNIT_FAIL("opened table fails its check: %s", msg);
	}
	(void)shmt_get(t, "k1", 2, img);
	for (uint32_t c = 0; c < shmt_ncols(t); c++) {
		if (shmt_col(t, c)->type == SHMT_TYPE_INT) {
			(void)shmt_incr_int(t, "fz", 2, c, 1, NULL);
			break;
		}
	}
	(void)shmt_del(t, "k2", 2, NULL, 0, NULL);
	size_t cap = shmt_image_size(t) * 4;
	unsigned char *buf = malloc(cap);
	for (uint32_t b = shmt_next_bucket(t, 0); b < shmt_bucket_count(t);
	     b = shmt_next_bucket(t, b + 1)) {
		uint32_t n;
		size_t need;
		shmt_status st;
		while ((st = shmt_snapshot_bucket(t, b, buf, cap, &n, &need)) == SHMT_E_BUFFER) {
			cap = need;
			buf = realloc(buf, cap);
		}
		for (uint32_t i = 0; st == SHMT_OK && i < n; i++) {
			uint32_t len;
			(void)shmt_img_key(t, buf + (size_t)i * shmt_image_size(t), &len);
		}
	}
	shmt_stats s;
	shmt_get_stats(t, &s);
	if (shmt_check(t, msg, sizeof msg) != SHMT_OK) {
		UNIT_FAIL("table fails its check after use: %s", msg);
	}
	free(buf);
	free(img);
}

/* Outcomes, for the summary. */
static uint64_t n_opened, n_refused;

static void open_input(const uint8_t *data, size_t size)
{
	char msg[8192];
	/* attach() of an empty file waits (about 3 s) for the creator that
	 * would lock it in a moment: test_creator_killed() covers that. */
	for (int create = size == 0 ? 1 : 0; create <= 1; create++) {
		if (write_file(input_path, data, size) != 0) {
			UNIT_FAIL("cannot write %s", input_path);
			return;
		}
		shmt_open_args a;
		memset(&a, 0, sizeof a);
		a.path = input_path;
		a.mode = 0600;
		a.create = create;
		a.size = 20;
		a.key_max = 16;
		a.cols = fixed_cols;
		a.ncols = 3;
		shmt_table *t = NULL;
		memset(msg, 'x', sizeof msg);
		shmt_status st = shmt_open(&t, &a, NULL, msg, sizeof msg);
		if (memchr(msg, '\0', sizeof msg) == NULL) {
			UNIT_FAIL("message not terminated (status %s)", unit_status_name(st));
		}
		if (st == SHMT_OK) {
			n_opened++;
			exercise(t);
			shmt_close(t);
		} else {
			n_refused++;
			if (msg[0] == '\0') {
				UNIT_FAIL("refused (%s) without a message", unit_status_name(st));
			}
		}
	}
}

/* ---- seeds: valid files the engine wrote ---- */

typedef struct {
	uint8_t *p;
	size_t n;
} blob;

static blob read_all(const char *path)
{
	blob b = {NULL, 0};
	FILE *f = fopen(path, "rb");
	if (f == NULL) {
		return b;
	}
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fseek(f, 0, SEEK_SET);
	b.p = malloc(n > 0 ? (size_t)n : 1);
	b.n = fread(b.p, 1, (size_t)(n > 0 ? n : 0), f);
	fclose(f);
	return b;
}

/* Header fields (docs/ARCHITECTURE.md, memory layout) and the words of the
 * allocator and of a stripe after their lock. */
enum { H_SIZE = 24, H_TOTAL = 32, H_NBUCKETS = 36, H_NSTRIPES = 40, H_ROW_BYTES = 52,
       H_ALLOC = 64, H_STRIPES = 72, H_BUCKETS = 80, H_ROWS = 88, H_READY = 112 };
#define LK ((uint32_t)sizeof(shmt_lock))
enum { A_FREE = 0, A_NEXT_UNUSED = 4, A_LIVE = 8, A_J_ACTIVE = 12, A_J_FREE = 16,
       A_J_NEXT_UNUSED = 20, A_J_LIVE = 24, A_J_STRIPE = 28, A_J_WHICH = 32, A_J_SLOT = 36 };
enum { S_SEQ = 0, S_KIND = 8, S_KEPT_N = 12, S_KEPT = 16, S_NEW = 20, S_OLD = 24,
       S_BUCKET = 28, S_SPARE = 32 };

static uint64_t rd_u64(const blob *b, size_t at)
{
	uint64_t v;
	memcpy(&v, b->p + at, 8);
	return v;
}

static uint32_t rd_u32(const blob *b, size_t at)
{
	uint32_t v;
	memcpy(&v, b->p + at, 4);
	return v;
}

static int pwrite_u32(const char *path, uint64_t at, uint32_t v)
{
	int fd = open(path, O_RDWR | O_CLOEXEC);
	if (fd < 0) {
		return -1;
	}
	ssize_t n = pwrite(fd, &v, 4, (off_t)at);
	close(fd);
	return n == 4 ? 0 : -1;
}

/* A file table of the fixed definition with rows written, updated (the
 * stripes take spares) and deleted (kept rows, free rows); open. */
static shmt_table *damage_seed(const char *path)
{
	unlink(path);
	shmt_open_args a;
	memset(&a, 0, sizeof a);
	a.path = path;
	a.mode = 0600;
	a.create = 1;
	a.size = 20;
	a.key_max = 16;
	a.cols = fixed_cols;
	a.ncols = 3;
	shmt_table *t = NULL;
	char msg[512];
	CHECK_ST(shmt_open(&t, &a, NULL, msg, sizeof msg), SHMT_OK);
	if (t == NULL) {
		return NULL;
	}
	for (int i = 0; i < 16; i++) {
		char k[8];
		int kl = snprintf(k, sizeof k, "k%d", i);
		shmt_value v[2] = {unit_vi(0, i), unit_vs(2, "some note", 9)};
		CHECK_ST(shmt_set(t, k, (size_t)kl, v, 2, SHMT_UPSERT, NULL), SHMT_OK);
		if (i % 3 == 0) {
			CHECK_ST(shmt_set(t, k, (size_t)kl, v, 1, SHMT_UPSERT, NULL), SHMT_OK);
		}
		if (i % 4 == 1) {
			CHECK_ST(shmt_del(t, k, (size_t)kl, NULL, 0, NULL), SHMT_OK);
		}
	}
	CHECK_TABLE(t);
	return t;
}

/* Every operation on a damaged table: each may fail (SHMT_E_CORRUPT, or
 * a plausible answer from damaged links), none may crash or hang. */
static void hammer(shmt_table *t)
{
	static const shmt_status ok[] = {SHMT_OK, SHMT_NOT_FOUND, SHMT_EXISTS, SHMT_MISMATCH,
	                                 SHMT_FULL, SHMT_E_CORRUPT};
	unsigned char *img = malloc(shmt_image_size(t));
	char msg[512];
	for (int round = 0; round < 3; round++) {
		for (int i = 0; i < 24; i++) {
			char k[8];
			int kl = snprintf(k, sizeof k, "k%d", i);
			shmt_value v[2] = {unit_vi(0, i), unit_vs(2, "other", 5)};
			shmt_status sts[8];
			int n = 0;
			sts[n++] = shmt_get(t, k, (size_t)kl, img);
			sts[n++] = shmt_get_col(t, k, (size_t)kl, 2, img);
			sts[n++] = shmt_exists(t, k, (size_t)kl);
			sts[n++] = shmt_set(t, k, (size_t)kl, v, 2, SHMT_UPSERT, NULL);
			sts[n++] = shmt_incr_int(t, k, (size_t)kl, 0, 1, NULL);
			sts[n++] = shmt_cmpset(t, k, (size_t)kl, v, 1, v, 2);
			if ((i + round) % 2 == 0) {
				sts[n++] = shmt_del(t, k, (size_t)kl, NULL, 0, img);
			}
			for (int j = 0; j < n; j++) {
				int fine = 0;
				for (size_t o = 0; o < sizeof ok / sizeof ok[0]; o++) {
					fine |= sts[j] == ok[o];
				}
				if (!fine) {
					UNIT_FAIL("key %s, call %d: %s", k, j, unit_status_name(sts[j]));
				}
			}
		}
		size_t cap = shmt_image_size(t) * 2;
		unsigned char *buf = malloc(cap);
		uint32_t b = 0;
		for (int guard = 0; b < shmt_bucket_count(t) && guard < 100000; guard++) {
			uint32_t n, next;
			size_t need;
			shmt_status st = shmt_snapshot_buckets(t, b, buf, cap, &n, &next, &need);
			if (st == SHMT_E_BUFFER) {
				cap = need;
				buf = realloc(buf, cap);
				continue;
			}
			if (st != SHMT_OK) {
				break;
			}
			for (uint32_t r = 0; r < n; r++) {
				uint32_t len, sl;
				(void)shmt_img_key(t, buf + (size_t)r * shmt_image_size(t), &len);
				(void)shmt_img_str(t, buf + (size_t)r * shmt_image_size(t), 2, &sl);
				if (len > shmt_key_max(t) || sl > 20) {
					UNIT_FAIL("a decoded length out of its bounds");
				}
			}
			b = next;
		}
		free(buf);
		shmt_stats stats;
		shmt_get_stats(t, &stats);
		(void)shmt_count(t);
		(void)shmt_check(t, msg, sizeof msg);
	}
	free(img);
}

/* ---- live damage: a table in use whose shared words are overwritten ----
 *
 * live_input() makes a table (damage_seed()), keeps it open, writes the
 * given edits into its file, each 8 bytes: a file offset (modulo the
 * file's size; lock words are skipped: a lock word is not validated, see
 * docs/ARCHITECTURE.md) and the 32-bit value to store there. Then another
 * handle attaches, both use the table (hammer()), and once both are
 * closed the table is opened again by the one user left: whatever opens
 * must pass shmt_check(), whatever is refused must say why. Nothing may
 * crash or hang. The fuzz target takes inputs that start with "LIVE" this
 * way. */
static void live_input(const uint8_t *edits, size_t n)
{
	char msg[2048];
	shmt_table *t = damage_seed(input_path);
	if (t == NULL) {
		return;
	}
	blob b = read_all(input_path);
	if (b.n < 128) {
		UNIT_FAIL("cannot read %s", input_path);
		free(b.p);
		shmt_close(t);
		return;
	}
	uint64_t alloc = rd_u64(&b, H_ALLOC), stripes = rd_u64(&b, H_STRIPES);
	uint32_t nstripes = rd_u32(&b, H_NSTRIPES);
	for (size_t i = 0; i + 8 <= n; i += 8) {
		uint32_t off, val;
		memcpy(&off, edits + i, 4);
		memcpy(&val, edits + i + 4, 4);
		off = (uint32_t)(off % (b.n - 3));
		int in_lock = off + 4 > alloc && off < alloc + LK;
		for (uint32_t k = 0; k < nstripes && k < SHMT_MAX_COLUMNS; k++) {
			uint64_t lock = stripes + 128ull * k;
			/* the stripe's lock slot and its owner word */
			uint64_t owner = lock + offsetof(shmt_stripe_raw, owner);
			in_lock |= (off + 4 > lock && off < lock + LK) || (off + 4 > owner && off < owner + 4);
		}
		if (!in_lock && pwrite_u32(input_path, off, val) != 0) {
			UNIT_FAIL("cannot write %s", input_path);
		}
	}
	free(b.p);
	shmt_open_args a;
	memset(&a, 0, sizeof a);
	a.path = input_path;
	shmt_table *u = NULL;
	if (shmt_open(&u, &a, NULL, msg, sizeof msg) != SHMT_OK && msg[0] == '\0') {
		UNIT_FAIL("attach refused without a message");
	}
	hammer(t);
	if (u != NULL) {
		hammer(u);
		shmt_close(u);
	}
	shmt_close(t);
	u = NULL;
	shmt_status st = shmt_open(&u, &a, NULL, msg, sizeof msg);
	if (st == SHMT_OK) {
		CHECK(shmt_opened_how(u) == SHMT_OPENED_REOPENED);
		exercise(u);
		shmt_close(u);
	} else if (msg[0] == '\0') {
		UNIT_FAIL("reopen refused (%s) without a message", unit_status_name(st));
	}
}

#ifdef SHMT_FUZZ
static void remove_input(void)
{
	unlink(input_path);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (input_path[0] == '\0') {
		fixed_init();
		struct stat sb;
		snprintf(input_path, sizeof input_path, "%s/shmt-fuzz-open-%ld.shmt",
		         stat("/dev/shm", &sb) == 0 ? "/dev/shm" : "/tmp", (long)getpid());
		atexit(remove_input);
	}
	if (size >= 4 && memcmp(data, "LIVE", 4) == 0) {
		live_input(data + 4, size - 4);
	} else {
		open_input(data, size);
	}
	if (unit_failures) {
		abort();
	}
	return 0;
}
#else

/* A file table of the given definition with some rows written, some
 * deleted, closed again: its bytes are a seed. */
static blob make_seed(const char *dir, int which)
{
	char path[512];
	snprintf(path, sizeof path, "%s/seed-%d.shmt", dir, which);
	unlink(path);
	shmt_coldef cols[4];
	uint32_t ncols, size, key_max = 16;
	switch (which) {
	case 0:
		memcpy(cols, fixed_cols, sizeof fixed_cols);
		ncols = 3;
		size = 20;
		break;
	case 1:
		cols[0] = unit_col("n", SHMT_TYPE_INT, 0);
		ncols = 1;
		size = 3;
		key_max = 4;
		break;
	default:
		cols[0] = unit_col("blob", SHMT_TYPE_STRING, 300);
		cols[1] = unit_col("x", SHMT_TYPE_FLOAT, 0);
		cols[2] = unit_col("y", SHMT_TYPE_INT, 0);
		cols[3] = unit_col("z", SHMT_TYPE_STRING, 2);
		ncols = 4;
		size = 40;
		break;
	}
	shmt_open_args a;
	memset(&a, 0, sizeof a);
	a.path = path;
	a.mode = 0600;
	a.create = 1;
	a.size = size;
	a.key_max = key_max;
	a.cols = cols;
	a.ncols = ncols;
	shmt_table *t;
	char msg[512];
	CHECK_ST(shmt_open(&t, &a, NULL, msg, sizeof msg), SHMT_OK);
	for (uint32_t i = 0; i < size; i++) {
		char k[8];
		int kl = snprintf(k, sizeof k, "k%u", i % 100);
		shmt_value v = cols[0].type == SHMT_TYPE_STRING ? unit_vs(0, "abcdef", 6)
		                                                 : unit_vi(0, (int64_t)i * 7);
		CHECK_ST(shmt_set(t, k, (size_t)kl, &v, 1, SHMT_UPSERT, NULL), SHMT_OK);
		if (i % 3 == 0) {
			CHECK_ST(shmt_set(t, k, (size_t)kl, &v, 1, SHMT_UPSERT, NULL), SHMT_OK);
		}
		if (i % 4 == 1) {
			CHECK_ST(shmt_del(t, k, (size_t)kl, NULL, 0, NULL), SHMT_OK);
		}
	}
	CHECK_ST(shmt_flush(t, msg, sizeof msg), SHMT_OK);
	shmt_close(t);
	blob b = read_all(path);
	unlink(path);
	return b;
}

/* ---- the API, end to end ---- */

static void test_api(const char *dir)
{
	char path[512], msg[1024];
	snprintf(path, sizeof path, "%s/api.shmt", dir);
	unlink(path);
	shmt_open_args a;
	memset(&a, 0, sizeof a);
	a.path = path;
	a.mode = 0600;
	shmt_table *t, *u, *x;
	CHECK_ST(shmt_open(&t, &a, NULL, msg, sizeof msg), SHMT_E_NOENT);
	CHECK(strstr(msg, "no table file") != NULL);
	a.create = 1;
	a.size = 20;
	a.key_max = 16;
	a.cols = fixed_cols;
	a.ncols = 3;
	CHECK_ST(shmt_open(&t, &a, NULL, msg, sizeof msg), SHMT_OK);
	CHECK(shmt_opened_how(t) == SHMT_OPENED_CREATED);
	shmt_value v = unit_vi(0, 41);
	CHECK_ST(shmt_set(t, "a", 1, &v, 1, SHMT_UPSERT, NULL), SHMT_OK);
	/* A second handle in this process is a second user: it attaches. */
	a.create = 0;
	CHECK_ST(shmt_open(&u, &a, NULL, msg, sizeof msg), SHMT_OK);
	CHECK(shmt_opened_how(u) == SHMT_OPENED_ATTACHED);
	CHECK_ST(shmt_incr_int(u, "a", 1, 0, 1, NULL), SHMT_OK);
	unsigned char img[512];
	CHECK_ST(shmt_get(t, "a", 1, img), SHMT_OK);
	CHECK_I64(shmt_img_int(t, img, 0), 42);
	/* Mismatches: each field. */
	a.create = 1;
	a.size = 21;
	CHECK_ST(shmt_open(&x, &a, NULL, msg, sizeof msg), SHMT_E_DEFINITION);
	CHECK(x == NULL && strstr(msg, "size is 20 there, 21 here") != NULL);
	a.size = 20;
	shmt_coldef other[3];
	memcpy(other, fixed_cols, sizeof other);
	other[2].size = 21;
	a.cols = other;
	CHECK_ST(shmt_open(&x, &a, NULL, msg, sizeof msg), SHMT_E_DEFINITION);
	CHECK(strstr(msg, "column 'note' holds 20 bytes there, 21 here") != NULL);
	CHECK_ST(shmt_same_definition(t, 20, 16, fixed_cols, 3, SHMT_EVICT_NONE, msg, sizeof msg),
	         SHMT_OK);
	CHECK_ST(shmt_same_definition(t, 20, 17, fixed_cols, 3, SHMT_EVICT_NONE, msg, sizeof msg),
	         SHMT_E_DEFINITION);
	CHECK_ST(shmt_same_definition(t, 20, 16, fixed_cols, 3, SHMT_EVICT_LRU, msg, sizeof msg),
	         SHMT_E_DEFINITION);
	CHECK(strstr(msg, "eviction policy is EVICT_NONE there, EVICT_LRU here") != NULL);
	CHECK(shmt_still_current(t) == 1);
	shmt_close(u);
	shmt_close(t);
	/* Nobody maps it now: the next open reopens and checks it. */
	a.cols = fixed_cols;
	CHECK_ST(shmt_open(&t, &a, NULL, msg, sizeof msg), SHMT_OK);
	CHECK(shmt_opened_how(t) == SHMT_OPENED_REOPENED);
	CHECK_ST(shmt_get(t, "a", 1, img), SHMT_OK);
	CHECK_I64(shmt_img_int(t, img, 0), 42);
	unlink(path);
	CHECK(shmt_still_current(t) == 0);
	shmt_close(t);

	/* Names. */
	CHECK(shmt_name_valid("a", 1) && shmt_name_valid("A-z_0.9", 7));
	CHECK(!shmt_name_valid("", 0) && !shmt_name_valid(".x", 2) && !shmt_name_valid("a/b", 3));
	CHECK(!shmt_name_valid("a\0b", 3) && !shmt_name_valid("..", 2));
	char long_name[SHMT_MAX_NAME + 2];
	memset(long_name, 'n', sizeof long_name);
	CHECK(shmt_name_valid(long_name, SHMT_MAX_NAME) && !shmt_name_valid(long_name, SHMT_MAX_NAME + 1));
	char name[64];
	snprintf(name, sizeof name, "unit-open-%ld", (long)getpid());
	memset(&a, 0, sizeof a);
	a.name = name;
	a.mode = 0600;
	a.create = 1;
	a.size = 5;
	a.key_max = 8;
	a.cols = fixed_cols;
	a.ncols = 1;
	CHECK_ST(shmt_open(&t, &a, NULL, msg, sizeof msg), SHMT_OK);
	CHECK(strcmp(shmt_name(t), name) == 0 && shmt_path(t) == NULL);
	CHECK_ST(shmt_flush(t, msg, sizeof msg), SHMT_OK);
	CHECK_ST(shmt_unlink(name, msg, sizeof msg), SHMT_OK);
	CHECK_ST(shmt_unlink(name, msg, sizeof msg), SHMT_NOT_FOUND);
	CHECK_ST(shmt_unlink("../x", msg, sizeof msg), SHMT_E_INVALID);
	CHECK_ST(shmt_set(t, "still", 5, &v, 1, SHMT_UPSERT, NULL), SHMT_OK);
	shmt_close(t);
	a.path = "/tmp/x";
	CHECK_ST(shmt_open(&t, &a, NULL, msg, sizeof msg), SHMT_E_INVALID);
}

/* ---- damaged shared state: a live table, then one nobody maps ---- */

typedef struct {
	const char *what;
	char area;          /* 'a' allocator, 's' stripe 0, 'b' a bucket head, 'r' its row */
	uint32_t off;       /* in that area */
	int64_t val;        /* the value written; negative: total_rows + 1 - val */
	int live_refused;   /* attach to the live table refuses it */
	int closed_refused; /* opening it once nobody maps it refuses it */
} damage;

#define PAST(n) (-(int64_t)(n)) /* total_rows + n */

static const damage damages[] = {
	{"allocator: next unused row 0", 'a', A_NEXT_UNUSED, 0, 1, 1},
	{"allocator: next unused row past the end", 'a', A_NEXT_UNUSED, PAST(2), 1, 1},
	{"allocator: next unused row 2^32-1", 'a', A_NEXT_UNUSED, 0xffffffff, 1, 1},
	{"allocator: first free row past the end", 'a', A_FREE, PAST(1), 1, 1},
	{"allocator: first free row 2^32-1", 'a', A_FREE, 0xffffffff, 1, 1},
	{"allocator: count above the size", 'a', A_LIVE, 21, 1, 1},
	{"allocator: count 2^32-1", 'a', A_LIVE, 0xffffffff, 1, 1},
	{"allocator: journal flag 2", 'a', A_J_ACTIVE, 2, 1, 1},
	{"allocator: journal stripe out of range (active)", 'a', A_J_ACTIVE, 1, 1, 1},
	{"stripe: intent kind 9", 's', S_KIND, 9, 1, 1},
	{"stripe: intent bucket past the end", 's', S_BUCKET, 0x7fffffff, 1, 1},
	{"stripe: intent's new row past the end", 's', S_NEW, PAST(1), 1, 1},
	{"stripe: intent's old row 2^32-1", 's', S_OLD, 0xffffffff, 1, 1},
	{"stripe: spare row past the end", 's', S_SPARE, PAST(5), 1, 1},
	{"stripe: first kept row past the end", 's', S_KEPT, PAST(1), 1, 1},
	{"stripe: kept count 2^32-1", 's', S_KEPT_N, 0xffffffff, 1, 1},
	{"stripe: sequence counter odd", 's', S_SEQ, 1, 0, 0},
	{"bucket head past the end", 'b', 0, PAST(1), 0, 1},
	{"bucket head 2^32-1", 'b', 0, 0xffffffff, 0, 1},
	{"row link 2^32-1", 'r', 0, 0xffffffff, 0, 1},
	{"row link to itself (a loop)", 'r', 0, -1000, 0, 1},
	{"row key length 2047", 'r', 4, 0x7ff, 0, 1},
	{"row string length 2^32-1", 'r', 1000, 0xffffffff, 0, 1},
};

/* Where a damage goes in the file of t (whose bytes are b). */
static uint64_t damage_at(const damage *d, const blob *b, shmt_table *t, uint32_t *val)
{
	uint32_t total = rd_u32(b, H_TOTAL), nbuckets = rd_u32(b, H_NBUCKETS);
	uint64_t alloc = rd_u64(b, H_ALLOC), stripes = rd_u64(b, H_STRIPES);
	uint64_t buckets = rd_u64(b, H_BUCKETS), rows = rd_u64(b, H_ROWS);
	uint32_t row_bytes = rd_u32(b, H_ROW_BYTES);
	uint32_t bucket = 0, head = 0;
	for (bucket = 0; bucket < nbuckets; bucket++) {
		head = rd_u32(b, (size_t)(buckets + 4ull * bucket));
		if (head != 0) {
			break;
		}
	}
	*val = d->val >= 0 ? (uint32_t)d->val : d->val == -1000 ? head : total - (uint32_t)d->val;
	switch (d->area) {
	case 'a':
		return alloc + LK + d->off;
	case 's':
		return stripes + LK + d->off;
	case 'b':
		return buckets + 4ull * bucket;
	default: {
		uint32_t off = d->off == 1000 ? shmt_col(t, 2)->lenoff : d->off;
		return rows + (uint64_t)(head - 1) * row_bytes + off;
	}
	}
}

static void damage_case(const char *dir, const damage *d, int live)
{
	char path[512], msg[1024];
	snprintf(path, sizeof path, "%s/damage-%ld.shmt", dir, (long)getpid());
	shmt_table *t = damage_seed(path);
	if (t == NULL) {
		return;
	}
	CHECK_ST(shmt_flush(t, msg, sizeof msg), SHMT_OK);
	blob before = read_all(path);
	uint32_t val;
	uint64_t at = damage_at(d, &before, t, &val);
	free(before.p);
	if (!live) {
		shmt_close(t);
		t = NULL;
	}
	if (pwrite_u32(path, at, val) != 0 ||
	    (d->off == A_J_ACTIVE && val == 1 &&
	     pwrite_u32(path, at - A_J_ACTIVE + A_J_STRIPE, 4096) != 0)) {
		UNIT_FAIL("%s: cannot write the damage", d->what);
	}
	before = read_all(path);
	shmt_open_args a;
	memset(&a, 0, sizeof a);
	a.path = path;
	shmt_table *u = NULL;
	shmt_status st = shmt_open(&u, &a, NULL, msg, sizeof msg);
	int refused = live ? d->live_refused : d->closed_refused;
	if (refused) {
		if (st != SHMT_E_CORRUPT || strstr(msg, "damaged") == NULL) {
			UNIT_FAIL("%s (%s): %s, %s", d->what, live ? "live" : "closed",
			          unit_status_name(st), msg);
		}
		blob after = read_all(path);
		if (after.n != before.n || memcmp(after.p, before.p, after.n) != 0) {
			UNIT_FAIL("%s (%s): refused, but the file was written", d->what,
			          live ? "live" : "closed");
		}
		free(after.p);
	} else if (st != SHMT_OK) {
		UNIT_FAIL("%s (%s): %s, %s", d->what, live ? "live" : "closed",
		          unit_status_name(st), msg);
	}
	free(before.p);
	if (t != NULL) {
		hammer(t);
	}
	if (u != NULL) {
		hammer(u);
		shmt_close(u);
	}
	shmt_close(t);
	unlink(path);
}

/* Each damage in a child of its own, so that a crash is reported as one. */
static void test_damaged(const char *dir)
{
	for (int live = 1; live >= 0; live--) {
		for (size_t i = 0; i < sizeof damages / sizeof damages[0]; i++) {
			fflush(stdout);
			pid_t pid = fork();
			if (pid == 0) {
				unit_failures = 0; /* this child's own */
				alarm(60);
				damage_case(dir, &damages[i], live);
				fflush(stdout);
				_exit(unit_failures ? 1 : 0);
			}
			int status = 0;
			waitpid(pid, &status, 0);
			if (WIFSIGNALED(status)) {
				UNIT_FAIL("%s (%s): the process died of signal %d", damages[i].what,
				          live ? "live" : "closed", WTERMSIG(status));
			} else {
				CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
			}
		}
	}
}

/* ---- a creator killed at each step of its creation ---- */

static int kill_at_step;
static void hook_kill_open(int step)
{
	if (step == kill_at_step) {
		raise(SIGKILL);
	}
}

static void test_creator_killed(const char *dir)
{
	static const int steps[] = {SHMT_STEP_OPEN_MADE, SHMT_STEP_CREATE_MARKED,
	                            SHMT_STEP_CREATE_SIZED, SHMT_STEP_CREATE_WRITTEN};
	char path[512], msg[1024];
	snprintf(path, sizeof path, "%s/killed-creator-%ld.shmt", dir, (long)getpid());
	for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
		unlink(path);
		shmt_open_args a;
		memset(&a, 0, sizeof a);
		a.path = path;
		a.mode = 0600;
		a.create = 1;
		a.size = 20;
		a.key_max = 16;
		a.cols = fixed_cols;
		a.ncols = 3;
		fflush(stdout);
		pid_t pid = fork();
		if (pid == 0) {
			shmt_table *t;
			kill_at_step = steps[i];
			shmt_step_hook = hook_kill_open;
			(void)shmt_open(&t, &a, NULL, msg, sizeof msg);
			_exit(3); /* not reached */
		}
		int status = 0;
		waitpid(pid, &status, 0);
		CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
		/* attach: refused with how to tell (an empty one only after a
		 * wait for a creator that might still lock it), nothing written. */
		blob before = read_all(path);
		a.create = 0;
		shmt_table *t = NULL;
		int64_t t0 = shmt_os_monotonic_ns();
		CHECK_ST(shmt_open(&t, &a, NULL, msg, sizeof msg), SHMT_E_NOENT);
		int64_t waited_ms = (shmt_os_monotonic_ns() - t0) / 1000000;
		if (steps[i] == SHMT_STEP_OPEN_MADE) {
			CHECK(before.n == 0 && strstr(msg, "has been empty for ") != NULL &&
			      waited_ms >= 2900);
		} else {
			CHECK(strstr(msg, "died before it finished") != NULL && waited_ms < 2000);
		}
		CHECK(strstr(msg, "create() it") != NULL);
		blob after = read_all(path);
		CHECK(after.n == before.n && memcmp(after.p, before.p, after.n) == 0);
		free(before.p);
		free(after.p);
		/* create: makes the table there, of any definition. */
		a.create = 1;
		a.size = steps[i] == SHMT_STEP_CREATE_WRITTEN ? 30 : 20;
		CHECK_ST(shmt_open(&t, &a, NULL, msg, sizeof msg), SHMT_OK);
		if (t != NULL) {
			CHECK(shmt_opened_how(t) == SHMT_OPENED_CREATED && shmt_size(t) == a.size);
			shmt_value v = unit_vi(0, 5);
			CHECK_ST(shmt_set(t, "a", 1, &v, 1, SHMT_UPSERT, NULL), SHMT_OK);
			CHECK_TABLE(t);
			shmt_close(t);
		}
	}
	unlink(path);
}

/* ---- attach() racing the creator ---- */

/* Rounds of one creator and several attachers started together on a new
 * name; an attacher tries until the name exists. Each must get the table:
 * none may be told it was never completely created. */
static void test_attach_race(void)
{
	int rounds = getenv("SHMT_OPEN_RACE_ROUNDS") != NULL ? atoi(getenv("SHMT_OPEN_RACE_ROUNDS")) : 200;
	enum { ATTACHERS = 3 };
	int failed = 0, attached = 0;
	for (int r = 0; r < rounds; r++) {
		char name[64], msg[1024];
		snprintf(name, sizeof name, "unit-race-%ld-%d", (long)getpid(), r);
		(void)shmt_unlink(name, msg, sizeof msg);
		int go[2];
		if (pipe(go) != 0) {
			UNIT_FAIL("pipe");
			return;
		}
		pid_t pids[1 + ATTACHERS];
		fflush(stdout);
		for (int p = 0; p < 1 + ATTACHERS; p++) {
			pids[p] = fork();
			if (pids[p] != 0) {
				continue;
			}
			char c;
			close(go[1]);
			alarm(30);
			(void)read(go[0], &c, 1);
			shmt_open_args a;
			memset(&a, 0, sizeof a);
			a.name = name;
			a.mode = 0600;
			shmt_table *t = NULL;
			shmt_status st;
			if (p == 0) {
				a.create = 1;
				a.size = 20;
				a.key_max = 16;
				a.cols = fixed_cols;
				a.ncols = 3;
				st = shmt_open(&t, &a, NULL, msg, sizeof msg);
			} else {
				int64_t until = shmt_os_monotonic_ns() + 5000000000ll;
				do {
					st = shmt_open(&t, &a, NULL, msg, sizeof msg);
				} while (st == SHMT_E_NOENT && strncmp(msg, "no table named", 14) == 0 &&
				         shmt_os_monotonic_ns() < until);
			}
			if (st != SHMT_OK) {
				printf("round %d, %s: %s\n", r, p == 0 ? "creator" : "attacher", msg);
				fflush(stdout);
				_exit(1);
			}
			_exit(shmt_size(t) == 20 && shmt_ncols(t) == 3 ? 0 : 2);
		}
		close(go[0]);
		close(go[1]); /* all start */
		for (int p = 0; p < 1 + ATTACHERS; p++) {
			int status = 0;
			waitpid(pids[p], &status, 0);
			if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
				failed++;
			} else if (p > 0) {
				attached++;
			}
		}
		(void)shmt_unlink(name, msg, sizeof msg);
	}
	printf("attach racing create: %d rounds, %d attaches succeeded, %d failures\n", rounds,
	       attached, failed);
	CHECK(failed == 0 && attached == rounds * ATTACHERS);
}

/* ---- mutations ---- */

static void mutate_all(const blob *seeds, int nseeds, uint64_t seed, int rounds)
{
	static const uint32_t edge[] = {0, 1, 2, 7, 8, 63, 64, 128, 255, 256, 4096,
	                                0x7fffffffu, 0x80000000u, 0xfffffffeu, 0xffffffffu};
	unit_rng r;
	unit_rng_seed(&r, seed);
	for (int i = 0; i < rounds; i++) {
		const blob *s = &seeds[unit_below(&r, (uint64_t)nseeds)];
		uint8_t *m = malloc(s->n + 1);
		size_t n = s->n;
		memcpy(m, s->p, n);
		int edits = 1 + (int)unit_below(&r, 4);
		for (int e = 0; e < edits && n >= 4; e++) {
			/* Mostly the header and column list: that is where validation is. */
			size_t lim = unit_chance(&r, 3, 4) && n > 1024 ? 1024 : n;
			size_t at = (size_t)unit_below(&r, lim - 3) & ~(size_t)3;
			switch (unit_below(&r, 4)) {
			case 0:
				m[at + unit_below(&r, 4)] ^= (uint8_t)(1u << unit_below(&r, 8));
				break;
			case 1: {
				uint32_t v = edge[unit_below(&r, sizeof edge / sizeof edge[0])];
				memcpy(m + at, &v, 4);
				break;
			}
			case 2: {
				uint32_t v = (uint32_t)unit_rand64(&r);
				memcpy(m + at, &v, 4);
				break;
			}
			default:
				n = (size_t)unit_below(&r, n + 1);
				break;
			}
		}
		open_input(m, n);
		free(m);
	}
}

/* Random edits of a live table's shared words (allocator, stripes, bucket
 * heads, rows): values at the edges of the bounds, indexes just inside
 * and just outside, and random words. */
static void live_mutations(uint64_t seed, int rounds)
{
	shmt_table *t = damage_seed(input_path);
	if (t == NULL) {
		return;
	}
	blob b = read_all(input_path);
	shmt_close(t);
	uint32_t total = rd_u32(&b, H_TOTAL);
	uint64_t alloc = rd_u64(&b, H_ALLOC), rows = rd_u64(&b, H_ROWS);
	size_t size = b.n;
	free(b.p);
	unit_rng r;
	unit_rng_seed(&r, seed);
	for (int i = 0; i < rounds; i++) {
		uint8_t edits[8 * 4];
		int n = 1 + (int)unit_below(&r, 4);
		for (int e = 0; e < n; e++) {
			/* Mostly the words between the allocator and the rows. */
			uint64_t lo = alloc, hi = unit_chance(&r, 3, 4) ? rows + 64 : size - 4;
			uint32_t off = (uint32_t)((lo + unit_below(&r, hi - lo)) & ~(uint64_t)3);
			uint32_t val;
			switch (unit_below(&r, 4)) {
			case 0:
				val = (uint32_t)unit_below(&r, (uint64_t)total + 3);
				break;
			case 1:
				val = total + (uint32_t)unit_below(&r, 3);
				break;
			case 2:
				val = 0xffffffffu - (uint32_t)unit_below(&r, 2);
				break;
			default:
				val = (uint32_t)unit_rand64(&r);
				break;
			}
			memcpy(edits + 8 * e, &off, 4);
			memcpy(edits + 8 * e + 4, &val, 4);
		}
		live_input(edits, (size_t)n * 8);
	}
}

int main(int argc, char **argv)
{
	fixed_init();
	const char *dir = getenv("TMPDIR") != NULL ? getenv("TMPDIR") : "/tmp";
	if (argc == 3 && strcmp(argv[1], "--write-seeds") == 0) {
		for (int i = 0; i < 3; i++) {
			blob b = make_seed(dir, i);
			char path[512];
			snprintf(path, sizeof path, "%s/seed-%d", argv[2], i);
			if (b.p == NULL || write_file(path, b.p, b.n) != 0) {
				fprintf(stderr, "cannot write %s\n", path);
				return 1;
			}
			free(b.p);
		}
		/* Live edits (fuzz inputs "LIVE" + offset/value pairs) of the
		 * table damage_seed() makes. */
		char path[512];
		snprintf(path, sizeof path, "%s/seed-live-%ld.shmt", dir, (long)getpid());
		shmt_table *t = damage_seed(path);
		if (t == NULL) {
			return 1;
		}
		blob b = read_all(path);
		shmt_close(t);
		unlink(path);
		uint32_t alloc = (uint32_t)rd_u64(&b, H_ALLOC), stripes = (uint32_t)rd_u64(&b, H_STRIPES);
		uint32_t buckets = (uint32_t)rd_u64(&b, H_BUCKETS), total = rd_u32(&b, H_TOTAL);
		free(b.p);
		const uint32_t live[][5] = {
			{1, alloc + LK + A_NEXT_UNUSED, 0, 0, 0},
			{2, stripes + LK + S_SPARE, total + 1, stripes + LK + S_KEPT_N, 0xffffffffu},
			{2, buckets + 4, 0xffffffffu, alloc + LK + A_LIVE, total},
			{2, alloc + LK + A_J_ACTIVE, 1, alloc + LK + A_J_STRIPE, 4096},
		};
		for (int i = 0; i < 4; i++) {
			uint8_t in[4 + 16];
			memcpy(in, "LIVE", 4);
			for (uint32_t e = 0; e < live[i][0]; e++) {
				memcpy(in + 4 + 8 * e, &live[i][1 + 2 * e], 4);
				memcpy(in + 8 + 8 * e, &live[i][2 + 2 * e], 4);
			}
			snprintf(path, sizeof path, "%s/seed-live-%d", argv[2], i);
			if (write_file(path, in, 4 + 8 * live[i][0]) != 0) {
				fprintf(stderr, "cannot write %s\n", path);
				return 1;
			}
		}
		return 0;
	}
	/* The inputs go to tmpfs when there is one: thousands of rewrites. */
	struct stat sb;
	const char *in_dir = stat("/dev/shm", &sb) == 0 && S_ISDIR(sb.st_mode) ? "/dev/shm" : dir;
	snprintf(input_path, sizeof input_path, "%s/shmt-unit-open-%ld.shmt", in_dir, (long)getpid());
	test_api(dir);
	test_damaged(dir);
	test_creator_killed(dir);
	test_attach_race();
	blob seeds[3];
	for (int i = 0; i < 3; i++) {
		seeds[i] = make_seed(dir, i);
		CHECK(seeds[i].p != NULL && seeds[i].n > 0);
	}
	/* Every seed opens as it is. */
	for (int i = 0; i < 3; i++) {
		uint64_t before = n_opened;
		open_input(seeds[i].p, seeds[i].n);
		CHECK(n_opened == before + (i == 0 ? 2 : 1));
	}
	int rounds = getenv("SHMT_OPEN_MUTATIONS") != NULL ? atoi(getenv("SHMT_OPEN_MUTATIONS")) : 20000;
	mutate_all(seeds, 3, argc > 1 ? strtoull(argv[1], NULL, 10) : 7, rounds);
	printf("%d mutated files: %llu opens, %llu refusals\n", rounds,
	       (unsigned long long)n_opened, (unsigned long long)n_refused);
	int live = getenv("SHMT_OPEN_LIVE_MUTATIONS") != NULL ? atoi(getenv("SHMT_OPEN_LIVE_MUTATIONS")) : 2000;
	live_mutations(argc > 1 ? strtoull(argv[1], NULL, 10) : 7, live);
	printf("%d live tables damaged and used, no crash\n", live);
	for (int i = 0; i < 3; i++) {
		free(seeds[i].p);
	}
	unlink(input_path);
	return unit_finish("test_open");
}
#endif
