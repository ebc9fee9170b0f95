"""What people type is shown as text: no page lets markup through, so a script or a
javascript: link written into a proposal, a statement or an objection never reaches a page."""

from tests.test_permission_matrix import AREAS

HOSTILE = (
    '<script>alert("x")</script> <a href="javascript:alert(1)">read</a> '
    "<img src=x onerror=alert(1)>"
)


def test_hostile_markup_in_what_people_write_never_reaches_a_page(client, world):
    for area in AREAS:
        if hasattr(area, "prepare"):
            area.prepare(world)
    client.force_login(world.delegate)
    n = "/n/test-ahc"
    item = f"{n}/sessions/{world.part_session.pk}/items/{world.part_item.pk}"
    paragraph = world.p1.pk
    writes = [
        (f"{n}/draft/p/{paragraph}/propose/", {"kind": "replace", "text": HOSTILE}),
        (f"{item}/contribute/", {"text": HOSTILE}),
        (f"{n}/objections/", {"subject": f"provision_{paragraph}", "reason": HOSTILE}),
    ]
    for url, data in writes:
        assert client.post(url, data).status_code == 302, url

    pages = [
        f"{n}/draft/p/{paragraph}/",
        f"{n}/draft/",
        f"{item}/speakers/",
        f"{n}/consensus/",
    ]
    escaped = 0
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert "<script>alert" not in html, url
        assert 'href="javascript:' not in html.lower(), url
        assert "<img src=x" not in html, url
        escaped += html.count("&lt;script&gt;alert")
    assert escaped >= 3  # each text is there, as text
