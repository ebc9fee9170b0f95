"""Files attached to statements and written contributions: what is accepted, checked by content.

A file is accepted only if its name says PDF, Word (.docx), OpenDocument text (.odt) or plain
text (.txt) and its bytes are that kind of file: a Word document is read by the same safe reader
as the drafts (plenary.text.word_import: zip bombs, encrypted parts, XXE are refused before any
parser sees them); an OpenDocument file is checked the same way, from the zip's directory first,
and its content parsed with DTDs forbidden; a PDF has the PDF header and end marker; text is
UTF-8 without control characters. Everything is checked before anything is written.
"""

import re
import unicodedata
import zipfile
import zlib
from dataclasses import dataclass
from xml.etree.ElementTree import ParseError

import defusedxml.ElementTree as SafeElementTree
from defusedxml import DefusedXmlException
from django.utils.translation import gettext as _

from plenary.errors import InvalidInput
from plenary.text.word_import import (
    MAX_BYTES,
    WordFileRefused,
    ZipRefused,
    docx_to_lines,
    open_checked_zip,
)

MAX_FILE_BYTES = MAX_BYTES  # as for a draft in Word
MAX_FILES = 5
MAX_NAME = 120
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
# Text may hold tabs and line breaks; any other control character means it is not text.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class FileKind:
    suffix: str
    content_type: str
    label: str


KINDS = {
    "pdf": FileKind("pdf", "application/pdf", "PDF"),
    "docx": FileKind(
        "docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "Word",
    ),
    "odt": FileKind("odt", "application/vnd.oasis.opendocument.text", "OpenDocument"),
    "txt": FileKind("txt", "text/plain; charset=utf-8", "text"),
}


@dataclass(frozen=True)
class Attachment:
    """A file that passed the checks: its cleaned name, its kind and its bytes."""

    name: str
    kind: str
    data: bytes


def clean_file_name(name: str) -> str:
    """The name as shown and offered on download: no folders, no control characters."""
    name = unicodedata.normalize("NFC", (name or "").replace("\\", "/").rsplit("/", 1)[-1])
    name = "".join(c for c in name if unicodedata.category(c)[0] != "C").strip(" .")
    if len(name) > MAX_NAME:
        stem, dot, suffix = name.rpartition(".")
        name = f"{stem[: MAX_NAME - len(suffix) - 1]}{dot}{suffix}" if dot else name[:MAX_NAME]
    return name


def _refused(name: str, reason: str) -> InvalidInput:
    return InvalidInput(
        _("%(name)s was refused: %(reason)s") % {"name": name or _("the file"), "reason": reason},
        field="files",
    )


def _too_large(name: str, size: int) -> InvalidInput:
    return _refused(
        name,
        _("it is %(size)s MB; a file may have at most %(limit)s MB.")
        % {"size": f"{size / 1024 / 1024:.1f}", "limit": MAX_FILE_BYTES // 1024 // 1024},
    )


def _check_pdf(data: bytes) -> str | None:
    if not data.startswith(b"%PDF-"):
        return _("it is not a PDF file.")
    if b"%%EOF" not in data[-2048:]:
        return _("the PDF file is incomplete (it has no end marker).")
    return None


def _check_docx(data: bytes) -> str | None:
    try:
        docx_to_lines(data)
    except WordFileRefused as error:
        return str(error)
    return None


def _refused_odt(check: str) -> str:
    if check == "not-zip":
        return _("it is not an OpenDocument text (.odt).")
    if check == "damaged":
        return _("it is not an OpenDocument text (.odt), or it is damaged.")
    if check == "encrypted":
        return _("it is encrypted; save it without a password.")
    if check == "compression":
        return _("it is compressed in a way OpenDocument does not use.")
    return _("it would expand far beyond its size (a zip bomb).")


def _check_odt(data: bytes) -> str | None:
    """An OpenDocument text: a zip whose first part names the type, with a readable content."""
    try:
        archive = open_checked_zip(data)
    except ZipRefused as refused:
        return _refused_odt(refused.check)
    parts = archive.infolist()
    names = {p.filename: p for p in parts}
    if not parts or parts[0].filename != "mimetype" or "content.xml" not in names:
        return _("it is not an OpenDocument text (.odt).")
    try:
        kind = archive.read("mimetype").strip()
        content = archive.read("content.xml")
        if kind != ODT_MIMETYPE:
            return _("it is an OpenDocument file, but not a text document.")
        SafeElementTree.fromstring(content, forbid_dtd=True)
    except DefusedXmlException:
        return _("it declares a document type or entities, which office programs never write.")
    except (zipfile.BadZipFile, zlib.error, ParseError, LookupError, OSError, EOFError):
        return _("it is damaged and cannot be read.")
    return None


def _check_txt(data: bytes) -> str | None:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return _("it is not UTF-8 text.")
    if CONTROL.search(text):
        return _("it holds control characters, so it is not plain text.")
    return None


CHECKS = {"pdf": _check_pdf, "docx": _check_docx, "odt": _check_odt, "txt": _check_txt}


def check_attachment(name: str, data: bytes) -> Attachment:
    """The file if it is an allowed kind, by its name and by its content; else InvalidInput."""
    shown = clean_file_name(name)
    if len(data) > MAX_FILE_BYTES:
        raise _too_large(shown, len(data))
    if not data:
        raise _refused(shown, _("it is empty."))
    stem, dot, suffix = shown.rpartition(".")
    kind = suffix.lower() if dot and stem else ""
    if kind not in CHECKS:
        raise _refused(shown, _("attach PDF, Word (.docx), OpenDocument (.odt) or text (.txt)."))
    reason = CHECKS[kind](data)
    if reason is not None:
        raise _refused(shown, reason)
    return Attachment(name=shown, kind=kind, data=data)


def check_attachments(files: list[tuple[str, bytes]]) -> list[Attachment]:
    """Every file checked before any is kept: one refused file refuses them all."""
    if len(files) > MAX_FILES:
        raise InvalidInput(_("Attach at most %(max)s files.") % {"max": MAX_FILES}, field="files")
    return [check_attachment(name, data) for name, data in files]


def read_uploads(uploads: list) -> list[tuple[str, bytes]]:
    """Uploaded files (Django's) as (name, bytes), each refused by its declared size before it is
    read; the service then checks what they are."""
    if len(uploads) > MAX_FILES:
        raise InvalidInput(_("Attach at most %(max)s files.") % {"max": MAX_FILES}, field="files")
    files = []
    for upload in uploads:
        if upload.size is not None and upload.size > MAX_FILE_BYTES:
            raise _too_large(clean_file_name(upload.name), upload.size)
        files.append((upload.name or "", upload.read(MAX_FILE_BYTES + 1)))
    return files
