#!/usr/bin/env bash
# Short fuzz run of every target in fuzz/ (cargo-fuzz, libFuzzer): each for a
# bounded time, starting from the committed seeds in fuzz/corpus/<target>/.
# Exits non-zero if any target finds a crash (the input is left in
# fuzz/artifacts/<target>/). Installs cargo-fuzz only if it is missing.
# Usage: scripts/fuzz-smoke.sh [SECONDS_PER_TARGET]   (default 15, or $FUZZ_SECONDS)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
seconds=${1:-${FUZZ_SECONDS:-15}}
# Fuzz builds (sanitizers, nightly) stay in fuzz/target, apart from the normal builds.
unset CARGO_TARGET_DIR

log() { printf '[fuzz-smoke] %s\n' "$*" >&2; }

if ! rustup toolchain list | grep -q '^nightly'; then
  log "installing the nightly toolchain (cargo-fuzz needs it)"
  rustup toolchain install nightly --profile minimal
fi
if ! cargo fuzz --version >/dev/null 2>&1; then
  log "installing cargo-fuzz"
  cargo install cargo-fuzz --locked
fi

cd fuzz
targets=$(cargo +nightly fuzz list)
log "building targets: $(echo $targets)"
cargo +nightly fuzz build

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
for target in $targets; do
  log "$target: ${seconds}s"
  mkdir -p "$scratch/$target" "corpus/$target"
  # New inputs go to the scratch folder, so the committed corpus stays as it is.
  cargo +nightly fuzz run "$target" "$scratch/$target" "corpus/$target" -- \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=0 2>"$scratch/$target.log" || {
    tail -n 40 "$scratch/$target.log" >&2
    log "$target: CRASH (input saved under fuzz/artifacts/$target/)"
    exit 1
  }
  grep -E '^Done [0-9]+ runs' "$scratch/$target.log" | tail -n 1 | sed "s/^/[fuzz-smoke] $target: /" >&2 || true
done
log "all targets ran without a crash"
