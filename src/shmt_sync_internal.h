/*
 * shmt_sync_internal.h - what the engine of ShmTable\Atomic (shmt_atomic.c)
 * and of ShmTable\Lock (shmt_ulock.c) share, not part of shmt_sync.h: the
 * sequentially consistent accesses both make to their shared words.
 */
#ifndef SHMT_SYNC_INTERNAL_H
#define SHMT_SYNC_INTERNAL_H

#define sc_load(p)              __atomic_load_n((p), __ATOMIC_SEQ_CST)
#define sc_store(p, v)          __atomic_store_n((p), (v), __ATOMIC_SEQ_CST)
#define sc_cas(p, expp, v)      __atomic_compare_exchange_n((p), (expp), (v), 0, \
                                        __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST)

#endif /* SHMT_SYNC_INTERNAL_H */
