# The dossier's scorecard and its charts.

scorecard-feed-title = { $title }: developments and status changes
scorecard-as-of = As of
scorecard-last-updated = Latest development or rating
scorecard-follow = Follow (Atom feed)
scorecard-team-view = Team view: drafts and pending changes included, marked; the public sees only what a reviewer approved
scorecard-filter = Filter or choose a date
scorecard-filters-set = (filters set)
scorecard-filters = Filters
scorecard-filter-actor = Actor
scorecard-filter-theme = Theme
scorecard-filter-verdict = Verdict
scorecard-filter-origin = Origin
scorecard-filter-all = All
scorecard-filter-deadline-from = Deadline from
scorecard-filter-deadline-to = Deadline to
scorecard-filter-words = Words
scorecard-apply = Apply
scorecard-clear = Clear filters
scorecard-count-heading = The count as of { $date }
scorecard-total = { $n ->
    [one] commitment
   *[other] commitments
}
scorecard-total-shown = { $n ->
    [one] commitment shown
   *[other] commitments shown
}
scorecard-overdue = Overdue
scorecard-notes = { $progress } showing progress · { $backtracking } backtracking now (rated below an earlier rating) · { $steps } in the ratings · { $stale } open and not rated for six months
scorecard-commitments = Commitments
scorecard-none = No commitment matches.
scorecard-col-commitment = Commitment
scorecard-col-verdict = Verdict
scorecard-col-deadline = Deadline
scorecard-col-clock = Promise clock
scorecard-sort-by = Sort by
scorecard-sort-ascending = sort by { $column }, ascending
scorecard-sort-descending = sort by { $column }, descending
scorecard-backtracking = Backtracking
scorecard-stale = Not rated for six months
scorecard-rated-on = rated { $date }
scorecard-not-rated = not rated yet
scorecard-clock = { $allowed } allowed; { $since }
scorecard-recent = What changed since { $date }
scorecard-bears-on = Bears on
scorecard-steps-back = Steps back in the ratings
scorecard-steps-back-note = A step back is a rating worse than the one before it. A commitment is backtracking while its current rating is below an earlier one.
scorecard-regression = { $date }: { $commitment }, down from { $from } to { $to }
scorecard-about = About this dossier
scorecard-documents = Documents
scorecard-memo = Memorandum
scorecard-memo-as-of = Memorandum as of
scorecard-format = Format
scorecard-format-docx = Word (DOCX)
scorecard-steps-by-body = Also gather the steps by body
scorecard-version = Version
scorecard-version-public = Public (published records only)
scorecard-version-team = Team draft (drafts and confidential sources; watermarked)
scorecard-memo-download = Download the memorandum
scorecard-letters = Letters
scorecard-letters-to = Letters to
scorecard-include-subject = Also write to { $state } (a direct letter about its own pledges)
scorecard-letters-download = Download the letters (one document)
scorecard-letters-note = The letters ask each recipient to press { $state }, the State bound by these commitments, so { $state } is left out of the list unless you tick the box above.
scorecard-open-data = Open data
scorecard-open-data-team = This dossier's records, drafts and confidential sources included, with everything they refer to:
scorecard-open-data-public = This dossier's published records with everything they refer to:
scorecard-json-schema = JSON Schema
scorecard-concerns = Concerns beyond the commitments

## Charts.
chart-status-heading = Verdicts over time
chart-status-title = Verdicts over time
chart-status-desc = Number of commitments with each verdict at the end of each year; the data table follows the chart.
chart-colours = Colours
chart-data-table = Data table
chart-date = Date
chart-timeline-heading = Timeline
chart-timeline-title = Timeline
chart-timeline-desc = Pledge dates, deadlines, milestones and developments; the list of events follows the chart.
chart-events = List of events
chart-timeline-item = { $date }: { $event } ({ $kind })
chart-pledges-at = Pledges made at { $occasion }
chart-pledge-made = Pledge made
chart-deadline = Deadline: { $commitment }
chart-as-of = as of { $date }
chart-row-pledge = Pledges
chart-row-deadline = Deadlines
chart-row-milestone = Milestones
chart-row-development = Developments
chart-kind-pledge = pledge
chart-kind-deadline = deadline
chart-kind-milestone = milestone
chart-kind-development = development

## Atom feeds: their fixed words.
feed-dossier-subtitle = New developments and assessments of the dossier's commitments, as published.
feed-commitment-subtitle = A commitment followed in the dossier { $dossier }.
feed-development-title = { $direction } for “{ $name }”: { $title }
feed-development-summary = { $date }: { $title }. { $summary }
feed-sources = Sources: { $sources }.
feed-rating-title = { $change }: “{ $name }”
feed-rating-summary = Rated { $status } as of { $date }.
feed-step-back = This is a step back: worse than the rating before it.
scorecard-document-lang = Language of the document
