#!/usr/bin/env bash
# Sets up and runs every test: installs what the tests need when it is missing
# (OpenSSL, a software TPM 2.0 and its tools, PostgreSQL for the store conformance tests, which start a
# throwaway cluster of their own, Postfix for the gateway's SMTP tests, which start a throwaway instance of their
# own), restores NuGet packages, builds, tests.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v openssl >/dev/null || need+=(openssl)
command -v swtpm >/dev/null || need+=(swtpm swtpm-tools)
command -v tpm2_createprimary >/dev/null || need+=(tpm2-tools)
[ -e /usr/lib/x86_64-linux-gnu/ossl-modules/tpm2.so ] || ls /usr/lib/*/ossl-modules/tpm2.so >/dev/null 2>&1 || need+=(tpm2-openssl)
ls /usr/lib/*/libtss2-tcti-swtpm.so* >/dev/null 2>&1 || need+=(libtss2-tcti-swtpm0)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
[ -x /usr/sbin/postfix ] || need+=(postfix)
[ -x /usr/lib/chromium/chromium ] || need+=(chromium)
if [ ${#need[@]} -gt 0 ]; then
  echo "test.sh: installing ${need[*]}"
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${need[@]}" >/dev/null
fi

dotnet restore MpkiConnector.sln
dotnet build MpkiConnector.sln -c Release --no-restore
# The reliability suites append their figures (kills, messages, duplicates, orders, memory, the CA fault matrix) here;
# they are printed after the run, pass or fail.
export MPKI_SUITE_FIGURES="$PWD/TestResults/suite-figures.txt"
mkdir -p TestResults && rm -f "$MPKI_SUITE_FIGURES"
print_figures() { [ -s "$MPKI_SUITE_FIGURES" ] && { echo "== reliability suite figures"; cat "$MPKI_SUITE_FIGURES"; }; return 0; }
trap print_figures EXIT
dotnet test MpkiConnector.sln -c Release --no-build --logger "console;verbosity=normal" "$@"
