"""Person names transliterated into Japanese, Korean, Arabic, Russian and Chinese (issue 14): a
clean translation raises no major finding; a surname replaced by another transliterated surname,
the first name kept, is a major names finding on the replacing word; two parties swapped around
the verb are a major roles finding. Written by hand: names of English, French, Spanish, Arabic,
German, Russian and Serbian origin, and a Chinese name (not transliterated, never judged)."""

from __future__ import annotations

import pytest

from polywire.check import Severity, Text, check_translation
from polywire.check.model import Finding

SOURCES = [
    "Keir Starmer met Emmanuel Macron in London on Monday.",
    "Gabriel Boric criticised Luis Arce over the border dispute.",
    "Mohammed Shtayyeh welcomed the proposal, the spokesman said.",
    "Wang Yi met Olaf Scholz in Berlin.",
    "Sergei Shoigu gave a speech in Munich on Friday.",
    "Rafael Nadal beat Novak Djokovic in the semi-final.",
]
CLEAN = {
    "ja": [
        "キア・スターマー氏は月曜日、ロンドンでエマニュエル・マクロン氏と会談した。",
        "ガブリエル・ボリッチ氏は国境紛争をめぐりルイス・アルセ氏を批判した。",
        "ムハンマド・シュタイエ氏は提案を歓迎したと報道官が述べた。",
        "王毅氏はベルリンでオラフ・ショルツ氏と会談した。",
        "セルゲイ・ショイグ氏は金曜日、ミュンヘンで演説した。",
        "ラファエル・ナダルは準決勝でノバク・ジョコビッチを破った。",
    ],
    "ko": [
        "키어 스타머는 월요일 런던에서 에마뉘엘 마크롱과 회담했다.",
        "가브리엘 보리치는 국경 분쟁을 두고 루이스 아르세를 비판했다.",
        "무함마드 슈타예는 제안을 환영했다고 대변인이 말했다.",
        "왕이는 베를린에서 올라프 숄츠를 만났다.",
        "세르게이 쇼이구는 금요일 뮌헨에서 연설했다.",
        "라파엘 나달은 준결승에서 노바크 조코비치를 꺾었다.",
    ],
    "ar": [
        "التقى كير ستارمر إيمانويل ماكرون في لندن يوم الاثنين.",
        "انتقد غابرييل بوريتش لويس آرسي بسبب النزاع الحدودي.",
        "ورحب محمد اشتية بالاقتراح، بحسب المتحدث.",
        "والتقى وانغ يي أولاف شولتس في برلين.",
        "وألقى سيرغي شويغو كلمة في ميونخ يوم الجمعة.",
        "وهزم رافائيل نادال نوفاك ديوكوفيتش في نصف النهائي.",
    ],
    "ru": [
        "Кир Стармер встретился с Эммануэлем Макроном в Лондоне в понедельник.",
        "Габриэль Борич раскритиковал Луиса Арсе из-за пограничного спора.",
        "Мохаммед Штайе приветствовал предложение, сообщил представитель.",
        "Ван И встретился с Олафом Шольцем в Берлине.",
        "Сергей Шойгу выступил в Мюнхене в пятницу.",
        "Рафаэль Надаль обыграл Новака Джоковича в полуфинале.",
    ],
    "zh-Hans": [
        "基尔·斯塔默周一在伦敦会见了埃马纽埃尔·马克龙。",
        "加夫列尔·博里奇就边界争端批评了路易斯·阿尔塞。",
        "穆罕默德·阿什塔耶对这一提议表示欢迎，发言人说。",
        "王毅在柏林会见了奥拉夫·朔尔茨。",
        "谢尔盖·绍伊古周五在慕尼黑发表讲话。",
        "拉斐尔·纳达尔在半决赛中击败了诺瓦克·德约科维奇。",
    ],
}
#: (language, sentence, the transliterated name as the clean translation writes it, the same
#: with the surname replaced, the replacing word)
SURNAME_REPLACED = [
    ("ja", 1, "ガブリエル・ボリッチ", "ガブリエル・カスト", "カスト"),
    ("ja", 5, "ラファエル・ナダル", "ラファエル・アルカラス", "アルカラス"),
    ("ko", 1, "루이스 아르세를", "루이스 모랄레스를", "모랄레스"),
    ("ko", 4, "세르게이 쇼이구는", "세르게이 라브로프는", "라브로프"),
    ("ar", 0, "كير ستارمر", "كير جونسون", "جونسون"),
    ("ar", 5, "رافائيل نادال", "رافائيل ألكاراز", "ألكاراز"),
    ("ru", 1, "Луиса Арсе", "Луиса Моралеса", "Моралеса"),
    ("ru", 3, "Олафом Шольцем", "Олафом Линднером", "Линднер"),
    ("zh-Hans", 0, "基尔·斯塔默", "基尔·约翰逊", "约翰逊"),
    ("zh-Hans", 4, "谢尔盖·绍伊古", "谢尔盖·拉夫罗夫", "拉夫罗夫"),
]
#: `Rafael Nadal beat Novak Djokovic`, the other way round.
SWAPPED = {
    "ja": "ノバク・ジョコビッチは準決勝でラファエル・ナダルを破った。",
    "ko": "노바크 조코비치는 준결승에서 라파엘 나달을 꺾었다.",
    "ar": "وهزم نوفاك ديوكوفيتش رافائيل نادال في نصف النهائي.",
    "ru": "Новак Джокович обыграл Рафаэля Надаля в полуфинале.",
    "zh-Hans": "诺瓦克·德约科维奇在半决赛中击败了拉斐尔·纳达尔。",
}


def majors(source: str, translation: str, language: str) -> list[Finding]:
    report = check_translation(Text("en", "", [source]), Text(language, "", [translation]))
    return [f for f in report.findings if f.severity == Severity.MAJOR]


@pytest.mark.parametrize("language", sorted(CLEAN))
@pytest.mark.parametrize("sentence", range(len(SOURCES)))
def test_a_clean_transliteration_raises_no_major_finding(language: str, sentence: int) -> None:
    assert majors(SOURCES[sentence], CLEAN[language][sentence], language) == []


@pytest.mark.parametrize(("language", "sentence", "name", "changed", "word"), SURNAME_REPLACED)
def test_a_replaced_transliterated_surname_is_major_on_the_replacing_word(
    language: str, sentence: int, name: str, changed: str, word: str
) -> None:
    clean = CLEAN[language][sentence]
    assert name in clean
    found = majors(SOURCES[sentence], clean.replace(name, changed), language)
    assert [f.check for f in found] == ["names"]
    assert found[0].target_span is not None and found[0].target_span.text == word


@pytest.mark.parametrize("language", sorted(SWAPPED))
def test_two_transliterated_parties_swapped_around_the_verb_are_major(language: str) -> None:
    found = majors(SOURCES[5], SWAPPED[language], language)
    assert [f.check for f in found] == ["roles"]


def test_a_whole_story_with_a_transliterated_surname_replaced_points_at_the_paragraph() -> None:
    source = Text("en", "Nadal wins", ["Rafael Nadal beat Novak Djokovic in the semi-final."])
    clean = Text("ja", "ナダルが勝利", [CLEAN["ja"][5]])
    faulty = Text("ja", "ナダルが勝利", [CLEAN["ja"][5].replace("ナダル", "アルカラス")])
    assert check_translation(source, clean).findings == []
    found = [f for f in check_translation(source, faulty).findings if f.check == "names"]
    assert [(f.paragraph, f.severity) for f in found] == [(1, Severity.MAJOR)]
    assert found[0].source_span is not None and found[0].source_span.text == "Nadal"


@pytest.mark.parametrize(
    ("language", "clean", "faulty", "word"),
    [
        (
            "fa",
            "دونالد ترامپ با ولادیمیر پوتین در هلسینکی دیدار کرد.",
            "دونالد بایدن با ولادیمیر پوتین در هلسینکی دیدار کرد.",
            "بایدن",
        ),
        (
            "uk",
            "Дональд Трамп зустрівся з Володимиром Путіним у Гельсінкі.",
            "Дональд Байден зустрівся з Володимиром Путіним у Гельсінкі.",
            "Байден",
        ),
    ],
)
def test_persian_and_ukrainian_letters_are_read_as_the_words_they_belong_to(
    language: str, clean: str, faulty: str, word: str
) -> None:
    """`پ` and `ی` are Persian letters outside Arabic's, `і` a Ukrainian one outside Russian's:
    a word holding one is read whole (`ترامپ`, `Путіним`), not cut there."""
    source = "Donald Trump met Vladimir Putin in Helsinki."
    assert majors(source, clean, language) == []
    found = majors(source, faulty, language)
    assert [(f.check, f.target_span.text if f.target_span else "") for f in found] == [
        ("names", word)
    ]


def test_a_japanese_name_korean_writes_surname_first_is_no_replaced_part() -> None:
    source = "Japan's Prime Minister Fumio Kishida gave a speech in Tokyo on Monday."
    translation = "일본의 기시다 후미오 총리는 월요일 도쿄에서 연설했다."
    assert majors(source, translation, "ko") == []


#: `Ian Nepomniachtchi`: a first name of one consonant, found by its sound (the vowels where
#: they are), anchors the surname; (language, clean, the surname replaced, the replacing word)
SHORT_FIRST_NAME = [
    (
        "ja",
        "丁立人はイアン・ネポムニャシチを破った。",
        "丁立人はイアン・ナカムラを破った。",
        "ナカムラ",
    ),
    ("ko", "딩리런은 이안 네폼냐치를 꺾었다.", "딩리런은 이안 나카무라를 꺾었다.", "나카무라"),
    ("ar", "هزم دينغ ليرين إيان نيبومنياشي.", "هزم دينغ ليرين إيان ناكامورا.", "ناكامورا"),
    ("ru", "Дин Лижэнь обыграл Яна Непомнящего.", "Дин Лижэнь обыграл Яна Накамуру.", "Накамуру"),
    ("zh-Hans", "丁立人击败了伊恩·涅波姆尼亚奇。", "丁立人击败了伊恩·纳卡穆拉。", "纳卡穆拉"),
]


@pytest.mark.parametrize(("language", "clean", "faulty", "word"), SHORT_FIRST_NAME)
def test_a_surname_replaced_after_a_short_first_name_is_major(
    language: str, clean: str, faulty: str, word: str
) -> None:
    source = "Ding Liren beat Ian Nepomniachtchi."
    assert majors(source, clean, language) == []
    found = majors(source, faulty, language)
    assert [(f.check, f.target_span.text if f.target_span else "") for f in found] == [
        ("names", word)
    ]


#: `Zheng Qinwen met Aryna Sabalenka`, clean and the other way round: a Chinese name is placed
#: by the characters whose pinyin it is, or by its whole skeleton in one word or a run of them.
CHINESE_PARTY = {
    "ja": ("鄭欽文はアリーナ・サバレンカと対戦した。", "アリーナ・サバレンカは鄭欽文と対戦した。"),
    "ko": ("정친원은 아리나 사발렌카와 맞붙었다.", "아리나 사발렌카는 정친원과 맞붙었다."),
    "ar": ("والتقت تشنغ تشينون أرينا سابالينكا.", "والتقت أرينا سابالينكا تشنغ تشينون."),
    "ru": (
        "Чжэн Циньвэнь встретилась с Ариной Соболенко.",
        "Арина Соболенко встретилась с Чжэн Циньвэнь.",
    ),
    "zh-Hans": ("郑钦文对阵阿丽娜·萨巴伦卡。", "阿丽娜·萨巴伦卡对阵郑钦文。"),
}


@pytest.mark.parametrize("language", sorted(CHINESE_PARTY))
def test_a_chinese_party_swapped_with_a_transliterated_one_is_major(language: str) -> None:
    source = "Zheng Qinwen met Aryna Sabalenka in the final."
    clean, swapped = CHINESE_PARTY[language]
    assert majors(source, clean, language) == []
    assert [f.check for f in majors(source, swapped, language)] == ["roles"]


@pytest.mark.parametrize(
    ("language", "clean", "swapped"),
    [
        (
            "ko",
            "아미나 모하메드는 안토니우 구테흐스와 만났다.",
            "안토니우 구테흐스는 아미나 모하메드와 만났다.",
        ),
        ("ar", "التقت أمينة محمد أنطونيو غوتيريش.", "التقى أنطونيو غوتيريش أمينة محمد."),
    ],
)
def test_a_two_consonant_surname_is_placed_after_its_first_name(
    language: str, clean: str, swapped: str
) -> None:
    """Among Hangul or Arabic words, `Mohammed` alone would match by chance; after `Amina`
    (found by its sound) it is the party."""
    source = "Amina Mohammed met Antonio Guterres in Geneva."
    assert majors(source, clean, language) == []
    assert [f.check for f in majors(source, swapped, language)] == ["roles"]


@pytest.mark.parametrize(
    ("language", "source", "translation"),
    [
        # a headline names a party by the surname alone: the word before it is no first name
        (
            "ko",
            "Jannik Sinner beats Carlos Alcaraz in Paris final",
            "신네르, 프랑스오픈 결승서 알카라스 꺾어",
        ),
        (
            "ar",
            "Jannik Sinner beats Carlos Alcaraz in Paris final",
            "سينر يهزم ألكاراز في نهائي باريس",
        ),
        # `Juan` may be read `Huan` (`フアン`), `William` with a glide (`ウィリアム`)
        (
            "ja",
            "Juan Carlos Ferrero praised both players.",
            "フアン・カルロス・フェレーロ氏は両選手をたたえた。",
        ),
        ("ja", "Kenya's William Ruto said so.", "ケニアのウィリアム・ルト大統領は述べた。"),
        ("ru", "Kenya's William Ruto said so.", "Президент Кении Уильям Руто заявил об этом."),
        # `Monday` is no party, though its skeleton is `Mohammed`'s
        (
            "ja",
            "Amina Mohammed met Guterres on Monday.",
            "アミーナ・モハメッド氏は月曜日、グテーレス氏と会談した。",
        ),
        (
            "zh-Hans",
            "Amina Mohammed met Guterres on Monday.",
            "阿米娜·穆罕默德周一会见了古特雷斯。",
        ),
    ],
)
def test_names_shortened_or_read_another_way_raise_no_major_finding(
    language: str, source: str, translation: str
) -> None:
    assert majors(source, translation, language) == []


@pytest.mark.parametrize(
    ("language", "clean", "word"),
    [
        ("ja", "エド・ミリバンド氏は検討すると述べた。", "デイビー"),
        ("ko", "에드 밀리밴드는 검토하겠다고 말했다.", "데이비"),
        ("ru", "Эд Милибэнд сказал, что рассмотрит его.", "Дэйви"),
        ("zh-Hans", "埃德·米利班德说，将考虑这一计划。", "戴维"),
    ],
)
def test_a_short_first_name_that_opens_the_sentence_anchors_its_surname(
    language: str, clean: str, word: str
) -> None:
    """`Ed` opens the sentence, which `names` leaves out with other short first words; the
    translation adds a vowel after its consonant (`エド`, `에드`, `埃德`)."""
    source = "Ed Miliband said he would consider it."
    surname = {"ja": "ミリバンド", "ko": "밀리밴드", "ru": "Милибэнд", "zh-Hans": "米利班德"}
    assert majors(source, clean, language) == []
    found = majors(source, clean.replace(surname[language], word), language)
    assert [(f.check, f.target_span.text if f.target_span else "") for f in found] == [
        ("names", word)
    ]


def _found(source: str, translation: str, language: str) -> list[tuple[str, str]]:
    return [
        (f.check, f.target_span.text if f.target_span else "")
        for f in majors(source, translation, language)
    ]


@pytest.mark.parametrize(
    ("language", "source", "clean", "surname", "word"),
    [
        # a surname after `van der`, which the translation writes apart or joined to it
        (
            "ja",
            "Anneke van der Sloot opened the new terminal on Friday.",
            "アンネケ・ファン・デル・スロート氏は金曜日、新ターミナルを開設した。",
            "スロート",
            "ダイク",
        ),
        (
            "ko",
            "Anneke van der Sloot opened the new terminal on Friday.",
            "안네커 판데르슬로트는 금요일 새 터미널을 개장했다.",
            "판데르슬로트",
            "판데르데이크",
        ),
        (
            "ru",
            "Anneke van der Sloot opened the new terminal on Friday.",
            "Аннеке ван дер Слот в пятницу открыла новый терминал.",
            "Слот",
            "Дейк",
        ),
        (
            "ar",
            "Anneke van der Sloot opened the new terminal on Friday.",
            "افتتحت أنيكه فان دير سلوت المحطة الجديدة يوم الجمعة.",
            "سلوت",
            "دايك",
        ),
        # a surname after the Arabic article, joined by a hyphen (`al-`, `at-` before a sun letter)
        (
            "ja",
            "Samir al-Tamimi spoke to reporters in Doha.",
            "サミール・タミミ氏はドーハで記者団に語った。",
            "タミミ",
            "シャムシ",
        ),
        (
            "ru",
            "Samir al-Tamimi spoke to reporters in Doha.",
            "Самир ат-Тамими выступил перед журналистами в Дохе.",
            "Тамими",
            "Шамси",
        ),
        # a Vietnamese middle name `Van` is a name's word, not the Dutch particle
        (
            "ja",
            "Pham Van Duc met the envoy on Friday.",
            "ファム・バン・ドゥック氏は金曜日、特使と会談した。",
            "ファム",
            "ホアン",
        ),
    ],
)
def test_a_part_replaced_in_a_name_with_particles_is_major(
    language: str, source: str, clean: str, surname: str, word: str
) -> None:
    assert _found(source, clean, language) == []
    assert _found(source, clean.replace(surname, word), language) == [("names", word)]


@pytest.mark.parametrize(
    ("language", "clean", "surname", "word"),
    [
        (
            "ru",
            "Ирина Бойко открыла ярмарку. Бойко сказала, что продажи выросли вдвое.",
            "Ирина Бойко",
            "Ирина Ткаченко",
        ),
        (
            "ko",
            "이리나 보이코가 박람회를 열었다. 보이코는 매출이 두 배로 늘었다고 말했다.",
            "이리나 보이코가",
            "이리나 트카첸코가",
        ),
        (
            "ar",
            "افتتحت إيرينا بويكو المعرض. وقالت بويكو إن المبيعات تضاعفت.",
            "إيرينا بويكو",
            "إيرينا تكاتشينكو",
        ),
    ],
)
def test_a_surname_replaced_where_the_paragraph_repeats_it_later_is_major(
    language: str, clean: str, surname: str, word: str
) -> None:
    """Among Hangul, Arabic or Cyrillic words the surname said again later (`Бойко сказала`)
    does not hide the first name followed by another surname."""
    source = "Irina Boyko opened the fair. Boyko said sales had doubled."
    assert _found(source, clean, language) == []
    replaced = word.split()[-1].removesuffix("가")  # a Korean particle is no part of the word
    assert _found(source, clean.replace(surname, word), language) == [("names", replaced)]


@pytest.mark.parametrize(
    ("language", "translation"),
    [
        # a possessive after the surname is not part of it
        ("ja", "ルチア・モーロのコーチは彼女をたたえた。"),
        ("zh-Hans", "露西亚·莫罗的教练称赞了她。"),
        # a hyphenated given name written as two words
        ("ru", "Советник министра Чан Мин Сок выступил в понедельник."),
    ],
)
def test_a_possessive_or_a_given_name_written_apart_is_no_replaced_part(
    language: str, translation: str
) -> None:
    source = {
        "ja": "Lucia Moro's coach praised her.",
        "zh-Hans": "Lucia Moro's coach praised her.",
        "ru": "Jang Min-seok, an adviser to the minister, spoke on Monday.",
    }[language]
    assert _found(source, translation, language) == []


@pytest.mark.parametrize(
    ("language", "clean", "swapped"),
    [
        (
            "ja",
            "イリーナ・ボイコ氏は投票でトーマス・リンドグレン氏を破った。リンドグレン氏の党は金曜日、敗北を認めた。",
            "トーマス・リンドグレン氏は投票でイリーナ・ボイコ氏を破った。リンドグレン氏の党は金曜日、敗北を認めた。",
        ),
        (
            "ru",
            "Ирина Бойко обыграла Томаса Линдгрена на выборах."
            " Партия Линдгрена признала поражение в пятницу.",
            "Томас Линдгрен обыграл Ирину Бойко на выборах."
            " Партия Линдгрена признала поражение в пятницу.",
        ),
    ],
)
def test_parties_swapped_where_a_surname_is_repeated_in_another_sentence_are_major(
    language: str, clean: str, swapped: str
) -> None:
    source = "Irina Boyko beat Tomas Lindgren in the vote. Lindgren's party conceded on Friday."
    assert _found(source, clean, language) == []
    assert [check for check, _ in _found(source, swapped, language)] == ["roles"]


def test_a_surname_opening_the_sentence_is_a_party_when_the_story_names_her_in_full() -> None:
    source = Text(
        "en", "", ["Irina Marchuk won the vote.", "Marchuk praised Lindgren after the count."]
    )
    clean = Text(
        "ko", "", ["이리나 마르추크가 선거에서 이겼다.", "마르추크는 개표 후 린드그렌을 칭찬했다."]
    )
    swapped = Text(
        "ko", "", ["이리나 마르추크가 선거에서 이겼다.", "린드그렌은 개표 후 마르추크를 칭찬했다."]
    )
    checks = [
        [f.check for f in check_translation(source, t).findings if f.severity == Severity.MAJOR]
        for t in (clean, swapped)
    ]
    assert checks == [[], ["roles"]]


@pytest.mark.parametrize(
    ("language", "source", "clean", "surname", "word"),
    [
        # the dateline's city (`베를린`) sounds like `Bellone`: a place the source names is no
        # writing of a person's name
        (
            "ko",
            "BERLIN — Anna Bellone won the race on Sunday.",
            "베를린 — 안나 벨로네가 일요일 경주에서 우승했다.",
            "벨로네",
            "로시",
        ),
        # `マリア` and `オマル` are both `nr`: each anchors the name it sounds like
        (
            "ja",
            "Maria Costa met Omar Sultan in Amman.",
            "マリア・コスタ氏はアンマンでオマル・スルタン氏と会談した。",
            "スルタン",
            "サレハ",
        ),
        # characters of Xinhua's table for `-chenko`
        (
            "zh-Hans",
            "Oksana Kovalchuk met the envoy.",
            "奥克萨娜·科瓦尔丘克会见了特使。",
            "科瓦尔丘克",
            "舍甫琴科",
        ),
    ],
)
def test_a_replaced_part_is_found_past_words_that_sound_like_another(
    language: str, source: str, clean: str, surname: str, word: str
) -> None:
    assert _found(source, clean, language) == []
    assert _found(source, clean.replace(surname, word), language) == [("names", word)]


@pytest.mark.parametrize(
    ("language", "source", "clean", "swapped"),
    [
        # a sentence after `。` opening with a digit is a sentence of its own
        (
            "ja",
            "Elena Marchetti beat Karin Lindgren in the final. Lindgren, 24, said she was tired.",
            "エレナ・マルケッティは決勝でカリン・リンドグレンを破った。"
            "24歳のリンドグレンは疲れていたと語った。",
            "カリン・リンドグレンは決勝でエレナ・マルケッティを破った。"
            "24歳のリンドグレンは疲れていたと語った。",
        ),
        # `费尔南德斯` less two characters has `Ferrini`'s skeleton: it is `Fernandez`'s only place
        (
            "zh-Hans",
            "Giulia Ferrini beat Lucia Fernandez on Sunday. Ferrini, 31, led from the start.",
            "朱莉娅·费里尼周日击败了卢西娅·费尔南德斯。31岁的费里尼从一开始就领先。",
            "卢西娅·费尔南德斯周日击败了朱莉娅·费里尼。31岁的费里尼从一开始就领先。",
        ),
    ],
)
def test_parties_swapped_are_found_past_a_segmenter_and_a_word_placed_for_both(
    language: str, source: str, clean: str, swapped: str
) -> None:
    assert _found(source, clean, language) == []
    assert [check for check, _ in _found(source, swapped, language)] == ["roles"]
