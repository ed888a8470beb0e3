/*
 * shmt.h - the shmtable engine: a fixed-capacity hash table of typed rows in
 * one block of shared memory, shared by every process forked after it is
 * created.
 *
 * This header is the whole contract between the engine and its users (the
 * PHP binding, the unit tests, the fuzz target). It includes no PHP header.
 *
 * Concurrency in one paragraph (docs/ARCHITECTURE.md has the details):
 * readers take no lock and store nothing to shared memory; they copy rows
 * under a per-stripe sequence counter and retry when it moved. Writers take
 * the stripe's robust process-shared mutex, build the new row version in the
 * stripe's spare row (copy-on-write) and publish it with one aligned 32-bit
 * store; the old version becomes the spare. A delete keeps its row in the
 * stripe (up to a few, still counted) for the stripe's next insert, so that
 * delete + insert takes no lock but the stripe's; an insert that finds the
 * table full while stripes keep rows takes every stripe lock and hands them
 * back first, so capacity stays exact.
 * Every step that moves a row between the free list and a chain is recorded
 * first in an intent slot, so a process killed at any point leaves a state
 * that the next locker completes or rolls back.
 *
 * Every function that can fail returns a shmt_status; shmt_status_message()
 * turns it into text. None of them calls back into the caller while holding
 * a lock, and none allocates memory while holding one.
 */
#ifndef SHMT_H
#define SHMT_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>

#define SHMT_VERSION "0.1.0"

/* Limits, enforced by shmt_create() and expected to be checked by callers
 * first so that they can name the argument at fault. */
#define SHMT_MAX_ROWS       2147483647u /* 2^31-1 declared rows */
#define SHMT_MAX_KEY_LEN    1024u       /* bytes */
#define SHMT_MAX_COL_NAME   63u         /* bytes */
#define SHMT_MAX_COLUMNS    256u
#define SHMT_MAX_STRING     4194304u    /* bytes in one string column (4 MiB) */

typedef enum {
	SHMT_TYPE_INT = 1,    /* int64_t */
	SHMT_TYPE_FLOAT = 2,  /* IEEE-754 double */
	SHMT_TYPE_STRING = 3, /* binary-safe, 0..size bytes */
} shmt_type;

typedef enum {
	SHMT_OK = 0,
	SHMT_NOT_FOUND,      /* no row with that key */
	SHMT_EXISTS,         /* insert-only write found the key present */
	SHMT_MISMATCH,       /* compare-and-set: a compared column differs */
	SHMT_FULL,           /* every one of the declared rows is in use */
	SHMT_OVERFLOW,       /* integer increment would leave int64 range */
	SHMT_E_INVALID,      /* bad argument: key length, column, type, size */
	SHMT_E_NOMEM,        /* the shared memory could not be mapped */
	SHMT_E_CORRUPT,      /* a consistency check failed */
	SHMT_E_BUFFER,       /* caller's buffer too small (size reported) */
	SHMT_E_NOENT,        /* no table of that name or path */
	SHMT_E_DEFINITION,   /* a table exists there with another definition */
	SHMT_E_SYSTEM,       /* a system call failed (open, map, lock, sync) */
	SHMT_E_NAMESPACE,    /* the table is in use in another pid namespace */
	SHMT_E_RESERVE,      /* the storage a named or file table needs could not
	                        be reserved (file system full): nothing written;
	                        shmt_reserve_error() says which and why */
	SHMT_E_ACCESS,       /* the object or file belongs to another user, or
	                        its mode is wider than asked */
} shmt_status;

const char *shmt_status_message(shmt_status st);

/* One column of the schema, as given to shmt_create(). */
typedef struct {
	char name[SHMT_MAX_COL_NAME + 1]; /* NUL-terminated, 1..63 bytes */
	uint32_t name_len;
	uint32_t type;                    /* shmt_type */
	uint32_t size;                    /* string: 1..SHMT_MAX_STRING; else 0 */
} shmt_coldef;

/* A value to write or to compare, for one column (by index). */
typedef struct {
	uint32_t col;
	union {
		int64_t i;
		double f;
		struct {
			const char *ptr;
			uint32_t len;
		} s;
	} v;
} shmt_value;

typedef struct shmt_table shmt_table; /* process-local handle */

/* What an insert into a full table does (the table's eviction policy, fixed
 * when it is created): fail (SHMT_EVICT_NONE), or, once no row has expired,
 * delete the least recently used of a few sampled rows (SHMT_EVICT_LRU). */
enum { SHMT_EVICT_NONE = 0, SHMT_EVICT_LRU = 1 };

/* Column metadata as the engine laid it out; valid until shmt_close(). */
typedef struct {
	const char *name;
	uint32_t name_len;
	uint32_t type;
	uint32_t size;
	/* Where the value sits in a row image, so that a caller decoding many
	 * rows can read it without a call per value: `off` is the byte offset
	 * of the 8-byte number or of the string bytes; for a string, `lenoff`
	 * is the offset of its length field (native byte order), `lenw` bytes wide
	 * (1, 2 or 4). A decoded length must still be clamped to `size`, as
	 * shmt_img_str() does. */
	uint32_t off;
	uint32_t lenoff;
	uint32_t lenw;
} shmt_colinfo;

typedef struct {
	uint64_t rows;           /* rows stored now */
	uint64_t size;           /* declared capacity */
	uint64_t memory_size;    /* bytes mapped */
	uint64_t insert_count;
	uint64_t update_count;
	uint64_t delete_count;
	uint64_t lock_recoveries;/* locks taken over from a dead owner */
	uint64_t max_chain;      /* longest bucket chain now */
	uint64_t chained_rows;   /* rows now stored behind another row of
	                            their bucket (sum of chain length - 1) */
	uint64_t key_max_length;
	uint64_t row_bytes;      /* bytes one row takes, all overhead included */
	uint64_t buckets;
	uint64_t stripes;
	uint64_t spare_rows;
	uint64_t kept_rows;      /* deleted rows stripes keep for their next
	                            inserts (free, but not yet handed back) */
	uint64_t read_retries;   /* optimistic reads repeated (this process) */
	uint64_t expired;        /* expired rows reclaimed */
	uint64_t evicted;        /* rows evicted to make room (SHMT_EVICT_LRU) */
	uint32_t evict;          /* the eviction policy, SHMT_EVICT_* */
} shmt_stats;

/*
 * Create a table of exactly `size` rows, keys of at most `key_max` bytes and
 * the given columns. Maps zero-filled shared memory and touches only the
 * header and lock area. On SHMT_E_NOMEM, *bytes_asked tells how much memory
 * was requested; on SHMT_E_INVALID, *bad_arg (if non-NULL) gets
 * SHMT_BAD_SIZE (1) for size, SHMT_BAD_KEY_MAX (2) for key_max,
 * SHMT_BAD_COLUMNS (3) for the column list.
 */
enum { SHMT_BAD_NONE = 0, SHMT_BAD_SIZE = 1, SHMT_BAD_KEY_MAX = 2, SHMT_BAD_COLUMNS = 3,
       SHMT_BAD_EVICT = 4 };
shmt_status shmt_create(shmt_table **out, uint32_t size, uint32_t key_max,
                        const shmt_coldef *cols, uint32_t ncols,
                        uint64_t *bytes_asked, int *bad_arg);
/* shmt_create() with an eviction policy (SHMT_EVICT_*; another value is
 * SHMT_E_INVALID with *bad_arg SHMT_BAD_EVICT). */
shmt_status shmt_create_ex(shmt_table **out, uint32_t size, uint32_t key_max,
                           const shmt_coldef *cols, uint32_t ncols, uint32_t evict,
                           uint64_t *bytes_asked, int *bad_arg);
/* The table's eviction policy (SHMT_EVICT_*). */
uint32_t shmt_evict_policy(const shmt_table *t);

/* ---- named and file-backed tables ----
 *
 * A named table is the POSIX shared-memory object "/shmtable.<name>" (on
 * Linux the file /dev/shm/shmtable.<name>); a file-backed table is a file
 * mapped shared, so its rows outlive every process and, once written back
 * (shmt_flush() or the kernel's own write-back), a reboot. */
#define SHMT_MAX_NAME       200u        /* bytes in a table name */
#define SHMT_SHM_PREFIX     "/shmtable."

/* 1 if name (len bytes) is a valid table name: 1..SHMT_MAX_NAME bytes of
 * [A-Za-z0-9._-], the first not '.' (so no "..", no "/"). */
int shmt_name_valid(const char *name, size_t len);

typedef struct {
	const char *name;         /* NUL-terminated valid name, or NULL */
	const char *path;         /* NUL-terminated file path, or NULL */
	unsigned mode;            /* permission bits of a new object or file */
	int create;               /* 1: create or attach with this definition;
	                             0: attach, reading the definition */
	uint32_t size, key_max;   /* the definition (create only) */
	const shmt_coldef *cols;
	uint32_t ncols;
	uint32_t evict;           /* SHMT_EVICT_*, part of the definition */
} shmt_open_args;

typedef enum {
	SHMT_OPENED_ANON = 0,     /* shmt_create(): anonymous memory */
	SHMT_OPENED_CREATED = 1,  /* this call initialised the object or file */
	SHMT_OPENED_ATTACHED = 2, /* other processes mapped it already */
	SHMT_OPENED_REOPENED = 3, /* nobody mapped it: locks reset, intents
	                             completed or rolled back, check passed */
} shmt_opened;

/*
 * Open a named table (args->name) or a table file (args->path): exactly
 * one of the two. With args->create, a missing one is made with the given
 * definition and an existing one must have the same definition
 * (SHMT_E_DEFINITION, msg names the first difference). Without it, a
 * missing one is SHMT_E_NOENT and the definition is read from the header.
 *
 * Whose it is: an object or file of another user is refused
 * (SHMT_E_ACCESS, msg names owner, group and mode) unless that user shares
 * it with a group of this process and with nobody else (mode 0660 or
 * narrower); with args->create, one whose mode is wider than args->mode is
 * refused too. Root is no exception. A symbolic link at the path is not
 * followed by create (a named table never follows one).
 *
 * Race-free between processes: openers serialise on an exclusive lock of
 * byte 0 of the object; every process that maps it holds a shared lock on
 * byte 1, so an opener that can take byte 1 exclusively knows nobody maps
 * it and initialises it or repairs it (left by a crash: every lock is
 * reset, every intent completed or rolled back, then the full shmt_check()
 * must pass, else SHMT_E_CORRUPT naming the broken invariant; the repair
 * is tried on a private copy first, so a refused file is not written).
 * Only an empty object or one its creator left marked as being created
 * (it died before finishing; no row was ever written) is initialised, and
 * only by create; attach waits (at most about 3 s) for an empty one that
 * was just made, since its creator locks it a moment later, and otherwise
 * reports it (SHMT_E_NOENT) with how to tell it was abandoned.
 * Every header field is checked against the layout recomputed from the
 * stored definition and against the object's size before use, and the
 * allocator's and the stripes' indexes against the table's bounds
 * (SHMT_E_CORRUPT); nothing is written to a refused object. While processes of one pid namespace map a table,
 * a process of another one is refused (SHMT_E_NAMESPACE): see
 * docs/ARCHITECTURE.md, robust mutexes across pid namespaces. Other failures: SHMT_E_INVALID (name, definition),
 * SHMT_E_SYSTEM (msg has the path and strerror), SHMT_E_NOMEM (*bytes_asked
 * may be UINT64_MAX when too big), SHMT_E_RESERVE (the storage of the header
 * and bucket index, or of the rows in use when reopening, could not be
 * reserved: msg names the table, the bytes and why; a table this call was
 * initialising is left empty, as a creator that died would leave it). msg
 * always gets a description.
 */
shmt_status shmt_open(shmt_table **out, const shmt_open_args *args,
                      uint64_t *bytes_asked, char *msg, size_t msglen);

/* Remove the named table `name` (existing mappings stay valid). SHMT_OK,
 * SHMT_NOT_FOUND if there is none, SHMT_E_INVALID for a bad name,
 * SHMT_E_SYSTEM with msg otherwise. */
shmt_status shmt_unlink(const char *name, char *msg, size_t msglen);

/* Write a file-backed table's dirty pages to the file and wait (msync
 * MS_SYNC). Nothing to do for the others: SHMT_OK. */
shmt_status shmt_flush(shmt_table *t, char *msg, size_t msglen);

/* Name, path (NULL when not that kind) and how the table was opened. */
const char *shmt_name(const shmt_table *t);
const char *shmt_path(const shmt_table *t);
shmt_opened shmt_opened_how(const shmt_table *t);
/* 1 if the name or path still designates the object this handle maps; 0
 * if it was removed or replaced (unlinked, then created again); -1 for an
 * anonymous table. */
int shmt_still_current(const shmt_table *t);

/* The owner and mode check of shmt_open(), again, on the object t maps
 * (for a caller that reuses a handle instead of opening the table anew):
 * SHMT_OK, or SHMT_E_ACCESS with msg. SHMT_OK for an anonymous table. */
shmt_status shmt_recheck_access(const shmt_table *t, int create, unsigned mode, char *msg,
                                size_t msglen);

/* SHMT_OK if t has exactly this definition, else SHMT_E_DEFINITION with
 * msg naming the first difference (as shmt_open() does). */
shmt_status shmt_same_definition(const shmt_table *t, uint32_t size, uint32_t key_max,
                                 const shmt_coldef *cols, uint32_t ncols, uint32_t evict,
                                 char *msg, size_t msglen);

/* Unmap the table in this process and free the handle. Other processes are
 * not affected; the kernel frees the memory with the last mapping. */
void shmt_close(shmt_table *t);

/* Tell the engine that in this process only one thread ever calls it (a
 * program without threads, or that calls it from one thread only): it then
 * knows a process keeping a lock slot (docs/ARCHITECTURE.md, stripe locks)
 * by a process-wide token instead of a thread-local one, a few
 * instructions less per write. Call it before the first table is opened,
 * or never (the default serves threads). */
void shmt_one_thread(void);

/* Schema and sizes (lock-free, constant after create). */
uint32_t shmt_ncols(const shmt_table *t);
const shmt_colinfo *shmt_col(const shmt_table *t, uint32_t i);
/* Index of a column by name, or -1. */
int shmt_col_find(const shmt_table *t, const char *name, size_t len);
uint32_t shmt_key_max(const shmt_table *t);
uint32_t shmt_size(const shmt_table *t);
uint64_t shmt_memory_size(const shmt_table *t);
/* Bytes of a row image (the buffer that shmt_get() and friends fill). */
size_t shmt_image_size(const shmt_table *t);

/* ---- row images: a private copy of one row, decoded by these helpers ---- */
const char *shmt_img_key(const shmt_table *t, const void *img, uint32_t *len);
int64_t shmt_img_int(const shmt_table *t, const void *img, uint32_t col);
double shmt_img_float(const shmt_table *t, const void *img, uint32_t col);
const char *shmt_img_str(const shmt_table *t, const void *img, uint32_t col,
                         uint32_t *len);

/* ---- operations ---- (key: 1..key_max bytes; else SHMT_E_INVALID) */

/* Copy the row for `key` into `img` (shmt_image_size() bytes).
 * SHMT_OK or SHMT_NOT_FOUND. Lock-free. */
shmt_status shmt_get(shmt_table *t, const char *key, size_t klen, void *img);
/* Copy only column `col` of the row into img, at the place it has in a
 * whole image, so shmt_img_*(t, img, col) read it. Lock-free. */
shmt_status shmt_get_col(shmt_table *t, const char *key, size_t klen, uint32_t col,
                         void *img);
/* The 8 bytes of number column col (int or float) of key's row into out,
 * the same answer as shmt_get_col() without a row image; a string column is
 * SHMT_E_INVALID. */
shmt_status shmt_get_num(shmt_table *t, const char *key, size_t klen, uint32_t col,
                         void *out);
/* SHMT_OK if present, SHMT_NOT_FOUND if not. Lock-free. */
shmt_status shmt_exists(shmt_table *t, const char *key, size_t klen);

typedef enum {
	SHMT_UPSERT = 0,      /* set(): insert or partially update */
	SHMT_INSERT_ONLY = 1, /* add(): SHMT_EXISTS if present */
	SHMT_UPDATE_ONLY = 2, /* update(): SHMT_NOT_FOUND if absent */
} shmt_write_mode;

/* Write the given columns (validated first: SHMT_E_INVALID writes nothing).
 * A new row starts all zero; an existing row keeps unnamed columns.
 * *inserted (if non-NULL) tells whether a new row was created. */
shmt_status shmt_set(shmt_table *t, const char *key, size_t klen,
                     const shmt_value *vals, uint32_t nvals,
                     shmt_write_mode mode, bool *inserted);

/* ---- expiry ----
 * A row may carry an expiry: a time of the table's clock (CLOCK_BOOTTIME
 * anchored to the wall clock, docs/ARCHITECTURE.md) from which on it is
 * absent to every operation, before it is reclaimed. A ttl_ns argument is
 * SHMT_TTL_KEEP (keep the row's expiry; a new row never expires), 0
 * (never) or the nanoseconds from now; anything below SHMT_TTL_KEEP is
 * SHMT_E_INVALID. Writers reclaim the expired rows of the chains they walk;
 * an insert into a full table reclaims those of one stripe that has some
 * before it answers SHMT_FULL. */
#define SHMT_TTL_KEEP (-1)

/* shmt_set() with an expiry for the row written (ttl_ns as above). */
shmt_status shmt_set_ttl(shmt_table *t, const char *key, size_t klen,
                         const shmt_value *vals, uint32_t nvals,
                         shmt_write_mode mode, int64_t ttl_ns, bool *inserted);

/* shmt_set_ttl() for values the caller has already checked against the
 * table's columns (every col < ncols and no col twice; a string's len at
 * most its column's size, ptr non-NULL when len > 0; ttl_ns >=
 * SHMT_TTL_KEEP): the same write without the second check. Values outside
 * this contract are not detected: a col out of range writes outside the
 * row, and ncols values with a col twice make an insert leave the column
 * not named as the row's last use left it. The binding checks them while
 * converting a row array (its keys are distinct); any other caller uses
 * shmt_set_ttl(). */
shmt_status shmt_set_ttl_checked(shmt_table *t, const char *key, size_t klen,
                         const shmt_value *vals, uint32_t nvals,
                         shmt_write_mode mode, int64_t ttl_ns, bool *inserted);

/* A new expiry (ttl_ns 0: never; SHMT_TTL_KEEP is SHMT_E_INVALID) for a
 * present row. SHMT_OK or SHMT_NOT_FOUND. */
shmt_status shmt_expire(shmt_table *t, const char *key, size_t klen, int64_t ttl_ns);

/* The nanoseconds the row has left (0: it never expires; at least 1
 * otherwise). SHMT_OK or SHMT_NOT_FOUND. Lock-free. */
shmt_status shmt_ttl(shmt_table *t, const char *key, size_t klen, int64_t *left_ns);

/* Reclaim expired rows now: at most max (0: all). *reclaimed gets how
 * many. Takes one stripe lock at a time, and only of stripes whose
 * earliest expiry has passed. */
shmt_status shmt_flush_expired(shmt_table *t, uint64_t max, uint64_t *reclaimed);

/* Write `vals` only if the row exists and every value in `expected` equals
 * the stored one exactly (strings bytewise, floats bitwise).
 * SHMT_OK, SHMT_NOT_FOUND or SHMT_MISMATCH. */
shmt_status shmt_cmpset(shmt_table *t, const char *key, size_t klen,
                        const shmt_value *expected, uint32_t nexpected,
                        const shmt_value *vals, uint32_t nvals);

/* Delete; with `expected` non-NULL only if it matches (as cmpset).
 * If img is non-NULL, the deleted row is copied there first (getdel).
 * SHMT_OK, SHMT_NOT_FOUND or SHMT_MISMATCH. */
shmt_status shmt_del(shmt_table *t, const char *key, size_t klen,
                     const shmt_value *expected, uint32_t nexpected,
                     void *img);

/* Add `by` to an int column; a missing row is created (all zero, plus
 * the result) in the same step. SHMT_OVERFLOW changes nothing, and is
 * checked before SHMT_FULL; SHMT_FULL if it had to insert into a full
 * table. `result` may be NULL. */
shmt_status shmt_incr_int(shmt_table *t, const char *key, size_t klen,
                          uint32_t col, int64_t by, int64_t *result);
/* Subtract `by` (any int64, INT64_MIN included) from an int column. */
shmt_status shmt_decr_int(shmt_table *t, const char *key, size_t klen,
                          uint32_t col, int64_t by, int64_t *result);
shmt_status shmt_incr_float(shmt_table *t, const char *key, size_t klen,
                            uint32_t col, double by, double *result);

/* The increments with an expiry for a row they create (ttl_ns as for
 * shmt_set_ttl(); an existing row keeps its own). */
shmt_status shmt_incr_int_ttl(shmt_table *t, const char *key, size_t klen, uint32_t col,
                              int64_t by, int64_t ttl_ns, int64_t *result);
shmt_status shmt_decr_int_ttl(shmt_table *t, const char *key, size_t klen, uint32_t col,
                              int64_t by, int64_t ttl_ns, int64_t *result);
shmt_status shmt_incr_float_ttl(shmt_table *t, const char *key, size_t klen, uint32_t col,
                                double by, int64_t ttl_ns, double *result);
/* Add (sub: subtract) deltas[i].v to column deltas[i].col of one row, for
 * n >= 1 distinct int or float columns at once (v.i for an int column,
 * v.f for a float one): every delta applied or none, also when the process
 * dies at any point (a missing row is inserted with its values, an
 * existing one replaced by a new version, each published in one store).
 * results[i] gets deltas[i].col and its new value. SHMT_E_INVALID (an
 * empty list, a string, unknown or repeated column) and SHMT_OVERFLOW
 * (*failed, if non-NULL, gets the index of the first delta that would
 * leave int64 range) change nothing; SHMT_FULL as shmt_incr_int(). */
shmt_status shmt_incr_multi(shmt_table *t, const char *key, size_t klen,
                            const shmt_value *deltas, uint32_t n, bool sub,
                            shmt_value *results, uint32_t *failed);
/* shmt_incr_multi() with an expiry for a row it creates (ttl_ns as for
 * shmt_incr_int_ttl(); an existing row keeps its own). */
shmt_status shmt_incr_multi_ttl(shmt_table *t, const char *key, size_t klen,
                                const shmt_value *deltas, uint32_t n, bool sub, int64_t ttl_ns,
                                shmt_value *results, uint32_t *failed);
/* A key checked and hashed by shmt_key_prepare(), for the calls that take
 * one. Its fields are the engine's. It is valid only in the process that
 * prepared it, for that table (until it is closed) and those key bytes: a
 * call given other key bytes of the same length would look for the row,
 * and write it, in the wrong bucket (another length is refused). It stays
 * valid while rows come and go: it names the key's bucket, not a row. */
struct shmt_stripe_raw;
typedef struct {
	uint64_t h;
	uint32_t b;
	uint32_t meta;
	struct shmt_stripe_raw *s;
} shmt_key;
/* The key (1..key_max bytes, else SHMT_E_INVALID) checked and hashed into
 * k, and what a write of it touches (its stripe, its row) starts coming
 * into the cache without waiting for it: whatever the caller does between
 * this call and the write overlaps the memory's latency. */
shmt_status shmt_key_prepare(shmt_table *t, const char *key, size_t klen, shmt_key *k);
/* shmt_incr_multi_ttl() for a key prepared by shmt_key_prepare() (k, of
 * these key bytes) and deltas the caller has already checked against the
 * table's columns (1 <= n <= ncols; every col < ncols, an int or float
 * column, no column twice; v.i for an int column, v.f for a float one;
 * ttl_ns >= SHMT_TTL_KEEP): the same write without the second check. The
 * binding prepares the key, then converts and checks the deltas array
 * while the row comes into the cache; any other caller uses
 * shmt_incr_multi_ttl(). */
shmt_status shmt_incr_multi_checked(shmt_table *t, const shmt_key *k, const char *key,
                                    size_t klen, const shmt_value *deltas, uint32_t n,
                                    bool sub, int64_t ttl_ns, shmt_value *results,
                                    uint32_t *failed);

/* After a write returned SHMT_E_RESERVE in this thread: msg gets which
 * table, how many bytes of it could not be reserved and why (strerror). A
 * named or file table reserves its storage before touching it (a page of a
 * full tmpfs or disk touched without storage is SIGBUS): the header and
 * bucket index at creation, rows in chunks as the table fills. An insert
 * that needs a chunk the file system cannot give fails so (after the rows
 * stripes keep are handed back, as for SHMT_FULL); an update needs no new
 * storage, since inserts keep some for every stripe's spare row. */
void shmt_reserve_error(const shmt_table *t, char *msg, size_t msglen);

/* Rows stored now (lock-free). */
uint64_t shmt_count(shmt_table *t);
void shmt_get_stats(shmt_table *t, shmt_stats *st);

/* ---- statistics and the shape of the table, for charts ----
 * shmt_get_stats_shape() fills st and, from the same single walk of every
 * bucket chain, hist[i] with the number of buckets whose chain holds i
 * rows (the last of the nbins counting every longer chain too; nbins 0:
 * no histogram) and stripe_rows (if non-NULL, shmt_nstripes() entries)
 * with the rows in each stripe's buckets. Lock-free; writes nothing
 * shared. Each chain's length is one it had at one instant (the walk is
 * validated as a read is); chains measured at different instants under
 * concurrent writes can add up to a little more or less than st->rows.
 * shmt_get_stats() is the same without the shape. */
void shmt_get_stats_shape(shmt_table *t, shmt_stats *st, uint64_t *hist, uint32_t nbins,
                          uint64_t *stripe_rows);
/* The table's lock stripes (a power of two, at most 256). */
uint32_t shmt_nstripes(const shmt_table *t);

/* ---- listing named tables ----
 * What the header of a table says, read without mapping it, without taking
 * any of its locks and without writing to it (see shmt_peek()). */
typedef struct {
	uint32_t size, key_max, ncols;
	shmt_coldef cols[SHMT_MAX_COLUMNS];
	uint64_t rows;            /* rows stored when it was read */
	uint64_t memory_size;     /* bytes the table maps */
	uint32_t uid, gid, perm;  /* owner, group and permission bits */
	int64_t ctime_ns;         /* last status change of the object (its
	                             creation, unless it grew or was chmod'ed
	                             since), CLOCK_REALTIME nanoseconds */
} shmt_info;

/* Read the header of the named table `name` or the table file `path`
 * (exactly one of them) into *info: the object is opened read-only, the
 * owner and mode checked as by shmt_open() (SHMT_E_ACCESS), and every
 * header field validated as by shmt_open() before use (SHMT_E_CORRUPT: a
 * damaged or hostile file never gets further). A table still being
 * created is SHMT_E_NOENT. msg always gets a description on failure. */
shmt_status shmt_peek(const char *name, const char *path, shmt_info *info, char *msg,
                      size_t msglen);
/* Call cb(name, arg) for every valid table name that has a shared-memory
 * object on this host, in no particular order (cb's non-zero return
 * stops). SHMT_OK, or SHMT_E_SYSTEM with msg. */
shmt_status shmt_list_names(int (*cb)(const char *name, void *arg), void *arg, char *msg,
                            size_t msglen);

/* ---- iteration ----
 * Buckets are numbered 0..shmt_bucket_count()-1. shmt_snapshot_bucket()
 * copies every row of one bucket, as one consistent snapshot, into `buf`
 * as consecutive row images. If `cap` is too small it returns
 * SHMT_E_BUFFER with *need set to the bytes required; call again. */
uint32_t shmt_bucket_count(const shmt_table *t);
/* First bucket >= from that looked non-empty (a hint: the snapshot decides),
 * or shmt_bucket_count() when there is none. Lock-free. */
uint32_t shmt_next_bucket(shmt_table *t, uint32_t from);
shmt_status shmt_snapshot_bucket(shmt_table *t, uint32_t bucket, void *buf,
                                 size_t cap, uint32_t *nrows, size_t *need);
/* The same for consecutive buckets from `from` on, as many as fit in
 * `cap`: each bucket's chain is one consistent snapshot of its own (exactly
 * what shmt_snapshot_bucket() gives), and a chain is copied whole or not at
 * all. Buckets that read as empty are skipped (a hint, as in
 * shmt_next_bucket()). *nrows gets the rows copied, *next the first bucket
 * not copied (shmt_bucket_count() at the end). SHMT_E_BUFFER with *need
 * set only when the first non-empty chain alone does not fit. Lock-free. */
shmt_status shmt_snapshot_buckets(shmt_table *t, uint32_t from, void *buf, size_t cap,
                                  uint32_t *nrows, uint32_t *next, size_t *need);

/* Check every invariant of the table: each row in exactly one of a chain,
 * the free list, the never-used tail, a stripe's spare or the rows a stripe
 * keeps; chain bounds;
 * hashes in the right bucket; counts. Takes every lock (stripes in order,
 * then the allocator), so it stalls writers while it runs. On failure
 * returns SHMT_E_CORRUPT and writes a description into msg. */
shmt_status shmt_check(shmt_table *t, char *msg, size_t msglen);

#endif /* SHMT_H */
