#!/usr/bin/env python3
"""Validates the exported specs with validators written elsewhere.

Every `crates/*/schema/openapi.json` must be a valid OpenAPI 3.1 document
(openapi-spec-validator), and every `crates/*/schema/*.schema.json` must be valid against
the JSON Schema 2020-12 meta-schema (jsonschema), with every `pattern` compiling. Extra
roots (e.g. the construct snapshots under `tests/`) may be given as arguments.

Prints one line per document and a closing `N passed, N failed` line; exits 1 on any failure.
"""

import glob
import json
import sys

from jsonschema import Draft202012Validator
from openapi_spec_validator import validate as validate_openapi


def patterns(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "pattern" and isinstance(value, str):
                yield value
            yield from patterns(value)
    elif isinstance(node, list):
        for item in node:
            yield from patterns(item)


def main(roots):
    passed = failed = 0
    for root in roots:
        for path in sorted(glob.glob(f"{root}/openapi.json")):
            try:
                with open(path, encoding="utf-8") as f:
                    validate_openapi(json.load(f))
                print(f"ok      OpenAPI 3.1   {path}")
                passed += 1
            except Exception as e:  # noqa: BLE001 - report any validator failure
                print(f"FAILED  OpenAPI 3.1   {path}: {e}")
                failed += 1
        for path in sorted(glob.glob(f"{root}/*.schema.json")):
            try:
                with open(path, encoding="utf-8") as f:
                    schema = json.load(f)
                Draft202012Validator.check_schema(schema)
                # A schema compiles: every reference resolves when it validates something.
                Draft202012Validator(schema).is_valid({})
                print(f"ok      JSON Schema   {path} ({len(list(patterns(schema)))} patterns)")
                passed += 1
            except Exception as e:  # noqa: BLE001
                print(f"FAILED  JSON Schema   {path}: {e}")
                failed += 1
    if passed + failed == 0:
        print("no exported document found")
        failed = 1
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:] or sorted(glob.glob("crates/*/schema"))))
