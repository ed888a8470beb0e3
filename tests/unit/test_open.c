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
 * Nothing may crash, and whatever opens must pass shmt_check().
 */
#include <fcntl.h>
#include <stdbool.h>
#include <sys/stat.h>
#include <unistd.h>

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
	for (int create = 0; create <= 1; create++) {
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
	open_input(data, size);
	if (unit_failures) {
		abort();
	}
	return 0;
}
#else

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
	CHECK_ST(shmt_same_definition(t, 20, 16, fixed_cols, 3, msg, sizeof msg), SHMT_OK);
	CHECK_ST(shmt_same_definition(t, 20, 17, fixed_cols, 3, msg, sizeof msg), SHMT_E_DEFINITION);
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
		return 0;
	}
	/* The inputs go to tmpfs when there is one: thousands of rewrites. */
	struct stat sb;
	const char *in_dir = stat("/dev/shm", &sb) == 0 && S_ISDIR(sb.st_mode) ? "/dev/shm" : dir;
	snprintf(input_path, sizeof input_path, "%s/shmt-unit-open-%ld.shmt", in_dir, (long)getpid());
	test_api(dir);
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
	for (int i = 0; i < 3; i++) {
		free(seeds[i].p);
	}
	unlink(input_path);
	return unit_finish("test_open");
}
#endif
