#!/usr/bin/env python3
"""Validates every report template and concept file against the published
JSON Schemas (docs/template.schema.json, docs/concept.schema.json), so the
schemas template authors use stay true to what Synergia loads."""
import glob
import json
import sys

import jsonschema
import yaml

checks = [("docs/template.schema.json", [f for f in sorted(glob.glob("data/templates/*.yaml")) if not f.endswith("choice-lists.yaml")]),
          ("docs/concept.schema.json", sorted(glob.glob("data/concepts/*.yaml")))]
passed = failed = 0
for schema_path, files in checks:
    with open(schema_path, encoding="utf-8") as handle:
        validator = jsonschema.Draft202012Validator(json.load(handle))
    for path in files:
        with open(path, encoding="utf-8") as handle:
            document = yaml.safe_load(handle)
        errors = sorted(validator.iter_errors(document), key=lambda error: list(error.path))
        if errors:
            failed += 1
            for error in errors[:10]:
                print(f"{path}: {'/'.join(map(str, error.path))}: {error.message}")
        else:
            passed += 1
print(f"templates: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
