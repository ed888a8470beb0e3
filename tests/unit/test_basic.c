/*
 * test_basic.c - every operation of shmt.h, one behaviour at a time, in a
 * single process: argument checks of shmt_create(), the schema accessors,
 * set/get/exists/del with partial updates and the three write modes,
 * compare-and-set and compare-and-delete (floats compared bit for bit),
 * getdel, integer and float increments with overflow, exact capacity for
 * several kinds of keys, iteration by bucket snapshots, the statistics, and
 * lazy creation of a large table. shmt_check() runs after every phase.
 */
#include <math.h>
#include <stdbool.h>
#include <unistd.h>

#include "unit.h"

static shmt_table *mk(uint32_t size, uint32_t key_max, const shmt_coldef *cols,
                      uint32_t ncols)
{
	shmt_table *t = NULL;
	uint64_t asked = 0;
	int bad = 0;
	shmt_status st = shmt_create(&t, size, key_max, cols, ncols, &asked, &bad);
	if (st != SHMT_OK || t == NULL) {
		fprintf(stderr, "shmt_create(size %u, key_max %u, %u columns) failed: %s (bad_arg %d, asked %" PRIu64 ")\n",
		        size, key_max, ncols, unit_status_name(st), bad, asked);
		exit(1);
	}
	return t;
}

static void *img_new(const shmt_table *t)
{
	void *img = calloc(1, shmt_image_size(t));
	if (!img) {
		perror("calloc");
		exit(1);
	}
	return img;
}

/* The standard schema of these tests. */
enum { C_ID, C_SCORE, C_NAME, C_BLOB, NCOLS_STD };
#define NAME_SIZE 8u
#define BLOB_SIZE 300u

static const shmt_coldef *std_cols(void)
{
	static shmt_coldef cols[NCOLS_STD];
	cols[C_ID] = unit_col("id", SHMT_TYPE_INT, 0);
	cols[C_SCORE] = unit_col("score", SHMT_TYPE_FLOAT, 0);
	cols[C_NAME] = unit_col("name", SHMT_TYPE_STRING, NAME_SIZE);
	cols[C_BLOB] = unit_col("blob", SHMT_TYPE_STRING, BLOB_SIZE);
	return cols;
}

static shmt_table *mk_std(uint32_t size)
{
	return mk(size, 63, std_cols(), NCOLS_STD);
}

#define KEY(s) (s), (sizeof(s) - 1)

/* Compares the row for key with the given values; name may hold NULs. */
static void expect_row(shmt_table *t, const char *key, size_t klen, int64_t id,
                       double score, const char *name, uint32_t name_len,
                       int line)
{
	void *img = img_new(t);
	shmt_status st = shmt_get(t, key, klen, img);
	unit_checks++;
	if (st != SHMT_OK) {
		UNIT_FAIL("(line %d) get: %s", line, unit_status_name(st));
		free(img);
		return;
	}
	uint32_t kl = 0;
	const char *k = shmt_img_key(t, img, &kl);
	if (kl != klen || memcmp(k, key, klen) != 0) {
		UNIT_FAIL("(line %d) image key differs (length %u, expected %zu)", line, kl, klen);
	}
	int64_t gi = shmt_img_int(t, img, C_ID);
	if (gi != id) {
		UNIT_FAIL("(line %d) id is %" PRId64 ", expected %" PRId64, line, gi, id);
	}
	double gf = shmt_img_float(t, img, C_SCORE);
	if (unit_fbits(gf) != unit_fbits(score)) {
		UNIT_FAIL("(line %d) score is %g, expected %g", line, gf, score);
	}
	uint32_t sl = 0;
	const char *s = shmt_img_str(t, img, C_NAME, &sl);
	if (sl != name_len || (sl && memcmp(s, name, sl) != 0)) {
		UNIT_FAIL("(line %d) name is \"%.*s\" (%u), expected \"%.*s\" (%u)", line,
		          (int)sl, s, sl, (int)name_len, name, name_len);
	}
	unit_checks += 4;
	free(img);
}
#define EXPECT_ROW(t, key, id, score, name) \
	expect_row((t), KEY(key), (id), (score), (name), (uint32_t)strlen(name), __LINE__)

static void test_create_invalid(void)
{
	shmt_coldef good[2] = {
		unit_col("a", SHMT_TYPE_INT, 0),
		unit_col("b", SHMT_TYPE_STRING, 16),
	};
	shmt_table *t;
	uint64_t asked;
	int bad;

#define BAD_CREATE(size, key_max, cols, ncols, want_arg)                       \
	do {                                                                       \
		t = NULL;                                                              \
		asked = 0;                                                             \
		bad = -1;                                                              \
		CHECK_ST(shmt_create(&t, (size), (key_max), (cols), (ncols), &asked, &bad), \
		         SHMT_E_INVALID);                                              \
		CHECK_I64(bad, (want_arg));                                            \
	} while (0)

	BAD_CREATE(0, 63, good, 2, 1);
	BAD_CREATE(SHMT_MAX_ROWS + 1u, 63, good, 2, 1);
	BAD_CREATE(UINT32_MAX, 63, good, 2, 1);
	BAD_CREATE(10, 0, good, 2, 2);
	BAD_CREATE(10, SHMT_MAX_KEY_LEN + 1, good, 2, 2);
	BAD_CREATE(10, UINT32_MAX, good, 2, 2);
	BAD_CREATE(10, 63, good, 0, 3);
	BAD_CREATE(10, 63, NULL, 0, 3);

	shmt_coldef c[2];
	c[0] = good[0];
	c[1] = unit_col("x", (shmt_type)0, 0);
	BAD_CREATE(10, 63, c, 2, 3);
	c[1] = unit_col("x", (shmt_type)4, 0);
	BAD_CREATE(10, 63, c, 2, 3);
	c[1] = unit_col("x", SHMT_TYPE_STRING, 0);
	BAD_CREATE(10, 63, c, 2, 3);
	c[1] = unit_col("x", SHMT_TYPE_STRING, SHMT_MAX_STRING + 1);
	BAD_CREATE(10, 63, c, 2, 3);
	c[1] = unit_col("x", SHMT_TYPE_INT, 0);
	c[1].name_len = 0;
	c[1].name[0] = '\0';
	BAD_CREATE(10, 63, c, 2, 3);
	c[1] = unit_col("x", SHMT_TYPE_INT, 0);
	c[1].name_len = SHMT_MAX_COL_NAME + 1;
	BAD_CREATE(10, 63, c, 2, 3);
	c[1] = unit_col("a", SHMT_TYPE_FLOAT, 0); /* duplicate of column 0 */
	BAD_CREATE(10, 63, c, 2, 3);

	static shmt_coldef many[SHMT_MAX_COLUMNS + 1];
	for (uint32_t i = 0; i <= SHMT_MAX_COLUMNS; i++) {
		char name[16];
		snprintf(name, sizeof name, "c%u", i);
		many[i] = unit_col(name, SHMT_TYPE_INT, 0);
	}
	BAD_CREATE(10, 63, many, SHMT_MAX_COLUMNS + 1, 3);

	/* bad_arg may be NULL. */
	t = NULL;
	CHECK_ST(shmt_create(&t, 0, 63, good, 2, &asked, NULL), SHMT_E_INVALID);

	/* The limits themselves are accepted. */
	t = mk(1, SHMT_MAX_KEY_LEN, many, SHMT_MAX_COLUMNS);
	CHECK(shmt_ncols(t) == SHMT_MAX_COLUMNS);
	CHECK_TABLE(t);
	shmt_close(t);
	c[1] = unit_col("x", SHMT_TYPE_STRING, SHMT_MAX_STRING);
	t = mk(1, 1, c, 2);
	CHECK_TABLE(t);
	shmt_close(t);
	c[1] = unit_col("123456789012345678901234567890123456789012345678901234567890123",
	                SHMT_TYPE_INT, 0);
	CHECK(c[1].name_len == SHMT_MAX_COL_NAME);
	t = mk(1, 63, c, 2);
	CHECK(shmt_col_find(t, c[1].name, c[1].name_len) == 1);
	shmt_close(t);

	/* More memory than any machine has: refused with the byte count asked
	 * (2^31-1 rows of 256 MiB), and no overflow in the computation. */
	static shmt_coldef huge[SHMT_MAX_COLUMNS];
	for (uint32_t i = 0; i < SHMT_MAX_COLUMNS; i++) {
		char name[16];
		snprintf(name, sizeof name, "s%u", i);
		huge[i] = unit_col(name, SHMT_TYPE_STRING, SHMT_MAX_STRING);
	}
	t = NULL;
	asked = 0;
	CHECK_ST(shmt_create(&t, SHMT_MAX_ROWS, SHMT_MAX_KEY_LEN, huge, SHMT_MAX_COLUMNS,
	                     &asked, &bad),
	         SHMT_E_NOMEM);
	CHECK(asked >= (uint64_t)SHMT_MAX_ROWS * SHMT_MAX_COLUMNS * SHMT_MAX_STRING);
	if (t) {
		shmt_close(t);
	}
#undef BAD_CREATE
}

static void test_schema(void)
{
	shmt_table *t = mk_std(100);
	CHECK(shmt_ncols(t) == NCOLS_STD);
	const char *names[NCOLS_STD] = { "id", "score", "name", "blob" };
	uint32_t types[NCOLS_STD] = { SHMT_TYPE_INT, SHMT_TYPE_FLOAT, SHMT_TYPE_STRING,
	                              SHMT_TYPE_STRING };
	uint32_t sizes[NCOLS_STD] = { 0, 0, NAME_SIZE, BLOB_SIZE };
	for (uint32_t i = 0; i < NCOLS_STD; i++) {
		const shmt_colinfo *ci = shmt_col(t, i);
		CHECK(ci != NULL);
		if (!ci) {
			continue;
		}
		CHECK(ci->name_len == strlen(names[i]));
		CHECK(memcmp(ci->name, names[i], ci->name_len) == 0);
		CHECK(ci->type == types[i]);
		if (types[i] == SHMT_TYPE_STRING) {
			CHECK(ci->size == sizes[i]);
		}
		CHECK(shmt_col_find(t, names[i], strlen(names[i])) == (int)i);
	}
	CHECK(shmt_col_find(t, "nam", 3) == -1);
	CHECK(shmt_col_find(t, "names", 5) == -1);
	CHECK(shmt_col_find(t, "ID", 2) == -1);
	CHECK(shmt_col_find(t, "", 0) == -1);
	CHECK(shmt_col_find(t, "id\0x", 4) == -1);
	CHECK(shmt_key_max(t) == 63);
	CHECK(shmt_size(t) == 100);
	CHECK(shmt_count(t) == 0);
	CHECK(shmt_image_size(t) >= 63 + 8 + 8 + NAME_SIZE + BLOB_SIZE);
	CHECK(shmt_memory_size(t) >= 100u * (63 + 8 + 8 + NAME_SIZE + BLOB_SIZE));
	CHECK(shmt_bucket_count(t) >= 1);

	for (int s = SHMT_OK; s <= SHMT_E_BUFFER; s++) {
		const char *m = shmt_status_message((shmt_status)s);
		CHECK(m != NULL && m[0] != '\0');
		for (int s2 = SHMT_OK; s2 < s; s2++) {
			const char *m2 = shmt_status_message((shmt_status)s2);
			CHECK(m && m2 && strcmp(m, m2) != 0);
		}
	}
	CHECK_TABLE(t);
	shmt_close(t);
}

static void test_set_get(void)
{
	shmt_table *t = mk_std(16);
	void *img = img_new(t);
	bool ins = false;

	CHECK_ST(shmt_get(t, KEY("a"), img), SHMT_NOT_FOUND);
	CHECK_ST(shmt_exists(t, KEY("a")), SHMT_NOT_FOUND);

	shmt_value v[4] = {
		unit_vi(C_ID, 42),
		unit_vf(C_SCORE, 1.5),
		unit_vs(C_NAME, "alice", 5),
	};
	CHECK_ST(shmt_set(t, KEY("a"), v, 3, SHMT_UPSERT, &ins), SHMT_OK);
	CHECK(ins);
	CHECK_ST(shmt_exists(t, KEY("a")), SHMT_OK);
	EXPECT_ROW(t, "a", 42, 1.5, "alice");
	CHECK(shmt_count(t) == 1);

	/* Partial update keeps the other columns. */
	v[0] = unit_vi(C_ID, -7);
	CHECK_ST(shmt_set(t, KEY("a"), v, 1, SHMT_UPSERT, &ins), SHMT_OK);
	CHECK(!ins);
	EXPECT_ROW(t, "a", -7, 1.5, "alice");
	v[0] = unit_vs(C_NAME, "", 0);
	CHECK_ST(shmt_set(t, KEY("a"), v, 1, SHMT_UPSERT, NULL), SHMT_OK);
	EXPECT_ROW(t, "a", -7, 1.5, "");
	CHECK(shmt_count(t) == 1);

	/* A new row starts all zero, whatever columns are given. */
	v[0] = unit_vf(C_SCORE, -2.25);
	CHECK_ST(shmt_set(t, KEY("b"), v, 1, SHMT_UPSERT, &ins), SHMT_OK);
	CHECK(ins);
	EXPECT_ROW(t, "b", 0, -2.25, "");
	CHECK_ST(shmt_set(t, KEY("c"), NULL, 0, SHMT_UPSERT, &ins), SHMT_OK);
	CHECK(ins);
	EXPECT_ROW(t, "c", 0, 0.0, "");
	memset(img, 0x55, shmt_image_size(t));
	CHECK_ST(shmt_get(t, KEY("c"), img), SHMT_OK);
	uint32_t bl = 99;
	shmt_img_str(t, img, C_BLOB, &bl);
	CHECK(bl == 0);
	CHECK(shmt_count(t) == 3);

	/* Keys are binary-safe and never truncated or NUL-terminated. */
	v[0] = unit_vi(C_ID, 1);
	CHECK_ST(shmt_set(t, "k\0", 2, v, 1, SHMT_UPSERT, &ins), SHMT_OK);
	CHECK(ins);
	v[0] = unit_vi(C_ID, 2);
	CHECK_ST(shmt_set(t, "k\0\0", 3, v, 1, SHMT_UPSERT, &ins), SHMT_OK);
	CHECK(ins);
	v[0] = unit_vi(C_ID, 3);
	CHECK_ST(shmt_set(t, "k", 1, v, 1, SHMT_UPSERT, &ins), SHMT_OK);
	CHECK(ins);
	CHECK_ST(shmt_get(t, "k\0", 2, img), SHMT_OK);
	CHECK(shmt_img_int(t, img, C_ID) == 1);
	CHECK_ST(shmt_get(t, "k\0\0", 3, img), SHMT_OK);
	CHECK(shmt_img_int(t, img, C_ID) == 2);
	CHECK_ST(shmt_get(t, "k", 1, img), SHMT_OK);
	CHECK(shmt_img_int(t, img, C_ID) == 3);
	CHECK_ST(shmt_exists(t, "k\0\0\0", 4), SHMT_NOT_FOUND);

	/* Key lengths: 1..key_max. */
	char longkey[65];
	memset(longkey, 'K', sizeof longkey);
	CHECK_ST(shmt_set(t, longkey, 63, v, 1, SHMT_UPSERT, &ins), SHMT_OK);
	CHECK(ins);
	CHECK_ST(shmt_get(t, longkey, 63, img), SHMT_OK);
	uint32_t kl = 0;
	const char *kp = shmt_img_key(t, img, &kl);
	CHECK(kl == 63 && memcmp(kp, longkey, 63) == 0);
	CHECK_ST(shmt_exists(t, longkey, 62), SHMT_NOT_FOUND);
	uint64_t n = shmt_count(t);
	CHECK_ST(shmt_set(t, longkey, 64, v, 1, SHMT_UPSERT, &ins), SHMT_E_INVALID);
	CHECK_ST(shmt_set(t, longkey, 0, v, 1, SHMT_UPSERT, &ins), SHMT_E_INVALID);
	CHECK_ST(shmt_get(t, longkey, 64, img), SHMT_E_INVALID);
	CHECK_ST(shmt_get(t, longkey, 0, img), SHMT_E_INVALID);
	CHECK_ST(shmt_exists(t, longkey, 64), SHMT_E_INVALID);
	CHECK_ST(shmt_exists(t, longkey, 0), SHMT_E_INVALID);
	CHECK_ST(shmt_del(t, longkey, 64, NULL, 0, NULL), SHMT_E_INVALID);
	CHECK_ST(shmt_del(t, longkey, 0, NULL, 0, NULL), SHMT_E_INVALID);
	CHECK_ST(shmt_cmpset(t, longkey, 64, NULL, 0, v, 1), SHMT_E_INVALID);
	int64_t ir;
	double fr;
	CHECK_ST(shmt_incr_int(t, longkey, 64, C_ID, 1, &ir), SHMT_E_INVALID);
	CHECK_ST(shmt_incr_float(t, longkey, 0, C_SCORE, 1, &fr), SHMT_E_INVALID);
	CHECK(shmt_count(t) == n);

	/* Strings: up to the column size, binary-safe. */
	char name[NAME_SIZE + 1];
	memcpy(name, "ab\0cd\0ef", NAME_SIZE);
	v[0] = unit_vs(C_NAME, name, NAME_SIZE);
	CHECK_ST(shmt_set(t, KEY("a"), v, 1, SHMT_UPSERT, NULL), SHMT_OK);
	expect_row(t, KEY("a"), -7, 1.5, name, NAME_SIZE, __LINE__);
	char blob[BLOB_SIZE + 1];
	for (uint32_t i = 0; i <= BLOB_SIZE; i++) {
		blob[i] = (char)(i * 7);
	}
	v[0] = unit_vs(C_BLOB, blob, BLOB_SIZE);
	CHECK_ST(shmt_set(t, KEY("a"), v, 1, SHMT_UPSERT, NULL), SHMT_OK);
	CHECK_ST(shmt_get(t, KEY("a"), img), SHMT_OK);
	uint32_t sl = 0;
	const char *sp = shmt_img_str(t, img, C_BLOB, &sl);
	CHECK(sl == BLOB_SIZE && memcmp(sp, blob, BLOB_SIZE) == 0);

	/* Invalid values write nothing, not even the valid ones before them,
	 * and never create the row. */
	shmt_value bad[3] = {
		unit_vi(C_ID, 1000),
		unit_vs(C_NAME, "123456789", NAME_SIZE + 1),
	};
	CHECK_ST(shmt_set(t, KEY("a"), bad, 2, SHMT_UPSERT, &ins), SHMT_E_INVALID);
	expect_row(t, KEY("a"), -7, 1.5, name, NAME_SIZE, __LINE__);
	CHECK_ST(shmt_set(t, KEY("new"), bad, 2, SHMT_UPSERT, &ins), SHMT_E_INVALID);
	CHECK_ST(shmt_exists(t, KEY("new")), SHMT_NOT_FOUND);
	bad[1] = unit_vs(C_BLOB, blob, BLOB_SIZE + 1);
	CHECK_ST(shmt_set(t, KEY("a"), bad, 2, SHMT_UPSERT, &ins), SHMT_E_INVALID);
	bad[1] = unit_vi(NCOLS_STD, 5); /* no such column */
	CHECK_ST(shmt_set(t, KEY("a"), bad, 2, SHMT_UPSERT, &ins), SHMT_E_INVALID);
	CHECK_ST(shmt_set(t, KEY("new"), bad, 2, SHMT_UPSERT, &ins), SHMT_E_INVALID);
	bad[1] = unit_vi(UINT32_MAX, 5);
	CHECK_ST(shmt_set(t, KEY("a"), bad, 2, SHMT_INSERT_ONLY, &ins), SHMT_E_INVALID);
	CHECK_ST(shmt_set(t, KEY("a"), bad, 2, SHMT_UPDATE_ONLY, &ins), SHMT_E_INVALID);
	expect_row(t, KEY("a"), -7, 1.5, name, NAME_SIZE, __LINE__);
	CHECK_ST(shmt_exists(t, KEY("new")), SHMT_NOT_FOUND);
	CHECK(shmt_count(t) == n);

	/* Special floats are stored bit for bit. */
	double specials[] = { -0.0, INFINITY, -INFINITY, NAN, 5e-324, -1.7976931348623157e308 };
	for (size_t i = 0; i < sizeof specials / sizeof specials[0]; i++) {
		v[0] = unit_vf(C_SCORE, specials[i]);
		CHECK_ST(shmt_set(t, KEY("f"), v, 1, SHMT_UPSERT, NULL), SHMT_OK);
		CHECK_ST(shmt_get(t, KEY("f"), img), SHMT_OK);
		CHECK_U64(unit_fbits(shmt_img_float(t, img, C_SCORE)), unit_fbits(specials[i]));
	}
	uint64_t payload_nan = 0x7ff8000000abcdefULL;
	v[0] = unit_vf(C_SCORE, unit_bitsf(payload_nan));
	CHECK_ST(shmt_set(t, KEY("f"), v, 1, SHMT_UPSERT, NULL), SHMT_OK);
	CHECK_ST(shmt_get(t, KEY("f"), img), SHMT_OK);
	CHECK_U64(unit_fbits(shmt_img_float(t, img, C_SCORE)), payload_nan);
	int64_t ints[] = { INT64_MIN, INT64_MAX, -1, 0 };
	for (size_t i = 0; i < sizeof ints / sizeof ints[0]; i++) {
		v[0] = unit_vi(C_ID, ints[i]);
		CHECK_ST(shmt_set(t, KEY("f"), v, 1, SHMT_UPSERT, NULL), SHMT_OK);
		CHECK_ST(shmt_get(t, KEY("f"), img), SHMT_OK);
		CHECK_I64(shmt_img_int(t, img, C_ID), ints[i]);
	}

	/* get_col: one column, at its place in the image. */
	{
		shmt_value all[4] = { unit_vi(C_ID, -99), unit_vf(C_SCORE, 6.5),
			                  unit_vs(C_NAME, "gc", 2), unit_vs(C_BLOB, blob, 77) };
		CHECK_ST(shmt_set(t, KEY("gc"), all, 4, SHMT_UPSERT, NULL), SHMT_OK);
		void *one = img_new(t);
		CHECK_ST(shmt_get_col(t, KEY("gc"), C_ID, one), SHMT_OK);
		CHECK_I64(shmt_img_int(t, one, C_ID), -99);
		CHECK_ST(shmt_get_col(t, KEY("gc"), C_SCORE, one), SHMT_OK);
		CHECK(shmt_img_float(t, one, C_SCORE) == 6.5);
		CHECK_ST(shmt_get_col(t, KEY("gc"), C_NAME, one), SHMT_OK);
		const char *gp = shmt_img_str(t, one, C_NAME, &sl);
		CHECK(sl == 2 && memcmp(gp, "gc", 2) == 0);
		CHECK_ST(shmt_get_col(t, KEY("gc"), C_BLOB, one), SHMT_OK);
		gp = shmt_img_str(t, one, C_BLOB, &sl);
		CHECK(sl == 77 && memcmp(gp, blob, 77) == 0);
		CHECK_ST(shmt_get_col(t, KEY("nope"), C_ID, one), SHMT_NOT_FOUND);
		CHECK_ST(shmt_get_col(t, KEY("gc"), NCOLS_STD, one), SHMT_E_INVALID);
		CHECK_ST(shmt_get_col(t, longkey, 64, C_ID, one), SHMT_E_INVALID);
		CHECK_ST(shmt_get_col(t, longkey, 0, C_ID, one), SHMT_E_INVALID);
		/* get_num: a number cell without a row image, the same answer. */
		int64_t ni = 0;
		double nf = 0;
		CHECK_ST(shmt_get_num(t, KEY("gc"), C_ID, &ni), SHMT_OK);
		CHECK_I64(ni, -99);
		CHECK_ST(shmt_get_num(t, KEY("gc"), C_SCORE, &nf), SHMT_OK);
		CHECK(nf == 6.5);
		CHECK_ST(shmt_get_num(t, KEY("gc"), C_NAME, &ni), SHMT_E_INVALID);
		CHECK_ST(shmt_get_num(t, KEY("gc"), NCOLS_STD, &ni), SHMT_E_INVALID);
		CHECK_ST(shmt_get_num(t, KEY("nope"), C_ID, &ni), SHMT_NOT_FOUND);
		CHECK_ST(shmt_get_num(t, longkey, 64, C_ID, &ni), SHMT_E_INVALID);
		CHECK_ST(shmt_get_num(t, longkey, 0, C_ID, &ni), SHMT_E_INVALID);
		CHECK_I64(ni, -99); /* untouched by the refusals */
		/* An expired row is absent, as for get_col. */
		shmt_value ex[1] = { unit_vi(C_ID, 5) };
		CHECK_ST(shmt_set_ttl(t, KEY("gx"), ex, 1, SHMT_UPSERT, 1000000000, NULL), SHMT_OK);
		CHECK_ST(shmt_get_num(t, KEY("gx"), C_ID, &ni), SHMT_OK);
		CHECK_I64(ni, 5);
		int64_t clock0 = shmt_test_clock_offset_ns;
		shmt_test_clock_offset_ns += 2000000000;
		CHECK_ST(shmt_get_num(t, KEY("gx"), C_ID, &ni), SHMT_NOT_FOUND);
		CHECK_ST(shmt_get_col(t, KEY("gx"), C_ID, one), SHMT_NOT_FOUND);
		shmt_test_clock_offset_ns = clock0;
		CHECK_ST(shmt_del(t, KEY("gx"), NULL, 0, NULL), SHMT_OK);
		CHECK_ST(shmt_del(t, KEY("gc"), NULL, 0, NULL), SHMT_OK);
		free(one);
	}

	/* del */
	n = shmt_count(t);
	CHECK_ST(shmt_del(t, KEY("b"), NULL, 0, NULL), SHMT_OK);
	CHECK_ST(shmt_del(t, KEY("b"), NULL, 0, NULL), SHMT_NOT_FOUND);
	CHECK_ST(shmt_exists(t, KEY("b")), SHMT_NOT_FOUND);
	CHECK_ST(shmt_get(t, KEY("b"), img), SHMT_NOT_FOUND);
	CHECK(shmt_count(t) == n - 1);
	/* Deleting one key leaves its binary neighbours. */
	CHECK_ST(shmt_del(t, "k\0", 2, NULL, 0, NULL), SHMT_OK);
	CHECK_ST(shmt_exists(t, "k", 1), SHMT_OK);
	CHECK_ST(shmt_exists(t, "k\0\0", 3), SHMT_OK);
	/* A deleted key comes back as a fresh, all-zero row. */
	v[0] = unit_vs(C_NAME, "x", 1);
	CHECK_ST(shmt_set(t, KEY("b"), v, 1, SHMT_UPSERT, &ins), SHMT_OK);
	CHECK(ins);
	EXPECT_ROW(t, "b", 0, 0.0, "x");

	CHECK_TABLE(t);
	free(img);
	shmt_close(t);
}

static void test_modes(void)
{
	shmt_table *t = mk_std(4);
	bool ins = true;
	shmt_value v[2] = { unit_vi(C_ID, 1), unit_vs(C_NAME, "one", 3) };

	/* update-only on a missing key creates nothing. */
	CHECK_ST(shmt_set(t, KEY("u"), v, 2, SHMT_UPDATE_ONLY, &ins), SHMT_NOT_FOUND);
	CHECK_ST(shmt_exists(t, KEY("u")), SHMT_NOT_FOUND);
	CHECK(shmt_count(t) == 0);

	/* insert-only inserts once. */
	CHECK_ST(shmt_set(t, KEY("u"), v, 2, SHMT_INSERT_ONLY, &ins), SHMT_OK);
	CHECK(ins);
	EXPECT_ROW(t, "u", 1, 0.0, "one");
	v[0] = unit_vi(C_ID, 2);
	CHECK_ST(shmt_set(t, KEY("u"), v, 1, SHMT_INSERT_ONLY, &ins), SHMT_EXISTS);
	EXPECT_ROW(t, "u", 1, 0.0, "one");

	/* update-only changes only the columns given. */
	CHECK_ST(shmt_set(t, KEY("u"), v, 1, SHMT_UPDATE_ONLY, &ins), SHMT_OK);
	CHECK(!ins);
	EXPECT_ROW(t, "u", 2, 0.0, "one");
	CHECK(shmt_count(t) == 1);

	/* Fill the table: insert-only and upsert on a new key say FULL,
	 * update-only on a new key still says NOT_FOUND. */
	CHECK_ST(shmt_set(t, KEY("v"), v, 1, SHMT_UPSERT, NULL), SHMT_OK);
	CHECK_ST(shmt_set(t, KEY("w"), v, 1, SHMT_INSERT_ONLY, NULL), SHMT_OK);
	CHECK_ST(shmt_set(t, KEY("x"), v, 1, SHMT_UPSERT, NULL), SHMT_OK);
	CHECK(shmt_count(t) == 4);
	CHECK_ST(shmt_set(t, KEY("y"), v, 1, SHMT_UPSERT, NULL), SHMT_FULL);
	CHECK_ST(shmt_set(t, KEY("y"), v, 1, SHMT_INSERT_ONLY, NULL), SHMT_FULL);
	CHECK_ST(shmt_set(t, KEY("y"), v, 1, SHMT_UPDATE_ONLY, NULL), SHMT_NOT_FOUND);
	CHECK_ST(shmt_set(t, KEY("u"), v, 1, SHMT_INSERT_ONLY, NULL), SHMT_EXISTS);
	CHECK_ST(shmt_exists(t, KEY("y")), SHMT_NOT_FOUND);
	CHECK(shmt_count(t) == 4);
	CHECK_TABLE(t);
	shmt_close(t);
}

static void test_cmpset_cmpdel_getdel(void)
{
	shmt_table *t = mk_std(8);
	void *img = img_new(t);
	shmt_value v[3] = { unit_vi(C_ID, 10), unit_vf(C_SCORE, 0.0), unit_vs(C_NAME, "abc", 3) };
	CHECK_ST(shmt_set(t, KEY("r"), v, 3, SHMT_UPSERT, NULL), SHMT_OK);

	shmt_value e[3], w[2];

	/* Missing key. */
	e[0] = unit_vi(C_ID, 10);
	w[0] = unit_vi(C_ID, 11);
	CHECK_ST(shmt_cmpset(t, KEY("nope"), e, 1, w, 1), SHMT_NOT_FOUND);
	CHECK_ST(shmt_exists(t, KEY("nope")), SHMT_NOT_FOUND);

	/* Match on an int. */
	CHECK_ST(shmt_cmpset(t, KEY("r"), e, 1, w, 1), SHMT_OK);
	EXPECT_ROW(t, "r", 11, 0.0, "abc");
	/* Same expectation again: now stale. */
	w[0] = unit_vi(C_ID, 12);
	CHECK_ST(shmt_cmpset(t, KEY("r"), e, 1, w, 1), SHMT_MISMATCH);
	EXPECT_ROW(t, "r", 11, 0.0, "abc");

	/* Floats compare bit for bit: -0.0 is not 0.0. */
	e[0] = unit_vf(C_SCORE, -0.0);
	w[0] = unit_vs(C_NAME, "neg", 3);
	CHECK_ST(shmt_cmpset(t, KEY("r"), e, 1, w, 1), SHMT_MISMATCH);
	e[0] = unit_vf(C_SCORE, 0.0);
	w[0] = unit_vf(C_SCORE, -0.0);
	CHECK_ST(shmt_cmpset(t, KEY("r"), e, 1, w, 1), SHMT_OK);
	EXPECT_ROW(t, "r", 11, -0.0, "abc");
	e[0] = unit_vf(C_SCORE, 0.0);
	CHECK_ST(shmt_cmpset(t, KEY("r"), e, 1, w, 1), SHMT_MISMATCH);
	e[0] = unit_vf(C_SCORE, -0.0);
	w[0] = unit_vf(C_SCORE, NAN);
	CHECK_ST(shmt_cmpset(t, KEY("r"), e, 1, w, 1), SHMT_OK);

	/* A NaN equals the same NaN bit pattern (and not another one). */
	e[0] = unit_vf(C_SCORE, NAN);
	w[0] = unit_vi(C_ID, 20);
	CHECK_ST(shmt_cmpset(t, KEY("r"), e, 1, w, 1), SHMT_OK);
	EXPECT_ROW(t, "r", 20, NAN, "abc");
	e[0] = unit_vf(C_SCORE, unit_bitsf(unit_fbits(NAN) ^ 1));
	CHECK_ST(shmt_cmpset(t, KEY("r"), e, 1, w, 1), SHMT_MISMATCH);
	e[0] = unit_vf(C_SCORE, -NAN);
	CHECK_ST(shmt_cmpset(t, KEY("r"), e, 1, w, 1), SHMT_MISMATCH);
	/* 1.0 == 1.0 + tiny is false bitwise too. */
	w[0] = unit_vf(C_SCORE, 1.0);
	CHECK_ST(shmt_cmpset(t, KEY("r"), NULL, 0, w, 1), SHMT_OK);
	e[0] = unit_vf(C_SCORE, 1.0000000000000002);
	CHECK_ST(shmt_cmpset(t, KEY("r"), e, 1, w, 1), SHMT_MISMATCH);

	/* Strings compare byte for byte, length included. */
	w[0] = unit_vi(C_ID, 30);
	e[0] = unit_vs(C_NAME, "abd", 3);
	CHECK_ST(shmt_cmpset(t, KEY("r"), e, 1, w, 1), SHMT_MISMATCH);
	e[0] = unit_vs(C_NAME, "ab", 2);
	CHECK_ST(shmt_cmpset(t, KEY("r"), e, 1, w, 1), SHMT_MISMATCH);
	e[0] = unit_vs(C_NAME, "abc\0", 4);
	CHECK_ST(shmt_cmpset(t, KEY("r"), e, 1, w, 1), SHMT_MISMATCH);
	/* A shorter expectation whose buffer goes on with the stored bytes. */
	e[0] = unit_vs(C_NAME, "abcdef", 2);
	CHECK_ST(shmt_cmpset(t, KEY("r"), e, 1, w, 1), SHMT_MISMATCH);
	e[0] = unit_vs(C_NAME, "abc", 0);
	CHECK_ST(shmt_cmpset(t, KEY("r"), e, 1, w, 1), SHMT_MISMATCH);
	e[0] = unit_vs(C_BLOB, "", 0);
	e[1] = unit_vs(C_NAME, "abc", 3);
	CHECK_ST(shmt_cmpset(t, KEY("r"), e, 2, w, 1), SHMT_OK);
	EXPECT_ROW(t, "r", 30, 1.0, "abc");

	/* Every expected column must match. */
	e[0] = unit_vi(C_ID, 30);
	e[1] = unit_vf(C_SCORE, 1.0);
	e[2] = unit_vs(C_NAME, "abC", 3);
	w[0] = unit_vi(C_ID, 31);
	CHECK_ST(shmt_cmpset(t, KEY("r"), e, 3, w, 1), SHMT_MISMATCH);
	e[2] = unit_vs(C_NAME, "abc", 3);
	CHECK_ST(shmt_cmpset(t, KEY("r"), e, 3, w, 1), SHMT_OK);
	EXPECT_ROW(t, "r", 31, 1.0, "abc");

	/* No expectation: writes when the row exists. */
	w[0] = unit_vi(C_ID, 32);
	w[1] = unit_vs(C_NAME, "zz", 2);
	CHECK_ST(shmt_cmpset(t, KEY("r"), NULL, 0, w, 2), SHMT_OK);
	EXPECT_ROW(t, "r", 32, 1.0, "zz");

	/* Bad expected or new values are refused before anything else. */
	e[0] = unit_vi(NCOLS_STD, 0);
	CHECK_ST(shmt_cmpset(t, KEY("r"), e, 1, w, 1), SHMT_E_INVALID);
	e[0] = unit_vi(C_ID, 32);
	w[0] = unit_vs(C_NAME, "123456789", NAME_SIZE + 1);
	CHECK_ST(shmt_cmpset(t, KEY("r"), e, 1, w, 1), SHMT_E_INVALID);
	EXPECT_ROW(t, "r", 32, 1.0, "zz");
	CHECK_ST(shmt_del(t, KEY("r"), (shmt_value[]){ unit_vi(NCOLS_STD, 0) }, 1, NULL),
	         SHMT_E_INVALID);
	CHECK_ST(shmt_exists(t, KEY("r")), SHMT_OK);

	/* cmpdel */
	uint64_t n = shmt_count(t);
	e[0] = unit_vi(C_ID, 31);
	CHECK_ST(shmt_del(t, KEY("r"), e, 1, NULL), SHMT_MISMATCH);
	CHECK_ST(shmt_exists(t, KEY("r")), SHMT_OK);
	CHECK_ST(shmt_del(t, KEY("missing"), e, 1, NULL), SHMT_NOT_FOUND);
	e[0] = unit_vi(C_ID, 32);
	e[1] = unit_vs(C_NAME, "zz", 2);
	CHECK_ST(shmt_del(t, KEY("r"), e, 2, NULL), SHMT_OK);
	CHECK_ST(shmt_exists(t, KEY("r")), SHMT_NOT_FOUND);
	CHECK(shmt_count(t) == n - 1);
	CHECK_ST(shmt_del(t, KEY("r"), e, 2, NULL), SHMT_NOT_FOUND);

	/* getdel: the row is copied out, then gone. */
	v[0] = unit_vi(C_ID, 77);
	v[1] = unit_vf(C_SCORE, 2.5);
	v[2] = unit_vs(C_NAME, "gd", 2);
	CHECK_ST(shmt_set(t, KEY("g"), v, 3, SHMT_UPSERT, NULL), SHMT_OK);
	memset(img, 0, shmt_image_size(t));
	CHECK_ST(shmt_del(t, KEY("g"), NULL, 0, img), SHMT_OK);
	uint32_t kl = 0, sl = 0;
	const char *kp = shmt_img_key(t, img, &kl);
	CHECK(kl == 1 && kp[0] == 'g');
	CHECK(shmt_img_int(t, img, C_ID) == 77);
	CHECK(shmt_img_float(t, img, C_SCORE) == 2.5);
	const char *sp = shmt_img_str(t, img, C_NAME, &sl);
	CHECK(sl == 2 && memcmp(sp, "gd", 2) == 0);
	CHECK_ST(shmt_exists(t, KEY("g")), SHMT_NOT_FOUND);
	CHECK_ST(shmt_del(t, KEY("g"), NULL, 0, img), SHMT_NOT_FOUND);

	/* getdel with an expectation: mismatch leaves the row. */
	CHECK_ST(shmt_set(t, KEY("g"), v, 3, SHMT_UPSERT, NULL), SHMT_OK);
	e[0] = unit_vf(C_SCORE, 2.0);
	CHECK_ST(shmt_del(t, KEY("g"), e, 1, img), SHMT_MISMATCH);
	CHECK_ST(shmt_exists(t, KEY("g")), SHMT_OK);
	e[0] = unit_vf(C_SCORE, 2.5);
	memset(img, 0, shmt_image_size(t));
	CHECK_ST(shmt_del(t, KEY("g"), e, 1, img), SHMT_OK);
	CHECK(shmt_img_int(t, img, C_ID) == 77);
	CHECK_ST(shmt_exists(t, KEY("g")), SHMT_NOT_FOUND);

	CHECK_TABLE(t);
	free(img);
	shmt_close(t);
}

static void test_incr(void)
{
	shmt_table *t = mk_std(4);
	void *img = img_new(t);
	int64_t r = 0;
	double f = 0;

	/* Missing key: the row is created all zero, then incremented. */
	CHECK_ST(shmt_incr_int(t, KEY("c"), C_ID, 5, &r), SHMT_OK);
	CHECK_I64(r, 5);
	EXPECT_ROW(t, "c", 5, 0.0, "");
	CHECK(shmt_count(t) == 1);
	CHECK_ST(shmt_incr_int(t, KEY("c"), C_ID, -8, &r), SHMT_OK);
	CHECK_I64(r, -3);
	CHECK_ST(shmt_incr_int(t, KEY("c"), C_ID, 0, &r), SHMT_OK);
	CHECK_I64(r, -3);
	CHECK_ST(shmt_incr_int(t, KEY("c"), C_ID, 1, &r), SHMT_OK);
	EXPECT_ROW(t, "c", -2, 0.0, "");
	CHECK(shmt_count(t) == 1);
	/* Incrementing by zero still creates the row. */
	CHECK_ST(shmt_incr_int(t, KEY("z"), C_ID, 0, &r), SHMT_OK);
	CHECK_I64(r, 0);
	CHECK_ST(shmt_exists(t, KEY("z")), SHMT_OK);

	/* Overflow: refused, value unchanged, both directions. */
	shmt_value v = unit_vi(C_ID, INT64_MAX - 1);
	CHECK_ST(shmt_set(t, KEY("c"), &v, 1, SHMT_UPSERT, NULL), SHMT_OK);
	CHECK_ST(shmt_incr_int(t, KEY("c"), C_ID, 1, &r), SHMT_OK);
	CHECK_I64(r, INT64_MAX);
	CHECK_ST(shmt_incr_int(t, KEY("c"), C_ID, 1, &r), SHMT_OVERFLOW);
	CHECK_ST(shmt_incr_int(t, KEY("c"), C_ID, INT64_MAX, &r), SHMT_OVERFLOW);
	CHECK_ST(shmt_get(t, KEY("c"), img), SHMT_OK);
	CHECK_I64(shmt_img_int(t, img, C_ID), INT64_MAX);
	CHECK_ST(shmt_incr_int(t, KEY("c"), C_ID, INT64_MIN, &r), SHMT_OK);
	CHECK_I64(r, -1);
	v = unit_vi(C_ID, INT64_MIN + 1);
	CHECK_ST(shmt_set(t, KEY("c"), &v, 1, SHMT_UPSERT, NULL), SHMT_OK);
	CHECK_ST(shmt_incr_int(t, KEY("c"), C_ID, -1, &r), SHMT_OK);
	CHECK_I64(r, INT64_MIN);
	CHECK_ST(shmt_incr_int(t, KEY("c"), C_ID, -1, &r), SHMT_OVERFLOW);
	CHECK_ST(shmt_incr_int(t, KEY("c"), C_ID, INT64_MIN, &r), SHMT_OVERFLOW);
	CHECK_ST(shmt_get(t, KEY("c"), img), SHMT_OK);
	CHECK_I64(shmt_img_int(t, img, C_ID), INT64_MIN);
	CHECK_ST(shmt_incr_int(t, KEY("c"), C_ID, INT64_MAX, &r), SHMT_OK);
	CHECK_I64(r, -1);
	CHECK_ST(shmt_incr_int(t, KEY("m"), C_ID, INT64_MIN, &r), SHMT_OK);
	CHECK_I64(r, INT64_MIN);

	/* Decrement: the same, subtracting; any int64 is a valid amount. */
	v = unit_vi(C_ID, 10);
	CHECK_ST(shmt_set(t, KEY("c"), &v, 1, SHMT_UPSERT, NULL), SHMT_OK);
	CHECK_ST(shmt_decr_int(t, KEY("c"), C_ID, 3, &r), SHMT_OK);
	CHECK_I64(r, 7);
	CHECK_ST(shmt_decr_int(t, KEY("c"), C_ID, -3, &r), SHMT_OK);
	CHECK_I64(r, 10);
	v = unit_vi(C_ID, -1);
	CHECK_ST(shmt_set(t, KEY("c"), &v, 1, SHMT_UPSERT, NULL), SHMT_OK);
	CHECK_ST(shmt_decr_int(t, KEY("c"), C_ID, INT64_MIN, &r), SHMT_OK);
	CHECK_I64(r, INT64_MAX);
	CHECK_ST(shmt_decr_int(t, KEY("c"), C_ID, -1, &r), SHMT_OVERFLOW);
	CHECK_ST(shmt_decr_int(t, KEY("c"), C_ID, INT64_MIN, &r), SHMT_OVERFLOW);
	CHECK_ST(shmt_get(t, KEY("c"), img), SHMT_OK);
	CHECK_I64(shmt_img_int(t, img, C_ID), INT64_MAX);
	v = unit_vi(C_ID, INT64_MIN);
	CHECK_ST(shmt_set(t, KEY("c"), &v, 1, SHMT_UPSERT, NULL), SHMT_OK);
	CHECK_ST(shmt_decr_int(t, KEY("c"), C_ID, 1, &r), SHMT_OVERFLOW);
	CHECK_ST(shmt_decr_int(t, KEY("c"), C_ID, INT64_MAX, &r), SHMT_OVERFLOW);
	CHECK_ST(shmt_decr_int(t, KEY("c"), C_ID, -1, &r), SHMT_OK);
	CHECK_I64(r, INT64_MIN + 1);
	v = unit_vi(C_ID, 0);
	CHECK_ST(shmt_set(t, KEY("c"), &v, 1, SHMT_UPSERT, NULL), SHMT_OK);
	CHECK_ST(shmt_decr_int(t, KEY("c"), C_ID, INT64_MIN, &r), SHMT_OVERFLOW);
	CHECK_ST(shmt_get(t, KEY("c"), img), SHMT_OK);
	CHECK_I64(shmt_img_int(t, img, C_ID), 0);
	CHECK_ST(shmt_decr_int(t, KEY("c"), C_NAME, 1, &r), SHMT_E_INVALID);
	CHECK_ST(shmt_decr_int(t, KEY("c"), C_SCORE, 1, &r), SHMT_E_INVALID);
	CHECK_ST(shmt_decr_int(t, KEY("c"), NCOLS_STD, 1, &r), SHMT_E_INVALID);
	/* A missing key is created at zero, then decremented ... */
	CHECK(shmt_count(t) == 3);
	CHECK_ST(shmt_decr_int(t, KEY("d"), C_ID, 4, &r), SHMT_OK);
	CHECK_I64(r, -4);
	CHECK(shmt_count(t) == 4);
	CHECK_ST(shmt_del(t, KEY("d"), NULL, 0, NULL), SHMT_OK);
	/* ... but a refused decrement creates nothing: 0 - INT64_MIN
	 * overflows, and the call must leave the table as it was. */
	CHECK_ST(shmt_decr_int(t, KEY("d"), C_ID, INT64_MIN, &r), SHMT_OVERFLOW);
	CHECK_ST(shmt_exists(t, KEY("d")), SHMT_NOT_FOUND);
	CHECK(shmt_count(t) == 3);
	if (shmt_exists(t, KEY("d")) == SHMT_OK) {
		CHECK_ST(shmt_del(t, KEY("d"), NULL, 0, NULL), SHMT_OK);
	}
	v = unit_vi(C_ID, -1);
	CHECK_ST(shmt_set(t, KEY("c"), &v, 1, SHMT_UPSERT, NULL), SHMT_OK);

	/* Floats. */
	CHECK_ST(shmt_incr_float(t, KEY("c"), C_SCORE, 0.5, &f), SHMT_OK);
	CHECK(f == 0.5);
	CHECK_ST(shmt_incr_float(t, KEY("c"), C_SCORE, -2.25, &f), SHMT_OK);
	CHECK(f == -1.75);
	CHECK_ST(shmt_incr_float(t, KEY("c"), C_SCORE, 0.1, &f), SHMT_OK);
	CHECK_ST(shmt_get(t, KEY("c"), img), SHMT_OK);
	CHECK_U64(unit_fbits(shmt_img_float(t, img, C_SCORE)), unit_fbits(-1.75 + 0.1));
	CHECK_I64(shmt_img_int(t, img, C_ID), -1);
	CHECK_ST(shmt_incr_float(t, KEY("c"), C_SCORE, INFINITY, &f), SHMT_OK);
	CHECK(isinf(f) && f > 0);
	CHECK_ST(shmt_incr_float(t, KEY("c"), C_SCORE, -INFINITY, &f), SHMT_OK);
	CHECK(isnan(f));
	CHECK(shmt_count(t) == 3);

	/* Wrong column type or index: refused, and no row is created. */
	CHECK_ST(shmt_incr_int(t, KEY("c"), C_NAME, 1, &r), SHMT_E_INVALID);
	CHECK_ST(shmt_incr_int(t, KEY("c"), C_SCORE, 1, &r), SHMT_E_INVALID);
	CHECK_ST(shmt_incr_float(t, KEY("c"), C_NAME, 1, &f), SHMT_E_INVALID);
	CHECK_ST(shmt_incr_float(t, KEY("c"), C_ID, 1, &f), SHMT_E_INVALID);
	CHECK_ST(shmt_incr_int(t, KEY("c"), NCOLS_STD, 1, &r), SHMT_E_INVALID);
	CHECK_ST(shmt_incr_float(t, KEY("c"), UINT32_MAX, 1, &f), SHMT_E_INVALID);
	CHECK_ST(shmt_incr_int(t, KEY("new"), C_NAME, 1, &r), SHMT_E_INVALID);
	CHECK_ST(shmt_incr_float(t, KEY("new"), C_ID, 1, &f), SHMT_E_INVALID);
	CHECK_ST(shmt_exists(t, KEY("new")), SHMT_NOT_FOUND);
	CHECK(shmt_count(t) == 3);

	/* A full table: incrementing an existing row works, a new key is FULL. */
	CHECK_ST(shmt_incr_float(t, KEY("d"), C_SCORE, 1.0, &f), SHMT_OK);
	CHECK(shmt_count(t) == 4);
	CHECK_ST(shmt_incr_int(t, KEY("e"), C_ID, 1, &r), SHMT_FULL);
	CHECK_ST(shmt_incr_float(t, KEY("e"), C_SCORE, 1.0, &f), SHMT_FULL);
	CHECK_ST(shmt_exists(t, KEY("e")), SHMT_NOT_FOUND);
	for (int i = 0; i < 100; i++) {
		CHECK_ST(shmt_incr_int(t, KEY("d"), C_ID, 1, &r), SHMT_OK);
		CHECK_ST(shmt_incr_float(t, KEY("d"), C_SCORE, 1.0, &f), SHMT_OK);
	}
	CHECK_I64(r, 100);
	CHECK(f == 101.0);
	CHECK(shmt_count(t) == 4);

	CHECK_TABLE(t);
	free(img);
	shmt_close(t);
}

/* ---- capacity ---- */

enum { KS_SEQ, KS_PREFIX, KS_RANDOM, KS_LONG, KS_COUNT };
static const char *ks_names[KS_COUNT] = { "sequential", "prefixed", "random binary",
	                                      "long common prefix" };

/* The i-th key of a style; distinct for distinct i. */
static size_t make_key(int style, uint32_t i, char *buf, uint32_t key_max, unit_rng *r)
{
	int n;
	switch (style) {
	case KS_SEQ:
		n = snprintf(buf, key_max + 1, "%u", i);
		return (size_t)n;
	case KS_PREFIX:
		n = snprintf(buf, key_max + 1, "user:%u", i);
		return (size_t)n;
	case KS_RANDOM: {
		/* 4 bytes of index (NULs included), then random bytes. */
		size_t len = 4 + (size_t)unit_below(r, key_max - 3);
		memcpy(buf, &i, 4);
		for (size_t j = 4; j < len; j++) {
			buf[j] = (char)unit_rand64(r);
		}
		return len;
	}
	default: {
		memset(buf, 'p', key_max);
		char tail[16];
		n = snprintf(tail, sizeof tail, "%u", i);
		memcpy(buf + key_max - (uint32_t)n, tail, (size_t)n);
		return key_max;
	}
	}
}

static void capacity_case(uint32_t size, int style, unit_rng *rng)
{
	shmt_coldef cols[2] = { unit_col("n", SHMT_TYPE_INT, 0), unit_col("s", SHMT_TYPE_STRING, 4) };
	const uint32_t key_max = 40;
	shmt_table *t = mk(size, key_max, cols, 2);
	char key[64];
	size_t klen;
	bool ins;
	int64_t r;
	int fails_before = unit_failures;

	/* Keep the keys so that the random style can be replayed. */
	char (*keys)[64] = malloc((size_t)(size + 2) * sizeof *keys);
	size_t *klens = malloc((size_t)(size + 2) * sizeof *klens);
	if (!keys || !klens) {
		exit(1);
	}
	for (uint32_t i = 0; i < size + 2; i++) {
		klens[i] = make_key(style, i, keys[i], key_max, rng);
	}

	for (uint32_t i = 0; i < size; i++) {
		shmt_value v = unit_vi(0, i);
		shmt_status st = shmt_set(t, keys[i], klens[i], &v, 1, SHMT_UPSERT, &ins);
		if (st != SHMT_OK || !ins) {
			UNIT_FAIL("size %u, %s keys: insert %u of %u: %s", size, ks_names[style], i + 1,
			          size, unit_status_name(st));
			break;
		}
	}
	unit_checks++;
	CHECK_U64(shmt_count(t), size);

	/* One more distinct key does not fit, by any route. */
	memcpy(key, keys[size], klens[size]);
	klen = klens[size];
	shmt_value v = unit_vi(0, -1);
	CHECK_ST(shmt_set(t, key, klen, &v, 1, SHMT_UPSERT, &ins), SHMT_FULL);
	CHECK_ST(shmt_set(t, key, klen, &v, 1, SHMT_INSERT_ONLY, &ins), SHMT_FULL);
	CHECK_ST(shmt_incr_int(t, key, klen, 0, 1, &r), SHMT_FULL);
	CHECK_ST(shmt_exists(t, key, klen), SHMT_NOT_FOUND);
	CHECK_U64(shmt_count(t), size);
	CHECK_TABLE(t);

	/* Everything stored is there, and a full table still takes updates
	 * of existing rows (copy-on-write needs no free declared row). */
	void *img = img_new(t);
	for (uint32_t i = 0; i < size; i++) {
		shmt_status st = shmt_get(t, keys[i], klens[i], img);
		if (st != SHMT_OK || shmt_img_int(t, img, 0) != (int64_t)i) {
			UNIT_FAIL("size %u, %s keys: key %u reads back %s", size, ks_names[style], i,
			          unit_status_name(st));
			break;
		}
	}
	for (int round = 0; round < 3; round++) {
		for (uint32_t i = 0; i < size; i++) {
			shmt_value u[2] = { unit_vi(0, (int64_t)i + round), unit_vs(1, "full", 4) };
			shmt_status st = shmt_set(t, keys[i], klens[i], u, 2, SHMT_UPSERT, &ins);
			if (st != SHMT_OK || ins) {
				UNIT_FAIL("size %u, %s keys: update of key %u in a full table: %s", size,
				          ks_names[style], i, unit_status_name(st));
				round = 3;
				break;
			}
		}
	}
	shmt_value e = unit_vi(0, (int64_t)2);
	CHECK_ST(shmt_cmpset(t, keys[0], klens[0], &e, 1, &v, 1), SHMT_OK);
	CHECK_ST(shmt_incr_int(t, keys[0], klens[0], 0, 1, &r), SHMT_OK);
	CHECK_I64(r, 0);
	CHECK_U64(shmt_count(t), size);
	CHECK_TABLE(t);

	/* Deleting one row frees exactly one. */
	uint32_t victim = size / 2;
	CHECK_ST(shmt_del(t, keys[victim], klens[victim], NULL, 0, NULL), SHMT_OK);
	CHECK_U64(shmt_count(t), size - 1);
	CHECK_ST(shmt_set(t, keys[size], klens[size], &v, 1, SHMT_INSERT_ONLY, &ins), SHMT_OK);
	CHECK_ST(shmt_set(t, keys[size + 1], klens[size + 1], &v, 1, SHMT_UPSERT, &ins),
	         SHMT_FULL);
	CHECK_ST(shmt_set(t, keys[victim], klens[victim], &v, 1, SHMT_UPSERT, &ins), SHMT_FULL);
	CHECK_U64(shmt_count(t), size);
	CHECK_TABLE(t);

	/* Empty it, and it fills again to exactly size. */
	for (uint32_t i = 0; i <= size; i++) {
		if (i == victim) {
			continue;
		}
		shmt_status st = shmt_del(t, keys[i], klens[i], NULL, 0, NULL);
		if (st != SHMT_OK) {
			UNIT_FAIL("size %u, %s keys: delete of key %u: %s", size, ks_names[style], i,
			          unit_status_name(st));
			break;
		}
	}
	CHECK_U64(shmt_count(t), 0);
	CHECK_TABLE(t);
	for (uint32_t i = 0; i < size; i++) {
		shmt_status st = shmt_set(t, keys[size + 1 - i], klens[size + 1 - i], &v, 1,
		                          SHMT_INSERT_ONLY, &ins);
		if (st != SHMT_OK) {
			UNIT_FAIL("size %u, %s keys: refill %u: %s", size, ks_names[style], i,
			          unit_status_name(st));
			break;
		}
	}
	CHECK_U64(shmt_count(t), size);
	CHECK_ST(shmt_set(t, keys[0], klens[0], &v, 1, SHMT_UPSERT, &ins), SHMT_FULL);
	CHECK_TABLE(t);

	shmt_stats s;
	shmt_get_stats(t, &s);
	CHECK(s.max_chain >= 1 && s.max_chain <= size);
	if (unit_failures != fails_before) {
		fprintf(stderr, "  (in capacity case: size %u, %s keys)\n", size, ks_names[style]);
	}
	free(img);
	free(keys);
	free(klens);
	shmt_close(t);
}

/* Several columns of one row at once: all or nothing. */
static void test_incr_multi(void)
{
	shmt_table *t = mk_std(2);
	shmt_value d[3], r[3];
	uint32_t failed = 99;

	/* A missing row is created with every delta in it. */
	d[0] = unit_vf(C_SCORE, 0.5);
	d[1] = unit_vi(C_ID, 7);
	CHECK_ST(shmt_incr_multi(t, KEY("m"), d, 2, false, r, &failed), SHMT_OK);
	CHECK(r[0].col == C_SCORE && r[0].v.f == 0.5);
	CHECK(r[1].col == C_ID && r[1].v.i == 7);
	EXPECT_ROW(t, "m", 7, 0.5, "");
	CHECK_ST(shmt_incr_multi(t, KEY("m"), d, 2, true, r, NULL), SHMT_OK);
	CHECK(r[0].v.f == 0.0 && r[1].v.i == 0);
	d[1] = unit_vi(C_ID, -3);
	CHECK_ST(shmt_incr_multi(t, KEY("m"), d, 2, false, r, NULL), SHMT_OK);
	EXPECT_ROW(t, "m", -3, 0.5, "");

	/* An overflow in the second delta leaves the first unapplied; on a
	 * missing key no row is created. */
	shmt_value v = unit_vi(C_ID, INT64_MAX);
	CHECK_ST(shmt_set(t, KEY("m"), &v, 1, SHMT_UPSERT, NULL), SHMT_OK);
	d[1] = unit_vi(C_ID, 1);
	CHECK_ST(shmt_incr_multi(t, KEY("m"), d, 2, false, r, &failed), SHMT_OVERFLOW);
	CHECK(failed == 1);
	EXPECT_ROW(t, "m", INT64_MAX, 0.5, "");
	d[1] = unit_vi(C_ID, INT64_MIN);
	CHECK_ST(shmt_incr_multi(t, KEY("n"), d, 2, true, r, &failed), SHMT_OVERFLOW);
	CHECK_ST(shmt_exists(t, KEY("n")), SHMT_NOT_FOUND);

	/* Refused before anything: empty, a string, unknown or repeated column. */
	d[1] = unit_vi(C_ID, 1);
	CHECK_ST(shmt_incr_multi(t, KEY("n"), d, 0, false, r, NULL), SHMT_E_INVALID);
	d[2] = unit_vi(C_NAME, 1);
	CHECK_ST(shmt_incr_multi(t, KEY("n"), d, 3, false, r, NULL), SHMT_E_INVALID);
	d[2] = unit_vi(NCOLS_STD, 1);
	CHECK_ST(shmt_incr_multi(t, KEY("n"), d, 3, false, r, NULL), SHMT_E_INVALID);
	d[2] = unit_vf(C_SCORE, 1.0);
	CHECK_ST(shmt_incr_multi(t, KEY("n"), d, 3, false, r, NULL), SHMT_E_INVALID);
	CHECK_ST(shmt_exists(t, KEY("n")), SHMT_NOT_FOUND);

	/* A full table: an existing row still changes (copy-on-write uses the
	 * stripe's spare row), a new key is FULL. */
	CHECK_ST(shmt_incr_multi(t, KEY("n"), d, 2, false, r, NULL), SHMT_OK);
	CHECK(shmt_count(t) == 2);
	CHECK_ST(shmt_incr_multi(t, KEY("o"), d, 2, false, r, NULL), SHMT_FULL);
	for (int i = 0; i < 100; i++) {
		CHECK_ST(shmt_incr_multi(t, KEY("n"), d, 2, false, r, NULL), SHMT_OK);
	}
	CHECK(r[0].v.f == 50.5 && r[1].v.i == 101);
	CHECK(shmt_count(t) == 2);
	CHECK_TABLE(t);
	shmt_close(t);
}

/* Rows "o0".."o<n-1>" (id i) set, in that order or the reverse. */
static void others_set(shmt_table *t, int n, bool reverse)
{
	for (int i = 0; i < n; i++) {
		char other[8];
		int j = reverse ? n - 1 - i : i;
		int len = snprintf(other, sizeof other, "o%d", j);
		shmt_value v = unit_vi(C_ID, j);
		CHECK_ST(shmt_set(t, other, (size_t)len, &v, 1, SHMT_UPSERT, NULL), SHMT_OK);
	}
}

/* shmt_incr_multi_checked() as the binding calls it: the key prepared
 * first (its length checked there). */
static shmt_status multi_checked(shmt_table *t, const char *key, size_t klen,
                                 const shmt_value *d, uint32_t n, bool sub, int64_t ttl_ns,
                                 shmt_value *r, uint32_t *failed)
{
	shmt_key k;
	shmt_status st = shmt_key_prepare(t, key, klen, &k);
	if (st != SHMT_OK) {
		return st;
	}
	return shmt_incr_multi_checked(t, &k, key, klen, d, n, sub, ttl_ns, r, failed);
}

/* shmt_incr_multi_checked(): the same writes as shmt_incr_multi_ttl() for
 * deltas that are valid (the caller's part), in both versions (incr and
 * decr), on a new row, in place and through the copy-on-write replace. */
static void test_incr_multi_checked(void)
{
	shmt_table *t = mk_std(2);
	shmt_value d[2], r[2];
	uint32_t failed = 99;

	d[0] = unit_vf(C_SCORE, 0.5);
	d[1] = unit_vi(C_ID, 7);
	CHECK_ST(multi_checked(t, KEY("m"), d, 2, false, SHMT_TTL_KEEP, r, &failed),
	         SHMT_OK);
	CHECK(r[0].col == C_SCORE && r[0].v.f == 0.5);
	CHECK(r[1].col == C_ID && r[1].v.i == 7);
	EXPECT_ROW(t, "m", 7, 0.5, "");
	for (int i = 0; i < 10; i++) {
		CHECK_ST(multi_checked(t, KEY("m"), d, 2, false, SHMT_TTL_KEEP, r, NULL),
		         SHMT_OK);
	}
	CHECK(r[0].v.f == 5.5 && r[1].v.i == 77);
	CHECK_ST(multi_checked(t, KEY("m"), d, 2, true, SHMT_TTL_KEEP, r, NULL), SHMT_OK);
	CHECK(r[0].v.f == 5.0 && r[1].v.i == 70);
	EXPECT_ROW(t, "m", 70, 5.0, "");

	/* An overflow: nothing applied, *failed names the delta; on a missing
	 * key no row is created. */
	shmt_value v = unit_vi(C_ID, INT64_MAX);
	CHECK_ST(shmt_set(t, KEY("m"), &v, 1, SHMT_UPSERT, NULL), SHMT_OK);
	d[1] = unit_vi(C_ID, 1);
	CHECK_ST(multi_checked(t, KEY("m"), d, 2, false, SHMT_TTL_KEEP, r, &failed),
	         SHMT_OVERFLOW);
	CHECK(failed == 1);
	EXPECT_ROW(t, "m", INT64_MAX, 5.0, "");
	d[1] = unit_vi(C_ID, INT64_MIN);
	CHECK_ST(multi_checked(t, KEY("n"), d, 2, true, SHMT_TTL_KEEP, r, &failed),
	         SHMT_OVERFLOW);
	CHECK(failed == 1);
	CHECK_ST(shmt_exists(t, KEY("n")), SHMT_NOT_FOUND);
	CHECK_ST(multi_checked(t, NULL, 0, d, 2, false, SHMT_TTL_KEEP, r, NULL),
	         SHMT_E_INVALID);
	/* shmt_key_prepare() takes keys of 1..key_max (63) bytes, as every
	 * call that takes key bytes. */
	char long_key[64];
	memset(long_key, 'k', sizeof long_key);
	shmt_key k;
	CHECK_ST(shmt_key_prepare(t, long_key, 0, &k), SHMT_E_INVALID);
	CHECK_ST(shmt_key_prepare(t, long_key, 64, &k), SHMT_E_INVALID);
	CHECK_ST(shmt_key_prepare(t, long_key, 63, &k), SHMT_OK);
	CHECK_ST(shmt_incr_multi_checked(t, &k, long_key, 63, d, 2, true, SHMT_TTL_KEEP, r, NULL),
	         SHMT_OVERFLOW);
	CHECK_ST(shmt_exists(t, long_key, 63), SHMT_NOT_FOUND);
	/* A key prepared for one length is refused with another, shorter or
	 * longer. */
	CHECK_ST(shmt_incr_multi_checked(t, &k, long_key, 62, d, 2, false, SHMT_TTL_KEEP, r, NULL),
	         SHMT_E_INVALID);
	CHECK_ST(shmt_exists(t, long_key, 62), SHMT_NOT_FOUND);
	CHECK_ST(shmt_key_prepare(t, long_key, 62, &k), SHMT_OK);
	CHECK_ST(shmt_incr_multi_checked(t, &k, long_key, 63, d, 2, false, SHMT_TTL_KEEP, r, NULL),
	         SHMT_E_INVALID);
	CHECK_ST(shmt_exists(t, long_key, 63), SHMT_NOT_FOUND);

	/* A full table: an existing row still changes, a new key is FULL. */
	d[1] = unit_vi(C_ID, 1);
	CHECK_ST(multi_checked(t, KEY("n"), d, 2, false, SHMT_TTL_KEEP, r, NULL),
	         SHMT_OK);
	CHECK(shmt_count(t) == 2);
	CHECK_ST(multi_checked(t, KEY("o"), d, 2, false, SHMT_TTL_KEEP, r, NULL),
	         SHMT_FULL);
	for (int i = 0; i < 100; i++) {
		CHECK_ST(multi_checked(t, KEY("n"), d, 2, false, SHMT_TTL_KEEP, r, NULL),
		         SHMT_OK);
	}
	CHECK(r[0].v.f == 50.5 && r[1].v.i == 101);
	CHECK(shmt_count(t) == 2);
	CHECK_TABLE(t);
	shmt_close(t);

	/* A prepared key stays good while rows come and go (it names the
	 * bucket, not a row): prepared in a table of 63 other rows, its row
	 * inserted, then deleted with all the others and every other row
	 * inserted again (the chains rebuilt in another order) before the next
	 * writes; the longest key (63 bytes) inserted and found again. */
	t = mk_std(64);
	char key[63];
	memset(key, 'q', sizeof key);
	others_set(t, 63, false);
	CHECK_ST(shmt_key_prepare(t, key, sizeof key, &k), SHMT_OK);
	d[0] = unit_vf(C_SCORE, 1.5);
	d[1] = unit_vi(C_ID, 2);
	CHECK_ST(shmt_incr_multi_checked(t, &k, key, sizeof key, d, 2, false, SHMT_TTL_KEEP, r,
	                                 NULL), SHMT_OK);
	expect_row(t, key, sizeof key, 2, 1.5, "", 0, __LINE__);
	CHECK(shmt_count(t) == 64);
	CHECK_ST(shmt_del(t, key, sizeof key, NULL, 0, NULL), SHMT_OK);
	for (int i = 0; i < 63; i++) {
		char other[8];
		int len = snprintf(other, sizeof other, "o%d", i);
		CHECK_ST(shmt_del(t, other, (size_t)len, NULL, 0, NULL), SHMT_OK);
	}
	CHECK(shmt_count(t) == 0);
	others_set(t, 63, true);
	CHECK_ST(shmt_incr_multi_checked(t, &k, key, sizeof key, d, 2, false, SHMT_TTL_KEEP, r,
	                                 NULL), SHMT_OK);
	CHECK_ST(shmt_incr_multi_checked(t, &k, key, sizeof key, d, 2, false, SHMT_TTL_KEEP, r,
	                                 NULL), SHMT_OK);
	CHECK(r[0].v.f == 3.0 && r[1].v.i == 4);
	expect_row(t, key, sizeof key, 4, 3.0, "", 0, __LINE__);
	CHECK(shmt_count(t) == 64);
	CHECK_ST(shmt_incr_multi_checked(t, &k, key, sizeof key, d, 2, false, SHMT_TTL_KEEP, r,
	                                 NULL), SHMT_OK);
	CHECK(r[1].v.i == 6);
	CHECK_ST(shmt_exists(t, KEY("o5")), SHMT_OK);
	CHECK_TABLE(t);
	shmt_close(t);
}

static void test_capacity(void)
{
	static const uint32_t sizes[] = { 1, 2, 3, 7, 8, 63, 64, 100, 1000, 4096, 65536 };
	unit_rng rng;
	unit_rng_seed(&rng, 20240601);
	for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
		for (int style = 0; style < KS_COUNT; style++) {
			capacity_case(sizes[i], style, &rng);
		}
	}

	/* All 256 one-byte keys in a table of 256 rows with key_max 1. */
	shmt_coldef col = unit_col("n", SHMT_TYPE_INT, 0);
	shmt_table *t = mk(256, 1, &col, 1);
	for (int c = 0; c < 256; c++) {
		char k = (char)c;
		int64_t r;
		CHECK_ST(shmt_incr_int(t, &k, 1, 0, c, &r), SHMT_OK);
	}
	CHECK_U64(shmt_count(t), 256);
	for (int c = 0; c < 256; c++) {
		char k = (char)c;
		int64_t r;
		CHECK_ST(shmt_incr_int(t, &k, 1, 0, 1, &r), SHMT_OK);
		CHECK_I64(r, c + 1);
	}
	CHECK_ST(shmt_set(t, "ab", 2, NULL, 0, SHMT_UPSERT, NULL), SHMT_E_INVALID);
	CHECK_TABLE(t);
	shmt_close(t);
}

/* ---- iteration ---- */

/* Keys "it:<n>"; returns n or -1. */
static long key_index(const char *k, uint32_t len)
{
	if (len < 4 || len > 20 || memcmp(k, "it:", 3) != 0) {
		return -1;
	}
	long n = 0;
	for (uint32_t i = 3; i < len; i++) {
		if (k[i] < '0' || k[i] > '9') {
			return -1;
		}
		n = n * 10 + (k[i] - '0');
	}
	return n;
}

/* Walks every bucket (or only those shmt_next_bucket() points at) and
 * counts how often each "it:<n>" key is seen; checks each row's contents
 * (n = index, name = decimal index) and bucket. Returns rows seen. */
static uint64_t walk(shmt_table *t, uint32_t *seen, long nkeys, int use_hint,
                     size_t start_cap)
{
	size_t isz = shmt_image_size(t);
	size_t cap = start_cap;
	unsigned char *buf = malloc(cap ? cap : 1);
	uint64_t rows = 0;
	uint32_t nb = shmt_bucket_count(t);
	uint32_t b = use_hint ? shmt_next_bucket(t, 0) : 0;
	while (b < nb) {
		uint32_t nrows = 0;
		size_t need = 0;
		shmt_status st = shmt_snapshot_bucket(t, b, buf, cap, &nrows, &need);
		if (st == SHMT_E_BUFFER) {
			CHECK(need >= isz);
			if (need <= cap) {
				UNIT_FAIL("bucket %u: SHMT_E_BUFFER with need %zu <= cap %zu", b, need, cap);
				break;
			}
			cap = need;
			buf = realloc(buf, cap);
			continue;
		}
		if (st != SHMT_OK) {
			UNIT_FAIL("snapshot of bucket %u: %s", b, unit_status_name(st));
			break;
		}
		CHECK((size_t)nrows * isz <= cap);
		for (uint32_t i = 0; i < nrows; i++) {
			const unsigned char *img = buf + (size_t)i * isz;
			uint32_t kl = 0;
			const char *k = shmt_img_key(t, img, &kl);
			long idx = key_index(k, kl);
			if (idx < 0 || idx >= nkeys) {
				UNIT_FAIL("bucket %u holds an unexpected key \"%.*s\"", b, (int)kl, k);
				continue;
			}
			seen[idx]++;
			rows++;
			CHECK(shmt_bucket_of(t, k, kl) == b);
			CHECK(shmt_img_int(t, img, C_ID) == idx);
			uint32_t sl = 0;
			const char *s = shmt_img_str(t, img, C_NAME, &sl);
			char want[16];
			int wl = snprintf(want, sizeof want, "%ld", idx % 10000000);
			CHECK(sl == (uint32_t)wl && memcmp(s, want, sl) == 0);
		}
		b = use_hint ? shmt_next_bucket(t, b + 1) : b + 1;
	}
	free(buf);
	return rows;
}

static void put_it(shmt_table *t, long i)
{
	char k[24], name[16];
	int kl = snprintf(k, sizeof k, "it:%ld", i);
	int nl = snprintf(name, sizeof name, "%ld", i % 10000000);
	shmt_value v[2] = { unit_vi(C_ID, i), unit_vs(C_NAME, name, (uint32_t)nl) };
	CHECK_ST(shmt_set(t, k, (size_t)kl, v, 2, SHMT_UPSERT, NULL), SHMT_OK);
}

static void test_iterate(void)
{
	const long N = 5000;
	shmt_table *t = mk_std((uint32_t)N);
	uint32_t *seen = calloc((size_t)N, sizeof *seen);

	/* Empty table. */
	CHECK(walk(t, seen, N, 0, 0) == 0);
	CHECK(walk(t, seen, N, 1, 0) == 0);
	CHECK(shmt_next_bucket(t, 0) == shmt_bucket_count(t));

	for (long i = 0; i < N; i += 2) {
		put_it(t, i);
	}
	/* Start with no buffer at all: every non-empty bucket goes through
	 * SHMT_E_BUFFER first. */
	for (int hint = 0; hint < 2; hint++) {
		for (int big = 0; big < 2; big++) {
			memset(seen, 0, (size_t)N * sizeof *seen);
			uint64_t rows = walk(t, seen, N, hint, big ? 1 << 20 : 0);
			CHECK_U64(rows, (uint64_t)(N / 2));
			for (long i = 0; i < N; i++) {
				if (seen[i] != (i % 2 == 0 ? 1u : 0u)) {
					UNIT_FAIL("iteration (hint %d): key it:%ld seen %u times", hint, i, seen[i]);
					break;
				}
			}
		}
	}

	/* Fill up and check again. */
	for (long i = 1; i < N; i += 2) {
		put_it(t, i);
	}
	CHECK_U64(shmt_count(t), (uint64_t)N);
	memset(seen, 0, (size_t)N * sizeof *seen);
	CHECK_U64(walk(t, seen, N, 1, 0), (uint64_t)N);
	for (long i = 0; i < N; i++) {
		if (seen[i] != 1) {
			UNIT_FAIL("iteration of a full table: key it:%ld seen %u times", i, seen[i]);
			break;
		}
	}

	/* SHMT_E_BUFFER in detail, on a bucket with at least two rows. */
	size_t isz = shmt_image_size(t);
	uint32_t nb = shmt_bucket_count(t);
	uint32_t target = nb;
	unsigned char *buf = malloc(isz * 64);
	for (uint32_t b = 0; b < nb; b++) {
		uint32_t nrows = 0;
		size_t need = 0;
		if (shmt_snapshot_bucket(t, b, buf, isz * 64, &nrows, &need) == SHMT_OK &&
		    nrows >= 2) {
			target = b;
			break;
		}
	}
	CHECK(target < nb);
	if (target < nb) {
		uint32_t nrows = 0;
		size_t need = 0;
		CHECK_ST(shmt_snapshot_bucket(t, target, buf, isz * 64, &nrows, &need), SHMT_OK);
		uint32_t full_rows = nrows;
		size_t need0 = 0;
		CHECK_ST(shmt_snapshot_bucket(t, target, buf, isz, &nrows, &need0), SHMT_E_BUFFER);
		CHECK(need0 >= (size_t)full_rows * isz);
		CHECK_ST(shmt_snapshot_bucket(t, target, NULL, 0, &nrows, &need0), SHMT_E_BUFFER);
		CHECK(need0 >= (size_t)full_rows * isz);
		CHECK_ST(shmt_snapshot_bucket(t, target, buf, need0 - 1, &nrows, &need), SHMT_E_BUFFER);
		CHECK_ST(shmt_snapshot_bucket(t, target, buf, need0, &nrows, &need), SHMT_OK);
		CHECK(nrows == full_rows);
		shmt_stats s;
		shmt_get_stats(t, &s);
		CHECK(s.max_chain >= full_rows);
	}
	free(buf);

	/* A bucket number past the end is refused. */
	{
		uint32_t nrows = 0;
		size_t need = 0;
		unsigned char small[8];
		CHECK(shmt_snapshot_bucket(t, nb, small, sizeof small, &nrows, &need) != SHMT_OK);
		CHECK(shmt_next_bucket(t, nb) == nb);
	}

	/* Deleting each row right after its bucket's snapshot, as foreach
	 * with unset() does: every row is visited once and all are gone. */
	{
		size_t cap = isz * 16;
		unsigned char *b2 = malloc(cap);
		uint64_t visited = 0;
		for (uint32_t b = shmt_next_bucket(t, 0); b < nb; b = shmt_next_bucket(t, b + 1)) {
			uint32_t nrows = 0;
			size_t need = 0;
			shmt_status st = shmt_snapshot_bucket(t, b, b2, cap, &nrows, &need);
			if (st == SHMT_E_BUFFER) {
				cap = need;
				b2 = realloc(b2, cap);
				st = shmt_snapshot_bucket(t, b, b2, cap, &nrows, &need);
			}
			CHECK_ST(st, SHMT_OK);
			for (uint32_t i = 0; i < nrows; i++) {
				uint32_t kl;
				const char *k = shmt_img_key(t, b2 + (size_t)i * isz, &kl);
				CHECK_ST(shmt_del(t, k, kl, NULL, 0, NULL), SHMT_OK);
				visited++;
			}
		}
		CHECK_U64(visited, (uint64_t)N);
		CHECK_U64(shmt_count(t), 0);
		free(b2);
	}

	CHECK_TABLE(t);
	free(seen);
	shmt_close(t);
}

/* ---- statistics ---- */

static void test_stats(void)
{
	shmt_table *t = mk_std(16);
	shmt_stats s;
	shmt_get_stats(t, &s);
	CHECK_U64(s.rows, 0);
	CHECK_U64(s.size, 16);
	CHECK_U64(s.memory_size, shmt_memory_size(t));
	CHECK_U64(s.insert_count, 0);
	CHECK_U64(s.update_count, 0);
	CHECK_U64(s.delete_count, 0);
	CHECK_U64(s.lock_recoveries, 0);
	CHECK_U64(s.max_chain, 0);
	CHECK_U64(s.key_max_length, 63);
	CHECK_U64(s.buckets, shmt_bucket_count(t));
	CHECK(s.stripes >= 1);
	CHECK(s.row_bytes >= 63 + 8 + 8 + NAME_SIZE + BLOB_SIZE);
	CHECK(s.memory_size >= 16 * (63 + 8 + 8 + NAME_SIZE + BLOB_SIZE));

	char k[16];
	shmt_value v = unit_vi(C_ID, 1);
	for (int i = 0; i < 5; i++) {
		snprintf(k, sizeof k, "s%d", i);
		CHECK_ST(shmt_set(t, k, 2, &v, 1, SHMT_UPSERT, NULL), SHMT_OK);
	}
	shmt_get_stats(t, &s);
	CHECK_U64(s.rows, 5);
	CHECK_U64(s.insert_count, 5);
	CHECK_U64(s.update_count, 0);
	CHECK(s.max_chain >= 1 && s.max_chain <= 5);

	/* Updates by set() and update(). */
	for (int i = 0; i < 3; i++) {
		CHECK_ST(shmt_set(t, KEY("s1"), &v, 1, SHMT_UPSERT, NULL), SHMT_OK);
	}
	CHECK_ST(shmt_set(t, KEY("s2"), &v, 1, SHMT_UPDATE_ONLY, NULL), SHMT_OK);
	shmt_get_stats(t, &s);
	CHECK_U64(s.update_count, 4);
	CHECK_U64(s.insert_count, 5);

	/* Refused operations count nothing. */
	shmt_value e = unit_vi(C_ID, 999);
	shmt_value toolong = unit_vs(C_NAME, "123456789", 9);
	CHECK_ST(shmt_set(t, KEY("s1"), &v, 1, SHMT_INSERT_ONLY, NULL), SHMT_EXISTS);
	CHECK_ST(shmt_set(t, KEY("zz"), &v, 1, SHMT_UPDATE_ONLY, NULL), SHMT_NOT_FOUND);
	CHECK_ST(shmt_set(t, KEY("s1"), &toolong, 1, SHMT_UPSERT, NULL), SHMT_E_INVALID);
	CHECK_ST(shmt_cmpset(t, KEY("s1"), &e, 1, &v, 1), SHMT_MISMATCH);
	CHECK_ST(shmt_cmpset(t, KEY("zz"), &e, 1, &v, 1), SHMT_NOT_FOUND);
	CHECK_ST(shmt_del(t, KEY("zz"), NULL, 0, NULL), SHMT_NOT_FOUND);
	CHECK_ST(shmt_del(t, KEY("s1"), &e, 1, NULL), SHMT_MISMATCH);
	shmt_get_stats(t, &s);
	CHECK_U64(s.rows, 5);
	CHECK_U64(s.insert_count, 5);
	CHECK_U64(s.update_count, 4);
	CHECK_U64(s.delete_count, 0);

	/* A cmpset that writes is an update. */
	e = unit_vi(C_ID, 1);
	CHECK_ST(shmt_cmpset(t, KEY("s1"), &e, 1, &v, 1), SHMT_OK);
	shmt_get_stats(t, &s);
	CHECK_U64(s.update_count, 5);

	/* del, getdel, cmpdel are deletes. */
	void *img = img_new(t);
	CHECK_ST(shmt_del(t, KEY("s0"), NULL, 0, NULL), SHMT_OK);
	CHECK_ST(shmt_del(t, KEY("s1"), NULL, 0, img), SHMT_OK);
	CHECK_ST(shmt_del(t, KEY("s2"), &e, 1, NULL), SHMT_OK);
	shmt_get_stats(t, &s);
	CHECK_U64(s.delete_count, 3);
	CHECK_U64(s.rows, 2);
	CHECK_U64(s.rows, shmt_count(t));

	/* An increment that creates its row is an insert. */
	int64_t r;
	CHECK_ST(shmt_incr_int(t, KEY("n1"), C_ID, 1, &r), SHMT_OK);
	shmt_get_stats(t, &s);
	CHECK_U64(s.insert_count, 6);
	CHECK_U64(s.rows, 3);
	CHECK_U64(s.lock_recoveries, 0);

	/* Reads count nothing. */
	for (int i = 0; i < 10; i++) {
		shmt_get(t, KEY("n1"), img);
		shmt_exists(t, KEY("s3"));
	}
	shmt_stats s2;
	shmt_get_stats(t, &s2);
	CHECK_U64(s2.insert_count, s.insert_count);
	CHECK_U64(s2.update_count, s.update_count);
	CHECK_U64(s2.delete_count, s.delete_count);

	free(img);
	CHECK_TABLE(t);
	shmt_close(t);
}

/* ---- big things ---- */

static long rss_kib(void)
{
	FILE *f = fopen("/proc/self/statm", "r");
	long pages = 0, resident = 0;
	if (!f) {
		return -1;
	}
	if (fscanf(f, "%ld %ld", &pages, &resident) != 2) {
		resident = -1;
	}
	fclose(f);
	return resident < 0 ? -1 : resident * (sysconf(_SC_PAGESIZE) / 1024);
}

static void test_lazy_create(void)
{
	/* Ten million rows of (int, float, string(64)) with 63-byte keys,
	 * 1.5 GB: created quickly, and memory only as rows fill. */
	shmt_coldef cols[3] = { unit_col("id", SHMT_TYPE_INT, 0),
		                    unit_col("score", SHMT_TYPE_FLOAT, 0),
		                    unit_col("name", SHMT_TYPE_STRING, 64) };
	long before = rss_kib();
	double t0 = unit_now();
	shmt_table *t = mk(10000000, 63, cols, 3);
	double dt = unit_now() - t0;
	long after = rss_kib();
	CHECK(shmt_memory_size(t) >= 10000000ull * (63 + 8 + 8 + 64));
	if (unit_timing() && dt > 0.5) {
		UNIT_FAIL("creating a table of 10 million rows took %.3f s", dt);
	}
	if (before >= 0 && after >= 0 && after - before > 64 * 1024) {
		UNIT_FAIL("creating a table of 10 million rows made %ld KiB resident", after - before);
	}
	unit_checks += 2;
	int64_t r;
	CHECK_ST(shmt_incr_int(t, KEY("only"), C_ID, 3, &r), SHMT_OK);
	CHECK_U64(shmt_count(t), 1);
	shmt_close(t);
}

static void test_big_values(void)
{
	/* A 1 MiB string column round-trips. */
	shmt_coldef cols[2] = { unit_col("n", SHMT_TYPE_INT, 0),
		                    unit_col("big", SHMT_TYPE_STRING, SHMT_MAX_STRING) };
	shmt_table *t = mk(3, 63, cols, 2);
	char *big = malloc(SHMT_MAX_STRING + 1);
	for (uint32_t i = 0; i <= SHMT_MAX_STRING; i++) {
		big[i] = (char)(i * 131 + (i >> 12));
	}
	shmt_value v[2] = { unit_vi(0, 5), unit_vs(1, big, SHMT_MAX_STRING) };
	CHECK_ST(shmt_set(t, KEY("b"), v, 2, SHMT_UPSERT, NULL), SHMT_OK);
	void *img = img_new(t);
	CHECK_ST(shmt_get(t, KEY("b"), img), SHMT_OK);
	uint32_t sl = 0;
	const char *s = shmt_img_str(t, img, 1, &sl);
	CHECK(sl == SHMT_MAX_STRING && memcmp(s, big, SHMT_MAX_STRING) == 0);
	v[0] = unit_vi(0, 6);
	CHECK_ST(shmt_set(t, KEY("b"), v, 1, SHMT_UPSERT, NULL), SHMT_OK);
	memset(img, 0, shmt_image_size(t));
	CHECK_ST(shmt_get(t, KEY("b"), img), SHMT_OK);
	s = shmt_img_str(t, img, 1, &sl);
	CHECK(sl == SHMT_MAX_STRING && memcmp(s, big, SHMT_MAX_STRING) == 0);
	CHECK(shmt_img_int(t, img, 0) == 6);
	v[1] = unit_vs(1, big, SHMT_MAX_STRING + 1);
	CHECK_ST(shmt_set(t, KEY("b"), v + 1, 1, SHMT_UPSERT, NULL), SHMT_E_INVALID);
	CHECK_TABLE(t);
	free(img);
	shmt_close(t);

	/* 256 columns of every type, keys of 1024 bytes. */
	static shmt_coldef many[SHMT_MAX_COLUMNS];
	for (uint32_t i = 0; i < SHMT_MAX_COLUMNS; i++) {
		char name[16];
		snprintf(name, sizeof name, "col%u", i);
		many[i] = unit_col(name, (shmt_type)(1 + i % 3), i % 3 == 2 ? 1 + i : 0);
	}
	t = mk(10, SHMT_MAX_KEY_LEN, many, SHMT_MAX_COLUMNS);
	static shmt_value mv[SHMT_MAX_COLUMNS];
	for (uint32_t i = 0; i < SHMT_MAX_COLUMNS; i++) {
		switch (i % 3) {
		case 0: mv[i] = unit_vi(i, (int64_t)i * -1000003); break;
		case 1: mv[i] = unit_vf(i, i / 7.0); break;
		default: mv[i] = unit_vs(i, big + i, 1 + i); break;
		}
	}
	char key[SHMT_MAX_KEY_LEN + 1];
	memset(key, 'k', sizeof key);
	key[0] = '\0';
	CHECK_ST(shmt_set(t, key, SHMT_MAX_KEY_LEN, mv, SHMT_MAX_COLUMNS, SHMT_UPSERT, NULL),
	         SHMT_OK);
	CHECK_ST(shmt_set(t, key, SHMT_MAX_KEY_LEN + 1, mv, 1, SHMT_UPSERT, NULL), SHMT_E_INVALID);
	img = img_new(t);
	CHECK_ST(shmt_get(t, key, SHMT_MAX_KEY_LEN, img), SHMT_OK);
	uint32_t kl = 0;
	const char *kp = shmt_img_key(t, img, &kl);
	CHECK(kl == SHMT_MAX_KEY_LEN && memcmp(kp, key, kl) == 0);
	for (uint32_t i = 0; i < SHMT_MAX_COLUMNS; i++) {
		char name[16];
		int nl = snprintf(name, sizeof name, "col%u", i);
		CHECK(shmt_col_find(t, name, (size_t)nl) == (int)i);
		switch (i % 3) {
		case 0: CHECK(shmt_img_int(t, img, i) == (int64_t)i * -1000003); break;
		case 1: CHECK(shmt_img_float(t, img, i) == i / 7.0); break;
		default:
			s = shmt_img_str(t, img, i, &sl);
			CHECK(sl == 1 + i && memcmp(s, big + i, sl) == 0);
			break;
		}
	}
	CHECK_TABLE(t);
	free(img);
	free(big);
	shmt_close(t);
}

/* shmt_set_ttl_checked(): the same write as shmt_set_ttl() for checked
 * values, in every mode, and the same key check. */
static void test_set_checked(void)
{
	shmt_table *t = mk_std(16);
	bool ins = false;
	shmt_value v[3] = {
		unit_vi(C_ID, 5),
		unit_vf(C_SCORE, 2.5),
		unit_vs(C_NAME, "bob", 3),
	};
	CHECK_ST(shmt_set_ttl_checked(t, KEY("a"), v, 3, SHMT_UPSERT, SHMT_TTL_KEEP, &ins),
	         SHMT_OK);
	CHECK(ins);
	EXPECT_ROW(t, "a", 5, 2.5, "bob");
	v[0] = unit_vi(C_ID, 6);
	CHECK_ST(shmt_set_ttl_checked(t, KEY("a"), v, 1, SHMT_UPSERT, SHMT_TTL_KEEP, &ins),
	         SHMT_OK);
	CHECK(!ins);
	EXPECT_ROW(t, "a", 6, 2.5, "bob");
	CHECK_ST(shmt_set_ttl_checked(t, KEY("a"), v, 1, SHMT_INSERT_ONLY, SHMT_TTL_KEEP, NULL),
	         SHMT_EXISTS);
	CHECK_ST(shmt_set_ttl_checked(t, KEY("b"), v, 1, SHMT_UPDATE_ONLY, SHMT_TTL_KEEP, NULL),
	         SHMT_NOT_FOUND);
	CHECK_ST(shmt_set_ttl_checked(t, "", 0, v, 1, SHMT_UPSERT, SHMT_TTL_KEEP, NULL),
	         SHMT_E_INVALID);
	CHECK(shmt_count(t) == 1);
	shmt_close(t);
}

/* The blob column of key's row equals want (len bytes). */
static void expect_blob(shmt_table *t, const char *key, size_t klen, const char *want,
                        uint32_t len, int line)
{
	void *img = img_new(t);
	unit_checks++;
	if (shmt_get(t, key, klen, img) != SHMT_OK) {
		UNIT_FAIL("(line %d) get failed", line);
	} else {
		uint32_t bl = 0;
		const char *b = shmt_img_str(t, img, C_BLOB, &bl);
		if (bl != len || (len > 0 && memcmp(b, want, len) != 0)) {
			UNIT_FAIL("(line %d) blob is \"%.*s\" (%u), expected \"%.*s\" (%u)", line,
			          (int)bl, b, bl, (int)len, want, len);
		}
	}
	free(img);
}
#define EXPECT_BLOB(t, key, want) \
	expect_blob((t), KEY(key), (want), (uint32_t)strlen(want), __LINE__)

/* The first key of the form fmt % i (i counting up) whose length is len
 * and whose stripe is `stripe`, into buf. */
static void key_in_stripe(shmt_table *t, uint32_t stripe, const char *fmt, size_t len,
                          char *buf, size_t cap)
{
	for (uint32_t i = 0; i < 1000000; i++) {
		snprintf(buf, cap, fmt, i);
		if (strlen(buf) == len &&
		    (shmt_bucket_of(t, buf, len) & (shmt_nstripes(t) - 1)) == stripe) {
			return;
		}
	}
	fprintf(stderr, "no key of %zu bytes in stripe %u\n", len, stripe);
	exit(1);
}

/* Whole rows written over reused rows whose key was longer (16, then 9,
 * then 3 bytes: each branch of the key's store), in a table without and
 * with eviction (whose rows also carry a last-used word): each key is
 * found by itself only, and the checker, which hashes every stored key
 * again, finds every chain sound. */
static void test_insert_reuses_row_keys(void)
{
	for (int lru = 0; lru < 2; lru++) {
		shmt_table *t = NULL;
		uint64_t asked = 0;
		int bad = 0;
		CHECK_ST(shmt_create_ex(&t, 16, 63, std_cols(), NCOLS_STD,
		                        lru ? SHMT_EVICT_LRU : SHMT_EVICT_NONE, &asked, &bad),
		         SHMT_OK);
		if (t == NULL) {
			return;
		}
		const char *k16 = "0123456789abcdef";
		uint32_t s = shmt_bucket_of(t, k16, 16) & (shmt_nstripes(t) - 1);
		char k9[16], k3[8];
		key_in_stripe(t, s, "key%06u", 9, k9, sizeof k9);
		key_in_stripe(t, s, "%03u", 3, k3, sizeof k3);
		const char *keys[3] = {k16, k9, k3};
		for (int i = 0; i < 3; i++) {
			shmt_value v[NCOLS_STD] = {
				unit_vi(C_ID, 100 + i),
				unit_vf(C_SCORE, 0.5 + i),
				unit_vs(C_NAME, keys[i], (uint32_t)(strlen(keys[i]) > NAME_SIZE ? NAME_SIZE : strlen(keys[i]))),
				unit_vs(C_BLOB, keys[i], (uint32_t)strlen(keys[i])),
			};
			CHECK_ST(shmt_set_ttl_checked(t, keys[i], strlen(keys[i]), v, NCOLS_STD,
			                              SHMT_UPSERT, SHMT_TTL_KEEP, NULL),
			         SHMT_OK);
			void *img = img_new(t);
			CHECK_ST(shmt_get(t, keys[i], strlen(keys[i]), img), SHMT_OK);
			uint32_t kl = 0, bl = 0;
			const char *k = shmt_img_key(t, img, &kl);
			CHECK(kl == strlen(keys[i]) && memcmp(k, keys[i], kl) == 0);
			CHECK(shmt_img_int(t, img, C_ID) == 100 + i);
			const char *b = shmt_img_str(t, img, C_BLOB, &bl);
			CHECK(bl == strlen(keys[i]) && memcmp(b, keys[i], bl) == 0);
			free(img);
			for (int j = 0; j < i; j++) {
				CHECK_ST(shmt_exists(t, keys[j], strlen(keys[j])), SHMT_NOT_FOUND);
			}
			CHECK(shmt_count(t) == 1);
			CHECK_TABLE(t);
			CHECK_ST(shmt_del(t, keys[i], strlen(keys[i]), NULL, 0, NULL), SHMT_OK);
		}
		shmt_close(t);
	}
}

/* A row that a delete gave back is the next insert's in its stripe. A
 * write that names every column once leaves the rest of that row as it
 * was (never read); a write that does not, or names a column twice, starts
 * from a cleared row. Either way nothing of the deleted row shows. */
static void test_insert_reuses_row(void)
{
	typedef shmt_status (*set_fn)(shmt_table *, const char *, size_t, const shmt_value *,
	                              uint32_t, shmt_write_mode, int64_t, bool *);
	static const char old_blob[] = "an old blob, longer than the new one";
	/* every column, the strings long: what a deleted row leaves behind */
	const shmt_value full[NCOLS_STD] = {
		unit_vs(C_NAME, "oldname!", 8),
		unit_vi(C_ID, 7),
		unit_vs(C_BLOB, old_blob, (uint32_t)strlen(old_blob)),
		unit_vf(C_SCORE, 1.5),
	};
	shmt_table *t = mk_std(16);
	for (int checked = 0; checked < 2; checked++) {
		set_fn set = checked ? shmt_set_ttl_checked : shmt_set_ttl;
		CHECK_ST(set(t, KEY("key-0001"), full, NCOLS_STD, SHMT_UPSERT, SHMT_TTL_KEEP, NULL),
		         SHMT_OK);
		CHECK_ST(shmt_del(t, KEY("key-0001"), NULL, 0, NULL), SHMT_OK);
		/* every column, in another order, shorter strings: the old
		 * strings' tails stay in the row and are not read */
		shmt_value full2[NCOLS_STD] = {
			unit_vf(C_SCORE, 2.5),
			unit_vs(C_BLOB, "blob", 4),
			unit_vs(C_NAME, "new", 3),
			unit_vi(C_ID, 8),
		};
		CHECK_ST(set(t, KEY("key-0001"), full2, NCOLS_STD, SHMT_UPSERT, SHMT_TTL_KEEP, NULL),
		         SHMT_OK);
		EXPECT_ROW(t, "key-0001", 8, 2.5, "new");
		EXPECT_BLOB(t, "key-0001", "blob");
		/* an empty string where a longer one was */
		CHECK_ST(shmt_del(t, KEY("key-0001"), NULL, 0, NULL), SHMT_OK);
		full2[1] = unit_vs(C_BLOB, "", 0);
		CHECK_ST(set(t, KEY("key-0001"), full2, NCOLS_STD, SHMT_UPSERT, SHMT_TTL_KEEP, NULL),
		         SHMT_OK);
		EXPECT_ROW(t, "key-0001", 8, 2.5, "new");
		EXPECT_BLOB(t, "key-0001", "");
		CHECK_ST(shmt_del(t, KEY("key-0001"), NULL, 0, NULL), SHMT_OK);
		/* one column only: the others read as zero, not as before */
		CHECK_ST(set(t, KEY("key-0001"), full, NCOLS_STD, SHMT_UPSERT, SHMT_TTL_KEEP, NULL),
		         SHMT_OK);
		CHECK_ST(shmt_del(t, KEY("key-0001"), NULL, 0, NULL), SHMT_OK);
		shmt_value one = unit_vi(C_ID, 9);
		CHECK_ST(set(t, KEY("key-0001"), &one, 1, SHMT_UPSERT, SHMT_TTL_KEEP, NULL), SHMT_OK);
		EXPECT_ROW(t, "key-0001", 9, 0.0, "");
		EXPECT_BLOB(t, "key-0001", "");
		CHECK_ST(shmt_del(t, KEY("key-0001"), NULL, 0, NULL), SHMT_OK);
	}
	/* as many values as columns, one column twice (shmt_set_ttl() takes
	 * that, the last value wins): the columns not named read as zero */
	CHECK_ST(shmt_set_ttl(t, KEY("k2"), full, NCOLS_STD, SHMT_UPSERT, SHMT_TTL_KEEP, NULL),
	         SHMT_OK);
	CHECK_ST(shmt_del(t, KEY("k2"), NULL, 0, NULL), SHMT_OK);
	shmt_value twice[NCOLS_STD] = {
		unit_vi(C_ID, 1),
		unit_vf(C_SCORE, 3.5),
		unit_vi(C_ID, 2),
		unit_vf(C_SCORE, 4.5),
	};
	CHECK_ST(shmt_set_ttl(t, KEY("k2"), twice, NCOLS_STD, SHMT_UPSERT, SHMT_TTL_KEEP, NULL),
	         SHMT_OK);
	EXPECT_ROW(t, "k2", 2, 4.5, "");
	EXPECT_BLOB(t, "k2", "");
	CHECK_TABLE(t);
	shmt_close(t);
}

int main(void)
{
	test_create_invalid();
	test_schema();
	test_set_get();
	test_modes();
	test_cmpset_cmpdel_getdel();
	test_incr();
	test_incr_multi();
	test_incr_multi_checked();
	test_capacity();
	test_iterate();
	test_stats();
	test_lazy_create();
	test_big_values();
	test_set_checked();
	test_insert_reuses_row();
	test_insert_reuses_row_keys();
	return unit_finish("test_basic");
}
