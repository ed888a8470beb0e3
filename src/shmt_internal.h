/*
 * shmt_internal.h - what the engine's files share (see shmt.h for the contract and
 * docs/ARCHITECTURE.md for the layout and the locking protocol).
 *
 * One shared mapping holds, at fixed offsets from its base:
 *
 *   header | allocator | stripes[nstripes] | buckets[nbuckets] | rows[total]
 *
 * Rows are linked by 32-bit 1-based indexes (0 = none), never by pointers,
 * so the same bytes mean the same thing at any address.
 *
 * Who may write what:
 *   - bucket heads and row links of bucket b: the holder of stripe b&mask
 *   - a stripe's seq, intent slot, spare row and statistics: that stripe's
 *     holder (the allocator holder writes the intent field named in its
 *     journal)
 *   - free list, next_unused, live, journal: the allocator holder
 * Lock order: one stripe, then the allocator. shmt_check() alone takes all
 * stripes (ascending) and then the allocator.
 */
#ifndef SHMT_INTERNAL_H
#define SHMT_INTERNAL_H

#include "shmt.h"
#include "shmt_test.h"
#include "shmt_atomic.h"
#include "shmt_hash.h"
#include "shmt_os.h"

#include <stddef.h>
#include <string.h>

#define SHMT_MAGIC "SHMTBL\x01\x00"
#define SHMT_LAYOUT_VERSION 6u /* 4: the row expiry; 5: keys of up to 16 bytes hashed by
                                  shmt_keyhash(); 6: a stripe's lock is its owner word */
#define SHMT_MAX_STRIPES 256u
#define SHMT_TAG_BITS 21u
#define SHMT_KEYLEN_BITS 11u /* SHMT_MAX_KEY_LEN must fit */
#define SHMT_CACHELINE 64u

/* The header's `ready` word. A named or file table's creator writes
 * SHMT_READY_INIT (with the magic and the layout version) before anything
 * else and SHMT_READY_DONE last; rows are written only after that. So a
 * file still marked SHMT_READY_INIT was left by a creator that died, and
 * holds no row: it alone may be initialised again. Any other value than
 * these two is damage, and such a file is refused untouched. */
#define SHMT_READY_DONE 1u
#define SHMT_READY_INIT 0x54494e49u /* "INIT" in the file */

/* What a mapping is backed by (header field `backing`). */
enum { SHMT_BACKING_ANON = 0, SHMT_BACKING_NAMED = 1, SHMT_BACKING_FILE = 2 };

/* Optimistic reads: how long to wait on an odd sequence counter, and how
 * many torn copies to accept, before reading under the lock instead. The
 * lock reports a dead writer (and repairs) where spinning never would. */
#define SHMT_SPIN_ODD 4096
#define SHMT_MAX_RETRIES 64

/* A named or file table reserves the storage of its object (posix_fallocate,
 * shmt_os_reserve()) before any byte of it is touched: a page of a full
 * tmpfs or disk touched through the mapping without storage behind it, even
 * by a read, kills the process with SIGBUS. The header and the bucket index
 * are reserved at creation, the rows in chunks of this size as the allocator
 * hands out never-used rows (alloc_pop_locked()), with the mark in the
 * allocator (`reserved`). */
#define SHMT_RESERVE_CHUNK (1u << 20)

_Static_assert(SHMT_MAX_KEY_LEN < (1u << SHMT_KEYLEN_BITS), "key length field");
_Static_assert(SHMT_TAG_BITS + SHMT_KEYLEN_BITS == 32, "meta word");

/* Functions and variables shared by the engine's files: not exported from
 * the module. */
#define SHMT_INTERNAL __attribute__((visibility("hidden")))

/* What the last SHMT_E_RESERVE of this thread could not reserve, for
 * shmt_reserve_error() (a handle may be shared by threads). */
struct shmt_reserve_err {
	int err;            /* errno value */
	uint64_t bytes;     /* bytes asked for */
	uint64_t reserved;  /* bytes reserved before */
};
SHMT_INTERNAL extern _Thread_local struct shmt_reserve_err g_reserve_err;

/* ---------------------------------------------------------------------- */
/* Shared structures                                                        */

/* A column as laid out in a row; lives in the header. */
typedef struct {
	char name[SHMT_MAX_COL_NAME + 1];
	uint32_t name_len;
	uint32_t type;   /* shmt_type */
	uint32_t size;   /* string capacity in bytes; 8 for int/float */
	uint32_t off;    /* byte offset of the value in a row */
	uint32_t lenoff; /* string: byte offset of its length field */
	uint32_t lenw;   /* string: length field width, 1, 2 or 4 bytes */
} shmt_coldesc;
_Static_assert(sizeof(shmt_coldesc) == 88, "coldesc layout");

typedef struct {
	char magic[8];
	uint32_t layout_version;
	uint32_t header_bytes; /* header including the column array */
	uint64_t map_bytes;    /* whole mapping */
	uint32_t size;         /* declared capacity: at most this many live rows */
	uint32_t spares;       /* extra rows for copy-on-write (one per stripe) */
	uint32_t total_rows;   /* size + spares; row indexes are 1..total_rows */
	uint32_t nbuckets;     /* == size */
	uint32_t nstripes;     /* power of two */
	uint32_t key_max;      /* bytes */
	uint32_t ncols;
	uint32_t row_bytes;    /* stride of the row pool, multiple of 8 */
	uint32_t key_off;      /* offset of the key bytes in a row */
	uint32_t reserved0;
	uint64_t alloc_off, stripes_off, buckets_off, rows_off; /* from base */
	uint8_t seed[16];      /* SipHash key, random per table */
	uint32_t ready;        /* SHMT_READY_DONE once every field and lock is
	                          written (release); SHMT_READY_INIT while a
	                          named or file table is being created */
	uint32_t backing;      /* SHMT_BACKING_*: anonymous, named object, file */
	uint8_t boot_id[16];   /* the boot during which clock_base was set (the
	                          kernel's boot id; zero if unknown) */
	uint64_t pidns;        /* pid namespace of the processes mapping it (0:
	                          unknown), set while nobody else maps it */
	int64_t clock_base;    /* table time = CLOCK_BOOTTIME + clock_base (ns);
	                          set at creation, and when a table file is
	                          reopened during another boot, to the wall
	                          clock's distance from CLOCK_BOOTTIME then */
	uint32_t evict;        /* SHMT_EVICT_*: what an insert into a full table
	                          does; part of the definition */
	uint32_t reserved2;    /* zero; room for later fields */
	shmt_coldesc cols[];
} shmt_header;
_Static_assert(sizeof(shmt_header) == 160, "header layout");

/* The row allocator. Everything here is written under `lock`. A pop or push
 * first saves the fields it changes in the journal and raises j_active, so
 * a holder that dies mid-way is rolled back by the next locker. */
typedef struct {
	shmt_lock lock;
	uint32_t free_head;   /* first free row, 0 if none; linked by row next */
	uint32_t next_unused; /* rows next_unused..total_rows were never used */
	uint32_t live;        /* rows in chains + inserts in flight (<= size) */
	uint32_t j_active;    /* 1 while a pop/push is half done */
	uint32_t j_free_head, j_next_unused, j_live; /* values before it */
	uint32_t j_stripe;    /* stripe whose intent field it writes */
	uint32_t j_which;     /* JOURNAL_I_NEW or JOURNAL_I_OLD */
	uint32_t j_slot;      /* that field's value before */
	uint64_t recoveries;  /* locks taken over from a dead owner */
	uint64_t reserved;    /* bytes of the object, from its start, whose
	                         storage is reserved (only grows, and only once
	                         reserved); map_bytes for an anonymous table */
	uint64_t evicted;     /* statistics: rows evicted (atomic add, by the
	                         holder of any stripe lock) */
	uint64_t slots_kept;  /* bit i set while lock slot i is kept by its
	                         process between writes (see stripe locking) */
} shmt_alloc;

/* The intent field of a stripe that an allocator pop or push writes (the
 * journal's j_which). */
enum { JOURNAL_I_NEW = 1, JOURNAL_I_OLD = 2 };

/* Where a row's words lie: the link to the next row of its chain (or list),
 * the meta word (key hash tag and key length), the expiry (table time in
 * nanoseconds, 0 = never), then the values. */
enum { ROW_NEXT_OFF = 0, ROW_META_OFF = 4, ROW_EXPIRES_OFF = 8, ROW_VALUES_OFF = 16 };
/* A table with SHMT_EVICT_LRU has one more word before the values: the
 * second of the table clock at which the row was last used (written at most
 * once per second per row), then 4 bytes of padding. */
enum { ROW_USED_OFF = 16, ROW_VALUES_OFF_LRU = 24 };

enum { INTENT_NONE = 0, INTENT_INSERT = 1, INTENT_REPLACE = 2, INTENT_DELETE = 3,
       /* several cells of row i_old changed in place; their old values are
        * in row i_new (the stripe's spare), the undo record */
       INTENT_INCR = 4 };

/* One lock stripe: guards the buckets b with (b & mask) == index. What
 * count() reads of every stripe (seq, i_kind, kept_n) sits in its first
 * cache line. The stripe's lock is its `owner` word; the robust mutex
 * `slot` of stripe i (i < SHMT_LOCK_SLOTS) is lock slot i, held by the
 * process that locks with that slot (see stripe locking below). */
typedef struct shmt_stripe_raw {
	shmt_lock slot;
	uint64_t seq;      /* odd while a writer changes what readers see; 64
	                      bits, so it never comes back to a value a reader
	                      saw (2^63 writes) */
	uint32_t i_kind;   /* INTENT_*: the write in progress */
	uint32_t kept_n;   /* rows kept (at most the table's kept_cap) */
	uint32_t kept_head;/* rows this stripe deleted and keeps for its next
	                      inserts, linked by row next, 0 if none; they
	                      stay counted in the allocator's live */
	uint32_t i_new;    /* row being published, or 0 */
	uint32_t i_old;    /* row being retired, or 0 */
	uint32_t i_bucket; /* the bucket of the write in progress */
	uint32_t spare;    /* free row owned by this stripe for copy-on-write */
	uint32_t owner;    /* the stripe's lock: 0 free, else bits 0-7 the
	                      holder's lock slot + 1 (OWNER_DEAD: its holder
	                      died), bit 31 someone sleeps on the word */
	uint64_t inserts, updates, deletes; /* statistics */
	uint64_t exp_min;  /* 0, or at most the expiry of every row with one
	                      in this stripe's chains (a lower bound: lowered
	                      before such a row is published, raised only by a
	                      whole scan of the stripe) */
	uint64_t expired;  /* statistics: expired rows reclaimed */
} shmt_stripe_raw;

_Static_assert(offsetof(shmt_stripe_raw, kept_n) + sizeof(uint32_t) <= 64,
               "count() reads one cache line per stripe");

typedef struct {
	shmt_stripe_raw s;
	char pad[128 - sizeof(shmt_stripe_raw) % 128];
} shmt_stripe;
_Static_assert(sizeof(shmt_stripe) == 128, "stripe padding");

/* Process-local handle. */
struct shmt_table {
	unsigned char *base;
	size_t map_bytes;
	shmt_header *h;
	shmt_alloc *a;
	shmt_stripe *stripes;
	uint32_t *buckets;
	unsigned char *rows;
	uint32_t size, total_rows, nbuckets, stripe_mask, key_max, row_bytes;
	uint32_t key_off, ncols;
	uint64_t rows_off;     /* where the row pool starts in the mapping */
	uint32_t kept_cap;    /* rows a stripe may keep on its own free list */
	uint32_t kept_below;  /* ... and only while live is at most this */
	int64_t clock_base;   /* the header's, read once at open */
	uint32_t evict;       /* SHMT_EVICT_* */
	uint32_t values_off;  /* where a row's values start */
	uint8_t seed[16];
	uint64_t read_retries; /* atomic: threads of a process share a mapping */
	uint64_t kslot;        /* the lock slot this process keeps in the table:
	                          the keeping thread's token << 8 | slot + 1, or 0
	                          (atomic: threads of a process share a handle) */
	uint32_t reclaim_in;   /* locks with a slot taken for the lock alone before
	                          the kept slots are looked at again for dead
	                          keepers (slot_keep()) */
	shmt_coldesc *cols;    /* private, validated copy of the header's */
	int fd;                /* named object or file, or -1 (anonymous) */
	int opened;            /* SHMT_OPENED_* */
	char *name;            /* table name (named tables) or NULL */
	char *path;            /* file path (file-backed tables) or NULL */
	uint64_t dev, ino;     /* identity of the object or file mapped */
	shmt_colinfo info[];
};

/* ---------------------------------------------------------------------- */
/* Small helpers                                                            */

static inline unsigned char *row_at(const shmt_table *t, uint32_t idx)
{
	return t->rows + (size_t)(idx - 1) * t->row_bytes;
}

static inline uint32_t *row_next(const shmt_table *t, uint32_t idx)
{
	return (uint32_t *)row_at(t, idx);
}

static inline uint32_t *row_meta(unsigned char *row)
{
	return (uint32_t *)(row + ROW_META_OFF);
}

static inline uint64_t *row_expires(unsigned char *row)
{
	return (uint64_t *)(row + ROW_EXPIRES_OFF);
}

/* The table's clock: nanoseconds of CLOCK_BOOTTIME plus the table's base
 * (about the wall clock's time since 1970; see docs/ARCHITECTURE.md,
 * expiry), never 0. Tests may move it on (shmt_test_clock_offset_ns). */
static inline uint64_t table_now(const shmt_table *t)
{
	int64_t boot = shmt_test_boottime_ns != 0 ? shmt_test_boottime_ns : shmt_os_boottime_coarse_ns();
	int64_t v = boot + t->clock_base + shmt_test_clock_offset_ns;
	return v > 0 ? (uint64_t)v : 1;
}

/* The clock read at most once per operation, and only when a row with an
 * expiry is met: *now is 0 until then. */
static inline uint64_t now_once(const shmt_table *t, uint64_t *now)
{
	if (*now == 0) {
		*now = table_now(t);
	}
	return *now;
}

static inline uint32_t *row_used(unsigned char *row)
{
	return (uint32_t *)(row + ROW_USED_OFF);
}

/* Record a use of a row of an SHMT_EVICT_LRU table: its `used` word gets
 * the current second of the table clock, stored only if it differs, so a
 * row read again and again costs one store a second, not one a read. A
 * reader may store into a row that a writer has just retired: harmless,
 * the word is a hint, and a writer sets it again on the row it builds. */
static inline void lru_touch(const shmt_table *t, unsigned char *row, uint64_t *now)
{
	if (t->evict == SHMT_EVICT_LRU) {
		uint32_t tick = (uint32_t)(now_once(t, now) / 1000000000u);
		if (shmt_load_relaxed(row_used(row)) != tick) {
			shmt_store_relaxed(row_used(row), tick);
		}
	}
}

/* A row that leaves its chain (deleted, reclaimed, evicted, or the old
 * version of a replaced row) is marked as used at the end of time, so that
 * eviction's sample passes over it instead of wasting a draw on it (in a
 * small table the spare and free rows can outnumber the live ones). A
 * reader's late lru_touch() may store a tick over the mark: evict_one()
 * then finds the row out of its chain and draws again. */
static inline void lru_retire(const shmt_table *t, unsigned char *row)
{
	if (t->evict == SHMT_EVICT_LRU) {
		shmt_store_relaxed(row_used(row), UINT32_MAX);
	}
}

/* Has a row whose expiry word reads `exp` expired at table time *now? */
static inline int expired_at(const shmt_table *t, uint64_t exp, uint64_t *now)
{
	return exp != 0 && exp <= now_once(t, now);
}

/* Lower a stripe's earliest expiry to `exp` (a row with that expiry is
 * about to be published in it). Stripe lock held. */
static inline void exp_min_lower(shmt_stripe_raw *s, uint64_t exp)
{
	if (exp != 0 && (s->exp_min == 0 || exp < s->exp_min)) {
		shmt_store_relaxed(&s->exp_min, exp);
		shmt_fence_release();
	}
}

static inline uint32_t make_meta(uint64_t h, size_t klen)
{
	return ((uint32_t)h & ((1u << SHMT_TAG_BITS) - 1)) << SHMT_KEYLEN_BITS |
	       (uint32_t)klen;
}

static inline uint32_t bucket_of_hash(const shmt_table *t, uint64_t h)
{
	return (uint32_t)(((h >> 32) * (uint64_t)t->nbuckets) >> 32);
}

static inline shmt_stripe_raw *stripe_of(const shmt_table *t, uint32_t b)
{
	return &t->stripes[b & t->stripe_mask].s;
}

static inline uint32_t stripe_index(const shmt_table *t, shmt_stripe_raw *s)
{
	return (uint32_t)((shmt_stripe *)s - t->stripes);
}

static inline int valid_idx(const shmt_table *t, uint32_t idx)
{
	return idx >= 1 && idx <= t->total_rows;
}

static inline uint32_t load_len(const unsigned char *p, uint32_t w)
{
	switch (w) {
	case 1: return p[0];
	case 2: { uint16_t v; memcpy(&v, p, 2); return v; }
	default: { uint32_t v; memcpy(&v, p, 4); return v; }
	}
}

static inline void store_len(unsigned char *p, uint32_t w, uint32_t v)
{
	switch (w) {
	case 1: p[0] = (unsigned char)v; break;
	case 2: { uint16_t x = (uint16_t)v; memcpy(p, &x, 2); break; }
	default: memcpy(p, &v, 4); break;
	}
}

static inline uint64_t round_up(uint64_t v, uint64_t a)
{
	return (v + a - 1) / a * a;
}

/* Every size and offset of a table, computed from its definition alone by
 * layout_compute(). Creating a table writes these into the header;
 * opening an existing one recomputes them from the stored definition and
 * requires the stored ones to be equal, so a change of the row layout
 * changes creation and validation together. */
typedef struct {
	uint32_t size, key_max, ncols, nstripes, total_rows, nbuckets;
	uint32_t row_bytes, key_off, header_bytes, evict, values_off;
	uint64_t alloc_off, stripes_off, buckets_off, rows_off, map_bytes;
} shmt_layout;

/* What the messages call the table: "table 'x'" or "table file '/p'". */
typedef struct {
	char os_name[sizeof(SHMT_SHM_PREFIX) + SHMT_MAX_NAME];
	const char *target;   /* os_name or the path */
	int is_shm;
	char label[64 + 4096];
	char where[32 + 4096]; /* the file as a user finds it */
	char label_where[128 + 8192]; /* label, and where when it adds something */
	/* What the owner checks call the object and what its owner could read or
	 * change: NULL for a table ("table", "its rows", "every row"). */
	const char *noun, *its_contents, *all_contents;
} open_ctx;

/* ---------------------------------------------------------------------- */
/* Stripe locking (shmt_recover.c repairs a dead holder's stripe)           */

static inline __attribute__((always_inline)) void seq_begin(shmt_stripe_raw *s)
{
	shmt_store_relaxed(&s->seq, s->seq + 1);
	shmt_fence_release();
}

static inline __attribute__((always_inline)) void seq_end(shmt_stripe_raw *s)
{
	shmt_store_release(&s->seq, s->seq + 1);
}

SHMT_INTERNAL shmt_status recover_stripe(shmt_table *t, shmt_stripe_raw *s);

/* A stripe's lock is its 32-bit owner word, taken with one compare-and-swap
 * from 0 to the holder's lock slot + 1. Lock slot i is the robust mutex of
 * stripe i (at most SHMT_LOCK_SLOTS of them): whoever locks with slot i
 * holds that mutex, so when it dies the kernel marks the mutex owner-died,
 * and the next locker that finds a word naming slot i takes the mutex over
 * (EOWNERDEAD), marks every word naming i OWNER_DEAD, and the stripe's next
 * locker repairs it. A thread keeps its slot between writes (one per table,
 * while fewer than SHMT_LOCK_SLOTS * 3/4 are kept and its process keeps
 * fewer than SHMT_OS_KEPT_MAX); without one, a lock takes a slot for itself
 * and gives it back at unlock. docs/ARCHITECTURE.md, "Stripe locks". */
#define SHMT_LOCK_SLOTS 64u
#define OWNER_SLOT_MASK 0xffu
#define OWNER_DEAD 0xffu        /* held by a holder that died, not taken over yet */
#define OWNER_WAITERS 0x80000000u
_Static_assert(SHMT_LOCK_SLOTS < OWNER_DEAD, "slot numbers fit the owner word");

/* What taking a lock answered (the slow path's). */
typedef enum { STRIPE_OK = 0, STRIPE_DIED = 1, STRIPE_BUSY = 2, STRIPE_ERROR = 3 } stripe_result;

SHMT_INTERNAL stripe_result stripe_lock_slow(shmt_table *t, shmt_stripe_raw *s, int wait);
SHMT_INTERNAL void stripe_unlock_slow(shmt_table *t, shmt_stripe_raw *s, uint32_t was);
SHMT_INTERNAL int stripe_slot_forget(shmt_table *t);

/* The slot + 1 this thread keeps in t, or 0. */
static inline uint32_t slot_mine(const shmt_table *t)
{
	uint64_t k = shmt_load_relaxed(&t->kslot);
	return (k >> 8) == shmt_os_holder() ? (uint32_t)(k & OWNER_SLOT_MASK) : 0;
}

/* The answer of taking s's lock: a dead owner's stripe is repaired first.
 * Not SHMT_OK: the lock is not held. */
static inline void stripe_unlock(shmt_table *t, shmt_stripe_raw *s);
static inline shmt_status stripe_taken(shmt_table *t, shmt_stripe_raw *s, stripe_result r)
{
	switch (r) {
	case STRIPE_OK:
		return SHMT_OK;
	case STRIPE_DIED: {
		shmt_status st = recover_stripe(t, s);
		if (st != SHMT_OK) {
			stripe_unlock(t, s);
		}
		return st;
	}
	default:
		return SHMT_E_CORRUPT;
	}
}

static inline __attribute__((always_inline)) shmt_status stripe_lock(shmt_table *t,
                                                                     shmt_stripe_raw *s)
{
	uint32_t me = slot_mine(t), free_word = 0;
	if (__builtin_expect(me != 0, 1) &&
	    __atomic_compare_exchange_n(&s->owner, &free_word, me, 0, __ATOMIC_ACQUIRE,
	                                __ATOMIC_RELAXED)) {
		return SHMT_OK;
	}
	return stripe_taken(t, s, stripe_lock_slow(t, s, 1));
}

static inline __attribute__((always_inline)) void stripe_unlock(shmt_table *t,
                                                                shmt_stripe_raw *s)
{
	/* The slot we locked with is the kept one (ours: nobody else can
	 * lock with it while we hold it, and a slot taken over from a keeper
	 * that died is unkept first), or one taken for this lock alone. */
	uint32_t was = __atomic_exchange_n(&s->owner, 0, __ATOMIC_RELEASE);
	if (__builtin_expect(was != (uint32_t)(shmt_load_relaxed(&t->kslot) & OWNER_SLOT_MASK), 0)) {
		stripe_unlock_slow(t, s, was);
	}
}

static inline void intent_begin(shmt_stripe_raw *s, uint32_t kind, uint32_t b,
                                uint32_t old)
{
	s->i_bucket = b;
	s->i_old = old;
	s->i_new = 0;
	shmt_fence_release();
	s->i_kind = kind;
	shmt_fence_release();
}

static inline __attribute__((always_inline)) void intent_end(shmt_stripe_raw *s)
{
	shmt_fence_release();
	s->i_kind = INTENT_NONE;
	s->i_new = 0;
	s->i_old = 0;
}

static inline __attribute__((always_inline)) void stat_inc(uint64_t *c)
{
	shmt_store_relaxed(c, shmt_load_relaxed(c) + 1);
}

/* The read protocol of one stripe, for the point read and the snapshot
 * alike: load an even sequence counter (waiting a little on an odd one),
 * let `copy` read the stripe's rows into the caller's buffer, and keep that
 * copy only if the counter did not move meanwhile. 1 when a copy was kept;
 * 0 after SHMT_MAX_RETRIES torn copies or too long a wait on a writer: the
 * caller then reads under the lock instead, which also repairs after a dead
 * writer. `copy` returns 0 for a walk cut short by an index out of range,
 * retried as a moved counter is. Lock-free; stores nothing to the table. */
static inline __attribute__((always_inline)) int
seq_read(shmt_table *t, shmt_stripe_raw *s, int (*copy)(shmt_table *t, void *arg), void *arg)
{
	for (int attempt = 0; attempt < SHMT_MAX_RETRIES; attempt++) {
		uint64_t s1 = shmt_load_acquire(&s->seq);
		for (int spin = 0; (s1 & 1) && spin < SHMT_SPIN_ODD; spin++) {
			shmt_cpu_relax();
			s1 = shmt_load_acquire(&s->seq);
		}
		if (s1 & 1) {
			return 0;
		}
		int walked = copy(t, arg);
		shmt_fence_acquire();
		if (walked && shmt_load_relaxed(&s->seq) == s1) {
			return 1;
		}
		shmt_add_relaxed(&t->read_retries, 1);
	}
	return 0;
}

/* ---------------------------------------------------------------------- */
/* Rows a stripe keeps (stripe lock held)                                   */

/* Move the first row the stripe keeps into s->i_new (it is counted live
 * already). Recovery tells a half-done move by s->kept_head == s->i_new. */
static inline shmt_status kept_take(shmt_table *t, shmt_stripe_raw *s)
{
	uint32_t idx = s->kept_head;
	if (!valid_idx(t, idx)) {
		return SHMT_E_CORRUPT;
	}
	uint32_t next = *row_next(t, idx);
	if ((next != 0 && !valid_idx(t, next)) || s->kept_n == 0) {
		return SHMT_E_CORRUPT;
	}
	s->i_new = idx;
	shmt_fence_release();
	STEP(SHMT_STEP_KEPT_TAKE_NAMED);
	s->kept_head = next;
	s->kept_n--;
	STEP(SHMT_STEP_KEPT_TAKE_UNLINKED);
	return SHMT_OK;
}

/* ---------------------------------------------------------------------- */
/* Shared between the engine's files                                        */

/* shmt_table.c: layout, creation, schema */
enum { COL_OK = 0, COL_BAD_NAME, COL_BAD_TYPE, COL_BAD_SIZE };
SHMT_INTERNAL int coldef_bad(uint32_t name_len, uint32_t type, uint32_t size);
SHMT_INTERNAL shmt_status layout_compute(uint32_t size, uint32_t key_max,
                                         const shmt_coldef *cols, uint32_t ncols,
                                         uint32_t evict, shmt_coldesc *desc, shmt_layout *L,
                                         uint64_t *bytes_asked, int *bad_arg);
SHMT_INTERNAL shmt_status init_mapping(unsigned char *base, const shmt_layout *L,
                                       const shmt_coldesc *desc, uint32_t backing,
                                       uint64_t reserved);
SHMT_INTERNAL void clock_rebase(shmt_header *h);
SHMT_INTERNAL shmt_table *handle_new(unsigned char *base, size_t map_len, const shmt_layout *L,
                                     const shmt_coldesc *desc, const uint8_t *seed);
SHMT_INTERNAL int definition_differs(const shmt_layout *L, const shmt_coldesc *have,
                                     const shmt_open_args *a, char *why, size_t len);

/* shmt_open.c: the names messages give a table, and who may use it */
SHMT_INTERNAL void ctx_init(open_ctx *c, const char *name, const char *path);
SHMT_INTERNAL shmt_status sys_error(const open_ctx *c, const char *what, int err, char *msg,
                                    size_t msglen);
SHMT_INTERNAL shmt_status out_of_memory(char *msg, size_t msglen);
SHMT_INTERNAL shmt_status access_check(const open_ctx *c, const shmt_os_stat *sb, int create,
                                       unsigned asked, char *msg, size_t msglen);

/* shmt_alloc.c: allocator, journal, storage reservation, kept rows */
SHMT_INTERNAL shmt_status alloc_lock(shmt_table *t);
SHMT_INTERNAL void alloc_unlock(shmt_table *t);
SHMT_INTERNAL uint64_t reserve_end(uint64_t need, uint64_t map_bytes);
SHMT_INTERNAL shmt_status alloc_pop(shmt_table *t, shmt_stripe_raw *s, int count_live);
SHMT_INTERNAL void alloc_push_locked(shmt_table *t, shmt_stripe_raw *s, uint32_t which,
                                     int uncount_live);
SHMT_INTERNAL shmt_status alloc_push(shmt_table *t, shmt_stripe_raw *s, uint32_t which,
                                     int uncount_live);
SHMT_INTERNAL shmt_status kept_recount(shmt_table *t, shmt_stripe_raw *s);
SHMT_INTERNAL int rows_held_by_stripes(shmt_table *t);
SHMT_INTERNAL shmt_status kept_give_back(shmt_table *t);

/* shmt_recover.c: every repair of what a dead holder left */
SHMT_INTERNAL void recover_alloc(shmt_table *t);
SHMT_INTERNAL __attribute__((noinline, cold)) void settle_dead_writers(shmt_table *t);
SHMT_INTERNAL shmt_status reopen_repair(shmt_table *t, const open_ctx *c, int check,
                                        char *msg, size_t msglen);

/* shmt_recover.c: every stripe lock at once; shmt_write.c: unlinking a row
 * under its stripe lock (counted in *counter when not NULL) */
SHMT_INTERNAL shmt_status lock_all(shmt_table *t, uint32_t *failed_at);
SHMT_INTERNAL void unlock_all(shmt_table *t);
SHMT_INTERNAL shmt_status delete_locked(shmt_table *t, shmt_stripe_raw *s, uint32_t b,
                                        uint32_t old, uint32_t *link, uint64_t *counter);

/* Reclaim an expired row (reached through *link) of bucket b: a delete,
 * counted in the stripe's `expired` instead of its deletes. */
static inline shmt_status reclaim_locked(shmt_table *t, shmt_stripe_raw *s, uint32_t b,
                                         uint32_t old, uint32_t *link)
{
	STEP(SHMT_STEP_RECLAIM_FOUND);
	shmt_status st = delete_locked(t, s, b, old, link, &s->expired);
	if (st == SHMT_OK) {
		STEP(SHMT_STEP_RECLAIM_DONE);
	}
	return st;
}

/* shmt_expire.c: reclaiming expired rows (at most max, 0: all; with
 * one_stripe only those of the first stripe from `from` that has some) and
 * evicting one row of a full table. The caller holds no lock. */
SHMT_INTERNAL shmt_status expired_reclaim(shmt_table *t, uint64_t max, int one_stripe,
                                          uint32_t from, uint64_t *n);
SHMT_INTERNAL shmt_status evict_one(shmt_table *t);
SHMT_INTERNAL shmt_status evict_one_all_held(shmt_table *t);

/* shmt_check.c: checks of stored state */
SHMT_INTERNAL int shared_fields_bad(const shmt_table *t, char *why, size_t len);
SHMT_INTERNAL shmt_status validate_header(const open_ctx *c, const unsigned char *hdr,
                                          size_t hdr_len, uint64_t obj_size, shmt_layout *L,
                                          shmt_coldesc *desc, char *msg, size_t msglen);

#endif /* SHMT_INTERNAL_H */
