#!/usr/bin/env bash
# The one test command: installs the checking tools into .venv, builds, runs the Swift tests,
# then the conformance tests against the real tools over ../shared/corpus.
set -euo pipefail
cd "$(dirname "$0")/.."

python3 -m venv .venv
.venv/bin/pip install --quiet --disable-pip-version-check -r Tests/conformance/requirements.txt
export PATH="$PWD/.venv/bin:$PATH"

swift build
swift test 2>&1 | tee .build/swift-test.log | grep -vE '^(\[|Test Case|◇|✔ Test [a-zA-Z]+\(\) passed)' || true
grep -qE "Test run with [0-9]+ tests? .*passed|Executed [0-9]+ tests?, with 0 failures" .build/swift-test.log
! grep -qE "Test run with [0-9]+ tests? .*failed|with [1-9][0-9]* failures?" .build/swift-test.log

.venv/bin/python -m pytest -q -rs Tests/conformance "$@"
