#!/usr/bin/env bash
# expect.sh EXIT_CODE REGEX -- COMMAND...
# Runs COMMAND; passes when it exits with EXIT_CODE and its combined output
# matches the extended regular expression REGEX.
set -u
want=$1; pattern=$2; shift 2
[ "$1" = "--" ] && shift
out=$("$@" 2>&1); got=$?
printf '%s\n' "$out"
if [ "$got" -ne "$want" ]; then echo "expected exit code $want, got $got"; exit 1; fi
if ! printf '%s\n' "$out" | grep -qE -- "$pattern"; then echo "output does not match: $pattern"; exit 1; fi
