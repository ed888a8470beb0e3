<?php
/*
 * sessions_swoole.php - the Swoole\Table version of sessions_shmtable.php:
 * the same program, line for line where it can be. See README.md here for
 * every difference between the two classes.
 *
 *   php -d extension=swoole.so examples/swoole-migration/sessions_swoole.php
 *
 * Swoole is not packaged for Debian, so CI only checks this file's syntax;
 * compare.sh here runs it under Swoole builds and under shmtable (with
 * shmtable.swoole_compat=1, unedited) and compares the outputs.
 *
 * A master creates two tables, forks 4 workers, and each worker replays its
 * share of a session log: logins (set), page views (incr on the session and
 * on the page), logouts (del). The master then prints what is left. The
 * output does not depend on how the workers interleave, so it can be compared
 * with expected.txt.
 */
declare(strict_types=1);

use Swoole\Table;

const WORKERS = 4;
const SESSIONS_PER_WORKER = 300;
const PAGES = ['/', '/cart', '/checkout', '/search', '/account'];

$sessions = new Table(2048);                            // 2048 buckets + 20% overflow rows; holds fewer
                                                        // than 2048 keys when keys collide
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
            // Every write can fail by returning false (table full, or no
            // overflow row left for a colliding key): check each one.
            if (!$sessions->set($sid, ['user_id' => $w * 1000 + $i, 'last_page' => '/'])) {
                fwrite(STDERR, "worker $w: table full\n");
                exit(1);
            }
            for ($v = mt_rand(1, 8); $v > 0; $v--) {
                $page = PAGES[mt_rand(0, count(PAGES) - 1)];
                if ($sessions->incr($sid, 'views') === false
                    || !$sessions->set($sid, ['last_page' => $page])
                    || $pages->incr($page, 'views') === false) {
                    fwrite(STDERR, "worker $w: table full\n");
                    exit(1);
                }
                if ($page === '/checkout') {
                    $sessions->incr($sid, 'spent', mt_rand(100, 9999) / 100);
                }
            }
            if (mt_rand(0, 3) === 0) {
                $sessions->del($sid);                   // logout
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
foreach ($sessions as $sid => $row) {                   // rows may be skipped or repeated under writes
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

// What the two classes do differently at the edges: here nothing throws.
$sessions->set(str_repeat('k', 70), []);                // a warning; 6.2.2 stores the row, master refuses it
var_dump($sessions->exists(str_repeat('k', 63)));       // false on both
$sessions->set($first, ['last_page' => str_repeat('x', 20)]);   // a log line
var_dump(strlen($sessions->get($first, 'last_page'))); // 16: the rest is gone
exit($ok ? 0 : 1);
