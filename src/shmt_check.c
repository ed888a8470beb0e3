/*
 * shmt_check.c - checks of a table's stored state: the full invariant
 * check (every lock held), the lock-free bounds check of the shared fields,
 * and the validation of a stored header before it is mapped.
 */
#include "shmt_internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------------- */
/* Invariant check                                                          */

/* Where shmt_check() found each row (one byte a row, 0: not yet). */
enum { MARK_NONE = 0, MARK_CHAIN = 1, MARK_FREE = 2, MARK_SPARE = 3, MARK_KEPT = 4 };

/* One run of shmt_check(), every lock held. */
typedef struct {
	shmt_table *t;
	unsigned char *mark; /* MARK_* for each row 1..total_rows */
	char *msg;
	size_t msglen;
	uint64_t in_chains, kept;
} check_run;

#define FAIL(...)                                           \
	do {                                                    \
		snprintf(r->msg, r->msglen, __VA_ARGS__);           \
		return SHMT_E_CORRUPT;                              \
	} while (0)

/* The allocator's own fields, and the storage reserved for what is in use. */
static shmt_status check_alloc(check_run *r)
{
	shmt_table *t = r->t;
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
	return SHMT_OK;
}

/* No write left half done in any stripe; each spare row belongs to one. */
static shmt_status check_stripes(check_run *r)
{
	shmt_table *t = r->t;
	for (uint32_t i = 0; i <= t->stripe_mask; i++) {
		shmt_stripe_raw *s = &t->stripes[i].s;
		if (s->seq & 1) {
			FAIL("stripe %u: sequence counter odd with no writer", i);
		}
		if (s->i_kind != INTENT_NONE || s->i_new != 0 || s->i_old != 0) {
			FAIL("stripe %u: intent slot not empty (kind %u new %u old %u)", i,
			     s->i_kind, s->i_new, s->i_old);
		}
		if (s->spare != 0) {
			if (!valid_idx(t, s->spare) || s->spare >= t->a->next_unused) {
				FAIL("stripe %u: spare row %u out of range", i, s->spare);
			}
			if (r->mark[s->spare]) {
				FAIL("row %u is the spare of two stripes", s->spare);
			}
			r->mark[s->spare] = MARK_SPARE;
		}
	}
	return SHMT_OK;
}

/* A row of bucket b's chain: its key hashes there, its lengths fit. */
static shmt_status check_chain_row(check_run *r, uint32_t b, uint32_t cur)
{
	shmt_table *t = r->t;
	unsigned char *row = row_at(t, cur);
	uint32_t meta = *row_meta(row);
	uint32_t klen = meta & ((1u << SHMT_KEYLEN_BITS) - 1);
	if (klen < 1 || klen > t->key_max) {
		FAIL("row %u: key length %u", cur, klen);
	}
	uint64_t h = shmt_keyhash(t->seed, row + t->key_off, klen);
	if (bucket_of_hash(t, h) != b || make_meta(h, klen) != meta) {
		FAIL("row %u: key hashes to another bucket than %u", cur, b);
	}
	/* The stripe's earliest expiry is a lower bound of its rows' expiries:
	 * a stripe that holds an expired row is never skipped by reclaim. */
	uint64_t exp = *row_expires(row), em = stripe_of(t, b)->exp_min;
	if (exp != 0 && (em == 0 || em > exp)) {
		FAIL("row %u: expires at %llu, before its stripe's earliest expiry %llu", cur,
		     (unsigned long long)exp, (unsigned long long)em);
	}
	for (uint32_t c = 0; c < t->ncols; c++) {
		const shmt_coldesc *d = &t->cols[c];
		if (d->type == SHMT_TYPE_STRING && load_len(row + d->lenoff, d->lenw) > d->size) {
			FAIL("row %u: column %s longer than %u", cur, d->name, d->size);
		}
	}
	return SHMT_OK;
}

/* Every chain: rows in range, each reached once. */
static shmt_status check_chains(check_run *r)
{
	shmt_table *t = r->t;
	for (uint32_t b = 0; b < t->nbuckets; b++) {
		for (uint32_t cur = t->buckets[b]; cur != 0; cur = *row_next(t, cur)) {
			if (!valid_idx(t, cur) || cur >= t->a->next_unused) {
				FAIL("bucket %u: row index %u out of range", b, cur);
			}
			if (r->mark[cur]) {
				FAIL("row %u reached twice or also a spare (bucket %u)", cur, b);
			}
			r->mark[cur] = MARK_CHAIN;
			r->in_chains++;
			shmt_status st = check_chain_row(r, b, cur);
			if (st != SHMT_OK) {
				return st;
			}
		}
	}
	return SHMT_OK;
}

/* The allocator's free list: rows in range, in no other place. */
static shmt_status check_free_list(check_run *r)
{
	shmt_table *t = r->t;
	for (uint32_t cur = t->a->free_head; cur != 0; cur = *row_next(t, cur)) {
		if (!valid_idx(t, cur) || cur >= t->a->next_unused) {
			FAIL("free list: row index %u out of range", cur);
		}
		if (r->mark[cur]) {
			FAIL("row %u both free and %s", cur,
			     r->mark[cur] == MARK_CHAIN  ? "in a chain"
			     : r->mark[cur] == MARK_FREE ? "free twice"
			                                 : "a spare");
		}
		r->mark[cur] = MARK_FREE;
	}
	return SHMT_OK;
}

/* The rows each stripe keeps: in range, in no other place, counted. */
static shmt_status check_kept(check_run *r)
{
	shmt_table *t = r->t;
	for (uint32_t i = 0; i <= t->stripe_mask; i++) {
		shmt_stripe_raw *s = &t->stripes[i].s;
		uint32_t n = 0;
		for (uint32_t cur = s->kept_head; cur != 0; cur = *row_next(t, cur)) {
			if (!valid_idx(t, cur) || cur >= t->a->next_unused) {
				FAIL("stripe %u: kept row index %u out of range", i, cur);
			}
			if (r->mark[cur]) {
				FAIL("row %u kept by stripe %u and also in another place", cur, i);
			}
			if (++n > t->kept_cap) {
				FAIL("stripe %u keeps more than %u rows", i, t->kept_cap);
			}
			r->mark[cur] = MARK_KEPT;
		}
		if (n != s->kept_n) {
			FAIL("stripe %u keeps %u rows but counts %u", i, n, s->kept_n);
		}
		r->kept += n;
	}
	return SHMT_OK;
}

/* Every row ever handed out is in one place, and live counts them. */
static shmt_status check_counts(check_run *r)
{
	shmt_table *t = r->t;
	shmt_alloc *a = t->a;
	for (uint32_t i = 1; i < a->next_unused; i++) {
		if (!r->mark[i]) {
			FAIL("row %u leaked: in no chain, not free, not a spare, not kept", i);
		}
	}
	if (r->in_chains + r->kept != a->live) {
		FAIL("count %u differs from %llu rows in chains and %llu kept by stripes",
		     a->live, (unsigned long long)r->in_chains, (unsigned long long)r->kept);
	}
	if (a->live > t->size) {
		FAIL("count %u above capacity %u", a->live, t->size);
	}
	return SHMT_OK;
}

#undef FAIL

/* Every check in turn, every lock held. */
static shmt_status check_locked(shmt_table *t, char *msg, size_t msglen)
{
	check_run r = {.t = t, .msg = msg, .msglen = msglen};
	r.mark = calloc((size_t)t->total_rows + 1, 1);
	if (r.mark == NULL) {
		snprintf(msg, msglen, "out of memory for the check");
		return SHMT_E_CORRUPT;
	}
	shmt_status st = check_alloc(&r);
	if (st == SHMT_OK) {
		st = check_stripes(&r);
	}
	if (st == SHMT_OK) {
		st = check_chains(&r);
	}
	if (st == SHMT_OK) {
		st = check_free_list(&r);
	}
	if (st == SHMT_OK) {
		st = check_kept(&r);
	}
	if (st == SHMT_OK) {
		st = check_counts(&r);
	}
	free(r.mark);
	return st;
}

shmt_status shmt_check(shmt_table *t, char *msg, size_t msglen)
{
	char dummy[1];
	if (msg == NULL || msglen == 0) {
		msg = dummy;
		msglen = sizeof(dummy);
	}
	msg[0] = '\0';
	uint32_t failed_at = 0;
	shmt_status st = lock_all(t, &failed_at);
	if (st != SHMT_OK) {
		snprintf(msg, msglen, "stripe %u: lock unusable", failed_at);
		return SHMT_E_CORRUPT;
	}
	st = alloc_lock(t);
	if (st != SHMT_OK) {
		snprintf(msg, msglen, "allocator lock unusable");
		st = SHMT_E_CORRUPT;
	} else {
		st = check_locked(t, msg, msglen);
		alloc_unlock(t);
	}
	unlock_all(t);
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
int shared_fields_bad(const shmt_table *t, char *why, size_t len)
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
		    (jw != JOURNAL_I_NEW && jw != JOURNAL_I_OLD) || !IDX_OK(shmt_load_relaxed(&a->j_slot))) {
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
		uint32_t kept = shmt_load_relaxed(&s->kept_head);
		uint32_t kept_n = shmt_load_relaxed(&s->kept_n);
		const char *bad = NULL;
		uint32_t v = 0;
		if (kind > INTENT_INCR) {
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
		} else if (kept_n > t->kept_cap) {
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

#define BAD(...)                                                       \
	do {                                                               \
		char why_[256];                                                \
		snprintf(why_, sizeof(why_), __VA_ARGS__);                     \
		snprintf(msg, msglen, "%s is not a valid table: %s", c->label, why_); \
		return SHMT_E_CORRUPT;                                         \
	} while (0)

/* The stored column descriptions cp[ncols], field by field, as the
 * definition defs[ncols] they claim to be. */
static shmt_status stored_columns(const open_ctx *c, const unsigned char *cp, uint32_t ncols,
                                  shmt_coldef *defs, char *msg, size_t msglen)
{
	for (uint32_t i = 0; i < ncols; i++) {
		shmt_coldesc d;
		memcpy(&d, cp + (size_t)i * sizeof(d), sizeof(d));
		int bad = coldef_bad(d.name_len, d.type, d.size);
		if (bad == COL_BAD_NAME || memchr(d.name, '\0', d.name_len) != NULL ||
		    d.name[d.name_len] != '\0') {
			BAD("column %u has a bad name", i + 1);
		}
		if (bad == COL_BAD_TYPE) {
			BAD("column '%s' has type %u", d.name, d.type);
		}
		if (bad == COL_BAD_SIZE || (d.type != SHMT_TYPE_STRING && d.size != 8)) {
			BAD("column '%s' has size %u", d.name, d.size);
		}
		memcpy(defs[i].name, d.name, d.name_len);
		defs[i].name_len = d.name_len;
		defs[i].type = d.type;
		defs[i].size = d.type == SHMT_TYPE_STRING ? d.size : 0;
	}
	return SHMT_OK;
}

/* Every stored size and offset (h, and the columns at cp) is the one the
 * layout L and desc recomputed from the stored definition. */
static shmt_status stored_layout_same(const open_ctx *c, const shmt_header *h,
                                      const unsigned char *cp, const shmt_layout *L,
                                      const shmt_coldesc *desc, char *msg, size_t msglen)
{
#define SAME(field, want)                                                  \
	do {                                                                   \
		if ((uint64_t)(h->field) != (uint64_t)(want)) {                    \
			BAD("%s is %llu, the layout says %llu", #field,                \
			    (unsigned long long)(h->field), (unsigned long long)(want)); \
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
#undef SAME
	for (uint32_t i = 0; i < h->ncols; i++) {
		shmt_coldesc d;
		memcpy(&d, cp + (size_t)i * sizeof(d), sizeof(d));
		if (d.off != desc[i].off || d.lenoff != desc[i].lenoff || d.lenw != desc[i].lenw) {
			BAD("column '%s' is not where the layout puts it", desc[i].name);
		}
	}
	return SHMT_OK;
}

/* Check a stored header (hdr, hdr_len bytes read from the object of
 * obj_size bytes) field by field before anything else looks at it, lay
 * the stored definition out again and require every stored size and
 * offset to be the recomputed one. On success L and desc (SHMT_MAX_COLUMNS
 * entries) describe the table. */
shmt_status validate_header(const open_ctx *c, const unsigned char *hdr, size_t hdr_len,
                            uint64_t obj_size, shmt_layout *L, shmt_coldesc *desc, char *msg,
                            size_t msglen)
{
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
	uint64_t asked;
	int bad = 0;
	shmt_status st = stored_columns(c, cp, h.ncols, defs, msg, msglen);
	if (st == SHMT_OK) {
		st = layout_compute(h.size, h.key_max, defs, h.ncols, h.evict, desc, L, &asked, &bad);
	}
	free(defs);
	if (st == SHMT_E_CORRUPT) {
		return st;
	}
	if (st != SHMT_OK) {
		if (bad == SHMT_BAD_SIZE) {
			BAD("size %u out of range", h.size);
		} else if (bad == SHMT_BAD_KEY_MAX) {
			BAD("key length %u out of range", h.key_max);
		} else if (bad == SHMT_BAD_COLUMNS) {
			BAD("invalid column list (duplicate names or too large rows)");
		} else if (bad == SHMT_BAD_EVICT) {
			BAD("eviction policy %u unknown", h.evict);
		}
		BAD("it would map more than %llu bytes", (unsigned long long)SIZE_MAX);
	}
	st = stored_layout_same(c, &h, cp, L, desc, msg, msglen);
	if (st != SHMT_OK) {
		return st;
	}
	if (obj_size < L->map_bytes) {
		BAD("%llu bytes, the layout needs %llu (truncated)",
		    (unsigned long long)obj_size, (unsigned long long)L->map_bytes);
	}
	return SHMT_OK;
}
#undef BAD
