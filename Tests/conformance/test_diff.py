"""`compose2kube diff` against hand-written folders, against its own output reshuffled, and
against single mutations; exit codes 0 (same), 1 (different), 2 (error)."""
import json
import random
import subprocess

import pytest
import yaml

from corpus import BINARY, CLEAN_ENV, CORPUS, ROOT, corpus_files, run

SAMPLES = sorted(p / "compose.yaml" for p in (ROOT / "Samples").iterdir() if (p / "compose.yaml").exists())
FILES = SAMPLES + corpus_files()
IDS = [str(p.relative_to(ROOT)) if p in SAMPLES else str(p.relative_to(CORPUS)) for p in FILES]


def diff(path, folder, *flags):
    return run([str(BINARY), "diff", "-f", path.name, "--against", str(folder), *flags], cwd=path.parent)


def report(result):
    data = json.loads(result.stdout)
    changes = [(c["object"]["kind"], d["change"], d["path"]) for c in data["changed"] for d in c["differences"]]
    return data, changes


def test_hand_written_day_night_classifier():
    result = diff(ROOT / "Samples/day-night-classifier/compose.yaml", "k8s", "--output", "json")
    assert result.returncode == 1, result.stderr
    data, changes = report(result)
    assert [f"{o['kind']}/{o['name']}" for o in data["onlyInConversion"]] == ["ConfigMap/app-env", "ConfigMap/feature-table-csv"]
    assert data["onlyInFolder"] == []
    deployment = "spec.template.spec.containers[name=app]"
    mount = f"{deployment}.volumeMounts[mountPath=/app/data/feature_table.csv]"
    assert changes == [
        ("Deployment", "removed", "metadata.labels.app"),
        ("Deployment", "added", 'metadata.labels["app.kubernetes.io/managed-by"]'),
        ("Deployment", "added", 'metadata.labels["app.kubernetes.io/name"]'),
        ("Deployment", "added", 'metadata.labels["app.kubernetes.io/part-of"]'),
        ("Deployment", "removed", "spec.selector.matchLabels.app"),
        ("Deployment", "added", 'spec.selector.matchLabels["app.kubernetes.io/name"]'),
        ("Deployment", "added", 'spec.selector.matchLabels["app.kubernetes.io/part-of"]'),
        ("Deployment", "removed", "spec.template.metadata.labels.app"),
        ("Deployment", "added", 'spec.template.metadata.labels["app.kubernetes.io/managed-by"]'),
        ("Deployment", "added", 'spec.template.metadata.labels["app.kubernetes.io/name"]'),
        ("Deployment", "added", 'spec.template.metadata.labels["app.kubernetes.io/part-of"]'),
        ("Deployment", "added", "spec.template.spec.automountServiceAccountToken"),
        ("Deployment", "added", f"{deployment}.args"),
        ("Deployment", "removed", f"{deployment}.command"),
        ("Deployment", "removed", f"{deployment}.env"),
        ("Deployment", "added", f"{deployment}.envFrom"),
        ("Deployment", "changed", f"{deployment}.imagePullPolicy"),
        ("Deployment", "added", f"{deployment}.ports[containerPort=8501].name"),
        ("Deployment", "removed", f"{deployment}.readinessProbe"),
        ("Deployment", "changed", f"{mount}.name"),
        ("Deployment", "added", f"{mount}.readOnly"),
        ("Deployment", "added", f"{mount}.subPath"),
        ("Deployment", "added", "spec.template.spec.enableServiceLinks"),
        ("Deployment", "added", "spec.template.spec.hostname"),
        ("Deployment", "removed", "spec.template.spec.volumes[name=data]"),
        ("Deployment", "added", "spec.template.spec.volumes[name=feature-table-csv]"),
        ("Service", "added", "metadata.labels"),
        ("Service", "added", "spec.ports[port=8501].name"),
        ("Service", "removed", "spec.ports[port=8501].nodePort"),
        ("Service", "removed", "spec.selector.app"),
        ("Service", "added", 'spec.selector["app.kubernetes.io/name"]'),
        ("Service", "added", 'spec.selector["app.kubernetes.io/part-of"]'),
    ]
    pull = next(d for c in data["changed"] for d in c["differences"] if d["path"] == f"{deployment}.imagePullPolicy")
    assert (pull["old"], pull["new"]) == ("Never", "IfNotPresent")


def test_hand_written_hvs_api_ignoring_defaults():
    result = diff(ROOT / "Samples/hvs-api/compose.yaml", "k8s", "--output", "json", "--ignore-defaults")
    assert result.returncode == 1, result.stderr
    data, changes = report(result)
    assert [f"{o['kind']}/{o['name']}" for o in data["onlyInConversion"]] == ["PersistentVolumeClaim/host-mlruns", "PodDisruptionBudget/api"]
    container = "spec.template.spec.containers[name=api]"
    assert changes == [
        ("ConfigMap", "added", "data.GUNICORN_CMD_ARGS"),
        ("ConfigMap", "added", "metadata.labels"),
        ("Deployment", "added", "metadata.labels"),
        ("Deployment", "changed", "spec.replicas"),
        ("Deployment", "added", "spec.strategy"),  # Recreate: its pods hold a ReadWriteOnce claim
        ("Deployment", "added", 'spec.template.metadata.labels["app.kubernetes.io/managed-by"]'),
        ("Deployment", "added", 'spec.template.metadata.labels["claim.compose2kube.io/host-mlruns"]'),
        ("Deployment", "added", "spec.template.spec.affinity"),
        ("Deployment", "added", "spec.template.spec.automountServiceAccountToken"),
        ("Deployment", "removed", f"{container}.livenessProbe"),
        ("Deployment", "added", f"{container}.readinessProbe"),
        ("Deployment", "changed", f"{container}.volumeMounts[mountPath=/mlruns].name"),
        ("Deployment", "added", "spec.template.spec.enableServiceLinks"),
        ("Deployment", "added", "spec.template.spec.hostname"),
        ("Deployment", "added", "spec.template.spec.volumes[name=host-mlruns]"),
        ("Deployment", "removed", "spec.template.spec.volumes[name=mlruns]"),
        ("Service", "added", "metadata.labels"),
    ]
    # `targetPort: "5000"` in the folder equals 5000; with --ignore-defaults `imagePullPolicy`, probe
    # `failureThreshold: 3` and the like are not differences.


def reshuffle(value, rng):
    """The same data with keys in another order."""
    if isinstance(value, dict):
        items = list(value.items())
        rng.shuffle(items)
        return {k: reshuffle(v, rng) for k, v in items}
    if isinstance(value, list):
        return [reshuffle(v, rng) for v in value]
    return value


def write_reshuffled(objects, folder, seed):
    """Documents shuffled across files and subfolders, keys reordered, some as JSON, some as a List."""
    rng = random.Random(seed)
    objects = [reshuffle(o, rng) for o in objects]
    rng.shuffle(objects)
    (folder / "nested" / "deeper").mkdir(parents=True)
    thirds = [objects[i::3] for i in range(3)]
    (folder / "nested" / "stream.yaml").write_text(yaml.safe_dump_all(thirds[0], default_flow_style=False, sort_keys=False, indent=4))
    (folder / "nested" / "deeper" / "list.json").write_text(json.dumps({"apiVersion": "v1", "kind": "List", "items": thirds[1]}, indent=1))
    for index, obj in enumerate(thirds[2]):
        (folder / f"object-{index}.yml").write_text(yaml.safe_dump(obj, default_flow_style=True, sort_keys=False, width=60))


@pytest.mark.parametrize("path", FILES, ids=IDS)
def test_diff_against_own_output_is_equal_after_reshuffling(path, tmp_path):
    converted = run([str(BINARY), "convert", "-f", path.name, "--stdout"], cwd=path.parent)
    if converted.returncode != 0:
        assert diff(path, tmp_path).returncode == 2  # the reader's located error, exit 2
        return
    objects = [o for o in yaml.safe_load_all(converted.stdout) if o]
    write_reshuffled(objects, tmp_path, seed=len(objects))
    result = diff(path, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == "no differences\n"


def mutated(folder, kind, name, change):
    for file in folder.glob("*.yaml"):
        obj = yaml.safe_load(file.read_text())
        if obj["kind"] == kind and obj["metadata"]["name"] == name:
            if change is None:
                file.unlink()
            else:
                change(obj)
                file.write_text(yaml.safe_dump(obj))
            return
    raise AssertionError(f"{kind}/{name} not found")


SAMPLE = ROOT / "Samples/weather-monitor/compose.yaml"
MUTATIONS = {
    "image": ("Deployment", "api", lambda o: o["spec"]["template"]["spec"]["containers"][0].update(image="weather:old"),
              ("changed", "spec.template.spec.containers[name=api].image")),
    "replicas": ("Deployment", "api", lambda o: o["spec"].update(replicas=5), ("changed", "spec.replicas")),
    "env": ("ConfigMap", "api-env", lambda o: o["data"].update(DB_HOST="db.internal"), ("changed", "data.DB_HOST")),
    "port": ("Service", "api", lambda o: o["spec"]["ports"].append({"name": "metrics", "port": 9100, "targetPort": 9100}),
             ("removed", "spec.ports[name=metrics]")),
}


@pytest.mark.parametrize("mutation", sorted(MUTATIONS))
def test_one_change_is_one_difference_at_the_right_path(mutation, tmp_path):
    run([str(BINARY), "convert", "-o", str(tmp_path / "k8s")], cwd=SAMPLE.parent)
    kind, name, change, (expected_change, expected_path) = MUTATIONS[mutation]
    mutated(tmp_path / "k8s", kind, name, change)
    result = diff(SAMPLE, tmp_path / "k8s", "--output", "json")
    assert result.returncode == 1
    data, changes = report(result)
    assert data["onlyInConversion"] == [] and data["onlyInFolder"] == []
    assert changes == [(kind, expected_change, expected_path)]


def test_removed_object_is_one_difference(tmp_path):
    run([str(BINARY), "convert", "-o", str(tmp_path / "k8s")], cwd=SAMPLE.parent)
    mutated(tmp_path / "k8s", "Service", "redis", None)
    data, changes = report(diff(SAMPLE, tmp_path / "k8s", "--output", "json"))
    assert changes == [] and data["onlyInFolder"] == []
    assert data["onlyInConversion"] == [{"group": "", "kind": "Service", "name": "redis", "namespace": "default"}]


def test_quantities_compare_by_value(tmp_path):
    run([str(BINARY), "convert", "-o", str(tmp_path / "k8s")], cwd=SAMPLE.parent)

    def rewrite(obj):
        obj["spec"]["template"]["spec"]["containers"][0]["resources"]["limits"] = {"cpu": 0.5, "memory": "0.5Gi"}
    mutated(tmp_path / "k8s", "Deployment", "api", rewrite)
    assert diff(SAMPLE, tmp_path / "k8s").returncode == 0


def test_bad_yaml_is_exit_2_naming_file_and_line(tmp_path):
    (tmp_path / "ok.yaml").write_text("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n")
    (tmp_path / "broken.yaml").write_text("apiVersion: v1\nkind: Service\n---\nmetadata:\n  name: [unclosed\n")
    result = diff(SAMPLE, tmp_path)
    assert result.returncode == 2
    assert f"{tmp_path}/broken.yaml:6:1: error: invalid YAML" in result.stderr


def test_colour_only_on_a_terminal_and_never_with_no_color(tmp_path):
    run([str(BINARY), "convert", "-o", str(tmp_path / "k8s")], cwd=SAMPLE.parent)
    mutated(tmp_path / "k8s", "Deployment", "api", lambda o: o["spec"].update(replicas=5))
    command = f"{BINARY} diff -f compose.yaml --against {tmp_path / 'k8s'}"
    plain = diff(SAMPLE, tmp_path / "k8s")
    assert "\x1b[" not in plain.stdout and "spec.replicas: 5 → 2" in plain.stdout
    terminal = subprocess.run(["script", "-qc", command, "/dev/null"], cwd=SAMPLE.parent, env=CLEAN_ENV, capture_output=True, text=True)
    assert "\x1b[33m~ Deployment/api" in terminal.stdout
    no_color = subprocess.run(["script", "-qc", command, "/dev/null"], cwd=SAMPLE.parent, env={**CLEAN_ENV, "NO_COLOR": "1"},
                              capture_output=True, text=True)
    assert "\x1b[" not in no_color.stdout and "Deployment/api" in no_color.stdout


def test_a_chart_or_kustomization_is_rendered_first_or_the_message_says_how(tmp_path):
    """With its tool on PATH diff renders a kustomization itself; without it (and for a chart
    without a helm binary) it prints the command that renders it, values-secrets.yaml included."""
    sample = ROOT / "Samples/weather-monitor"
    bare = {**CLEAN_ENV, "PATH": str(tmp_path)}
    chart = subprocess.run([str(BINARY), "diff", "--against", "chart"], cwd=sample, env=bare, capture_output=True, text=True)
    assert chart.returncode == 2 and "is a Helm chart: render it first" in chart.stderr and "helm template" in chart.stderr
    assert "-f " + str(sample / "chart" / "values-secrets.yaml") in chart.stderr
    assert "mapping keys must be scalars" not in chart.stderr
    kustomize = subprocess.run([str(BINARY), "diff", "--against", "kustomize"], cwd=sample, env=bare, capture_output=True, text=True)
    assert kustomize.returncode == 2 and "kubectl kustomize" in kustomize.stderr
    rendered = run([str(BINARY), "diff", "--against", "kustomize", "--format", "kustomize"], cwd=sample)
    assert rendered.returncode == 0, rendered.stdout + rendered.stderr
    assert "compared with the render of kubectl kustomize" in rendered.stderr


def test_diff_and_tutorial_convert_with_the_flags_the_folder_was_written_with(tmp_path):
    sample = ROOT / "Samples" / "weather-monitor"
    flags = ["--expose", "clusterip", "--namespace", "prod", "--stateful"]
    written = run([str(BINARY), "convert", "-f", "compose.yaml", "-o", str(tmp_path / "k8s"), *flags], cwd=sample)
    assert written.returncode == 0, written.stderr
    same = diff(sample / "compose.yaml", tmp_path / "k8s", *flags)
    assert same.returncode == 0, same.stdout + same.stderr
    defaults = diff(sample / "compose.yaml", tmp_path / "k8s", "--output", "json")
    assert defaults.returncode == 1, "with the defaults the conversion differs (NodePorts, no namespace, Deployments)"
    guide = run([str(BINARY), "tutorial", "-f", "compose.yaml", "-o", "-", *flags], cwd=sample)
    assert guide.returncode == 0, guide.stderr
    assert "compose2kube convert -f compose.yaml --expose clusterip --stateful --format manifests --namespace prod -o k8s" in guide.stdout


def test_a_service_that_changed_between_headless_and_an_address_is_to_be_recreated(tmp_path):
    """spec.clusterIP is immutable: an earlier headless Service (no port known then) cannot be
    applied over with one that has an address; diff says to delete it first."""
    project = tmp_path / "p"
    project.mkdir()
    (project / "compose.yaml").write_text("services:\n  worker:\n    image: example/worker:1\n    expose: ['8080']\n")
    earlier = tmp_path / "earlier"
    made = run([str(BINARY), "convert", "-f", "compose.yaml", "-o", str(earlier)], cwd=project)
    assert made.returncode == 0, made.stderr
    service_file = earlier / "worker-service.yaml"
    service = yaml.safe_load(service_file.read_text())
    service["spec"]["clusterIP"] = "None"
    del service["spec"]["ports"]
    service_file.write_text(yaml.safe_dump(service))
    result = diff(project / "compose.yaml", earlier)
    assert result.returncode == 1, result.stderr
    assert "note: spec.clusterIP cannot change on a live Service: `kubectl delete service worker`, then apply again" in result.stdout
    unchanged = diff(project / "compose.yaml", earlier, "--output", "json")
    assert "note:" not in unchanged.stdout


OWN_OUTPUT_PROJECTS = SAMPLES + [p for p in corpus_files() if p.name in ("traefik-golang.yaml", "react-express-mysql.yaml")][:2] + \
    [p for p in corpus_files() if "lucaslorentz__caddy-docker-proxy" in str(p) and p.name == "standalone.yaml"]


@pytest.mark.parametrize("path", OWN_OUTPUT_PROJECTS, ids=lambda p: str(p.relative_to(CORPUS if CORPUS in p.parents else ROOT)))
def test_an_unchanged_project_equals_its_own_rendered_kustomization_and_chart(path, tmp_path):
    """diff renders compose2kube's kustomization itself and agrees with it (generator hashes,
    base64 data); a chart rendered with the real Helm engine agrees too (Helm's labels, checksum
    annotations, the Job hashes the chart computes)."""
    helm = pytest.importorskip("helm_python", reason="helm-python-sdk is not installed")
    from corpus import merged
    kustomize, chart, rendered = tmp_path / "k", tmp_path / "chart", tmp_path / "rendered"
    for fmt, out in (("kustomize", kustomize), ("helm", chart)):
        made = run([str(BINARY), "convert", "-f", path.name, "--format", fmt, "-o", str(out)], cwd=path.parent)
        if made.returncode != 0:
            pytest.skip("compose2kube rejects this file with a located error")
    result = diff(path, kustomize, "--format", "kustomize")
    assert result.returncode == 0, result.stdout + result.stderr
    secrets = yaml.safe_load((chart / "values-secrets.yaml").read_text()) or {}
    with helm.Chart.load(str(chart)) as loaded:
        texts = loaded.render(loaded.merge_values(merged(secrets, {})), name="release", namespace="default")
    rendered.mkdir()
    (rendered / "all.yaml").write_text("\n---\n".join(t for n, t in sorted(texts.items()) if not n.endswith("NOTES.txt")))
    result = diff(path, rendered)
    assert result.returncode == 0, result.stdout + result.stderr
