#!/usr/bin/env python3
"""Extracts the contract the emulator tests check from Sectigo's documents (run from this folder):
   admin-operations.json  the Admin Operations OpenAPI 25.9.2 paths the emulator serves, with every schema they reference;
   classic-fields.json    per classic route of the 25.5 reference (method + example path), its documented response fields.
Usage: extract-contract.py OPENAPI.json SCM-REST-API-25.5.txt"""
import json, re, sys

SERVED = ["/api/smime/v2", "/api/smime/v2/types", "/api/smime/v2/customFields", "/api/smime/v2/enroll",
          "/api/smime/v2/collect/{backendCertId}", "/api/smime/v2/{certId}", "/api/smime/v2/revoke",
          "/api/smime/v2/revoke/serial/{serialNumber}", "/api/smime/v2/revoke/order/{backendCertId}",
          "/api/smime/v2/renew/serial/{serialNumber}", "/api/smime/v2/renew/order/{backendCertId}",
          "/api/person/v2", "/api/person/v2/{id}", "/api/person/v2/id/byEmail/{email}",
          "/api/organization/v1", "/api/organization/v1/{id}",
          "/api/domain/v1", "/api/domain/v1/{id}", "/api/domain/v1/{id}/delegation", "/api/domain/v1/{id}/delegation/approve",
          "/api/domain/v1/{id}/delegation/reject", "/api/domain/v1/{id}/suspend", "/api/domain/v1/{id}/activate",
          "/api/device/v1/types", "/api/device/v1/enroll", "/api/device/v1/collect/{deviceCertId}", "/api/device/v1/{deviceCertId}",
          "/api/device/v1/approve/{deviceCertId}", "/api/device/v1/decline/{deviceCertId}", "/api/device/v1",
          "/api/endpoint/v1", "/api/endpoint/v1/{id}", "/api/endpoint/v1/{id}/config", "/api/endpoint/v1/{eeId}/account",
          "/api/endpoint/v1/{eeId}/account/{id}", "/api/person/v2/{id}/invitation/endpoint",
          "/api/person/v2/{id}/invitation/endpoint/{endpointId}/account", "/api/person/v2/{id}/invitation/send"]

def main(openapi, classic):
    doc = json.load(open(openapi))
    paths = {p: doc["paths"][p] for p in SERVED}
    needed, todo = set(), [paths, doc["components"]["responses"]]
    while todo:
        node = todo.pop()
        if isinstance(node, dict):
            ref = node.get("$ref", "")
            if ref.startswith("#/components/schemas/") and ref.split("/")[-1] not in needed:
                needed.add(ref.split("/")[-1])
                todo.append(doc["components"]["schemas"][ref.split("/")[-1]])
            todo.extend(node.values())
        elif isinstance(node, list):
            todo.extend(node)
    out = {"source": "Sectigo Admin Operations OpenAPI 25.9.2 (" + openapi.split("/")[-1] + "), the paths the emulator serves",
           "paths": paths, "components": {"schemas": {n: doc["components"]["schemas"][n] for n in sorted(needed)},
                                          "responses": doc["components"]["responses"]}}
    json.dump(out, open("admin-operations.json", "w"), indent=1, sort_keys=True)

    lines = open(classic, encoding="utf-8").read().split("\n")
    routes, current, i = {}, None, 0
    while i < len(lines):
        m = re.match(r"\$ curl '(https://cert-manager\.com)?([^'?]*)[^']*' -i -X (\w+)", lines[i])
        if m:
            current = m.group(3) + " " + m.group(2)
        elif lines[i].strip() == "Response fields" and current:
            fields, j = [], i + 1
            while j < len(lines) and not lines[j].startswith("Example response"):
                if lines[j] == " | " and j + 1 < len(lines) and lines[j - 1] == "":
                    fields.append(lines[j + 1].strip())
                j += 1
            routes.setdefault(current, sorted(set(f for f in fields if f and f not in ("Path",))))
            i = j
        i += 1
    json.dump({"source": "Sectigo Certificate Manager REST API 25.5 (" + classic.split("/")[-1] + "), response fields per example request",
               "routes": routes}, open("classic-fields.json", "w"), indent=1, sort_keys=True)

if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
