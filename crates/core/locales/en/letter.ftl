# The letters' fixed words in languages other than English
# (pledgewatch_report::letter). English letters are written by the
# generator's own English sentences, which follow the publisher's US or UK
# spelling; these messages give the same sentences' shapes. What the record
# holds (statements, names, titles, stakes) stays as entered and is quoted.

## Titles and salutations.
letter-title = Letter to { $who }
letter-titles = Letters: { $title }
letter-salutation-minister = Dear Minister,
letter-salutation-general = Dear Sir or Madam,

## The subject line and where the commitments were made.
letter-subject-at = { $bound }’s commitments at the { $occasion } ({ $when })
letter-subject-on = { $bound }’s commitments of { $date }
letter-made-at = at the { $occasion } ({ $when })
letter-made-at-in = at the { $occasion } in { $place } ({ $when })
letter-made-on = on { $date }
letter-when-place = { $place }, { $span }

## The opening: "Nearly six months ago, at the OSCE Ministerial Council in
## Madrid, Kazakhstan made six public commitments."
letter-opening = { $since } ago{ $at }, { $bound } made { $n ->
    [one] a public commitment
   *[other] { $n } public commitments
}.
letter-at = , at the { $occasion }
letter-at-in = , at the { $occasion } in { $place }

## What the letter asks the addressee to raise ($shape: lack, steps,
## progress, steps-still).
letter-concern = { $shape ->
    [lack] the lack of progress toward fulfilling
    [steps] the steps needed to fulfill
    [progress] the progress still needed toward fulfilling
   *[steps-still] the steps still needed to fulfill
} { $n ->
    [one] this commitment
   *[other] these commitments
}

## Who pledged what, and when.
letter-pledges-by = { $made }, { $pledger } pledged on behalf of { $bound }: { $list }.
letter-pledges = { $made }, { $bound } pledged: { $list }.
letter-pledger-role = { $name }, { $role }
letter-group = { $statements } ({ $timing })
letter-before-milestone = before “{ $milestone }”, { $date }

## Progress, as the ratings say.
letter-progress = { $n ->
    [one] This commitment was welcome.
   *[other] These commitments were welcome.
} { $yet ->
    [yes] Yet { $since }
   *[no] { $since }
} after { $n ->
    [one] it was
   *[other] they were
} made, { $facts }.
letter-direct-progress = { $since } after { $n ->
    [one] it was
   *[other] they were
} made, { $facts }.
letter-too-early = it is too early to judge progress
letter-fact-progress = progress has been made on { $p } of { $n }
letter-fact-none = { $all ->
    [yes] none of them shows progress
   *[no] { $k ->
        [one] { $k } of { $n } shows no progress
       *[other] { $k } of { $n } show no progress
    }
}
letter-fact-back = { $direct ->
    [yes] your government
   *[no] the government
} may be backtracking on { $b ->
    [one] its commitment
   *[other] its commitments
} { $list }
letter-fact-unassessed = { $u ->
    [one] { $u } has not yet been assessed
   *[other] { $u } have not yet been assessed
}
letter-overdue = { $shape ->
    [single] The deadline for this commitment has passed.
    [all] The deadline has passed for all { $n } of them.
   *[some] The deadline has passed for { $o } of them.
}

## The attached memorandum and the request.
letter-memo = The attached memorandum, “{ $title }”, contrasts { $n ->
    [one] this commitment
   *[other] these commitments
} with the situation today{ $steps }.
letter-memo-steps-all = , and outlines specific steps the government should take to fulfill { $n ->
    [one] it
   *[other] them
}
letter-memo-steps-some = , and outlines steps the government should take to fulfill { $k } of them
letter-memo-concerns = It also describes human rights problems beyond these commitments.
letter-memo-concerns-steps = It also describes human rights problems beyond these commitments and outlines steps that should be taken to address them.
letter-request = We ask that you ensure that the government of { $bound } upholds its commitments.

## The counts a custom template may use.
letter-facts-progress = { $with } of { $n } show progress
letter-facts-deadlines = { $o ->
    [0] none is yet past its deadline
    [one] { $o } is past its deadline
   *[other] { $o } are past their deadline
}
