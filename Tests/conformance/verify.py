"""DESIGN's "Verify before writing", written a second time in Python so it runs over what Helm
renders and kustomize builds (the converter's own verifier sees only its objects): what the API
server and the kubelet check beyond the OpenAPI schema. `problems(objects, external)` lists every
finding as `Kind/name: reason`; `external` is `{(kind, name)}` of objects the output expects to
exist already (take them from `missing_references` of the plain manifests, which the converter
has verified)."""
import re


LABEL = re.compile(r"[a-z0-9]([-a-z0-9]*[a-z0-9])?")
LABEL_VALUE = re.compile(r"([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?")
DATA_KEY = re.compile(r"[-._a-zA-Z0-9]+")
ENV_NAME = re.compile(r"[-._a-zA-Z][-._a-zA-Z0-9]*")
SAFE_SYSCTLS = {"kernel.shm_rmid_forced", "net.ipv4.ip_local_port_range", "net.ipv4.tcp_syncookies", "net.ipv4.ping_group_range",
                "net.ipv4.ip_unprivileged_port_start", "net.ipv4.ip_local_reserved_ports", "net.ipv4.tcp_keepalive_time",
                "net.ipv4.tcp_fin_timeout", "net.ipv4.tcp_keepalive_intvl", "net.ipv4.tcp_keepalive_probes"}
TOKEN_PATH = "/var/run/secrets/kubernetes.io/serviceaccount"
WORKLOADS = ("Deployment", "StatefulSet", "DaemonSet", "Job", "CronJob")
CRON_FIELD = re.compile(r"(\*|\d+(-\d+)?)(/\d+)?(,(\*|\d+(-\d+)?)(/\d+)?)*|[A-Za-z]{3}(-[A-Za-z]{3})?")


def is_label(name, limit=63):
    return len(name) <= limit and LABEL.fullmatch(name) is not None


def is_subdomain(name):
    return 0 < len(name) <= 253 and all(is_label(part) for part in name.split("."))


def is_qualified(key):
    prefix, _, name = key.rpartition("/")
    return (not prefix or is_subdomain(prefix)) and 0 < len(name) <= 63 and LABEL_VALUE.fullmatch(name) is not None


def is_label_value(value):
    return len(value) <= 63 and LABEL_VALUE.fullmatch(value) is not None


def is_port_name(name):
    return is_label(name, 15) and "--" not in name and re.search("[a-z]", name) is not None


def schedule_parses(schedule):
    if schedule.startswith("@"):
        return schedule in ("@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly")
    fields = schedule.split()
    return len(fields) == 5 and all(CRON_FIELD.fullmatch(field) for field in fields)


def metadata_problems(obj):
    meta, kind = obj["metadata"], obj["kind"]
    name = meta["name"]
    valid = (is_label(name) and name[0].isalpha()) if kind == "Service" else is_label(name) if kind == "Namespace" else is_subdomain(name)
    problems = [] if valid else [f"name {name!r} is not a valid {kind} name"]
    if kind == "Job" and len(name) > 63:
        problems.append("name longer than 63 characters (it is its pods' job-name label)")
    for key, value in (meta.get("labels") or {}).items():
        if not is_qualified(key) or not is_label_value(str(value)):
            problems.append(f"label {key}={value!r} is invalid")
    problems += [f"annotation key {key!r} is invalid" for key in (meta.get("annotations") or {}) if not is_qualified(key)]
    return problems


def data_problems(obj):
    data = {**(obj.get("data") or {}), **(obj.get("stringData") or {}), **(obj.get("binaryData") or {})}
    problems = [f"key {key!r} is invalid" for key in data if not DATA_KEY.fullmatch(key) or key in (".", "..")]
    size = sum(len(key.encode()) + len(str(value).encode()) for key, value in data.items())
    return problems + ([f"holds {size} bytes, over 1 MiB"] if size > 1 << 20 else [])


def port_problems(ports, number="port"):
    problems, names, seen = [], set(), set()
    for port in ports:
        name = port.get("name")
        if name is not None:
            if not is_port_name(name):
                problems.append(f"port name {name!r} is invalid")
            if name in names:
                problems.append(f"port name {name} is used twice")
            names.add(name)
        key = (port[number], port.get("protocol", "TCP"))
        if not 1 <= port[number] <= 65535:
            problems.append(f"port {port[number]} is out of range")
        if key in seen:
            problems.append(f"port {key} is listed twice")
        seen.add(key)
    return problems


def service_problems(obj, pod_templates):
    spec = obj["spec"]
    if spec.get("type") == "ExternalName":
        return []
    headless = spec.get("clusterIP") == "None"
    problems = [] if headless or spec.get("ports") else ["has no ports and is not headless"]
    problems += port_problems(spec.get("ports") or [])
    selector = spec.get("selector") or {}
    selected = [t for t in pod_templates if selector and all(t["labels"].get(k) == v for k, v in selector.items())]
    if not selected:
        return problems + ["selects no pod"]
    for port in spec.get("ports") or []:
        target = port.get("targetPort", port["port"])
        if isinstance(target, str) and not any(target == p.get("name") for t in selected for p in t["ports"]):
            problems.append(f"targetPort {target} is no container port of the pods it selects")
    return problems


def pod_problems(spec, claim_templates, exists, keys):
    problems, containers, volumes = [], set(), {}
    everyone = spec.get("initContainers", []) + spec["containers"]
    for container in everyone:
        if not is_label(container["name"]) or container["name"] in containers:
            problems.append(f"container name {container['name']!r} is invalid or used twice")
        containers.add(container["name"])
    for volume in spec.get("volumes", []):
        if not is_label(volume["name"]) or volume["name"] in volumes:
            problems.append(f"volume name {volume['name']!r} is invalid or used twice")
        volumes[volume["name"]] = volume
        for kind, field, name_key in (("ConfigMap", "configMap", "name"), ("Secret", "secret", "secretName")):
            if field in volume:
                name = volume[field][name_key]
                if not exists(kind, name):
                    problems.append(f"volume {volume['name']} refers to {kind} {name}, which does not exist")
                elif keys(kind, name) is not None:
                    problems += [f"volume {volume['name']} names key {i['key']}, which {kind} {name} lacks"
                                 for i in volume[field].get("items", []) if i["key"] not in keys(kind, name)]
        claim = volume.get("persistentVolumeClaim", {}).get("claimName")
        if claim and not exists("PersistentVolumeClaim", claim) and claim not in claim_templates:
            problems.append(f"volume {volume['name']} refers to claim {claim}, which does not exist")
    if "" in (spec.get("dnsConfig") or {}).get("searches", []):
        problems.append("an empty DNS search domain")
    for sysctl in (spec.get("securityContext") or {}).get("sysctls", []):
        if sysctl["name"] not in SAFE_SYSCTLS:
            problems.append(f"sysctl {sysctl['name']} is outside the kubelet's safe set")
    account = spec.get("serviceAccountName")
    if account and account != "default" and not exists("ServiceAccount", account):
        problems.append(f"ServiceAccount {account} does not exist")
    for container in everyone:
        problems += [f"container {container['name']}: {p}" for p in container_problems(container, volumes, claim_templates, exists, keys)]
    return problems


def container_problems(container, volumes, claim_templates, exists, keys):
    problems, paths, known = [], set(), set()
    for mount in container.get("volumeMounts", []):
        if mount["mountPath"] in paths:
            problems.append(f"two mounts at {mount['mountPath']}")
        paths.add(mount["mountPath"])
        volume = volumes.get(mount["name"])
        if volume is None:
            if mount["name"] not in claim_templates:
                problems.append(f"mount {mount['mountPath']} uses volume {mount['name']}, which the pod lacks")
            continue
        for kind, field, name_key in (("ConfigMap", "configMap", "name"), ("Secret", "secret", "secretName")):
            if "subPath" in mount and field in volume:
                items = volume[field].get("items")
                available = {i["path"] for i in items} if items else keys(kind, volume[field][name_key])
                if available is not None and mount["subPath"] not in available:
                    problems.append(f"mount {mount['mountPath']} takes {mount['subPath']}, which volume {mount['name']} lacks")
    for source in container.get("envFrom", []):
        for kind, field in (("ConfigMap", "configMapRef"), ("Secret", "secretRef")):
            if field in source:
                name = source[field]["name"]
                if not exists(kind, name):
                    problems.append(f"envFrom refers to {kind} {name}, which does not exist")
                known |= keys(kind, name) or set()
    for variable in container.get("env", []):
        known.add(variable["name"])
        if not ENV_NAME.fullmatch(variable["name"]):
            problems.append(f"environment name {variable['name']!r} is invalid")
        for kind, field in (("ConfigMap", "configMapKeyRef"), ("Secret", "secretKeyRef")):
            ref = (variable.get("valueFrom") or {}).get(field)
            if ref and not exists(kind, ref["name"]):
                problems.append(f"{variable['name']} refers to {kind} {ref['name']}, which does not exist")
            elif ref and keys(kind, ref["name"]) is not None and ref["key"] not in keys(kind, ref["name"]):
                problems.append(f"{variable['name']} refers to key {ref['key']}, which {kind} {ref['name']} lacks")
    unknown_keys = any(keys(k, s[f]["name"]) is None for s in container.get("envFrom", [])
                       for k, f in (("ConfigMap", "configMapRef"), ("Secret", "secretRef")) if f in s)
    if not unknown_keys:
        for text in container.get("command", []) + container.get("args", []):
            for name in re.findall(r"(?<!\$)(?:\$\$)*\$\(([-._a-zA-Z][-._a-zA-Z0-9]*)\)", text):
                if name not in known:
                    problems.append(f"$({name}) in its command or args is no variable of the container")
    problems += port_problems(container.get("ports", []), number="containerPort")
    return problems


def missing_references(objects):
    """(kind, name) of every ConfigMap, Secret, claim and ServiceAccount a pod names that is not among the objects."""
    have = {(o["kind"], o["metadata"]["name"]) for o in objects}
    wanted = set()
    for obj in objects:
        spec = pod_spec(obj) if obj["kind"] in WORKLOADS else None
        if not spec:
            continue
        for volume in spec.get("volumes", []):
            if "configMap" in volume:
                wanted.add(("ConfigMap", volume["configMap"]["name"]))
            if "secret" in volume:
                wanted.add(("Secret", volume["secret"]["secretName"]))
            if "persistentVolumeClaim" in volume:
                wanted.add(("PersistentVolumeClaim", volume["persistentVolumeClaim"]["claimName"]))
        for container in spec.get("initContainers", []) + spec["containers"]:
            for source in container.get("envFrom", []):
                wanted |= {(k, source[f]["name"]) for k, f in (("ConfigMap", "configMapRef"), ("Secret", "secretRef")) if f in source}
            for variable in container.get("env", []):
                ref = variable.get("valueFrom") or {}
                wanted |= {(k, ref[f]["name"]) for k, f in (("ConfigMap", "configMapKeyRef"), ("Secret", "secretKeyRef")) if f in ref}
        templates = {t["metadata"]["name"] for t in obj["spec"].get("volumeClaimTemplates", [])}
        wanted = {w for w in wanted if not (w[0] == "PersistentVolumeClaim" and w[1] in templates)}
    return wanted - have


def problems(objects, external=frozenset()):
    by_key = {}
    found = []
    for obj in objects:
        key = (obj["kind"], obj["metadata"]["name"])
        if key in by_key:
            found.append(f"{key[0]}/{key[1]}: generated twice")
        by_key[key] = obj

    def exists(kind, name):
        return (kind, name) in by_key or (kind, name) in external

    def keys(kind, name):
        obj = by_key.get((kind, name))
        if obj is None:
            return None
        return set(obj.get("data") or {}) | set(obj.get("stringData") or {}) | set(obj.get("binaryData") or {})

    templates = []
    for obj in objects:
        spec = pod_spec(obj) if obj["kind"] in WORKLOADS else None
        if spec:
            template = obj["spec"].get("template") or obj["spec"]["jobTemplate"]["spec"]["template"]
            ports = [p for c in spec["containers"] for p in c.get("ports", [])]
            templates.append({"labels": template.get("metadata", {}).get("labels") or {}, "ports": ports})
    for obj in objects:
        kind, spec = obj["kind"], obj.get("spec") or {}
        mine = metadata_problems(obj)
        if kind in ("ConfigMap", "Secret"):
            mine += data_problems(obj)
        elif kind == "Service":
            mine += service_problems(obj, templates)
        elif kind in WORKLOADS:
            claim_templates = {t["metadata"]["name"] for t in spec.get("volumeClaimTemplates", [])}
            mine += pod_problems(pod_spec(obj), claim_templates, exists, keys)
            template = spec.get("template") or spec["jobTemplate"]["spec"]["template"]
            mine += [f"pod annotation key {k!r} is invalid" for k in (template.get("metadata", {}).get("annotations") or {}) if not is_qualified(k)]
            if kind == "CronJob" and not schedule_parses(spec["schedule"]):
                mine.append(f"schedule {spec['schedule']!r} does not parse")
            if spec.get("selector", {}).get("matchLabels"):
                labels = template.get("metadata", {}).get("labels") or {}
                if any(labels.get(k) != v for k, v in spec["selector"]["matchLabels"].items()):
                    mine.append("selector does not select its own pods")
        found += [f"{kind}/{obj['metadata']['name']}: {p}" for p in mine]
    return found + check_pods(objects)


def pod_spec(obj):
    spec = obj["spec"]
    if obj["kind"] == "CronJob":
        spec = spec["jobTemplate"]["spec"]
    return spec["template"]["spec"] if "template" in spec else None


def pods(objects):
    return [(o, pod_spec(o)) for o in objects if o["kind"] in ("Deployment", "StatefulSet", "DaemonSet", "Job", "CronJob")]


def services(objects):
    return {o["metadata"]["name"]: o["spec"] for o in objects if o["kind"] == "Service"}


def readable_jobs(objects, account):
    """The Jobs a service account may `get`: the resourceNames of the Roles bound to it."""
    roles = {b["roleRef"]["name"] for b in objects if b["kind"] == "RoleBinding"
             if any(s.get("name") == account for s in b.get("subjects", []))}
    return {name for r in objects if r["kind"] == "Role" and r["metadata"]["name"] in roles
            for rule in r.get("rules", []) if "jobs" in rule.get("resources", []) for name in rule.get("resourceNames", [])}


def check_pods(objects):
    by_name = services(objects)
    jobs = {o["metadata"]["name"]: o["metadata"]["labels"].get("app.kubernetes.io/name") for o in objects if o["kind"] == "Job"}
    problems = []
    for obj, spec in pods(objects):
        name = obj["metadata"]["name"]
        labels = obj["spec"].get("template", {}).get("metadata", {}).get("labels") or \
            obj["spec"].get("jobTemplate", {}).get("spec", {}).get("template", {}).get("metadata", {}).get("labels", {})
        if spec.get("enableServiceLinks") is not False:
            problems.append(f"{name}: enableServiceLinks is not false")
        if spec.get("automountServiceAccountToken") is not False:
            problems.append(f"{name}: automountServiceAccountToken is not false")
        for container in spec.get("initContainers", []):
            image = container["image"]
            tag = image.rsplit(":", 1)[-1] if ":" in image.rsplit("/", 1)[-1] else ""
            if image.startswith(("bitnami/", "docker.io/bitnami/")) or not re.search(r"\d", tag) or tag == "latest":
                problems.append(f"{name}: helper image {image} is withdrawn or not pinned")
            script = container.get("command", [""])[-1]
            if not container["name"].startswith("wait-for-"):
                continue
            target = tcp = job = dns = None
            if m := re.search(r"nc -z -w 2 (\S+) (\d+)", script):
                target, tcp = m.group(1), int(m.group(2))
            elif m := re.search(r'nslookup "([^".]+)\.\$domain"', script):
                target = dns = m.group(1)
            elif "/jobs/$JOB?" in script:
                job = next((e.get("value") for e in container.get("env", []) if e["name"] == "JOB"), None) or "(no JOB variable)"
            if job:
                if job not in jobs:
                    problems.append(f"{name}: waits for job {job}, which does not exist")
                elif container["name"] != f"wait-for-{jobs[job]}":
                    problems.append(f"{name}: {container['name']} waits for the Job of {jobs[job]}")
                elif job not in readable_jobs(objects, spec.get("serviceAccountName")):
                    problems.append(f"{name}: waits for job {job}, which its service account may not read")
            elif target is None:
                problems.append(f"{name}: {container['name']} waits on nothing recognisable")
            elif target not in by_name:
                problems.append(f"{name}: waits on Service {target}, which does not exist")
            else:
                selector = by_name[target].get("selector", {})
                if selector and all(labels.get(k) == v for k, v in selector.items()):
                    problems.append(f"{name}: waits on Service {target}, which selects its own pod")
                if tcp is not None and not any(p["port"] == tcp for p in by_name[target].get("ports", [])):
                    problems.append(f"{name}: waits on {target}:{tcp}, a port the Service does not have")
        for container in spec.get("initContainers", []) + spec.get("containers", []):
            mounts = [m["mountPath"] for m in container.get("volumeMounts", [])]
            if TOKEN_PATH in mounts and "/jobs/" not in container.get("command", [""])[-1]:
                problems.append(f"{name}: {container['name']} mounts a service-account token without waiting for a Job")
    return problems
