"""The public newsroom as a reader gets it, without a browser: the release page in the story's
language (chrome, dateline, tags, notices, share, meta), each story once on the lists, a page
per publisher, search, and the catalogs behind the chrome."""

from __future__ import annotations

import asyncio
import json
import re
from dataclasses import replace
from pathlib import Path

import feedparser
import pytest
from babel.dates import format_date
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po
from fastapi.testclient import TestClient

from polywire.compose.texts import TARGET_LANGUAGES
from polywire.domain import RenditionState
from polywire.publish.editorial.operations import withdraw_story
from polywire.services import StoryService
from polywire.store import stories as store
from polywire.web.pages.chrome import LOCALE_DIR
from polywire.wire import Wire

STORY = (
    "Acme opens a bicycle plant in Leeds\n\n"
    "LEEDS (Acme) - Acme Ltd opened a bicycle plant in Leeds on Monday that will employ 300 "
    "people and build 20,000 bicycles a year.\n\nThe plant cost 12 million pounds, the company "
    "said in a statement on Monday."
)
#: Hand-written or machine translations: (engine, headline, body)
TRANSLATIONS = {
    "es": (
        "apertium",
        "Acme abre una fábrica de bicicletas en Leeds",
        ["Acme Ltd abrió el lunes una fábrica de bicicletas en Leeds que empleará a 300 personas."],
    ),
    "ar": (
        "human",
        "أكمي تفتتح مصنعا للدراجات في ليدز",
        ["افتتحت شركة أكمي المحدودة يوم الاثنين مصنعا للدراجات في ليدز سيوظف 300 شخص."],
    ),
    "ja": (
        "human",
        "アクメ、リーズに自転車工場を開設",
        ["アクメ社は月曜日、300人を雇用する自転車工場をリーズに開設した。"],
    ),
    "vi": (
        "human",
        "Acme mở nhà máy xe đạp tại Leeds",
        ["Acme Ltd đã mở một nhà máy xe đạp tại Leeds vào thứ Hai, sẽ tuyển dụng 300 người."],
    ),
}
#: What the chrome says in each tested language: "Sign in", "Also in", the sector.
CHROME = {
    "es": ("Iniciar sesión", "También en", "Industria"),
    "ar": ("تسجيل الدخول", "متوفر أيضًا باللغات", "الصناعة"),
    "ja": ("サインイン", "他の言語", "製造業"),
    "vi": ("Đăng nhập", "Cũng có bằng", "Sản xuất"),
}


def released_in_five(wire: Wire, publisher: str = "acme") -> str:
    """An English story released through the pipeline, then released in es, ar, ja and vi."""
    story_id = (
        StoryService(wire)
        .submit(
            None,
            STORY.encode(),
            source="story.txt",
            publisher=publisher,
            sectors=["Manufacturing"],
            languages=[],
        )
        .story_id
    )
    asyncio.run(wire.worker().run_until_idle())
    with wire.database.write() as conn:
        source = store.get_rendition(conn, story_id, 1, "en")
        for language, (engine, headline, body) in TRANSLATIONS.items():
            store.save_rendition(
                conn,
                replace(
                    source,
                    language=language,
                    headline=headline,
                    body=body,
                    is_source=False,
                    engine=engine,
                    state=RenditionState.RELEASED,
                ),
            )
    return story_id


@pytest.fixture
def story_id(wire: Wire) -> str:
    return released_in_five(wire)


@pytest.mark.parametrize("language", ["es", "ar", "ja", "vi"])
def test_the_release_page_speaks_the_stories_language(
    client: TestClient, wire: Wire, story_id: str, language: str
) -> None:
    page = client.get(f"/news/{language}/{story_id}")
    assert page.status_code == 200, page.text
    html = page.text
    sign_in, also_in, sector = CHROME[language]
    direction = "rtl" if language == "ar" else "ltr"
    assert f'<html lang="{language}" dir="{direction}">' in html
    assert f">{sign_in}</a>" in html
    assert f"<h2>{also_in}</h2>" in html
    assert f'href="/news/{language}?sector=Manufacturing">{sector}</a>' in html
    assert ">Sign in<" not in html and ">Also in<" not in html and ">Newsroom<" not in html
    released = StoryService(wire).story(None, story_id).story.created
    assert format_date(released, "long", locale=language) in html  # the localised date
    assert TRANSLATIONS[language][1] in html
    machine = 'class="release-notice machine"' in html
    assert machine == (TRANSLATIONS[language][0] == "apertium")


def test_the_release_page_has_what_a_wire_shows(
    client: TestClient, wire: Wire, story_id: str
) -> None:
    html = client.get(f"/news/es/{story_id}").text
    url = f"http://testserver/news/es/{story_id}"
    assert f'<link rel="canonical" href="{url}">' in html
    assert f'<meta property="og:url" content="{url}">' in html
    assert (
        '<meta property="og:title" content="Acme abre una fábrica de bicicletas en Leeds">' in html
    )
    assert '<meta property="og:locale" content="es">' in html
    assert '<meta property="og:locale:alternate" content="ja">' in html
    assert '<meta name="twitter:card" content="summary">' in html
    found = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert found
    article = json.loads(found.group(1))
    assert article["@type"] == "NewsArticle"
    assert article["headline"] == "Acme abre una fábrica de bicicletas en Leeds"
    assert article["inLanguage"] == "es"
    assert article["author"] == {"@type": "Organization", "name": "acme"}
    assert article["translationOfWork"] == {"@id": f"http://testserver/news/en/{story_id}"}
    assert article["articleSection"] == ["Industria"]
    # the publisher, the localised dateline opening the body, the machine-translation notice
    assert '<a href="/publishers/acme?lang=es">acme</a>' in html
    assert re.search(
        r'<strong class="dateline">LEEDS, \d+ \w+ \(Polywire\) –</strong> Acme Ltd abrió', html
    )
    assert "Este texto es una traducción automática del original en inglés." in html
    assert f'<a href="/news/en/{story_id}" hreflang="en">Leer el original</a>' in html
    # share and print, and the feeds, visibly
    assert "https://www.linkedin.com/sharing/share-offsite/?url=http%3A%2F%2Ftestserver" in html
    assert 'href="mailto:?subject=Acme%20abre' in html
    assert '<button type="button" class="link print" hidden>Imprimir</button>' in html
    assert '<link rel="stylesheet" href="/static/print.css" media="print">' in html
    assert '<a href="/feeds/es/manufacturing.atom" type="application/atom+xml">' in html
    assert '<a href="/feeds/es/publishers/acme.rss" type="application/rss+xml">' in html
    assert client.get("/static/print.css").status_code == 200
    # topics and regions named in Spanish
    assert '<a href="/news/es?topic=medtop%3A20000509">Empleo</a>' in html
    assert '<a href="/news/es?region=GB">Reino Unido</a>' in html
    # the sector tag leads to the filtered list
    listed = client.get("/news/es?sector=Manufacturing")
    assert f'href="/news/es/{story_id}"' in listed.text
    assert f'href="/news/es/{story_id}"' not in client.get("/news/es?sector=Energy").text
    by_topic = client.get("/news/es", params={"topic": "medtop:20000509"}).text
    assert f'href="/news/es/{story_id}"' in by_topic and " · Empleo</h1>" in by_topic
    by_region = client.get("/news/es", params={"region": "gb"}).text
    assert f'href="/news/es/{story_id}"' in by_region and " · Reino Unido</h1>" in by_region
    assert f'href="/news/es/{story_id}"' not in client.get("/news/es?region=FR").text


def test_a_headline_cannot_end_the_json_ld(client: TestClient, wire: Wire, story_id: str) -> None:
    with wire.database.write() as conn:
        rendition = store.get_rendition(conn, story_id, 1, "vi")
        rendition.headline = "Acme </script><script>alert(1)</script>"
        store.save_rendition(conn, rendition)
    html = client.get(f"/news/vi/{story_id}").text
    assert "<script>alert(1)" not in html
    found = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert found and json.loads(found.group(1))["headline"] == rendition.headline


def test_a_correction_and_a_withdrawal_are_shown(client: TestClient, wire: Wire) -> None:
    story_id = (
        StoryService(wire)
        .submit(None, STORY.encode(), source="story.txt", publisher="acme", languages=[])
        .story_id
    )
    asyncio.run(wire.worker().run_until_idle())
    StoryService(wire).submit(
        None,
        STORY.replace("300 people", "350 people").encode(),
        source="story.txt",
        publisher="acme",
        update_of=story_id,
        correction_reason="Corrects the number of jobs",
        languages=[],
    )
    asyncio.run(wire.worker().run_until_idle())
    corrected = client.get(f"/news/en/{story_id}")
    assert corrected.status_code == 200
    assert 'class="release-notice correction"' in corrected.text
    assert "Corrects the number of jobs" in corrected.text
    assert "350 people" in corrected.text and ">Updated<" not in corrected.text
    withdraw_story(wire, story_id, "Sent in error")
    asyncio.run(wire.worker().run_until_idle())
    withdrawn = client.get(f"/news/en/{story_id}")
    assert withdrawn.status_code == 410
    assert 'class="release-notice withdrawn"' in withdrawn.text
    assert "350 people" not in withdrawn.text
    assert story_id not in client.get("/").text


def test_the_lists_show_each_story_once(client: TestClient, wire: Wire, story_id: str) -> None:
    other = released_in_five(wire, publisher="globex")
    home = client.get("/").text
    assert home.count(f'data-story="{story_id}"') == 1
    # in its original words, with its lede, publisher and the other languages
    assert f'<a href="/news/en/{story_id}" lang="en"' in home
    assert "Acme Ltd opened a bicycle plant in Leeds" in home
    assert '<a href="/publishers/acme">acme</a>' in home
    assert f'<a href="/news/ja/{story_id}" lang="ja" hreflang="ja">日本語</a>' in home
    japanese = client.get("/news/ja").text
    assert f'<a href="/news/ja/{story_id}" lang="ja"' in japanese
    assert '<html lang="ja" dir="ltr">' in japanese and "最新ニュース" not in japanese
    assert '<link rel="alternate" type="application/rss+xml" href="/feeds/ja/all.rss"' in japanese
    # a page per publisher
    acme = client.get("/publishers/acme")
    assert acme.status_code == 200
    assert story_id in acme.text and other not in acme.text
    assert "News from acme" in acme.text
    assert '<a href="/feeds/en/publishers/acme.atom" type="application/atom+xml">' in acme.text
    theirs = feedparser.parse(client.get("/feeds/en/publishers/acme.atom").content)
    assert [e.link.rsplit("/", 1)[1] for e in theirs.entries] == [story_id]
    assert theirs.feed.title == "Polywire · English · acme"
    assert len(feedparser.parse(client.get("/feeds/en/all.rss").content).entries) == 2
    # search, in the page's language
    found = client.get("/search", params={"q": "自転車工場", "lang": "ja"})
    assert found.status_code == 200
    assert f'href="/news/ja/{story_id}"' in found.text and "サインイン" in found.text
    assert story_id in client.get("/search", params={"q": "bicycle LEEDS"}).text
    nothing = client.get("/search", params={"q": "zeppelin"})
    assert "No released story matches “zeppelin”." in nothing.text
    assert client.get("/search", params={"q": "x", "lang": "not a tag"}).status_code == 404


def test_a_feed_item_links_to_its_release_page(
    client: TestClient, wire: Wire, story_id: str
) -> None:
    feed = feedparser.parse(client.get("/feeds/en/all.atom").content)
    [entry] = feed.entries
    assert entry.link == f"{wire.settings.deliver.public_url.rstrip('/')}/news/en/{story_id}"
    path = entry.link.split("://", 1)[1].split("/", 1)[1]
    assert "Acme opens a bicycle plant in Leeds" in client.get(f"/{path}").text


def test_every_language_has_every_word_of_the_chrome() -> None:
    templates = Path(__file__).parents[2] / "src/polywire/web/templates"
    wanted = {
        message
        for _, _, message, *_ in extract_from_dir(
            templates,
            method_map=[("public_*.html", "jinja2"), ("base.html", "jinja2")],
            options_map={"**.html": {"extensions": "jinja2.ext.i18n"}},
        )
    }
    assert "Also in" in wanted and "Sign in" in wanted
    for language in TARGET_LANGUAGES:
        with (LOCALE_DIR / language / "LC_MESSAGES" / "messages.po").open("rb") as po:
            catalog = read_po(po)
        missing = {str(m) for m in wanted if not catalog.get(m) or not catalog.get(m).string}
        assert not missing, (language, missing)
        for message in catalog:
            if message.id:
                placeholders = set(re.findall(r"%\(\w+\)s", str(message.id)))
                assert placeholders == set(re.findall(r"%\(\w+\)s", str(message.string)))


def test_a_publisher_is_shown_with_its_name_and_logo(tmp_path: Path) -> None:
    import base64

    from polywire.config import load_settings
    from polywire.web.app import create_app

    logo = tmp_path / "acme.png"
    logo.write_bytes(
        base64.b64decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
        )
    )
    settings = load_settings(
        data_dir=tmp_path / "data",
        languages=[],
        publishers={"acme": {"name": "Acme Bicycles Ltd", "logo": str(logo)}},
    )
    wire = Wire(settings)
    try:
        story_id = released_in_five(wire)
        with TestClient(create_app(wire)) as client:
            page = client.get(f"/news/ja/{story_id}").text
            assert '<img class="logo" src="/publishers/acme/logo" alt="">' in page
            assert '<a href="/publishers/acme?lang=ja">Acme Bicycles Ltd</a>' in page
            assert '"author": {\n  "@type": "Organization",\n  "name": "Acme Bicycles Ltd"' in page
            image = client.get("/publishers/acme/logo")
            assert image.status_code == 200 and image.headers["content-type"] == "image/png"
            assert image.content == logo.read_bytes()
            assert client.get("/publishers/globex/logo").status_code == 404
            assert "News from Acme Bicycles Ltd" in client.get("/publishers/acme").text
    finally:
        wire.close()
    with pytest.raises(ValueError, match=r"acme.svg.*a logo is an image file ending in"):
        load_settings(publishers={"acme": {"name": "Acme", "logo": "acme.svg"}})
