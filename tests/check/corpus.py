"""Parallel stories written for these tests: an English source and clean translations.

Each translation says exactly what its source says, in the way a careful translator of that
language writes it (its own number format, quotation marks, date order and names); the tests
inject faults into them one at a time.
"""

from __future__ import annotations

from polywire.check import Text

SOLAR = Text(
    "en",
    "Mekong solar cooperative raises $1.5 million from 1,200 members",
    [
        "HANOI — A solar cooperative in the Mekong Delta said on Monday it had raised $1.5 million "
        "from 1,200 members, 25% more than it expected.",
        '"This is money from farmers, not from banks," said Nguyen Thi Lan, who chairs the '
        "cooperative.",
        "The group will install 3,400 panels on 18 rice mills by March 2027, with help from the "
        "Asian Development Bank (ADB).",
        "Electricity from the panels will cost 0.25 dollars per kilowatt-hour, it said.",
    ],
)

SOLAR_TRANSLATIONS: dict[str, Text] = {
    "vi": Text(
        "vi",
        "Hợp tác xã điện mặt trời ở Mekong huy động 1,5 triệu USD từ 1.200 thành viên",
        [
            "HÀ NỘI — Một hợp tác xã điện mặt trời ở Đồng bằng sông Cửu Long (Mekong) cho biết "
            "hôm thứ Hai đã huy động được 1,5 triệu USD từ 1.200 thành viên, nhiều hơn 25% so với "
            "dự kiến.",
            "“Đây là tiền của nông dân, không phải của ngân hàng,” bà Nguyễn Thị Lan, chủ nhiệm "
            "hợp tác xã, cho biết.",
            "Nhóm sẽ lắp đặt 3.400 tấm pin trên 18 nhà máy xay xát lúa trước tháng 3 năm 2027, với "
            "sự hỗ trợ của Ngân hàng Phát triển châu Á (ADB).",
            "Theo hợp tác xã, điện từ các tấm pin sẽ có giá 0,25 USD mỗi kilowatt giờ.",
        ],
    ),
    "es": Text(
        "es",
        "Una cooperativa solar del Mekong recauda 1,5 millones de dólares de 1.200 socios",
        [
            "HANÓI — Una cooperativa solar del delta del Mekong anunció el lunes que ha recaudado "
            "1,5 millones de dólares de 1.200 socios, un 25 % más de lo previsto.",
            "«Es dinero de los agricultores, no de los bancos», dijo Nguyen Thi Lan, presidenta de "
            "la cooperativa.",
            "El grupo instalará 3.400 paneles en 18 molinos de arroz antes de marzo de 2027, con "
            "la ayuda del Banco Asiático de Desarrollo (BAsD).",
            "La electricidad de los paneles costará 0,25 dólares por kilovatio hora, según la "
            "cooperativa.",
        ],
    ),
    "de": Text(
        "de",
        "Solargenossenschaft am Mekong sammelt 1,5 Millionen Dollar von 1200 Mitgliedern",
        [
            "HANOI — Eine Solargenossenschaft im Mekongdelta hat am Montag mitgeteilt, sie habe "
            "von 1.200 Mitgliedern 1,5 Millionen Dollar gesammelt, 25 Prozent mehr als erwartet.",
            "„Das ist Geld von Bauern, nicht von Banken“, sagte Nguyen Thi Lan, die Vorsitzende "
            "der Genossenschaft.",
            "Bis März 2027 will die Gruppe mit Hilfe der Asiatischen Entwicklungsbank (ADB) 3.400 "
            "Module auf 18 Reismühlen installieren.",
            "Der Strom aus den Modulen werde 0,25 Dollar pro Kilowattstunde kosten, hieß es.",
        ],
    ),
    "ru": Text(
        "ru",
        "Солнечный кооператив в дельте Меконга привлёк 1,5 млн долларов от 1200 участников",
        [
            "ХАНОЙ — Солнечный кооператив в дельте Меконга сообщил в понедельник, что привлёк "
            "1,5 млн долларов от 1200 участников, на 25% больше, чем ожидалось.",
            "«Это деньги фермеров, а не банков», — сказала Нгуен Тхи Лан, председатель "
            "кооператива.",
            "До марта 2027 года группа установит 3400 панелей на 18 рисовых мельницах при "
            "поддержке Азиатского банка развития (АБР).",
            "По данным кооператива, электроэнергия от панелей будет стоить 0,25 доллара за "
            "киловатт-час.",
        ],
    ),
    "ja": Text(
        "ja",
        "メコンの太陽光協同組合、組合員1200人から150万ドルを調達",
        [
            "ハノイ — メコンデルタの太陽光発電協同組合は月曜日、組合員1,200人から150万ドルを"
            "調達したと発表した。予想を25％上回った。",
            "「これは銀行ではなく、農家のお金です」と、協同組合の代表を務めるグエン・ティ・ラン氏は"
            "語った。",
            "同組合は2027年3月までに、アジア開発銀行（ADB）の支援を受けて、18の精米所に3,400枚の"
            "パネルを設置する。",
            "パネルによる電力は1キロワット時あたり0.25ドルになるという。",
        ],
    ),
    "ar": Text(
        "ar",
        "تعاونية للطاقة الشمسية في ميكونغ تجمع 1.5 مليون دولار من 1200 عضو",
        [
            "هانوي — قالت تعاونية للطاقة الشمسية في دلتا ميكونغ يوم الاثنين إنها جمعت 1.5 مليون "
            "دولار من 1200 عضو، أي أكثر بنسبة 25% مما كانت تتوقع.",
            "وقالت نغوين ثي لان، رئيسة التعاونية: «هذه أموال المزارعين، لا أموال البنوك».",
            "وستركّب المجموعة 3400 لوح على 18 مطحنة أرز بحلول مارس 2027، بمساعدة من بنك التنمية "
            "الآسيوي (ADB).",
            "وقالت إن الكهرباء المولدة من الألواح ستكلف 0.25 دولار للكيلوواط ساعة.",
        ],
    ),
    "zh-Hans": Text(
        "zh-Hans",
        "湄公河太阳能合作社从1200名社员筹得150万美元",
        [
            "河内——湄公河三角洲的一家太阳能合作社周一表示，已从1200名社员筹得150万美元，比预期多"
            "25%。",
            "“这是农民的钱，不是银行的钱，”合作社主席阮氏兰说。",
            "该组织将在亚洲开发银行（ADB）的帮助下，于2027年3月前在18家碾米厂安装3400块电池板。",
            "合作社表示，电池板发电的价格为每千瓦时0.25美元。",
        ],
    ),
    "zh-Hant": Text(
        "zh-Hant",
        "湄公河太陽能合作社從1200名社員籌得150萬美元",
        [
            "河內——湄公河三角洲的一家太陽能合作社週一表示，已從1200名社員籌得150萬美元，比預期多"
            "25%。",
            "「這是農民的錢，不是銀行的錢，」合作社主席阮氏蘭說。",
            "該組織將在亞洲開發銀行（ADB）的幫助下，於2027年3月前在18家碾米廠安裝3400塊電池板。",
            "合作社表示，電池板發電的價格為每千瓦時0.25美元。",
        ],
    ),
    "ko": Text(
        "ko",
        "메콩 태양광 협동조합, 조합원 1,200명에게서 150만 달러 모금",
        [
            "하노이 — 메콩 삼각주의 한 태양광 협동조합은 월요일 조합원 1,200명에게서 150만 달러를 "
            "모금했으며, 이는 예상보다 25% 많은 금액이라고 밝혔다.",
            '협동조합 대표인 응우옌 티 란은 "이것은 은행이 아니라 농민들의 돈"이라고 말했다.',
            "이 단체는 아시아개발은행(ADB)의 지원을 받아 2027년 3월까지 정미소 18곳에 패널 "
            "3,400개를 설치할 예정이다.",
            "협동조합에 따르면 패널에서 생산된 전기의 가격은 킬로와트시당 0.25달러가 될 것이다.",
        ],
    ),
    "fr": Text(
        "fr",
        "Une coopérative solaire du Mékong lève 1,5 million de dollars auprès de 1 200 membres",
        [
            "HANOÏ — Une coopérative solaire du delta du Mékong a annoncé lundi avoir levé "
            "1,5 million de dollars auprès de 1 200 membres, soit 25 % de plus que prévu.",
            "« C'est l'argent des agriculteurs, pas celui des banques », a déclaré Nguyen Thi Lan, "
            "qui préside la coopérative.",
            "Le groupe installera 3 400 panneaux sur 18 rizeries d'ici mars 2027, avec l'aide de "
            "la Banque asiatique de développement (BAD).",
            "L'électricité produite par les panneaux coûtera 0,25 dollar le kilowattheure, selon "
            "la coopérative.",
        ],
    ),
}

STRIKE = Text(
    "en",
    "Rail workers in Germany to strike on Thursday",
    [
        "BERLIN — Train drivers of the GDL union will strike from Thursday, November 5, to "
        "Saturday, the union said on Tuesday.",
        "The strike will affect about 7,000 trains a day, Deutsche Bahn said, and could cost the "
        "economy 100 million euros per day.",
        '"We have no other choice," said GDL leader Claus Weselsky.',
    ],
)

STRIKE_TRANSLATIONS: dict[str, Text] = {
    "vi": Text(
        "vi",
        "Công nhân đường sắt Đức sẽ đình công vào thứ Năm",
        [
            "BERLIN — Các lái tàu thuộc công đoàn GDL sẽ đình công từ thứ Năm, ngày 5 tháng 11, "
            "đến thứ Bảy, công đoàn cho biết hôm thứ Ba.",
            "Cuộc đình công sẽ ảnh hưởng đến khoảng 7.000 chuyến tàu mỗi ngày, theo Deutsche Bahn, "
            "và có thể khiến nền kinh tế thiệt hại 100 triệu euro mỗi ngày.",
            "“Chúng tôi không có lựa chọn nào khác,” lãnh đạo GDL Claus Weselsky nói.",
        ],
    ),
    "es": Text(
        "es",
        "Los ferroviarios de Alemania irán a la huelga el jueves",
        [
            "BERLÍN — Los maquinistas del sindicato GDL harán huelga desde el jueves 5 de "
            "noviembre hasta el sábado, informó el sindicato el martes.",
            "La huelga afectará a unos 7.000 trenes al día, según Deutsche Bahn, y podría costar a "
            "la economía 100 millones de euros diarios.",
            "«No tenemos otra opción», dijo el líder de GDL, Claus Weselsky.",
        ],
    ),
    "de": Text(
        "de",
        "Bahnbeschäftigte in Deutschland streiken ab Donnerstag",
        [
            "BERLIN — Die Lokführer der Gewerkschaft GDL werden von Donnerstag, dem 5. November, "
            "bis Samstag streiken, teilte die Gewerkschaft am Dienstag mit.",
            "Der Streik werde täglich rund 7000 Züge betreffen, sagte die Deutsche Bahn, und könne "
            "die Wirtschaft 100 Millionen Euro pro Tag kosten.",
            "„Wir haben keine andere Wahl“, sagte GDL-Chef Claus Weselsky.",
        ],
    ),
    "ru": Text(
        "ru",
        "Железнодорожники в Германии начнут забастовку в четверг",
        [
            "БЕРЛИН — Машинисты профсоюза GDL будут бастовать с четверга, 5 ноября, до субботы, "
            "сообщил профсоюз во вторник.",
            "Забастовка затронет около 7000 поездов в день, сообщила Deutsche Bahn, и может "
            "обойтись экономике в 100 млн евро в день.",
            "«У нас нет другого выбора», — сказал глава GDL Клаус Веселски.",
        ],
    ),
    "ja": Text(
        "ja",
        "ドイツの鉄道労働者、木曜日にストライキへ",
        [
            "ベルリン — 労働組合GDLの運転士は11月5日木曜日から土曜日までストライキを行う。組合が"
            "火曜日に発表した。",
            "ドイツ鉄道（Deutsche Bahn）によると、ストは1日約7,000本の列車に影響し、経済に1日1億"
            "ユーロの損失をもたらす可能性がある。",
            "「ほかに選択肢はない」とGDLのクラウス・ヴェセルスキー委員長は述べた。",
        ],
    ),
    "ar": Text(
        "ar",
        "عمال السكك الحديدية في ألمانيا يضربون يوم الخميس",
        [
            "برلين — قالت نقابة GDL يوم الثلاثاء إن سائقي القطارات التابعين لها سيضربون عن العمل "
            "من الخميس 5 نوفمبر حتى السبت.",
            "وقالت دويتشه بان إن الإضراب سيؤثر على نحو 7000 قطار يوميا، وقد يكلف الاقتصاد 100 "
            "مليون يورو في اليوم.",
            "وقال زعيم نقابة GDL كلاوس فيسيلسكي: «ليس لدينا خيار آخر».",
        ],
    ),
    "th": Text(
        "th",
        "พนักงานรถไฟในเยอรมนีจะนัดหยุดงานในวันพฤหัสบดี",
        [
            "เบอร์ลิน — พนักงานขับรถไฟของสหภาพ GDL จะนัดหยุดงานตั้งแต่วันพฤหัสบดีที่ 5 พฤศจิกายน "
            "ถึงวันเสาร์ สหภาพระบุเมื่อวันอังคาร",
            "การนัดหยุดงานจะกระทบรถไฟราว 7,000 ขบวนต่อวัน ตามข้อมูลของ Deutsche Bahn "
            "และอาจทำให้เศรษฐกิจเสียหายวันละ 100 ล้านยูโร",
            '"เราไม่มีทางเลือกอื่น" Claus Weselsky ผู้นำ GDL กล่าว',
        ],
    ),
    "id": Text(
        "id",
        "Pekerja kereta api di Jerman akan mogok pada hari Kamis",
        [
            "BERLIN — Para masinis serikat GDL akan mogok mulai Kamis, 5 November, hingga Sabtu, "
            "kata serikat itu pada hari Selasa.",
            "Pemogokan akan berdampak pada sekitar 7.000 kereta per hari, kata Deutsche Bahn, dan "
            "dapat merugikan perekonomian 100 juta euro per hari.",
            '"Kami tidak punya pilihan lain," kata pemimpin GDL Claus Weselsky.',
        ],
    ),
    "ms": Text(
        "ms",
        "Pekerja kereta api di Jerman akan mogok pada hari Khamis",
        [
            "BERLIN — Pemandu kereta api kesatuan GDL akan mogok dari Khamis, 5 November, hingga "
            "Sabtu, kata kesatuan itu pada hari Selasa.",
            "Mogok itu akan menjejaskan kira-kira 7,000 kereta api sehari, kata Deutsche Bahn, dan "
            "boleh merugikan ekonomi 100 juta euro sehari.",
            '"Kami tiada pilihan lain," kata pemimpin GDL Claus Weselsky.',
        ],
    ),
    "pt": Text(
        "pt",
        "Ferroviários da Alemanha entram em greve na quinta-feira",
        [
            "BERLIM — Os maquinistas do sindicato GDL vão fazer greve de quinta-feira, 5 de "
            "novembro, até sábado, disse o sindicato na terça-feira.",
            "A greve vai afetar cerca de 7.000 comboios por dia, segundo a Deutsche Bahn, e pode "
            "custar à economia 100 milhões de euros por dia.",
            '"Não temos outra escolha", disse o líder do GDL, Claus Weselsky.',
        ],
    ),
}

STORIES = [(SOLAR, SOLAR_TRANSLATIONS), (STRIKE, STRIKE_TRANSLATIONS)]
CLEAN_CASES = [
    (source, translation)
    for source, translations in STORIES
    for translation in translations.values()
]

#: Same topic, same week, not a translation: the hard negatives of same-story matching.
STRIKE_FOLLOW_UP = Text(
    "de",
    "Bahn: GDL-Streik trifft am Freitag 5.000 Züge",
    [
        "BERLIN — Der Streik der Lokführergewerkschaft GDL wird am Freitag rund 5.000 Züge der "
        "Deutschen Bahn treffen, teilte das Unternehmen am Mittwoch mit.",
        "Die Bahn bietet einen Notfahrplan mit 20 Prozent der Fernzüge an.",
        "GDL-Chef Claus Weselsky sagte, die Gewerkschaft fordere 555 Euro mehr Lohn im Monat.",
    ],
)
SOLAR_RIVAL = Text(
    "vi",
    "Hợp tác xã điện mặt trời Đồng Tháp vay 800.000 USD từ ADB",
    [
        "CẦN THƠ — Một hợp tác xã điện mặt trời khác ở Đồng bằng sông Cửu Long (Mekong) cho biết "
        "hôm thứ Tư đã vay 800.000 USD từ Ngân hàng Phát triển châu Á (ADB).",
        "Hợp tác xã có 640 thành viên và sẽ lắp 900 tấm pin trên mái các trường học.",
        "“Nông dân cần điện rẻ,” ông Trần Văn Minh, giám đốc hợp tác xã, nói.",
        "Dự án sẽ hoàn thành vào tháng 9 năm 2026.",
    ],
)
