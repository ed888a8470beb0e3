<?php
/*
 * basic.php - ShmTable\Table in one page: define the columns, create the
 * table, then set, get, incr, iterate, and share a counter with a forked
 * child process.
 *
 *   php -d extension=modules/shmtable.so examples/basic.php
 */
declare(strict_types=1);

use ShmTable\Table;

// 1. Declare the rows it must hold and the columns, then create() it.
//    Creation maps the shared memory: do it before forking.
$users = new Table(1024);
$users->column('name', Table::TYPE_STRING, 32);   // at most 32 bytes
$users->column('visits', Table::TYPE_INT);
$users->column('score', Table::TYPE_FLOAT);
$users->create();

// 2. Write rows: set() and the array syntax do the same.
$users->set('alice', ['name' => 'Alice', 'score' => 9.5]);
$users['bob'] = ['name' => 'Bob', 'visits' => 3];
$users->set('bob', ['score' => 7.25]);            // partial update: visits stays 3

// 3. Read them back: a whole row, one column, or null/false when missing.
print_r($users->get('alice'));                     // [name => Alice, visits => 0, score => 9.5]
echo 'bob has visited ', $users->get('bob', 'visits'), " times\n";
var_dump($users->get('carol'));                    // bool(false)
echo 'carol: ', json_encode($users['carol'] ?? 'nobody'), "\n";

// 4. Counters: incr() creates a missing row and never loses an update.
$users->incr('alice', 'visits');
$users->incr('alice', 'score', 0.5);
echo 'alice: ', $users->incr('alice', 'visits', 10), " visits\n"; // 11

// 5. Iterate and count.
foreach ($users as $key => $row) {
    printf("%-6s %-6s visits=%-3d score=%.2f\n", $key, $row['name'], $row['visits'], $row['score']);
}
echo count($users), ' of ', $users->getSize(), " rows in use\n";

// 6. Share with a child process: both increment the same cell, no lock needed.
$counters = new Table(16);
$counters->column('n', Table::TYPE_INT);
$counters->create();

$pid = pcntl_fork();
if ($pid === -1) {
    exit("fork failed\n");
}
for ($i = 0; $i < 10000; $i++) {
    $counters->incr('hits', 'n');
}
if ($pid === 0) {
    exit(0);                                       // the child is done
}
pcntl_waitpid($pid, $status);
echo 'parent and child counted ', $counters->get('hits', 'n'), " hits\n"; // 20000

// 7. Errors are exceptions, never silent truncation.
try {
    $users->set('dave', ['name' => str_repeat('x', 40)]);
} catch (ValueError $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
