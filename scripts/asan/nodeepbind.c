/*
 * nodeepbind.c - lets a sanitizer build of shmtable load into a PHP that
 * was not built with sanitizers.
 *
 * PHP opens extensions with dlopen(..., RTLD_DEEPBIND). The AddressSanitizer
 * runtime refuses to run with a library loaded that way (it would bypass the
 * runtime's malloc and free interceptors) and aborts. scripts/check.sh asan
 * preloads this tiny library before the ASan runtime: its dlopen() drops
 * RTLD_DEEPBIND and calls the real one. Symbol lookup then follows the
 * default order, which is harmless for a single extension that defines no
 * symbol PHP also defines.
 *
 * Build: cc -shared -fPIC -o nodeepbind.so nodeepbind.c -ldl
 * Use:   LD_PRELOAD="nodeepbind.so $(cc -print-file-name=libasan.so)" \
 *        ASAN_OPTIONS=verify_asan_link_order=0 php -n -d extension=...
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stddef.h>

void *dlopen(const char *file, int mode)
{
	static void *(*real_dlopen)(const char *, int);

	if (real_dlopen == NULL) {
		real_dlopen = (void *(*)(const char *, int))dlsym(RTLD_NEXT, "dlopen");
	}
	return real_dlopen(file, mode & ~RTLD_DEEPBIND);
}
