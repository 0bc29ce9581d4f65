# kimput advises its heaps for transparent huge pages itself (apps/malloc_tuning.cpp,
# lib/kimput/huge_pages.cpp): the running process has heap mappings marked for huge pages
# ("hg" in /proc/PID/smaps), its environment as it was started (no re-execution), the same
# output as without the advice; and it leaves a user's own tunables and
# KIMPUT_MALLOC_TUNING=0 alone.
article=$'Quay repairs begin\n\nThe port authority said on Monday that repairs to the old quay would take four months.\n'

# Runs kimput SUBCOMMAND on a fifo and, while it waits on stdin, prints the number of its
# mappings advised for huge pages and its GLIBC_TUNABLES (as /proc/PID/environ has it).
# With extract, waits for the passes' threads to have advised their heaps too ($WANT
# mappings, up to 10 s on a busy machine; WANT=0 for none).
running() {
  local sub=$1
  shift
  rm -f fifo && mkfifo fifo
  "$@" "$KIMPUT" "$sub" - < fifo > run-out.jsonl &
  local pid=$!
  exec 3> fifo  # kimput blocks reading until this is closed
  local hg=0
  for _ in $(seq 200); do
    if [[ "$(cut -d' ' -f1 /proc/$pid/syscall 2>/dev/null)" == 0 ]]; then  # blocked in read
      hg=$(grep -c '^VmFlags:.* hg' /proc/$pid/smaps 2>/dev/null || true)
      (( hg >= ${WANT:-1} )) && break
    fi
    sleep 0.05
  done
  local env
  env=$(tr '\0' '\n' < /proc/$pid/environ | grep '^GLIBC_TUNABLES=' || true)
  printf '%s' "$article" >&3
  exec 3>&-
  wait $pid
  printf '%s %s\n' "$hg" "$env"
}

thp=$(cat /sys/kernel/mm/transparent_hugepage/enabled 2>/dev/null || echo "[never]")
libs=$(ldd "$KIMPUT" 2>/dev/null || true)  # not piped into grep -q: with pipefail, ldd's SIGPIPE
if [[ "$libs" == *libasan* || "$thp" == *"[never]"* ]]; then
  # An AddressSanitizer build (malloc is ASan's), or no transparent huge pages: no advice.
  expect_eq "no advice" "0 " "$(WANT=0 running ingest env -u GLIBC_TUNABLES)"
else
  expect_eq "main heap advised, environment untouched" "1 " "$(running ingest env -u GLIBC_TUNABLES)"
  expect_eq "document read" stdin "$(jq -r .id run-out.jsonl)"
  # extract: the main heap, and the heaps of the lexicon's and the date rules' threads (each
  # a mapping or two: its writable part and the reserve it grows into).
  read -r hg_extract _ <<< "$(WANT=2 running extract env -u GLIBC_TUNABLES)"
  (( hg_extract >= 2 )) || fail "extract: the threads' heaps advised: $hg_extract mappings"
  expect_eq "user's other tunables kept" "1 GLIBC_TUNABLES=glibc.malloc.tcache_count=8" \
    "$(running ingest env GLIBC_TUNABLES=glibc.malloc.tcache_count=8)"
  expect_eq "user's hugetlb wins" "0 GLIBC_TUNABLES=glibc.malloc.hugetlb=0" \
    "$(WANT=0 running ingest env GLIBC_TUNABLES=glibc.malloc.hugetlb=0)"
fi
expect_eq "KIMPUT_MALLOC_TUNING=0: no advice" "0 " "$(WANT=0 running ingest env -u GLIBC_TUNABLES KIMPUT_MALLOC_TUNING=0)"

# Same output, status and messages either way.
printf '%s' "$article" > a.txt
printf 'not json\n' > bad.jsonl
run_kimput extract --reference-date 2020-01-02 a.txt bad.jsonl
tuned_out=$out tuned_err=$err tuned_rc=$rc
KIMPUT_MALLOC_TUNING=0 run_kimput extract --reference-date 2020-01-02 a.txt bad.jsonl
expect_eq "same output" "$out" "$tuned_out"
expect_eq "same messages" "$err" "$tuned_err"
expect_eq "same status" "$rc" "$tuned_rc"
expect_eq "status with a rejection" 1 "$rc"
