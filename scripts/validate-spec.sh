#!/usr/bin/env bash
# Validates spec/resource-sharing.openapi.yaml against the OpenAPI 3.0 schema with an
# independent validator (openapi-spec-validator, Python), installed into a private venv.
# Needs python3 with the venv module and access to PyPI.
set -euo pipefail

VALIDATOR_VERSION=0.9.0

cd "$(dirname "${BASH_SOURCE[0]}")/.."

venv=target/spec-venv
if [[ ! -x "$venv/bin/python" ]]; then
    mkdir -p target
    python3 -m venv "$venv"
fi
if ! "$venv/bin/python" -m pip show --quiet openapi-spec-validator >/dev/null 2>&1 \
    || [[ "$("$venv/bin/python" -m pip show openapi-spec-validator | sed -n 's/^Version: //p')" != "$VALIDATOR_VERSION" ]]; then
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check \
        "openapi-spec-validator==$VALIDATOR_VERSION"
fi

"$venv/bin/openapi-spec-validator" spec/resource-sharing.openapi.yaml
