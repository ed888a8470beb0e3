/*
 * shmtable_methods_incr.c - incr() and decr(): of one column, or of
 * several columns of a row at once (an array of column => delta).
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "shmtable_internal.h"

/* ------------------------------------------------------------------ */
/* Methods: rows                                                        */

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
	/* The key first: its row comes into the cache while the deltas are
	 * read. Its length is checked already. */
	shmt_key k;
	shmt_status st = shmt_key_prepare(t, ZSTR_VAL(key), ZSTR_LEN(key), &k);
	if (st != SHMT_OK) {
		php_shmtable_status_error(st, obj, method);
		return;
	}
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
	if (!php_shmtable_deltas_from(obj, method, deltas, d)) {
		goto out;
	}
	/* The deltas are checked: distinct columns (the array's keys are,
	 * and each names one column), each an int or float column. */
	st = shmt_incr_multi_checked(t, &k, ZSTR_VAL(key), ZSTR_LEN(key), d, n, decr, ttl_ns, r,
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
	if (t == NULL || !php_shmtable_check_key(obj, t, method, ZSTR_LEN(key))) {
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
