/*
 * shmtable_methods.c - the methods on sizes and statistics (count,
 * getSize, getMemorySize, stats, check) and flushExpired(), and the
 * helpers the method files share (column by name, $ttl). The methods on
 * rows are in shmtable_methods_read.c (get, exists, ttl),
 * shmtable_methods_write.c (set, add, update, del, getdel, cmpdel, cmpset,
 * expire) and shmtable_methods_incr.c (incr, decr).
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "shmtable_internal.h"
#include "ext/standard/php_array.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* Column index by name, or -1 with a ValueError naming argument argn. */
int php_shmtable_column(php_shmtable_obj *obj, const char *method, int argn,
                        const char *argname, zend_string *name)
{
	/* A literal column name is the interned name itself: no hashing. */
	for (uint32_t i = 0; i < obj->ndefs && i < PHP_SHMTABLE_SCAN_COLUMNS && obj->names != NULL;
	     i++) {
		if (obj->names[i] == name) {
			return (int)i;
		}
	}
	zval *idx = zend_hash_find(&obj->colmap, name);
	if (UNEXPECTED(idx == NULL)) {
		php_shmtable_arg_error(zend_ce_value_error, method, argn, argname,
		                       "must be a column name, \"%s\" given", ZSTR_VAL(name));
		return -1;
	}
	return (int)Z_LVAL_P(idx);
}

/* A $ttl argument in seconds as the engine's nanoseconds: null keeps
 * (SHMT_TTL_KEEP, only where allow_null), 0 never, > 0 that long from now
 * (at least 1 ns, so that a tiny ttl never reads as "never"). Negative,
 * NaN, infinite or above PHP_SHMTABLE_TTL_MAX: ValueError. */
bool php_shmtable_ttl_ns(const char *method, int argn, double ttl, bool is_null,
                         int64_t *out)
{
	if (is_null) {
		*out = SHMT_TTL_KEEP;
		return true;
	}
	if (UNEXPECTED(!(ttl >= 0.0 && ttl <= PHP_SHMTABLE_TTL_MAX))) {
		char given[64];
		snprintf(given, sizeof(given), "%.17g", ttl);
		php_shmtable_arg_error(zend_ce_value_error, method, argn, "ttl",
		                       "must be a number of seconds between 0 and %.0f, %s given",
		                       PHP_SHMTABLE_TTL_MAX, given);
		return false;
	}
	double ns = ceil(ttl * 1e9);
	*out = ttl > 0.0 && ns < 1.0 ? 1 : (int64_t)ns;
	return true;
}

/* ------------------------------------------------------------------ */
/* Methods: expiry                                                      */

PHP_METHOD(ShmTable_Table, flushExpired)
{
	zend_long max = 0;
	php_shmtable_obj *obj = Z_SHMTABLE_P(ZEND_THIS);
	ZEND_PARSE_PARAMETERS_START(0, 1)
		Z_PARAM_OPTIONAL
		Z_PARAM_LONG(max)
	ZEND_PARSE_PARAMETERS_END();
	if (max < 0) {
		php_shmtable_arg_error(zend_ce_value_error, "flushExpired", 1, "max",
		                       "must be greater than or equal to 0 (0: every expired row)");
		RETURN_THROWS();
	}
	shmt_table *t = php_shmtable_live(obj);
	if (t == NULL) {
		RETURN_THROWS();
	}
	uint64_t n;
	shmt_status st = shmt_flush_expired(t, (uint64_t)max, &n);
	if (st != SHMT_OK) {
		php_shmtable_status_error(st, obj, "flushExpired");
		RETURN_THROWS();
	}
	RETURN_LONG((zend_long)n);
}

/* ------------------------------------------------------------------ */
/* Methods: sizes and statistics                                        */

PHP_METHOD(ShmTable_Table, count)
{
	php_shmtable_obj *obj = Z_SHMTABLE_P(ZEND_THIS);
	zend_long mode = PHP_COUNT_NORMAL;
	ZEND_PARSE_PARAMETERS_START(0, 1)
		Z_PARAM_OPTIONAL
		Z_PARAM_LONG(mode)
	ZEND_PARSE_PARAMETERS_END();
	/* As count() itself: the rows are flat, so both modes count the same. */
	if (mode != PHP_COUNT_NORMAL && mode != PHP_COUNT_RECURSIVE) {
		zend_argument_value_error(1, "must be either COUNT_NORMAL or COUNT_RECURSIVE");
		RETURN_THROWS();
	}
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

/* The bins of stats()['chain_histogram']: buckets whose chain holds 0, 1,
 * ... rows; the last bin counts every longer chain too. */
#define PHP_SHMTABLE_CHAIN_BINS 9

/* stats()'s chain_histogram and stripe_rows, as shmt_get_stats_shape()
 * filled them. */
static void php_shmtable_shape(const uint64_t *hist, const uint64_t *per, uint32_t nstripes,
                               zval *rv)
{
	zval h, p;
	array_init_size(&h, PHP_SHMTABLE_CHAIN_BINS);
	for (uint32_t i = 0; i < PHP_SHMTABLE_CHAIN_BINS; i++) {
		add_next_index_long(&h, (zend_long)hist[i]);
	}
	array_init_size(&p, nstripes);
	for (uint32_t i = 0; i < nstripes; i++) {
		add_next_index_long(&p, (zend_long)per[i]);
	}
	add_assoc_zval(rv, "chain_histogram", &h);
	add_assoc_zval(rv, "stripe_rows", &p);
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
	uint64_t hist[PHP_SHMTABLE_CHAIN_BINS];
	uint32_t nstripes = shmt_nstripes(t);
	uint64_t *per = safe_emalloc(nstripes, sizeof(uint64_t), 0);
	shmt_get_stats_shape(t, &s, hist, PHP_SHMTABLE_CHAIN_BINS, per);
	array_init_size(return_value, 24);
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
	/* Swoole\Table's keys, with their meaning in this table (reference.md). */
	STAT("conflict_count", s.chained_rows);
	STAT("conflict_max_level", s.max_chain);
	STAT("available_slice_num", s.rows < s.size ? s.size - s.rows : 0);
	STAT("total_slice_num", s.size);
	STAT("expired", s.expired);
	STAT("evicted", s.evicted);
#undef STAT
	add_assoc_string(return_value, "evict", s.evict == SHMT_EVICT_LRU ? "lru" : "none");
	/* Hits and misses of reads are not counted: counting them would make
	 * every read store to shared memory, which reads never do. */
	php_shmtable_shape(hist, per, nstripes, return_value);
	efree(per);
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
