"""The word-level redline: hand-worked paragraphs, the reconstruction property, and two drafts
compared the way negotiators revise them (renumbering, moving, inserting, striking)."""

import subprocess
import sys
from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from plenary.text.redline import (
    ArticleText,
    ChapterText,
    DraftText,
    ParagraphText,
    Run,
    compare_drafts,
    diff_words,
)

ACCESS = (
    "Each State Party shall adopt such legislative and other measures as may be necessary to "
    "establish as a criminal offence under its domestic law access to a computer system without "
    "right."
)
SEIZURE = "Each State Party shall empower its competent authorities to seize electronic data."
PRESERVATION = "Each State Party shall enable its competent authorities to order preservation."
TERMS = 'For the purposes of this Convention, "computer system" means any device.'
SCOPE = "This Convention shall apply to the prevention, investigation and prosecution of offences."


def old_of(runs: list[Run]) -> str:
    return "".join(run.text for run in runs if run.op != "insert")


def new_of(runs: list[Run]) -> str:
    return "".join(run.text for run in runs if run.op != "delete")


def draft(*chapters: tuple[str, list[tuple[str, list[str]]]]) -> DraftText:
    """A draft from (chapter title, [(article title, [paragraph texts])]); articles are numbered
    through the whole text and eIds follow the numbers, as a renumbered version's would."""
    built = []
    number = 0
    for position, (chapter_title, articles) in enumerate(chapters, start=1):
        chapter_articles = []
        for article_title, texts in articles:
            number += 1
            eid = f"chp_{position}__art_{number}"
            paragraphs = [
                ParagraphText(f"{eid}__para_{n}", str(n), text)
                for n, text in enumerate(texts, start=1)
            ]
            chapter_articles.append(ArticleText(eid, str(number), article_title, paragraphs))
        built.append(ChapterText(f"chp_{position}", str(position), chapter_title, chapter_articles))
    return DraftText(built)


# --- words -------------------------------------------------------------------------------------


def test_it_marks_a_replaced_word():
    assert diff_words("Each State Party shall adopt", "Each State Party may adopt") == [
        Run("equal", "Each State Party "),
        Run("delete", "shall"),
        Run("insert", "may"),
        Run("equal", " adopt"),
    ]


def test_it_shows_brackets_inserted_around_a_phrase():
    runs = diff_words(
        "access to a computer system without right",
        "access to [a computer system] without right",
    )
    assert runs == [
        Run("equal", "access to "),
        Run("insert", "["),
        Run("equal", "a computer system"),
        Run("insert", "]"),
        Run("equal", " without right"),
    ]


def test_it_shows_a_punctuation_change_alone():
    assert diff_words("a criminal offence.", "a criminal offence;") == [
        Run("equal", "a criminal offence"),
        Run("delete", "."),
        Run("insert", ";"),
    ]


def test_it_inserts_or_deletes_everything_against_an_empty_text():
    assert diff_words("", "Each State Party") == [Run("insert", "Each State Party")]
    assert diff_words("Each State Party", "") == [Run("delete", "Each State Party")]
    assert diff_words("", "") == []


def test_it_keeps_an_unchanged_text_as_one_equal_run():
    assert diff_words(ACCESS, ACCESS) == [Run("equal", ACCESS)]


def test_it_reads_a_rewritten_clause_as_one_deletion_and_one_insertion():
    runs = diff_words(
        "shall adopt such legislative and other measures as may be necessary",
        "may, where appropriate, take such measures as may be necessary",
    )
    # The shared spaces and "such" inside the rewritten clause are not shown as kept words.
    assert [run.op for run in runs] == ["delete", "insert", "equal"]
    assert runs[2] == Run("equal", " measures as may be necessary")


def test_it_keeps_every_character_of_a_paragraph_rewritten_from_end_to_end():
    old = " ".join(f"word{n}" for n in range(120)) + "."
    new = " ".join(f"term{n}" for n in range(0, 240, 2)) + "; and"
    runs = diff_words(old, new)
    assert (old_of(runs), new_of(runs)) == (old, new)


vocabulary = st.sampled_from(
    [
        "State",
        "Party",
        "shall",
        "may",
        "data",
        "the",
        "[",
        "]",
        ",",
        ".",
        ";",
        "(a)",
        " ",
        "  ",
        "\n",
    ]
)
texts = st.lists(vocabulary, max_size=40).map("".join)


@settings(max_examples=300, deadline=None)
@given(texts, texts)
def test_it_rebuilds_both_texts_from_the_runs(old, new):
    runs = diff_words(old, new)
    assert old_of(runs) == old
    assert new_of(runs) == new
    assert all(run.text for run in runs)
    assert all(a.op != b.op for a, b in pairwise(runs))


@settings(max_examples=200, deadline=None)
@given(st.lists(vocabulary, min_size=1, max_size=60), st.data())
def test_it_rebuilds_both_texts_after_a_few_edits(tokens, data):
    edited = list(tokens)
    for _ in range(data.draw(st.integers(1, 4))):
        at = data.draw(st.integers(0, len(edited)))
        edited[at:at] = data.draw(st.lists(vocabulary, max_size=3))
        if edited and data.draw(st.booleans()):
            del edited[data.draw(st.integers(0, len(edited) - 1))]
    old, new = "".join(tokens), "".join(edited)
    runs = diff_words(old, new)
    assert (old_of(runs), new_of(runs)) == (old, new)


# --- drafts ------------------------------------------------------------------------------------


def test_it_reports_nothing_for_the_same_draft():
    text = draft(("General provisions", [("Scope of application", [SCOPE])]))
    assert compare_drafts(text, text) == []


def test_it_does_not_report_an_article_only_renumbered():
    old = draft(("Criminalization", [("Illegal access", [ACCESS]), ("Seizure", [SEIZURE])]))
    new = draft(
        ("General provisions", [("Use of terms", [TERMS])]),  # pushes every article down one
        ("Criminalization", [("ILLEGAL  access", [ACCESS]), ("Seizure", [SEIZURE])]),
    )
    changes = compare_drafts(old, new)
    assert [(c.article_title, c.change) for c in changes] == [("Use of terms", "inserted")]


def test_it_recognises_an_article_moved_to_another_chapter():
    old = draft(
        (
            "General provisions",
            [("Use of terms", [TERMS]), ("Expedited preservation", [PRESERVATION, SEIZURE])],
        ),
        ("Procedural measures", [("Seizure of data", [SEIZURE])]),
    )
    new = draft(
        ("General provisions", [("Use of terms", [TERMS])]),
        (
            "Procedural measures",
            [("Expedited preservation", [PRESERVATION, SEIZURE]), ("Seizure of data", [SEIZURE])],
        ),
    )
    changes = compare_drafts(old, new)
    assert [(c.article_title, c.new_number, c.change) for c in changes] == [
        ("Expedited preservation", "1", "moved"),
        ("Expedited preservation", "2", "moved"),
    ]
    move = changes[0].move
    assert move is not None
    assert (move.old.chapter_title, move.new.chapter_title) == (
        "General provisions",
        "Procedural measures",
    )
    assert (move.old.article_number, move.new.article_number) == ("2", "2")
    assert changes[0].runs == [Run("equal", PRESERVATION)]


def test_it_shows_the_edits_of_a_moved_article_with_where_it_moved():
    old = draft(
        (
            "General provisions",
            [("Use of terms", [TERMS]), ("Expedited preservation", [PRESERVATION, SEIZURE])],
        ),
        ("Procedural measures", []),
    )
    edited = PRESERVATION.replace("shall", "may")
    new = draft(
        ("General provisions", [("Use of terms", [TERMS])]),
        ("Procedural measures", [("Expedited preservation", [edited, SEIZURE])]),
    )
    changes = compare_drafts(old, new)
    assert [c.change for c in changes] == ["changed", "moved"]
    assert all(c.move is not None for c in changes)
    assert Run("insert", "may") in changes[0].runs


def test_it_moves_only_the_article_taken_out_of_order():
    articles = [
        ("Use of terms", [TERMS]),
        ("Scope of application", [SCOPE]),
        ("Illegal access", [ACCESS]),
        ("Seizure", [SEIZURE]),
    ]
    old = draft(("Chapter", articles))
    new = draft(("Chapter", [articles[0], articles[3], articles[1], articles[2]]))
    changes = compare_drafts(old, new)
    assert [(c.article_title, c.change) for c in changes] == [("Seizure", "moved")]


def test_it_shows_a_paragraph_inserted_in_the_middle_as_one_insertion():
    old = draft(("Procedural measures", [("Seizure", [SEIZURE, PRESERVATION, TERMS, SCOPE])]))
    new = draft(
        ("Procedural measures", [("Seizure", [SEIZURE, ACCESS, PRESERVATION, TERMS, SCOPE])])
    )
    changes = compare_drafts(old, new)
    assert len(changes) == 1
    (inserted,) = changes
    assert (inserted.change, inserted.old_number, inserted.new_number) == ("inserted", None, "2")
    assert (inserted.eid_old, inserted.eid_new) == (None, "chp_1__art_1__para_2")
    assert inserted.runs == [Run("insert", ACCESS)]


def test_it_shows_a_changed_paragraph_next_to_a_struck_one():
    old = draft(("Procedural measures", [("Seizure", [SEIZURE, PRESERVATION, SCOPE])]))
    new = draft(("Procedural measures", [("Seizure", [SEIZURE.replace("seize", "[seize]")])]))
    changes = compare_drafts(old, new)
    assert [(c.old_number, c.new_number, c.change) for c in changes] == [
        ("1", "1", "changed"),
        ("2", None, "deleted"),
        ("3", None, "deleted"),
    ]
    assert Run("insert", "[") in changes[0].runs


def test_it_pairs_edited_paragraphs_by_their_words_not_their_place():
    old = draft(("Procedural measures", [("Seizure", [SEIZURE, PRESERVATION])]))
    new = draft(
        ("Procedural measures", [("Seizure", [TERMS, SEIZURE.rstrip(".") + " and documents."])])
    )
    changes = compare_drafts(old, new)
    assert [(c.old_number, c.new_number, c.change) for c in changes] == [
        (None, "1", "inserted"),
        ("1", "2", "changed"),
        ("2", None, "deleted"),
    ]


def test_it_does_not_pair_paragraphs_with_nothing_in_common():
    old = draft(("Final provisions", [("Reservations", [ACCESS, SCOPE])]))
    new = draft(("Final provisions", [("Reservations", [TERMS, "No reservations are permitted."])]))
    changes = compare_drafts(old, new)
    assert [(c.old_number, c.new_number, c.change) for c in changes] == [
        ("1", None, "deleted"),
        ("2", None, "deleted"),
        (None, "1", "inserted"),
        (None, "2", "inserted"),
    ]


def test_it_shows_every_paragraph_of_a_struck_article_as_deleted():
    old = draft(
        ("Criminalization", [("Illegal access", [ACCESS, PRESERVATION]), ("Seizure", [SEIZURE])])
    )
    new = draft(("Criminalization", [("Seizure", [SEIZURE])]))
    changes = compare_drafts(old, new)
    assert [(c.article_title, c.old_number, c.change) for c in changes] == [
        ("Illegal access", "1", "deleted"),
        ("Illegal access", "2", "deleted"),
    ]
    assert changes[0].runs == [Run("delete", ACCESS)]
    assert changes[0].eid_new is None


def test_it_compares_the_preamble_too():
    old = DraftText([], preamble=[ParagraphText("preamble__p_1", "", "Noting the threat.")])
    new = DraftText([], preamble=[ParagraphText("preamble__p_1", "", "Noting the grave threat.")])
    (change,) = compare_drafts(old, new)
    assert (change.article_title, change.change) == ("Preamble", "changed")
    assert Run("insert", "grave ") in change.runs


def test_it_runs_without_django():
    probe = "import sys, plenary.text.redline; print('django' in sys.modules)"
    # A fresh interpreter, since this test session has Django loaded; the argv is fixed.
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"
