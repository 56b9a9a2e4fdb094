"""Every compose file of the corpus converts (or is rejected, as docker-compose rejects it), and
every generated object passes `kubernetes-validate --strict` against the Kubernetes schemas."""
import json

import pytest
import yaml

from corpus import BINARY, CORPUS, corpus_files, run

kubernetes_validate = pytest.importorskip("kubernetes_validate", reason="kubernetes-validate is not installed")

FILES = corpus_files()
KUBERNETES_VERSION = "1.31.0"
RESULTS = {}
SUMMARY = None


def convert(path, *flags):
    return run([str(BINARY), "convert", "-f", path.name, "--stdout", *flags], cwd=path.parent)


def schema_errors(objects):
    errors = []
    for document in objects:
        try:
            kubernetes_validate.validate(document, KUBERNETES_VERSION, strict=True)
        except kubernetes_validate.ValidationError as error:
            errors.append(f"{document['kind']}/{document['metadata']['name']}: {error.message} at {list(error.path)}")
    return errors


@pytest.fixture(scope="module", autouse=True)
def require_corpus():
    if not FILES:
        pytest.skip(f"corpus not found at {CORPUS}")


@pytest.mark.parametrize("path", FILES, ids=[str(p.relative_to(CORPUS)) for p in FILES])
def test_converts_to_valid_objects(path):
    reader = run([str(BINARY), "config", "-f", path.name, "--format", "json"], cwd=path.parent)
    result = convert(path)
    if reader.returncode != 0:
        RESULTS[path] = ("rejected", 0)
        assert result.returncode == 1 and ": error: " in result.stderr
        assert result.stdout == ""
        return
    assert result.returncode == 0, result.stderr
    again = convert(path)
    assert again.stdout == result.stdout, "output differs between two runs"
    assert again.stderr == result.stderr, "diagnostics differ between two runs (order included)"
    objects = [document for document in yaml.safe_load_all(result.stdout) if document]
    assert objects or "none of its profiles is active" in result.stderr or "nothing to convert" in result.stderr, "no objects"
    errors = schema_errors(objects)
    RESULTS[path] = ("converted", len(errors))
    assert not errors, "\n".join(errors)


# Keys the reader itself consumes before conversion: `extends` and `include` are applied while
# loading, `env_file` is folded into `environment`; they never reach the converter as keys.
READ_TIME_KEYS = {"extends", "env_file"}


def written_service_keys(path):
    """services.<name>.<key> for every key the user wrote (anchors and merge keys resolved)."""
    try:
        document = yaml.safe_load(path.read_text()) or {}
    except yaml.YAMLError:
        return set()
    services = document.get("services") if isinstance(document, dict) else None
    if not isinstance(services, dict):
        return set()
    return {f"services.{name}.{key}" for name, body in services.items() if isinstance(body, dict)
            for key in body if key not in READ_TIME_KEYS and not str(key).startswith("x-")}


@pytest.mark.parametrize("path", FILES, ids=[str(p.relative_to(CORPUS)) for p in FILES])
def test_nothing_is_silent(path):
    """Every key path of the project is used by a rule or named in a diagnostic, and every service
    key the user wrote is among them (so the reader recorded it and the converter saw it)."""
    result = convert(path, "--report", "json")
    if result.returncode != 0:
        assert ": error: " in result.stderr  # rejected by the reader, with a located error
        return
    report = json.loads(result.stderr[result.stderr.index("{"):])
    silent = sorted(key for key, state in report["keys"].items() if state == "silent")
    assert not silent, f"keys neither converted nor reported: {silent}"
    missing = sorted(written_service_keys(path) - set(report["keys"]))
    assert not missing, f"keys the reader did not record, so the converter never saw them: {missing}"


def test_zz_summary():
    global SUMMARY
    converted = sum(1 for state, _ in RESULTS.values() if state == "converted")
    rejected = sum(1 for state, _ in RESULTS.values() if state == "rejected")
    schema = sum(count for _, count in RESULTS.values())
    SUMMARY = f"convert: {converted}/{len(FILES)} converted, {rejected} rejected with a located error, {schema} schema errors"
    assert len(RESULTS) == len(FILES)
    assert schema == 0
