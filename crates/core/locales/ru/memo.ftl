# Постоянный текст меморандума (pledgewatch_report::memo) и отрезки времени,
# общие для обоих документов. Содержание записей (формулировки, цитаты,
# обоснования, имена) не переводится и остаётся таким, каким его ввели.

## Отрезки времени: «почти 6 месяцев».
doc-elapsed-not-yet = ещё нет
doc-elapsed-less-than-day = менее суток
doc-elapsed-exact-day = { $n ->
    [one] { $n } день
    [few] { $n } дня
    [many] { $n } дней
   *[other] { $n } дня
}
doc-elapsed-exact-week = { $n ->
    [one] { $n } неделю
    [few] { $n } недели
    [many] { $n } недель
   *[other] { $n } недели
}
doc-elapsed-exact-month = { $n ->
    [1] месяц
    [one] { $n } месяц
    [few] { $n } месяца
    [many] { $n } месяцев
   *[other] { $n } месяца
}
doc-elapsed-exact-year = { $n ->
    [1] год
    [one] { $n } год
    [few] { $n } года
    [many] { $n } лет
   *[other] { $n } года
}
doc-elapsed-nearly-month = { $n ->
    [1] почти месяц
    [one] почти { $n } месяц
    [few] почти { $n } месяца
    [many] почти { $n } месяцев
   *[other] почти { $n } месяца
}
doc-elapsed-nearly-year = { $n ->
    [1] почти год
    [one] почти { $n } год
    [few] почти { $n } года
    [many] почти { $n } лет
   *[other] почти { $n } года
}
doc-elapsed-more-month = { $n ->
    [1] более месяца
    [one] более { $n } месяца
   *[other] более { $n } месяцев
}
doc-elapsed-more-year = { $n ->
    [1] более года
    [one] более { $n } года
   *[other] более { $n } лет
}
## Перечисление: «a, b и c».
doc-and = { $init } и { $last }
doc-quoted = «{ $text }»

## Титульная страница и заголовки.
memo-label = Меморандум
memo-subtitle = Обещания и реальность
memo-title = { $title }: обещания и реальность по состоянию на { $date }
memo-summary = Резюме
memo-commitments = Обязательства
memo-concerns = Проблемы, выходящие за рамки обязательств
memo-sources = Источники
memo-notes = Примечания
memo-back-to-text = вернуться к тексту
memo-steps-needed = Необходимые шаги
memo-steps-by-body = Шаги по адресатам
memo-steps-to = Адресат: { $body }
memo-steps-others = Прочие
memo-situation = Положение дел на { $date }
memo-promise = Обещание
memo-col-commitment = Обязательство
memo-col-timing = Сроки
memo-col-standing = Текущее положение

## Метки в начале абзаца (после них ставится пробел).
memo-where-it-stands = Текущее положение:
memo-see-above = См. выше:
memo-step-back = Шаг назад:

## Предложения.
memo-no-source = (источник не указан)
memo-no-development = На эту дату событий не зафиксировано.
memo-told-under = { $date }, «{ $title }» (см. { $place })
memo-place-commitment = обязательство { $n }
memo-place-concern = проблему { $n }
memo-addressed-to = адресат: { $body }
memo-asked-for-by = по призыву: { $by }
memo-no-commitment = В досье нет обязательств, принятых до { $date }.
memo-opening = В настоящем меморандуме { $n ->
    [one] { $n } обязательство, принятое от имени { $bound }, сопоставляется
    [few] { $n } обязательства, принятые от имени { $bound }, сопоставляются
   *[other] { $n } обязательств, принятых от имени { $bound }, сопоставляются
} с положением дел на { $date }.
memo-opening-first = { $n ->
    [one] Оно было принято
   *[other] Первое из них было принято
} { $elapsed } назад ({ $date }){ $occasion }.
memo-opening-at = { " " }на мероприятии «{ $occasion }»
memo-opening-at-in = { " " }на мероприятии «{ $occasion }» ({ $place })
memo-made = Принято от имени: { $bound }{ $by }{ $occasion }; { $date }.
memo-made-by = ; автор: { $name }
memo-made-by-role = ; автор: { $name } ({ $role })
memo-made-at = ; мероприятие: «{ $occasion }»
memo-made-at-place = ; мероприятие: «{ $occasion }», { $place }
memo-fact-overdue = { $n ->
    [0] ни по одному из них срок не пропущен
    [one] { $n } обязательство просрочено
    [few] { $n } обязательства просрочены
   *[other] { $n } обязательств просрочены
}
memo-fact-not-begun = { $n ->
    [one] { $n } обязательство относится
    [few] { $n } обязательства относятся
   *[other] { $n } обязательств относятся
} к периоду, который ещё не начался
memo-fact-no-step-back = ни одна оценка не зафиксировала шага назад
memo-fact-lost-ground = { $n ->
    [one] по { $n } обязательству положение ухудшилось
   *[other] по { $n } обязательствам положение ухудшилось
}
memo-fact-step-back = { $n ->
    [one] { $n } оценка зафиксировала шаг назад
    [few] { $n } оценки зафиксировали шаг назад
   *[other] { $n } оценок зафиксировали шаг назад
}
memo-fact-not-assessed = { $n ->
    [one] { $n } обязательство ещё не оценено
    [few] { $n } обязательства ещё не оценены
   *[other] { $n } обязательств ещё не оценены
}
# $shape: single-none, single, pair-none, pair-all, all, some; $p — число
# обязательств с прогрессом, $n — всех.
memo-progress = { $shape ->
    [single-none] Единственное обязательство не демонстрирует прогресса
    [single] Единственное обязательство демонстрирует прогресс
    [pair-none] Ни одно из двух обязательств не демонстрирует прогресса
    [pair-all] Оба обязательства демонстрируют прогресс
    [all] { $n ->
        [one] Все { $n } обязательство демонстрируют прогресс
        [few] Все { $n } обязательства демонстрируют прогресс
       *[other] Все { $n } обязательств демонстрируют прогресс
    }
   *[some] { $p ->
        [0] Ни одно из { $n } { $n ->
            [one] обязательства
           *[other] обязательств
        } не демонстрирует прогресса
        [one] { $p } из { $n } { $n ->
            [one] обязательства
           *[other] обязательств
        } демонстрирует прогресс
       *[other] { $p } из { $n } { $n ->
            [one] обязательства
           *[other] обязательств
        } демонстрируют прогресс
    }
}
memo-step-back-text = { $statement }: с «{ $from }» до «{ $to }» ({ $date }).
memo-attr-confidential = (из конфиденциального источника)
memo-attr-official = (слова официального документа)
memo-attr-own-on = (в изложении { $by }, { $date })
memo-attr-own = (в изложении { $by })
memo-attr-reported = (по сообщению: { $by })
memo-no-words = Точная формулировка этого обязательства не зафиксирована.
memo-condition = Условие: { $condition }.
memo-period-not-yet-begun = его период ещё не начался
memo-assessed-on = { $status } (оценка от { $date })
memo-stands-step-back = { $stands }, шаг назад
memo-stands-not-begun = { $stands }; его период ещё не начался

## Сроки.
memo-label-period = Период:
memo-label-timing = Сроки:
memo-label-deadline = Срок:
memo-end-of = { $deadline }
memo-by = до { $when }
memo-begins-in = период ещё не начался (он начнётся через { $elapsed })
memo-under-way = период идёт
memo-ended-ago = период завершился { $elapsed } назад
memo-lasting = бессрочное обязательство без даты окончания
memo-none-stated = не указан
memo-no-end-date = без даты окончания
memo-due-in = срок наступит через { $elapsed }
memo-not-yet-due = срок ещё не наступил
memo-passed = срок истёк { $elapsed } назад, а обязательство не выполнено
memo-met-on-time = выполнено в срок, { $date }
memo-met-late = выполнено с опозданием, { $date }, через { $elapsed } после срока
memo-not-yet-begun = период ещё не начался
memo-standing-not-begun = { $status } (период ещё не начался)

## Статусы любой шкалы простыми словами.
memo-status-not-assessed = ещё не оценено
memo-status-no-progress = прогресса нет
memo-status-some-progress = есть некоторый прогресс
memo-status-limited = ограниченный прогресс
memo-status-substantial = существенный прогресс
memo-status-partly = выполнено частично
memo-status-fulfilled = выполнено
memo-status-lost-ground = положение ухудшилось
memo-status-broken = нарушено

## Примечания и список источников.
memo-ibid = Там же.
memo-no-date = б. д.
memo-confidential = Конфиденциальный источник, имеется в деле
memo-confidential-team = Конфиденциальный источник (только для команды): { $source }
memo-confidential-entry = Конфиденциальный источник, имеется в деле (не указывается в документах, выходящих за пределы команды).
memo-never-public = Никогда не включается в публичную версию.
memo-draft-watermark = Черновик — не для распространения
