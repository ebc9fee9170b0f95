"""A version as a download: Akoma Ntoso XML, a Word document or a PDF."""

from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext as _

from plenary.text.akn import version_to_akn
from plenary.text.models import Provision, Version
from plenary.text.rendering import version_html
from plenary.text.word import version_to_docx

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _name(version: Version) -> str:
    return f"{version.negotiation.slug}-{slugify(version.label) or 'version'}-{version.date}"


def akn_response(version: Version) -> HttpResponse:
    """The version in Akoma Ntoso 3.0, valid against the OASIS schema."""
    xml = version_to_akn(
        version.content,
        doc_name=f"{version.negotiation.slug}-{slugify(version.label) or 'version'}",
        label=version.label,
        date=version.date,
        wids=dict(Provision.objects.filter(texts__version=version).values_list("pk", "wid")),
    )
    response = HttpResponse(xml, content_type="application/akn+xml; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_name(version)}.akn.xml"'
    return response


def docx_response(version: Version) -> HttpResponse:
    """The version as a Word document."""
    subtitle = date_format(version.date, "DATE_FORMAT")
    if version.illustrative:
        subtitle = _("%(date)s (illustrative wording, not the official text)") % {"date": subtitle}
    data = version_to_docx(
        version.content, title=f"{version.negotiation}: {version.label}", subtitle=subtitle
    )
    response = HttpResponse(data, content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="{_name(version)}.docx"'
    return response


def _no_fetching(url: str, *args: object, **kwargs: object) -> dict[str, object]:
    """The PDF is made from our own HTML only: no file or address is ever fetched."""
    raise ValueError(f"Plenary's PDF export fetches nothing ({url}).")


def pdf_response(version: Version) -> HttpResponse:
    """The version as a PDF, made by WeasyPrint from the same HTML as the page, fonts embedded."""
    import weasyprint  # loaded on demand: it pulls in Pango, which most requests never need

    html = render_to_string(
        "text/print.html",
        {
            "version": version,
            "body": version_html(version.content),
            "footnotes": version.content["footnotes"],
        },
    )
    pdf = weasyprint.HTML(string=html, url_fetcher=_no_fetching).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{_name(version)}.pdf"'
    return response
