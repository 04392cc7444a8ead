# Даты, сроки, продолжительность, оценки, шкалы и виды сроков (core::wording).

## Месяц отдельно («декабрь 2008 г.») и с числом («31 декабря 2008 г.»).
month-name = { $month ->
    [1] январь
    [2] февраль
    [3] март
    [4] апрель
    [5] май
    [6] июнь
    [7] июль
    [8] август
    [9] сентябрь
    [10] октябрь
    [11] ноябрь
   *[12] декабрь
}
month-of = { $month ->
    [1] января
    [2] февраля
    [3] марта
    [4] апреля
    [5] мая
    [6] июня
    [7] июля
    [8] августа
    [9] сентября
    [10] октября
    [11] ноября
   *[12] декабря
}

date-day = { $day } { $month } { $year } г.
date-month = { $month } { $year } г.
date-quarter = { $quarter ->
    [1] I
    [2] II
    [3] III
   *[4] IV
} квартал { $year } г.
date-year = { $year } г.

## Сроки так, как их пишет источник.
deadline-day = до { $date }
deadline-month = до конца { $monthof } { $year } г.
deadline-quarter = до конца { $quarter ->
    [1] I
    [2] II
    [3] III
   *[4] IV
} квартала { $year } г.
deadline-year = до конца { $year } г.

## Периоды и промежутки дней.
period-year = в течение { $year } г.
period-month = в течение { $monthof } { $year } г.
period-same-year = с { $fromday } { $frommonth } по { $to }
period-days = с { $from } по { $to }
span-same-month = { $fromday }–{ $today } { $month } { $year } г.
span-same-year = { $fromday } { $frommonth } – { $to }
span-days = { $from } – { $to }

## Продолжительность по календарю.
duration-years = { $n ->
    [one] { $n } год
    [few] { $n } года
    [many] { $n } лет
   *[other] { $n } года
}
duration-months = { $n ->
    [one] { $n } месяц
    [few] { $n } месяца
    [many] { $n } месяцев
   *[other] { $n } месяца
}
duration-days = { $n ->
    [one] { $n } день
    [few] { $n } дня
    [many] { $n } дней
   *[other] { $n } дня
}
duration-years-months = { $years } { $months }

## Положение обязательства относительно срока.
deadline-due-today = срок истекает сегодня
deadline-due-in = срок через { $duration }
deadline-overdue = просрочено на { $duration }
deadline-met-on-time = выполнено в срок, { $date }
deadline-met-late = выполнено с опозданием на { $duration }, { $date }
deadline-none = без срока
since-pledge = дано { $ago }
ago = { $duration } назад
ago-today = сегодня

## Шкалы оценки и их статусы.
scale-default = собственная шкала pledgewatch
scale-odihr = шкала выполнения БДИПЧ
scale-ogp = шкала выполнения Партнёрства «Открытое правительство»
scale-politifact = шкала обещаний PolitiFact
scale-version = { $scale }, версия { $version }

status-default-not_yet_rated = Ещё не оценено
status-default-not_started = Не начато
status-default-in_progress = В процессе
status-default-partially_fulfilled = Выполнено частично
status-default-fulfilled = Выполнено
status-default-stalled = Приостановлено
status-default-regressed = Регресс
status-default-broken = Нарушено
status-odihr-fully_implemented = Выполнено полностью
status-odihr-mostly_implemented = Выполнено в основном
status-odihr-partially_implemented = Выполнено частично
status-odihr-not_implemented = Не выполнено
status-ogp-no_evidence_available = Нет сведений
status-ogp-not_started = Не начато
status-ogp-limited = Ограниченное
status-ogp-substantial = Существенное
status-ogp-complete = Завершено
status-politifact-not_yet_rated = Ещё не оценено
status-politifact-in_the_works = В работе
status-politifact-stalled = Приостановлено
status-politifact-compromise = Компромисс
status-politifact-promise_kept = Обещание выполнено
status-politifact-promise_broken = Обещание нарушено

## Виды сроков, происхождение, направления, приоритеты.
timing-by_deadline = К сроку
timing-during_period = В течение периода
timing-refrain_from = Обязательство воздерживаться от действий
timing-none_stated = Срок не указан
origin-pledge = Обещание
origin-accepted_recommendation = Принятая рекомендация
origin-legal_obligation = Правовое обязательство
direction-advance = Шаг вперёд
direction-no_change = Без изменений
direction-setback = Шаг назад
priority-high = высокий приоритет
priority-medium = средний приоритет
priority-low = низкий приоритет

## Изменения оценки.
steps-back = { $n ->
    [0] ни одного шага назад
    [one] { $n } шаг назад
    [few] { $n } шага назад
    [many] { $n } шагов назад
   *[other] { $n } шага назад
}
rating-first = Первая оценка: { $now }
rating-same = Оценка подтверждена: по-прежнему «{ $now }»
rating-down = Шаг назад: теперь «{ $now }» (было «{ $previous }»)
rating-up = Теперь «{ $now }» (было «{ $previous }»)

## Сохранение отклонено: кто-то сохранил раньше.
conflict = Пока вы редактировали эту запись ({ $kind }), её изменил кто-то другой (вы редактировали версию { $expected }, теперь это версия { $actual }). Обновите страницу, чтобы увидеть это изменение, затем внесите своё ещё раз.

## Виды записей.
kind-actor = участник
kind-occasion = мероприятие
kind-source = источник
kind-quote = цитата
kind-commitment = обязательство
kind-milestone = веха
kind-development = событие
kind-assessment = оценка
kind-recommendation = рекомендация
kind-concern = проблема
kind-dossier = досье
kind-recipient_list = список адресатов
kind-signatory = подписант
kind-candidate = проект обязательства
