<?php
/*
 * examples/workerman/autoload.php - finds Workerman for start.php, in this
 * order:
 *   - vendor/autoload.php next to this file (`composer require workerman/workerman`);
 *   - $WORKERMAN_DIR/vendor/autoload.php (a Composer project elsewhere);
 *   - $WORKERMAN_DIR/src (a checkout of walkor/workerman) together with
 *     $WORKERMAN_COROUTINE_DIR/src (a checkout of workerman-php/coroutine,
 *     which Workerman 5 needs: Composer would install it alongside).
 */
declare(strict_types=1);

(static function (): void {
    $dir = rtrim((string) getenv('WORKERMAN_DIR'), '/');
    foreach ([__DIR__ . '/vendor/autoload.php', "$dir/vendor/autoload.php"] as $composer) {
        if ($dir !== '' || $composer === __DIR__ . '/vendor/autoload.php') {
            if (is_file($composer)) {
                require $composer;
                return;
            }
        }
    }
    $coroutine = rtrim((string) getenv('WORKERMAN_COROUTINE_DIR'), '/');
    if ($dir === '' || !is_file("$dir/src/Worker.php") || !is_file("$coroutine/src/Coroutine.php")) {
        fwrite(STDERR, "Workerman not found: run `composer require workerman/workerman` in this "
            . "directory, or set WORKERMAN_DIR (and WORKERMAN_COROUTINE_DIR) as README.md says\n");
        exit(1);
    }
    // The two packages' PSR-4 maps: Workerman\ is in both, Workerman\Coroutine\ in the second.
    spl_autoload_register(static function (string $class) use ($dir, $coroutine): void {
        if (!str_starts_with($class, 'Workerman\\')) {
            return;
        }
        $rel = strtr(substr($class, 10), '\\', '/') . '.php';
        $files = ["$dir/src/$rel", "$coroutine/src/$rel"];
        if (str_starts_with($rel, 'Coroutine/')) {
            $files[] = "$coroutine/src/" . substr($rel, 10);
        }
        foreach ($files as $file) {
            if (is_file($file)) {
                require $file;
                return;
            }
        }
    });
})();
