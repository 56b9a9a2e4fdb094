"""Mutation fuzzing: every corpus file and Sample, mutated at random (deterministic seeds) and
run through the whole pipeline. It must never crash, hang or leave partial output: exit 0 with
parseable output, or exit 1 with an error and nothing written."""
import os
import random
import re
import subprocess
import sys

import pytest
import yaml

from corpus import BINARY, CLEAN_ENV, ROOT, corpus_files

sys.setrecursionlimit(20_000)  # the deep-nesting mutation goes deeper than PyYAML likes
CASES = int(os.environ.get("FUZZ_CASES", "2000"))
SOURCES = sorted(p / "compose.yaml" for p in (ROOT / "Samples").iterdir() if (p / "compose.yaml").exists()) + corpus_files()
SCALARS = [0, -1, 65536, 3.5, True, None, "", "x" * 5, "${UNSET:?boom}", "80:abc", "[", "ñ", "0x10", "1e400", "$$", {"a": 1}, [1, [2]]]


def paths(value, prefix=()):
    yield prefix
    if isinstance(value, dict):
        for key, child in value.items():
            yield from paths(child, prefix + (key,))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from paths(child, prefix + (index,))


def get(value, path):
    for part in path:
        value = value[part]
    return value


def mutate_tree(document, rng):
    """Delete, duplicate or retype a random key, or nest a value deeply."""
    candidates = [p for p in paths(document) if p]
    if not candidates:
        return {"services": rng.choice(SCALARS)}
    path = rng.choice(candidates)
    parent, key = get(document, path[:-1]), path[-1]
    action = rng.randrange(5)
    if action == 0:
        del parent[key]
    elif action == 1 and isinstance(parent, dict):
        parent[f"{key}_copy" if rng.random() < 0.5 else rng.choice(["image", "ports", "volumes", "depends_on", "environment"])] = parent[key]
    elif action == 2:
        parent[key] = rng.choice(SCALARS)
    elif action == 3:
        value = parent[key]
        for _ in range(rng.choice([50, 300])):
            value = [value] if rng.random() < 0.5 else {"n": value}
        parent[key] = value
    else:
        parent[key] = "y" * rng.choice([1000, 200_000])
    return document


def mutate_text(text, rng):
    """Truncate, inject bad bytes, or add anchors that alias themselves."""
    data = text.encode()
    action = rng.randrange(4)
    if action == 0:
        return data[: rng.randrange(len(data) + 1)]
    if action == 1:
        at = rng.randrange(len(data) + 1)
        return data[:at] + rng.choice([b"\xff\xfe", b"\xc3", b"\x00", b"\t\t", b"\r"]) + data[at:]
    if action == 2:
        return data + b"\nx-loop: &loop [*loop]\n"
    return data + b"\nx-bomb: &a [1, 1, 1, 1, 1, 1, 1, 1, 1]\nx-b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nx-c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"


def mutated(source, rng):
    text = source.read_text()
    if rng.random() < 0.5:
        return mutate_text(text, rng)
    try:
        document = yaml.safe_load(text) or {}
    except yaml.YAMLError:
        return mutate_text(text, rng)
    for _ in range(rng.randint(1, 3)):
        document = mutate_tree(document, rng)
    return yaml.safe_dump(document, allow_unicode=True).encode()


def run_case(seed, tmp_path):
    rng = random.Random(seed)
    source = SOURCES[seed % len(SOURCES)]
    folder = tmp_path / f"case{seed}"
    folder.mkdir()
    (folder / "compose.yaml").write_bytes(mutated(source, rng))
    for sibling in source.parent.iterdir():  # env files and mounted files the project refers to
        if sibling.is_file() and sibling.suffix in (".env", ".txt", ".conf", ".yaml", ".csv") and sibling.name != "compose.yaml" and sibling.stat().st_size < 100_000:
            (folder / sibling.name).write_bytes(sibling.read_bytes())
    fmt = rng.choice(["manifests", "helm", "kustomize"])
    try:
        result = subprocess.run([str(BINARY), "convert", "-f", "compose.yaml", "--format", fmt, "-o", "out"], cwd=folder, env=CLEAN_ENV,
                                capture_output=True, timeout=60)
    except subprocess.TimeoutExpired:
        return f"seed {seed} ({source.name}): hang"
    stderr = result.stderr.decode(errors="replace")
    if result.returncode < 0 or result.returncode not in (0, 1):
        return f"seed {seed} ({source.name}, {fmt}): crashed with {result.returncode}: {stderr[-500:]}"
    if result.returncode == 1:
        if "error:" not in stderr:
            return f"seed {seed}: exit 1 without an error message"
        if (folder / "out").exists():
            return f"seed {seed}: failed but left output behind"
        return None
    written = [p for p in (folder / "out").rglob("*") if p.is_file()]
    if not written and "nothing to convert" not in stderr and "none of its profiles is active" not in stderr:
        return f"seed {seed}: exit 0 without output and without saying why"
    for path in written:
        if path.suffix == ".yaml" and "templates" not in path.parts:
            try:
                list(yaml.safe_load_all(path.read_text()))
            except yaml.YAMLError as error:
                return f"seed {seed}: {path.name} is not valid YAML: {error}"
    return None


@pytest.mark.parametrize("block", range(20))
def test_mutations_never_crash(block, tmp_path):
    if not SOURCES:
        pytest.skip("no corpus")
    per_block = (CASES + 19) // 20
    failures = [f for seed in range(block * per_block, (block + 1) * per_block) if (f := run_case(seed, tmp_path))]
    assert not failures, "\n".join(failures[:10])
