"""GPU vs CPU for every vendor (#37): hand-written projects that ask for NVIDIA, AMD and Intel
GPUs the ways real projects write it, and GPUs shared by device_ids. Each service gets its
vendor's resource and count in the manifests, the chart (on with values-gpu.yaml, off with
values-cpu.yaml, a vendor switch by gpu.resource) and the kustomize gpu overlay; only NVIDIA pods
tolerate NVIDIA's taint; GPU Deployments are recreated rather than rolled."""
import json
import re
import subprocess

import pytest
import yaml

from corpus import BINARY, CLEAN_ENV, ROOT, merged

FIXTURES = ROOT / "Tests" / "fixtures" / "gpu"
CASES = sorted(p.name for p in FIXTURES.iterdir() if (p / "expected.json").exists())
NVIDIA_TOLERATION = {"key": "nvidia.com/gpu", "operator": "Exists", "effect": "NoSchedule"}


def run(folder, *args):
    return subprocess.run([str(BINARY), *args], cwd=folder, env=CLEAN_ENV, capture_output=True, text=True, timeout=120)


def workloads(objects):
    return {o["metadata"]["name"]: o for o in objects if o and o["kind"] in ("Deployment", "StatefulSet", "Job")}


def gpu_limit(workload):
    limits = workload["spec"]["template"]["spec"]["containers"][0].get("resources", {}).get("limits", {})
    found = [(k, v) for k, v in limits.items() if "gpu" in k]
    return list(found[0]) if found else None


@pytest.mark.parametrize("case", CASES)
def test_each_service_asks_for_its_vendors_gpu(case):
    expected = json.loads((FIXTURES / case / "expected.json").read_text())
    result = run(FIXTURES / case, "convert", "--stdout")
    assert result.returncode == 0, result.stderr
    found = workloads(yaml.safe_load_all(result.stdout))
    assert {name: gpu_limit(found[name]) for name in expected["limits"]} == expected["limits"]
    for name, limit in expected["limits"].items():
        pod = found[name]["spec"]["template"]["spec"]
        assert (NVIDIA_TOLERATION in pod.get("tolerations", [])) == bool(limit and limit[0] == "nvidia.com/gpu"), name
        if limit and found[name]["kind"] == "Deployment":
            assert found[name]["spec"]["strategy"] == {"type": "Recreate"}, name
    for message in expected["messages"]:
        assert message in result.stderr, message


@pytest.mark.parametrize("case", CASES)
def test_the_chart_and_the_overlay_switch_each_vendors_gpu(case, tmp_path):
    helm = pytest.importorskip("helm_python", reason="helm-python-sdk is not installed")
    expected = {k: v for k, v in json.loads((FIXTURES / case / "expected.json").read_text())["limits"].items() if v}
    chart, kustomize = tmp_path / "chart", tmp_path / "kustomize"
    assert run(FIXTURES / case, "convert", "--format", "helm", "-o", str(chart)).returncode == 0
    assert run(FIXTURES / case, "convert", "--format", "kustomize", "-o", str(kustomize)).returncode == 0
    secrets = yaml.safe_load((chart / "values-secrets.yaml").read_text()) or {}

    def render(*files, extra=None):
        values = secrets
        for name in files:
            values = merged(values, yaml.safe_load((chart / name).read_text()) or {})
        with helm.Chart.load(str(chart)) as loaded:
            texts = loaded.render(loaded.merge_values(merged(values, extra or {})), name="r", namespace="default")
        return workloads(o for n, t in texts.items() if not n.endswith("NOTES.txt") for o in yaml.safe_load_all(t))

    assert {n: gpu_limit(w) for n, w in render("values-gpu.yaml").items() if n in expected} == expected
    assert not [n for n, w in render("values-cpu.yaml").items() if gpu_limit(w)]
    first = sorted(expected)[0]
    switched = render(extra={"services": {first: {"gpu": {"resource": "gpu.intel.com/xe"}}}})[first]
    assert gpu_limit(switched) == ["gpu.intel.com/xe", expected[first][1]]
    assert NVIDIA_TOLERATION not in switched["spec"]["template"]["spec"].get("tolerations", [])
    built = {}
    for folder in ("base", "overlays/gpu"):
        out = subprocess.run(["kubectl", "kustomize", str(kustomize / folder)], capture_output=True, text=True, timeout=60)
        assert out.returncode == 0, out.stderr
        built[folder] = workloads(yaml.safe_load_all(out.stdout))
    assert {n: gpu_limit(w) for n, w in built["overlays/gpu"].items() if n in expected} == expected
    assert not [n for n, w in built["base"].items() if gpu_limit(w)]


def test_twins_by_suffix_switch_only_the_pairs_the_project_enabled(tmp_path):
    """auto / auto-cpu are twins (a bare name and its -cpu variant); COMPOSE_PROFILES in .env chose
    auto-cpu. values-gpu.yaml turns auto on and auto-cpu off, values-cpu.yaml the reverse; the
    rag-gpu / rag-cpu pair the project never enabled stays off in both; an empty deploy is no finding."""
    helm = pytest.importorskip("helm_python", reason="helm-python-sdk is not installed")
    folder, chart = ROOT / "Tests" / "fixtures" / "gpu-twins", tmp_path / "chart"
    made = run(folder, "convert", "--format", "helm", "-o", str(chart))
    assert made.returncode == 0, made.stderr
    assert "deploy is not converted" not in made.stderr
    assert yaml.safe_load((chart / "values.yaml").read_text())["profiles"] == {
        "auto": False, "auto-cpu": True, "rag-cpu": False, "rag-gpu": False}
    secrets = yaml.safe_load((chart / "values-secrets.yaml").read_text()) or {}

    def deployments(name):
        values = merged(secrets, yaml.safe_load((chart / name).read_text()) or {})
        with helm.Chart.load(str(chart)) as loaded:
            texts = loaded.render(loaded.merge_values(values), name="r", namespace="default")
        return workloads(o for n, t in texts.items() if not n.endswith("NOTES.txt") for o in yaml.safe_load_all(t))

    gpu, cpu = deployments("values-gpu.yaml"), deployments("values-cpu.yaml")
    assert set(gpu) == {"auto", "web"} and gpu_limit(gpu["auto"]) == ["nvidia.com/gpu", "1"]
    assert set(cpu) == {"auto-cpu", "web"} and not [n for n, w in cpu.items() if gpu_limit(w)]


def test_vendor_values_files_run_each_vendors_variants(tmp_path):
    """ollama is offered for NVIDIA, AMD and CPU under one name, whisper for Intel and CPU;
    .env chose the CPU variants. Each values file runs exactly one variant of each, with its
    vendor's GPU (the CPU one where the vendor offers none), `ollama` selects the one that runs,
    the `extra` profile keeps values.yaml's setting, and two variants on together fail the render."""
    helm = pytest.importorskip("helm_python", reason="helm-python-sdk is not installed")
    folder, chart = ROOT / "Tests" / "fixtures" / "gpu-vendor-twins", tmp_path / "chart"
    made = run(folder, "convert", "--format", "helm", "-o", str(chart))
    assert made.returncode == 0, made.stderr
    assert sorted(p.name for p in chart.glob("values-*.yaml")) == [
        "values-cpu.yaml", "values-gpu-amd.yaml", "values-gpu-intel.yaml", "values-gpu.yaml", "values-secrets.yaml"]
    secrets = yaml.safe_load((chart / "values-secrets.yaml").read_text()) or {}

    def render(name=None, extra=None):
        values = merged(secrets, yaml.safe_load((chart / name).read_text()) or {} if name else {})
        with helm.Chart.load(str(chart)) as loaded:
            texts = loaded.render(loaded.merge_values(merged(values, extra or {})), name="r", namespace="default")
        objects = [o for n, t in texts.items() if not n.endswith("NOTES.txt") for o in yaml.safe_load_all(t) if o]
        services = {o["metadata"]["name"]: o for o in objects if o["kind"] == "Service"}
        return {n: gpu_limit(w) for n, w in workloads(objects).items()}, services

    expected = {
        None: {"ollama-cpu": None, "whisper": None},
        "values-gpu.yaml": {"ollama-nvidia": ["nvidia.com/gpu", "1"], "whisper-intel": ["gpu.intel.com/i915", "1"]},
        "values-gpu-amd.yaml": {"ollama-amd": ["amd.com/gpu", "1"], "whisper": None},
        "values-gpu-intel.yaml": {"ollama-cpu": None, "whisper-intel": ["gpu.intel.com/i915", "1"]},
        "values-cpu.yaml": {"ollama-cpu": None, "whisper": None},
    }
    for name, variants in expected.items():
        found, services = render(name)
        assert found == {**variants, "webui": None}, name
        ollama = next(n for n in variants if n.startswith("ollama"))
        assert services["ollama"]["spec"]["selector"]["app.kubernetes.io/name"] == ollama, name
        if name:
            assert yaml.safe_load((chart / name).read_text())["profiles"].get("extra") is None, name
    found, _ = render(extra={"profiles": {"extra": True}})
    assert "extra" in found
    with pytest.raises(Exception, match="offer the same service in different profiles"):
        render("values-cpu.yaml", extra={"profiles": {"gpu-nvidia": True}})


@pytest.mark.parametrize("case", CASES)
def test_cpu_only_leaves_every_gpu_out_and_says_so(case):
    """--cpu-only (what the guide converts with for a local cluster): no GPU limit, no NVIDIA
    toleration, and one warning per service whose GPU was left out."""
    expected = {k: v for k, v in json.loads((FIXTURES / case / "expected.json").read_text())["limits"].items() if v}
    result = run(FIXTURES / case, "convert", "--cpu-only", "--stdout")
    assert result.returncode == 0, result.stderr
    found = workloads(yaml.safe_load_all(result.stdout))
    assert not [n for n, w in found.items() if gpu_limit(w)]
    assert not [n for n, w in found.items() if NVIDIA_TOLERATION in w["spec"]["template"]["spec"].get("tolerations", [])]
    lines = [l for l in result.stderr.splitlines() if "GPU is left out (--cpu-only)" in l]
    named = set(re.findall(r": (\S+) runs on CPU", "\n".join(lines))) | {
        n for l in lines for same in re.findall(r"the same for ([^)]*)\)", l) for n in same.split(", ")}
    assert named == set(expected)
