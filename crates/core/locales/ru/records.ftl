# Записи команды: списки, запись, очередь проверки.

review-title = Ожидает проверки
review-lead = Посетители видят ту версию каждой записи, которую одобрил проверяющий. Каждое изменение ниже ждёт проверки: одобрите его или верните редактору с комментарием.
review-nothing = Ничего не ждёт проверки: посетители видят все записи в их нынешнем виде.
review-range = Изменения с { $first } по { $last } из ожидающих, сначала самые давние.
review-count = { $n ->
    [one] { $n } изменение ждёт проверки, сначала самые давние.
    [few] { $n } изменения ждут проверки, сначала самые давние.
    [many] { $n } изменений ждут проверки, сначала самые давние.
   *[other] { $n } изменения ждут проверки, сначала самые давние.
}
review-more = Остальные — на следующей странице.
review-new = Новая
review-edited = Изменена
review-removal = Удаление
records-previous = Назад
records-next = Далее
pending-meta = { $change }: { $authors } · последнее изменение { $when } · версия { $version }
pending-sent-back = Возвращено: { $by }, { $at }:
pending-not-changed = (с тех пор не менялось)
pending-removed = Удалено: посетители по-прежнему видят запись (версия { $version }), пока проверяющий не одобрит удаление.
pending-no-difference = Ни одно поле формы не отличается от опубликованной версии.
pending-caption-new = Все поля новой записи
pending-caption-edit = Что изменится для посетителей: каждое изменённое поле, опубликованная версия { $public } против предлагаемой версии { $proposed }
pending-field = Поле
pending-public = Видят посетители (версия { $version })
pending-proposed = Предлагается (версия { $version })
pending-also-publishes = Одобрение опубликует также:
pending-own = Это ваше изменение: его должен одобрить другой проверяющий.
pending-own-allowed = Это ваше изменение: сервер разрешает проверять свои изменения, и журнал это отметит.
pending-comment = Комментарий для редактора (обязателен для возврата)
pending-send-back = Вернуть
records-new = Создать
records-col-record = Запись
records-col-changed = Изменена
records-col-version = Версия
records-col-publication = Публикация
records-download = Скачать все:
records-drafts-included = (включая черновики;
record-version = Версия { $version }
record-public-sees = Что видят посетители:
record-sent-back = Возвращено: { $by }, { $at }
record-answer = Чтобы ответить, отредактируйте запись; изменение снова будет ждать проверки.
record-as-it-stands = Запись в нынешнем виде
record-the-record = Запись
record-edit = Редактировать
record-withdraw = Снять с публикации
record-remove-reason = Причина удаления (обязательно)
record-remove = Удалить
record-history = История
record-col-when = Когда
record-col-who = Кто
record-col-what = Что
record-col-reason = Причина
record-col-change = Изменение
record-before-after = До и после
record-before = До:
record-after = После:
review-change-new = Новая запись
review-change-edited = Изменено
review-change-removal = Удаление
review-approve = Одобрить
review-approve-removal = Одобрить удаление
review-confidential-lifted = Одобрение сделает этот конфиденциальный источник публичным: его название, текст, файл и цитаты из него.
badge-draft = Черновик — не опубликован
badge-published = Опубликовано
badge-pending = Изменение ждёт проверки — посетители видят версию { $version }
badge-removal-pending = Удаление ждёт проверки
badge-removed = Удалено
