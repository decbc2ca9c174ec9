"""Targeting: the index picks exactly the subscribers whose filters match a rendition."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from polywire.domain import Place, Rendition, RenditionState, Subject, Version
from polywire.publish.release.targeting import targets
from polywire.publish.subscribers import parse_spec
from polywire.store import subscribers as store
from polywire.wire import Wire


def add(wire: Wire, name: str, **wants: Any) -> str:
    spec = parse_spec(
        {"name": name, "destinations": [{"channel": "feed"}], "languages": ["en"], **wants}
    )
    with wire.database.write() as conn:
        subscriber, _ = store.add_subscriber(conn, spec)
    return subscriber.id


def story(language: str = "en", **fields: Any) -> tuple[Version, Rendition]:
    version = Version(
        story_id="s1",
        version=1,
        versioncreated=datetime(2026, 11, 25, tzinfo=UTC),
        language=language,
        headline="Acme opens a solar plant",
        body=["Acme Ltd opened a solar power plant in Leeds on Monday."],
        sectors=["Energy", "Manufacturing"],
        subjects=[Subject("medtop:20000249", "solar energy")],
        places=[Place("GB", "United Kingdom")],
        **fields,
    )
    rendition = Rendition(
        "s1", 1, language, RenditionState.RELEASED, version.headline, version.body
    )
    return version, rendition


def test_each_facet_narrows_and_empty_means_any(wire: Wire) -> None:
    everyone = add(wire, "everything in English")
    energy = add(wire, "energy desk", sectors=["energy"])
    finance = add(wire, "finance desk", sectors=["Finance"])
    topic = add(wire, "solar topic", topics=["20000249"])
    economy = add(wire, "economy, business and finance", topics=["medtop:04000000"])
    other_topic = add(wire, "sport topic", topics=["medtop:15000000"])
    uk = add(wire, "UK", regions=["gb"])
    france = add(wire, "France", regions=["FR"])
    solar_power = add(wire, "keyword", keywords=["Solar Power"])
    wind = add(wire, "keyword miss", keywords=["wind farm"])
    both = add(wire, "energy in the UK", sectors=["Energy"], regions=["GB"])
    german = add(wire, "German", languages=["de"])
    add(wire, "energy in France", sectors=["Energy"], regions=["FR"])

    version, rendition = story()
    with wire.database.read() as conn:
        found = {t.subscriber_id for t in targets(conn, version, rendition)}
    assert found == {everyone, energy, topic, economy, uk, solar_power, both}
    assert not found & {finance, other_topic, france, wind, german}


def test_a_language_reaches_readers_of_its_macrolanguage(wire: Wire) -> None:
    chinese = add(wire, "any Chinese", languages=["zh"])
    simplified = add(wire, "simplified", languages=["zh-Hans"])
    traditional = add(wire, "traditional", languages=["zh-Hant"])
    version, rendition = story("zh-Hans")
    with wire.database.read() as conn:
        found = {t.subscriber_id for t in targets(conn, version, rendition)}
    assert found == {chinese, simplified}
    assert traditional not in found


def test_removed_subscribers_and_other_channels_are_left_out(wire: Wire) -> None:
    kept = add(wire, "kept")
    gone = add(wire, "gone")
    with wire.database.write() as conn:
        store.remove_subscriber(conn, gone)
    version, rendition = story()
    with wire.database.read() as conn:
        assert {t.subscriber_id for t in targets(conn, version, rendition)} == {kept}
        assert targets(conn, version, rendition, channels=["webhook"]) == []


def test_keywords_match_in_scripts_written_without_spaces(wire: Wire) -> None:
    solar = add(wire, "solar", languages=["zh-Hans"], keywords=["太阳能"])
    wind = add(wire, "wind", languages=["zh-Hans"], keywords=["风电"])
    thai = add(wire, "thai solar", languages=["th"], keywords=["พลังงานแสงอาทิตย์"])
    version, _ = story("zh-Hans")
    chinese = Rendition("s1", 1, "zh-Hans", RenditionState.RELEASED, "Acme开设太阳能发电厂",
                        ["Acme公司周一在利兹开设了一座太阳能发电厂。"])  # fmt: skip
    thai_text = Rendition("s1", 1, "th", RenditionState.RELEASED, "Acme เปิดโรงไฟฟ้า",
                          ["บริษัทเปิดโรงไฟฟ้าพลังงานแสงอาทิตย์ในลีดส์"])  # fmt: skip
    with wire.database.read() as conn:
        assert {t.subscriber_id for t in targets(conn, version, chinese)} == {solar}
        assert {t.subscriber_id for t in targets(conn, version, thai_text)} == {thai}
    assert wind not in {solar, thai}
