"""From the command line: add a subscriber, submit a story, read the delivery report — with a real
webhook receiver on 127.0.0.1 verifying the signature."""

from __future__ import annotations

import asyncio
import json
import sys

from standardwebhooks import Webhook

from publish.receiver import Receiver


async def polywire(env: dict[str, str], *args: str, stdin: bytes | None = None) -> str:
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "polywire", *args, env=env,
        stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    out, err = await process.communicate(stdin)
    assert process.returncode == 0, err.decode()
    return out.decode()


async def test_submit_reaches_a_webhook_and_the_report_says_so(
    subprocess_env: dict[str, str], receiver: Receiver
) -> None:
    env = {**subprocess_env, "POLYWIRE_PUBLISH__OUTBOUND__ALLOW_LOOPBACK": "true"}
    added = json.loads(
        await polywire(env, "subscribers", "add", "Leeds Gazette", "--language", "en",
                       "--destination", f"webhook:ninjs3:{receiver.url('hook')}", "--json")
    )  # fmt: skip
    story = (
        b"Acme opens a plant in Leeds\n\n"
        b"Acme Ltd opened a plant in Leeds on Monday, creating 500 jobs in the city and 200 more "
        b"at suppliers nearby.\n\nThe plant will make 20,000 bicycles a year from 2027.\n"
    )
    story_id = (await polywire(env, "submit", "-", "--language", "en", stdin=story)).strip()

    (arrival,) = receiver.at("hook")
    message = Webhook(added["destinations"][0]["secret"]).verify(arrival.body, arrival.headers)
    assert message["type"] == "story.released"
    assert message["data"]["headlines"][0]["value"] == "Acme opens a plant in Leeds"

    report = json.loads(await polywire(env, "report", story_id, "--json"))
    (line,) = report["lines"]
    assert (line["language"], line["channel"], line["targeted"], line["delivered"]) == (
        "en", "webhook", 1, 1,
    )  # fmt: skip
    text = await polywire(env, "report", story_id)
    assert "v1       en        webhook         1          1        0       0" in text
