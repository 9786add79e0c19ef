#!/usr/bin/env bash
# Runs the gateway on http://localhost:5000 with the sample backend on :5100 and a demo user.
# For trying it out on your machine only: the demo user's password is published below.
set -euo pipefail
cd "$(dirname "$0")"

dotnet build Gateway.sln --nologo -v quiet
dotnet run --no-build --project src/SampleBackend > sample-backend.log 2>&1 &
backend=$!
trap 'kill "$backend" 2>/dev/null || true' EXIT

cat <<BANNER

  Gateway      http://localhost:5000  (open it in a browser: the demo app)
  Demo user    demo / gateway-demo-2026
  Sample API   http://localhost:5000/api/me  (through the gateway; backend log: sample-backend.log)

BANNER
ASPNETCORE_ENVIRONMENT=Development Gateway__Demo__Enabled=true dotnet run --no-build --project src/Gateway
