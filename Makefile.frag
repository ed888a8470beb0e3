# make test: load the PHP's own pcntl and posix modules into every test when
# this PHP has them as shared modules (Debian's do). run-tests.php runs the
# tests with extension_dir pointing at modules/, where php.ini's
# "extension=posix.so" is not found, so without this the fork and kill tests
# would skip with "pcntl/posix required".
SHMTABLE_TEST_EXTS := $(shell for e in pcntl posix; do \
	$(PHP_EXECUTABLE) -n -m 2>/dev/null | grep -qx $$e && continue; \
	f=`$(PHP_EXECUTABLE) -n -r 'echo ini_get("extension_dir");' 2>/dev/null`/$$e.so; \
	test -f "$$f" && printf ' -d extension=%s' "$$f"; \
	done)
PHP_TEST_SHARED_EXTENSIONS += $(SHMTABLE_TEST_EXTS)
