# The memorandum's fixed words (pledgewatch_report::memo), and the spans of
# time both documents use. What the record holds (statements, quotes,
# rationales, names) is never translated: it stays as it was entered.
# `$words` is a count in English words ("six"); other languages write `$n`.

## Spans of time as a document says them: "nearly six months".
doc-elapsed-not-yet = not yet
doc-elapsed-less-than-day = less than a day
doc-elapsed-exact-day = { $n ->
    [one] one day
   *[other] { $words } days
}
doc-elapsed-exact-week = { $n ->
    [one] one week
   *[other] { $words } weeks
}
doc-elapsed-exact-month = { $n ->
    [one] one month
   *[other] { $words } months
}
doc-elapsed-exact-year = { $n ->
    [one] one year
   *[other] { $words } years
}
doc-elapsed-nearly-month = { $n ->
    [one] nearly a month
   *[other] nearly { $words } months
}
doc-elapsed-nearly-year = { $n ->
    [one] nearly a year
   *[other] nearly { $words } years
}
doc-elapsed-more-month = { $n ->
    [one] more than a month
   *[other] more than { $words } months
}
doc-elapsed-more-year = { $n ->
    [one] more than a year
   *[other] more than { $words } years
}
## Lists as a sentence says them: "a, b and c".
doc-and = { $init } and { $last }
doc-quoted = “{ $text }”

## The title page and the headings.
memo-label = Memorandum
memo-subtitle = Promises and reality
memo-title = { $title }: promises and reality, as of { $date }
memo-summary = Summary
memo-commitments = The commitments
memo-concerns = Concerns beyond the commitments
memo-sources = Sources
memo-notes = Notes
memo-back-to-text = back to the text
memo-steps-needed = Steps needed
memo-steps-by-body = Steps by the body they are addressed to
memo-steps-to = To { $body }
memo-steps-others = Others
memo-situation = The situation as of { $date }
memo-promise = The promise
memo-col-commitment = Commitment
memo-col-timing = Timing
memo-col-standing = Where it stands

## Labels that start a paragraph (a space follows them).
memo-where-it-stands = Where it stands:
memo-see-above = See above:
memo-step-back = A step back:

## Sentences.
memo-no-source = (no source recorded)
memo-no-development = No development is on record by this date.
memo-told-under = { $date }, “{ $title }” (under { $place })
memo-place-commitment = commitment { $n }
memo-place-concern = concern { $n }
memo-addressed-to = addressed to { $body }
memo-asked-for-by = asked for by { $by }
memo-no-commitment = The dossier holds no commitment made by { $date }.
memo-opening = This memorandum sets { $words } { $n ->
    [one] commitment
   *[other] commitments
} made on behalf of { $bound } against the situation as of { $date }.
memo-opening-first = { $n ->
    [one] It was
   *[other] The first was
} made { $elapsed } earlier, on { $date }{ $occasion }.
memo-opening-at = { " " }at the { $occasion }
memo-opening-at-in = { " " }at the { $occasion } in { $place }
memo-made = Made{ $by } for { $bound }{ $occasion }, { $date }.
memo-made-by = { " " }by { $name }
memo-made-by-role = { " " }by { $name } ({ $role })
memo-made-at = { " " }at the { $occasion }
memo-made-at-place = { " " }at the { $occasion }, { $place }
memo-fact-overdue = { $words } { $n ->
    [one] is past its deadline
   *[other] are past their deadline
}
memo-fact-not-begun = { $words } { $n ->
    [one] is
   *[other] are
} for a period that has not yet begun
memo-fact-no-step-back = no assessment has recorded a step back
memo-fact-lost-ground = { $words } { $n ->
    [one] has
   *[other] have
} lost ground
memo-fact-step-back = { $n ->
    [one] one assessment recorded a step back
   *[other] { $words } assessments recorded a step back
}
memo-fact-not-assessed = { $words } { $n ->
    [one] has
   *[other] have
} not yet been assessed
# $shape: single-none, single, pair-none, pair-all, all, some; $p those
# with progress (with $pwords), $n all of them.
memo-progress = { $shape ->
    [single-none] The one commitment shows no progress
    [single] The one commitment shows progress
    [pair-none] Neither of the two commitments shows progress
    [pair-all] Both commitments show progress
    [all] All { $words } commitments show progress
   *[some] { $pwords } of the { $words } commitments { $p ->
        [0] shows
        [one] shows
       *[other] show
    } progress
}
memo-step-back-text = { $statement }, from “{ $from }” to “{ $to }” ({ $date }).
memo-attr-confidential = (from a confidential source)
memo-attr-official = (the words of the official record)
memo-attr-own-on = (as { $by } reported it on { $date })
memo-attr-own = (as { $by } reported it)
memo-attr-reported = (as reported by { $by })
memo-no-words = The exact words of this commitment are not on record.
memo-condition = Condition: { $condition }.
memo-period-not-yet-begun = its period has not yet begun
memo-assessed-on = { $status }, as assessed on { $date }
memo-stands-step-back = { $stands }, a step back
memo-stands-not-begun = { $stands }; its period has not yet begun

## Timing.
memo-label-period = Period:
memo-label-timing = Timing:
memo-label-deadline = Deadline:
memo-end-of = the end of { $when }
memo-by = by { $when }
memo-begins-in = it has not yet begun (it begins in { $elapsed })
memo-under-way = it is under way
memo-ended-ago = it ended { $elapsed } ago
memo-lasting = a lasting undertaking, with no end date
memo-none-stated = none stated
memo-no-end-date = no end date
memo-due-in = due in { $elapsed }
memo-not-yet-due = not yet due
memo-passed = it passed { $elapsed } ago without the commitment being fulfilled
memo-met-on-time = fulfilled on time, on { $date }
memo-met-late = fulfilled late, on { $date }, { $elapsed } after the deadline
memo-not-yet-begun = not yet begun
memo-standing-not-begun = { $status } (period not yet begun)

## Statuses of any scale in plain words.
memo-status-not-assessed = not yet assessed
memo-status-no-progress = no progress
memo-status-some-progress = some progress
memo-status-limited = limited progress
memo-status-substantial = substantial progress
memo-status-partly = partly fulfilled
memo-status-fulfilled = fulfilled
memo-status-lost-ground = lost ground
memo-status-broken = broken

## Notes and the list of sources.
memo-ibid = Ibid.
memo-no-date = n.d.
memo-confidential = Confidential source, on file
memo-confidential-team = Confidential source (team only): { $source }
memo-confidential-entry = Confidential source, on file (not shown in documents that leave the team).
memo-never-public = Never in the public version.
memo-draft-watermark = Draft — not for circulation
