#!/bin/sh
# sipconform against its reference target, part 2 of 2: the target that
# conforms (tests/target/good.tbl), cases 2, 4, 6 ... (see target_lib.sh)
. "$(cd "${srcdir:-.}" && pwd)/target_lib.sh"
target_good 2 2
target_finish test_target_good_2
