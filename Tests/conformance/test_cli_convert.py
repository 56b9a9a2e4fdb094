"""`compose2kube convert` end to end: output folder safety, flags, exit codes."""
import json
import shutil
import subprocess

import pytest
import yaml

from corpus import BINARY, CLEAN_ENV, assert_prune_keeps_claims

COMPOSE = """
services:
  db:
    image: postgres:16
    environment: {POSTGRES_PASSWORD: secret}
    expose: ["5432"]
  api:
    image: api:1
    ports: ["8080:80"]
    depends_on: [db]
    ulimits: {nofile: 1024}
"""


def run(args, cwd):
    return subprocess.run([str(BINARY), *args], cwd=cwd, env=CLEAN_ENV, capture_output=True, text=True, timeout=60)


def secret_name(folder):
    """The project Secret of a project named after its folder, as Compose names it."""
    return "".join(c for c in folder.name.lower() if c.isalnum() or c in "-_").replace("_", "-").strip("-") + "-secrets"


def project(tmp_path, text=COMPOSE):
    (tmp_path / "compose.yaml").write_text(text)
    return tmp_path


def test_writes_one_file_per_object_and_a_summary(tmp_path):
    result = run(["convert", "-o", "k8s"], project(tmp_path))
    assert result.returncode == 0, result.stderr
    names = sorted(p.name for p in (tmp_path / "k8s").iterdir())
    assert names == [
        ".compose2kube-generated", "api-deployment.yaml", "api-service.yaml", "db-deployment.yaml", "db-service.yaml",
        f"{secret_name(tmp_path)}-secret.yaml"]
    assert "api → Deployment/api, Service/api" in result.stderr
    assert "warning: ulimits is not converted" in result.stderr and "[services.api.ulimits]" in result.stderr


def test_refuses_a_non_empty_folder_without_force_and_keeps_foreign_files_with_it(tmp_path):
    project(tmp_path)
    (tmp_path / "k8s").mkdir()
    (tmp_path / "k8s" / "notes.txt").write_text("mine")
    refused = run(["convert", "-o", "k8s"], tmp_path)
    assert refused.returncode == 1 and "not empty" in refused.stderr
    assert sorted(p.name for p in (tmp_path / "k8s").iterdir()) == ["notes.txt"]
    forced = run(["convert", "-o", "k8s", "--force"], tmp_path)
    assert forced.returncode == 0, forced.stderr
    assert (tmp_path / "k8s" / "notes.txt").read_text() == "mine"
    assert (tmp_path / "k8s" / "api-deployment.yaml").exists()
    assert "kept files compose2kube did not generate:\n  notes.txt" in forced.stderr


def test_a_rerun_updates_its_own_files_prunes_removed_services_and_protects_hand_edits(tmp_path):
    project(tmp_path)
    assert run(["convert", "-o", "k8s"], tmp_path).returncode == 0
    record = (tmp_path / "k8s" / ".compose2kube-generated").read_text()
    assert "api-deployment.yaml" in record  # a dotfile without .yaml/.yml/.json: kubectl apply -f skips it
    again = run(["convert", "-o", "k8s"], tmp_path)
    assert again.returncode == 0, again.stderr
    (tmp_path / "k8s" / "notes.txt").write_text("mine")
    project(tmp_path, COMPOSE.replace("    depends_on: [db]\n", "").split("  api:")[0])  # api removed
    pruned = run(["convert", "-o", "k8s"], tmp_path)
    assert pruned.returncode == 0, pruned.stderr
    names = sorted(p.name for p in (tmp_path / "k8s").iterdir())
    assert "api-deployment.yaml" not in names and "notes.txt" in names and "db-deployment.yaml" in names
    assert "removed files this conversion no longer generates:\n  api-deployment.yaml" in pruned.stderr
    # The printed prune keeps the claims (kubectl's default prune list would delete them) and works as printed.
    prune = next(line.strip() for line in pruned.stderr.splitlines() if line.strip().startswith("kubectl apply --prune"))
    assert_prune_keeps_claims(prune)
    assert prune.endswith(" -f k8s/"), prune
    assert "persistentVolumeReclaimPolicy" in pruned.stderr
    edited = tmp_path / "k8s" / "db-service.yaml"
    edited.write_text(edited.read_text() + "# tuned by hand\n")
    refused = run(["convert", "-o", "k8s"], tmp_path)
    assert refused.returncode == 1 and "edited by hand" in refused.stderr and "db-service.yaml" in refused.stderr
    assert edited.read_text().endswith("# tuned by hand\n")
    assert run(["convert", "-o", "k8s", "--force"], tmp_path).returncode == 0
    assert not edited.read_text().endswith("# tuned by hand\n")
    assert (tmp_path / "k8s" / "notes.txt").read_text() == "mine"


def fnv1a64(text):
    """The content hash compose2kube wrote into records and marker lines before `words64`."""
    value = 0xCBF29CE484222325
    for byte in text.encode():
        value = ((value ^ byte) * 0x100000001B3) % 2**64
    return f"fnv1a64:{value:016x}"


def test_folders_and_files_written_with_the_earlier_fnv1a64_hash_are_still_recognised(tmp_path):
    """A folder or stream an earlier version wrote (FNV-1a hashes) is updated without --force,
    and a file edited since is still refused: the reader takes both forms of hash."""
    project(tmp_path)
    assert run(["convert", "-o", "k8s"], tmp_path).returncode == 0
    folder = tmp_path / "k8s"
    record = folder / ".compose2kube-generated"
    lines = record.read_text().splitlines()
    assert all(line.split(" ")[0].startswith("words64:") for line in lines[1:])
    old = [lines[0]] + [f"{fnv1a64((folder / line.split(' ', 1)[1]).read_text())} {line.split(' ', 1)[1]}" for line in lines[1:]]
    record.write_text("\n".join(old) + "\n")
    again = run(["convert", "-o", "k8s"], tmp_path)
    assert again.returncode == 0, again.stderr
    assert "words64:" in record.read_text() and "fnv1a64:" not in record.read_text()
    record.write_text("\n".join(old) + "\n")
    edited = folder / "db-service.yaml"
    edited.write_text(edited.read_text() + "# tuned by hand\n")
    refused = run(["convert", "-o", "k8s"], tmp_path)
    assert refused.returncode == 1 and "db-service.yaml" in refused.stderr
    assert edited.read_text().endswith("# tuned by hand\n")

    assert run(["convert", "-o", "out.yaml"], tmp_path).returncode == 0
    stream = tmp_path / "out.yaml"
    marker, body = stream.read_text().split("\n", 1)
    assert "(content words64:" in marker
    stream.write_text(marker.replace(marker[marker.index("words64:"):marker.index(")")], fnv1a64(body)) + "\n" + body)
    assert run(["convert", "-o", "out.yaml"], tmp_path).returncode == 0, "an unedited stream with an fnv1a64 marker is ours"
    assert "(content words64:" in stream.read_text().split("\n", 1)[0]
    marker, body = stream.read_text().split("\n", 1)
    stream.write_text(marker.replace(marker[marker.index("words64:"):marker.index(")")], fnv1a64(body)) + "\n" + body + "# mine\n")
    refused = run(["convert", "-o", "out.yaml"], tmp_path)
    assert refused.returncode == 1 and "edited since" in refused.stderr


def test_a_foreign_file_where_a_generated_one_would_go_is_never_replaced(tmp_path):
    project(tmp_path)
    (tmp_path / "k8s").mkdir()
    (tmp_path / "k8s" / "api-service.yaml").write_text("my own service\n")
    for extra in ([], ["--force"]):
        result = run(["convert", "-o", "k8s", *extra], tmp_path)
        assert result.returncode == 1 and "did not write" in result.stderr
        assert (tmp_path / "k8s" / "api-service.yaml").read_text() == "my own service\n"
        assert sorted(p.name for p in (tmp_path / "k8s").iterdir()) == ["api-service.yaml"]


def test_a_link_is_written_through_and_an_existing_folder_keeps_its_mode_and_inode(tmp_path):
    """`-o k8s` with k8s a link to deploy/k8s fills the target and keeps the link; a folder that is
    there (empty or written before) is written into, never replaced; a dangling link is refused."""
    import os
    import stat
    project(tmp_path)
    (tmp_path / "deploy" / "k8s").mkdir(parents=True)
    (tmp_path / "k8s").symlink_to("deploy/k8s")
    for _ in range(2):
        result = run(["convert", "-o", "k8s"], tmp_path)
        assert result.returncode == 0, result.stderr
        assert (tmp_path / "k8s").is_symlink() and os.readlink(tmp_path / "k8s") == "deploy/k8s"
        assert (tmp_path / "deploy" / "k8s" / "api-deployment.yaml").is_file()
    own = tmp_path / "own"
    own.mkdir(mode=0o700)
    os.chmod(own, 0o700)
    inode = own.stat().st_ino
    for _ in range(2):
        assert run(["convert", "-o", "own"], tmp_path).returncode == 0
        assert own.stat().st_ino == inode and stat.S_IMODE(own.stat().st_mode) == 0o700
    assert (own / "api-deployment.yaml").is_file()
    (tmp_path / "dangling").symlink_to("nowhere")
    result = run(["convert", "-o", "dangling"], tmp_path)
    assert result.returncode == 1 and "does not exist" in result.stderr and (tmp_path / "dangling").is_symlink()
    assert not (tmp_path / "nowhere").exists()
    # One file through a link: the link stays, its target is the guide.
    (tmp_path / "docs").mkdir()
    assert run(["tutorial", "-o", "docs/GUIDE.md"], tmp_path).returncode == 0
    (tmp_path / "GUIDE.md").symlink_to("docs/GUIDE.md")
    assert run(["tutorial", "-o", "GUIDE.md"], tmp_path).returncode == 0
    assert (tmp_path / "GUIDE.md").is_symlink() and (tmp_path / "docs" / "GUIDE.md").read_text().startswith("<!-- Generated")


def test_stdout_stream_in_apply_order_with_namespace(tmp_path):
    result = run(["convert", "--stdout", "--namespace", "shop"], project(tmp_path))
    assert result.returncode == 0, result.stderr
    objects = [o for o in yaml.safe_load_all(result.stdout) if o]
    assert [f"{o['kind']}/{o['metadata']['name']}" for o in objects] == [
        "Namespace/shop", f"Secret/{secret_name(tmp_path)}", "Service/db", "Service/api", "Deployment/db", "Deployment/api"]
    assert all(o["metadata"].get("namespace") == "shop" for o in objects[1:])


def test_strict_fails_on_warnings_and_writes_nothing(tmp_path):
    result = run(["convert", "-o", "k8s", "--strict"], project(tmp_path))
    assert result.returncode == 1 and "--strict" in result.stderr
    assert not (tmp_path / "k8s").exists()


def test_report_json(tmp_path):
    result = run(["convert", "--stdout", "--report", "json"], project(tmp_path))
    report = json.loads(result.stderr)
    assert report["services"]["db"] == ["Deployment/db", f"Secret/{secret_name(tmp_path)}", "Service/db"]
    assert {"severity": "warning", "path": "services.api.ulimits"}.items() <= next(
        d for d in report["diagnostics"] if d["path"] == "services.api.ulimits").items()
    assert report["keys"]["services.api.image"] == "used" and report["keys"]["services.api.ulimits"] == "reported"


def test_cycle_is_a_located_error_and_nothing_is_written(tmp_path):
    text = "services:\n  a: {image: a, depends_on: [b]}\n  b: {image: b, depends_on: [a]}\n"
    result = run(["convert", "-o", "k8s"], project(tmp_path, text))
    assert result.returncode == 1
    assert "compose.yaml:3:30: error: dependency cycle: a → b → a [services.b.depends_on.a]" in result.stderr
    assert not (tmp_path / "k8s").exists()


def test_bare_convert_prints_the_manifests_and_dash_means_standard_output(tmp_path):
    project(tmp_path)
    (tmp_path / "docker-compose.yml").write_text(COMPOSE)
    bare = run(["convert", "docker-compose.yml"], tmp_path)
    assert bare.returncode == 0, bare.stderr
    kinds = [o["kind"] for o in yaml.safe_load_all(bare.stdout) if o]
    assert "Deployment" in kinds and "Service" in kinds
    assert run(["convert", "docker-compose.yml", "-o", "-"], tmp_path).stdout == bare.stdout
    assert run(["convert", "docker-compose.yml", "--stdout"], tmp_path).stdout == bare.stdout
    assert not (tmp_path / "-").exists()


def test_an_existing_file_compose2kube_did_not_write_is_never_replaced(tmp_path):
    project(tmp_path)
    (tmp_path / "k8s.yaml").write_bytes(b"mine\n")
    (tmp_path / "notes").write_bytes(b"no suffix\n")
    for target in ["k8s.yaml", "compose.yaml", "notes"]:
        before = (tmp_path / target).read_bytes()
        for extra in ([], ["--force"]):
            result = run(["convert", "-o", target, *extra], tmp_path)
            assert result.returncode == 1, (target, extra, result.stderr)
            assert "left untouched" in result.stderr
            assert (tmp_path / target).read_bytes() == before


def test_a_new_yaml_path_gets_one_stream_that_reruns_update_and_hand_edits_protect(tmp_path):
    project(tmp_path)
    first = run(["convert", "-o", "out.yaml"], tmp_path)
    assert first.returncode == 0, first.stderr
    text = (tmp_path / "out.yaml").read_text()
    assert text.startswith("# Generated by compose2kube")
    assert [o["kind"] for o in yaml.safe_load_all(text) if o] == [
        o["kind"] for o in yaml.safe_load_all(run(["convert"], tmp_path).stdout) if o]
    assert run(["convert", "-o", "out.yaml"], tmp_path).returncode == 0
    (tmp_path / "out.yaml").write_text(text + "# my note\n")
    refused = run(["convert", "-o", "out.yaml"], tmp_path)
    assert refused.returncode == 1 and "edited since" in refused.stderr
    assert (tmp_path / "out.yaml").read_text().endswith("# my note\n")
    assert run(["convert", "-o", "out.yaml", "--force"], tmp_path).returncode == 0
    assert (tmp_path / "out.yaml").read_text() == text


def test_usage_errors_exit_2_and_version(tmp_path):
    project(tmp_path)
    for args in (["--format", "helm"], ["--format", "kustomize", "-o", "x.yaml"], ["--stdout", "-o", "x"], ["--bogus"]):
        result = run(["convert", *args], tmp_path)
        assert result.returncode == 2, (args, result.stderr)
    assert "-o DIR" in run(["convert", "--format", "helm"], tmp_path).stderr
    version = run(["--version"], tmp_path)
    assert version.returncode == 0 and version.stdout.strip() == run(["version"], tmp_path).stdout.strip() != ""


def test_invalid_flag_values_are_usage_errors_that_say_what_is_expected(tmp_path):
    project(tmp_path)
    cases = {
        ("--namespace", "My_NS"): "expected at most 63 lower-case letters",
        ("--pvc-size", "lots"): "expected a Kubernetes quantity",
        ("--secret-keys", "(["): "not a valid regular expression",
        ("--wait-timeout", "0"): "above 0",
    }
    for (flag, value), expected in cases.items():
        result = run(["convert", flag, value], tmp_path)
        assert result.returncode == 2 and expected in result.stderr, (flag, result.stderr)
        assert result.stdout == ""
    assert run(["tutorial", "--namespace", "Bad_NS", "-o", "-"], tmp_path).returncode == 2


def test_pvc_size_takes_kubernetes_quantities_and_nothing_else(tmp_path):
    project(tmp_path, "services:\n  db:\n    image: postgres:16\n    volumes: [data:/var/lib/postgresql/data]\nvolumes:\n  data:\n")
    for good in ("1.5Gi", "500M", "10G", "2k", "0.5Ti"):
        result = run(["convert", "--pvc-size", good], tmp_path)
        assert result.returncode == 0 and f"storage: {good}\n" in result.stdout, (good, result.stderr)
    for bad in ("1.Gi", ".5Gi", "0", "0.0Mi", "5Xi", "1gi", "1 Gi", "-1Gi", "1Gi\n", "Gi", "\u0661Gi"):
        result = run(["convert", f"--pvc-size={bad}"], tmp_path)
        assert result.returncode == 2 and "expected a Kubernetes quantity" in result.stderr, (bad, result.stderr)


def test_plain_messages_for_a_folder_and_an_unclosed_variable(tmp_path):
    project(tmp_path)
    (tmp_path / "sub").mkdir()
    folder = run(["convert", "-f", "sub"], tmp_path)
    assert folder.returncode == 1 and "is a folder, not a compose file" in folder.stderr and "NSCocoaErrorDomain" not in folder.stderr
    (tmp_path / "bad.yaml").write_text('services:\n  a:\n    image: "x:${TAG"\n')
    unclosed = run(["convert", "-f", "bad.yaml"], tmp_path)
    assert unclosed.returncode == 1
    assert 'invalid interpolation in "x:${TAG": missing closing brace; write $$ for a literal $' in unclosed.stderr
    assert "invalidTemplate" not in unclosed.stderr


def test_tutorial_never_replaces_a_guide_it_did_not_write(tmp_path):
    project(tmp_path)
    (tmp_path / "MIGRATION.md").write_text("my own notes\n")
    result = run(["tutorial"], tmp_path)
    assert result.returncode == 1 and (tmp_path / "MIGRATION.md").read_text() == "my own notes\n"
    assert run(["tutorial", "-o", "GUIDE.md"], tmp_path).returncode == 0
    assert run(["tutorial", "-o", "GUIDE.md"], tmp_path).returncode == 0


def test_convert_with_tutorial_writes_migration_beside_the_output(tmp_path):
    result = run(["convert", "-o", "k8s", "--tutorial", "--cluster", "kind"], project(tmp_path))
    assert result.returncode == 0, result.stderr
    guide = (tmp_path / "MIGRATION.md").read_text()
    assert "kind create cluster --name" in guide and "kubectl apply -f k8s/" in guide
    service = yaml.safe_load((tmp_path / "k8s" / "api-service.yaml").read_text())
    node_port = service["spec"]["ports"][0]["nodePort"]
    assert f"containerPort: {node_port}\n    hostPort: 8080" in guide


def test_repeated_warnings_are_one_line_and_the_run_ends_with_one_summary_line(tmp_path):
    text = "services:\n  api:\n    image: api:1\n    environment: [HOST_A, HOST_B, HOST_C]\n    ulimits: {nofile: 1024}\n"
    project(tmp_path, text)
    result = run(["convert", "-o", "k8s"], tmp_path)
    assert result.returncode == 0, result.stderr
    lines = result.stderr.strip().splitlines()
    host = [line for line in lines if "takes its value from the host's environment" in line]
    assert len(host) == 1 and "HOST_A takes its value" in host[0] and "(the same for HOST_B, HOST_C)" in host[0]
    # The summary counts the lines printed, and says how many findings they hold.
    files = len(list((tmp_path / 'k8s').glob('*.yaml')))
    assert lines[-1] == f"0 errors, 2 warnings (4 findings, alike ones on one line); wrote {files} files to k8s"
    assert sum(1 for line in lines if " warnings" in line and "errors" in line) == 1


@pytest.mark.skipif(shutil.which("script") is None, reason="script (util-linux) is not installed")
def test_warnings_in_colour_only_on_a_terminal_and_never_with_no_color(tmp_path):
    project(tmp_path)
    command = f"{BINARY} convert -o k8s"
    terminal = subprocess.run(["script", "-qc", command, "/dev/null"], cwd=tmp_path, env=CLEAN_ENV, capture_output=True, text=True)
    assert "\x1b[1;33mwarning:\x1b[0m" in terminal.stdout
    shutil.rmtree(tmp_path / "k8s")
    plain = subprocess.run(["script", "-qc", command, "/dev/null"], cwd=tmp_path, env={**CLEAN_ENV, "NO_COLOR": "1"},
                           capture_output=True, text=True)
    assert "\x1b[" not in plain.stdout and "warning: ulimits" in plain.stdout
    assert "\x1b[" not in run(["convert", "-o", "k8s2"], tmp_path).stderr


def test_messages_about_external_resources_are_true(tmp_path):
    project(tmp_path, "services:\n  db:\n    image: postgres:16\n    volumes: [data:/var/lib/postgresql/data]\n    secrets: [pw]\n"
                      "volumes:\n  data: {external: true}\nsecrets:\n  pw: {external: true}\n")
    result = run(["convert"], tmp_path)
    assert result.returncode == 0, result.stderr
    assert "not used by any service" not in result.stderr
    assert "db → Deployment/db, Service/db, PersistentVolumeClaim/data (external, not generated), Secret/pw (external, not generated)" in result.stderr
    kinds = {(o["kind"], o["metadata"]["name"]) for o in yaml.safe_load_all(result.stdout) if o}
    assert ("PersistentVolumeClaim", "data") not in kinds and ("Secret", "pw") not in kinds


def test_a_location_that_cannot_be_written_gets_a_plain_message(tmp_path):
    project(tmp_path)
    (tmp_path / "afile").write_text("x\n")
    for target in ["afile/k8s", "afile/k8s.yaml"]:
        result = run(["convert", "-o", target], tmp_path)
        assert result.returncode == 1 and f"cannot write" in result.stderr and "afile" in result.stderr
        assert "NSCocoaErrorDomain" not in result.stderr and "Error Domain" not in result.stderr
    assert (tmp_path / "afile").read_text() == "x\n"


def test_the_guide_builds_images_as_compose_did_and_reports_build_keys_it_cannot_pass(tmp_path):
    text = """
services:
  web:
    build:
      context: ./app
      dockerfile: docker/Dockerfile.prod
      target: runtime
      args: {VERSION: "1.2 beta", NPM_TOKEN: npm_abcdefghijklmnopqrstuvwxyz0123456789}
      cache_from: [web:cache]
    image: web:1
"""
    (tmp_path / "app").mkdir()
    result = run(["tutorial", "-o", "-"], project(tmp_path, text))
    assert result.returncode == 0, result.stderr
    line = next(l for l in result.stdout.splitlines() if l.startswith("docker build"))
    assert line == "docker build -t web:1 -f app/docker/Dockerfile.prod --target runtime --build-arg NPM_TOKEN --build-arg 'VERSION=1.2 beta' app"
    assert "npm_abcdef" not in result.stdout, "a secret build argument is passed by name, from the shell"
    converted = run(["convert"], project(tmp_path, text))
    assert "cache_from is not used: compose2kube does not build images" in converted.stderr
    assert "[services.web.build.cache_from]" in converted.stderr
