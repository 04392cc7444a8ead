# Dates, deadlines, durations, statuses, scales and timings (core::wording).

## A month on its own ("December 2008") and with a day ("31 December 2008").
month-name = { $month ->
    [1] January
    [2] February
    [3] March
    [4] April
    [5] May
    [6] June
    [7] July
    [8] August
    [9] September
    [10] October
    [11] November
   *[12] December
}
month-of = { month-name }

date-day = { $day } { $month } { $year }
date-month = { $month } { $year }
date-quarter = the { $quarter ->
    [1] first
    [2] second
    [3] third
   *[4] fourth
} quarter of { $year }
date-year = { $year }

## Deadlines as a source writes them.
deadline-day = by { $date }
deadline-month = by the end of { $month } { $year }
deadline-quarter = by the end of the { $quarter ->
    [1] first
    [2] second
    [3] third
   *[4] fourth
} quarter of { $year }
deadline-year = by the end of { $year }

## Periods and spans of days.
period-year = throughout { $year }
period-month = throughout { $month } { $year }
period-same-year = from { $fromday } { $frommonth } to { $to }
period-days = from { $from } to { $to }
span-same-month = { $fromday }–{ $today } { $month } { $year }
span-same-year = { $fromday } { $frommonth } – { $to }
span-days = { $from } – { $to }

## Durations, counted on the calendar.
duration-years = { $n ->
    [one] { $n } year
   *[other] { $n } years
}
duration-months = { $n ->
    [one] { $n } month
   *[other] { $n } months
}
duration-days = { $n ->
    [one] { $n } day
   *[other] { $n } days
}
duration-years-months = { $years } { $months }

## Where a commitment stands against its deadline.
deadline-due-today = due today
deadline-due-in = due in { $duration }
deadline-overdue = { $duration } overdue
deadline-met-on-time = met on time, on { $date }
deadline-met-late = met { $duration } late, on { $date }
deadline-none = no deadline
since-pledge = made { $ago }
ago = { $duration } ago
ago-today = today

## Rating scales and their statuses.
scale-default = pledgewatch's own scale
scale-odihr = ODIHR's implementation scale
scale-ogp = the OGP completion scale
scale-politifact = the PolitiFact promise meter
scale-version = { $scale }, version { $version }

status-default-not_yet_rated = Not yet rated
status-default-not_started = Not started
status-default-in_progress = In progress
status-default-partially_fulfilled = Partially fulfilled
status-default-fulfilled = Fulfilled
status-default-stalled = Stalled
status-default-regressed = Regressed
status-default-broken = Broken
status-odihr-fully_implemented = Fully implemented
status-odihr-mostly_implemented = Mostly implemented
status-odihr-partially_implemented = Partially implemented
status-odihr-not_implemented = Not implemented
status-ogp-no_evidence_available = No evidence available
status-ogp-not_started = Not started
status-ogp-limited = Limited
status-ogp-substantial = Substantial
status-ogp-complete = Complete
status-politifact-not_yet_rated = Not yet rated
status-politifact-in_the_works = In the works
status-politifact-stalled = Stalled
status-politifact-compromise = Compromise
status-politifact-promise_kept = Promise kept
status-politifact-promise_broken = Promise broken

## Kinds of timing, origins, directions, priorities.
timing-by_deadline = By a deadline
timing-during_period = During a period
timing-refrain_from = An undertaking to refrain from something
timing-none_stated = No time stated
origin-pledge = Pledge
origin-accepted_recommendation = Accepted recommendation
origin-legal_obligation = Legal obligation
direction-advance = Advance
direction-no_change = No change
direction-setback = Setback
priority-high = high priority
priority-medium = medium priority
priority-low = low priority

## Changes of rating.
steps-back = { $n ->
    [0] no step back
    [one] { $n } step back
   *[other] { $n } steps back
}
rating-first = First rated { $now }
rating-same = Rated again: still { $now }
rating-down = Step back: now { $now } (down from { $previous })
rating-up = Now { $now } (up from { $previous })

## A save refused because someone else saved first.
conflict = Someone else changed this { $kind } while you were editing it (you edited version { $expected }; it is now at version { $actual }). Reload the page to see their change, then make yours again.

## Kinds of record, in a sentence.
kind-actor = actor
kind-occasion = occasion
kind-source = source
kind-quote = quote
kind-commitment = commitment
kind-milestone = milestone
kind-development = development
kind-assessment = assessment
kind-recommendation = recommendation
kind-concern = concern
kind-dossier = dossier
kind-recipient_list = recipient list
kind-signatory = signatory
kind-candidate = draft commitment
