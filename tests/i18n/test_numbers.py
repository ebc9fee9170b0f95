"""Numbers are shown the language's way (grouped, with its decimal sign), and numbers that are
not shown (ids and lock versions in forms, links and data attributes) stay plain digits."""

import re

import pytest
from django.template import Context, Template
from django.utils import translation
from django.utils.formats import number_format

from tests.i18n.test_templates_marked import ROOT, templates

# An expression in an attribute whose value is a number the page does not show but sends or
# links with: it must not be grouped ("1,234" is not an id).
NOT_SHOWN = re.compile(r"\{\{\s*[\w.]*?(\bpk|\bid|_id|lock_version|seconds)\s*\}\}")
ATTRIBUTE = re.compile(r"""\s[\w:-]+\s*=\s*("[^"]*"|'[^']*')""")


@pytest.mark.parametrize(
    ("language", "whole", "decimal"),
    [
        ("en", "1,234,567", "1,234,567.5"),
        ("fr", "1\xa0234\xa0567", "1\xa0234\xa0567,5"),
        ("ru", "1\xa0234\xa0567", "1\xa0234\xa0567,5"),
        ("es", "1\xa0234\xa0567", "1\xa0234\xa0567,5"),
        ("ar", "1,234,567", "1,234,567.5"),
        ("zh-hans", "1,234,567", "1,234,567.5"),
    ],
)
def test_numbers_are_grouped_the_languages_way(language, whole, decimal):
    with translation.override(language):
        assert number_format(1234567) == whole
        assert number_format(1234567.5, 1) == decimal
        page = Template("{{ n }} · {{ x|floatformat:1 }}").render(Context({"n": 1234567, "x": 0.5}))
        assert page == f"{whole} · 0{decimal[-2]}5"


def test_counts_in_sentences_are_grouped(world):
    from django.utils.translation import ngettext

    template = Template(
        "{% load i18n %}{% blocktranslate count counter=n %}{{ counter }} signatory"
        "{% plural %}{{ counter }} signatories{% endblocktranslate %}"
    )
    with translation.override("en"):
        assert template.render(Context({"n": 12500})) == "12,500 signatories"
    with translation.override("fr"):
        assert template.render(Context({"n": 12500})).startswith("12\xa0500")
    assert ngettext("%(count)s signatory", "%(count)s signatories", 2)


def unlocalized_numbers(source: str) -> list[str]:
    """Numbers in attributes that would be grouped: `{{ r.pk }}`, not `{{ r.pk|unlocalize }}`."""
    found = []
    for attribute in ATTRIBUTE.finditer(source):
        found += [m.group(0) for m in NOT_SHOWN.finditer(attribute.group(1))]
    return found


def test_the_check_finds_grouped_ids():
    assert unlocalized_numbers('<input value="{{ r.pk }}">') == ["{{ r.pk }}"]
    assert unlocalized_numbers('<a href="/v/{{ version.id }}/" id="x-{{ i.pk|unlocalize }}">') == [
        "{{ version.id }}"
    ]
    assert unlocalized_numbers("<p>{{ r.pk }}</p>") == []


def test_no_template_groups_an_id_or_a_lock_version_in_an_attribute():
    problems = [
        f"{path.relative_to(ROOT)}: {expression} (write it with |unlocalize)"
        for path in templates()
        for expression in unlocalized_numbers(path.read_text(encoding="utf-8"))
    ]
    assert problems == [], "\n".join(problems)


def test_the_number_of_an_item_a_session_or_a_chapter_is_a_label_never_grouped():
    """Item 1234 is not item "1,234": a number that names something is written as it is."""
    grouped = [
        f"{path.relative_to(ROOT)}: {match.group(0)} (write it with |unlocalize)"
        for path in templates()
        for match in re.finditer(r"\{\{\s*[\w.]*\.number\s*\}\}", path.read_text(encoding="utf-8"))
    ]
    assert grouped == [], "\n".join(grouped)


def test_a_record_numbered_over_a_thousand_keeps_working_links_and_forms(client, world):
    import datetime

    from plenary.text.models import Version
    from plenary.text.parsing import parse_draft
    from plenary.text.structure import content_from_parsed

    for position, (pk, label) in enumerate([(1234, "Zero draft"), (12345, "Revised")], 1):
        Version.objects.create(
            pk=pk,
            negotiation=world.negotiation,
            label=label,
            date=datetime.date(2023, 6, position),
            position=position,
            published=True,
            content=content_from_parsed(parse_draft(["Article 1. Scope", f"1. {label}."])),
        )
    client.force_login(world.secretariat)
    page = client.get("/n/test-ahc/compare/?from=1234&to=12345").content.decode()
    assert 'value="1234"' in page and "from=1234&amp;to=12345" in page
    assert "1,234" not in page


# Date formats a template may name itself: the language's own (DATE_FORMAT, ...), ISO 8601 and
# times of day, which read the same in every language.
LANGUAGE_NEUTRAL_DATES = {"c", "e", "Y-m-d", "Y-m-d H:i:s", "H:i", "H:i:s"}


def test_templates_write_dates_in_the_languages_own_order():
    fixed = [
        f"{path.relative_to(ROOT)}: {match.group(0)}"
        for path in templates()
        for match in re.finditer(
            r"\|(date|time):[\"']([^\"']*)[\"']", path.read_text(encoding="utf-8")
        )
        if not re.fullmatch(r"[A-Z_]+", match.group(2))
        and match.group(2) not in LANGUAGE_NEUTRAL_DATES
    ]
    assert fixed == [], "use DATE_FORMAT, DATETIME_FORMAT or SHORT_DATE_FORMAT:\n" + "\n".join(
        fixed
    )


def test_a_choice_of_share_is_sent_as_a_number_in_every_language(client, world):
    page = client.get("/n/test-ahc/package-search/", headers={"accept-language": "fr"})
    html = page.content.decode()
    assert '<html lang="fr"' in html
    assert 'value="0.8"' in html and 'value="0,8"' not in html
    chosen = client.get(
        "/n/test-ahc/package-search/?reservation=0.6", headers={"accept-language": "fr"}
    ).content.decode()
    assert 'value="0.6" selected' in chosen


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "42 · 0.35 · 0 · 1,234.5"),
        ("fr", "42 · 0,35 · 0 · 1\xa0234,5"),
        ("ar", "42 · 0.35 · 0 · 1,234.5"),
    ],
)
def test_analysis_tables_write_their_numbers_as_floatformat_would(language, expected):
    template = Template(
        "{% load plenary %}{{ a|fixed:0 }} · {{ b|fixed:2 }} · {{ c|fixed:0 }} · {{ d|fixed:1 }}"
    )
    with translation.override(language):
        page = template.render(Context({"a": 41.6, "b": 0.3512, "c": -0.2, "d": 1234.46}))
        assert page == expected
        for value in (41.6, 0.3512, 1234.46, 7, 999.996):
            floatformat = Template("{{ v|floatformat:2 }}").render(Context({"v": value}))
            fixed = Template("{% load plenary %}{{ v|fixed:2 }}").render(Context({"v": value}))
            assert fixed == floatformat
