# The account page: password, sessions, API tokens.

tokens-title = Your account
tokens-signed-in-as = Signed in as { $user }, with the role { $role }.
tokens-password = Password
tokens-password-lead = Changing your password signs out your other sessions; this one stays signed in.
tokens-current-password = Current password
tokens-change-password = Change the password
tokens-sessions = Sessions
tokens-sessions-lead = Signed in somewhere you no longer are, or on a computer that is not yours? End every session, this one included; you will sign in again.
tokens-sign-out-everywhere = Sign out everywhere
tokens-api = API tokens
tokens-api-lead-1 = A token lets a program use the
tokens-api-lead-2 = with your role: send it as
tokens-api-lead-3 = . Each token expires; revoke one you no longer need or may have lost.
tokens-json-api = JSON API
tokens-new-secret = Your new token { $name }. Copy it now: it is not stored and will not be shown again.
tokens-token = Token
tokens-none = You have no API tokens.
tokens-col-name = Name
tokens-col-created = Created
tokens-col-last-used = Last used
tokens-col-expires = Expires
tokens-col-state = State
tokens-revoked = Revoked { $at }
tokens-expired = Expired
tokens-active = Active
tokens-revoke = Revoke
tokens-revoke-label = Revoke the token { $name }
tokens-never = never
tokens-new = New token
tokens-name = What it is for
tokens-expires-after = Expires after
tokens-days = { $n ->
    [one] { $n } day
   *[other] { $n } days
}
tokens-expires-on = Or at the end of this day (at most a year ahead; wins over the choice above)
tokens-expiry = Expiry
tokens-make = Make a token
tokens-at = { $day } { $time } UTC
