/*
 * shmtable_registry.h - the per-process state of the binding, in plain C
 * (no PHP header): the registry of the named and file-backed tables this
 * process maps, and the count of every table it maps, for phpinfo().
 */
#ifndef SHMTABLE_REGISTRY_H
#define SHMTABLE_REGISTRY_H

#include "src/shmt.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#if defined(__GNUC__)
#pragma GCC visibility push(hidden)
#endif

/* One mapping of a named or file-backed table, shared by every object of
 * this process that uses that table. */
typedef struct php_shmtable_mapping {
	struct php_shmtable_mapping *next;
	char *key;      /* "n:<name>" or "p:<path>" */
	shmt_table *t;
	uint32_t refs;  /* objects using it now */
	bool listed;    /* false once removed from the list (stale) */
} php_shmtable_mapping;

/* Once per process, at module start-up: keeps the registry's lock usable
 * across fork(). 0, or the error number of pthread_atfork(). */
int php_shmtable_reg_startup(void);
/* Module shutdown: drops every mapping no object uses. */
void php_shmtable_reg_shutdown(void);

/* The mapping of the table args names, reused or opened, with one more
 * reference; or a status with msg (and *asked, as shmt_open()). */
shmt_status php_shmtable_reg_open(const shmt_open_args *args, php_shmtable_mapping **out,
                                  uint64_t *asked, char *msg, size_t msglen);
/* One reference less (an object let go of the mapping). */
void php_shmtable_reg_release(php_shmtable_mapping *e);
/* unlink() by this process: forget the cached mapping of that name. */
void php_shmtable_reg_forget(const char *name);

/* The count of mapped tables: an anonymous table is added once created
 * and taken off by php_shmtable_unmap(); the registry counts its own. */
void php_shmtable_mapped_add(const shmt_table *t);
void php_shmtable_unmap(shmt_table *t);
void php_shmtable_mapped_totals(int64_t *tables, int64_t *bytes);

#if defined(__GNUC__)
#pragma GCC visibility pop
#endif

#endif /* SHMTABLE_REGISTRY_H */
