/*
 * shmtable_inspect.c - looking inside tables: Table::list() (the named
 * tables of this host that this user may open, read from their headers
 * without mapping them), columns(), name(), path() and the view var_dump()
 * and print_r() show of a table object.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "shmtable_internal.h"

#include <string.h>

/* name => ['type' => TYPE_*, 'size' => bytes (strings) or 0] */
static void php_shmtable_columns_array(const shmt_coldef *defs, uint32_t n, zval *rv)
{
	array_init_size(rv, n);
	for (uint32_t i = 0; i < n; i++) {
		zval col;
		array_init_size(&col, 2);
		add_assoc_long(&col, "type", (zend_long)defs[i].type);
		add_assoc_long(&col, "size", defs[i].type == SHMT_TYPE_STRING ? (zend_long)defs[i].size : 0);
		zend_symtable_str_update(Z_ARRVAL_P(rv), defs[i].name, defs[i].name_len, &col);
	}
}

/* The columns of the table as declared (before create()) or as the engine
 * laid them out. */
static void php_shmtable_obj_columns(php_shmtable_obj *obj, zval *rv)
{
	if (obj->t == NULL) {
		php_shmtable_columns_array(obj->defs, obj->ndefs, rv);
		return;
	}
	uint32_t n = shmt_ncols(obj->t);
	array_init_size(rv, n);
	for (uint32_t i = 0; i < n; i++) {
		const shmt_colinfo *ci = shmt_col(obj->t, i);
		zval col;
		array_init_size(&col, 2);
		add_assoc_long(&col, "type", (zend_long)ci->type);
		add_assoc_long(&col, "size", ci->type == SHMT_TYPE_STRING ? (zend_long)ci->size : 0);
		zend_symtable_str_update(Z_ARRVAL_P(rv), ci->name, ci->name_len, &col);
	}
}

PHP_METHOD(ShmTable_Table, columns)
{
	php_shmtable_obj *obj = Z_SHMTABLE_P(ZEND_THIS);
	ZEND_PARSE_PARAMETERS_NONE();
	if (php_shmtable_live(obj) == NULL) {
		RETURN_THROWS();
	}
	php_shmtable_obj_columns(obj, return_value);
}

PHP_METHOD(ShmTable_Table, name)
{
	php_shmtable_obj *obj = Z_SHMTABLE_P(ZEND_THIS);
	ZEND_PARSE_PARAMETERS_NONE();
	shmt_table *t = php_shmtable_live(obj);
	if (t == NULL) {
		RETURN_THROWS();
	}
	if (shmt_name(t) == NULL) {
		RETURN_NULL();
	}
	RETURN_STRING(shmt_name(t));
}

PHP_METHOD(ShmTable_Table, path)
{
	php_shmtable_obj *obj = Z_SHMTABLE_P(ZEND_THIS);
	ZEND_PARSE_PARAMETERS_NONE();
	shmt_table *t = php_shmtable_live(obj);
	if (t == NULL) {
		RETURN_THROWS();
	}
	if (shmt_path(t) == NULL) {
		RETURN_NULL();
	}
	RETURN_STRING(shmt_path(t));
}

/* ------------------------------------------------------------------ */
/* Table::list()                                                        */

typedef struct {
	zval *rv;
	shmt_info *info;
} php_shmtable_lister;

/* One name found: its entry, if this user may open it and its header is a
 * valid table's; any other object is left out (it is not a table this user
 * can open: another user's, damaged, or being created). */
static int php_shmtable_list_one(const char *name, void *arg)
{
	php_shmtable_lister *l = arg;
	char msg[PHP_SHMTABLE_MSG_SIZE];
	if (shmt_peek(name, NULL, l->info, msg, sizeof(msg)) != SHMT_OK) {
		return 0;
	}
	const shmt_info *in = l->info;
	zval e;
	array_init_size(&e, 10);
	add_assoc_string(&e, "name", name);
	add_assoc_long(&e, "size", (zend_long)in->size);
	add_assoc_long(&e, "rows", (zend_long)in->rows);
	add_assoc_long(&e, "memory_size", (zend_long)in->memory_size);
	add_assoc_long(&e, "key_max_length", (zend_long)in->key_max);
	zval cols;
	php_shmtable_columns_array(in->cols, in->ncols, &cols);
	add_assoc_zval(&e, "columns", &cols);
	add_assoc_long(&e, "owner", (zend_long)in->uid);
	add_assoc_long(&e, "group", (zend_long)in->gid);
	add_assoc_long(&e, "mode", (zend_long)in->perm);
	add_assoc_double(&e, "changed", (double)in->ctime_ns / 1e9);
	add_next_index_zval(l->rv, &e);
	return 0;
}

/* Entries in the order of their names, byte by byte. */
static int php_shmtable_by_name(Bucket *a, Bucket *b)
{
	zval *na = zend_hash_str_find(Z_ARRVAL(a->val), "name", sizeof("name") - 1);
	zval *nb = zend_hash_str_find(Z_ARRVAL(b->val), "name", sizeof("name") - 1);
	return zend_binary_strcmp(Z_STRVAL_P(na), Z_STRLEN_P(na), Z_STRVAL_P(nb), Z_STRLEN_P(nb));
}

PHP_METHOD(ShmTable_Table, list)
{
	ZEND_PARSE_PARAMETERS_NONE();
	array_init(return_value);
	php_shmtable_lister l = {return_value, emalloc(sizeof(shmt_info))};
	char msg[256];
	shmt_status st = shmt_list_names(php_shmtable_list_one, &l, msg, sizeof(msg));
	efree(l.info);
	if (st != SHMT_OK) {
		zend_throw_exception_ex(php_shmtable_exception_ce, 0, "%s", msg);
		RETURN_THROWS();
	}
	zend_hash_sort(Z_ARRVAL_P(return_value), php_shmtable_by_name, true);
}

/* ------------------------------------------------------------------ */
/* var_dump() and print_r()                                              */

HashTable *php_shmtable_debug_info(zend_object *o, int *is_temp)
{
	php_shmtable_obj *obj = php_shmtable_from(o);
	HashTable *ht = zend_new_array(10);
	zval v;
	*is_temp = 1;
	const char *state = obj->destroyed ? "destroyed" : obj->t != NULL ? "created" : "defining";
	ZVAL_STRING(&v, state);
	zend_hash_str_add_new(ht, "state", sizeof("state") - 1, &v);
	ZVAL_LONG(&v, obj->size);
	zend_hash_str_add_new(ht, "size", sizeof("size") - 1, &v);
	if (obj->destroyed) {
		return ht;
	}
	shmt_table *t = obj->t;
	if (t != NULL) {
		ZVAL_LONG(&v, (zend_long)shmt_count(t));
		zend_hash_str_add_new(ht, "rows", sizeof("rows") - 1, &v);
		ZVAL_LONG(&v, (zend_long)shmt_memory_size(t));
		zend_hash_str_add_new(ht, "memory_size", sizeof("memory_size") - 1, &v);
	}
	ZVAL_LONG(&v, obj->key_max);
	zend_hash_str_add_new(ht, "key_max_length", sizeof("key_max_length") - 1, &v);
	php_shmtable_obj_columns(obj, &v);
	zend_hash_str_add_new(ht, "columns", sizeof("columns") - 1, &v);
	if (t != NULL) {
		if (shmt_name(t) != NULL) {
			ZVAL_STRING(&v, shmt_name(t));
		} else {
			ZVAL_NULL(&v);
		}
		zend_hash_str_add_new(ht, "name", sizeof("name") - 1, &v);
		if (shmt_path(t) != NULL) {
			ZVAL_STRING(&v, shmt_path(t));
		} else {
			ZVAL_NULL(&v);
		}
		zend_hash_str_add_new(ht, "path", sizeof("path") - 1, &v);
	}
	/* The eviction policy joins here once tables have one. */
	return ht;
}
