/*
 * shmtable_methods_write.c - the methods that write or delete rows: set,
 * add, update, del, getdel, cmpdel, cmpset, expire.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "shmtable_internal.h"

#include <string.h>

/* ------------------------------------------------------------------ */
/* Methods: rows                                                        */

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
	if (t == NULL || !php_shmtable_check_key(obj, t, method, ZSTR_LEN(key))) {
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
	if (t == NULL || !php_shmtable_check_key(obj, t, method, ZSTR_LEN(key))) {
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
	if (st == SHMT_E_INVALID && !php_shmtable_check_key(obj, t, method, ZSTR_LEN(key))) {
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
	if (t == NULL || !php_shmtable_check_key(obj, t, "cmpset", ZSTR_LEN(key))) {
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
	if (t == NULL || !php_shmtable_check_key(obj, t, "expire", ZSTR_LEN(key)) ||
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
