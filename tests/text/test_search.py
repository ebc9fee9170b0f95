"""Search as readers use it: the current text by default, any version or all, one chapter,
one kind of record; matches highlighted and escaped, best first, named as readers cite them;
the reader's language where the record is written in it; nothing anybody may not see."""

import datetime

import lxml.html
import pytest
from django.db import connection

from plenary.participation.services.interventions import submit_written_contribution
from plenary.process.models import RecordDocument
from plenary.process.services.translations import translate
from plenary.text.services.working import propose
from tests import factories as f
from tests.advocacy.factories import make_coalition, make_statement
from tests.participation.factories import make_agenda_item

API = "/api/negotiations/test-ahc/search"
PAGE = "/n/test-ahc/search/"

ZERO = [
    "Chapter I. General provisions",
    "Article 1. Purposes",
    "1. To prevent and combat cybercrime.",
    "2. To cooperate internationally.",
    "Chapter II. Criminalization",
    "Article 7. Illegal access",
    "1. Each State Party shall establish access without right as an offence.",
    "2. A State Party may require dishonest intent.",
    "Article 8. Illegal interception",
    "1. Each State Party shall establish interception without right as an offence.",
]
REV1 = [
    *ZERO[:6],
    "1. Each State Party shall establish intentional access as an offence.",
    *ZERO[7:],
]


def version(world, lines, label, day, *, published=True):
    return f.make_version(
        world, lines, label=label, published=published, date=datetime.date(2023, 6, day)
    )


@pytest.fixture
def texts(world):
    """A published zero draft, a published first revision, and an informal draft after them."""
    zero = version(world, ZERO, "Zero draft", 1)
    rev1 = version(world, REV1, "Rev.1", 2)
    informal = version(
        world,
        [*ZERO[:6], "1. Secret access wording as an offence.", *ZERO[7:]],
        "Informal",
        3,
        published=False,
    )
    return zero, rev1, informal


def found(body, kind="paragraphs"):
    return [(hit["version_label"], hit["label"]) for hit in body[kind]]


def chapter(world, eid):
    return f.provision_at(world.negotiation, eid).pk


# --- filters -----------------------------------------------------------------------------------


def test_it_searches_the_current_text_by_default_and_links_each_paragraph_to_its_page(
    client, world, texts
):
    _zero, rev1, _informal = texts
    body = client.get(API, {"q": "offence"}).json()
    assert sorted(found(body)) == [
        ("Rev.1", "Art. 7(1) — Illegal access"),
        ("Rev.1", "Art. 8(1) — Illegal interception"),
    ]
    assert body["version"] == rev1.pk and body["all_versions"] is False
    urls = {hit["label"]: hit["url"] for hit in body["paragraphs"]}
    assert urls["Art. 7(1) — Illegal access"] == f"/n/test-ahc/versions/{rev1.pk}/p/art_7__para_1/"
    assert client.get(urls["Art. 7(1) — Illegal access"]).status_code == 200


def test_it_searches_one_version_or_all_that_the_reader_may_see(client, world, texts):
    zero, _rev1, _informal = texts
    one = client.get(API, {"q": "without right", "version": zero.pk}).json()
    assert sorted(found(one)) == [
        ("Zero draft", "Art. 7(1) — Illegal access"),
        ("Zero draft", "Art. 8(1) — Illegal interception"),
    ]
    everywhere = client.get(API, {"q": "access", "version": "all"}).json()
    assert everywhere["all_versions"] is True and everywhere["version"] is None
    assert sorted(v for v, label in found(everywhere) if label.startswith("Art. 7(1)")) == [
        "Rev.1",
        "Zero draft",
    ]
    # The informal draft is for the table.
    client.force_login(world.delegate)
    at_the_table = client.get(API, {"q": "secret", "version": "all"}).json()
    assert found(at_the_table) == [("Informal", "Art. 7(1) — Illegal access")]
    current = client.get(API, {"q": "offence", "version": "current"}).json()
    assert {v for v, _label in found(current)} == {"Informal"}


def test_a_chapter_narrows_the_text_and_the_records_on_it(client, world, texts):
    coalition = make_coalition(world)
    on_access = make_statement(world, coalition, eids=["art_7__para_1"], title="Access matters")
    make_statement(world, coalition, eids=["art_1__para_2"], title="Cooperation matters")
    criminalization = chapter(world, "chp_2")
    body = client.get(API, {"q": "each party matters", "chapter": criminalization}).json()
    assert body["paragraphs"] == [] and body["statements"] == []
    body = client.get(API, {"q": "matters", "chapter": criminalization}).json()
    assert [s["id"] for s in body["statements"]] == [on_access.pk]
    assert body["statements"][0]["provisions"] == ["Art. 7(1)"]
    body = client.get(API, {"q": "State Party", "chapter": chapter(world, "chp_1")}).json()
    assert body["paragraphs"] == []
    body = client.get(API, {"q": "cooperate", "chapter": chapter(world, "chp_1")}).json()
    assert found(body) == [("Rev.1", "Art. 1(2) — Purposes")]


def test_a_kind_of_record_leaves_the_others_out(client, world, texts):
    coalition = make_coalition(world)
    make_statement(world, coalition, eids=["art_7__para_1"], title="Offence and access")
    both = client.get(API, {"q": "access"}).json()
    assert both["paragraphs"] and both["statements"]
    text_only = client.get(API, {"q": "access", "kind": "text"}).json()
    assert text_only["paragraphs"] and text_only["statements"] == []
    assert text_only["kinds"] == ["text"]
    statements_only = client.get(API, {"q": "access", "kind": "statements"}).json()
    assert statements_only["paragraphs"] == [] and statements_only["statements"]


def test_documents_and_interventions_are_found_and_linked(client, world, texts):
    document = RecordDocument.objects.create(
        negotiation=world.negotiation,
        kind="submission",
        title="Submission on jurisdiction",
        authors="Brazil",
        text="Brazil proposes extraterritorial jurisdiction.",
        date=datetime.date(2022, 4, 8),
        illustrative=True,
    )
    item = make_agenda_item(world.open_session, eids=["art_7__para_1"])
    contribution = submit_written_contribution(
        item,
        by=world.actors.delegate,
        delegation=world.brazil,
        text="Brazil supports narrow extraterritorial wording.",
        title="On jurisdiction",
    )
    body = client.get(API, {"q": "extraterritorial"}).json()
    assert [d["id"] for d in body["documents"]] == [document.pk]
    assert body["documents"][0]["url"] == f"/n/test-ahc/documents/#document-{document.pk}"
    assert [i["id"] for i in body["interventions"]] == [contribution.pk]
    assert body["interventions"][0]["url"].endswith(f"#intervention-{contribution.pk}")
    assert body["interventions"][0]["provisions"] == ["Art. 7(1)"]
    page = client.get(PAGE, {"q": "extraterritorial", "kind": "documents"}).content.decode()
    listed = lxml.html.fromstring(page).xpath("//section[@aria-labelledby='found-documents']")[0]
    assert "Submission on jurisdiction" in listed.text_content()
    assert listed.xpath(".//span[@class='illustrative']")  # example data says so
    # Documents are not tied to chapters: a chapter leaves them out, and the page says so.
    body = client.get(API, {"q": "extraterritorial", "chapter": chapter(world, "chp_2")}).json()
    assert body["documents"] == [] and [i["id"] for i in body["interventions"]] == [contribution.pk]
    page = client.get(PAGE, {"q": "extraterritorial", "chapter": chapter(world, "chp_2")})
    assert "Documents of the record are not tied to chapters" in page.content.decode()


# --- highlighting and ranking ---------------------------------------------------------------------


def test_matches_are_highlighted_and_nothing_from_the_record_becomes_html(client, world):
    version(
        world,
        ["Article 7. Illegal access", '1. Access <script>alert("x")</script> & <b>access</b>.'],
        "Zero draft",
        1,
    )
    hit = client.get(API, {"q": "access"}).json()["paragraphs"][0]
    assert "<script>" not in hit["highlighted"] and "<b>" not in hit["highlighted"]
    assert "&lt;script&gt;" in hit["highlighted"]
    assert "<mark>access</mark>" in hit["highlighted"].replace("Access", "access")
    page = client.get(PAGE, {"q": "access"}).content.decode()
    tree = lxml.html.fromstring(page)
    results = tree.xpath("//ol[@class='results']")[0]
    assert results.xpath(".//script") == [] and results.xpath(".//b") == []
    assert results.xpath(".//mark")
    assert 'alert("x")' in results.text_content()


def test_results_are_ranked_best_first(client, world):
    version(
        world,
        [
            "Article 1. Purposes",
            "1. Cooperation on evidence.",
            "2. Evidence, evidence and more electronic evidence.",
            "3. Nothing to see here.",
        ],
        "Zero draft",
        1,
    )
    hits = client.get(API, {"q": "evidence"}).json()["paragraphs"]
    assert [h["label"] for h in hits] == ["Art. 1(2) — Purposes", "Art. 1(1) — Purposes"]
    assert hits[0]["rank"] > hits[1]["rank"]


# --- visibility -----------------------------------------------------------------------------------


def test_informal_drafts_cannot_be_chosen_by_the_public(client, world, texts):
    _zero, _rev1, informal = texts
    response = client.get(API, {"q": "secret", "version": informal.pk})
    assert response.status_code == 400
    assert response.json()["detail"] == "There is no such version."
    assert client.get(API, {"q": "secret", "version": "all"}).json()["paragraphs"] == []
    page = client.get(PAGE, {"q": "secret"}).content.decode()
    assert "Informal" not in page


def test_closed_sessions_interventions_and_documents_stay_with_the_table(client, world, texts):
    item = make_agenda_item(world.closed_session, eids=["art_7__para_1"])
    submit_written_contribution(
        item, by=world.actors.delegate, delegation=world.brazil, text="A confidential compromise."
    )
    RecordDocument.objects.create(
        negotiation=world.negotiation,
        kind="report",
        title="Confidential compromise notes",
        authors="The Chair",
        session=world.closed_session,
        illustrative=True,
    )
    for who in (None, world.stakeholder):
        if who:
            client.force_login(who)
        body = client.get(API, {"q": "confidential compromise"}).json()
        assert body["interventions"] == [] and body["documents"] == []
    client.force_login(world.other_delegate)
    body = client.get(API, {"q": "confidential compromise"}).json()
    assert len(body["interventions"]) == 1 and len(body["documents"]) == 1


def test_a_private_coalitions_drafts_are_for_its_members(client, world, texts):
    coalition = make_coalition(world, private=True)
    make_statement(world, coalition, eids=["art_7__para_1"], title="Our confidential line")
    assert client.get(API, {"q": "confidential"}).json()["statements"] == []
    client.force_login(world.delegate)
    assert client.get(API, {"q": "confidential"}).json()["statements"] == []
    client.force_login(world.stakeholder)
    body = client.get(API, {"q": "confidential"}).json()
    assert [s["title"] for s in body["statements"]] == ["Our confidential line"]


def test_open_proposals_are_found_at_the_table_only(client, world, texts):
    propose(
        world.negotiation,
        by=world.actors.delegate,
        delegation=world.brazil,
        provision=f.provision_at(world.negotiation, "art_7__para_1"),
        kind="replace",
        text="Unauthorized access to data.",
    )
    assert client.get(API, {"q": "unauthorized"}).json()["proposals"] == []
    refused = client.get(API, {"q": "unauthorized", "kind": "proposals"})
    assert refused.status_code == 400
    client.force_login(world.other_delegate)
    body = client.get(API, {"q": "unauthorized", "kind": "proposals"}).json()
    assert [(p["text"], p["label"], p["delegation"]) for p in body["proposals"]] == [
        ("Unauthorized access to data.", "Art. 7(1) — Illegal access", "Brazil")
    ]
    assert "<mark>" in body["proposals"][0]["highlighted"]


# --- the API's parameters and the page's form --------------------------------------------------


def test_bad_parameters_are_refused_with_a_sentence(client, world, texts):
    for params, sentence in [
        ({"kind": "minutes"}, "Choose what to search"),
        ({"chapter": "999999"}, "The version searched has no such chapter."),
        ({"chapter": "seven"}, "The version searched has no such chapter."),
        ({"version": "999999"}, "There is no such version."),
        ({"q": "x" * 201}, "200"),
    ]:
        response = client.get(API, {"q": "access"} | params)
        assert response.status_code == 400, params
        assert sentence in response.json()["detail"], params


def test_an_empty_query_finds_nothing(client, world):
    body = client.get(API, {"q": ""}).json()
    assert (body["paragraphs"], body["proposals"], body["statements"]) == ([], [], [])
    assert (body["interventions"], body["documents"]) == ([], [])


def test_the_page_offers_the_filters_and_keeps_what_was_chosen(client, world, texts):
    _zero, rev1, _informal = texts
    criminalization = chapter(world, "chp_2")
    page = client.get(
        PAGE, {"q": "offence", "version": rev1.pk, "chapter": criminalization, "kind": "text"}
    )
    tree = lxml.html.fromstring(page.content.decode())
    form = tree.xpath("//form[@role='search' and @method='get' and @id='form-search']")[0]
    assert form.xpath(".//input[@name='q']/@value") == ["offence"]
    assert form.xpath(".//select[@name='version']/option[@selected]/@value") == [str(rev1.pk)]
    chapters = form.xpath(".//select[@name='chapter']/option/text()")
    assert chapters == [
        "All chapters",
        "Chapter I — General provisions",
        "Chapter II — Criminalization",
    ]
    assert form.xpath(".//select[@name='kind']/option[@selected]/@value") == ["text"]
    kinds = form.xpath(".//select[@name='kind']/option/@value")
    assert "proposals" not in kinds  # the public has no proposals to search
    links = tree.xpath("//ol[@class='results']//a/@href")
    assert f"/n/test-ahc/versions/{rev1.pk}/p/art_7__para_1/" in links
    assert tree.xpath("//p[@id='searched-language']/text()")[0].startswith("Searched in English")
    bad = client.get(PAGE, {"q": "offence", "kind": "minutes"})
    assert bad.status_code == 400
    assert "Choose what to search" in bad.content.decode()


# --- language -------------------------------------------------------------------------------------


def test_statement_titles_are_searched_in_the_readers_language(client, world, texts):
    coalition = make_coalition(world)
    statement = make_statement(
        world, coalition, eids=["art_7__para_1"], title="Protect researchers"
    )
    translate(statement, "title", "fr", "Protéger les chercheurs", by=world.actors.stakeholder)
    english = client.get(API, {"q": "chercheurs"}).json()
    assert english["statements"] == [] and english["languages"] == ["en"]
    french = client.get(API, {"q": "chercheurs"}, HTTP_ACCEPT_LANGUAGE="fr").json()
    assert french["language"] == "fr" and french["languages"] == ["en", "fr"]
    assert [(s["id"], s["title"]) for s in french["statements"]] == [
        (statement.pk, "Protéger les chercheurs")
    ]
    assert "<mark>" in french["statements"][0]["title_highlighted"]
    # The text is in English, and searched in English whatever the reader's language.
    assert french["paragraphs"] == []
    assert client.get(API, {"q": "offence"}, HTTP_ACCEPT_LANGUAGE="fr").json()["paragraphs"]
    page = client.get(PAGE, {"q": "chercheurs"}, HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    tree = lxml.html.fromstring(page)
    said = tree.xpath("//p[@id='searched-language']")[0].text_content()
    assert said.startswith("Recherche en français")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's dictionaries")
def test_on_postgresql_each_language_matches_its_word_forms(client, world, texts):
    coalition = make_coalition(world)
    statement = make_statement(
        world, coalition, eids=["art_7__para_1"], title="Protect researchers"
    )
    translate(statement, "title", "fr", "Protéger les chercheurs", by=world.actors.stakeholder)
    # English stems the text: "offences" finds "offence", "accessing" finds "access".
    assert len(client.get(API, {"q": "offences"}).json()["paragraphs"]) == 2
    assert client.get(API, {"q": "accessing"}).json()["paragraphs"]
    # French stems the French titles: "chercheur" finds "chercheurs".
    french = client.get(API, {"q": "chercheur"}, HTTP_ACCEPT_LANGUAGE="fr").json()
    assert [s["id"] for s in french["statements"]] == [statement.pk]
    assert french["full_text"] is True
    assert "<mark>chercheurs</mark>" in french["statements"][0]["title_highlighted"]


@pytest.mark.skipif(connection.vendor == "postgresql", reason="SQLite's word matching")
def test_on_sqlite_words_are_matched_as_typed_and_the_page_says_so(client, world, texts):
    assert client.get(API, {"q": "offences"}).json()["paragraphs"] == []
    page = client.get(PAGE, {"q": "offence"}).content.decode()
    assert "Words are matched as typed." in page
