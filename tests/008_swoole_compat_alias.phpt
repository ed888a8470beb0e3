--TEST--
shmtable.swoole_compat=1: a program written for Swoole\Table (class names, short name, named arguments, fork, incr, foreach, Swoole's stats keys) runs unchanged on ShmTable\Table
--EXTENSIONS--
shmtable
--SKIPIF--
<?php
if (!function_exists('pcntl_fork')) die('skip pcntl required');
if (extension_loaded('swoole')) die('skip the swoole extension is loaded');
?>
--INI--
shmtable.swoole_compat=1
--FILE--
<?php
use Swoole\Table;

$table = new Table(1024);
$table->column('id', Table::TYPE_INT, 4);
$table->column('name', Table::TYPE_STRING, 64);
$table->column('num', Table::TYPE_FLOAT);
$table->create();

$table->set('tianfenghan@qq.com', ['id' => 145, 'name' => 'rango', 'num' => 3.1415]);
$table->set('350749960@qq.com', ['id' => 358, 'name' => "Rango1234", 'num' => 3.1415]);
$table->set('hello@qq.com', ['id' => 189, 'name' => 'rango3', 'num' => 3.1415]);

$pids = [];
for ($w = 0; $w < 4; $w++) {
    $pid = pcntl_fork();
    if ($pid === 0) {
        for ($i = 0; $i < 1000; $i++) {
            $table->incr('counter', 'id');
            $table->incr('counter', 'num', 0.5);
        }
        exit(0);
    }
    $pids[] = $pid;
}
foreach ($pids as $pid) {
    pcntl_waitpid($pid, $status);
}

var_dump($table->get('350749960@qq.com'));
var_dump($table->get('tianfenghan@qq.com', 'name'));
var_dump($table->get('counter', 'id'), $table->get('counter', 'num'));
var_dump($table->exist('hello@qq.com'), $table->exists('nobody'));
$table->del('hello@qq.com');
$keys = [];
foreach ($table as $key => $row) {
    $keys[] = $key;
}
sort($keys);
echo implode(',', $keys), "\n";
var_dump(count($table), $table->count());
$s = $table->stats();
var_dump($s['num'], $s['total_slice_num'], $s['available_slice_num'], $s['delete_count']);

// The class is ShmTable\Table under three names.
$short = new swoole_table(8);
var_dump(get_class($table), $table instanceof Swoole\Table, $short instanceof ShmTable\Table);
var_dump((new ReflectionClass('Swoole\Table'))->getName());
var_dump(ini_get('shmtable.swoole_compat'));

// Named arguments written for Swoole.
$t = new Swoole\Table(table_size: 16, conflict_proportion: 0.2);
$t->column(name: 'n', type: Table::TYPE_INT, size: 8);
$t->create();
$t->set(key: 'k', value: ['n' => 1]);
var_dump($t->incr(key: 'k', column: 'n', incrby: 2), $t->get(key: 'k', field: 'n'));

// Where Swoole would have lost data, this throws.
try {
    $table->set(str_repeat('k', 70), ['id' => 1]);
} catch (ValueError $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
?>
--EXPECT--
array(3) {
  ["id"]=>
  int(358)
  ["name"]=>
  string(9) "Rango1234"
  ["num"]=>
  float(3.1415)
}
string(5) "rango"
int(4000)
float(2000)
bool(true)
bool(false)
350749960@qq.com,counter,tianfenghan@qq.com
int(3)
int(3)
int(3)
int(1024)
int(1021)
int(1)
string(14) "ShmTable\Table"
bool(true)
bool(true)
string(14) "ShmTable\Table"
string(1) "1"
int(3)
int(3)
ValueError: ShmTable\Table::set(): Argument #1 ($key) must be at most 63 bytes long, 70 given
