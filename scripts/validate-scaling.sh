#!/usr/bin/env bash
# Times `mpapi validate wechat.user_order.upload_shopping_info FILE` on generated valid
# bodies of 10,000 / 100,000 / 200,000 orders (one item each), or the sizes given as
# arguments, to show whether validation time grows linearly with the body.
#
#   scripts/validate-scaling.sh                 # 10000 100000 200000
#   scripts/validate-scaling.sh 5000 10000 20000
#
# Builds the release CLI, writes the bodies to a temporary directory with the
# `shopping_bodies` example of mpapi-wechat, checks that each validates (exit status 0),
# then times each with hyperfine when it is installed (`apt-get install hyperfine`), else
# with /usr/bin/time. RUNS and WARMUP set hyperfine's runs and warm-up runs (3 and 1).
#
# VARIANT=invalid (one broken constraint per order) or VARIANT=mistyped (one structural
# mismatch per order, so the deep check runs) times the error paths instead; those bodies
# exit with status 1 and print one violation per order (sent to /dev/null when timing).
set -euo pipefail

cd "$(dirname "$0")/.."
sizes=("$@")
if [ ${#sizes[@]} -eq 0 ]; then
    sizes=(10000 100000 200000)
fi
endpoint=wechat.user_order.upload_shopping_info
cli=${CARGO_TARGET_DIR:-target}/release/mpapi
variant=${VARIANT:-valid}

cargo build --release -p mpapi-cli
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cargo run --quiet -p mpapi-wechat --example shopping_bodies -- --variant "$variant" "$dir" "${sizes[@]}" >/dev/null

for n in "${sizes[@]}"; do
    file="$dir/upload_shopping_info_$n.json"
    printf '%8s orders: %s bytes, ' "$n" "$(wc -c <"$file")"
    status=0
    "$cli" validate "$endpoint" "$file" >/dev/null 2>"$dir/stderr" || status=$?
    tail -n 1 "$dir/stderr"
    if [ "$variant" = valid ] && [ "$status" -ne 0 ]; then
        echo "error: the $n-order body does not validate (exit status $status)" >&2
        exit 1
    fi
done

if command -v hyperfine >/dev/null; then
    commands=()
    for n in "${sizes[@]}"; do
        commands+=(-n "$n orders" "$cli validate $endpoint $dir/upload_shopping_info_$n.json")
    done
    hyperfine --warmup "${WARMUP:-1}" --runs "${RUNS:-3}" --style basic --ignore-failure "${commands[@]}"
else
    for n in "${sizes[@]}"; do
        printf '%8s orders: ' "$n"
        /usr/bin/time -f '%e s elapsed, %M KiB max RSS' \
            "$cli" validate "$endpoint" "$dir/upload_shopping_info_$n.json" 2>&1 >/dev/null | tail -n 1
    done
fi
