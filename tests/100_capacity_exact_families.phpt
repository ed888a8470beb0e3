--TEST--
Capacity is exact: N distinct keys of any family fit, the (N+1)th new key throws ShmTable\FullException
--EXTENSIONS--
shmtable
--FILE--
<?php
use ShmTable\Table;

function family(string $name, int $n): array {
    $keys = [];
    switch ($name) {
        case 'sequential':
            for ($i = 1; $i <= $n + 1; $i++) {
                $keys[] = (string)$i;
            }
            break;
        case 'prefixed':
            for ($i = 1; $i <= $n + 1; $i++) {
                $keys[] = "user:$i";
            }
            break;
        case 'random binary':
            mt_srand($n);
            $set = [];
            while (count($set) < $n + 1) {
                $set[random_bytes(mt_rand(1, 63))] = true;
            }
            $keys = array_map('strval', array_keys($set));
            break;
        case 'long shared prefix':
            for ($i = 1; $i <= $n + 1; $i++) {
                $keys[] = str_pad((string)$i, 63, "\0", STR_PAD_LEFT);
            }
            break;
    }
    return $keys;
}

foreach ([1, 7, 1000, 50000] as $n) {
    foreach (['sequential', 'prefixed', 'random binary', 'long shared prefix'] as $fam) {
        $t = new Table($n);
        $t->column('v', Table::TYPE_INT);
        $t->create();
        $keys = family($fam, $n);
        $stored = 0;
        $full = 0;
        for ($i = 0; $i < $n; $i++) {
            try {
                if ($t->set($keys[$i], ['v' => $i])) {
                    $stored++;
                }
            } catch (ShmTable\FullException $e) {
                $full++;
            }
        }
        $msg = '';
        try {
            $t->set($keys[$n], ['v' => -1]);
            $msg = 'no exception';
        } catch (Throwable $e) {
            $msg = get_class($e) . ': ' . $e->getMessage();
        }
        // Every stored row reads back.
        $ok = 0;
        for ($i = 0; $i < $n; $i++) {
            if ($t->get($keys[$i], 'v') === $i) {
                $ok++;
            }
        }
        $s = $t->stats();
        printf("N=%d %s: stored=%d full_early=%d count=%d readback=%d max_chain<=12:%s\n  %s\n",
            $n, $fam, $stored, $full, count($t), $ok, $s['max_chain'] <= 12 ? 'yes' : 'no', $msg);
        $t->destroy();
    }
}
?>
--EXPECT--
N=1 sequential: stored=1 full_early=0 count=1 readback=1 max_chain<=12:yes
  ShmTable\FullException: Table is full: its only row is in use
N=1 prefixed: stored=1 full_early=0 count=1 readback=1 max_chain<=12:yes
  ShmTable\FullException: Table is full: its only row is in use
N=1 random binary: stored=1 full_early=0 count=1 readback=1 max_chain<=12:yes
  ShmTable\FullException: Table is full: its only row is in use
N=1 long shared prefix: stored=1 full_early=0 count=1 readback=1 max_chain<=12:yes
  ShmTable\FullException: Table is full: its only row is in use
N=7 sequential: stored=7 full_early=0 count=7 readback=7 max_chain<=12:yes
  ShmTable\FullException: Table is full: all 7 rows are in use
N=7 prefixed: stored=7 full_early=0 count=7 readback=7 max_chain<=12:yes
  ShmTable\FullException: Table is full: all 7 rows are in use
N=7 random binary: stored=7 full_early=0 count=7 readback=7 max_chain<=12:yes
  ShmTable\FullException: Table is full: all 7 rows are in use
N=7 long shared prefix: stored=7 full_early=0 count=7 readback=7 max_chain<=12:yes
  ShmTable\FullException: Table is full: all 7 rows are in use
N=1000 sequential: stored=1000 full_early=0 count=1000 readback=1000 max_chain<=12:yes
  ShmTable\FullException: Table is full: all 1000 rows are in use
N=1000 prefixed: stored=1000 full_early=0 count=1000 readback=1000 max_chain<=12:yes
  ShmTable\FullException: Table is full: all 1000 rows are in use
N=1000 random binary: stored=1000 full_early=0 count=1000 readback=1000 max_chain<=12:yes
  ShmTable\FullException: Table is full: all 1000 rows are in use
N=1000 long shared prefix: stored=1000 full_early=0 count=1000 readback=1000 max_chain<=12:yes
  ShmTable\FullException: Table is full: all 1000 rows are in use
N=50000 sequential: stored=50000 full_early=0 count=50000 readback=50000 max_chain<=12:yes
  ShmTable\FullException: Table is full: all 50000 rows are in use
N=50000 prefixed: stored=50000 full_early=0 count=50000 readback=50000 max_chain<=12:yes
  ShmTable\FullException: Table is full: all 50000 rows are in use
N=50000 random binary: stored=50000 full_early=0 count=50000 readback=50000 max_chain<=12:yes
  ShmTable\FullException: Table is full: all 50000 rows are in use
N=50000 long shared prefix: stored=50000 full_early=0 count=50000 readback=50000 max_chain<=12:yes
  ShmTable\FullException: Table is full: all 50000 rows are in use
