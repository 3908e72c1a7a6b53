#!/bin/sh
# sipconform against its reference target, part 1 of 3: each misbehaviour
# fires its rule and nothing else (tests/target/rules.tbl), cases 1, 4, 7 ...
# (see target_lib.sh)
. "$(cd "${srcdir:-.}" && pwd)/target_lib.sh"
target_rules 1 3
target_finish test_target_rules_1
