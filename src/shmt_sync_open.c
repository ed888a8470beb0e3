/*
 * shmt_sync_open.c - opening, making and removing named Atomic and Lock
 * objects (shmt_sync_open.h). The object is a 64-byte header followed by
 * the Atomic or the Lock itself, so the robust lock words live in the
 * named mapping and a holder's death is seen by every process that maps it.
 */
#include "shmt_internal.h"
#include "shmt_sync_open.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SYNC_MAGIC 0x434e5953544d4853ull /* "SHMTSYNC" */
#define SYNC_VERSION 3u /* 2: the Lock with slots for both types (magic "SHL3");
                           3: the RWLOCK gate's active word holds GATE_UNTOLD */
#define SYNC_HEADER 64u
#define SYNC_WAIT_MS 3000

typedef struct {
	uint64_t magic;
	uint32_t version;
	uint32_t kind;
	uint32_t type;   /* a Lock's SHMT_ULOCK_*; 0 for an Atomic */
	uint32_t ready;  /* 1 once made: stored last */
	uint64_t pidns;  /* of the processes that map it */
	uint64_t bytes;  /* the whole object */
	unsigned char pad[SYNC_HEADER - 40];
} sync_header;
_Static_assert(sizeof(sync_header) == SYNC_HEADER, "named Atomic/Lock header");

struct shmt_sync_named {
	int fd;
	int kind, type, created;
	unsigned char *base;
	size_t len;
	char name[SHMT_MAX_NAME + 1];
	char os_name[sizeof(SHMT_SYNC_PREFIX) + SHMT_MAX_NAME];
};

static const char *kind_name(int kind)
{
	return kind == SHMT_SYNC_ATOMIC ? "Atomic" : "Lock";
}

static const char *type_name(uint32_t type)
{
	return type == SHMT_ULOCK_MUTEX ? "MUTEX" : type == SHMT_ULOCK_RWLOCK ? "RWLOCK" : "?";
}

static uint64_t object_bytes(int kind, int type)
{
	return SYNC_HEADER + (kind == SHMT_SYNC_ATOMIC ? shmt_atomic_bytes() : shmt_ulock_bytes(type));
}

static void sync_ctx(open_ctx *c, shmt_sync_named *n, const char *name, int kind)
{
	memset(c, 0, sizeof(*c));
	c->is_shm = 1;
	snprintf(n->os_name, sizeof(n->os_name), "%s%s", SHMT_SYNC_PREFIX, name);
	c->target = n->os_name;
	snprintf(c->label, sizeof(c->label), "%s '%s'", kind_name(kind), name);
#if defined(__linux__)
	snprintf(c->where, sizeof(c->where), "/dev/shm%s", n->os_name);
#else
	snprintf(c->where, sizeof(c->where), "shared memory %s", n->os_name);
#endif
	snprintf(c->label_where, sizeof(c->label_where), "%s (%s)", c->label, c->where);
	c->noun = kind_name(kind);
	c->its_contents = kind == SHMT_SYNC_ATOMIC ? "its value" : "its state";
	c->all_contents = c->its_contents;
}

/* Make the object: sized, header and payload written, `ready` last. A kill
 * on the way leaves it unready, which the next creator makes again. */
static shmt_status make(shmt_sync_named *n, const open_ctx *c, int64_t value, uint64_t pidns,
                        char *msg, size_t msglen)
{
	uint64_t bytes = object_bytes(n->kind, n->type);
	int rc = shmt_os_truncate(n->fd, 0);
	if (rc == 0) {
		STEP(SHMT_STEP_SYNC_EMPTIED);
		rc = shmt_os_truncate(n->fd, bytes);
	}
	if (rc != 0) {
		return sys_error(c, "size", rc, msg, msglen);
	}
	STEP(SHMT_STEP_SYNC_SIZED);
	n->len = (size_t)bytes;
	n->base = shmt_os_map_fd(n->fd, n->len);
	if (n->base == NULL) {
		return sys_error(c, "map", errno, msg, msglen);
	}
	sync_header *h = (sync_header *)n->base;
	h->magic = SYNC_MAGIC;
	h->version = SYNC_VERSION;
	h->kind = (uint32_t)n->kind;
	h->type = (uint32_t)n->type;
	h->pidns = pidns;
	h->bytes = bytes;
	STEP(SHMT_STEP_SYNC_HEADER);
	void *payload = n->base + SYNC_HEADER;
	int ok = n->kind == SHMT_SYNC_ATOMIC ? shmt_atomic_init_at(payload, value) != NULL
	                                     : shmt_ulock_init_at(payload, n->type) != NULL;
	if (!ok) {
		snprintf(msg, msglen, "cannot initialise the lock of %s", c->label_where);
		return SHMT_E_SYSTEM;
	}
	STEP(SHMT_STEP_SYNC_WRITTEN);
	__atomic_store_n(&h->ready, 1u, __ATOMIC_SEQ_CST);
	n->created = 1;
	return SHMT_OK;
}

/* Check a made object (size sb_size) before using it. */
static shmt_status validate(shmt_sync_named *n, const open_ctx *c, const char *name,
                            uint64_t sb_size, int sole, uint64_t pidns, char *msg,
                            size_t msglen)
{
	n->len = (size_t)sb_size;
	n->base = shmt_os_map_fd(n->fd, n->len);
	if (n->base == NULL) {
		return sys_error(c, "map", errno, msg, msglen);
	}
	sync_header *h = (sync_header *)n->base;
	if (h->magic != SYNC_MAGIC || h->version != SYNC_VERSION) {
		snprintf(msg, msglen, "%s is not a named Atomic or Lock of this version (wrong "
		         "magic or version): refused", c->label_where);
		return SHMT_E_CORRUPT;
	}
	if (h->kind != SHMT_SYNC_ATOMIC && h->kind != SHMT_SYNC_LOCK) {
		snprintf(msg, msglen, "%s holds an unknown kind of object (%u): refused",
		         c->label_where, (unsigned)h->kind);
		return SHMT_E_CORRUPT;
	}
	if ((int)h->kind != n->kind) {
		snprintf(msg, msglen, "'%s' is a named %s, not %s", name, kind_name((int)h->kind),
		         n->kind == SHMT_SYNC_ATOMIC ? "an Atomic" : "a Lock");
		return SHMT_E_DEFINITION;
	}
	if (n->kind == SHMT_SYNC_LOCK && h->type != SHMT_ULOCK_MUTEX &&
	    h->type != SHMT_ULOCK_RWLOCK) {
		snprintf(msg, msglen, "%s holds an unknown lock type (%u): refused", c->label_where,
		         (unsigned)h->type);
		return SHMT_E_CORRUPT;
	}
	if (n->kind == SHMT_SYNC_LOCK && n->type != 0 && (int)h->type != n->type) {
		snprintf(msg, msglen, "Lock '%s' is a Lock::%s, not the Lock::%s asked", name,
		         type_name(h->type), type_name((uint32_t)n->type));
		return SHMT_E_DEFINITION;
	}
	if (n->kind == SHMT_SYNC_LOCK) {
		n->type = (int)h->type;
	}
	uint64_t want = object_bytes(n->kind, n->type);
	if (h->bytes != want || sb_size != want) {
		snprintf(msg, msglen, "%s has %llu bytes (its header says %llu), not the %llu %s "
		         "has: cut short or altered, refused", c->label_where,
		         (unsigned long long)sb_size, (unsigned long long)h->bytes,
		         (unsigned long long)want,
		         n->kind == SHMT_SYNC_ATOMIC ? "an Atomic" : "a Lock");
		return SHMT_E_CORRUPT;
	}
	void *payload = n->base + SYNC_HEADER;
	int ok = n->kind == SHMT_SYNC_ATOMIC ? shmt_atomic_at(payload) != NULL
	                                     : shmt_ulock_at(payload, n->type) != NULL;
	if (!ok) {
		snprintf(msg, msglen, "%s has a damaged %s (wrong magic): refused", c->label_where,
		         kind_name(n->kind));
		return SHMT_E_CORRUPT;
	}
	/* The robust lock words name holders by pid: every process mapping the
	 * object must see the same pids (docs/ARCHITECTURE.md). */
	if (sole) {
		h->pidns = pidns;
	} else if (h->pidns != 0 && pidns != 0 && h->pidns != pidns) {
		snprintf(msg, msglen, "%s is in use by processes of another pid namespace; a "
		         "process of this one cannot share its locks (pids differ between "
		         "namespaces); use it from one namespace at a time", c->label_where);
		return SHMT_E_NAMESPACE;
	}
	return SHMT_OK;
}

static shmt_status open_once(shmt_sync_named *n, const open_ctx *c, const char *name,
                             int64_t value, int create, unsigned mode, int *again,
                             char *msg, size_t msglen)
{
	int created = 0;
	shmt_os_stat sb;
	*again = 0;
	int rc = shmt_os_open(c->target, 1, create, mode, &n->fd, &created);
	if (rc == ENOENT && !create) {
		snprintf(msg, msglen, "no %s named '%s'", kind_name(n->kind), name);
		return SHMT_E_NOENT;
	}
	if (rc == ELOOP && shmt_os_is_symlink(c->where)) {
		snprintf(msg, msglen, "cannot open %s: it is a symbolic link, which is never "
		         "followed; remove it", c->label_where);
		return SHMT_E_SYSTEM;
	}
	if (rc == SHMT_OS_ECHURN) {
		snprintf(msg, msglen, "cannot open %s: it was removed and created again by another "
		         "process each time this one tried", c->label_where);
		return SHMT_E_SYSTEM;
	}
	if (rc != 0) {
		n->fd = -1;
		return sys_error(c, "open", rc, msg, msglen);
	}
	rc = shmt_os_fstat(n->fd, &sb);
	if (rc != 0) {
		return sys_error(c, "inspect", rc, msg, msglen);
	}
	if (!sb.is_regular) {
		snprintf(msg, msglen, "%s is not a regular file", c->label_where);
		return SHMT_E_SYSTEM;
	}
	if (!created) {
		shmt_status st = access_check(c, &sb, create, mode, msg, msglen);
		if (st != SHMT_OK) {
			return st;
		}
	}
	rc = shmt_os_lock_opening(n->fd);
	if (rc != 0) {
		return sys_error(c, "lock", rc, msg, msglen);
	}
	rc = shmt_os_try_sole_user(n->fd);
	if (rc != 0 && rc != EAGAIN) {
		return sys_error(c, "lock", rc, msg, msglen);
	}
	int sole = rc == 0;
	uint64_t pidns = shmt_os_pidns();
	rc = shmt_os_fstat(n->fd, &sb);
	if (rc != 0) {
		return sys_error(c, "inspect", rc, msg, msglen);
	}
	shmt_status st;
	int unmade = sb.size == 0;
	if (!unmade && sb.size >= SYNC_HEADER) {
		sync_header h;
		rc = shmt_os_read_at(n->fd, &h, sizeof(h), 0);
		if (rc != 0) {
			return sys_error(c, "read", rc, msg, msglen);
		}
		/* Left by a creator that died (a live one holds byte 0 until
		 * `ready`): sized but its header not yet written (all zero), or
		 * written but not marked ready. Nothing in it was ever used. */
		static const sync_header zero;
		unmade = (h.magic == SYNC_MAGIC && h.ready == 0) || memcmp(&h, &zero, sizeof(h)) == 0;
	}
	if (unmade) {
		if (!create) {
			if (sb.size == 0 && !sole) {
				*again = 1; /* its creator has not locked it yet */
			}
			snprintf(msg, msglen, "%s was never finished (its creator died, or has not "
			         "started yet): remove it, or create it", c->label_where);
			return SHMT_E_NOENT;
		}
		st = make(n, c, value, pidns, msg, msglen);
	} else {
		st = validate(n, c, name, sb.size, sole, pidns, msg, msglen);
	}
	if (st != SHMT_OK) {
		return st;
	}
	rc = shmt_os_share_users(n->fd);
	if (rc == 0) {
		rc = shmt_os_unlock_opening(n->fd);
	}
	if (rc != 0) {
		return sys_error(c, "lock", rc, msg, msglen);
	}
	return SHMT_OK;
}

static void release(shmt_sync_named *n)
{
	if (n->base != NULL) {
		shmt_unmap(n->base, n->len);
		n->base = NULL;
	}
	if (n->fd >= 0) {
		shmt_os_close(n->fd);
		n->fd = -1;
	}
}

shmt_status shmt_sync_open(shmt_sync_named **out, const char *name, int kind, int type,
                           int64_t value, int create, unsigned mode, char *msg, size_t msglen)
{
	char dummy[1];
	if (msg == NULL || msglen == 0) {
		msg = dummy;
		msglen = sizeof(dummy);
	}
	msg[0] = '\0';
	*out = NULL;
	if (name == NULL || !shmt_name_valid(name, strlen(name))) {
		snprintf(msg, msglen, "invalid name: 1 to %u bytes of A-Z a-z 0-9 . _ -, not "
		         "starting with '.'", SHMT_MAX_NAME);
		return SHMT_E_INVALID;
	}
	if (mode > 0777 || (kind != SHMT_SYNC_ATOMIC && kind != SHMT_SYNC_LOCK) ||
	    (kind == SHMT_SYNC_LOCK && (create || type != 0) && type != SHMT_ULOCK_MUTEX &&
	     type != SHMT_ULOCK_RWLOCK)) {
		snprintf(msg, msglen, "invalid mode or type");
		return SHMT_E_INVALID;
	}
	open_ctx *c = calloc(1, sizeof(*c));
	shmt_sync_named *n = calloc(1, sizeof(*n));
	if (c == NULL || n == NULL) {
		free(c);
		free(n);
		return out_of_memory(msg, msglen);
	}
	sync_ctx(c, n, name, kind);
	n->kind = kind;
	n->type = kind == SHMT_SYNC_LOCK ? type : 0;
	snprintf(n->name, sizeof(n->name), "%s", name);
	int64_t deadline = shmt_os_monotonic_ns() + (int64_t)SYNC_WAIT_MS * 1000000;
	unsigned nap_ms = 1;
	shmt_status st;
	for (;;) {
		int again;
		n->fd = -1;
		st = open_once(n, c, name, value, create, mode, &again, msg, msglen);
		if (st == SHMT_OK) {
			break;
		}
		release(n);
		if (!again || shmt_os_monotonic_ns() >= deadline) {
			break;
		}
		shmt_os_sleep_ms(nap_ms);
		nap_ms = nap_ms < 32 ? nap_ms * 2 : 50;
	}
	free(c);
	if (st != SHMT_OK) {
		free(n);
		return st;
	}
	*out = n;
	return SHMT_OK;
}

shmt_atomic *shmt_sync_atomic(shmt_sync_named *n)
{
	return n->kind == SHMT_SYNC_ATOMIC ? shmt_atomic_at(n->base + SYNC_HEADER) : NULL;
}

shmt_ulock *shmt_sync_lock(shmt_sync_named *n)
{
	return n->kind == SHMT_SYNC_LOCK ? shmt_ulock_at(n->base + SYNC_HEADER, n->type) : NULL;
}

const char *shmt_sync_name(const shmt_sync_named *n) { return n->name; }
int shmt_sync_created(const shmt_sync_named *n) { return n->created; }

void shmt_sync_close(shmt_sync_named *n)
{
	if (n != NULL) {
		release(n);
		free(n);
	}
}

shmt_status shmt_sync_unlink(const char *name, char *msg, size_t msglen)
{
	char dummy[1];
	if (msg == NULL || msglen == 0) {
		msg = dummy;
		msglen = sizeof(dummy);
	}
	msg[0] = '\0';
	if (name == NULL || !shmt_name_valid(name, strlen(name))) {
		snprintf(msg, msglen, "invalid name: 1 to %u bytes of A-Z a-z 0-9 . _ -, not "
		         "starting with '.'", SHMT_MAX_NAME);
		return SHMT_E_INVALID;
	}
	char os_name[sizeof(SHMT_SYNC_PREFIX) + SHMT_MAX_NAME];
	snprintf(os_name, sizeof(os_name), "%s%s", SHMT_SYNC_PREFIX, name);
	int rc = shmt_os_unlink_shm(os_name);
	if (rc == 0) {
		return SHMT_OK;
	}
	if (rc == ENOENT) {
		return SHMT_NOT_FOUND;
	}
#if defined(__linux__)
	snprintf(msg, msglen, "cannot remove Atomic or Lock '%s' (/dev/shm%s): %s", name, os_name,
	         strerror(rc));
#else
	snprintf(msg, msglen, "cannot remove Atomic or Lock '%s' (shared memory %s): %s", name,
	         os_name, strerror(rc));
#endif
	return SHMT_E_SYSTEM;
}
