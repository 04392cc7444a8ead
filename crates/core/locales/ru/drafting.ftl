# Drafting help: proposing commitments from a text, accepting or rejecting them.

drafting-title = Помощь в составлении
drafting-lead = Вставьте заявление, письмо или доклад либо выберите файл. pledgewatch предложит содержащиеся в нём обязательства, с точными словами, тем, кто их взял, и сроком; затем вы принимаете, правите или отклоняете каждое.
drafting-doc-title = Название документа
drafting-doc-date = Дата документа
drafting-doc-date-help = Точка отсчёта для «в прошлом году», «полгода назад», «в течение шести месяцев».
drafting-we = Кто такие «мы» и «правительство»
drafting-text = Текст
drafting-file = Или файл (простой текст, Markdown, HTML, PDF или Word)
drafting-file-label = Файл
drafting-file-help = Не более 10 МБ. В PDF нужен текстовый слой: скан без него прочитать нельзя.
drafting-confidential = Документ конфиденциален
drafting-propose = Предложить обязательства
drafting-waiting = Ожидает проверки
drafting-pending = { $n ->
    [one] (ожидает: { $n })
   *[other] (ожидают: { $n })
}
drafting-source-record = Запись об источнике
drafting-proposed-count = { $n ->
    [one] { $n } предложенное обязательство
    [few] { $n } предложенных обязательства
    [many] { $n } предложенных обязательств
   *[other] { $n } предложенного обязательства
}
drafting-text-marked = Текст с отмеченными предложенными обязательствами
drafting-proposed = Предложенные обязательства
drafting-none-found = В этом тексте не найдено ни одного обязательства.
drafting-bound = Кто взял обязательство
drafting-not-found = не найдено
drafting-speaker = Кто выступил или подписал
drafting-occasion = Мероприятие
drafting-timing = Сроки
drafting-deadline = Срок
drafting-deadline-none = нет
drafting-condition = Условие
drafting-confidence = Уверенность
drafting-rejected-because = Причина отклонения
drafting-became = Стало
drafting-the-commitment = записью об обязательстве
drafting-not-done = Это не выполнено
drafting-similar = Похожее обязательство уже записано
drafting-similar-text = Если принять это, одно и то же обещание может быть записано дважды. Вместо этого прикрепите его слова к существующему обязательству как подтверждение (они будут записаны как повторное заявление из этого источника):
drafting-attach = Прикрепить как подтверждение к этому
drafting-attach-label = Прикрепить как подтверждение к «{ $statement }»
drafting-statement = Формулировка
drafting-who-bound = Кто взял обязательство
drafting-dossier = В какое досье
drafting-choose-dossier = Выберите досье
drafting-accept = Принять как обязательство
drafting-accept-anyway = Всё равно создать новое обязательство
drafting-reject-reason = Причина отклонения
drafting-reject = Отклонить
drafting-status-pending = ожидает
drafting-status-accepted = принято
drafting-status-rejected = отклонено
drafting-error-title = укажите название документа (например, заголовок письма)
drafting-error-text = вставьте текст или выберите файл
drafting-error-size = больше 10 МБ
drafting-no-dossier = Выберите досье, в которое пойдёт обязательство.
drafting-dossier-missing = Такого досье нет.
drafting-dossier-removed = Такого досье нет, или оно удалено.
drafting-similar-refused = Похожее обязательство уже записано: прикрепите это к нему как подтверждение или всё же создайте новое обязательство.
drafting-attach-unknown = Такого обязательства нет, или оно удалено: выберите одно из перечисленных похожих обязательств.
drafting-confidence-value = { $n }%
