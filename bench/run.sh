#!/usr/bin/env bash
# The benchmark run: Release build, micro-benchmarks (BenchmarkDotNet), then the side-by-side load run that
# writes bench/RESULTS.md and bench/results.png. Needs wrk and postgresql (Debian packages); installs them when missing.
#   bench/run.sh           full run (about 10 minutes on 2 cores)
#   bench/run.sh --quick   short smoke run without micro-benchmarks
#   bench/run.sh --only hot|refresh|login|postgres|revocation|telemetry|oidc   one part, printed, no micro-benchmarks, no report
#   (oidc: OpenID Connect mode with the sample provider; runs only when named)
# Environment, for work on one path:
#   BENCH_ROUNDS=2 BENCH_SECONDS=5         fewer or shorter measured rounds
#   BENCH_GATEWAY_ENV="K=V;K=V"             environment variables for the gateway processes alone (a setting to try)
#   BENCH_BASELINE_GATEWAY=<other Gateway.dll>  with --only hot: that build runs beside this one in the same rounds
#                                           (same database and keys), for a before/after without the machine's drift
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

if ! command -v wrk >/dev/null; then
  apt-get update -qq && apt-get install -y -qq wrk
fi
# The PostgreSQL refresh scenario starts a throwaway server of its own from Debian's package.
if [[ ! -x /usr/lib/postgresql/15/bin/initdb ]]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql
fi

for project in src/Gateway src/SampleIdentityProvider bench/Bench.Downstream bench/Bench.PlainYarp bench/Bench.Runner bench/Gateway.Benchmarks; do
  dotnet build "$project" -c Release --nologo -v quiet
done

if [[ $# -eq 0 ]]; then
  rm -rf bench/BenchmarkDotNet.Artifacts
  (cd bench && dotnet Gateway.Benchmarks/bin/Release/net10.0/Gateway.Benchmarks.dll --filter '*')
else
  rm -rf bench/BenchmarkDotNet.Artifacts
fi

dotnet bench/Bench.Runner/bin/Release/net10.0/Bench.Runner.dll "$root" "$@"
