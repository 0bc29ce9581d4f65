#!/usr/bin/env bash
# CLI test driver: run.sh KIMPUT CASE.sh
# Each case file is a bash script that uses $KIMPUT, $TMP (a fresh folder) and the
# helpers below, and fails (non-zero exit) on the first broken assertion.
set -euo pipefail
export KIMPUT=$1
case_file=$2
TMP=$(mktemp -d)
export TMP
trap 'rm -rf "$TMP"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
# expect_eq WHAT EXPECTED ACTUAL
expect_eq() { [ "$2" == "$3" ] || fail "$1: expected [$2], got [$3]"; }
# expect_contains WHAT HAYSTACK NEEDLE
expect_contains() { [[ "$2" == *"$3"* ]] || fail "$1: [$2] does not contain [$3]"; }
# run_kimput: runs $KIMPUT with args; sets $out, $err, $rc (never aborts the script)
run_kimput() {
  set +e
  "$KIMPUT" "$@" >"$TMP/.out" 2>"$TMP/.err"
  rc=$?
  set -e
  out=$(cat "$TMP/.out")
  err=$(cat "$TMP/.err")
}
# every output line must be a JSON object whose spans satisfy text[start:end] == span.text
check_spans() { python3 "$(dirname "$0")/check_spans.py" "$@"; }
export -f fail expect_eq expect_contains run_kimput check_spans
cd "$TMP"
source "$case_file"
