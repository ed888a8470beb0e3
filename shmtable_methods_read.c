/*
 * shmtable_methods_read.c - the methods that read rows: get, exists, ttl.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "shmtable_internal.h"

#include <string.h>

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
	if (st == SHMT_E_INVALID && !php_shmtable_check_key(obj, t, method, ZSTR_LEN(key))) {
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
	if (t == NULL || !php_shmtable_check_key(obj, t, method, ZSTR_LEN(key))) {
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
	if (t == NULL || !php_shmtable_check_key(obj, t, method, ZSTR_LEN(key))) {
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

PHP_METHOD(ShmTable_Table, ttl)
{
	zend_string *key;
	php_shmtable_obj *obj = Z_SHMTABLE_P(ZEND_THIS);
	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_STR(key)
	ZEND_PARSE_PARAMETERS_END();
	shmt_table *t = php_shmtable_live(obj);
	if (t == NULL || !php_shmtable_check_key(obj, t, "ttl", ZSTR_LEN(key))) {
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
