/*
 * shmt_sync_open.h - named ShmTable\Atomic and ShmTable\Lock: the shared
 * object "/shmtable-sync.<name>" (on Linux /dev/shm/shmtable-sync.<name>),
 * opened by unrelated processes with the naming, owner/mode and pid
 * namespace rules of named tables. Layout: docs/ARCHITECTURE.md, "Named
 * Atomic and Lock".
 */
#ifndef SHMT_SYNC_OPEN_H
#define SHMT_SYNC_OPEN_H

#include "shmt.h"
#include "shmt_sync.h"

#define SHMT_SYNC_PREFIX "/shmtable-sync."
#define SHMT_SYNC_ATOMIC 1
#define SHMT_SYNC_LOCK 2

typedef struct shmt_sync_named shmt_sync_named;

/*
 * Open the named Atomic (kind SHMT_SYNC_ATOMIC) or Lock (SHMT_SYNC_LOCK,
 * type SHMT_ULOCK_*). With create, a missing one is made (an Atomic holding
 * value, a Lock of the type, permission bits mode) and an existing one
 * opened (value unused; a Lock must be of the type asked: else
 * SHMT_E_DEFINITION). Without create, a missing one is SHMT_E_NOENT and
 * the type of a Lock is read (type 0) or checked. An object of the other
 * kind is SHMT_E_DEFINITION; a short, foreign or unfinished object
 * SHMT_E_CORRUPT; another user's, or a mode wider than asked on create,
 * SHMT_E_ACCESS; one in use in another pid namespace SHMT_E_NAMESPACE;
 * a bad name or mode SHMT_E_INVALID. msg always says why.
 */
shmt_status shmt_sync_open(shmt_sync_named **out, const char *name, int kind, int type,
                           int64_t value, int create, unsigned mode, char *msg, size_t msglen);
/* The Atomic or Lock it maps. */
shmt_atomic *shmt_sync_atomic(shmt_sync_named *n);
shmt_ulock *shmt_sync_lock(shmt_sync_named *n);
const char *shmt_sync_name(const shmt_sync_named *n);
/* 1 if this call made the object. */
int shmt_sync_created(const shmt_sync_named *n);
/* Unmap and close (the object stays until unlinked). */
void shmt_sync_close(shmt_sync_named *n);
/* Remove the name: SHMT_OK, SHMT_NOT_FOUND, SHMT_E_INVALID, SHMT_E_SYSTEM. */
shmt_status shmt_sync_unlink(const char *name, char *msg, size_t msglen);

#endif /* SHMT_SYNC_OPEN_H */
