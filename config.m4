dnl config.m4 - build configuration of the shmtable extension (phpize, or
dnl ./buildconf inside php-src).
dnl
dnl The engine in src/ is plain C11 + POSIX and relies on three things the
dnl platform must provide; each is probed below and configure stops with a
dnl clear message when one is missing, rather than building an extension that
dnl would hang or tear rows at run time:
dnl   - process-shared, robust pthread mutexes (a lock held by a process that
dnl     dies is handed to the next locker with EOWNERDEAD);
dnl   - the __atomic builtins on 32- and 64-bit words, lock-free (GCC >= 4.7,
dnl     Clang), and <stdatomic.h>;
dnl   - anonymous shared mappings (mmap with MAP_SHARED | MAP_ANONYMOUS).
dnl
dnl Warnings are the caller's business: CI passes -Wall -Wextra -Werror in
dnl CFLAGS; nothing here turns warnings into errors.

PHP_ARG_ENABLE([shmtable],
  [whether to enable the shmtable extension],
  [AS_HELP_STRING([--enable-shmtable],
    [Enable ShmTable\Table, a typed hash table in shared memory])],
  [no])

if test "$PHP_SHMTABLE" != "no"; then

  dnl _GNU_SOURCE (as PHP's own php_config.h defines it, value 1) exposes
  dnl PTHREAD_MUTEX_ROBUST, MAP_ANONYMOUS and getrandom() under -std=c11.
  dnl -fvisibility=hidden: the module exports get_module() only (Zend marks
  dnl it visible); calls between its own files are then direct, not through
  dnl the PLT, and its globals are reached without a GOT load.
  SHMTABLE_CFLAGS="-std=c11 -D_GNU_SOURCE=1 -DZEND_ENABLE_STATIC_TSRMLS_CACHE=1 -fvisibility=hidden"

  dnl ---- C11 -----------------------------------------------------------
  AC_CACHE_CHECK([whether $CC accepts -std=c11], [shmtable_cv_std_c11], [
    shmtable_save_CFLAGS=$CFLAGS
    CFLAGS="$CFLAGS -std=c11"
    AC_COMPILE_IFELSE([AC_LANG_PROGRAM([[
      _Static_assert(sizeof(int) >= 4, "int is at least 32 bits");
    ]], [[return 0;]])],
      [shmtable_cv_std_c11=yes], [shmtable_cv_std_c11=no])
    CFLAGS=$shmtable_save_CFLAGS
  ])
  if test "$shmtable_cv_std_c11" != "yes"; then
    AC_MSG_ERROR([shmtable needs a C11 compiler: $CC does not accept -std=c11 with _Static_assert])
  fi

  dnl ---- atomics -------------------------------------------------------
  AC_CACHE_CHECK([for stdatomic.h], [shmtable_cv_stdatomic], [
    shmtable_save_CFLAGS=$CFLAGS
    CFLAGS="$CFLAGS -std=c11"
    AC_COMPILE_IFELSE([AC_LANG_PROGRAM([[
      #include <stdatomic.h>
      #include <stdint.h>
    ]], [[
      _Atomic uint32_t w = 0;
      atomic_store_explicit(&w, 1u, memory_order_release);
      atomic_thread_fence(memory_order_seq_cst);
      return (int)atomic_load_explicit(&w, memory_order_acquire) - 1;
    ]])], [shmtable_cv_stdatomic=yes], [shmtable_cv_stdatomic=no])
    CFLAGS=$shmtable_save_CFLAGS
  ])
  if test "$shmtable_cv_stdatomic" != "yes"; then
    AC_MSG_ERROR([shmtable needs <stdatomic.h> (C11 atomics); $CC does not provide it])
  fi

  AC_CACHE_CHECK([for lock-free __atomic builtins on 32- and 64-bit words], [shmtable_cv_atomic_builtins], [
    shmtable_save_CFLAGS=$CFLAGS
    CFLAGS="$CFLAGS -std=c11"
    dnl Linked, not only compiled: a missing builtin becomes a call into
    dnl libatomic, which we do not want in shared memory code.
    AC_LINK_IFELSE([AC_LANG_PROGRAM([[
      #include <stdint.h>
      static uint32_t w32;
      static uint64_t w64;
      _Static_assert(__atomic_always_lock_free(sizeof(uint32_t), 0), "32-bit atomics are lock-free");
      _Static_assert(__atomic_always_lock_free(sizeof(uint64_t), 0), "64-bit atomics are lock-free");
    ]], [[
      uint32_t e = 0;
      __atomic_store_n(&w32, 1u, __ATOMIC_RELEASE);
      (void)__atomic_load_n(&w32, __ATOMIC_ACQUIRE);
      (void)__atomic_fetch_add(&w32, 1u, __ATOMIC_ACQ_REL);
      (void)__atomic_compare_exchange_n(&w32, &e, 5u, 0, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE);
      __atomic_store_n(&w64, (uint64_t)1, __ATOMIC_RELAXED);
      (void)__atomic_fetch_add(&w64, (uint64_t)1, __ATOMIC_RELAXED);
      (void)__atomic_load_n(&w64, __ATOMIC_ACQUIRE);
      __atomic_thread_fence(__ATOMIC_SEQ_CST);
      return 0;
    ]])], [shmtable_cv_atomic_builtins=yes], [shmtable_cv_atomic_builtins=no])
    CFLAGS=$shmtable_save_CFLAGS
  ])
  if test "$shmtable_cv_atomic_builtins" != "yes"; then
    AC_MSG_ERROR([shmtable needs the lock-free __atomic builtins on 32- and 64-bit words (GCC >= 4.7 or Clang)])
  fi

  dnl ---- robust, process-shared mutexes ----------------------------------
  dnl glibc >= 2.34 has these in libc itself; -lpthread is still accepted and
  dnl is needed on older glibc and other systems.
  shmtable_save_LIBS=$LIBS
  shmtable_save_CFLAGS=$CFLAGS
  LIBS="$LIBS -lpthread"
  CFLAGS="$CFLAGS -std=c11 -D_GNU_SOURCE=1"
  for shmtable_func in pthread_mutexattr_setpshared pthread_mutexattr_setrobust pthread_mutex_consistent; do
    AC_MSG_CHECKING([for $shmtable_func])
    AC_LINK_IFELSE([AC_LANG_PROGRAM([[
      #include <pthread.h>
    ]], [[
      void *volatile p = (void *)&$shmtable_func;
      return p == 0;
    ]])], [AC_MSG_RESULT([yes])], [
      AC_MSG_RESULT([no])
      AC_MSG_ERROR([shmtable needs $shmtable_func() (POSIX.1-2008 robust, process-shared mutexes); this C library does not provide it])
    ])
  done

  AC_CACHE_CHECK([whether robust process-shared mutexes work], [shmtable_cv_robust_mutex], [
    AC_LINK_IFELSE([AC_LANG_PROGRAM([[
      #include <pthread.h>
      #include <errno.h>
      #include <sys/mman.h>
    ]], [[
      pthread_mutexattr_t a;
      pthread_mutex_t *m = mmap(0, sizeof *m, PROT_READ | PROT_WRITE,
                                MAP_SHARED | MAP_ANONYMOUS, -1, 0);
      int rc;
      if (m == MAP_FAILED) return 1;
      if (pthread_mutexattr_init(&a)) return 2;
      if (pthread_mutexattr_setpshared(&a, PTHREAD_PROCESS_SHARED)) return 3;
      if (pthread_mutexattr_setrobust(&a, PTHREAD_MUTEX_ROBUST)) return 4;
      if (pthread_mutex_init(m, &a)) return 5;
      rc = pthread_mutex_lock(m);
      if (rc == EOWNERDEAD) pthread_mutex_consistent(m);
      pthread_mutex_unlock(m);
      return 0;
    ]])], [shmtable_cv_robust_mutex=yes], [shmtable_cv_robust_mutex=no])
  ])
  LIBS=$shmtable_save_LIBS
  CFLAGS=$shmtable_save_CFLAGS
  if test "$shmtable_cv_robust_mutex" != "yes"; then
    AC_MSG_ERROR([shmtable needs PTHREAD_PROCESS_SHARED, PTHREAD_MUTEX_ROBUST and mmap(MAP_SHARED | MAP_ANONYMOUS); see config.log])
  fi

  dnl ---- named and file-backed tables -----------------------------------
  dnl shm_open() is in libc from glibc 2.34, in librt before. Open-file-
  dnl description locks (F_OFD_SETLK, Linux >= 3.15) serialise openers and
  dnl tell whether anyone maps a table; without them anonymous tables work
  dnl and create(name:)/create(path:) throw, saying why.
  shmtable_save_LIBS=$LIBS
  AC_SEARCH_LIBS([shm_open], [rt], [
    if test "$ac_cv_search_shm_open" != "none required"; then
      PHP_ADD_LIBRARY([rt], [1], [SHMTABLE_SHARED_LIBADD])
    fi
  ], [
    AC_MSG_ERROR([shmtable needs shm_open() (POSIX shared memory objects), in libc or librt])
  ])
  LIBS=$shmtable_save_LIBS
  AC_CACHE_CHECK([for open-file-description locks (F_OFD_SETLK)], [shmtable_cv_ofd_locks], [
    AC_COMPILE_IFELSE([AC_LANG_PROGRAM([[
      #define _GNU_SOURCE 1
      #include <fcntl.h>
    ]], [[
      int c = F_OFD_SETLK + F_OFD_SETLKW;
      return c == 0;
    ]])], [shmtable_cv_ofd_locks=yes], [shmtable_cv_ofd_locks=no])
  ])
  if test "$shmtable_cv_ofd_locks" != "yes"; then
    AC_MSG_WARN([no F_OFD_SETLK: named and file-backed tables will throw at create()])
  fi

  PHP_ADD_LIBRARY([pthread], [1], [SHMTABLE_SHARED_LIBADD])
  PHP_SUBST([SHMTABLE_SHARED_LIBADD])

  AC_DEFINE([HAVE_SHMTABLE], [1], [Whether the shmtable extension is enabled])

  dnl For phpinfo(): the flags the module was compiled with (quotes and
  dnl backslashes dropped, so the value is always a valid C string).
  shmtable_build_cflags=`echo "$CFLAGS" | tr -d '"\\\\'`
  AC_DEFINE_UNQUOTED([SHMTABLE_BUILD_CFLAGS], ["$shmtable_build_cflags"], [CFLAGS the shmtable extension was built with])

  PHP_NEW_EXTENSION([shmtable],
    [shmtable.c shmtable_convert.c shmtable_errors.c shmtable_handlers.c \
     shmtable_iterator.c shmtable_lifecycle.c shmtable_methods.c shmtable_methods_read.c \
     shmtable_methods_write.c shmtable_methods_incr.c shmtable_registry.c \
     shmtable_inspect.c \
     src/shmt_table.c src/shmt_alloc.c src/shmt_recover.c src/shmt_read.c src/shmt_write.c \
     src/shmt_incr.c src/shmt_expire.c src/shmt_iter.c \
     src/shmt_check.c src/shmt_open.c src/shmt_list.c src/shmt_hash.c src/shmt_os.c src/shmt_os_lock.c \
     shmtable_sync.c src/shmt_atomic.c src/shmt_ulock.c src/shmt_sync_open.c],
    [$ext_shared], [], [$SHMTABLE_CFLAGS])
  PHP_ADD_BUILD_DIR([$ext_builddir/src])
  dnl make test loads the shared pcntl and posix modules (Makefile.frag).
  PHP_ADD_MAKEFILE_FRAGMENT
  PHP_ADD_INCLUDE([$ext_srcdir/src])
fi
