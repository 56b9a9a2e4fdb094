"""verify.py finds what a cluster would refuse: the weather-monitor manifests pass, and each fault
put into them is found (a checker that never fails would pass the other tests too)."""
import copy

import pytest
import yaml

from corpus import BINARY, ROOT, run
from verify import missing_references, pod_spec, problems


@pytest.fixture(scope="module")
def objects():
    result = run([str(BINARY), "convert", "--stdout"], cwd=ROOT / "Samples" / "weather-monitor")
    assert result.returncode == 0, result.stderr
    return [o for o in yaml.safe_load_all(result.stdout) if o]


def find(objects, kind, component):
    return next(o for o in objects if o["kind"] == kind and o["metadata"]["labels"]["app.kubernetes.io/name"] == component)


def duplicate_volume(objects):
    spec = pod_spec(find(objects, "Deployment", "api"))
    spec["volumes"].append(copy.deepcopy(spec["volumes"][0]))


def missing_config_map(objects):
    pod_spec(find(objects, "Deployment", "api"))["containers"][0]["envFrom"] = [{"configMapRef": {"name": "nowhere"}}]


def wait_for_missing_job(objects):
    seed = pod_spec(find(objects, "Job", "seed"))
    seed["initContainers"][0]["env"] = [{"name": "JOB", "value": "migrate-0000000000"}]


def unsafe_sysctl(objects):
    pod_spec(find(objects, "Deployment", "redis"))["securityContext"] = {"sysctls": [{"name": "net.core.somaxconn", "value": "1024"}]}


def long_annotation_key(objects):
    find(objects, "Deployment", "api")["metadata"]["annotations"] = {"traefik.http.routers." + "r" * 64: "x"}


def selects_nothing(objects):
    find(objects, "Service", "redis")["spec"]["selector"] = {"app.kubernetes.io/name": "gone"}


def unknown_expansion(objects):
    pod_spec(find(objects, "Deployment", "redis"))["containers"][0]["args"] = ["--requirepass", "$(NOT_A_VARIABLE)"]


def empty_search_domain(objects):
    pod_spec(find(objects, "Deployment", "api"))["dnsConfig"] = {"searches": [""]}


def long_job_name(objects):
    job = find(objects, "Job", "migrate")
    job["metadata"]["name"] = "m" * 64


FAULTS = {
    duplicate_volume: "volume name", missing_config_map: "ConfigMap nowhere", wait_for_missing_job: "migrate-0000000000",
    unsafe_sysctl: "net.core.somaxconn", long_annotation_key: "annotation key", selects_nothing: "selects no pod",
    unknown_expansion: "$(NOT_A_VARIABLE)", empty_search_domain: "empty DNS search", long_job_name: "63 characters",
}


def test_the_converted_sample_passes(objects):
    assert missing_references(objects) == set()
    assert problems(objects) == []


@pytest.mark.parametrize("fault", FAULTS, ids=[f.__name__ for f in FAULTS])
def test_each_fault_is_found(objects, fault):
    broken = copy.deepcopy(objects)
    fault(broken)
    found = problems(broken)
    assert any(FAULTS[fault] in problem for problem in found), found


def test_behaviour_checks_find_a_restarting_job_an_unasked_liveness_probe_and_a_host_file(tmp_path):
    from test_comes_up import check_behaviour

    host_file = tmp_path / "outside" / "hostname"
    host_file.parent.mkdir()
    host_file.write_text("build-machine-42\n")
    config = {"services": {
        "worker": {"restart": "unless-stopped"},
        "api": {"volumes": [{"type": "bind", "source": str(host_file), "target": "/etc/hostname"}]},
    }}
    labels = {"app.kubernetes.io/name": "worker"}
    pod = {"containers": [{"name": "worker", "image": "w:1"}]}
    job = {"kind": "Job", "metadata": {"name": "worker-0123456789", "labels": labels},
           "spec": {"template": {"metadata": {"labels": labels}, "spec": pod}}}
    api_pod = {"containers": [{"name": "api", "image": "a:1", "livenessProbe": {"tcpSocket": {"port": 80}}}]}
    api = {"kind": "Deployment", "metadata": {"name": "api", "labels": {"app.kubernetes.io/name": "api"}},
           "spec": {"template": {"metadata": {"labels": {"app.kubernetes.io/name": "api"}}, "spec": api_pod}}}
    leaked = {"kind": "ConfigMap", "metadata": {"name": "hostname"}, "data": {"hostname": "build-machine-42\n"}}
    found = check_behaviour(config, [job, api, leaked], tmp_path / "project")
    assert any("worker restarts under Compose" in p for p in found), found
    assert any("livenessProbe nobody asked for" in p for p in found), found
    assert any("outside the project" in p for p in found), found
    assert check_behaviour({"services": {"worker": {"restart": "no"}}}, [job], tmp_path / "project") == []
