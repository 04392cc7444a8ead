# Why a value, a form or an action is refused. The English here is what the
# command line and the API give; the pages give these messages in the
# reader's language. Reasons follow the field's name ("Statement: must not
# be empty"), so most begin in lower case.

## Errors of the record.
reason-invalid-input = invalid input:
reason-not-found = { $kind } { $id } not found
reason-changed = the record changed while this change was being checked (someone else saved at the same moment); nothing was written, try again
reason-dangling-reference = { $field }: refers to { $kind } { $id }, which does not exist or was removed
reason-refers-to-missing = refers to a record that does not exist or was removed

## Text.
reason-empty = must not be empty
reason-blank-optional = must not be blank (leave it out instead)
reason-too-long = is { $chars } characters long; at most { $max } are allowed
reason-control-character = contains the control character U+{ $code }, which is not allowed here
reason-country-code = '{ $value }' is not an ISO 3166-1 alpha-2 code (two capital letters)
reason-web-address = '{ $value }' is not a web address (expected http:// or https:// and no spaces)
reason-email = '{ $value }' is not an e-mail address (one '@', no spaces, a dot in the domain)
reason-address-lines = has { $lines } lines; an address has at most { $max }
reason-language-tag = '{ $value }' is not a language tag (e.g. en, ru, fr-CH)
reason-slug = '{ $value }' is not a slug (1-100 lowercase letters, digits and inner hyphens)
reason-sha256 = '{ $value }' is not a SHA-256 digest (expected 64 lowercase hex digits)
reason-id = '{ $value }' is not an id (expected a UUID)
reason-not-a-choice = '{ $value }' is not a choice of this list
reason-unknown-name = '{ $value }' is not { $what } (expected one of: { $expected })
reason-what-scale = a known scale
reason-what-entity-kind = an entity kind
reason-what-actor-kind = an actor kind
reason-what-candidate-status = a candidate status
reason-what-origin = a commitment origin
reason-what-timing-kind = a timing kind
reason-what-spelling = a spelling convention
reason-what-direction = a direction
reason-what-occasion-kind = an occasion kind
reason-what-priority = a priority
reason-what-response = a response
reason-not-a-status = '{ $value }' is not a status of the { $scale } scale (expected one of: { $expected })
reason-scale-version = version { $version } of the { $scale } scale is unknown (current: { $current })

## Dates.
reason-date = '{ $value }' is not a date: { $why } (expected YYYY, YYYY-MM, YYYY-Qn or YYYY-MM-DD)
reason-date-bad-year = bad year
reason-date-bad-quarter = bad quarter
reason-date-quarter-range = quarter must be Q1 to Q4
reason-date-bad-month = bad month
reason-date-no-such-month = no such month
reason-date-bad-day = bad day
reason-date-no-such-day = no such day in the calendar
reason-date-too-many-parts = too many parts
reason-day = '{ $value }' is not a day (expected YYYY-MM-DD)
reason-date-precision = '{ $value }' is not a date precision (expected day, month, quarter or year)
reason-period-order = ends ({ $until }) before it starts ({ $from })
reason-deadline-before-made = the deadline ({ $deadline }) is before the commitment was made ({ $made })
reason-milestone-deadline-before-made = the deadline ({ $deadline }, from milestone '{ $milestone }') is before the commitment was made ({ $made })
reason-role-of-itself = a role cannot be of the actor that holds it
reason-role-loop = { $name } already holds a role of this actor, directly or through others ({ $path }, each holding a role of the next): roles must not go round in a loop
reason-published-role-loop = publishing this would make the published actors' roles go round in a loop: { $loops }; publish the change that ends the loop first
reason-published-role-loop-one = '{ $label }' would hold a role leading back to { $name }, who in the published records holds a role of it, directly or through others ({ $path }, each holding a role of the next)
reason-earlier-version-not-before = an earlier version dated { $date } is not before the current text's date ({ $field } { $current })
reason-earlier-versions-same-day = two earlier versions are dated { $date }
reason-revision-needs-day = the current text speaks as of { $current }: give the day the new text speaks as of
reason-revision-not-after-earlier = { $day } is not after the earlier version of { $earlier }: a text's day must be later than its earlier versions'
reason-revision-before-current = { $day } is before { $current }, the day the current text speaks as of: a new text must speak as of that day or later
reason-assessment-before-made = { $date } is before the commitment was made ({ $made })
reason-made-after-assessment = { $made } is after the assessment of { $rating } that rates this commitment; change or remove that assessment first

## Records.
reason-source-needs-date = a source needs its publication date or, when that is unknown, a "known from" date (known_from: the day from which it is treated as known)
reason-known-from-only-unknown = known_from is only for a source whose publication date is unknown
reason-development-needs-source = a development needs at least one source
reason-effect-twice = names the same commitment or concern twice
reason-recommendation-needs-target = a recommendation must answer at least one commitment or concern
reason-used-by-another = '{ $value }' is already used by another { $kind }
reason-no-stored-file = no stored file has the digest { $value }
reason-remove-needs-reason = removing a record needs a reason
reason-change-reason-length = must be 1 to { $max } characters when given
reason-actor-name = must be a name of 1 to 200 printable characters

## Refusals of the store.
reason-already-exists = { $kind } { $id } already exists
reason-already-removed = { $kind } { $id } was already removed
reason-removed-not-editable = { $kind } { $id } was removed and cannot be edited
reason-still-referred-to = { $kind } { $id } cannot be removed: { $from_kind } { $from_id } still refers to it (field { $field }); change or remove that first
reason-removed-not-publishable = { $kind } { $id } was removed and cannot be published; withdraw it to approve the removal
reason-already-published = { $kind } { $id } is already published at version { $version }
reason-not-published = { $kind } { $id } is not published
reason-nothing-to-review = { $kind } { $id } has no change waiting for review
reason-send-back-needs-comment = sending a change back needs a comment for its editor

## Review.
reason-reviewer-only = only a reviewer may { $what }; { $user } is { $state }
reason-reviewer-what-approve-change = approve a change
reason-reviewer-what-approve-assessment = approve an assessment
reason-reviewer-what-send-back = send a change back
reason-user-disabled = disabled
reason-role-name = { $role }
reason-own-change = { $kind } { $id } was changed by { $user } themselves; another reviewer must approve it (or an administrator allows self-review for a team of one)
reason-say-what-to-change = say what the editor should change
reason-needed-changed = what this approval would publish with it changed since you looked; look at it again
reason-needed-changed-list = what this approval would publish with it changed since you looked (new or changed: { $records }); look at it again
reason-refers-to-unpublished = a public record may only refer to published ones: { $problems }; publish those first, or approve it with the records it needs
reason-needed-record = { $kind } '{ $label }' ({ $id }:{ $version })
reason-refers-to-unpublished-one = { $kind } '{ $label }' refers to { $missing }

## Accounts.
reason-role = '{ $value }' is not a role (expected viewer, editor, reviewer or admin)
reason-token-name = must be 1 to 100 printable characters
reason-display-name = must be 1 to 200 printable characters
reason-username = must be 1 to 64 letters, digits, dots, underscores or hyphens
reason-new-username = must be 1 to 64 lowercase letters a-z, digits, dots, underscores or hyphens (so that no two names look alike; the display name may be in any script)
reason-username-taken = '{ $value }' is already taken
reason-password-short = must be at least 10 characters long
reason-password-long = must be at most 1000 characters long
reason-password-wrong = is not your current password
reason-password-mismatch = was not typed the same way twice
reason-reset-code = must be the { $chars } letters and digits of the code you were given
reason-expires-days = must be from 1 to { $max } days ahead
reason-expires-text = '{ $value }' is neither a number of days nor a date (YYYY-MM-DD)
reason-expires-range = must be a date from tomorrow to { $max } days ahead
reason-expires-future = must be in the future
reason-disable-self = you cannot disable your own account
reason-last-admin = { $user } is the last enabled administrator: make another account an administrator first
reason-account-already-enabled = the account { $user } is already enabled
reason-account-already-disabled = the account { $user } is already disabled
reason-account-disabled = the account { $user } is disabled: enable it first
reason-reset-disabled = the account { $user } is disabled: enable it before issuing a reset code
reason-token-revoked = API token { $id } is already revoked

## Drafting help.
reason-too-many-candidates = this text gives { $count } candidates; at most { $max } are kept per text: split it
reason-draft-needs-text = a source to draft from needs its text
reason-quote-not-in-source = is not the source's text at characters { $start }..{ $end }
reason-draft-source-removed = source { $id } was removed; it cannot take new drafts
reason-draft-source-differs = source { $id } already exists with a different text
reason-by-deadline-needs-date = timing by_deadline needs a deadline date: give one, or choose another timing
reason-during-period-needs-end = timing during_period needs the end of the period as the deadline: give one, or choose another timing
reason-candidate-not-pending = candidate { $id } is already { $status }; only pending candidates can be accepted or rejected
reason-candidate-no-actor = the candidate names no bound actor: give an actor
reason-candidate-no-date = neither the candidate nor its source says when the commitment was made: give the date
reason-quote-no-date = neither the source nor the candidate says when the words were written
reason-candidate-status-pending = pending
reason-candidate-status-accepted = accepted
reason-candidate-status-rejected = rejected
reason-reject-needs-reason = rejecting a candidate needs a reason
reason-candidate-pending-outcome = a pending candidate has neither a commitment nor a rejection reason
reason-candidate-accepted-commitment = an accepted candidate names the commitment it became
reason-candidate-rejected-reason = a rejected candidate needs the reason
reason-candidate-rejected-commitment = a rejected candidate cannot have become a commitment
reason-quote-end = must be after quote_start ({ $end } <= { $start })
reason-confidence = must be 0 to 100

## Search and the scorecard.
reason-search-empty = type at least one word to search for
reason-search-long = is longer than 1000 characters
reason-sort = '{ $value }' is not a column to sort by (expected commitment, verdict, deadline or made)
reason-order = '{ $value }' is not an order (expected asc or desc)

## Entry forms.
reason-as-written = { $text }
reason-on-line = line { $line }: { $reason }
reason-no-actor-named = line { $line }: there is no actor named '{ $name }'
reason-several-actors-named = line { $line }: several actors are named '{ $name }': give the id of the one meant instead ({ $ids })
reason-deadline-date-or-milestone = give a date or a milestone, not both
reason-deadline-needed = a deadline (a date or a milestone) is needed for '{ $timing }'
reason-period-start-needed = a start (a date, or a milestone above) is needed for '{ $timing }'
reason-period-end-needed = an end is needed for '{ $timing }'
reason-offset-days = must be a whole number of days between -36500 and 36500
reason-choose-a-source = choose at least one source
reason-not-a-direction = '{ $value }' for { $key } is not a direction
reason-summary-needs-day = a summary needs the day it describes the situation as of
reason-publisher-name = is required once the publisher's address, website or email is given
reason-publisher-website = '{ $value }' is not a web address (https://...)
reason-publisher-email = '{ $value }' is not an email address
reason-recipient-columns = line { $line }: more than six columns; expected { $expected }
reason-not-a-signatory = line { $line }: '{ $name }' is not a recorded signatory
reason-several-signatories-named = line { $line }: several signatories are named '{ $name }': give the id of the one meant instead ({ $ids })
reason-recipient-line = line { $line }: expected { $expected }, with a title and a salutation
reason-candidate-form = drafted commitments are reviewed in the review queue

## Signing in and setting up.
reason-sign-in-name = The username { $reason }.
reason-setup-done-sign-in = Setup is done: an account already exists. Sign in instead.
reason-own-admin-role = You cannot take away your own administrator role.
reason-setup-done = setup is done: an account already exists

## Names of fields in a reason shown on its own (in English, the names
## themselves).
reason-field-reason = reason
reason-field-comment = comment
reason-field-query = query
reason-field-as-of = as_of
reason-field-sort = sort
reason-field-order = order
reason-field-role = role
reason-field-version = version
reason-field-deadline-from = deadline_from
reason-field-deadline-to = deadline_to
reason-field-expires = expires
reason-field-name = name
reason-came-from-no-direction = choose how this development bears on the commitment you came from (or on another record): as it stands it would be linked to nothing
reason-source-typed-not-added = a new source is typed in below but was not added: press “Add the source and choose it” first, or empty its fields
