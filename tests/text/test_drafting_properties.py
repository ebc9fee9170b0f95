"""The chair's changes to a text, as properties: whatever is inserted, deleted, moved or
renumbered, every other part keeps its identity (and its wording and place among the others),
and every eId in the text stays unique. Pure: the drafting module on stored content."""

import copy
import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from plenary.text import drafting
from plenary.text.parsing import parse_draft
from plenary.text.structure import Outline, content_from_parsed, walk_parts

LINES = [
    "Preamble",
    "The States Parties to this Convention,",
    "Chapter I. General provisions",
    "Article 1. Purposes",
    "1. To prevent cybercrime.",
    "2. To cooperate.",
    "(a) technically;",
    "(b) legally.",
    "Article 2. Terms",
    "For the purposes of this Convention:",
    "(a) computer system;",
    "Chapter II. Jurisdiction",
    "Article 22. Jurisdiction",
    "1. Territory.",
    "2. Nationals.",
    "Article 23. Scope",
    "1. Powers.",
]


def identified():
    """The text with an identity on every part, as a version stores it."""
    content = content_from_parsed(parse_draft(LINES))
    counter = itertools.count(1)
    for _kind, node in walk_parts(content):
        node["provision"] = next(counter)
    return content


def parts(content):
    return {
        node["provision"]: (kind, node) for kind, node in walk_parts(content) if node["provision"]
    }


def eids_are_unique(content):
    eids = [node["eid"] for _kind, node in walk_parts(content)]
    return len(eids) == len(set(eids))


# One step of the chair's: a name and what it needs, drawn from the parts of the current text.
def steps(content):
    outline = Outline(content)
    paragraphs = [p.provision for p in outline.paragraphs]
    articles = [p.provision for p in outline.of_kind("article")]
    chapters = [p.provision for p in outline.of_kind("chapter")]
    options = [st.tuples(st.just("renumber"))]
    if paragraphs:
        options += [
            st.tuples(st.just("insert"), st.sampled_from(paragraphs), st.booleans()),
            st.tuples(st.just("delete"), st.sampled_from(paragraphs)),
            st.tuples(st.just("move_paragraph"), st.sampled_from(paragraphs), st.booleans()),
        ]
    if articles:
        options += [
            st.tuples(
                st.just("move_article"),
                st.sampled_from(articles),
                st.sampled_from(chapters),
                st.sampled_from([None, *articles]),
            ),
            st.tuples(
                st.just("insert_article"),
                st.sampled_from(chapters),
                st.sampled_from([None, *articles]),
            ),
        ]
    return st.one_of(options)


def apply(content, step, fresh):
    """Apply one step; new parts get fresh identities, as the service gives them."""
    name, *args = step
    try:
        if name == "insert":
            drafting.insert_paragraph(
                content, beside=args[0], before=args[1], text="New wording.", attribution=[]
            )
        elif name == "delete":
            drafting.delete(content, args[0])
        elif name == "move_paragraph":
            drafting.move_paragraph(content, args[0], up=args[1])
        elif name == "move_article":
            drafting.move_article(content, args[0], chapter=args[1], after=args[2])
        elif name == "insert_article":
            drafting.insert_article(
                content, chapter=args[0], after=args[1], title="New article", text="Text."
            )
        else:
            drafting.renumber_articles(content)
    except drafting.DraftingError:
        return False
    for _kind, node in walk_parts(content):
        if node["provision"] is None:
            node["provision"] = next(fresh)
    return True


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_no_change_alters_the_identity_of_another_part(data):
    content = identified()
    fresh = itertools.count(1000)
    for _ in range(data.draw(st.integers(1, 6))):
        step = data.draw(steps(content))
        before = copy.deepcopy(parts(content))
        if not apply(content, step, fresh):
            assert parts(content) == before  # a refused change changes nothing
            continue
        after = parts(content)
        touched = set()
        if step[0] == "delete":
            touched = set(before) - set(after)
            assert step[1] in touched
        # Every part not deleted is still there, the same kind, with the same wording.
        for provision, (kind, node) in before.items():
            if provision in touched:
                continue
            assert provision in after, (step, provision)
            assert after[provision][0] == kind
            assert after[provision][1].get("text") == node.get("text")
            assert after[provision][1].get("title") == node.get("title")
        assert eids_are_unique(content), step


def test_renumbering_changes_numbers_and_eids_not_identities():
    content = identified()
    general = next(p for p, (k, n) in parts(content).items() if k == "chapter")
    drafting.insert_article(
        content,
        chapter=general,
        after=None,
        title="Scope",
        text="It applies.",
    )
    fresh = itertools.count(1000)
    for _kind, node in walk_parts(content):
        node["provision"] = node["provision"] or next(fresh)
    numbers = [a["number"] for c in content["chapters"] for a in c["articles"]]
    assert numbers == ["0 bis", "1", "2", "22", "23"]
    before = {p: n["eid"] for p, (_k, n) in parts(content).items()}
    changed = drafting.renumber_articles(content)
    assert [a["number"] for c in content["chapters"] for a in c["articles"]] == [
        "1",
        "2",
        "3",
        "4",
        "5",
    ]
    assert set(changed) == {p for p, (k, _n) in parts(content).items() if k == "article"}
    after = {p: n["eid"] for p, (_k, n) in parts(content).items()}
    assert before.keys() == after.keys()
    assert after != before and eids_are_unique(content)


def test_an_article_inserted_after_22_is_22_bis_and_nothing_else_moves():
    content = identified()
    jurisdiction = next(
        p
        for p, (k, n) in parts(content).items()
        if n.get("title") == "Jurisdiction" and k == "chapter"
    )
    article_22 = next(
        p for p, (k, n) in parts(content).items() if k == "article" and n["number"] == "22"
    )
    before = {p: (n["eid"], n["number"]) for p, (_k, n) in parts(content).items()}
    node = drafting.insert_article(
        content, chapter=jurisdiction, after=article_22, title="Nationals abroad", text="Text."
    )
    assert (node["number"], node["eid"]) == ("22 bis", "art_22bis")
    after = {p: (n["eid"], n["number"]) for p, (_k, n) in parts(content).items() if p}
    assert after == before
