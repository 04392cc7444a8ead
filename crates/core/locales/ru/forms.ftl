# Entry forms: buttons, pickers, error summaries.

form-save = Сохранить
form-cancel = Отмена
form-reason = Причина изменения (сохраняется в истории)
form-required = (обязательно)
form-choose-one = Выберите
form-none = Нет
form-not-concerned = Не затрагивает
form-now = Сейчас: { $file }
form-find-in-list = Найти по словам в списке
form-filter = Отфильтровать список
form-no-match = В списке нет ничего с этими словами.
form-more = { $n ->
    [one] Ещё { $n } запись не показана: введите слова, чтобы найти её.
    [few] Ещё { $n } записи не показаны: введите слова, чтобы найти их.
    [many] Ещё { $n } записей не показано: введите слова, чтобы найти их.
   *[other] Ещё { $n } записи не показано: введите слова, чтобы найти их.
}
form-find-by-words = Найти по словам
form-find = Найти
form-picker-title = { $kind }: поиск по словам
form-problem = Возникла проблема
form-error-line = { $field }: { $error }
form-inline-summary = Источника нет в списке? Добавьте его здесь
form-inline-add = Добавить источник и выбрать его
form-inline-title = Название источника
form-inline-quote = Цитата из него (необязательно)
form-inline-quote-help = Точные слова, на которых основано событие
form-inline-locator = Где в источнике
form-inline-locator-help = Страница или абзац
form-edit-title = Редактирование: { $record }
form-new-title = Новая запись: { $kind }
form-target = { $kind }: { $record }
form-came-from = { $record } (обязательство, с которого вы пришли)
form-status-choice = { $status } ({ $scale })
plural-actor = Участники
plural-occasion = Мероприятия
plural-source = Источники
plural-quote = Цитаты
plural-commitment = Обязательства
plural-milestone = Вехи
plural-development = События
plural-assessment = Оценки
plural-recommendation = Рекомендации
plural-concern = Проблемы
plural-dossier = Досье
plural-recipient-list = Списки адресатов
plural-signatory = Подписанты
plural-candidate = Проекты обязательств
form-rated-by = Оценку дал
form-reviewed-by = Проверил
form-not-reviewed = ещё не проверено
form-history-body-missing = Содержимое, которое представляет эта запись о создании, отсутствует или не совпадает с её хешем: запустите «pledgewatch audit verify».
form-add-quote = Добавить цитату из этого источника
form-add-development = Записать событие
form-add-assessment = Оценить это обязательство
form-error-required = обязательно для заполнения
form-error-choose-one = выберите вариант
form-link-dropped = В ссылке указана запись, которой нет или которая удалена ({ $fields }); выберите другую ниже.
