# kimput re-executes itself once with glibc's malloc tunables (apps/malloc_tuning.cpp):
# the running process has them in its environment, keeps its pid, name, arguments and
# standard input, writes the same output as without them, and leaves a user's own tunables and
# KIMPUT_MALLOC_TUNING=0 alone.
article=$'Quay repairs begin\n\nThe port authority said on Monday that repairs to the old quay would take four months.\n'

# The environment variable $VAR (default GLIBC_TUNABLES) of the kimput process that is
# running, as the image started with it (/proc/PID/environ), read while it waits on stdin.
running_env() {
  rm -f fifo && mkfifo fifo
  "$@" "$KIMPUT" ingest - < fifo > env-out.jsonl &
  local pid=$!
  exec 3> fifo  # kimput (re-executed or not) blocks reading until this is closed
  # Wait until the final program blocks reading stdin (system call 0, read): by then any
  # exec is done. Up to 10 s on a busy machine.
  for _ in $(seq 200); do
    [[ "$(cat /proc/$pid/comm 2>/dev/null)" == kimput && "$(cut -d' ' -f1 /proc/$pid/syscall 2>/dev/null)" == 0 ]] && break
    sleep 0.05
  done
  expect_eq "process name (ps, pkill) after the exec" kimput "$(cat /proc/$pid/comm)"
  local env
  env=$(tr '\0' '\n' < /proc/$pid/environ | grep "^${VAR:-GLIBC_TUNABLES}=" || true)
  printf '%s' "$article" >&3
  exec 3>&-
  wait $pid
  printf '%s\n' "$env"
}

thp=$(cat /sys/kernel/mm/transparent_hugepage/enabled 2>/dev/null || echo "[never]")
libs=$(ldd "$KIMPUT" 2>/dev/null || true)  # not piped into grep -q: with pipefail, ldd's SIGPIPE
if [[ "$libs" == *libasan* ]]; then
  # An AddressSanitizer build: malloc is ASan's, so kimput does not re-execute itself.
  expect_eq "ASan build: no exec" "" "$(running_env env -u GLIBC_TUNABLES)"
elif [[ "$thp" != *"[never]"* ]]; then
  # glibc cuts the variable at its first ':' as it parses it, so only the first tunable shows.
  expect_eq "tunables set" "GLIBC_TUNABLES=glibc.malloc.hugetlb=1" "$(running_env env -u GLIBC_TUNABLES)"
  expect_eq "user's other tunables kept" "GLIBC_TUNABLES=glibc.malloc.tcache_count=8" \
    "$(running_env env GLIBC_TUNABLES=glibc.malloc.tcache_count=8)"
  expect_eq "document read through the exec" stdin "$(jq -r .id env-out.jsonl)"
  # The new image is marked (and puts the variable back as it was), so it never execs again.
  expect_eq "exec marked" "KIMPUT_MALLOC_TUNING=exec" "$(VAR=KIMPUT_MALLOC_TUNING running_env env -u GLIBC_TUNABLES -u KIMPUT_MALLOC_TUNING)"
  expect_eq "exec marked, the user's value kept" "KIMPUT_MALLOC_TUNING=exec:1" "$(VAR=KIMPUT_MALLOC_TUNING running_env env -u GLIBC_TUNABLES KIMPUT_MALLOC_TUNING=1)"
fi
expect_eq "user's malloc tunables win" "GLIBC_TUNABLES=glibc.malloc.top_pad=0" "$(running_env env GLIBC_TUNABLES=glibc.malloc.top_pad=0)"
expect_eq "KIMPUT_MALLOC_TUNING=0: no exec" "" "$(running_env env -u GLIBC_TUNABLES KIMPUT_MALLOC_TUNING=0)"

# Same output, status and messages either way; arguments pass through the exec.
printf '%s' "$article" > a.txt
printf 'not json\n' > bad.jsonl
run_kimput extract --reference-date 2020-01-02 a.txt bad.jsonl
tuned_out=$out tuned_err=$err tuned_rc=$rc
KIMPUT_MALLOC_TUNING=0 run_kimput extract --reference-date 2020-01-02 a.txt bad.jsonl
expect_eq "same output" "$out" "$tuned_out"
expect_eq "same messages" "$err" "$tuned_err"
expect_eq "same status" "$rc" "$tuned_rc"
expect_eq "status with a rejection" 1 "$rc"
