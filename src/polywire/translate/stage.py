"""The translate stage: one durable job per (story version, target language).

Wiring: kind `translate`, key `job_key(story_id, version, language)`, payload
`{"story_id": str, "version": int, "language": str}` (the target as the subscriber asked for it,
a BCP 47 tag). Enqueue one per target language of a new version, after submit; what follows a
`pending` rendition is the check stage (then release).

It reads the version (`stories.get_version`) and its story (for the publisher's glossary: the
store's terms over the settings', `polywire.glossary.for_publisher`), translates the headline,
paragraphs, the publisher's About texts and the pictures' captions
(`Version.furniture_texts`; contacts are not translated: names, phones and addresses stay as
printed, and the About and contact names are kept as written wherever they appear) with the
router and the store's translation memory (a new version re-translates only the segments that
changed), and in its commit writes the new memory entries and saves the rendition with exactly
one of these states:

- `pending` — translated, awaiting the check; `engine`, `model`, `headline`, `body` set,
  `error` None (a model's licence notice, such as NLLB's non-commercial terms, is logged).
- `unsupported` — no engine can do the pair, directly or through a pivot; `error` says so,
  headline and body empty. Never retried: an operator installs an engine and re-runs.
- `failed` — every route failed on some segment on the job's last attempt; `error` names the
  segment and the engines' problems. Earlier attempts raise instead, so the job is retried
  with backoff and other languages and stories carry on.

A rendition already `checked`, `needs_review` or `released`, and the source's own rendition,
are left as they are.
"""

from __future__ import annotations

import asyncio
import logging

from sqlalchemy import Connection

from polywire.bus.base import Commit, Lease
from polywire.config import Settings
from polywire.domain import BadInput, NotFound, Rendition, RenditionState, Version
from polywire.glossary import for_publisher
from polywire.language_tags import written_language
from polywire.settings.translate import Glossary
from polywire.store import stories as store
from polywire.store.db import Database
from polywire.translate.document import TranslationFailed, Translator, Unsupported
from polywire.translate.router import Router
from polywire.translate.service import router_for
from polywire.translate.sql_memory import SqlMemory

log = logging.getLogger("polywire.translate")

_SETTLED = {RenditionState.CHECKED, RenditionState.NEEDS_REVIEW, RenditionState.RELEASED}


class TranslateStage:
    kind = "translate"

    def __init__(
        self, settings: Settings, database: Database, router: Router | None = None
    ) -> None:
        self.settings = settings
        self.database = database
        self.router = router or router_for(settings)

    @staticmethod
    def job_key(story_id: str, version: int, language: str) -> str:
        return f"translate:{story_id}:v{version}:{language}"

    async def __call__(self, lease: Lease) -> Commit:
        story_id = str(lease.payload["story_id"])
        number = int(lease.payload["version"])
        language = str(lease.payload["language"])
        version, glossary = await asyncio.to_thread(self._read, story_id, number)
        rendition = Rendition(story_id, number, language, RenditionState.PENDING)
        memory = SqlMemory(self.database)
        translator = Translator(self.router, memory, brand=self.settings.brand.name)
        try:
            done = await asyncio.to_thread(
                translator.translate,
                version.headline,
                [*version.body, *version.furniture_texts()],
                written_language(version.language),
                _target(language),
                glossary=glossary,
                label=language,
            )
        except Unsupported as error:
            rendition.state, rendition.error = RenditionState.UNSUPPORTED, str(error)
        except TranslationFailed as error:
            if lease.attempt < self.settings.jobs.max_attempts:
                raise
            rendition.state, rendition.error = RenditionState.FAILED, str(error)
        else:
            count = len(version.body)
            rendition.headline, rendition.body = done.headline, done.body[:count]
            rendition.set_furniture(version, done.body[count:])
            rendition.engine, rendition.model = done.engine, done.model
            log.info(
                "story %s v%d %s: %d segments by %s, translation memory hit rate %.0f%%",
                story_id,
                number,
                language,
                done.segments,
                done.engine,
                100 * done.memory.hit_rate,
            )

        def commit(conn: Connection) -> None:
            memory.flush(conn)
            try:
                current = store.get_rendition(conn, story_id, number, language)
            except NotFound:
                current = None
            if current is not None and (current.is_source or current.state in _SETTLED):
                return
            store.save_rendition(conn, rendition)

        return commit

    def _read(self, story_id: str, number: int) -> tuple[Version, Glossary | None]:
        """The version and the glossary its translation applies (in a worker thread: the loop
        also serves the API and the live streams)."""
        with self.database.read() as conn:
            story = store.get_story(conn, story_id)
            version = store.get_version(conn, story_id, number)
            settings_glossary = self.settings.translate.glossaries.get(story.publisher)
            glossary = for_publisher(conn, story.publisher, settings_glossary)
        return version, _with_names(glossary, version)


def _with_names(glossary: Glossary | None, version: Version) -> Glossary | None:
    """The publisher's glossary, with the names of its About paragraphs and media contacts kept
    as written wherever they appear (`Acme Ltd`, `Jane Doe`)."""
    names = [a.name for a in version.about] + [c.name for c in version.contacts if c.name]
    if not names:
        return glossary
    base = glossary or Glossary()
    keep = list(dict.fromkeys([*base.keep, *names]))
    return base.model_copy(update={"keep": keep})


def _target(language: str) -> str:
    try:
        return written_language(language)
    except BadInput as error:
        raise Unsupported(f"target language {language!r}: {error}") from None
