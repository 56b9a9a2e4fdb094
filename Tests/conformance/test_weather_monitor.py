"""What the weather-monitor Sample must become, asserted object by object (not only by the golden file)."""

import re

import pytest
import yaml

from corpus import BINARY, ROOT, run

SAMPLE = ROOT / "Samples" / "weather-monitor"


@pytest.fixture(scope="module")
def objects():
    result = run([str(BINARY), "convert", "--stdout"], cwd=SAMPLE)
    assert result.returncode == 0, result.stderr
    # A Job's name ends in a hash of its content: Jobs are keyed by their component.
    return {(o["kind"], o["metadata"]["labels"]["app.kubernetes.io/name"] if o["kind"] == "Job" else o["metadata"]["name"]): o
            for o in yaml.safe_load_all(result.stdout) if o}


def pod(obj):
    spec = obj["spec"]
    if obj["kind"] == "CronJob":
        spec = spec["jobTemplate"]["spec"]
    return spec["template"]["spec"]


def waits(obj):
    return {c["name"]: c["command"][-1] for c in pod(obj).get("initContainers", [])}


def awaited_job(obj, container):
    """The Job a Job wait reads from the API: its script asks for `$JOB`, the container's variable."""
    wait = next(c for c in pod(obj)["initContainers"] if c["name"] == container)
    assert "/jobs/$JOB?pretty=false" in wait["command"][-1]
    return {e["name"]: e["value"] for e in wait["env"]}["JOB"]


def test_databases_keep_their_data(objects):
    for name, claim in (("mysql", "mysql-data"), ("redis", "redis-data")):
        kind = "StatefulSet" if ("StatefulSet", name) in objects else "Deployment"
        volumes = pod(objects[(kind, name)])["volumes"]
        assert {"name": claim, "persistentVolumeClaim": {"claimName": claim}} in volumes
        assert ("PersistentVolumeClaim", claim) in objects


def test_one_shot_services_are_jobs(objects):
    assert ("Job", "migrate") in objects and ("Job", "seed") in objects
    assert ("Deployment", "migrate") not in objects


def test_waits_match_the_compose_conditions(objects):
    # service_healthy: a TCP connect to the dependency's Service, which routes only to Ready pods.
    assert "until nc -z -w 2 mysql 3306; do" in waits(objects[("Job", "migrate")])["wait-for-mysql"]
    migrate, seed = objects[("Job", "migrate")]["metadata"]["name"], objects[("Job", "seed")]["metadata"]["name"]
    assert re.fullmatch(r"migrate-[0-9a-f]{10}", migrate) and re.fullmatch(r"seed-[0-9a-f]{10}", seed)
    assert awaited_job(objects[("Job", "seed")], "wait-for-migrate") == migrate
    api = waits(objects[("Deployment", "api")])
    assert set(api) == {"wait-for-seed", "wait-for-redis"}
    assert awaited_job(objects[("Deployment", "api")], "wait-for-seed") == seed and "nc -z -w 2 redis 6379" in api["wait-for-redis"]
    assert set(waits(objects[("Deployment", "consumer")])) == {"wait-for-redis", "wait-for-migrate"}
    assert "nc -z -w 2 api 8000" in waits(objects[("Deployment", "frontend")])["wait-for-api"]
    account = "weather-monitor-job-waiter"
    assert ("ServiceAccount", account) in objects and ("RoleBinding", account) in objects
    assert objects[("Role", account)]["rules"] == [
        {"apiGroups": ["batch"], "resources": ["jobs"], "resourceNames": [migrate, seed], "verbs": ["get"]}]
    # Only pods that wait for a Job use the account, and only their Job-waiting init container sees a token.
    for (kind, name), obj in objects.items():
        if kind not in ("Deployment", "Job", "CronJob"):
            continue
        spec = pod(obj)
        assert spec["automountServiceAccountToken"] is False and spec["enableServiceLinks"] is False
        job_waits = [c for c in spec.get("initContainers", []) if "/jobs/" in c["command"][-1]]
        assert (spec.get("serviceAccountName") == account) == bool(job_waits), name
        for container in spec.get("initContainers", []) + spec["containers"]:
            mounted = [m["mountPath"] for m in container.get("volumeMounts", [])]
            has_token = "/var/run/secrets/kubernetes.io/serviceaccount" in mounted
            assert has_token == (container in job_waits), (name, container["name"])


def test_every_service_resolves_and_answers_to_its_own_name(objects):
    for service in ("mysql", "redis", "api", "frontend", "consumer", "trainer", "migrate", "seed"):
        assert ("Service", service) in objects, service
    assert objects[("Service", "consumer")]["spec"] == {
        "clusterIP": "None", "selector": {"app.kubernetes.io/name": "consumer", "app.kubernetes.io/part-of": "weather-monitor"}}
    assert pod(objects[("Deployment", "api")])["hostname"] == "api"


def test_ofelia_jobs_become_cronjobs_and_ofelia_goes_away(objects):
    collector, detector = objects[("CronJob", "api-collector")], objects[("CronJob", "api-detector")]
    assert collector["spec"]["schedule"] == "*/5 * * * *" and detector["spec"]["schedule"] == "*/5 * * * *"
    assert collector["spec"]["concurrencyPolicy"] == "Forbid"
    assert "concurrencyPolicy" not in detector["spec"]
    assert pod(collector)["containers"][0]["command"] == ["sh", "-c", "python -m weather.collect"]
    assert not any(name == "scheduler" for _, name in objects)
    assert not any("ofelia" in str(obj).lower() for obj in objects.values())


def test_passwords_only_in_secrets(objects):
    for (kind, name), obj in objects.items():
        if kind == "ConfigMap":
            assert not any("PASSWORD" in key for key in obj.get("data", {})), f"{name} holds a password"
            assert "change-me" not in str(obj.get("data", {}))
    # One Secret for the project; ${DB_PASSWORD}, used by six services, is one key.
    assert [name for kind, name in objects if kind == "Secret"] == ["weather-monitor-secrets"]
    assert objects[("Secret", "weather-monitor-secrets")]["stringData"] == {
        "DB_PASSWORD": "change-me", "MYSQL_ROOT_PASSWORD": "root-change-me"}
    workloads = {name: obj for (kind, name), obj in objects.items() if kind in ("Deployment", "StatefulSet", "Job")}
    for name, variable in (("mysql", "MYSQL_PASSWORD"), ("api", "DB_PASSWORD"), ("migrate", "DB_PASSWORD")):
        container = pod(workloads[name])["containers"][0]
        env = {e["name"]: e for e in container["env"]}
        assert env[variable]["valueFrom"]["secretKeyRef"] == {"name": "weather-monitor-secrets", "key": "DB_PASSWORD"}
        assert all("secretRef" not in e for e in container.get("envFrom", [])), "each container reads only its own keys"


def test_liveness_probes_only_when_asked():
    result = run([str(BINARY), "convert", "--liveness-probes"], cwd=SAMPLE)
    objects = {(o["kind"], o["metadata"]["name"]): o for o in yaml.safe_load_all(result.stdout) if o}
    mysql = pod(objects[("Deployment", "mysql")])["containers"][0]
    assert mysql["livenessProbe"] == mysql["readinessProbe"]


def test_probes_come_from_healthchecks(objects):
    mysql = pod(objects[("Deployment", "mysql")])["containers"][0]
    assert mysql["readinessProbe"]["exec"]["command"] == ["mysqladmin", "ping", "-h", "localhost"]
    assert mysql["readinessProbe"]["periodSeconds"] == 10 and mysql["readinessProbe"]["failureThreshold"] == 5
    assert "livenessProbe" not in mysql, "Compose never restarts an unhealthy container"
    assert "startupProbe" in mysql
    api = pod(objects[("Deployment", "api")])["containers"][0]
    assert api["readinessProbe"]["httpGet"] == {"path": "/health", "port": 8000}


def test_config_file_is_a_configmap_mounted_with_subpath(objects):
    config = objects[("ConfigMap", "config-yaml")]
    assert config["data"]["config.yaml"] == (SAMPLE / "config.yaml").read_text()
    mounts = pod(objects[("Deployment", "api")])["containers"][0]["volumeMounts"]
    assert {"name": "config-yaml", "mountPath": "/app/config.yaml", "subPath": "config.yaml", "readOnly": True} in mounts


def test_frontend_is_published_on_a_nodeport(objects):
    frontend = objects[("Service", "frontend")]
    assert frontend["spec"]["type"] == "NodePort"
    assert frontend["spec"]["ports"][0]["port"] == 80
    assert objects[("Service", "mysql")]["spec"].get("type", "ClusterIP") == "ClusterIP"


def test_the_frontend_is_reached_through_its_traefik_route(objects):
    """Traefik's router becomes an Ingress to the frontend's Service on the port Traefik used, for
    the host its label wrote; Traefik itself (it needs the Docker socket) is not a workload."""
    ingress = objects[("Ingress", "weather")]
    (rule,) = ingress["spec"]["rules"]
    (path,) = rule["http"]["paths"]
    assert rule["host"] == "weather.localhost" and path["path"] == "/" and path["pathType"] == "Prefix"
    assert path["backend"]["service"] == {"name": "frontend", "port": {"number": 80}}
    assert 80 in [p["port"] for p in objects[("Service", "frontend")]["spec"]["ports"]]
    assert not [key for key in objects if key[1] == "traefik"]
    assert "traefik.http" not in yaml.safe_dump(objects[("Deployment", "frontend")])
