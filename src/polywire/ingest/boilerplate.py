"""The publisher's boilerplate as data: "About" paragraphs and media contacts of a release.

The cleaner keeps what follows a release's body apart as notices, as printed
(`polywire.ingest.scraped`). This module reads the publisher's part of them into fields a desk can
edit and every format can carry: `About(name, text)` for `About Acme Corp` / `Über Sonnfeld AG` /
`关于X` / `Acmeについて` paragraphs and paragraphs that describe a company by name after the
story (`Acme Ltd is …`, `Công ty Acme là …`, `Acme公司是…`), and
`Contact(name, role, phones, emails, sites)` for each person of a `Media contact:` /
`Pressekontakt:` / `媒体联系` block. An "About" of the wire named in the dateline
(`DRESDEN (BrandWire) –` … `Über BrandWire`) is that wire's own furniture, not the publisher's:
it stays a notice only.

No library reads contact blocks in these languages, hence the patterns here; the labels come from
`polywire.ingest.vocabulary`.
"""

from __future__ import annotations

import re

from polywire.domain import About, Contact
from polywire.ingest import furniture as f
from polywire.ingest.measure import weight

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_SITE = re.compile(r"(?:https?://|www\.)[^\s,;|]+", re.IGNORECASE)
#: A telephone number: an optional `+`, then at least 7 digits with spaces, dots, dashes, slashes
#: or brackets between them.
_PHONE = re.compile(r"(?:\+|\b)\d(?:[\s().\-/]{0,2}\d){6,}")
#: What is left of a line once its addresses and numbers are taken: labels (`Tel.:`, `E-mail:`,
#: `电话：`) and separators.
_FIELD_LABELS = (
    "tel", "tel.", "telephone", "phone", "mobile", "mob", "mobil", "fax", "e-mail", "email",
    "mail", "web", "website", "internet", "telefon", "handy", "tél", "tél.", "téléphone",
    "teléfono", "telefone", "celular", "điện thoại", "đt", "di động", "тел", "тел.", "телефон",
    "电话", "電話", "邮箱", "電郵", "手机", "手機", "電子メール", "メール", "전화", "이메일",
    "هاتف", "الهاتف", "جوال", "البريد الإلكتروني", "โทร", "โทร.", "อีเมล", "hp", "telp", "telp.",
)  # fmt: skip
_LABEL = re.compile(
    r"(?:^|\s)(?:"
    + "|".join(re.escape(label) for label in sorted(_FIELD_LABELS, key=len, reverse=True))
    + r")\s?[:：]?\s*$|(?:^|\s)[^\s:：]{1,12}\s?[:：]\s*$|^[\s:：,;|/·•\-–—]+|[\s:：,;|/·•\-–—]+$",
    re.IGNORECASE,
)
_MAX_NAME_WORDS = 6


def about_of(notice: str, *, wire: str | None) -> About | None:
    """The About paragraph in `notice`; None when it is none or is about `wire` itself."""
    head, newline, text = notice.partition("\n")
    if not newline:
        colon = re.search(r"[:：]", notice)
        if colon is None:
            return None
        head, text = notice[: colon.start()], notice[colon.end() :]
    name = f.about_name(head)
    text = text.strip()
    if not name or not text:
        return None
    if wire and wire.casefold() in name.casefold():
        return None
    return About(name=name, text=text)


def contacts_of(notice: str) -> list[Contact]:
    """The people of a contact block (`Media contact:` and the lines under it)."""
    first, _, rest = notice.partition("\n")
    value = f.label_value(first)
    lines = ([value] if value else []) + [line for line in rest.split("\n") if line.strip()]
    if len(lines) == 1:  # `Contact: Anna Schmidt, Sprecherin, +49 351 1234, presse@…`
        lines = re.split(r"\s*[,;|]\s*", lines[0])
    contacts: list[Contact] = []
    current: dict[str, list[str]] = {}
    for line in lines:
        emails, sites = _EMAIL.findall(line), _SITE.findall(line)
        left = _SITE.sub(" ", _EMAIL.sub(" ", line))
        phones = [" ".join(phone.split()) for phone in _PHONE.findall(left)]
        words = _tidy(_PHONE.sub(" ", left))
        if words and current.get("name") and (current.get("emails") or current.get("phones")):
            contacts.append(_contact(current))
            current = {}
        if words and weight(words) <= _MAX_NAME_WORDS:
            key = "role" if current.get("name") else "name"
            if key == "name" and "," in words:
                name, role = (part.strip() for part in words.split(",", 1))
                current.setdefault("role", []).append(role)
                words = name
            current.setdefault(key, []).append(words)
        current.setdefault("emails", []).extend(emails)
        current.setdefault("sites", []).extend(sites)
        current.setdefault("phones", []).extend(phones)
    if any(current.values()):
        contacts.append(_contact(current))
    return contacts


def _tidy(text: str) -> str:
    previous = None
    while previous != text:
        previous, text = text, _LABEL.sub("", text.strip()).strip()
    return text


def _contact(parts: dict[str, list[str]]) -> Contact:
    return Contact(
        name=next(iter(parts.get("name") or []), None),
        role=", ".join(parts.get("role") or []) or None,
        phones=tuple(parts.get("phones") or ()),
        emails=tuple(parts.get("emails") or ()),
        sites=tuple(parts.get("sites") or ()),
    )


def publisher_boilerplate(
    notices: list[str], *, wire: str | None
) -> tuple[list[About], list[Contact]]:
    """The About paragraphs and contacts among a release's `notices`; `wire` is the source its
    dateline names (its own About is not the publisher's)."""
    about: list[About] = []
    contacts: list[Contact] = []
    for notice in notices:
        first = notice.split("\n", 1)[0]
        if f.is_contact(first):
            contacts.extend(contacts_of(notice))
        elif f.is_about_heading(first) or f.is_about_paragraph(first):
            found = about_of(notice, wire=wire)
            if found is not None:
                about.append(found)
        elif (name := f.described_name(notice)) is not None and not (
            wire and wire.casefold() in name.casefold()
        ):
            about.append(About(name=name, text=notice))
    return about, contacts
