/*
 * shmtable_sync.c - the classes ShmTable\Atomic and ShmTable\Lock: argument
 * checks, exceptions, object life cycle and var_dump() view, over the
 * engine in src/shmt_atomic.c and src/shmt_ulock.c.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "shmtable_internal.h"
#include "shmtable_sync.h"
#include "src/shmt_sync_open.h"
#include "ext/standard/flock_compat.h"

#include <math.h>

zend_class_entry *php_shmtable_atomic_ce;
zend_class_entry *php_shmtable_lock_ce;

static zend_object_handlers php_shmtable_atomic_handlers;
static zend_object_handlers php_shmtable_lock_handlers;

typedef struct {
	shmt_atomic *a;
	shmt_sync_named *named; /* a named Atomic: the mapping a lives in */
	zend_object std;
} php_shmtable_atomic_obj;

typedef struct {
	shmt_ulock *l;
	int type;             /* SHMT_ULOCK_MUTEX or SHMT_ULOCK_RWLOCK */
	shmt_ulock_hold hold; /* what this process holds (and keeps) through this object */
	shmt_sync_named *named; /* a named Lock: the mapping l lives in */
	zend_object std;
} php_shmtable_lock_obj;

static inline php_shmtable_atomic_obj *atomic_from(zend_object *o)
{
	return (php_shmtable_atomic_obj *)((char *)o - XtOffsetOf(php_shmtable_atomic_obj, std));
}

static inline php_shmtable_lock_obj *lock_from(zend_object *o)
{
	return (php_shmtable_lock_obj *)((char *)o - XtOffsetOf(php_shmtable_lock_obj, std));
}

/* The object of a method, or NULL with an Error when __construct did not
 * run (a subclass cannot exist: the classes are final; this is for
 * ReflectionClass::newInstanceWithoutConstructor()). */
static shmt_atomic *atomic_live(zval *this_ptr)
{
	shmt_atomic *a = atomic_from(Z_OBJ_P(this_ptr))->a;
	if (a == NULL) {
		zend_throw_error(NULL, "ShmTable\\Atomic object is not initialized");
	}
	return a;
}

static php_shmtable_lock_obj *lock_live(zval *this_ptr)
{
	php_shmtable_lock_obj *obj = lock_from(Z_OBJ_P(this_ptr));
	if (obj->l == NULL) {
		zend_throw_error(NULL, "ShmTable\\Lock object is not initialized");
		return NULL;
	}
	return obj;
}

/* A timeout in seconds as nanoseconds: negative (any) means none. */
static bool timeout_ns(const char *method, int argn, double seconds, int64_t *ns)
{
	if (isnan(seconds)) {
		zend_argument_value_error(argn, "must not be NAN");
		(void)method;
		return false;
	}
	if (seconds < 0 || seconds >= 9.2e9) {
		*ns = -1; /* INF and anything past ~292 years: no limit */
	} else {
		*ns = (int64_t)(seconds * 1e9);
	}
	return true;
}

/* ------------------------------------------------------------------ */
/* Named objects                                                        */

#define SYNC_DEFAULT_MODE 0600

/* Check the name and mode arguments (argument numbers name_arg, name_arg
 * + 1); false with a ValueError thrown. */
static bool sync_check_args(zend_string *name, int name_arg, zend_long mode, bool with_mode)
{
	if (name != NULL && (ZSTR_LEN(name) != strlen(ZSTR_VAL(name)) ||
	                     !shmt_name_valid(ZSTR_VAL(name), ZSTR_LEN(name)))) {
		zend_argument_value_error(name_arg, "must be 1 to %u bytes of letters, digits, '.', "
		                          "'_' and '-', not starting with '.'", SHMT_MAX_NAME);
		return false;
	}
	if (with_mode && (mode < 0 || mode > 0777)) {
		zend_argument_value_error(name_arg + 1, "must be between 0 and 0777");
		return false;
	}
	return true;
}

/* Open (create: or make) a named Atomic or Lock; NULL with an exception. */
static shmt_sync_named *sync_open(const char *cls, zend_string *name, int kind, int type,
                                  int64_t value, int create, zend_long mode)
{
	char msg[PHP_SHMTABLE_MSG_SIZE];
	shmt_sync_named *n = NULL;
	shmt_status st = shmt_sync_open(&n, ZSTR_VAL(name), kind, type, value, create,
	                                (unsigned)mode, msg, sizeof(msg));
	if (st != SHMT_OK) {
		zend_throw_exception_ex(php_shmtable_exception_ce, 0, "ShmTable\\%s: %s", cls,
		                        msg[0] != '\0' ? msg : shmt_status_message(st));
		return NULL;
	}
	return n;
}

static void sync_unlink(INTERNAL_FUNCTION_PARAMETERS)
{
	zend_string *name;
	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_STR(name)
	ZEND_PARSE_PARAMETERS_END();
	if (!sync_check_args(name, 1, 0, false)) {
		RETURN_THROWS();
	}
	char msg[PHP_SHMTABLE_MSG_SIZE];
	shmt_status st = shmt_sync_unlink(ZSTR_VAL(name), msg, sizeof(msg));
	if (st == SHMT_OK || st == SHMT_NOT_FOUND) {
		RETURN_BOOL(st == SHMT_OK);
	}
	php_shmtable_open_error(st, 0, msg);
	RETURN_THROWS();
}

/* ------------------------------------------------------------------ */
/* Atomic                                                               */

PHP_METHOD(ShmTable_Atomic, __construct)
{
	zend_long value = 0;
	zend_string *name = NULL;
	zend_long mode = SYNC_DEFAULT_MODE;
	ZEND_PARSE_PARAMETERS_START(0, 3)
		Z_PARAM_OPTIONAL
		Z_PARAM_LONG(value)
		Z_PARAM_STR_OR_NULL(name)
		Z_PARAM_LONG(mode)
	ZEND_PARSE_PARAMETERS_END();
	php_shmtable_atomic_obj *obj = atomic_from(Z_OBJ_P(ZEND_THIS));
	if (obj->a != NULL) {
		zend_throw_error(NULL, "Cannot call ShmTable\\Atomic::__construct() twice");
		RETURN_THROWS();
	}
	if (!sync_check_args(name, 2, mode, true)) {
		RETURN_THROWS();
	}
	if (name != NULL) {
		obj->named = sync_open("Atomic", name, SHMT_SYNC_ATOMIC, 0, (int64_t)value, 1, mode);
		if (obj->named == NULL) {
			RETURN_THROWS();
		}
		obj->a = shmt_sync_atomic(obj->named);
		return;
	}
	obj->a = shmt_atomic_new((int64_t)value);
	if (obj->a == NULL) {
		zend_throw_exception(php_shmtable_exception_ce,
		                     "ShmTable\\Atomic::__construct(): cannot map shared memory", 0);
		RETURN_THROWS();
	}
}

PHP_METHOD(ShmTable_Atomic, attach)
{
	zend_string *name;
	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_STR(name)
	ZEND_PARSE_PARAMETERS_END();
	if (!sync_check_args(name, 1, 0, false)) {
		RETURN_THROWS();
	}
	shmt_sync_named *n = sync_open("Atomic", name, SHMT_SYNC_ATOMIC, 0, 0, 0, 0);
	if (n == NULL) {
		RETURN_THROWS();
	}
	object_init_ex(return_value, php_shmtable_atomic_ce);
	php_shmtable_atomic_obj *obj = atomic_from(Z_OBJ_P(return_value));
	obj->named = n;
	obj->a = shmt_sync_atomic(n);
}

PHP_METHOD(ShmTable_Atomic, unlink)
{
	sync_unlink(INTERNAL_FUNCTION_PARAM_PASSTHRU);
}

PHP_METHOD(ShmTable_Atomic, get)
{
	ZEND_PARSE_PARAMETERS_NONE();
	shmt_atomic *a = atomic_live(ZEND_THIS);
	if (a == NULL) {
		RETURN_THROWS();
	}
	RETURN_LONG((zend_long)shmt_atomic_get(a));
}

PHP_METHOD(ShmTable_Atomic, set)
{
	zend_long value;
	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_LONG(value)
	ZEND_PARSE_PARAMETERS_END();
	shmt_atomic *a = atomic_live(ZEND_THIS);
	if (a == NULL) {
		RETURN_THROWS();
	}
	shmt_atomic_set(a, (int64_t)value);
}

static void atomic_step(INTERNAL_FUNCTION_PARAMETERS, bool subtract)
{
	zend_long delta = 1;
	ZEND_PARSE_PARAMETERS_START(0, 1)
		Z_PARAM_OPTIONAL
		Z_PARAM_LONG(delta)
	ZEND_PARSE_PARAMETERS_END();
	shmt_atomic *a = atomic_live(ZEND_THIS);
	if (a == NULL) {
		RETURN_THROWS();
	}
	int64_t out;
	int rc = subtract ? shmt_atomic_sub(a, (int64_t)delta, &out)
	                  : shmt_atomic_add(a, (int64_t)delta, &out);
	if (rc != 0) {
		zend_throw_exception_ex(zend_ce_arithmetic_error, 0,
		                        "ShmTable\\Atomic::%s(): integer overflow",
		                        subtract ? "sub" : "add");
		RETURN_THROWS();
	}
	RETURN_LONG((zend_long)out);
}

PHP_METHOD(ShmTable_Atomic, add)
{
	atomic_step(INTERNAL_FUNCTION_PARAM_PASSTHRU, false);
}

PHP_METHOD(ShmTable_Atomic, sub)
{
	atomic_step(INTERNAL_FUNCTION_PARAM_PASSTHRU, true);
}

PHP_METHOD(ShmTable_Atomic, cmpset)
{
	zend_long cmp_value, new_value;
	ZEND_PARSE_PARAMETERS_START(2, 2)
		Z_PARAM_LONG(cmp_value)
		Z_PARAM_LONG(new_value)
	ZEND_PARSE_PARAMETERS_END();
	shmt_atomic *a = atomic_live(ZEND_THIS);
	if (a == NULL) {
		RETURN_THROWS();
	}
	RETURN_BOOL(shmt_atomic_cmpset(a, (int64_t)cmp_value, (int64_t)new_value));
}

PHP_METHOD(ShmTable_Atomic, wait)
{
	double timeout = 1.0;
	ZEND_PARSE_PARAMETERS_START(0, 1)
		Z_PARAM_OPTIONAL
		Z_PARAM_DOUBLE(timeout)
	ZEND_PARSE_PARAMETERS_END();
	int64_t ns;
	if (!timeout_ns("wait", 1, timeout, &ns)) {
		RETURN_THROWS();
	}
	shmt_atomic *a = atomic_live(ZEND_THIS);
	if (a == NULL) {
		RETURN_THROWS();
	}
	RETURN_BOOL(shmt_atomic_wait(a, ns));
}

PHP_METHOD(ShmTable_Atomic, wakeup)
{
	zend_long count = 1;
	ZEND_PARSE_PARAMETERS_START(0, 1)
		Z_PARAM_OPTIONAL
		Z_PARAM_LONG(count)
	ZEND_PARSE_PARAMETERS_END();
	if (count < 1) {
		zend_argument_value_error(1, "must be greater than or equal to 1");
		RETURN_THROWS();
	}
	shmt_atomic *a = atomic_live(ZEND_THIS);
	if (a == NULL) {
		RETURN_THROWS();
	}
	shmt_atomic_wakeup(a, count > INT32_MAX ? INT32_MAX : (int)count);
	RETURN_TRUE;
}

static zend_object *atomic_create(zend_class_entry *ce)
{
	php_shmtable_atomic_obj *obj = zend_object_alloc(sizeof(php_shmtable_atomic_obj), ce);
	zend_object_std_init(&obj->std, ce);
	object_properties_init(&obj->std, ce);
	obj->std.handlers = &php_shmtable_atomic_handlers;
	return &obj->std;
}

static void atomic_free(zend_object *o)
{
	php_shmtable_atomic_obj *obj = atomic_from(o);
	if (obj->named != NULL) {
		shmt_sync_close(obj->named);
		obj->named = NULL;
		obj->a = NULL;
	} else if (obj->a != NULL) {
		shmt_atomic_free(obj->a);
		obj->a = NULL;
	}
	zend_object_std_dtor(o);
}

static HashTable *atomic_debug_info(zend_object *o, int *is_temp)
{
	php_shmtable_atomic_obj *obj = atomic_from(o);
	HashTable *ht = zend_new_array(2);
	*is_temp = 1;
	if (obj->a != NULL) {
		zval v;
		ZVAL_LONG(&v, (zend_long)shmt_atomic_get(obj->a));
		zend_hash_str_add_new(ht, "value", sizeof("value") - 1, &v);
		ZVAL_LONG(&v, (zend_long)shmt_atomic_wakeups(obj->a));
		zend_hash_str_add_new(ht, "wakeups", sizeof("wakeups") - 1, &v);
		if (obj->named != NULL) {
			ZVAL_STRING(&v, shmt_sync_name(obj->named));
			zend_hash_str_add_new(ht, "name", sizeof("name") - 1, &v);
		}
	}
	return ht;
}

/* ------------------------------------------------------------------ */
/* Lock                                                                 */

PHP_METHOD(ShmTable_Lock, __construct)
{
	zend_long type = SHMT_ULOCK_MUTEX;
	zend_string *name = NULL;
	zend_long mode = SYNC_DEFAULT_MODE;
	ZEND_PARSE_PARAMETERS_START(0, 3)
		Z_PARAM_OPTIONAL
		Z_PARAM_LONG(type)
		Z_PARAM_STR_OR_NULL(name)
		Z_PARAM_LONG(mode)
	ZEND_PARSE_PARAMETERS_END();
	php_shmtable_lock_obj *obj = lock_from(Z_OBJ_P(ZEND_THIS));
	if (obj->l != NULL) {
		zend_throw_error(NULL, "Cannot call ShmTable\\Lock::__construct() twice");
		RETURN_THROWS();
	}
	if (type != SHMT_ULOCK_MUTEX && type != SHMT_ULOCK_RWLOCK) {
		zend_argument_value_error(1, "must be ShmTable\\Lock::MUTEX or ShmTable\\Lock::RWLOCK");
		RETURN_THROWS();
	}
	if (!sync_check_args(name, 2, mode, true)) {
		RETURN_THROWS();
	}
	if (name != NULL) {
		obj->named = sync_open("Lock", name, SHMT_SYNC_LOCK, (int)type, 0, 1, mode);
		if (obj->named == NULL) {
			RETURN_THROWS();
		}
		obj->l = shmt_sync_lock(obj->named);
		obj->type = (int)type;
		return;
	}
	obj->type = (int)type;
	obj->l = shmt_ulock_new((int)type);
	if (obj->l == NULL) {
		zend_throw_exception(php_shmtable_exception_ce,
		                     "ShmTable\\Lock::__construct(): cannot map shared memory", 0);
		RETURN_THROWS();
	}
}

PHP_METHOD(ShmTable_Lock, attach)
{
	zend_string *name;
	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_STR(name)
	ZEND_PARSE_PARAMETERS_END();
	if (!sync_check_args(name, 1, 0, false)) {
		RETURN_THROWS();
	}
	shmt_sync_named *n = sync_open("Lock", name, SHMT_SYNC_LOCK, 0, 0, 0, 0);
	if (n == NULL) {
		RETURN_THROWS();
	}
	object_init_ex(return_value, php_shmtable_lock_ce);
	php_shmtable_lock_obj *obj = lock_from(Z_OBJ_P(return_value));
	obj->named = n;
	obj->l = shmt_sync_lock(n);
	obj->type = shmt_ulock_type(obj->l);
}

PHP_METHOD(ShmTable_Lock, unlink)
{
	sync_unlink(INTERNAL_FUNCTION_PARAM_PASSTHRU);
}

/* lock()'s argument checks, out of its fast path: false with the error
 * thrown. */
static zend_never_inline bool lock_args_bad(php_shmtable_lock_obj *obj, zend_long mode)
{
	if (mode != PHP_LOCK_EX && mode != PHP_LOCK_SH) {
		zend_argument_value_error(1, "must be LOCK_EX or LOCK_SH, optionally | LOCK_NB");
		return true;
	}
	if (mode == PHP_LOCK_SH && obj->type != SHMT_ULOCK_RWLOCK) {
		zend_argument_value_error(1, "cannot be LOCK_SH: a ShmTable\\Lock::MUTEX has no shared mode");
		return true;
	}
	return false;
}

PHP_METHOD(ShmTable_Lock, lock)
{
	zend_long operation = PHP_LOCK_EX;
	double timeout = -1;
	uint32_t argc = ZEND_NUM_ARGS();
	if (EXPECTED(argc == 0)) {
		/* lock(): nothing to parse */
	} else if (EXPECTED(argc == 1 && Z_TYPE_P(ZEND_CALL_ARG(execute_data, 1)) == IS_LONG)) {
		operation = Z_LVAL_P(ZEND_CALL_ARG(execute_data, 1)); /* lock(LOCK_SH) and the like */
	} else {
		ZEND_PARSE_PARAMETERS_START(0, 2)
			Z_PARAM_OPTIONAL
			Z_PARAM_LONG(operation)
			Z_PARAM_DOUBLE(timeout)
		ZEND_PARSE_PARAMETERS_END();
	}
	php_shmtable_lock_obj *obj = lock_from(Z_OBJ_P(ZEND_THIS));
	zend_long mode = operation & ~(zend_long)PHP_LOCK_NB;
	if (UNEXPECTED(obj->l == NULL)) {
		(void)lock_live(ZEND_THIS);
		RETURN_THROWS();
	}
	if (UNEXPECTED(mode != PHP_LOCK_EX && (mode != PHP_LOCK_SH || obj->type != SHMT_ULOCK_RWLOCK))) {
		(void)lock_args_bad(obj, mode);
		RETURN_THROWS();
	}
	int64_t ns = -1;
	if (UNEXPECTED(timeout >= 0 || isnan(timeout))) {
		if (!timeout_ns("lock", 2, timeout, &ns)) {
			RETURN_THROWS();
		}
	}
	if (operation & PHP_LOCK_NB) {
		ns = 0;
	}
	if (UNEXPECTED(shmt_ulock_holds(&obj->hold))) {
		zend_throw_exception(php_shmtable_exception_ce,
		                     "ShmTable\\Lock::lock(): this process holds the lock already", 0);
		RETURN_THROWS();
	}
	shmt_ulock_result r = shmt_ulock_acquire(obj->l, mode == PHP_LOCK_SH, ns, &obj->hold);
	if (EXPECTED(r == SHMT_ULOCK_OK)) {
		RETURN_TRUE; /* hold.died: what ownerDied() answers */
	}
	if (r == SHMT_ULOCK_ERROR) {
		zend_throw_exception(php_shmtable_exception_ce,
		                     "ShmTable\\Lock::lock(): the lock is unusable", 0);
		RETURN_THROWS();
	}
	RETURN_FALSE;
}

PHP_METHOD(ShmTable_Lock, unlock)
{
	ZEND_PARSE_PARAMETERS_NONE();
	php_shmtable_lock_obj *obj = lock_from(Z_OBJ_P(ZEND_THIS));
	if (UNEXPECTED(obj->l == NULL)) {
		(void)lock_live(ZEND_THIS);
		RETURN_THROWS();
	}
	if (UNEXPECTED(shmt_ulock_release(obj->l, &obj->hold) != 0)) {
		zend_throw_exception(php_shmtable_exception_ce,
		                     "ShmTable\\Lock::unlock(): this process does not hold the lock", 0);
		RETURN_THROWS();
	}
	RETURN_TRUE;
}

PHP_METHOD(ShmTable_Lock, ownerDied)
{
	ZEND_PARSE_PARAMETERS_NONE();
	php_shmtable_lock_obj *obj = lock_live(ZEND_THIS);
	if (obj == NULL) {
		RETURN_THROWS();
	}
	RETURN_BOOL(obj->hold.died > 0 && shmt_ulock_holds(&obj->hold));
}

static void lock_stats_array(php_shmtable_lock_obj *obj, zval *rv)
{
	shmt_ulock_stats st;
	shmt_ulock_stats_get(obj->l, &st);
	array_init(rv);
	add_assoc_long(rv, "type", st.type);
	add_assoc_long(rv, "holder", st.holder);
	add_assoc_bool(rv, "holder_dead", st.holder_dead);
	zval readers;
	array_init(&readers);
	for (uint32_t i = 0; i < st.readers; i++) {
		add_next_index_long(&readers, st.reader_pids[i]);
	}
	add_assoc_zval(rv, "readers", &readers);
	add_assoc_long(rv, "dead_readers", st.dead_readers);
	add_assoc_long(rv, "waiters", st.waiters);
	add_assoc_long(rv, "acquisitions", (zend_long)st.acquisitions);
	add_assoc_long(rv, "owner_died", (zend_long)st.owner_died);
	add_assoc_bool(rv, "held_here", shmt_ulock_holds(&obj->hold));
	if (obj->named != NULL) {
		add_assoc_string(rv, "name", shmt_sync_name(obj->named));
	}
}

PHP_METHOD(ShmTable_Lock, stats)
{
	ZEND_PARSE_PARAMETERS_NONE();
	php_shmtable_lock_obj *obj = lock_live(ZEND_THIS);
	if (obj == NULL) {
		RETURN_THROWS();
	}
	lock_stats_array(obj, return_value);
}

static zend_object *lock_create(zend_class_entry *ce)
{
	php_shmtable_lock_obj *obj = zend_object_alloc(sizeof(php_shmtable_lock_obj), ce);
	zend_object_std_init(&obj->std, ce);
	object_properties_init(&obj->std, ce);
	obj->std.handlers = &php_shmtable_lock_handlers;
	return &obj->std;
}

static void lock_free(zend_object *o)
{
	php_shmtable_lock_obj *obj = lock_from(o);
	if (obj->l != NULL) {
		/* A lock this process holds through the object is released with
		 * it, as a file's lock is with its last descriptor. */
		(void)shmt_ulock_release(obj->l, &obj->hold);
		shmt_ulock_forget(obj->l, &obj->hold);
		if (obj->named != NULL) {
			shmt_sync_close(obj->named);
			obj->named = NULL;
		} else {
			shmt_ulock_free(obj->l);
		}
		obj->l = NULL;
	}
	zend_object_std_dtor(o);
}

static HashTable *lock_debug_info(zend_object *o, int *is_temp)
{
	php_shmtable_lock_obj *obj = lock_from(o);
	*is_temp = 1;
	if (obj->l == NULL) {
		return zend_new_array(0);
	}
	zval rv;
	lock_stats_array(obj, &rv);
	return Z_ARRVAL(rv);
}

/* ------------------------------------------------------------------ */

void php_shmtable_sync_minit(zend_class_entry *atomic_ce, zend_class_entry *lock_ce)
{
	php_shmtable_atomic_ce = atomic_ce;
	php_shmtable_atomic_ce->create_object = atomic_create;
	memcpy(&php_shmtable_atomic_handlers, zend_get_std_object_handlers(),
	       sizeof(zend_object_handlers));
	php_shmtable_atomic_handlers.offset = XtOffsetOf(php_shmtable_atomic_obj, std);
	php_shmtable_atomic_handlers.free_obj = atomic_free;
	php_shmtable_atomic_handlers.clone_obj = NULL;
	php_shmtable_atomic_handlers.get_debug_info = atomic_debug_info;

	php_shmtable_lock_ce = lock_ce;
	php_shmtable_lock_ce->create_object = lock_create;
	memcpy(&php_shmtable_lock_handlers, zend_get_std_object_handlers(),
	       sizeof(zend_object_handlers));
	php_shmtable_lock_handlers.offset = XtOffsetOf(php_shmtable_lock_obj, std);
	php_shmtable_lock_handlers.free_obj = lock_free;
	php_shmtable_lock_handlers.clone_obj = NULL;
	php_shmtable_lock_handlers.get_debug_info = lock_debug_info;
}
