"""MIGRATION.md for every Sample (golden, in its natural cluster) and every corpus file: every
object a kubectl command names exists, every published port has a port-forward line, the
Mermaid block is a well-formed flowchart, and kind's config maps exactly the NodePorts."""
import json
import os
import re

import pytest
import yaml

from corpus import BINARY, CORPUS, ROOT, assert_prune_keeps_claims, corpus_files, run

NATURAL = {"weather-monitor": "docker-desktop", "hvs-api": "docker-desktop", "photo-dedup-inference": "kind", "day-night-classifier": "minikube"}
SAMPLES = sorted(p / "compose.yaml" for p in (ROOT / "Samples").iterdir() if (p / "compose.yaml").exists())
CASES = [(p, NATURAL[p.parent.name]) for p in SAMPLES] + [(p, cluster) for p in corpus_files() for cluster in ("kind", "generic")]
IDS = [f"{p.parent.name}-{c}" if p in SAMPLES else f"{p.relative_to(CORPUS)}-{c}" for p, c in CASES]
KINDS = {"job": "Job", "deployment": "Deployment", "statefulset": "StatefulSet", "daemonset": "DaemonSet", "cronjob": "CronJob",
         "svc": "Service", "service": "Service", "pvc": "PersistentVolumeClaim"}
NODE = re.compile(r'^  ([A-Za-z0-9_]+)(\["[^"\]]*"\]|\[\["[^"\]]*"\]\]|\(\["[^"\]]*"\]\)|\[\("[^"\)]*"\)\])$')
EDGE = re.compile(r"^  ([A-Za-z0-9_]+) (-->|-\.->|-\.-)(\|[^|]+\|)? ([A-Za-z0-9_]+)$")


def tutorial(path, cluster):
    return run([str(BINARY), "tutorial", "-f", path.name, "--cluster", cluster, "-o", "-"], cwd=path.parent)


def code_blocks(text, language):
    return re.findall(rf"```{language}\n(.*?)```", text, re.S)


def check_mermaid(text):
    blocks = code_blocks(text, "mermaid")
    assert len(blocks) == 1, "one Mermaid block"
    lines = blocks[0].rstrip("\n").split("\n")
    assert re.fullmatch(r"flowchart (LR|TD|TB|RL|BT)", lines[0]), lines[0]
    nodes, edges = set(), []
    for line in lines[1:]:
        node, edge = NODE.match(line), EDGE.match(line)
        assert node or edge, f"not a node or an edge: {line!r}"
        if node:
            assert node.group(1) not in nodes, f"node {node.group(1)} defined twice"
            nodes.add(node.group(1))
        else:
            edges.append((edge.group(1), edge.group(4)))
    for start, end in edges:
        assert start in nodes and end in nodes, f"edge {start} → {end} names an undefined node"


def named_objects(text):
    """(kind, name) of every object a kubectl command in a shell block names."""
    created = set(re.findall(r"kubectl create job(?: -n \S+)? --from=cronjob/\S+ (\S+)", text))
    found = set()
    for block in code_blocks(text, "sh"):
        for line in block.splitlines():
            if "kubectl" not in line:
                continue
            for kind, name in re.findall(r"\b(job|deployment|statefulset|daemonset|cronjob|svc|service|pvc)/([a-z0-9][a-z0-9.-]*)", line):
                if name not in created:
                    found.add((KINDS[kind], name))
            for name in re.findall(r"app\.kubernetes\.io/name=([a-z0-9-]+)", line):
                found.add(("component", name))
    return found


@pytest.mark.parametrize("path,cluster", CASES, ids=IDS)
def test_tutorial(path, cluster):
    result = tutorial(path, cluster)
    flags = ["--pin-node-ports"] if cluster == "kind" else []
    converted = run([str(BINARY), "convert", "-f", path.name, "--stdout", *flags], cwd=path.parent)
    if converted.returncode != 0:
        assert result.returncode == 1 and ": error: " in result.stderr
        return
    assert result.returncode == 0, result.stderr
    text = result.stdout
    objects = [o for o in yaml.safe_load_all(converted.stdout) if o]
    existing = {(o["kind"], o["metadata"]["name"]) for o in objects}
    components = {o["metadata"]["labels"].get("app.kubernetes.io/name") for o in objects if o["kind"] in ("Deployment", "StatefulSet", "DaemonSet", "Job")}
    for kind, name in named_objects(text):
        if kind == "component":
            assert name in components, f"-l app.kubernetes.io/name={name} selects no workload"
        else:
            assert (kind, name) in existing, f"{kind}/{name} is named in a kubectl command but not generated"

    # Every claim the conversion makes gets a step that fills it (none is left empty silently).
    for claim in (o["metadata"]["name"] for o in objects if o["kind"] == "PersistentVolumeClaim"):
        assert f'"claimName":"{claim}"' in text, f"no step copies data into claim {claim}"

    project = json.loads(run([str(BINARY), "config", "-f", path.name, "--format", "json"], cwd=path.parent).stdout)
    services = {o["metadata"]["name"] for o in objects if o["kind"] == "Service"}
    for name, service in project["services"].items():
        dns = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
        if dns not in services:
            continue
        for port in service.get("ports", []):
            if "published" in port:
                published = int(port["published"].split("-")[0])
                forwarded = [int(local) for local in re.findall(rf"kubectl port-forward svc/{dns} (\d+):{port['target']}\b", text)]
                # A privileged local port needs root on Linux: the guide forwards from one above 1023.
                expected = [published] if published >= 1024 else [p for p in forwarded if p >= 1024]
                assert expected and set(expected) <= set(forwarded), f"no port-forward line for {name}:{published}: {forwarded}"
    assert not re.search(r"kubectl port-forward \S+ ([1-9]\d{0,2}|10[01]\d|102[0-3]):", text), "a local port below 1024"

    check_mermaid(text)
    kind_configs = code_blocks(text, "yaml")
    if cluster == "kind":
        config = yaml.safe_load(kind_configs[0])
        assert config["kind"] == "Cluster" and config["apiVersion"] == "kind.x-k8s.io/v1alpha4"
        mapped = sorted(m["containerPort"] for m in config["nodes"][0].get("extraPortMappings") or [])
        node_ports = sorted(p["nodePort"] for o in objects if o["kind"] == "Service" and o["spec"].get("type") == "NodePort"
                            for p in o["spec"]["ports"] if "nodePort" in p)
        assert mapped == node_ports


@pytest.mark.parametrize("sample", SAMPLES, ids=[p.parent.name for p in SAMPLES])
def test_sample_tutorials_are_current(sample):
    text = tutorial(sample, NATURAL[sample.parent.name]).stdout
    assert str(ROOT) not in text, "the guide must not depend on where the project lives"
    golden = sample.parent / "MIGRATION.md"
    if os.environ.get("RECORD") == "1":
        golden.write_text(text)
        pytest.fail(f"recorded {golden}; run again without RECORD=1")
    assert text == golden.read_text(), "MIGRATION.md changed (RECORD=1 to update)"


def test_the_guides_convert_command_reproduces_the_conversion(tmp_path):
    """With docker-compose.yml, a profile and an env file, the printed command runs as written."""
    import shlex
    (tmp_path / "docker-compose.yml").write_text(
        "services:\n  api:\n    image: api:${TAG}\n    ports: ['8080:80']\n  debug:\n    image: busybox:1.36\n    profiles: [debug]\n")
    (tmp_path / "my env.env").write_text("TAG=2.0\n")
    guide = run([str(BINARY), "tutorial", "docker-compose.yml", "--profile", "debug", "--env-file", "my env.env", "-o", "-"],
                cwd=tmp_path)
    assert guide.returncode == 0, guide.stderr
    command = next(line for line in guide.stdout.splitlines() if line.startswith("compose2kube convert"))
    assert command.startswith("compose2kube convert docker-compose.yml --profile debug --env-file 'my env.env' --format manifests")
    result = run([str(BINARY), *shlex.split(command)[1:]], cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    images = [yaml.safe_load(p.read_text())["spec"]["template"]["spec"]["containers"][0]["image"]
              for p in (tmp_path / "k8s").glob("*-deployment.yaml")]
    assert sorted(images) == ["api:2.0", "busybox:1.36"]


def test_external_resources_are_created_first_and_clean_up_keeps_the_claims(tmp_path):
    (tmp_path / "compose.yaml").write_text(
        "services:\n  db:\n    image: postgres:16\n    volumes: [data:/var/lib/postgresql/data, cache:/cache]\n    secrets: [pw]\n"
        "volumes:\n  data: {external: true}\n  cache: {}\nsecrets:\n  pw: {external: true}\n")
    text = run([str(BINARY), "tutorial", "-o", "-"], cwd=tmp_path).stdout
    deploy = text[text.index("## Deploying"):text.index("## Verifying")]
    assert deploy.index("kubectl create secret generic pw") < deploy.index("kubectl apply -f k8s/")
    assert "PersistentVolumeClaim named data" in deploy
    cleanup = text[text.index("## Cleaning up"):]
    commands = [line for line in cleanup.splitlines() if line.startswith("kubectl delete")]
    assert commands and "deployment" in commands[0] and all("persistentvolumeclaim" not in c for c in commands)
    assert "# kubectl delete persistentvolumeclaim -l app.kubernetes.io/part-of=" in cleanup
    assert "kubectl delete -f" not in cleanup
    prune = next(line for line in deploy.splitlines() if line.startswith("kubectl apply --prune"))
    assert_prune_keeps_claims(prune)
    assert "persistentVolumeReclaimPolicy\":\"Retain" in deploy


def test_every_kind_a_conversion_writes_is_pruned_or_kept():
    """Over the corpus: each kind in any output is in the allowlist, or is one pruning must keep."""
    prune = None
    kinds = set()
    for path in corpus_files():
        converted = run([str(BINARY), "convert", "-f", path.name, "--stdout", "--network-policies", "--quota",
                         "--namespace", "ns"], cwd=path.parent)
        if converted.returncode == 0:
            kinds |= {(o["apiVersion"], o["kind"]) for o in yaml.safe_load_all(converted.stdout) if o}
    guide = run([str(BINARY), "tutorial", "-o", "-"], cwd=ROOT / "Samples" / "weather-monitor").stdout
    prune = next(line for line in guide.splitlines() if line.startswith("kubectl apply --prune"))
    assert_prune_keeps_claims(prune)
    allowlist = {w.split("=", 1)[1] for w in prune.split() if w.startswith("--prune-allowlist=")}
    for api_version, kind in sorted(kinds):
        entry = f"{api_version if '/' in api_version else 'core/' + api_version}/{kind}"
        assert entry in allowlist or kind in ("PersistentVolumeClaim", "Namespace"), entry


def test_data_is_copied_into_each_claim_before_anything_runs_on_it(tmp_path):
    sample = ROOT / "Samples" / "weather-monitor" / "compose.yaml"
    text = tutorial(sample, "docker-desktop").stdout
    assert text.index("## Moving your data") < text.index("## Deploying")
    data = text[text.index("## Moving your data"):text.index("## Deploying")]
    assert "kubectl apply -f k8s/\n" not in data and "kubectl apply -f k8s/ " not in data, "no workload may start before the copy"
    # Compose stops first (keeping its volumes), so nothing writes while the volumes are copied.
    stopped = data.index("docker compose -f compose.yaml stop\n")
    commands = [line for block in re.findall(r"```sh\n(.*?)```", data, re.S) for line in block.splitlines()]
    assert not [c for c in commands if "down -v" in c or c.startswith("kubectl cp")], commands
    # MySQL keeps its data one folder below the claim's root (lost+found), so its copy goes there.
    unpack = {"models": "tar -C /data -xf -", "redis-data": "tar -C /data -xf -",
              "mysql-data": "sh -c 'mkdir -p /data/mysql && tar -C /data/mysql -xf -'"}
    for claim in ("models", "mysql-data", "redis-data"):
        created = data.index(f"kubectl apply -f k8s/{claim}-persistentvolumeclaim.yaml")
        # One tar stream, packed and unpacked as root, keeps owners and modes (kubectl cp would not).
        copied = data.index(f"docker run --rm --user 0 --entrypoint tar -v weather-monitor_{claim}:/from:ro curlimages/curl:8.17.0 -C /from -cf - . "
                            f"| kubectl exec -i {claim}-copy -- {unpack[claim]}")
        assert stopped < created < copied
        assert f'"securityContext":{{"runAsUser":0}}' in data
        assert (ROOT / "Samples" / "weather-monitor" / "manifests" / f"{claim}-persistentvolumeclaim.yaml").exists()


def test_the_helm_guide_says_how_to_copy_into_an_existing_claim_instead():
    # With persistence.<claim>.existingClaim the chart renders no such claim: its apply would get nothing.
    sample = ROOT / "Samples" / "weather-monitor" / "compose.yaml"
    helm_guide = run([str(BINARY), "tutorial", "-f", sample.name, "--format", "helm", "-o", "-"], cwd=sample.parent).stdout
    data = helm_guide[helm_guide.index("## Moving your data"):helm_guide.index("## Deploying")]
    for claim in ("models", "mysql-data", "redis-data"):
        hint = data.index(f"# With persistence.{claim}.existingClaim set, skip the next three commands")
        applied = data.index(f"kubectl apply -l app.kubernetes.io/name={claim} -f -")
        # helm install adopts the claim only with the release's ownership label and annotations.
        labelled = data.index(f"kubectl label pvc {claim} app.kubernetes.io/managed-by=Helm --overwrite")
        annotated = data.index(f"kubectl annotate pvc {claim} meta.helm.sh/release-name=weather-monitor "
                               "meta.helm.sh/release-namespace=default --overwrite")
        assert hint < applied < labelled < annotated < data.index(f"kubectl run {claim}-copy")
    manifests_guide = tutorial(sample, "docker-desktop").stdout
    assert "existingClaim" not in manifests_guide, "plain manifests have no claim values"


@pytest.mark.parametrize("fmt", ["manifests", "helm"])
def test_the_ci_job_takes_secrets_from_the_ci_store_never_from_git(fmt):
    sample = ROOT / "Samples" / "weather-monitor" / "compose.yaml"
    result = run([str(BINARY), "tutorial", "-f", sample.name, "--format", fmt, "-o", "-"], cwd=sample.parent)
    ci = result.stdout[result.stdout.index("## Deploying from CI"):]
    workflow = yaml.safe_load(code_blocks(ci, "yaml")[0])
    steps = workflow["jobs"]["deploy"]["steps"]
    text = json.dumps(steps)
    assert "change-me" not in text, "a secret value from the compose file reached the CI job"
    for key in ("MYSQL_ROOT_PASSWORD", "DB_PASSWORD"):
        assert "${{ secrets.%s }}" % key in text
    if fmt == "manifests":
        assert "keep them out of git" in ci and "k8s/*-secret.yaml" in ci


def test_the_helm_guide_installs_with_the_secret_values_file_or_an_existing_secret():
    sample = ROOT / "Samples" / "weather-monitor" / "compose.yaml"
    result = run([str(BINARY), "tutorial", "-f", sample.name, "--format", "helm", "-o", "-"], cwd=sample.parent)
    deploy = result.stdout[result.stdout.index("## Deploying, in dependency order"):result.stdout.index("## Verifying")]
    commands = code_blocks(deploy, "sh")
    assert any("helm install weather-monitor k8s/" in block and "-f k8s/values-secrets.yaml" in block for block in commands)
    existing = next(block for block in commands if "existingSecret" in block)
    assert "kubectl create secret generic weather-monitor-secrets" in existing
    assert '--from-literal=DB_PASSWORD="$DB_PASSWORD"' in existing and "change-me" not in existing
