"""Reading the desk's forms: CSRF checked first, then plain fields.

Every form is read through `read_form`, which makes its text fields and file names text: a
multipart form may declare any charset (UTF-7, say), and its decoded fields may then hold lone
surrogates. They become U+FFFD, as an undecodable byte of a URL-encoded form already does.
"""

from __future__ import annotations

from fastapi import Request
from starlette.datastructures import FormData, UploadFile

from polywire.surrogates import clean_text
from polywire.web.pages.session import Viewer, check_csrf

#: A form of the desk is small; an upload is capped by the wire's own limit.
FORM_LIMIT = 64 * 1024


async def checked_form(
    request: Request, viewer: Viewer, *, max_part_size: int = FORM_LIMIT
) -> FormData:
    form = await read_form(request, max_part_size=max_part_size)
    check_csrf(viewer, form.get("csrf"))
    return form


async def read_form(request: Request, *, max_part_size: int = 1024 * 1024) -> FormData:
    """The request's form, its field values, names and file names made text (`clean_text`)."""
    form = await request.form(max_part_size=max_part_size)
    for value in form.values():
        if isinstance(value, UploadFile) and value.filename is not None:
            value.filename = clean_text(value.filename)
    return FormData(
        [
            (clean_text(name), clean_text(value) if isinstance(value, str) else value)
            for name, value in form.multi_items()
        ]
    )


def text(form: FormData, name: str) -> str:
    value = form.get(name)
    return value.strip() if isinstance(value, str) else ""


def names(form: FormData, name: str) -> list[str]:
    """Repeated fields (checkboxes) and comma-separated text, as one list without blanks."""
    found: list[str] = []
    for value in form.getlist(name):
        if isinstance(value, str):
            found.extend(part.strip() for part in value.split(",") if part.strip())
    return list(dict.fromkeys(found))


def paragraphs(value: str) -> list[str]:
    """A textarea's paragraphs: separated by blank lines."""
    blocks = value.replace("\r\n", "\n").split("\n\n")
    return [" ".join(block.split()) for block in blocks if block.strip()]
