"""The release as a reader sees it, in one language: what every formatter starts from.

`compose` puts the brand's dateline on the first paragraph (as the language writes it: place and
date localised from CLDR, `polywire.compose.places`; the date the source's dateline printed, else
the filing date), names the sectors in the reader's language, and adds the publisher's
attribution, the brand's disclaimer, the publisher's About paragraphs and media contacts (the
brand's own "about" paragraph only when the publisher gave none), and — for a new version — the
correction note, or for a withdrawal (`pubstatus: canceled`) the withdrawal notice in place of the
story. About texts and picture captions are the rendition's translations; contacts are as printed.
Another wire's furniture kept at ingest (`Version.notices`) is never republished. A translation
says how it was made ("Machine translated by Apertium", `polywire.compose.provenance`). A
translation carried unchanged into a version that corrects another language carries no
correction note.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from polywire.compose.places import dateline_date, local_place
from polywire.compose.provenance import Provenance, provenance_of
from polywire.compose.texts import Texts, fill, texts_for
from polywire.config import Settings
from polywire.domain import (
    BadInput,
    Contact,
    Picture,
    Place,
    Pubstatus,
    Rendition,
    Story,
    Subject,
    Version,
)
from polywire.language_tags import base_language, direction

_NO_SPACE_AFTER_DATELINE = {"zh", "ja"}


@dataclass(frozen=True)
class Sector:
    name: str  # as the story was filed
    label: str  # in the reader's language


@dataclass(frozen=True)
class AboutParagraph:
    """The publisher's About paragraph in the reader's language: `heading` names whom it is
    about (`Über Acme AG`), `name` as printed, `text` translated."""

    heading: str
    name: str
    text: str


@dataclass(frozen=True)
class Composed:
    """One rendition of one version, composed for its readers."""

    story_id: str
    uri: str
    version: int
    language: str
    direction: str  # "ltr" or "rtl"
    headline: str
    dateline: str
    paragraphs: list[str]  # the first one opens with the dateline
    attribution: str
    disclaimer: str
    about_heading: str
    about: str
    sectors_label: str
    list_separator: str
    sectors: list[Sector]
    pubstatus: Pubstatus
    firstcreated: datetime
    versioncreated: datetime
    publisher: str
    brand: str
    brand_url: str
    correction: str | None = None
    withdrawn: bool = False
    embargoed: datetime | None = None
    urgency: int | None = None
    by: str | None = None
    located: str | None = None
    subjects: list[Subject] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    source_language: str = ""
    is_translation: bool = False
    #: How the translation was made, and that said in the reader's language.
    provenance: Provenance | None = None
    translated_by: str | None = None
    #: The correction in a few words, for a page: "Corrected: 550 jobs, not 500".
    corrected: str | None = None
    publisher_about: list[AboutParagraph] = field(default_factory=list)
    contacts_heading: str = ""
    contacts: list[Contact] = field(default_factory=list)
    pictures: list[Picture] = field(default_factory=list)
    #: The line under the headline, in the reader's language (as printed when the rendition
    #: has no translation of it); None when the version has none or was withdrawn.
    subheadline: str | None = None

    @property
    def notices(self) -> list[str]:
        """The paragraphs after the story: correction, how it was translated, attribution,
        disclaimer, the publisher's About paragraphs (else the brand's) and one line per media
        contact."""
        correction = [self.correction] if self.correction else []
        translated = [self.translated_by] if self.translated_by else []
        about = [f"{a.heading}: {a.text}" for a in self.publisher_about] or [
            f"{self.about_heading}: {self.about}"
        ]
        contacts = [f"{self.contacts_heading}: {contact_line(c)}" for c in self.contacts]
        return [*correction, *translated, self.attribution, self.disclaimer, *about, *contacts]

    @property
    def sector_line(self) -> str | None:
        if not self.sectors:
            return None
        labels = self.list_separator.join(s.label for s in self.sectors)
        return f"{self.sectors_label}: {labels}"


def contact_line(contact: Contact) -> str:
    """`Jane Doe, Head of Communications, +44 113 496 0000, jane@acme.example`."""
    parts = [contact.name, contact.role, *contact.phones, *contact.emails, *contact.sites]
    return ", ".join(part for part in parts if part)


def compose(
    version: Version, rendition: Rendition, settings: Settings, *, story: Story | None = None
) -> Composed:
    """Compose `rendition` of `version`. Without `story`, the uri and publisher are derived
    from the story id and `settings.default_publisher`."""
    brand = settings.brand
    texts = texts_for(rendition.language, brand, settings.publish.texts_dir)
    publisher = story.publisher if story is not None else settings.default_publisher
    place = local_place(version.located, rendition.language) if version.located else ""
    values = {"brand": brand.name, "publisher": publisher, "place": place}
    dateline = _dateline(texts, settings, values, version, rendition.language)
    withdrawn = version.pubstatus == Pubstatus.CANCELED
    body = [fill(texts.withdrawal, values)] if withdrawn else list(rendition.body)
    paragraphs = _open_with(dateline, body, rendition.language, brand.name)
    about = [] if withdrawn else _about(version, rendition, texts, values)
    pictures = [] if withdrawn else _pictures(version, rendition)
    correction = corrected = None
    if version.correction_reason and not withdrawn and rendition.carried_from is None:
        reason = {**values, "reason": version.correction_reason}
        correction, corrected = fill(texts.correction, reason), fill(texts.corrected, reason)
    provenance = provenance_of(rendition)
    return Composed(
        story_id=version.story_id,
        uri=story.uri if story is not None else f"urn:polywire:story:{version.story_id}",
        version=version.version,
        language=rendition.language,
        direction=_direction(rendition.language),
        headline=rendition.headline,
        dateline=dateline,
        paragraphs=paragraphs,
        attribution=fill(texts.attribution, values),
        disclaimer=fill(texts.disclaimer, values),
        about_heading=fill(texts.about_heading, values),
        about=fill(texts.about, values),
        sectors_label=texts.sectors_label,
        list_separator=texts.list_separator,
        sectors=[
            Sector(s, texts.sectors.get(" ".join(s.split()).casefold(), s)) for s in version.sectors
        ],
        pubstatus=version.pubstatus,
        firstcreated=story.created if story is not None else version.versioncreated,
        versioncreated=version.versioncreated,
        publisher=publisher,
        brand=brand.name,
        brand_url=brand.url,
        correction=correction,
        withdrawn=withdrawn,
        embargoed=version.embargoed,
        urgency=version.urgency,
        by=version.by,
        located=version.located,
        subjects=list(version.subjects),
        places=list(version.places),
        source_language=version.language,
        is_translation=not rendition.is_source,
        provenance=provenance,
        translated_by=_translated_by(texts, values, provenance),
        corrected=corrected,
        publisher_about=about,
        contacts_heading=texts.contacts_heading,
        contacts=[] if withdrawn else list(version.contacts),
        pictures=pictures,
        subheadline=None if withdrawn else (rendition.subheadline or version.subheadline),
    )


def _translated_by(
    texts: Texts, values: dict[str, str], provenance: Provenance | None
) -> str | None:
    """ "Machine translated by Apertium" in the reader's language; None for the source."""
    if provenance is None:
        return None
    template = {
        "machine": texts.machine_translated,
        "edited": texts.edited_translation,
        "human": texts.human_translation,
        "received": texts.received_translation,
    }[provenance.kind]
    engines = texts.list_separator.join(provenance.engines)
    return fill(template, {**values, "engine": engines})


def _about(
    version: Version, rendition: Rendition, texts: Texts, values: dict[str, str]
) -> list[AboutParagraph]:
    """The publisher's About paragraphs, translated where the rendition has them."""
    translated = rendition.about if len(rendition.about) == len(version.about) else []
    return [
        AboutParagraph(
            heading=fill(texts.about_heading, {**values, "brand": about.name}),
            name=about.name,
            text=translated[i] if translated else about.text,
        )
        for i, about in enumerate(version.about)
    ]


def _pictures(version: Version, rendition: Rendition) -> list[Picture]:
    """The pictures with their captions in the rendition's language (as printed when the
    rendition has no translation of them)."""
    captions = rendition.picture_captions
    if len(captions) != len(version.pictures):
        return list(version.pictures)
    return [
        Picture(p.url, caption or p.caption, p.credit, p.alt)
        for p, caption in zip(version.pictures, captions, strict=True)
    ]


def _dateline(
    texts: Texts, settings: Settings, values: dict[str, str], version: Version, language: str
) -> str:
    """The brand's dateline: place and date when the story has a place, else the brand. The date
    is the one the source's dateline printed (in the filing year when it printed none), else the
    filing date."""
    skeleton = settings.publish.dateline_date
    day = _dateline_day(version)
    date = dateline_date(day, language, skeleton) if skeleton else ""
    template = settings.publish.dateline_template
    if template is None:
        template = texts.dateline_place if version.located else texts.dateline
        if not date:
            template = re.sub(r"[,،、，]?\s*\{date\}", "", template)
    return fill(template, {**values, "date": date}).strip()


def _dateline_day(version: Version) -> date:
    filed = version.versioncreated.astimezone(UTC).date()
    printed = version.dateline_date
    if not printed:
        return filed
    try:
        if not printed.startswith("--"):
            return date.fromisoformat(printed[:10])
        month, day = int(printed[2:4]), int(printed[5:7])
        dated = date(filed.year, month, day)
        # `Dec 31` filed on January 1 is last year's: a dateline is never weeks ahead.
        return date(filed.year - 1, month, day) if (dated - filed).days > 31 else dated
    except ValueError:  # a date the dateline printed that no calendar has (`--02-30`)
        return filed


def _open_with(dateline: str, body: list[str], language: str, brand: str) -> list[str]:
    """The body with `dateline` opening it, unless it opens with the brand's dateline already
    (a source written for the wire, or a translation of one)."""
    if not body:
        return [dateline]
    if re.match(rf"^[^\n]{{0,80}}?[(（]\s*{re.escape(brand)}\s*[)）]\s*[–—－-]", body[0]):
        return list(body)
    joiner = "" if _base(language) in _NO_SPACE_AFTER_DATELINE else " "
    return [f"{dateline}{joiner}{body[0]}", *body[1:]]


def _base(language: str) -> str:
    try:
        return base_language(language)
    except BadInput:
        return language


def _direction(language: str) -> str:
    try:
        return direction(language)
    except BadInput:
        return "ltr"
