"""The words writers use, per language: data only, one table each.

- `FORMS`: the headings that name each section kind, per language (added to `sections.KINDS`' own
  English forms by `sections.default_forms()`; a repo adds more with `[sections]` in its config).
  They are compared as `headings.normal()` has them, so case, punctuation and a plural `s` do not
  matter; a form given to two kinds is refused when the table is built (tests/test_vocabulary.py).
- `LABELS`: the words of a label written before a hook or an angle (`Option A:`, `Вариант 2:`),
  which is not part of the post.
- `SEPARATORS`: a paragraph that only says "or" between two hooks.
- `CLOSERS`: the closing line a packaged template adds to a post, per language; a language without
  one gets none (never English in a post written in another language).

Languages are ISO 639-1 codes: en es pt fr de it ru uk vi tr pl nl.
"""

from __future__ import annotations

FORMS: dict[str, dict[str, tuple[str, ...]]] = {
    "core_idea": {
        "en": ("Core Concept", "The Idea", "Premise"),
        "es": ("Idea central", "Idea principal", "Idea clave", "Idea"),
        "pt": ("Ideia central", "Ideia principal", "Ideia"),
        "fr": ("Idée centrale", "Idée principale", "Idée"),
        "de": ("Kernidee", "Hauptidee", "Kerngedanke", "Idee"),
        "it": ("Idea centrale", "Idea principale"),
        "ru": ("Основная идея", "Главная идея", "Идея", "Суть"),
        "uk": ("Основна ідея", "Головна ідея", "Ідея"),
        "vi": ("Ý tưởng chính", "Ý tưởng cốt lõi", "Ý tưởng"),
        "tr": ("Ana fikir", "Temel fikir", "Fikir"),
        "pl": ("Główna idea", "Główna myśl", "Kluczowa idea", "Pomysł"),
        "nl": ("Kernidee", "Hoofdidee", "Centrale idee"),
    },
    "key_points": {
        "en": ("Key Insights", "Highlights"),
        "es": ("Puntos clave", "Puntos principales"),
        "pt": ("Pontos-chave", "Pontos principais", "Ideias-chave"),
        "fr": ("Points clés", "Points principaux", "Idées clés"),
        "de": ("Kernpunkte", "Wichtige Punkte", "Hauptpunkte"),
        "it": ("Punti chiave", "Punti principali"),
        "ru": ("Ключевые моменты", "Основные тезисы", "Тезисы", "Ключевые пункты"),
        "uk": ("Ключові моменти", "Основні тези", "Тези", "Ключові пункти"),
        "vi": ("Điểm chính", "Các điểm chính", "Ý chính"),
        "tr": ("Anahtar noktalar", "Ana noktalar", "Önemli noktalar"),
        "pl": ("Kluczowe punkty", "Najważniejsze punkty", "Główne punkty"),
        "nl": ("Kernpunten", "Belangrijkste punten", "Hoofdpunten"),
    },
    "angles": {
        "en": ("Angle", "Directions", "Post Directions", "Perspectives"),
        "es": ("Ángulos", "Enfoques", "Perspectivas"),
        "pt": ("Ângulos", "Abordagens", "Perspectivas"),
        "fr": ("Approches", "Points de vue", "Perspectives"),
        "de": ("Blickwinkel", "Perspektiven", "Ansätze", "Winkel"),
        "it": ("Angolazioni", "Prospettive", "Approcci"),
        "ru": ("Углы", "Угол", "Ракурсы", "Ракурс", "Подходы"),
        "uk": ("Кути", "Ракурси", "Ракурс", "Підходи"),
        "vi": ("Góc nhìn", "Góc độ", "Hướng tiếp cận"),
        "tr": ("Açılar", "Bakış açıları", "Yaklaşımlar"),
        "pl": ("Kąty", "Perspektywy", "Ujęcia"),
        "nl": ("Invalshoeken", "Perspectieven", "Invalshoek"),
    },
    "hooks": {
        "en": ("Hook", "Hook Options", "Openings", "Opening Line"),
        "es": ("Ganchos", "Gancho", "Frases de apertura"),
        "pt": ("Ganchos", "Gancho", "Frases de abertura"),
        "fr": ("Accroches", "Accroche", "Phrases d'ouverture"),
        "de": ("Aufhänger", "Einstieg", "Einstiege", "Hook-Ideen"),
        "it": ("Ganci", "Gancio", "Frasi di apertura"),
        "ru": ("Хук", "Хуки", "Зацепки", "Крючки"),
        "uk": ("Хуки", "Гачки", "Зачіпки"),
        "vi": ("Câu mở đầu", "Móc câu", "Câu hook"),
        "tr": ("Kanca", "Kancalar", "Giriş cümleleri"),
        "pl": ("Haczyki", "Haczyk", "Zaczepki"),
        "nl": ("Haakjes", "Openingszinnen", "Openingszin"),
    },
    "themes": {
        "en": ("Topics", "Related Topics"),
        "es": ("Temas", "Temas relacionados", "Etiquetas"),
        "pt": ("Temas", "Temas relacionados", "Etiquetas"),
        "fr": ("Thèmes", "Thèmes associés", "Mots-clés"),
        "de": ("Themen", "Verwandte Themen", "Schlagwörter"),
        "it": ("Temi", "Temi correlati", "Etichette"),
        "ru": ("Темы", "Связанные темы", "Хэштеги", "Теги"),
        "uk": ("Теми", "Пов'язані теми", "Хештеги", "Теги"),
        "vi": ("Chủ đề", "Chủ đề liên quan", "Thẻ"),
        "tr": ("Temalar", "İlgili temalar", "Etiketler"),
        "pl": ("Tematy", "Powiązane tematy", "Hashtagi"),
        "nl": ("Thema's", "Gerelateerde thema's", "Onderwerpen"),
    },
    "next_steps": {
        "en": ("Todos",),
        "es": ("Próximos pasos", "Siguientes pasos", "Tareas"),
        "pt": ("Próximos passos", "Tarefas"),
        "fr": ("Prochaines étapes", "Tâches"),
        "de": ("Nächste Schritte", "Aufgaben"),
        "it": ("Prossimi passi", "Attività"),
        "ru": ("Следующие шаги", "Задачи"),
        "uk": ("Наступні кроки", "Завдання"),
        "vi": ("Bước tiếp theo", "Các bước tiếp theo", "Việc cần làm"),
        "tr": ("Sonraki adımlar", "Yapılacaklar"),
        "pl": ("Następne kroki", "Kolejne kroki", "Zadania"),
        "nl": ("Volgende stappen", "Taken"),
    },
}

# The words of a label before a hook or an angle: `Option A:`, `**Hook 2**`, `Вариант 1.` (lower case).
LABELS: dict[str, tuple[str, ...]] = {
    "en": ("option", "hook", "angle", "variant", "version", "direction", "take", "alt", "alternative"),
    "es": ("opción", "opcion", "gancho", "ángulo", "angulo", "variante", "versión", "enfoque"),
    "pt": ("opção", "opcao", "gancho", "ângulo", "angulo", "variante", "versão", "abordagem"),
    "fr": ("option", "accroche", "angle", "variante", "version", "approche"),
    "de": ("option", "aufhänger", "einstieg", "blickwinkel", "variante", "version", "ansatz"),
    "it": ("opzione", "gancio", "angolazione", "variante", "versione", "approccio"),
    "ru": ("вариант", "опция", "хук", "угол", "ракурс", "версия", "подход"),
    "uk": ("варіант", "опція", "хук", "кут", "ракурс", "версія", "підхід"),
    "vi": ("phương án", "lựa chọn", "hook", "góc nhìn", "câu mở đầu", "cách"),
    "tr": ("seçenek", "kanca", "açı", "varyant", "versiyon", "yaklaşım"),
    "pl": ("opcja", "haczyk", "wariant", "wersja", "ujęcie", "kąt"),
    "nl": ("optie", "haakje", "invalshoek", "variant", "versie", "hoek"),
}

# A paragraph that only says "or" between two hooks (compared in lower case, without punctuation).
SEPARATORS: dict[str, tuple[str, ...]] = {
    "en": ("or", "alternatively"),
    "es": ("o", "o bien"),
    "pt": ("ou",),
    "fr": ("ou",),
    "de": ("oder",),
    "it": ("oppure", "o"),
    "ru": ("или", "либо"),
    "uk": ("або", "чи"),
    "vi": ("hoặc",),
    "tr": ("veya", "ya da"),
    "pl": ("lub", "albo"),
    "nl": ("of",),
}

# The closing line a packaged template adds after the post's own words.
CLOSERS: dict[str, str] = {
    "en": "Does that match what you have seen? I'd like to hear where you disagree.",
    "es": "¿Coincide con lo que has visto? Me gustaría saber en qué no estás de acuerdo.",
    "pt": "Isso bate com o que você tem visto? Quero saber onde você discorda.",
    "fr": "Cela correspond-il à ce que vous avez vu ? J'aimerais savoir sur quoi vous n'êtes pas d'accord.",
    "de": "Deckt sich das mit dem, was du erlebt hast? Ich würde gern hören, wo du anderer Meinung bist.",
    "it": "Corrisponde a quello che hai visto? Mi piacerebbe sapere dove non sei d'accordo.",
    "ru": "Совпадает ли это с тем, что видели вы? Интересно узнать, с чем вы не согласны.",
    "uk": "Чи збігається це з тим, що бачили ви? Цікаво дізнатися, з чим ви не згодні.",
    "vi": "Điều này có giống với những gì bạn đã thấy không? Mình muốn nghe bạn không đồng ý ở điểm nào.",
    "tr": "Bu sizin gördüklerinizle örtüşüyor mu? Nerede katılmadığınızı duymak isterim.",
    "pl": "Czy to zgadza się z tym, co widzisz? Chętnie usłyszę, w czym się nie zgadzasz.",
    "nl": "Komt dat overeen met wat jij hebt gezien? Ik hoor graag waar je het niet mee eens bent.",
}

LANGUAGES: tuple[str, ...] = tuple(CLOSERS)

# A word in a content section's heading that says the writer wrote their own closing (then a
# template adds none): `## Closing + CTA`, `## Cierre`, `## Заключение` (compared as normal() has it).
CLOSINGS: tuple[str, ...] = (
    "cta", "closing", "close", "call to action", "outro", "cierre", "llamada a la acción", "fechamento",
    "encerramento", "conclusão", "conclusion", "conclusión", "schluss", "fazit", "chiusura",
    "conclusione", "заключение", "концовка", "призыв", "висновок", "заклик", "kết", "kết luận",
    "kapanış", "sonuç", "zakończenie", "podsumowanie", "afsluiting", "slot",
)


def forms_of(kind: str) -> tuple[str, ...]:
    """Every language's heading forms of a section kind."""
    return tuple(form for forms in FORMS.get(kind, {}).values() for form in forms)


def labels() -> tuple[str, ...]:
    return tuple(dict.fromkeys(word for words in LABELS.values() for word in words))


def separators() -> frozenset[str]:
    return frozenset(word for words in SEPARATORS.values() for word in words)
