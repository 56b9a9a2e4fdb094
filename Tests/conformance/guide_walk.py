"""Walks a MIGRATION.md as a user would, against a cluster kept in memory: every shell command of
the guide, in the guide's order, runs or is checked against what exists at that point.

`compose2kube convert` runs for real in a copy of the project. `kubectl apply` adds the objects of
the files, folders, kustomizations (rendered by `kubectl kustomize`) or chart (rendered by the real
Helm engine) it names; `kubectl run` adds a pod, `kubectl delete` removes. Every other command
must name objects, files, images, volumes and releases that exist when it runs: a claim a copy pod
mounts, a Deployment whose rollout the guide awaits (and which can become available: no GPU on a
local cluster, a container that keeps running), the Service and port a port-forward uses, the
named volume `docker run` reads (as the real docker-compose names it), the image `kind load`
sends. A command the walker does not know fails the walk, so a new kind of step is taught here."""
import copy
import json
import re
import shlex
import subprocess
from pathlib import Path

import yaml

from corpus import BINARY, CLEAN_ENV, docker_compose, merged

WORKLOAD_KINDS = {"Deployment", "StatefulSet", "DaemonSet", "Job", "CronJob"}
SHORT_KINDS = {"deployment": "Deployment", "statefulset": "StatefulSet", "daemonset": "DaemonSet", "job": "Job",
               "cronjob": "CronJob", "svc": "Service", "service": "Service", "pvc": "PersistentVolumeClaim",
               "pod": "Pod", "ingress": "Ingress", "configmap": "ConfigMap", "secret": "Secret"}
LOCAL_CLUSTERS = ("kind", "minikube", "docker-desktop")


class WalkError(AssertionError):
    pass


def shell_blocks(guide):
    """The `sh` blocks of the guide, in order, each as its commands (continuation lines joined,
    comments dropped) and whether it opens with "# Instead of" (it replaces the block before it)."""
    blocks = []
    for block in re.findall(r"```sh\n(.*?)```", guide, re.S):
        commands, pending = [], ""
        for line in block.splitlines():
            stripped = line.strip()
            if not pending and (not stripped or stripped.startswith("#")):
                continue
            if stripped.endswith("\\"):
                pending += stripped[:-1] + " "
                continue
            commands.append(pending + stripped)
            pending = ""
        blocks.append((commands, block.startswith("# Instead of")))
    return blocks


def words(command):
    """The words of one command, up to a comment."""
    lexer = shlex.shlex(command, posix=True, punctuation_chars="|;")
    lexer.whitespace_split = True
    lexer.commenters = "#"
    return list(lexer)


def selector(text):
    return dict(part.split("=", 1) for part in text.split(","))


def labels(obj):
    return (obj.get("metadata") or {}).get("labels") or {}


def option(args, *names):
    """The value of the first option of `names` (`-f X`, `--file=X`), or None."""
    for index, word in enumerate(args):
        for name in names:
            if word == name and index + 1 < len(args):
                return args[index + 1]
            if word.startswith(name + "="):
                return word[len(name) + 1:]
    return None


def options(args, name):
    return [args[i + 1] for i, w in enumerate(args[:-1]) if w == name] + [w[len(name) + 1:] for w in args if w.startswith(name + "=")]


class GuideWalk:
    """A cluster in memory and the user's machine (the project folder, docker's images and volumes)."""

    def __init__(self, project, cluster, helm=None, kubectl="kubectl"):
        self.project = Path(project)
        self.cluster = cluster
        self.helm = helm
        self.kubectl = kubectl
        self.objects = {}
        self.deployed = set()  # every workload the walk applied, also after the clean-up removed it
        self.releases = {}
        self.release_values = {}
        self.images = set()
        self.variables = {}
        self.helm_repos = set()
        self.compose_stopped = False
        self.cluster_made = cluster != "kind"  # minikube's guide says `minikube start` in its prose
        self.log = []
        config = subprocess.run([docker_compose(), "config", "--format", "json"], cwd=self.project, env=CLEAN_ENV,
                                capture_output=True, text=True, timeout=120)
        assert config.returncode == 0, config.stderr
        self.compose = json.loads(config.stdout)
        self.volumes = {v.get("name") for v in (self.compose.get("volumes") or {}).values()}

    # What exists.

    def fail(self, message):
        raise WalkError(f"{message}\n  after: {self.log[-3:]}")

    def need(self, kind, name):
        if (kind, name) not in self.objects:
            self.fail(f"{kind}/{name} does not exist yet")
        return self.objects[(kind, name)]

    def matching(self, kinds, wanted):
        return [o for (k, _), o in self.objects.items() if k in kinds and wanted.items() <= labels(o).items()]

    def add(self, objects, release=None):
        for obj in objects:
            if not obj:
                continue
            key = (obj["kind"], obj["metadata"]["name"])
            self.objects[key] = obj
            if key[0] in WORKLOAD_KINDS:
                self.deployed.add(key)
            if release:
                self.releases.setdefault(release, set()).add(key)

    def claims_of(self, pod_spec):
        return [v["persistentVolumeClaim"]["claimName"] for v in pod_spec.get("volumes") or [] if "persistentVolumeClaim" in v]

    # Rendering what a command applies.

    def load_path(self, path):
        path = self.project / path
        if not path.exists():
            self.fail(f"{path.relative_to(self.project)} does not exist")
        files = sorted(p for p in path.iterdir() if p.suffix in (".yaml", ".yml", ".json")) if path.is_dir() else [path]
        return [o for p in files for o in yaml.safe_load_all(p.read_text()) if o]

    def kustomize(self, folder):
        out = subprocess.run([self.kubectl, "kustomize", str(self.project / folder)], capture_output=True, text=True, timeout=60)
        if out.returncode != 0:
            self.fail(f"kubectl kustomize {folder}: {out.stderr}")
        return [o for o in yaml.safe_load_all(out.stdout) if o]

    def render_chart(self, release, args, values=None):
        """The chart's objects with the values files and `--set`s of `args` over `values`."""
        chart = self.project / args[0]
        if not (chart / "Chart.yaml").exists():
            self.fail(f"{args[0]} is not a chart")
        values = copy.deepcopy(values or {})
        for name in options(args, "-f"):
            values = merged(values, yaml.safe_load((self.project / name).read_text()) or {})
        for assignment in options(args, "--set") + options(args, "--set-string"):
            path, value = assignment.split("=", 1)
            node = {}
            cursor = node
            parts = path.split(".")
            for part in parts[:-1]:
                cursor = cursor.setdefault(part, {})
            cursor[parts[-1]] = value
            values = merged(values, node)
        self.last_values = values
        with self.helm.Chart.load(str(chart)) as loaded:
            texts = loaded.render(loaded.merge_values(values), name=release, namespace=option(args, "--namespace", "-n") or "default")
        only = option(args, "-s", "--show-only")
        return [o for name, text in texts.items() if not name.endswith("NOTES.txt") and (not only or name.endswith(only))
                for o in yaml.safe_load_all(text) if o]

    # The commands.

    def run(self, command):
        self.log.append(command)
        if re.match(r"^[A-Z_]+=", command):
            name, value = command.split("=", 1)
            inner = re.match(r"\$\((.*)\)\s*(#.*)?$", value)
            if inner:
                self.pipeline(words(inner.group(1)))
            self.variables[name] = value
            return
        if command.startswith("for "):
            inner = re.match(r"for \w+ in \$\((.*?)\); do (.*); done$", command)
            if not inner:
                self.fail(f"a loop the walker does not know: {command}")
            self.pipeline(words(inner.group(1)))
            return
        self.pipeline(words(command))

    def pipeline(self, tokens):
        stages, current = [], []
        for token in tokens:
            if token == "|":
                stages.append(current)
                current = []
            else:
                current.append(token)
        stages.append(current)
        piped = None
        for stage in stages:
            piped = self.command(stage, piped)

    def command(self, args, piped):
        program, rest = args[0], args[1:]
        handler = {"compose2kube": self.compose2kube, "kubectl": self.kubectl_command, "helm": self.helm_command,
                   "docker": self.docker, "kind": self.kind, "minikube": self.minikube, "curl": self.curl,
                   "tar": self.tar}.get(program)
        if not handler:
            self.fail(f"a command the walker does not know: {' '.join(args)}")
        return handler(rest, piped)

    def compose2kube(self, args, piped):
        result = subprocess.run([str(BINARY), *args], cwd=self.project, env=CLEAN_ENV, capture_output=True, text=True, timeout=120)
        if result.returncode != 0:
            self.fail(f"compose2kube {' '.join(args)}: {result.stderr}")

    def kind(self, args, piped):
        if args[:2] == ["create", "cluster"]:
            config = option(args, "--config")
            if config and config not in self.guide_text:
                self.fail(f"{config} is not shown in the guide")
            self.cluster_made = True
        elif args[:2] == ["load", "docker-image"]:
            if args[2] not in self.images:
                self.fail(f"kind loads {args[2]}, which was never built")
        elif args[:2] == ["delete", "cluster"]:
            self.objects.clear()
        else:
            self.fail(f"kind {' '.join(args)}")

    def minikube(self, args, piped):
        if args[:1] == ["start"]:
            self.cluster_made = True
        elif args[:2] == ["image", "load"]:
            if args[2] not in self.images:
                self.fail(f"minikube loads {args[2]}, which was never built")
        elif args[:1] == ["delete"]:
            self.objects.clear()
        else:
            self.fail(f"minikube {' '.join(args)}")

    def docker(self, args, piped):
        if args[:1] == ["build"]:
            context = args[-1]
            dockerfile = option(args, "-f", "--file") or str(Path(context) / "Dockerfile")
            if not (self.project / context).is_dir() or not (self.project / dockerfile).is_file():
                self.fail(f"docker build: no {dockerfile} in {context}")
            self.images.add(option(args, "-t", "--tag"))
        elif args[:1] == ["tag"]:
            if args[1] not in self.images:
                self.fail(f"docker tag {args[1]}, which was never built")
            self.images.add(args[2])
        elif args[:1] == ["push"]:
            if args[1] not in self.images:
                self.fail(f"docker push {args[1]}, which was never tagged")
        elif args[:1] == ["compose"]:
            for name in options(args, "-f"):
                if not (self.project / name).is_file():
                    self.fail(f"docker compose -f {name}: no such file")
            if "down" in args and ("-v" in args or "--volumes" in args):
                self.fail("the guide deletes the Compose volumes")
            self.compose_stopped = self.compose_stopped or "stop" in args
        elif args[:1] == ["run"]:
            for mount in options(args, "-v"):
                source = mount.split(":")[0]
                if not source.startswith(("/", ".")) and source not in self.volumes:
                    self.fail(f"docker run mounts volume {source}; Compose names the project's volumes {sorted(self.volumes)}")
                if not source.startswith(("/", ".")) and not self.compose_stopped:
                    self.fail(f"volume {source} is copied while the Compose project still runs")
        else:
            self.fail(f"docker {' '.join(args)}")

    def tar(self, args, piped):
        folder = option(args, "-C")
        if folder and not (self.project / folder).is_dir():
            self.fail(f"tar -C {folder}: no such folder in the project")

    def curl(self, args, piped):
        host = next((h.split(":", 1)[1].strip() for h in options(args, "-H") if h.lower().startswith("host:")), None)
        url = args[-1]
        path = "/" + url.split("/", 3)[3] if url.count("/") >= 3 else "/"
        for (kind, _), obj in self.objects.items():
            if kind == "Ingress":
                for rule in obj["spec"].get("rules") or []:
                    if host in (None, rule.get("host")) and any(path.startswith(p.get("path", "/"))
                                                               for p in rule.get("http", {}).get("paths", [])):
                        return
            if kind == "HTTPRoute" and host in (obj["spec"].get("hostnames") or [host]):
                return
        self.fail(f"curl: no route answers {host}{path}")

    def helm_command(self, args, piped):
        handler = {"repo": self.helm_repo, "install": self.helm_install, "upgrade": self.helm_upgrade,
                   "uninstall": self.helm_uninstall, "template": self.helm_template}.get(args[0])
        if not handler:
            self.fail(f"helm {args[0]}")
        return handler(args[1:])

    def helm_repo(self, args):
        self.helm_repos.add(args[1])

    def helm_template(self, args):
        return self.render_chart(args[0], args[1:])

    def helm_install(self, args):
        release, chart = args[0], args[1]
        if release in self.releases:
            self.fail(f"helm install {release}: the release exists (helm upgrade)")
        if not (self.project / chart).exists():  # a chart from a repository (traefik/traefik)
            if chart.split("/")[0] not in self.helm_repos:
                self.fail(f"helm install from {chart} without its repo")
            self.releases[release] = set()
            return
        objects = self.render_chart(release, args[1:])
        for obj in objects:
            key = (obj["kind"], obj["metadata"]["name"])
            if key in self.objects and not self.adopts(release, self.objects[key]):
                self.fail(f"helm install {release}: {key[0]}/{key[1]} exists and Helm would refuse to take it over")
        self.add(objects, release=release)
        self.release_values[release] = self.last_values

    @staticmethod
    def adopts(release, obj):
        """Helm takes over an object that carries the release's ownership label and annotation."""
        annotations = (obj.get("metadata") or {}).get("annotations") or {}
        return labels(obj).get("app.kubernetes.io/managed-by") == "Helm" and annotations.get("meta.helm.sh/release-name") == release

    def helm_upgrade(self, args):
        release = args[0]
        if release not in self.releases:
            self.fail(f"helm upgrade {release}: no such release")
        # Without a reuse flag, any -f or --set drops the values the release was installed with.
        reused = self.release_values[release] if {"--reuse-values", "--reset-then-reuse-values"} & set(args) else {}
        objects = self.render_chart(release, args[1:], values=reused)
        self.remove_release(release, keeping={(o["kind"], o["metadata"]["name"]) for o in objects})
        self.add(objects, release=release)
        self.release_values[release] = self.last_values

    def helm_uninstall(self, args):
        if args[0] not in self.releases:
            self.fail(f"helm uninstall {args[0]}: no such release")
        self.remove_release(args[0])
        self.releases.pop(args[0])

    def remove_release(self, release, keeping=()):
        """Deletes the release's objects but `keeping` and those Helm's resource policy keeps."""
        for key in self.releases.get(release, set()) - set(keeping):
            obj = self.objects.get(key)
            if obj and ((obj.get("metadata") or {}).get("annotations") or {}).get("helm.sh/resource-policy") != "keep":
                self.objects.pop(key)
        self.releases[release] = set(keeping)

    def kubectl_command(self, args, piped):
        verb = args[0]
        if not self.cluster_made and verb != "kustomize":
            self.fail("kubectl before the cluster is made")
        getattr(self, "kubectl_" + verb.replace("-", "_"), lambda a, p: self.fail(f"kubectl {verb}"))(args[1:], piped)

    def kubectl_apply(self, args, piped):
        if "-k" in args:
            objects = self.kustomize(option(args, "-k"))
        elif option(args, "-f") == "-":
            if piped is None:
                self.fail("kubectl apply -f - with nothing piped in")
            objects = piped
        else:
            objects = [o for path in options(args, "-f") for o in self.load_path(path)]
        wanted = option(args, "-l")
        if wanted and "--prune" not in args:
            objects = [o for o in objects if selector(wanted).items() <= labels(o).items()]
            if not objects:
                self.fail(f"kubectl apply -l {wanted}: nothing matches")
        self.check_applied(objects)
        self.add(objects)

    def check_applied(self, objects):
        """What the cluster would refuse or never finish: a claim a pod mounts that nothing makes."""
        made = {(o["kind"], o["metadata"]["name"]) for o in objects} | set(self.objects)
        for obj in objects:
            for name in self.claims_of(pod_spec(obj) or {}):
                if ("PersistentVolumeClaim", name) not in made:
                    self.fail(f"{obj['kind']}/{obj['metadata']['name']} mounts claim {name}, which nothing makes")

    def kubectl_create(self, args, piped):
        if args[0] == "job":
            source = option(args, "--from")
            self.need("CronJob", source.split("/", 1)[1])
            name = next(a for a in args[1:] if not a.startswith("-"))
            self.add([{"kind": "Job", "metadata": {"name": name}}])
        elif args[:2] == ["secret", "generic"]:
            secret = {"kind": "Secret", "metadata": {"name": args[2]}}
            return self.add([secret]) if "--dry-run=client" not in args else [secret]
        else:
            self.fail(f"kubectl create {args[0]}")

    def kubectl_run(self, args, piped):
        name = args[0]
        overrides = option(args, "--overrides")
        spec = json.loads(overrides)["spec"] if overrides else {}
        for claim in self.claims_of(spec):
            self.need("PersistentVolumeClaim", claim)
        self.add([{"kind": "Pod", "metadata": {"name": name}, "spec": spec}])

    def kubectl_wait(self, args, piped):
        target = next(a for a in args if not a.startswith("-"))
        if "/" in target:
            kind, name = target.split("/", 1)
            self.need(SHORT_KINDS[kind], name)
        else:
            wanted = selector(option(args, "-l"))
            if not self.matching({SHORT_KINDS[target]}, wanted):
                self.fail(f"kubectl wait {target} -l {wanted}: nothing matches")

    def kubectl_exec(self, args, piped):
        self.need("Pod", next(a for a in args if not a.startswith("-")))

    def kubectl_delete(self, args, piped):
        target = args[0]
        if "/" in target or (target in SHORT_KINDS and len(args) > 1 and not args[1].startswith("-")):
            kind, name = target.split("/", 1) if "/" in target else (target, args[1])
            self.need(SHORT_KINDS[kind], name)
            self.objects.pop((SHORT_KINDS[kind], name))
            return
        kinds = {SHORT_KINDS.get(k, k) for k in target.split(",")}
        wanted = selector(option(args, "-l"))
        for key in [k for k, o in self.objects.items() if k[0].lower() in {x.lower() for x in kinds} or k[0] in kinds]:
            if wanted.items() <= labels(self.objects[key]).items():
                self.objects.pop(key)

    def kubectl_rollout(self, args, piped):
        kind, name = args[1].split("/", 1)
        workload = self.need(SHORT_KINDS[kind], name)
        spec = pod_spec(workload)
        if workload["spec"].get("replicas", 1) == 0:
            return
        limits = [k for c in spec.get("containers", []) for k in (c.get("resources") or {}).get("limits", {}) if "gpu" in k]
        if limits and self.cluster in LOCAL_CLUSTERS:
            self.fail(f"{kind}/{name} asks for {limits[0]}, which a local {self.cluster} cluster does not have: it stays Pending")
        for claim in self.claims_of(spec):
            self.need("PersistentVolumeClaim", claim)
        if self.run_only(workload):
            self.fail(f"{kind}/{name} runs a helper for `docker compose run`: it never becomes available")

    def run_only(self, workload):
        """A container that is given a command dispatcher and no subcommand (`python manage.py`) exits at once."""
        for container in pod_spec(workload).get("containers", []):
            command = (container.get("command") or []) + (container.get("args") or [])
            if command and Path(command[-1]).name in ("manage.py", "artisan", "console", "django-admin", "occ"):
                return True
        return False

    def kubectl_logs(self, args, piped):
        target = next((a for a in args if not a.startswith("-") and "=" not in a), None)
        if option(args, "-l"):
            if not self.matching(WORKLOAD_KINDS, selector(option(args, "-l"))):
                self.fail(f"kubectl logs -l {option(args, '-l')}: nothing matches")
        elif target and "/" in target:
            kind, name = target.split("/", 1)
            self.need(SHORT_KINDS[kind], name)

    def kubectl_get(self, args, piped):
        kind = args[0]
        if kind in ("nodes", "node"):
            return None
        wanted = option(args, "-l")
        kinds = {"pods": WORKLOAD_KINDS, "pvc": {"PersistentVolumeClaim"}, "svc": {"Service"}}.get(kind)
        named = [a for i, a in enumerate(args[1:], 1) if not a.startswith("-") and args[i - 1] not in ("-n", "--namespace", "-o", "-l")]
        if kind in ("ingress", "service") and named:
            if kind == "service" and named[0] in self.releases:  # the Service of a chart installed from a repo
                return None
            self.need(SHORT_KINDS[kind], named[0])
            return None
        if kinds is None:
            self.fail(f"kubectl get {kind}")
        if wanted and not self.matching(kinds, selector(wanted)):
            self.fail(f"kubectl get {kind} -l {wanted}: nothing matches")
        return None

    def kubectl_port_forward(self, args, piped):
        target = args[0]
        kind, name = target.split("/", 1)
        service = self.need(SHORT_KINDS[kind], name)
        remote = int(args[1].split(":")[-1])
        if remote not in [p["port"] for p in service["spec"].get("ports", [])]:
            self.fail(f"port-forward {target} {args[1]}: the Service has no port {remote}")
        backends = self.matching({"Deployment", "StatefulSet", "DaemonSet"}, service["spec"].get("selector") or {"-": "-"})
        if not backends:
            self.fail(f"port-forward {target}: no workload behind the Service")

    def kubectl_label(self, args, piped):
        self.need(SHORT_KINDS[args[0]], args[1])
        self.set_meta(args, "labels")

    def kubectl_annotate(self, args, piped):
        self.need(SHORT_KINDS[args[0]], args[1])
        self.set_meta(args, "annotations")

    def set_meta(self, args, field):
        obj = self.objects[(SHORT_KINDS[args[0]], args[1])]
        for pair in args[2:]:
            if "=" in pair and not pair.startswith("-"):
                key, value = pair.split("=", 1)
                obj.setdefault("metadata", {}).setdefault(field, {})[key] = value

    def kubectl_config(self, args, piped):
        return None

    def kubectl_patch(self, args, piped):
        return None

    STATE = ("objects", "deployed", "releases", "release_values", "images", "variables", "helm_repos", "compose_stopped", "cluster_made")

    def snapshot(self):
        return copy.deepcopy({name: getattr(self, name) for name in self.STATE})

    def restore(self, state):
        for name, value in copy.deepcopy(state).items():
            setattr(self, name, value)

    def walk(self, guide):
        """Runs the guide's blocks in order; a block "instead of" the one before it runs from the
        state before that one, and the walk goes on from the main line."""
        self.guide_text = guide
        before = after = self.snapshot()
        for commands, instead in shell_blocks(guide):
            if instead:
                self.restore(before)
                for command in commands:
                    self.run(command)
                self.restore(after)
                continue
            before = self.snapshot()
            for command in commands:
                self.run(command)
            after = self.snapshot()
        return self


def pod_spec(obj):
    spec = obj.get("spec") or {}
    if obj.get("kind") == "CronJob":
        spec = spec.get("jobTemplate", {}).get("spec", {})
    return (spec.get("template") or {}).get("spec") or {}
