/*
 * shmt_table.c - a table's layout in the mapping, creating and closing an
 * anonymous table, its schema and the decoding of row images.
 */
#include "shmt_internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

shmt_step_hook_fn shmt_step_hook = NULL;
const uint8_t *shmt_test_seed = NULL;
uint64_t shmt_test_reserve_chunk = 0;
int64_t shmt_test_clock_offset_ns = 0;
int shmt_test_evict_all_held = 0;
int64_t shmt_test_boottime_ns = 0;

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

uint64_t shmt_hash(const shmt_table *t, const char *key, size_t klen)
{
	return shmt_keyhash(t->seed, key, klen);
}

uint32_t shmt_bucket_of(const shmt_table *t, const char *key, size_t klen)
{
	return bucket_of_hash(t, shmt_hash(t, key, klen));
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



/* What is wrong with one column: its name length, its type, or (a string)
 * its size; COL_OK if nothing. The size of a number is not looked at. */
int coldef_bad(uint32_t name_len, uint32_t type, uint32_t size)
{
	if (name_len < 1 || name_len > SHMT_MAX_COL_NAME) {
		return COL_BAD_NAME;
	}
	if (type != SHMT_TYPE_INT && type != SHMT_TYPE_FLOAT && type != SHMT_TYPE_STRING) {
		return COL_BAD_TYPE;
	}
	if (type == SHMT_TYPE_STRING && (size < 1 || size > SHMT_MAX_STRING)) {
		return COL_BAD_SIZE;
	}
	return COL_OK;
}

/* Which argument of a definition is out of range (SHMT_BAD_*, as
 * shmt_create()'s *bad_arg): the one place a definition is checked. */
static int definition_bad(uint32_t size, uint32_t key_max, const shmt_coldef *cols,
                          uint32_t ncols)
{
	if (size < 1 || size > SHMT_MAX_ROWS) {
		return SHMT_BAD_SIZE;
	}
	if (key_max < 1 || key_max > SHMT_MAX_KEY_LEN) {
		return SHMT_BAD_KEY_MAX;
	}
	if (ncols < 1 || ncols > SHMT_MAX_COLUMNS || cols == NULL) {
		return SHMT_BAD_COLUMNS;
	}
	for (uint32_t i = 0; i < ncols; i++) {
		const shmt_coldef *c = &cols[i];
		if (coldef_bad(c->name_len, c->type, c->size) != COL_OK) {
			return SHMT_BAD_COLUMNS;
		}
		for (uint32_t j = 0; j < i; j++) {
			if (cols[j].name_len == c->name_len &&
			    memcmp(cols[j].name, c->name, c->name_len) == 0) {
				return SHMT_BAD_COLUMNS;
			}
		}
	}
	return SHMT_BAD_NONE;
}

/* Place each column in a row: next | meta | numbers | key | string
 * lengths | strings. desc[ncols] gets the places, *key_off the key's;
 * returns where the last string ends. */
static uint64_t layout_row(const shmt_coldef *cols, uint32_t ncols, uint32_t key_max,
                           uint32_t values_off, shmt_coldesc *desc, uint32_t *key_off)
{
	uint32_t nnum = 0;
	for (uint32_t i = 0; i < ncols; i++) {
		nnum += cols[i].type != SHMT_TYPE_STRING;
	}
	uint64_t off = values_off + 8ull * nnum;
	*key_off = (uint32_t)off;
	off += key_max;
	memset(desc, 0, ncols * sizeof(*desc));
	uint64_t num_at = values_off;
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
	return off;
}

/* Where each region of the mapping starts, from L's size, ncols and
 * row_bytes. 0, or -1 if the mapping would be too big to map. */
static int layout_regions(shmt_layout *L)
{
	uint32_t nstripes = pow2_at_least((L->size + 15) / 16);
	if (nstripes > SHMT_MAX_STRIPES) {
		nstripes = SHMT_MAX_STRIPES;
	}
	L->nstripes = nstripes;
	L->total_rows = L->size + nstripes; /* < 2^32 since size < 2^31 */
	L->nbuckets = L->size;
	uint64_t header_bytes =
	    round_up(sizeof(shmt_header) + (uint64_t)L->ncols * sizeof(shmt_coldesc),
	             SHMT_CACHELINE);
	L->header_bytes = (uint32_t)header_bytes;
	L->alloc_off = header_bytes;
	/* Stripes are 128 bytes: two cache lines, so that the adjacent-line
	 * prefetcher does not couple neighbouring stripes. */
	L->stripes_off = round_up(L->alloc_off + sizeof(shmt_alloc), sizeof(shmt_stripe));
	L->buckets_off = L->stripes_off + (uint64_t)nstripes * sizeof(shmt_stripe);
	L->rows_off = L->buckets_off + round_up(4ull * L->nbuckets, SHMT_CACHELINE);
	uint64_t total = L->rows_off, pool;
	if (__builtin_mul_overflow((uint64_t)L->row_bytes, (uint64_t)L->total_rows, &pool) ||
	    add_u64(&total, pool) || total > (uint64_t)SIZE_MAX) {
		return -1;
	}
	L->map_bytes = total;
	return 0;
}

/* Check a definition and lay it out: desc[ncols] gets each column's
 * place in a row. SHMT_E_INVALID (with *bad_arg SHMT_BAD_*) or SHMT_E_NOMEM (*bytes_asked UINT64_MAX: too big to map). */
shmt_status layout_compute(uint32_t size, uint32_t key_max, const shmt_coldef *cols,
                           uint32_t ncols, uint32_t evict, shmt_coldesc *desc, shmt_layout *L,
                           uint64_t *bytes_asked, int *bad_arg)
{
	*bytes_asked = 0;
	*bad_arg = definition_bad(size, key_max, cols, ncols);
	if (*bad_arg == SHMT_BAD_NONE && evict != SHMT_EVICT_NONE && evict != SHMT_EVICT_LRU) {
		*bad_arg = SHMT_BAD_EVICT;
	}
	if (*bad_arg != SHMT_BAD_NONE) {
		return SHMT_E_INVALID;
	}
	uint32_t key_off;
	L->evict = evict;
	L->values_off = evict == SHMT_EVICT_LRU ? ROW_VALUES_OFF_LRU : ROW_VALUES_OFF;
	uint64_t row_bytes =
	    round_up(layout_row(cols, ncols, key_max, L->values_off, desc, &key_off), 8);
	/* 256 columns of 4 MiB (SHMT_MAX_STRING) stay below 2^32, but check anyway. */
	if (row_bytes > UINT32_MAX) {
		*bad_arg = SHMT_BAD_COLUMNS;
		return SHMT_E_INVALID;
	}
	L->size = size;
	L->key_max = key_max;
	L->ncols = ncols;
	L->row_bytes = (uint32_t)row_bytes;
	L->key_off = key_off;
	if (layout_regions(L) != 0) {
		*bytes_asked = UINT64_MAX;
		return SHMT_E_NOMEM;
	}
	*bytes_asked = L->map_bytes;
	return SHMT_OK;
}

/* Anchor the table clock in this boot: table time = CLOCK_BOOTTIME +
 * clock_base, equal to the wall clock now. Within one boot it never steps
 * back, whatever the wall clock does; a table file reopened during a later
 * boot is anchored again (shmt_open.c), so its expiries, which are table
 * times, keep meaning the wall-clock instant they were set for. */
void clock_rebase(shmt_header *h)
{
	h->clock_base = shmt_os_realtime_ns() - shmt_os_boottime_ns();
	shmt_os_boot_id(h->boot_id);
}

/* Write a fresh header and initialise every lock of a zero-filled
 * mapping whose first `reserved` bytes have storage. The 'ready' word is
 * left 0: the caller publishes it last. */
shmt_status init_mapping(unsigned char *base, const shmt_layout *L,
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
	h->evict = L->evict;
	clock_rebase(h);
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
		if (shmt_lock_init(&stripes[i].s.slot) != 0) {
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
 * to be handed back (kept_give_back()), so no more are kept there: at most
 * size/16 rows of capacity are held in all. */
static void kept_limits(uint32_t size, uint32_t nstripes, uint32_t *cap, uint32_t *below)
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
shmt_table *handle_new(unsigned char *base, size_t map_len, const shmt_layout *L,
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
	kept_limits(L->size, L->nstripes, &t->kept_cap, &t->kept_below);
	memcpy(t->seed, seed, 16);
	t->evict = L->evict;
	t->values_off = L->values_off;
	t->clock_base = shmt_load_relaxed(&((shmt_header *)base)->clock_base);
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
	return shmt_create_ex(out, size, key_max, cols, ncols, SHMT_EVICT_NONE, bytes_asked,
	                      bad_arg);
}

shmt_status shmt_create_ex(shmt_table **out, uint32_t size, uint32_t key_max,
                           const shmt_coldef *cols, uint32_t ncols, uint32_t evict,
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
	*bytes_asked = 0;
	*bad_arg = definition_bad(size, key_max, cols, ncols);
	if (*bad_arg != SHMT_BAD_NONE) {
		return SHMT_E_INVALID;
	}
	shmt_coldesc *desc = calloc(ncols, sizeof(*desc));
	if (desc == NULL) {
		return SHMT_E_NOMEM;
	}
	shmt_layout L;
	shmt_status st = layout_compute(size, key_max, cols, ncols, evict, desc, &L,
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
	if (stripe_slot_forget(t)) {
		/* Another thread of this process keeps a lock slot here, whose
		 * mutex its robust list names: the mapping (and the descriptor,
		 * whose lock says that this process uses the table) stays. */
		free(t->name);
		free(t->path);
		free(t);
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

void shmt_one_thread(void)
{
	shmt_os_one_thread();
}

uint32_t shmt_ncols(const shmt_table *t) { return t->ncols; }
uint32_t shmt_nstripes(const shmt_table *t) { return t->stripe_mask + 1; }
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
	memcpy(&meta, (const unsigned char *)img + ROW_META_OFF, 4);
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
/* Comparing definitions                                                    */

static const char *type_name(uint32_t type)
{
	switch (type) {
	case SHMT_TYPE_INT: return "TYPE_INT";
	case SHMT_TYPE_FLOAT: return "TYPE_FLOAT";
	case SHMT_TYPE_STRING: return "TYPE_STRING";
	}
	return "an unknown type";
}

/* The first difference between the stored definition and the requested
 * one, as "what is X there, Y here", or 0 if they are the same. */
int definition_differs(const shmt_layout *L, const shmt_coldesc *have,
                       const shmt_open_args *a, char *why, size_t len)
{
	if (L->size != a->size) {
		snprintf(why, len, "size is %u there, %u here", L->size, a->size);
		return 1;
	}
	if (L->key_max != a->key_max) {
		snprintf(why, len, "max_key_length is %u there, %u here", L->key_max, a->key_max);
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
	if (L->evict != a->evict) {
		static const char *const names[] = {"EVICT_NONE", "EVICT_LRU"};
		snprintf(why, len, "eviction policy is %s there, %s here",
		         L->evict <= 1 ? names[L->evict] : "?", a->evict <= 1 ? names[a->evict] : "?");
		return 1;
	}
	return 0;
}

uint32_t shmt_evict_policy(const shmt_table *t)
{
	return t->evict;
}

shmt_status shmt_same_definition(const shmt_table *t, uint32_t size, uint32_t key_max,
                                 const shmt_coldef *cols, uint32_t ncols, uint32_t evict,
                                 char *msg, size_t msglen)
{
	shmt_layout L;
	memset(&L, 0, sizeof(L));
	L.size = t->size;
	L.key_max = t->key_max;
	L.ncols = t->ncols;
	L.evict = t->evict;
	shmt_open_args a;
	memset(&a, 0, sizeof(a));
	a.evict = evict;
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
