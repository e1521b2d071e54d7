#!/usr/bin/env python3
"""Checks a JSON document against a JSON Schema (draft 2020-12).

Usage: check-json-schema.py SCHEMA DOCUMENT
Prints each error with its path; exits 1 on any error, 0 when the document is valid."""
import json
import sys

import jsonschema


def main():
    schema_path, document_path = sys.argv[1], sys.argv[2]
    with open(schema_path, encoding="utf-8") as f:
        schema = json.load(f)
    with open(document_path, encoding="utf-8") as f:
        document = json.load(f)
    jsonschema.Draft202012Validator.check_schema(schema)
    errors = sorted(jsonschema.Draft202012Validator(schema).iter_errors(document), key=lambda e: list(e.path))
    for error in errors:
        print("/" + "/".join(str(p) for p in error.path) + ": " + error.message)
    print(f"{len(errors)} error(s)")
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
