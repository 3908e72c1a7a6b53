#!/bin/sh
# sipconform against its reference target, part 2 of 3: each misbehaviour
# fires its rule and nothing else (tests/target/rules.tbl), cases 2, 5, 8 ...
# (see target_lib.sh)
. "$(cd "${srcdir:-.}" && pwd)/target_lib.sh"
target_rules 2 3
target_finish test_target_rules_2
