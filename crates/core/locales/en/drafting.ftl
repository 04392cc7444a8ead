# Drafting help: proposing commitments from a text, accepting or rejecting them.

drafting-title = Drafting help
drafting-lead = Paste a statement, a letter or a report, or choose its file. pledgewatch proposes the commitments in it, with their exact words, who is bound and the deadline; you then accept, edit or reject each one.
drafting-doc-title = Document title
drafting-doc-date = Document date
drafting-doc-date-help = Anchors "last year", "six months ago", "within six months".
drafting-we = Who "we" and "the Government" are
drafting-text = Text
drafting-file = Or a file (plain text, Markdown, HTML, PDF or Word)
drafting-file-label = File
drafting-file-help = At most 10 MB. A PDF needs a text layer: a scanned page without one cannot be read.
drafting-confidential = The document is confidential
drafting-propose = Propose commitments
drafting-waiting = Waiting for review
drafting-pending = { $n ->
    [one] ({ $n } pending)
   *[other] ({ $n } pending)
}
drafting-source-record = The source record
drafting-proposed-count = { $n ->
    [one] { $n } proposed commitment
   *[other] { $n } proposed commitments
}
drafting-text-marked = The text, with the proposed commitments marked
drafting-proposed = Proposed commitments
drafting-none-found = No commitment was found in this text.
drafting-bound = Bound
drafting-not-found = not found
drafting-speaker = Spoken or signed by
drafting-occasion = Occasion
drafting-timing = Timing
drafting-deadline = Deadline
drafting-deadline-none = none
drafting-condition = Condition
drafting-confidence = Confidence
drafting-rejected-because = Rejected because
drafting-became = Became
drafting-the-commitment = the commitment record
drafting-not-done = This was not done
drafting-similar = A similar commitment is already recorded
drafting-similar-text = Accepting this one may record the same pledge twice. Attach its words to the existing commitment as evidence instead (they are recorded as a restatement from this source):
drafting-attach = Attach as evidence to this one
drafting-attach-label = Attach as evidence to “{ $statement }”
drafting-statement = Statement
drafting-who-bound = Who is bound
drafting-dossier = Dossier it goes in
drafting-choose-dossier = Choose a dossier
drafting-accept = Accept as a commitment
drafting-accept-anyway = Create a new commitment anyway
drafting-reject-reason = Reason for rejecting it
drafting-reject = Reject
drafting-status-pending = pending
drafting-status-accepted = accepted
drafting-status-rejected = rejected
drafting-error-title = name the document (e.g. the letter's title)
drafting-error-text = paste a text or choose a file
drafting-error-size = is larger than 10 MB
drafting-no-dossier = Choose the dossier the commitment goes in.
drafting-dossier-missing = That dossier does not exist.
drafting-dossier-removed = That dossier does not exist or was removed.
drafting-similar-refused = A similar commitment is already recorded: attach this one to it as evidence, or create a new commitment anyway.
drafting-attach-unknown = That commitment does not exist or was removed: choose one of the similar commitments listed.
drafting-confidence-value = { $n }%
