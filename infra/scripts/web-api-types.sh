#!/usr/bin/env bash
# The web page's typed API client (issue 10): dumps the OpenAPI document the API serves at /docs-json
# (built without a database or Temporal) and generates apps/web/src/api/openapi.d.ts from it with
# openapi-typescript. The typecheck runs this first, so a change of the API that breaks the page fails it.
set -euo pipefail
cd "$(dirname "$0")/../.."
out=dist/openapi.json
node -r ./infra/scripts/register.js infra/scripts/dump-openapi.ts "$out"
npx --no-install openapi-typescript "$out" -o apps/web/src/api/openapi.d.ts --alphabetize >/dev/null
echo "apps/web/src/api/openapi.d.ts from $out"
