"""What the weather-monitor Sample must become, asserted object by object (not only by the golden file)."""

import pytest
import yaml

from corpus import BINARY, ROOT, run

SAMPLE = ROOT / "Samples" / "weather-monitor"


@pytest.fixture(scope="module")
def objects():
    result = run([str(BINARY), "convert", "--stdout"], cwd=SAMPLE)
    assert result.returncode == 0, result.stderr
    return {(o["kind"], o["metadata"]["name"]): o for o in yaml.safe_load_all(result.stdout) if o}


def pod(obj):
    spec = obj["spec"]
    if obj["kind"] == "CronJob":
        spec = spec["jobTemplate"]["spec"]
    return spec["template"]["spec"]


def waits(obj):
    return {c["name"]: c["command"][-1] for c in pod(obj).get("initContainers", [])}


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
    assert "--for=condition=Ready pod -l app.kubernetes.io/name=mysql" in waits(objects[("Job", "migrate")])["wait-for-mysql"]
    assert "--for=condition=complete job/migrate" in waits(objects[("Job", "seed")])["wait-for-migrate"]
    api = waits(objects[("Deployment", "api")])
    assert set(api) == {"wait-for-seed", "wait-for-redis"}
    assert "job/seed" in api["wait-for-seed"] and "condition=Ready" in api["wait-for-redis"]
    assert set(waits(objects[("Deployment", "consumer")])) == {"wait-for-redis", "wait-for-migrate"}
    assert "nc -z api 8000" in waits(objects[("Deployment", "frontend")])["wait-for-api"]
    assert ("ServiceAccount", "compose2kube-waiter") in objects and ("Role", "compose2kube-waiter") in objects


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
    assert objects[("Secret", "mysql-env")]["stringData"]["MYSQL_ROOT_PASSWORD"] == "root-change-me"
    assert objects[("Secret", "api-env")]["stringData"]["DB_PASSWORD"] == "change-me"


def test_probes_come_from_healthchecks(objects):
    mysql = pod(objects[("Deployment", "mysql")])["containers"][0]
    assert mysql["readinessProbe"]["exec"]["command"] == ["mysqladmin", "ping", "-h", "localhost"]
    assert mysql["livenessProbe"]["periodSeconds"] == 10 and mysql["livenessProbe"]["failureThreshold"] == 5
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
