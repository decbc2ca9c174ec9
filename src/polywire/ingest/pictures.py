"""The pictures of a story, by reference: URL, caption, credit and alt text.

From HTML, each `<figure>` with an `<img>` (its `src`, or the `data-src` of a lazily loaded one,
made absolute against the page's `<base>`, canonical link or `og:url`), its `<figcaption>` and
`alt`; a credit printed at the end of the caption (`… Photo: Acme/Jane Doe`, `(AP Photo/X)`) or
in an element whose class names a credit is the picture's credit. From ninjs, each association
of type `picture` (its `uri` or first rendition's `href`, the descriptions of role `caption` and
`alt`, `by` or `copyrightholder` for the credit). Only `http` and `https` URLs are kept: a
`javascript:` or `data:` address is no picture a subscriber should be sent. The wire never
fetches a picture; it passes its address on.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urljoin, urlsplit

from lxml.etree import XPath
from lxml.html import HtmlElement

from polywire.domain import Picture
from polywire.ingest import furniture as f
from polywire.ingest.measure import normalise

_BASE_XPATH = XPath(
    "(//base/@href | //link[@rel='canonical']/@href | //meta[@property='og:url']/@content)[1]"
)
_CREDIT_XPATH = XPath(".//*[contains(@class, 'credit') or contains(@class, 'copyright')]")
#: Pictures of one story kept at most: a gallery's hundredth picture is page furniture.
MAX_PICTURES = 20
_MAX_URL = 2000


def picture(
    url: str, caption: str | None, credit: str | None, alt: str | None, *, base: str | None = None
) -> Picture | None:
    """A `Picture` at `url` (absolute against `base`); None when it is no http(s) address."""
    absolute = urljoin(base, url.strip()) if base else url.strip()
    parts = urlsplit(absolute)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    if len(absolute) > _MAX_URL:
        return None
    if caption and not credit:
        caption, credit = f.split_credit(caption)
    return Picture(
        url=absolute,
        caption=normalise(caption) or None if caption else None,
        credit=normalise(credit) or None if credit else None,
        alt=normalise(alt) or None if alt else None,
    )


def html_pictures(tree: HtmlElement) -> list[Picture]:
    """The pictures of the page's figures, in page order, each address once."""
    bases = _BASE_XPATH(tree)
    base = str(bases[0]).strip() if bases else None
    found: dict[str, Picture] = {}
    for figure in tree.iter("figure"):
        image = next(figure.iter("img"), None)
        if image is None:
            continue
        url = image.get("src") or image.get("data-src") or ""
        caption_element = next(figure.iter("figcaption"), None)
        credit_elements = _CREDIT_XPATH(figure)
        credit = normalise(credit_elements[0].text_content()) if credit_elements else None
        caption = normalise(caption_element.text_content()) if caption_element is not None else ""
        if credit and caption.endswith(credit):
            caption = caption[: -len(credit)].strip()
        kept = picture(url, caption or None, credit, image.get("alt"), base=base)
        if kept is not None and kept.url not in found:
            found[kept.url] = kept
    return list(found.values())[:MAX_PICTURES]


def ninjs_pictures(associations: Any) -> list[Picture]:
    """The pictures among a ninjs document's associations (2.x or 3.x spelling)."""
    found: list[Picture] = []
    if not isinstance(associations, list):
        return found
    for item in associations:
        if not isinstance(item, dict) or item.get("type") != "picture":
            continue
        renditions = item.get("renditions") or []
        hrefs = [r.get("href") for r in renditions if isinstance(r, dict) and r.get("href")]
        url = str(item.get("uri") or "") if not hrefs else str(hrefs[0])
        described = {
            d.get("role"): str(d.get("value"))
            for d in item.get("descriptions") or []
            if isinstance(d, dict) and d.get("value")
        }
        credit = item.get("by") or item.get("copyrightholder") or item.get("copyrightHolder")
        kept = picture(
            url,
            described.get("caption") or _headline(item),
            str(credit) if credit else None,
            described.get("alt"),
        )
        if kept is not None:
            found.append(kept)
    return found[:MAX_PICTURES]


def _headline(item: dict[str, Any]) -> str | None:
    headlines = item.get("headlines") or []
    values = [str(h["value"]) for h in headlines if isinstance(h, dict) and h.get("value")]
    return values[0] if values else None
