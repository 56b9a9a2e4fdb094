"""What the chart's values do: GPU on and off, --set replicas and image tags, hyphenated names,
secrets never written in clear."""
import json

import pytest
import yaml

from corpus import BINARY, ROOT, merged, run

helm = pytest.importorskip("helm_python", reason="helm-python-sdk is not installed")


def chart_for(folder, tmp_path):
    chart = tmp_path / "chart"
    result = run([str(BINARY), "convert", "--format", "helm", "-o", str(chart)], cwd=folder)
    assert result.returncode == 0, result.stderr
    return chart


def render(chart, values=None, values_file=None, secrets=None):
    with helm.Chart.load(str(chart)) as loaded:
        extra = yaml.safe_load((chart / values_file).read_text()) if values_file else {}
        merged_values = loaded.merge_values(merged(extra or {}, values or {}))
        for name, data in (secrets or {}).items():
            merged_values["secrets"][name]["data"] = data
        rendered = loaded.render(merged_values, name="release", namespace="default")
    documents = [text for name, text in rendered.items() if not name.endswith("NOTES.txt")]
    return {(o["kind"], o["metadata"]["name"]): o for text in documents for o in yaml.safe_load_all(text) if o}


def pod(obj):
    return obj["spec"]["template"]["spec"]


def test_gpu_and_cpu_values(tmp_path):
    chart = chart_for(ROOT / "Samples" / "photo-dedup-inference", tmp_path)
    gpu = render(chart, values_file="values-gpu.yaml")
    inference = pod(gpu[("Deployment", "inference")])
    assert inference["containers"][0]["resources"]["limits"]["nvidia.com/gpu"] == "1"
    # The nvidia.com/gpu resource places the pod: no node label or runtime class that only NVIDIA's operator makes.
    assert "nodeSelector" not in inference and "runtimeClassName" not in inference
    assert {"key": "nvidia.com/gpu", "operator": "Exists", "effect": "NoSchedule"} in inference["tolerations"]
    # Where GPU nodes need them, they are values.
    placed = pod(render(chart, values_file="values-gpu.yaml", values={
        "gpu": {"nodeSelector": {"nvidia.com/gpu.present": "true"}, "runtimeClassName": "nvidia",
                "tolerations": [{"key": "nvidia.com/gpu", "operator": "Exists", "effect": "NoSchedule"}]}})[("Deployment", "inference")])
    assert placed["nodeSelector"] == {"nvidia.com/gpu.present": "true"} and placed["runtimeClassName"] == "nvidia"
    cpu = render(chart, values_file="values-cpu.yaml", values={"gpu": {"runtimeClassName": "nvidia"}})
    assert "nvidia.com/gpu" not in yaml.safe_dump(list(cpu.values()))
    assert "runtimeClassName" not in yaml.safe_dump(list(cpu.values()))
    assert "nodeSelector" not in pod(cpu[("Deployment", "inference")])


def test_set_replicas_and_image_tag_change_the_output(tmp_path):
    chart = chart_for(ROOT / "Samples" / "hvs-api", tmp_path)
    default = render(chart)
    assert default[("Deployment", "api")]["spec"]["replicas"] == 3
    changed = render(chart, values=helm.parse_set_string("services.api.replicas=5,services.api.image.tag=0.4.0"))
    assert changed[("Deployment", "api")]["spec"]["replicas"] == 5
    assert pod(changed[("Deployment", "api")])["containers"][0]["image"] == "hvs-api:0.4.0"
    assert pod(default[("Deployment", "api")])["containers"][0]["image"] == "hvs-api:0.3.0"


def test_hyphenated_names_and_secrets_never_in_clear(tmp_path):
    (tmp_path / "compose.yaml").write_text(
        "services:\n  web-app:\n    image: shop/web:2.0\n    ports: ['8080:80']\n"
        "    environment: {DB_PASSWORD: hunter2, LOG_LEVEL: info}\n")
    chart = chart_for(tmp_path, tmp_path)
    assert "hunter2" not in "".join(p.read_text() for p in chart.rglob("*") if p.is_file() and p.name != "values-secrets.yaml")
    assert "hunter2" in (chart / "values-secrets.yaml").read_text(), "the value read from the compose file, for -f"
    assert "values-secrets.yaml" in (chart / ".gitignore").read_text().splitlines()
    assert "values-secrets.yaml" in (chart / ".helmignore").read_text().splitlines()
    with pytest.raises(helm.HelmRenderError, match="secrets.DB_PASSWORD is not set: install with -f values-secrets.yaml"):
        render(chart)
    objects = render(chart, values=helm.parse_set_string("services.web-app.replicas=2"), values_file="values-secrets.yaml")
    assert objects[("Deployment", "web-app")]["spec"]["replicas"] == 2
    secret_name = f"{tmp_path.name.replace('_', '-')}-secrets"
    assert objects[("Secret", secret_name)]["stringData"] == {"DB_PASSWORD": "hunter2"}
    empty = render(chart, values={"secrets": {"DB_PASSWORD": ""}})
    assert empty[("Secret", secret_name)]["stringData"] == {"DB_PASSWORD": ""}, "an empty secret is a value"
    existing = render(chart, values={"existingSecret": "shop-credentials"})
    assert not any(kind == "Secret" for kind, _ in existing)
    env = pod(existing[("Deployment", "web-app")])["containers"][0]["env"]
    assert env == [{"name": "DB_PASSWORD", "valueFrom": {"secretKeyRef": {"name": "shop-credentials", "key": "DB_PASSWORD"}}}]


def test_a_variable_shared_by_services_is_one_value_and_shell_values_are_asked_for(tmp_path):
    (tmp_path / "compose.yaml").write_text(
        "services:\n"
        "  db: {image: 'postgres:16', environment: {POSTGRES_PASSWORD: '${DB_PASSWORD}'}}\n"
        "  api: {image: 'shop/api:1', environment: {DATABASE_URL: 'postgres://app:${DB_PASSWORD}@db/app', TOKEN: '${API_TOKEN}'}}\n"
        "  worker: {image: 'shop/api:1', environment: {DB_PASSWORD: '${DB_PASSWORD}'}}\n")
    (tmp_path / ".env").write_text("DB_PASSWORD=s3cret\n")
    chart = tmp_path / "chart"
    result = run([str(BINARY), "convert", "--format", "helm", "-o", str(chart)], cwd=tmp_path, env={"API_TOKEN": "from-shell"})
    assert result.returncode == 0, result.stderr
    secrets = yaml.safe_load((chart / "values-secrets.yaml").read_text())["secrets"]
    assert secrets == {"DB_PASSWORD": "s3cret"}, "one value for three services; the shell's value is never written"
    assert "from-shell" not in "".join(p.read_text() for p in chart.rglob("*") if p.is_file())
    with pytest.raises(helm.HelmRenderError, match="secrets.API_TOKEN is required: its value came from the shell"):
        render(chart, values_file="values-secrets.yaml")
    readme = (chart / "README.md").read_text()
    assert "helm install" in readme and "-f ./values-secrets.yaml --set-string secrets.API_TOKEN=" in readme and "…" not in readme.split("```")[1]
    objects = render(chart, values_file="values-secrets.yaml", values={"secrets": {"API_TOKEN": "t0k3n"}})
    [secret] = [obj for (kind, _), obj in objects.items() if kind == "Secret"]
    assert secret["stringData"] == {"API_TOKEN": "t0k3n", "DB_PASSWORD": "s3cret"}
    api = {e["name"]: e for e in pod(objects[("Deployment", "api")])["containers"][0]["env"]}
    assert list(api)[0].startswith("C2K_SECRET_"), "the reserved variable comes first: $(…) reads only earlier entries"
    assert api["DATABASE_URL"]["value"] == "postgres://app:$(%s)@db/app" % list(api)[0]


def schema_accepts(loaded, values):
    """Whether the chart's values.schema.json accepts `values` over the defaults (real Helm)."""
    try:
        loaded.validate_schema(loaded.merge_values(values))
    except helm.HelmError:
        return False
    return True


def test_schema_rejects_a_misspelled_service_key(tmp_path):
    chart = chart_for(ROOT / "Samples" / "hvs-api", tmp_path)
    with helm.Chart.load(str(chart)) as loaded:
        assert not schema_accepts(loaded, {"services": {"api": {"replica": 2}}})
        assert schema_accepts(loaded, {"services": {"api": {"replicas": 2}}})


def test_services_of_one_shape_share_a_schema_definition_that_still_checks_each(tmp_path):
    (tmp_path / "compose.yaml").write_text(
        "services:\n"
        "  api: {image: shop/api:1, ports: ['8080:80']}\n"
        "  web: {image: shop/web:1, ports: ['8081:80']}\n"
        "  db: {image: postgres:16, volumes: ['pgdata:/var/lib/postgresql/data']}\n"
        "  worker: {image: shop/worker:1}\n"
        "volumes: {pgdata: {}}\n")
    chart = chart_for(tmp_path, tmp_path)
    schema = json.loads((chart / "values.schema.json").read_text())
    references = {name: block["$ref"] for name, block in schema["properties"]["services"]["properties"].items()}
    # worker has no port, so no Service block: a shape of its own.
    shared, own = "#/definitions/service.api", "#/definitions/service.worker"
    assert references == {"api": shared, "db": shared, "web": shared, "worker": own}
    assert schema["definitions"]["service.api"]["additionalProperties"] is False
    with helm.Chart.load(str(chart)) as loaded:
        for service in ("web", "worker"):
            assert not schema_accepts(loaded, {"services": {service: {"replica": 2}}})
            assert not schema_accepts(loaded, {"services": {service: {"replicas": "two"}}})
            assert schema_accepts(loaded, {"services": {service: {"replicas": 2}}})
        assert not schema_accepts(loaded, {"persistence": {"pgdata": {"size": 10}}})


def test_compose_variables_are_values_and_their_sites_follow_them(tmp_path):
    (tmp_path / "compose.yaml").write_text(
        "services:\n"
        "  api:\n"
        "    image: 'shop/api:${TAG:-1.4}'\n"
        "    command: ['serve', '--workers', '${WORKERS:-2}']\n"
        "    environment: {LOG_LEVEL: '${LOG_LEVEL:-info}', BASE_URL: 'https://${DOMAIN}/app', MODE: '${MODE:+on}',\n"
        "                  REGION: '${REGION-eu}'}\n"
        "  worker:\n"
        "    image: 'shop/api:${TAG:-1.4}'\n"
        "    environment: {LOG_LEVEL: '${LOG_LEVEL:-info}'}\n")
    (tmp_path / ".env").write_text("DOMAIN=shop.example\n")
    chart = chart_for(tmp_path, tmp_path)
    values = yaml.safe_load((chart / "values.yaml").read_text())
    # One value per variable, with what Compose would use: .env, else the one inline default.
    assert values["variables"] == {"DOMAIN": "shop.example", "LOG_LEVEL": "info", "TAG": "1.4", "REGION": "eu"}
    default = render(chart)
    image = lambda objects, name: pod(objects[("Deployment", name)])["containers"][0]["image"]
    assert image(default, "api") == image(default, "worker") == "shop/api:1.4"
    assert default[("ConfigMap", "api-env")]["data"] == {
        "LOG_LEVEL": "info", "BASE_URL": "https://shop.example/app", "MODE": "", "REGION": "eu"}
    changed = render(chart, values={"variables": {"TAG": "1.10", "DOMAIN": "prod.example", "MODE": "x", "LOG_LEVEL": ""}})
    assert image(changed, "api") == image(changed, "worker") == "shop/api:1.10", "every site of ${TAG} follows it"
    assert changed[("ConfigMap", "api-env")]["data"] == {
        "LOG_LEVEL": "info", "BASE_URL": "https://prod.example/app", "MODE": "on", "REGION": "eu"}, ":- on empty, :+ when set"
    unset_region = render(chart, values={"variables": {"REGION": ""}})
    assert unset_region[("ConfigMap", "api-env")]["data"]["REGION"] == "", "- keeps an empty value"
    # A per-service value wins over the variable.
    own = render(chart, values={"services": {"api": {"image": {"tag": "2.0"}, "env": {"LOG_LEVEL": "debug"}}}})
    assert image(own, "api") == "shop/api:2.0" and image(own, "worker") == "shop/api:1.4"
    assert own[("ConfigMap", "api-env")]["data"]["LOG_LEVEL"] == "debug" and own[("ConfigMap", "worker-env")]["data"]["LOG_LEVEL"] == "info"
    # Values are strings: --set variables.TAG=1.10 would be the number 1.1, and the schema says so.
    with pytest.raises(helm.HelmError):
        render(chart, values={"variables": {"TAG": 1.1}})
    # What the chart cannot follow is named in its README and in convert's summary.
    readme = (chart / "README.md").read_text()
    assert "`WORKERS`" in readme and "services.api.command[2]" in readme
    again = run([str(BINARY), "convert", "--format", "helm", "-o", str(tmp_path / "chart2")], cwd=tmp_path)
    assert "note: kept as converted in the chart" in again.stderr and "WORKERS (services.api.command[2])" in again.stderr


def test_cronjobs_follow_their_service_and_config_changes_roll_pods(tmp_path):
    chart = chart_for(ROOT / "Samples" / "weather-monitor", tmp_path)
    secrets = yaml.safe_load((chart / "values-secrets.yaml").read_text())
    default = render(chart, values=secrets)
    moved = render(chart, values={**secrets, "services": {"api": {"image": {"tag": "2.0"}}}})
    cron = lambda objects: objects[("CronJob", "api-collector")]["spec"]["jobTemplate"]["spec"]["template"]["spec"]["containers"][0]
    assert cron(default)["image"] == "ghcr.io/example/weather-monitor:1.4.2"
    assert cron(moved)["image"] == "ghcr.io/example/weather-monitor:2.0", "--set services.api.image.tag moves api's CronJobs"
    api = lambda objects: objects[("Deployment", "api")]["spec"]["template"]["metadata"]["annotations"]
    changed = render(chart, values={**secrets, "services": {"api": {"env": {"DB_HOST": "other"}}}})
    assert api(changed)["checksum/configmap-api-env"] != api(default)["checksum/configmap-api-env"], "a config change rolls the pods"
    assert api(changed)["checksum/secret-weather-monitor-secrets"] == api(default)["checksum/secret-weather-monitor-secrets"]
    # A pod rolls for the secret keys it reads, not for every key of the project's Secret.
    root = render(chart, values=merged(secrets, {"secrets": {"MYSQL_ROOT_PASSWORD": "other"}}))
    password = render(chart, values=merged(secrets, {"secrets": {"DB_PASSWORD": "other"}}))
    assert api(root)["checksum/secret-weather-monitor-secrets"] == api(default)["checksum/secret-weather-monitor-secrets"]
    assert api(password)["checksum/secret-weather-monitor-secrets"] != api(default)["checksum/secret-weather-monitor-secrets"]
    assert not any("checksum/" in str(obj["spec"]["template"].get("metadata", {}))
                   for (kind, _), obj in default.items() if kind == "Job"), "a Job's template cannot change"


PROFILED = """
name: llm
services:
  ollama-cpu:
    image: ollama/ollama:0.5.7
    container_name: ollama
    profiles: [cpu]
    expose: ["11434"]
  ollama-gpu:
    image: ollama/ollama:0.5.7
    container_name: ollama
    profiles: [gpu-nvidia]
    expose: ["11434"]
    deploy:
      resources:
        reservations:
          devices: [{driver: nvidia, count: 1, capabilities: [gpu]}]
  ollama-amd:
    image: ollama/ollama:0.5.7-rocm
    profiles: [gpu-amd]
  webui:
    image: ghcr.io/open-webui/open-webui:0.5.4
    environment: {OLLAMA_BASE_URL: "http://ollama:11434"}
    depends_on: [ollama-cpu]
"""


def test_profiles_are_values_and_one_chart_runs_the_gpu_or_the_cpu_variant(tmp_path):
    (tmp_path / "compose.yaml").write_text(PROFILED)
    chart = tmp_path / "chart"
    result = run([str(BINARY), "convert", "--profile", "cpu", "--format", "helm", "-o", str(chart)], cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    manifests = run([str(BINARY), "convert", "--profile", "cpu", "--stdout"], cwd=tmp_path)
    expected = {(o["kind"], o["metadata"]["name"]) for o in yaml.safe_load_all(manifests.stdout) if o}
    assert yaml.safe_load((chart / "values.yaml").read_text())["profiles"] == {"cpu": True, "gpu-amd": False, "gpu-nvidia": False}
    assert set(render(chart)) == expected, "the profiles active at conversion: exactly the manifests"
    workloads = lambda objects: {name for kind, name in objects if kind == "Deployment"}
    limits = lambda objects, name: pod(objects[("Deployment", name)])["containers"][0].get("resources", {}).get("limits", {})

    gpu = render(chart, values_file="values-gpu.yaml")
    assert workloads(gpu) == {"ollama-gpu", "webui"}
    assert limits(gpu, "ollama-gpu")["nvidia.com/gpu"] == "1"
    assert gpu[("Service", "ollama")]["spec"]["selector"]["app.kubernetes.io/name"] == "ollama-gpu", "the shared name follows the twin that is on"
    wait = pod(gpu[("Deployment", "webui")])["initContainers"][0]["command"][2]
    assert "nc -z -w 2 ollama-gpu 11434" in wait and "ollama-cpu" not in wait, "a wait for a twin waits for the one that is on"
    cpu = render(chart, values_file="values-cpu.yaml")
    assert workloads(cpu) == {"ollama-cpu", "webui"} and "nvidia.com/gpu" not in yaml.safe_dump(list(cpu.values()))
    assert cpu[("Service", "ollama")]["spec"]["selector"]["app.kubernetes.io/name"] == "ollama-cpu"
    amd = render(chart, values={"profiles": {"gpu-amd": True, "cpu": False}})
    assert "ollama-amd" in workloads(amd), "other profiles are values too"
    with pytest.raises(helm.HelmRenderError, match=r"ollama-cpu \(cpu\) and ollama-amd \(gpu-amd\) offer the same service"):
        render(chart, values={"profiles": {"gpu-amd": True}})
    with pytest.raises(helm.HelmRenderError, match=r"ollama-gpu \(gpu-nvidia\), ollama-cpu"):
        render(chart, values={"profiles": {"gpu-nvidia": True}})
    with pytest.raises(helm.HelmError):
        render(chart, values={"profiles": {"gpu_nvidia": True}})  # a misspelt profile
    assert "turns on gpu-nvidia (the GPU variants) and off cpu, gpu-amd" in (chart / "values-gpu.yaml").read_text()


def test_the_gpu_and_cpu_files_pick_a_twin_when_the_conversion_selected_neither(tmp_path):
    # No --profile: `docker compose up` would run webui alone, and so does values.yaml.
    (tmp_path / "compose.yaml").write_text(PROFILED.replace("    depends_on: [ollama-cpu]\n", ""))
    chart = tmp_path / "chart"
    result = run([str(BINARY), "convert", "--format", "helm", "-o", str(chart)], cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert yaml.safe_load((chart / "values.yaml").read_text())["profiles"] == {"cpu": False, "gpu-amd": False, "gpu-nvidia": False}
    deployments = lambda objects: {name for kind, name in objects if kind == "Deployment"}
    assert deployments(render(chart)) == {"webui"}
    for values_file, on, off in (("values-gpu.yaml", "ollama-gpu", "ollama-cpu"), ("values-cpu.yaml", "ollama-cpu", "ollama-gpu")):
        objects = render(chart, values_file=values_file)
        assert deployments(objects) == {"webui", on}, values_file
        assert objects[("Service", "ollama")]["spec"]["selector"]["app.kubernetes.io/name"] == on, "the shared name follows " + on
        limits = pod(objects[("Deployment", on)])["containers"][0].get("resources", {}).get("limits", {})
        assert ("nvidia.com/gpu" in limits) == (on == "ollama-gpu")


def test_a_profile_turned_on_never_gives_two_services_one_node_port(tmp_path):
    # 10848 and 8080 pin to the same nodePort (30000 + port % 2768). Converted with every profile,
    # api (first by name) takes it; converted without admin, web does.
    (tmp_path / "compose.yaml").write_text(
        "services:\n"
        "  web: {image: nginx:1.27, ports: ['10848:80']}\n"
        "  api: {image: shop/api:1, ports: ['8080:80'], profiles: [admin]}\n")
    chart = tmp_path / "chart"
    result = run([str(BINARY), "convert", "--format", "helm", "--pin-node-ports", "-o", str(chart)], cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (f"{tmp_path / 'compose.yaml'}:3:28: warning: nodePort 32544 is another Service's in the chart, "
            "so Service api gets 32545 when its profile is turned on [services.api.ports]") in result.stderr, "located at api's ports"
    node_ports = lambda objects: sorted(p["nodePort"] for (kind, _), o in objects.items() if kind == "Service" for p in o["spec"]["ports"])
    assert node_ports(render(chart)) == [32544], "web keeps the nodePort the manifests give it"
    assert node_ports(render(chart, values={"profiles": {"admin": True}})) == [32544, 32545]


def test_registry_pull_secrets_helper_image_security_claims_and_ingress_are_values(tmp_path):
    chart = chart_for(ROOT / "Samples" / "weather-monitor", tmp_path)
    secrets = yaml.safe_load((chart / "values-secrets.yaml").read_text())
    default = render(chart, values=secrets)
    # The api's ingress block is off by default; the frontend's Traefik route is on, as the project routed it.
    assert [name for kind, name in default if kind == "Ingress"] == ["weather"], "only the project's own route is on by default"
    changed = render(chart, values=merged(secrets, {
        "imageRegistry": "registry.example.com/",
        "imagePullSecrets": [{"name": "regcred"}],
        "helperImages": {"wait": "registry.example.com/curl:8.17.0"},
        "persistence": {"mysql-data": {"existingClaim": "old-mysql"}},
        "services": {
            "api": {"podSecurityContext": {"runAsNonRoot": True}, "securityContext": {"readOnlyRootFilesystem": True},
                    "ingress": {"enabled": True, "host": "weather.example.com", "className": "nginx", "tlsSecret": "weather-tls"}},
        },
    }))
    api = pod(changed[("Deployment", "api")])
    assert api["containers"][0]["image"] == "registry.example.com/ghcr.io/example/weather-monitor:1.4.2"
    assert api["imagePullSecrets"] == [{"name": "regcred"}]
    assert all(c["image"] == "registry.example.com/curl:8.17.0" for c in api.get("initContainers", []) if c["name"].startswith("wait-for-"))
    assert api["securityContext"] == {"runAsNonRoot": True} and api["containers"][0]["securityContext"] == {"readOnlyRootFilesystem": True}
    mysql = pod(changed[("Deployment", "mysql")] if ("Deployment", "mysql") in changed else changed[("StatefulSet", "mysql")])
    assert {"name": "mysql-data", "persistentVolumeClaim": {"claimName": "old-mysql"}} in mysql["volumes"]
    assert ("PersistentVolumeClaim", "mysql-data") not in changed, "an existing claim is not made again"
    ingress = changed[("Ingress", "api")]["spec"]
    assert ingress["ingressClassName"] == "nginx" and ingress["tls"] == [{"secretName": "weather-tls", "hosts": ["weather.example.com"]}]
    assert ingress["rules"][0]["host"] == "weather.example.com"
    assert ingress["rules"][0]["http"]["paths"][0]["backend"]["service"] == {"name": "api", "port": {"number": 8000}}


def test_a_published_port_written_with_a_variable_follows_it_in_the_notes(tmp_path):
    (tmp_path / "compose.yaml").write_text("services:\n  web:\n    image: nginx:1.27\n    ports: ['${WEB_PORT:-8080}:80']\n")
    chart = chart_for(tmp_path, tmp_path)
    with helm.Chart.load(str(chart)) as loaded:
        notes = lambda values: next(text for name, text in loaded.render(loaded.merge_values(values), name="shop", namespace="prod").items()
                                    if name.endswith("NOTES.txt"))
        assert "svc/web 8080:80" in notes({}) and "http://localhost:8080" in notes({})
        moved = notes({"variables": {"WEB_PORT": "9090"}})
        assert "svc/web 9090:80" in moved and "http://localhost:9090" in moved
        assert "helm upgrade --namespace prod --reset-then-reuse-values shop" in moved, "NOTES print the real release name"


def test_the_claims_share_one_template_and_the_guide_applies_each_alone_by_its_name_label(tmp_path):
    sample = ROOT / "Samples" / "weather-monitor"
    chart = chart_for(sample, tmp_path)
    claims = {"models", "mysql-data", "redis-data"}
    assert not list((chart / "templates").glob("*-persistentvolumeclaim.yaml")), "a claim has a template file of its own"
    guide = run([str(BINARY), "tutorial", "-f", "compose.yaml", "--format", "helm", "-o", "-"], cwd=sample).stdout
    data = guide[guide.index("## Moving your data"):guide.index("## Deploying")]
    secret_values = yaml.safe_load((chart / "values-secrets.yaml").read_text()) or {}
    with helm.Chart.load(str(chart)) as loaded:
        rendered = loaded.render(loaded.merge_values(secret_values), name="release", namespace="default")
    claim_file = next(text for name, text in rendered.items() if name.endswith("templates/volume.claims.yaml"))
    documents = [o for o in yaml.safe_load_all(claim_file) if o]
    assert {o["metadata"]["name"] for o in documents} == claims and all(o["kind"] == "PersistentVolumeClaim" for o in documents)
    for claim in claims:
        selector = f"-l app.kubernetes.io/name={claim} -f -"
        assert selector in data and data.index(selector) < data.index(f"kubectl exec -i {claim}-copy -- ")
        # What `kubectl apply -l` keeps of the rendered file: exactly this claim.
        picked = [o["metadata"]["name"] for o in documents if o["metadata"]["labels"].get("app.kubernetes.io/name") == claim]
        assert picked == [claim]
    assert data.count("-s templates/volume.claims.yaml") == len(claims)


def test_the_empty_profile_is_on_by_default_in_the_chart(tmp_path):
    project = tmp_path / "project"
    project.mkdir()
    (project / "compose.yaml").write_text(
        "services:\n  retrieval:\n    image: nginx\n    profiles: ['', rag]\n"
        "  rag-only:\n    image: nginx\n    profiles: [rag]\n  plain:\n    image: nginx\n")
    chart = chart_for(project, tmp_path)
    deployments = lambda objects: {name for kind, name in objects if kind == "Deployment"}
    assert deployments(render(chart)) == {"retrieval", "plain"}
    assert deployments(render(chart, values={"profiles": {"rag": True}})) == {"retrieval", "plain", "rag-only"}
    assert deployments(render(chart, values={"profiles": {"": False}})) == {"plain"}


def test_the_upgrade_line_keeps_the_values_files_of_the_install(tmp_path):
    """Any -f makes `helm upgrade` drop the last release's values: NOTES.txt's upgrade keeps them
    with --reset-then-reuse-values (a user who installed with values-cpu.yaml stays on CPU)."""
    chart = chart_for(ROOT / "Samples" / "photo-dedup-inference", tmp_path)
    with helm.Chart.load(str(chart)) as loaded:
        notes = next(text for name, text in loaded.render(loaded.merge_values({}), name="dedup", namespace="ml").items()
                     if name.endswith("NOTES.txt"))
    line = next(l for l in notes.splitlines() if "helm upgrade" in l)
    assert "--reset-then-reuse-values" in line and "dedup" in line and "--namespace ml" in line
    assert "values-secrets.yaml" in line or not (chart / "values-secrets.yaml").exists()
