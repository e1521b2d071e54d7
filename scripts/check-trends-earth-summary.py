#!/usr/bin/env python3
"""Checks a trends-earth-summary.json against the JSON Schema derived from te_schemas
(Tests/Fixtures/trends-earth-summary.schema.json) and that every key the schema declares
for an object is present in the file, Optional ones included (Trends.Earth writes a
missing optional part as null, never leaves the key out).

Usage: check-trends-earth-summary.py SCHEMA SUMMARY
Prints the errors, then "N key paths, M missing"; exits 1 on any error or missing key."""
import json
import sys

import jsonschema


def resolve(schema, root):
    while "$ref" in schema:
        schema = root["$defs"][schema["$ref"].split("/")[-1]]
    return schema


def walk(value, schema, root, path, paths, missing):
    schema = resolve(schema, root)
    if "oneOf" in schema:
        if value is None:
            return
        schema = resolve([s for s in schema["oneOf"] if s.get("type") != "null"][0], root)
    if isinstance(value, dict):
        for key, sub in schema.get("properties", {}).items():
            paths.add(f"{path}/{key}")
            if key not in value:
                missing.append(f"{path}/{key}")
            else:
                walk(value[key], sub, root, f"{path}/{key}", paths, missing)
        extra = schema.get("additionalProperties")
        if isinstance(extra, dict):
            for key, item in value.items():
                walk(item, extra, root, f"{path}/*", paths, missing)
    elif isinstance(value, list) and "items" in schema:
        for item in value:
            walk(item, schema["items"], root, f"{path}[]", paths, missing)


def main():
    with open(sys.argv[1], encoding="utf-8") as handle:
        schema = json.load(handle)
    with open(sys.argv[2], encoding="utf-8") as handle:
        summary = json.load(handle)
    validator = jsonschema.Draft202012Validator(schema)
    errors = sorted(validator.iter_errors(summary), key=lambda error: list(error.absolute_path))
    for error in errors[:20]:
        print(f"{'/'.join(map(str, error.absolute_path))}: {error.message}")
    paths, missing = set(), []
    walk(summary, schema, schema, "", paths, missing)
    for path in sorted(set(missing))[:20]:
        print(f"{path}: missing")
    print(f"{len(errors)} schema errors, {len(paths)} key paths, {len(set(missing))} missing")
    sys.exit(1 if errors or missing else 0)


main()
