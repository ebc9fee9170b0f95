"""Consolidating submissions: attribution kept, near-identical wordings merged, competing ones
bracketed. The hand-worked case: Brazil, Kenya and the EU submit on criminalization."""

from plenary.text.consolidation import SubmittedChapter, consolidate_chapter
from plenary.text.parsing import Bracket, ParsedDraft, parse_draft
from plenary.text.structure import content_from_parsed, open_brackets

ACCESS_BR = (
    "Each State Party shall establish as a criminal offence access to a computer system without "
    "right."
)
ACCESS_EU = (
    "Each State Party shall establish as a criminal offence the intentional access to the whole or "
    "any part of a computer system without right."
)


def submission(delegation, *lines):
    return SubmittedChapter(delegation, parse_draft(list(lines)).articles)


def criminalization():
    return consolidate_chapter(
        "II",
        "Criminalization",
        [
            submission(
                "BR",
                "Article 1. Illegal access",
                f"1. {ACCESS_BR}",
                "2. A State Party may require dishonest intent.",
            ),
            submission(
                "KE",
                "Article 4. Illegal access",  # numbered differently: the title decides
                f"1. {ACCESS_BR.rstrip('.')}",  # the same words without the full stop
                "2. A State Party may require that security measures were infringed.",
            ),
            submission(
                "EU",
                "Article 1. illegal access.",
                f"1. {ACCESS_EU}",
                "Article 2. Illegal interception",
                "Each State Party shall establish interception without right as an offence.",
            ),
        ],
        first_article=7,
    )


def test_articles_with_the_same_title_are_one_article_numbered_in_order():
    chapter = criminalization()
    assert [(a.number, a.title) for a in chapter.articles] == [
        (7, "Illegal access"),
        (8, "Illegal interception"),
    ]


def test_near_identical_wordings_merge_and_competing_ones_are_bracketed_with_sponsors():
    first, second = criminalization().articles[0].paragraphs
    assert first.attribution == ["BR", "KE", "EU"]
    assert first.segments == [Bracket([ACCESS_BR, ACCESS_EU], sponsors=[["BR", "KE"], ["EU"]])]
    assert second.attribution == ["BR", "KE"]
    bracket = second.segments[0]
    assert bracket.sponsors == [["BR"], ["KE"]] and len(bracket.alternatives) == 2


def test_a_paragraph_only_one_delegation_proposed_is_attributed_to_it_alone():
    interception = criminalization().articles[1].paragraphs[0]
    assert interception.attribution == ["EU"] and interception.number == ""
    assert not interception.has_brackets


def test_the_consolidated_chapter_is_stored_with_its_attribution_and_sponsors():
    content = content_from_parsed(ParsedDraft(chapters=[criminalization()]))
    paragraph = content["chapters"][0]["articles"][0]["paragraphs"][0]
    assert paragraph["eid"] == "art_7__para_1" and paragraph["attribution"] == ["BR", "KE", "EU"]
    assert paragraph["segments"][0]["sponsors"] == [["BR", "KE"], ["EU"]]
    assert open_brackets(content) == 2


def test_a_delegation_that_repeats_a_wording_is_named_once():
    chapter = consolidate_chapter(
        "I",
        "General",
        [
            submission("BR", "Article 1. Scope", "Text."),
            submission("BR", "Article 1. Scope", "Text."),
        ],
    )
    assert chapter.articles[0].paragraphs[0].attribution == ["BR"]
