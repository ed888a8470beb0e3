/*
 * shmt_test.h - hooks for the engine's tests, not part of its contract
 * (shmt.h). Production code never sets them.
 */
#ifndef SHMT_TEST_H
#define SHMT_TEST_H

#include "shmt.h"

/* Test-only: called with a step number at each interesting point of every
 * write path, while the locks of that step are held. NULL in production. */
typedef void (*shmt_step_hook_fn)(int step);
extern shmt_step_hook_fn shmt_step_hook;
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

/* Keyed hash of a key with this table's seed (exposed for tests). */
uint64_t shmt_hash(const shmt_table *t, const char *key, size_t klen);
uint32_t shmt_bucket_of(const shmt_table *t, const char *key, size_t klen);

#endif /* SHMT_TEST_H */
