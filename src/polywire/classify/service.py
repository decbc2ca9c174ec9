"""Classification of stored stories: the stage, the API and the CLI share this.

It keeps the publisher's own choices (recorded the first time a version is classified, so that
re-running never mistakes the machine's tags for the publisher's), writes the tags on the version,
and records editors' corrections, which the model then learns from.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection

from polywire.classify.classifier import Classifier, StoryText
from polywire.classify.gazetteer import load_gazetteer
from polywire.classify.result import Classification, RegionTag, TopicTag
from polywire.domain import BadInput, Version
from polywire.settings.classify import ClassifySettings
from polywire.store import stories as story_store
from polywire.store.classify import (
    CorrectionRow,
    StoredClassification,
    count_corrections,
    find_classification,
    get_classification,
    insert_correction,
    save_classification,
    set_classification,
)
from polywire.store.db import Database

#: The evidence of a tag an editor gave.
EDITOR = "editor"


@dataclass(frozen=True)
class Correction:
    """What an editor says a version is about; None leaves that part as it is."""

    topics: list[str] | None = None
    regions: list[str] | None = None
    urgency: int | None = None
    editor: str | None = None


class ClassificationService:
    def __init__(self, database: Database, settings: ClassifySettings) -> None:
        self.database = database
        self.settings = settings
        self._classifier: Classifier | None = None

    @property
    def classifier(self) -> Classifier:
        """Built on first use: loading the vocabulary is not free, and a wire that never
        classifies (a CLI listing stories) should not pay for it."""
        if self._classifier is None:
            self._classifier = Classifier(self.settings)
        return self._classifier

    def refresh(self) -> None:
        """Learn the corrections stored since the last call."""
        with self.database.read() as conn:
            self.classifier.memory.refresh(conn)

    # --- machine classification ---------------------------------------------------------

    def classify_version(
        self, version: Version, stored: StoredClassification | None
    ) -> StoredClassification:
        """Classify a stored version, keeping what its publisher chose."""
        publisher = stored or StoredClassification(
            story_id=version.story_id,
            version=version.version,
            result={},
            publisher_sectors=list(version.sectors),
            publisher_places=[p.code for p in version.places],
            publisher_urgency=version.urgency,
            corrected=False,
        )
        story = StoryText(
            headline=version.headline,
            body=list(version.body),
            language=version.language,
            dateline_place=version.located,
            publisher_sectors=publisher.publisher_sectors,
            publisher_regions=publisher.publisher_places,
            publisher_urgency=publisher.publisher_urgency,
            key=(version.story_id, version.version),
        )
        result = self.classifier.classify(story)
        return StoredClassification(
            story_id=version.story_id,
            version=version.version,
            result=result.to_json(),
            publisher_sectors=publisher.publisher_sectors,
            publisher_places=publisher.publisher_places,
            publisher_urgency=publisher.publisher_urgency,
            corrected=False,
        )

    @staticmethod
    def write(conn: Connection, stored: StoredClassification) -> None:
        """Store the classification and put its tags on the version (ninjs subjects, places)."""
        result = _from_json(stored.result, creator="editor" if stored.corrected else "machine")
        save_classification(conn, stored)
        set_classification(
            conn,
            stored.story_id,
            stored.version,
            subjects=result.subjects(),
            places=result.places(),
            urgency=result.urgency,
            sectors=result.sectors,
        )

    # --- editors ------------------------------------------------------------------------

    def correct(self, story_id: str, number: int | None, correction: Correction) -> dict[str, Any]:
        """Record an editor's correction of a version (the latest by default) and apply it."""
        topics = self._checked_topics(correction.topics)
        regions = self._checked_regions(correction.regions)
        if correction.urgency is not None and not 1 <= correction.urgency <= 9:
            raise BadInput("urgency", f"{correction.urgency} is not a ninjs urgency (1 to 9)")
        with self.database.write() as conn:
            version = story_store.get_version(conn, story_id, number)
            stored = find_classification(conn, story_id, version.version)
            if stored is None:
                self.classifier.memory.refresh(conn)
                stored = self.classify_version(version, None)
            machine = _from_json(stored.result, creator="machine")
            corrected = self._corrected(machine, stored, topics, regions, correction.urgency)
            removed = [
                t.code for t in machine.topics if topics is not None and t.code not in topics
            ]
            insert_correction(
                conn,
                CorrectionRow(
                    id=0,
                    story_id=story_id,
                    version=version.version,
                    language=version.language,
                    headline=version.headline,
                    body=list(version.body),
                    topics=[t.code for t in corrected.topics],
                    removed_topics=removed,
                    regions=[r.code for r in corrected.regions],
                    editor=correction.editor,
                ),
            )
            stored.result = corrected.to_json()
            stored.corrected = True
            self.write(conn, stored)
            self.classifier.memory.refresh(conn)
            return self._document(conn, stored)

    def current(self, story_id: str, number: int | None = None) -> dict[str, Any]:
        with self.database.read() as conn:
            version = story_store.get_version(conn, story_id, number)
            return self._document(conn, get_classification(conn, story_id, version.version))

    def _corrected(
        self,
        machine: Classification,
        stored: StoredClassification,
        topics: list[str] | None,
        regions: list[str] | None,
        urgency: int | None,
    ) -> Classification:
        vocabulary = self.classifier.vocabulary
        gazetteer = load_gazetteer()
        result = Classification(
            topics=machine.topics,
            sectors=machine.sectors,
            regions=machine.regions,
            urgency=urgency if urgency is not None else machine.urgency,
        )
        if topics is not None:
            result.topics = [
                TopicTag(code, vocabulary.concepts[code].label(), 1.0, [EDITOR], "editor")
                for code in topics
            ]
        if regions is not None:
            result.regions = [
                RegionTag(code, gazetteer.country_name(code, "en"), [EDITOR]) for code in regions
            ]
        if not stored.publisher_sectors:
            result.sectors = self.classifier.sectors.assign(
                vocabulary, result.topics, result.urgency
            )
        return result

    def _checked_topics(self, topics: list[str] | None) -> list[str] | None:
        if topics is None:
            return None
        vocabulary = self.classifier.vocabulary
        checked = []
        for given in topics:
            code = "medtop:" + given.strip().rstrip("/").rsplit("/", 1)[-1].removeprefix("medtop:")
            if code in vocabulary.retired:
                raise BadInput(f"topic {given}", "a retired Media Topic cannot be assigned")
            if code not in vocabulary.concepts:
                raise BadInput(f"topic {given}", "not an IPTC Media Topic code (medtop:NNNNNNNN)")
            if code not in checked:
                checked.append(code)
        return checked

    @staticmethod
    def _checked_regions(regions: list[str] | None) -> list[str] | None:
        if regions is None:
            return None
        known = load_gazetteer().country_names
        checked = []
        for given in regions:
            code = given.strip().upper()
            if code not in known:
                raise BadInput(f"region {given}", "not an ISO 3166-1 alpha-2 country code")
            if code not in checked:
                checked.append(code)
        return checked

    def _document(self, conn: Connection, stored: StoredClassification) -> dict[str, Any]:
        return {
            "story_id": stored.story_id,
            "version": stored.version,
            **stored.result,
            "corrected": stored.corrected,
            "learned_from": count_corrections(conn),
        }


def _from_json(document: dict[str, Any], *, creator: str) -> Classification:
    return Classification(
        topics=[
            TopicTag(
                t["code"],
                t["label"],
                float(t["confidence"]),
                list(t["evidence"]),
                "editor" if t["evidence"] == [EDITOR] else creator,
            )
            for t in document.get("topics", [])
        ],
        sectors=list(document.get("sectors", [])),
        regions=[
            RegionTag(r["code"], r["name"], list(r["evidence"]))
            for r in document.get("regions", [])
        ],
        urgency=int(document.get("urgency", 5)),
        learned_from=int(document.get("learned_from", 0)),
    )
