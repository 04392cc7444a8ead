//! The page models, one per template in `templates/`, whose folders mirror
//! the page modules that render them (`records/form.html` for
//! `pages::records`; shared pieces in `layout/`). Templates escape
//! everything they print; the only unescaped output is SVG built (and
//! escaped) in `charts.rs` and snippets marked up in `pages::search`.

use askama::Template;

// Templates build their links from the route tables.
use crate::api::ApiRoute;
use crate::paths::Route;
use pledgewatch_core::lang::{Args, Lang};

/// What the page header needs: who is signed in and what they may do.
#[derive(Debug, Clone, Default)]
pub struct Nav {
    pub user: Option<String>,
    pub role: String,
    pub csrf: String,
    pub can_edit: bool,
    pub can_review: bool,
    pub is_admin: bool,
    pub flash: Option<String>,
    /// The footer's publisher and data licence (empty when not configured).
    pub organisation: String,
    pub data_licence: String,
    /// The reader's language, and the page the language switcher returns to.
    pub lang: Lang,
    pub here: String,
}

impl Nav {
    /// What a feed's address ends with so that its words are in the
    /// reader's language: nothing for English, else `?lang=ru` and so on.
    pub fn feed_lang(&self) -> String {
        match self.lang {
            Lang::En => String::new(),
            other => format!("?lang={}", other.code()),
        }
    }

    /// The message `id` in the reader's language.
    pub fn t(&self, id: &str) -> String {
        self.lang.t(id)
    }

    /// The message `id` with one text argument.
    pub fn t1(&self, id: &str, name: &str, value: impl std::fmt::Display) -> String {
        self.lang
            .tr(id, &Args::new().str(name.to_owned(), value.to_string()))
    }

    /// The message `id` with two text arguments.
    pub fn t2(
        &self,
        id: &str,
        a: &str,
        x: impl std::fmt::Display,
        b: &str,
        y: impl std::fmt::Display,
    ) -> String {
        let args = Args::new()
            .str(a.to_owned(), x.to_string())
            .str(b.to_owned(), y.to_string());
        self.lang.tr(id, &args)
    }

    /// The message `id` with a count, which picks the plural form.
    pub fn tn(&self, id: &str, name: &str, count: impl std::borrow::Borrow<usize>) -> String {
        self.lang
            .tr(id, &Args::new().count(name.to_owned(), *count.borrow()))
    }

    /// The languages of the switcher: (code, name in itself, the reader's).
    pub fn languages(&self) -> Vec<(&'static str, &'static str, bool)> {
        Lang::ALL
            .into_iter()
            .map(|l| (l.code(), l.name(), l == self.lang))
            .collect()
    }
}

#[derive(Template)]
#[template(path = "layout/error.html")]
pub struct ErrorPage {
    /// The header of the signed-in user, when one is (else "Sign in").
    pub nav: Nav,
    pub title: String,
    pub message: String,
    /// The request's id, for errors the server's log explains.
    pub reference: Option<String>,
    /// For a refused form: the page it was sent from.
    pub back: Option<String>,
}

#[derive(Debug, Clone)]
pub struct DossierCard {
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub commitments: usize,
    pub published: bool,
}

#[derive(Template)]
#[template(path = "home.html")]
pub struct HomePage {
    pub nav: Nav,
    pub title: String,
    pub dossiers: Vec<DossierCard>,
}

#[derive(Debug, Clone)]
pub struct Opt {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

/// A count by verdict, with its badge (and the chart legend's swatch).
#[derive(Debug, Clone)]
pub struct CountRow {
    pub label: String,
    /// The verdict's class name ("kept", "backward").
    pub verdict: String,
    /// The verdict's icon (SVG from `marks.rs`).
    pub icon: String,
    pub count: usize,
}

#[derive(Debug, Clone)]
pub struct ScoreRow {
    pub id: String,
    /// For the team: whether the public sees this commitment as shown
    /// (empty), or not yet or not in this version.
    pub standing: String,
    pub url: String,
    pub statement: String,
    pub actor: String,
    /// When it was made, in words.
    pub made_on: String,
    pub status_label: String,
    /// The verdict's class name and icon.
    pub verdict: String,
    pub verdict_icon: String,
    /// "rated 3 May 2024" or "not rated yet".
    pub rated_on: String,
    /// The deadline as written ("by the end of 2008"), or the timing.
    pub deadline: String,
    /// Where it stands against the deadline, in words.
    pub deadline_state: String,
    /// The clock's kind ("overdue", "met"), its icon and its bar.
    pub clock_kind: String,
    pub clock_icon: String,
    pub clock_bar: String,
    pub clock_label: String,
    pub backtracking: bool,
    pub stale: bool,
}

/// A sortable column's header: its link and whether it is the sort now.
#[derive(Debug, Clone)]
pub struct SortHeader {
    pub label: String,
    pub url: String,
    /// "ascending", "descending" or "none" (for `aria-sort`).
    pub aria_sort: String,
    /// What following the link does, for screen readers.
    pub hint: String,
}

/// A recent development on the scorecard's "what changed" list.
#[derive(Debug, Clone)]
pub struct RecentRow {
    pub date: String,
    pub title: String,
    pub direction: String,
    pub direction_class: String,
    pub commitments: Vec<Cited>,
}

#[derive(Debug, Clone)]
pub struct DataRow {
    pub label: String,
    pub cells: Vec<String>,
}

#[derive(Template)]
#[template(path = "dossier/scorecard.html")]
pub struct ScorecardPage {
    pub nav: Nav,
    pub title: String,
    pub slug: String,
    pub summary: String,
    /// The view's date as a form value and in words.
    pub as_of: String,
    pub as_of_words: String,
    /// The day of the latest development or rating then, in words.
    pub last_updated: String,
    /// The tally's notes (progress, backtracking, steps back, stale), in
    /// the reader's language.
    pub notes: String,
    pub team: bool,
    pub filter_actor: Vec<Opt>,
    pub filter_theme: Vec<Opt>,
    pub filter_status: Vec<Opt>,
    pub filter_origin: Vec<Opt>,
    pub deadline_from: String,
    pub deadline_to: String,
    pub text: String,
    pub filtered: bool,
    /// The sort in force, kept by the filter form.
    pub sort: String,
    pub order: String,
    pub headers: Vec<SortHeader>,
    pub total: usize,
    pub counts: Vec<CountRow>,
    pub overdue: usize,
    /// The overdue clock's icon, beside its count.
    pub overdue_icon: String,
    pub rows: Vec<ScoreRow>,
    /// The steps back, each in words.
    pub regressions: Vec<String>,
    pub recent: Vec<RecentRow>,
    /// The day of the oldest development on the list, in words.
    pub recent_since: String,
    pub status_svg: String,
    pub chart_legend: Vec<CountRow>,
    pub status_header: Vec<String>,
    pub status_table: Vec<DataRow>,
    pub timeline_svg: String,
    pub timeline_list: Vec<String>,
    pub concerns: Vec<String>,
    /// The dossier's recipient lists (name, slug), for signed-in users.
    pub recipient_lists: Vec<Opt>,
    /// The State the letters leave out: the one bound by most commitments.
    pub letter_subject: String,
}

#[derive(Debug, Clone)]
pub struct Cited {
    pub text: String,
    pub url: String,
}

#[derive(Debug, Clone)]
pub struct StepRow {
    pub id: String,
    /// As [`ScoreRow::standing`].
    pub standing: String,
    pub as_of: String,
    pub status_label: String,
    pub scale: String,
    pub rationale: String,
    /// The developments the rating rests on, linked to their pages.
    pub developments: Vec<Cited>,
    pub rated_by: String,
    pub reviewed_by: String,
    pub regression: bool,
}

#[derive(Debug, Clone)]
pub struct DevelopmentRow {
    pub id: String,
    /// The development's public page.
    pub url: String,
    /// As [`ScoreRow::standing`].
    pub standing: String,
    pub date: String,
    pub title: String,
    pub summary: String,
    pub direction: String,
    pub direction_class: String,
    pub sources: Vec<Cited>,
}

#[derive(Debug, Clone)]
pub struct StepNeeded {
    pub action: String,
    /// The recommendation's public page.
    pub url: String,
    pub responsible: String,
    pub priority: String,
}

#[derive(Template)]
#[template(path = "dossier/commitment.html")]
pub struct CommitmentPage {
    pub nav: Nav,
    pub title: String,
    pub slug: String,
    pub dossier_title: String,
    pub id: String,
    /// The commitment's slug in its dossier (its page's URL).
    pub name: String,
    pub as_of: String,
    pub team: bool,
    /// The public pages of the quote, the actors and the occasion (empty
    /// when there is none).
    pub quote_url: String,
    pub made_by_url: String,
    pub bound_url: String,
    pub occasion_url: String,
    /// Whether who made it (beside the actor bound) is recorded.
    pub made_by_known: bool,
    /// The occasion's title alone, for the summary.
    pub occasion_title: String,
    /// The day it was made, without how long ago.
    pub made_on_day: String,
    /// Concerns that share a development with the commitment.
    pub concerns: Vec<Cited>,
    /// As [`ScoreRow::standing`], for the commitment itself.
    pub standing: String,
    pub quote: String,
    pub quote_source: Option<Cited>,
    pub made_by: String,
    pub bound: String,
    pub occasion: String,
    pub made_on: String,
    pub origin: String,
    pub timing: String,
    pub condition: String,
    pub deadline: String,
    pub deadline_state: String,
    /// The promise clock's kind ("overdue") and icon.
    pub clock_kind: String,
    pub clock_icon: String,
    pub status_label: String,
    /// The verdict's class name and icon.
    pub verdict: String,
    pub verdict_icon: String,
    /// The day of the latest rating, in words (empty if none).
    pub rated_on: String,
    pub backtracking: bool,
    pub stale: bool,
    /// The view's date in words.
    pub as_of_words: String,
    pub themes: String,
    pub history: Vec<StepRow>,
    pub developments: Vec<DevelopmentRow>,
    pub steps: Vec<StepNeeded>,
}

#[derive(Debug, Clone)]
pub struct Hit {
    /// The entity kind's key (the template words it).
    pub kind: String,
    pub title: String,
    pub url: String,
    /// The record's date in words (empty when it has none).
    pub date: String,
    pub snippet_html: String,
}

#[derive(Template)]
#[template(path = "search/results.html")]
pub struct SearchPage {
    pub nav: Nav,
    pub title: String,
    pub query: String,
    pub kinds: Vec<Opt>,
    pub actors: Vec<Opt>,
    pub theme: String,
    pub statuses: Vec<Opt>,
    pub origins: Vec<Opt>,
    pub deadline_from: String,
    pub deadline_to: String,
    pub searched: bool,
    /// Whether a filter besides the words was set.
    pub filtered: bool,
    pub error: String,
    /// The results shown: one page of them.
    pub hits: Vec<Hit>,
    /// The results in all pages.
    pub total: usize,
    /// The position of the first result shown, from 1.
    pub first: usize,
    /// The links to the pages before and after (empty at either end).
    pub previous: String,
    pub next: String,
    /// The dossiers' scorecards, suggested when nothing is found.
    pub dossiers: Vec<Cited>,
}

impl SearchPage {
    /// "3 results for “media law”", or "51–100 of 132 results for
    /// “media law”" when there is more than one page, in the reader's
    /// language.
    pub fn results_heading(&self) -> String {
        let args = Args::new()
            .count("n", self.total)
            .str("query", self.query.clone());
        if self.hits.len() == self.total {
            return self.nav.lang.tr("search-results", &args);
        }
        let args = args
            .count("first", self.first)
            .count("last", self.first + self.hits.len() - 1);
        self.nav.lang.tr("search-results-range", &args)
    }
}

#[derive(Template)]
#[template(path = "account/login.html")]
pub struct LoginPage {
    pub nav: Nav,
    pub title: String,
    pub next: String,
    pub username: String,
    pub error: String,
}

#[derive(Template)]
#[template(path = "account/setup.html")]
pub struct SetupPage {
    pub nav: Nav,
    pub title: String,
    pub fields: Vec<FormField>,
}

/// One field of a form as the template draws it.
#[derive(Debug, Clone, Default)]
pub struct FormField {
    pub name: String,
    pub label: String,
    pub help: String,
    /// text, password, textarea, select, picker (checkboxes), picker-one
    /// (radio buttons), checkbox, effects
    pub widget: &'static str,
    pub value: String,
    pub options: Vec<Opt>,
    pub rows: Vec<EffectRow>,
    pub error: String,
    pub required: bool,
    /// The label of the empty choice of a select; none when empty.
    pub empty_choice: String,
    /// A picker (widgets `picker`, `picker-one`): what its filter box
    /// holds, the address that lists its choices as one types, and how
    /// many choices the filter leaves out of the list.
    pub filter: String,
    pub picker_url: String,
    pub more: usize,
}

/// The choices of a picker, alone: the answer to its filter box as one
/// types (htmx), drawn into the form's list.
#[derive(Template)]
#[template(path = "records/_picker.html")]
pub struct PickerList {
    pub nav: Nav,
    pub f: FormField,
}

/// The choices of a picker as a page of its own (the same address opened
/// without JavaScript, or reloaded): links to the records.
#[derive(Template)]
#[template(path = "records/picker.html")]
pub struct PickerPage {
    pub nav: Nav,
    pub title: String,
    pub filter: String,
    pub action: String,
    /// The picker's own settings, sent again with the filter (a GET form
    /// drops the query of its action).
    pub hidden: Vec<(String, String)>,
    pub filter_name: String,
    pub links: Vec<Cited>,
    pub more: usize,
}

#[derive(Debug, Clone)]
pub struct EffectRow {
    pub name: String,
    pub label: String,
    pub options: Vec<Opt>,
}

#[derive(Template)]
#[template(path = "records/form.html")]
pub struct FormPage {
    pub nav: Nav,
    pub title: String,
    pub action: String,
    pub fields: Vec<FormField>,
    /// The error summary, in form order.
    pub errors: Vec<ErrorLink>,
    pub reason: String,
    pub version: String,
    pub cancel: String,
    /// Whether the form uploads a file (then the CSRF token travels in the URL).
    pub multipart: bool,
    /// A message above the form (a link's choice that was dropped, a
    /// source added from the form).
    pub notice: String,
    /// The inputs of a new source and quote added from the form (the
    /// development form's; empty elsewhere).
    pub inline: Vec<FormField>,
    /// Whether those inputs are shown open (something is typed in them).
    pub inline_open: bool,
}

/// One line of a form's error summary: a link to the field it is about
/// (`#f-<name>`), or plain text for an error of the whole form.
#[derive(Debug, Clone)]
pub struct ErrorLink {
    pub href: String,
    pub text: String,
}

#[derive(Debug, Clone)]
pub struct FieldRow {
    pub label: String,
    pub value: String,
    pub links: Vec<Cited>,
}

#[derive(Debug, Clone)]
pub struct HistoryRow {
    pub seq: i64,
    pub at: String,
    pub actor: String,
    pub action: String,
    pub reason: String,
    pub version: i64,
    pub before: String,
    pub after: String,
}

#[derive(Template)]
#[template(path = "records/record.html")]
pub struct RecordPage {
    pub nav: Nav,
    pub title: String,
    pub kind: String,
    pub kind_label: String,
    pub id: String,
    pub version: i64,
    pub fields: Vec<FieldRow>,
    /// Where the record stands between its editor and the public.
    pub badge: Badge,
    /// What the public sees of it, in a sentence.
    pub public_sees: String,
    /// Whether the public sees a version of it (it may be withdrawn).
    pub public: bool,
    pub deleted: bool,
    /// The change waiting for review, if any (shown as on the queue).
    pub pending: Option<PendingChange>,
    /// The reviewer's comment when the change was sent back.
    pub sent_back: Option<SentBack>,
    pub history: Vec<HistoryRow>,
}

/// A record's publication state as a badge: its CSS class and its words.
#[derive(Debug, Clone)]
pub struct Badge {
    pub class: &'static str,
    pub text: String,
}

/// A reviewer's send-back of a pending change.
#[derive(Debug, Clone)]
pub struct SentBack {
    pub by: String,
    pub at: String,
    pub comment: String,
}

#[derive(Debug, Clone)]
pub struct ListItem {
    pub url: String,
    pub label: String,
    pub updated: String,
    pub version: i64,
    pub badge: Badge,
}

#[derive(Template)]
#[template(path = "records/list.html")]
pub struct RecordListPage {
    pub nav: Nav,
    pub title: String,
    pub kind: String,
    pub kinds: Vec<Opt>,
    pub items: Vec<ListItem>,
    pub previous: String,
    pub next: String,
}

/// One field of a pending change: what the public sees and what is
/// proposed (for a new record, only the proposed value).
#[derive(Debug, Clone)]
pub struct DiffRow {
    pub label: String,
    pub public: String,
    pub proposed: String,
}

/// A change waiting for review, with what approving it does.
#[derive(Debug, Clone)]
pub struct PendingChange {
    /// On the queue: the comment of the reviewer who sent it back, while
    /// its editor has not changed it since.
    pub sent_back: Option<SentBack>,
    /// A warning for an approval that would make confidential material public.
    pub warning: String,
    pub kind_label: String,
    pub id: String,
    pub label: String,
    pub url: String,
    /// `new`, `edited` or `removal`.
    pub change: &'static str,
    pub change_label: String,
    pub authors: String,
    pub when: String,
    /// The live version, and the version the public sees (0 for none).
    pub version: i64,
    pub public_version: i64,
    /// The changed fields (every filled field of a new record).
    pub diff: Vec<DiffRow>,
    /// The unpublished records approving it publishes too.
    pub needed: Vec<Cited>,
    /// Their ids and versions (`id:version`), sent back with the approval
    /// so that it is refused if the list or any of them changed since the
    /// reviewer saw it.
    pub needed_ids: Vec<String>,
    /// The signed-in reviewer made it and may not approve it.
    pub own: bool,
    /// The signed-in reviewer made it and the server allows self-review.
    pub own_allowed: bool,
    pub approve_action: String,
    pub approve_label: String,
    /// The approve form carries the version (an assessment's approval).
    pub send_back_action: String,
    /// The forms come back to the review queue (else to the record page).
    pub on_queue: bool,
}

impl PendingChange {
    /// "Edited by alice · last changed … · version 3", in `lang`.
    pub fn meta(&self, lang: &Lang) -> String {
        let args = Args::new()
            .str("change", self.change_label.clone())
            .str("authors", self.authors.clone())
            .str("when", self.when.clone())
            .str("version", self.version.to_string());
        lang.tr("pending-meta", &args)
    }
}

#[derive(Template)]
#[template(path = "records/review.html")]
pub struct ReviewPage {
    pub nav: Nav,
    pub title: String,
    pub items: Vec<PendingChange>,
    /// More changes wait than the page shows.
    pub more: bool,
    /// The place in the queue of the page's first change (from 1).
    pub first: u32,
    /// Links to the pages before and after (empty: none).
    pub previous: String,
    pub next: String,
}

#[derive(Debug, Clone)]
pub struct UserRow {
    pub id: String,
    pub username: String,
    pub display_name: String,
    pub roles: Vec<Opt>,
    pub disabled: bool,
    /// The administrator looking at the page.
    pub is_self: bool,
}

/// A reset code just issued: shown this once.
#[derive(Debug, Clone, Default)]
pub struct IssuedCode {
    pub username: String,
    pub code: String,
    pub until: String,
}

#[derive(Template)]
#[template(path = "account/users.html")]
pub struct UsersPage {
    pub nav: Nav,
    pub title: String,
    pub users: Vec<UserRow>,
    pub fields: Vec<FormField>,
    pub issued: Option<IssuedCode>,
}

#[derive(Debug, Clone)]
pub struct DraftSourceRow {
    pub url: String,
    pub title: String,
    pub pending: usize,
}

#[derive(Template)]
#[template(path = "drafting/index.html")]
pub struct DraftingPage {
    pub nav: Nav,
    pub title: String,
    pub sources: Vec<DraftSourceRow>,
    pub doc_title: String,
    pub date: String,
    pub actor: String,
    pub text: String,
    pub title_error: String,
    pub date_error: String,
    pub text_error: String,
    pub file_error: String,
    /// The error summary, in form order.
    pub errors: Vec<ErrorLink>,
}

#[derive(Debug, Clone)]
pub struct CandidateCard {
    pub id: String,
    pub version: i64,
    pub statement: String,
    pub quote: String,
    pub actor: String,
    pub speaker: String,
    pub occasion: String,
    pub timing: String,
    pub deadline_resolved: String,
    pub deadline_as_written: String,
    pub unresolved: String,
    pub condition: String,
    pub confidence: u8,
    /// Where the quote stands in a PDF or Word file: "p. 12, para. 63".
    pub locator: String,
    pub status: String,
    pub pending: bool,
    pub rejection_reason: String,
    pub commitment_url: String,
    /// Commitments already recorded that this one may repeat (pending
    /// candidates only): link text and address, and the id to attach to.
    pub similar: Vec<SimilarCommitment>,
    /// Why accepting or attaching it was refused just now.
    pub problem: String,
    /// The accept form's values: the candidate's, or after a refusal what
    /// the person typed, so no edit is lost.
    pub typed: Typed,
}

/// The editable values of a candidate's accept form.
#[derive(Debug, Clone, Default)]
pub struct Typed {
    pub statement: String,
    pub actor: String,
    pub deadline: String,
    pub condition: String,
}

/// A recorded commitment a candidate may repeat.
#[derive(Debug, Clone)]
pub struct SimilarCommitment {
    pub id: String,
    pub statement: String,
    pub url: String,
}

#[derive(Template)]
#[template(path = "drafting/source.html")]
pub struct DraftingSourcePage {
    pub nav: Nav,
    pub title: String,
    pub source_url: String,
    pub text_html: String,
    pub candidates: Vec<CandidateCard>,
    /// The dossiers an accepted commitment can join.
    pub dossiers: Vec<Opt>,
}

/// One API token on the account page (never its secret).
#[derive(Debug, Clone)]
pub struct TokenRow {
    pub id: String,
    pub name: String,
    pub created: String,
    pub last_used: String,
    pub expires: String,
    pub revoked: String,
    /// Not revoked, but past its expiry.
    pub expired: bool,
}

#[derive(Template)]
#[template(path = "tokens/account.html")]
pub struct AccountPage {
    pub nav: Nav,
    pub title: String,
    pub username: String,
    pub role: String,
    pub tokens: Vec<TokenRow>,
    /// A token just made: its secret, shown this once.
    pub new_secret: String,
    pub new_name: String,
    pub name: String,
    pub name_error: String,
    /// The lives a new token may be given, in days.
    pub expiry_choices: Vec<Opt>,
    pub expires_on: String,
    pub expires_error: String,
    /// The password change form.
    pub fields: Vec<FormField>,
    /// The error summary of both forms, in page order.
    pub errors: Vec<ErrorLink>,
}

#[derive(Template)]
#[template(path = "password/reset.html")]
pub struct ResetPage {
    pub nav: Nav,
    pub title: String,
    pub fields: Vec<FormField>,
    /// Why the code was refused, for all to see at the top.
    pub error: String,
}

/// A fact on a public page: its key (the template words it) and value,
/// linked when `url` is set.
#[derive(Debug, Clone)]
pub struct Fact {
    pub key: &'static str,
    pub value: String,
    pub url: String,
}

/// A link to a public page, with the record's date and a note (the
/// direction a development gave a commitment).
#[derive(Debug, Clone)]
pub struct Link {
    pub text: String,
    pub url: String,
    pub date: String,
    pub note: String,
}

/// A list of related records on a public page; the template words its key.
#[derive(Debug, Clone)]
pub struct Section {
    pub key: &'static str,
    pub links: Vec<Link>,
}

/// The public page of a development, source, quote, concern,
/// recommendation, actor or occasion.
#[derive(Template)]
#[template(path = "public/record.html")]
pub struct PublicRecordPage {
    pub nav: Nav,
    pub title: String,
    /// The entity kind's key (the template words it).
    pub kind: String,
    pub date: String,
    /// The record's text: a summary, description, quote or action.
    pub text: String,
    /// The source's own web address, if it is one.
    pub external: String,
    pub facts: Vec<Fact>,
    pub sections: Vec<Section>,
    /// The team's record page (empty for the public).
    pub team_url: String,
}
