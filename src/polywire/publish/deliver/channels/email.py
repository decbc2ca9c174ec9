"""The e-mail channel: one message per recipient through SMTP (aiosmtplib), DKIM-signed.

Each message carries the recipient's own `List-Unsubscribe` (a signed https link and a mailto)
and `List-Unsubscribe-Post: List-Unsubscribe=One-Click` (RFC 8058); the DKIM signature (dkimpy)
covers both, as RFC 8058 requires. `List-Unsubscribe` is written as it is, on one line: the
`email` package would fold a line this long into RFC 2047 encoded-words, and a mail client that
reads `=?utf-8?q?=3Chttps...` finds no link, so one-click unsubscribe would not work.

Messages go out in batches of `send_batch` per SMTP connection, paced to `send_rate` per second
(a plain interval: nothing more is needed for one sender). Addresses that unsubscribed from a
list are skipped, and every recipient gets a result. The SMTP server is the operator's
(`deliver.smtp_host`); subscribers give only e-mail addresses, which the SMTP server routes, so
no user-given host is ever connected to here.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Sequence
from dataclasses import dataclass
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import formatdate, make_msgid
from pathlib import Path

import aiosmtplib
import dkim

from polywire.compose import Composed
from polywire.config import Settings
from polywire.domain import Rendition, Version
from polywire.publish.deliver.unsubscribe import UnsubscribeLinks, sender_domain
from polywire.publish.formats.email import render_composed_email, render_email
from polywire.settings.deliver import DeliverSettings
from polywire.store import deliver_queries as queries
from polywire.store.db import Database

#: Headers the DKIM signature covers (RFC 8058 §4: the two List-Unsubscribe headers included).
SIGNED_HEADERS = (
    b"from",
    b"to",
    b"subject",
    b"date",
    b"message-id",
    b"mime-version",
    b"content-type",
    b"content-language",
    b"list-id",
    b"list-unsubscribe",
    b"list-unsubscribe-post",
)


#: The SMTP policy, writing a header stored with `set_raw` as it was given (the others, stored
#: as header objects, are folded as usual).
_AS_SET = SMTP.clone(refold_source="none")

#: The longest line of a message (RFC 5322 §2.1.1).
_MAX_LINE = 998


def _unfolded(value: str) -> str:
    """The `List-Unsubscribe` value on one line while it fits, else folded at the spaces after
    its commas (which unfolding restores)."""
    if len("List-Unsubscribe: ") + len(value) <= _MAX_LINE:
        return value
    return value.replace(", ", ",\r\n ")


@dataclass(frozen=True)
class Outgoing:
    """One rendition for one address on one list (the list is the destination's id)."""

    address: str
    list_id: str
    version: Version
    rendition: Rendition
    link: str
    composed: Composed | None = None  # when given, the message is the composed release


@dataclass(frozen=True)
class SendResult:
    address: str
    list_id: str
    status: str  # sent | refused | failed | unsubscribed
    code: int | None = None
    error: str | None = None
    message_id: str | None = None
    latency_ms: float | None = None


class Pacer:
    """At most `rate` calls of `wait` per second."""

    def __init__(self, rate: float) -> None:
        self.interval = 1.0 / rate
        self.next_at = 0.0

    async def wait(self) -> None:
        now = time.monotonic()
        if self.next_at > now:
            await asyncio.sleep(self.next_at - now)
        self.next_at = max(now, self.next_at) + self.interval


class EmailChannel:
    def __init__(
        self,
        settings: DeliverSettings,
        links: UnsubscribeLinks,
        database: Database,
        *,
        brand: str,
    ) -> None:
        self.settings = settings
        self.links = links
        self.database = database
        self.brand = brand
        self.domain = settings.dkim_domain or sender_domain(settings.smtp_from)
        self.dkim_key = (
            Path(settings.dkim_key_path).read_bytes() if settings.dkim_key_path else None
        )
        self.pacer = Pacer(settings.send_rate)

    @classmethod
    def from_settings(cls, settings: Settings, database: Database) -> EmailChannel:
        return cls(
            settings.deliver,
            UnsubscribeLinks.from_settings(settings),
            database,
            brand=settings.brand.name,
        )

    def message(self, outgoing: Outgoing) -> tuple[bytes, str]:
        """The signed message for one recipient, and its Message-ID."""
        token = self.links.token(outgoing.address, outgoing.list_id)
        if outgoing.composed is not None:
            content = render_composed_email(
                outgoing.composed, link=outgoing.link, unsubscribe_url=self.links.url(token)
            )
        else:
            content = render_email(
                outgoing.version,
                outgoing.rendition,
                brand=self.brand,
                link=outgoing.link,
                unsubscribe_url=self.links.url(token),
            )
        message = EmailMessage(policy=SMTP)
        message_id = make_msgid(domain=self.domain)
        message["From"] = self.settings.smtp_from
        message["To"] = outgoing.address
        message["Subject"] = content.subject
        message["Date"] = formatdate(usegmt=True)
        message["Message-ID"] = message_id
        message["List-Id"] = f"<{outgoing.list_id}.{self.domain}>"
        links = f"<{self.links.url(token)}>, <{self.links.mailto(token)}>"
        if links.isascii():
            message.set_raw("List-Unsubscribe", _unfolded(links))
        else:  # a domain not in ASCII: encoded-words are all a header can carry
            message["List-Unsubscribe"] = links
        message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
        message.set_content(content.text)
        message.add_alternative(content.html, subtype="html")
        message["Content-Language"] = content.language  # after: set_content clears content-*
        raw = message.as_bytes(policy=_AS_SET)
        if self.dkim_key is not None and self.settings.dkim_selector:
            present = {name.lower().encode() for name in message}
            raw = (
                dkim.sign(
                    raw,
                    self.settings.dkim_selector.encode(),
                    self.domain.encode(),
                    self.dkim_key,
                    include_headers=[h for h in SIGNED_HEADERS if h in present],
                )
                + raw
            )
        return raw, message_id

    async def send(self, batch: Sequence[Outgoing]) -> list[SendResult]:
        """Send `batch`, one result per recipient in the same order."""
        results: dict[int, SendResult] = {}
        by_list: dict[str, list[int]] = {}
        for index, outgoing in enumerate(batch):
            by_list.setdefault(outgoing.list_id, []).append(index)
        gone = await asyncio.to_thread(self._unsubscribed, batch, by_list)
        for list_id, indexes in by_list.items():
            for i in indexes:
                if batch[i].address.lower() in gone[list_id]:
                    results[i] = SendResult(batch[i].address, list_id, "unsubscribed")
        pending = [i for i in range(len(batch)) if i not in results]
        size = self.settings.send_batch
        for start in range(0, len(pending), size):
            chunk = pending[start : start + size]
            results.update(await self._send_chunk([(i, batch[i]) for i in chunk]))
        return [results[i] for i in range(len(batch))]

    def _unsubscribed(
        self, batch: Sequence[Outgoing], by_list: dict[str, list[int]]
    ) -> dict[str, set[str]]:
        """Per list, the addresses of `batch` that left it (in a worker thread: the loop also
        serves the API and the live streams)."""
        with self.database.read() as conn:
            return {
                list_id: queries.unsubscribed(conn, [batch[i].address for i in indexes], list_id)
                for list_id, indexes in by_list.items()
            }

    async def _send_chunk(self, chunk: list[tuple[int, Outgoing]]) -> dict[int, SendResult]:
        results: dict[int, SendResult] = {}
        envelope_from = self.settings.smtp_from.rsplit("<", 1)[-1].rstrip(">").strip()
        smtp = aiosmtplib.SMTP(
            hostname=self.settings.smtp_host,
            port=self.settings.smtp_port,
            start_tls=self.settings.smtp_starttls,
            username=self.settings.smtp_username,
            password=self.settings.smtp_password,
        )
        try:
            await smtp.connect()
        except (aiosmtplib.SMTPException, OSError) as error:
            for index, outgoing in chunk:
                results[index] = SendResult(
                    outgoing.address, outgoing.list_id, "failed", error=f"connect: {error}"
                )
            return results
        try:
            for index, outgoing in chunk:
                await self.pacer.wait()
                # rendering and the DKIM signature take milliseconds: not on the loop
                raw, message_id = await asyncio.to_thread(self.message, outgoing)
                started = time.perf_counter()
                try:
                    await smtp.sendmail(envelope_from, [outgoing.address], raw)
                except aiosmtplib.SMTPRecipientsRefused as refused:
                    [rejection] = refused.recipients
                    results[index] = _answered(outgoing, rejection.code, rejection.message)
                    continue
                except aiosmtplib.SMTPResponseException as error:
                    results[index] = _answered(outgoing, error.code, error.message)
                    continue
                except aiosmtplib.SMTPException as error:
                    results[index] = SendResult(
                        outgoing.address, outgoing.list_id, "failed", error=str(error)
                    )
                    continue
                results[index] = SendResult(
                    outgoing.address,
                    outgoing.list_id,
                    "sent",
                    code=250,
                    message_id=message_id,
                    latency_ms=(time.perf_counter() - started) * 1000,
                )
        finally:
            if smtp.is_connected:
                try:
                    await smtp.quit()
                except aiosmtplib.SMTPException:
                    smtp.close()
        return results


def _answered(outgoing: Outgoing, code: int, message: str) -> SendResult:
    """The server's answer to one recipient: a permanent refusal (5xx) is not retried."""
    status = "refused" if code >= 500 else "failed"
    return SendResult(outgoing.address, outgoing.list_id, status, code=code, error=message)
