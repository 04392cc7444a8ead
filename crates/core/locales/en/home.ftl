# The home page: the dossiers, about, open data, feeds.

home-title = Dossiers
home-none = No dossier is published yet.
home-draft = Draft
home-commitments = { $n ->
    [one] { $n } commitment
   *[other] { $n } commitments
}
home-new-dossier = New dossier
home-about = About
home-about-text = Each dossier follows the commitments a government made at international forums: the exact words, who made them, where and by when. Every development is dated and sourced, and every rating of progress gives its reasons and who made and reviewed it, so that anyone can check what was kept, what was not, and what went backwards.
home-about-scale = Ratings use a scale with words for each verdict (from "Not started" to "Fulfilled", with "Stalled", "Regressed" and "Broken"). A commitment is overdue once its deadline has passed without it being kept, and backtracking while its current rating is below an earlier one.
home-open-data = Open data
home-download-team = Download the dossiers:
home-download-public = Download the published dossiers:
home-api = Programs can read the same through the JSON API:
home-api-link = JSON API
home-licence = Data licence: { $licence }.
home-licence-none = Data licence: not stated; ask the publisher before reuse.
home-feeds = Feeds
home-feeds-text = Follow new developments and ratings in any feed reader (Atom). Each commitment page has its own feed too.
