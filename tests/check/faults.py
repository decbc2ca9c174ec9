"""Faults written by hand into the clean translations of `corpus`, one at a time."""

from __future__ import annotations

from dataclasses import dataclass, replace

from check.corpus import SOLAR, SOLAR_TRANSLATIONS, STRIKE, STRIKE_TRANSLATIONS
from polywire.check import Text


@dataclass(frozen=True)
class Fault:
    """In `language`'s translation of `story`, paragraph `paragraph` (1-based; 0 the headline),
    `old` becomes `new`; the check `check` must report it at that paragraph."""

    story: str
    language: str
    paragraph: int
    old: str
    new: str
    check: str

    @property
    def id(self) -> str:
        return f"{self.check}-{self.story}-{self.language}-{self.old[:12]}"

    def apply(self) -> tuple[Text, Text]:
        source, translations = STORY[self.story]
        return source, edit(translations[self.language], self.paragraph, self.old, self.new)


STORY = {"solar": (SOLAR, SOLAR_TRANSLATIONS), "strike": (STRIKE, STRIKE_TRANSLATIONS)}


def edit(text: Text, paragraph: int, old: str, new: str) -> Text:
    if paragraph == 0:
        assert old in text.headline, (old, text.headline)
        return replace(text, headline=text.headline.replace(old, new))
    paragraphs = list(text.paragraphs)
    assert old in paragraphs[paragraph - 1], (old, paragraphs[paragraph - 1])
    paragraphs[paragraph - 1] = paragraphs[paragraph - 1].replace(old, new)
    return replace(text, paragraphs=paragraphs)


NUMBER_FAULTS = [
    Fault("solar", "vi", 1, "1.200 thành viên", "1.300 thành viên", "numbers"),
    Fault("solar", "es", 3, "3.400 paneles", "3.500 paneles", "numbers"),
    Fault("solar", "de", 4, "0,25 Dollar", "0,35 Dollar", "numbers"),
    Fault("solar", "ru", 1, "1,5 млн", "1,5 млрд", "numbers"),
    Fault("solar", "ja", 1, "150万ドル", "15万ドル", "numbers"),
    Fault("solar", "ar", 3, "3400 لوح", "4300 لوح", "numbers"),
    Fault("solar", "zh-Hans", 3, "2027年", "2028年", "numbers"),
    Fault("solar", "ko", 1, "25%", "52%", "numbers"),
    Fault("solar", "fr", 1, "1 200 membres", "1 100 membres", "numbers"),
    Fault("strike", "ja", 2, "1億", "10億", "numbers"),
    Fault("strike", "th", 2, "100 ล้านยูโร", "10 ล้านยูโร", "numbers"),
    Fault("strike", "id", 2, "7.000 kereta", "700 kereta", "numbers"),
    Fault("strike", "ms", 2, "7,000 kereta", "7,500 kereta", "numbers"),
    Fault("strike", "pt", 2, "100 milhões", "100 mil", "numbers"),
]

DATE_FAULTS = [
    Fault("strike", "vi", 1, "thứ Năm", "thứ Sáu", "dates"),
    Fault("strike", "es", 1, "el martes", "el miércoles", "dates"),
    Fault("strike", "de", 1, "November", "Dezember", "dates"),
    Fault("strike", "ru", 1, "во вторник", "в среду", "dates"),
    Fault("strike", "ja", 1, "木曜日", "金曜日", "dates"),
    Fault("strike", "ar", 1, "الثلاثاء", "الأربعاء", "dates"),
    Fault("solar", "zh-Hant", 1, "週一", "週二", "dates"),
    Fault("solar", "ko", 1, "월요일", "화요일", "dates"),
    Fault("solar", "fr", 3, "mars 2027", "avril 2027", "dates"),
    Fault("solar", "ja", 3, "2027年3月", "2027年4月", "dates"),
    Fault("strike", "vi", 0, "thứ Năm", "thứ Tư", "dates"),
    Fault("strike", "th", 1, "วันอังคาร", "วันพุธ", "dates"),
    Fault("strike", "id", 1, "mulai Kamis", "mulai Jumat", "dates"),
    Fault("strike", "ms", 1, "hari Selasa", "hari Rabu", "dates"),
    Fault("strike", "pt", 1, "5 de novembro", "5 de dezembro", "dates"),
]

NAME_FAULTS = [
    Fault("solar", "vi", 4, "Theo hợp tác xã", "Theo hợp tác xã và IMF", "names"),
    Fault("solar", "es", 4, "según la cooperativa", "según la cooperativa y el FMI", "names"),
    Fault("solar", "ja", 4, "パネルによる電力は", "IMFによると、パネルによる電力は", "names"),
    Fault("solar", "ar", 2, "رئيسة التعاونية", "رئيسة التعاونية في WWF", "names"),
    Fault("solar", "ru", 4, "По данным кооператива", "По данным кооператива и МВФ", "names"),
    Fault("solar", "de", 4, "hieß es.", "hieß es beim IWF.", "names"),
    Fault("solar", "zh-Hans", 4, "合作社表示", "合作社和IMF表示", "names"),
]
DROPPED_NAME_FAULTS = [
    Fault("solar", "es", 2, "dijo Nguyen Thi Lan, presidenta", "dijo la presidenta", "names"),
    Fault(
        "solar", "de", 2, "sagte Nguyen Thi Lan, die Vorsitzende", "sagte die Vorsitzende", "names"
    ),
    Fault("strike", "ru", 3, "глава GDL Клаус Веселски", "глава GDL", "names"),
    Fault("strike", "vi", 3, "lãnh đạo GDL Claus Weselsky", "lãnh đạo GDL", "names"),
    Fault("strike", "es", 2, "Deutsche Bahn", "la compañía", "names"),
    Fault(
        "strike", "es", 2, "según Deutsche Bahn,", "según Deutsche Bahn y Volker Wissing,", "names"
    ),
]
QUOTE_FAULTS = [
    Fault(
        "solar",
        "es",
        2,
        "«Es dinero de los agricultores, no de los bancos»",
        "Es dinero de los agricultores, no de los bancos",
        "quotes",
    ),
    Fault(
        "solar",
        "de",
        2,
        "„Das ist Geld von Bauern, nicht von Banken“",
        "Das ist Geld von Bauern, nicht von Banken",
        "quotes",
    ),
    Fault(
        "solar",
        "ru",
        2,
        "«Это деньги фермеров, а не банков», —",
        "Это деньги фермеров, а не банков, —",
        "quotes",
    ),
    Fault(
        "solar",
        "ja",
        2,
        "「これは銀行ではなく、農家のお金です」",
        "これは銀行ではなく、農家のお金です",
        "quotes",
    ),
    Fault(
        "solar",
        "ar",
        2,
        "«هذه أموال المزارعين، لا أموال البنوك»",
        "هذه أموال المزارعين، لا أموال البنوك",
        "quotes",
    ),
    Fault(
        "solar",
        "zh-Hans",
        2,
        "“这是农民的钱，不是银行的钱，”",
        "这是农民的钱，不是银行的钱，",
        "quotes",
    ),
    Fault(
        "solar",
        "ko",
        2,
        '"이것은 은행이 아니라 농민들의 돈"',
        "이것은 은행이 아니라 농민들의 돈",
        "quotes",
    ),
    Fault(
        "strike",
        "vi",
        3,
        "“Chúng tôi không có lựa chọn nào khác,”",
        "Chúng tôi không có lựa chọn nào khác,",
        "quotes",
    ),
]
