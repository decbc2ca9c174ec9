"""Negations and sentences a translation loses (issue 14), per language: a negation lost in one
sentence while another sentence gains one, a sentence dropped from a paragraph of two or from a
quotation; and what is no loss: negative determiners (`ningún`, `aucun`), idioms whose cue does
not negate (`sin duda`), a cue quoted alone (`“no.”`), an emphatic negation written without a
cue (`en absoluto`), sentences merged or split by the translation; and what is a negation though
it looked like none (`Mac Pro. Não é`, `d'aucune façon`)."""

from __future__ import annotations

import pytest

from polywire.check import Severity, Text, check_translation


def majors(source: str, translation: str, language: str) -> list[str]:
    report = check_translation(Text("en", "", [source]), Text(language, "", [translation]))
    return [f.check for f in report.findings if f.severity == Severity.MAJOR]


MOVED_SOURCE = "The minister did not comment on the report. He said the figures were new."
#: language → (clean, the negation moved from the first sentence to the second)
MOVED = {
    "es": (
        "El ministro no comentó el informe. Dijo que las cifras eran nuevas.",
        "El ministro comentó el informe. Dijo que las cifras no eran nuevas.",
    ),
    "fr": (
        "Le ministre n'a pas commenté le rapport. Il a dit que les chiffres étaient nouveaux.",
        "Le ministre a commenté le rapport. Il a dit que les chiffres n'étaient pas nouveaux.",
    ),
    "pt": (
        "O ministro não comentou o relatório. Ele disse que os números eram novos.",
        "O ministro comentou o relatório. Ele disse que os números não eram novos.",
    ),
    "de": (
        "Der Minister äußerte sich nicht zu dem Bericht. Er sagte, die Zahlen seien neu.",
        "Der Minister äußerte sich zu dem Bericht. Er sagte, die Zahlen seien nicht neu.",
    ),
    "vi": (
        "Bộ trưởng không bình luận về báo cáo. Ông nói các con số là mới.",
        "Bộ trưởng đã bình luận về báo cáo. Ông nói các con số không phải là mới.",
    ),
    "ja": (
        "大臣は報告書についてコメントしなかった。数字は新しいと述べた。",
        "大臣は報告書についてコメントした。数字は新しくないと述べた。",
    ),
    "ar": (
        "لم يعلق الوزير على التقرير. وقال إن الأرقام جديدة.",
        "علق الوزير على التقرير. وقال إن الأرقام ليست جديدة.",
    ),
    "zh": (
        "部长没有对报告发表评论。他说这些数字是新的。",
        "部长对报告发表了评论。他说这些数字不是新的。",
    ),
    "ko": (
        "장관은 보고서에 대해 논평하지 않았다. 그는 수치가 새롭다고 말했다.",
        "장관은 보고서에 대해 논평했다. 그는 수치가 새롭지 않다고 말했다.",
    ),
    "ru": (
        "Министр не прокомментировал доклад. Он сказал, что цифры новые.",
        "Министр прокомментировал доклад. Он сказал, что цифры не новые.",
    ),
}


@pytest.mark.parametrize("language", MOVED)
def test_a_negation_lost_in_one_sentence_is_major_though_another_gains_one(
    language: str,
) -> None:
    clean, moved = MOVED[language]
    assert majors(MOVED_SOURCE, clean, language) == []
    assert "negation" in majors(MOVED_SOURCE, moved, language)


@pytest.mark.parametrize(
    ("language", "clean", "faulty"),
    [
        ("zh", "部长没有评论这份报告。", "部长评论了这份报告。"),
        ("ko", "장관은 보고서에 대해 논평하지 않았다.", "장관은 보고서에 대해 논평했다."),
        ("ru", "Министр не прокомментировал доклад.", "Министр прокомментировал доклад."),
    ],
)
def test_a_lost_negation_is_major_in_chinese_korean_and_russian(
    language: str, clean: str, faulty: str
) -> None:
    source = "The minister did not comment on the report."
    assert majors(source, clean, language) == []
    assert "negation" in majors(source, faulty, language)


@pytest.mark.parametrize(
    ("language", "translation"),
    [
        ("es", "La oficina tuvo ningún comentario."),
        ("pt", "O escritório teve nenhum comentário."),
        ("fr", "Le bureau a eu aucun commentaire."),
    ],
)
def test_a_negative_determiner_after_its_verb_still_negates(
    language: str, translation: str
) -> None:
    """The engine writes `had no comment` so itself: no alarm on it."""
    assert majors("The office had no comment.", translation, language) == []


@pytest.mark.parametrize(
    ("language", "translation"),
    [
        ("es", "Ningún ministro comentó el informe. En ningún caso lo hará."),
        ("pt", "Nenhum ministro comentou o relatório. Em nenhum caso o fará."),
        ("fr", "Aucun ministre n'a commenté le rapport. En aucun cas il ne le fera."),
    ],
)
def test_a_negative_determiner_heading_its_clause_negates(language: str, translation: str) -> None:
    source = "No minister commented on the report. In no case will one do it."
    assert majors(source, translation, language) == []


@pytest.mark.parametrize(
    ("language", "translation"),
    [
        ("es", "No había ninguna indicación, absolutamente ninguna indicación."),
        ("pt", "Não havia nenhuma indicação, absolutamente nenhuma indicação."),
        ("fr", "Il n'y avait aucune indication, absolument aucune indication."),
    ],
)
def test_a_negative_determiner_after_an_adverb_negates(language: str, translation: str) -> None:
    assert majors("There was no indication, absolutely no indication.", translation, language) == []


@pytest.mark.parametrize(
    ("language", "clean", "faulty"),
    [
        (
            "es",
            "No será visto con el techo puesto. Sin duda el coche luce muy elegante.",
            "Será visto con el techo puesto. Sin duda el coche luce muy elegante.",
        ),
        (
            "pt",
            "Não será visto com o teto no lugar. Sem dúvida o carro parece muito elegante.",
            "Será visto com o teto no lugar. Sem dúvida o carro parece muito elegante.",
        ),
        (
            "fr",
            "Il ne sera pas vu avec le toit en place. Sans doute la voiture a l'air très élégante.",
            "Il sera vu avec le toit en place. Sans doute la voiture a l'air très élégante.",
        ),
    ],
)
def test_without_doubt_is_no_negation(language: str, clean: str, faulty: str) -> None:
    source = "It won't be seen with the roof in place. No doubt the car looks very stylish."
    assert majors(source, clean, language) == []
    assert "negation" in majors(source, faulty, language)


def test_any_person_is_no_one_in_french() -> None:
    source = "It was not minor. It should force any rational person to question the account."
    translation = (
        "Ce n'était pas mineur. Cela devrait forcer n'importe quelle personne rationnelle à "
        "remettre en question le récit."
    )
    assert majors(source, translation, "fr") == []
    faulty = translation.replace("n'était pas", "était")
    assert "negation" in majors(source, faulty, "fr")


@pytest.mark.parametrize(
    ("language", "clean", "faulty"),
    [
        (
            "es",
            "No dijo «no». Sin tener que decirte «núm.»",
            "Dijo «no». Sin tener que decirte «núm.»",
        ),
        (
            "fr",
            "Il n'a pas dit « non ». Sans devoir te dire « núm. »",
            "Il a dit « non ». Sans devoir te dire « núm. »",
        ),
        (
            "pt",
            "Não disse “não”. Sem ter que te dizer “núm.”",
            "Disse “não”. Sem ter que te dizer “núm.”",
        ),
        (
            "de",
            "Er sagte nicht „nein“. Ohne dir „Nr.“ sagen zu müssen.",
            "Er sagte „nein“. Ohne dir „Nr.“ sagen zu müssen.",
        ),
    ],
)
def test_a_cue_quoted_alone_is_a_word_not_a_negation(
    language: str, clean: str, faulty: str
) -> None:
    """`tell yourself “no.”` mentions the word: the engine's `«núm.»` for it loses nothing,
    and a quoted `«no»` in the translation does not stand for the statement's negation."""
    source = "He did not say “no.” Without having to tell yourself “no.”"
    assert majors(source, clean, language) == []
    assert "negation" in majors(source, faulty, language)


@pytest.mark.parametrize(
    ("language", "clean", "faulty"),
    [
        (
            "es",
            "La reclamación es «en absoluto cierta». No me afecta en absoluto.",
            "La reclamación es «en absoluto cierta». Me afecta en absoluto.",
        ),
        (
            "pt",
            "A reclamação é “em absoluto verdadeira”. Não me afeta em absoluto.",
            "A reclamação é “em absoluto verdadeira”. Me afeta em absoluto.",
        ),
        (
            "fr",
            "La réclamation est « absolument pas vraie ». Cela ne me touche pas du tout.",
            "La réclamation est « absolument vraie ». Cela ne me touche pas du tout.",
        ),
    ],
)
def test_absolutely_not_may_be_written_without_a_cue(
    language: str, clean: str, faulty: str
) -> None:
    """`en absoluto` is what the engine writes for `absolutely not` and `not at all`; it keeps
    those, not a negation of the verb (`doesn't affect me at all`)."""
    source = "The claim is “absolutely not true.” It doesn't affect me at all."
    assert majors(source, clean, language) == []
    assert "negation" in majors(source, faulty, language)


@pytest.mark.parametrize(
    ("language", "clean", "faulty"),
    [
        (
            "pt",
            "O MacBook Pro não é tão rápido como o Mac Pro. Não é sequer melhor do que o iMac Pro.",
            "O MacBook Pro é tão rápido como o Mac Pro. Não é sequer melhor do que o iMac Pro.",
        ),
        (
            "de",
            "Das MacBook Pro ist nicht so schnell wie der Mac Pro. Nicht überall ist es besser "
            "als der iMac Pro.",
            "Das MacBook Pro ist so schnell wie der Mac Pro. Nicht überall ist es besser als der "
            "iMac Pro.",
        ),
        (
            "vi",
            "MacBook Pro không nhanh bằng Mac Pro. Không được tốt hơn iMac Pro ở mọi mặt.",
            "MacBook Pro nhanh bằng Mac Pro. Không được tốt hơn iMac Pro ở mọi mặt.",
        ),
    ],
)
def test_a_capitalised_cue_before_an_accented_lower_case_word_negates(
    language: str, clean: str, faulty: str
) -> None:
    """`Mac Pro. Não é`: the cue follows an abbreviation-like `Pro.`, and `é` is no capital."""
    source = "The MacBook Pro is not as fast as the Mac Pro. It isn't better than the iMac Pro."
    assert majors(source, clean, language) == []
    assert "negation" in majors(source, faulty, language)


def test_in_no_way_is_a_negation_in_french() -> None:
    """`d'aucune façon`: `d'` makes a noun of `personne`, not of `aucune`."""
    source = "The iMac Pro is in no way a portable machine."
    assert majors(source, "L'iMac Pro n'est d'aucune façon une machine portable.", "fr") == []
    assert majors(source, "L'iMac Pro est d'aucune façon une machine portable.", "fr") == []
    assert "negation" in majors(source, "L'iMac Pro est d'une façon une machine portable.", "fr")


TWO_SENTENCES = (
    "Talks between the company and the drivers broke down after midnight. "
    "The union said its members were angry about the pay and the long hours."
)
#: language → (clean, the second sentence dropped)
TWO = {
    "es": (
        "Las negociaciones entre la empresa y los conductores fracasaron después de "
        "medianoche. El sindicato dijo que sus miembros estaban enojados por el salario y las "
        "largas jornadas.",
        "Las negociaciones entre la empresa y los conductores fracasaron después de medianoche.",
    ),
    "fr": (
        "Les négociations entre l'entreprise et les chauffeurs ont échoué après minuit. Le "
        "syndicat a dit que ses membres étaient en colère contre le salaire et les longues "
        "heures.",
        "Les négociations entre l'entreprise et les chauffeurs ont échoué après minuit.",
    ),
    "pt": (
        "As negociações entre a empresa e os motoristas fracassaram depois da meia-noite. O "
        "sindicato disse que os seus membros estavam zangados com o salário e as longas horas.",
        "As negociações entre a empresa e os motoristas fracassaram depois da meia-noite.",
    ),
    "de": (
        "Die Gespräche zwischen dem Unternehmen und den Fahrern scheiterten nach Mitternacht. "
        "Die Gewerkschaft sagte, ihre Mitglieder seien über den Lohn und die langen Arbeitszeiten "
        "verärgert.",
        "Die Gespräche zwischen dem Unternehmen und den Fahrern scheiterten nach Mitternacht.",
    ),
    "vi": (
        "Các cuộc đàm phán giữa công ty và các tài xế đã đổ vỡ sau nửa đêm. Công đoàn cho biết "
        "các thành viên tức giận về tiền lương và giờ làm việc dài.",
        "Các cuộc đàm phán giữa công ty và các tài xế đã đổ vỡ sau nửa đêm.",
    ),
    "ja": (
        "会社と運転手の交渉は深夜過ぎに決裂した。組合は、組合員が賃金と長時間労働に怒っていると"
        "述べた。",
        "会社と運転手の交渉は深夜過ぎに決裂した。",
    ),
    "ar": (
        "انهارت المحادثات بين الشركة والسائقين بعد منتصف الليل. وقالت النقابة إن أعضاءها غاضبون "
        "من الأجور وساعات العمل الطويلة.",
        "انهارت المحادثات بين الشركة والسائقين بعد منتصف الليل.",
    ),
}


@pytest.mark.parametrize("language", TWO)
def test_one_of_two_sentences_dropped_is_major(language: str) -> None:
    """The sentence left is no two merged: it is as long as one."""
    clean, dropped = TWO[language]
    assert majors(TWO_SENTENCES, clean, language) == []
    assert "sentences" in majors(TWO_SENTENCES, dropped, language)


@pytest.mark.parametrize(
    ("language", "clean", "dropped"),
    [
        (
            "es",
            "«¡La actuación fue espectacular! Las imágenes eran impresionantes y los artistas "
            "tienen mucho talento. Hay que verla.»",
            "«¡La actuación fue espectacular! Hay que verla.»",
        ),
        (
            "fr",
            "« La représentation était spectaculaire ! Les images étaient époustouflantes et "
            "les artistes ont tant de talent. À voir absolument. »",
            "« La représentation était spectaculaire ! À voir absolument. »",
        ),
        (
            "pt",
            "“A atuação foi espetacular! As imagens eram deslumbrantes e os artistas têm tanto "
            "talento. Imperdível.”",
            "“A atuação foi espetacular! Imperdível.”",
        ),
    ],
)
def test_a_sentence_dropped_inside_a_quotation_is_major(
    language: str, clean: str, dropped: str
) -> None:
    source = (
        "“The performance was spectacular! The visuals were breathtaking and the performers "
        "are so talented. Must see.”"
    )
    assert majors(source, clean, language) == []
    assert "sentences" in majors(source, dropped, language)


@pytest.mark.parametrize(
    ("language", "merged", "split"),
    [
        (
            "es",
            "Las negociaciones entre la empresa y los conductores fracasaron después de "
            "medianoche, y el sindicato dijo que sus miembros estaban enojados por el salario y "
            "las largas jornadas.",
            "Las negociaciones entre la empresa y los conductores fracasaron. Fue después de "
            "medianoche. El sindicato dijo que sus miembros estaban enojados por el salario y "
            "las largas jornadas.",
        ),
        (
            "de",
            "Die Gespräche zwischen dem Unternehmen und den Fahrern scheiterten nach Mitternacht, "
            "und die Gewerkschaft sagte, ihre Mitglieder seien über den Lohn und die langen "
            "Arbeitszeiten verärgert.",
            "Die Gespräche zwischen dem Unternehmen und den Fahrern scheiterten. Das war nach "
            "Mitternacht. Die Gewerkschaft sagte, ihre Mitglieder seien über den Lohn und die "
            "langen Arbeitszeiten verärgert.",
        ),
        (
            "fr",
            "Les négociations entre l'entreprise et les chauffeurs ont échoué après minuit, et le "
            "syndicat a dit que ses membres étaient en colère contre le salaire et les longues "
            "heures.",
            "Les négociations entre l'entreprise et les chauffeurs ont échoué. C'était après "
            "minuit. Le syndicat a dit que ses membres étaient en colère contre le salaire et les "
            "longues heures.",
        ),
    ],
)
def test_sentences_merged_or_split_by_the_translation_are_no_loss(
    language: str, merged: str, split: str
) -> None:
    assert majors(TWO_SENTENCES, merged, language) == []
    assert majors(TWO_SENTENCES, split, language) == []


LONG_SENTENCE = (
    "But it may grow into something bigger if the president agrees to the demands to roll back "
    "existing tariffs on goods, people familiar with the talks say."
)


@pytest.mark.parametrize(
    ("language", "clean", "cut"),
    [
        (
            "es",
            "Pero podría convertirse en algo más grande si el presidente acepta las demandas de "
            "retirar los aranceles existentes sobre los productos, dicen personas al tanto de las "
            "conversaciones.",
            "Pero podría convertirse en algo más grande si el presidente.",
        ),
        (
            "fr",
            "Mais cela pourrait devenir plus important si le président accepte les demandes de "
            "supprimer les droits de douane existants sur les marchandises, disent des personnes "
            "au fait des discussions.",
            "Mais cela pourrait devenir plus important si le président.",
        ),
        (
            "de",
            "Es könnte aber größer werden, wenn der Präsident den Forderungen zustimmt, die "
            "bestehenden Zölle auf Waren zurückzunehmen, sagen mit den Gesprächen vertraute "
            "Personen.",
            "Es könnte aber größer werden, wenn der Präsident.",
        ),
    ],
)
def test_a_sentence_cut_by_half_is_major(language: str, clean: str, cut: str) -> None:
    assert majors(LONG_SENTENCE, clean, language) == []
    assert "sentences" in majors(LONG_SENTENCE, cut, language)


def test_a_terse_translation_is_no_cut_sentence() -> None:
    """Two thirds of the usual length is a translator's economy, not a lost part."""
    terse = (
        "Pero podría crecer si el presidente acepta retirar los aranceles actuales sobre los "
        "productos, dicen fuentes cercanas."
    )
    assert "sentences" not in majors(LONG_SENTENCE, terse, "es")


@pytest.mark.parametrize(
    ("language", "clean", "faulty"),
    [
        (
            "es",
            "Los bomberos no encontraron ningún rastro del barco.",
            "Los bomberos encontraron ningún rastro del barco.",
        ),
        (
            "pt",
            "Os bombeiros não encontraram nenhum vestígio do barco.",
            "Os bombeiros encontraram nenhum vestígio do barco.",
        ),
        (
            "fr",
            "Les pompiers n'ont trouvé aucune trace du bateau.",
            "Les pompiers ont trouvé aucune trace du bateau.",
        ),
    ],
)
def test_a_verbs_negation_is_not_kept_by_an_n_word_alone(
    language: str, clean: str, faulty: str
) -> None:
    """`did not find any`: the verb's negation is lost though `ningún` is left (concord)."""
    source = "The firefighters did not find any trace of the boat."
    assert majors(source, clean, language) == []
    assert "negation" in majors(source, faulty, language)


@pytest.mark.parametrize(
    ("language", "translation"),
    [
        ("es", "La alcaldesa tuvo ningún comentario y nadie respondió."),
        ("pt", "A prefeita teve nenhum comentário e ninguém respondeu."),
        ("fr", "La maire a eu aucun commentaire et personne répondit."),
    ],
)
def test_a_determiners_or_pronouns_negation_may_be_an_n_word_alone(
    language: str, translation: str
) -> None:
    """`had no comment`, `nobody`: the engine writes them with the n-word alone."""
    source = "The mayor had no comment and nobody answered."
    assert majors(source, translation, language) == []


def test_absolument_pas_is_an_emphatic_negation_not_a_verbs() -> None:
    """The engine writes `absolument pas` for `at all` too (`en absoluto` through Spanish): after
    a lost `ne … pas` it keeps nothing of the verb's negation."""
    source = "The storm did not damage the bridge at all."
    clean = "La tempête n'a pas endommagé le pont absolument pas."
    assert majors(source, clean, "fr") == []
    assert "negation" in majors(source, "La tempête a endommagé le pont absolument pas.", "fr")


def test_english_may_make_a_verbs_negation_nominal() -> None:
    """`no vio a nadie` is `saw nobody`: English has no negative concord."""
    report = check_translation(
        Text("es", "", ["El guardia no vio a nadie en la calle aquella noche."]),
        Text("en", "", ["The guard saw nobody in the street that night."]),
    )
    assert [f.check for f in report.findings if f.severity == Severity.MAJOR] == []


def test_concord_within_a_clause_is_one_negation_into_english() -> None:
    """`nadie dijo nada` is one negation (`nobody said anything`), not two."""
    report = check_translation(
        Text("es", "", ["Nadie dijo nada durante la reunión del consejo."]),
        Text("en", "", ["Nobody said anything during the council meeting."]),
    )
    assert [f.check for f in report.findings if f.severity == Severity.MAJOR] == []
