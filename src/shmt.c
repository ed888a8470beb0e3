/*
 * shmt.c - the table engine (see shmt.h for the contract and
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
#include "shmt.h"
#include "shmt_atomic.h"
#include "shmt_hash.h"
#include "shmt_os.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SHMT_MAGIC "SHMTBL\x01\x00"
#define SHMT_LAYOUT_VERSION 3u
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

shmt_step_hook_fn shmt_step_hook = NULL;
const uint8_t *shmt_test_seed = NULL;
uint64_t shmt_test_reserve_chunk = 0;

/* What the last SHMT_E_RESERVE of this thread could not reserve, for
 * shmt_reserve_error() (a handle may be shared by threads). */
static _Thread_local struct {
	int err;            /* errno value */
	uint64_t bytes;     /* bytes asked for */
	uint64_t reserved;  /* bytes reserved before */
} g_reserve_err;
#define STEP(n)                        \
	do {                               \
		if (shmt_step_hook != NULL) {  \
			shmt_step_hook(n);         \
		}                              \
	} while (0)

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
	uint8_t reserved[16];  /* zero; room for later fields */
	uint64_t pidns;        /* pid namespace of the processes mapping it (0:
	                          unknown), set while nobody else maps it */
	shmt_coldesc cols[];
} shmt_header;
_Static_assert(sizeof(shmt_header) == 144, "header layout");

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
	uint32_t j_which;     /* 1: i_new, 2: i_old */
	uint32_t j_slot;      /* that field's value before */
	uint64_t recoveries;  /* locks taken over from a dead owner */
	uint64_t reserved;    /* bytes of the object, from its start, whose
	                         storage is reserved (only grows, and only once
	                         reserved); map_bytes for an anonymous table */
} shmt_alloc;

enum { INTENT_NONE = 0, INTENT_INSERT = 1, INTENT_REPLACE = 2, INTENT_DELETE = 3 };

/* One lock stripe: guards the buckets b with (b & mask) == index. What
 * count() reads of every stripe (seq, i_kind, free_n) sits in its first
 * cache line, next to the lock. */
typedef struct {
	shmt_lock lock;
	uint64_t seq;      /* odd while a writer changes what readers see; 64
	                      bits, so it never comes back to a value a reader
	                      saw (2^63 writes) */
	uint32_t i_kind;   /* INTENT_*: the write in progress */
	uint32_t free_n;   /* rows kept (at most the table's cache_cap) */
	uint32_t free_head;/* rows this stripe deleted and keeps for its next
	                      inserts, linked by row next, 0 if none; they
	                      stay counted in the allocator's live */
	uint32_t i_new;    /* row being published, or 0 */
	uint32_t i_old;    /* row being retired, or 0 */
	uint32_t i_bucket; /* the bucket of the write in progress */
	uint32_t spare;    /* free row owned by this stripe for copy-on-write */
	uint64_t inserts, updates, deletes; /* statistics */
} shmt_stripe_raw;

_Static_assert(offsetof(shmt_stripe_raw, free_n) + sizeof(uint32_t) <= 64,
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
	uint32_t cache_cap;    /* rows a stripe may keep on its own free list */
	uint32_t cache_below;  /* ... and only while live is at most this */
	uint8_t seed[16];
	uint64_t read_retries; /* atomic: threads of a process share a mapping */
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

const char *shmt_status_message(shmt_status st)
{
	switch (st) {
	case SHMT_OK: return "ok";
	case SHMT_NOT_FOUND: return "no such key";
	case SHMT_EXISTS: return "key already exists";
	case SHMT_MISMATCH: return "stored value differs from the expected one";
	case SHMT_FULL: return "table is full";
	case SHMT_OVERFLOW: return "integer overflow";
	case SHMT_E_INVALID: return "invalid argument";
	case SHMT_E_NOMEM: return "cannot map shared memory";
	case SHMT_E_CORRUPT: return "table is corrupt";
	case SHMT_E_BUFFER: return "buffer too small";
	case SHMT_E_NOENT: return "no such table";
	case SHMT_E_DEFINITION: return "table exists with another definition";
	case SHMT_E_SYSTEM: return "system call failed";
	case SHMT_E_NAMESPACE: return "table in use in another pid namespace";
	case SHMT_E_RESERVE: return "cannot reserve storage for the table";
	case SHMT_E_ACCESS: return "table belongs to another user or has a wider mode than asked";
	}
	return "unknown status";
}

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
	return (uint32_t *)(row + 4);
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

uint64_t shmt_hash(const shmt_table *t, const char *key, size_t klen)
{
	return shmt_siphash13(t->seed, key, klen);
}

uint32_t shmt_bucket_of(const shmt_table *t, const char *key, size_t klen)
{
	return bucket_of_hash(t, shmt_hash(t, key, klen));
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

/* ---------------------------------------------------------------------- */
/* Create / close / schema                                                  */

static uint32_t pow2_at_least(uint32_t v)
{
	uint32_t p = 1;
	while (p < v && p < (1u << 31)) {
		p <<= 1;
	}
	return p;
}

static int add_u64(uint64_t *acc, uint64_t v)
{
	return __builtin_add_overflow(*acc, v, acc);
}

static uint64_t round_up(uint64_t v, uint64_t a)
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
	uint32_t row_bytes, key_off, header_bytes;
	uint64_t alloc_off, stripes_off, buckets_off, rows_off, map_bytes;
} shmt_layout;

/* Check a definition and lay it out: desc[ncols] gets each column's
 * place in a row. SHMT_E_INVALID (with *bad_arg 1 size, 2 key_max,
 * 3 columns) or SHMT_E_NOMEM (*bytes_asked UINT64_MAX: too big to map). */
static shmt_status layout_compute(uint32_t size, uint32_t key_max,
                                  const shmt_coldef *cols, uint32_t ncols,
                                  shmt_coldesc *desc, shmt_layout *L,
                                  uint64_t *bytes_asked, int *bad_arg)
{
	*bad_arg = 0;
	*bytes_asked = 0;
	if (size < 1 || size > SHMT_MAX_ROWS) {
		*bad_arg = 1;
		return SHMT_E_INVALID;
	}
	if (key_max < 1 || key_max > SHMT_MAX_KEY_LEN) {
		*bad_arg = 2;
		return SHMT_E_INVALID;
	}
	if (ncols < 1 || ncols > SHMT_MAX_COLUMNS || cols == NULL) {
		*bad_arg = 3;
		return SHMT_E_INVALID;
	}
	for (uint32_t i = 0; i < ncols; i++) {
		const shmt_coldef *c = &cols[i];
		if (c->name_len < 1 || c->name_len > SHMT_MAX_COL_NAME ||
		    (c->type != SHMT_TYPE_INT && c->type != SHMT_TYPE_FLOAT &&
		     c->type != SHMT_TYPE_STRING) ||
		    (c->type == SHMT_TYPE_STRING &&
		     (c->size < 1 || c->size > SHMT_MAX_STRING))) {
			*bad_arg = 3;
			return SHMT_E_INVALID;
		}
		for (uint32_t j = 0; j < i; j++) {
			if (cols[j].name_len == c->name_len &&
			    memcmp(cols[j].name, c->name, c->name_len) == 0) {
				*bad_arg = 3;
				return SHMT_E_INVALID;
			}
		}
	}

	/* Row layout: next | meta | numbers | key | string lengths | strings. */
	uint32_t nnum = 0;
	for (uint32_t i = 0; i < ncols; i++) {
		nnum += cols[i].type != SHMT_TYPE_STRING;
	}
	uint64_t off = 8 + 8ull * nnum;
	uint32_t key_off = (uint32_t)off;
	off += key_max;
	memset(desc, 0, ncols * sizeof(*desc));
	uint64_t num_at = 8;
	for (uint32_t i = 0; i < ncols; i++) {
		const shmt_coldef *c = &cols[i];
		shmt_coldesc *d = &desc[i];
		memcpy(d->name, c->name, c->name_len);
		d->name_len = c->name_len;
		d->type = c->type;
		if (c->type == SHMT_TYPE_STRING) {
			d->size = c->size;
			d->lenw = c->size <= 0xff ? 1 : c->size <= 0xffff ? 2 : 4;
			d->lenoff = (uint32_t)off;
			off += d->lenw;
		} else {
			d->size = 8;
			d->off = (uint32_t)num_at;
			num_at += 8;
		}
	}
	for (uint32_t i = 0; i < ncols; i++) {
		if (desc[i].type == SHMT_TYPE_STRING) {
			desc[i].off = (uint32_t)off;
			off += desc[i].size;
		}
	}
	uint64_t row_bytes = round_up(off, 8);
	/* 256 columns of 1 MiB stay below 2^32, but check anyway. */
	if (row_bytes > UINT32_MAX) {
		*bad_arg = 3;
		return SHMT_E_INVALID;
	}

	uint32_t nstripes = pow2_at_least((size + 15) / 16);
	if (nstripes > SHMT_MAX_STRIPES) {
		nstripes = SHMT_MAX_STRIPES;
	}
	L->size = size;
	L->key_max = key_max;
	L->ncols = ncols;
	L->nstripes = nstripes;
	L->total_rows = size + nstripes; /* < 2^32 since size < 2^31 */
	L->nbuckets = size;
	L->row_bytes = (uint32_t)row_bytes;
	L->key_off = key_off;
	uint64_t header_bytes =
	    round_up(sizeof(shmt_header) + (uint64_t)ncols * sizeof(shmt_coldesc),
	             SHMT_CACHELINE);
	L->header_bytes = (uint32_t)header_bytes;
	L->alloc_off = header_bytes;
	/* Stripes are 128 bytes: two cache lines, so that the adjacent-line
	 * prefetcher does not couple neighbouring stripes. */
	L->stripes_off = round_up(L->alloc_off + sizeof(shmt_alloc), sizeof(shmt_stripe));
	L->buckets_off = L->stripes_off + (uint64_t)nstripes * sizeof(shmt_stripe);
	L->rows_off = L->buckets_off + round_up(4ull * L->nbuckets, SHMT_CACHELINE);
	uint64_t total = L->rows_off, pool;
	if (__builtin_mul_overflow(row_bytes, (uint64_t)L->total_rows, &pool) ||
	    add_u64(&total, pool) || total > (uint64_t)SIZE_MAX) {
		*bytes_asked = UINT64_MAX;
		return SHMT_E_NOMEM;
	}
	L->map_bytes = total;
	*bytes_asked = total;
	return SHMT_OK;
}

/* Write a fresh header and initialise every lock of a zero-filled
 * mapping whose first `reserved` bytes have storage. The 'ready' word is
 * left 0: the caller publishes it last. */
static shmt_status init_mapping(unsigned char *base, const shmt_layout *L,
                                const shmt_coldesc *desc, uint32_t backing,
                                uint64_t reserved)
{
	shmt_header *h = (shmt_header *)base;
	memcpy(h->magic, SHMT_MAGIC, 8);
	h->layout_version = SHMT_LAYOUT_VERSION;
	h->header_bytes = L->header_bytes;
	h->map_bytes = L->map_bytes;
	h->size = L->size;
	h->spares = L->nstripes;
	h->total_rows = L->total_rows;
	h->nbuckets = L->nbuckets;
	h->nstripes = L->nstripes;
	h->key_max = L->key_max;
	h->ncols = L->ncols;
	h->row_bytes = L->row_bytes;
	h->key_off = L->key_off;
	h->alloc_off = L->alloc_off;
	h->stripes_off = L->stripes_off;
	h->buckets_off = L->buckets_off;
	h->rows_off = L->rows_off;
	h->backing = backing;
	memcpy(h->cols, desc, L->ncols * sizeof(*desc));
	if (shmt_test_seed != NULL) {
		memcpy(h->seed, shmt_test_seed, sizeof(h->seed));
	} else if (shmt_random_bytes(h->seed, sizeof(h->seed)) != 0) {
		return SHMT_E_NOMEM;
	}
	shmt_alloc *a = (shmt_alloc *)(base + L->alloc_off);
	shmt_stripe *stripes = (shmt_stripe *)(base + L->stripes_off);
	if (shmt_lock_init(&a->lock) != 0) {
		errno = ENOLCK;
		return SHMT_E_NOMEM;
	}
	a->next_unused = 1;
	a->reserved = reserved;
	for (uint32_t i = 0; i < L->nstripes; i++) {
		if (shmt_lock_init(&stripes[i].s.lock) != 0) {
			errno = ENOLCK;
			return SHMT_E_NOMEM;
		}
	}
	return SHMT_OK;
}

/* How many deleted rows a stripe keeps for its own next inserts, and up to
 * which count of live rows it may keep more. A stripe's kept rows stay
 * counted as live, so that a delete followed by an insert in the same
 * stripe never takes the allocator lock; near capacity they would only have
 * to be handed back (drain_caches()), so no more are kept there: at most
 * size/16 rows of capacity are held in all. */
static void cache_limits(uint32_t size, uint32_t nstripes, uint32_t *cap, uint32_t *below)
{
	uint32_t per = size / nstripes / 16;
	*cap = per < 1 ? 1 : per > 8 ? 8 : per;
	uint64_t margin = (uint64_t)*cap * nstripes;
	*below = margin >= size ? 0 : (uint32_t)(size - margin);
}

/* A process-local handle on a mapping laid out as L. The column
 * descriptions and the seed are copied out of `desc` and `seed` (already
 * validated), so nothing the engine trusts is read back from the mapping,
 * which another process could change. */
static shmt_table *handle_new(unsigned char *base, size_t map_len, const shmt_layout *L,
                              const shmt_coldesc *desc, const uint8_t *seed)
{
	size_t ncols = L->ncols;
	shmt_table *t = calloc(1, sizeof(*t) + ncols * sizeof(shmt_colinfo) +
	                              ncols * sizeof(shmt_coldesc));
	if (t == NULL) {
		return NULL;
	}
	t->cols = (shmt_coldesc *)((unsigned char *)t + sizeof(*t) +
	                           ncols * sizeof(shmt_colinfo));
	memcpy(t->cols, desc, ncols * sizeof(*desc));
	t->base = base;
	t->map_bytes = map_len;
	t->h = (shmt_header *)base;
	t->a = (shmt_alloc *)(base + L->alloc_off);
	t->stripes = (shmt_stripe *)(base + L->stripes_off);
	t->buckets = (uint32_t *)(base + L->buckets_off);
	t->rows = base + L->rows_off;
	t->rows_off = L->rows_off;
	t->size = L->size;
	t->total_rows = L->total_rows;
	t->nbuckets = L->nbuckets;
	t->stripe_mask = L->nstripes - 1;
	t->key_max = L->key_max;
	t->row_bytes = L->row_bytes;
	t->key_off = L->key_off;
	t->ncols = L->ncols;
	cache_limits(L->size, L->nstripes, &t->cache_cap, &t->cache_below);
	memcpy(t->seed, seed, 16);
	t->fd = -1;
	for (uint32_t i = 0; i < L->ncols; i++) {
		t->cols[i].name[SHMT_MAX_COL_NAME] = '\0';
		t->info[i].name = t->cols[i].name;
		t->info[i].name_len = t->cols[i].name_len;
		t->info[i].type = t->cols[i].type;
		t->info[i].size = t->cols[i].type == SHMT_TYPE_STRING ? t->cols[i].size : 0;
		t->info[i].off = t->cols[i].off;
		t->info[i].lenoff = t->cols[i].lenoff;
		t->info[i].lenw = t->cols[i].lenw;
	}
	return t;
}

shmt_status shmt_create(shmt_table **out, uint32_t size, uint32_t key_max,
                        const shmt_coldef *cols, uint32_t ncols,
                        uint64_t *bytes_asked, int *bad_arg)
{
	int dummy_bad;
	uint64_t dummy_bytes;
	if (bad_arg == NULL) {
		bad_arg = &dummy_bad;
	}
	if (bytes_asked == NULL) {
		bytes_asked = &dummy_bytes;
	}
	*out = NULL;
	*bad_arg = 0;
	*bytes_asked = 0;
	if (ncols < 1 || ncols > SHMT_MAX_COLUMNS || cols == NULL) {
		*bad_arg = size < 1 || size > SHMT_MAX_ROWS ? 1
		           : key_max < 1 || key_max > SHMT_MAX_KEY_LEN ? 2 : 3;
		return SHMT_E_INVALID;
	}
	shmt_coldesc *desc = calloc(ncols, sizeof(*desc));
	if (desc == NULL) {
		return SHMT_E_NOMEM;
	}
	shmt_layout L;
	shmt_status st = layout_compute(size, key_max, cols, ncols, desc, &L,
	                                bytes_asked, bad_arg);
	if (st != SHMT_OK) {
		free(desc);
		return st;
	}
	unsigned char *base = shmt_map_shared((size_t)L.map_bytes);
	if (base == NULL) {
		int e = errno;
		free(desc);
		errno = e;
		return SHMT_E_NOMEM;
	}
	/* Anonymous memory is not reserved page by page: the kernel charges
	 * the whole mapping to its overcommit accounting when it is mapped (refused
	 * there under strict overcommit), and no file system limits it. */
	st = init_mapping(base, &L, desc, SHMT_BACKING_ANON, L.map_bytes);
	shmt_table *t = st == SHMT_OK
	                    ? handle_new(base, (size_t)L.map_bytes, &L, desc,
	                                 ((shmt_header *)base)->seed)
	                    : NULL;
	free(desc);
	if (t == NULL) {
		int e = errno;
		shmt_unmap(base, (size_t)L.map_bytes);
		errno = e;
		return SHMT_E_NOMEM;
	}
	shmt_store_release(&t->h->ready, SHMT_READY_DONE);
	*out = t;
	return SHMT_OK;
}

void shmt_close(shmt_table *t)
{
	if (t == NULL) {
		return;
	}
	shmt_unmap(t->base, t->map_bytes);
	/* Closing the descriptor ends this process's share of the "users"
	 * lock once no forked child holds the same open file description. */
	shmt_os_close(t->fd);
	free(t->name);
	free(t->path);
	free(t);
}

uint32_t shmt_ncols(const shmt_table *t) { return t->ncols; }
const shmt_colinfo *shmt_col(const shmt_table *t, uint32_t i)
{
	return i < t->ncols ? &t->info[i] : NULL;
}
uint32_t shmt_key_max(const shmt_table *t) { return t->key_max; }
uint32_t shmt_size(const shmt_table *t) { return t->size; }
uint64_t shmt_memory_size(const shmt_table *t) { return t->map_bytes; }
size_t shmt_image_size(const shmt_table *t) { return t->row_bytes; }
uint32_t shmt_bucket_count(const shmt_table *t) { return t->nbuckets; }

int shmt_col_find(const shmt_table *t, const char *name, size_t len)
{
	for (uint32_t i = 0; i < t->ncols; i++) {
		if (t->info[i].name_len == len && memcmp(t->info[i].name, name, len) == 0) {
			return (int)i;
		}
	}
	return -1;
}

/* ---------------------------------------------------------------------- */
/* Row images                                                               */

const char *shmt_img_key(const shmt_table *t, const void *img, uint32_t *len)
{
	uint32_t meta;
	memcpy(&meta, (const unsigned char *)img + 4, 4);
	uint32_t l = meta & ((1u << SHMT_KEYLEN_BITS) - 1);
	*len = l <= t->key_max ? l : t->key_max;
	return (const char *)img + t->key_off;
}

int64_t shmt_img_int(const shmt_table *t, const void *img, uint32_t col)
{
	int64_t v;
	memcpy(&v, (const unsigned char *)img + t->cols[col].off, 8);
	return v;
}

double shmt_img_float(const shmt_table *t, const void *img, uint32_t col)
{
	double v;
	memcpy(&v, (const unsigned char *)img + t->cols[col].off, 8);
	return v;
}

const char *shmt_img_str(const shmt_table *t, const void *img, uint32_t col,
                         uint32_t *len)
{
	const shmt_coldesc *c = &t->cols[col];
	uint32_t l = load_len((const unsigned char *)img + c->lenoff, c->lenw);
	*len = l <= c->size ? l : c->size;
	return (const char *)img + c->off;
}

/* ---------------------------------------------------------------------- */
/* Allocator (caller holds a stripe lock; these take the allocator lock)    */

static void recover_alloc(shmt_table *t)
{
	shmt_alloc *a = t->a;
	if (a->j_active) {
		a->free_head = a->j_free_head;
		a->next_unused = a->j_next_unused;
		shmt_store_relaxed(&a->live, a->j_live);
		if (a->j_stripe <= t->stripe_mask) {
			shmt_stripe_raw *s = &t->stripes[a->j_stripe].s;
			if (a->j_which == 1) {
				s->i_new = a->j_slot;
			} else if (a->j_which == 2) {
				s->i_old = a->j_slot;
			}
		}
		shmt_fence_release();
		a->j_active = 0;
	}
	a->recoveries++;
}

static shmt_status alloc_lock(shmt_table *t)
{
	switch (shmt_lock_acquire_spin(&t->a->lock)) {
	case SHMT_LOCK_OK:
		return SHMT_OK;
	case SHMT_LOCK_OWNER_DIED:
		recover_alloc(t);
		shmt_lock_consistent(&t->a->lock);
		return SHMT_OK;
	default:
		return SHMT_E_CORRUPT;
	}
}

static void alloc_unlock(shmt_table *t)
{
	shmt_lock_release(&t->a->lock);
}

/* Save what a pop/push changes, then raise j_active. */
static void journal_begin(shmt_table *t, shmt_stripe_raw *s, uint32_t which)
{
	shmt_alloc *a = t->a;
	a->j_free_head = a->free_head;
	a->j_next_unused = a->next_unused;
	a->j_live = a->live;
	a->j_stripe = stripe_index(t, s);
	a->j_which = which;
	a->j_slot = which == 1 ? s->i_new : s->i_old;
	shmt_fence_release();
	a->j_active = 1;
	shmt_fence_release();
}

static void journal_end(shmt_table *t)
{
	shmt_fence_release();
	t->a->j_active = 0;
}

static uint64_t reserve_chunk(void)
{
	return shmt_test_reserve_chunk != 0 ? shmt_test_reserve_chunk : SHMT_RESERVE_CHUNK;
}

/* Where a reservation of at least bytes [0, need) ends: the next chunk
 * boundary, at most the end of the mapping. */
static uint64_t reserve_end(uint64_t need, uint64_t map_bytes)
{
	uint64_t end = round_up(need, reserve_chunk());
	return end < map_bytes ? end : map_bytes;
}

/* Rows up to `upto` (1-based) lie beyond the reserved mark: reserve the
 * chunks that hold them, then advance the mark. Allocator lock held, and
 * nothing changed yet: on failure the caller returns the status as it
 * would SHMT_FULL. A process killed in here leaves the mark where it was
 * (posix_fallocate() may have reserved part of the range: harmless, it is
 * idempotent) or advanced over storage that is reserved; nothing else. */
static __attribute__((noinline, cold)) shmt_status reserve_rows_locked(shmt_table *t,
                                                                      uint32_t upto)
{
	shmt_alloc *a = t->a;
	uint64_t chunk = reserve_chunk();
	uint64_t to = reserve_end(t->rows_off + (uint64_t)upto * t->row_bytes, t->map_bytes);
	uint64_t from = a->reserved / chunk * chunk;
	if (from > to) {
		from = to;
	}
	int rc = t->fd >= 0 ? shmt_os_reserve(t->fd, from, to - from) : EBADF;
	if (rc != 0) {
		g_reserve_err.err = rc;
		g_reserve_err.bytes = to - from;
		g_reserve_err.reserved = a->reserved;
		return SHMT_E_RESERVE;
	}
	STEP(103);
	a->reserved = to;
	STEP(104);
	return SHMT_OK;
}

/* Take a row into s->i_new. With count_live, the row is a new key and the
 * table's capacity is enforced; otherwise it is a copy-on-write spare. */
static shmt_status alloc_pop_locked(shmt_table *t, shmt_stripe_raw *s,
                                    int count_live)
{
	shmt_alloc *a = t->a;
	if (count_live && a->live >= t->size) {
		return SHMT_FULL;
	}
	uint32_t idx = a->free_head, next_free = 0, next_unused = a->next_unused;
	if (idx != 0) {
		if (!valid_idx(t, idx)) {
			return SHMT_E_CORRUPT;
		}
		next_free = *row_next(t, idx);
		if (next_free != 0 && !valid_idx(t, next_free)) {
			return SHMT_E_CORRUPT;
		}
	} else if (next_unused >= 1 && next_unused <= t->total_rows) {
		idx = next_unused++;
		/* A never-used row needs storage before it is touched. An insert
		 * reserves as many rows again as there are stripes: a stripe takes
		 * a spare row from here once in the table's life (at its first
		 * update; from then on the old version is the next spare), so an
		 * update never needs storage that inserts could not get. */
		uint32_t upto = idx;
		if (count_live) {
			upto = t->total_rows - idx > t->stripe_mask ? idx + t->stripe_mask + 1
			                                            : t->total_rows;
		}
		if (t->rows_off + (uint64_t)upto * t->row_bytes > a->reserved) {
			shmt_status st = reserve_rows_locked(t, upto);
			if (st != SHMT_OK) {
				return st;
			}
		}
	} else {
		return SHMT_E_CORRUPT; /* spares make this impossible */
	}
	journal_begin(t, s, 1);
	a->free_head = next_free;
	a->next_unused = next_unused;
	STEP(101);
	s->i_new = idx;
	if (count_live) {
		shmt_store_relaxed(&a->live, a->live + 1);
	}
	STEP(102);
	journal_end(t);
	return SHMT_OK;
}

static shmt_status alloc_pop(shmt_table *t, shmt_stripe_raw *s, int count_live)
{
	shmt_status st = alloc_lock(t);
	if (st != SHMT_OK) {
		return st;
	}
	st = alloc_pop_locked(t, s, count_live);
	alloc_unlock(t);
	return st;
}

/* Give the row in s->i_new (which == 1) or s->i_old (which == 2) back to
 * the free list, clearing that field. */
static void alloc_push_locked(shmt_table *t, shmt_stripe_raw *s, uint32_t which,
                              int uncount_live)
{
	shmt_alloc *a = t->a;
	uint32_t idx = which == 1 ? s->i_new : s->i_old;
	journal_begin(t, s, which);
	shmt_store_release(row_next(t, idx), a->free_head);
	a->free_head = idx;
	STEP(111);
	if (uncount_live) {
		shmt_store_relaxed(&a->live, a->live - 1);
	}
	if (which == 1) {
		s->i_new = 0;
	} else {
		s->i_old = 0;
	}
	STEP(112);
	journal_end(t);
}

static shmt_status alloc_push(shmt_table *t, shmt_stripe_raw *s, uint32_t which,
                              int uncount_live)
{
	shmt_status st = alloc_lock(t);
	if (st != SHMT_OK) {
		return st;
	}
	alloc_push_locked(t, s, which, uncount_live);
	alloc_unlock(t);
	return SHMT_OK;
}

static shmt_status cache_recount(shmt_table *t, shmt_stripe_raw *s);

/* ---------------------------------------------------------------------- */
/* Stripe locking and recovery                                              */

static inline void seq_begin(shmt_stripe_raw *s)
{
	shmt_store_relaxed(&s->seq, s->seq + 1);
	shmt_fence_release();
}

static inline void seq_end(shmt_stripe_raw *s)
{
	shmt_store_release(&s->seq, s->seq + 1);
}

/* Is row idx on the chain of bucket b? Caller holds the stripe lock. */
static int on_chain(shmt_table *t, uint32_t b, uint32_t idx)
{
	uint32_t cur = t->buckets[b];
	for (uint32_t steps = 0; cur != 0 && steps <= t->total_rows; steps++) {
		if (!valid_idx(t, cur)) {
			return 0;
		}
		if (cur == idx) {
			return 1;
		}
		cur = *row_next(t, cur);
	}
	return 0;
}

/* The previous holder of s died. Complete or roll back its write so that
 * every row is again in exactly one place (DESIGN: bounded work, this
 * stripe only). Idempotent: if we die in here, the next locker redoes it. */
static shmt_status recover_stripe(shmt_table *t, shmt_stripe_raw *s)
{
	shmt_status st = alloc_lock(t); /* rolls back a half pop/push first */
	if (st != SHMT_OK) {
		return st;
	}
	if (s->i_kind == INTENT_REPLACE && s->i_bucket < t->nbuckets) {
		/* One of new/old is on the chain; the other (if any) is the
		 * stripe's spare, whether or not the dead writer got that far. */
		uint32_t b = s->i_bucket;
		if (s->i_new != 0 && valid_idx(t, s->i_new) && !on_chain(t, b, s->i_new)) {
			s->spare = s->i_new;
		} else if (s->i_old != 0 && valid_idx(t, s->i_old) && !on_chain(t, b, s->i_old)) {
			s->spare = s->i_old;
		}
	} else if (s->i_kind != INTENT_NONE && s->i_bucket < t->nbuckets) {
		uint32_t b = s->i_bucket;
		/* A row at the head of the stripe's own list is kept there: an
		 * insert died before taking it off, a delete after putting it on. */
		if (s->i_new != 0 && valid_idx(t, s->i_new) && s->i_new != s->free_head &&
		    !on_chain(t, b, s->i_new)) {
			alloc_push_locked(t, s, 1, s->i_kind == INTENT_INSERT);
		}
		if (s->i_old != 0 && valid_idx(t, s->i_old) && s->i_old != s->free_head &&
		    !on_chain(t, b, s->i_old)) {
			alloc_push_locked(t, s, 2, s->i_kind == INTENT_DELETE);
		}
	}
	st = cache_recount(t, s);
	if (st != SHMT_OK) {
		alloc_unlock(t);
		return st;
	}
	s->i_new = 0;
	s->i_old = 0;
	shmt_fence_release();
	s->i_kind = INTENT_NONE;
	if (s->seq & 1) {
		shmt_store_release(&s->seq, s->seq + 1);
	}
	t->a->recoveries++;
	alloc_unlock(t);
	return SHMT_OK;
}

/* The answer of taking s's lock: a dead owner's stripe is repaired first.
 * Not SHMT_OK: the lock is not held. */
static inline shmt_status stripe_taken(shmt_table *t, shmt_stripe_raw *s,
                                       shmt_lock_result r)
{
	switch (r) {
	case SHMT_LOCK_OK:
		return SHMT_OK;
	case SHMT_LOCK_OWNER_DIED: {
		shmt_status st = recover_stripe(t, s);
		shmt_lock_consistent(&s->lock);
		if (st != SHMT_OK) {
			shmt_lock_release(&s->lock);
		}
		return st;
	}
	default:
		return SHMT_E_CORRUPT;
	}
}

static shmt_status stripe_lock(shmt_table *t, shmt_stripe_raw *s)
{
	return stripe_taken(t, s, shmt_lock_acquire(&s->lock));
}

static void stripe_unlock(shmt_stripe_raw *s)
{
	shmt_lock_release(&s->lock);
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

static inline void intent_end(shmt_stripe_raw *s)
{
	shmt_fence_release();
	s->i_kind = INTENT_NONE;
	s->i_new = 0;
	s->i_old = 0;
}

static inline void stat_inc(uint64_t *c)
{
	shmt_store_relaxed(c, shmt_load_relaxed(c) + 1);
}

/* ---------------------------------------------------------------------- */
/* Rows a stripe keeps (stripe lock held)                                   */

/* Move the first row the stripe keeps into s->i_new (it is counted live
 * already). Recovery tells a half-done move by s->free_head == s->i_new. */
static shmt_status cache_take(shmt_table *t, shmt_stripe_raw *s)
{
	uint32_t idx = s->free_head;
	if (!valid_idx(t, idx)) {
		return SHMT_E_CORRUPT;
	}
	uint32_t next = *row_next(t, idx);
	if ((next != 0 && !valid_idx(t, next)) || s->free_n == 0) {
		return SHMT_E_CORRUPT;
	}
	s->i_new = idx;
	shmt_fence_release();
	STEP(7);
	s->free_head = next;
	s->free_n--;
	STEP(8);
	return SHMT_OK;
}

/* Count the rows on the stripe's list again (after a writer died between
 * moving a row and counting it). SHMT_E_CORRUPT if the list is not a
 * short chain of valid rows. */
static shmt_status cache_recount(shmt_table *t, shmt_stripe_raw *s)
{
	uint32_t n = 0;
	for (uint32_t cur = s->free_head; cur != 0; cur = *row_next(t, cur)) {
		if (!valid_idx(t, cur) || n >= t->cache_cap) {
			return SHMT_E_CORRUPT;
		}
		n++;
	}
	s->free_n = n;
	return SHMT_OK;
}

/* Could a row be counted in live without being stored? It is if a stripe
 * keeps it from a delete, if an insert in flight took it (it is not linked
 * yet), or if a delete in flight names it (it may be unlinked already, or
 * half pushed back: a dead pop or push was rolled back by whoever took the
 * allocator lock since, which restored the stripe's intent field). The
 * holder may be alive (its write ends soon) or dead (its stripe is
 * repaired when next locked). An insert that holds no row yet (it is about
 * to fail as full itself) does not count, so that processes failing on a
 * full table do not send each other to lock_all_drained(). A hint (no
 * lock): a write that completed before the call is seen. */
static int rows_held_by_stripes(shmt_table *t)
{
	for (uint32_t i = 0; i <= t->stripe_mask; i++) {
		const shmt_stripe_raw *s = &t->stripes[i].s;
		uint32_t kind = shmt_load_relaxed(&s->i_kind);
		if (shmt_load_relaxed(&s->free_head) != 0 ||
		    (kind == INTENT_INSERT && shmt_load_relaxed(&s->i_new) != 0) ||
		    (kind == INTENT_DELETE && shmt_load_relaxed(&s->i_old) != 0)) {
			return 1;
		}
	}
	return 0;
}

/* Every stripe lock is held: give every kept row back to the allocator's
 * free list, one journalled push each, as a dead insert's row would be. */
static shmt_status drain_caches(shmt_table *t)
{
	shmt_status st = alloc_lock(t);
	if (st != SHMT_OK) {
		return st;
	}
	for (uint32_t i = 0; i <= t->stripe_mask && st == SHMT_OK; i++) {
		shmt_stripe_raw *s = &t->stripes[i].s;
		for (uint32_t n = 0; s->free_head != 0; n++) {
			if (n >= t->cache_cap) {
				st = SHMT_E_CORRUPT; /* a damaged list: a cycle, say */
				break;
			}
			/* Bucket i is one of stripe i's, and the row is on no chain:
			 * recovery of a half-done move pushes it, as here. */
			intent_begin(s, INTENT_INSERT, i, 0);
			st = cache_take(t, s);
			if (st != SHMT_OK) {
				intent_end(s);
				break;
			}
			STEP(41);
			alloc_push_locked(t, s, 1, 1);
			STEP(42);
			intent_end(s);
		}
	}
	alloc_unlock(t);
	return st;
}

/* ---------------------------------------------------------------------- */
/* Lookup                                                                   */

typedef struct {
	uint64_t h;
	uint32_t b;
	uint32_t meta;
	shmt_stripe_raw *s;
} keyinfo;

static inline shmt_status key_prepare(const shmt_table *t, const char *key,
                                      size_t klen, keyinfo *ki)
{
	if (klen < 1 || klen > t->key_max) {
		return SHMT_E_INVALID;
	}
	ki->h = shmt_siphash13(t->seed, key, klen);
	ki->b = bucket_of_hash(t, ki->h);
	ki->meta = make_meta(ki->h, klen);
	ki->s = stripe_of(t, ki->b);
	return SHMT_OK;
}

/* Key bytes equal? Only reached once meta (tag and length) matched. Keys
 * of 4..16 bytes, the common case, compare as two overlapping words each
 * instead of a memcmp call; reads stay within klen bytes of both sides. */
static inline int key_eq(const unsigned char *stored, const char *key, size_t klen)
{
	if (klen >= 8 && klen <= 16) {
		uint64_t a0, b0, a1, b1;
		memcpy(&a0, stored, 8);
		memcpy(&b0, key, 8);
		memcpy(&a1, stored + klen - 8, 8);
		memcpy(&b1, key + klen - 8, 8);
		return ((a0 ^ b0) | (a1 ^ b1)) == 0;
	}
	if (klen >= 4 && klen < 8) {
		uint32_t a0, b0, a1, b1;
		memcpy(&a0, stored, 4);
		memcpy(&b0, key, 4);
		memcpy(&a1, stored + klen - 4, 4);
		memcpy(&b1, key + klen - 4, 4);
		return ((a0 ^ b0) | (a1 ^ b1)) == 0;
	}
	return memcmp(stored, key, klen) == 0;
}

/* Under the stripe lock: find the row and the link that points to it. */
static shmt_status find_locked(shmt_table *t, const keyinfo *ki, const char *key,
                               size_t klen, uint32_t *idx_out, uint32_t **link_out)
{
	uint32_t *link = &t->buckets[ki->b];
	uint32_t cur = *link;
	for (uint32_t steps = 0; cur != 0; steps++) {
		if (!valid_idx(t, cur) || steps > t->total_rows) {
			return SHMT_E_CORRUPT;
		}
		unsigned char *row = row_at(t, cur);
		if (*row_meta(row) == ki->meta && key_eq(row + t->key_off, key, klen)) {
			*idx_out = cur;
			*link_out = link;
			return SHMT_OK;
		}
		link = row_next(t, cur);
		cur = *link;
	}
	*idx_out = 0;
	*link_out = NULL;
	return SHMT_NOT_FOUND;
}

/* Copy out of a row what the reader asked for: the whole row (col < 0), or
 * one column at its own offset in img, so the shmt_img_* helpers decode
 * both alike. A length read here may be torn; it is clamped so the copy
 * stays in bounds, and the caller's sequence check throws the copy away. */
static inline void copy_out(const shmt_table *t, const unsigned char *row,
                            unsigned char *img, int col)
{
	if (col < 0) {
		memcpy(img, row, t->row_bytes);
		return;
	}
	const shmt_coldesc *c = &t->cols[col];
	if (c->type != SHMT_TYPE_STRING) {
		memcpy(img + c->off, row + c->off, 8);
		return;
	}
	memcpy(img + c->lenoff, row + c->lenoff, c->lenw);
	uint32_t len = load_len(img + c->lenoff, c->lenw);
	memcpy(img + c->off, row + c->off, len <= c->size ? len : c->size);
}

/*
 * Optimistic read of one key: copy the row into img (if non-NULL) while the
 * stripe's sequence counter stays even and unchanged. Every index read here
 * may be torn, so each is checked before use and the walk is bounded.
 * Returns SHMT_OK / SHMT_NOT_FOUND, or SHMT_E_BUFFER meaning "give up
 * optimism, read under the lock".
 */
static shmt_status read_optimistic(shmt_table *t, const keyinfo *ki,
                                   const char *key, size_t klen, void *img, int col)
{
	shmt_stripe_raw *s = ki->s;
	for (int attempt = 0; attempt < SHMT_MAX_RETRIES; attempt++) {
		uint64_t s1 = shmt_load_acquire(&s->seq);
		for (int spin = 0; (s1 & 1) && spin < SHMT_SPIN_ODD; spin++) {
			shmt_cpu_relax();
			s1 = shmt_load_acquire(&s->seq);
		}
		if (s1 & 1) {
			return SHMT_E_BUFFER;
		}
		uint32_t cur = shmt_load_acquire(&t->buckets[ki->b]);
		uint32_t found = 0;
		for (uint32_t steps = 0; cur != 0; steps++) {
			if (!valid_idx(t, cur) || steps > t->total_rows) {
				break; /* torn: the seq check below fails */
			}
			unsigned char *row = row_at(t, cur);
			if (shmt_load_relaxed(row_meta(row)) == ki->meta &&
			    key_eq(row + t->key_off, key, klen)) {
				found = cur;
				break;
			}
			cur = shmt_load_acquire(row_next(t, cur));
		}
		if (found != 0 && img != NULL) {
			copy_out(t, row_at(t, found), img, col);
		}
		shmt_fence_acquire();
		if (shmt_load_relaxed(&s->seq) == s1) {
			return found ? SHMT_OK : SHMT_NOT_FOUND;
		}
		shmt_add_relaxed(&t->read_retries, 1);
	}
	return SHMT_E_BUFFER;
}

static shmt_status read_locked(shmt_table *t, const keyinfo *ki, const char *key,
                               size_t klen, void *img, int col)
{
	shmt_status st = stripe_lock(t, ki->s);
	if (st != SHMT_OK) {
		return st;
	}
	uint32_t idx, *link;
	st = find_locked(t, ki, key, klen, &idx, &link);
	if (st == SHMT_OK && img != NULL) {
		copy_out(t, row_at(t, idx), img, col);
	}
	stripe_unlock(ki->s);
	return st;
}

static shmt_status read_key(shmt_table *t, const char *key, size_t klen, void *img,
                            int col)
{
	keyinfo ki;
	shmt_status st = key_prepare(t, key, klen, &ki);
	if (st != SHMT_OK) {
		return st;
	}
	st = read_optimistic(t, &ki, key, klen, img, col);
	if (st == SHMT_E_BUFFER) {
		st = read_locked(t, &ki, key, klen, img, col);
	}
	return st;
}

shmt_status shmt_get(shmt_table *t, const char *key, size_t klen, void *img)
{
	return read_key(t, key, klen, img, -1);
}

shmt_status shmt_get_col(shmt_table *t, const char *key, size_t klen, uint32_t col,
                         void *img)
{
	if (col >= t->ncols) {
		return SHMT_E_INVALID;
	}
	return read_key(t, key, klen, img, (int)col);
}

shmt_status shmt_exists(shmt_table *t, const char *key, size_t klen)
{
	return read_key(t, key, klen, NULL, -1);
}

/* ---------------------------------------------------------------------- */
/* Writes                                                                   */

static shmt_status check_values(const shmt_table *t, const shmt_value *vals,
                                uint32_t n)
{
	for (uint32_t i = 0; i < n; i++) {
		if (vals[i].col >= t->ncols) {
			return SHMT_E_INVALID;
		}
		const shmt_coldesc *c = &t->cols[vals[i].col];
		if (c->type == SHMT_TYPE_STRING &&
		    (vals[i].v.s.len > c->size || (vals[i].v.s.len > 0 && vals[i].v.s.ptr == NULL))) {
			return SHMT_E_INVALID;
		}
	}
	return SHMT_OK;
}

static void apply_values(const shmt_table *t, unsigned char *row,
                         const shmt_value *vals, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++) {
		const shmt_coldesc *c = &t->cols[vals[i].col];
		if (c->type == SHMT_TYPE_STRING) {
			store_len(row + c->lenoff, c->lenw, vals[i].v.s.len);
			if (vals[i].v.s.len > 0) {
				memcpy(row + c->off, vals[i].v.s.ptr, vals[i].v.s.len);
			}
		} else {
			memcpy(row + c->off, &vals[i].v, 8);
		}
	}
}

/* Compare under the lock: 1 if every expected value equals the stored one. */
static int values_match(const shmt_table *t, const unsigned char *row,
                        const shmt_value *exp, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++) {
		const shmt_coldesc *c = &t->cols[exp[i].col];
		if (c->type == SHMT_TYPE_STRING) {
			uint32_t len = load_len(row + c->lenoff, c->lenw);
			if (len != exp[i].v.s.len ||
			    (len > 0 && memcmp(row + c->off, exp[i].v.s.ptr, len) != 0)) {
				return 0;
			}
		} else if (memcmp(row + c->off, &exp[i].v, 8) != 0) {
			return 0; /* ints and floats alike: bit for bit */
		}
	}
	return 1;
}

/* Insert a new row for a key known to be absent. Stripe lock held. */
static shmt_status insert_locked(shmt_table *t, const keyinfo *ki, const char *key,
                                 size_t klen, const shmt_value *vals, uint32_t n,
                                 uint32_t *idx_out)
{
	shmt_stripe_raw *s = ki->s;
	intent_begin(s, INTENT_INSERT, ki->b, 0);
	STEP(1);
	shmt_status st = s->free_head != 0 ? cache_take(t, s) : alloc_pop(t, s, 1);
	if (st != SHMT_OK) {
		intent_end(s);
		return st;
	}
	uint32_t idx = s->i_new;
	unsigned char *row = row_at(t, idx);
	STEP(2);
	/* The row is private until linked: plain stores are fine. */
	memset(row + 8, 0, t->row_bytes - 8);
	*row_meta(row) = ki->meta;
	memcpy(row + t->key_off, key, klen);
	apply_values(t, row, vals, n);
	shmt_store_relaxed(row_next(t, idx), t->buckets[ki->b]);
	STEP(3);
	seq_begin(s);
	STEP(4);
	shmt_store_release(&t->buckets[ki->b], idx);
	STEP(5);
	seq_end(s);
	stat_inc(&s->inserts);
	STEP(6);
	intent_end(s);
	*idx_out = idx;
	return SHMT_OK;
}

/* Replace row `old` (reached through *link) by a copy with vals applied. */
static shmt_status replace_locked(shmt_table *t, const keyinfo *ki, uint32_t old,
                                  uint32_t *link, const shmt_value *vals, uint32_t n)
{
	shmt_stripe_raw *s = ki->s;
	intent_begin(s, INTENT_REPLACE, ki->b, old);
	STEP(11);
	if (s->spare != 0) {
		if (!valid_idx(t, s->spare)) {
			intent_end(s); /* a damaged shared table: refuse, write nothing */
			return SHMT_E_CORRUPT;
		}
		/* Recovery treats a row named both here and in i_new as one. */
		s->i_new = s->spare;
		shmt_fence_release();
		s->spare = 0;
	} else {
		/* First update in this stripe: take its spare from the pool. */
		shmt_status st = alloc_pop(t, s, 0);
		if (st != SHMT_OK) {
			intent_end(s);
			return st;
		}
	}
	uint32_t idx = s->i_new;
	unsigned char *row = row_at(t, idx);
	STEP(12);
	memcpy(row + 4, row_at(t, old) + 4, t->row_bytes - 4);
	apply_values(t, row, vals, n);
	shmt_store_relaxed(row_next(t, idx), *row_next(t, old));
	STEP(13);
	seq_begin(s);
	STEP(14);
	shmt_store_release(link, idx);
	STEP(15);
	seq_end(s);
	stat_inc(&s->updates);
	STEP(16);
	/* The old version is now unreachable: it becomes the stripe's spare. */
	s->spare = old;
	STEP(17);
	intent_end(s);
	return SHMT_OK;
}

/* Unlink row `old` (reached through *link) and free it. */
static shmt_status delete_locked(shmt_table *t, const keyinfo *ki, uint32_t old,
                                 uint32_t *link)
{
	shmt_stripe_raw *s = ki->s;
	intent_begin(s, INTENT_DELETE, ki->b, old);
	STEP(21);
	seq_begin(s);
	STEP(22);
	shmt_store_release(link, *row_next(t, old));
	STEP(23);
	seq_end(s);
	stat_inc(&s->deletes);
	STEP(24);
	shmt_status st = SHMT_OK;
	if (s->free_n < t->cache_cap && shmt_load_relaxed(&t->a->live) <= t->cache_below) {
		/* Kept by the stripe, still counted live: no allocator lock. */
		shmt_store_release(row_next(t, old), s->free_head);
		STEP(26);
		s->free_n++;
		shmt_fence_release();
		s->free_head = old;
		STEP(27);
	} else {
		st = alloc_push(t, s, 2, 1);
	}
	STEP(25);
	intent_end(s);
	return st;
}

/* Take every stripe lock, in index order (the order shmt_check() uses, so
 * two takers cannot deadlock). On failure none is held and *failed_at
 * names the stripe. */
static shmt_status lock_all(shmt_table *t, uint32_t *failed_at)
{
	for (uint32_t i = 0; i <= t->stripe_mask; i++) {
		shmt_status st = stripe_lock(t, &t->stripes[i].s);
		if (st != SHMT_OK) {
			*failed_at = i;
			while (i > 0) {
				stripe_unlock(&t->stripes[--i].s);
			}
			return st;
		}
	}
	return SHMT_OK;
}

static void unlock_all(shmt_table *t)
{
	for (uint32_t i = t->stripe_mask + 1; i > 0; i--) {
		stripe_unlock(&t->stripes[i - 1].s);
	}
}

/* An insert found the table full while stripes may hold rows (the caller
 * then holds no lock): take every stripe lock, so that no write runs
 * anywhere and every dead writer's stripe is repaired, and hand the kept
 * rows back. The caller runs its write again and unlocks with
 * unlock_all(); its answer is then exact: SHMT_FULL only if the table holds
 * `size` rows. `why` (nothing held) if no stripe holds a row and, for
 * SHMT_FULL, live is still `size` (a delete may have completed since the
 * first answer), so that answer stands. The same for an insert that found
 * no row with storage (`why` SHMT_E_RESERVE, a full file system): rows
 * that stripes keep have storage, and a row handed back is taken before a
 * new one. */
static __attribute__((noinline, cold)) shmt_status lock_all_drained(shmt_table *t,
                                                                   shmt_status why)
{
	if (!rows_held_by_stripes(t) &&
	    (why != SHMT_FULL || shmt_load_relaxed(&t->a->live) >= t->size)) {
		return why;
	}
	uint32_t failed_at;
	shmt_status st = lock_all(t, &failed_at);
	if (st == SHMT_OK) {
		st = drain_caches(t);
		if (st != SHMT_OK) {
			unlock_all(t);
		}
	}
	return st;
}

/* shmt_set() with the key's stripe (at least) locked. */
static inline __attribute__((always_inline)) shmt_status
set_locked(shmt_table *t, const keyinfo *ki, const char *key, size_t klen,
           const shmt_value *vals, uint32_t nvals, shmt_write_mode mode, bool *inserted)
{
	uint32_t idx, *link;
	shmt_status st = find_locked(t, ki, key, klen, &idx, &link);
	if (st == SHMT_OK) {
		st = mode == SHMT_INSERT_ONLY ? SHMT_EXISTS
		                              : replace_locked(t, ki, idx, link, vals, nvals);
	} else if (st == SHMT_NOT_FOUND && mode != SHMT_UPDATE_ONLY) {
		st = insert_locked(t, ki, key, klen, vals, nvals, &idx);
		if (st == SHMT_OK && inserted != NULL) {
			*inserted = true;
		}
	}
	return st;
}

shmt_status shmt_set(shmt_table *t, const char *key, size_t klen,
                     const shmt_value *vals, uint32_t nvals,
                     shmt_write_mode mode, bool *inserted)
{
	keyinfo ki;
	if (inserted != NULL) {
		*inserted = false;
	}
	shmt_status st = key_prepare(t, key, klen, &ki);
	if (st == SHMT_OK) {
		st = check_values(t, vals, nvals);
	}
	if (st != SHMT_OK) {
		return st;
	}
	st = stripe_lock(t, ki.s);
	if (st != SHMT_OK) {
		return st;
	}
	st = set_locked(t, &ki, key, klen, vals, nvals, mode, inserted);
	stripe_unlock(ki.s);
	if ((st == SHMT_FULL || st == SHMT_E_RESERVE) && (st = lock_all_drained(t, st)) == SHMT_OK) {
		st = set_locked(t, &ki, key, klen, vals, nvals, mode, inserted);
		unlock_all(t);
	}
	return st;
}

shmt_status shmt_cmpset(shmt_table *t, const char *key, size_t klen,
                        const shmt_value *expected, uint32_t nexpected,
                        const shmt_value *vals, uint32_t nvals)
{
	keyinfo ki;
	uint32_t idx, *link;
	shmt_status st = key_prepare(t, key, klen, &ki);
	if (st == SHMT_OK) {
		st = check_values(t, expected, nexpected);
	}
	if (st == SHMT_OK) {
		st = check_values(t, vals, nvals);
	}
	if (st != SHMT_OK) {
		return st;
	}
	st = stripe_lock(t, ki.s);
	if (st != SHMT_OK) {
		return st;
	}
	st = find_locked(t, &ki, key, klen, &idx, &link);
	if (st == SHMT_OK) {
		st = values_match(t, row_at(t, idx), expected, nexpected)
		         ? replace_locked(t, &ki, idx, link, vals, nvals)
		         : SHMT_MISMATCH;
	}
	stripe_unlock(ki.s);
	return st;
}

shmt_status shmt_del(shmt_table *t, const char *key, size_t klen,
                     const shmt_value *expected, uint32_t nexpected, void *img)
{
	keyinfo ki;
	uint32_t idx, *link;
	shmt_status st = key_prepare(t, key, klen, &ki);
	if (st == SHMT_OK && expected != NULL) {
		st = check_values(t, expected, nexpected);
	}
	if (st != SHMT_OK) {
		return st;
	}
	st = stripe_lock(t, ki.s);
	if (st != SHMT_OK) {
		return st;
	}
	st = find_locked(t, &ki, key, klen, &idx, &link);
	if (st == SHMT_OK && expected != NULL &&
	    !values_match(t, row_at(t, idx), expected, nexpected)) {
		st = SHMT_MISMATCH;
	}
	if (st == SHMT_OK) {
		if (img != NULL) {
			memcpy(img, row_at(t, idx), t->row_bytes);
		}
		st = delete_locked(t, &ki, idx, link);
	}
	stripe_unlock(ki.s);
	return st;
}

/* Shared part of both increments: find or create the row, then let `op`
 * compute the new 8 bytes, stored in place with one aligned store. */
typedef int (*incr_op)(void *cell_value, const void *by, void *result);

static int op_int(void *cell, const void *by, void *result)
{
	int64_t v, b, r;
	memcpy(&v, cell, 8);
	memcpy(&b, by, 8);
	if (__builtin_add_overflow(v, b, &r)) {
		return 0;
	}
	memcpy(result, &r, 8);
	return 1;
}

static int op_int_sub(void *cell, const void *by, void *result)
{
	int64_t v, b, r;
	memcpy(&v, cell, 8);
	memcpy(&b, by, 8);
	if (__builtin_sub_overflow(v, b, &r)) {
		return 0;
	}
	memcpy(result, &r, 8);
	return 1;
}

static int op_float(void *cell, const void *by, void *result)
{
	double v, b, r;
	memcpy(&v, cell, 8);
	memcpy(&b, by, 8);
	r = v + b;
	memcpy(result, &r, 8);
	return 1;
}

/* incr_common() with the key's stripe (at least) locked. */
static inline __attribute__((always_inline)) shmt_status
incr_locked(shmt_table *t, const keyinfo *ki, const char *key, size_t klen, uint32_t col,
            const void *by, void *result, incr_op op)
{
	uint32_t idx, *link;
	shmt_status st = find_locked(t, ki, key, klen, &idx, &link);
	uint64_t cur = 0, next = 0;
	if (st == SHMT_OK) {
		cur = *(uint64_t *)(row_at(t, idx) + t->cols[col].off);
	}
	/* Refuse an overflow before creating anything (0 - INT64_MIN). */
	if ((st == SHMT_OK || st == SHMT_NOT_FOUND) && !op(&cur, by, &next)) {
		st = SHMT_OVERFLOW;
	}
	if (st == SHMT_NOT_FOUND) {
		/* A new row is published with its value in it: one store. */
		shmt_value v;
		v.col = col;
		memcpy(&v.v, &next, 8);
		st = insert_locked(t, ki, key, klen, &v, 1, &idx);
	} else if (st == SHMT_OK) {
		uint64_t *cell = (uint64_t *)(row_at(t, idx) + t->cols[col].off);
		seq_begin(ki->s);
		STEP(31);
		shmt_store_relaxed(cell, next);
		STEP(32);
		seq_end(ki->s);
		stat_inc(&ki->s->updates);
	}
	if (st == SHMT_OK && result != NULL) {
		memcpy(result, &next, 8);
	}
	return st;
}

static shmt_status incr_common(shmt_table *t, const char *key, size_t klen,
                               uint32_t col, uint32_t type, const void *by,
                               void *result, incr_op op)
{
	keyinfo ki;
	if (col >= t->ncols || t->cols[col].type != type) {
		return SHMT_E_INVALID;
	}
	shmt_status st = key_prepare(t, key, klen, &ki);
	if (st != SHMT_OK) {
		return st;
	}
	st = stripe_lock(t, ki.s);
	if (st != SHMT_OK) {
		return st;
	}
	st = incr_locked(t, &ki, key, klen, col, by, result, op);
	stripe_unlock(ki.s);
	if ((st == SHMT_FULL || st == SHMT_E_RESERVE) && (st = lock_all_drained(t, st)) == SHMT_OK) {
		st = incr_locked(t, &ki, key, klen, col, by, result, op);
		unlock_all(t);
	}
	return st;
}

shmt_status shmt_incr_int(shmt_table *t, const char *key, size_t klen,
                          uint32_t col, int64_t by, int64_t *result)
{
	return incr_common(t, key, klen, col, SHMT_TYPE_INT, &by, result, op_int);
}

shmt_status shmt_decr_int(shmt_table *t, const char *key, size_t klen,
                          uint32_t col, int64_t by, int64_t *result)
{
	return incr_common(t, key, klen, col, SHMT_TYPE_INT, &by, result, op_int_sub);
}

shmt_status shmt_incr_float(shmt_table *t, const char *key, size_t klen,
                            uint32_t col, double by, double *result)
{
	return incr_common(t, key, klen, col, SHMT_TYPE_FLOAT, &by, result, op_float);
}

void shmt_test_seq_advance(shmt_table *t, const char *key, size_t klen, uint64_t writes)
{
	keyinfo ki;
	if (key_prepare(t, key, klen, &ki) != SHMT_OK || stripe_lock(t, ki.s) != SHMT_OK) {
		return;
	}
	shmt_store_release(&ki.s->seq, ki.s->seq + 2 * writes);
	stripe_unlock(ki.s);
}

/* ---------------------------------------------------------------------- */
/* Counting, statistics, iteration                                          */

/* A stripe shows a write in flight (an intent, or seq odd): try its lock
 * without waiting. If the writer died, taking the lock repairs the stripe,
 * which gives back or keeps the row it held and corrects live (and rolls
 * back its half-done pop or push). A live writer holding it finishes by
 * itself; that lock is left alone. */
static __attribute__((noinline, cold)) void settle_dead_writers(shmt_table *t)
{
	for (uint32_t i = 0; i <= t->stripe_mask; i++) {
		shmt_stripe_raw *s = &t->stripes[i].s;
		if (shmt_load_relaxed(&s->i_kind) == INTENT_NONE &&
		    (shmt_load_relaxed(&s->seq) & 1) == 0) {
			continue;
		}
		shmt_lock_result r = shmt_lock_try(&s->lock);
		if (r != SHMT_LOCK_BUSY && stripe_taken(t, s, r) == SHMT_OK) {
			stripe_unlock(s);
		}
	}
}

/* Rows stored: live minus the rows the stripes keep for their next
 * inserts (counted live); *kept gets the latter. A row a dead writer held
 * in flight is not counted: its stripe is repaired first. */
static uint64_t count_rows(shmt_table *t, uint64_t *kept)
{
	for (int pass = 0;; pass++) {
		uint64_t live = shmt_load_relaxed(&t->a->live), n = 0;
		uint64_t busy = 0;
		for (uint32_t i = 0; i <= t->stripe_mask; i++) {
			const shmt_stripe_raw *s = &t->stripes[i].s;
			n += shmt_load_relaxed(&s->free_n);
			busy |= shmt_load_relaxed(&s->i_kind) | (shmt_load_relaxed(&s->seq) & 1);
		}
		if (busy == 0 || pass == 1) {
			*kept = n;
			return live > n ? live - n : 0;
		}
		settle_dead_writers(t);
	}
}

uint64_t shmt_count(shmt_table *t)
{
	uint64_t kept;
	return count_rows(t, &kept);
}

void shmt_get_stats(shmt_table *t, shmt_stats *st)
{
	memset(st, 0, sizeof(*st));
	st->rows = count_rows(t, &st->kept_rows);
	st->size = t->size;
	st->memory_size = t->map_bytes;
	for (uint32_t i = 0; i <= t->stripe_mask; i++) {
		shmt_stripe_raw *s = &t->stripes[i].s;
		st->insert_count += shmt_load_relaxed(&s->inserts);
		st->update_count += shmt_load_relaxed(&s->updates);
		st->delete_count += shmt_load_relaxed(&s->deletes);
	}
	st->lock_recoveries = shmt_load_relaxed(&t->a->recoveries);
	/* A racy walk is fine for a statistic; it is bounded and checked. */
	uint64_t max_chain = 0;
	for (uint32_t b = 0; b < t->nbuckets; b++) {
		uint32_t cur = shmt_load_acquire(&t->buckets[b]);
		uint64_t len = 0;
		while (cur != 0 && valid_idx(t, cur) && len <= t->total_rows) {
			len++;
			cur = shmt_load_acquire(row_next(t, cur));
		}
		if (len > max_chain) {
			max_chain = len;
		}
	}
	st->max_chain = max_chain;
	st->key_max_length = t->key_max;
	st->row_bytes = (uint64_t)t->row_bytes + sizeof(uint32_t);
	st->buckets = t->nbuckets;
	st->stripes = (uint64_t)t->stripe_mask + 1;
	st->spare_rows = t->total_rows - t->size;
	st->read_retries = shmt_load_relaxed(&t->read_retries);
}

uint32_t shmt_next_bucket(shmt_table *t, uint32_t from)
{
	for (uint32_t b = from; b < t->nbuckets; b++) {
		if (shmt_load_relaxed(&t->buckets[b]) != 0) {
			return b;
		}
	}
	return t->nbuckets;
}

/* Copy the chain of bucket b into buf; *count gets the number of rows on
 * it (possibly more than fit). Caller validates (seq) or holds the lock. */
static int copy_chain(shmt_table *t, uint32_t b, unsigned char *buf, size_t cap,
                      uint32_t *count)
{
	uint32_t cur = shmt_load_acquire(&t->buckets[b]);
	uint32_t n = 0;
	while (cur != 0) {
		if (!valid_idx(t, cur) || n > t->total_rows) {
			return 0;
		}
		if ((size_t)(n + 1) * t->row_bytes <= cap) {
			memcpy(buf + (size_t)n * t->row_bytes, row_at(t, cur), t->row_bytes);
		}
		n++;
		cur = shmt_load_acquire(row_next(t, cur));
	}
	*count = n;
	return 1;
}

/* One bucket's chain as one consistent snapshot (the read protocol: seq,
 * copy, recheck, retry; the lock after too many tries). *n gets the rows
 * on the chain, whether or not they fitted in cap. */
static shmt_status snapshot_one(shmt_table *t, uint32_t bucket, unsigned char *buf,
                                size_t cap, uint32_t *n)
{
	shmt_stripe_raw *s = stripe_of(t, bucket);
	for (int attempt = 0; attempt < SHMT_MAX_RETRIES; attempt++) {
		uint64_t s1 = shmt_load_acquire(&s->seq);
		for (int spin = 0; (s1 & 1) && spin < SHMT_SPIN_ODD; spin++) {
			shmt_cpu_relax();
			s1 = shmt_load_acquire(&s->seq);
		}
		if (s1 & 1) {
			break;
		}
		int walked = copy_chain(t, bucket, buf, cap, n);
		shmt_fence_acquire();
		if (walked && shmt_load_relaxed(&s->seq) == s1) {
			return SHMT_OK;
		}
		shmt_add_relaxed(&t->read_retries, 1);
	}
	shmt_status st = stripe_lock(t, s);
	if (st != SHMT_OK) {
		return st;
	}
	int ok = copy_chain(t, bucket, buf, cap, n);
	stripe_unlock(s);
	return ok ? SHMT_OK : SHMT_E_CORRUPT;
}

shmt_status shmt_snapshot_bucket(shmt_table *t, uint32_t bucket, void *buf,
                                 size_t cap, uint32_t *nrows, size_t *need)
{
	uint32_t n = 0;
	*nrows = 0;
	if (need != NULL) {
		*need = 0;
	}
	if (bucket >= t->nbuckets) {
		return SHMT_E_INVALID;
	}
	shmt_status st = snapshot_one(t, bucket, buf, cap, &n);
	if (st != SHMT_OK) {
		return st;
	}
	if ((size_t)n * t->row_bytes > cap) {
		if (need != NULL) {
			*need = (size_t)n * t->row_bytes;
		}
		return SHMT_E_BUFFER;
	}
	*nrows = n;
	return SHMT_OK;
}

/* How many buckets ahead the batch prefetches the first row of a chain:
 * rows sit in the pool in allocation order, not bucket order, so each one
 * is a cache miss that is better started early. */
#define SHMT_PREFETCH_AHEAD 8u

/* Prefetch the cache lines of the row a bucket head names (at most the
 * first four: the copy of a longer row streams on its own). The index is
 * only a hint and is range-checked; a prefetch never faults. */
static inline void prefetch_head(const shmt_table *t, uint32_t b)
{
	uint32_t h = shmt_load_relaxed(&t->buckets[b]);
	if (h != 0 && valid_idx(t, h)) {
		const unsigned char *r = row_at(t, h);
		uint32_t span = t->row_bytes < 4 * SHMT_CACHELINE ? t->row_bytes : 4 * SHMT_CACHELINE;
		for (uint32_t o = 0; o < span; o += SHMT_CACHELINE) {
			__builtin_prefetch(r + o);
		}
		__builtin_prefetch(r + span - 1);
	}
}

shmt_status shmt_snapshot_buckets(shmt_table *t, uint32_t from, void *buf, size_t cap,
                                  uint32_t *nrows, uint32_t *next, size_t *need)
{
	unsigned char *out = buf;
	size_t used = 0;
	uint32_t total = 0, b = from;
	*nrows = 0;
	if (need != NULL) {
		*need = 0;
	}
	for (uint32_t p = from; p < from + SHMT_PREFETCH_AHEAD && p < t->nbuckets; p++) {
		prefetch_head(t, p);
	}
	for (; b < t->nbuckets; b++) {
		if (b + SHMT_PREFETCH_AHEAD < t->nbuckets) {
			prefetch_head(t, b + SHMT_PREFETCH_AHEAD);
		}
		/* A hint, as in shmt_next_bucket(): a bucket that holds a row
		 * for the whole pass never reads as empty. */
		if (shmt_load_relaxed(&t->buckets[b]) == 0) {
			continue;
		}
		uint32_t n = 0;
		shmt_status st = snapshot_one(t, b, out + used, cap - used, &n);
		if (st != SHMT_OK) {
			return st;
		}
		size_t bytes = (size_t)n * t->row_bytes;
		if (bytes > cap - used) {
			if (total == 0) {
				/* Not even this one chain fits: say how much it needs. */
				if (need != NULL) {
					*need = bytes;
				}
				*next = b;
				return SHMT_E_BUFFER;
			}
			break; /* b is taken again by the next call */
		}
		used += bytes;
		total += n;
		if (cap - used < t->row_bytes) {
			b++;
			break;
		}
	}
	*nrows = total;
	*next = b;
	return SHMT_OK;
}

/* ---------------------------------------------------------------------- */
/* Invariant check                                                          */

#define FAIL(...)                                   \
	do {                                            \
		snprintf(msg, msglen, __VA_ARGS__);         \
		st = SHMT_E_CORRUPT;                        \
		goto out;                                   \
	} while (0)

shmt_status shmt_check(shmt_table *t, char *msg, size_t msglen)
{
	shmt_status st = SHMT_OK;
	uint32_t nstripes = t->stripe_mask + 1;
	int stripes_held = 0, alloc_held = 0;
	unsigned char *mark = NULL;
	char dummy[1];
	if (msg == NULL || msglen == 0) {
		msg = dummy;
		msglen = sizeof(dummy);
	}
	msg[0] = '\0';

	uint32_t failed_at = 0;
	st = lock_all(t, &failed_at);
	if (st != SHMT_OK) {
		FAIL("stripe %u: lock unusable", failed_at);
	}
	stripes_held = 1;
	st = alloc_lock(t);
	if (st != SHMT_OK) {
		FAIL("allocator lock unusable");
	}
	alloc_held = 1;

	mark = calloc((size_t)t->total_rows + 1, 1);
	if (mark == NULL) {
		FAIL("out of memory for the check");
	}
	shmt_alloc *a = t->a;
	if (a->j_active) {
		FAIL("allocator journal left active");
	}
	if (a->next_unused < 1 || a->next_unused > t->total_rows + 1) {
		FAIL("next_unused %u out of range", a->next_unused);
	}
	/* Storage is reserved for everything that may be touched (the header,
	 * the bucket index, every row ever handed out) and for no more than
	 * the mapping. Checked before any row is read: for a named or file
	 * table, a row without storage would be SIGBUS on a full tmpfs. */
	uint64_t in_use = t->rows_off + (uint64_t)(a->next_unused - 1) * t->row_bytes;
	if (a->reserved > t->map_bytes || a->reserved < in_use) {
		FAIL("storage reserved for %llu bytes, but %llu are in use (mapping %llu)",
		     (unsigned long long)a->reserved, (unsigned long long)in_use,
		     (unsigned long long)t->map_bytes);
	}
	for (uint32_t i = 0; i < nstripes; i++) {
		shmt_stripe_raw *s = &t->stripes[i].s;
		if (s->seq & 1) {
			FAIL("stripe %u: sequence counter odd with no writer", i);
		}
		if (s->i_kind != INTENT_NONE || s->i_new != 0 || s->i_old != 0) {
			FAIL("stripe %u: intent slot not empty (kind %u new %u old %u)", i,
			     s->i_kind, s->i_new, s->i_old);
		}
		if (s->spare != 0) {
			if (!valid_idx(t, s->spare) || s->spare >= a->next_unused) {
				FAIL("stripe %u: spare row %u out of range", i, s->spare);
			}
			if (mark[s->spare]) {
				FAIL("row %u is the spare of two stripes", s->spare);
			}
			mark[s->spare] = 3;
		}
	}
	uint64_t in_chains = 0;
	for (uint32_t b = 0; b < t->nbuckets; b++) {
		uint32_t cur = t->buckets[b];
		while (cur != 0) {
			if (!valid_idx(t, cur) || cur >= a->next_unused) {
				FAIL("bucket %u: row index %u out of range", b, cur);
			}
			if (mark[cur]) {
				FAIL("row %u reached twice or also a spare (bucket %u)", cur, b);
			}
			mark[cur] = 1;
			in_chains++;
			unsigned char *row = row_at(t, cur);
			uint32_t meta = *row_meta(row);
			uint32_t klen = meta & ((1u << SHMT_KEYLEN_BITS) - 1);
			if (klen < 1 || klen > t->key_max) {
				FAIL("row %u: key length %u", cur, klen);
			}
			uint64_t h = shmt_siphash13(t->seed, row + t->key_off, klen);
			if (bucket_of_hash(t, h) != b || make_meta(h, klen) != meta) {
				FAIL("row %u: key hashes to another bucket than %u", cur, b);
			}
			for (uint32_t c = 0; c < t->ncols; c++) {
				const shmt_coldesc *d = &t->cols[c];
				if (d->type == SHMT_TYPE_STRING &&
				    load_len(row + d->lenoff, d->lenw) > d->size) {
					FAIL("row %u: column %s longer than %u", cur, d->name, d->size);
				}
			}
			cur = *row_next(t, cur);
		}
	}
	uint32_t cur = a->free_head;
	while (cur != 0) {
		if (!valid_idx(t, cur) || cur >= a->next_unused) {
			FAIL("free list: row index %u out of range", cur);
		}
		if (mark[cur]) {
			FAIL("row %u both free and %s", cur,
			     mark[cur] == 1 ? "in a chain" : mark[cur] == 2 ? "free twice" : "a spare");
		}
		mark[cur] = 2;
		cur = *row_next(t, cur);
	}
	uint64_t kept = 0;
	for (uint32_t i = 0; i < nstripes; i++) {
		shmt_stripe_raw *s = &t->stripes[i].s;
		uint32_t n = 0;
		for (cur = s->free_head; cur != 0; cur = *row_next(t, cur)) {
			if (!valid_idx(t, cur) || cur >= a->next_unused) {
				FAIL("stripe %u: kept row index %u out of range", i, cur);
			}
			if (mark[cur]) {
				FAIL("row %u kept by stripe %u and also in another place", cur, i);
			}
			if (++n > t->cache_cap) {
				FAIL("stripe %u keeps more than %u rows", i, t->cache_cap);
			}
			mark[cur] = 4;
		}
		if (n != s->free_n) {
			FAIL("stripe %u keeps %u rows but counts %u", i, n, s->free_n);
		}
		kept += n;
	}
	for (uint32_t i = 1; i < a->next_unused; i++) {
		if (!mark[i]) {
			FAIL("row %u leaked: in no chain, not free, not a spare, not kept", i);
		}
	}
	if (in_chains + kept != a->live) {
		FAIL("count %u differs from %llu rows in chains and %llu kept by stripes",
		     a->live, (unsigned long long)in_chains, (unsigned long long)kept);
	}
	if (a->live > t->size) {
		FAIL("count %u above capacity %u", a->live, t->size);
	}

out:
	free(mark);
	if (alloc_held) {
		alloc_unlock(t);
	}
	if (stripes_held) {
		unlock_all(t);
	}
	return st;
}

/* Every index, count and kind the allocator and the stripes hold, against
 * the table's bounds, without a lock and without writing: each of these
 * words is stored whole (aligned 32 bits) and only ever with a value in
 * range, so a healthy table passes even while it is written, and one whose
 * shared state was overwritten (a damaged or edited file) is refused
 * before any of it is used. Bucket heads, row links and lengths are not
 * scanned here (that would read the whole table): every use of them is
 * bounds-checked instead. 1 with why written if a word is out of range. */
static int shared_fields_bad(const shmt_table *t, char *why, size_t len)
{
	const shmt_alloc *a = t->a;
#define IDX_OK(v) ((v) == 0 || valid_idx(t, (v)))
	uint32_t next_unused = shmt_load_relaxed(&a->next_unused);
	uint32_t free_head = shmt_load_relaxed(&a->free_head);
	uint32_t live = shmt_load_relaxed(&a->live);
	uint32_t j_active = shmt_load_acquire(&a->j_active);
	if (next_unused < 1 || next_unused > t->total_rows + 1) {
		snprintf(why, len, "allocator: next unused row %u, outside 1..%u", next_unused,
		         t->total_rows + 1);
		return 1;
	}
	if (!IDX_OK(free_head)) {
		snprintf(why, len, "allocator: first free row %u, outside 1..%u", free_head,
		         t->total_rows);
		return 1;
	}
	if (live > t->size) {
		snprintf(why, len, "allocator: %u rows counted, more than its size %u", live, t->size);
		return 1;
	}
	uint64_t reserved = shmt_load_relaxed(&a->reserved);
	if (reserved > t->map_bytes) {
		snprintf(why, len, "allocator: %llu bytes reserved, more than the table's %llu",
		         (unsigned long long)reserved, (unsigned long long)t->map_bytes);
		return 1;
	}
	if (j_active > 1) {
		snprintf(why, len, "allocator: journal flag %u", j_active);
		return 1;
	}
	if (j_active == 1) {
		uint32_t jn = shmt_load_relaxed(&a->j_next_unused);
		uint32_t js = shmt_load_relaxed(&a->j_stripe);
		uint32_t jw = shmt_load_relaxed(&a->j_which);
		if (jn < 1 || jn > t->total_rows + 1 || !IDX_OK(shmt_load_relaxed(&a->j_free_head)) ||
		    shmt_load_relaxed(&a->j_live) > t->size || js > t->stripe_mask ||
		    (jw != 1 && jw != 2) || !IDX_OK(shmt_load_relaxed(&a->j_slot))) {
			snprintf(why, len, "allocator: journal out of range");
			return 1;
		}
	}
	for (uint32_t i = 0; i <= t->stripe_mask; i++) {
		const shmt_stripe_raw *s = &t->stripes[i].s;
		/* Acquire: the bucket of the write this kind announces is seen. */
		uint32_t kind = shmt_load_acquire(&s->i_kind);
		uint32_t b = shmt_load_relaxed(&s->i_bucket);
		uint32_t i_new = shmt_load_relaxed(&s->i_new);
		uint32_t i_old = shmt_load_relaxed(&s->i_old);
		uint32_t spare = shmt_load_relaxed(&s->spare);
		uint32_t kept = shmt_load_relaxed(&s->free_head);
		uint32_t kept_n = shmt_load_relaxed(&s->free_n);
		const char *bad = NULL;
		uint32_t v = 0;
		if (kind > INTENT_DELETE) {
			bad = "intent kind", v = kind;
		} else if (b >= t->nbuckets ||
		           (kind != INTENT_NONE && (b & t->stripe_mask) != i)) {
			bad = "intent bucket", v = b;
		} else if (!IDX_OK(i_new)) {
			bad = "intent's new row", v = i_new;
		} else if (!IDX_OK(i_old)) {
			bad = "intent's old row", v = i_old;
		} else if (!IDX_OK(spare)) {
			bad = "spare row", v = spare;
		} else if (!IDX_OK(kept)) {
			bad = "first kept row", v = kept;
		} else if (kept_n > t->cache_cap) {
			bad = "count of kept rows", v = kept_n;
		}
		if (bad != NULL) {
			snprintf(why, len, "stripe %u: %s %u out of range", i, bad, v);
			return 1;
		}
	}
#undef IDX_OK
	return 0;
}

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

static const char *type_name(uint32_t type)
{
	switch (type) {
	case SHMT_TYPE_INT: return "TYPE_INT";
	case SHMT_TYPE_FLOAT: return "TYPE_FLOAT";
	case SHMT_TYPE_STRING: return "TYPE_STRING";
	}
	return "an unknown type";
}

/* What the messages call the table: "table 'x'" or "table file '/p'". */
typedef struct {
	char os_name[sizeof(SHMT_SHM_PREFIX) + SHMT_MAX_NAME];
	const char *target;   /* os_name or the path */
	int is_shm;
	char label[64 + 4096];
	char where[32 + 4096]; /* the file as a user finds it */
	char label_where[128 + 8192]; /* label, and where when it adds something */
} open_ctx;

/* The names the messages give a table, from its name or path. */
static void ctx_init(open_ctx *c, const char *name, const char *path)
{
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

/* Check a stored header (hdr, hdr_len bytes read from the object of
 * obj_size bytes) field by field before anything else looks at it, lay
 * the stored definition out again and require every stored size and
 * offset to be the recomputed one. On success L and desc (SHMT_MAX_COLUMNS
 * entries) describe the table. */
static shmt_status validate_header(const open_ctx *c, const unsigned char *hdr,
                                   size_t hdr_len, uint64_t obj_size, shmt_layout *L,
                                   shmt_coldesc *desc, char *msg, size_t msglen)
{
#define BAD(...)                                                       \
	do {                                                               \
		char why_[256];                                                \
		snprintf(why_, sizeof(why_), __VA_ARGS__);                     \
		snprintf(msg, msglen, "%s is not a valid table: %s", c->label, why_); \
		return SHMT_E_CORRUPT;                                         \
	} while (0)
	shmt_header h;
	if (hdr_len < sizeof(h)) {
		BAD("%llu bytes, shorter than a header", (unsigned long long)obj_size);
	}
	memcpy(&h, hdr, sizeof(h));
	if (memcmp(h.magic, SHMT_MAGIC, 8) != 0) {
		BAD("bad magic (not a shmtable file)");
	}
	if (h.layout_version != SHMT_LAYOUT_VERSION) {
		BAD("layout version %u, this build reads version %u", h.layout_version,
		    SHMT_LAYOUT_VERSION);
	}
	if (h.ncols < 1 || h.ncols > SHMT_MAX_COLUMNS) {
		BAD("%u columns (1..%u allowed)", h.ncols, SHMT_MAX_COLUMNS);
	}
	if (hdr_len < sizeof(h) + (size_t)h.ncols * sizeof(shmt_coldesc)) {
		BAD("truncated in its column list (%llu bytes)", (unsigned long long)obj_size);
	}
	shmt_coldef *defs = calloc(h.ncols, sizeof(*defs));
	if (defs == NULL) {
		snprintf(msg, msglen, "out of memory while opening %s", c->label);
		return SHMT_E_NOMEM;
	}
	const unsigned char *cp = hdr + sizeof(h);
	shmt_status st = SHMT_OK;
	for (uint32_t i = 0; i < h.ncols && st == SHMT_OK; i++) {
		shmt_coldesc d;
		memcpy(&d, cp + (size_t)i * sizeof(d), sizeof(d));
		if (d.name_len < 1 || d.name_len > SHMT_MAX_COL_NAME ||
		    memchr(d.name, '\0', d.name_len) != NULL || d.name[d.name_len] != '\0') {
			snprintf(msg, msglen, "%s is not a valid table: column %u has a bad name",
			         c->label, i + 1);
			st = SHMT_E_CORRUPT;
		} else if (d.type != SHMT_TYPE_INT && d.type != SHMT_TYPE_FLOAT &&
		           d.type != SHMT_TYPE_STRING) {
			snprintf(msg, msglen, "%s is not a valid table: column '%s' has type %u",
			         c->label, d.name, d.type);
			st = SHMT_E_CORRUPT;
		} else if (d.type == SHMT_TYPE_STRING
		               ? d.size < 1 || d.size > SHMT_MAX_STRING
		               : d.size != 8) {
			snprintf(msg, msglen, "%s is not a valid table: column '%s' has size %u",
			         c->label, d.name, d.size);
			st = SHMT_E_CORRUPT;
		} else {
			memcpy(defs[i].name, d.name, d.name_len);
			defs[i].name_len = d.name_len;
			defs[i].type = d.type;
			defs[i].size = d.type == SHMT_TYPE_STRING ? d.size : 0;
		}
	}
	if (st != SHMT_OK) {
		free(defs);
		return st;
	}
	uint64_t asked;
	int bad;
	st = layout_compute(h.size, h.key_max, defs, h.ncols, desc, L, &asked, &bad);
	free(defs);
	if (st != SHMT_OK) {
		if (bad == 1) {
			BAD("size %u out of range", h.size);
		} else if (bad == 2) {
			BAD("key length %u out of range", h.key_max);
		} else if (bad == 3) {
			BAD("invalid column list (duplicate names or too large rows)");
		}
		BAD("it would map more than %llu bytes", (unsigned long long)SIZE_MAX);
	}
#define SAME(field, want)                                                  \
	do {                                                                   \
		if ((uint64_t)(h.field) != (uint64_t)(want)) {                     \
			BAD("%s is %llu, the layout says %llu", #field,                \
			    (unsigned long long)(h.field), (unsigned long long)(want)); \
		}                                                                  \
	} while (0)
	SAME(header_bytes, L->header_bytes);
	SAME(map_bytes, L->map_bytes);
	SAME(spares, L->nstripes);
	SAME(total_rows, L->total_rows);
	SAME(nbuckets, L->nbuckets);
	SAME(nstripes, L->nstripes);
	SAME(row_bytes, L->row_bytes);
	SAME(key_off, L->key_off);
	SAME(alloc_off, L->alloc_off);
	SAME(stripes_off, L->stripes_off);
	SAME(buckets_off, L->buckets_off);
	SAME(rows_off, L->rows_off);
	for (uint32_t i = 0; i < h.ncols; i++) {
		shmt_coldesc d;
		memcpy(&d, cp + (size_t)i * sizeof(d), sizeof(d));
		if (d.off != desc[i].off || d.lenoff != desc[i].lenoff || d.lenw != desc[i].lenw) {
			BAD("column '%s' is not where the layout puts it", desc[i].name);
		}
	}
#undef SAME
	if (obj_size < L->map_bytes) {
		BAD("%llu bytes, the layout needs %llu (truncated)",
		    (unsigned long long)obj_size, (unsigned long long)L->map_bytes);
	}
#undef BAD
	return SHMT_OK;
}

/* The first difference between the stored definition and the requested
 * one, as "what is X there, Y here", or 0 if they are the same. */
static int definition_differs(const shmt_layout *L, const shmt_coldesc *have,
                              const shmt_open_args *a, char *why, size_t len)
{
	if (L->size != a->size) {
		snprintf(why, len, "size is %u there, %u here", L->size, a->size);
		return 1;
	}
	if (L->key_max != a->key_max) {
		snprintf(why, len, "maxKeyLength is %u there, %u here", L->key_max, a->key_max);
		return 1;
	}
	for (uint32_t i = 0; i < L->ncols && i < a->ncols; i++) {
		const shmt_coldesc *d = &have[i];
		const shmt_coldef *w = &a->cols[i];
		if (d->name_len != w->name_len || memcmp(d->name, w->name, w->name_len) != 0) {
			for (uint32_t j = 0; j < L->ncols; j++) {
				if (have[j].name_len == w->name_len &&
				    memcmp(have[j].name, w->name, w->name_len) == 0) {
					snprintf(why, len, "column '%.*s' is column %u there, %u here",
					         (int)w->name_len, w->name, j + 1, i + 1);
					return 1;
				}
			}
			snprintf(why, len, "column %u is '%s' there, '%.*s' here", i + 1, d->name,
			         (int)w->name_len, w->name);
			return 1;
		}
		if (d->type != w->type) {
			snprintf(why, len, "column '%s' is %s there, %s here", d->name,
			         type_name(d->type), type_name(w->type));
			return 1;
		}
		if (d->type == SHMT_TYPE_STRING && d->size != w->size) {
			snprintf(why, len, "column '%s' holds %u bytes there, %u here", d->name,
			         d->size, w->size);
			return 1;
		}
	}
	if (L->ncols != a->ncols) {
		snprintf(why, len, "it has %u column%s there, %u here", L->ncols,
		         L->ncols == 1 ? "" : "s", a->ncols);
		return 1;
	}
	return 0;
}

/* Nobody maps the table: every lock image in it is meaningless (its owner
 * is gone, perhaps with the machine). Reset them, then complete or roll
 * back what the dead writers left, as lock recovery does, and (with
 * `check`) check all. The shared fields are bounds-checked first, so the
 * repair never follows an index out of the table. */
static shmt_status reopen_repair(shmt_table *t, const open_ctx *c, int check, char *msg,
                                 size_t msglen)
{
	char why[256];
	if (shared_fields_bad(t, why, sizeof(why))) {
		snprintf(msg, msglen, "%s is damaged beyond repair: %s", c->label_where, why);
		return SHMT_E_CORRUPT;
	}
	if (shmt_lock_init(&t->a->lock) != 0) {
		snprintf(msg, msglen, "cannot initialise the locks of %s", c->label);
		return SHMT_E_SYSTEM;
	}
	for (uint32_t i = 0; i <= t->stripe_mask; i++) {
		if (shmt_lock_init(&t->stripes[i].s.lock) != 0) {
			snprintf(msg, msglen, "cannot initialise the locks of %s", c->label);
			return SHMT_E_SYSTEM;
		}
	}
	if (t->a->j_active) {
		recover_alloc(t);
	}
	for (uint32_t i = 0; i <= t->stripe_mask; i++) {
		shmt_stripe_raw *s = &t->stripes[i].s;
		if (s->i_kind != INTENT_NONE || s->i_new != 0 || s->i_old != 0 || (s->seq & 1)) {
			shmt_status st = recover_stripe(t, s);
			if (st != SHMT_OK) {
				snprintf(msg, msglen, "%s is damaged beyond repair: stripe %u cannot be "
				         "repaired", c->label_where, i);
				return st;
			}
		}
	}
	if (check && shmt_check(t, why, sizeof(why)) != SHMT_OK) {
		snprintf(msg, msglen, "%s is damaged beyond repair: %s", c->label_where, why);
		return SHMT_E_CORRUPT;
	}
	return SHMT_OK;
}

static shmt_status sys_error(const open_ctx *c, const char *what, int err, char *msg,
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

static shmt_status out_of_memory(char *msg, size_t msglen)
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
static shmt_status access_check(const open_ctx *c, const shmt_os_stat *sb, int create,
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
		         "since someone it was not meant for may have read or changed its rows; "
		         "narrow it (chmod %04o) or ask for mode %04o", c->label_where,
		         (unsigned)sb->perm, asked, asked, (unsigned)sb->perm);
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
	         "this process: refused, since its owner can read and change every row. Remove it "
	         "if you did not make it, or open it as its owner; another user's table is used "
	         "only when shared through a group of this process and with no one else (mode "
	         "0660 or narrower%s)", c->label_where, owner, group, (unsigned)sb->perm, mine,
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
	STEP(51);
	rc = shmt_os_truncate(fd, W->map_bytes);
	if (rc != 0) {
		*bytes_asked = W->map_bytes;
		st = sys_error(c, "size", rc, msg, msglen);
		goto fail;
	}
	STEP(52);
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
	STEP(53);
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

/* One try of shmt_open() (which owns c, hdr, desc and want). *again: the
 * object was empty and young, attach() should wait and try once more. */
static shmt_status open_once(open_ctx *c, const shmt_open_args *a, const shmt_layout *W,
                             const shmt_coldesc *want, shmt_coldesc *desc, unsigned char *hdr,
                             int64_t deadline, int *again, shmt_table **out,
                             uint64_t *bytes_asked, char *msg, size_t msglen)
{
	shmt_table *t = NULL;
	unsigned char *base = NULL;
	size_t map_len = 0;
	int fd = -1, created = 0;
	shmt_status st = SHMT_OK;
	shmt_layout L;
	shmt_os_stat sb;
	*again = 0;

	int rc = shmt_os_open(c->target, c->is_shm, a->create, a->mode, &fd, &created);
	if (rc == ENOENT && !a->create) {
		snprintf(msg, msglen, c->is_shm ? "no table named '%s'" : "no table file '%s'",
		         c->is_shm ? a->name : a->path);
		st = SHMT_E_NOENT;
		goto out;
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
		st = SHMT_E_SYSTEM;
		goto out;
	}
	if (rc == SHMT_OS_ECHURN) {
		snprintf(msg, msglen, "cannot open %s: it was removed and created again by another "
		         "process each of the %d times this one tried", c->label_where,
		         SHMT_OS_OPEN_TRIES);
		st = SHMT_E_SYSTEM;
		goto out;
	}
	if (rc != 0) {
		st = sys_error(c, "open", rc, msg, msglen);
		goto out;
	}
	if (created) {
		STEP(50); /* made, empty, not yet locked */
	}
	/* Who owns it and how it may be used, before anything else: no lock
	 * of a planted object can make this process wait. An object this call
	 * made (O_EXCL) is its own, whatever the file system says. */
	rc = shmt_os_fstat(fd, &sb);
	if (rc != 0) {
		st = sys_error(c, "inspect", rc, msg, msglen);
		goto out;
	}
	if (!sb.is_regular) {
		snprintf(msg, msglen, "%s is not a regular file", c->label_where);
		st = SHMT_E_SYSTEM;
		goto out;
	}
	if (!created) {
		st = access_check(c, &sb, a->create, a->mode, msg, msglen);
		if (st != SHMT_OK) {
			goto out;
		}
	}
	rc = shmt_os_lock_opening(fd);
	if (rc != 0) {
		st = sys_error(c, "lock", rc, msg, msglen);
		goto out;
	}
	rc = shmt_os_try_sole_user(fd);
	if (rc != 0 && rc != EAGAIN) {
		st = sys_error(c, "lock", rc, msg, msglen);
		goto out;
	}
	int sole = rc == 0;
	uint64_t pidns = shmt_os_pidns();
	rc = shmt_os_fstat(fd, &sb); /* its size now that openers wait for us */
	if (rc != 0) {
		st = sys_error(c, "inspect", rc, msg, msglen);
		goto out;
	}

	/* The header as stored, read with pread and checked here, privately:
	 * the mapping is made only once the header is known to be sound. */
	size_t hdr_cap = sizeof(shmt_header) + SHMT_MAX_COLUMNS * sizeof(shmt_coldesc);
	size_t hdr_len = sb.size < hdr_cap ? (size_t)sb.size : hdr_cap;
	memset(hdr, 0, hdr_cap);
	if (hdr_len > 0 && (rc = shmt_os_read_at(fd, hdr, hdr_len, 0)) != 0) {
		st = sys_error(c, "read", rc, msg, msglen);
		goto out;
	}
	shmt_header stored;
	memcpy(&stored, hdr, sizeof(stored));
	/* Empty: made by a creator that has not locked it yet, or that died
	 * before it wrote anything. Marked: its creator died while filling it
	 * in (a live creator holds byte 0 all along, so we would not be here).
	 * Neither holds a row, so create() makes its table there; nothing else
	 * is ever written over. */
	int empty = sb.size == 0;
	int marked = hdr_len >= sizeof(stored) && memcmp(stored.magic, SHMT_MAGIC, 8) == 0 &&
	             stored.layout_version == SHMT_LAYOUT_VERSION &&
	             stored.ready == SHMT_READY_INIT;
	if (empty || marked) {
		if (!sole) {
			snprintf(msg, msglen, "%s is mapped by a process but has no table in it",
			         c->label_where);
			st = SHMT_E_CORRUPT;
			goto out;
		}
		if (a->create) {
			st = create_in(c, fd, W, want, pidns, &t, &base, &map_len, bytes_asked, msg,
			               msglen);
			if (st != SHMT_OK) {
				goto out;
			}
		} else if (marked) {
			snprintf(msg, msglen, "%s was never completely created: the process creating it "
			         "died before it finished, and no process maps it (it holds no row); "
			         "create() it to make the table again, or remove it", c->label_where);
			st = SHMT_E_NOENT;
			goto out;
		} else {
			int64_t age_ms = (shmt_os_realtime_ns() - sb.ctime_ns) / 1000000;
			if ((age_ms < 0 || age_ms < SHMT_OPEN_WAIT_MS) &&
			    shmt_os_monotonic_ns() < deadline) {
				*again = 1; /* its creator will lock it in a moment */
				goto out;
			}
			if (age_ms < SHMT_OPEN_WAIT_MS) {
				age_ms = SHMT_OPEN_WAIT_MS;
			}
			snprintf(msg, msglen, "%s was never completely created: it has been empty for "
			         "%lld s and no process maps it (the process creating it stopped before "
			         "it wrote anything); create() it to make the table in it, or remove it",
			         c->label_where, (long long)(age_ms / 1000));
			st = SHMT_E_NOENT;
			goto out;
		}
	} else {
		st = validate_header(c, hdr, hdr_len, sb.size, &L, desc, msg, msglen);
		if (st != SHMT_OK) {
			goto out;
		}
		if (stored.ready != SHMT_READY_DONE) {
			snprintf(msg, msglen, "%s is not a valid table: its 'ready' word is %u, neither "
			         "complete (1) nor being created; it is left as it is: remove it if it "
			         "holds nothing you need", c->label, stored.ready);
			st = SHMT_E_CORRUPT;
			goto out;
		}
		char why[256];
		if (a->create && definition_differs(&L, desc, a, why, sizeof(why))) {
			snprintf(msg, msglen, "%s exists with another definition: %s", c->label, why);
			st = SHMT_E_DEFINITION;
			goto out;
		}
		if (sole) {
			/* Repair and check a private copy first: only a table that
			 * passes is repaired in place, so a refused file is left
			 * exactly as it was. The same steps on the same bytes (nobody
			 * else can change them now) then repair the object. */
			unsigned char *trial = shmt_os_map_fd_private(fd, (size_t)L.map_bytes);
			if (trial == NULL) {
				*bytes_asked = L.map_bytes;
				st = sys_error(c, "map", errno, msg, msglen);
				goto out;
			}
			shmt_table *tt = handle_new(trial, (size_t)L.map_bytes, &L, desc, stored.seed);
			/* Storage first: on a full file system even a read of a
			 * page without storage is SIGBUS, private mapping or not. */
			st = tt == NULL ? out_of_memory(msg, msglen) : reserve_in_use(tt, c, fd, msg, msglen);
			if (st == SHMT_OK) {
				st = reopen_repair(tt, c, 1, msg, msglen);
			}
			free(tt);
			shmt_unmap(trial, (size_t)L.map_bytes);
			if (st != SHMT_OK) {
				goto out;
			}
		}
		st = map_object(c, fd, L.map_bytes, &base, &map_len, bytes_asked, msg, msglen);
		if (st != SHMT_OK) {
			goto out;
		}
		t = handle_new(base, map_len, &L, desc, stored.seed);
		if (t == NULL) {
			st = out_of_memory(msg, msglen);
			goto out;
		}
		t->opened = SHMT_OPENED_ATTACHED;
		if (sole) {
			st = reserve_in_use(t, c, fd, msg, msglen);
			if (st == SHMT_OK) {
				st = reopen_repair(t, c, 0, msg, msglen);
			}
			if (st != SHMT_OK) {
				goto out;
			}
			t->opened = SHMT_OPENED_REOPENED;
			t->h->pidns = pidns;
		} else if (stored.pidns != 0 && pidns != 0 && stored.pidns != pidns) {
			/* A lock word holds its owner's thread id as the owner's pid
			 * namespace numbers it. Across namespaces two live threads can
			 * have the same id, and a thread that dies while waiting for a
			 * lock held by its namesake makes the kernel mark that live
			 * owner dead. So processes of one pid namespace at a time. */
			snprintf(msg, msglen, "%s is in use by processes of another pid namespace "
			         "(a container); processes of different pid namespaces cannot share a "
			         "table at the same time, because their thread ids, which the locks "
			         "record, can be equal", c->label_where);
			st = SHMT_E_NAMESPACE;
			goto out;
		} else if (shared_fields_bad(t, why, sizeof(why))) {
			/* In use: checked as it is, without a lock and without a write. */
			snprintf(msg, msglen, "%s is damaged: %s; it was left as it is", c->label_where,
			         why);
			st = SHMT_E_CORRUPT;
			goto out;
		}
	}
	/* Join the users (an exclusive hold becomes shared), then let the next
	 * opener in. */
	rc = shmt_os_share_users(fd);
	if (rc != 0) {
		st = sys_error(c, "lock", rc, msg, msglen);
		goto out;
	}
	t->fd = fd;
	t->dev = sb.dev;
	t->ino = sb.ino;
	if (a->name != NULL) {
		t->name = strdup(a->name);
	} else {
		t->path = strdup(a->path);
	}
	if (t->name == NULL && t->path == NULL) {
		t->fd = -1;
		st = out_of_memory(msg, msglen);
		goto out;
	}
	*out = t;
	t = NULL;
	base = NULL;
	fd = -1; /* the handle has it now, locks and all */
	/* Closing the fd would release it too; the table is usable anyway. */
	(void)shmt_os_unlock_opening((*out)->fd);

out:
	if (t != NULL) {
		t->base = NULL; /* unmapped below */
		free(t->name);
		free(t->path);
		free(t);
	}
	if (base != NULL) {
		shmt_unmap(base, map_len);
	}
	if (fd >= 0) {
		/* Releases our locks on it, byte 0 and byte 1 alike. */
		shmt_os_close(fd);
	}
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
		st = layout_compute(a->size, a->key_max, a->cols, a->ncols, want, &W,
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

shmt_status shmt_same_definition(const shmt_table *t, uint32_t size, uint32_t key_max,
                                 const shmt_coldef *cols, uint32_t ncols, char *msg,
                                 size_t msglen)
{
	shmt_layout L;
	memset(&L, 0, sizeof(L));
	L.size = t->size;
	L.key_max = t->key_max;
	L.ncols = t->ncols;
	shmt_open_args a;
	memset(&a, 0, sizeof(a));
	a.size = size;
	a.key_max = key_max;
	a.cols = cols;
	a.ncols = ncols;
	char why[256];
	if (!definition_differs(&L, t->cols, &a, why, sizeof(why))) {
		return SHMT_OK;
	}
	if (msg != NULL && msglen > 0) {
		if (t->name != NULL) {
			snprintf(msg, msglen, "table '%s' exists with another definition: %s", t->name, why);
		} else {
			snprintf(msg, msglen, "table file '%s' exists with another definition: %s",
			         t->path != NULL ? t->path : "", why);
		}
	}
	return SHMT_E_DEFINITION;
}
