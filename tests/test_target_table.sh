#!/bin/sh
# The tables of the target tests cover every rule of the catalogue and
# every misbehaviour of the target, and agree with what the target lists
# (see target_lib.sh); no target is started
. "$(cd "${srcdir:-.}" && pwd)/target_lib.sh"
target_tables
target_finish test_target_table
