# Почему значение, форма или действие не приняты. Причина идёт после
# названия поля («Формулировка: заполните это поле»), поэтому почти все
# начинаются со строчной буквы.

## Ошибки записи.
reason-invalid-input = данные не приняты:
reason-not-found = запись не найдена ({ $kind })
reason-changed = пока это изменение проверялось, запись изменилась (кто-то сохранил её в тот же момент); ничего не записано, попробуйте ещё раз
reason-dangling-reference = { $field }: ссылка на запись ({ $kind }), которой нет или которая удалена
reason-refers-to-missing = ссылка на запись, которой нет или которая удалена

## Текст.
reason-empty = заполните это поле
reason-blank-optional = не может состоять из одних пробелов (оставьте поле пустым)
reason-too-long = длина — { $chars } { $chars ->
    [one] символ
    [few] символа
   *[many] символов
}, допустимо не более { $max } { $max ->
    [one] символа
   *[other] символов
}
reason-control-character = содержит управляющий символ U+{ $code }, который здесь недопустим
reason-country-code = «{ $value }» — не код страны ISO 3166-1 alpha-2 (две заглавные латинские буквы)
reason-web-address = «{ $value }» — не веб-адрес (нужен адрес, начинающийся с http:// или https://, без пробелов)
reason-email = «{ $value }» — не адрес электронной почты (один знак «@», без пробелов, точка в имени домена)
reason-address-lines = { $lines } { $lines ->
    [one] строка
    [few] строки
   *[many] строк
}, а в адресе допустимо не более { $max } { $max ->
    [one] строки
   *[other] строк
}
reason-language-tag = «{ $value }» — не код языка (например, en, ru, fr-CH)
reason-slug = «{ $value }» — не короткое имя для адреса (от 1 до 100 строчных латинских букв, цифр и дефисов не по краям)
reason-sha256 = «{ $value }» — не хеш SHA-256 (нужно 64 строчные шестнадцатеричные цифры)
reason-id = «{ $value }» — не идентификатор (нужен UUID)
reason-not-a-choice = «{ $value }» — нет такого варианта в списке
reason-unknown-name = «{ $value }» — не { $what } (допустимо: { $expected })
reason-what-scale = известная шкала
reason-what-entity-kind = вид записи
reason-what-actor-kind = вид участника
reason-what-candidate-status = статус проекта обязательства
reason-what-origin = происхождение обязательства
reason-what-timing-kind = вид срока
reason-what-spelling = вариант орфографии
reason-what-direction = направление
reason-what-occasion-kind = вид мероприятия
reason-what-priority = приоритет
reason-what-response = ответ
reason-not-a-status = «{ $value }» — не статус шкалы «{ $scale }» (допустимо: { $expected })
reason-scale-version = версия { $version } шкалы «{ $scale }» неизвестна (текущая версия — { $current })

## Даты.
reason-date = «{ $value }» — не дата: { $why } (допустимо: ГГГГ, ГГГГ-ММ, ГГГГ-Qn или ГГГГ-ММ-ДД)
reason-date-bad-year = неверный год
reason-date-bad-quarter = неверный квартал
reason-date-quarter-range = квартал должен быть от Q1 до Q4
reason-date-bad-month = неверный месяц
reason-date-no-such-month = такого месяца нет
reason-date-bad-day = неверный день
reason-date-no-such-day = такого дня нет в календаре
reason-date-too-many-parts = слишком много частей
reason-day = «{ $value }» — не день (нужен формат ГГГГ-ММ-ДД)
reason-date-precision = «{ $value }» — не точность даты (допустимо: day, month, quarter или year)
reason-period-order = окончание ({ $until }) раньше начала ({ $from })
reason-deadline-before-made = срок ({ $deadline }) раньше, чем дано обязательство ({ $made })
reason-milestone-deadline-before-made = срок ({ $deadline }, по вехе «{ $milestone }») раньше, чем дано обязательство ({ $made })
reason-role-of-itself = должность не может относиться к тому же участнику, который её занимает
reason-role-loop = { $name } уже занимает должность у этого участника, прямо или через других ({ $path }, каждый занимает должность у следующего): должности не могут замыкаться в круг
reason-published-role-loop = публикация замкнула бы в круг должности опубликованных участников: { $loops }; сначала опубликуйте изменение, размыкающее круг
reason-published-role-loop-one = «{ $label }» занимал бы должность, ведущую обратно к { $name }, который в опубликованных записях занимает должность у этого участника, прямо или через других ({ $path }, каждый занимает должность у следующего)
reason-earlier-version-not-before = прежняя редакция от { $date } не раньше даты текущего текста ({ $field }: { $current })
reason-earlier-versions-same-day = две прежние редакции датированы одним днём: { $date }
reason-revision-needs-day = текущий текст актуален на { $current }: укажите день, на который актуален новый текст
reason-revision-not-after-earlier = { $day } — не позже прежней редакции от { $earlier }: день текста должен быть позже дней его прежних редакций
reason-revision-before-current = { $day } — раньше { $current }, дня, на который актуален текущий текст: новый текст должен быть актуален на этот день или позже
reason-assessment-before-made = { $date } — раньше, чем дано обязательство ({ $made })
reason-made-after-assessment = { $made } — позже оценки от { $rating }, которая относится к этому обязательству; сначала измените или удалите эту оценку

## Записи.
reason-source-needs-date = у источника должна быть дата публикации, а если она неизвестна — дата, с которой он известен (known_from)
reason-known-from-only-unknown = дата «известен с» (known_from) указывается только для источника с неизвестной датой публикации
reason-development-needs-source = у события должен быть хотя бы один источник
reason-effect-twice = одно и то же обязательство или проблема указаны дважды
reason-recommendation-needs-target = рекомендация должна относиться хотя бы к одному обязательству или проблеме
reason-used-by-another = «{ $value }» уже используется в другой записи ({ $kind })
reason-no-stored-file = нет сохранённого файла с хешем { $value }
reason-remove-needs-reason = чтобы удалить запись, укажите причину
reason-change-reason-length = если причина указана, её длина — от 1 до { $max } { $max ->
    [one] символа
   *[other] символов
}
reason-actor-name = нужно имя длиной от 1 до 200 печатных символов

## Отказы хранилища.
reason-already-exists = такая запись ({ $kind }) уже существует
reason-already-removed = эта запись ({ $kind }) уже удалена
reason-removed-not-editable = эта запись ({ $kind }) удалена, её нельзя редактировать
reason-still-referred-to = эту запись ({ $kind }) нельзя удалить: на неё всё ещё ссылается другая запись ({ $from_kind }, поле { $field }); сначала измените или удалите ту запись
reason-removed-not-publishable = эта запись ({ $kind }) удалена, её нельзя опубликовать; отзовите её, чтобы подтвердить удаление
reason-already-published = эта запись ({ $kind }) уже опубликована в версии { $version }
reason-not-published = эта запись ({ $kind }) не опубликована
reason-nothing-to-review = у этой записи ({ $kind }) нет изменений, ожидающих проверки
reason-send-back-needs-comment = чтобы вернуть изменение, напишите комментарий для редактора

## Проверка.
reason-reviewer-only = { $what } может только рецензент; у пользователя { $user } — { $state }
reason-reviewer-what-approve-change = одобрить изменение
reason-reviewer-what-approve-assessment = одобрить оценку
reason-reviewer-what-send-back = вернуть изменение
reason-user-disabled = учётная запись отключена
reason-role-name = роль «{ $role }»
reason-own-change = эту запись ({ $kind }) изменил сам пользователь { $user }; одобрить изменение должен другой рецензент (или администратор разрешит самопроверку для команды из одного человека)
reason-say-what-to-change = напишите, что редактору нужно изменить
reason-needed-changed = с тех пор как вы смотрели, изменилось то, что будет опубликовано вместе с этим одобрением; посмотрите ещё раз
reason-needed-changed-list = с тех пор как вы смотрели, изменилось то, что будет опубликовано вместе с этим одобрением (новое или изменённое: { $records }); посмотрите ещё раз
reason-refers-to-unpublished = публичная запись может ссылаться только на опубликованные: { $problems }; сначала опубликуйте их или одобрите запись вместе с нужными ей записями
reason-needed-record = { $kind } «{ $label }»
reason-refers-to-unpublished-one = { $kind } «{ $label }» ссылается на { $missing }

## Учётные записи.
reason-role = «{ $value }» — не роль (допустимо: viewer, editor, reviewer или admin)
reason-token-name = допустимо от 1 до 100 печатных символов
reason-display-name = допустимо от 1 до 200 печатных символов
reason-username = допустимо от 1 до 64 латинских букв, цифр, точек, подчёркиваний или дефисов
reason-new-username = допустимо от 1 до 64 строчных латинских букв a–z, цифр, точек, подчёркиваний или дефисов (чтобы никакие два имени не выглядели одинаково; отображаемое имя может быть на любом алфавите)
reason-username-taken = имя «{ $value }» уже занято
reason-password-short = пароль должен быть не короче 10 символов
reason-password-long = пароль должен быть не длиннее 1000 символов
reason-password-wrong = это не ваш текущий пароль
reason-password-mismatch = пароль набран по-разному в двух полях
reason-reset-code = введите { $chars } { $chars ->
    [one] букву или цифру
    [few] буквы и цифры
   *[many] букв и цифр
} выданного вам кода
reason-expires-days = допустимо от 1 до { $max } { $max ->
    [one] дня
   *[other] дней
} вперёд
reason-expires-text = «{ $value }» — ни число дней, ни дата (ГГГГ-ММ-ДД)
reason-expires-range = нужна дата от завтрашнего дня до { $max } { $max ->
    [one] дня
   *[other] дней
} вперёд
reason-expires-future = дата должна быть в будущем
reason-disable-self = нельзя отключить собственную учётную запись
reason-last-admin = { $user } — последний действующий администратор: сначала сделайте администратором другую учётную запись
reason-account-already-enabled = учётная запись { $user } уже включена
reason-account-already-disabled = учётная запись { $user } уже отключена
reason-account-disabled = учётная запись { $user } отключена: сначала включите её
reason-reset-disabled = учётная запись { $user } отключена: включите её, прежде чем выдавать код сброса
reason-token-revoked = этот API-токен уже отозван

## Помощь в составлении.
reason-too-many-candidates = в этом тексте { $count } { $count ->
    [one] проект
    [few] проекта
   *[many] проектов
} обязательств, а из одного текста сохраняется не более { $max }: разделите его
reason-draft-needs-text = для составления нужен текст источника
reason-quote-not-in-source = не совпадает с текстом источника в символах { $start }..{ $end }
reason-draft-source-removed = источник удалён; к нему нельзя добавлять новые проекты
reason-draft-source-differs = такой источник уже есть, но с другим текстом
reason-by-deadline-needs-date = для срока «к дате» нужна дата: укажите её или выберите другой вид срока
reason-during-period-needs-end = для срока «в течение периода» нужна дата окончания периода: укажите её или выберите другой вид срока
reason-candidate-not-pending = этот проект уже { $status }; принять или отклонить можно только ожидающие проекты
reason-candidate-status-pending = ожидает решения
reason-candidate-status-accepted = принят
reason-candidate-status-rejected = отклонён
reason-candidate-no-actor = в проекте не указан обязанный участник: укажите его
reason-candidate-no-date = ни проект, ни его источник не сообщают, когда дано обязательство: укажите дату
reason-quote-no-date = ни источник, ни проект не сообщают, когда были сказаны эти слова
reason-reject-needs-reason = чтобы отклонить проект, укажите причину
reason-candidate-pending-outcome = у ожидающего проекта не бывает ни обязательства, ни причины отклонения
reason-candidate-accepted-commitment = у принятого проекта указывается обязательство, которым он стал
reason-candidate-rejected-reason = у отклонённого проекта должна быть причина
reason-candidate-rejected-commitment = отклонённый проект не может стать обязательством
reason-quote-end = должно быть больше quote_start ({ $end } <= { $start })
reason-confidence = допустимо от 0 до 100

## Поиск и сводная таблица.
reason-search-empty = введите хотя бы одно слово для поиска
reason-search-long = длиннее 1000 символов
reason-sort = «{ $value }» — нет такого столбца для сортировки (допустимо: commitment, verdict, deadline или made)
reason-order = «{ $value }» — не порядок сортировки (допустимо: asc или desc)

## Формы ввода.
reason-as-written = { $text }
reason-on-line = строка { $line }: { $reason }
reason-no-actor-named = строка { $line }: нет участника с именем «{ $name }»
reason-several-actors-named = строка { $line }: несколько участников носят имя «{ $name }»: укажите вместо него идентификатор нужного ({ $ids })
reason-deadline-date-or-milestone = укажите дату или веху, но не то и другое
reason-deadline-needed = для вида срока «{ $timing }» нужен срок (дата или веха)
reason-period-start-needed = для вида срока «{ $timing }» нужно начало (дата или веха выше)
reason-period-end-needed = для вида срока «{ $timing }» нужна дата окончания
reason-offset-days = нужно целое число дней от -36500 до 36500
reason-choose-a-source = выберите хотя бы один источник
reason-not-a-direction = «{ $value }» для { $key } — не направление
reason-summary-needs-day = для сводки нужен день, на который она описывает положение дел
reason-publisher-name = обязательно, если указаны адрес, сайт или электронная почта издателя
reason-publisher-website = «{ $value }» — не веб-адрес (https://...)
reason-publisher-email = «{ $value }» — не адрес электронной почты
reason-recipient-columns = строка { $line }: больше шести столбцов; ожидается { $expected }
reason-not-a-signatory = строка { $line }: «{ $name }» нет среди подписантов
reason-several-signatories-named = строка { $line }: несколько подписантов носят имя «{ $name }»: укажите вместо него идентификатор нужного ({ $ids })
reason-recipient-line = строка { $line }: ожидается { $expected }, с должностью и обращением
reason-candidate-form = проекты обязательств проверяются в очереди на проверку

## Вход и первоначальная настройка.
reason-sign-in-name = Имя пользователя: { $reason }.
reason-setup-done-sign-in = Настройка уже выполнена: учётная запись уже существует. Войдите в систему.
reason-own-admin-role = Нельзя снять роль администратора с самого себя.
reason-setup-done = настройка уже выполнена: учётная запись уже существует

## Названия полей в причине, показанной отдельно от формы.
reason-field-reason = причина
reason-field-comment = комментарий
reason-field-query = запрос
reason-field-as-of = на дату
reason-field-sort = сортировка
reason-field-order = порядок
reason-field-role = роль
reason-field-version = версия
reason-field-deadline-from = срок не раньше
reason-field-deadline-to = срок не позже
reason-field-expires = срок действия
reason-field-name = название
reason-came-from-no-direction = укажите, как это событие влияет на обязательство, со страницы которого вы пришли (или на другую запись): сейчас оно ни с чем не связано
reason-source-typed-not-added = ниже введён новый источник, но он не добавлен: сначала нажмите «Добавить источник и выбрать его» или очистите его поля
