#!/usr/bin/env python3
"""Every output of compose2kube over the corpus and the Samples, in one folder, to compare two builds.

For each compose file: `config` (YAML and JSON), `convert` in every format (the files it writes,
its stdout and stderr, its exit code) and `tutorial`. Run it before and after a change that must
not change the output, then compare the two folders:

    .venv/bin/python scripts/snapshot.py /tmp/before
    # ... change, swift build ...
    .venv/bin/python scripts/snapshot.py /tmp/after
    diff -r /tmp/before /tmp/after && echo identical
"""
import argparse
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "Tests" / "conformance"))
from corpus import BINARY, CLEAN_ENV, CORPUS, corpus_files  # noqa: E402

SCRATCH = Path(tempfile.gettempdir()) / "compose2kube-snapshot"
COMMANDS = {
    "config.yaml": ["config"],
    "config.json": ["config", "--format", "json"],
    "manifests": ["convert", "--format", "manifests", "-o", "{out}"],
    "kustomize": ["convert", "--format", "kustomize", "-o", "{out}"],
    "helm": ["convert", "--format", "helm", "-o", "{out}"],
    "stdout": ["convert", "--stdout"],
    "tutorial": ["tutorial", "-o", "-"],
}


def compose_files():
    samples = sorted(p for p in (ROOT / "Samples").glob("*/compose.yaml"))
    return samples + corpus_files()


def record(path, into):
    """Every command's result for one compose file, under `into`."""
    into.mkdir(parents=True, exist_ok=True)
    for name, arguments in COMMANDS.items():
        # One fixed folder, so the paths the output names are the same in every snapshot.
        shutil.rmtree(SCRATCH, ignore_errors=True)
        SCRATCH.mkdir(parents=True)
        out = SCRATCH / "out"
        args = [str(BINARY), arguments[0], "-f", path.name] + [a.replace("{out}", str(out)) for a in arguments[1:]]
        result = subprocess.run(args, cwd=path.parent, env=CLEAN_ENV, capture_output=True, timeout=120)
        text = result.stdout + b"\n--- stderr\n" + result.stderr
        (into / f"{name}.txt").write_bytes(text + f"\n--- exit {result.returncode}\n".encode())
        if out.exists():
            shutil.copytree(out, into / name, symlinks=True)
    shutil.rmtree(SCRATCH, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    options = parser.parse_args()
    if options.folder.exists():
        shutil.rmtree(options.folder)
    files = compose_files()
    for path in files:
        base = ROOT if path.is_relative_to(ROOT) else CORPUS
        key = str(path.relative_to(base)).replace(os.sep, "__")
        record(path, options.folder / key)
    digest = hashlib.sha256()
    for file in sorted(p for p in options.folder.rglob("*") if p.is_file()):
        digest.update(str(file.relative_to(options.folder)).encode() + file.read_bytes())
    print(f"{len(files)} compose files, {len(COMMANDS)} commands each: {digest.hexdigest()[:16]}")


if __name__ == "__main__":
    main()
