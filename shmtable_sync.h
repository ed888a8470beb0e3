/*
 * shmtable_sync.h - ShmTable\Atomic and ShmTable\Lock (shmtable_sync.c):
 * what the module file needs of them.
 */
#ifndef SHMTABLE_SYNC_H
#define SHMTABLE_SYNC_H

#include "src/shmt_sync.h" /* the class constants' values, for the arginfo */

extern zend_class_entry *php_shmtable_atomic_ce;
extern zend_class_entry *php_shmtable_lock_ce;

/* Set up both classes, registered by MINIT from the arginfo. */
void php_shmtable_sync_minit(zend_class_entry *atomic_ce, zend_class_entry *lock_ce);

#endif /* SHMTABLE_SYNC_H */
