"""Webhooks per the Standard Webhooks specification (standardwebhooks.com).

Each attempt is a POST of `{"type", "timestamp", "data"}` with `webhook-id` (the delivery id, the
same on every retry and replay, so receivers can drop duplicates), `webhook-timestamp` and
`webhook-signature` (`v1,` + base64 HMAC-SHA256 of `id.timestamp.body`; during a secret rotation
one signature per valid secret, space-separated), signed with the `standardwebhooks` library.

Any 2xx is success. A redirect is a failure (the guarded client never follows one). 410 Gone
disables the endpoint. 429 and 503 may say `Retry-After`. Everything else is retried on the
deliver stage's schedule.
"""

from __future__ import annotations

import json
from collections import OrderedDict
from datetime import datetime
from email.utils import parsedate_to_datetime
from functools import lru_cache

from standardwebhooks import Webhook

from polywire.compose import Composed
from polywire.net.guarded import BlockedAddress, GuardedClient, OutboundError
from polywire.publish.deliver.channels.base import Channel, Outcome, Outgoing
from polywire.publish.formats import render
from polywire.settings.publish import WebhookSettings

_RENDERED_KEPT = 256


class WebhookChannel(Channel):
    name = "webhook"

    def __init__(self, client: GuardedClient, settings: WebhookSettings) -> None:
        self.client = client
        self.settings = settings
        self._rendered: OrderedDict[tuple[str, int, str, str, str], bytes] = OrderedDict()

    async def send(self, outgoing: Outgoing) -> Outcome:
        body = payload(outgoing, self._data(outgoing))
        headers = signed_headers(outgoing, body)
        try:
            response = await self.client.post(
                outgoing.destination.address,
                body,
                headers,
                time_limit=self.settings.timeout_seconds,
            )
        except BlockedAddress as error:
            return Outcome(False, 0.0, error=str(error), retry=False)
        except OutboundError as error:
            return Outcome(
                False,
                self.settings.timeout_seconds * 1000 if error.reason == "timeout" else 0.0,
                error=str(error),
            )
        latency_ms = response.elapsed * 1000
        status = response.status
        if 200 <= status < 300:
            return Outcome(True, latency_ms, status)
        if 300 <= status < 400:
            where = response.headers.get("location", "nowhere")
            return Outcome(False, latency_ms, status, f"redirect to {where} (not followed)")
        if status == 410:
            return Outcome(
                False,
                latency_ms,
                status,
                "410 Gone",
                retry=False,
                disable="the endpoint answered 410 Gone",
            )
        retry_after = None
        if status in (429, 503):
            retry_after = retry_after_seconds(response.headers.get("retry-after"), outgoing.sent_at)
        detail = response.body[:200].decode("utf-8", "replace").strip()
        return Outcome(
            False, latency_ms, status, f"HTTP {status} {detail}".strip(), retry_after=retry_after
        )

    def _data(self, outgoing: Outgoing) -> bytes:
        """The rendered release, rendered once for all the destinations of one format."""
        composed = outgoing.composed
        key = (
            composed.uri,
            composed.version,
            composed.language,
            composed.pubstatus.value,
            outgoing.destination.format,
        )
        data = self._rendered.get(key)
        if data is None:
            data = rendered_data(outgoing.destination.format, composed)
            self._rendered[key] = data
            if len(self._rendered) > _RENDERED_KEPT:
                self._rendered.popitem(last=False)
        return data


def payload(outgoing: Outgoing, data: bytes | None = None) -> bytes:
    """The Standard Webhooks body: `{"type", "timestamp", "data"}`, `data` the rendered release
    (a JSON format as it is, plain text inside `{"content_type", "text"}`)."""
    if data is None:
        data = rendered_data(outgoing.destination.format, outgoing.composed)
    envelope = json.dumps(
        {"type": outgoing.event_type, "timestamp": _timestamp(outgoing.sent_at)},
        separators=(",", ":"),
    )
    return envelope[:-1].encode("utf-8") + b',"data":' + data + b"}"


def rendered_data(format_name: str, composed: Composed) -> bytes:
    rendered = render(format_name, composed)
    if rendered.content_type == "application/json":
        return rendered.body
    text = {"content_type": rendered.content_type, "text": rendered.body.decode("utf-8")}
    return json.dumps(text, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _timestamp(moment: datetime) -> str:
    return moment.isoformat().replace("+00:00", "Z")


def signed_headers(outgoing: Outgoing, body: bytes) -> dict[str, str]:
    text = body.decode("utf-8")
    signatures = " ".join(
        _signer(secret).sign(outgoing.delivery_id, outgoing.sent_at, text)
        for secret in outgoing.secrets
    )
    return {
        "content-type": "application/json",
        "webhook-id": outgoing.delivery_id,
        "webhook-timestamp": str(int(outgoing.sent_at.timestamp())),
        "webhook-signature": signatures,
    }


def retry_after_seconds(value: str | None, now: datetime) -> float | None:
    """`Retry-After` as seconds: delta-seconds or an HTTP date (RFC 9110 §10.2.3)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, (moment - now).total_seconds())


@lru_cache(maxsize=4096)
def _signer(secret: str) -> Webhook:
    return Webhook(secret)
