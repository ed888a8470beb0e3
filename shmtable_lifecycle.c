/*
 * shmtable_lifecycle.c - the methods of a table's life cycle: __construct,
 * column, create, attach, unlink, flush and destroy.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "shmtable_internal.h"

#include <errno.h>
#include <string.h>

/* The defaults of __construct() and create(), as shmtable.stub.php gives
 * them. */
#define PHP_SHMTABLE_DEFAULT_KEY_MAX  63
#define PHP_SHMTABLE_DEFAULT_CONFLICT 0.2
#define PHP_SHMTABLE_DEFAULT_MODE     0600
/* The permission bits create() takes for a named or file table. */
#define PHP_SHMTABLE_MODE_MAX 0777

/* ------------------------------------------------------------------ */
/* Methods: life cycle                                                  */

PHP_METHOD(ShmTable_Table, __construct)
{
	zend_long size, key_max = PHP_SHMTABLE_DEFAULT_KEY_MAX, evict = SHMT_EVICT_NONE;
	double conflict = PHP_SHMTABLE_DEFAULT_CONFLICT;
	php_shmtable_obj *obj = Z_SHMTABLE_P(ZEND_THIS);

	ZEND_PARSE_PARAMETERS_START(1, 4)
		Z_PARAM_LONG(size)
		Z_PARAM_OPTIONAL
		Z_PARAM_DOUBLE(conflict)
		Z_PARAM_LONG(key_max)
		Z_PARAM_LONG(evict)
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
	if (evict != SHMT_EVICT_NONE && evict != SHMT_EVICT_LRU) {
		zend_argument_value_error(4, "must be ShmTable\\Table::EVICT_NONE or ShmTable\\Table::EVICT_LRU");
		RETURN_THROWS();
	}
	obj->size = size;
	obj->key_max = key_max;
	obj->evict = (uint32_t)evict;
	obj->constructed = true;
}

/* Whether the table is being defined: constructed, not yet created, not
 * destroyed; else an exception (if_created: its message once created). */
static bool php_shmtable_defining(php_shmtable_obj *obj, const char *if_created)
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
	if (obj->t != NULL) {
		zend_throw_exception(php_shmtable_exception_ce, if_created, 0);
		return false;
	}
	return true;
}

/* The binding's one check of a column definition, before the engine sees
 * it: each argument named in the error, and the rules a PHP array adds
 * (no integer-string names). false with an exception thrown. */
static bool php_shmtable_check_column(php_shmtable_obj *obj, zend_string *name,
                                      zend_long type, zend_long size)
{
	if (ZSTR_LEN(name) < 1 || ZSTR_LEN(name) > SHMT_MAX_COL_NAME) {
		zend_argument_value_error(1, "must be between 1 and %u bytes long", SHMT_MAX_COL_NAME);
		return false;
	}
	if (memchr(ZSTR_VAL(name), '\0', ZSTR_LEN(name)) != NULL) {
		/* A table's header keeps names NUL-terminated, and opening a named
		 * or file table refuses one with a NUL inside: it could never be
		 * attached again. */
		zend_argument_value_error(1, "must not contain any null bytes");
		return false;
	}
	if (type != SHMT_TYPE_INT && type != SHMT_TYPE_FLOAT && type != SHMT_TYPE_STRING) {
		zend_argument_value_error(2, "must be ShmTable\\Table::TYPE_INT, "
		                             "ShmTable\\Table::TYPE_FLOAT or ShmTable\\Table::TYPE_STRING");
		return false;
	}
	if (type == SHMT_TYPE_STRING && (size < 1 || size > (zend_long)SHMT_MAX_STRING)) {
		zend_argument_value_error(3, "must be between 1 and %u for a string column",
		                          SHMT_MAX_STRING);
		return false;
	}
	zend_ulong as_int;
	if (ZEND_HANDLE_NUMERIC_STR(ZSTR_VAL(name), ZSTR_LEN(name), as_int)) {
		/* PHP arrays turn "5" into the int key 5: such a column could be
		 * neither set() by name nor read back from a row array. */
		(void)as_int;
		zend_argument_value_error(1, "must not be an integer string, \"%s\" given",
		                          ZSTR_VAL(name));
		return false;
	}
	if (zend_hash_exists(&obj->colmap, name)) {
		zend_argument_value_error(1, "must be unique, column \"%s\" already exists",
		                          ZSTR_VAL(name));
		return false;
	}
	if (obj->ndefs >= SHMT_MAX_COLUMNS) {
		zend_throw_exception_ex(php_shmtable_exception_ce, 0,
		                        "Table cannot have more than %u columns", SHMT_MAX_COLUMNS);
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

	if (!php_shmtable_defining(obj, "Cannot add a column after create()") ||
	    !php_shmtable_check_column(obj, name, type, size)) {
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

/* The engine's row image, as the binding sizes it before create(): a
 * header (link, tag and key length, expiry; with EVICT_LRU the time of last
 * use, padded), 8 bytes per number, the key, and per string column a
 * length field (as wide as its size needs) and its bytes; rounded up to 8. */
#define PHP_SHMTABLE_IMG_HEADER 16
#define PHP_SHMTABLE_IMG_HEADER_LRU 24
#define PHP_SHMTABLE_IMG_NUMBER 8
#define PHP_SHMTABLE_IMG_ALIGN  8

static uint32_t php_shmtable_len_width(uint32_t size)
{
	return size <= UINT8_MAX ? 1 : size <= UINT16_MAX ? 2 : 4;
}

/* The bytes of a row image of the definition declared so far, as
 * shmt_image_size() will give it (README, "Bytes per row": the slot). */
static uint64_t php_shmtable_declared_image_size(const php_shmtable_obj *obj)
{
	uint64_t b = (obj->evict == SHMT_EVICT_LRU ? PHP_SHMTABLE_IMG_HEADER_LRU : PHP_SHMTABLE_IMG_HEADER) +
	             (uint64_t)obj->key_max;
	for (uint32_t i = 0; i < obj->ndefs; i++) {
		uint32_t size = obj->defs[i].size;
		b += obj->defs[i].type != SHMT_TYPE_STRING ? PHP_SHMTABLE_IMG_NUMBER
		                                           : size + php_shmtable_len_width(size);
	}
	return (b + PHP_SHMTABLE_IMG_ALIGN - 1) & ~(uint64_t)(PHP_SHMTABLE_IMG_ALIGN - 1);
}

/* After create() or attach(): the column names as PHP strings, and the
 * row buffer of a row within PHP_SHMTABLE_ROW_BUDGET. */
static void php_shmtable_bind(php_shmtable_obj *obj, shmt_table *t)
{
	obj->t = t;
	obj->names = safe_emalloc(obj->ndefs, sizeof(zend_string *), 0);
	obj->aliases = ecalloc(obj->ndefs, sizeof(zend_string *));
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
	size_t img_size = shmt_image_size(t);
	ZEND_ASSERT(php_shmtable_declared_image_size(obj) == img_size);
	ZEND_ASSERT(obj->key_max == (zend_long)shmt_key_max(t) && obj->ndefs == shmt_ncols(t));
	obj->img = img_size <= PHP_SHMTABLE_ROW_BUDGET ? emalloc(img_size) : NULL;
}

/* A table name as create(), attach() and unlink() take it (argument #1);
 * false with a ValueError thrown. */
static bool php_shmtable_check_name(const char *method, zend_string *name)
{
	if (!shmt_name_valid(ZSTR_VAL(name), ZSTR_LEN(name))) {
		php_shmtable_arg_error(zend_ce_value_error, method, 1, "name",
		                       "must be 1 to %u bytes of letters, digits, '.', '_' and '-', "
		                       "not starting with '.'", SHMT_MAX_NAME);
		return false;
	}
	return true;
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
	if (name != NULL && !php_shmtable_check_name(method, name)) {
		return false;
	}
	if (path != NULL && ZSTR_LEN(path) == 0) {
		php_shmtable_arg_error(zend_ce_value_error, method, 2, "path", "must not be empty");
		return false;
	}
	if (path != NULL && ZSTR_LEN(path) >= PHP_SHMTABLE_PATH_MAX) {
		php_shmtable_arg_error(zend_ce_value_error, method, 2, "path",
		                       "must be shorter than %d bytes", PHP_SHMTABLE_PATH_MAX);
		return false;
	}
	if (mode < 0 || mode > PHP_SHMTABLE_MODE_MAX) {
		php_shmtable_arg_error(zend_ce_value_error, method, 3, "mode",
		                       "must be between 0 and 0%o", PHP_SHMTABLE_MODE_MAX);
		return false;
	}
	return true;
}

/* Whether create() may go ahead: a table being defined, valid arguments,
 * columns, and a row that one copy of fits in memory_limit. false with an
 * exception thrown. */
static bool php_shmtable_check_create(php_shmtable_obj *obj, zend_string *name,
                                      zend_string *path, zend_long mode)
{
	if (!php_shmtable_defining(obj, "Table has already been created") ||
	    !php_shmtable_check_target("create", name, path, mode, false)) {
		return false;
	}
	if (obj->ndefs == 0) {
		zend_throw_exception(php_shmtable_exception_ce,
		                     "Table has no columns; call column() before create()", 0);
		return false;
	}
	uint64_t img_size = php_shmtable_declared_image_size(obj);
	if (img_size > php_shmtable_memory_limit()) {
		/* get() and foreach copy a row into request memory: such a table
		 * could be written but never read in this process. */
		zend_throw_exception_ex(php_shmtable_exception_ce, 0,
		                        "Table rows would take %llu bytes, and a copy of one (get(), "
		                        "foreach) would not fit in memory_limit (%zu bytes); declare "
		                        "smaller string columns or raise memory_limit",
		                        (unsigned long long)img_size, php_shmtable_memory_limit());
		return false;
	}
	return true;
}

/* The mapping of the named or file table args describes (name or path
 * filled in here), reused or opened; NULL with an exception thrown. */
static php_shmtable_mapping *php_shmtable_open_mapping(shmt_open_args *args, zend_string *name,
                                                   zend_string *path)
{
	char msg[PHP_SHMTABLE_MSG_SIZE];
	uint64_t asked = 0;
	php_shmtable_mapping *mapping;
	args->name = name != NULL ? ZSTR_VAL(name) : NULL;
	args->path = path != NULL ? ZSTR_VAL(path) : NULL;
	shmt_status st = php_shmtable_reg_open(args, &mapping, &asked, msg, sizeof(msg));
	if (st != SHMT_OK) {
		php_shmtable_open_error(st, asked, msg);
		return NULL;
	}
	return mapping;
}

/* create(name:) or create(path:): open or reuse the named or file table
 * of the declared definition. */
static bool php_shmtable_create_mapped(php_shmtable_obj *obj, zend_string *name,
                                       zend_string *path, zend_long mode)
{
	shmt_open_args args;
	memset(&args, 0, sizeof(args));
	args.mode = (unsigned)mode;
	args.create = 1;
	args.size = (uint32_t)obj->size;
	args.key_max = (uint32_t)obj->key_max;
	args.cols = obj->defs;
	args.ncols = obj->ndefs;
	args.evict = obj->evict;
	php_shmtable_mapping *mapping = php_shmtable_open_mapping(&args, name, path);
	if (mapping == NULL) {
		return false;
	}
	obj->mapping = mapping;
	php_shmtable_bind(obj, mapping->t);
	return true;
}

/* create() without a name or path: a table of this process and its
 * children. */
static bool php_shmtable_create_anonymous(php_shmtable_obj *obj)
{
	uint64_t asked = 0;
	int bad = 0;
	shmt_table *t;
	shmt_status st = shmt_create_ex(&t, (uint32_t)obj->size, (uint32_t)obj->key_max,
	                                obj->defs, obj->ndefs, obj->evict, &asked, &bad);
	if (st == SHMT_E_NOMEM && asked != UINT64_MAX) {
		zend_throw_exception_ex(php_shmtable_exception_ce, 0,
		                        "Cannot map %llu bytes of shared memory: %s",
		                        (unsigned long long)asked, strerror(errno));
		return false;
	}
	if (st == SHMT_E_NOMEM) {
		php_shmtable_open_error(st, asked, "");
		return false;
	}
	if (st != SHMT_OK) {
		php_shmtable_status_error(st, obj, "create");
		return false;
	}
	php_shmtable_mapped_add(t);
	php_shmtable_bind(obj, t);
	return true;
}

PHP_METHOD(ShmTable_Table, create)
{
	zend_string *name = NULL, *path = NULL;
	zend_long mode = PHP_SHMTABLE_DEFAULT_MODE;
	php_shmtable_obj *obj = Z_SHMTABLE_P(ZEND_THIS);
	ZEND_PARSE_PARAMETERS_START(0, 3)
		Z_PARAM_OPTIONAL
		Z_PARAM_STR_OR_NULL(name)
		Z_PARAM_PATH_STR_OR_NULL(path)
		Z_PARAM_LONG(mode)
	ZEND_PARSE_PARAMETERS_END();

	if (!php_shmtable_check_create(obj, name, path, mode)) {
		RETURN_THROWS();
	}
	bool ok = name != NULL || path != NULL ? php_shmtable_create_mapped(obj, name, path, mode)
	                                       : php_shmtable_create_anonymous(obj);
	if (!ok) {
		RETURN_THROWS();
	}
	RETURN_TRUE;
}

/* attach(): the definition of an object comes from the table it maps. */
static void php_shmtable_adopt_definition(php_shmtable_obj *obj, shmt_table *t)
{
	obj->size = shmt_size(t);
	obj->key_max = shmt_key_max(t);
	obj->evict = shmt_evict_policy(t);
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
	memset(&args, 0, sizeof(args));
	php_shmtable_mapping *mapping = php_shmtable_open_mapping(&args, name, path);
	if (mapping == NULL) {
		RETURN_THROWS();
	}
	/* The definition comes from the table; no lock is held from here on. */
	object_init_ex(return_value, php_shmtable_ce);
	php_shmtable_obj *obj = Z_SHMTABLE_P(return_value);
	php_shmtable_adopt_definition(obj, mapping->t);
	obj->mapping = mapping;
	php_shmtable_bind(obj, mapping->t);
}

PHP_METHOD(ShmTable_Table, unlink)
{
	zend_string *name;
	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_STR(name)
	ZEND_PARSE_PARAMETERS_END();
	if (!php_shmtable_check_name("unlink", name)) {
		RETURN_THROWS();
	}
	char msg[PHP_SHMTABLE_MSG_SIZE];
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
	char msg[PHP_SHMTABLE_MSG_SIZE];
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
