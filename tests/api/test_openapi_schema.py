"""The OpenAPI document describes what the API really takes and answers."""

import ninja
import pytest

from plenary.api.routes import api


def schema_classes(base=ninja.Schema):
    for cls in base.__subclasses__():
        if cls.__module__.startswith("plenary."):
            yield cls
        yield from schema_classes(cls)


def test_it_gives_every_shape_its_own_name():
    # The document names each shape by its class; two classes with one name share one entry,
    # so one of them would be described with the other's fields.
    import plenary.urls  # noqa: F401  (every API module is imported)

    names = [cls.__name__ for cls in set(schema_classes())]
    assert sorted(n for n in names if names.count(n) > 1) == []


def described(document, ref: str) -> set[str]:
    return set(document["components"]["schemas"][ref.rsplit("/", 1)[1]]["properties"])


@pytest.mark.parametrize(
    ("path", "fields"),
    [
        ("/api/negotiations/{slug}/accreditation/{request_id}/objections", {"reason"}),
        ("/api/negotiations/{slug}/objections", {"eid", "provision", "reason"}),
    ],
)
def test_each_request_body_is_described_with_its_own_fields(path, fields):
    document = api.get_openapi_schema()
    body = document["paths"][path]["post"]["requestBody"]["content"]["application/json"]
    assert described(document, body["schema"]["$ref"]) == fields


def test_a_package_search_issue_is_described_with_its_options():
    document = api.get_openapi_schema()
    search = document["components"]["schemas"]["PackageSearchIn"]["properties"]
    assert described(document, search["issues"]["items"]["$ref"]) == {"id", "options"}


def test_an_accreditation_objection_is_described_as_the_api_answers_it():
    document = api.get_openapi_schema()
    accreditation = document["components"]["schemas"]["AccreditationOut"]
    item = accreditation["properties"]["objections"]["anyOf"][0]["items"]["$ref"]
    assert described(document, item) == {"delegation", "reason", "objected_at"}
