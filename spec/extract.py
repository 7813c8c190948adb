#!/usr/bin/env python3
"""Regenerates spec/customers.structure.json from Seam's OpenAPI document.

Keeps only structure (paths, methods, parameter names, schemas: types, formats, enums,
required lists, constraints, defaults, nullability) and drops every description text,
so the copy in this repository holds no prose of Seam's. `$ref`s are inlined.

Usage: python3 spec/extract.py ../shared/spec/seam-customers.openapi.json > spec/customers.structure.json
then copy it over each crate-local copy (`cargo xtask copies` names any that differ).
"""
import json
import sys

DROP = {"description", "x-title", "summary", "tags", "x-fern-sdk-group-name",
        "x-fern-sdk-method-name", "x-fern-sdk-return-value", "x-route-path"}


def main(path):
    doc = json.load(open(path))

    def resolve(node):
        while isinstance(node, dict) and "$ref" in node:
            target = doc
            for part in node["$ref"].lstrip("#/").split("/"):
                target = target[part]
            node = target
        return node

    def clean(node):
        node = resolve(node)
        if isinstance(node, dict):
            out = {}
            for key, value in node.items():
                if key in DROP:
                    continue
                if key == "x-undocumented":
                    out[key] = True
                    continue
                out[key] = clean(value)
            return out
        if isinstance(node, list):
            return [clean(item) for item in node]
        return node

    out = {"source": doc["info"].get("x-source", ""), "operations": []}
    for route, methods in doc["paths"].items():
        for method, op in methods.items():
            entry = {
                "method": method.upper(),
                "path": route,
                "operation_id": op.get("operationId"),
                "response_key": op.get("x-response-key"),
                "undocumented": "x-undocumented" in op,
                "security": [next(iter(s)) for s in op.get("security", [])],
            }
            if "parameters" in op:
                entry["query"] = [
                    {"name": p["name"], "in": p["in"], "schema": clean(p["schema"])}
                    for p in op["parameters"]
                ]
            if "requestBody" in op:
                entry["body"] = clean(op["requestBody"]["content"]["application/json"]["schema"])
            entry["response"] = clean(op["responses"]["200"]["content"]["application/json"]["schema"])
            out["operations"].append(entry)
    json.dump(out, sys.stdout, indent=1, sort_keys=True)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main(sys.argv[1])
