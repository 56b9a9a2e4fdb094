"""Golden tests: each Sample's generated manifests are checked in and must stay current.

`RECORD=1 scripts/test.sh` (or pytest) rewrites them and fails the run, so nobody records by accident.
"""
import difflib
import os
import shutil

import pytest
import yaml

from corpus import BINARY, ROOT, run

SAMPLES = sorted(p for p in (ROOT / "Samples").iterdir() if (p / "compose.yaml").exists())


FORMATS = {"manifests": "manifests", "kustomize": "kustomize", "helm": "chart"}
CASES = [(sample, fmt) for sample in SAMPLES for fmt in FORMATS]


def generate(sample, output, fmt="manifests"):
    # Written as `-o <folder>` from the folder above it, as a user would: the chart's NOTES name that folder.
    result = run([str(BINARY), "convert", "-f", str(sample / "compose.yaml"), "--format", fmt, "-o", output.name], cwd=output.parent)
    assert result.returncode == 0, result.stderr
    return {str(p.relative_to(output)): p.read_text() for p in sorted(output.rglob("*")) if p.is_file()}


def read_tree(folder):
    return {str(p.relative_to(folder)): p.read_text() for p in sorted(folder.rglob("*")) if p.is_file()} if folder.exists() else {}


@pytest.mark.parametrize("sample,fmt", CASES, ids=[f"{s.name}-{f}" for s, f in CASES])
def test_sample_output_is_current(sample, fmt, tmp_path):
    actual = generate(sample, tmp_path / FORMATS[fmt], fmt)
    expected_folder = sample / FORMATS[fmt]
    if os.environ.get("RECORD") == "1":
        shutil.rmtree(expected_folder, ignore_errors=True)
        shutil.copytree(tmp_path / FORMATS[fmt], expected_folder)
        pytest.fail(f"recorded {len(actual)} files into {expected_folder}; run again without RECORD=1")
    expected = read_tree(expected_folder)
    assert sorted(actual) == sorted(expected), "the set of generated files changed (RECORD=1 to update)"
    for name in expected:
        if actual[name] != expected[name]:
            diff = "".join(difflib.unified_diff(expected[name].splitlines(True), actual[name].splitlines(True), name, name + " (now)"))
            pytest.fail(f"{name} changed (RECORD=1 to update):\n{diff}")


@pytest.mark.parametrize("sample", SAMPLES, ids=[p.name for p in SAMPLES])
def test_output_is_byte_identical_across_runs(sample, tmp_path):
    first = generate(sample, tmp_path / "one")
    second = generate(sample, tmp_path / "two")
    assert first == second
    stream = run([str(BINARY), "convert", "--stdout"], cwd=sample).stdout
    assert stream == run([str(BINARY), "convert", "--stdout"], cwd=sample).stdout
    assert str(ROOT) not in stream, "generated output must not depend on where the project lives"
