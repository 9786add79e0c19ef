#!/usr/bin/env bash
# Runs the gateway on http://localhost:5000 with the sample backend on :5100 and a demo user.
# For trying it out on your machine only: the demo user's password is published below.
#   ./demo.sh          the demo (local sign-in with the demo user)
set -euo pipefail
cd "$(dirname "$0")"

mode="${1:-local}"
case "$mode" in
  local) ports=(5000 5100) ;;
  *) echo "demo.sh: unknown mode '$mode'; the modes are: local (the default)" >&2; exit 2 ;;
esac

# Before anything is printed, built or written: a demo already running keeps its ports, its log and its database.
for port in "${ports[@]}"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "demo.sh: port $port is already in use (a demo already running?); stop what listens there first." >&2
    exit 1
  fi
done

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
