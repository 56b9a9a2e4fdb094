#!/usr/bin/env bash
# The one test command: installs the checking tools into .venv, builds, runs the Swift tests,
# then the conformance tests against the real tools over ../shared/corpus.
set -euo pipefail
cd "$(dirname "$0")/.."

python3 -m venv .venv
.venv/bin/pip install --quiet --disable-pip-version-check -r Tests/conformance/requirements.txt
export PATH="$PWD/.venv/bin:$PATH"

swift build
swift test

.venv/bin/python -m pytest -q -rs Tests/conformance "$@"
