"""A statement as downloads: its signatory list as CSV, the statement itself as a PDF."""

import csv
import io

from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.text import slugify

from plenary.advocacy.models import Statement
from plenary.advocacy.services.statements import signatories
from plenary.csv_cells import safe_cell
from plenary.text.exports import _no_fetching


def _name(statement: Statement) -> str:
    return f"{statement.coalition.negotiation.slug}-{slugify(statement.title)[:60] or 'statement'}"


def signatories_csv(statement: Statement) -> HttpResponse:
    """One row per organization whose signature stands, then the withdrawn ones with dates."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        ["organization", "slug", "kind", "country", "signed_at", "withdrawn_at", "illustrative"]
    )
    rows = statement.signatures.select_related("organization").order_by("signed_at", "id")
    for signature in sorted(rows, key=lambda s: s.withdrawn_at is not None):
        organization = signature.organization
        writer.writerow(
            [
                safe_cell(organization.name),
                organization.slug,
                organization.kind,
                organization.country,
                signature.signed_at.isoformat(),
                signature.withdrawn_at.isoformat() if signature.withdrawn_at else "",
                "yes" if signature.illustrative or statement.illustrative else "no",
            ]
        )
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_name(statement)}-signatories.csv"'
    return response


def statement_pdf(statement: Statement) -> HttpResponse:
    """The statement with its signatories, made by WeasyPrint from our own HTML only."""
    import weasyprint  # loaded on demand, as for the text's PDF

    signed = signatories(statement)
    html = render_to_string(
        "advocacy/print.html",
        {
            "statement": statement,
            "wording": statement.wording,
            "signatories": signed,
            "count": len(signed),
        },
    )
    pdf = weasyprint.HTML(string=html, url_fetcher=_no_fetching).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{_name(statement)}.pdf"'
    return response
