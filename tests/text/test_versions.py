"""Versions of the text: imported whole, immutable, public only once published."""

import datetime

import pytest
from django.core.management import call_command

from plenary.audit.models import AuditEntry
from plenary.errors import Conflict, InvalidInput, NotAllowed
from plenary.text.models import Version
from plenary.text.services.versions import import_version, publish_version

ZERO_DRAFT = [
    "Chapter I. General provisions",
    "Article 1. Purposes",
    "1. The purposes of this Convention are to prevent and combat [cybercrime / the criminal "
    "use of information and communications technologies].",
    "Chapter II. Criminalization",
    "Article 7. Illegal access",
    "Each State Party shall establish access [without right] as a criminal offence.",
]


def zero_draft(world, **changes):
    fields = {
        "by": world.actors.secretariat,
        "lines": ZERO_DRAFT,
        "label": "Zero draft",
        "date": datetime.date(2023, 6, 29),
    } | changes
    return import_version(world.negotiation, **fields)


def test_it_keeps_the_whole_text_with_eids_and_counts_the_brackets(world):
    version = zero_draft(world)
    article = version.content["chapters"][1]["articles"][0]
    assert (article["eid"], article["title"]) == ("art_7", "Illegal access")
    assert article["paragraphs"][0]["eid"] == "art_7__p_1"
    entry = AuditEntry.objects.get(action="version.imported")
    assert entry.after["open_brackets"] == 2 and entry.after["articles"] == 2


def test_a_draft_that_does_not_read_is_refused_with_its_line_and_nothing_is_kept(world):
    with pytest.raises(InvalidInput, match="does not read at line 3: a bracket is opened"):
        zero_draft(world, lines=[*ZERO_DRAFT[:2], "1. The [purposes"])
    assert not Version.objects.exists()


def test_versions_are_ordered(world):
    assert [zero_draft(world).position, zero_draft(world, label="Revised").position] == [1, 2]


def test_only_the_secretariat_or_the_chair_imports_and_publishes(world):
    with pytest.raises(NotAllowed):
        zero_draft(world, by=world.actors.delegate)
    version = zero_draft(world)
    with pytest.raises(NotAllowed):
        publish_version(version, by=world.actors.stakeholder)


def test_publishing_is_once(world):
    version = publish_version(zero_draft(world), by=world.actors.chair)
    assert version.published and version.published_at is not None
    with pytest.raises(Conflict, match="already published"):
        publish_version(version, by=world.actors.chair)


def test_an_informal_draft_is_invisible_to_the_public_and_stakeholders(client, world):
    version = zero_draft(world)
    url = f"/n/test-ahc/versions/{version.pk}/"
    assert client.get(url).status_code == 404
    assert client.get("/api/negotiations/test-ahc/versions").json() == []
    client.force_login(world.stakeholder)
    assert client.get(url).status_code == 404
    client.force_login(world.delegate)
    page = client.get(url).content.decode()
    assert "informal draft" in page and 'class="bracket"' in page


def test_the_api_gives_the_structured_text(client, world):
    version = publish_version(zero_draft(world), by=world.actors.chair)
    listed = client.get("/api/negotiations/test-ahc/versions").json()
    assert (
        listed[0]
        | {"id": version.pk, "label": "Zero draft", "date": "2023-06-29", "published": True}
        == listed[0]
    )
    text = client.get(f"/api/negotiations/test-ahc/versions/{version.pk}").json()
    paragraph = text["chapters"][0]["articles"][0]["paragraphs"][0]
    assert paragraph["eid"] == "art_1__para_1" and paragraph["number"] == "1"
    assert paragraph["status"] == "open" and paragraph["attribution"] == []
    assert paragraph["alternatives"] == [
        ["cybercrime", "the criminal use of information and communications technologies"]
    ]


def test_the_command_imports_a_text_file(world, tmp_path, capsys):
    draft = tmp_path / "zero.txt"
    draft.write_text("\n".join(ZERO_DRAFT), encoding="utf-8")
    call_command("import_text", "test-ahc", str(draft), label="Zero draft", date=None)
    version = Version.objects.get()
    assert version.imported_from == "zero.txt" and not version.published
    assert "Imported Zero draft" in capsys.readouterr().out


def test_the_command_imports_a_word_document(world, tmp_path):
    from plenary.text.parsing import parse_draft
    from plenary.text.structure import content_from_parsed
    from plenary.text.word import version_to_docx

    draft = tmp_path / "zero.docx"
    draft.write_bytes(
        version_to_docx(content_from_parsed(parse_draft(ZERO_DRAFT)), title="Zero draft")
    )
    call_command("import_text", "test-ahc", str(draft), label="Zero draft (Word)")
    version = Version.objects.get()
    assert _wording(version.content) == _wording(content_from_parsed(parse_draft(ZERO_DRAFT)))


def _wording(content):
    """The content without the provisions it was given (their ids depend on the database)."""
    if isinstance(content, dict):
        return {k: _wording(v) for k, v in content.items() if k != "provision"}
    if isinstance(content, list):
        return [_wording(v) for v in content]
    return content


def test_a_word_round_trip_keeps_every_provision(world, tmp_path):
    """Export a version to Word, read it back as the next version: the same provisions."""
    from plenary.text.structure import walk_parts
    from plenary.text.word import version_to_docx

    first = import_version(
        world.negotiation,
        by=world.actors.secretariat,
        label="Zero draft",
        date=datetime.date(2023, 6, 1),
        lines=ZERO_DRAFT,
    )
    draft = tmp_path / "zero.docx"
    draft.write_bytes(version_to_docx(first.content, title="Zero draft"))
    call_command("import_text", "test-ahc", str(draft), label="Zero draft (Word)")
    again = Version.objects.get(label="Zero draft (Word)")

    def identities(version):
        return [
            (kind, node["eid"], node["provision"]) for kind, node in walk_parts(version.content)
        ]

    assert identities(again) == identities(first)


def test_the_command_refuses_a_hostile_word_file_with_a_clear_message(world, tmp_path):
    from django.core.management import CommandError

    bomb = tmp_path / "bomb.docx"
    import zipfile

    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"\0" * 30_000_000)
    with pytest.raises(CommandError, match="refused as a zip bomb"):
        call_command("import_text", "test-ahc", str(bomb), label="x")
    assert not Version.objects.exists()


def test_the_secretariat_uploads_a_word_draft_in_its_pages(client, world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from plenary.text.parsing import parse_draft
    from plenary.text.structure import content_from_parsed
    from plenary.text.word import version_to_docx

    data = version_to_docx(content_from_parsed(parse_draft(ZERO_DRAFT)), title="Zero draft")
    client.force_login(world.secretariat)
    response = client.post(
        "/n/test-ahc/manage/versions/import/",
        {
            "file": SimpleUploadedFile("zero.docx", data),
            "label": "Zero draft",
            "date": "2023-06-29",
            "published": "on",
        },
    )
    version = Version.objects.get()
    assert response.status_code == 302 and version.published
    assert version.imported_from == "zero.docx"


def test_an_upload_that_does_not_read_is_refused_with_its_line_and_kept_out(client, world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(world.secretariat)
    response = client.post(
        "/n/test-ahc/manage/versions/import/",
        {
            "file": SimpleUploadedFile("draft.txt", b"Article 1. A\n1. one\n3. three\n"),
            "label": "Broken",
            "date": "2023-06-29",
        },
    )
    assert response.status_code == 400
    assert "does not read at line 3: paragraph 3 follows paragraph 1" in response.content.decode()
    assert not Version.objects.exists()


def _import_page(client, world, upload):
    client.force_login(world.secretariat)
    before = (Version.objects.count(), AuditEntry.objects.count())
    response = client.post(
        "/n/test-ahc/manage/versions/import/",
        {"file": upload, "label": "Upload", "date": "2023-06-29"},
    )
    assert (Version.objects.count(), AuditEntry.objects.count()) == before, "something written"
    return response


def test_a_word_document_named_txt_is_refused_with_what_to_do(client, world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from plenary.text.parsing import parse_draft
    from plenary.text.structure import content_from_parsed
    from plenary.text.word import version_to_docx

    data = version_to_docx(content_from_parsed(parse_draft(ZERO_DRAFT)), title="Zero draft")
    response = _import_page(client, world, SimpleUploadedFile("zero.txt", data))
    assert response.status_code == 400
    assert "zero.txt looks like a Word file; name it .docx." in response.content.decode()


def test_a_text_file_that_is_not_utf8_is_refused_with_what_to_do(client, world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    latin1 = "Article 1. Définitions\n1. Aux fins de la présente Convention.\n".encode("latin-1")
    response = _import_page(client, world, SimpleUploadedFile("projet.txt", latin1))
    assert response.status_code == 400
    assert "projet.txt is neither a Word document (.docx) nor UTF-8 text." in (
        response.content.decode()
    )


@pytest.mark.parametrize("name", ["big.docx", "big.txt"])
def test_a_file_over_the_cap_is_refused_before_it_is_read(client, world, monkeypatch, name):
    from django.core.files.uploadedfile import SimpleUploadedFile, TemporaryUploadedFile

    def read(*args, **kwargs):
        raise AssertionError("the upload was read before its size was checked")

    # Over 2.5 MB, Django keeps an upload on disk; it must not be read into memory.
    monkeypatch.setattr(TemporaryUploadedFile, "read", read)
    big = SimpleUploadedFile(name, b"Article 1. Scope\n" + b"1. " + b"x" * (10 * 1024 * 1024))
    response = _import_page(client, world, big)
    assert response.status_code == 400
    assert f"{name} is over 10 MB; send a smaller file." in response.content.decode()


def test_a_delegation_uploading_a_file_over_the_cap_is_refused_and_nothing_is_kept(
    client, world, monkeypatch
):
    from django.core.files.uploadedfile import SimpleUploadedFile, TemporaryUploadedFile

    from plenary.text.models import Submission
    from tests import factories as f

    def read(*args, **kwargs):
        raise AssertionError("the upload was read before its size was checked")

    monkeypatch.setattr(TemporaryUploadedFile, "read", read)
    deadline = f.make_deadline(world.negotiation, date=datetime.date(2099, 4, 8))
    client.force_login(world.delegate)
    response = client.post(
        f"/n/test-ahc/roadmap/{deadline.pk}/submit/",
        {"chapter": "Criminalization", "file": SimpleUploadedFile("big.txt", b"x" * 11 * 2**20)},
    )
    assert response.status_code == 400
    assert "big.txt is over 10 MB; send a smaller file." in response.content.decode()
    assert not Submission.objects.exists()


def test_a_form_body_over_the_limit_is_a_clear_400(client, world):
    client.force_login(world.secretariat)
    response = client.post(
        "/n/test-ahc/manage/versions/import/",
        {"label": "x" * 3_000_000, "date": "2023-06-29"},
    )
    assert response.status_code == 400
    assert "too large or malformed" in response.content.decode()
    assert not Version.objects.exists()


def test_an_api_body_over_the_limit_is_a_clear_json_400(client, world):
    from tests import factories as f

    response = client.post(
        "/api/negotiations/test-ahc/sessions",
        '{"title": "' + "x" * 3_000_000 + '"}',
        content_type="application/json",
        headers={"Authorization": f"Bearer {f.token_for(world.secretariat)}"},
    )
    assert response.status_code == 400
    assert "too large or malformed" in response.json()["detail"]


def test_an_akn_download_imported_back_keeps_every_provision(client, world, tmp_path):
    """The Akoma Ntoso download of a version, renumbered by hand and imported as the next
    version: every part keeps its provision (by its wId), whatever its number says now."""
    from plenary.text.structure import walk_parts

    first = import_version(
        world.negotiation,
        by=world.actors.secretariat,
        label="Zero draft",
        date=datetime.date(2023, 6, 1),
        lines=ZERO_DRAFT,
        published=True,
    )
    xml = client.get(f"/n/test-ahc/versions/{first.pk}/akn/").content
    renumbered = tmp_path / "renumbered.xml"
    renumbered.write_bytes(xml.replace(b"<num>1</num>", b"<num>11</num>", 1))
    call_command("import_text", "test-ahc", str(renumbered), label="Renumbered")
    again = Version.objects.get(label="Renumbered")

    def identities(version):
        return {(kind, node["provision"]) for kind, node in walk_parts(version.content)}

    assert identities(again) == identities(first)
    article = again.content["chapters"][0]["articles"][0]
    assert (article["number"], article["eid"]) == ("11", "art_11")
