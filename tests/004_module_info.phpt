--TEST--
Module: loaded under the name shmtable, with a version, a phpinfo() section and the ShmTable classes
--EXTENSIONS--
shmtable
--FILE--
<?php
var_dump(extension_loaded('shmtable'));
$ext = new ReflectionExtension('shmtable');
var_dump((bool)preg_match('/^\d+\.\d+\.\d+/', (string)$ext->getVersion()));
var_dump(phpversion('shmtable') === $ext->getVersion());
$classes = array_keys($ext->getClasses());
sort($classes);
var_dump($classes);
ob_start();
phpinfo(INFO_MODULES);
$info = ob_get_clean();
var_dump(stripos($info, 'shmtable') !== false);
?>
--EXPECT--
bool(true)
bool(true)
bool(true)
array(5) {
  [0]=>
  string(15) "ShmTable\Atomic"
  [1]=>
  string(18) "ShmTable\Exception"
  [2]=>
  string(22) "ShmTable\FullException"
  [3]=>
  string(13) "ShmTable\Lock"
  [4]=>
  string(14) "ShmTable\Table"
}
bool(true)
