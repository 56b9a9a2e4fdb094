"""Applying a changed conversion over the old one: the API server refuses a Job whose pod template
changed under the same name (a Job's template is immutable). Each pair of outputs here stands for
an apply over an earlier one, plain manifests (the compose file changed) and a Helm chart (a value
changed in `helm upgrade`): a Job name found in both must carry the same spec, a changed Job must
get a new name, and every wait and the waiters' Role must name the Jobs that exist."""
import re
import shutil

import pytest
import yaml

from corpus import BINARY, ROOT, run
from verify import check_pods

SAMPLE = ROOT / "Samples" / "weather-monitor"


def load(text):
    return [o for o in yaml.safe_load_all(text) if o]


def jobs(objects):
    """Component → (name, spec) of every Job."""
    return {o["metadata"]["labels"]["app.kubernetes.io/name"]: (o["metadata"]["name"], o["spec"]) for o in objects if o["kind"] == "Job"}


def refused_on_apply(old, new):
    """The Jobs the API server would refuse: same name, different spec."""
    before = {name: spec for name, spec in jobs(old).values()}
    return [name for name, spec in jobs(new).values() if name in before and before[name] != spec]


def convert(folder):
    result = run([str(BINARY), "convert", "--stdout"], cwd=folder)
    assert result.returncode == 0, result.stderr
    return load(result.stdout)


def test_a_changed_compose_job_is_a_new_job_and_its_waiters_follow(tmp_path):
    shutil.copytree(SAMPLE, tmp_path / "project", ignore=shutil.ignore_patterns("manifests", "chart", "kustomize", "k8s"))
    project = tmp_path / "project"
    old = convert(project)
    compose = project / "compose.yaml"
    text = compose.read_text()
    assert '["python", "-m", "weather.migrate"]' in text
    compose.write_text(text.replace('["python", "-m", "weather.migrate"]', '["python", "-m", "weather.migrate", "--all"]'))
    new = convert(project)

    assert refused_on_apply(old, new) == []
    assert jobs(new)["migrate"][0] != jobs(old)["migrate"][0], "migrate runs something else: a new Job"
    assert jobs(new)["seed"][0] != jobs(old)["seed"][0], "seed waits for the new migrate Job: its template changed too"
    assert all(re.fullmatch(rf"{component}-[0-9a-f]{{10}}", name) for component, (name, _) in jobs(new).items())
    assert check_pods(new) == []
    # Converting the unchanged file again changes nothing.
    assert convert(project) == new


helm = pytest.importorskip("helm_python", reason="helm-python-sdk is not installed")


def render(chart, **overrides):
    with helm.Chart.load(str(chart)) as loaded:
        values = loaded.merge_values(yaml.safe_load((chart / "values-secrets.yaml").read_text()))
        for path, value in overrides.items():
            node = values
            *parents, last = path.split("/")
            for part in parents:
                node = node.setdefault(part, {})
            node[last] = value
        rendered = loaded.render(values, name="release", namespace="default")
        return [o for name, text in sorted(rendered.items()) if not name.endswith("NOTES.txt") for o in load(text)]


def test_a_helm_upgrade_that_changes_a_job_creates_a_new_job(tmp_path):
    chart = tmp_path / "chart"
    made = run([str(BINARY), "convert", "--format", "helm", "-o", str(chart)], cwd=SAMPLE)
    assert made.returncode == 0, made.stderr
    installed = render(chart)
    assert all(re.fullmatch(rf"{component}-[0-9a-f]{{10}}", name) for component, (name, _) in jobs(installed).items())
    assert check_pods(installed) == []

    # The migrate Job reads its Secret by name: another Secret is another template.
    other_secret = render(chart, **{"existingSecret": "weather-credentials"})
    assert refused_on_apply(installed, other_secret) == []
    assert jobs(other_secret)["migrate"][0] != jobs(installed)["migrate"][0]
    assert jobs(other_secret)["seed"][0] != jobs(installed)["seed"][0], "seed waits for the new migrate Job"
    assert check_pods(other_secret) == []

    # A value no Job reads leaves the Jobs as they are (nothing runs again).
    more_replicas = render(chart, **{"services/api/replicas": 3})
    assert jobs(more_replicas) == jobs(installed)
