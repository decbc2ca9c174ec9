"""Issue 14: currencies outside amounts and units of measure, in es, fr, pt, de, vi, ja and ar.

A currency changed or dropped where no amount stands beside it (an exchange rate) is major; the
same currency written another way, and the words that are currencies only sometimes (`Real
Madrid`, `Euro 2024`, `Rand Paul`, `won`), raise nothing. A value's unit changed is major, the
same unit in another form nothing, a value converted into another unit minor."""

from __future__ import annotations

import pytest

from polywire.check import Finding, Severity, Text, check_translation
from polywire.check.currencies import find_currencies


def findings(source: str, translation: str, language: str, check: str) -> list[Finding]:
    report = check_translation(Text("en", "", [source]), Text(language, "", [translation]))
    return [f for f in report.findings if f.check == check]


def majors(source: str, translation: str, language: str) -> list[str]:
    report = check_translation(Text("en", "", [source]), Text(language, "", [translation]))
    return [f.check for f in report.findings if f.severity == Severity.MAJOR]


EXCHANGE = "The rupiah held steady against the dollar."
#: language → (clean, the dollar changed to the euro, the euro's words in the translation)
EXCHANGE_RATES = {
    "es": (
        "La rupia se mantuvo estable frente al dólar.",
        "La rupia se mantuvo estable frente al euro.",
        "euro",
    ),
    "fr": (
        "La roupie est restée stable face au dollar.",
        "La roupie est restée stable face à l'euro.",
        "euro",
    ),
    "pt": (
        "A rupia manteve-se estável frente ao dólar.",
        "A rupia manteve-se estável frente ao euro.",
        "euro",
    ),
    "de": (
        "Die Rupiah blieb gegenüber dem Dollar stabil.",
        "Die Rupiah blieb gegenüber dem Euro stabil.",
        "Euro",
    ),
    "vi": (
        "Đồng rupiah giữ ổn định so với đồng đô la.",
        "Đồng rupiah giữ ổn định so với đồng euro.",
        "đồng euro",
    ),
    "ja": ("ルピアはドルに対して横ばいだった。", "ルピアはユーロに対して横ばいだった。", "ユーロ"),
    "ar": ("استقرت الروبية مقابل الدولار.", "استقرت الروبية مقابل اليورو.", "يورو"),
}


@pytest.mark.parametrize("language", sorted(EXCHANGE_RATES))
def test_a_currency_changed_without_an_amount_is_major_with_both_spans(language: str) -> None:
    clean, faulty, euro = EXCHANGE_RATES[language]
    assert majors(EXCHANGE, clean, language) == []
    [finding] = findings(EXCHANGE, faulty, language, "currency")
    assert finding.severity == Severity.MAJOR
    assert finding.source_span is not None and finding.source_span.text == "dollar"
    assert finding.target_span is not None and finding.target_span.text == euro
    assert faulty[finding.target_span.start : finding.target_span.end] == euro


@pytest.mark.parametrize(
    ("language", "translation"),
    [
        ("es", "La rupia se mantuvo estable."),
        ("fr", "La roupie est restée stable."),
        ("pt", "A rupia manteve-se estável."),
        ("vi", "Đồng rupiah giữ ổn định."),
        ("de", "Die Rupiah blieb stabil."),
        ("ja", "ルピアは横ばいだった。"),
        ("ar", "استقرت الروبية."),
    ],
)
def test_a_currency_dropped_is_major(language: str, translation: str) -> None:
    [finding] = findings(EXCHANGE, translation, language, "currency")
    assert finding.severity == Severity.MAJOR
    assert finding.source_span is not None and finding.source_span.text == "dollar"


@pytest.mark.parametrize(
    ("language", "clean", "faulty"),
    [
        ("es", "Halvetica $pagará 74 por acción.", "Halvetica pagará 74 € por acción."),
        ("fr", "Halvetica Il $payera 74 une action.", "Halvetica Il payera 74 € une action."),
        ("pt", "Halvetica $pagará 74 por ação.", "Halvetica pagará 74 € por ação."),
    ],
)
def test_a_symbol_moved_away_from_its_amount_is_no_currency_dropped(
    language: str, clean: str, faulty: str
) -> None:
    """The engine may move `$` onto the next word; another currency there is still major."""
    source = "Halvetica will pay $74 a share."
    assert findings(source, clean, language, "currency") == []
    assert "currency" in majors(source, faulty, language)


@pytest.mark.parametrize(
    ("language", "clean", "faulty", "words"),
    [
        (
            "es",
            "El dólar australiano cayó frente al yen.",
            "El dólar canadiense cayó frente al yen.",
            "dólar canadiense",
        ),
        (
            "fr",
            "Le dollar australien a baissé face au yen.",
            "Le dollar canadien a baissé face au yen.",
            "dollar canadien",
        ),
        (
            "de",
            "Der Australische Dollar fiel gegenüber dem Yen.",
            "Der Kanadische Dollar fiel gegenüber dem Yen.",
            "Kanadische Dollar",
        ),
    ],
)
def test_one_dollar_named_in_full_in_place_of_another_is_major(
    language: str, clean: str, faulty: str, words: str
) -> None:
    source = "The Australian dollar fell against the yen."
    assert findings(source, clean, language, "currency") == []
    [finding] = findings(source, faulty, language, "currency")
    assert finding.source_span is not None and finding.source_span.text == "Australian dollar"
    assert finding.target_span is not None and finding.target_span.text == words


@pytest.mark.parametrize(
    ("language", "translation"),
    [("fr", "Halvorsen Il €payera 92 une action."), ("es", "Halvorsen pagará 92 libras.")],
)
def test_a_currency_the_engine_moved_or_left_is_still_major_when_changed(
    language: str, translation: str
) -> None:
    assert "currency" in majors("Halvorsen will pay $92 a share.", translation, language)


def test_an_exchange_rate_per_unit_changed_is_major() -> None:
    source = "The rupiah closed at 15,820 per dollar on Friday."
    assert majors(source, "La rupia cerró a 15.820 por dólar el viernes.", "es") == []
    assert "currency" in majors(source, "La rupia cerró a 15.820 por euro el viernes.", "es")


@pytest.mark.parametrize(
    ("source", "language", "translation"),
    [
        # the name in full, with the territory's adjective, or the code
        ("It raised $5 million.", "es", "Recaudó 5 millones de dólares estadounidenses."),
        ("It raised $5 million.", "fr", "Elle a levé 5 millions de dollars américains."),
        ("It raised $5 million.", "pt", "Levantou US$ 5 milhões."),
        ("The greenback rose against the yen.", "es", "El dólar subió frente al yen."),
        ("The renminbi fell against the dollar.", "fr", "Le yuan a baissé face au dollar."),
        ("The Swiss franc rose against the euro.", "de", "Der Franken stieg gegenüber dem Euro."),
        ("The yuan fell against the dollar.", "ja", "人民元はドルに対して下落した。"),
        ("The euro rose against the pound.", "vi", "Đồng euro tăng so với bảng Anh."),
        ("The euro rose against the dollar.", "ar", "ارتفع اليورو مقابل الدولار."),
        # a compound, a news form
        ("Prices in the euro zone rose.", "es", "Los precios en la eurozona subieron."),
        ("The dollar rose.", "fr", "Le billet vert a progressé."),
        # what a rule-based engine leaves: a symbol moved off its number onto a word, a word
        # of the language it translated through (Spanish, for French and Portuguese)
        ("Halvorsen will pay $92 a share.", "fr", "Halvorsen Il $payera 92 une action."),
        ("It aims to raise 300 billion shillings.", "fr", "Il vise 300 milliards chelines."),
        ("It aims to raise 300 billion shillings.", "pt", "Pretende 300 mil milhões chelines."),
        # a currency's word spelt as the language hears it (`iene`, `esloti`)
        ("He paid 300 yen for it.", "pt", "Pagou 300 ienes por ele."),
        ("The zloty fell against the euro.", "es", "El esloti cayó frente al euro."),
        ("Sterling fell against the dollar.", "es", "La esterlina cayó frente al dólar."),
        ("Sterling fell against the dollar.", "pt", "A esterlina caiu face ao dólar."),
        # a repetition the translation writes once
        (
            "The rupiah held steady against the dollar, at 15,820 per dollar.",
            "es",
            "La rupia se mantuvo estable frente al dólar, a 15.820 por unidad.",
        ),
    ],
)
def test_the_same_currency_written_another_way_is_no_finding(
    source: str, language: str, translation: str
) -> None:
    assert findings(source, translation, language, "currency") == []


@pytest.mark.parametrize(
    "source",
    [
        "Real Madrid won the Euro 2024 final in Berlin, Rand Paul said.",
        "Mark Carney met the Pound family after the vote.",
        "The real reason is that the team won, and it made its mark.",
        "Spain won Euro 2024 and the crowd pounded the drums.",
    ],
)
def test_words_that_are_currencies_only_sometimes_are_not_read_as_currencies(
    source: str,
) -> None:
    assert find_currencies(source, "en") == []


@pytest.mark.parametrize(
    ("source", "language", "translation"),
    [
        (
            "Real Madrid won the Euro 2024 final, Rand Paul said.",
            "es",
            "El Real Madrid ganó la final de la Euro 2024, dijo Rand Paul.",
        ),
        (
            "Mark said the team won against Real Betis.",
            "pt",
            "Mark disse que a equipa ganhou contra o Real Betis.",
        ),
        (
            "Real Madrid won the Euro 2024 final.",
            "de",
            "Real Madrid gewann das Finale der Euro 2024.",
        ),
        (
            "Mark Carney read the book on the real economy.",
            "fr",
            "Mark Carney a lu le livre sur l'économie réelle.",
        ),
        ("The council won the vote.", "vi", "Hội đồng đã thắng cuộc bỏ phiếu."),
        ("The former president won.", "ja", "元大統領が勝った。"),
        # a common word after a number without a scale word is the word
        ("The team had 2 real chances.", "fr", "L'équipe a eu 2 vraies occasions."),
        ("The 3 marks on the wall were new.", "es", "Las 3 marcas en la pared eran nuevas."),
        # beside an amount, not against a currency
        (
            "It cut U.S. real income by $1.4 billion a month.",
            "fr",
            "Il a réduit les revenus réels des États-Unis de 1,4 milliard de dollars par mois.",
        ),
        ("Real Madrid won the final.", "ar", "فاز ريال مدريد بالنهائي."),
    ],
)
def test_ambiguous_words_in_clean_text_are_no_finding(
    source: str, language: str, translation: str
) -> None:
    assert findings(source, translation, language, "currency") == []


@pytest.mark.parametrize(
    ("source", "language", "clean", "faulty"),
    [
        ("Sales reached 2 trillion won.", "es", "Las ventas alcanzaron 2 billones de wones.",
         "Las ventas alcanzaron 2 billones de euros."),
        ("It raised 5 million pounds.", "fr", "Elle a levé 5 millions de livres.",
         "Elle a levé 5 millions de dollars."),
        ("It raised 400 rand ($22) in fees.", "pt", "Arrecadou 400 rand ($22) em taxas.",
         "Arrecadou 400 euros ($22) em taxas."),
        # money or weight, an amount either way
        ("He weighed in at 243 pounds.", "es", "Pesó 243 libras.", "Pesó 243 euros."),
    ],
)  # fmt: skip
def test_a_common_word_after_a_scaled_number_as_a_unit_or_beside_a_currency_is_a_currency(
    source: str, language: str, clean: str, faulty: str
) -> None:
    assert findings(source, clean, language, "currency") == []
    assert "currency" in majors(source, faulty, language)


def test_an_ambiguous_word_in_a_sentence_about_currencies_is_a_currency() -> None:
    assert [m.text for m in find_currencies("The won fell against the dollar.", "en")] == [
        "won",
        "dollar",
    ]
    assert [
        m.text for m in find_currencies("The real hit a record low in currency markets.", "en")
    ] == ["real"]
    assert "currency" in majors(
        "The won fell against the dollar.", "La libra cayó frente al dólar.", "es"
    )


UNITS_SOURCE = "The plant produces 40 MW, 12 km from the town."
#: language → (clean, the units changed: kilowatts and miles)
UNITS = {
    "es": (
        "La central produce 40 megavatios a 12 kilómetros de la ciudad.",
        "La central produce 40 kilovatios a 12 millas de la ciudad.",
    ),
    "fr": (
        "La centrale produit 40 mégawatts à 12 km de la ville.",
        "La centrale produit 40 kilowatts à 12 milles de la ville.",
    ),
    "pt": (
        "A central produz 40 megawatts a 12 quilômetros da cidade.",
        "A central produz 40 quilowatts a 12 milhas da cidade.",
    ),
    "de": (
        "Das Kraftwerk liefert 40 Megawatt, 12 Kilometer von der Stadt.",
        "Das Kraftwerk liefert 40 Kilowatt, 12 Meilen von der Stadt.",
    ),
    "vi": (
        "Nhà máy sản xuất 40 MW, cách thành phố 12 km.",
        "Nhà máy sản xuất 40 kW, cách thành phố 12 dặm.",
    ),
    "ja": (
        "発電所の出力は40メガワットで、町から12キロメートルの所にある。",
        "発電所の出力は40キロワットで、町から12マイルの所にある。",
    ),
    "ar": (
        "تنتج المحطة 40 ميغا واط على بعد 12 كيلومتر من المدينة.",
        "تنتج المحطة 40 كيلوواط على بعد 12 ميل من المدينة.",
    ),
}


@pytest.mark.parametrize("language", sorted(UNITS))
def test_a_unit_changed_is_major_and_the_same_unit_in_another_form_is_not(language: str) -> None:
    clean, faulty = UNITS[language]
    assert findings(UNITS_SOURCE, clean, language, "units") == []
    assert majors(UNITS_SOURCE, clean, language) == []
    changed = findings(UNITS_SOURCE, faulty, language, "units")
    assert [f.severity for f in changed] == [Severity.MAJOR, Severity.MAJOR]
    assert [f.source_span.text for f in changed if f.source_span] == ["MW", "km"]


@pytest.mark.parametrize(
    ("source", "language", "translation"),
    [
        ("The road is 100 miles long.", "es", "La carretera mide 161 km."),
        ("The storm brought winds of 60 mph.", "fr", "La tempête a apporté des vents de 97 km/h."),
        ("The lake covers 10 square miles.", "de", "Der See bedeckt 26 Quadratkilometer."),
    ],
)
def test_a_value_converted_to_another_unit_is_minor_only(
    source: str, language: str, translation: str
) -> None:
    report = check_translation(Text("en", "", [source]), Text(language, "", [translation]))
    assert [(f.check, f.severity) for f in report.findings] == [("units", Severity.MINOR)]


def test_a_value_given_in_two_units_as_the_source_gives_it_is_no_finding() -> None:
    source = "The motor makes 300 kW (402 hp) and tops out at 55 mph."
    assert findings(source, "El motor da 300 kW (402 hp) y llega a 55 mph.", "es", "units") == []


def test_a_mass_in_another_unit_is_major() -> None:
    assert "units" in majors("The truck carried 5 tonnes.", "El camión llevaba 5 kilos.", "es")
    assert majors("The truck carried 5 tonnes.", "El camión llevaba 5 toneladas.", "es") == []


@pytest.mark.parametrize(
    ("source", "clean", "faulty"),
    [
        (
            "The car is 16 feet long and 5 feet high.",
            "El coche mide 16 pies de largo y 5 pies de alto.",
            "El coche mide 16 metros de largo y 5 pies de alto.",
        ),
        (
            "It has 512GB of storage and 32GB of memory.",
            "Tiene 512GB de almacenamiento y 32GB de memoria.",
            "Tiene 512MB de almacenamiento y 32GB de memoria.",
        ),
    ],
)
def test_a_unit_changed_for_one_value_is_major_though_another_value_keeps_it(
    source: str, clean: str, faulty: str
) -> None:
    assert findings(source, clean, "es", "units") == []
    changed = findings(source, faulty, "es", "units")
    assert [f.severity for f in changed] == [Severity.MAJOR]


def test_a_translation_keeping_the_source_separators_is_read_for_its_units() -> None:
    source = "Titan has a diameter of 3,200 miles (5,150 km)."
    clean = "Titán tiene un diámetro de 3,200 millas (5,150 km)."
    faulty = "Titán tiene un diámetro de 3,200 kilómetros (5,150 km)."
    assert majors(source, clean, "es") == []
    changed = findings(source, faulty, "es", "units")
    assert [(f.severity, f.source_span.text if f.source_span else "") for f in changed] == [
        (Severity.MAJOR, "miles")
    ]


@pytest.mark.parametrize(
    "clean",
    ["Le navire transportait 2,300 tonnes de grain.", "Le navire transportait 2 300 tonnes."],
)
def test_tons_written_as_metric_tonnes_is_no_finding_and_another_unit_is_major(clean: str) -> None:
    source = "The ship carried 2,300 tons of grain."
    assert majors(source, clean, "fr") == []
    faulty = "Le navire transportait 2,300 kilogrammes de grain."
    assert [f.severity for f in findings(source, faulty, "fr", "units")] == [Severity.MAJOR]


def test_a_number_changed_in_the_same_unit_is_the_numbers_finding_not_a_conversion() -> None:
    source = "Titan has a diameter of 3,200 miles (5,150 km)."
    faulty = "Titán tiene un diámetro de 3,300 millas (5,150 km)."
    report = check_translation(Text("en", "", [source]), Text("es", "", [faulty]))
    assert [(f.check, f.severity) for f in report.findings] == [("numbers", Severity.MAJOR)]


@pytest.mark.parametrize(
    ("language", "clean", "faulty"),
    [
        ("es", "El parque ocupa 25 millas cuadradas.", "El parque ocupa 25 kilómetros cuadradas."),
        ("fr", "Le parc couvre 25 milles carrés.", "Le parc couvre 25 km carrés."),
        ("pt", "O parque ocupa 25 milhas quadradas.", "O parque ocupa 25 km quadrados."),
    ],
)
def test_a_length_squared_in_any_gender_or_abbreviation_is_an_area(
    language: str, clean: str, faulty: str
) -> None:
    source = "The park covers 25 square miles."
    assert majors(source, clean, language) == []
    changed = findings(source, faulty, language, "units")
    assert [f.severity for f in changed] == [Severity.MAJOR]


def test_an_area_converted_into_squared_abbreviations_is_minor_only() -> None:
    source = "The park covers 25 square miles."
    report = check_translation(Text("en", "", [source]), Text("es", "", ["Ocupa 65 km cuadrados."]))
    assert [(f.check, f.severity) for f in report.findings] == [("units", Severity.MINOR)]


def test_portuguese_tonnes_without_metric_are_tonnes() -> None:
    assert majors("The port shipped 800 tonnes.", "O porto embarcou 800 toneladas.", "pt") == []
    source = "The port shipped 800 kilograms of coffee."
    faulty = "O porto embarcou 800 toneladas de café."
    assert [f.severity for f in findings(source, faulty, "pt", "units")] == [Severity.MAJOR]


@pytest.mark.parametrize(
    ("language", "garbled", "faulty"),
    [
        ("es", "La isla mide 40 millas cuadrillas.", "La isla mide 40 kilómetros cuadrillas."),
        ("fr", "L'île fait 40 milles cadrés.", "L'île fait 40 kilomètres cadrés."),
        ("pt", "A ilha tem 40 milhas quadriculadas.", "A ilha tem 40 quilómetros quadriculadas."),
    ],
)
def test_an_area_whose_square_the_engine_garbled_keeps_its_length_unit(
    language: str, garbled: str, faulty: str
) -> None:
    source = "The island is 40 square miles."
    assert findings(source, garbled, language, "units") == []
    assert [f.severity for f in findings(source, faulty, language, "units")] == [Severity.MAJOR]


@pytest.mark.parametrize(
    ("language", "misspelt"),
    [
        ("es", "Los ingresos alcanzaron 3.500 millones de dolares."),
        ("fr", "Les recettes ont atteint 3,5 milliards de dolars."),
        ("pt", "A receita alcançou 3,5 mil milhões livras."),
    ],
)
def test_a_currency_word_one_letter_off_after_an_amount_is_no_currency_dropped(
    language: str, misspelt: str
) -> None:
    source = (
        "Revenue reached 3.5 billion pounds."
        if language == "pt"
        else ("Revenue reached 3.5 billion dollars.")
    )
    assert findings(source, misspelt, language, "currency") == []


def test_a_word_one_letter_off_elsewhere_names_no_currency() -> None:
    source = "Revenue reached 3.5 billion dollars."
    dropped = "Los ingresos alcanzaron 3.500 millones; los dolores siguen."
    assert [f.severity for f in findings(source, dropped, "es", "currency")] == [Severity.MAJOR]


STRONGER = "Tokyo shares slipped as the stronger won hurt carmakers."
#: language → (clean, the won written as another currency)
DOUBTFUL_WORD_REPLACED = {
    "es": (
        "Las acciones de Tokio cayeron porque el won más fuerte perjudicó a los fabricantes.",
        "Las acciones de Tokio cayeron porque el rublo más fuerte perjudicó a los fabricantes.",
    ),
    "fr": (
        "Les actions de Tokyo ont reculé, le won plus fort pénalisant les constructeurs.",
        "Les actions de Tokyo ont reculé, le rouble plus fort pénalisant les constructeurs.",
    ),
    "pt": (
        "As ações de Tóquio caíram porque o won mais forte prejudicou as montadoras.",
        "As ações de Tóquio caíram porque o rublo mais forte prejudicou as montadoras.",
    ),
    "de": (
        "Tokioter Aktien gaben nach, weil der stärkere Won den Autobauern schadete.",
        "Tokioter Aktien gaben nach, weil der stärkere Rubel den Autobauern schadete.",
    ),
}


@pytest.mark.parametrize("language", sorted(DOUBTFUL_WORD_REPLACED))
def test_another_currency_in_place_of_a_doubtful_source_word_is_major(language: str) -> None:
    clean, faulty = DOUBTFUL_WORD_REPLACED[language]
    assert findings(STRONGER, clean, language, "currency") == []
    changed = findings(STRONGER, faulty, language, "currency")
    assert [(f.severity, f.source_span.text if f.source_span else "") for f in changed] == [
        (Severity.MAJOR, "won")
    ]


def test_a_doubtful_source_word_and_no_currency_in_the_translation_is_no_finding() -> None:
    source = "Seoul won the vote to host the games."
    assert (
        findings(source, "Seúl ganó la votación para organizar los juegos.", "es", "currency") == []
    )


@pytest.mark.parametrize(
    ("language", "clean", "faulty"),
    [
        (
            "es",
            "La mina produjo 1,4 millones de toneladas de cobre.",
            "La mina produjo 1,4 millones de kilogramos de cobre.",
        ),
        (
            "fr",
            "La mine a produit 1,4 million de tonnes de cuivre.",
            "La mine a produit 1,4 million de kilogrammes de cuivre.",
        ),
        (
            "pt",
            "A mina produziu 1,4 milhões de toneladas de cobre.",
            "A mina produziu 1,4 milhões de quilogramas de cobre.",
        ),
    ],
)
def test_a_scaled_value_s_unit_after_its_de_is_read(language: str, clean: str, faulty: str) -> None:
    source = "The mine produced 1.4 million tonnes of copper."
    assert majors(source, clean, language) == []
    assert [f.severity for f in findings(source, faulty, language, "units")] == [Severity.MAJOR]


@pytest.mark.parametrize(
    ("language", "clean", "faulty"),
    [
        ("es", "El camión llevaba 40 kg de arena.", "El camión llevaba 40 t de arena."),
        ("fr", "Le camion transportait 40 kg de sable.", "Le camion transportait 40 t de sable."),
        ("pt", "O camião levava 40 kg de areia.", "O camião levava 40 t de areia."),
    ],
)
def test_a_one_letter_unit_spaced_from_its_number_is_a_unit_not_a_scale(
    language: str, clean: str, faulty: str
) -> None:
    source = "The truck carried 40 kg of sand."
    assert majors(source, clean, language) == []
    assert [f.severity for f in findings(source, faulty, language, "units")] == [Severity.MAJOR]


@pytest.mark.parametrize(
    ("language", "clean", "faulty"),
    [
        (
            "es",
            "El rand, débil durante casi todo el mes, cerró en 17,9 por dólar.",
            "El dólar, débil durante casi todo el mes, cerró en 17,9 por dólar.",
        ),
        (
            "fr",
            "Le rand, faible pendant presque tout le mois, a fini à 17,9 pour un dollar.",
            "Le dollar, faible pendant presque tout le mois, a fini à 17,9 pour un dollar.",
        ),
        (
            "pt",
            "O rand, fraco durante quase todo o mês, fechou a 17,9 por dólar.",
            "O dólar, fraco durante quase todo o mês, fechou a 17,9 por dólar.",
        ),
    ],
)
def test_a_currency_named_once_more_in_place_of_a_doubtful_source_word_is_major(
    language: str, clean: str, faulty: str
) -> None:
    source = "The rand, weak for most of the month, ended at 17.9 per dollar."
    assert findings(source, clean, language, "currency") == []
    changed = findings(source, faulty, language, "currency")
    assert [(f.severity, f.source_span.text if f.source_span else "") for f in changed] == [
        (Severity.MAJOR, "rand")
    ]


@pytest.mark.parametrize(
    ("language", "clean", "faulty"),
    [
        ("de", "Der Park umfasst 25 Quadratmeilen.", "Der Park umfasst 25 Quadratkilometer."),
        ("ja", "公園の広さは25平方マイルだ。", "公園の広さは25平方キロメートルだ。"),
        (
            "de",
            "Die Mine förderte 1,4 Millionen Tonnen.",
            "Die Mine förderte 1,4 Millionen Kilogramm.",
        ),
    ],
)
def test_areas_and_scaled_masses_in_german_and_japanese(
    language: str, clean: str, faulty: str
) -> None:
    source = (
        "The park covers 25 square miles."
        if "25" in clean
        else "The mine produced 1.4 million tonnes."
    )
    assert findings(source, clean, language, "units") == []
    assert [f.severity for f in findings(source, faulty, language, "units")] == [Severity.MAJOR]


@pytest.mark.parametrize(
    ("language", "clean", "faulty"),
    [
        ("es", "El termómetro marcó 41 ºC en Sevilla.", "El termómetro marcó 41 ºF en Sevilla."),
        ("pt", "O termómetro marcou 41ºC em Évora.", "O termómetro marcou 41ºF em Évora."),
        (
            "fr",
            "Le thermomètre a affiché 41 ˚C à Nîmes.",
            "Le thermomètre a affiché 41 ˚F à Nîmes.",
        ),
    ],
)
def test_a_degree_written_with_a_lookalike_sign_is_a_temperature(
    language: str, clean: str, faulty: str
) -> None:
    source = "The thermometer showed 41 °C in the city."
    assert findings(source, clean, language, "units") == []
    changed = findings(source, faulty, language, "units")
    assert [f.severity for f in changed] == [Severity.MAJOR]
    assert all(f.target_span and f.target_span.text.endswith("F") for f in changed)
