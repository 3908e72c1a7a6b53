#!/bin/sh
# sipconform against its reference target: the hostile misbehaviours
# (tests/target/hostile.tbl) end in bounded time, with the row's exit, no
# crash and no sanitizer report (see target_lib.sh)
. "$(cd "${srcdir:-.}" && pwd)/target_lib.sh"
target_hostile 1 1
target_finish test_target_hostile
