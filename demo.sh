#!/usr/bin/env bash
# Runs the gateway on http://localhost:5000 with the sample backend on :5100 and a demo user.
# For trying it out on your machine only: the demo passwords are published below.
#   ./demo.sh          the demo (local sign-in with the demo user)
#   ./demo.sh oidc     the same, but users sign in at the sample OpenID Provider on http://127.0.0.1:5200
set -euo pipefail
cd "$(dirname "$0")"
mode="${1:-local}"
case "$mode" in
  local) ports=(5000 5100) ;;
  oidc) ports=(5000 5100 5200) ;;
  *) echo "demo.sh: unknown mode '$mode'; the modes are: local (the default), oidc" >&2; exit 2 ;;
esac

# Before anything is printed, built or written: a demo already running keeps its ports, its log and its database.
for port in "${ports[@]}"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "demo.sh: port $port is already in use (a demo already running?); stop what listens there first." >&2
    exit 1
  fi
done

dotnet build Gateway.sln --nologo -v quiet

# Every process started here stops with the script: on Ctrl+C, on a closed terminal, on a kill of the script alone.
# (`dotnet run` passes the signal on to the app it runs.)
started=()
stop() { kill "${started[@]}" 2>/dev/null || true; wait || true; }
trap stop EXIT
trap 'exit 130' INT
trap 'exit 143' TERM HUP

dotnet run --no-build --project src/SampleBackend > sample-backend.log 2>&1 &
started+=($!)

if [[ "$mode" == "oidc" ]]; then
  dotnet run --no-build --project src/SampleIdentityProvider > sample-idp.log 2>&1 &
  started+=($!)
  # The sample API trusts the gateway's own tokens: its route forwards those (Metadata:TokenType Gateway).
  # (env: a route id with a '-' is no shell variable name.)
  settings=(Gateway__Authentication__Mode=Oidc
    Gateway__Authentication__Oidc__Authority=http://127.0.0.1:5200
    Gateway__Authentication__Oidc__ClientId=gateway
    Gateway__Authentication__Oidc__ClientSecret=gateway-demo-client-secret
    ReverseProxy__Routes__sample-api__Metadata__TokenType=Gateway)
  cat <<BANNER

  Gateway      http://localhost:5000  (open it in a browser: the demo app; Sign in leads to the provider)
  Provider     http://127.0.0.1:5200  (sample OpenID Provider; log: sample-idp.log)
  Demo users   alice / alice-demo-password, bob / bob-demo-password, carol / carol-demo-password
  Sample API   http://localhost:5000/api/me  (through the gateway; backend log: sample-backend.log)

BANNER
else
  settings=(Gateway__Demo__Enabled=true)
  cat <<BANNER

  Gateway      http://localhost:5000  (open it in a browser: the demo app)
  Demo user    demo / gateway-demo-2026
  Sample API   http://localhost:5000/api/me  (through the gateway; backend log: sample-backend.log)

BANNER
fi

# In the background and waited for, so that a signal to this script is handled at once, not after the gateway ends.
env ASPNETCORE_ENVIRONMENT=Development "${settings[@]}" dotnet run --no-build --project src/Gateway &
started+=($!)
wait "${started[-1]}"
