/*
 * php_shmtable.h - module entry and version of the shmtable extension.
 */
#ifndef PHP_SHMTABLE_H
#define PHP_SHMTABLE_H

extern zend_module_entry shmtable_module_entry;
#define phpext_shmtable_ptr &shmtable_module_entry

#define PHP_SHMTABLE_VERSION "0.1.0"

#endif /* PHP_SHMTABLE_H */
