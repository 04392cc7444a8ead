# Оценочная таблица досье и её диаграммы.

scorecard-feed-title = { $title }: события и изменения оценок
scorecard-as-of = По состоянию на
scorecard-last-updated = Последнее событие или оценка
scorecard-follow = Подписаться (лента Atom)
scorecard-team-view = Вид для команды: черновики и ожидающие проверки изменения включены и отмечены; посетители видят только одобренное проверяющим
scorecard-filter = Фильтры и дата
scorecard-filters-set = (отбор задан)
scorecard-filters = Отбор
scorecard-filter-actor = Участник
scorecard-filter-theme = Тема
scorecard-filter-verdict = Оценка
scorecard-filter-origin = Происхождение
scorecard-filter-all = Все
scorecard-filter-deadline-from = Срок с
scorecard-filter-deadline-to = Срок по
scorecard-filter-words = Слова
scorecard-apply = Применить
scorecard-clear = Сбросить отбор
scorecard-count-heading = Итоги на { $date }
scorecard-total = { $n ->
    [one] обязательство
    [few] обязательства
    [many] обязательств
   *[other] обязательства
}
scorecard-total-shown = { $n ->
    [one] обязательство показано
    [few] обязательства показаны
    [many] обязательств показано
   *[other] обязательства показаны
}
scorecard-overdue = Просрочено
scorecard-notes = С продвижением: { $progress } · откат сейчас (оценка ниже одной из прежних): { $backtracking } · в оценках: { $steps } · открыто и не оценивалось полгода: { $stale }
scorecard-commitments = Обязательства
scorecard-none = Ни одно обязательство не подходит.
scorecard-col-commitment = Обязательство
scorecard-col-verdict = Оценка
scorecard-col-deadline = Срок
scorecard-col-clock = Сроки обещания
scorecard-sort-by = Сортировать по
scorecard-sort-ascending = сортировать по столбцу «{ $column }», по возрастанию
scorecard-sort-descending = сортировать по столбцу «{ $column }», по убыванию
scorecard-backtracking = Откат
scorecard-stale = Не оценивалось полгода
scorecard-rated-on = оценено { $date }
scorecard-not-rated = ещё не оценено
scorecard-clock = отведено { $allowed }; { $since }
scorecard-recent = Что изменилось с { $date }
scorecard-bears-on = Относится к
scorecard-steps-back = Шаги назад в оценках
scorecard-steps-back-note = Шаг назад — это оценка хуже предыдущей. Обязательство считается в откате, пока его текущая оценка ниже одной из прежних.
scorecard-regression = { $date }: { $commitment }, снижение с «{ $from }» до «{ $to }»
scorecard-about = Об этом досье
scorecard-documents = Документы
scorecard-memo = Меморандум
scorecard-memo-as-of = Меморандум по состоянию на
scorecard-format = Формат
scorecard-format-docx = Word (DOCX)
scorecard-steps-by-body = Также сгруппировать рекомендации по органам
scorecard-version = Версия
scorecard-version-public = Публичная (только опубликованные записи)
scorecard-version-team = Черновик команды (черновики и конфиденциальные источники; с водяным знаком)
scorecard-memo-download = Скачать меморандум
scorecard-letters = Письма
scorecard-letters-to = Письма адресатам
scorecard-include-subject = Написать также { $state } (отдельное письмо о его собственных обещаниях)
scorecard-letters-download = Скачать письма (одним документом)
scorecard-letters-note = Письма просят каждого адресата призвать к ответу { $state } — государство, связанное этими обязательствами, поэтому { $state } исключается из списка, если не отметить поле выше.
scorecard-open-data = Открытые данные
scorecard-open-data-team = Записи этого досье, включая черновики и конфиденциальные источники, со всем, на что они ссылаются:
scorecard-open-data-public = Опубликованные записи этого досье со всем, на что они ссылаются:
scorecard-json-schema = JSON Schema
scorecard-concerns = Проблемы помимо обязательств

## Диаграммы.
chart-status-heading = Оценки во времени
chart-status-title = Оценки во времени
chart-status-desc = Число обязательств с каждой оценкой на конец каждого года; таблица данных следует за диаграммой.
chart-colours = Цвета
chart-data-table = Таблица данных
chart-date = Дата
chart-timeline-heading = Хронология
chart-timeline-title = Хронология
chart-timeline-desc = Даты обещаний, сроки, вехи и события; список событий следует за диаграммой.
chart-events = Список событий
chart-timeline-item = { $date }: { $event } ({ $kind })
chart-pledges-at = Обещания даны: { $occasion }
chart-pledge-made = Обещание дано
chart-deadline = Срок: { $commitment }
chart-as-of = на { $date }
chart-row-pledge = Обещания
chart-row-deadline = Сроки
chart-row-milestone = Вехи
chart-row-development = События
chart-kind-pledge = обещание
chart-kind-deadline = срок
chart-kind-milestone = веха
chart-kind-development = событие

## Ленты Atom: их постоянный текст.
feed-dossier-subtitle = Новые события и оценки обязательств досье по мере их публикации.
feed-commitment-subtitle = Обязательство, отслеживаемое в досье «{ $dossier }».
feed-development-title = { $direction } по обязательству «{ $name }»: { $title }
feed-development-summary = { $date }: { $title }. { $summary }
feed-sources = Источники: { $sources }.
feed-rating-title = { $change }: «{ $name }»
feed-rating-summary = Оценка «{ $status }» (на { $date }).
feed-step-back = Это шаг назад: оценка хуже предыдущей.
scorecard-document-lang = Язык документа
