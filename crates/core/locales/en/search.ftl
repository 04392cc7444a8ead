# The search page.

search-title = Search
search-words = Words
search-kind = Kind
search-everything = Everything
search-actor = Actor
search-all = All
search-theme = Theme
search-status = Status
search-origin = Origin
search-deadline-from = Deadline from
search-deadline-to = Deadline to
search-button = Search
search-help = Actor, theme, status, origin and deadline narrow the results to commitments.
search-none = No results for “{ $query }”
search-none-filtered = No results for “{ $query }” with these filters
search-none-lead = Nothing the public may see matches these words. You could:
search-tip-spelling = check the spelling;
search-tip-fewer-words = use fewer or more general words (every word must match: “media law” finds less than “media”);
search-tip-filters = remove the filters (kind, actor, theme, status, origin, deadline);
search-tip-browse = browse
search-tip-dossiers = the dossiers
search-tip-scorecard = or read a scorecard:
search-results = { $n ->
    [one] { $n } result for “{ $query }”
   *[other] { $n } results for “{ $query }”
}

search-results-range = { $first }–{ $last } of { $n ->
    [one] { $n } result for “{ $query }”
   *[other] { $n } results for “{ $query }”
}
search-pages = Pages of results
search-previous = Previous page
search-next = Next page
search-error-page = “{ $value }” is not a page number (1, 2, 3…).
search-error-unknown = { $field }: “{ $value }” is not one of the choices.
search-error-kind-and-filters = Actor, theme, status, origin and deadline filter commitments only, so nothing of the kind “{ $kind }” can match them: choose the kind “Commitment” or everything, or remove these filters.
search-error-filters-need-words = Filters narrow a search by words: type at least one word to search for.

## Searches refused.
search-error-no-words = Type at least one word to search for.
search-error-too-long = The words to search for are longer than { $max } characters; shorten them.
search-error-day = { $field }: “{ $value }” is not a day (expected YYYY-MM-DD).
search-filters = Filters
