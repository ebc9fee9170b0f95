"""Reading drafts in the shapes negotiators write them."""

import pytest

from plenary.text.parsing import Bracket, DraftParseError, parse_draft, parse_segments

DRAFT = """
Preamble
The States Parties to this Convention,
Concerned that [the use of] information and communications technologies [may be misused],

Chapter I. General provisions
Article 1. Statement of purpose
The purposes of this Convention are:
(a) To promote measures to prevent and combat cybercrime;
(b) To promote international cooperation.

Article 2
Use of terms
1. For the purposes of this Convention:
(a) "Computer system" shall mean [any device / any group of devices];
(b) "Service provider" shall mean:
(i) Any public or private entity;
(ii) Any other entity that processes data.
2. [Option 1: Each State Party shall act.] [Option 2: Each State Party may act.]

CHAPTER II - Criminalization
Article 3. Illegal access
Each State Party shall establish [intentional] access as an offence.[^1]

[^1]: Some delegations asked for "without right" to be added.
"""


@pytest.fixture
def draft():
    return parse_draft(DRAFT.splitlines())


def test_it_reads_the_preamble_chapters_and_articles(draft):
    assert draft.preamble[0].text == "The States Parties to this Convention,"
    assert [(c.number, c.title) for c in draft.chapters] == [
        ("I", "General provisions"),
        ("II", "Criminalization"),
    ]
    assert [(a.number, a.title) for a in draft.articles] == [
        ("1", "Statement of purpose"),
        ("2", "Use of terms"),
        ("3", "Illegal access"),
    ]


def test_sub_paragraphs_belong_to_the_paragraph_above_them(draft):
    purpose, terms, _ = draft.articles
    chapeau = purpose.paragraphs[0]
    assert (chapeau.number, [c.number for c in chapeau.children]) == ("", ["(a)", "(b)"])
    first = terms.paragraphs[0]
    assert [c.number for c in first.children] == ["(a)", "(b)"]
    assert [c.number for c in first.children[1].children] == ["(i)", "(ii)"]


def test_brackets_become_optional_wording_and_alternatives(draft):
    definition = draft.articles[1].paragraphs[0].children[0]
    assert definition.segments[1] == Bracket(["any device", "any group of devices"])
    options = draft.articles[1].paragraphs[1]
    assert options.segments == [
        Bracket(["Each State Party shall act.", "Each State Party may act."])
    ]
    access = draft.articles[2].paragraphs[0]
    assert access.segments[1] == Bracket(["intentional"]) and access.has_brackets


def test_footnotes_are_kept_as_notes(draft):
    access = draft.articles[2].paragraphs[0]
    assert access.footnotes == ["1"] and "[^1]" not in access.text
    assert draft.footnotes["1"].startswith("Some delegations")


def test_i_after_h_is_a_letter_not_a_roman_numeral():
    lines = ["Article 1. Terms", "1. Terms:"] + [f"({c}) term {c}" for c in "abcdefghij"]
    paragraph = parse_draft(lines).articles[0].paragraphs[0]
    assert [c.number for c in paragraph.children][-3:] == ["(h)", "(i)", "(j)"]


def test_nested_brackets_stay_inside_their_alternative():
    assert parse_segments("shall [adopt [such] measures / consider measures]", 1) == [
        "shall ",
        Bracket(["adopt [such] measures", "consider measures"]),
    ]


@pytest.mark.parametrize(
    ("lines", "line", "reason"),
    [
        (["Article 1. A", "1. text [unclosed"], 2, "opened and never closed"),
        (["Article 1. A", "1. text] here"], 2, "no opening bracket"),
        (["Article 2. A", "Article 1. B"], 2, "article 1 follows article 2"),
        (["Article 1. A", "1. one", "3. three"], 3, "paragraph 3 follows paragraph 1"),
        (["Chapter II. A", "Chapter I. B"], 2, "chapter I follows chapter II"),
        (["Chapter I. A", "Stray text"], 2, "before any article"),
        (["Article 1. A", "(a) orphan"], 2, "no paragraph above it"),
        (["Article 1. A", "1. see[^9]"], 2, "footnote [^9] has no text"),
        (["", "  "], 2, "no preamble, chapter or article"),
    ],
)
def test_a_draft_that_does_not_read_is_refused_with_its_line(lines, line, reason):
    with pytest.raises(DraftParseError) as error:
        parse_draft(lines)
    assert error.value.line == line and reason in error.value.reason


def test_an_article_inserted_between_two_others_is_numbered_bis_ter_as_un_drafts_do():
    draft = parse_draft(
        [
            "Article 22. Jurisdiction",
            "1. Each State Party shall establish its jurisdiction.",
            "Article 22 bis. Jurisdiction over nationals",
            "1. Each State Party may also establish its jurisdiction.",
            "Article 22 ter. Consultations",
            "1. States Parties shall consult.",
            "Article 23. Scope of procedural measures",
            "1. Each State Party shall adopt powers.",
        ]
    )
    assert [a.number for a in draft.articles] == ["22", "22 bis", "22 ter", "23"]


def test_an_inserted_number_out_of_order_is_refused_with_its_line():
    with pytest.raises(DraftParseError, match="article 22 bis follows article 23"):
        parse_draft(["Article 23. Scope", "1. Text.", "Article 22 bis. Late", "1. Text."])


def test_the_number_of_an_article_inserted_after_another_is_the_next_free_ordinal():
    from plenary.text.parsing import article_order, inserted_after

    assert inserted_after("22", {"22", "23"}) == "22 bis"
    assert inserted_after("22", {"22", "22 bis", "23"}) == "22 ter"
    assert inserted_after("22 bis", {"22", "22 bis"}) == "22 ter"
    assert sorted(["23", "22 ter", "22", "22 bis"], key=article_order) == [
        "22",
        "22 bis",
        "22 ter",
        "23",
    ]
