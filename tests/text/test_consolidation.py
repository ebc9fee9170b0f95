"""Consolidating submissions: attribution kept, the same wordings merged, every other wording
bracketed with its sponsors, and the chapter placed in the text without touching the rest.
The hand-worked case: Brazil, Kenya and the EU submit on criminalization."""

from hypothesis import given, settings
from hypothesis import strategies as st

from plenary.text.consolidation import (
    SubmittedChapter,
    consolidate_chapter,
    place_chapter,
    proposed_matches,
    wording_key,
)
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
        ("7", "Illegal access"),
        ("8", "Illegal interception"),
    ]


def test_wordings_the_same_but_for_punctuation_merge_and_every_other_one_is_bracketed():
    first, second = criminalization().articles[0].paragraphs
    assert first.attribution == ["BR", "KE", "EU"]
    # Kenya's wording is Brazil's without the full stop: the same wording, both its sponsors.
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


def test_a_one_word_difference_is_never_merged_away():
    """The issue's case: Brazil's "may … against a national" and Kenya's "shall … by a
    national" once became Brazil's text alone, attributed to both."""
    brazil = (
        "A State Party may also establish its jurisdiction when the offence is committed "
        "against a national."
    )
    kenya = (
        "A State Party shall also establish its jurisdiction when the offence is committed "
        "by a national."
    )
    chapter = consolidate_chapter(
        "III",
        "Jurisdiction",
        [
            submission("BR", "Article 22. Jurisdiction", f"1. {brazil}"),
            submission("KE", "Article 22. Jurisdiction", f"1. {kenya}"),
        ],
    )
    (paragraph,) = chapter.articles[0].paragraphs
    assert paragraph.segments == [Bracket([brazil, kenya], sponsors=[["BR"], ["KE"]])]
    assert paragraph.attribution == ["BR", "KE"]


def _text(*articles):
    lines = [
        "Chapter I. General provisions",
        "Article 1. Purposes",
        "1. To prevent.",
        "Chapter II. Jurisdiction",
        "Article 22. Jurisdiction",
        "1. Territory.",
        "2. Flag ships.",
        "Chapter III. Final provisions",
        "Article 65. Entry into force",
        "1. Ninety days.",
    ]
    draft = parse_draft(lines)
    # Give every part an identity, as the text's provisions would.
    identity = iter(range(1, 100))
    for chapter in draft.chapters:
        chapter.provision = next(identity)
        for article in chapter.articles:
            article.provision = next(identity)
            for paragraph in article.paragraphs:
                paragraph.provision = next(identity)
    return draft


def test_placing_a_chapter_changes_only_that_chapter():
    draft = _text()
    before = content_from_parsed(draft)
    chapter = consolidate_chapter(
        "",
        "Jurisdiction",
        [
            submission("BR", "Article 1. Jurisdiction", "1. Territory and nationals."),
            submission("KE", "Article 4. Jurisdiction over nationals", "1. Nationals abroad."),
        ],
    )
    matches = proposed_matches(draft, "Jurisdiction", chapter)
    assert matches == [5, None]  # Article 22 "Jurisdiction" is provision 5; the other is new
    place_chapter(draft, "Jurisdiction", chapter, matches)
    after = content_from_parsed(draft)
    assert after["chapters"][0] == before["chapters"][0]
    assert after["chapters"][2] == before["chapters"][2]
    jurisdiction = after["chapters"][1]["articles"]
    assert [(a["number"], a["title"], a["provision"]) for a in jurisdiction] == [
        ("22", "Jurisdiction", 5),
        ("23", "Jurisdiction over nationals", None),
    ]
    # The submitted wording takes paragraph 1's place (and identity); paragraph 2, which no
    # submission addresses, stays as it was.
    assert [(p["text"], p["provision"]) for p in jurisdiction[0]["paragraphs"]] == [
        ("Territory and nationals.", 6),
        ("Flag ships.", 7),
    ]


def test_a_new_article_between_two_chapters_is_numbered_bis_so_nothing_else_moves():
    draft = _text()
    draft.chapters[2].articles[0].number = "23"
    chapter = consolidate_chapter(
        "", "Jurisdiction", [submission("KE", "Article 1. Consultations", "1. Consult.")]
    )
    place_chapter(draft, "Jurisdiction", chapter, [None])
    numbers = [a.number for a in draft.articles]
    assert numbers == ["1", "22", "22 bis", "23"]


def test_the_secretariats_choice_moves_an_article_from_another_chapter():
    draft = _text()
    chapter = consolidate_chapter(
        "", "Jurisdiction", [submission("BR", "Article 1. Entry into force", "1. Sixty days.")]
    )
    place_chapter(draft, "Jurisdiction", chapter, [9])  # Article 65's provision
    content = content_from_parsed(draft)
    assert content["chapters"][2]["articles"] == []
    moved = content["chapters"][1]["articles"][-1]
    assert (moved["provision"], moved["title"]) == (9, "Entry into force")


words = st.sampled_from(
    ["shall", "may", "establish", "jurisdiction", "national", "against", "by", "offence", "State"]
)
wordings = st.lists(words, min_size=1, max_size=8).map(lambda w: " ".join(w) + ".")
submitters = st.lists(
    st.tuples(
        st.sampled_from(["BR", "KE", "EU", "CN", "US", "ZA"]),
        st.lists(wordings, min_size=1, max_size=3),
    ),
    min_size=1,
    max_size=6,
    unique_by=lambda s: s[0],  # one submission per delegation and chapter
)


@settings(max_examples=200, deadline=None)
@given(submitters)
def test_every_submitted_wording_appears_in_the_text_attributed_to_its_submitter(submitted):
    chapter = consolidate_chapter(
        "",
        "Jurisdiction",
        [
            submission(code, "Article 1. Jurisdiction", *[f"{i}. {w}" for i, w in enumerate(ps, 1)])
            for code, ps in submitted
        ],
    )
    paragraphs = chapter.articles[0].paragraphs
    for code, texts in submitted:
        for place, text in enumerate(texts):
            paragraph = paragraphs[place]
            assert code in paragraph.attribution
            brackets = [s for s in paragraph.segments if isinstance(s, Bracket)]
            if not brackets:
                # Everyone who wrote at this place wrote the same (punctuation aside).
                assert wording_key(paragraph.text) == wording_key(text)
                continue
            (bracket,) = brackets
            theirs = [
                alternative
                for alternative, sponsors in zip(
                    bracket.alternatives, bracket.sponsors, strict=True
                )
                if code in sponsors
            ]
            assert len(theirs) == 1 and wording_key(theirs[0]) == wording_key(text)
            # Verbatim, unless another delegation wrote the same with other punctuation first.
            same = [
                t
                for c, ts in submitted
                for t in ts[place : place + 1]
                if wording_key(t) == wording_key(text)
            ]
            assert theirs[0] == text or theirs[0] == same[0]
