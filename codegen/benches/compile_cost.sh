#!/usr/bin/env bash
# Compile cost of mpapi-wechat with one endpoint group (order_shipping) and with every group,
# measured interleaved (one, all, one, all, …) so that a shared, loaded machine slows both
# alike. Each variant builds in a target directory of its own under $BENCH_DIR.
#
#   bash codegen/benches/compile_cost.sh [ROUNDS]   (from the workspace root; default 2)
#
# Per round and variant, three `cargo build` (dev profile) runs, each timed by
# /usr/bin/time (wall, user and sys seconds):
#   cold        a fresh target directory: the dependencies (serde, serde_json, regex, time,
#               syn, …, mpapi-runtime, mpapi-derive) and mpapi-wechat;
#   crate-only  `cargo clean -p mpapi-wechat` then build: dependencies already built;
#   touch       a generated module of the group touched, then build (incremental).
# The client feature is off in both variants, so the dependencies are the same and small.
# Prints one TSV line per run: round, variant, kind, wall_s, user_s, sys_s.
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds=${1:-2}
bench_dir=${BENCH_DIR:-${CARGO_TARGET_DIR:-target}/compile-cost}
mkdir -p "$bench_dir"
export CARGO_PROFILE_DEV_DEBUG=${CARGO_PROFILE_DEV_DEBUG:-line-tables-only}
all="access_token,logistics,mall,order_shipping,user_order"
touched=crates/mpapi-wechat/src/generated/order_shipping.rs

times=$(mktemp)
run() { # round variant kind features target
    /usr/bin/time -f '%e\t%U\t%S' -o "$times" cargo build -q -p mpapi-wechat \
        --no-default-features --features "$4" --target-dir "$5" >/dev/null
    printf '%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$(cat "$times")"
}

printf 'round\tvariant\tkind\twall_s\tuser_s\tsys_s\n'
for round in $(seq 1 "$rounds"); do
    for variant in one all; do
        features=order_shipping
        [ "$variant" = all ] && features=$all
        dir="$bench_dir/$variant"
        rm -rf "$dir"
        run "$round" "$variant" cold "$features" "$dir"
        cargo clean -q -p mpapi-wechat --target-dir "$dir"
        run "$round" "$variant" crate-only "$features" "$dir"
        touch "$touched"
        run "$round" "$variant" touch "$features" "$dir"
    done
done
