/* This is a generated file, edit the .stub.php file instead.
 * Stub hash: de1a808416a020c5f0294d2b4755af0048c3d8a3 */

ZEND_BEGIN_ARG_INFO_EX(arginfo_class_ShmTable_Table___construct, 0, 0, 1)
	ZEND_ARG_TYPE_INFO(0, table_size, IS_LONG, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, conflict_proportion, IS_DOUBLE, 0, "0.2")
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, max_key_length, IS_LONG, 0, "63")
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, evict, IS_LONG, 0, "ShmTable\\Table::EVICT_NONE")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_ShmTable_Table_column, 0, 2, _IS_BOOL, 0)
	ZEND_ARG_TYPE_INFO(0, name, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, type, IS_LONG, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, size, IS_LONG, 0, "0")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_ShmTable_Table_create, 0, 0, _IS_BOOL, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, name, IS_STRING, 1, "null")
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, path, IS_STRING, 1, "null")
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, mode, IS_LONG, 0, "0600")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_OBJ_INFO_EX(arginfo_class_ShmTable_Table_attach, 0, 0, ShmTable\\Table, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, name, IS_STRING, 1, "null")
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, path, IS_STRING, 1, "null")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_ShmTable_Table_unlink, 0, 1, _IS_BOOL, 0)
	ZEND_ARG_TYPE_INFO(0, name, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_ShmTable_Table_flush, 0, 0, _IS_BOOL, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_ShmTable_Table_set, 0, 2, _IS_BOOL, 0)
	ZEND_ARG_TYPE_INFO(0, key, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, value, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, ttl, IS_DOUBLE, 1, "null")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_MASK_EX(arginfo_class_ShmTable_Table_get, 0, 1, MAY_BE_ARRAY|MAY_BE_LONG|MAY_BE_DOUBLE|MAY_BE_STRING|MAY_BE_FALSE)
	ZEND_ARG_TYPE_INFO(0, key, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, field, IS_STRING, 1, "null")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_ShmTable_Table_exists, 0, 1, _IS_BOOL, 0)
	ZEND_ARG_TYPE_INFO(0, key, IS_STRING, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_ShmTable_Table_exist arginfo_class_ShmTable_Table_exists

#define arginfo_class_ShmTable_Table_del arginfo_class_ShmTable_Table_exists

#define arginfo_class_ShmTable_Table_delete arginfo_class_ShmTable_Table_exists

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_MASK_EX(arginfo_class_ShmTable_Table_incr, 0, 2, MAY_BE_LONG|MAY_BE_DOUBLE|MAY_BE_ARRAY)
	ZEND_ARG_TYPE_INFO(0, key, IS_STRING, 0)
	ZEND_ARG_TYPE_MASK(0, column, MAY_BE_STRING|MAY_BE_ARRAY, NULL)
	ZEND_ARG_TYPE_MASK(0, incrby, MAY_BE_LONG|MAY_BE_DOUBLE, "1")
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, ttl, IS_DOUBLE, 1, "null")
ZEND_END_ARG_INFO()

#define arginfo_class_ShmTable_Table_decr arginfo_class_ShmTable_Table_incr

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_ShmTable_Table_add, 0, 2, _IS_BOOL, 0)
	ZEND_ARG_TYPE_INFO(0, key, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, values, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, ttl, IS_DOUBLE, 1, "null")
ZEND_END_ARG_INFO()

#define arginfo_class_ShmTable_Table_update arginfo_class_ShmTable_Table_add

#define arginfo_class_ShmTable_Table_getdel arginfo_class_ShmTable_Table_get

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_ShmTable_Table_cmpset, 0, 3, _IS_BOOL, 0)
	ZEND_ARG_TYPE_INFO(0, key, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, expected, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, values, IS_ARRAY, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_ShmTable_Table_cmpdel, 0, 2, _IS_BOOL, 0)
	ZEND_ARG_TYPE_INFO(0, key, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, expected, IS_ARRAY, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_ShmTable_Table_expire, 0, 2, _IS_BOOL, 0)
	ZEND_ARG_TYPE_INFO(0, key, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, ttl, IS_DOUBLE, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_MASK_EX(arginfo_class_ShmTable_Table_ttl, 0, 1, MAY_BE_DOUBLE|MAY_BE_FALSE)
	ZEND_ARG_TYPE_INFO(0, key, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_ShmTable_Table_flushExpired, 0, 0, IS_LONG, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, max, IS_LONG, 0, "0")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_ShmTable_Table_count, 0, 0, IS_LONG, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, mode, IS_LONG, 0, "COUNT_NORMAL")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_ShmTable_Table_getSize, 0, 0, IS_LONG, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_ShmTable_Table_getMemorySize arginfo_class_ShmTable_Table_getSize

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_ShmTable_Table_stats, 0, 0, IS_ARRAY, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_ShmTable_Table_check arginfo_class_ShmTable_Table_flush

#define arginfo_class_ShmTable_Table_destroy arginfo_class_ShmTable_Table_flush

#define arginfo_class_ShmTable_Table_list arginfo_class_ShmTable_Table_stats

#define arginfo_class_ShmTable_Table_columns arginfo_class_ShmTable_Table_stats

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_ShmTable_Table_name, 0, 0, IS_STRING, 1)
ZEND_END_ARG_INFO()

#define arginfo_class_ShmTable_Table_path arginfo_class_ShmTable_Table_name

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_ShmTable_Table_offsetExists, 0, 1, _IS_BOOL, 0)
	ZEND_ARG_TYPE_INFO(0, offset, IS_MIXED, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_ShmTable_Table_offsetGet, 0, 1, IS_MIXED, 0)
	ZEND_ARG_TYPE_INFO(0, offset, IS_MIXED, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_ShmTable_Table_offsetSet, 0, 2, IS_VOID, 0)
	ZEND_ARG_TYPE_INFO(0, offset, IS_MIXED, 0)
	ZEND_ARG_TYPE_INFO(0, value, IS_MIXED, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_ShmTable_Table_offsetUnset, 0, 1, IS_VOID, 0)
	ZEND_ARG_TYPE_INFO(0, offset, IS_MIXED, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_ShmTable_Table_current, 0, 0, IS_MIXED, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_ShmTable_Table_key arginfo_class_ShmTable_Table_current

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_ShmTable_Table_next, 0, 0, IS_VOID, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_ShmTable_Table_rewind arginfo_class_ShmTable_Table_next

#define arginfo_class_ShmTable_Table_valid arginfo_class_ShmTable_Table_flush

ZEND_BEGIN_ARG_INFO_EX(arginfo_class_ShmTable_Atomic___construct, 0, 0, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, value, IS_LONG, 0, "0")
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, name, IS_STRING, 1, "null")
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, mode, IS_LONG, 0, "0600")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_OBJ_INFO_EX(arginfo_class_ShmTable_Atomic_attach, 0, 1, ShmTable\\Atomic, 0)
	ZEND_ARG_TYPE_INFO(0, name, IS_STRING, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_ShmTable_Atomic_unlink arginfo_class_ShmTable_Table_unlink

#define arginfo_class_ShmTable_Atomic_get arginfo_class_ShmTable_Table_getSize

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_ShmTable_Atomic_set, 0, 1, IS_VOID, 0)
	ZEND_ARG_TYPE_INFO(0, value, IS_LONG, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_ShmTable_Atomic_add, 0, 0, IS_LONG, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, add_value, IS_LONG, 0, "1")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_ShmTable_Atomic_sub, 0, 0, IS_LONG, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, sub_value, IS_LONG, 0, "1")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_ShmTable_Atomic_cmpset, 0, 2, _IS_BOOL, 0)
	ZEND_ARG_TYPE_INFO(0, cmp_value, IS_LONG, 0)
	ZEND_ARG_TYPE_INFO(0, new_value, IS_LONG, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_ShmTable_Atomic_wait, 0, 0, _IS_BOOL, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, timeout, IS_DOUBLE, 0, "1.0")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_ShmTable_Atomic_wakeup, 0, 0, _IS_BOOL, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, count, IS_LONG, 0, "1")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_INFO_EX(arginfo_class_ShmTable_Lock___construct, 0, 0, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, type, IS_LONG, 0, "ShmTable\\Lock::MUTEX")
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, name, IS_STRING, 1, "null")
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, mode, IS_LONG, 0, "0600")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_OBJ_INFO_EX(arginfo_class_ShmTable_Lock_attach, 0, 1, ShmTable\\Lock, 0)
	ZEND_ARG_TYPE_INFO(0, name, IS_STRING, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_ShmTable_Lock_unlink arginfo_class_ShmTable_Table_unlink

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_ShmTable_Lock_lock, 0, 0, _IS_BOOL, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, operation, IS_LONG, 0, "LOCK_EX")
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, timeout, IS_DOUBLE, 0, "-1")
ZEND_END_ARG_INFO()

#define arginfo_class_ShmTable_Lock_unlock arginfo_class_ShmTable_Table_flush

#define arginfo_class_ShmTable_Lock_ownerDied arginfo_class_ShmTable_Table_flush

#define arginfo_class_ShmTable_Lock_stats arginfo_class_ShmTable_Table_stats


ZEND_METHOD(ShmTable_Table, __construct);
ZEND_METHOD(ShmTable_Table, column);
ZEND_METHOD(ShmTable_Table, create);
ZEND_METHOD(ShmTable_Table, attach);
ZEND_METHOD(ShmTable_Table, unlink);
ZEND_METHOD(ShmTable_Table, flush);
ZEND_METHOD(ShmTable_Table, set);
ZEND_METHOD(ShmTable_Table, get);
ZEND_METHOD(ShmTable_Table, exists);
ZEND_METHOD(ShmTable_Table, del);
ZEND_METHOD(ShmTable_Table, incr);
ZEND_METHOD(ShmTable_Table, decr);
ZEND_METHOD(ShmTable_Table, add);
ZEND_METHOD(ShmTable_Table, update);
ZEND_METHOD(ShmTable_Table, getdel);
ZEND_METHOD(ShmTable_Table, cmpset);
ZEND_METHOD(ShmTable_Table, cmpdel);
ZEND_METHOD(ShmTable_Table, expire);
ZEND_METHOD(ShmTable_Table, ttl);
ZEND_METHOD(ShmTable_Table, flushExpired);
ZEND_METHOD(ShmTable_Table, count);
ZEND_METHOD(ShmTable_Table, getSize);
ZEND_METHOD(ShmTable_Table, getMemorySize);
ZEND_METHOD(ShmTable_Table, stats);
ZEND_METHOD(ShmTable_Table, check);
ZEND_METHOD(ShmTable_Table, destroy);
ZEND_METHOD(ShmTable_Table, list);
ZEND_METHOD(ShmTable_Table, columns);
ZEND_METHOD(ShmTable_Table, name);
ZEND_METHOD(ShmTable_Table, path);
ZEND_METHOD(ShmTable_Table, offsetExists);
ZEND_METHOD(ShmTable_Table, offsetGet);
ZEND_METHOD(ShmTable_Table, offsetSet);
ZEND_METHOD(ShmTable_Table, offsetUnset);
ZEND_METHOD(ShmTable_Table, current);
ZEND_METHOD(ShmTable_Table, key);
ZEND_METHOD(ShmTable_Table, next);
ZEND_METHOD(ShmTable_Table, rewind);
ZEND_METHOD(ShmTable_Table, valid);
ZEND_METHOD(ShmTable_Atomic, __construct);
ZEND_METHOD(ShmTable_Atomic, attach);
ZEND_METHOD(ShmTable_Atomic, unlink);
ZEND_METHOD(ShmTable_Atomic, get);
ZEND_METHOD(ShmTable_Atomic, set);
ZEND_METHOD(ShmTable_Atomic, add);
ZEND_METHOD(ShmTable_Atomic, sub);
ZEND_METHOD(ShmTable_Atomic, cmpset);
ZEND_METHOD(ShmTable_Atomic, wait);
ZEND_METHOD(ShmTable_Atomic, wakeup);
ZEND_METHOD(ShmTable_Lock, __construct);
ZEND_METHOD(ShmTable_Lock, attach);
ZEND_METHOD(ShmTable_Lock, unlink);
ZEND_METHOD(ShmTable_Lock, lock);
ZEND_METHOD(ShmTable_Lock, unlock);
ZEND_METHOD(ShmTable_Lock, ownerDied);
ZEND_METHOD(ShmTable_Lock, stats);


static const zend_function_entry class_ShmTable_Table_methods[] = {
	ZEND_ME(ShmTable_Table, __construct, arginfo_class_ShmTable_Table___construct, ZEND_ACC_PUBLIC)
	ZEND_ME(ShmTable_Table, column, arginfo_class_ShmTable_Table_column, ZEND_ACC_PUBLIC)
	ZEND_ME(ShmTable_Table, create, arginfo_class_ShmTable_Table_create, ZEND_ACC_PUBLIC)
	ZEND_ME(ShmTable_Table, attach, arginfo_class_ShmTable_Table_attach, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_ME(ShmTable_Table, unlink, arginfo_class_ShmTable_Table_unlink, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_ME(ShmTable_Table, flush, arginfo_class_ShmTable_Table_flush, ZEND_ACC_PUBLIC)
	ZEND_ME(ShmTable_Table, set, arginfo_class_ShmTable_Table_set, ZEND_ACC_PUBLIC)
	ZEND_ME(ShmTable_Table, get, arginfo_class_ShmTable_Table_get, ZEND_ACC_PUBLIC)
	ZEND_ME(ShmTable_Table, exists, arginfo_class_ShmTable_Table_exists, ZEND_ACC_PUBLIC)
	ZEND_MALIAS(ShmTable_Table, exist, exists, arginfo_class_ShmTable_Table_exist, ZEND_ACC_PUBLIC)
	ZEND_ME(ShmTable_Table, del, arginfo_class_ShmTable_Table_del, ZEND_ACC_PUBLIC)
	ZEND_MALIAS(ShmTable_Table, delete, del, arginfo_class_ShmTable_Table_delete, ZEND_ACC_PUBLIC)
	ZEND_ME(ShmTable_Table, incr, arginfo_class_ShmTable_Table_incr, ZEND_ACC_PUBLIC)
	ZEND_ME(ShmTable_Table, decr, arginfo_class_ShmTable_Table_decr, ZEND_ACC_PUBLIC)
	ZEND_ME(ShmTable_Table, add, arginfo_class_ShmTable_Table_add, ZEND_ACC_PUBLIC)
	ZEND_ME(ShmTable_Table, update, arginfo_class_ShmTable_Table_update, ZEND_ACC_PUBLIC)
	ZEND_ME(ShmTable_Table, getdel, arginfo_class_ShmTable_Table_getdel, ZEND_ACC_PUBLIC)
	ZEND_ME(ShmTable_Table, cmpset, arginfo_class_ShmTable_Table_cmpset, ZEND_ACC_PUBLIC)
	ZEND_ME(ShmTable_Table, cmpdel, arginfo_class_ShmTable_Table_cmpdel, ZEND_ACC_PUBLIC)
	ZEND_ME(ShmTable_Table, expire, arginfo_class_ShmTable_Table_expire, ZEND_ACC_PUBLIC)
	ZEND_ME(ShmTable_Table, ttl, arginfo_class_ShmTable_Table_ttl, ZEND_ACC_PUBLIC)
	ZEND_ME(ShmTable_Table, flushExpired, arginfo_class_ShmTable_Table_flushExpired, ZEND_ACC_PUBLIC)
	ZEND_ME(ShmTable_Table, count, arginfo_class_ShmTable_Table_count, ZEND_ACC_PUBLIC)
	ZEND_ME(ShmTable_Table, getSize, arginfo_class_ShmTable_Table_getSize, ZEND_ACC_PUBLIC)
	ZEND_ME(ShmTable_Table, getMemorySize, arginfo_class_ShmTable_Table_getMemorySize, ZEND_ACC_PUBLIC)
	ZEND_ME(ShmTable_Table, stats, arginfo_class_ShmTable_Table_stats, ZEND_ACC_PUBLIC)
	ZEND_ME(ShmTable_Table, check, arginfo_class_ShmTable_Table_check, ZEND_ACC_PUBLIC)
	ZEND_ME(ShmTable_Table, destroy, arginfo_class_ShmTable_Table_destroy, ZEND_ACC_PUBLIC)
	ZEND_ME(ShmTable_Table, list, arginfo_class_ShmTable_Table_list, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_ME(ShmTable_Table, columns, arginfo_class_ShmTable_Table_columns, ZEND_ACC_PUBLIC)
	ZEND_ME(ShmTable_Table, name, arginfo_class_ShmTable_Table_name, ZEND_ACC_PUBLIC)
	ZEND_ME(ShmTable_Table, path, arginfo_class_ShmTable_Table_path, ZEND_ACC_PUBLIC)
	ZEND_ME(ShmTable_Table, offsetExists, arginfo_class_ShmTable_Table_offsetExists, ZEND_ACC_PUBLIC)
	ZEND_ME(ShmTable_Table, offsetGet, arginfo_class_ShmTable_Table_offsetGet, ZEND_ACC_PUBLIC)
	ZEND_ME(ShmTable_Table, offsetSet, arginfo_class_ShmTable_Table_offsetSet, ZEND_ACC_PUBLIC)
	ZEND_ME(ShmTable_Table, offsetUnset, arginfo_class_ShmTable_Table_offsetUnset, ZEND_ACC_PUBLIC)
	ZEND_ME(ShmTable_Table, current, arginfo_class_ShmTable_Table_current, ZEND_ACC_PUBLIC)
	ZEND_ME(ShmTable_Table, key, arginfo_class_ShmTable_Table_key, ZEND_ACC_PUBLIC)
	ZEND_ME(ShmTable_Table, next, arginfo_class_ShmTable_Table_next, ZEND_ACC_PUBLIC)
	ZEND_ME(ShmTable_Table, rewind, arginfo_class_ShmTable_Table_rewind, ZEND_ACC_PUBLIC)
	ZEND_ME(ShmTable_Table, valid, arginfo_class_ShmTable_Table_valid, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};


static const zend_function_entry class_ShmTable_Exception_methods[] = {
	ZEND_FE_END
};


static const zend_function_entry class_ShmTable_FullException_methods[] = {
	ZEND_FE_END
};


static const zend_function_entry class_ShmTable_Atomic_methods[] = {
	ZEND_ME(ShmTable_Atomic, __construct, arginfo_class_ShmTable_Atomic___construct, ZEND_ACC_PUBLIC)
	ZEND_ME(ShmTable_Atomic, attach, arginfo_class_ShmTable_Atomic_attach, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_ME(ShmTable_Atomic, unlink, arginfo_class_ShmTable_Atomic_unlink, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_ME(ShmTable_Atomic, get, arginfo_class_ShmTable_Atomic_get, ZEND_ACC_PUBLIC)
	ZEND_ME(ShmTable_Atomic, set, arginfo_class_ShmTable_Atomic_set, ZEND_ACC_PUBLIC)
	ZEND_ME(ShmTable_Atomic, add, arginfo_class_ShmTable_Atomic_add, ZEND_ACC_PUBLIC)
	ZEND_ME(ShmTable_Atomic, sub, arginfo_class_ShmTable_Atomic_sub, ZEND_ACC_PUBLIC)
	ZEND_ME(ShmTable_Atomic, cmpset, arginfo_class_ShmTable_Atomic_cmpset, ZEND_ACC_PUBLIC)
	ZEND_ME(ShmTable_Atomic, wait, arginfo_class_ShmTable_Atomic_wait, ZEND_ACC_PUBLIC)
	ZEND_ME(ShmTable_Atomic, wakeup, arginfo_class_ShmTable_Atomic_wakeup, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};


static const zend_function_entry class_ShmTable_Lock_methods[] = {
	ZEND_ME(ShmTable_Lock, __construct, arginfo_class_ShmTable_Lock___construct, ZEND_ACC_PUBLIC)
	ZEND_ME(ShmTable_Lock, attach, arginfo_class_ShmTable_Lock_attach, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_ME(ShmTable_Lock, unlink, arginfo_class_ShmTable_Lock_unlink, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_ME(ShmTable_Lock, lock, arginfo_class_ShmTable_Lock_lock, ZEND_ACC_PUBLIC)
	ZEND_ME(ShmTable_Lock, unlock, arginfo_class_ShmTable_Lock_unlock, ZEND_ACC_PUBLIC)
	ZEND_ME(ShmTable_Lock, ownerDied, arginfo_class_ShmTable_Lock_ownerDied, ZEND_ACC_PUBLIC)
	ZEND_ME(ShmTable_Lock, stats, arginfo_class_ShmTable_Lock_stats, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};

static zend_class_entry *register_class_ShmTable_Table(zend_class_entry *class_entry_ArrayAccess, zend_class_entry *class_entry_Iterator, zend_class_entry *class_entry_Countable)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "ShmTable", "Table", class_ShmTable_Table_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_FINAL|ZEND_ACC_NO_DYNAMIC_PROPERTIES|ZEND_ACC_NOT_SERIALIZABLE;
	zend_class_implements(class_entry, 3, class_entry_ArrayAccess, class_entry_Iterator, class_entry_Countable);

	zval const_TYPE_INT_value;
	ZVAL_LONG(&const_TYPE_INT_value, SHMT_TYPE_INT);
	zend_string *const_TYPE_INT_name = zend_string_init_interned("TYPE_INT", sizeof("TYPE_INT") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_TYPE_INT_name, &const_TYPE_INT_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_TYPE_INT_name);

	zval const_TYPE_FLOAT_value;
	ZVAL_LONG(&const_TYPE_FLOAT_value, SHMT_TYPE_FLOAT);
	zend_string *const_TYPE_FLOAT_name = zend_string_init_interned("TYPE_FLOAT", sizeof("TYPE_FLOAT") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_TYPE_FLOAT_name, &const_TYPE_FLOAT_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_TYPE_FLOAT_name);

	zval const_TYPE_STRING_value;
	ZVAL_LONG(&const_TYPE_STRING_value, SHMT_TYPE_STRING);
	zend_string *const_TYPE_STRING_name = zend_string_init_interned("TYPE_STRING", sizeof("TYPE_STRING") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_TYPE_STRING_name, &const_TYPE_STRING_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_TYPE_STRING_name);

	zval const_EVICT_NONE_value;
	ZVAL_LONG(&const_EVICT_NONE_value, SHMT_EVICT_NONE);
	zend_string *const_EVICT_NONE_name = zend_string_init_interned("EVICT_NONE", sizeof("EVICT_NONE") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_EVICT_NONE_name, &const_EVICT_NONE_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_EVICT_NONE_name);

	zval const_EVICT_LRU_value;
	ZVAL_LONG(&const_EVICT_LRU_value, SHMT_EVICT_LRU);
	zend_string *const_EVICT_LRU_name = zend_string_init_interned("EVICT_LRU", sizeof("EVICT_LRU") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_EVICT_LRU_name, &const_EVICT_LRU_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_EVICT_LRU_name);

	return class_entry;
}

static zend_class_entry *register_class_ShmTable_Exception(zend_class_entry *class_entry_RuntimeException)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "ShmTable", "Exception", class_ShmTable_Exception_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_RuntimeException);

	return class_entry;
}

static zend_class_entry *register_class_ShmTable_FullException(zend_class_entry *class_entry_ShmTable_Exception)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "ShmTable", "FullException", class_ShmTable_FullException_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_ShmTable_Exception);
	class_entry->ce_flags |= ZEND_ACC_FINAL;

	return class_entry;
}

static zend_class_entry *register_class_ShmTable_Atomic(void)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "ShmTable", "Atomic", class_ShmTable_Atomic_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_FINAL|ZEND_ACC_NO_DYNAMIC_PROPERTIES|ZEND_ACC_NOT_SERIALIZABLE;

	return class_entry;
}

static zend_class_entry *register_class_ShmTable_Lock(void)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "ShmTable", "Lock", class_ShmTable_Lock_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_FINAL|ZEND_ACC_NO_DYNAMIC_PROPERTIES|ZEND_ACC_NOT_SERIALIZABLE;

	zval const_MUTEX_value;
	ZVAL_LONG(&const_MUTEX_value, SHMT_ULOCK_MUTEX);
	zend_string *const_MUTEX_name = zend_string_init_interned("MUTEX", sizeof("MUTEX") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_MUTEX_name, &const_MUTEX_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_MUTEX_name);

	zval const_RWLOCK_value;
	ZVAL_LONG(&const_RWLOCK_value, SHMT_ULOCK_RWLOCK);
	zend_string *const_RWLOCK_name = zend_string_init_interned("RWLOCK", sizeof("RWLOCK") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_RWLOCK_name, &const_RWLOCK_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_RWLOCK_name);

	return class_entry;
}
