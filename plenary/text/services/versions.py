"""Importing and publishing versions of the negotiating text."""

import datetime
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from plenary.audit.services import record
from plenary.errors import Conflict, InvalidInput
from plenary.process.models import Negotiation
from plenary.process.permissions import require_runs_process
from plenary.sources import clean_sources
from plenary.text.models import Version
from plenary.text.parsing import DraftParseError, parse_draft
from plenary.text.search import index_version
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


def lines_of_uploaded_file(upload: Any) -> list[str]:
    """An uploaded draft's lines; its size is checked before any of it is read into memory
    (Django keeps an upload over FILE_UPLOAD_MAX_MEMORY_SIZE on disk until then)."""
    if upload.size is None or upload.size > MAX_UPLOAD:
        raise _too_large(upload.name)
    return lines_of_upload(upload.name, upload.read(MAX_UPLOAD + 1))


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
    by: Any,
    lines: Iterable[str],
    label: str,
    date: datetime.date,
    published: bool = False,
    imported_from: str = "",
    sources: Any = None,
    illustrative: bool = False,
) -> Version:
    """Read a whole draft and keep it as a new version; nothing is written if it does not read."""
    require_runs_process(by, _("import versions of the text"))
    label = (label or "").strip()
    if not label or len(label) > 200:
        raise InvalidInput(_("A version needs a label of 1 to 200 characters."))
    lines = list(lines)
    if len(lines) > MAX_LINES:
        raise InvalidInput(
            _("The draft has %(count)s lines; at most %(limit)s are read.")
            % {"count": len(lines), "limit": MAX_LINES}
        )
    try:
        draft = parse_draft(lines)
    except DraftParseError as error:
        raise InvalidInput(
            _("The draft does not read at line %(line)s: %(reason)s.")
            % {"line": error.line, "reason": error.reason}
        ) from error
    content = content_from_parsed(draft)
    with transaction.atomic():
        last = negotiation.versions.aggregate(last=Max("position"))["last"] or 0
        version = Version.objects.create(
            negotiation=negotiation,
            label=label,
            date=date,
            position=last + 1,
            published=published,
            published_at=timezone.now() if published else None,
            content=content,
            imported_from=imported_from[:300],
            created_by=by,
            sources=clean_sources(sources),
            illustrative=illustrative,
        )
        index_version(version)
        record(
            "version.imported",
            version,
            by=by,
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


def publish_version(version: Version, *, by: Any) -> Version:
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
            by=by,
            negotiation=version.negotiation,
            before={"published": False},
            after={"published": True},
        )
        announce_published(version)
    return version
