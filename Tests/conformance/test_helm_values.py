"""What the chart's values do: GPU on and off, --set replicas and image tags, hyphenated names,
secrets never written in clear."""
import pytest
import yaml

from corpus import BINARY, ROOT, run

helm = pytest.importorskip("helm_python", reason="helm-python-sdk is not installed")


def chart_for(folder, tmp_path):
    chart = tmp_path / "chart"
    result = run([str(BINARY), "convert", "--format", "helm", "-o", str(chart)], cwd=folder)
    assert result.returncode == 0, result.stderr
    return chart


def render(chart, values=None, values_file=None, secrets=None):
    with helm.Chart.load(str(chart)) as loaded:
        extra = yaml.safe_load((chart / values_file).read_text()) if values_file else {}
        merged = loaded.merge_values({**(extra or {}), **(values or {})})
        for name, data in (secrets or {}).items():
            merged["secrets"][name]["data"] = data
        rendered = loaded.render(merged, name="release", namespace="default")
    documents = [text for name, text in rendered.items() if not name.endswith("NOTES.txt")]
    return {(o["kind"], o["metadata"]["name"]): o for text in documents for o in yaml.safe_load_all(text) if o}


def pod(obj):
    return obj["spec"]["template"]["spec"]


def test_gpu_and_cpu_values(tmp_path):
    chart = chart_for(ROOT / "Samples" / "photo-dedup-inference", tmp_path)
    gpu = render(chart, values_file="values-gpu.yaml")
    inference = pod(gpu[("Deployment", "inference")])
    assert inference["containers"][0]["resources"]["limits"]["nvidia.com/gpu"] == "1"
    # The nvidia.com/gpu resource places the pod: no node label or runtime class that only NVIDIA's operator makes.
    assert "nodeSelector" not in inference and "runtimeClassName" not in inference
    assert {"key": "nvidia.com/gpu", "operator": "Exists", "effect": "NoSchedule"} in inference["tolerations"]
    # Where GPU nodes need them, they are values.
    placed = pod(render(chart, values_file="values-gpu.yaml", values={
        "gpu": {"nodeSelector": {"nvidia.com/gpu.present": "true"}, "runtimeClassName": "nvidia",
                "tolerations": [{"key": "nvidia.com/gpu", "operator": "Exists", "effect": "NoSchedule"}]}})[("Deployment", "inference")])
    assert placed["nodeSelector"] == {"nvidia.com/gpu.present": "true"} and placed["runtimeClassName"] == "nvidia"
    cpu = render(chart, values_file="values-cpu.yaml", values={"gpu": {"runtimeClassName": "nvidia"}})
    assert "nvidia.com/gpu" not in yaml.safe_dump(list(cpu.values()))
    assert "runtimeClassName" not in yaml.safe_dump(list(cpu.values()))
    assert "nodeSelector" not in pod(cpu[("Deployment", "inference")])


def test_set_replicas_and_image_tag_change_the_output(tmp_path):
    chart = chart_for(ROOT / "Samples" / "hvs-api", tmp_path)
    default = render(chart)
    assert default[("Deployment", "api")]["spec"]["replicas"] == 3
    changed = render(chart, values=helm.parse_set_string("services.api.replicas=5,services.api.image.tag=0.4.0"))
    assert changed[("Deployment", "api")]["spec"]["replicas"] == 5
    assert pod(changed[("Deployment", "api")])["containers"][0]["image"] == "hvs-api:0.4.0"
    assert pod(default[("Deployment", "api")])["containers"][0]["image"] == "hvs-api:0.3.0"


def test_hyphenated_names_and_secrets_never_in_clear(tmp_path):
    (tmp_path / "compose.yaml").write_text(
        "services:\n  web-app:\n    image: shop/web:2.0\n    ports: ['8080:80']\n"
        "    environment: {DB_PASSWORD: hunter2, LOG_LEVEL: info}\n")
    chart = chart_for(tmp_path, tmp_path)
    assert "hunter2" not in "".join(p.read_text() for p in chart.rglob("*") if p.is_file())
    with pytest.raises(helm.HelmRenderError, match="secrets.web-app-env.data.DB_PASSWORD is required"):
        render(chart)
    objects = render(chart, values=helm.parse_set_string("services.web-app.replicas=2"), secrets={"web-app-env": {"DB_PASSWORD": "s3cret"}})
    assert objects[("Deployment", "web-app")]["spec"]["replicas"] == 2
    assert objects[("Secret", "web-app-env")]["stringData"] == {"DB_PASSWORD": "s3cret"}
    existing = render(chart, values={"secrets": {"web-app-env": {"existingSecret": "shop-credentials"}}})
    assert ("Secret", "web-app-env") not in existing
    refs = pod(existing[("Deployment", "web-app")])["containers"][0]["envFrom"]
    assert {"secretRef": {"name": "shop-credentials"}} in refs


def test_schema_rejects_a_misspelled_service_key(tmp_path):
    chart = chart_for(ROOT / "Samples" / "hvs-api", tmp_path)
    with helm.Chart.load(str(chart)) as loaded:
        with pytest.raises(helm.HelmError):
            loaded.validate_schema(loaded.merge_values({"services": {"api": {"replica": 2}}}))
        loaded.validate_schema(loaded.merge_values({"services": {"api": {"replicas": 2}}}))
