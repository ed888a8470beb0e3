/*
 * shmtable_convert.c - conversions between PHP values and engine values:
 * a row array to engine values (before the engine takes any lock), a row
 * image to a PHP array or value (after it has let go), and the
 * memory_limit checks for copies of big rows.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "shmtable_internal.h"

#include <string.h>

size_t php_shmtable_memory_limit(void)
{
	return PG(memory_limit) < 0 ? SIZE_MAX : (size_t)PG(memory_limit);
}

/* What emalloc(bytes) may add to the allocator's real size, which is what
 * memory_limit bounds: a small block its size; a run of pages its share of
 * a 2 MiB chunk when packed with runs of its size (a whole chunk above 255
 * pages: two never share one); a huge block its pages. */
size_t php_shmtable_alloc_cost(size_t bytes)
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
ZEND_COLD bool php_shmtable_memory_fits(const char *method, const char *what,
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
ZEND_COLD void *php_shmtable_big_alloc(const char *method, const char *what,
                                       size_t bytes)
{
	return php_shmtable_memory_fits(method, what, php_shmtable_alloc_cost(bytes))
	           ? emalloc(bytes)
	           : NULL;
}

/* ------------------------------------------------------------------ */
/* PHP values -> engine values                                          */

static inline bool php_shmtable_is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Why a value does not fit an int column (the end of a TypeError). */
#define PHP_SHMTABLE_WHY_FRACTION "float with fractional part"
#define PHP_SHMTABLE_WHY_RANGE    "float out of int range"

/* int64 holds every number of up to 19 decimal digits. */
#define PHP_SHMTABLE_INT64_DIGITS 19
/* An exponent read past this is just as far out of range. */
#define PHP_SHMTABLE_EXP_CAP      INT64_C(1000000000000)

/* A numeric string taken apart: the digits are ip[0..nint) then
 * fp[0..nfrac), and the value is (-)digits * 10^(exp - nfrac). */
typedef struct {
	bool neg;
	const char *ip;
	size_t nint;
	const char *fp;
	size_t nfrac;
	int64_t exp;
} php_shmtable_decimal;

static void php_shmtable_decimal_parse(const char *s, size_t len, php_shmtable_decimal *dec)
{
	const char *p = s, *end = s + len;
	while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\v' ||
	                   *p == '\f')) {
		p++;
	}
	dec->neg = false;
	if (p < end && (*p == '-' || *p == '+')) {
		dec->neg = *p == '-';
		p++;
	}
	dec->ip = p;
	while (p < end && php_shmtable_is_digit(*p)) {
		p++;
	}
	dec->nint = (size_t)(p - dec->ip);
	dec->fp = p;
	if (p < end && *p == '.') {
		dec->fp = ++p;
		while (p < end && php_shmtable_is_digit(*p)) {
			p++;
		}
	}
	dec->nfrac = (size_t)(p - dec->fp);
	dec->exp = 0;
	if (p < end && (*p == 'e' || *p == 'E')) {
		p++;
		bool eneg = false;
		if (p < end && (*p == '-' || *p == '+')) {
			eneg = *p == '-';
			p++;
		}
		for (; p < end && php_shmtable_is_digit(*p); p++) {
			if (dec->exp < PHP_SHMTABLE_EXP_CAP) {
				dec->exp = dec->exp * 10 + (*p - '0');
			}
		}
		if (eneg) {
			dec->exp = -dec->exp;
		}
	}
}

/* The i-th digit of a parsed numeric string, across the decimal point. */
static inline char php_shmtable_decimal_digit(const php_shmtable_decimal *dec, size_t i)
{
	return i < dec->nint ? dec->ip[i] : dec->fp[i - dec->nint];
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
	php_shmtable_decimal dec;
	php_shmtable_decimal_parse(s, len, &dec);
	size_t n = dec.nint + dec.nfrac, first = 0, last = n;
	while (first < n && php_shmtable_decimal_digit(&dec, first) == '0') {
		first++;
	}
	if (first == n) {
		*out = 0; /* "0.0", "-0e5" */
		return true;
	}
	while (php_shmtable_decimal_digit(&dec, last - 1) == '0') {
		last--;
	}
	/* Significant digits [first, last) times 10^e10. */
	int64_t e10 = dec.exp - (int64_t)dec.nfrac + (int64_t)(n - last);
	if (e10 < 0) {
		*why = PHP_SHMTABLE_WHY_FRACTION;
		return false;
	}
	if ((int64_t)(last - first) + e10 > PHP_SHMTABLE_INT64_DIGITS) {
		*why = PHP_SHMTABLE_WHY_RANGE;
		return false;
	}
	uint64_t mag = 0; /* at most PHP_SHMTABLE_INT64_DIGITS digits: below 2^64 */
	for (size_t i = first; i < last; i++) {
		mag = mag * 10 + (uint64_t)(php_shmtable_decimal_digit(&dec, i) - '0');
	}
	for (int64_t i = 0; i < e10; i++) {
		if (mag > UINT64_MAX / 10) {
			*why = PHP_SHMTABLE_WHY_RANGE;
			return false;
		}
		mag *= 10;
	}
	uint64_t limit = dec.neg ? (uint64_t)ZEND_LONG_MAX + 1 : (uint64_t)ZEND_LONG_MAX;
	if (mag > limit) {
		*why = PHP_SHMTABLE_WHY_RANGE;
		return false;
	}
	*out = !dec.neg ? (zend_long)mag : mag == limit ? ZEND_LONG_MIN : -(zend_long)mag;
	return true;
}

/*
 * The number a value stands for in an int or float column, the one reading
 * of numbers (and of numeric strings) for both: IS_LONG with *l for an int,
 * a bool or an integer string; IS_DOUBLE with *d for a float or a string
 * that is_numeric_string() reads as one; 0 with *why for anything else.
 */
static zend_uchar php_shmtable_to_number(zval *v, zend_long *l, double *d, const char **why)
{
	switch (Z_TYPE_P(v)) {
	case IS_LONG:
		*l = Z_LVAL_P(v);
		return IS_LONG;
	case IS_FALSE:
		*l = 0;
		return IS_LONG;
	case IS_TRUE:
		*l = 1;
		return IS_LONG;
	case IS_DOUBLE:
		*d = Z_DVAL_P(v);
		return IS_DOUBLE;
	case IS_STRING: {
		zend_uchar type = is_numeric_string(Z_STRVAL_P(v), Z_STRLEN_P(v), l, d, false);
		if (type != IS_LONG && type != IS_DOUBLE) {
			*why = "non-numeric string";
			return 0;
		}
		return type;
	}
	default:
		*why = php_shmtable_value_name(v);
		return 0;
	}
}

static bool php_shmtable_to_int_any(zval *v, zend_long *out, const char **why)
{
	double d;
	switch (php_shmtable_to_number(v, out, &d, why)) {
	case IS_LONG:
		return true;
	case IS_DOUBLE:
		if (Z_TYPE_P(v) == IS_STRING) {
			/* From its digits, not from the double it rounds to. */
			return php_shmtable_decimal_to_int(Z_STRVAL_P(v), Z_STRLEN_P(v), out, why);
		}
		if (!zend_finite(d) || !ZEND_DOUBLE_FITS_LONG(d)) {
			*why = PHP_SHMTABLE_WHY_RANGE;
			return false;
		}
		if (d != (double)(zend_long)d) {
			*why = PHP_SHMTABLE_WHY_FRACTION;
			return false;
		}
		*out = (zend_long)d;
		return true;
	default:
		return false;
	}
}

static bool php_shmtable_to_float_any(zval *v, double *out, const char **why)
{
	zend_long l;
	switch (php_shmtable_to_number(v, &l, out, why)) {
	case IS_LONG:
		*out = (double)l;
		return true;
	case IS_DOUBLE:
		return true;
	default:
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

static ZEND_COLD void php_shmtable_column_type_error(const char *method, int argn,
                                                     const char *argname,
                                                     const shmt_colinfo *ci, const char *why)
{
	php_shmtable_arg_error(zend_ce_type_error, method, argn, argname,
	                       "column \"%s\" must be of type %s, %s given", ci->name,
	                       ci->type == SHMT_TYPE_INT     ? "int"
	                       : ci->type == SHMT_TYPE_FLOAT ? "float"
	                                                     : "string",
	                       why);
}

/* The column a key of a row array names, or PHP_SHMTABLE_NO_COLUMN with a
 * ValueError. Rows
 * usually name the columns in their order, with literal keys that are the
 * interned column names: try the column at the key's position by pointer,
 * then by content, then look the name up. */
#define PHP_SHMTABLE_NO_COLUMN UINT32_MAX

static zend_always_inline uint32_t php_shmtable_row_column(php_shmtable_obj *obj, zend_string *name,
                                                           zend_ulong num, uint32_t pos,
                                                           uint32_t ncols, const char *method,
                                                           int argn, const char *argname)
{
	zval *idx;
	if (EXPECTED(name != NULL && pos < ncols) &&
	    (name == obj->names[pos] || zend_string_equal_content(name, obj->names[pos]))) {
		return pos;
	}
	if (name != NULL && (idx = zend_hash_find(&obj->colmap, name)) != NULL) {
		return (uint32_t)Z_LVAL_P(idx);
	}
	if (name != NULL) {
		php_shmtable_arg_error(zend_ce_value_error, method, argn, argname,
		                       "contains \"%s\", which is not a column", ZSTR_VAL(name));
	} else {
		php_shmtable_arg_error(zend_ce_value_error, method, argn, argname,
		                       "contains " ZEND_LONG_FMT ", which is not a column",
		                       (zend_long)num);
	}
	return PHP_SHMTABLE_NO_COLUMN;
}

/* A value for string column ci into sv: the string itself when it can be
 * borrowed, else a converted one that pv keeps. false with an exception
 * pending. */
static zend_always_inline bool php_shmtable_string_from(php_shmtable_obj *obj, shmt_table *t,
                                                        const shmt_colinfo *ci, zval *v,
                                                        bool by_ref, shmt_value *sv,
                                                        php_shmtable_values *pv,
                                                        const char *method, int argn,
                                                        const char *argname)
{
	zend_string *s;
	if (Z_TYPE_P(v) == IS_STRING && !by_ref) {
		/* Borrowed: it is not a reference, and the caller holds a
		 * counted reference to the array for the whole call (a
		 * method argument; $t[k] = takes one), so a __toString()
		 * run for a later column that changes the array changes a
		 * separated copy, and cannot free this one. */
		s = Z_STR_P(v);
	} else {
		const char *why = NULL;
		s = php_shmtable_to_string(v, &why);
		if (s == NULL) {
			if (why != NULL) {
				php_shmtable_column_type_error(method, argn, argname, ci, why);
			}
			return false;
		}
		pv->tmp[pv->ntmp++] = s;
		if (UNEXPECTED(obj->t != t)) {
			/* __toString() destroyed the table: t and ci are gone. */
			php_shmtable_live(obj);
			return false;
		}
	}
	if (UNEXPECTED(ZSTR_LEN(s) > ci->size)) {
		php_shmtable_arg_error(zend_ce_value_error, method, argn, argname,
		                       "column \"%s\" takes at most %u byte%s, %zu given",
		                       ci->name, ci->size, ci->size == 1 ? "" : "s", ZSTR_LEN(s));
		return false;
	}
	sv->v.s.ptr = ZSTR_VAL(s);
	sv->v.s.len = (uint32_t)ZSTR_LEN(s);
	return true;
}

/* One value of a row array into sv, in column ci's type. false with an
 * exception pending. */
static zend_always_inline bool php_shmtable_value_from(php_shmtable_obj *obj, shmt_table *t,
                                                       const shmt_colinfo *ci, zval *v,
                                                       shmt_value *sv, php_shmtable_values *pv,
                                                       const char *method, int argn,
                                                       const char *argname)
{
	const char *why = NULL;
	bool by_ref = Z_ISREF_P(v);
	ZVAL_DEREF(v);
	if (ci->type == SHMT_TYPE_INT) {
		zend_long l;
		if (!php_shmtable_to_int(v, &l, &why)) {
			php_shmtable_column_type_error(method, argn, argname, ci, why);
			return false;
		}
		sv->v.i = (int64_t)l;
		return true;
	}
	if (ci->type == SHMT_TYPE_FLOAT) {
		double d;
		if (!php_shmtable_to_float(v, &d, &why)) {
			php_shmtable_column_type_error(method, argn, argname, ci, why);
			return false;
		}
		sv->v.f = d;
		return true;
	}
	return php_shmtable_string_from(obj, t, ci, v, by_ref, sv, pv, method, argn, argname);
}

/* One entry of a row array (key name or num, value v, at position pos)
 * appended to pv. false with an exception pending. */
static zend_always_inline bool php_shmtable_entry_from(php_shmtable_obj *obj, shmt_table *t,
                                                       zend_string *name, zend_ulong num,
                                                       zval *v, uint32_t pos, uint32_t ncols,
                                                       php_shmtable_values *pv,
                                                       const char *method, int argn,
                                                       const char *argname)
{
	uint32_t col = php_shmtable_row_column(obj, name, num, pos, ncols, method, argn, argname);
	if (col == PHP_SHMTABLE_NO_COLUMN) {
		return false;
	}
	shmt_value *sv = &pv->vals[pv->n];
	sv->col = col;
	if (!php_shmtable_value_from(obj, t, &obj->cols[col], v, sv, pv, method, argn, argname)) {
		return false;
	}
	pv->n++;
	return true;
}

/*
 * Convert a row array into engine values. Nothing is written anywhere; on
 * failure an exception is pending and pv is freed. Must run before the
 * engine is called, since it may run user code (__toString). The caller
 * must hold a counted reference to `row` for as long as pv is in use.
 */
bool php_shmtable_values_from(php_shmtable_obj *obj, shmt_table *t, HashTable *row,
                              const char *method, int argn, const char *argname,
                              php_shmtable_values *pv)
{
	uint32_t cap = zend_hash_num_elements(row);
	bool on_stack = cap <= PHP_SHMTABLE_STACK_VALUES;
	pv->n = pv->ntmp = 0;
	pv->vals = on_stack ? pv->stack_vals : safe_emalloc(cap, sizeof(shmt_value), 0);
	pv->tmp = on_stack ? pv->stack_tmp : safe_emalloc(cap, sizeof(zend_string *), 0);

	zend_string *name;
	zend_ulong num;
	zval *v;
	uint32_t ncols = obj->ndefs, pos = 0;
	if (EXPECTED(!HT_IS_PACKED(row))) {
		/* Named columns: a hash, walked by its buckets alone. */
		ZEND_HASH_MAP_FOREACH_KEY_VAL(row, num, name, v) {
			if (!php_shmtable_entry_from(obj, t, name, num, v, pos++, ncols, pv, method, argn,
			                             argname)) {
				goto fail;
			}
		} ZEND_HASH_FOREACH_END();
		return true;
	}
	ZEND_HASH_FOREACH_KEY_VAL(row, num, name, v) {
		if (!php_shmtable_entry_from(obj, t, name, num, v, pos++, ncols, pv, method, argn,
		                             argname)) {
			goto fail;
		}
	} ZEND_HASH_FOREACH_END();
	return true;

fail:
	php_shmtable_values_free(pv);
	return false;
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
		memcpy(&l16, b + ci->lenoff, sizeof(l16));
		len = l16;
	} else {
		memcpy(&len, b + ci->lenoff, sizeof(len));
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
		memcpy(&v, b + ci->off, sizeof(v));
		ZVAL_LONG(rv, (zend_long)v);
	} else if (ci->type == SHMT_TYPE_FLOAT) {
		double v;
		memcpy(&v, b + ci->off, sizeof(v));
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
HashTable *php_shmtable_template(php_shmtable_obj *obj, uint32_t n)
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
void php_shmtable_row(php_shmtable_obj *obj, const void *img, zval *rv)
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
void php_shmtable_result(php_shmtable_obj *obj, const void *img, int col, zval *rv)
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
size_t php_shmtable_result_size(php_shmtable_obj *obj, const void *img, int col)
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
