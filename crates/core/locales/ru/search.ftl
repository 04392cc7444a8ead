# Страница поиска.

search-title = Поиск
search-words = Слова
search-kind = Вид
search-everything = Всё
search-actor = Участник
search-all = Все
search-theme = Тема
search-status = Оценка
search-origin = Происхождение
search-deadline-from = Срок с
search-deadline-to = Срок по
search-button = Найти
search-help = Участник, тема, оценка, происхождение и срок оставляют в результатах только обязательства.
search-none = По запросу «{ $query }» ничего не найдено
search-none-filtered = По запросу «{ $query }» с этими условиями отбора ничего не найдено
search-none-lead = Среди того, что видят посетители, эти слова ничему не соответствуют. Можно:
search-tip-spelling = проверить написание;
search-tip-fewer-words = взять меньше слов или более общие слова (должно совпасть каждое слово: «закон о СМИ» находит меньше, чем «СМИ»);
search-tip-filters = снять условия отбора (вид, участник, тема, оценка, происхождение, срок);
search-tip-browse = просмотреть
search-tip-dossiers = досье
search-tip-scorecard = или открыть оценочную таблицу:
search-results = { $n ->
    [one] { $n } результат по запросу «{ $query }»
    [few] { $n } результата по запросу «{ $query }»
    [many] { $n } результатов по запросу «{ $query }»
   *[other] { $n } результата по запросу «{ $query }»
}

search-results-range = { $first }–{ $last } из { $n ->
    [one] { $n } результата по запросу «{ $query }»
   *[other] { $n } результатов по запросу «{ $query }»
}
search-pages = Страницы результатов
search-previous = Предыдущая страница
search-next = Следующая страница
search-error-page = «{ $value }» — не номер страницы (1, 2, 3…).
search-error-unknown = { $field }: «{ $value }» нет среди вариантов выбора.
search-error-kind-and-filters = Участник, тема, оценка, происхождение и срок отбирают только обязательства, поэтому им не может соответствовать ничего вида «{ $kind }»: выберите вид «Обязательство» или «Всё» либо снимите эти условия отбора.
search-error-filters-need-words = Фильтры уточняют поиск по словам: введите хотя бы одно слово для поиска.

## Отклонённые запросы.
search-error-no-words = Введите хотя бы одно слово для поиска.
search-error-too-long = Запрос длиннее { $max } знаков; сократите его.
search-error-day = { $field }: «{ $value }» — не день (ожидается ГГГГ-ММ-ДД).
search-filters = Фильтры
