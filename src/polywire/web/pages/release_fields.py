"""The publisher's boilerplate and pictures as the desk's form shows and reads them.

Three text areas, one item per block, so an editor can add, change or drop any of them:

- About paragraphs: blocks apart by a blank line, whom it is about on the first line, the text
  on the lines below (`Acme Ltd` / `Acme Ltd makes bicycles …`).
- Media contacts: one per line, name, role, phones, e-mails and sites apart by commas
  (`Jane Doe, Head of Communications, +44 113 496 0000, jane@acme.example`); the parts are told
  apart as the ingest's contact blocks are (`polywire.ingest.boilerplate`).
- Pictures: one per line, `URL | caption | credit | alt text` (all but the URL optional).

A block that cannot be read is refused with a message naming the field and the block.
"""

from __future__ import annotations

from polywire.compose import contact_line
from polywire.domain import About, BadInput, Contact, Picture
from polywire.ingest.boilerplate import contacts_of
from polywire.ingest.pictures import picture


def about_text(about: list[About]) -> str:
    return "\n\n".join(f"{a.name}\n{a.text}" for a in about)


def read_about(value: str) -> list[About]:
    found: list[About] = []
    for block in _blocks(value):
        name, _, text = block.partition("\n")
        if not text.strip():
            raise BadInput("about", f"{block[:60]!r}: give whom it is about, then the text below")
        found.append(About(name=" ".join(name.split()), text=" ".join(text.split())))
    return found


def contacts_text(contacts: list[Contact]) -> str:
    return "\n".join(contact_line(contact) for contact in contacts)


def read_contacts(value: str) -> list[Contact]:
    found: list[Contact] = []
    for line in (line.strip() for line in value.splitlines()):
        if not line:
            continue
        read = contacts_of(f"Contact: {line}")
        if len(read) != 1:
            raise BadInput("contacts", f"{line[:60]!r}: one contact per line")
        found.extend(read)
    return found


def pictures_text(pictures: list[Picture]) -> str:
    return "\n".join(
        " | ".join([p.url, p.caption or "", p.credit or "", p.alt or ""]).rstrip(" |")
        for p in pictures
    )


def read_pictures(value: str) -> list[Picture]:
    found: list[Picture] = []
    for line in (line.strip() for line in value.splitlines()):
        if not line:
            continue
        url, caption, credit, alt = [*(part.strip() for part in line.split("|")), "", "", ""][:4]
        kept = picture(url, caption or None, credit or None, alt or None)
        if kept is None:
            raise BadInput("pictures", f"{url[:80]!r}: not an http or https address")
        found.append(kept)
    return found


def _blocks(value: str) -> list[str]:
    lines = [line.strip() for line in value.replace("\r\n", "\n").split("\n")]
    return [block.strip() for block in "\n".join(lines).split("\n\n") if block.strip()]
