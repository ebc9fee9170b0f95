"""Importing and publishing versions of the negotiating text."""

import datetime
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from plenary.audit.services import record
from plenary.errors import Conflict, InvalidInput
from plenary.process.actors import Actor
from plenary.process.models import Negotiation
from plenary.process.permissions import require_runs_process
from plenary.sources import clean_sources
from plenary.text.akn import AknRefused, akn_to_draft
from plenary.text.models import Version
from plenary.text.parsing import DraftParseError, ParsedDraft, parse_draft
from plenary.text.provisions import identify, save_version, working_content
from plenary.text.signals import announce_published
from plenary.text.structure import content_from_parsed, open_brackets
from plenary.text.word_import import WordFileRefused, docx_to_lines

MAX_LINES = 20_000
MAX_UPLOAD = 10 * 1024 * 1024


def _too_large(name: str) -> InvalidInput:
    return InvalidInput(
        _("%(name)s is over %(limit)s MB; send a smaller file.")
        % {"name": name, "limit": MAX_UPLOAD // 1024 // 1024}
    )


def _bytes_of(upload: Any) -> bytes:
    """An upload's bytes; its size is checked before any of it is read into memory (Django
    keeps an upload over FILE_UPLOAD_MAX_MEMORY_SIZE on disk until then)."""
    if upload.size is None or upload.size > MAX_UPLOAD:
        raise _too_large(upload.name)
    data: bytes = upload.read(MAX_UPLOAD + 1)
    return data


def lines_of_uploaded_file(upload: Any) -> list[str]:
    """An uploaded draft's lines (a submission: Word or plain text)."""
    return lines_of_upload(upload.name, _bytes_of(upload))


def draft_of_uploaded_file(negotiation: Negotiation, upload: Any) -> ParsedDraft:
    """An uploaded whole draft: Word, Akoma Ntoso or plain text (see draft_of_upload)."""
    return draft_of_upload(negotiation, upload.name, _bytes_of(upload))


def draft_of_upload(negotiation: Negotiation, name: str, data: bytes) -> ParsedDraft:
    """A whole draft from a file: an Akoma Ntoso bill (.xml: its parts keep the provisions their
    wIds name), or a Word document or plain text read line by line."""
    if len(data) > MAX_UPLOAD:
        raise _too_large(name)
    if name.lower().endswith(".xml"):
        wids = dict(negotiation.provisions.values_list("wid", "pk"))
        try:
            return akn_to_draft(data, wids)
        except AknRefused as error:
            raise InvalidInput(
                _("%(name)s was refused: %(reason)s.") % {"name": name, "reason": error}
            ) from error
    return _read_lines(lines_of_upload(name, data))


def _read_lines(lines: list[str]) -> ParsedDraft:
    if len(lines) > MAX_LINES:
        raise InvalidInput(
            _("The draft has %(count)s lines; at most %(limit)s are read.")
            % {"count": len(lines), "limit": MAX_LINES}
        )
    try:
        return parse_draft(lines)
    except DraftParseError as error:
        raise InvalidInput(
            _("The draft does not read at line %(line)s: %(reason)s.")
            % {"line": error.line, "reason": error.reason}
        ) from error


def lines_of_upload(name: str, data: bytes) -> list[str]:
    """A draft file's lines: a Word document read safely, or UTF-8 plain text."""
    if len(data) > MAX_UPLOAD:
        raise _too_large(name)
    if name.lower().endswith(".docx"):
        try:
            return docx_to_lines(data, max_bytes=MAX_UPLOAD)
        except WordFileRefused as error:
            raise InvalidInput(str(error)) from error
    if data.startswith(b"PK\x03\x04"):
        raise InvalidInput(_("%(name)s looks like a Word file; name it .docx.") % {"name": name})
    try:
        return data.decode("utf-8").splitlines()
    except UnicodeDecodeError as error:
        raise InvalidInput(
            _("%(name)s is neither a Word document (.docx) nor UTF-8 text.") % {"name": name}
        ) from error


def import_version(
    negotiation: Negotiation,
    *,
    by: Actor,
    lines: Iterable[str] = (),
    draft: ParsedDraft | None = None,
    label: str,
    date: datetime.date,
    published: bool = False,
    imported_from: str = "",
    sources: Any = None,
    illustrative: bool = False,
) -> Version:
    """Read a whole draft (its lines, or a draft already read) and keep it as a new version;
    nothing is written if it does not read. Parts recognised in the text at the table keep their
    provisions."""
    require_runs_process(by, _("import versions of the text"))
    label = (label or "").strip()
    if not label or len(label) > 200:
        raise InvalidInput(_("A version needs a label of 1 to 200 characters."))
    if draft is None:
        draft = _read_lines(list(lines))
    if not draft.chapters and not draft.preamble:
        raise InvalidInput(_("The draft has no preamble, chapter or article."))
    content = content_from_parsed(draft)
    with transaction.atomic():
        # The parts recognised in the text at the table keep their provisions.
        _based_on, base = working_content(negotiation)
        identify(negotiation, content, base=base)
        version = save_version(
            negotiation,
            content,
            by=by,
            label=label,
            date=date,
            published=published,
            imported_from=imported_from[:300],
            sources=clean_sources(sources),
            illustrative=illustrative,
        )
        record(
            "version.imported",
            version,
            by=by.user,
            negotiation=negotiation,
            after={
                "label": label,
                "date": date.isoformat(),
                "published": published,
                "articles": sum(len(c["articles"]) for c in content["chapters"]),
                "open_brackets": open_brackets(content),
            },
        )
        if published:
            announce_published(version)
    return version


def publish_version(version: Version, *, by: Actor) -> Version:
    """Make an informal draft public; from then on it is a fixed, public version."""
    require_runs_process(by, _("publish versions of the text"))
    with transaction.atomic():
        updated = Version.objects.filter(pk=version.pk, published=False).update(
            published=True, published_at=timezone.now()
        )
        if not updated:
            raise Conflict(_("%(version)s is already published.") % {"version": version})
        version.refresh_from_db()
        record(
            "version.published",
            version,
            by=by.user,
            negotiation=version.negotiation,
            before={"published": False},
            after={"published": True},
        )
        announce_published(version)
    return version
