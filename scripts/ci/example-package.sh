#!/usr/bin/env bash
# CI check: a user's own package (Examples/UserCasePackage) depends on this repository through a file:// URL and a
# version tag, defines one assumption case, and runs the suite's claims on it in `swift test -c release`.
# The dependency is a throw-away clone of HEAD tagged 0.99.0 (so the check sees exactly the committed tree and the
# same resolution path as a versioned dependency: SwiftPM refuses such a dependency if a product has unsafe flags).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/langevin-example.XXXXXX")"
trap 'rm -rf "$work"' EXIT

git clone --quiet --no-hardlinks "$root" "$work/LangevinVerification"
git -C "$work/LangevinVerification" tag -l | xargs -r git -C "$work/LangevinVerification" tag -d >/dev/null
git -C "$work/LangevinVerification" tag 0.99.0
cp -R "$root/Examples/UserCasePackage" "$work/UserCasePackage"
rm -rf "$work/UserCasePackage/.build" "$work/UserCasePackage/Package.resolved"

cd "$work/UserCasePackage"
export LANGEVIN_REPOSITORY_URL="file://$work/LangevinVerification"
export LANGEVIN_REPOSITORY_VERSION=0.99.0
echo "== example package: resolve $LANGEVIN_REPOSITORY_URL at 0.99.0"
swift package resolve
echo "== example package: swift test -c release"
swift test -c release 2>&1 | tee "$work/example-test.log"
status=${PIPESTATUS[0]}
grep -q "Executed [1-9][0-9]* tests\?, with 0 failures" "$work/example-test.log" || { echo "example package: no passing XCTest summary"; exit 1; }
exit "$status"
