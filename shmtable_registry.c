/*
 * shmtable_registry.c - the per-process registry of the named and
 * file-backed tables this process maps, and the count of mapped tables
 * for phpinfo().
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "shmtable_registry.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Tables mapped by this process, for phpinfo(); atomic, as the threads of
 * a ZTS process share them. Per-process state besides these: the class
 * entries and handlers (written once in MINIT, read-only after) and the
 * registry of mappings below (under its mutex). Nothing is per thread but
 * the TSRM cache (shmtable.c). */
static int64_t php_shmtable_live_tables;
static int64_t php_shmtable_live_bytes;

static void php_shmtable_account(int64_t tables, int64_t bytes)
{
	__atomic_add_fetch(&php_shmtable_live_tables, tables, __ATOMIC_RELAXED);
	__atomic_add_fetch(&php_shmtable_live_bytes, bytes, __ATOMIC_RELAXED);
}

void php_shmtable_mapped_add(const shmt_table *t)
{
	php_shmtable_account(1, (int64_t)shmt_memory_size(t));
}

void php_shmtable_unmap(shmt_table *t)
{
	php_shmtable_account(-1, -(int64_t)shmt_memory_size(t));
	shmt_close(t);
}

void php_shmtable_mapped_totals(int64_t *tables, int64_t *bytes)
{
	*tables = __atomic_load_n(&php_shmtable_live_tables, __ATOMIC_RELAXED);
	*bytes = __atomic_load_n(&php_shmtable_live_bytes, __ATOMIC_RELAXED);
}

/* Named and file-backed tables this process maps. A second create(name:)
 * or attach() of the same table in this process (the next request of a
 * php-fpm worker, most often) reuses the mapping instead of opening and
 * mapping it again; a mapping stays here when its last object is freed,
 * until MSHUTDOWN, until this process unlink()s the name, or until the name
 * turns out to designate another object (removed and created again by
 * someone else), when the new one is mapped. Forked children inherit the
 * list with the mappings. The list is plain C memory, guarded by a mutex
 * for ZTS builds; nothing in here calls Zend. */

static php_shmtable_mapping *php_shmtable_registry;
static pthread_mutex_t php_shmtable_reg_mutex = PTHREAD_MUTEX_INITIALIZER;

static void php_shmtable_reg_free(php_shmtable_mapping *e)
{
	php_shmtable_unmap(e->t);
	free(e->key);
	free(e);
}

/* Take e off the list; free it if no object uses it. Mutex held. */
static void php_shmtable_reg_unlist(php_shmtable_mapping *e)
{
	for (php_shmtable_mapping **pp = &php_shmtable_registry; *pp != NULL; pp = &(*pp)->next) {
		if (*pp == e) {
			*pp = e->next;
			break;
		}
	}
	e->listed = false;
	e->next = NULL;
	if (e->refs == 0) {
		php_shmtable_reg_free(e);
	}
}

/* A registry key: "n:" and the name, or "p:" and the path. */
#define PHP_SHMTABLE_REG_PREFIX 2

static char *php_shmtable_reg_key(const char *name, const char *path)
{
	const char *v = name != NULL ? name : path;
	size_t len = strlen(v);
	char *key = malloc(PHP_SHMTABLE_REG_PREFIX + len + 1);
	if (key != NULL) {
		key[0] = name != NULL ? 'n' : 'p';
		key[1] = ':';
		memcpy(key + PHP_SHMTABLE_REG_PREFIX, v, len + 1);
	}
	return key;
}

shmt_status php_shmtable_reg_open(const shmt_open_args *args, php_shmtable_mapping **out,
                                  uint64_t *asked, char *msg, size_t msglen)
{
	shmt_status st = SHMT_OK;
	char *key = php_shmtable_reg_key(args->name, args->path);
	*out = NULL;
	*asked = 0;
	if (key == NULL) {
		snprintf(msg, msglen, "out of memory");
		return SHMT_E_NOMEM;
	}
	pthread_mutex_lock(&php_shmtable_reg_mutex);
	for (php_shmtable_mapping *e = php_shmtable_registry; e != NULL; e = e->next) {
		if (strcmp(e->key, key) != 0) {
			continue;
		}
		if (shmt_still_current(e->t) != 1) {
			php_shmtable_reg_unlist(e);
			break;
		}
		if (args->create) {
			st = shmt_same_definition(e->t, args->size, args->key_max, args->cols,
			                          args->ncols, args->evict, msg, msglen);
		}
		if (st == SHMT_OK) {
			/* The owner and mode, as shmt_open() would check them now. */
			st = shmt_recheck_access(e->t, args->create, args->mode, msg, msglen);
		}
		if (st == SHMT_OK) {
			e->refs++;
			*out = e;
		}
		goto done;
	}
	shmt_table *t;
	st = shmt_open(&t, args, asked, msg, msglen);
	if (st == SHMT_OK) {
		php_shmtable_mapping *e = calloc(1, sizeof(*e));
		if (e == NULL) {
			shmt_close(t);
			snprintf(msg, msglen, "out of memory");
			st = SHMT_E_NOMEM;
			goto done;
		}
		e->key = key;
		key = NULL;
		e->t = t;
		e->refs = 1;
		e->listed = true;
		e->next = php_shmtable_registry;
		php_shmtable_registry = e;
		php_shmtable_mapped_add(t);
		*out = e;
	}
done:
	pthread_mutex_unlock(&php_shmtable_reg_mutex);
	free(key);
	return st;
}

void php_shmtable_reg_release(php_shmtable_mapping *e)
{
	pthread_mutex_lock(&php_shmtable_reg_mutex);
	if (--e->refs == 0 && !e->listed) {
		php_shmtable_reg_free(e);
	}
	pthread_mutex_unlock(&php_shmtable_reg_mutex);
}

void php_shmtable_reg_forget(const char *name)
{
	char *key = php_shmtable_reg_key(name, NULL);
	if (key == NULL) {
		return;
	}
	pthread_mutex_lock(&php_shmtable_reg_mutex);
	for (php_shmtable_mapping *e = php_shmtable_registry; e != NULL; e = e->next) {
		if (strcmp(e->key, key) == 0) {
			php_shmtable_reg_unlist(e);
			break;
		}
	}
	pthread_mutex_unlock(&php_shmtable_reg_mutex);
	free(key);
}

void php_shmtable_reg_shutdown(void)
{
	pthread_mutex_lock(&php_shmtable_reg_mutex);
	while (php_shmtable_registry != NULL) {
		php_shmtable_mapping *e = php_shmtable_registry;
		php_shmtable_registry = e->next;
		e->listed = false;
		if (e->refs == 0) {
			php_shmtable_reg_free(e);
		}
	}
	pthread_mutex_unlock(&php_shmtable_reg_mutex);
}

/* A thread of a ZTS process may fork while another holds the registry
 * mutex: the child would inherit it locked, with no thread to unlock it.
 * Held across fork() instead, so both sides start with it free. */
static void php_shmtable_reg_prefork(void)
{
	pthread_mutex_lock(&php_shmtable_reg_mutex);
}

static void php_shmtable_reg_postfork(void)
{
	pthread_mutex_unlock(&php_shmtable_reg_mutex);
}

/* Once per loading of the module: a second MINIT in one process (a server
 * restarting its modules) must not register the handlers twice, or fork()
 * would lock the mutex twice. Unloading the module (dlclose()) removes them
 * with it. */
static pthread_once_t php_shmtable_atfork_once = PTHREAD_ONCE_INIT;
static int php_shmtable_atfork_rc;

static void php_shmtable_reg_atfork(void)
{
	php_shmtable_atfork_rc = pthread_atfork(php_shmtable_reg_prefork, php_shmtable_reg_postfork,
	                                        php_shmtable_reg_postfork);
}

int php_shmtable_reg_startup(void)
{
	int rc = pthread_once(&php_shmtable_atfork_once, php_shmtable_reg_atfork);
	return rc != 0 ? rc : php_shmtable_atfork_rc;
}
