#!/bin/sh
# sipconform against its reference target, part 1 of 2: the target that
# conforms (tests/target/good.tbl), cases 1, 3, 5 ... (see target_lib.sh)
. "$(cd "${srcdir:-.}" && pwd)/target_lib.sh"
target_good 1 2
target_finish test_target_good_1
