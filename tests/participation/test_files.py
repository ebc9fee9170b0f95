"""Files of statements and written contributions: accepted by their content (PDF, Word,
OpenDocument, text), refused with a clear message and nothing written when hostile or too
large, downloaded only by who may see the session, shown where the interventions are, and
carried by a backup."""

import io
import zipfile

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.template import Context, Template

from plenary.errors import InvalidInput, NotAllowed
from plenary.participation.attachments import MAX_FILE_BYTES, check_attachment
from plenary.participation.models import FloorStatus, Intervention, InterventionFile
from plenary.participation.services.interventions import (
    attach_files,
    publish_statement,
    submit_written_contribution,
)
from tests import factories as f
from tests.participation.factories import (
    make_agenda_item,
    make_speaker,
    make_upcoming_session,
    parts,
    publish_text,
)

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def word_file(text: str = "Brazil's statement on article 7.") -> bytes:
    document = docx.Document()
    document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


ODT_CONTENT = (
    b'<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"/>'
)


def odt_file(content: bytes = ODT_CONTENT, kind: bytes | None = None) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr(
            zipfile.ZipInfo("mimetype"), kind or b"application/vnd.oasis.opendocument.text"
        )
        archive.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def zip_bomb() -> bytes:
    """A .docx whose document expands a thousand times: refused before it is inflated."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"<w:document>" + b" " * 5_000_000 + b"</w:document>")
    return out.getvalue()


ENTITIES = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;&a;</x>'
HOSTILE = {
    "a program named as a PDF": ("statement.pdf", b"MZ\x90\x00 this is a Windows program"),
    "a PDF named as Word": ("statement.docx", PDF),
    "a zip bomb": ("statement.docx", zip_bomb()),
    "an OpenDocument file with entities": ("statement.odt", odt_file(ENTITIES)),
    "a spreadsheet named as text": ("statement.odt", odt_file(kind=b"application/x-other")),
    "text with control characters": ("statement.txt", b"Hello\x00\x01 world"),
    "a kind not allowed": ("statement.html", b"<script>alert(1)</script>"),
    "a file over the size limit": ("statement.txt", b"a" * (MAX_FILE_BYTES + 1)),
}
REASONS = {
    "a program named as a PDF": "not a PDF file",
    "a PDF named as Word": "PDF file, not a Word document",
    "a zip bomb": "zip bomb",
    "an OpenDocument file with entities": "document type or entities",
    "a spreadsheet named as text": "not a text document",
    "text with control characters": "control characters",
    "a kind not allowed": "attach PDF, Word (.docx), OpenDocument (.odt) or text (.txt)",
    "a file over the size limit": "at most 10 MB",
}


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def stored_files(media) -> list:
    return [p for p in media.rglob("*") if p.is_file()] if media.exists() else []


@pytest.fixture
def item(world, db):
    publish_text(world)
    return make_agenda_item(make_upcoming_session(world.negotiation), eids=["chp_2"])


def item_url(item) -> str:
    return f"/n/test-ahc/sessions/{item.session_id}/items/{item.pk}"


@pytest.mark.django_db
def test_it_accepts_the_four_kinds_by_their_content():
    assert check_attachment("Statement.PDF", PDF).kind == "pdf"
    assert check_attachment("statement.docx", word_file()).kind == "docx"
    assert check_attachment("statement.odt", odt_file()).kind == "odt"
    assert check_attachment("statement.txt", "Déclaration, 发言".encode()).kind == "txt"
    assert check_attachment("../../etc/passwd\x00.txt", b"text").name == "passwd.txt"


@pytest.mark.django_db
def test_it_publishes_a_statement_with_its_files_and_serves_them(client, world, item, media):
    entry = make_speaker(item, delegation=world.brazil, status=FloorStatus.SPOKE)
    statement = publish_statement(
        entry,
        by=world.actors.delegate,
        text="Mr Chair, ...",
        files=[("Brazil statement.docx", word_file()), ("annex.pdf", PDF)],
    )
    word, annex = statement.files.order_by("id")
    assert (word.name, word.kind, annex.name) == ("Brazil statement.docx", "docx", "annex.pdf")
    assert word.file.name.startswith(f"interventions/{statement.pk}/")
    assert len(stored_files(media)) == 2

    response = client.get(f"{item_url(item)}/interventions/{statement.pk}/files/{annex.pk}/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert 'attachment; filename="annex.pdf"' in response["Content-Disposition"]
    assert b"".join(response.streaming_content) == PDF
    page = client.get(f"{item_url(item)}/speakers/").content.decode()
    assert "Brazil statement.docx" in page and "annex.pdf" in page


@pytest.mark.django_db
@pytest.mark.parametrize("what", list(HOSTILE))
def test_it_refuses_a_hostile_or_oversized_file_and_writes_nothing(
    client, world, item, media, what
):
    name, data = HOSTILE[what]
    client.force_login(world.delegate)
    response = client.post(
        f"{item_url(item)}/contribute/",
        {"text": "Our contribution.", "files": [SimpleUploadedFile(name, data)]},
    )
    assert response.status_code == 400
    assert REASONS[what] in response.content.decode()
    assert not Intervention.objects.exists()
    assert not InterventionFile.objects.exists()
    assert stored_files(media) == []


@pytest.mark.django_db
def test_it_attaches_files_through_the_api_and_lists_them(client, world, item, media):
    written = submit_written_contribution(
        item, by=world.actors.delegate, delegation=world.brazil, text="Our contribution."
    )
    url = f"/api/negotiations/test-ahc/sessions/{item.session_id}/agenda/{item.pk}/interventions"
    headers = {"Authorization": f"Bearer {f.token_for(world.delegate)}"}
    created = client.post(
        f"{url}/{written.pk}/files",
        {"files": [SimpleUploadedFile("annex.txt", b"Our annex.")]},
        headers=headers,
    )
    assert created.status_code == 201
    (listed,) = created.json()["files"]
    assert (listed["name"], listed["kind"], listed["size"]) == ("annex.txt", "txt", 10)
    assert client.get(listed["url"]).status_code == 200
    assert client.get(url).json()[0]["files"] == [listed]

    refused = client.post(
        f"{url}/{written.pk}/files",
        {"files": [SimpleUploadedFile("annex.pdf", b"not a pdf")]},
        headers=headers,
    )
    assert refused.status_code == 400
    assert refused.json()["detail"] == "annex.pdf was refused: it is not a PDF file."
    other = {"Authorization": f"Bearer {f.token_for(world.other_delegate)}"}
    not_theirs = client.post(
        f"{url}/{written.pk}/files",
        {"files": [SimpleUploadedFile("b.txt", b"Kenya's")]},
        headers=other,
    )
    assert not_theirs.status_code == 403
    assert written.files.count() == 1
    schema = client.get("/api/openapi.json").json()
    route = "/api/negotiations/{slug}/sessions/{session_id}/agenda/{item_id}/interventions"
    body = schema["paths"][f"{route}/{{intervention_id}}/files"]["post"]["requestBody"]
    assert "multipart/form-data" in body["content"]


@pytest.mark.django_db
def test_it_keeps_closed_sessions_files_from_stakeholders_and_the_public(
    client, world, item, media
):
    closed = make_agenda_item(
        make_upcoming_session(world.negotiation, kind="informal", number=None, openness="closed")
    )
    written = submit_written_contribution(
        closed,
        by=world.actors.delegate,
        delegation=world.brazil,
        text="Informal.",
        files=[("informal.txt", b"Only for delegations.")],
    )
    url = f"{item_url(closed)}/interventions/{written.pk}/files/{written.files.get().pk}/"
    assert client.get(url).status_code == 404
    client.force_login(world.stakeholder)
    assert client.get(url).status_code == 404
    client.force_login(world.other_delegate)
    assert client.get(url).status_code == 200


@pytest.mark.django_db
def test_it_limits_the_files_and_the_people_who_attach_them(world, item, media):
    written = submit_written_contribution(
        item, by=world.actors.delegate, delegation=world.brazil, text="Ours."
    )
    with pytest.raises(NotAllowed):
        attach_files(written, by=world.actors.other_delegate, files=[("a.txt", b"a")])
    attach_files(written, by=world.actors.secretariat, files=[(f"{n}.txt", b"a") for n in range(5)])
    with pytest.raises(InvalidInput, match="at most 5 files"):
        attach_files(written, by=world.actors.delegate, files=[("six.txt", b"a")])
    assert written.files.count() == 5


@pytest.mark.django_db
def test_it_shows_the_files_with_the_interventions_on_a_paragraph(world, item, media):
    written = submit_written_contribution(
        item,
        by=world.actors.delegate,
        delegation=world.brazil,
        text="On access.",
        provisions=parts(world.negotiation, ["art_7__para_1"]),
        files=[("access.pdf", PDF)],
    )

    def shown_on(eid):
        return Template(
            "{% load participation %}{% interventions_on_paragraph negotiation provision %}"
        ).render(
            Context(
                {
                    "negotiation": world.negotiation,
                    "provision": parts(world.negotiation, [eid])[0].pk,
                    "user": None,
                }
            )
        )

    rendered = shown_on("art_7__para_1")
    assert "access.pdf" in rendered
    assert f"/interventions/{written.pk}/files/" in rendered
    assert "access.pdf" not in shown_on("art_7__para_2")


def test_a_backup_carries_the_files_and_a_restore_brings_them_back(
    transactional_db, client, world, media, tmp_path
):
    publish_text(world)
    item = make_agenda_item(make_upcoming_session(world.negotiation))
    written = submit_written_contribution(
        item,
        by=world.actors.delegate,
        delegation=world.brazil,
        text="Ours.",
        files=[("ours.pdf", PDF)],
    )
    stored = written.files.get()
    summary_path = tmp_path / "plenary.zip"
    call_command("backup", summary_path)
    with zipfile.ZipFile(summary_path) as archive:
        assert f"media/{stored.file.name}" in archive.namelist()
    call_command("flush", interactive=False, verbosity=0)
    (media / stored.file.name).unlink()

    call_command("restore", summary_path)

    url = f"{item_url(item)}/interventions/{written.pk}/files/{stored.pk}/"
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
