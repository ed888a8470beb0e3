<?php
/*
 * sessions_shmtable.php - the ShmTable\Table version of sessions_swoole.php:
 * the same program, line for line where it can be. See README.md here for
 * every difference between the two classes.
 *
 *   php -d extension=modules/shmtable.so examples/swoole-migration/sessions_shmtable.php
 *
 * A master creates two tables, forks 4 workers, and each worker replays its
 * share of a session log: logins (set), page views (incr on the session and
 * on the page), logouts (del). The master then prints what is left. The
 * output does not depend on how the workers interleave, so it can be compared
 * with expected.txt.
 */
declare(strict_types=1);

use ShmTable\Table;                                     // Swoole: use Swoole\Table;

const WORKERS = 4;
const SESSIONS_PER_WORKER = 300;
const PAGES = ['/', '/cart', '/checkout', '/search', '/account'];

$sessions = new Table(2048);                            // exactly 2048 rows
$sessions->column('user_id', Table::TYPE_INT);
$sessions->column('views', Table::TYPE_INT);
$sessions->column('last_page', Table::TYPE_STRING, 16);
$sessions->column('spent', Table::TYPE_FLOAT);
$sessions->create();

$pages = new Table(64);
$pages->column('views', Table::TYPE_INT);
$pages->create();

$pids = [];
for ($w = 0; $w < WORKERS; $w++) {
    $pid = pcntl_fork();
    if ($pid === 0) {
        mt_srand($w + 1);                               // each worker: its own, reproducible log
        for ($i = 0; $i < SESSIONS_PER_WORKER; $i++) {
            $sid = sprintf('w%d-%08x', $w, mt_rand());
            try {
                $sessions->set($sid, ['user_id' => $w * 1000 + $i, 'last_page' => '/']);
                for ($v = mt_rand(1, 8); $v > 0; $v--) {
                    $page = PAGES[mt_rand(0, count(PAGES) - 1)];
                    $sessions->incr($sid, 'views');
                    $sessions->set($sid, ['last_page' => $page]);
                    $pages->incr($page, 'views');
                    if ($page === '/checkout') {
                        $sessions->incr($sid, 'spent', mt_rand(100, 9999) / 100);
                    }
                }
                if (mt_rand(0, 3) === 0) {
                    $sessions->del($sid);               // logout
                }
            } catch (ShmTable\FullException $e) {       // Swoole: set() returns false
                fwrite(STDERR, "worker $w: {$e->getMessage()}\n");
                exit(1);
            }
        }
        exit(0);
    }
    $pids[] = $pid;
}
$ok = true;
foreach ($pids as $pid) {
    pcntl_waitpid($pid, $status);
    $ok = $ok && pcntl_wifexited($status) && pcntl_wexitstatus($status) === 0;
}

$rows = [];
foreach ($sessions as $sid => $row) {                   // each row exactly once, even under writes
    $rows[$sid] = $row;
}
ksort($rows);
$views = array_sum(array_column($rows, 'views'));
$spent = array_sum(array_column($rows, 'spent'));
printf("sessions open: %d of %d rows\n", count($sessions), $sessions->getSize());
printf("views in open sessions: %d, spent: %.2f\n", $views, $spent);
$byPage = [];
foreach ($pages as $page => $row) {
    $byPage[$page] = $row['views'];
}
ksort($byPage);
foreach ($byPage as $page => $n) {
    printf("  %-10s %5d views\n", $page, $n);
}
printf("all views: %d\n", array_sum($byPage));
$first = array_key_first($rows);
printf("first open session: %s %s\n", $first, json_encode($rows[$first]));

// What the two classes do differently at the edges:
try {
    $sessions->set(str_repeat('k', 70), []);           // Swoole: key cut to 63 bytes, stored
} catch (ValueError $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
try {
    $sessions->set($first, ['last_page' => str_repeat('x', 20)]);   // Swoole: cut to 16 bytes
} catch (ValueError $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
exit($ok ? 0 : 1);
