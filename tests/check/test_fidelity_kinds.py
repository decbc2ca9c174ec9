"""The checks of issue 14 in Spanish, French and Portuguese: local forms of acronyms raise no
alarm; repeated values, currencies, scale words, negation, whole names, dropped sentences and
names translated as words are major findings."""

from __future__ import annotations

import pytest

from polywire.check import Severity, Text, check_translation


def majors(source: str, translation: str, language: str) -> list[str]:
    report = check_translation(Text("en", "", [source]), Text(language, "", [translation]))
    return [f.check for f in report.findings if f.severity == Severity.MAJOR]


@pytest.mark.parametrize(
    ("source", "language", "translation"),
    [
        (
            "The U.S. economy grew faster than GDP forecasts, the WHO and the UN said.",
            "es",
            "La economía de EE.UU. creció más que las previsiones del PIB, dijeron la OMS y "
            "la ONU.",
        ),
        (
            "The EU and the IMF said the U.S. would lend more.",
            "fr",
            "L'UE et le FMI ont dit que les États-Unis prêteraient davantage.",
        ),
        (
            "U.S. GDP rose, the WHO said, and the EU agreed.",
            "pt",
            "O PIB dos EUA subiu, disse a OMS, e a UE concordou.",
        ),
    ],
)
def test_local_forms_of_acronyms_are_no_alarm(source: str, language: str, translation: str) -> None:
    assert majors(source, translation, language) == []


@pytest.mark.parametrize(
    ("source", "language", "translation"),
    [
        (
            "The talks in Beijing and England ended in New York on Monday.",
            "es",
            "Las conversaciones en Pekín e Inglaterra terminaron en Nueva York el lunes.",
        ),
        (
            "The talks in Scotland ended on Monday.",
            "fr",
            "Les pourparlers en Écosse ont pris fin lundi.",
        ),
        (
            "The talks in Beijing ended on Monday.",
            "pt",
            "As conversas em Pequim terminaram na segunda-feira.",
        ),
    ],
)
def test_places_in_the_form_the_translator_writes_are_no_alarm(
    source: str, language: str, translation: str
) -> None:
    assert majors(source, translation, language) == []


def test_a_place_turned_into_another_word_is_still_major() -> None:
    source = "The talks in Beijing ended on Monday."
    assert "names" in majors(source, "Las conversaciones en Pequín terminaron el lunes.", "es")


@pytest.mark.parametrize(
    ("language", "clean"),
    [
        ("es", "La empresa recaudó 2 miles de millones de dólares el lunes."),
        ("fr", "L'entreprise a levé 2 milliers de millions de dollars lundi."),
        ("pt", "A empresa captou 2 milhares de milhões de dólares na segunda-feira."),
        ("fr", "L'entreprise a levé 2 mille millions de dollars lundi."),
        ("fr", "L'entreprise a levé $2 mil millions lundi."),
    ],
)
def test_thousands_of_millions_are_a_billion(language: str, clean: str) -> None:
    source = "The company raised $2 billion on Monday."
    assert majors(source, clean, language) == []
    assert "numbers" in majors(source, clean.replace("2 mil", "3 mil"), language)


@pytest.mark.parametrize(
    ("language", "clean", "faulty"),
    [
        (
            "es",
            "Se vendieron 2.400 coches en marzo y otros 2.400 en abril.",
            "Se vendieron 2.400 coches en marzo y otros 2.500 en abril.",
        ),
        (
            "fr",
            "2 400 voitures ont été vendues en mars et 2 400 autres en avril.",
            "2 400 voitures ont été vendues en mars et 2 700 autres en avril.",
        ),
        (
            "pt",
            "Foram vendidos 2.400 carros em março e outros 2.400 em abril.",
            "Foram vendidos 2.400 carros em março e outros 2.900 em abril.",
        ),
    ],
)
def test_one_of_two_equal_numbers_changed_is_major(language: str, clean: str, faulty: str) -> None:
    source = "It sold 2,400 cars in March and another 2,400 in April."
    assert majors(source, clean, language) == []
    assert "numbers" in majors(source, faulty, language)


@pytest.mark.parametrize(
    ("language", "clean", "faulty"),
    [
        ("es", "Votó en marzo y de nuevo en marzo.", "Votó en marzo y de nuevo en abril."),
        ("fr", "Il a voté en mars et encore en mars.", "Il a voté en mars et encore en mai."),
        ("pt", "Votou em março e de novo em março.", "Votou em março e de novo em junho."),
    ],
)
def test_one_of_two_equal_months_changed_is_major(language: str, clean: str, faulty: str) -> None:
    source = "He voted in March and again in March."
    assert majors(source, clean, language) == []
    assert "dates" in majors(source, faulty, language)


KINDS = {
    "currency": (
        "The car costs $39,014 in the shop.",
        {
            "es": (
                "El coche cuesta $39.014 en la tienda.",
                "El coche cuesta €39.014 en la tienda.",
            ),
            "fr": (
                "La voiture coûte 39 014 $ au magasin.",
                "La voiture coûte 39 014 € au magasin.",
            ),
            "pt": ("O carro custa 39.014 dólares na loja.", "O carro custa 39.014 euros na loja."),
        },
    ),
    "numbers": (
        "The company raised 5 billion dollars last year.",
        {
            "es": (
                "La empresa recaudó 5 mil millones de dólares el año pasado.",
                "La empresa recaudó 5 billones de dólares el año pasado.",
            ),
            "fr": (
                "L'entreprise a levé 5 milliards de dollars l'an dernier.",
                "L'entreprise a levé 5 millions de dollars l'an dernier.",
            ),
            "pt": (
                "A empresa arrecadou 5 bilhões de dólares no ano passado.",
                "A empresa arrecadou 5 milhões de dólares no ano passado.",
            ),
        },
    ),
    "negation": (
        "The minister did not comment on the report.",
        {
            "es": ("El ministro no comentó el informe.", "El ministro comentó el informe."),
            "fr": (
                "Le ministre n'a pas commenté le rapport.",
                "Le ministre a commenté le rapport.",
            ),
            "pt": ("O ministro não comentou o relatório.", "O ministro comentou o relatório."),
        },
    ),
    "person": (
        "The defence was led by Cam Heyward, the team said.",
        {
            "es": (
                "La defensa fue dirigida por Cam Heyward, dijo el equipo.",
                "La defensa fue dirigida por Cam Whitfield, dijo el equipo.",
            ),
            "fr": (
                "La défense était menée par Cam Heyward, a dit l'équipe.",
                "La défense était menée par Cam Whitfield, a dit l'équipe.",
            ),
            "pt": (
                "A defesa foi liderada por Cam Heyward, disse a equipa.",
                "A defesa foi liderada por Cam Whitfield, disse a equipa.",
            ),
        },
    ),
    "name-as-word": (
        "On the call, Trump said the tariffs would stay.",
        {
            "es": (
                "En la llamada, Trump dijo que los aranceles se quedarían.",
                "En la llamada, Triunfo dijo que los aranceles se quedarían.",
            ),
            "fr": (
                "Lors de l'appel, Trump a dit que les tarifs resteraient.",
                "Lors de l'appel, Triomphe a dit que les tarifs resteraient.",
            ),
            "pt": (
                "Na chamada, Trump disse que as tarifas ficariam.",
                "Na chamada, Trunfo disse que as tarifas ficariam.",
            ),
        },
    ),
    "organisation": (
        "Prices rose by a third over the year, the ministry said.",
        {
            "es": (
                "Los precios subieron un tercio en el año, dijo el ministerio.",
                "Los precios subieron un tercio en el año, dijo el ministerio, según el Banco "
                "Mundial.",
            ),
            "fr": (
                "Les prix ont augmenté d'un tiers sur l'année, a dit le ministère.",
                "Les prix ont augmenté d'un tiers sur l'année, a dit le ministère, selon la "
                "Croix-Rouge.",
            ),
            "pt": (
                "Os preços subiram um terço no ano, disse o ministério.",
                "Os preços subiram um terço no ano, disse o ministério, segundo a Cruz Vermelha.",
            ),
        },
    ),
    "sentences": (
        "Talks broke down on Friday. The union said members were angry about the offer. "
        "A mediator may be appointed next week.",
        {
            "es": (
                "Las negociaciones fracasaron el viernes. El sindicato dijo que los miembros "
                "estaban enojados por la oferta. Un mediador podría ser nombrado la próxima "
                "semana.",
                "Las negociaciones fracasaron el viernes. Un mediador podría ser nombrado la "
                "próxima semana.",
            ),
            "fr": (
                "Les négociations ont échoué vendredi. Le syndicat a dit que les membres étaient "
                "en colère contre l'offre. Un médiateur pourrait être nommé la semaine prochaine.",
                "Les négociations ont échoué vendredi. Un médiateur pourrait être nommé la "
                "semaine prochaine.",
            ),
            "pt": (
                "As negociações fracassaram na sexta-feira. O sindicato disse que os membros "
                "estavam zangados com a oferta. Um mediador pode ser nomeado na próxima semana.",
                "As negociações fracassaram na sexta-feira. Um mediador pode ser nomeado na "
                "próxima semana.",
            ),
        },
    ),
}


@pytest.mark.parametrize(
    ("check", "language"), [(check, language) for check in KINDS for language in ("es", "fr", "pt")]
)
def test_each_kind_of_fault_is_major_and_its_clean_translation_passes(
    check: str, language: str
) -> None:
    source, translations = KINDS[check]
    clean, faulty = translations[language]
    assert majors(source, clean, language) == []
    found = majors(source, faulty, language)
    expected = "names" if check in {"person", "name-as-word", "organisation"} else check
    assert expected in found, found


def test_a_changed_name_part_names_the_exact_words() -> None:
    source, translations = KINDS["person"]
    report = check_translation(Text("en", "", [source]), Text("es", "", [translations["es"][1]]))
    [finding] = [f for f in report.findings if f.severity == Severity.MAJOR]
    assert "Heyward" in finding.source and "Whitfield" in finding.target
    assert "Heyward" in finding.message and "Whitfield" in finding.message


def test_a_paragraph_without_letters_is_reported_not_a_crash() -> None:
    """Regression: a translated paragraph with no letters divided by zero in the length check."""
    source = "The union, which represents about 2,400 drivers, is asking for a pay rise of 7.5%."
    report = check_translation(Text("en", "", [source]), Text("es", "", ["— 2.400 7,5 %"]))
    assert any(f.check == "length" for f in report.findings)


def test_vietnamese_capitalised_common_words_are_not_names() -> None:
    source = "President Trump and the European Union signed the economic treaty in Hanoi."
    translation = (
        "Tổng thống Trump và Liên minh châu Âu đã ký Hiệp ước kinh tế tại Hà Nội, theo "
        "Kinh tế Việt Nam."
    )
    assert majors(source, translation, "vi") == []


@pytest.mark.parametrize("language", ["es", "fr", "pt"])
def test_short_number_forms_kept_as_written_are_the_same_number(language: str) -> None:
    source = "The start-up is valued at 1B and has 4k users."
    translation = {
        "es": "La empresa está valorada en 1B y tiene 4k usuarios.",
        "fr": "La start-up est valorisée à 1B et compte 4k utilisateurs.",
        "pt": "A empresa está avaliada em 1B e tem 4k usuários.",
    }[language]
    assert majors(source, translation, language) == []


@pytest.mark.parametrize(
    ("language", "clean", "swapped"),
    [
        (
            "es",
            "En la demanda, Braun acusó a Borchetta de vender las grabaciones.",
            "En la demanda, Borchetta acusó a Braun de vender las grabaciones.",
        ),
        (
            "fr",
            "Dans la plainte, Braun accuse Borchetta d'avoir vendu les enregistrements.",
            "Dans la plainte, Borchetta accuse Braun d'avoir vendu les enregistrements.",
        ),
        (
            "pt",
            "No processo, Braun acusou Borchetta de vender as gravações.",
            "No processo, Borchetta acusou Braun de vender as gravações.",
        ),
    ],
)
def test_two_parties_swapped_in_a_sentence_is_major(
    language: str, clean: str, swapped: str
) -> None:
    source = "In the lawsuit, Braun accused Borchetta of selling the recordings."
    assert majors(source, clean, language) == []
    assert "roles" in majors(source, swapped, language)


@pytest.mark.parametrize(
    ("language", "translation"),
    [
        ("es", "La Organización Mundial de la Salud y la Casa Blanca lo confirmaron."),
        ("fr", "L'Organisation mondiale de la santé et la Maison Blanche l'ont confirmé."),
        ("pt", "A Organização Mundial da Saúde e a Casa Branca confirmaram-no."),
    ],
)
def test_local_full_names_of_source_acronyms_are_no_inserted_fact(
    language: str, translation: str
) -> None:
    assert majors("The WHO and the White House confirmed it.", translation, language) == []


#: The same faults in Vietnamese, German, Japanese and Arabic (translations written by hand):
#: kind → (source, {language: (clean, faulty)}).
MORE_LANGUAGES: dict[str, tuple[str, dict[str, tuple[str, str]]]] = {
    "currency": (
        KINDS["currency"][0],
        {
            "vi": (
                "Chiếc xe có giá 39.014 đô la tại cửa hàng.",
                "Chiếc xe có giá 39.014 euro tại cửa hàng.",
            ),
            "de": (
                "Das Auto kostet im Geschäft 39.014 Dollar.",
                "Das Auto kostet im Geschäft 39.014 Euro.",
            ),
            "ja": ("その車は店頭で39,014ドルする。", "その車は店頭で39,014ユーロする。"),
            "ar": (
                "يبلغ سعر السيارة 39014 دولارا في المتجر.",
                "يبلغ سعر السيارة 39014 يورو في المتجر.",
            ),
        },
    ),
    "numbers": (
        KINDS["numbers"][0],
        {
            "vi": (
                "Công ty đã huy động 5 tỷ đô la vào năm ngoái.",
                "Công ty đã huy động 5 triệu đô la vào năm ngoái.",
            ),
            "de": (
                "Das Unternehmen nahm im vergangenen Jahr 5 Milliarden Dollar ein.",
                "Das Unternehmen nahm im vergangenen Jahr 5 Billionen Dollar ein.",
            ),
            "ja": ("同社は昨年50億ドルを調達した。", "同社は昨年50万ドルを調達した。"),
            "ar": (
                "جمعت الشركة 5 مليارات دولار العام الماضي.",
                "جمعت الشركة 5 ملايين دولار العام الماضي.",
            ),
        },
    ),
    "negation": (
        KINDS["negation"][0],
        {
            "vi": ("Bộ trưởng không bình luận về báo cáo.", "Bộ trưởng đã bình luận về báo cáo."),
            "de": (
                "Der Minister äußerte sich nicht zu dem Bericht.",
                "Der Minister äußerte sich zu dem Bericht.",
            ),
            "ja": (
                "大臣は報告書についてコメントしなかった。",
                "大臣は報告書についてコメントした。",
            ),
            "ar": ("لم يعلق الوزير على التقرير.", "علق الوزير على التقرير."),
        },
    ),
    "person": (
        KINDS["person"][0],
        {
            "vi": (
                "Hàng phòng ngự do Cam Heyward dẫn dắt, đội bóng cho biết.",
                "Hàng phòng ngự do Cam Whitfield dẫn dắt, đội bóng cho biết.",
            ),
            "de": (
                "Die Verteidigung wurde von Cam Heyward angeführt, teilte das Team mit.",
                "Die Verteidigung wurde von Cam Whitfield angeführt, teilte das Team mit.",
            ),
            # names written in Latin letters (transliterated: test_transliterated_names.py)
            "ja": (
                "守備を率いたのはCam Heywardだとチームは述べた。",
                "守備を率いたのはCam Whitfieldだとチームは述べた。",
            ),
            "ar": (
                "قاد الدفاع Cam Heyward، بحسب الفريق.",
                "قاد الدفاع Cam Whitfield، بحسب الفريق.",
            ),
        },
    ),
    "organisation": (
        KINDS["organisation"][0],
        {
            "vi": (
                "Giá đã tăng một phần ba trong năm, bộ cho biết.",
                "Giá đã tăng một phần ba trong năm, bộ cho biết, theo Ngân hàng Thế giới.",
            ),
            "de": (
                "Die Preise stiegen im Jahresverlauf um ein Drittel, teilte das Ministerium mit.",
                "Die Preise stiegen im Jahresverlauf um ein Drittel, teilte das Ministerium mit, "
                "so die Weltbank.",
            ),
            "ja": (
                "物価は1年で3分の1上昇したと同省は述べた。",
                "世界銀行によると、物価は1年で3分の1上昇したと同省は述べた。",
            ),
            "ar": (
                "قالت الوزارة إن الأسعار ارتفعت بمقدار الثلث خلال العام.",
                "قالت الوزارة إن الأسعار ارتفعت بمقدار الثلث خلال العام، وفقا للبنك الدولي.",
            ),
        },
    ),
    "sentences": (
        KINDS["sentences"][0],
        {
            "vi": (
                "Các cuộc đàm phán đổ vỡ hôm thứ Sáu. Công đoàn cho biết các thành viên tức giận "
                "về đề nghị này. Một người hòa giải có thể được chỉ định vào tuần tới.",
                "Các cuộc đàm phán đổ vỡ hôm thứ Sáu. Một người hòa giải có thể được chỉ định vào "
                "tuần tới.",
            ),
            "de": (
                "Die Gespräche scheiterten am Freitag. Die Gewerkschaft sagte, die Mitglieder "
                "seien über das Angebot verärgert. Nächste Woche könnte ein Schlichter ernannt "
                "werden.",
                "Die Gespräche scheiterten am Freitag. Nächste Woche könnte ein Schlichter "
                "ernannt werden.",
            ),
            "ja": (
                "交渉は金曜日に決裂した。組合は、組合員がこの提案に怒っていると述べた。"
                "来週には調停人が任命される可能性がある。",
                "交渉は金曜日に決裂した。来週には調停人が任命される可能性がある。",
            ),
            "ar": (
                "انهارت المحادثات يوم الجمعة. وقالت النقابة إن الأعضاء غاضبون من العرض. وقد يعين "
                "وسيط الأسبوع المقبل.",
                "انهارت المحادثات يوم الجمعة. وقد يعين وسيط الأسبوع المقبل.",
            ),
        },
    ),
    "repeated": (
        "It sold 2,400 cars in March and another 2,400 in April.",
        {
            "vi": (
                "Hãng đã bán 2.400 xe trong tháng Ba và thêm 2.400 xe trong tháng Tư.",
                "Hãng đã bán 2.400 xe trong tháng Ba và thêm 2.500 xe trong tháng Tư.",
            ),
            "de": (
                "Im März wurden 2.400 Autos verkauft und im April weitere 2.400.",
                "Im März wurden 2.400 Autos verkauft und im April weitere 2.700.",
            ),
            "ja": (
                "3月に2400台、4月にさらに2400台を販売した。",
                "3月に2400台、4月にさらに2500台を販売した。",
            ),
            "ar": (
                "باعت 2400 سيارة في مارس و2400 أخرى في أبريل.",
                "باعت 2400 سيارة في مارس و2900 أخرى في أبريل.",
            ),
        },
    ),
    "roles": (
        "In the lawsuit, Braun accused Borchetta of selling the recordings.",
        {
            "vi": (
                "Trong vụ kiện, Braun cáo buộc Borchetta bán các bản thu âm.",
                "Trong vụ kiện, Borchetta cáo buộc Braun bán các bản thu âm.",
            ),
            "de": (
                "In der Klage warf Braun Borchetta vor, die Aufnahmen verkauft zu haben.",
                "In der Klage warf Borchetta Braun vor, die Aufnahmen verkauft zu haben.",
            ),
            "ja": (
                "訴訟でBraun氏はBorchetta氏が録音を売却したと非難した。",
                "訴訟でBorchetta氏はBraun氏が録音を売却したと非難した。",
            ),
            "ar": (
                "في الدعوى، اتهم Braun السيد Borchetta ببيع التسجيلات.",
                "في الدعوى، اتهم Borchetta السيد Braun ببيع التسجيلات.",
            ),
        },
    ),
}


@pytest.mark.parametrize(
    ("kind", "language"),
    [(kind, language) for kind, (_, cases) in MORE_LANGUAGES.items() for language in cases],
)
def test_each_kind_of_fault_is_major_in_vietnamese_german_japanese_and_arabic(
    kind: str, language: str
) -> None:
    source, translations = MORE_LANGUAGES[kind]
    clean, faulty = translations[language]
    assert majors(source, clean, language) == []
    found = majors(source, faulty, language)
    expected = {"person": "names", "organisation": "names", "repeated": "numbers"}.get(kind, kind)
    assert expected in found, found


@pytest.mark.parametrize(
    ("kind", "language", "source_words", "target_words"),
    [
        ("currency", "es", "$", "€"),
        ("negation", "fr", "not", None),
        ("person", "pt", "Heyward", "Whitfield"),
        ("name-as-word", "es", "Trump", "Triunfo"),
        ("organisation", "es", None, "Banco Mundial"),
    ],
)
def test_a_finding_gives_the_exact_words_in_source_and_translation(
    kind: str, language: str, source_words: str | None, target_words: str | None
) -> None:
    source, translations = KINDS[kind]
    faulty = translations[language][1]
    report = check_translation(Text("en", "", [source]), Text(language, "", [faulty]))
    [finding] = [f for f in report.findings if f.severity == Severity.MAJOR]
    for span, words, text in (
        (finding.source_span, source_words, source),
        (finding.target_span, target_words, faulty),
    ):
        if words is None:
            continue
        assert span is not None and span.text == words
        assert span.paragraph == 1 and text[span.start : span.end] == words
