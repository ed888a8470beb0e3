/*
 * shmt_list.c - tables seen from outside: the named tables on this host
 * and each one's header, read through a read-only descriptor with no
 * mapping and no lock (Table::list(), bin/shmtable list).
 */
#include "shmt_internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------------- */
/* Reading a table's header from outside (listing, inspection)             */

/* The stored rows of the table laid out as L, read from the object: live
 * minus what the stripes keep, as count() computes it, from one read of
 * each. A statistic: the words may be read mid-write. */
static shmt_status peek_rows(const open_ctx *c, int fd, const shmt_layout *L, uint64_t *rows,
                             char *msg, size_t msglen)
{
	uint32_t live;
	int rc = shmt_os_read_at(fd, &live, sizeof(live),
	                         L->alloc_off + offsetof(shmt_alloc, live));
	if (rc != 0) {
		return sys_error(c, "read", rc, msg, msglen);
	}
	size_t bytes = (size_t)L->nstripes * sizeof(shmt_stripe);
	shmt_stripe *st = malloc(bytes);
	if (st == NULL) {
		return out_of_memory(msg, msglen);
	}
	rc = shmt_os_read_at(fd, st, bytes, L->stripes_off);
	uint64_t kept = 0;
	for (uint32_t i = 0; rc == 0 && i < L->nstripes; i++) {
		kept += st[i].s.kept_n;
	}
	free(st);
	if (rc != 0) {
		return sys_error(c, "read", rc, msg, msglen);
	}
	live = live > L->size ? L->size : live;
	*rows = live > kept ? live - kept : 0;
	return SHMT_OK;
}

/* The header of the object open on fd (of sb->size bytes), validated, into
 * info. */
static shmt_status peek_header(const open_ctx *c, int fd, const shmt_os_stat *sb,
                               shmt_info *info, char *msg, size_t msglen)
{
	size_t want = sizeof(shmt_header) + (size_t)SHMT_MAX_COLUMNS * sizeof(shmt_coldesc);
	size_t len = sb->size < want ? (size_t)sb->size : want;
	if (len < sizeof(shmt_header)) {
		snprintf(msg, msglen, "%s is being created (%llu bytes)", c->label_where,
		         (unsigned long long)sb->size);
		return SHMT_E_NOENT;
	}
	unsigned char *hdr = malloc(len);
	shmt_coldesc *desc = malloc(SHMT_MAX_COLUMNS * sizeof(*desc));
	shmt_status st = SHMT_OK;
	int rc;
	if (hdr == NULL || desc == NULL) {
		st = out_of_memory(msg, msglen);
	} else if ((rc = shmt_os_read_at(fd, hdr, len, 0)) != 0) {
		st = sys_error(c, "read", rc, msg, msglen);
	}
	shmt_header h;
	if (st == SHMT_OK) {
		memcpy(&h, hdr, sizeof(h));
		if (memcmp(h.magic, SHMT_MAGIC, 8) == 0 && h.ready == SHMT_READY_INIT) {
			snprintf(msg, msglen, "%s is being created, or its creator died doing so",
			         c->label_where);
			st = SHMT_E_NOENT;
		}
	}
	shmt_layout L;
	if (st == SHMT_OK) {
		st = validate_header(c, hdr, len, sb->size, &L, desc, msg, msglen);
	}
	if (st == SHMT_OK && h.ready != SHMT_READY_DONE) {
		snprintf(msg, msglen, "%s is not a valid table: its 'ready' word is %u", c->label,
		         h.ready);
		st = SHMT_E_CORRUPT;
	}
	if (st == SHMT_OK) {
		info->size = L.size;
		info->key_max = L.key_max;
		info->ncols = L.ncols;
		for (uint32_t i = 0; i < L.ncols; i++) {
			shmt_coldef *d = &info->cols[i];
			memcpy(d->name, desc[i].name, sizeof(d->name));
			d->name_len = desc[i].name_len;
			d->type = desc[i].type;
			d->size = desc[i].type == SHMT_TYPE_STRING ? desc[i].size : 0;
		}
		info->memory_size = L.map_bytes;
		st = peek_rows(c, fd, &L, &info->rows, msg, msglen);
	}
	free(hdr);
	free(desc);
	return st;
}

shmt_status shmt_peek(const char *name, const char *path, shmt_info *info, char *msg,
                      size_t msglen)
{
	char dummy[1];
	if (msg == NULL || msglen == 0) {
		msg = dummy;
		msglen = sizeof(dummy);
	}
	msg[0] = '\0';
	memset(info, 0, sizeof(*info));
	if ((name == NULL) == (path == NULL) ||
	    (name != NULL && !shmt_name_valid(name, strlen(name)))) {
		snprintf(msg, msglen, name != NULL ? "invalid table name" : "give a name or a path");
		return SHMT_E_INVALID;
	}
	open_ctx *c = malloc(sizeof(*c));
	if (c == NULL) {
		return out_of_memory(msg, msglen);
	}
	ctx_init(c, name, path);
	int fd;
	int rc = shmt_os_open_readonly(c->target, c->is_shm, &fd);
	shmt_status st = SHMT_OK;
	if (rc == ENOENT) {
		snprintf(msg, msglen, "%s does not exist", c->label_where);
		st = SHMT_E_NOENT;
	} else if (rc == EACCES) {
		snprintf(msg, msglen, "%s cannot be read by this user", c->label_where);
		st = SHMT_E_ACCESS;
	} else if (rc != 0) {
		st = sys_error(c, "open", rc, msg, msglen);
	}
	if (st != SHMT_OK) {
		free(c);
		return st;
	}
	shmt_os_stat sb;
	rc = shmt_os_fstat(fd, &sb);
	if (rc != 0) {
		st = sys_error(c, "inspect", rc, msg, msglen);
	} else if (!sb.is_regular) {
		snprintf(msg, msglen, "%s is not a regular file", c->label_where);
		st = SHMT_E_SYSTEM;
	} else {
		st = access_check(c, &sb, 0, 0, msg, msglen);
	}
	if (st == SHMT_OK) {
		info->uid = sb.uid;
		info->gid = sb.gid;
		info->perm = sb.perm;
		info->ctime_ns = sb.ctime_ns;
		st = peek_header(c, fd, &sb, info, msg, msglen);
	}
	shmt_os_close(fd);
	free(c);
	return st;
}

typedef struct {
	int (*cb)(const char *name, void *arg);
	void *arg;
} list_walk;

static int list_one(const char *rest, void *arg)
{
	list_walk *w = arg;
	return shmt_name_valid(rest, strlen(rest)) ? w->cb(rest, w->arg) : 0;
}

shmt_status shmt_list_names(int (*cb)(const char *name, void *arg), void *arg, char *msg,
                            size_t msglen)
{
	list_walk w = {cb, arg};
	/* The prefix without its '/': the names the objects have in the list. */
	int rc = shmt_os_list_shm(&SHMT_SHM_PREFIX[1], list_one, &w);
	if (rc != 0) {
		snprintf(msg, msglen, "cannot list the shared-memory objects: %s", strerror(rc));
		return SHMT_E_SYSTEM;
	}
	return SHMT_OK;
}
