/*
 * shmt_open.c - named and file-backed tables: opening (create or
 * attach), removing, flushing and the messages that name them.
 */
#include "shmt_internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------------- */
/* Named and file-backed tables                                             */

int shmt_name_valid(const char *name, size_t len)
{
	if (name == NULL || len < 1 || len > SHMT_MAX_NAME || name[0] == '.') {
		return 0;
	}
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)name[i];
		if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		      (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-')) {
			return 0;
		}
	}
	return 1;
}

const char *shmt_name(const shmt_table *t) { return t->name; }
const char *shmt_path(const shmt_table *t) { return t->path; }
shmt_opened shmt_opened_how(const shmt_table *t) { return (shmt_opened)t->opened; }


/* The names the messages give a table, from its name or path. */
void ctx_init(open_ctx *c, const char *name, const char *path)
{
	c->is_shm = 0;
	c->noun = c->its_contents = c->all_contents = NULL; /* a table's words */
	if (name != NULL) {
		c->is_shm = 1;
		snprintf(c->os_name, sizeof(c->os_name), "%s%s", SHMT_SHM_PREFIX, name);
		c->target = c->os_name;
		snprintf(c->label, sizeof(c->label), "table '%s'", name);
#if defined(__linux__)
		snprintf(c->where, sizeof(c->where), "/dev/shm%s", c->os_name);
#else
		snprintf(c->where, sizeof(c->where), "shared memory %s", c->os_name);
#endif
	} else {
		c->target = path;
		snprintf(c->label, sizeof(c->label), "table file '%s'", path);
		snprintf(c->where, sizeof(c->where), "%s", path);
	}
	if (c->is_shm) {
		snprintf(c->label_where, sizeof(c->label_where), "%s (%s)", c->label, c->where);
	} else {
		snprintf(c->label_where, sizeof(c->label_where), "%s", c->label);
	}
}

shmt_status sys_error(const open_ctx *c, const char *what, int err, char *msg,
                      size_t msglen)
{
	snprintf(msg, msglen, "cannot %s %s: %s", what, c->label_where, strerror(err));
	return SHMT_E_SYSTEM;
}

/* Nobody maps the table: reserve again the storage its mark says is
 * reserved, and at least that of the header, the bucket index and every
 * row handed out, before anything reads or writes them (a copy of the
 * file made sparse, or restored from a backup, has lost its storage; for
 * storage that is there, posix_fallocate() changes nothing). The mark is
 * then true: it is stored. */
static shmt_status reserve_in_use(shmt_table *t, const open_ctx *c, int fd, char *msg,
                                  size_t msglen)
{
	uint64_t head = reserve_end(t->rows_off, t->map_bytes), want = head;
	int rc = shmt_os_reserve(fd, 0, head);
	if (rc == 0) {
		/* The allocator lies in the header part: readable now. A
		 * next_unused out of range adds nothing (shmt_check() refuses it). */
		shmt_alloc *a = t->a;
		uint32_t nu = a->next_unused;
		uint64_t need = a->reserved;
		if (nu >= 1 && nu <= t->total_rows + 1 &&
		    t->rows_off + (uint64_t)(nu - 1) * t->row_bytes > need) {
			need = t->rows_off + (uint64_t)(nu - 1) * t->row_bytes;
		}
		want = need > head ? reserve_end(need, t->map_bytes) : head;
		rc = shmt_os_reserve(fd, head, want - head);
		if (rc == 0) {
			a->reserved = want;
		}
	}
	if (rc != 0) {
		snprintf(msg, msglen, "cannot reserve storage for the %llu bytes in use of %s: %s",
		         (unsigned long long)want, c->label_where, strerror(rc));
		return SHMT_E_RESERVE;
	}
	return SHMT_OK;
}

/* Map `bytes` of the opened object or file; on failure *bytes_asked says
 * how much and msg why. */
static shmt_status map_object(const open_ctx *c, int fd, uint64_t bytes, unsigned char **base,
                              size_t *map_len, uint64_t *bytes_asked, char *msg, size_t msglen)
{
	*map_len = (size_t)bytes;
	*base = shmt_os_map_fd(fd, *map_len);
	if (*base == NULL) {
		*bytes_asked = bytes;
		return sys_error(c, "map", errno, msg, msglen);
	}
	return SHMT_OK;
}

shmt_status out_of_memory(char *msg, size_t msglen)
{
	snprintf(msg, msglen, "out of memory");
	return SHMT_E_NOMEM;
}

/* May this process use the object it opened (sb), with what it asked (a)?
 * Its own table, if (for create) the mode is within the one asked; another
 * user's only if that user shares it with a group of this process and with
 * nobody else (group read-write, no bit for others: so root, which the
 * permission bits do not stop, is not let in by them either), and within
 * the mode asked. Whoever owns a table can read and rewrite every row (and
 * its hash seed), so a table planted by another user before the real one
 * was created must not be adopted. SHMT_E_ACCESS with msg otherwise. */
shmt_status access_check(const open_ctx *c, const shmt_os_stat *sb, int create,
                         unsigned asked, char *msg, size_t msglen)
{
	uint32_t me = shmt_os_euid();
	int wider = create && (sb->perm & ~asked) != 0;
	int shared = sb->uid != me && shmt_os_in_group(sb->gid) &&
	             (sb->perm & 0060) == 0060 && (sb->perm & 0007) == 0;
	if ((sb->uid == me || shared) && !wider) {
		return SHMT_OK;
	}
	if (sb->uid == me) {
		snprintf(msg, msglen, "%s has mode %04o, wider than the mode %04o asked: refused, "
		         "since someone it was not meant for may have read or changed %s; "
		         "narrow it (chmod %04o) or ask for mode %04o", c->label_where,
		         (unsigned)sb->perm, asked, c->its_contents ? c->its_contents : "its rows",
		         asked, (unsigned)sb->perm);
		return SHMT_E_ACCESS;
	}
	char owner[160], group[160], mine[160], within[64] = "";
	shmt_os_describe_user(sb->uid, owner, sizeof(owner));
	shmt_os_describe_group(sb->gid, group, sizeof(group));
	shmt_os_describe_user(me, mine, sizeof(mine));
	if (create) {
		snprintf(within, sizeof(within), ", within the mode %04o asked", asked);
	}
	snprintf(msg, msglen, "%s belongs to user %s, group %s, mode %04o, not to %s, the user of "
	         "this process: refused, since its owner can read and change %s. Remove it "
	         "if you did not make it, or open it as its owner; another user's %s is used "
	         "only when shared through a group of this process and with no one else (mode "
	         "0660 or narrower%s)", c->label_where, owner, group, (unsigned)sb->perm, mine,
	         c->all_contents ? c->all_contents : "every row", c->noun ? c->noun : "table",
	         within);
	return SHMT_E_ACCESS;
}

/* Make the object (empty, or left marked SHMT_READY_INIT by a creator that
 * died) a new table laid out as W. Every state a kill leaves on the way is
 * one of those two: empty, then the marked header prefix (one write), then
 * sized, then the header and locks written; `ready` is published last. On
 * failure the object is made empty again. */
static shmt_status create_in(const open_ctx *c, int fd, const shmt_layout *W,
                             const shmt_coldesc *want, uint64_t pidns, shmt_table **out,
                             unsigned char **base, size_t *map_len, uint64_t *bytes_asked,
                             char *msg, size_t msglen)
{
	shmt_status st;
	shmt_header mark;
	memset(&mark, 0, sizeof(mark));
	memcpy(mark.magic, SHMT_MAGIC, 8);
	mark.layout_version = SHMT_LAYOUT_VERSION;
	mark.ready = SHMT_READY_INIT;
	/* Storage for all that creation writes and that every process reads at
	 * once (header, allocator, stripes, bucket index, to the end of their
	 * chunk), before anything touches it; rows get theirs as they are
	 * handed out. If the file system cannot give it (here, or already for
	 * the marked header), the object is left empty, as a creator that died
	 * would leave it. */
	uint64_t head = reserve_end(W->rows_off, W->map_bytes);
	int rc = shmt_os_truncate(fd, 0);
	if (rc == 0) {
		rc = shmt_os_write_at(fd, &mark, sizeof(mark), 0);
	}
	if (rc == ENOSPC || rc == EDQUOT) {
		goto no_storage;
	}
	if (rc != 0) {
		st = sys_error(c, "write", rc, msg, msglen);
		goto fail;
	}
	STEP(SHMT_STEP_CREATE_MARKED);
	rc = shmt_os_truncate(fd, W->map_bytes);
	if (rc != 0) {
		*bytes_asked = W->map_bytes;
		st = sys_error(c, "size", rc, msg, msglen);
		goto fail;
	}
	STEP(SHMT_STEP_CREATE_SIZED);
	rc = shmt_os_reserve(fd, 0, head);
	if (rc != 0) {
	no_storage:
		*bytes_asked = head;
		snprintf(msg, msglen, "cannot reserve %llu bytes for the header and bucket index "
		         "of %s: %s (the whole table takes up to %llu bytes)",
		         (unsigned long long)head, c->label_where, strerror(rc),
		         (unsigned long long)W->map_bytes);
		st = SHMT_E_RESERVE;
		goto fail;
	}
	st = map_object(c, fd, W->map_bytes, base, map_len, bytes_asked, msg, msglen);
	if (st != SHMT_OK) {
		goto fail;
	}
	st = init_mapping(*base, W, want, c->is_shm ? SHMT_BACKING_NAMED : SHMT_BACKING_FILE,
	                  head);
	if (st != SHMT_OK) {
		snprintf(msg, msglen, "cannot initialise %s", c->label);
		goto fail;
	}
	shmt_table *t = handle_new(*base, *map_len, W, want, ((shmt_header *)*base)->seed);
	if (t == NULL) {
		st = out_of_memory(msg, msglen);
		goto fail;
	}
	t->opened = SHMT_OPENED_CREATED;
	t->h->pidns = pidns;
	STEP(SHMT_STEP_CREATE_WRITTEN);
	shmt_store_release(&t->h->ready, SHMT_READY_DONE);
	*out = t;
	return SHMT_OK;
fail:
	if (*base != NULL) {
		shmt_unmap(*base, *map_len);
		*base = NULL;
	}
	(void)shmt_os_truncate(fd, 0);
	return st;
}

/* How long attach() waits for a table whose creation is under way: one
 * that is empty (its creator has made it but not yet locked it) and was
 * made less than this long ago. */
#define SHMT_OPEN_WAIT_MS 3000

/* One try of shmt_open(): what it holds and where it reports. */
typedef struct {
	open_ctx *c;
	const shmt_open_args *a;
	uint64_t *bytes_asked;
	char *msg;
	size_t msglen;
	int fd;             /* the object or file, or -1 */
	int created;        /* this try made it (O_EXCL) */
	int sole;           /* no other process maps it */
	uint64_t pidns;     /* this process's pid namespace */
	shmt_os_stat sb;
	shmt_table *t;      /* handle on the mapping, not yet the caller's */
	unsigned char *base;
	size_t map_len;
} open_try;

/* Open (or make) the object or file; the messages for each way it fails. */
static shmt_status open_object(open_try *o)
{
	const open_ctx *c = o->c;
	const shmt_open_args *a = o->a;
	char *msg = o->msg;
	size_t msglen = o->msglen;
	int rc = shmt_os_open(c->target, c->is_shm, a->create, a->mode, &o->fd, &o->created);
	if (rc == ENOENT && !a->create) {
		snprintf(msg, msglen, c->is_shm ? "no table named '%s'" : "no table file '%s'",
		         c->is_shm ? a->name : a->path);
		return SHMT_E_NOENT;
	}
	if (rc == ELOOP && shmt_os_is_symlink(c->where)) {
		if (c->is_shm) {
			snprintf(msg, msglen, "cannot open %s: it is a symbolic link, not a table (a "
			         "named table is never one, and one planted there is not followed); "
			         "remove it", c->label_where);
		} else {
			snprintf(msg, msglen, "cannot open %s: it is a symbolic link, which create() "
			         "does not follow (a link planted there could make it create or "
			         "initialise another file); give the path of the table file itself",
			         c->label_where);
		}
		return SHMT_E_SYSTEM;
	}
	if (rc == SHMT_OS_ECHURN) {
		snprintf(msg, msglen, "cannot open %s: it was removed and created again by another "
		         "process each of the %d times this one tried", c->label_where,
		         SHMT_OS_OPEN_TRIES);
		return SHMT_E_SYSTEM;
	}
	if (rc != 0) {
		return sys_error(c, "open", rc, msg, msglen);
	}
	if (o->created) {
		STEP(SHMT_STEP_OPEN_MADE); /* made, empty, not yet locked */
	}
	return SHMT_OK;
}

/* Who owns it and how it may be used, before anything else: no lock of a
 * planted object can make this process wait. An object this call made
 * (O_EXCL) is its own, whatever the file system says. Then take the
 * opening lock and learn whether this process is the only user. */
static shmt_status inspect_and_lock(open_try *o)
{
	const open_ctx *c = o->c;
	char *msg = o->msg;
	size_t msglen = o->msglen;
	int rc = shmt_os_fstat(o->fd, &o->sb);
	if (rc != 0) {
		return sys_error(c, "inspect", rc, msg, msglen);
	}
	if (!o->sb.is_regular) {
		snprintf(msg, msglen, "%s is not a regular file", c->label_where);
		return SHMT_E_SYSTEM;
	}
	if (!o->created) {
		shmt_status st = access_check(c, &o->sb, o->a->create, o->a->mode, msg, msglen);
		if (st != SHMT_OK) {
			return st;
		}
	}
	rc = shmt_os_lock_opening(o->fd);
	if (rc != 0) {
		return sys_error(c, "lock", rc, msg, msglen);
	}
	rc = shmt_os_try_sole_user(o->fd);
	if (rc != 0 && rc != EAGAIN) {
		return sys_error(c, "lock", rc, msg, msglen);
	}
	o->sole = rc == 0;
	o->pidns = shmt_os_pidns();
	rc = shmt_os_fstat(o->fd, &o->sb); /* its size now that openers wait for us */
	if (rc != 0) {
		return sys_error(c, "inspect", rc, msg, msglen);
	}
	return SHMT_OK;
}

/* An object that holds no table: empty (made by a creator that has not
 * locked it yet, or that died before it wrote anything) or `marked` (its
 * creator died while filling it in; a live creator holds byte 0 all
 * along, so we would not be here). Neither holds a row, so create() makes
 * its table there; nothing else is ever written over. *again: attach()
 * should wait for its creator and try once more. */
static shmt_status open_unmade(open_try *o, int marked, const shmt_layout *W,
                               const shmt_coldesc *want, int64_t deadline, int *again)
{
	const open_ctx *c = o->c;
	char *msg = o->msg;
	size_t msglen = o->msglen;
	if (!o->sole) {
		snprintf(msg, msglen, "%s is mapped by a process but has no table in it",
		         c->label_where);
		return SHMT_E_CORRUPT;
	}
	if (o->a->create) {
		return create_in(c, o->fd, W, want, o->pidns, &o->t, &o->base, &o->map_len,
		                 o->bytes_asked, msg, msglen);
	}
	if (marked) {
		snprintf(msg, msglen, "%s was never completely created: the process creating it "
		         "died before it finished, and no process maps it (it holds no row); "
		         "create() it to make the table again, or remove it", c->label_where);
		return SHMT_E_NOENT;
	}
	int64_t age_ms = (shmt_os_realtime_ns() - o->sb.ctime_ns) / 1000000;
	if ((age_ms < 0 || age_ms < SHMT_OPEN_WAIT_MS) && shmt_os_monotonic_ns() < deadline) {
		*again = 1; /* its creator will lock it in a moment */
		return SHMT_OK;
	}
	if (age_ms < SHMT_OPEN_WAIT_MS) {
		age_ms = SHMT_OPEN_WAIT_MS;
	}
	snprintf(msg, msglen, "%s was never completely created: it has been empty for "
	         "%lld s and no process maps it (the process creating it stopped before "
	         "it wrote anything); create() it to make the table in it, or remove it",
	         c->label_where, (long long)(age_ms / 1000));
	return SHMT_E_NOENT;
}

/* Repair and check a private copy first: only a table that passes is
 * repaired in place, so a refused file is left exactly as it was. The same
 * steps on the same bytes (nobody else can change them now) then repair
 * the object. */
static shmt_status repair_trial(open_try *o, const shmt_layout *L, const shmt_coldesc *desc,
                                const uint8_t *seed)
{
	const open_ctx *c = o->c;
	unsigned char *trial = shmt_os_map_fd_private(o->fd, (size_t)L->map_bytes);
	if (trial == NULL) {
		*o->bytes_asked = L->map_bytes;
		return sys_error(c, "map", errno, o->msg, o->msglen);
	}
	shmt_table *tt = handle_new(trial, (size_t)L->map_bytes, L, desc, seed);
	/* Storage first: on a full file system even a read of a
	 * page without storage is SIGBUS, private mapping or not. */
	shmt_status st = tt == NULL ? out_of_memory(o->msg, o->msglen)
	                            : reserve_in_use(tt, c, o->fd, o->msg, o->msglen);
	if (st == SHMT_OK) {
		st = reopen_repair(tt, c, 1, o->msg, o->msglen);
	}
	free(tt);
	shmt_unmap(trial, (size_t)L->map_bytes);
	return st;
}

/* The table is mapped (o->t): take it over if nobody else maps it (reserve
 * and repair in place), else check that it may be shared as it is. */
static shmt_status adopt_mapped(open_try *o, const shmt_header *stored)
{
	const open_ctx *c = o->c;
	char *msg = o->msg;
	size_t msglen = o->msglen;
	shmt_table *t = o->t;
	char why[256];
	t->opened = SHMT_OPENED_ATTACHED;
	if (o->sole) {
		shmt_status st = reserve_in_use(t, c, o->fd, msg, msglen);
		if (st == SHMT_OK) {
			st = reopen_repair(t, c, 0, msg, msglen);
		}
		if (st != SHMT_OK) {
			return st;
		}
		t->opened = SHMT_OPENED_REOPENED;
		t->h->pidns = o->pidns;
		/* A table file reopened during another boot: CLOCK_BOOTTIME
		 * started again, so anchor the table clock anew (expiry). */
		uint8_t boot[16];
		if (shmt_os_boot_id(boot) != 0 || memcmp(boot, t->h->boot_id, 16) != 0) {
			clock_rebase(t->h);
			t->clock_base = t->h->clock_base;
		}
	} else if (stored->pidns != 0 && o->pidns != 0 && stored->pidns != o->pidns) {
		/* A lock word holds its owner's thread id as the owner's pid
		 * namespace numbers it. Across namespaces two live threads can
		 * have the same id, and a thread that dies while waiting for a
		 * lock held by its namesake makes the kernel mark that live
		 * owner dead. So processes of one pid namespace at a time. */
		snprintf(msg, msglen, "%s is in use by processes of another pid namespace "
		         "(a container); processes of different pid namespaces cannot share a "
		         "table at the same time, because their thread ids, which the locks "
		         "record, can be equal", c->label_where);
		return SHMT_E_NAMESPACE;
	} else if (shared_fields_bad(t, why, sizeof(why))) {
		/* In use: checked as it is, without a lock and without a write. */
		snprintf(msg, msglen, "%s is damaged: %s; it was left as it is", c->label_where,
		         why);
		return SHMT_E_CORRUPT;
	}
	return SHMT_OK;
}

/* An object that holds a table: check its header, compare definitions
 * (create), repair it if nobody maps it, then map it. */
static shmt_status open_made(open_try *o, const unsigned char *hdr, size_t hdr_len,
                             const shmt_header *stored, shmt_coldesc *desc)
{
	const open_ctx *c = o->c;
	char *msg = o->msg;
	size_t msglen = o->msglen;
	shmt_layout L;
	shmt_status st = validate_header(c, hdr, hdr_len, o->sb.size, &L, desc, msg, msglen);
	if (st != SHMT_OK) {
		return st;
	}
	if (stored->ready != SHMT_READY_DONE) {
		snprintf(msg, msglen, "%s is not a valid table: its 'ready' word is %u, neither "
		         "complete (1) nor being created; it is left as it is: remove it if it "
		         "holds nothing you need", c->label, stored->ready);
		return SHMT_E_CORRUPT;
	}
	char why[256];
	if (o->a->create && definition_differs(&L, desc, o->a, why, sizeof(why))) {
		snprintf(msg, msglen, "%s exists with another definition: %s", c->label, why);
		return SHMT_E_DEFINITION;
	}
	if (o->sole) {
		st = repair_trial(o, &L, desc, stored->seed);
		if (st != SHMT_OK) {
			return st;
		}
	}
	st = map_object(c, o->fd, L.map_bytes, &o->base, &o->map_len, o->bytes_asked, msg, msglen);
	if (st != SHMT_OK) {
		return st;
	}
	o->t = handle_new(o->base, o->map_len, &L, desc, stored->seed);
	if (o->t == NULL) {
		return out_of_memory(msg, msglen);
	}
	return adopt_mapped(o, stored);
}

/* Join the users (an exclusive hold becomes shared) and hand the table,
 * with the descriptor and its locks, to the caller; then let the next
 * opener in. */
static shmt_status open_publish(open_try *o, shmt_table **out)
{
	shmt_table *t = o->t;
	int rc = shmt_os_share_users(o->fd);
	if (rc != 0) {
		return sys_error(o->c, "lock", rc, o->msg, o->msglen);
	}
	t->fd = o->fd;
	t->dev = o->sb.dev;
	t->ino = o->sb.ino;
	if (o->a->name != NULL) {
		t->name = strdup(o->a->name);
	} else {
		t->path = strdup(o->a->path);
	}
	if (t->name == NULL && t->path == NULL) {
		t->fd = -1;
		return out_of_memory(o->msg, o->msglen);
	}
	*out = t;
	o->t = NULL;
	o->base = NULL;
	o->fd = -1; /* the handle has it now, locks and all */
	/* Closing the fd would release it too; the table is usable anyway. */
	(void)shmt_os_unlock_opening((*out)->fd);
	return SHMT_OK;
}

/* Whatever a try still holds that is not the caller's. */
static void open_release(open_try *o)
{
	if (o->t != NULL) {
		o->t->base = NULL; /* unmapped below */
		free(o->t->name);
		free(o->t->path);
		free(o->t);
	}
	if (o->base != NULL) {
		shmt_unmap(o->base, o->map_len);
	}
	if (o->fd >= 0) {
		/* Releases our locks on it, byte 0 and byte 1 alike. */
		shmt_os_close(o->fd);
	}
}

/* One try of shmt_open() (which owns c, hdr, desc and want). *again: the
 * object was empty and young, attach() should wait and try once more. */
static shmt_status open_once(open_ctx *c, const shmt_open_args *a, const shmt_layout *W,
                             const shmt_coldesc *want, shmt_coldesc *desc, unsigned char *hdr,
                             int64_t deadline, int *again, shmt_table **out,
                             uint64_t *bytes_asked, char *msg, size_t msglen)
{
	open_try o = {.c = c, .a = a, .bytes_asked = bytes_asked, .msg = msg, .msglen = msglen,
	              .fd = -1};
	*again = 0;
	shmt_status st = open_object(&o);
	if (st == SHMT_OK) {
		st = inspect_and_lock(&o);
	}
	/* The header as stored, read with pread and checked here, privately:
	 * the mapping is made only once the header is known to be sound. */
	size_t hdr_cap = sizeof(shmt_header) + SHMT_MAX_COLUMNS * sizeof(shmt_coldesc);
	size_t hdr_len = o.sb.size < hdr_cap ? (size_t)o.sb.size : hdr_cap;
	int rc;
	if (st == SHMT_OK) {
		memset(hdr, 0, hdr_cap);
		if (hdr_len > 0 && (rc = shmt_os_read_at(o.fd, hdr, hdr_len, 0)) != 0) {
			st = sys_error(c, "read", rc, msg, msglen);
		}
	}
	if (st == SHMT_OK) {
		shmt_header stored;
		memcpy(&stored, hdr, sizeof(stored));
		int empty = o.sb.size == 0;
		int marked = hdr_len >= sizeof(stored) && memcmp(stored.magic, SHMT_MAGIC, 8) == 0 &&
		             stored.layout_version == SHMT_LAYOUT_VERSION &&
		             stored.ready == SHMT_READY_INIT;
		st = empty || marked ? open_unmade(&o, marked, W, want, deadline, again)
		                     : open_made(&o, hdr, hdr_len, &stored, desc);
	}
	if (st == SHMT_OK && !*again) {
		st = open_publish(&o, out);
	}
	open_release(&o);
	return st;
}

shmt_status shmt_open(shmt_table **out, const shmt_open_args *a,
                      uint64_t *bytes_asked, char *msg, size_t msglen)
{
	char dummy[1];
	uint64_t dummy_bytes;
	if (msg == NULL || msglen == 0) {
		msg = dummy;
		msglen = sizeof(dummy);
	}
	if (bytes_asked == NULL) {
		bytes_asked = &dummy_bytes;
	}
	msg[0] = '\0';
	*out = NULL;
	*bytes_asked = 0;
	if ((a->name == NULL) == (a->path == NULL) ||
	    (a->name != NULL && !shmt_name_valid(a->name, strlen(a->name))) ||
	    (a->path != NULL && (a->path[0] == '\0' || strlen(a->path) >= 4096)) ||
	    a->mode > 0777) {
		snprintf(msg, msglen, "invalid name, path or mode");
		return SHMT_E_INVALID;
	}
	open_ctx *c = calloc(1, sizeof(*c));
	shmt_coldesc *desc = calloc(SHMT_MAX_COLUMNS, sizeof(*desc));
	shmt_coldesc *want = calloc(SHMT_MAX_COLUMNS, sizeof(*want));
	unsigned char *hdr = calloc(1, sizeof(shmt_header) + SHMT_MAX_COLUMNS * sizeof(shmt_coldesc));
	shmt_status st = SHMT_OK;
	shmt_layout W;
	memset(&W, 0, sizeof(W));
	if (c == NULL || desc == NULL || want == NULL || hdr == NULL) {
		st = out_of_memory(msg, msglen);
		goto out;
	}
	ctx_init(c, a->name, a->path);
	if (a->create) {
		int bad;
		st = layout_compute(a->size, a->key_max, a->cols, a->ncols, a->evict, want, &W,
		                    bytes_asked, &bad);
		if (st != SHMT_OK) {
			snprintf(msg, msglen, "invalid table definition");
			goto out;
		}
	}
	/* attach() finding a table that another process has just made and not
	 * yet locked waits for it, a little longer each time, within a bound. */
	int64_t deadline = shmt_os_monotonic_ns() + (int64_t)SHMT_OPEN_WAIT_MS * 1000000;
	unsigned nap_ms = 1;
	for (;;) {
		int again;
		st = open_once(c, a, &W, want, desc, hdr, deadline, &again, out, bytes_asked, msg,
		               msglen);
		if (!again) {
			break;
		}
		shmt_os_sleep_ms(nap_ms);
		nap_ms = nap_ms < 32 ? nap_ms * 2 : 50;
	}

out:
	free(hdr);
	free(want);
	free(desc);
	free(c);
	return st;
}

shmt_status shmt_unlink(const char *name, char *msg, size_t msglen)
{
	char os_name[sizeof(SHMT_SHM_PREFIX) + SHMT_MAX_NAME];
	char dummy[1];
	if (msg == NULL || msglen == 0) {
		msg = dummy;
		msglen = sizeof(dummy);
	}
	msg[0] = '\0';
	if (name == NULL || !shmt_name_valid(name, strlen(name))) {
		snprintf(msg, msglen, "invalid table name");
		return SHMT_E_INVALID;
	}
	snprintf(os_name, sizeof(os_name), "%s%s", SHMT_SHM_PREFIX, name);
	int rc = shmt_os_unlink_shm(os_name);
	if (rc == 0) {
		return SHMT_OK;
	}
	if (rc == ENOENT) {
		return SHMT_NOT_FOUND;
	}
#if defined(__linux__)
	snprintf(msg, msglen, "cannot remove table '%s' (/dev/shm%s): %s", name, os_name,
	         strerror(rc));
#else
	snprintf(msg, msglen, "cannot remove table '%s' (shared memory %s): %s", name, os_name,
	         strerror(rc));
#endif
	return SHMT_E_SYSTEM;
}

void shmt_reserve_error(const shmt_table *t, char *msg, size_t msglen)
{
	char label[sizeof(SHMT_SHM_PREFIX) + 2 * SHMT_MAX_NAME + 4096 + 64];
	if (msg == NULL || msglen == 0) {
		return;
	}
	if (t->name != NULL) {
#if defined(__linux__)
		snprintf(label, sizeof(label), "table '%s' (/dev/shm%s%s)", t->name, SHMT_SHM_PREFIX,
		         t->name);
#else
		snprintf(label, sizeof(label), "table '%s' (shared memory %s%s)", t->name,
		         SHMT_SHM_PREFIX, t->name);
#endif
	} else if (t->path != NULL) {
		snprintf(label, sizeof(label), "table file '%.4095s'", t->path);
	} else {
		snprintf(label, sizeof(label), "the table");
	}
	snprintf(msg, msglen, "cannot reserve %llu more bytes for new rows of %s: %s (%llu of "
	         "its %llu bytes are reserved; nothing was written)",
	         (unsigned long long)g_reserve_err.bytes, label, strerror(g_reserve_err.err),
	         (unsigned long long)g_reserve_err.reserved, (unsigned long long)t->map_bytes);
}

shmt_status shmt_flush(shmt_table *t, char *msg, size_t msglen)
{
	if (t->path == NULL) {
		return SHMT_OK;
	}
	int rc = shmt_os_sync(t->base, t->map_bytes);
	if (rc != 0) {
		if (msg != NULL && msglen > 0) {
			snprintf(msg, msglen, "cannot write table file '%s' back: %s", t->path,
			         strerror(rc));
		}
		return SHMT_E_SYSTEM;
	}
	return SHMT_OK;
}

int shmt_still_current(const shmt_table *t)
{
	uint64_t dev, ino;
	int rc;
	if (t->name != NULL) {
		char os_name[sizeof(SHMT_SHM_PREFIX) + SHMT_MAX_NAME];
		snprintf(os_name, sizeof(os_name), "%s%s", SHMT_SHM_PREFIX, t->name);
		rc = shmt_os_identity(os_name, 1, &dev, &ino);
	} else if (t->path != NULL) {
		rc = shmt_os_identity(t->path, 0, &dev, &ino);
	} else {
		return -1;
	}
	return rc == 0 && dev == t->dev && ino == t->ino;
}

shmt_status shmt_recheck_access(const shmt_table *t, int create, unsigned mode, char *msg,
                                size_t msglen)
{
	char dummy[1];
	if (msg == NULL || msglen == 0) {
		msg = dummy;
		msglen = sizeof(dummy);
	}
	msg[0] = '\0';
	if (t->fd < 0) {
		return SHMT_OK;
	}
	open_ctx *c = calloc(1, sizeof(*c));
	if (c == NULL) {
		return out_of_memory(msg, msglen);
	}
	ctx_init(c, t->name, t->path);
	shmt_os_stat sb;
	int rc = shmt_os_fstat(t->fd, &sb);
	shmt_status st = rc != 0 ? sys_error(c, "inspect", rc, msg, msglen)
	                         : access_check(c, &sb, create, mode, msg, msglen);
	free(c);
	return st;
}
