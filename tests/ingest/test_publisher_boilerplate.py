"""The publisher's About paragraph and media contacts are read as fields of the draft, in many
languages; another wire's own About stays a notice only."""

from __future__ import annotations

from pathlib import Path

import pytest

from polywire.domain import About, Contact
from polywire.ingest import extract

SAMPLES = Path(__file__).parent / "samples"


def release(body: str, *notices: str) -> bytes:
    return "\n\n".join(["Acme opens a plant", body, *notices]).encode()


def test_an_english_release_with_two_contacts() -> None:
    text = release(
        "LEEDS (BrandWire) – Acme Ltd opened a bicycle plant in Leeds on Monday that will employ "
        "500 people by the end of next year, the company said.",
        "About Acme Ltd\nAcme Ltd makes bicycles and e-bikes in Leeds and Lyon.",
        "Media contacts:\nJane Doe, Head of Communications\nTel: +44 113 496 0000\n"
        "jane.doe@acme.example\nJohn Roe\nPress officer\n+44 7700 900123\npress@acme.example\n"
        "www.acme.example",
    )
    result = extract(text, source="release.txt")
    assert result.about == [
        About("Acme Ltd", "Acme Ltd makes bicycles and e-bikes in Leeds and Lyon.")
    ]
    assert result.contacts == [
        Contact("Jane Doe", "Head of Communications", ("+44 113 496 0000",),
                ("jane.doe@acme.example",)),
        Contact("John Roe", "Press officer", ("+44 7700 900123",), ("press@acme.example",),
                ("www.acme.example",)),
    ]  # fmt: skip
    assert result.to_json()["contacts"][0]["emails"] == ["jane.doe@acme.example"]
    assert len(result.notices) == 2  # still kept as printed


def test_a_redistributing_wires_own_about_is_not_the_publishers() -> None:
    result = extract((SAMPLES / "de-release-redistributed.txt").read_bytes(), source="de.txt")
    assert [about.name for about in result.about] == ["Sonnfeld AG"]
    assert result.about[0].text.startswith("Die Sonnfeld AG mit Sitz in Dresden")
    assert result.contacts == [Contact("Anna Schmidt", emails=("presse@sonnfeld.example",))]
    assert any(notice.startswith("Über BrandWire") for notice in result.notices)


@pytest.mark.parametrize(
    ("body", "about", "contact", "name"),
    [
        (
            "PARIS (BrandWire) – Acme SA a inauguré lundi à Lyon une usine de vélos qui emploiera "
            "cinq cents personnes d'ici la fin de l'année prochaine, a annoncé l'entreprise.",
            "A propos de Acme SA\nAcme SA fabrique des vélos électriques à Lyon depuis 1990.",
            "Contact presse : Marie Dupont, +33 1 23 45 67 89, marie@acme.example",
            "Acme SA",
        ),
        (
            "上海（BrandWire）——Acme公司周一在苏州开设了一家新的自行车工厂，预计到明年年底将雇用五百名员工，"
            "公司表示这是其在亚洲最大的生产基地。",
            "关于Acme公司\nAcme公司是一家总部位于上海的自行车制造商，在亚洲拥有三家工厂。",
            "媒体联系：\n王芳\n电话：+86 21 5555 0000\nwangfang@acme.example",
            "Acme公司",
        ),
        (
            "東京（BrandWire）－Acme株式会社は月曜日、大阪に新しい自転車工場を開設した。同社によると、"
            "来年末までに五百人を雇用する予定で、アジア最大の生産拠点となる。",
            "Acme株式会社について\nAcme株式会社は東京に本社を置く自転車メーカーで、アジアに三つの工場を持つ。",
            "お問い合わせ\n広報部 山田花子\nTEL: 03-1234-5678\nhanako@acme.example",
            "Acme株式会社",
        ),
        (
            "HÀ NỘI (BrandWire) – Công ty Acme hôm thứ Hai đã khai trương một nhà máy xe đạp mới "
            "tại Bắc Ninh, dự kiến sử dụng năm trăm lao động vào cuối năm sau, công ty cho biết.",
            "Giới thiệu về Công ty Acme\nCông ty Acme là nhà sản xuất xe đạp có trụ sở tại Hà Nội.",
            "Liên hệ báo chí:\nNguyễn Văn An\nĐiện thoại: +84 24 3555 0000\nan@acme.example",
            "Công ty Acme",
        ),
        (
            "JAKARTA (BrandWire) – Acme membuka pabrik sepeda baru di Bekasi pada hari Senin yang "
            "akan mempekerjakan lima ratus orang pada akhir tahun depan, kata perusahaan itu.",
            "Tentang Acme\nAcme adalah produsen sepeda yang berkantor pusat di Jakarta sejak 1995.",
            "Kontak media:\nSiti Rahma\nTelp: +62 21 555 0000\nsiti@acme.example",
            "Acme",
        ),
    ],
)
def test_about_and_contacts_in_other_languages(
    body: str, about: str, contact: str, name: str
) -> None:
    result = extract(release(body, about, contact), source="release.txt")
    assert [found.name for found in result.about] == [name]
    assert result.about[0].text == about.split("\n", 1)[1]
    (person,) = result.contacts
    assert person.name is not None and person.name in contact
    assert len(person.emails) == 1 and person.emails[0] in contact
    digits = "".join(ch for ch in contact if ch.isdigit())
    assert len(person.phones) == 1 and "".join(filter(str.isdigit, person.phones[0])) in digits
