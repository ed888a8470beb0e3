/*
 * shmtable_internal.h - what the files of the Zend binding share: the
 * object, its fetch macros, the class entries, and the functions one file
 * defines for another. Not installed; nothing outside the binding includes
 * it.
 */
#ifndef SHMTABLE_INTERNAL_H
#define SHMTABLE_INTERNAL_H

/* PHP's headers are not all clean under -Wextra (8.5's zend_operators.h has
 * an unused parameter); the module's own code is. */
#if defined(__GNUC__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wunused-parameter"
#endif
#include "php.h"
#include "ext/standard/info.h"
#include "zend_exceptions.h"
#include "zend_interfaces.h"
#include "Zend/zend_smart_str.h"
#include "ext/spl/spl_exceptions.h"
#if defined(__GNUC__)
#pragma GCC diagnostic pop
#endif

#include "php_shmtable.h"
#include "shmtable_registry.h"
#include "src/shmt.h"

#include <stdbool.h>
#include <stdint.h>

/* The name of a value's type in an error message, in the running PHP's own
 * wording, so that the extension's errors and PHP's agree: PHP 8.3 names
 * booleans by value ("true given", zend_zval_value_name()), 8.2 by type
 * ("bool given", zend_zval_type_name()). */
#if PHP_VERSION_ID >= 80300
#define php_shmtable_value_name(zv) zend_zval_value_name(zv)
#else
#define php_shmtable_value_name(zv) zend_zval_type_name(zv)
#endif

#if defined(ZTS) && defined(COMPILE_DL_SHMTABLE)
ZEND_TSRMLS_CACHE_EXTERN()
#endif

/*
 * Row copies. A table whose row fits in PHP_SHMTABLE_ROW_BUDGET keeps one
 * row buffer (obj->img, made at create()) and copies up to
 * PHP_SHMTABLE_SNAPSHOT_ROWS rows per snapshot call in a foreach. A bigger
 * row (string columns of up to 4 MiB each, 256 of them) gets its buffer per
 * call instead, and every buffer or result of that size is first checked
 * against memory_limit: past it, the Zend allocator ends the request with a
 * fatal error that nobody can catch, where this throws a
 * ShmTable\Exception.
 */
#define PHP_SHMTABLE_ROW_BUDGET ((size_t)256 * 1024)
/* The most rows a foreach copies per snapshot call. */
#define PHP_SHMTABLE_SNAPSHOT_ROWS 64

/* The longest file path create() and attach() take, terminator included;
 * and the size of an engine message, which may quote one. */
#define PHP_SHMTABLE_PATH_MAX 4096
#define PHP_SHMTABLE_MSG_SIZE (512 + PHP_SHMTABLE_PATH_MAX)

/* The longest $ttl, in seconds (about 31 years): its nanoseconds, added to
 * the table clock, stay within 64 bits. */
#define PHP_SHMTABLE_TTL_MAX 1e9

/* A column named by argument (get(), incr(), ...) is first looked for by
 * pointer among this many columns, then by its hash. */
#define PHP_SHMTABLE_SCAN_COLUMNS 16

/* Values of up to this many columns are converted without an allocation. */
#define PHP_SHMTABLE_STACK_VALUES 16

/* A cursor over the table: the rows of the buckets copied by the last
 * snapshot call (each bucket one consistent snapshot), and the position
 * within them. */
typedef struct {
	uint32_t next_bucket; /* first bucket not yet copied */
	uint32_t nrows;       /* rows in buf */
	uint32_t pos;         /* current row in buf */
	bool started;
	unsigned char *buf;
	size_t cap;
} php_shmtable_cursor;

typedef struct {
	shmt_table *t;          /* NULL before create() and after destroy() */
	zend_long size;         /* declared rows */
	zend_long key_max;
	uint32_t evict;         /* SHMT_EVICT_*: what an insert into a full table does */
	bool constructed;
	bool destroyed;
	php_shmtable_mapping *mapping; /* named/file table: the shared mapping */
	uint32_t ndefs;
	shmt_coldef *defs;      /* columns declared so far (before create) */
	zend_string **names;    /* column names, built once at create() (interned
	                         * when the engine allows: then a literal 'name'
	                         * in a script is the same pointer) */
	zend_string **aliases;  /* per column, NULL or a string equal to its name
	                         * met as a key of an incr() array (held): a
	                         * constant array's keys are not interned without
	                         * opcache, and a literal array brings the same
	                         * ones again, found then by pointer */
	shmt_colinfo *cols;     /* copy of the engine's column info (create()) */
	HashTable *tpl;         /* a row array with every column and null
	                         * values: each result row is a copy of it */
	HashTable colmap;       /* name => column index */
	unsigned char *img;     /* one row image */
	zend_string *get_name;  /* the column get() named last: names[get_col]
	                         * (held there), or NULL; a name given as this
	                         * very pointer is that column, no lookup */
	uint32_t get_col;
	uint32_t get_type;      /* its shmt_type */
	php_shmtable_cursor cursor; /* for the Iterator methods */
	zend_object std;
} php_shmtable_obj;

static inline php_shmtable_obj *php_shmtable_from(zend_object *o)
{
	return (php_shmtable_obj *)((char *)o - XtOffsetOf(php_shmtable_obj, std));
}
#define Z_SHMTABLE_P(zv) php_shmtable_from(Z_OBJ_P(zv))

/* Engine values converted from a row array, and the strings made during
 * conversion, released after the engine call. */
typedef struct {
	shmt_value *vals;
	uint32_t n;
	zend_string **tmp;
	uint32_t ntmp;
	shmt_value stack_vals[PHP_SHMTABLE_STACK_VALUES];
	zend_string *stack_tmp[PHP_SHMTABLE_STACK_VALUES];
} php_shmtable_values;

static zend_always_inline void php_shmtable_values_free(php_shmtable_values *pv)
{
	for (uint32_t i = 0; i < pv->ntmp; i++) {
		zend_string_release(pv->tmp[i]);
	}
	if (pv->vals != pv->stack_vals) {
		efree(pv->vals);
	}
	if (pv->tmp != pv->stack_tmp) {
		efree(pv->tmp);
	}
	pv->vals = NULL;
	pv->tmp = NULL;
	pv->n = pv->ntmp = 0;
}

/* Functions and data one file of the binding gives another: local to the
 * module (no PLT), so a call between files costs what a call within one
 * did. */
#if defined(__GNUC__)
#pragma GCC visibility push(hidden)
#endif

/* shmtable.c */
extern zend_class_entry *php_shmtable_ce;
extern zend_class_entry *php_shmtable_exception_ce;
extern zend_class_entry *php_shmtable_full_ce;

/* shmtable_errors.c */
ZEND_COLD void php_shmtable_arg_error(zend_class_entry *ce, const char *method, int argn,
                                      const char *argname, const char *fmt, ...);
ZEND_COLD void php_shmtable_status_error(shmt_status st, php_shmtable_obj *obj,
                                         const char *method);
ZEND_COLD shmt_table *php_shmtable_not_live(php_shmtable_obj *obj);
ZEND_COLD bool php_shmtable_key_error(shmt_table *t, const char *method, size_t len);
ZEND_COLD void php_shmtable_open_error(shmt_status st, uint64_t asked, const char *msg);

/* shmtable_convert.c */
size_t php_shmtable_memory_limit(void);
size_t php_shmtable_alloc_cost(size_t bytes);
ZEND_COLD bool php_shmtable_memory_fits(const char *method, const char *what, size_t cost);
ZEND_COLD void *php_shmtable_big_alloc(const char *method, const char *what, size_t bytes);
bool php_shmtable_values_from(php_shmtable_obj *obj, shmt_table *t, HashTable *row,
                              const char *method, int argn, const char *argname,
                              php_shmtable_values *pv);
HashTable *php_shmtable_template(php_shmtable_obj *obj, uint32_t n);
void php_shmtable_row(php_shmtable_obj *obj, const void *img, zval *rv);
void php_shmtable_result(php_shmtable_obj *obj, const void *img, int col, zval *rv);
size_t php_shmtable_result_size(php_shmtable_obj *obj, const void *img, int col);

/* shmtable_methods.c: helpers of the method files */
int php_shmtable_column(php_shmtable_obj *obj, const char *method, int argn,
                        const char *argname, zend_string *name);
bool php_shmtable_ttl_ns(const char *method, int argn, double ttl, bool is_null,
                         int64_t *out);

/* shmtable_methods_read.c */
bool php_shmtable_do_get(php_shmtable_obj *obj, const char *method, zend_string *key,
                         zend_string *column, zval *rv);
bool php_shmtable_do_exists(php_shmtable_obj *obj, const char *method, zend_string *key,
                            bool *found);

/* shmtable_methods_write.c */
int php_shmtable_do_set(php_shmtable_obj *obj, const char *method, zend_string *key,
                        HashTable *row, shmt_write_mode mode);
int php_shmtable_do_set_ttl(php_shmtable_obj *obj, const char *method, zend_string *key,
                            HashTable *row, shmt_write_mode mode, int64_t ttl_ns);
int php_shmtable_do_del(php_shmtable_obj *obj, const char *method, zend_string *key,
                        HashTable *expected, zend_string *column, bool want_row, zval *rv);

/* shmtable_handlers.c */
void php_shmtable_init_handlers(zend_class_entry *ce);
void php_shmtable_release(php_shmtable_obj *obj);

/* shmtable_inspect.c */
HashTable *php_shmtable_debug_info(zend_object *o, int *is_temp);

/* shmtable_iterator.c */
void php_shmtable_cursor_free(php_shmtable_cursor *c);
zend_object_iterator *php_shmtable_get_iterator(zend_class_entry *ce, zval *object, int by_ref);

#if defined(__GNUC__)
#pragma GCC visibility pop
#endif

/* The name the method was called by (exist/exists, delete/del). */
static inline const char *php_shmtable_method_name(zend_execute_data *execute_data)
{
	return ZSTR_VAL(EX(func)->common.function_name);
}

/* The engine handle of a created, not destroyed table, or NULL with an
 * exception thrown. Inline: every method on rows starts here. */
static zend_always_inline shmt_table *php_shmtable_live(php_shmtable_obj *obj)
{
	if (EXPECTED(obj->t != NULL)) {
		return obj->t;
	}
	return php_shmtable_not_live(obj);
}

/* 1..key_max bytes (one compare: len 0 wraps around). obj->key_max is the
 * bound table's own (php_shmtable_bind() checks the two agree). */
static zend_always_inline bool php_shmtable_check_key(php_shmtable_obj *obj, shmt_table *t,
                                                     const char *method, size_t len)
{
	if (EXPECTED(len - 1 < (size_t)obj->key_max)) {
		return true;
	}
	return php_shmtable_key_error(t, method, len);
}

#endif /* SHMTABLE_INTERNAL_H */
