"""Issue 14's acceptance case: an agency story and another wire's Vietnamese version of it, written
in its own words, that moves a weekday and puts an organisation in place of a party to the deal.
Both changes are major findings at their words, and nothing else is more than one minor note."""

from __future__ import annotations

from dataclasses import replace

from polywire.check import Severity, Text, check_translation

AGENCY = Text(
    "en",
    "Vietnam signs $1.2 billion offshore wind deal with Siemens Energy",
    [
        "HANOI — Vietnam signed a $1.2 billion agreement with Siemens Energy on Tuesday to build "
        "the country's first offshore wind farm off the coast of Binh Thuan province, the "
        "Ministry of Industry and Trade said.",
        "The 800-megawatt project is due to start producing power in 2029 and will supply about "
        "1.5 million households, Deputy Minister Nguyen Sinh Nhat Tan told reporters in Hanoi.",
        "Siemens Energy will supply 54 turbines and train local engineers, while state utility "
        "EVN has agreed to buy the electricity for 20 years.",
        "Vietnam aims to have 6,000 megawatts of offshore wind capacity by 2030 under its latest "
        "power development plan.",
        "The ministry did not disclose the price at which EVN will buy the power.",
    ],
)
OTHER_WIRE = Text(
    "vi",
    "Việt Nam ký thỏa thuận điện gió ngoài khơi trị giá 1,2 tỷ USD với Siemens Energy",
    [
        "HÀ NỘI — Việt Nam hôm thứ Ba đã ký thỏa thuận trị giá 1,2 tỷ USD với Siemens Energy để "
        "xây dựng trang trại điện gió ngoài khơi đầu tiên của cả nước ngoài khơi tỉnh Bình Thuận, "
        "Bộ Công Thương cho biết.",
        "Dự án công suất 800 megawatt dự kiến bắt đầu phát điện vào năm 2029 và sẽ cung cấp điện "
        "cho khoảng 1,5 triệu hộ gia đình, Thứ trưởng Nguyễn Sinh Nhật Tân nói với các phóng "
        "viên tại Hà Nội.",
        "Siemens Energy sẽ cung cấp 54 tua-bin và đào tạo kỹ sư trong nước, trong khi Tập đoàn "
        "Điện lực Việt Nam (EVN) đã đồng ý mua điện trong 20 năm.",
        "Theo quy hoạch phát triển điện mới nhất, Việt Nam đặt mục tiêu có 6.000 megawatt công "
        "suất điện gió ngoài khơi vào năm 2030.",
        "Bộ không công bố giá mà EVN sẽ mua điện.",
    ],
)


def changed() -> Text:
    first = OTHER_WIRE.paragraphs[0]
    first = first.replace("hôm thứ Ba", "hôm thứ Tư")
    first = first.replace("với Siemens Energy", "với Ngân hàng Thế giới")
    return replace(OTHER_WIRE, paragraphs=[first, *OTHER_WIRE.paragraphs[1:]])


def test_the_other_wire_s_faithful_version_has_no_major_finding() -> None:
    report = check_translation(AGENCY, OTHER_WIRE)
    assert [f for f in report.findings if f.severity == Severity.MAJOR] == []
    assert len(report.findings) <= 1


def test_a_moved_weekday_and_an_organisation_for_a_party_are_both_major() -> None:
    report = check_translation(AGENCY, changed())
    majors = [f for f in report.findings if f.severity == Severity.MAJOR]
    assert {(f.paragraph, f.check) for f in majors} == {(1, "dates"), (1, "names")}
    spans = {f.check: f.target_span for f in majors}
    assert spans["dates"] is not None and spans["dates"].text == "thứ Tư"
    assert spans["names"] is not None and spans["names"].text == "Ngân hàng Thế giới"
    dates = next(f for f in majors if f.check == "dates")
    assert dates.source_span is not None and dates.source_span.text == "Tuesday"
    assert len(report.findings) - len(majors) <= 1
