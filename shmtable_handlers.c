/*
 * shmtable_handlers.c - the object's life cycle (create, release, free)
 * and the handlers behind $t[...] and count($t), with the ArrayAccess
 * methods they stand for.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "shmtable_internal.h"

#include <string.h>

static zend_object_handlers php_shmtable_handlers;

/* ------------------------------------------------------------------ */
/* Object life cycle                                                    */

void php_shmtable_release(php_shmtable_obj *obj)
{
	if (obj->mapping != NULL) {
		php_shmtable_reg_release(obj->mapping);
		obj->mapping = NULL;
		obj->t = NULL;
	} else if (obj->t != NULL) {
		php_shmtable_unmap(obj->t);
		obj->t = NULL;
	}
	if (obj->tpl != NULL) {
		zend_array_destroy(obj->tpl);
		obj->tpl = NULL;
	}
	if (obj->cols != NULL) {
		efree(obj->cols);
		obj->cols = NULL;
	}
	obj->get_name = NULL;
	if (obj->names != NULL) {
		for (uint32_t i = 0; i < obj->ndefs; i++) {
			zend_string_release(obj->names[i]);
		}
		efree(obj->names);
		obj->names = NULL;
	}
	if (obj->aliases != NULL) {
		for (uint32_t i = 0; i < obj->ndefs; i++) {
			if (obj->aliases[i] != NULL) {
				zend_string_release(obj->aliases[i]);
			}
		}
		efree(obj->aliases);
		obj->aliases = NULL;
	}
	if (obj->img != NULL) {
		efree(obj->img);
		obj->img = NULL;
	}
	php_shmtable_cursor_free(&obj->cursor);
}

static zend_object *php_shmtable_create_object(zend_class_entry *ce)
{
	php_shmtable_obj *obj = zend_object_alloc(sizeof(php_shmtable_obj), ce);
	zend_object_std_init(&obj->std, ce);
	object_properties_init(&obj->std, ce);
	zend_hash_init(&obj->colmap, 8, NULL, NULL, 0);
	obj->std.handlers = &php_shmtable_handlers;
	return &obj->std;
}

static void php_shmtable_free_object(zend_object *o)
{
	php_shmtable_obj *obj = php_shmtable_from(o);
	php_shmtable_release(obj);
	if (obj->defs != NULL) {
		efree(obj->defs);
	}
	zend_hash_destroy(&obj->colmap);
	zend_object_std_dtor(o);
}

/* ------------------------------------------------------------------ */
/* ArrayAccess: methods and the object handlers behind $t[...]           */

/* The key for an offset: string, or int as its decimal form. Returns a new
 * reference or NULL with a TypeError (or an Error for $t[]). */
static zend_string *php_shmtable_offset_key(zval *offset)
{
	if (offset == NULL) {
		zend_throw_error(NULL, "Cannot append to ShmTable\\Table: a row needs a key");
		return NULL;
	}
	ZVAL_DEREF(offset);
	if (Z_TYPE_P(offset) == IS_STRING) {
		return zend_string_copy(Z_STR_P(offset));
	}
	if (Z_TYPE_P(offset) == IS_LONG) {
		return zend_long_to_str(Z_LVAL_P(offset));
	}
	zend_type_error("ShmTable\\Table key must be of type string|int, %s given",
	                php_shmtable_value_name(offset));
	return NULL;
}

static void php_shmtable_offset_get(php_shmtable_obj *obj, zval *offset, zval *rv)
{
	zend_string *key = php_shmtable_offset_key(offset);
	if (key == NULL) {
		return;
	}
	if (php_shmtable_do_get(obj, "get", key, NULL, rv) && Z_TYPE_P(rv) == IS_FALSE) {
		ZVAL_NULL(rv);
	}
	zend_string_release(key);
}

static void php_shmtable_offset_set(php_shmtable_obj *obj, zval *offset, zval *value)
{
	zend_string *key = php_shmtable_offset_key(offset);
	if (key == NULL) {
		return;
	}
	ZVAL_DEREF(value);
	if (Z_TYPE_P(value) != IS_ARRAY) {
		php_shmtable_arg_error(zend_ce_type_error, "set", 2, "value",
		                       "must be of type array, %s given", php_shmtable_value_name(value));
	} else {
		/* $t['k'] = $row hands over the variable's own array, not a
		 * counted copy as a method argument is. A __toString() run by the
		 * conversion could free it ($row = null) or change it in place
		 * while its values are read: hold a reference for the call. */
		zval row;
		ZVAL_COPY(&row, value);
		php_shmtable_do_set(obj, "set", key, Z_ARRVAL(row), SHMT_UPSERT);
		zval_ptr_dtor(&row);
	}
	zend_string_release(key);
}

static bool php_shmtable_offset_exists(php_shmtable_obj *obj, zval *offset)
{
	bool found = false;
	zend_string *key = php_shmtable_offset_key(offset);
	if (key != NULL) {
		if (!php_shmtable_do_exists(obj, "exists", key, &found)) {
			found = false;
		}
		zend_string_release(key);
	}
	return found;
}

static void php_shmtable_offset_unset(php_shmtable_obj *obj, zval *offset)
{
	zend_string *key = php_shmtable_offset_key(offset);
	if (key != NULL) {
		php_shmtable_do_del(obj, "del", key, NULL, NULL, false, NULL);
		zend_string_release(key);
	}
}

PHP_METHOD(ShmTable_Table, offsetExists)
{
	zval *offset;
	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_ZVAL(offset)
	ZEND_PARSE_PARAMETERS_END();
	bool found = php_shmtable_offset_exists(Z_SHMTABLE_P(ZEND_THIS), offset);
	if (EG(exception)) {
		RETURN_THROWS();
	}
	RETURN_BOOL(found);
}

PHP_METHOD(ShmTable_Table, offsetGet)
{
	zval *offset;
	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_ZVAL(offset)
	ZEND_PARSE_PARAMETERS_END();
	php_shmtable_offset_get(Z_SHMTABLE_P(ZEND_THIS), offset, return_value);
}

PHP_METHOD(ShmTable_Table, offsetSet)
{
	zval *offset, *value;
	ZEND_PARSE_PARAMETERS_START(2, 2)
		Z_PARAM_ZVAL(offset)
		Z_PARAM_ZVAL(value)
	ZEND_PARSE_PARAMETERS_END();
	php_shmtable_offset_set(Z_SHMTABLE_P(ZEND_THIS), Z_TYPE_P(offset) == IS_NULL ? NULL : offset,
	                        value);
	(void)return_value;
}

PHP_METHOD(ShmTable_Table, offsetUnset)
{
	zval *offset;
	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_ZVAL(offset)
	ZEND_PARSE_PARAMETERS_END();
	php_shmtable_offset_unset(Z_SHMTABLE_P(ZEND_THIS), offset);
	(void)return_value;
}

static zval *php_shmtable_read_dimension(zend_object *o, zval *offset, int type, zval *rv)
{
	if (UNEXPECTED(type != BP_VAR_R && type != BP_VAR_IS)) {
		/* $t['k']['c'] = 1, $t['k']['c']++, $t['k'][] = 1,
		 * unset($t['k']['c']), $r = &$t['k'], a by-reference argument:
		 * each would change a copy of the row and lose the write. */
		zend_throw_error(NULL, "Cannot modify a row of ShmTable\\Table in place: $t[$key] "
		                       "is a copy; write columns with set(), add to a number with "
		                       "incr()");
		return NULL;
	}
	ZVAL_UNDEF(rv);
	php_shmtable_offset_get(php_shmtable_from(o), offset, rv);
	if (EG(exception)) {
		zval_ptr_dtor(rv);
		return &EG(uninitialized_zval);
	}
	return rv;
}

static void php_shmtable_write_dimension(zend_object *o, zval *offset, zval *value)
{
	/* The conversion may run user code that drops the last reference to
	 * the table (as zend_std_write_dimension() guards against too). */
	GC_ADDREF(o);
	php_shmtable_offset_set(php_shmtable_from(o), offset, value);
	OBJ_RELEASE(o);
}

static int php_shmtable_has_dimension(zend_object *o, zval *offset, int check_empty)
{
	/* A stored row is a non-empty array, so empty() is just !exists. */
	(void)check_empty;
	return php_shmtable_offset_exists(php_shmtable_from(o), offset);
}

static void php_shmtable_unset_dimension(zend_object *o, zval *offset)
{
	php_shmtable_offset_unset(php_shmtable_from(o), offset);
}

static zend_result php_shmtable_count_elements(zend_object *o, zend_long *count)
{
	shmt_table *t = php_shmtable_live(php_shmtable_from(o));
	if (t == NULL) {
		return FAILURE;
	}
	*count = (zend_long)shmt_count(t);
	return SUCCESS;
}

/* The class's object handlers: the standard ones but for those above; a
 * table cannot be cloned. */
void php_shmtable_init_handlers(zend_class_entry *ce)
{
	ce->create_object = php_shmtable_create_object;
	memcpy(&php_shmtable_handlers, zend_get_std_object_handlers(), sizeof(zend_object_handlers));
	php_shmtable_handlers.offset = XtOffsetOf(php_shmtable_obj, std);
	php_shmtable_handlers.free_obj = php_shmtable_free_object;
	php_shmtable_handlers.clone_obj = NULL;
	php_shmtable_handlers.read_dimension = php_shmtable_read_dimension;
	php_shmtable_handlers.write_dimension = php_shmtable_write_dimension;
	php_shmtable_handlers.has_dimension = php_shmtable_has_dimension;
	php_shmtable_handlers.unset_dimension = php_shmtable_unset_dimension;
	php_shmtable_handlers.count_elements = php_shmtable_count_elements;
	php_shmtable_handlers.get_debug_info = php_shmtable_debug_info;
}
