"""On the desk the publisher's About paragraphs, media contacts and pictures are shown as read
from the input, can be changed, and are stored with the story as the editor left them."""

from __future__ import annotations

from fastapi.testclient import TestClient
from newsroom.conftest import client, settings, sign_in, wire  # noqa: F401  (fixtures)
from newsroom.test_pages import csrf_of

from polywire.domain import About, Contact, Picture
from polywire.services import StoryService
from polywire.wire import Wire

RELEASE = (
    "Acme opens a plant in Leeds\n\nLEEDS (BrandWire) - Acme Ltd opened a bicycle plant in Leeds "
    "on Monday that will employ 300 people and build 20,000 bicycles a year.\n\nThe plant cost "
    "12 million pounds, the company said in a statement on Monday.\n\n"
    "About Acme Ltd\nAcme Ltd makes bicycles in Leeds and Lyon.\n\n"
    "Media contact:\nJane Doe, Head of Communications\nTel: +44 113 496 0000\n"
    "jane.doe@acme.example"
)
FORM = {
    "language": "en",
    "headline": "Acme opens a bicycle plant in Leeds",
    "located": "LEEDS",
    "body": "Acme Ltd opened a bicycle plant in Leeds on Monday that will employ 300 people.",
}


def test_the_desk_shows_edits_and_stores_the_publishers_boilerplate(
    client: TestClient,  # noqa: F811
    wire: Wire,  # noqa: F811
) -> None:
    sign_in(client, "acme")
    csrf = csrf_of(client.get("/desk/submit").text)
    preview = client.post(
        "/desk/submit/preview", data={"csrf": csrf, "content": RELEASE}, files={"file": ("", b"")}
    )
    assert preview.status_code == 200, preview.text
    assert "Acme Ltd\nAcme Ltd makes bicycles in Leeds and Lyon.</textarea>" in preview.text
    assert (
        "Jane Doe, Head of Communications, +44 113 496 0000, jane.doe@acme.example</textarea>"
        in preview.text
    )

    sent = client.post(
        "/desk/submit",
        data={
            **FORM,
            "csrf": csrf,
            "about": "Acme Ltd\nAcme Ltd makes bicycles and e-bikes in Leeds and Lyon.",
            "contacts": "Jane Doe, Head of Communications, +44 113 496 0000, jane.doe@acme.example"
            "\nJohn Roe, Press officer, press@acme.example",
            "pictures": "https://acme.example/plant.jpg | The new plant. | Photo: Acme | "
            "A factory hall",
        },
        follow_redirects=False,
    )
    assert sent.status_code == 303, sent.text
    version = StoryService(wire).story(None, sent.headers["location"].rsplit("/", 1)[1]).versions[0]
    assert version.about == [
        About("Acme Ltd", "Acme Ltd makes bicycles and e-bikes in Leeds and Lyon.")
    ]
    assert version.contacts == [
        Contact(
            "Jane Doe",
            "Head of Communications",
            ("+44 113 496 0000",),
            ("jane.doe@acme.example",),
        ),
        Contact("John Roe", "Press officer", emails=("press@acme.example",)),
    ]
    assert version.pictures == [
        Picture("https://acme.example/plant.jpg", "The new plant.", "Photo: Acme", "A factory hall")
    ]


def test_a_picture_that_is_no_web_address_is_refused_by_name(
    client: TestClient,  # noqa: F811
    wire: Wire,  # noqa: F811
) -> None:
    sign_in(client, "acme")
    csrf = csrf_of(client.get("/desk/submit").text)
    refused = client.post(
        "/desk/submit",
        data={**FORM, "csrf": csrf, "pictures": "javascript:alert(1) | caption"},
    )
    assert refused.status_code == 422
    assert "pictures: &#39;javascript:alert(1)&#39;: not an http or https address" in refused.text
    assert StoryService(wire).stories(None) == []  # nothing was stored


def test_the_dateline_date_survives_the_desk(
    client: TestClient,  # noqa: F811
    wire: Wire,  # noqa: F811
) -> None:
    sign_in(client, "acme")
    csrf = csrf_of(client.get("/desk/submit").text)
    story = (
        "Sube el tráfico del puerto\n\nLISBOA, 3 dic (BrandWire) - La autoridad portuaria dijo el "
        "miércoles que el tráfico de contenedores subió una quinta parte en el año hasta noviembre."
    )
    preview = client.post(
        "/desk/submit/preview", data={"csrf": csrf, "content": story}, files={"file": ("", b"")}
    )
    body = preview.text.split('name="body"', 1)[1].split(">", 1)[1].split("</textarea>")[0]
    assert body.startswith("LISBOA, 3 dic (BrandWire) — La autoridad portuaria")
    sent = client.post(
        "/desk/submit",
        data={"csrf": csrf, "language": "es", "headline": "Sube el tráfico", "body": body},
        follow_redirects=False,
    )
    assert sent.status_code == 303, sent.text
    version = StoryService(wire).story(None, sent.headers["location"].rsplit("/", 1)[1]).versions[0]
    assert (version.located, version.dateline_date) == ("LISBOA", "--12-03")


def test_a_correction_on_the_story_page_keeps_and_edits_the_boilerplate(
    client: TestClient,  # noqa: F811
    wire: Wire,  # noqa: F811
) -> None:
    sign_in(client, "acme")
    csrf = csrf_of(client.get("/desk/submit").text)
    about = "Acme Ltd\nAcme Ltd makes bicycles in Leeds and Lyon."
    sent = client.post(
        "/desk/submit",
        data={**FORM, "csrf": csrf, "about": about, "contacts": "Jane Doe, jane@acme.example"},
        follow_redirects=False,
    )
    story_page = sent.headers["location"]
    page = client.get(story_page).text
    assert f'name="about" rows="4" dir="auto">{about}</textarea>' in page
    corrected = client.post(
        f"{story_page}/correct",
        data={
            "csrf": csrf_of(page),
            "headline": FORM["headline"],
            "body": FORM["body"],
            "reason": "The press officer's address",
            "about": about,
            "contacts": "Jane Doe, press@acme.example",
        },
        follow_redirects=False,
    )
    assert corrected.status_code == 303, corrected.text
    latest = StoryService(wire).story(None, story_page.rsplit("/", 1)[1]).versions[-1]
    assert latest.version == 2
    assert latest.about == [About("Acme Ltd", "Acme Ltd makes bicycles in Leeds and Lyon.")]
    assert latest.contacts == [Contact("Jane Doe", emails=("press@acme.example",))]


async def test_the_story_page_sets_the_translated_about_beside_its_source(
    client: TestClient,  # noqa: F811
    wire: Wire,  # noqa: F811
) -> None:
    sign_in(client, "acme")
    csrf = csrf_of(client.get("/desk/submit").text)
    sent = client.post(
        "/desk/submit",
        data={
            **FORM,
            "csrf": csrf,
            "languages": ["es"],
            "about": "Acme Ltd\nAcme Ltd makes bicycles in Leeds and Lyon.",
        },
        follow_redirects=False,
    )
    await wire.worker().run_until_idle()
    page = client.get(sent.headers["location"]).text
    story_id = sent.headers["location"].rsplit("/", 1)[1]
    spanish = next(
        r for r in StoryService(wire).story(None, story_id).renditions if r.language == "es"
    )
    (about,) = spanish.about
    assert about != "Acme Ltd makes bicycles in Leeds and Lyon."
    row = page.split('<th scope="row">2</th>', 1)[1].split("</tr>", 1)[0]
    assert "Acme Ltd makes bicycles in Leeds and Lyon." in row and about in row
