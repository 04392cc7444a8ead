# Entry forms: buttons, pickers, error summaries.

form-save = Save
form-cancel = Cancel
form-reason = Reason for the record (kept in the history)
form-required = (required)
form-choose-one = Choose one
form-none = None
form-not-concerned = Not concerned
form-now = Now: { $file }
form-find-in-list = Find by words in the list
form-filter = Filter the list
form-no-match = Nothing in the list has these words.
form-more = { $n ->
    [one] { $n } more not listed: type words to find it.
   *[other] { $n } more not listed: type words to find them.
}
form-find-by-words = Find by words
form-find = Find
form-picker-title = { $kind }: find by words
form-problem = There is a problem
form-error-line = { $field }: { $error }
form-inline-summary = A source that is not in the list? Add it here
form-inline-add = Add the source and choose it
form-inline-title = Title of the source
form-inline-quote = A quote from it (optional)
form-inline-quote-help = The exact words the development rests on
form-inline-locator = Where in the source
form-inline-locator-help = Page or paragraph
form-edit-title = Edit: { $record }
form-new-title = New { $kind }
form-target = { $kind }: { $record }
form-came-from = { $record } (the commitment you came from)
form-status-choice = { $status } ({ $scale })
plural-actor = Actors
plural-occasion = Occasions
plural-source = Sources
plural-quote = Quotes
plural-commitment = Commitments
plural-milestone = Milestones
plural-development = Developments
plural-assessment = Assessments
plural-recommendation = Recommendations
plural-concern = Concerns
plural-dossier = Dossiers
plural-recipient-list = Recipient lists
plural-signatory = Signatories
plural-candidate = Draft commitments
form-rated-by = Rated by
form-reviewed-by = Reviewed by
form-not-reviewed = not yet reviewed
form-history-body-missing = The body this creation stands for is missing or does not match its hash: run “pledgewatch audit verify”.
form-add-quote = Add a quote from this source
form-add-development = Record a development
form-add-assessment = Rate this commitment
form-error-required = is required
form-error-choose-one = choose one
form-link-dropped = The link chose a record that does not exist or was removed ({ $fields }); choose one below.
