/*
 * shmt_atomic.h - every atomic access the engine makes to shared memory goes
 * through these helpers, so the memory order of each use is spelled out in
 * one place. They wrap the GCC/Clang __atomic builtins, which work on plain
 * (non-_Atomic) fields laid out in the shared mapping.
 *
 * Orders used:
 *  - seq counter (seqlock): writer stores relaxed + release fence before the
 *    data it guards; ends with a release store. Readers load with acquire,
 *    copy, then an acquire fence before re-reading the counter.
 *  - links (bucket heads, row next): published with release stores after the
 *    row they point to is fully written; read with acquire loads by readers.
 *  - counters (statistics, live rows): relaxed; they carry no data.
 */
#ifndef SHMT_ATOMIC_H
#define SHMT_ATOMIC_H

#include <stdint.h>

#define shmt_load_relaxed(p)      __atomic_load_n((p), __ATOMIC_RELAXED)
#define shmt_load_acquire(p)      __atomic_load_n((p), __ATOMIC_ACQUIRE)
#define shmt_store_relaxed(p, v)  __atomic_store_n((p), (v), __ATOMIC_RELAXED)
#define shmt_store_release(p, v)  __atomic_store_n((p), (v), __ATOMIC_RELEASE)
#define shmt_add_relaxed(p, v)    __atomic_add_fetch((p), (v), __ATOMIC_RELAXED)
#define shmt_fence_acquire()      __atomic_thread_fence(__ATOMIC_ACQUIRE)
#define shmt_fence_release()      __atomic_thread_fence(__ATOMIC_RELEASE)

static inline void shmt_cpu_relax(void)
{
#if defined(__x86_64__) || defined(__i386__)
	__builtin_ia32_pause();
#elif defined(__aarch64__)
	__asm__ __volatile__("yield" ::: "memory");
#else
	__asm__ __volatile__("" ::: "memory");
#endif
}

#endif /* SHMT_ATOMIC_H */
