/*
 * shmtable_iterator.c - iteration: a cursor over bucket snapshots, the
 * Iterator methods of the object, and the foreach iterator of its own.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "shmtable_internal.h"

#include <string.h>

typedef struct {
	zend_object_iterator it;
	php_shmtable_cursor cursor;
	zval current;
} php_shmtable_iter;

/* ------------------------------------------------------------------ */
/* Iteration                                                            */

static void php_shmtable_cursor_free_buf(php_shmtable_cursor *c)
{
	if (c->buf != NULL) {
		efree(c->buf);
		c->buf = NULL;
	}
	c->cap = 0;
}

void php_shmtable_cursor_free(php_shmtable_cursor *c)
{
	php_shmtable_cursor_free_buf(c);
	memset(c, 0, sizeof(*c));
}

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
		/* Several buckets per snapshot call: room for up to
		 * PHP_SHMTABLE_SNAPSHOT_ROWS rows within PHP_SHMTABLE_ROW_BUDGET,
		 * and for one row at least. */
		size_t img_size = shmt_image_size(obj->t);
		size_t rows = PHP_SHMTABLE_ROW_BUDGET / img_size;
		rows = rows > PHP_SHMTABLE_SNAPSHOT_ROWS ? PHP_SHMTABLE_SNAPSHOT_ROWS
		       : rows < 1                        ? 1
		                                         : rows;
		size_t cap = img_size * rows;
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

/* For current() and key(): the own cursor when it is at a row; else NULL,
 * with an exception thrown or (past the end) null in rv. */
static php_shmtable_cursor *php_shmtable_own_row(php_shmtable_obj *obj, zval *rv)
{
	php_shmtable_cursor *c = php_shmtable_own_cursor(obj);
	if (c != NULL && !php_shmtable_cursor_valid(c)) {
		ZVAL_NULL(rv);
		return NULL;
	}
	return c;
}

PHP_METHOD(ShmTable_Table, current)
{
	php_shmtable_obj *obj = Z_SHMTABLE_P(ZEND_THIS);
	ZEND_PARSE_PARAMETERS_NONE();
	php_shmtable_cursor *c = php_shmtable_own_row(obj, return_value);
	if (c != NULL && !php_shmtable_cursor_row(obj, c, "current", return_value)) {
		RETURN_THROWS();
	}
}

PHP_METHOD(ShmTable_Table, key)
{
	php_shmtable_obj *obj = Z_SHMTABLE_P(ZEND_THIS);
	ZEND_PARSE_PARAMETERS_NONE();
	php_shmtable_cursor *c = php_shmtable_own_row(obj, return_value);
	if (c != NULL) {
		php_shmtable_cursor_key(obj, c, return_value);
	}
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

zend_object_iterator *php_shmtable_get_iterator(zend_class_entry *ce, zval *object,
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
