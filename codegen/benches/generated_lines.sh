#!/usr/bin/env bash
# Lines of the generated Rust per endpoint group: the group's module, plus the lines of the
# shared files (mod.rs, client.rs, schema/mod.rs) that the group's `#[cfg(feature)]` gates,
# and the size of its embedded JSON Schemas. Prints a Markdown table.
#
#   bash codegen/benches/generated_lines.sh   (from the workspace root)
set -euo pipefail
cd "$(dirname "$0")/../.."
printf '| group | endpoints | module lines | module code lines | lines per endpoint | embedded schema KiB |\n'
printf '|---|---:|---:|---:|---:|---:|\n'
total_eps=0 total_lines=0 total_code=0
for dir in crates/*/src/generated; do
    crate=$(basename "$(dirname "$(dirname "$dir")")")
    for f in "$dir"/*.rs; do
        group=$(basename "$f" .rs)
        case "$group" in mod | client | types) continue ;; esac
        eps=$(grep -c '^pub static [A-Z_]*: ::mpapi_runtime::EndpointInfo' "$f")
        lines=$(wc -l <"$f")
        code=$(grep -vc '^\s*//' "$f")
        schema_bytes=$(cat "crates/$crate/schema/"*".$group."*.schema.json | wc -c)
        printf '| `%s::%s` | %d | %d | %d | %d | %d |\n' "${crate//-/_}" "$group" "$eps" "$lines" \
            "$code" $((lines / eps)) $((schema_bytes / 1024))
        total_eps=$((total_eps + eps)) total_lines=$((total_lines + lines)) total_code=$((total_code + code))
    done
done
shared=$(cat crates/*/src/generated/mod.rs crates/*/src/generated/client.rs crates/*/schema/mod.rs | wc -l)
printf '| **all groups** | **%d** | **%d** | **%d** | **%d** | |\n' "$total_eps" "$total_lines" \
    "$total_code" $((total_lines / total_eps))
printf '\nShared files (mod.rs, client.rs, schema/mod.rs of every crate, gated per entry): %d lines, %d per endpoint.\n' \
    "$shared" $((shared / total_eps))
