#!/bin/sh
# Every module a target imports is declared for it in Package.swift (system modules aside).
# Usage: scripts/check-imports.sh   (exit 1 naming target and module when one is missing)
cd "$(dirname "$0")/.." || exit 1
"${SWIFT:-swift}" package dump-package > /tmp/synergia-package.json || exit 1
python3 - <<'PY'
import json, os, re, sys
package = json.load(open("/tmp/synergia-package.json"))
system = {"Foundation", "FoundationXML", "FoundationNetworking", "Dispatch", "Glibc", "Synchronization", "Testing", "XCTest", "os"}
missing = []
for target in package["targets"]:
    name = target["name"]
    declared = set()
    for dep in target["dependencies"]:
        for kind in ("byName", "product", "target"):
            if kind in dep:
                declared.add(dep[kind][0])
    folder = target.get("path") or os.path.join("Tests" if target["type"] == "test" else "Sources", name)
    for root, _, files in os.walk(folder):
        for file in files:
            if not file.endswith(".swift"):
                continue
            for line in open(os.path.join(root, file), encoding="utf-8"):
                match = re.match(r"^(?:@testable |@_exported )?import (\w+)", line)
                if match and match.group(1) not in system and match.group(1) not in declared and match.group(1) != name:
                    missing.append(f"{os.path.join(root, file)}: imports {match.group(1)}, which Package.swift does not declare for {name}")
print("\n".join(sorted(set(missing))) or "every import is declared")
sys.exit(1 if missing else 0)
PY
