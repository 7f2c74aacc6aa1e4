#!/usr/bin/env python3
"""Checks definitions documents against schema/definitions.schema.json.

Usage: check-schema.py DIR... [--expect-invalid DIR]

Every `.yaml`, `.yml` and `.json` file below each DIR is read (YAML files may hold several
documents) and validated. With `--expect-invalid DIR`, every document below DIR must be
*rejected*, which keeps the schema from silently accepting everything.
"""
import json
import pathlib
import sys

import jsonschema
import yaml

ROOT = pathlib.Path(__file__).resolve().parent.parent
SCHEMA = json.loads((ROOT / "schema" / "definitions.schema.json").read_text())


class CoreSchemaLoader(yaml.SafeLoader):
    """YAML 1.2 core-schema reading, as `revenue` does: dates stay strings, only true/false are booleans."""


CoreSchemaLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag not in (
        "tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
CoreSchemaLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool",
    __import__("re").compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
    list("tTfF"))


def documents(directory):
    for path in sorted(pathlib.Path(directory).rglob("*")):
        if path.name.startswith(".") or not path.is_file():
            continue
        if path.suffix in (".yaml", ".yml"):
            for index, document in enumerate(yaml.load_all(path.read_text(), Loader=CoreSchemaLoader)):
                if document is not None:
                    yield f"{path}#{index}", document
        elif path.suffix == ".json":
            yield str(path), json.loads(path.read_text())


def errors(document):
    validator = jsonschema.Draft202012Validator(SCHEMA)
    return sorted(validator.iter_errors(document), key=lambda error: list(error.absolute_path))


def main(arguments):
    expect_invalid = False
    failures = 0
    checked = 0
    for argument in arguments:
        if argument == "--expect-invalid":
            expect_invalid = True
            continue
        for name, document in documents(argument):
            checked += 1
            found = errors(document)
            if expect_invalid and not found:
                failures += 1
                print(f"{name}: error: the schema accepts a document that must be rejected")
            elif not expect_invalid:
                for error in found:
                    failures += 1
                    path = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in error.absolute_path)
                    print(f"{name}: error: {path.lstrip('.') or '(document)'}: {error.message}")
        expect_invalid = False
    if checked == 0:
        print("check-schema: no documents found", file=sys.stderr)
        return 1
    print(f"check-schema: {checked} documents, {failures} problems")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
