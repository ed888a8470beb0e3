/*
 * shmt_test.h - hooks for the engine's tests, not part of its contract
 * (shmt.h). Production code never sets them.
 */
#ifndef SHMT_TEST_H
#define SHMT_TEST_H

#include "shmt.h"

/* The points of the write paths at which shmt_step_hook is called (the
 * numbers are what the hook receives, and what the crash tests list). */
typedef enum {
	SHMT_STEP_INSERT_INTENT = 1, /* insert: intent written, no row yet */
	SHMT_STEP_INSERT_ROW_TAKEN = 2, /* insert: a row taken (kept or popped), not yet written */
	SHMT_STEP_INSERT_ROW_WRITTEN = 3, /* insert: row written and pointing at the chain, not linked */
	SHMT_STEP_INSERT_SEQ_ODD = 4, /* insert: sequence counter odd */
	SHMT_STEP_INSERT_LINKED = 5, /* insert: row linked at the bucket head */
	SHMT_STEP_INSERT_SEQ_EVEN = 6, /* insert: sequence counter even again, intent still set */
	SHMT_STEP_KEPT_TAKE_NAMED = 7, /* a kept row named in i_new, still on the stripe's list */
	SHMT_STEP_KEPT_TAKE_UNLINKED = 8, /* a kept row off the stripe's list and counted off */
	SHMT_STEP_REPLACE_INTENT = 11, /* replace: intent written */
	SHMT_STEP_REPLACE_SPARE_TAKEN = 12, /* replace: the spare (or a popped row) named in i_new */
	SHMT_STEP_REPLACE_COPY_WRITTEN = 13, /* replace: the new version written, not linked */
	SHMT_STEP_REPLACE_SEQ_ODD = 14, /* replace: sequence counter odd */
	SHMT_STEP_REPLACE_LINKED = 15, /* replace: new version linked in place of the old */
	SHMT_STEP_REPLACE_SEQ_EVEN = 16, /* replace: sequence counter even again */
	SHMT_STEP_REPLACE_OLD_SPARE = 17, /* replace: the old version is the stripe's spare */
	SHMT_STEP_DELETE_INTENT = 21, /* delete: intent written */
	SHMT_STEP_DELETE_SEQ_ODD = 22, /* delete: sequence counter odd */
	SHMT_STEP_DELETE_UNLINKED = 23, /* delete: row unlinked from its chain */
	SHMT_STEP_DELETE_SEQ_EVEN = 24, /* delete: sequence counter even again */
	SHMT_STEP_DELETE_ROW_PUT_AWAY = 25, /* delete: row kept or pushed back, intent still set */
	SHMT_STEP_DELETE_KEPT_LINKED = 26, /* delete: row points at the stripe's kept rows, not counted yet */
	SHMT_STEP_DELETE_KEPT_HEAD = 27, /* delete: row counted and first of the stripe's kept rows */
	SHMT_STEP_INCR_SEQ_ODD = 31, /* incr: sequence counter odd */
	SHMT_STEP_INCR_STORED = 32, /* incr: new value stored */
	SHMT_STEP_INCRM_UNDO = 33, /* incr of several columns in place: old cells copied to the spare */
	SHMT_STEP_INCRM_INTENT = 34, /* ... intent {INCR} set: the undo record is in force */
	SHMT_STEP_INCRM_SEQ_ODD = 35, /* ... sequence counter odd */
	SHMT_STEP_INCRM_CELL = 36, /* ... one more cell stored (passed once per column) */
	SHMT_STEP_INCRM_INTENT_CLEARED = 37, /* ... every cell stored, intent cleared, seq odd */
	SHMT_STEP_INCRM_SEQ_EVEN = 38, /* ... sequence counter even again */
	SHMT_STEP_GIVE_BACK_TAKEN = 41, /* full table: a kept row taken into i_new */
	SHMT_STEP_GIVE_BACK_PUSHED = 42, /* full table: that row pushed to the free list */
	SHMT_STEP_RECLAIM_FOUND = 61, /* reclaim: an expired row found in a chain, not yet deleted */
	SHMT_STEP_RECLAIM_DONE = 62, /* reclaim: that row deleted (kept or freed), counted expired */
	SHMT_STEP_EXP_MIN_SET = 63, /* reclaim: a stripe scanned whole, its earliest expiry stored */
	SHMT_STEP_EVICT_CHOSEN = 64, /* evict: the victim found in its chain, stripe locked, not yet deleted */
	SHMT_STEP_EVICT_DONE = 65, /* evict: the victim deleted (kept or freed), counted evicted */
	SHMT_STEP_OPEN_MADE = 50, /* open: object made, empty, not yet locked */
	SHMT_STEP_CREATE_MARKED = 51, /* create: header prefix marked as being created */
	SHMT_STEP_CREATE_SIZED = 52, /* create: object sized */
	SHMT_STEP_CREATE_WRITTEN = 53, /* create: header and locks written, not yet ready */
	SHMT_STEP_POP_FREE_TAKEN = 101, /* allocator pop: free list or unused mark advanced */
	SHMT_STEP_POP_COUNTED = 102, /* allocator pop: row in i_new, live counted */
	SHMT_STEP_RESERVE_DONE = 103, /* storage reserved, mark not yet advanced */
	SHMT_STEP_RESERVE_MARKED = 104, /* storage mark advanced */
	SHMT_STEP_PUSH_LINKED = 111, /* allocator push: row at the head of the free list */
	SHMT_STEP_PUSH_CLEARED = 112, /* allocator push: intent field cleared, live counted */
	SHMT_STEP_ULOCK_GATE = 121, /* Lock: the gate taken (exclusive, or a reader's slow way) */
	SHMT_STEP_ULOCK_DRAIN = 122, /* Lock: a writer about to wait for one active reader slot */
	SHMT_STEP_ULOCK_READ_SLOT = 123, /* Lock: a reader (gate held) took a slot, its bits not yet set */
	SHMT_STEP_ULOCK_READ_BIT = 124, /* Lock: a reader's (gate held) bits set, the slot not yet active */
	SHMT_STEP_ULOCK_UNLOCK_BIT = 125, /* Lock: a reader's slot no longer active, still its own */
	SHMT_STEP_ULOCK_READ_ACTIVE = 126, /* Lock: a kept slot marked active, the gate not yet looked at */
	SHMT_STEP_ULOCK_GIVE_BACK = 127, /* Lock: a slot's bits cleared, its lock word not yet released */
	SHMT_STEP_ULOCK_OWNER_DEAD = 128, /* MUTEX: a dead holder's slot taken over, the word marked dead */
	SHMT_STEP_ULOCK_MUTEX_SLOT = 129, /* MUTEX: a slot taken for this process, not yet kept or used */
	SHMT_STEP_ULOCK_MUTEX_WAIT = 134, /* MUTEX: about to sleep on the owner word */
	SHMT_STEP_ULOCK_SLOT_WAIT = 135, /* Lock: all slots held, about to wait one slice for one */
	SHMT_STEP_SLOT_MARKED = 151, /* stripe lock: a dead holder's slot taken over, its words marked dead */
	SHMT_STEP_SLOT_TAKEN = 152, /* stripe lock: a slot taken for this thread, not yet kept or used */
	SHMT_STEP_STRIPE_WAIT = 153, /* stripe lock: about to sleep on a held stripe's owner word */
	SHMT_STEP_SYNC_EMPTIED = 130, /* named Atomic/Lock create: the object emptied (size 0) */
	SHMT_STEP_SYNC_SIZED = 131, /* ... sized, all zero */
	SHMT_STEP_SYNC_HEADER = 132, /* ... header written, payload not yet, not ready */
	SHMT_STEP_SYNC_WRITTEN = 133, /* ... payload written, not yet ready */
} shmt_step;

/* Test-only: called with a step (shmt_step) at each interesting point of every
 * write path, while the locks of that step are held. NULL in production. */
typedef void (*shmt_step_hook_fn)(int step);
extern shmt_step_hook_fn shmt_step_hook;
/* Call the hook, if one is set, at step n of a write path. */
#define STEP(n)                        \
	do {                               \
		if (shmt_step_hook != NULL) {  \
			shmt_step_hook(n);         \
		}                              \
	} while (0)
/* Test-only: when non-NULL, new tables take these 16 bytes as their hash
 * seed instead of random ones, so that two tables lay out the same keys
 * alike. NULL in production. */
extern const uint8_t *shmt_test_seed;
/* Test-only: when non-zero, the chunk (bytes, a multiple of 4096) in which
 * named and file tables reserve their storage, instead of 1 MiB. */
extern uint64_t shmt_test_reserve_chunk;
/* Test-only: move the sequence counter of key's stripe on as if `writes`
 * writes had gone through it (under its lock), so that a test can bring
 * the counter round to a value a reader saw without making that many
 * writes. */
void shmt_test_seq_advance(shmt_table *t, const char *key, size_t klen, uint64_t writes);
/* Test-only: 1 if the calling thread keeps a lock slot in t between
 * writes, 0 if its writes take a slot each. */
int shmt_test_slot_kept(shmt_table *t);

/* Test-only: added to the table clock of every table (nanoseconds), so
 * that a test moves time on instead of sleeping. 0 in production. */
extern int64_t shmt_test_clock_offset_ns;
/* Test-only: when non-zero, the CLOCK_BOOTTIME the table clock reads in
 * this process, instead of the real one: a clock that stands still until
 * the test moves it. 0 in production. */
extern int64_t shmt_test_boottime_ns;

/* Test-only: when non-zero, the next eviction in this thread seeds the
 * generator that picks its sample rows from this value (then sets it back
 * to 0), so that a test replays the same victims. 0 in production. */
extern _Thread_local uint64_t shmt_test_evict_seed;

/* Test-only: when non-zero, an insert into a full EVICT_LRU table that
 * finds no room evicts and inserts with every stripe locked at once, as
 * one does after losing the room it made EVICT_FREE_ROUNDS times to other
 * writers, so that the crash test reaches that path without contention.
 * 0 in production. */
extern int shmt_test_evict_all_held;

/* Keyed hash of a key with this table's seed (exposed for tests). */
uint64_t shmt_hash(const shmt_table *t, const char *key, size_t klen);
uint32_t shmt_bucket_of(const shmt_table *t, const char *key, size_t klen);

#endif /* SHMT_TEST_H */
