#!/usr/bin/env bash
# Sets up and runs the demo: builds the mpki tool and runs `mpki demo`
# (the SCM emulator in-process, a fresh SQLite store under .mpki/demo, the gateway over examples/mail).
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build src/MpkiConnector.Cli -c Release
dotnet run --project src/MpkiConnector.Cli -c Release --no-build -- demo "$@"
