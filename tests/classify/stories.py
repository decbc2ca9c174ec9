"""Stories written for these tests, in several languages, each with the top-level Media Topic and
the countries a news editor would give it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Written:
    language: str
    headline: str
    body: list[str]
    topic: str
    regions: tuple[str, ...]

    def text(self) -> str:
        return self.headline + "\n\n" + "\n\n".join(self.body) + "\n"


STORIES = [
    Written(
        "en",
        "Central bank raises interest rates as inflation stays high",
        [
            "LONDON (Polywire) — The Bank of England raised its benchmark interest rate by a "
            "quarter point on Thursday, saying inflation remained well above its target.",
            "Shares in British banks rose on the stock market while investors said they expected "
            "further increases before the end of the year.",
        ],
        "medtop:04000000",
        ("GB",),
    ),
    Written(
        "fr",
        "Le Paris Saint-Germain remporte le championnat de France",
        [
            "Le club parisien a battu Lyon 3-1 samedi soir et s'assure le titre de champion de "
            "France de football à deux journées de la fin de la saison.",
            "L'entraîneur a salué ses joueurs, auteurs de trois buts en seconde période.",
        ],
        "medtop:15000000",
        ("FR",),
    ),
    Written(
        "de",
        "Schweres Erdbeben erschüttert den Osten der Türkei",
        [
            "Ein Erdbeben der Stärke 6,8 hat am Montag den Osten der Türkei erschüttert. "
            "Mindestens 40 Menschen kamen ums Leben, Hunderte wurden verletzt.",
            "Rettungskräfte suchen in den Trümmern eingestürzter Häuser nach Überlebenden; "
            "Deutschland schickt ein Team des Technischen Hilfswerks.",
        ],
        "medtop:03000000",
        ("TR", "DE"),
    ),
    Written(
        "es",
        "Miles de médicos y enfermeros vacunados contra la gripe en Madrid",
        [
            "Los hospitales públicos de Madrid han vacunado esta semana a miles de médicos y "
            "enfermeros antes del invierno, cuando los contagios de gripe suelen aumentar.",
            "Las autoridades de salud piden a los pacientes mayores que acudan a su centro de "
            "salud para recibir la vacuna.",
        ],
        "medtop:07000000",
        ("ES",),
    ),
    Written(
        "pt",
        "Brasil vai às urnas para eleger novo presidente",
        [
            "Mais de 150 milhões de eleitores brasileiros votam neste domingo nas eleições "
            "presidenciais, depois de uma campanha marcada pela polarização entre os partidos.",
            "O candidato da oposição lidera as pesquisas, mas o governo espera levar a votação "
            "para o segundo turno.",
        ],
        "medtop:11000000",
        ("BR",),
    ),
    Written(
        "zh-Hans",
        "新型疫苗临床试验取得积极结果",
        [
            "上海一家医院的医生表示，一种新型流感疫苗在临床试验中显示出良好效果，接种后患者的感染率明显下降。",
            "研究人员计划明年扩大试验规模，并向卫生部门申请批准。",
        ],
        "medtop:07000000",
        ("CN",),
    ),
    Written(
        "ja",
        "衆議院選挙で与党が過半数を維持",
        [
            "日曜日に投票が行われた衆議院選挙で、与党は過半数の議席を維持した。",
            "首相は東京で記者会見を開き、野党との協力も視野に政権運営を続ける考えを示した。",
        ],
        "medtop:11000000",
        ("JP",),
    ),
    Written(
        "ru",
        "Сборная России по футболу выиграла товарищеский матч",
        [
            "Сборная России по футболу обыграла команду Сербии со счетом 2:0 в товарищеском "
            "матче в Москве.",
            "Главный тренер похвалил игроков за дисциплину, оба гола были забиты во втором тайме.",
        ],
        "medtop:15000000",
        ("RU", "RS"),
    ),
    Written(
        "ar",
        "إضراب عمال النقل في القاهرة للمطالبة برفع الأجور",
        [
            "بدأ آلاف العمال في شركات النقل العام في القاهرة إضرابا عن العمل للمطالبة برفع الأجور.",
            "وقالت النقابة إن الإضراب سيستمر حتى توافق الحكومة وأصحاب العمل "
            "على زيادة الحد الأدنى للأجور.",
        ],
        "medtop:09000000",
        ("EG",),
    ),
    Written(
        "ko",
        "서울 국제영화제 개막, 배우와 감독 수백 명 참석",
        [
            "올해 서울 국제영화제가 개막해 국내외 배우와 감독 수백 명이 레드카펫을 밟았다.",
            "영화제 기간 동안 40개국의 영화 200여 편이 상영될 예정이다.",
        ],
        "medtop:01000000",
        ("KR",),
    ),
    Written(
        "vi",
        "Bão số 5 đổ bộ vào miền Trung Việt Nam",
        [
            "Cơn bão số 5 đã đổ bộ vào các tỉnh miền Trung Việt Nam, gây mưa lớn và lũ lụt.",
            "Lực lượng cứu hộ đã sơ tán hàng nghìn người dân, ít nhất 12 người thiệt mạng.",
        ],
        "medtop:03000000",
        ("VN",),
    ),
    Written(
        "id",
        "Ribuan siswa di Jakarta ikut ujian nasional",
        [
            "Ribuan siswa sekolah menengah di Jakarta mengikuti ujian nasional pekan ini.",
            "Kementerian pendidikan mengatakan kurikulum baru akan diterapkan di semua sekolah "
            "dan guru akan mendapat pelatihan tambahan.",
        ],
        "medtop:05000000",
        ("ID",),
    ),
]
