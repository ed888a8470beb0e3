/*
 * shmtable.c - the module of the Zend binding of the shmtable engine:
 * MINIT (the classes ShmTable\Table, ShmTable\Exception and
 * ShmTable\FullException), RINIT, MSHUTDOWN, phpinfo() and the module
 * entry: the file named after the extension, as in ext/NAME/NAME.c.
 *
 * The binding stays thin. It parses arguments, converts every PHP value to
 * an engine value *before* the engine takes any lock (conversion may run
 * user code: __toString, error handlers), maps engine statuses to
 * exceptions, and builds zvals only from private row copies after the
 * engine has let go of everything shared. Its other files:
 *   shmtable_internal.h   the object, fetch macros, shared prototypes
 *   shmtable_registry.c   per-process registry of named/file mappings (plain C)
 *   shmtable_errors.c     argument errors, engine statuses -> exceptions
 *   shmtable_convert.c    PHP values <-> engine values, memory_limit checks
 *   shmtable_lifecycle.c  __construct, column, create, attach, unlink, flush, destroy
 *   shmtable_methods.c    sizes, stats, check, flushExpired, helpers of the methods
 *   shmtable_methods_read.c   get, exists, ttl
 *   shmtable_methods_write.c  set, add, update, del, getdel, cmpdel, cmpset, expire
 *   shmtable_methods_incr.c   incr, decr (one column or several)
 *   shmtable_handlers.c   object create/free, $t[...] and count() handlers, ArrayAccess
 *   shmtable_iterator.c   the cursor, the Iterator methods, the foreach iterator
 *   shmtable_inspect.c    list(), columns(), name(), path(), the var_dump() view
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "shmtable_internal.h"
#include "shmtable_sync.h"
#include "src/shmt_os.h"
#include "src/shmt_test.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "shmtable_arginfo.h"

zend_class_entry *php_shmtable_ce;
zend_class_entry *php_shmtable_exception_ce;
zend_class_entry *php_shmtable_full_ce;

/* ------------------------------------------------------------------ */
/* Module                                                               */

PHP_INI_BEGIN()
	PHP_INI_ENTRY("shmtable.swoole_compat", "0", PHP_INI_SYSTEM, NULL)
PHP_INI_END()

/*
 * shmtable.swoole_compat=1 makes Swoole\Table (and swoole_table, its short
 * name in Swoole 4 and earlier) a second name of ShmTable\Table, so that code written for
 * Swoole runs unedited. Swoole registers its classes in its own MINIT, and
 * it may be loaded before or after this module, so the names are added
 * once every module has started: in zend_post_startup()'s callback (chained
 * ahead of whatever was there; opcache chains itself ahead of us later and
 * calls us first). If either name exists then, it belongs to somebody else
 * (Swoole itself): neither is added and a startup warning says so. Loaded
 * with dl(), the module is started after the others, so MINIT does it.
 */
static const char *const php_shmtable_swoole_names[] = {"Swoole\\Table", "swoole_table"};
static zend_result (*php_shmtable_prev_post_startup)(void);

static void php_shmtable_swoole_alias(void)
{
	for (size_t i = 0; i < sizeof(php_shmtable_swoole_names) / sizeof(*php_shmtable_swoole_names); i++) {
		const char *name = php_shmtable_swoole_names[i];
		zend_class_entry *other = zend_hash_str_find_ptr_lc(CG(class_table), name, strlen(name));
		if (other != NULL) {
			char owner[128];
			if (other->type == ZEND_INTERNAL_CLASS && other->info.internal.module != NULL) {
				snprintf(owner, sizeof(owner), "the %s extension", other->info.internal.module->name);
			} else {
				snprintf(owner, sizeof(owner), "a script");
			}
			php_error_docref(NULL, E_WARNING,
			                 "shmtable.swoole_compat is on, but the class %s already exists "
			                 "(defined by %s): Swoole\\Table and swoole_table are not made "
			                 "names of ShmTable\\Table",
			                 ZSTR_VAL(other->name), owner);
			return;
		}
	}
	for (size_t i = 0; i < sizeof(php_shmtable_swoole_names) / sizeof(*php_shmtable_swoole_names); i++) {
		const char *name = php_shmtable_swoole_names[i];
		zend_register_class_alias_ex(name, strlen(name), php_shmtable_ce, 1);
	}
}

static zend_result php_shmtable_post_startup(void)
{
	zend_result (*prev)(void) = php_shmtable_prev_post_startup;
	php_shmtable_prev_post_startup = NULL;
	if (prev != NULL && prev() != SUCCESS) {
		return FAILURE;
	}
	php_shmtable_swoole_alias();
	return SUCCESS;
}

/* A ZTS PHP keeps its interpreter state per thread; a shared module built
 * with ZEND_ENABLE_STATIC_TSRMLS_CACHE (config.m4) reaches it (EG(), ...)
 * through a thread-local copy of its own, defined below, which each thread
 * sets before it runs this module's code: the main thread in MINIT, every
 * request thread in RINIT. A module compiled into PHP uses PHP's copy. */
#if defined(ZTS) && defined(COMPILE_DL_SHMTABLE)
#define PHP_SHMTABLE_TSRMLS_CACHE 1
#endif

/*
 * The test clock. With SHMTABLE_TEST_CLOCK=1 in the environment at startup
 * (the phpt tests set it), and only then, the table clock of this process
 * stands still from startup on, and the module registers
 * ShmTable\test_clock_advance(float $seconds): float, which moves it on
 * (children forked later inherit it) and returns how far it moved in all,
 * in seconds, so that tests of expiry are exact and need no sleep. Never
 * registered otherwise: it is not part of the API.
 */
static const char php_shmtable_test_clock_env[] = "SHMTABLE_TEST_CLOCK";

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_shmtable_test_clock_advance, 0, 1, IS_DOUBLE, 0)
	ZEND_ARG_TYPE_INFO(0, seconds, IS_DOUBLE, 0)
ZEND_END_ARG_INFO()

static PHP_FUNCTION(shmtable_test_clock_advance)
{
	double seconds;
	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_DOUBLE(seconds)
	ZEND_PARSE_PARAMETERS_END();
	shmt_test_clock_offset_ns += (int64_t)(seconds * 1e9);
	RETURN_DOUBLE((double)shmt_test_clock_offset_ns / 1e9);
}

static const zend_function_entry php_shmtable_test_functions[] = {
	ZEND_RAW_FENTRY("ShmTable\\test_clock_advance", PHP_FN(shmtable_test_clock_advance),
	                arginfo_shmtable_test_clock_advance, 0)
	ZEND_FE_END
};

PHP_MINIT_FUNCTION(shmtable)
{
#ifdef PHP_SHMTABLE_TSRMLS_CACHE
	ZEND_TSRMLS_CACHE_UPDATE();
#endif
	if (php_shmtable_reg_startup() != 0) {
		return FAILURE;
	}
#ifndef ZTS
	/* Without threads, only this thread calls the engine. */
	shmt_one_thread();
#endif
	php_shmtable_ce = register_class_ShmTable_Table(zend_ce_arrayaccess, zend_ce_iterator,
	                                                zend_ce_countable);
	php_shmtable_init_handlers(php_shmtable_ce);
	/* After zend_class_implements() so that Iterator does not reset it. */
	php_shmtable_ce->get_iterator = php_shmtable_get_iterator;

	php_shmtable_exception_ce = register_class_ShmTable_Exception(spl_ce_RuntimeException);
	php_shmtable_full_ce = register_class_ShmTable_FullException(php_shmtable_exception_ce);
	php_shmtable_sync_minit(register_class_ShmTable_Atomic(), register_class_ShmTable_Lock());

	REGISTER_INI_ENTRIES();
	if (INI_BOOL("shmtable.swoole_compat")) {
		if (type == MODULE_TEMPORARY) {
			php_shmtable_swoole_alias();
		} else {
			php_shmtable_prev_post_startup = zend_post_startup_cb;
			zend_post_startup_cb = php_shmtable_post_startup;
		}
	}
	const char *test_clock = getenv(php_shmtable_test_clock_env);
	if (test_clock != NULL && strcmp(test_clock, "1") == 0) {
		shmt_test_boottime_ns = shmt_os_boottime_ns();
		zend_register_functions(NULL, php_shmtable_test_functions, NULL, type);
	}
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
	UNREGISTER_INI_ENTRIES();
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
	int64_t tables, bytes;
	php_shmtable_mapped_totals(&tables, &bytes);
	snprintf(buf, sizeof(buf), "%" PRId64, tables);
	php_info_print_table_row(2, "Tables mapped by this process", buf);
	snprintf(buf, sizeof(buf), "%" PRId64, bytes);
	php_info_print_table_row(2, "Bytes mapped by those tables", buf);
	php_info_print_table_end();
	DISPLAY_INI_ENTRIES();
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
