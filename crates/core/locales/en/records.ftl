# The team's records: lists, a record, the review queue.

review-title = Waiting for review
review-lead = The public sees the version of each record a reviewer approved. Each change below waits for one: approve it, or send it back to its editor with a comment.
review-nothing = Nothing is waiting: the public sees every record as it stands.
review-range = Changes { $first } to { $last } of those waiting, oldest first.
review-count = { $n ->
    [one] { $n } change waiting, oldest first.
   *[other] { $n } changes waiting, oldest first.
}
review-more = More wait on the next page.
review-new = New
review-edited = Edited
review-removal = Removal
records-previous = Previous
records-next = Next
pending-meta = { $change } by { $authors } · last changed { $when } · version { $version }
pending-sent-back = Sent back by { $by } on { $at }:
pending-not-changed = (not changed since)
pending-removed = Removed: the public still sees it (version { $version }) until a reviewer approves the removal.
pending-no-difference = No field the form shows differs from the public version.
pending-caption-new = Every field of the new record
pending-caption-edit = What changes for the public: each changed field, public version { $public } against proposed version { $proposed }
pending-field = Field
pending-public = The public sees (version { $version })
pending-proposed = Proposed (version { $version })
pending-also-publishes = Approving also publishes:
pending-own = Your change: another reviewer must approve it.
pending-own-allowed = Your own change: this server allows self-review, and the log will say so.
pending-comment = Comment for the editor (required to send it back)
pending-send-back = Send back
records-new = New
records-col-record = Record
records-col-changed = Changed
records-col-version = Version
records-col-publication = Publication
records-download = Download all:
records-drafts-included = (drafts included;
record-version = Version { $version }
record-public-sees = What the public sees:
record-sent-back = Sent back by { $by } on { $at }
record-answer = Edit the record to answer it; the change then waits for review again.
record-as-it-stands = The record as it now stands
record-the-record = The record
record-edit = Edit
record-withdraw = Withdraw from the public
record-remove-reason = Reason for removing it (required)
record-remove = Remove
record-history = History
record-col-when = When
record-col-who = Who
record-col-what = What
record-col-reason = Reason
record-col-change = Change
record-before-after = Before and after
record-before = Before:
record-after = After:
