"""Every compose file of the corpus converts (or is rejected, as docker-compose rejects it), and
every generated object passes `kubernetes-validate --strict` against the Kubernetes schemas."""
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
    objects = [document for document in yaml.safe_load_all(result.stdout) if document]
    assert objects or "none of its profiles is active" in result.stderr or "nothing to convert" in result.stderr, "no objects"
    errors = schema_errors(objects)
    RESULTS[path] = ("converted", len(errors))
    assert not errors, "\n".join(errors)


def test_zz_summary():
    global SUMMARY
    converted = sum(1 for state, _ in RESULTS.values() if state == "converted")
    rejected = sum(1 for state, _ in RESULTS.values() if state == "rejected")
    schema = sum(count for _, count in RESULTS.values())
    SUMMARY = f"convert: {converted}/{len(FILES)} converted, {rejected} rejected with a located error, {schema} schema errors"
    assert len(RESULTS) == len(FILES)
    assert schema == 0
