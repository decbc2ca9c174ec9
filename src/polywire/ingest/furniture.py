"""What kind of page furniture one line is: byline, timestamp, caption, teaser, notice …

Each test is a small predicate over one normalised line; the phrases come from
`polywire.ingest.vocabulary` and the dates from `polywire.ingest.dates`.
"""

from __future__ import annotations

import re
from functools import cache

from polywire.ingest import vocabulary
from polywire.ingest.dates import is_date_line, leading_date, parse_date
from polywire.ingest.measure import ends_sentence, weight

_UNSPACED_END = re.compile(r"[\u0e00-\u0eff\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]$")
_LIST_SEPARATORS = re.compile(r"\s[|›»·•]\s|\s/\s")
_LABEL_VALUE = re.compile(r"^[^:：]{1,40}[:：]\s*(?P<value>.*)$")
_LIST_ITEM_SEPARATORS = re.compile(r"\s*[,;،、|；，]\s*")
_DASHES = "—–―-"
#: Where a disclaimer says what it is, and where a caption's credit is (characters).
_DISCLAIMER_HEAD = 300
_CAPTION_TAIL = 160
#: `Name/Agency`, `AP Photo/Name`: a slash between names, no figures (`$4.99/mo` is no credit).
_CREDIT_SLASH = re.compile(r"^[^\d$€£¥%/]{2,}/[^\d$€£¥%]{2,}$")
#: `404`, `Error 404`, `404 Not Found`, `503 - Service unavailable`: an HTTP error for a title.
#: The code stands alone or before a separator: "500 jobs go", "450-strong crowd" are headlines.
_ERROR_STATUS = re.compile(
    r"^(?:error\s*)?[45]\d\d(?:\s*$|\s*[:|]|\s+[-–—]\s|\s+not found\b)", re.IGNORECASE
)


@cache
def _prefix(group: str) -> re.Pattern[str]:
    """A line starting with one of the group's phrases, as a whole word."""
    alternatives = []
    for phrase in vocabulary.all_of(group):
        escaped = re.escape(phrase)
        if _UNSPACED_END.search(phrase) or not phrase[-1].isalnum():
            alternatives.append(escaped)
        else:
            alternatives.append(escaped + r"(?![\w])")
    return re.compile(r"^(?:" + "|".join(alternatives) + r")", re.IGNORECASE)


@cache
def _anywhere(group: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in vocabulary.all_of(group)), re.IGNORECASE)


@cache
def _credit() -> re.Pattern[str]:
    words = "|".join(re.escape(w) for w in vocabulary.all_of("photo"))
    return re.compile(
        r"(?:[(（](?P<inner>[^()（）]{2,120})[)）]|(?:^|[\s.。])(?:" + words + r")\s*[:：]\s*"
        r"[^.。:：]{2,80})\s*[.。]?$",
        re.IGNORECASE,
    )


@cache
def _photo_word() -> re.Pattern[str]:
    words = "|".join(re.escape(w) for w in vocabulary.all_of("photo"))
    return re.compile(r"(?:^|[\s/])(?:" + words + r")(?:$|[\s/:：])", re.IGNORECASE)


def label_value(line: str) -> str | None:
    """The value after `Label:`; None when the line has no label."""
    match = _LABEL_VALUE.match(line)
    return match.group("value").strip() if match else None


def is_byline(line: str) -> bool:
    match = _prefix("byline").match(line)
    if match is None or weight(line) > 12 or len(line) > 120:
        return False
    rest = line[match.end() :].lstrip(" :：")
    return bool(rest) and not (rest[0].isalpha() and rest[0].islower()) and not _ends_long(line)


def byline_name(line: str) -> str:
    """`By The Associated Press` → `The Associated Press`."""
    match = _prefix("byline").match(line)
    return line[match.end() :].strip(" :：") if match else line


def metadata_and_headline(line: str) -> tuple[str, str] | None:
    """A metadata line that runs on into the headline, as scrapers print it:
    `date 2024-05-08 Armenia's prime minister resigns` → (`2024-05-08`, the headline). None when
    the line is no metadata line or nothing headline-like follows the date."""
    match = _prefix("date_label").match(line)
    if match is None:
        return None
    found = leading_date(line[match.end() :].lstrip(" :："))
    if found is None or weight(found[1]) < 3:
        return None
    return found


def is_timestamp(line: str) -> bool:
    """`Posted May 8, 2024 4:41 pm.`, `Last Updated ...`, `2024年5月8日 10:30`."""
    if len(line) > 120:
        return False
    if is_date_line(line):
        return True
    match = _prefix("timestamp").match(line) or _prefix("date_label").match(line)
    return match is not None and parse_date(line[match.end() :]) is not None


def is_relative_time(line: str) -> bool:
    return len(line) <= 40 and _anywhere("relative_time").search(line) is not None


def is_block_end(line: str) -> bool:
    """`Top Stories`, `Share this article`, `More from AP`: the page's furniture begins.

    The phrase stands alone or with a few words after it ("Share this:"), never with text after a
    colon ("Related post: …" is a link inside the story)."""
    match = _prefix("block_end").match(line)
    if match is None or ends_sentence(line):
        return False
    rest = line[match.end() :].strip().rstrip(":：").strip()
    return ":" not in rest and "：" not in rest and weight(rest) <= 3


def is_inline_furniture(line: str) -> bool:
    """`Advertisement`, `Read more: …`: dropped wherever it stands."""
    match = _prefix("inline").match(line)
    if match is None:
        return False
    rest = line[match.end() :].strip()
    return not rest or match.group(0).endswith((":", "：")) or weight(rest) <= 12


def is_stray_label(line: str) -> bool:
    """A lone word that is no sentence: a button ("Close", "Subscribe"), a share link
    ("Facebook"), a caption label ("Caption", "By"). In scraped text it is furniture; the HTML
    path keeps such lines, being subheadings there."""
    return weight(line) <= 1 and not ends_sentence(line)


def is_error_status(line: str) -> bool:
    """The title of a server's error page: `404 Not Found`, `Error 500`."""
    return _ERROR_STATUS.match(line) is not None


def is_navigation(line: str) -> bool:
    """`Home | World | Business`: a row of links."""
    return len(_LIST_SEPARATORS.findall(line)) >= 2


def sectors_of(line: str) -> list[str] | None:
    """`Sectors: Energy, Utilities` → the sectors as written; None when not a sectors line."""
    if _prefix("sectors").match(line) is None:
        return None
    value = label_value(line)
    if value is None:
        return None
    return [item.strip() for item in _LIST_ITEM_SEPARATORS.split(value) if item.strip()]


def is_sectors_label(line: str) -> bool:
    """A sectors label alone on its line (its values follow on the next line)."""
    return (
        _prefix("sectors").match(line) is not None
        and weight(line) <= 3
        and (line.rstrip().endswith((":", "：")) or weight(line) <= 2)
    )


def is_about_heading(line: str) -> bool:
    """`About Acme Corp` (or `Über BrandWire`) alone on its line: a name follows the word."""
    if weight(line) > 10 or ends_sentence(line):
        return False
    name = about_name(line)
    return name is not None and not any(ch.isdigit() for ch in name) and not name[0].islower()


@cache
def _about_suffix() -> re.Pattern[str]:
    endings = "|".join(re.escape(phrase) for phrase in vocabulary.all_of("about_suffix"))
    return re.compile(r"^(?P<name>\S.{0,60}?)\s?(?:" + endings + r")\s*[:：]?$")


def about_name(line: str) -> str | None:
    """Whom an "About" heading is about: `About Acme Corp` → `Acme Corp`, `Acme社について` →
    `Acme社`; None when `line` is no such heading."""
    match = _prefix("about").match(line)
    if match is not None:
        return line[match.end() :].strip(" :：") or None
    suffixed = _about_suffix().match(line.strip())
    if suffixed is None or weight(line) > 10:
        return None
    return str(suffixed["name"]).strip()


@cache
def _described() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """`Name copula …` with spaces around the copula, and glued to the name (`Acme公司是`)."""
    spaced: list[str] = []
    glued: list[str] = []
    for copula in vocabulary.all_of("copula"):
        (glued if _UNSPACED_END.search(copula) else spaced).append(re.escape(copula))
    return (
        re.compile(r"^(?P<name>[^\s,.;:!?\d][^,.;:!?\d]{0,60}?)\s+(?:" + "|".join(spaced) + r")\s"),
        re.compile(
            r"^(?P<name>[^\s,.;:!?，。、\d][^\s,.;:!?，。、]{0,30}?)(?:" + "|".join(glued) + ")"
        ),
    )


def described_name(line: str) -> str | None:
    """Whom a paragraph that describes a company is about: `BrandWire là nhà phân phối …` →
    `BrandWire`, `Acme公司是一家…` → `Acme公司`. Only read after a story (as a notice): in a body
    "The plant is …" is a sentence like any other. None when `line` reads otherwise."""
    if weight(line) < 8 or not ends_sentence(line):
        return None
    for pattern in _described():
        match = pattern.match(line)
        if match is None:
            continue
        name = match["name"].strip()
        if _name_like(name) and not is_disclaimer(line):
            return name
    return None


def _name_like(name: str) -> bool:
    """A company's name: a few words, at most one of them in lower case (`Công ty Acme`, `Bank
    of America`); `Für den Inhalt dieser Pressemitteilung` opens a sentence instead."""
    words = name.split()
    lower = sum(1 for word in words if word[0].isalpha() and word[0].islower())
    return bool(words) and not words[0][0].islower() and lower <= 1 and weight(name) <= 6


def is_about_paragraph(line: str) -> bool:
    """`About Acme Corp: Acme is …` in one paragraph."""
    match = _prefix("about").match(line)
    if match is None:
        return False
    colon = re.search(r"[:：]", line)
    return colon is not None and colon.start() <= 80 and weight(line) >= 8


def is_disclaimer(line: str) -> bool:
    """A third-party-content disclaimer: it says what it is in its first sentences."""
    head = line[:_DISCLAIMER_HEAD]
    lowered = head.lower()
    if not any(literal in lowered for literal in _disclaimer_literals()):
        return False  # a substring test per pattern is 100 times faster than the regex
    return _anywhere("disclaimer").search(head) is not None


@cache
def _disclaimer_literals() -> tuple[str, ...]:
    """For each disclaimer pattern, a piece of text every match contains (lower case)."""
    literals = []
    for pattern in vocabulary.all_of("disclaimer"):
        text = re.sub(r"\[[^\]]*\][?*]?|\([^()]*\)[?*]?|\\.|.[?*]|\{[^}]*\}|[.^$+|]", "\0", pattern)
        literal = max(text.split("\0"), key=len).strip().lower()
        if not literal:
            return ("",)  # a pattern without a fixed piece: always run the expressions
        literals.append(literal)
    return tuple(literals)


def is_contact(line: str) -> bool:
    """`Media contact:`, `Pressekontakt: Anna Schmidt …`."""
    match = _prefix("contact").match(line)
    if match is None:
        return False
    rest = line[match.end() :]
    return weight(line) <= 4 or rest.lstrip().startswith((":", "："))


def is_notice_start(line: str) -> bool:
    """Wire furniture that follows the story: disclaimers, "about" blocks, contacts, sectors."""
    return (
        sectors_of(line) is not None
        or is_sectors_label(line)
        or is_disclaimer(line)
        or is_about_heading(line)
        or is_about_paragraph(line)
        or is_contact(line)
    )


def is_caption(line: str) -> bool:
    """A photo caption: running text ending in a credit, `(Name/Agency via AP)`, `Photo: X`."""
    if weight(line) < 6:
        return False
    match = _credit().search(line[-_CAPTION_TAIL:])
    if match is None:
        return False
    inner = match.group("inner")
    return (
        inner is None
        or _CREDIT_SLASH.match(inner) is not None
        or (_photo_word().search(inner) is not None)
    )


def split_credit(caption: str) -> tuple[str, str | None]:
    """`The plant in Leeds. Photo: Acme` → (`The plant in Leeds.`, `Photo: Acme`); a caption
    with no credit at its end is returned whole, with None."""
    tail_start = max(0, len(caption) - _CAPTION_TAIL)
    match = _credit().search(caption[tail_start:])
    if match is None:
        return caption, None
    inner = match.group("inner")
    if inner is not None and _CREDIT_SLASH.match(inner) is None and not _photo_word().search(inner):
        return caption, None
    start = tail_start + match.start()
    credit = (inner or caption[start:]).strip().strip(" .。")
    rest = caption[:start].strip()
    return (rest, credit) if rest else (caption, None)


def is_signoff(line: str, names: set[str]) -> bool:
    """`The Associated Press` or `— Reuters` alone after the body, or a credits line
    `(Reporting by Jo Lee; Editing by Al Po)`."""
    if _credits().match(line) is not None:
        return True
    if weight(line) > 8 or _ends_long(line):
        return False
    bare = line.strip().rstrip(".").strip("()（）").strip()
    dashed = bare[:1] in _DASHES
    bare = bare.lstrip(_DASHES).strip()
    known = {name.lower() for name in names} | _agencies()
    return bare.lower() in known or (dashed and weight(bare) <= 5)


@cache
def _credits() -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in vocabulary.all_of("credits")), re.IGNORECASE)


@cache
def _agencies() -> frozenset[str]:
    return frozenset(agency.lower() for agency in vocabulary.all_of("agencies"))


def _ends_long(line: str) -> bool:
    """A sentence of more than a few words (a byline or sign-off is not)."""
    return ends_sentence(line) and weight(line) > 6
