/*
 * shmtable_methods.c - the methods on rows (get, exists, set, add, update,
 * del, getdel, cmpdel, cmpset, incr, decr) and on sizes and statistics.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "shmtable_internal.h"
#include "ext/standard/php_array.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* The name the method was called by (exist/exists, delete/del). */
static const char *php_shmtable_method_name(zend_execute_data *execute_data)
{
	return ZSTR_VAL(EX(func)->common.function_name);
}

/* Column index by name, or -1 with a ValueError naming argument argn. */
static int php_shmtable_column(php_shmtable_obj *obj, const char *method, int argn,
                               const char *argname, zend_string *name)
{
	/* A literal column name is the interned name itself: no hashing. */
	for (uint32_t i = 0; i < obj->ndefs && i < PHP_SHMTABLE_SCAN_COLUMNS && obj->names != NULL;
	     i++) {
		if (obj->names[i] == name) {
			return (int)i;
		}
	}
	zval *idx = zend_hash_find(&obj->colmap, name);
	if (UNEXPECTED(idx == NULL)) {
		php_shmtable_arg_error(zend_ce_value_error, method, argn, argname,
		                       "must be a column name, \"%s\" given", ZSTR_VAL(name));
		return -1;
	}
	return (int)Z_LVAL_P(idx);
}

/* cmpset()/cmpdel(): an empty $expected would compare nothing and make
 * the call unconditional, which is never what the caller meant. */
static bool php_shmtable_check_expected(const char *method, HashTable *expected)
{
	if (UNEXPECTED(zend_hash_num_elements(expected) == 0)) {
		php_shmtable_arg_error(zend_ce_value_error, method, 2, "expected",
		                       "must not be empty; use %s() to %s unconditionally",
		                       strcmp(method, "cmpset") == 0 ? "set" : "del",
		                       strcmp(method, "cmpset") == 0 ? "write" : "delete");
		return false;
	}
	return true;
}

/* A $ttl argument in seconds as the engine's nanoseconds: null keeps
 * (SHMT_TTL_KEEP, only where allow_null), 0 never, > 0 that long from now
 * (at least 1 ns, so that a tiny ttl never reads as "never"). Negative,
 * NaN, infinite or above PHP_SHMTABLE_TTL_MAX: ValueError. */
static bool php_shmtable_ttl_ns(const char *method, int argn, double ttl, bool is_null,
                                int64_t *out)
{
	if (is_null) {
		*out = SHMT_TTL_KEEP;
		return true;
	}
	if (UNEXPECTED(!(ttl >= 0.0 && ttl <= PHP_SHMTABLE_TTL_MAX))) {
		char given[64];
		snprintf(given, sizeof(given), "%.17g", ttl);
		php_shmtable_arg_error(zend_ce_value_error, method, argn, "ttl",
		                       "must be a number of seconds between 0 and %.0f, %s given",
		                       PHP_SHMTABLE_TTL_MAX, given);
		return false;
	}
	double ns = ceil(ttl * 1e9);
	*out = ttl > 0.0 && ns < 1.0 ? 1 : (int64_t)ns;
	return true;
}

/* ------------------------------------------------------------------ */
/* Methods: rows                                                        */

/* A copy of the row of key into img: the whole row, or one column
 * (col >= 0). */
static zend_always_inline shmt_status php_shmtable_read(shmt_table *t, zend_string *key, int col,
                                                       void *img)
{
	return col >= 0 ? shmt_get_col(t, ZSTR_VAL(key), ZSTR_LEN(key), (uint32_t)col, img)
	                : shmt_get(t, ZSTR_VAL(key), ZSTR_LEN(key), img);
}

/* get() of a row bigger than PHP_SHMTABLE_ROW_BUDGET: the copy and the
 * result are made only if memory_limit leaves room for them. */
static ZEND_COLD bool php_shmtable_get_big(php_shmtable_obj *obj, shmt_table *t,
                                          const char *method, zend_string *key, int col,
                                          zval *rv)
{
	void *img = php_shmtable_big_alloc(method, "a copy of the row", shmt_image_size(t));
	if (img == NULL) {
		return false;
	}
	shmt_status st = php_shmtable_read(t, key, col, img);
	bool ok = true;
	if (st == SHMT_NOT_FOUND) {
		ZVAL_FALSE(rv);
	} else if (st != SHMT_OK) {
		php_shmtable_status_error(st, obj, method);
		ok = false;
	} else if (php_shmtable_memory_fits(method, col >= 0 ? "the value" : "the row array",
	                                    php_shmtable_result_size(obj, img, col))) {
		php_shmtable_result(obj, img, col, rv);
	} else {
		ok = false;
	}
	efree(img);
	return ok;
}

/* get() of a number column that the engine refused or could not read:
 * the key's length (which the engine checks too) or the engine's status,
 * thrown. */
static ZEND_COLD bool php_shmtable_get_num_error(php_shmtable_obj *obj, shmt_table *t,
                                                 const char *method, zend_string *key,
                                                 shmt_status st)
{
	if (st == SHMT_E_INVALID && !php_shmtable_check_key(t, method, ZSTR_LEN(key))) {
		return false;
	}
	php_shmtable_status_error(st, obj, method);
	return false;
}

/* The 8 bytes of a number cell of column type `type` as a PHP value. */
static zend_always_inline void php_shmtable_cell_zval(uint32_t type, uint64_t cell, zval *rv)
{
	if (type == SHMT_TYPE_INT) {
		int64_t v;
		memcpy(&v, &cell, sizeof(v));
		ZVAL_LONG(rv, (zend_long)v);
	} else {
		double v;
		memcpy(&v, &cell, sizeof(v));
		ZVAL_DOUBLE(rv, v);
	}
}

/* One number column of key's row: read straight from its cell, no row
 * image. The key's length is left to the engine, which refuses a bad one
 * before looking anything up. */
static zend_always_inline bool php_shmtable_get_num(php_shmtable_obj *obj, shmt_table *t,
                                                   const char *method, zend_string *key,
                                                   uint32_t col, uint32_t type, zval *rv)
{
	uint64_t cell;
	shmt_status st = shmt_get_num(t, ZSTR_VAL(key), ZSTR_LEN(key), col, &cell);
	if (EXPECTED(st == SHMT_OK)) {
		php_shmtable_cell_zval(type, cell, rv);
		return true;
	}
	if (st == SHMT_NOT_FOUND) {
		ZVAL_FALSE(rv);
		return true;
	}
	return php_shmtable_get_num_error(obj, t, method, key, st);
}

/* Shared by the methods and the $t[...] handlers. */
bool php_shmtable_do_get(php_shmtable_obj *obj, const char *method,
                         zend_string *key, zend_string *column, zval *rv)
{
	shmt_table *t = php_shmtable_live(obj);
	if (t == NULL || !php_shmtable_check_key(t, method, ZSTR_LEN(key))) {
		return false;
	}
	int col = -1;
	if (column != NULL) {
		/* A loop reading one field names the same column each time:
		 * the column named last is tried first, by pointer. */
		if (EXPECTED(column == obj->get_name)) {
			col = (int)obj->get_col;
		} else if ((col = php_shmtable_column(obj, method, 2, "field", column)) < 0) {
			return false;
		} else {
			obj->get_name = obj->names[col];
			obj->get_col = (uint32_t)col;
			obj->get_type = obj->cols[col].type;
		}
		if (obj->cols[col].type != SHMT_TYPE_STRING) {
			return php_shmtable_get_num(obj, t, method, key, (uint32_t)col,
			                            obj->cols[col].type, rv);
		}
	}
	if (UNEXPECTED(obj->img == NULL)) {
		return php_shmtable_get_big(obj, t, method, key, col, rv);
	}
	shmt_status st = php_shmtable_read(t, key, col, obj->img);
	if (st == SHMT_NOT_FOUND) {
		ZVAL_FALSE(rv);
		return true;
	}
	if (UNEXPECTED(st != SHMT_OK)) {
		php_shmtable_status_error(st, obj, method);
		return false;
	}
	php_shmtable_result(obj, obj->img, col, rv);
	return true;
}

/* get() through the parameter parser: every call but the one below. */
static zend_never_inline void php_shmtable_get_parsed(INTERNAL_FUNCTION_PARAMETERS)
{
	zend_string *key, *column = NULL;
	ZEND_PARSE_PARAMETERS_START(1, 2)
		Z_PARAM_STR(key)
		Z_PARAM_OPTIONAL
		Z_PARAM_STR_OR_NULL(column)
	ZEND_PARSE_PARAMETERS_END();
	if (!php_shmtable_do_get(Z_SHMTABLE_P(ZEND_THIS), "get", key, column, return_value)) {
		RETURN_THROWS();
	}
}

/* The fast get() below when the engine did not answer SHMT_OK or
 * SHMT_NOT_FOUND. */
static ZEND_COLD zend_never_inline void php_shmtable_get_failed(INTERNAL_FUNCTION_PARAMETERS,
                                                               shmt_status st)
{
	php_shmtable_obj *obj = Z_SHMTABLE_P(ZEND_THIS);
	php_shmtable_get_num_error(obj, obj->t, "get", Z_STR_P(ZEND_CALL_ARG(execute_data, 1)), st);
	RETURN_THROWS();
}

PHP_METHOD(ShmTable_Table, get)
{
	zval *arg = ZEND_CALL_ARG(execute_data, 1);
	/* get($key, 'field') of a number column, the field named as get()
	 * named it last (a literal: the same interned string): neither the
	 * parameter parser nor a lookup. */
	if (ZEND_NUM_ARGS() == 2) {
		php_shmtable_obj *obj = Z_SHMTABLE_P(ZEND_THIS);
		shmt_table *t = obj->t;
		if (EXPECTED(Z_TYPE(arg[0]) == IS_STRING && Z_TYPE(arg[1]) == IS_STRING &&
		             Z_STR(arg[1]) == obj->get_name && obj->get_type != SHMT_TYPE_STRING &&
		             t != NULL)) {
			uint64_t cell;
			shmt_status st = shmt_get_num(t, Z_STRVAL(arg[0]), Z_STRLEN(arg[0]), obj->get_col,
			                              &cell);
			if (EXPECTED(st == SHMT_OK)) {
				php_shmtable_cell_zval(obj->get_type, cell, return_value);
				return;
			}
			if (st == SHMT_NOT_FOUND) {
				RETURN_FALSE;
			}
			php_shmtable_get_failed(INTERNAL_FUNCTION_PARAM_PASSTHRU, st);
			return;
		}
	} else if (ZEND_NUM_ARGS() == 1 && EXPECTED(Z_TYPE(arg[0]) == IS_STRING)) {
		/* get($key): a string needs no parsing. */
		if (!php_shmtable_do_get(Z_SHMTABLE_P(ZEND_THIS), "get", Z_STR(arg[0]), NULL,
		                         return_value)) {
			RETURN_THROWS();
		}
		return;
	}
	php_shmtable_get_parsed(INTERNAL_FUNCTION_PARAM_PASSTHRU);
}

bool php_shmtable_do_exists(php_shmtable_obj *obj, const char *method,
                            zend_string *key, bool *found)
{
	shmt_table *t = php_shmtable_live(obj);
	if (t == NULL || !php_shmtable_check_key(t, method, ZSTR_LEN(key))) {
		return false;
	}
	shmt_status st = shmt_exists(t, ZSTR_VAL(key), ZSTR_LEN(key));
	if (st != SHMT_OK && st != SHMT_NOT_FOUND) {
		php_shmtable_status_error(st, obj, method);
		return false;
	}
	*found = st == SHMT_OK;
	return true;
}

PHP_METHOD(ShmTable_Table, exists)
{
	zend_string *key;
	bool found;
	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_STR(key)
	ZEND_PARSE_PARAMETERS_END();
	if (!php_shmtable_do_exists(Z_SHMTABLE_P(ZEND_THIS), php_shmtable_method_name(execute_data),
	                            key, &found)) {
		RETURN_THROWS();
	}
	RETURN_BOOL(found);
}

/*
 * set()/add()/update(): convert first (may run user code, may even destroy
 * the table), then check the table again, then write. Returns 1 written,
 * 0 refused by the mode (add: present, update: absent), -1 exception.
 */
int php_shmtable_do_set(php_shmtable_obj *obj, const char *method, zend_string *key,
                        HashTable *row, shmt_write_mode mode)
{
	return php_shmtable_do_set_ttl(obj, method, key, row, mode, SHMT_TTL_KEEP);
}

/* php_shmtable_do_set() with an expiry for the row (ttl_ns as the engine
 * takes it, already checked). */
int php_shmtable_do_set_ttl(php_shmtable_obj *obj, const char *method, zend_string *key,
                            HashTable *row, shmt_write_mode mode, int64_t ttl_ns)
{
	shmt_table *t = php_shmtable_live(obj);
	if (t == NULL || !php_shmtable_check_key(t, method, ZSTR_LEN(key))) {
		return -1;
	}
	php_shmtable_values pv;
	/* "set" names its row "value", add() and update() "values"; compared
	 * without a strcmp() call (this runs on every write). */
	bool is_set = method[0] == 's' && method[1] == 'e' && method[2] == 't' && method[3] == '\0';
	if (!php_shmtable_values_from(obj, t, row, method, 2, is_set ? "value" : "values", &pv)) {
		return -1;
	}
	if ((t = php_shmtable_live(obj)) == NULL) {
		php_shmtable_values_free(&pv);
		return -1;
	}
	shmt_status st =
	    shmt_set_ttl_checked(t, ZSTR_VAL(key), ZSTR_LEN(key), pv.vals, pv.n, mode, ttl_ns, NULL);
	php_shmtable_values_free(&pv);
	if (st == SHMT_OK) {
		return 1;
	}
	if ((st == SHMT_EXISTS && mode == SHMT_INSERT_ONLY) ||
	    (st == SHMT_NOT_FOUND && mode == SHMT_UPDATE_ONLY)) {
		return 0;
	}
	php_shmtable_status_error(st, obj, method);
	return -1;
}

static void php_shmtable_set_method(INTERNAL_FUNCTION_PARAMETERS, const char *method,
                                    shmt_write_mode mode)
{
	zend_string *key;
	HashTable *row;
	double ttl = 0.0;
	bool ttl_null = true;
	int64_t ttl_ns;
	ZEND_PARSE_PARAMETERS_START(2, 3)
		Z_PARAM_STR(key)
		Z_PARAM_ARRAY_HT(row)
		Z_PARAM_OPTIONAL
		Z_PARAM_DOUBLE_OR_NULL(ttl, ttl_null)
	ZEND_PARSE_PARAMETERS_END();
	if (!php_shmtable_ttl_ns(method, 3, ttl, ttl_null, &ttl_ns)) {
		RETURN_THROWS();
	}
	int r = php_shmtable_do_set_ttl(Z_SHMTABLE_P(ZEND_THIS), method, key, row, mode, ttl_ns);
	if (r < 0) {
		RETURN_THROWS();
	}
	RETURN_BOOL(r > 0);
}

PHP_METHOD(ShmTable_Table, set)
{
	/* set($key, $row) with a string and an array, no $ttl: nothing to
	 * parse or convert. */
	zval *arg = ZEND_CALL_ARG(execute_data, 1);
	if (ZEND_NUM_ARGS() == 2 &&
	    EXPECTED(Z_TYPE(arg[0]) == IS_STRING && Z_TYPE(arg[1]) == IS_ARRAY)) {
		int r = php_shmtable_do_set_ttl(Z_SHMTABLE_P(ZEND_THIS), "set", Z_STR(arg[0]),
		                                Z_ARRVAL(arg[1]), SHMT_UPSERT, SHMT_TTL_KEEP);
		if (r < 0) {
			RETURN_THROWS();
		}
		RETURN_BOOL(r > 0);
	}
	php_shmtable_set_method(INTERNAL_FUNCTION_PARAM_PASSTHRU, "set", SHMT_UPSERT);
}

PHP_METHOD(ShmTable_Table, add)
{
	php_shmtable_set_method(INTERNAL_FUNCTION_PARAM_PASSTHRU, "add", SHMT_INSERT_ONLY);
}

PHP_METHOD(ShmTable_Table, update)
{
	php_shmtable_set_method(INTERNAL_FUNCTION_PARAM_PASSTHRU, "update", SHMT_UPDATE_ONLY);
}

/* del()/getdel()/cmpdel(). Returns 1 deleted, 0 not (missing/mismatch),
 * -1 exception. With want_row, rv gets the deleted row (or column). */
int php_shmtable_do_del(php_shmtable_obj *obj, const char *method, zend_string *key,
                        HashTable *expected, zend_string *column, bool want_row,
                        zval *rv)
{
	shmt_table *t = php_shmtable_live(obj);
	if (t == NULL || !php_shmtable_check_key(t, method, ZSTR_LEN(key))) {
		return -1;
	}
	int col = -1;
	if (column != NULL && (col = php_shmtable_column(obj, method, 2, "field", column)) < 0) {
		return -1;
	}
	php_shmtable_values pv; /* not zeroed: 512 bytes of stack buffers */
	pv.n = 0;
	pv.vals = NULL;
	if (expected != NULL) {
		if (!php_shmtable_check_expected(method, expected) ||
		    !php_shmtable_values_from(obj, t, expected, method, 2, "expected", &pv)) {
			return -1;
		}
		if ((t = php_shmtable_live(obj)) == NULL) {
			php_shmtable_values_free(&pv);
			return -1;
		}
	}
	void *img = want_row ? obj->img : NULL;
	if (UNEXPECTED(want_row && img == NULL)) {
		/* A big row: once deleted it must be returned, so the copy and
		 * the largest result the columns allow must both fit first. */
		size_t img_size = shmt_image_size(t);
		if (!php_shmtable_memory_fits(method, "a copy of the row and its result",
		                              php_shmtable_alloc_cost(img_size) +
		                                  php_shmtable_result_size(obj, NULL, col))) {
			return -1;
		}
		img = emalloc(img_size);
	}
	shmt_status st = shmt_del(t, ZSTR_VAL(key), ZSTR_LEN(key),
	                          expected != NULL ? pv.vals : NULL, pv.n, img);
	if (expected != NULL) {
		php_shmtable_values_free(&pv);
	}
	if (st == SHMT_OK && want_row) {
		php_shmtable_result(obj, img, col, rv);
	}
	if (img != NULL && img != obj->img) {
		efree(img);
	}
	if (st == SHMT_OK) {
		return 1;
	}
	if (st == SHMT_NOT_FOUND || st == SHMT_MISMATCH) {
		return 0;
	}
	php_shmtable_status_error(st, obj, method);
	return -1;
}

/* del() when the engine answered neither SHMT_OK nor SHMT_NOT_FOUND: the
 * key's length (which the engine refuses before anything else) or the
 * engine's status, thrown. */
static ZEND_COLD zend_never_inline void php_shmtable_del_failed(php_shmtable_obj *obj,
                                                               shmt_table *t,
                                                               const char *method,
                                                               zend_string *key,
                                                               shmt_status st)
{
	if (st == SHMT_E_INVALID && !php_shmtable_check_key(t, method, ZSTR_LEN(key))) {
		return;
	}
	php_shmtable_status_error(st, obj, method);
}

PHP_METHOD(ShmTable_Table, del)
{
	zend_string *key;
	zval *arg = ZEND_CALL_ARG(execute_data, 1);
	if (ZEND_NUM_ARGS() == 1 && EXPECTED(Z_TYPE(arg[0]) == IS_STRING)) {
		key = Z_STR(arg[0]);
	} else {
		ZEND_PARSE_PARAMETERS_START(1, 1)
			Z_PARAM_STR(key)
		ZEND_PARSE_PARAMETERS_END();
	}
	/* The plain delete, the one in every churn loop, goes straight to the
	 * engine: no expected values, no row to return, and the key's length
	 * left to the engine's own check. */
	php_shmtable_obj *obj = Z_SHMTABLE_P(ZEND_THIS);
	shmt_table *t = php_shmtable_live(obj);
	if (t == NULL) {
		RETURN_THROWS();
	}
	shmt_status st = shmt_del(t, ZSTR_VAL(key), ZSTR_LEN(key), NULL, 0, NULL);
	if (EXPECTED(st == SHMT_OK || st == SHMT_NOT_FOUND)) {
		RETURN_BOOL(st == SHMT_OK);
	}
	php_shmtable_del_failed(obj, t, php_shmtable_method_name(execute_data), key, st);
	RETURN_THROWS();
}

PHP_METHOD(ShmTable_Table, getdel)
{
	zend_string *key, *column = NULL;
	ZEND_PARSE_PARAMETERS_START(1, 2)
		Z_PARAM_STR(key)
		Z_PARAM_OPTIONAL
		Z_PARAM_STR_OR_NULL(column)
	ZEND_PARSE_PARAMETERS_END();
	int r = php_shmtable_do_del(Z_SHMTABLE_P(ZEND_THIS), "getdel", key, NULL, column, true,
	                            return_value);
	if (r < 0) {
		RETURN_THROWS();
	}
	if (r == 0) {
		RETURN_FALSE;
	}
}

PHP_METHOD(ShmTable_Table, cmpdel)
{
	zend_string *key;
	HashTable *expected;
	ZEND_PARSE_PARAMETERS_START(2, 2)
		Z_PARAM_STR(key)
		Z_PARAM_ARRAY_HT(expected)
	ZEND_PARSE_PARAMETERS_END();
	int r = php_shmtable_do_del(Z_SHMTABLE_P(ZEND_THIS), "cmpdel", key, expected, NULL, false,
	                            NULL);
	if (r < 0) {
		RETURN_THROWS();
	}
	RETURN_BOOL(r > 0);
}

PHP_METHOD(ShmTable_Table, cmpset)
{
	zend_string *key;
	HashTable *expected, *row;
	php_shmtable_obj *obj = Z_SHMTABLE_P(ZEND_THIS);
	ZEND_PARSE_PARAMETERS_START(3, 3)
		Z_PARAM_STR(key)
		Z_PARAM_ARRAY_HT(expected)
		Z_PARAM_ARRAY_HT(row)
	ZEND_PARSE_PARAMETERS_END();

	shmt_table *t = php_shmtable_live(obj);
	if (t == NULL || !php_shmtable_check_key(t, "cmpset", ZSTR_LEN(key))) {
		RETURN_THROWS();
	}
	php_shmtable_values pe, pr;
	if (!php_shmtable_check_expected("cmpset", expected) ||
	    !php_shmtable_values_from(obj, t, expected, "cmpset", 2, "expected", &pe)) {
		RETURN_THROWS();
	}
	if (!php_shmtable_values_from(obj, t, row, "cmpset", 3, "values", &pr)) {
		php_shmtable_values_free(&pe);
		RETURN_THROWS();
	}
	shmt_status st = SHMT_OK;
	if ((t = php_shmtable_live(obj)) != NULL) {
		st = shmt_cmpset(t, ZSTR_VAL(key), ZSTR_LEN(key), pe.vals, pe.n, pr.vals, pr.n);
	}
	php_shmtable_values_free(&pe);
	php_shmtable_values_free(&pr);
	if (t == NULL) {
		RETURN_THROWS();
	}
	if (st == SHMT_OK) {
		RETURN_TRUE;
	}
	if (st == SHMT_NOT_FOUND || st == SHMT_MISMATCH) {
		RETURN_FALSE;
	}
	php_shmtable_status_error(st, obj, "cmpset");
	RETURN_THROWS();
}

/* The deltas of incr()/decr() with an array, in column order of the
 * array, into d (n of them). false with an exception pending. */
static bool php_shmtable_deltas_from(php_shmtable_obj *obj, const char *method,
                                     HashTable *deltas, shmt_value *d)
{
	zend_string *name;
	zend_ulong num;
	zval *v;
	uint32_t guess = 0;
	/* Read once: the loop's calls (on its error paths) would otherwise
	 * make the compiler read them again for each element. */
	zend_string *const *names = obj->names;
	zend_string **aliases = obj->aliases;
	const shmt_colinfo *cols = obj->cols;
	uint32_t ncols = obj->ndefs < PHP_SHMTABLE_SCAN_COLUMNS ? obj->ndefs : PHP_SHMTABLE_SCAN_COLUMNS;
	/* A list has integer keys only: its first is the error. Otherwise the
	 * walk over a hash map needs no look at the array's kind per element. */
	if (HT_IS_PACKED(deltas)) {
		ZEND_HASH_PACKED_FOREACH_KEY(deltas, num) {
			php_shmtable_arg_error(zend_ce_value_error, method, 2, "column",
			                       "contains " ZEND_LONG_FMT ", which is not a column",
			                       (zend_long)num);
			return false;
		} ZEND_HASH_FOREACH_END();
	}
	ZEND_HASH_MAP_FOREACH_KEY_VAL(deltas, num, name, v) {
		if (name == NULL) {
			php_shmtable_arg_error(zend_ce_value_error, method, 2, "column",
			                       "contains " ZEND_LONG_FMT ", which is not a column",
			                       (zend_long)num);
			return false;
		}
		/* The name itself or the string last met for it: by pointer.
		 * Otherwise an array key's hash is computed already, and so is
		 * each column name's: compare those first, then the bytes, and
		 * remember the key for the next call.
		 * The column after the previous one is tried first: arrays usually
		 * list their columns in the table's order. */
		uint32_t col = guess;
		if (col >= ncols || (names[col] != name && aliases[col] != name)) {
			col = 0;
			while (col < ncols && names[col] != name && aliases[col] != name) {
				col++;
			}
		}
		if (col == ncols) {
			zend_ulong h = ZSTR_H(name);
			col = 0;
			while (col < ncols && (ZSTR_H(names[col]) != h ||
			                       !zend_string_equal_content(names[col], name))) {
				col++;
			}
			if (col < ncols) {
				if (aliases[col] != NULL) {
					zend_string_release(aliases[col]);
				}
				aliases[col] = zend_string_copy(name);
			}
		}
		if (col == ncols) {
			zval *idx = zend_hash_find(&obj->colmap, name);
			if (idx == NULL) {
				php_shmtable_arg_error(zend_ce_value_error, method, 2, "column",
				                       "contains \"%s\", which is not a column",
				                       ZSTR_VAL(name));
				return false;
			}
			col = (uint32_t)Z_LVAL_P(idx);
		}
		const shmt_colinfo *ci = &cols[col];
		d->col = col;
		guess = col + 1;
		/* The usual pairs first: an int for an int column, a float for a
		 * float column. Anything else (a reference, an int for a float
		 * column, a string column, a wrong type) below. */
		if (EXPECTED(ci->type == SHMT_TYPE_INT && Z_TYPE_P(v) == IS_LONG)) {
			d->v.i = (int64_t)Z_LVAL_P(v);
			d++;
			continue;
		}
		if (EXPECTED(ci->type == SHMT_TYPE_FLOAT && Z_TYPE_P(v) == IS_DOUBLE)) {
			d->v.f = Z_DVAL_P(v);
			d++;
			continue;
		}
		ZVAL_DEREF(v);
		if (ci->type == SHMT_TYPE_STRING) {
			php_shmtable_arg_error(zend_ce_type_error, method, 2, "column",
			                       "must name int or float columns only, \"%s\" is a "
			                       "string column", ci->name);
			return false;
		}
		if (ci->type == SHMT_TYPE_INT) {
			if (Z_TYPE_P(v) != IS_LONG) {
				php_shmtable_arg_error(zend_ce_type_error, method, 2, "column",
				                       "must hold an int for int column \"%s\", %s given",
				                       ci->name, php_shmtable_value_name(v));
				return false;
			}
			d->v.i = (int64_t)Z_LVAL_P(v);
		} else if (Z_TYPE_P(v) == IS_LONG || Z_TYPE_P(v) == IS_DOUBLE) {
			d->v.f = Z_TYPE_P(v) == IS_LONG ? (double)Z_LVAL_P(v) : Z_DVAL_P(v);
		} else {
			php_shmtable_arg_error(zend_ce_type_error, method, 2, "column",
			                       "must hold an int or float for float column \"%s\", %s "
			                       "given", ci->name, php_shmtable_value_name(v));
			return false;
		}
		d++;
	} ZEND_HASH_FOREACH_END();
	return true;
}

/* incr()/decr() with an array of column => delta: every delta applied to
 * the row at once, or none; the new values returned in the order given.
 * In line in php_shmtable_incr(): its ten arguments, passed, cost more
 * than a walk over three deltas. */
static zend_always_inline void
php_shmtable_incr_multi(php_shmtable_obj *obj, shmt_table *t, const char *method,
                        zend_string *key, HashTable *deltas, zval *by, bool decr, int64_t ttl_ns,
                        bool want_result, zval *return_value)
{
	uint32_t n = zend_hash_num_elements(deltas);
	if (n == 0) {
		php_shmtable_arg_error(zend_ce_value_error, method, 2, "column",
		                       "must not be an empty array");
		return;
	}
	/* $incrby has no meaning here: a value other than its default is a
	 * mistake the caller should hear about. */
	if (by != NULL && !(Z_TYPE_P(by) == IS_LONG && Z_LVAL_P(by) == 1)) {
		php_shmtable_arg_error(zend_ce_value_error, method, 3, "incrby",
		                       "must not be given when $column is an array (the array "
		                       "holds the deltas)");
		return;
	}
	if (n > obj->ndefs) {
		n = obj->ndefs + 1; /* some key is not a column: found below */
	}
	shmt_value stack[2 * PHP_SHMTABLE_STACK_VALUES];
	shmt_value *d = n <= PHP_SHMTABLE_STACK_VALUES ? stack : safe_emalloc(2 * n, sizeof(*d), 0);
	shmt_value *r = d + n;
	uint32_t failed = 0;
	shmt_status st = SHMT_OK;
	if (!php_shmtable_deltas_from(obj, method, deltas, d)) {
		goto out;
	}
	/* The deltas are checked: distinct columns (the array's keys are,
	 * and each names one column), each an int or float column. */
	st = shmt_incr_multi_checked(t, ZSTR_VAL(key), ZSTR_LEN(key), d, n, decr, ttl_ns, r,
	                             &failed);
	if (st == SHMT_OK && !want_result) {
		/* The caller drops the result (a statement of its own, the usual
		 * way to count): nobody can see the array, so it is not built
		 * (the shared empty array keeps the declared return type). */
		RETVAL_EMPTY_ARRAY();
	} else if (st == SHMT_OK) {
		/* The keys are the array's own, hence distinct: appended without
		 * a lookup. */
		array_init_size(return_value, n);
		HashTable *ht = Z_ARRVAL_P(return_value);
		zend_hash_real_init_mixed(ht);
		for (uint32_t i = 0; i < n; i++) {
			zval zv;
			if (obj->cols[r[i].col].type == SHMT_TYPE_INT) {
				ZVAL_LONG(&zv, (zend_long)r[i].v.i);
			} else {
				ZVAL_DOUBLE(&zv, r[i].v.f);
			}
			_zend_hash_append(ht, obj->names[r[i].col], &zv);
		}
	} else if (st == SHMT_OVERFLOW) {
		zend_throw_exception_ex(zend_ce_arithmetic_error, 0,
		                        "ShmTable\\Table::%s(): column \"%s\" would overflow int64",
		                        method, obj->cols[d[failed].col].name);
	} else {
		php_shmtable_status_error(st, obj, method);
	}
out:
	if (d != stack) {
		efree(d);
	}
}

static void php_shmtable_incr(INTERNAL_FUNCTION_PARAMETERS, bool decr)
{
	const char *method = decr ? "decr" : "incr";
	zend_string *key, *column;
	HashTable *deltas;
	zval *by = NULL, one;
	double ttl = 0.0;
	bool ttl_null = true;
	int64_t ttl_ns;
	php_shmtable_obj *obj = Z_SHMTABLE_P(ZEND_THIS);
	/* incr($key, [column => delta, ...]), the usual call with an array:
	 * its two arguments taken as they are, which is all the parse below
	 * would do with them. */
	if (EXPECTED(ZEND_NUM_ARGS() == 2)) {
		zval *zkey = ZEND_CALL_ARG(execute_data, 1), *zdeltas = ZEND_CALL_ARG(execute_data, 2);
		if (Z_TYPE_P(zkey) == IS_STRING && Z_TYPE_P(zdeltas) == IS_ARRAY) {
			key = Z_STR_P(zkey);
			deltas = Z_ARRVAL_P(zdeltas);
			ttl_ns = SHMT_TTL_KEEP;
			goto parsed;
		}
	}
	ZEND_PARSE_PARAMETERS_START(2, 4)
		Z_PARAM_STR(key)
		Z_PARAM_ARRAY_HT_OR_STR(deltas, column)
		Z_PARAM_OPTIONAL
		Z_PARAM_NUMBER(by)
		Z_PARAM_DOUBLE_OR_NULL(ttl, ttl_null)
	ZEND_PARSE_PARAMETERS_END();
	/* No $ttl (the usual call): decided here, without the call that
	 * checks a given one. */
	if (ttl_null) {
		ttl_ns = SHMT_TTL_KEEP;
	} else if (!php_shmtable_ttl_ns(method, 4, ttl, false, &ttl_ns)) {
		RETURN_THROWS();
	}
	if (by == NULL) {
		ZVAL_LONG(&one, 1);
		by = &one;
	}

parsed:;
	shmt_table *t = php_shmtable_live(obj);
	if (t == NULL || !php_shmtable_check_key(t, method, ZSTR_LEN(key))) {
		RETURN_THROWS();
	}
	if (deltas != NULL) {
		php_shmtable_incr_multi(obj, t, method, key, deltas, by, decr, ttl_ns, USED_RET(),
		                        return_value);
		return;
	}
	int col = php_shmtable_column(obj, method, 2, "column", column);
	if (col < 0) {
		RETURN_THROWS();
	}
	const shmt_colinfo *ci = shmt_col(t, (uint32_t)col);
	shmt_status st;
	if (ci->type == SHMT_TYPE_STRING) {
		php_shmtable_arg_error(zend_ce_type_error, method, 2, "column",
		                       "must be an int or float column, \"%s\" is a string column",
		                       ci->name);
		RETURN_THROWS();
	}
	if (ci->type == SHMT_TYPE_INT) {
		if (Z_TYPE_P(by) != IS_LONG) {
			php_shmtable_arg_error(zend_ce_type_error, method, 3, "incrby",
			                       "must be of type int for int column \"%s\", %s given",
			                       ci->name, php_shmtable_value_name(by));
			RETURN_THROWS();
		}
		int64_t result;
		st = decr ? shmt_decr_int_ttl(t, ZSTR_VAL(key), ZSTR_LEN(key), (uint32_t)col,
		                              Z_LVAL_P(by), ttl_ns, &result)
		          : shmt_incr_int_ttl(t, ZSTR_VAL(key), ZSTR_LEN(key), (uint32_t)col,
		                              Z_LVAL_P(by), ttl_ns, &result);
		if (st == SHMT_OK) {
			RETURN_LONG((zend_long)result);
		}
	} else {
		double d = Z_TYPE_P(by) == IS_LONG ? (double)Z_LVAL_P(by) : Z_DVAL_P(by);
		double result;
		st = shmt_incr_float_ttl(t, ZSTR_VAL(key), ZSTR_LEN(key), (uint32_t)col,
		                         decr ? -d : d, ttl_ns, &result);
		if (st == SHMT_OK) {
			RETURN_DOUBLE(result);
		}
	}
	if (st == SHMT_OVERFLOW) {
		zend_throw_exception_ex(zend_ce_arithmetic_error, 0,
		                        "ShmTable\\Table::%s(): column \"%s\" would overflow int64",
		                        method, ci->name);
	} else {
		php_shmtable_status_error(st, obj, method);
	}
	RETURN_THROWS();
}

PHP_METHOD(ShmTable_Table, incr)
{
	php_shmtable_incr(INTERNAL_FUNCTION_PARAM_PASSTHRU, false);
}

PHP_METHOD(ShmTable_Table, decr)
{
	php_shmtable_incr(INTERNAL_FUNCTION_PARAM_PASSTHRU, true);
}

/* ------------------------------------------------------------------ */
/* Methods: expiry                                                      */

PHP_METHOD(ShmTable_Table, expire)
{
	zend_string *key;
	double ttl;
	int64_t ttl_ns;
	php_shmtable_obj *obj = Z_SHMTABLE_P(ZEND_THIS);
	ZEND_PARSE_PARAMETERS_START(2, 2)
		Z_PARAM_STR(key)
		Z_PARAM_DOUBLE(ttl)
	ZEND_PARSE_PARAMETERS_END();
	shmt_table *t = php_shmtable_live(obj);
	if (t == NULL || !php_shmtable_check_key(t, "expire", ZSTR_LEN(key)) ||
	    !php_shmtable_ttl_ns("expire", 2, ttl, false, &ttl_ns)) {
		RETURN_THROWS();
	}
	shmt_status st = shmt_expire(t, ZSTR_VAL(key), ZSTR_LEN(key), ttl_ns);
	if (st == SHMT_OK || st == SHMT_NOT_FOUND) {
		RETURN_BOOL(st == SHMT_OK);
	}
	php_shmtable_status_error(st, obj, "expire");
	RETURN_THROWS();
}

PHP_METHOD(ShmTable_Table, ttl)
{
	zend_string *key;
	php_shmtable_obj *obj = Z_SHMTABLE_P(ZEND_THIS);
	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_STR(key)
	ZEND_PARSE_PARAMETERS_END();
	shmt_table *t = php_shmtable_live(obj);
	if (t == NULL || !php_shmtable_check_key(t, "ttl", ZSTR_LEN(key))) {
		RETURN_THROWS();
	}
	int64_t left_ns;
	shmt_status st = shmt_ttl(t, ZSTR_VAL(key), ZSTR_LEN(key), &left_ns);
	if (st == SHMT_OK) {
		RETURN_DOUBLE((double)left_ns / 1e9);
	}
	if (st == SHMT_NOT_FOUND) {
		RETURN_FALSE;
	}
	php_shmtable_status_error(st, obj, "ttl");
	RETURN_THROWS();
}

PHP_METHOD(ShmTable_Table, flushExpired)
{
	zend_long max = 0;
	php_shmtable_obj *obj = Z_SHMTABLE_P(ZEND_THIS);
	ZEND_PARSE_PARAMETERS_START(0, 1)
		Z_PARAM_OPTIONAL
		Z_PARAM_LONG(max)
	ZEND_PARSE_PARAMETERS_END();
	if (max < 0) {
		php_shmtable_arg_error(zend_ce_value_error, "flushExpired", 1, "max",
		                       "must be greater than or equal to 0 (0: every expired row)");
		RETURN_THROWS();
	}
	shmt_table *t = php_shmtable_live(obj);
	if (t == NULL) {
		RETURN_THROWS();
	}
	uint64_t n;
	shmt_status st = shmt_flush_expired(t, (uint64_t)max, &n);
	if (st != SHMT_OK) {
		php_shmtable_status_error(st, obj, "flushExpired");
		RETURN_THROWS();
	}
	RETURN_LONG((zend_long)n);
}

/* ------------------------------------------------------------------ */
/* Methods: sizes and statistics                                        */

PHP_METHOD(ShmTable_Table, count)
{
	php_shmtable_obj *obj = Z_SHMTABLE_P(ZEND_THIS);
	zend_long mode = PHP_COUNT_NORMAL;
	ZEND_PARSE_PARAMETERS_START(0, 1)
		Z_PARAM_OPTIONAL
		Z_PARAM_LONG(mode)
	ZEND_PARSE_PARAMETERS_END();
	/* As count() itself: the rows are flat, so both modes count the same. */
	if (mode != PHP_COUNT_NORMAL && mode != PHP_COUNT_RECURSIVE) {
		zend_argument_value_error(1, "must be either COUNT_NORMAL or COUNT_RECURSIVE");
		RETURN_THROWS();
	}
	shmt_table *t = php_shmtable_live(obj);
	if (t == NULL) {
		RETURN_THROWS();
	}
	RETURN_LONG((zend_long)shmt_count(t));
}

PHP_METHOD(ShmTable_Table, getSize)
{
	ZEND_PARSE_PARAMETERS_NONE();
	RETURN_LONG(Z_SHMTABLE_P(ZEND_THIS)->size);
}

PHP_METHOD(ShmTable_Table, getMemorySize)
{
	php_shmtable_obj *obj = Z_SHMTABLE_P(ZEND_THIS);
	ZEND_PARSE_PARAMETERS_NONE();
	RETURN_LONG(obj->t != NULL ? (zend_long)shmt_memory_size(obj->t) : 0);
}

/* The bins of stats()['chain_histogram']: buckets whose chain holds 0, 1,
 * ... rows; the last bin counts every longer chain too. */
#define PHP_SHMTABLE_CHAIN_BINS 9

/* stats()'s chain_histogram and stripe_rows, as shmt_get_stats_shape()
 * filled them. */
static void php_shmtable_shape(const uint64_t *hist, const uint64_t *per, uint32_t nstripes,
                               zval *rv)
{
	zval h, p;
	array_init_size(&h, PHP_SHMTABLE_CHAIN_BINS);
	for (uint32_t i = 0; i < PHP_SHMTABLE_CHAIN_BINS; i++) {
		add_next_index_long(&h, (zend_long)hist[i]);
	}
	array_init_size(&p, nstripes);
	for (uint32_t i = 0; i < nstripes; i++) {
		add_next_index_long(&p, (zend_long)per[i]);
	}
	add_assoc_zval(rv, "chain_histogram", &h);
	add_assoc_zval(rv, "stripe_rows", &p);
}

PHP_METHOD(ShmTable_Table, stats)
{
	php_shmtable_obj *obj = Z_SHMTABLE_P(ZEND_THIS);
	ZEND_PARSE_PARAMETERS_NONE();
	shmt_table *t = php_shmtable_live(obj);
	if (t == NULL) {
		RETURN_THROWS();
	}
	shmt_stats s;
	uint64_t hist[PHP_SHMTABLE_CHAIN_BINS];
	uint32_t nstripes = shmt_nstripes(t);
	uint64_t *per = safe_emalloc(nstripes, sizeof(uint64_t), 0);
	shmt_get_stats_shape(t, &s, hist, PHP_SHMTABLE_CHAIN_BINS, per);
	array_init_size(return_value, 24);
#define STAT(name, v) add_assoc_long(return_value, name, (zend_long)(v))
	STAT("rows", s.rows);
	STAT("num", s.rows);
	STAT("size", s.size);
	STAT("memory_size", s.memory_size);
	STAT("insert_count", s.insert_count);
	STAT("update_count", s.update_count);
	STAT("delete_count", s.delete_count);
	STAT("lock_recoveries", s.lock_recoveries);
	STAT("max_chain", s.max_chain);
	STAT("key_max_length", s.key_max_length);
	STAT("row_bytes", s.row_bytes);
	STAT("buckets", s.buckets);
	STAT("stripes", s.stripes);
	STAT("spare_rows", s.spare_rows);
	STAT("kept_rows", s.kept_rows);
	STAT("read_retries", s.read_retries);
	/* Swoole\Table's keys, with their meaning in this table (reference.md). */
	STAT("conflict_count", s.chained_rows);
	STAT("conflict_max_level", s.max_chain);
	STAT("available_slice_num", s.rows < s.size ? s.size - s.rows : 0);
	STAT("total_slice_num", s.size);
	STAT("expired", s.expired);
	STAT("evicted", s.evicted);
#undef STAT
	add_assoc_string(return_value, "evict", s.evict == SHMT_EVICT_LRU ? "lru" : "none");
	/* Hits and misses of reads are not counted: counting them would make
	 * every read store to shared memory, which reads never do. */
	php_shmtable_shape(hist, per, nstripes, return_value);
	efree(per);
	static const char *const opened[] = {"anonymous", "created", "attached", "reopened"};
	shmt_opened how = shmt_opened_how(t);
	add_assoc_string(return_value, "opened",
	                 (unsigned)how < sizeof(opened) / sizeof(opened[0]) ? opened[how] : "?");
	if (shmt_name(t) != NULL) {
		add_assoc_string(return_value, "name", shmt_name(t));
	} else {
		add_assoc_null(return_value, "name");
	}
	if (shmt_path(t) != NULL) {
		add_assoc_string(return_value, "path", shmt_path(t));
	} else {
		add_assoc_null(return_value, "path");
	}
}

PHP_METHOD(ShmTable_Table, check)
{
	php_shmtable_obj *obj = Z_SHMTABLE_P(ZEND_THIS);
	ZEND_PARSE_PARAMETERS_NONE();
	shmt_table *t = php_shmtable_live(obj);
	if (t == NULL) {
		RETURN_THROWS();
	}
	char msg[256];
	if (shmt_check(t, msg, sizeof(msg)) != SHMT_OK) {
		zend_throw_exception_ex(php_shmtable_exception_ce, 0, "Table check failed: %s", msg);
		RETURN_THROWS();
	}
	RETURN_TRUE;
}
