/*
 * shmtable.c - the Zend binding of the shmtable engine: the class
 * ShmTable\Table, its exceptions, object handlers for $t[...] and count(),
 * and a foreach iterator of its own.
 *
 * The binding stays thin. It parses arguments, converts every PHP value to
 * an engine value *before* the engine takes any lock (conversion may run
 * user code: __toString, error handlers), maps engine statuses to
 * exceptions, and builds zvals only from private row copies after the
 * engine has let go of everything shared.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

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
#include "src/shmt.h"
#include "src/shmt_os.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "shmtable_arginfo.h"

/* The name of a value's type in an error message, in the running PHP's own
 * wording, so that the extension's errors and PHP's agree: PHP 8.3 names
 * booleans by value ("true given", zend_zval_value_name()), 8.2 by type
 * ("bool given", zend_zval_type_name()). */
#if PHP_VERSION_ID >= 80300
#define php_shmtable_value_name(zv) zend_zval_value_name(zv)
#else
#define php_shmtable_value_name(zv) zend_zval_type_name(zv)
#endif

static zend_class_entry *php_shmtable_ce;
static zend_class_entry *php_shmtable_exception_ce;
static zend_class_entry *php_shmtable_full_ce;
static zend_object_handlers php_shmtable_handlers;

/* Tables mapped by this process, for phpinfo(); atomic, as the threads of
 * a ZTS process share them. Per-process state besides these: the class
 * entries and handlers (written once in MINIT, read-only after) and the
 * registry of mappings below (under its mutex). Nothing is per thread but
 * the TSRM cache (at the end of this file). */
static zend_long php_shmtable_live_tables;
static zend_long php_shmtable_live_bytes;

static void php_shmtable_account(zend_long tables, zend_long bytes)
{
	__atomic_add_fetch(&php_shmtable_live_tables, tables, __ATOMIC_RELAXED);
	__atomic_add_fetch(&php_shmtable_live_bytes, bytes, __ATOMIC_RELAXED);
}

/* Named and file-backed tables this process maps. A second create(name:)
 * or attach() of the same table in this process (the next request of a
 * php-fpm worker, most often) reuses the mapping instead of opening and
 * mapping it again; a mapping stays here when its last object is freed,
 * until MSHUTDOWN, until this process unlink()s the name, or until the name
 * turns out to designate another object (removed and created again by
 * someone else), when the new one is mapped. Forked children inherit the
 * list with the mappings. The list is plain C memory, guarded by a mutex
 * for ZTS builds; nothing in here calls Zend. */
typedef struct php_shmtable_reg {
	struct php_shmtable_reg *next;
	char *key;      /* "n:<name>" or "p:<path>" */
	shmt_table *t;
	uint32_t refs;  /* objects using it now */
	bool listed;    /* false once removed from the list (stale) */
} php_shmtable_reg;

static php_shmtable_reg *php_shmtable_registry;
static pthread_mutex_t php_shmtable_reg_mutex = PTHREAD_MUTEX_INITIALIZER;

static void php_shmtable_reg_free(php_shmtable_reg *e)
{
	php_shmtable_account(-1, -(zend_long)shmt_memory_size(e->t));
	shmt_close(e->t);
	free(e->key);
	free(e);
}

/* Take e off the list; free it if no object uses it. Mutex held. */
static void php_shmtable_reg_unlist(php_shmtable_reg *e)
{
	for (php_shmtable_reg **pp = &php_shmtable_registry; *pp != NULL; pp = &(*pp)->next) {
		if (*pp == e) {
			*pp = e->next;
			break;
		}
	}
	e->listed = false;
	e->next = NULL;
	if (e->refs == 0) {
		php_shmtable_reg_free(e);
	}
}

static char *php_shmtable_reg_key(const char *name, const char *path)
{
	const char *v = name != NULL ? name : path;
	size_t len = strlen(v);
	char *key = malloc(len + 3);
	if (key != NULL) {
		key[0] = name != NULL ? 'n' : 'p';
		key[1] = ':';
		memcpy(key + 2, v, len + 1);
	}
	return key;
}

/* The mapping of the table args names, reused or opened, with one more
 * reference; or a status with msg (and *asked, as shmt_open()). */
static shmt_status php_shmtable_reg_open(const shmt_open_args *args, php_shmtable_reg **out,
                                         uint64_t *asked, char *msg, size_t msglen)
{
	shmt_status st = SHMT_OK;
	char *key = php_shmtable_reg_key(args->name, args->path);
	*out = NULL;
	*asked = 0;
	if (key == NULL) {
		snprintf(msg, msglen, "out of memory");
		return SHMT_E_NOMEM;
	}
	pthread_mutex_lock(&php_shmtable_reg_mutex);
	for (php_shmtable_reg *e = php_shmtable_registry; e != NULL; e = e->next) {
		if (strcmp(e->key, key) != 0) {
			continue;
		}
		if (shmt_still_current(e->t) != 1) {
			php_shmtable_reg_unlist(e);
			break;
		}
		if (args->create) {
			st = shmt_same_definition(e->t, args->size, args->key_max, args->cols,
			                          args->ncols, msg, msglen);
		}
		if (st == SHMT_OK) {
			/* The owner and mode, as shmt_open() would check them now. */
			st = shmt_recheck_access(e->t, args->create, args->mode, msg, msglen);
		}
		if (st == SHMT_OK) {
			e->refs++;
			*out = e;
		}
		goto done;
	}
	shmt_table *t;
	st = shmt_open(&t, args, asked, msg, msglen);
	if (st == SHMT_OK) {
		php_shmtable_reg *e = calloc(1, sizeof(*e));
		if (e == NULL) {
			shmt_close(t);
			snprintf(msg, msglen, "out of memory");
			st = SHMT_E_NOMEM;
			goto done;
		}
		e->key = key;
		key = NULL;
		e->t = t;
		e->refs = 1;
		e->listed = true;
		e->next = php_shmtable_registry;
		php_shmtable_registry = e;
		php_shmtable_account(1, (zend_long)shmt_memory_size(t));
		*out = e;
	}
done:
	pthread_mutex_unlock(&php_shmtable_reg_mutex);
	free(key);
	return st;
}

static void php_shmtable_reg_release(php_shmtable_reg *e)
{
	pthread_mutex_lock(&php_shmtable_reg_mutex);
	if (--e->refs == 0 && !e->listed) {
		php_shmtable_reg_free(e);
	}
	pthread_mutex_unlock(&php_shmtable_reg_mutex);
}

/* unlink() by this process: forget the cached mapping of that name. */
static void php_shmtable_reg_forget(const char *name)
{
	char *key = php_shmtable_reg_key(name, NULL);
	if (key == NULL) {
		return;
	}
	pthread_mutex_lock(&php_shmtable_reg_mutex);
	for (php_shmtable_reg *e = php_shmtable_registry; e != NULL; e = e->next) {
		if (strcmp(e->key, key) == 0) {
			php_shmtable_reg_unlist(e);
			break;
		}
	}
	pthread_mutex_unlock(&php_shmtable_reg_mutex);
	free(key);
}

static void php_shmtable_reg_shutdown(void)
{
	pthread_mutex_lock(&php_shmtable_reg_mutex);
	while (php_shmtable_registry != NULL) {
		php_shmtable_reg *e = php_shmtable_registry;
		php_shmtable_registry = e->next;
		e->listed = false;
		if (e->refs == 0) {
			php_shmtable_reg_free(e);
		}
	}
	pthread_mutex_unlock(&php_shmtable_reg_mutex);
}

/* A thread of a ZTS process may fork while another holds the registry
 * mutex: the child would inherit it locked, with no thread to unlock it.
 * Held across fork() instead, so both sides start with it free. */
static void php_shmtable_reg_prefork(void)
{
	pthread_mutex_lock(&php_shmtable_reg_mutex);
}

static void php_shmtable_reg_postfork(void)
{
	pthread_mutex_unlock(&php_shmtable_reg_mutex);
}

/* Once per loading of the module: a second MINIT in one process (a server
 * restarting its modules) must not register the handlers twice, or fork()
 * would lock the mutex twice. Unloading the module (dlclose()) removes them
 * with it. */
static pthread_once_t php_shmtable_atfork_once = PTHREAD_ONCE_INIT;
static int php_shmtable_atfork_rc;

static void php_shmtable_reg_atfork(void)
{
	php_shmtable_atfork_rc = pthread_atfork(php_shmtable_reg_prefork, php_shmtable_reg_postfork,
	                                        php_shmtable_reg_postfork);
}

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
	bool constructed;
	bool destroyed;
	struct php_shmtable_reg *reg; /* named/file table: the shared mapping */
	uint32_t ndefs;
	shmt_coldef *defs;      /* columns declared so far (before create) */
	zend_string **names;    /* column names, built once at create() (interned
	                         * when the engine allows: then a literal 'name'
	                         * in a script is the same pointer) */
	shmt_colinfo *cols;     /* copy of the engine's column info (create()) */
	HashTable *tpl;         /* a row array with every column and null
	                         * values: each result row is a copy of it */
	HashTable colmap;       /* name => column index */
	unsigned char *img;     /* one row image */
	php_shmtable_cursor cursor; /* for the Iterator methods */
	zend_object std;
} php_shmtable_obj;

typedef struct {
	zend_object_iterator it;
	php_shmtable_cursor cursor;
	zval current;
} php_shmtable_iter;

static inline php_shmtable_obj *php_shmtable_from(zend_object *o)
{
	return (php_shmtable_obj *)((char *)o - XtOffsetOf(php_shmtable_obj, std));
}
#define Z_SHMTABLE_P(zv) php_shmtable_from(Z_OBJ_P(zv))

/* ------------------------------------------------------------------ */
/* Errors                                                               */

/* "ShmTable\Table::method(): Argument #n ($name) ..." with an explicit
 * method, so that $t[...] handlers report as the method they stand for. */
static ZEND_COLD void php_shmtable_arg_error(zend_class_entry *ce, const char *method,
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

static ZEND_COLD void php_shmtable_status_error(shmt_status st, php_shmtable_obj *obj,
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
		char msg[512 + 4096];
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

/*
 * Row copies. A table whose row fits in PHP_SHMTABLE_ROW_BUDGET keeps one
 * row buffer (obj->img, made at create()) and copies up to 64 rows per
 * snapshot call in a foreach. A bigger row (string columns of up to 1 MiB
 * each, 256 of them) gets its buffer per call instead, and every buffer or
 * result of that size is first checked against memory_limit: past it, the
 * Zend allocator ends the request with a fatal error that nobody can catch,
 * where this throws a ShmTable\Exception.
 */
#define PHP_SHMTABLE_ROW_BUDGET ((size_t)256 * 1024)

static size_t php_shmtable_memory_limit(void)
{
	return PG(memory_limit) < 0 ? SIZE_MAX : (size_t)PG(memory_limit);
}

/* What emalloc(bytes) may add to the allocator's real size, which is what
 * memory_limit bounds: a small block its size; a run of pages its share of
 * a 2 MiB chunk when packed with runs of its size (a whole chunk above 255
 * pages: two never share one); a huge block its pages. */
static size_t php_shmtable_alloc_cost(size_t bytes)
{
	if (bytes <= ZEND_MM_MAX_SMALL_SIZE) {
		return bytes;
	}
	if (bytes <= ZEND_MM_MAX_LARGE_SIZE) {
		size_t pages = (bytes + ZEND_MM_PAGE_SIZE - 1) / ZEND_MM_PAGE_SIZE;
		return ZEND_MM_CHUNK_SIZE / ((ZEND_MM_PAGES - ZEND_MM_FIRST_PAGE) / pages);
	}
	return bytes > SIZE_MAX - ZEND_MM_PAGE_SIZE ? SIZE_MAX
	                                            : ZEND_MM_ALIGNED_SIZE_EX(bytes, ZEND_MM_PAGE_SIZE);
}

/* Whether allocations costing `cost` (php_shmtable_alloc_cost()) fit under
 * memory_limit now; if not, a ShmTable\Exception saying what needed them. */
static ZEND_COLD bool php_shmtable_memory_fits(const char *method, const char *what,
                                               size_t cost)
{
	size_t limit = php_shmtable_memory_limit();
	size_t used = zend_memory_usage(true);
	if (used <= limit && cost <= limit - used) {
		return true;
	}
	zend_throw_exception_ex(php_shmtable_exception_ce, 0,
	                        "ShmTable\\Table::%s(): %s needs %zu bytes, more than memory_limit "
	                        "leaves (%zu of %zu bytes free)",
	                        method, what, cost, used < limit ? limit - used : 0, limit);
	return false;
}

/* emalloc(bytes) if it fits under memory_limit; NULL with the exception. */
static ZEND_COLD void *php_shmtable_big_alloc(const char *method, const char *what,
                                              size_t bytes)
{
	return php_shmtable_memory_fits(method, what, php_shmtable_alloc_cost(bytes))
	           ? emalloc(bytes)
	           : NULL;
}

/* The name the method was called by (exist/exists, delete/del). */
static const char *php_shmtable_method_name(zend_execute_data *execute_data)
{
	return ZSTR_VAL(EX(func)->common.function_name);
}

/* The engine handle of a created, not destroyed table, or NULL with an
 * exception thrown. */
static ZEND_COLD shmt_table *php_shmtable_not_live(php_shmtable_obj *obj)
{
	if (obj->destroyed) {
		zend_throw_exception(php_shmtable_exception_ce, "Table has been destroyed", 0);
	} else {
		zend_throw_exception(php_shmtable_exception_ce,
		                     "Table has not been created; call create() first", 0);
	}
	return NULL;
}

static zend_always_inline shmt_table *php_shmtable_live(php_shmtable_obj *obj)
{
	if (EXPECTED(obj->t != NULL)) {
		return obj->t;
	}
	return php_shmtable_not_live(obj);
}

static ZEND_COLD bool php_shmtable_key_error(shmt_table *t, const char *method, size_t len)
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

/* 1..key_max bytes (one compare: len 0 wraps around). */
static zend_always_inline bool php_shmtable_check_key(shmt_table *t, const char *method,
                                                     size_t len)
{
	if (EXPECTED(len - 1 < (size_t)shmt_key_max(t))) {
		return true;
	}
	return php_shmtable_key_error(t, method, len);
}

/* Column index by name, or -1 with a ValueError naming argument argn. */
static int php_shmtable_column(php_shmtable_obj *obj, const char *method, int argn,
                               zend_string *name)
{
	/* A literal column name is the interned name itself: no hashing. */
	for (uint32_t i = 0; i < obj->ndefs && i < 16 && obj->names != NULL; i++) {
		if (obj->names[i] == name) {
			return (int)i;
		}
	}
	zval *idx = zend_hash_find(&obj->colmap, name);
	if (UNEXPECTED(idx == NULL)) {
		php_shmtable_arg_error(zend_ce_value_error, method, argn, "column",
		                       "must be a column name, \"%s\" given", ZSTR_VAL(name));
		return -1;
	}
	return (int)Z_LVAL_P(idx);
}

/* ------------------------------------------------------------------ */
/* PHP values -> engine values                                          */

/* Strings made during conversion, released after the engine call. */
typedef struct {
	shmt_value *vals;
	uint32_t n;
	zend_string **tmp;
	uint32_t ntmp;
	shmt_value stack_vals[16];
	zend_string *stack_tmp[16];
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

static inline bool php_shmtable_is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/*
 * The integer that a numeric string denotes, for the strings that
 * is_numeric_string() reads as a float: with a fraction ("12.0"), an
 * exponent ("1e3") or more digits than int64 holds. Read from the decimal
 * digits, never through a double (which would round "9007199254740993.0"
 * to ...992, "12.0000000000000001" to 12, "-9223372036854775809" to
 * PHP_INT_MIN). false with *why when the string denotes a number with a
 * fractional part, or one outside int64. s must be numeric.
 */
static bool php_shmtable_decimal_to_int(const char *s, size_t len, zend_long *out,
                                        const char **why)
{
	const char *p = s, *end = s + len;
	while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\v' ||
	                   *p == '\f')) {
		p++;
	}
	bool neg = false;
	if (p < end && (*p == '-' || *p == '+')) {
		neg = *p == '-';
		p++;
	}
	/* The digits are int[0..nint) then frac[0..nfrac): the value is
	 * digits * 10^(exp - nfrac). */
	const char *ip = p;
	while (p < end && php_shmtable_is_digit(*p)) {
		p++;
	}
	size_t nint = (size_t)(p - ip);
	const char *fp = p;
	if (p < end && *p == '.') {
		fp = ++p;
		while (p < end && php_shmtable_is_digit(*p)) {
			p++;
		}
	}
	size_t nfrac = (size_t)(p - fp);
	int64_t exp = 0;
	if (p < end && (*p == 'e' || *p == 'E')) {
		p++;
		bool eneg = false;
		if (p < end && (*p == '-' || *p == '+')) {
			eneg = *p == '-';
			p++;
		}
		for (; p < end && php_shmtable_is_digit(*p); p++) {
			if (exp < INT64_C(1000000000000)) { /* beyond: just as far out */
				exp = exp * 10 + (*p - '0');
			}
		}
		if (eneg) {
			exp = -exp;
		}
	}
#define DIGIT(i) ((i) < nint ? ip[(i)] : fp[(i) - nint])
	size_t n = nint + nfrac, first = 0, last = n;
	while (first < n && DIGIT(first) == '0') {
		first++;
	}
	if (first == n) {
		*out = 0; /* "0.0", "-0e5" */
		return true;
	}
	while (DIGIT(last - 1) == '0') {
		last--;
	}
	/* Significant digits [first, last) times 10^e10. */
	int64_t e10 = exp - (int64_t)nfrac + (int64_t)(n - last);
	if (e10 < 0) {
		*why = "float with fractional part";
		return false;
	}
	if ((int64_t)(last - first) + e10 > 19) {
		*why = "float out of int range";
		return false;
	}
	uint64_t mag = 0; /* at most 19 digits: below 2^64 */
	for (size_t i = first; i < last; i++) {
		mag = mag * 10 + (uint64_t)(DIGIT(i) - '0');
	}
#undef DIGIT
	for (int64_t i = 0; i < e10; i++) {
		if (mag > UINT64_MAX / 10) {
			*why = "float out of int range";
			return false;
		}
		mag *= 10;
	}
	uint64_t limit = neg ? (uint64_t)ZEND_LONG_MAX + 1 : (uint64_t)ZEND_LONG_MAX;
	if (mag > limit) {
		*why = "float out of int range";
		return false;
	}
	*out = !neg ? (zend_long)mag : mag == limit ? ZEND_LONG_MIN : -(zend_long)mag;
	return true;
}

static bool php_shmtable_to_int_any(zval *v, zend_long *out, const char **why)
{
	switch (Z_TYPE_P(v)) {
	case IS_LONG:
		*out = Z_LVAL_P(v);
		return true;
	case IS_FALSE:
		*out = 0;
		return true;
	case IS_TRUE:
		*out = 1;
		return true;
	case IS_DOUBLE: {
		double d = Z_DVAL_P(v);
		if (!zend_finite(d) || !ZEND_DOUBLE_FITS_LONG(d)) {
			*why = "float out of int range";
			return false;
		}
		if (d != (double)(zend_long)d) {
			*why = "float with fractional part";
			return false;
		}
		*out = (zend_long)d;
		return true;
	}
	case IS_STRING: {
		zend_long l;
		double d;
		zend_uchar type = is_numeric_string(Z_STRVAL_P(v), Z_STRLEN_P(v), &l, &d, false);
		if (type == IS_LONG) {
			*out = l;
			return true;
		}
		if (type == IS_DOUBLE) {
			return php_shmtable_decimal_to_int(Z_STRVAL_P(v), Z_STRLEN_P(v), out, why);
		}
		*why = "non-numeric string";
		return false;
	}
	default:
		*why = php_shmtable_value_name(v);
		return false;
	}
}

static bool php_shmtable_to_float_any(zval *v, double *out, const char **why)
{
	switch (Z_TYPE_P(v)) {
	case IS_DOUBLE:
		*out = Z_DVAL_P(v);
		return true;
	case IS_LONG:
		*out = (double)Z_LVAL_P(v);
		return true;
	case IS_FALSE:
		*out = 0.0;
		return true;
	case IS_TRUE:
		*out = 1.0;
		return true;
	case IS_STRING: {
		zend_long l;
		double d;
		zend_uchar type = is_numeric_string(Z_STRVAL_P(v), Z_STRLEN_P(v), &l, &d, false);
		if (type == IS_LONG) {
			*out = (double)l;
			return true;
		}
		if (type == IS_DOUBLE) {
			*out = d;
			return true;
		}
		*why = "non-numeric string";
		return false;
	}
	default:
		*why = php_shmtable_value_name(v);
		return false;
	}
}

/* A value of the column's own type, the usual case, is read inline; any
 * other goes through the conversions above. */
static zend_always_inline bool php_shmtable_to_int(zval *v, zend_long *out, const char **why)
{
	if (EXPECTED(Z_TYPE_P(v) == IS_LONG)) {
		*out = Z_LVAL_P(v);
		return true;
	}
	return php_shmtable_to_int_any(v, out, why);
}

static zend_always_inline bool php_shmtable_to_float(zval *v, double *out, const char **why)
{
	if (EXPECTED(Z_TYPE_P(v) == IS_DOUBLE)) {
		*out = Z_DVAL_P(v);
		return true;
	}
	return php_shmtable_to_float_any(v, out, why);
}

/* A string for a string column, or NULL (exception pending, or *why set
 * for a TypeError). Result is a new reference. */
static zend_string *php_shmtable_to_string(zval *v, const char **why)
{
	switch (Z_TYPE_P(v)) {
	case IS_STRING:
		return zend_string_copy(Z_STR_P(v));
	case IS_LONG:
	case IS_DOUBLE:
	case IS_FALSE:
	case IS_TRUE:
		return zval_get_string_func(v);
	case IS_OBJECT:
		if (Z_OBJCE_P(v)->__tostring != NULL) {
			return zval_try_get_string_func(v); /* NULL if it threw */
		}
		ZEND_FALLTHROUGH;
	default:
		*why = php_shmtable_value_name(v);
		return NULL;
	}
}

/*
 * Convert a row array into engine values. Nothing is written anywhere; on
 * failure an exception is pending and pv is freed. Must run before the
 * engine is called, since it may run user code (__toString). The caller
 * must hold a counted reference to `row` for as long as pv is in use.
 */
static bool php_shmtable_values_from(php_shmtable_obj *obj, shmt_table *t, HashTable *row,
                                     const char *method, int argn, const char *argname,
                                     php_shmtable_values *pv)
{
	uint32_t cap = zend_hash_num_elements(row);
	pv->n = pv->ntmp = 0;
	pv->vals = cap <= 16 ? pv->stack_vals : safe_emalloc(cap, sizeof(shmt_value), 0);
	pv->tmp = cap <= 16 ? pv->stack_tmp : safe_emalloc(cap, sizeof(zend_string *), 0);

	zend_string *name;
	zend_ulong num;
	zval *v;
	uint32_t ncols = shmt_ncols(t), pos = 0;
	ZEND_HASH_FOREACH_KEY_VAL(row, num, name, v) {
		/* Rows usually name the columns in their order, with literal keys
		 * that are the interned column names: try the column at this
		 * position by pointer, then by content, then look the name up. */
		zval *idxz = NULL;
		uint32_t col = 0;
		if (EXPECTED(name != NULL && pos < ncols) &&
		    (name == obj->names[pos] || zend_string_equal_content(name, obj->names[pos]))) {
			col = pos;
		} else if (name != NULL && (idxz = zend_hash_find(&obj->colmap, name)) != NULL) {
			col = (uint32_t)Z_LVAL_P(idxz);
		} else {
			if (name != NULL) {
				php_shmtable_arg_error(zend_ce_value_error, method, argn, argname,
				                       "contains \"%s\", which is not a column",
				                       ZSTR_VAL(name));
			} else {
				php_shmtable_arg_error(zend_ce_value_error, method, argn, argname,
				                       "contains " ZEND_LONG_FMT ", which is not a column",
				                       (zend_long)num);
			}
			goto fail;
		}
		pos++;
		const shmt_colinfo *ci = &obj->cols[col];
		shmt_value *sv = &pv->vals[pv->n];
		const char *why = NULL;
		bool by_ref = Z_ISREF_P(v);
		ZVAL_DEREF(v);
		sv->col = col;
		if (ci->type == SHMT_TYPE_INT) {
			zend_long l;
			if (!php_shmtable_to_int(v, &l, &why)) {
				php_shmtable_arg_error(zend_ce_type_error, method, argn, argname,
				                       "column \"%s\" must be of type int, %s given",
				                       ci->name, why);
				goto fail;
			}
			sv->v.i = (int64_t)l;
		} else if (ci->type == SHMT_TYPE_FLOAT) {
			double d;
			if (!php_shmtable_to_float(v, &d, &why)) {
				php_shmtable_arg_error(zend_ce_type_error, method, argn, argname,
				                       "column \"%s\" must be of type float, %s given",
				                       ci->name, why);
				goto fail;
			}
			sv->v.f = d;
		} else {
			zend_string *s;
			if (Z_TYPE_P(v) == IS_STRING && !by_ref) {
				/* Borrowed: it is not a reference, and the caller holds a
				 * counted reference to the array for the whole call (a
				 * method argument; $t[k] = takes one), so a __toString()
				 * run for a later column that changes the array changes a
				 * separated copy, and cannot free this one. */
				s = Z_STR_P(v);
			} else {
				s = php_shmtable_to_string(v, &why);
				if (s == NULL) {
					if (why != NULL) {
						php_shmtable_arg_error(zend_ce_type_error, method, argn, argname,
						                       "column \"%s\" must be of type string, %s given",
						                       ci->name, why);
					}
					goto fail;
				}
				pv->tmp[pv->ntmp++] = s;
				if (UNEXPECTED(obj->t != t)) {
					/* __toString() destroyed the table: t and ci are gone. */
					php_shmtable_live(obj);
					goto fail;
				}
			}
			if (UNEXPECTED(ZSTR_LEN(s) > ci->size)) {
				php_shmtable_arg_error(zend_ce_value_error, method, argn, argname,
				                       "column \"%s\" takes at most %u byte%s, %zu given",
				                       ci->name, ci->size, ci->size == 1 ? "" : "s",
				                       ZSTR_LEN(s));
				goto fail;
			}
			sv->v.s.ptr = ZSTR_VAL(s);
			sv->v.s.len = (uint32_t)ZSTR_LEN(s);
		}
		pv->n++;
	} ZEND_HASH_FOREACH_END();
	return true;

fail:
	php_shmtable_values_free(pv);
	return false;
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

/* ------------------------------------------------------------------ */
/* Engine row image -> PHP values                                       */

/* The length of a string column's value in a row image. */
static zend_always_inline uint32_t php_shmtable_str_len(const shmt_colinfo *ci,
                                                       const unsigned char *b)
{
	uint32_t len;
	if (ci->lenw == 1) {
		len = b[ci->lenoff];
	} else if (ci->lenw == 2) {
		uint16_t l16;
		memcpy(&l16, b + ci->lenoff, 2);
		len = l16;
	} else {
		memcpy(&len, b + ci->lenoff, 4);
	}
	return len > ci->size ? ci->size : len;
}

/* Decodes inline from the column's position in the image (shmt_colinfo),
 * one call less per value than shmt_img_*(): rows are decoded by the
 * hundred thousand in a foreach. */
static zend_always_inline void php_shmtable_value_ci(const shmt_colinfo *ci, const void *img,
                                                    zval *rv)
{
	const unsigned char *b = (const unsigned char *)img;
	if (ci->type == SHMT_TYPE_INT) {
		int64_t v;
		memcpy(&v, b + ci->off, 8);
		ZVAL_LONG(rv, (zend_long)v);
	} else if (ci->type == SHMT_TYPE_FLOAT) {
		double v;
		memcpy(&v, b + ci->off, 8);
		ZVAL_DOUBLE(rv, v);
	} else {
		uint32_t len = php_shmtable_str_len(ci, b);
		const char *p = (const char *)b + ci->off;
		if (len == 0) {
			ZVAL_EMPTY_STRING(rv);
		} else if (len == 1) {
			ZVAL_CHAR(rv, (unsigned char)p[0]);
		} else {
			ZVAL_STRINGL(rv, p, len);
		}
	}
}

/* The row template: every column name as a key, in column order, values
 * null. Built once at create(). */
static HashTable *php_shmtable_template(php_shmtable_obj *obj, uint32_t n)
{
	HashTable *tpl = zend_new_array(n);
	zend_hash_real_init_mixed(tpl);
	for (uint32_t i = 0; i < n; i++) {
		zval null;
		ZVAL_NULL(&null);
		zend_hash_add_new(tpl, obj->names[i], &null);
	}
	return tpl;
}

/*
 * A result row: a byte copy of the template's hash part and buckets (keys
 * already hashed and placed), then the values written into the buckets.
 * One allocation for the table and one for its data, no hashing, no
 * insertion; the copy is an ordinary array that PHP may change and free.
 */
static void php_shmtable_row(php_shmtable_obj *obj, const void *img, zval *rv)
{
	const HashTable *tpl = obj->tpl;
	HashTable *ht = emalloc(sizeof(HashTable));
	GC_SET_REFCOUNT(ht, 1);
	GC_TYPE_INFO(ht) = GC_ARRAY;
	HT_FLAGS(ht) = HT_FLAGS(tpl) & HASH_FLAG_MASK;
	ht->nTableMask = tpl->nTableMask;
	ht->nNumUsed = tpl->nNumUsed;
	ht->nNumOfElements = tpl->nNumOfElements;
	ht->nNextFreeElement = tpl->nNextFreeElement;
	ht->nTableSize = tpl->nTableSize;
	ht->nInternalPointer = 0;
	ht->pDestructor = ZVAL_PTR_DTOR;
	HT_SET_DATA_ADDR(ht, emalloc(HT_SIZE(ht)));
	memcpy(HT_GET_DATA_ADDR(ht), HT_GET_DATA_ADDR(tpl), HT_USED_SIZE(tpl));
	bool static_keys = (HT_FLAGS(tpl) & HASH_FLAG_STATIC_KEYS) != 0;
	Bucket *bk = ht->arData;
	uint32_t n = tpl->nNumUsed;
	for (uint32_t i = 0; i < n; i++, bk++) {
		if (!static_keys) {
			zend_string_addref(bk->key);
		}
		php_shmtable_value_ci(&obj->cols[i], img, &bk->val);
	}
	ZVAL_ARR(rv, ht);
}

/* Either the whole row, or the one column (col >= 0). */
static void php_shmtable_result(php_shmtable_obj *obj, const void *img, int col, zval *rv)
{
	if (col >= 0) {
		php_shmtable_value_ci(&obj->cols[col], img, rv);
	} else {
		php_shmtable_row(obj, img, rv);
	}
}

/* The memory (as php_shmtable_alloc_cost()) that php_shmtable_result()
 * takes for img (NULL: for the longest strings the columns allow).
 * Checked for big rows only. */
static size_t php_shmtable_result_size(php_shmtable_obj *obj, const void *img, int col)
{
	uint32_t from = col >= 0 ? (uint32_t)col : 0;
	uint32_t to = col >= 0 ? (uint32_t)col + 1 : obj->ndefs;
	size_t cost = 0;
	if (col < 0) {
		cost = php_shmtable_alloc_cost(sizeof(HashTable)) +
		       php_shmtable_alloc_cost(HT_SIZE(obj->tpl));
	}
	for (uint32_t i = from; i < to; i++) {
		const shmt_colinfo *ci = &obj->cols[i];
		if (ci->type == SHMT_TYPE_STRING) {
			uint32_t len = img != NULL ? php_shmtable_str_len(ci, img) : ci->size;
			cost += php_shmtable_alloc_cost(_ZSTR_STRUCT_SIZE(len));
		}
	}
	return cost;
}

/* ------------------------------------------------------------------ */
/* Object life cycle                                                    */

static void php_shmtable_cursor_free_buf(php_shmtable_cursor *c)
{
	if (c->buf != NULL) {
		efree(c->buf);
		c->buf = NULL;
	}
	c->cap = 0;
}

static void php_shmtable_cursor_free(php_shmtable_cursor *c)
{
	php_shmtable_cursor_free_buf(c);
	memset(c, 0, sizeof(*c));
}

static void php_shmtable_release(php_shmtable_obj *obj)
{
	if (obj->reg != NULL) {
		php_shmtable_reg_release(obj->reg);
		obj->reg = NULL;
		obj->t = NULL;
	} else if (obj->t != NULL) {
		php_shmtable_account(-1, -(zend_long)shmt_memory_size(obj->t));
		shmt_close(obj->t);
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
	if (obj->names != NULL) {
		for (uint32_t i = 0; i < obj->ndefs; i++) {
			zend_string_release(obj->names[i]);
		}
		efree(obj->names);
		obj->names = NULL;
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
/* Methods: life cycle                                                  */

PHP_METHOD(ShmTable_Table, __construct)
{
	zend_long size, key_max = 63;
	double conflict = 0.2;
	php_shmtable_obj *obj = Z_SHMTABLE_P(ZEND_THIS);

	ZEND_PARSE_PARAMETERS_START(1, 3)
		Z_PARAM_LONG(size)
		Z_PARAM_OPTIONAL
		Z_PARAM_DOUBLE(conflict)
		Z_PARAM_LONG(key_max)
	ZEND_PARSE_PARAMETERS_END();

	if (obj->constructed) {
		zend_throw_error(NULL, "Cannot call constructor twice");
		RETURN_THROWS();
	}
	if (size < 1 || size > (zend_long)SHMT_MAX_ROWS) {
		zend_argument_value_error(1, "must be between 1 and %u", SHMT_MAX_ROWS);
		RETURN_THROWS();
	}
	/* Accepted for Swoole\Table code and ignored (capacity is exact), but
	 * only as a proportion: 63 here is a key length in the wrong place. */
	if (!(conflict >= 0.0 && conflict <= 1.0)) {
		zend_argument_value_error(2, "must be between 0 and 1");
		RETURN_THROWS();
	}
	if (key_max < 1 || key_max > (zend_long)SHMT_MAX_KEY_LEN) {
		zend_argument_value_error(3, "must be between 1 and %u", SHMT_MAX_KEY_LEN);
		RETURN_THROWS();
	}
	obj->size = size;
	obj->key_max = key_max;
	obj->constructed = true;
}

/* Before create(): the table must be constructed and not yet created. */
static bool php_shmtable_schema_open(php_shmtable_obj *obj)
{
	if (obj->destroyed) {
		zend_throw_exception(php_shmtable_exception_ce, "Table has been destroyed", 0);
		return false;
	}
	if (!obj->constructed) {
		zend_throw_exception(php_shmtable_exception_ce,
		                     "Table has not been constructed", 0);
		return false;
	}
	return true;
}

PHP_METHOD(ShmTable_Table, column)
{
	zend_string *name;
	zend_long type, size = 0;
	php_shmtable_obj *obj = Z_SHMTABLE_P(ZEND_THIS);

	ZEND_PARSE_PARAMETERS_START(2, 3)
		Z_PARAM_STR(name)
		Z_PARAM_LONG(type)
		Z_PARAM_OPTIONAL
		Z_PARAM_LONG(size)
	ZEND_PARSE_PARAMETERS_END();

	if (!php_shmtable_schema_open(obj)) {
		RETURN_THROWS();
	}
	if (obj->t != NULL) {
		zend_throw_exception(php_shmtable_exception_ce, "Cannot add a column after create()", 0);
		RETURN_THROWS();
	}
	if (ZSTR_LEN(name) < 1 || ZSTR_LEN(name) > SHMT_MAX_COL_NAME) {
		zend_argument_value_error(1, "must be between 1 and %u bytes long", SHMT_MAX_COL_NAME);
		RETURN_THROWS();
	}
	if (memchr(ZSTR_VAL(name), '\0', ZSTR_LEN(name)) != NULL) {
		/* A table's header keeps names NUL-terminated, and opening a named
		 * or file table refuses one with a NUL inside: it could never be
		 * attached again. */
		zend_argument_value_error(1, "must not contain any null bytes");
		RETURN_THROWS();
	}
	if (type != SHMT_TYPE_INT && type != SHMT_TYPE_FLOAT && type != SHMT_TYPE_STRING) {
		zend_argument_value_error(2, "must be ShmTable\\Table::TYPE_INT, "
		                             "ShmTable\\Table::TYPE_FLOAT or ShmTable\\Table::TYPE_STRING");
		RETURN_THROWS();
	}
	if (type == SHMT_TYPE_STRING && (size < 1 || size > (zend_long)SHMT_MAX_STRING)) {
		zend_argument_value_error(3, "must be between 1 and %u for a string column",
		                          SHMT_MAX_STRING);
		RETURN_THROWS();
	}
	zend_ulong as_int;
	if (ZEND_HANDLE_NUMERIC_STR(ZSTR_VAL(name), ZSTR_LEN(name), as_int)) {
		/* PHP arrays turn "5" into the int key 5: such a column could be
		 * neither set() by name nor read back from a row array. */
		(void)as_int;
		zend_argument_value_error(1, "must not be an integer string, \"%s\" given",
		                          ZSTR_VAL(name));
		RETURN_THROWS();
	}
	if (zend_hash_exists(&obj->colmap, name)) {
		zend_argument_value_error(1, "must be unique, column \"%s\" already exists",
		                          ZSTR_VAL(name));
		RETURN_THROWS();
	}
	if (obj->ndefs >= SHMT_MAX_COLUMNS) {
		zend_throw_exception_ex(php_shmtable_exception_ce, 0,
		                        "Table cannot have more than %u columns", SHMT_MAX_COLUMNS);
		RETURN_THROWS();
	}
	obj->defs = safe_erealloc(obj->defs, obj->ndefs + 1, sizeof(shmt_coldef), 0);
	shmt_coldef *d = &obj->defs[obj->ndefs];
	memset(d, 0, sizeof(*d));
	memcpy(d->name, ZSTR_VAL(name), ZSTR_LEN(name));
	d->name_len = (uint32_t)ZSTR_LEN(name);
	d->type = (uint32_t)type;
	d->size = type == SHMT_TYPE_STRING ? (uint32_t)size : 0;
	zval idx;
	ZVAL_LONG(&idx, obj->ndefs);
	zend_hash_add_new(&obj->colmap, name, &idx);
	obj->ndefs++;
	RETURN_TRUE;
}

/* The bytes of a row image of the definition declared so far, as
 * shmt_image_size() will give it (README, "Bytes per row": the slot). */
static uint64_t php_shmtable_declared_row_size(const php_shmtable_obj *obj)
{
	uint64_t b = 8 + (uint64_t)obj->key_max;
	for (uint32_t i = 0; i < obj->ndefs; i++) {
		uint32_t size = obj->defs[i].size;
		b += obj->defs[i].type != SHMT_TYPE_STRING ? 8
		     : size + (size <= 0xff ? 1 : size <= 0xffff ? 2 : 4);
	}
	return (b + 7) & ~(uint64_t)7;
}

/* After create() or attach(): the column names as PHP strings, and the
 * row buffer of a row within PHP_SHMTABLE_ROW_BUDGET. */
static void php_shmtable_bind(php_shmtable_obj *obj, shmt_table *t)
{
	obj->t = t;
	obj->names = safe_emalloc(obj->ndefs, sizeof(zend_string *), 0);
	for (uint32_t i = 0; i < obj->ndefs; i++) {
		/* Interned if the engine can (then it is the very string of a
		 * literal 'name' in a script); else an ordinary string. */
		obj->names[i] = zend_string_init_interned(obj->defs[i].name, obj->defs[i].name_len, 0);
		zend_string_hash_val(obj->names[i]);
	}
	obj->cols = safe_emalloc(obj->ndefs, sizeof(shmt_colinfo), 0);
	for (uint32_t i = 0; i < obj->ndefs; i++) {
		obj->cols[i] = *shmt_col(t, i);
	}
	obj->tpl = php_shmtable_template(obj, obj->ndefs);
	size_t row = shmt_image_size(t);
	ZEND_ASSERT(php_shmtable_declared_row_size(obj) == row);
	obj->img = row <= PHP_SHMTABLE_ROW_BUDGET ? emalloc(row) : NULL;
}

/* Check the name/path/mode arguments of create() and attach(); false with
 * a ValueError thrown. */
static bool php_shmtable_check_target(const char *method, zend_string *name,
                                      zend_string *path, zend_long mode, bool need_one)
{
	if (name != NULL && path != NULL) {
		zend_value_error("ShmTable\\Table::%s(): Argument #1 ($name) and argument #2 ($path) "
		                 "cannot both be given", method);
		return false;
	}
	if (need_one && name == NULL && path == NULL) {
		zend_value_error("ShmTable\\Table::%s(): Argument #1 ($name) or argument #2 ($path) "
		                 "must be given", method);
		return false;
	}
	if (name != NULL && !shmt_name_valid(ZSTR_VAL(name), ZSTR_LEN(name))) {
		php_shmtable_arg_error(zend_ce_value_error, method, 1, "name",
		                       "must be 1 to %u bytes of letters, digits, '.', '_' and '-', "
		                       "not starting with '.'", SHMT_MAX_NAME);
		return false;
	}
	if (path != NULL && ZSTR_LEN(path) == 0) {
		php_shmtable_arg_error(zend_ce_value_error, method, 2, "path", "must not be empty");
		return false;
	}
	if (path != NULL && ZSTR_LEN(path) >= 4096) {
		php_shmtable_arg_error(zend_ce_value_error, method, 2, "path",
		                       "must be shorter than 4096 bytes");
		return false;
	}
	if (mode < 0 || mode > 0777) {
		php_shmtable_arg_error(zend_ce_value_error, method, 3, "mode",
		                       "must be between 0 and 0777");
		return false;
	}
	return true;
}

static ZEND_COLD void php_shmtable_open_error(shmt_status st, uint64_t asked, const char *msg)
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

PHP_METHOD(ShmTable_Table, create)
{
	zend_string *name = NULL, *path = NULL;
	zend_long mode = 0600;
	php_shmtable_obj *obj = Z_SHMTABLE_P(ZEND_THIS);
	ZEND_PARSE_PARAMETERS_START(0, 3)
		Z_PARAM_OPTIONAL
		Z_PARAM_STR_OR_NULL(name)
		Z_PARAM_PATH_STR_OR_NULL(path)
		Z_PARAM_LONG(mode)
	ZEND_PARSE_PARAMETERS_END();

	if (!php_shmtable_schema_open(obj)) {
		RETURN_THROWS();
	}
	if (obj->t != NULL) {
		zend_throw_exception(php_shmtable_exception_ce, "Table has already been created", 0);
		RETURN_THROWS();
	}
	if (!php_shmtable_check_target("create", name, path, mode, false)) {
		RETURN_THROWS();
	}
	if (obj->ndefs == 0) {
		zend_throw_exception(php_shmtable_exception_ce,
		                     "Table has no columns; call column() before create()", 0);
		RETURN_THROWS();
	}
	uint64_t row = php_shmtable_declared_row_size(obj);
	if (row > php_shmtable_memory_limit()) {
		/* get() and foreach copy a row into request memory: such a table
		 * could be written but never read in this process. */
		zend_throw_exception_ex(php_shmtable_exception_ce, 0,
		                        "Table rows would take %llu bytes, and a copy of one (get(), "
		                        "foreach) would not fit in memory_limit (%zu bytes); declare "
		                        "smaller string columns or raise memory_limit",
		                        (unsigned long long)row, php_shmtable_memory_limit());
		RETURN_THROWS();
	}
	uint64_t asked = 0;
	shmt_table *t;
	if (name != NULL || path != NULL) {
		shmt_open_args args;
		char msg[512 + 4096];
		php_shmtable_reg *reg;
		memset(&args, 0, sizeof(args));
		args.name = name != NULL ? ZSTR_VAL(name) : NULL;
		args.path = path != NULL ? ZSTR_VAL(path) : NULL;
		args.mode = (unsigned)mode;
		args.create = 1;
		args.size = (uint32_t)obj->size;
		args.key_max = (uint32_t)obj->key_max;
		args.cols = obj->defs;
		args.ncols = obj->ndefs;
		shmt_status st = php_shmtable_reg_open(&args, &reg, &asked, msg, sizeof(msg));
		if (st != SHMT_OK) {
			php_shmtable_open_error(st, asked, msg);
			RETURN_THROWS();
		}
		obj->reg = reg;
		php_shmtable_bind(obj, reg->t);
		RETURN_TRUE;
	}
	int bad = 0;
	shmt_status st = shmt_create(&t, (uint32_t)obj->size, (uint32_t)obj->key_max,
	                             obj->defs, obj->ndefs, &asked, &bad);
	if (st == SHMT_E_NOMEM) {
		if (asked == UINT64_MAX) {
			zend_throw_exception_ex(php_shmtable_exception_ce, 0,
			                        "Cannot map shared memory: the table would need more than "
			                        "%llu bytes", (unsigned long long)SIZE_MAX);
		} else {
			zend_throw_exception_ex(php_shmtable_exception_ce, 0,
			                        "Cannot map %llu bytes of shared memory: %s",
			                        (unsigned long long)asked, strerror(errno));
		}
		RETURN_THROWS();
	}
	if (st != SHMT_OK) {
		php_shmtable_status_error(st, obj, "create");
		RETURN_THROWS();
	}
	php_shmtable_account(1, (zend_long)shmt_memory_size(t));
	php_shmtable_bind(obj, t);
	RETURN_TRUE;
}

PHP_METHOD(ShmTable_Table, attach)
{
	zend_string *name = NULL, *path = NULL;
	ZEND_PARSE_PARAMETERS_START(0, 2)
		Z_PARAM_OPTIONAL
		Z_PARAM_STR_OR_NULL(name)
		Z_PARAM_PATH_STR_OR_NULL(path)
	ZEND_PARSE_PARAMETERS_END();

	if (!php_shmtable_check_target("attach", name, path, 0, true)) {
		RETURN_THROWS();
	}
	shmt_open_args args;
	char msg[512 + 4096];
	uint64_t asked;
	php_shmtable_reg *reg;
	memset(&args, 0, sizeof(args));
	args.name = name != NULL ? ZSTR_VAL(name) : NULL;
	args.path = path != NULL ? ZSTR_VAL(path) : NULL;
	shmt_status st = php_shmtable_reg_open(&args, &reg, &asked, msg, sizeof(msg));
	if (st != SHMT_OK) {
		php_shmtable_open_error(st, asked, msg);
		RETURN_THROWS();
	}
	/* The definition comes from the table; no lock is held from here on. */
	shmt_table *t = reg->t;
	object_init_ex(return_value, php_shmtable_ce);
	php_shmtable_obj *obj = Z_SHMTABLE_P(return_value);
	obj->size = shmt_size(t);
	obj->key_max = shmt_key_max(t);
	obj->constructed = true;
	obj->ndefs = shmt_ncols(t);
	obj->defs = safe_emalloc(obj->ndefs, sizeof(shmt_coldef), 0);
	memset(obj->defs, 0, obj->ndefs * sizeof(shmt_coldef));
	for (uint32_t i = 0; i < obj->ndefs; i++) {
		const shmt_colinfo *ci = shmt_col(t, i);
		memcpy(obj->defs[i].name, ci->name, ci->name_len);
		obj->defs[i].name_len = ci->name_len;
		obj->defs[i].type = ci->type;
		obj->defs[i].size = ci->size;
		zval idx;
		ZVAL_LONG(&idx, i);
		zend_hash_str_add_new(&obj->colmap, ci->name, ci->name_len, &idx);
	}
	obj->reg = reg;
	php_shmtable_bind(obj, t);
}

PHP_METHOD(ShmTable_Table, unlink)
{
	zend_string *name;
	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_STR(name)
	ZEND_PARSE_PARAMETERS_END();
	if (!shmt_name_valid(ZSTR_VAL(name), ZSTR_LEN(name))) {
		php_shmtable_arg_error(zend_ce_value_error, "unlink", 1, "name",
		                       "must be 1 to %u bytes of letters, digits, '.', '_' and '-', "
		                       "not starting with '.'", SHMT_MAX_NAME);
		RETURN_THROWS();
	}
	char msg[512];
	shmt_status st = shmt_unlink(ZSTR_VAL(name), msg, sizeof(msg));
	if (st == SHMT_OK || st == SHMT_NOT_FOUND) {
		php_shmtable_reg_forget(ZSTR_VAL(name));
		RETURN_BOOL(st == SHMT_OK);
	}
	php_shmtable_open_error(st, 0, msg);
	RETURN_THROWS();
}

PHP_METHOD(ShmTable_Table, flush)
{
	php_shmtable_obj *obj = Z_SHMTABLE_P(ZEND_THIS);
	ZEND_PARSE_PARAMETERS_NONE();
	shmt_table *t = php_shmtable_live(obj);
	if (t == NULL) {
		RETURN_THROWS();
	}
	char msg[512 + 4096];
	shmt_status st = shmt_flush(t, msg, sizeof(msg));
	if (st != SHMT_OK) {
		php_shmtable_open_error(st, 0, msg);
		RETURN_THROWS();
	}
	RETURN_TRUE;
}

PHP_METHOD(ShmTable_Table, destroy)
{
	php_shmtable_obj *obj = Z_SHMTABLE_P(ZEND_THIS);
	ZEND_PARSE_PARAMETERS_NONE();
	if (php_shmtable_live(obj) == NULL) {
		RETURN_THROWS();
	}
	php_shmtable_release(obj);
	obj->destroyed = true;
	RETURN_TRUE;
}

/* ------------------------------------------------------------------ */
/* Methods: rows                                                        */

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
	shmt_status st = col >= 0
	                     ? shmt_get_col(t, ZSTR_VAL(key), ZSTR_LEN(key), (uint32_t)col, img)
	                     : shmt_get(t, ZSTR_VAL(key), ZSTR_LEN(key), img);
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

/* Shared by the methods and the $t[...] handlers. */
static bool php_shmtable_do_get(php_shmtable_obj *obj, const char *method,
                                zend_string *key, zend_string *column, zval *rv)
{
	shmt_table *t = php_shmtable_live(obj);
	if (t == NULL || !php_shmtable_check_key(t, method, ZSTR_LEN(key))) {
		return false;
	}
	int col = -1;
	if (column != NULL && (col = php_shmtable_column(obj, method, 2, column)) < 0) {
		return false;
	}
	if (UNEXPECTED(obj->img == NULL)) {
		return php_shmtable_get_big(obj, t, method, key, col, rv);
	}
	shmt_status st = col >= 0
	                     ? shmt_get_col(t, ZSTR_VAL(key), ZSTR_LEN(key), (uint32_t)col, obj->img)
	                     : shmt_get(t, ZSTR_VAL(key), ZSTR_LEN(key), obj->img);
	if (st == SHMT_NOT_FOUND) {
		ZVAL_FALSE(rv);
		return true;
	}
	if (st != SHMT_OK) {
		php_shmtable_status_error(st, obj, method);
		return false;
	}
	php_shmtable_result(obj, obj->img, col, rv);
	return true;
}

PHP_METHOD(ShmTable_Table, get)
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

static bool php_shmtable_do_exists(php_shmtable_obj *obj, const char *method,
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
static int php_shmtable_do_set(php_shmtable_obj *obj, const char *method, zend_string *key,
                               HashTable *row, shmt_write_mode mode)
{
	shmt_table *t = php_shmtable_live(obj);
	if (t == NULL || !php_shmtable_check_key(t, method, ZSTR_LEN(key))) {
		return -1;
	}
	php_shmtable_values pv;
	if (!php_shmtable_values_from(obj, t, row, method, 2, "row", &pv)) {
		return -1;
	}
	if ((t = php_shmtable_live(obj)) == NULL) {
		php_shmtable_values_free(&pv);
		return -1;
	}
	shmt_status st = shmt_set(t, ZSTR_VAL(key), ZSTR_LEN(key), pv.vals, pv.n, mode, NULL);
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
	ZEND_PARSE_PARAMETERS_START(2, 2)
		Z_PARAM_STR(key)
		Z_PARAM_ARRAY_HT(row)
	ZEND_PARSE_PARAMETERS_END();
	int r = php_shmtable_do_set(Z_SHMTABLE_P(ZEND_THIS), method, key, row, mode);
	if (r < 0) {
		RETURN_THROWS();
	}
	RETURN_BOOL(r > 0);
}

PHP_METHOD(ShmTable_Table, set)
{
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
static int php_shmtable_do_del(php_shmtable_obj *obj, const char *method, zend_string *key,
                               HashTable *expected, zend_string *column, bool want_row,
                               zval *rv)
{
	shmt_table *t = php_shmtable_live(obj);
	if (t == NULL || !php_shmtable_check_key(t, method, ZSTR_LEN(key))) {
		return -1;
	}
	int col = -1;
	if (column != NULL && (col = php_shmtable_column(obj, method, 2, column)) < 0) {
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
		size_t row = shmt_image_size(t);
		if (!php_shmtable_memory_fits(method, "a copy of the row and its result",
		                              php_shmtable_alloc_cost(row) +
		                                  php_shmtable_result_size(obj, NULL, col))) {
			return -1;
		}
		img = emalloc(row);
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

PHP_METHOD(ShmTable_Table, del)
{
	zend_string *key;
	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_STR(key)
	ZEND_PARSE_PARAMETERS_END();
	int r = php_shmtable_do_del(Z_SHMTABLE_P(ZEND_THIS), php_shmtable_method_name(execute_data),
	                            key, NULL, NULL, false, NULL);
	if (r < 0) {
		RETURN_THROWS();
	}
	RETURN_BOOL(r > 0);
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
	if (!php_shmtable_values_from(obj, t, row, "cmpset", 3, "row", &pr)) {
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

static void php_shmtable_incr(INTERNAL_FUNCTION_PARAMETERS, bool decr)
{
	const char *method = decr ? "decr" : "incr";
	zend_string *key, *column;
	zval *by = NULL, one;
	php_shmtable_obj *obj = Z_SHMTABLE_P(ZEND_THIS);
	ZEND_PARSE_PARAMETERS_START(2, 3)
		Z_PARAM_STR(key)
		Z_PARAM_STR(column)
		Z_PARAM_OPTIONAL
		Z_PARAM_NUMBER(by)
	ZEND_PARSE_PARAMETERS_END();
	if (by == NULL) {
		ZVAL_LONG(&one, 1);
		by = &one;
	}

	shmt_table *t = php_shmtable_live(obj);
	if (t == NULL || !php_shmtable_check_key(t, method, ZSTR_LEN(key))) {
		RETURN_THROWS();
	}
	int col = php_shmtable_column(obj, method, 2, column);
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
			php_shmtable_arg_error(zend_ce_type_error, method, 3, "by",
			                       "must be of type int for int column \"%s\", %s given",
			                       ci->name, php_shmtable_value_name(by));
			RETURN_THROWS();
		}
		int64_t result;
		st = decr ? shmt_decr_int(t, ZSTR_VAL(key), ZSTR_LEN(key), (uint32_t)col,
		                          Z_LVAL_P(by), &result)
		          : shmt_incr_int(t, ZSTR_VAL(key), ZSTR_LEN(key), (uint32_t)col,
		                          Z_LVAL_P(by), &result);
		if (st == SHMT_OK) {
			RETURN_LONG((zend_long)result);
		}
	} else {
		double d = Z_TYPE_P(by) == IS_LONG ? (double)Z_LVAL_P(by) : Z_DVAL_P(by);
		double result;
		st = shmt_incr_float(t, ZSTR_VAL(key), ZSTR_LEN(key), (uint32_t)col,
		                     decr ? -d : d, &result);
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
/* Methods: sizes and statistics                                        */

PHP_METHOD(ShmTable_Table, count)
{
	php_shmtable_obj *obj = Z_SHMTABLE_P(ZEND_THIS);
	ZEND_PARSE_PARAMETERS_NONE();
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

PHP_METHOD(ShmTable_Table, stats)
{
	php_shmtable_obj *obj = Z_SHMTABLE_P(ZEND_THIS);
	ZEND_PARSE_PARAMETERS_NONE();
	shmt_table *t = php_shmtable_live(obj);
	if (t == NULL) {
		RETURN_THROWS();
	}
	shmt_stats s;
	shmt_get_stats(t, &s);
	array_init_size(return_value, 16);
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
#undef STAT
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
		php_shmtable_arg_error(zend_ce_type_error, "set", 2, "row",
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

/* ------------------------------------------------------------------ */
/* Iteration                                                            */

/* Make the cursor point at a row, copying the next non-empty bucket when
 * the current one is used up. false at the end or on an exception. */
static bool php_shmtable_cursor_fill(php_shmtable_obj *obj, php_shmtable_cursor *c,
                                     const char *method)
{
	shmt_table *t = php_shmtable_live(obj);
	if (t == NULL) {
		return false;
	}
	while (c->pos >= c->nrows) {
		if (c->next_bucket >= shmt_bucket_count(t)) {
			c->nrows = c->pos = 0;
			if (c->cap > PHP_SHMTABLE_ROW_BUDGET) {
				/* Big rows: do not keep their buffer past the loop. */
				php_shmtable_cursor_free_buf(c);
			}
			return false;
		}
		uint32_t n, next;
		size_t need;
		shmt_status st;
		while ((st = shmt_snapshot_buckets(t, c->next_bucket, c->buf, c->cap, &n, &next,
		                                   &need)) == SHMT_E_BUFFER) {
			/* A chain longer than the buffer. Nothing was copied, so the
			 * old buffer goes first: big rows never need two at once. */
			size_t cap = need > c->cap * 2 ? need : c->cap * 2;
			if (cap > PHP_SHMTABLE_ROW_BUDGET) {
				cap = need;
			}
			php_shmtable_cursor_free_buf(c);
			c->buf = cap > PHP_SHMTABLE_ROW_BUDGET
			             ? php_shmtable_big_alloc(method, "a copy of the rows of one bucket", cap)
			             : emalloc(cap);
			if (c->buf == NULL) {
				return false;
			}
			c->cap = cap;
		}
		if (st != SHMT_OK) {
			php_shmtable_status_error(st, obj, method);
			return false;
		}
		c->next_bucket = next;
		c->nrows = n;
		c->pos = 0;
	}
	return true;
}

static void php_shmtable_cursor_rewind(php_shmtable_obj *obj, php_shmtable_cursor *c)
{
	c->next_bucket = 0;
	c->nrows = c->pos = 0;
	c->started = true;
	if (c->buf == NULL && obj->t != NULL) {
		/* Several buckets per snapshot call: room for up to 64 rows
		 * within PHP_SHMTABLE_ROW_BUDGET, and for one row at least. */
		size_t row = shmt_image_size(obj->t);
		size_t rows = PHP_SHMTABLE_ROW_BUDGET / row;
		rows = rows > 64 ? 64 : rows < 1 ? 1 : rows;
		size_t cap = row * rows;
		c->buf = cap > PHP_SHMTABLE_ROW_BUDGET
		             ? php_shmtable_big_alloc("rewind", "a copy of the row", cap)
		             : emalloc(cap);
		if (c->buf == NULL) {
			return;
		}
		c->cap = cap;
	}
	php_shmtable_cursor_fill(obj, c, "rewind");
}

static void php_shmtable_cursor_next(php_shmtable_obj *obj, php_shmtable_cursor *c)
{
	if (c->pos < c->nrows) {
		c->pos++;
	}
	php_shmtable_cursor_fill(obj, c, "next");
}

static inline bool php_shmtable_cursor_valid(php_shmtable_cursor *c)
{
	return c->pos < c->nrows;
}

static inline const void *php_shmtable_cursor_img(php_shmtable_obj *obj, php_shmtable_cursor *c)
{
	return c->buf + (size_t)c->pos * shmt_image_size(obj->t);
}

/* The current row as an array; for a big row only if memory_limit leaves
 * room for it (false with an exception). */
static zend_always_inline bool php_shmtable_cursor_row(php_shmtable_obj *obj,
                                                      php_shmtable_cursor *c,
                                                      const char *method, zval *rv)
{
	const void *img = php_shmtable_cursor_img(obj, c);
	if (UNEXPECTED(obj->img == NULL) &&
	    !php_shmtable_memory_fits(method, "the row array",
	                              php_shmtable_result_size(obj, img, -1))) {
		return false;
	}
	php_shmtable_row(obj, img, rv);
	return true;
}

static void php_shmtable_cursor_key(php_shmtable_obj *obj, php_shmtable_cursor *c, zval *rv)
{
	uint32_t len;
	const char *k = shmt_img_key(obj->t, php_shmtable_cursor_img(obj, c), &len);
	ZVAL_STRINGL(rv, k, len);
}

/* The object's own Iterator methods share one cursor (as an Iterator
 * must); foreach gets its own cursor per loop from get_iterator below. */
static php_shmtable_cursor *php_shmtable_own_cursor(php_shmtable_obj *obj)
{
	if (php_shmtable_live(obj) == NULL) {
		return NULL;
	}
	if (!obj->cursor.started) {
		php_shmtable_cursor_rewind(obj, &obj->cursor);
	}
	return &obj->cursor;
}

PHP_METHOD(ShmTable_Table, rewind)
{
	php_shmtable_obj *obj = Z_SHMTABLE_P(ZEND_THIS);
	ZEND_PARSE_PARAMETERS_NONE();
	if (php_shmtable_live(obj) == NULL) {
		RETURN_THROWS();
	}
	php_shmtable_cursor_rewind(obj, &obj->cursor);
}

PHP_METHOD(ShmTable_Table, valid)
{
	php_shmtable_obj *obj = Z_SHMTABLE_P(ZEND_THIS);
	ZEND_PARSE_PARAMETERS_NONE();
	php_shmtable_cursor *c = php_shmtable_own_cursor(obj);
	if (c == NULL) {
		RETURN_THROWS();
	}
	RETURN_BOOL(php_shmtable_cursor_valid(c));
}

PHP_METHOD(ShmTable_Table, current)
{
	php_shmtable_obj *obj = Z_SHMTABLE_P(ZEND_THIS);
	ZEND_PARSE_PARAMETERS_NONE();
	php_shmtable_cursor *c = php_shmtable_own_cursor(obj);
	if (c == NULL) {
		RETURN_THROWS();
	}
	if (!php_shmtable_cursor_valid(c)) {
		RETURN_NULL();
	}
	if (!php_shmtable_cursor_row(obj, c, "current", return_value)) {
		RETURN_THROWS();
	}
}

PHP_METHOD(ShmTable_Table, key)
{
	php_shmtable_obj *obj = Z_SHMTABLE_P(ZEND_THIS);
	ZEND_PARSE_PARAMETERS_NONE();
	php_shmtable_cursor *c = php_shmtable_own_cursor(obj);
	if (c == NULL) {
		RETURN_THROWS();
	}
	if (!php_shmtable_cursor_valid(c)) {
		RETURN_NULL();
	}
	php_shmtable_cursor_key(obj, c, return_value);
}

PHP_METHOD(ShmTable_Table, next)
{
	php_shmtable_obj *obj = Z_SHMTABLE_P(ZEND_THIS);
	ZEND_PARSE_PARAMETERS_NONE();
	php_shmtable_cursor *c = php_shmtable_own_cursor(obj);
	if (c == NULL) {
		RETURN_THROWS();
	}
	php_shmtable_cursor_next(obj, c);
}

static inline php_shmtable_obj *php_shmtable_iter_obj(zend_object_iterator *it)
{
	return Z_SHMTABLE_P(&it->data);
}

static void php_shmtable_iter_dtor(zend_object_iterator *it)
{
	php_shmtable_iter *si = (php_shmtable_iter *)it;
	zval_ptr_dtor_nogc(&si->current);
	php_shmtable_cursor_free(&si->cursor);
	zval_ptr_dtor(&it->data);
}

static zend_result php_shmtable_iter_valid(zend_object_iterator *it)
{
	php_shmtable_iter *si = (php_shmtable_iter *)it;
	return php_shmtable_cursor_valid(&si->cursor) ? SUCCESS : FAILURE;
}

static zval *php_shmtable_iter_current(zend_object_iterator *it)
{
	php_shmtable_iter *si = (php_shmtable_iter *)it;
	php_shmtable_obj *obj = php_shmtable_iter_obj(it);
	/* The row array holds only numbers and strings, and nobody changed it
	 * in place (the loop variable's copy separates on write), so it cannot
	 * be part of a cycle: dropping our reference need not make it a
	 * garbage-collection root, which would cost a root-buffer entry per
	 * row while the loop variable still holds it. */
	zval_ptr_dtor_nogc(&si->current);
	ZVAL_UNDEF(&si->current);
	if (php_shmtable_live(obj) == NULL || !php_shmtable_cursor_valid(&si->cursor) ||
	    !php_shmtable_cursor_row(obj, &si->cursor, "current", &si->current)) {
		return &EG(uninitialized_zval);
	}
	return &si->current;
}

static void php_shmtable_iter_key(zend_object_iterator *it, zval *key)
{
	php_shmtable_iter *si = (php_shmtable_iter *)it;
	php_shmtable_obj *obj = php_shmtable_iter_obj(it);
	if (php_shmtable_live(obj) == NULL || !php_shmtable_cursor_valid(&si->cursor)) {
		ZVAL_NULL(key);
		return;
	}
	php_shmtable_cursor_key(obj, &si->cursor, key);
}

static void php_shmtable_iter_next(zend_object_iterator *it)
{
	php_shmtable_iter *si = (php_shmtable_iter *)it;
	php_shmtable_cursor_next(php_shmtable_iter_obj(it), &si->cursor);
}

static void php_shmtable_iter_rewind(zend_object_iterator *it)
{
	php_shmtable_iter *si = (php_shmtable_iter *)it;
	php_shmtable_obj *obj = php_shmtable_iter_obj(it);
	if (php_shmtable_live(obj) == NULL) {
		return;
	}
	php_shmtable_cursor_rewind(obj, &si->cursor);
}

static const zend_object_iterator_funcs php_shmtable_iter_funcs = {
	php_shmtable_iter_dtor,
	php_shmtable_iter_valid,
	php_shmtable_iter_current,
	php_shmtable_iter_key,
	php_shmtable_iter_next,
	php_shmtable_iter_rewind,
	NULL, /* invalidate_current */
	NULL, /* get_gc */
};

static zend_object_iterator *php_shmtable_get_iterator(zend_class_entry *ce, zval *object,
                                                      int by_ref)
{
	(void)ce;
	if (by_ref) {
		zend_throw_error(NULL, "An iterator cannot be used with foreach by reference");
		return NULL;
	}
	php_shmtable_iter *si = ecalloc(1, sizeof(*si));
	zend_iterator_init(&si->it);
	ZVAL_OBJ_COPY(&si->it.data, Z_OBJ_P(object));
	si->it.funcs = &php_shmtable_iter_funcs;
	ZVAL_UNDEF(&si->current);
	return &si->it;
}

/* ------------------------------------------------------------------ */
/* Module                                                               */

/* A ZTS PHP keeps its interpreter state per thread; a shared module built
 * with ZEND_ENABLE_STATIC_TSRMLS_CACHE (config.m4) reaches it (EG(), ...)
 * through a thread-local copy of its own, defined below, which each thread
 * sets before it runs this module's code: the main thread in MINIT, every
 * request thread in RINIT. A module compiled into PHP uses PHP's copy. */
#if defined(ZTS) && defined(COMPILE_DL_SHMTABLE)
#define PHP_SHMTABLE_TSRMLS_CACHE 1
#endif

PHP_MINIT_FUNCTION(shmtable)
{
	(void)type;
	(void)module_number;
#ifdef PHP_SHMTABLE_TSRMLS_CACHE
	ZEND_TSRMLS_CACHE_UPDATE();
#endif
	if (pthread_once(&php_shmtable_atfork_once, php_shmtable_reg_atfork) != 0 ||
	    php_shmtable_atfork_rc != 0) {
		return FAILURE;
	}
	php_shmtable_ce = register_class_ShmTable_Table(zend_ce_arrayaccess, zend_ce_iterator,
	                                                zend_ce_countable);
	php_shmtable_ce->create_object = php_shmtable_create_object;
	/* After zend_class_implements() so that Iterator does not reset it. */
	php_shmtable_ce->get_iterator = php_shmtable_get_iterator;

	memcpy(&php_shmtable_handlers, zend_get_std_object_handlers(), sizeof(zend_object_handlers));
	php_shmtable_handlers.offset = XtOffsetOf(php_shmtable_obj, std);
	php_shmtable_handlers.free_obj = php_shmtable_free_object;
	php_shmtable_handlers.clone_obj = NULL;
	php_shmtable_handlers.read_dimension = php_shmtable_read_dimension;
	php_shmtable_handlers.write_dimension = php_shmtable_write_dimension;
	php_shmtable_handlers.has_dimension = php_shmtable_has_dimension;
	php_shmtable_handlers.unset_dimension = php_shmtable_unset_dimension;
	php_shmtable_handlers.count_elements = php_shmtable_count_elements;

	php_shmtable_exception_ce = register_class_ShmTable_Exception(spl_ce_RuntimeException);
	php_shmtable_full_ce = register_class_ShmTable_FullException(php_shmtable_exception_ce);
	return SUCCESS;
}

#ifdef PHP_SHMTABLE_TSRMLS_CACHE
PHP_RINIT_FUNCTION(shmtable)
{
	(void)type;
	(void)module_number;
	ZEND_TSRMLS_CACHE_UPDATE();
	return SUCCESS;
}
#define PHP_SHMTABLE_RINIT PHP_RINIT(shmtable)
#else
#define PHP_SHMTABLE_RINIT NULL /* nothing to do per request */
#endif

PHP_MSHUTDOWN_FUNCTION(shmtable)
{
	(void)type;
	(void)module_number;
	php_shmtable_reg_shutdown();
	return SUCCESS;
}

/* The compiler and the sanitizers this module was built with, for phpinfo(). */
#if defined(__clang__)
#define PHP_SHMTABLE_COMPILER "clang " __clang_version__
#elif defined(__GNUC__)
#define PHP_SHMTABLE_COMPILER "gcc " __VERSION__
#elif defined(_MSC_VER)
#define PHP_SHMTABLE_COMPILER "MSVC " ZEND_TOSTR(_MSC_VER)
#else
#define PHP_SHMTABLE_COMPILER "unknown"
#endif
#ifndef __has_feature
#define __has_feature(x) 0
#endif
#if defined(__SANITIZE_ADDRESS__) || __has_feature(address_sanitizer)
#define PHP_SHMTABLE_ASAN 1
#else
#define PHP_SHMTABLE_ASAN 0
#endif
#if defined(__SANITIZE_THREAD__) || __has_feature(thread_sanitizer)
#define PHP_SHMTABLE_TSAN 1
#else
#define PHP_SHMTABLE_TSAN 0
#endif
#ifndef SHMTABLE_BUILD_CFLAGS
#define SHMTABLE_BUILD_CFLAGS ""
#endif

PHP_MINFO_FUNCTION(shmtable)
{
	(void)zend_module;
	char buf[128];
	php_info_print_table_start();
	php_info_print_table_row(2, "shmtable support", "enabled");
	php_info_print_table_row(2, "Version", PHP_SHMTABLE_VERSION);
	php_info_print_table_row(2, "Engine version", SHMT_VERSION);
	/* "Locking" => "seqlock reads, writes under a robust process-shared pthread mutex (glibc 2.36)" */
	{
		char os[96];
		shmt_os_describe(os, sizeof(os));
		snprintf(buf, sizeof(buf), "seqlock reads, writes under a %s", os);
		php_info_print_table_row(2, "Locking", buf);
	}
	php_info_print_table_row(2, "Hash", "SipHash-1-3, random seed per table");
	php_info_print_table_row(2, "Compiler", PHP_SHMTABLE_COMPILER);
	php_info_print_table_row(2, "CFLAGS", SHMTABLE_BUILD_CFLAGS[0] ? SHMTABLE_BUILD_CFLAGS : "(none)");
	php_info_print_table_row(2, "Debug build", ZEND_DEBUG ? "yes" : "no");
#ifdef ZTS
	php_info_print_table_row(2, "Thread safety", "ZTS");
#else
	php_info_print_table_row(2, "Thread safety", "NTS");
#endif
	/* UBSan defines no macro; the CFLAGS row shows -fsanitize=undefined. */
	snprintf(buf, sizeof(buf), "%s%s%s",
	         PHP_SHMTABLE_ASAN ? "address" : "",
	         PHP_SHMTABLE_ASAN && PHP_SHMTABLE_TSAN ? ", " : "",
	         PHP_SHMTABLE_TSAN ? "thread" : "");
	php_info_print_table_row(2, "Sanitizers", buf[0] ? buf : "none detected");
	snprintf(buf, sizeof(buf), ZEND_LONG_FMT,
	         __atomic_load_n(&php_shmtable_live_tables, __ATOMIC_RELAXED));
	php_info_print_table_row(2, "Tables mapped by this process", buf);
	snprintf(buf, sizeof(buf), ZEND_LONG_FMT,
	         __atomic_load_n(&php_shmtable_live_bytes, __ATOMIC_RELAXED));
	php_info_print_table_row(2, "Bytes mapped by those tables", buf);
	php_info_print_table_end();
}

zend_module_entry shmtable_module_entry = {
	STANDARD_MODULE_HEADER,
	"shmtable",
	NULL,
	PHP_MINIT(shmtable),
	PHP_MSHUTDOWN(shmtable),
	PHP_SHMTABLE_RINIT,
	NULL,
	PHP_MINFO(shmtable),
	PHP_SHMTABLE_VERSION,
	STANDARD_MODULE_PROPERTIES
};

#ifdef COMPILE_DL_SHMTABLE
#ifdef ZTS
ZEND_TSRMLS_CACHE_DEFINE()
#endif
ZEND_GET_MODULE(shmtable)
#endif
