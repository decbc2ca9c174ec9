"""After a release's story, a paragraph that describes a company by name ("Acme Ltd is …",
"Công ty Acme là …", "Acme公司是…") is an About paragraph: the publisher's, or — when it names
the wire that redistributed the release — that wire's own, kept apart as a notice and never
published."""

from __future__ import annotations

from pathlib import Path

import pytest

from polywire.ingest import extract

SAMPLES = Path(__file__).parent / "samples"


def test_another_wires_description_of_itself_is_a_notice_not_the_publishers_about() -> None:
    found = extract((SAMPLES / "vi-release-redistributed.txt").read_bytes(), source="vi.txt")
    assert [about.name for about in found.about] == ["Công ty Acme"]
    assert any(notice.startswith("BrandWire là nhà phân phối") for notice in found.notices)
    assert any(notice.startswith("Tuyên bố miễn trừ") for notice in found.notices)
    assert found.sectors == ["Sản xuất", "Giao thông"]
    assert not any("BrandWire" in paragraph for paragraph in found.body)


@pytest.mark.parametrize(
    ("story", "description", "name"),
    [
        (
            "LEEDS (BrandWire) – Acme Ltd opened a bicycle plant in Leeds on Monday that will "
            "employ 500 people by the end of next year, the company said.",
            "Acme Ltd is a maker of bicycles and e-bikes with plants in Leeds and Lyon.",
            "Acme Ltd",
        ),
        (
            "上海（BrandWire）——Acme公司周一在苏州开设了一家新的自行车工厂，预计到明年年底将雇用五百名员工，"
            "公司表示这是其在亚洲最大的生产基地。",
            "Acme公司是一家总部位于上海的自行车制造商，在亚洲拥有三家工厂和两千名员工。",
            "Acme公司",
        ),
        (
            "JAKARTA (BrandWire) – Acme membuka pabrik sepeda baru di Bekasi pada hari Senin yang "
            "akan mempekerjakan lima ratus orang pada akhir tahun depan, kata perusahaan itu.",
            "PT Acme Indonesia adalah produsen sepeda yang berkantor pusat di Jakarta sejak 1995.",
            "PT Acme Indonesia",
        ),
    ],
)
def test_a_description_after_the_contacts_is_the_publishers_about(
    story: str, description: str, name: str
) -> None:
    text = "\n\n".join(
        ["Acme opens a plant", story, "Media contact:\nJane Doe\njane@acme.example", description]
    )
    found = extract(text.encode(), source="release.txt")
    assert [(about.name, about.text) for about in found.about] == [(name, description)]
    assert description not in found.body


def test_a_sentence_of_the_story_is_not_a_description() -> None:
    text = (
        "Acme opens a plant\n\nLEEDS (BrandWire) – Acme Ltd opened a bicycle plant in Leeds on "
        "Monday that will employ 500 people by the end of next year, the company said.\n\n"
        "The plant is the largest of the three factories the company runs in Europe today."
    )
    found = extract(text.encode(), source="release.txt")
    assert found.about == []
    assert found.body[-1].startswith("The plant is the largest")
