#!/bin/sh
# sipconform against its reference target, part 3 of 3: each misbehaviour
# fires its rule and nothing else (tests/target/rules.tbl), cases 3, 6, 9 ...
# (see target_lib.sh)
. "$(cd "${srcdir:-.}" && pwd)/target_lib.sh"
target_rules 3 3
target_finish test_target_rules_3
