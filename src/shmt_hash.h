/*
 * shmt_hash.h - SipHash, the keyed hash that places keys in buckets. Keys of
 * up to 16 bytes use shmt_keyhash()'s keyed multiplications instead. Keys
 * come from outside (client IPs, session ids); with a random per-table key
 * nobody can precompute keys that pile into one chain.
 */
#ifndef SHMT_HASH_H
#define SHMT_HASH_H

#include <stddef.h>
#include <stdint.h>

/* SipHash with c compression and d finalization rounds over `len` bytes,
 * under the 128-bit key k (little-endian as in the paper). */
uint64_t shmt_siphash(const uint8_t k[16], const void *data, size_t len,
                      int c, int d);
/* SipHash-1-3: what tables use. */
uint64_t shmt_siphash13(const uint8_t k[16], const void *data, size_t len);
/* SipHash-2-4: the paper's reference variant, for the test vectors. */
uint64_t shmt_siphash24(const uint8_t k[16], const void *data, size_t len);
/* The hash tables place keys with: see shmt_hash.c. */
uint64_t shmt_keyhash(const uint8_t k[16], const void *data, size_t len);

#endif /* SHMT_HASH_H */
