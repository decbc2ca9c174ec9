"""The check stage: judge one translated rendition against its source version.

Wiring (for `pipeline.py`):

- kind `"check"`, job key `CheckStage.job_key(story_id, version, language)`,
  payload `{"story_id": str, "version": int, "language": str}`;
- follows translate: enqueue it in the commit that saves a translated rendition;
- reads the source `Version` (`store.get_version`) and the `Rendition` in `language`
  (`store.get_rendition`), runs `check_translation`;
- its commit saves the rendition with `check` = the report's JSON (the `polywire check --json`
  contract) and the state the `decide` callback gives, in the commit's transaction (the pipeline
  passes the review policy, `polywire.publish.editorial.policy_service.ReviewPolicy`, which may add
  to the report what decided); without one, `CHECKED` (verdict `pass`, or `review` released by
  `check.policy = "release"`) or `NEEDS_REVIEW` (verdict `review` held for an editor);
- what follows: the `after` callback, given the connection and the saved rendition inside the same
  transaction, enqueues the next stage (compose or release) when the state is `CHECKED`; a
  rendition in `NEEDS_REVIEW` waits for an editor.

A source rendition, or one already released, failed or unsupported, is left as it is, so running
the job twice is harmless.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable

from sqlalchemy import Connection

from polywire.bus.base import Commit, Lease
from polywire.check.core import check_translation
from polywire.check.model import Report, Text, Verdict
from polywire.domain import Rendition, RenditionState, Version, furniture_pair
from polywire.settings.check import CheckSettings
from polywire.store import stories as store
from polywire.store.db import Database

log = logging.getLogger("polywire.check")

#: Renditions the stage leaves as they are.
_SETTLED = {RenditionState.RELEASED, RenditionState.UNSUPPORTED, RenditionState.FAILED}

AfterCheck = Callable[[Connection, Rendition], None]
#: Given the transaction, the rendition (its `check` may be set) and the report: its new state.
Decide = Callable[[Connection, Rendition, Report], RenditionState]


def decide(report: Report, settings: CheckSettings) -> RenditionState:
    """The publisher policy: a `review` verdict is held for an editor or released."""
    if report.verdict == Verdict.PASS or settings.policy == "release":
        return RenditionState.CHECKED
    return RenditionState.NEEDS_REVIEW


class CheckStage:
    kind = "check"

    def __init__(
        self,
        database: Database,
        settings: CheckSettings,
        *,
        after: AfterCheck | None = None,
        decide: Decide | None = None,
    ) -> None:
        self.database = database
        self.settings = settings
        self.after = after
        self.decide = decide or self._by_verdict

    def _by_verdict(self, _: Connection, rendition: Rendition, report: Report) -> RenditionState:
        return decide(report, self.settings)

    @staticmethod
    def job_key(story_id: str, version: int, language: str) -> str:
        return f"check:{story_id}:v{version}:{language}"

    async def __call__(self, lease: Lease) -> Commit:
        story_id = str(lease.payload["story_id"])
        number = int(lease.payload["version"])
        language = str(lease.payload["language"])
        version, rendition = await asyncio.to_thread(self._read, story_id, number, language)
        if rendition.is_source or rendition.state in _SETTLED:
            return lambda conn: None
        report = await asyncio.to_thread(
            check_translation, *checked_texts(version, rendition), self.settings
        )

        def commit(conn: Connection) -> None:
            current = store.get_rendition(conn, story_id, number, language)
            if current.state in _SETTLED or current.body != rendition.body:
                return  # released meanwhile, or translated again: that translation is checked
            current.check = report.to_json()
            current.state = self.decide(conn, current, report)
            store.save_rendition(conn, current)
            log.info(
                "story %s v%d %s checked: %s, %d findings, %s",
                story_id,
                number,
                language,
                report.verdict.value,
                len(report.findings),
                current.state.value,
            )
            if self.after is not None:
                self.after(conn, current)

        return commit

    def _read(self, story_id: str, number: int, language: str) -> tuple[Version, Rendition]:
        """The source version and the rendition to check (in a worker thread: the loop also
        serves the API and the live streams)."""
        with self.database.read() as conn:
            version = store.get_version(conn, story_id, number)
            return version, store.get_rendition(conn, story_id, number, language)


def source_text(version: Version) -> Text:
    return Text(version.language, version.headline, list(version.body))


def rendition_text(rendition: Rendition) -> Text:
    return Text(rendition.language, rendition.headline, list(rendition.body))


def checked_texts(version: Version, rendition: Rendition) -> tuple[Text, Text]:
    """All that is translated, source and translation: the headline, the body, the About texts
    and the captions (`furniture_pair`)."""
    ours, theirs = furniture_pair(version, rendition)
    return (
        Text(version.language, version.headline, [*version.body, *ours]),
        Text(rendition.language, rendition.headline, [*rendition.body, *theirs]),
    )
