/*
 * shmtable_errors.c - the binding's exceptions: argument errors in
 * PHP's own wording, engine statuses mapped to exceptions.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "shmtable_internal.h"

/* ------------------------------------------------------------------ */
/* Errors                                                               */

/* "ShmTable\Table::method(): Argument #n ($name) ..." with an explicit
 * method, so that $t[...] handlers report as the method they stand for. */
ZEND_COLD void php_shmtable_arg_error(zend_class_entry *ce, const char *method,
                                      int argn, const char *argname,
                                      const char *fmt, ...)
{
	va_list va;
	char *msg = NULL;
	va_start(va, fmt);
	zend_vspprintf(&msg, 0, fmt, va);
	va_end(va);
	zend_throw_exception_ex(ce, 0, "ShmTable\\Table::%s(): Argument #%d ($%s) %s",
	                        method, argn, argname, msg);
	efree(msg);
}

ZEND_COLD void php_shmtable_status_error(shmt_status st, php_shmtable_obj *obj,
                                         const char *method)
{
	switch (st) {
	case SHMT_FULL:
		if (obj->size == 1) {
			zend_throw_exception(php_shmtable_full_ce, "Table is full: its only row is in use", 0);
		} else {
			zend_throw_exception_ex(php_shmtable_full_ce, 0,
			                        "Table is full: all " ZEND_LONG_FMT " rows are in use",
			                        obj->size);
		}
		break;
	case SHMT_OVERFLOW:
		zend_throw_exception_ex(zend_ce_arithmetic_error, 0,
		                        "ShmTable\\Table::%s(): integer overflow", method);
		break;
	case SHMT_E_RESERVE: {
		/* Named or file table on a full file system: which, how much, why. */
		char msg[PHP_SHMTABLE_MSG_SIZE];
		if (obj->t != NULL) {
			shmt_reserve_error(obj->t, msg, sizeof(msg));
		} else {
			snprintf(msg, sizeof(msg), "%s", shmt_status_message(st));
		}
		zend_throw_exception_ex(php_shmtable_exception_ce, 0, "ShmTable\\Table::%s(): %s",
		                        method, msg);
		break;
	}
	default:
		zend_throw_exception_ex(php_shmtable_exception_ce, 0,
		                        "ShmTable\\Table::%s(): %s", method,
		                        shmt_status_message(st));
		break;
	}
}

/* The engine handle of a created, not destroyed table, or NULL with an
 * exception thrown. */
ZEND_COLD shmt_table *php_shmtable_not_live(php_shmtable_obj *obj)
{
	if (obj->destroyed) {
		zend_throw_exception(php_shmtable_exception_ce, "Table has been destroyed", 0);
	} else {
		zend_throw_exception(php_shmtable_exception_ce,
		                     "Table has not been created; call create() first", 0);
	}
	return NULL;
}

ZEND_COLD bool php_shmtable_key_error(shmt_table *t, const char *method, size_t len)
{
	if (len == 0) {
		php_shmtable_arg_error(zend_ce_value_error, method, 1, "key", "must not be empty");
		return false;
	}
	php_shmtable_arg_error(zend_ce_value_error, method, 1, "key",
	                       "must be at most %u byte%s long, %zu given",
	                       shmt_key_max(t), shmt_key_max(t) == 1 ? "" : "s", len);
	return false;
}

ZEND_COLD void php_shmtable_open_error(shmt_status st, uint64_t asked, const char *msg)
{
	if (st == SHMT_E_NOMEM && asked == UINT64_MAX) {
		zend_throw_exception_ex(php_shmtable_exception_ce, 0,
		                        "Cannot map shared memory: the table would need more than "
		                        "%llu bytes", (unsigned long long)SIZE_MAX);
		return;
	}
	zend_throw_exception_ex(php_shmtable_exception_ce, 0, "%s",
	                        msg[0] != '\0' ? msg : shmt_status_message(st));
}
