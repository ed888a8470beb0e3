<?php
/*
 * scripts/swoole-compat.php - run Swoole's own Swoole\Table tests against
 * ShmTable\Table, with no edit to the tests: shmtable.swoole_compat=1 makes
 * Swoole\Table a name of ShmTable\Table.
 *
 *   php scripts/swoole-compat.php [options] /path/to/swoole-src/tests/swoole_table
 *
 *   --module=PATH     shmtable.so to load (default: modules/shmtable.so here)
 *   --php=PATH        the PHP binary (default: this one)
 *   --swoole=PATH     also run each test under this swoole.so, for reference
 *   --keep            keep the scratch directory (printed)
 *
 * The tests are copied to a scratch directory beside a small include/ of
 * this script's own (the helpers the tests call: Assert::*, RandStr,
 * phpt_var_dump(), IS_IN_CI; Swoole's own bootstrap needs the whole Swoole
 * extension and its PHP library) and run by PHP's run-tests.php. Each test
 * is then reported as
 *   pass           passes unchanged
 *   by design      fails because shmtable throws (or refuses) where Swoole
 *                  returns false, truncates or converts lossily: the reason
 *                  is listed below, and the test must fail the way listed
 *   needs class    uses another Swoole class (Process, Atomic, Lock, ...)
 *                  that shmtable does not provide
 *   incompatible   fails for any other reason: a bug to fix
 * The exit status is 0 when nothing is "incompatible". The tests are
 * Swoole's, not ours: this runs only by hand (TESTING.md), never in CI.
 */
declare(strict_types=1);

/*
 * The failures expected by design: test file => [what the test expects of
 * Swoole, what shmtable does instead, a string the failing output contains].
 */
const BY_DESIGN = [
    'conditional_stats' => ['getdel() of an unknown column returns false (a warning)',
        'ValueError', 'getdel(): Argument #2 ($field) must be a column name'],
    'conditional_types' => ['null stored as "" and a 16-byte string cut to its 8-byte column (a log line)',
        'TypeError for null (write "" or cast: (string) $v)', 'column "name" must be of type string, null given'],
    'conditional_validation' => ['cmpset() with an empty $expected, unknown columns or an empty key: false (a warning)',
        'ValueError', 'cmpset(): Argument #2 ($expected) must not be empty'],
    'conditional_write' => ['update()/cmpset()/add() ignore array keys that are not columns',
        'ValueError, nothing written', 'update(): Argument #2 ($values) contains 0, which is not a column'],
    'constructor_count_reentrancy' => ['count() ignores its $mode (count(8.5) counts); count() after destroy() answers 0',
        'count(8.5) is count(8), a mode PHP\'s count() refuses too (ValueError); a destroyed table throws', 'must be either COUNT_NORMAL or COUNT_RECURSIVE'],
    'duplicate_column' => ['a second column() of the same name is refused with a warning and false',
        'ValueError', 'column(): Argument #1 ($name) must be unique'],
    'existing_conversion_safety' => ['destroy() from a __toString() or error handler run during a write is an Error',
        'destroy() succeeds in this process; the write then throws ShmTable\\Exception "Table has been destroyed"', 'Table has been destroyed'],
    'getdel' => ['getdel() of an unknown column returns false (a warning)',
        'ValueError', 'getdel(): Argument #2 ($field) must be a column name'],
    'incr_decr_invalid_column' => ['incr() of an unknown or string column returns false (a warning)',
        'ValueError (unknown column), TypeError (string column)', 'incr(): Argument #2 ($column) must be a column name'],
    'invalid_key' => ['an empty key, or one over 63 bytes, is refused with a warning and false',
        'ValueError', 'set(): Argument #1 ($key) must not be empty'],
    'key_value' => ['get() of an unknown column returns false (a warning)',
        'ValueError', 'get(): Argument #2 ($field) must be a column name'],
    'stats_before_create' => ['stats() before create() and after destroy() returns false',
        'ShmTable\\Exception', 'Table has not been created; call create() first'],
    'stats' => ['(6.2.2\'s version) keys made by base64_decode() of random bytes, sometimes "": an empty key is stored',
        'ValueError for the empty key (the test of later versions passes)', 'set(): Argument #1 ($key) must not be empty'],
    'type_conv' => ['a non-numeric string in an int column is stored as 0',
        'TypeError', 'column "id" must be of type int, non-numeric string given'],
];

$opts = getopt('', ['module:', 'php:', 'swoole:', 'keep'], $rest);
$dir = $argv[$rest] ?? null;
if ($dir === null || !is_dir($dir)) {
    fwrite(STDERR, "usage: php scripts/swoole-compat.php [--module=shmtable.so] [--php=php] [--swoole=swoole.so] [--keep] SWOOLE_SRC/tests/swoole_table\n");
    exit(2);
}
$root = dirname(__DIR__);
$module = realpath($opts['module'] ?? "$root/modules/shmtable.so");
$php = $opts['php'] ?? PHP_BINARY;
$swoole = isset($opts['swoole']) ? realpath($opts['swoole']) : null;
if ($module === false) {
    fwrite(STDERR, "swoole-compat: no shmtable.so (build it with scripts/build.sh, or pass --module)\n");
    exit(2);
}
$runTests = is_file("$root/run-tests.php") ? "$root/run-tests.php" : null;
if ($runTests === null) {
    foreach (glob(dirname(dirname(PHP_BINARY)) . '/lib/php/*/build/run-tests.php') ?: [] as $f) {
        $runTests = $f;
    }
}
if ($runTests === null) {
    fwrite(STDERR, "swoole-compat: no run-tests.php (scripts/build.sh puts one in the repository root)\n");
    exit(2);
}

$tests = glob(rtrim($dir, '/') . '/*.phpt');
sort($tests);
$scratch = sys_get_temp_dir() . '/shmtable-swoole-compat-' . getmypid();
@mkdir("$scratch/swoole_table", 0700, true);
@mkdir("$scratch/include", 0700, true);
foreach ($tests as $t) {
    copy($t, "$scratch/swoole_table/" . basename($t));
}
file_put_contents("$scratch/include/skipif.inc", "<?php\n");
file_put_contents("$scratch/include/bootstrap.php", bootstrap());

/* Runs every test with the given -d settings; returns name => [result, output]. */
function run(string $php, string $runTests, string $scratch, array $ini): array
{
    $args = [$php, $runTests, '-q', '--no-color', '-p', $php, '-n'];
    foreach ($ini as $d) {
        $args[] = '-d';
        $args[] = $d;
    }
    $args[] = "$scratch/swoole_table";
    $p = proc_open($args, [1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes, $scratch,
                   ['NO_INTERACTION' => '1', 'TEST_PHP_EXECUTABLE' => $php, 'PATH' => getenv('PATH')]);
    $out = stream_get_contents($pipes[1]) . stream_get_contents($pipes[2]);
    proc_close($p);
    $results = [];
    foreach (explode("\n", $out) as $line) {
        if (preg_match('/\b(PASS|FAIL|SKIP|BORK|LEAK|WARN)\b[^[]*\[([^]]*\.phpt)\]\s*$/', $line, $m)) {
            $name = basename($m[2], '.phpt');
            $o = @file_get_contents("$scratch/swoole_table/$name.out");
            $results[$name] = [$m[1], $o === false ? '' : $o];
        }
    }
    return $results;
}

$mine = run($php, $runTests, $scratch, ["extension=$module", 'shmtable.swoole_compat=1', 'memory_limit=1024M']);
$ref = [];
if ($swoole !== null) {
    $ref = run($php, $runTests, $scratch, ["extension=$swoole", 'memory_limit=1024M']);
}

$tally = ['pass' => 0, 'by design' => 0, 'needs class' => 0, 'incompatible' => 0];
$rows = [];
foreach ($tests as $t) {
    $name = basename($t, '.phpt');
    [$res, $out] = $mine[$name] ?? ['BORK', ''];
    $why = '';
    if ($res === 'PASS') {
        $verdict = 'pass';
    } elseif (preg_match('/Class "(Swoole\\\\(?!Table\b)[A-Za-z\\\\]+)" not found/', $out, $m)) {
        $verdict = 'needs class';
        $why = $m[1];
    } elseif (isset(BY_DESIGN[$name]) && str_contains($out, BY_DESIGN[$name][2])) {
        $verdict = 'by design';
        $why = BY_DESIGN[$name][0] . '; here: ' . BY_DESIGN[$name][1];
    } else {
        $verdict = 'incompatible';
        $first = '';
        foreach (explode("\n", $out) as $l) {
            if (preg_match('/(Fatal error|Uncaught|Warning|Error|Exception|failed)/i', $l)) {
                $first = trim($l);
                break;
            }
        }
        $why = "$res" . ($first !== '' ? ": $first" : '') . " (see $scratch/swoole_table/$name.diff)";
    }
    $tally[$verdict]++;
    $refres = $swoole !== null ? ' [swoole: ' . ($ref[$name][0] ?? '?') . ']' : '';
    printf("%-13s %-36s%s %s\n", $verdict, $name, $refres, $why);
}
printf("\n%d tests: %d pass, %d by design, %d needs class, %d incompatible\n",
       count($tests), $tally['pass'], $tally['by design'], $tally['needs class'], $tally['incompatible']);
if (!isset($opts['keep']) && $tally['incompatible'] === 0) {
    exec('rm -rf ' . escapeshellarg($scratch));
} else {
    echo "scratch directory kept: $scratch\n";
}
exit($tally['incompatible'] === 0 ? 0 : 1);

/* The helpers Swoole's table tests call, written for this runner. */
function bootstrap(): string
{
    return <<<'PHP'
<?php
// Stand-ins for the helpers of Swoole's test bootstrap that the table tests
// use. A failed assertion prints a line, so the test's output differs.
error_reporting(E_ALL & ~E_DEPRECATED);
ini_set('memory_limit', '1024M');
const IS_IN_CI = false;

final class Assert
{
    private static function fail(string $what, mixed ...$values): bool
    {
        $bt = debug_backtrace(DEBUG_BACKTRACE_IGNORE_ARGS, 2)[1] ?? [];
        echo "Assertion failed: $what at line ", $bt['line'] ?? '?', ': ',
            implode(' vs ', array_map(fn($v) => var_export($v, true), $values)), "\n";
        return false;
    }
    public static function same(mixed $actual, mixed $expected): bool
    {
        return $actual === $expected ?: self::fail('same', $actual, $expected);
    }
    public static function eq(mixed $actual, mixed $expected): bool
    {
        return $actual == $expected ?: self::fail('eq', $actual, $expected);
    }
    public static function true(mixed $actual): bool
    {
        return $actual === true ?: self::fail('true', $actual);
    }
    public static function false(mixed $actual): bool
    {
        return $actual === false ?: self::fail('false', $actual);
    }
    public static function greaterThan(mixed $actual, mixed $than): bool
    {
        return $actual > $than ?: self::fail('greaterThan', $actual, $than);
    }
    public static function contains(mixed $haystack, mixed $needle): bool
    {
        $ok = is_array($haystack) ? in_array($needle, $haystack, true)
                                  : str_contains((string) $haystack, (string) $needle);
        return $ok ?: self::fail('contains', $haystack, $needle);
    }
}

final class RandStr
{
    public static function getBytes(int $n): string
    {
        return random_bytes($n);
    }
}

function phpt_var_dump(mixed ...$args): void
{
    // Swoole's prints only in verbose mode.
}
PHP;
}
