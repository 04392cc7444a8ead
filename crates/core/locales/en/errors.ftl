# Error pages: their titles and messages.

error-picker-name = The picker's input name must be lower-case letters and underscores.
error-record-removed = This record was removed and cannot be edited.
error-version-missing = The form is missing the version it was based on; reload the page and try again.
error-remove-reason = Removing a record needs a reason.
error-reference = Reference:
error-back = Back to the start page
error-back-form = Back to the page you came from
error-not-found = Not found
error-not-found-text = There is nothing here, or it is not public.
error-forbidden = Not allowed
error-forbidden-text = Your account's role does not allow this.
error-csrf = Form expired
error-csrf-text = This form was not accepted because its security token is missing or wrong. Go back, reload the page and submit it again.
error-throttled = Too many attempts
error-throttled-text = Too many failed sign-ins for this account or from this address. { $n ->
    [one] Wait { $n } second and try again.
   *[other] Wait { $n } seconds and try again.
}
error-busy = Busy
error-busy-text = The server is checking too many passwords at once. Try again in a moment.
error-too-large = Too large
error-too-large-text = What was sent is larger than this form accepts.
error-bad-request = Not accepted
error-conflict = Changed by someone else
error-internal = Something went wrong
error-internal-text = The server could not complete this request. If you report it, give the reference below.
