"""Kustomize and Helm output, checked with the real tools for every corpus file and Sample:
the chart passes Helm's strict lint and renders with default values, values-gpu.yaml and
values-cpu.yaml; `kubectl kustomize` builds base and each overlay; everything passes
kubernetes-validate --strict and the verification a cluster would make (verify.py); and both
forms are the same objects as the plain manifests (a Job's content hash aside: the chart computes
it from the spec it renders)."""
import base64
import copy
import re
import shutil
import subprocess

import pytest
import yaml

from corpus import BINARY, CORPUS, ROOT, corpus_files, merged, run
from verify import missing_references
from verify import problems as verification_problems

helm = pytest.importorskip("helm_python", reason="helm-python-sdk is not installed")
kubernetes_validate = pytest.importorskip("kubernetes_validate", reason="kubernetes-validate is not installed")

SAMPLES = sorted(p / "compose.yaml" for p in (ROOT / "Samples").iterdir() if (p / "compose.yaml").exists())
# The hand-written proxy and GPU projects hold the route and GPU forms the corpus lacks.
FIXTURES = ROOT / "Tests" / "fixtures"
ROUTED = (sorted((FIXTURES / "proxies").glob("*/compose.yaml")) + sorted((FIXTURES / "gpu").glob("*/compose.yaml"))
          + [FIXTURES / name / "compose.yaml" for name in ("gpu-twins", "gpu-vendor-twins")])
FILES = SAMPLES + ROUTED + corpus_files()
IDS = [str(p.relative_to(ROOT)) if p in SAMPLES + ROUTED else str(p.relative_to(CORPUS)) for p in FILES]
HELM_LABELS = ("helm.sh/chart", "app.kubernetes.io/instance")
# Every vendor's GPU resource (NVIDIA, AMD, Intel's two, NVIDIA time-slicing's shared one).
GPUS = ("nvidia.com/gpu", "amd.com/gpu", "gpu.intel.com/i915", "gpu.intel.com/xe", "nvidia.com/gpu.shared")


class StrictLoader(yaml.SafeLoader):
    """PyYAML keeps the last of two equal keys; the API server's decoder refuses them."""

    def construct_mapping(self, node, deep=False):
        keys = [self.construct_object(key, deep=deep) for key, _ in node.value]
        duplicates = {key for key in keys if keys.count(key) > 1}
        assert not duplicates, f"duplicate keys {sorted(duplicates)} at line {node.start_mark.line + 1}"
        return super().construct_mapping(node, deep=deep)


def load(text):
    return [o for o in yaml.load_all(text, Loader=StrictLoader) if o]


def key(obj):
    return (obj["kind"], obj["metadata"]["name"])


def validate(objects):
    errors = []
    for obj in objects:
        try:
            kubernetes_validate.validate(obj, "1.31.0", strict=True)
        except kubernetes_validate.ValidationError as error:
            errors.append(f"{key(obj)}: {error.message}")
    return errors


def strings_in(value):
    """Every string (and number, as written) in a YAML document."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield str(key)
            yield from strings_in(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings_in(item)
    elif value is not None:
        yield str(value)


def without_helm_labels(obj):
    """The object without what only Helm adds: its labels, and the checksum annotations that roll pods."""
    obj = copy.deepcopy(obj)
    for label in HELM_LABELS:
        obj["metadata"].get("labels", {}).pop(label, None)
    if obj["kind"] == "PersistentVolumeClaim":
        # helm uninstall must leave the data: every claim the chart makes says so.
        annotations = obj["metadata"].get("annotations", {})
        assert annotations.pop("helm.sh/resource-policy", None) == "keep", obj["metadata"]
        if not annotations:
            obj["metadata"].pop("annotations", None)
    template = obj.get("spec", {}).get("template", {}).get("metadata", {})
    annotations = template.get("annotations", {})
    for key in [k for k in annotations if k.startswith("checksum/")]:
        del annotations[key]
    if "annotations" in template and not annotations:
        del template["annotations"]
    return obj


def cpu_only(obj):
    """The manifests' object with its GPU request and toleration taken out."""
    obj = copy.deepcopy(obj)
    spec = obj.get("spec", {})
    spec = spec.get("jobTemplate", {}).get("spec", spec)
    pod = spec.get("template", {}).get("spec")
    if not pod or not any(set(GPUS) & set(c.get("resources", {}).get("limits", {})) for c in pod["containers"]):
        return obj
    for container in pod["containers"]:
        resources = container.get("resources", {})
        for gpu in GPUS:
            resources.get("limits", {}).pop(gpu, None)
        # A GPU that was the only limit leaves no resources at all, as the base writes it.
        if "limits" in resources and not resources["limits"]:
            resources.pop("limits")
        if "resources" in container and not resources:
            container.pop("resources")
    pod["tolerations"] = [t for t in pod.get("tolerations", []) if t.get("key") != "nvidia.com/gpu"]
    for field in ("nodeSelector", "tolerations"):
        if not pod.get(field):
            pod.pop(field, None)
    return obj


def without_hash_suffixes(objects, plain):
    """Kustomize's objects with the content-hash suffix of generated ConfigMaps taken off their
    names and every reference to them (`api-env-5f7c9k2b8m` → `api-env`); it must be there."""
    names = {o["metadata"]["name"] for o in plain if o["kind"] == "ConfigMap"}
    renamed = {}
    for obj in objects:
        name = obj["metadata"]["name"]
        match = re.fullmatch(r"(.+)-[a-z0-9]{10}", name)
        if obj["kind"] == "ConfigMap" and match and match.group(1) in names and name not in names:
            renamed[name] = match.group(1)
    text = yaml.safe_dump_all(objects, sort_keys=False)
    for generated, original in renamed.items():
        text = re.sub(rf"\b{re.escape(generated)}\b", original, text)
    return [o for o in yaml.safe_load_all(text) if o]


def decoded_secret(obj):
    """A generated Secret as the manifests write it: `stringData` rather than base64 `data`."""
    if obj["kind"] != "Secret" or "data" not in obj:
        return obj
    obj = copy.deepcopy(obj)
    obj["stringData"] = {k: base64.b64decode(v).decode() for k, v in obj.pop("data").items()}
    return obj


def by_key(objects):
    return {key(o): o for o in objects}


def without_job_hashes(objects):
    """The objects with every Job name (`migrate-3f0c9a12be`), and every string naming one, as `migrate-<hash>`."""
    objects = list(objects)
    names = {o["metadata"]["name"]: o["metadata"]["labels"]["app.kubernetes.io/name"] + "-<hash>" for o in objects if o["kind"] == "Job"}

    def walk(value):
        if isinstance(value, dict):
            return {k: walk(v) for k, v in value.items()}
        if isinstance(value, list):
            return [walk(v) for v in value]
        return names.get(value, value) if isinstance(value, str) else value
    return [walk(o) for o in objects]


def verified(objects, external):
    """kubernetes-validate's findings and the verification's, for one rendering."""
    return validate(objects) + verification_problems(objects, external)


@pytest.fixture(scope="module")
def kubectl():
    path = shutil.which("kubectl")
    if not path:
        pytest.skip("kubectl is not installed")
    return path


@pytest.mark.parametrize("path", FILES, ids=IDS)
def test_helm_and_kustomize(path, tmp_path, kubectl):
    manifests = run([str(BINARY), "convert", "-f", path.name, "--stdout"], cwd=path.parent)
    if manifests.returncode != 0:
        assert ": error: " in manifests.stderr  # rejected by the reader, as docker-compose rejects it
        return
    plain = [o for o in load(manifests.stdout) if o["kind"] != "Namespace"]
    expected = copy.deepcopy(plain)
    external = missing_references(plain)  # the converter verified the manifests: what they miss is external

    chart = tmp_path / "chart"
    made = run([str(BINARY), "convert", "-f", path.name, "--format", "helm", "-o", str(chart)], cwd=path.parent)
    assert made.returncode == 0, made.stderr
    # The chart installs with what convert wrote beside it: values.yaml and values-secrets.yaml, nothing else.
    secret_values = yaml.safe_load((chart / "values-secrets.yaml").read_text()) or {}
    lint = helm.lint(str(chart), secret_values, strict=True)
    assert not lint["errors"] and all(m["severity"] < 2 for m in lint["messages"]), lint
    with helm.Chart.load(str(chart)) as loaded:
        renders = {}
        # values-gpu-amd.yaml / values-gpu-intel.yaml exist where variants offer that vendor.
        hardware = [(f.stem.removeprefix("values-"), yaml.safe_load(f.read_text()) or {}) for f in sorted(chart.glob("values-gpu-*.yaml"))]
        for name, extra in [("default", {}), ("gpu", yaml.safe_load((chart / "values-gpu.yaml").read_text()) or {}),
                            ("cpu", yaml.safe_load((chart / "values-cpu.yaml").read_text()) or {})] + hardware:
            values = loaded.merge_values(merged(secret_values, extra))
            rendered = loaded.render(values, name="release", namespace="default")
            renders[name] = [o for n, text in sorted(rendered.items()) if not n.endswith("NOTES.txt") for o in load(text)]
            assert not verified(renders[name], external), verified(renders[name], external)
    assert by_key(without_job_hashes(map(without_helm_labels, renders["default"]))) == by_key(without_job_hashes(expected)), \
        "chart with default values differs from the manifests"
    # Each profile the conversion left off, turned on: every reference still resolves, or the
    # render refuses two twins that Compose reaches under one name.
    profiles = (yaml.safe_load((chart / "values.yaml").read_text()) or {}).get("profiles", {})
    with helm.Chart.load(str(chart)) as loaded:
        for profile in (name for name, on in profiles.items() if not on):
            try:
                rendered = loaded.render(loaded.merge_values(merged(secret_values, {"profiles": {profile: True}})),
                                         name="release", namespace="default")
            except helm.HelmRenderError as error:
                assert "offer the same service in different profiles" in str(error), error
                continue
            objects = [o for n, text in sorted(rendered.items()) if not n.endswith("NOTES.txt") for o in load(text)]
            assert not verified(objects, external), (profile, verified(objects, external))
    assert not [gpu for gpu in GPUS if gpu in yaml.safe_dump(renders["cpu"])]

    kustomize = tmp_path / "kustomize"
    made = run([str(BINARY), "convert", "-f", path.name, "--format", "kustomize", "-o", str(kustomize)], cwd=path.parent)
    assert made.returncode == 0, made.stderr
    built = {}
    for folder in ("base", "overlays/local", "overlays/gpu"):
        result = subprocess.run([kubectl, "kustomize", str(kustomize / folder)], capture_output=True, text=True, timeout=60)
        assert result.returncode == 0, result.stderr
        built[folder] = without_hash_suffixes([decoded_secret(o) for o in load(result.stdout)], plain)
        # The base refers to the Secrets the overlays generate.
        outside = external | ({("Secret", o["metadata"]["name"]) for o in plain if o["kind"] == "Secret"} if folder == "base" else set())
        assert not verified(built[folder], outside), verified(built[folder], outside)
    # The base holds no secret value (and builds with no secret file); the overlays generate the Secrets.
    assert not [o for o in built["base"] if o["kind"] == "Secret"]
    assert by_key(built["base"]) == by_key(o for o in map(cpu_only, plain) if o["kind"] != "Secret"), \
        "kustomize base differs from the CPU manifests"
    secret_files = [p for p in (kustomize / "secrets").rglob("*") if p.is_file() and p.suffix != ".example"] \
        if (kustomize / "secrets").exists() else []
    base_files = [p for p in (kustomize / "base").rglob("*") if p.is_file()]
    base_text = "".join(p.read_text() for p in base_files)
    base_strings = {s for p in base_files for doc in yaml.safe_load_all(p.read_text()) for s in strings_in(doc)}
    outside_secrets = yaml.safe_dump([o for o in plain if o["kind"] != "Secret"])
    for secret in (o for o in plain if o["kind"] == "Secret"):
        for value in secret.get("stringData", {}).values():
            if value.strip() and value not in outside_secrets:  # a value that is also a name or a plain setting is no secret
                # A short value ("8" for a password policy's minimum length) is found as a whole string
                # only: as a substring it would be in every file by chance.
                leaked = value in base_text if len(value) >= 6 else value in base_strings
                assert not leaked, f"a secret value is in the kustomize base: {value!r}"
    for p in secret_files:
        if p.name not in ("kustomization.yaml", ".gitignore"):
            p.unlink()
    without_secret_files = subprocess.run([kubectl, "kustomize", str(kustomize / "base")], capture_output=True, text=True, timeout=60)
    assert without_secret_files.returncode == 0, without_secret_files.stderr
    assert by_key(built["overlays/gpu"]) == by_key(plain), "kustomize gpu overlay differs from the manifests"
    assert not [gpu for gpu in GPUS if gpu in yaml.safe_dump(built["base"])]


def test_kustomize_environment_configmaps_are_generated_so_a_change_rolls_the_pods(tmp_path, kubectl):
    def build(environment_value):
        project = tmp_path / environment_value
        project.mkdir()
        (project / "compose.yaml").write_text(
            "services:\n  api:\n    image: shop/api:1\n"
            f"    environment: {{LOG_LEVEL: {environment_value}, GREETING: 'say \"hi\"', DB_PASSWORD: s3cret}}\n")
        made = run([str(BINARY), "convert", "--format", "kustomize", "-o", "k8s"], cwd=project)
        assert made.returncode == 0, made.stderr
        result = subprocess.run([kubectl, "kustomize", str(project / "k8s" / "base")], capture_output=True, text=True, timeout=60)
        assert result.returncode == 0, result.stderr
        return {(o["kind"], o["metadata"]["name"].rsplit("-", 1)[0] if o["kind"] == "ConfigMap" else o["metadata"]["name"]): o
                for o in load(result.stdout)}

    info, debug = build("info"), build("debug")
    config = info[("ConfigMap", "api-env")]
    assert re.fullmatch(r"api-env-[a-z0-9]{10}", config["metadata"]["name"]), "a generated name with a content hash"
    assert config["data"] == {"LOG_LEVEL": "info", "GREETING": 'say "hi"'}, "quotes kept, as kustomize's env parser reads them"
    env_from = info[("Deployment", "api")]["spec"]["template"]["spec"]["containers"][0]["envFrom"]
    assert env_from == [{"configMapRef": {"name": config["metadata"]["name"]}}]
    assert debug[("ConfigMap", "api-env")]["metadata"]["name"] != config["metadata"]["name"], "a changed value is a new name: the pods roll"
    assert not any(kind == "Secret" for kind, _ in info) and "s3cret" not in yaml.safe_dump(list(info.values()))
