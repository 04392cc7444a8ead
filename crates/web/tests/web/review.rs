//! Review of pending changes: the public keeps the approved version while
//! an edit or a removal waits; the review queue shows what changes; a
//! reviewer approves it or sends it back with a comment the editor sees;
//! nobody approves their own change unless the server allows self-review.

use axum::http::StatusCode;
use pledgewatch_core::accounts::Role;
use pledgewatch_core::model::EntityKind;
use pledgewatch_core::storage::Storage;
use scraper::Selector;
use uuid::Uuid;

use crate::harness::{self, App, Client, app, app_with, as_role};
use crate::{SLUG, first_commitment};

/// The fields a page's form (the first matching `form`) would submit, as a
/// browser would: text inputs, checked boxes, textareas and selected options.
fn form_fields(page: &harness::Reply, form: &str) -> Vec<(String, String)> {
    let html = page.html();
    let form = html
        .select(&Selector::parse(form).unwrap())
        .next()
        .unwrap_or_else(|| panic!("no form {form}"));
    let mut out = Vec::new();
    for input in form.select(&Selector::parse("input[name]").unwrap()) {
        let e = input.value();
        let kind = e.attr("type").unwrap_or("text");
        if kind == "file"
            || ((kind == "checkbox" || kind == "radio") && e.attr("checked").is_none())
        {
            continue;
        }
        out.push((
            e.attr("name").unwrap().to_owned(),
            e.attr("value")
                .unwrap_or(if kind == "checkbox" { "on" } else { "" })
                .to_owned(),
        ));
    }
    for area in form.select(&Selector::parse("textarea[name]").unwrap()) {
        let name = area.value().attr("name").unwrap().to_owned();
        out.push((name, area.text().collect()));
    }
    for select in form.select(&Selector::parse("select[name]").unwrap()) {
        let name = select.value().attr("name").unwrap().to_owned();
        for option in select.select(&Selector::parse("option[selected]").unwrap()) {
            out.push((
                name.clone(),
                option.value().attr("value").unwrap_or("").to_owned(),
            ));
        }
    }
    out
}

/// Posts the record's edit form as it stands with `changes` made to it.
pub(crate) async fn edit(
    client: &mut Client<'_>,
    record: &str,
    changes: &[(&str, &str)],
) -> harness::Reply {
    let page = client.get(&format!("{record}/edit")).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let mut fields: Vec<(String, String)> = form_fields(&page, "form.stack")
        .into_iter()
        .filter(|(k, _)| k != "csrf" && !changes.iter().any(|(c, _)| c == k))
        .collect();
    fields.extend(
        changes
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned())),
    );
    let pairs: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    client.post(&format!("{record}/edit"), &pairs).await
}

/// Posts a form of a page (its hidden fields, plus `extra`) to its action.
async fn submit(
    client: &mut Client<'_>,
    page: &harness::Reply,
    form: &str,
    extra: &[(&str, &str)],
) -> harness::Reply {
    let action = page
        .attr(form, "action")
        .unwrap_or_else(|| panic!("no form {form}"));
    let mut fields: Vec<(String, String)> = form_fields(page, form)
        .into_iter()
        .filter(|(k, _)| k != "csrf" && !extra.iter().any(|(e, _)| e == k))
        .collect();
    fields.extend(
        extra
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned())),
    );
    let pairs: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    client.post(&action, &pairs).await
}

/// A published commitment: its record page, public page, public API
/// address and public statement.
struct Published {
    id: String,
    record: String,
    public_page: String,
    public_api: String,
    statement: String,
}

async fn published_commitment(app: &App) -> Published {
    let id = first_commitment(app).await;
    let uuid = Uuid::parse_str(&id).unwrap();
    assert!(
        app.state
            .store
            .published(&[uuid])
            .await
            .unwrap()
            .contains_key(&uuid),
        "the demo publishes its commitments"
    );
    let live = app
        .state
        .store
        .get(EntityKind::Commitment, uuid)
        .await
        .unwrap()
        .unwrap();
    let statement = match live.entity {
        pledgewatch_core::model::Entity::Commitment(c) => c.statement.to_string(),
        _ => unreachable!(),
    };
    Published {
        record: format!("/records/commitment/{id}"),
        public_page: format!("/dossiers/{SLUG}/commitments/{id}"),
        public_api: format!("/api/v1/dossiers/{SLUG}/commitments/{id}"),
        statement,
        id,
    }
}

/// What the anonymous public reads of the commitment, on its page and
/// through the API.
async fn public_text(app: &App, c: &Published) -> (String, String) {
    let mut anon = Client::new(app);
    let page = anon.get(&c.public_page).await;
    assert_eq!(page.status, StatusCode::OK);
    let api = anon.get(&c.public_api).await;
    assert_eq!(api.status, StatusCode::OK, "{}", api.body);
    (page.texts("main").concat(), api.body)
}

const NEW_STATEMENT: &str =
    "Replace registration of media outlets with notification (revised wording)";

#[tokio::test]
async fn an_edit_waits_for_review_and_the_public_sees_the_new_text_once_approved() {
    let app = app().await;
    let c = published_commitment(&app).await;
    let mut editor = as_role(&app, Some(Role::Editor)).await;
    let reply = edit(&mut editor, &c.record, &[("statement", NEW_STATEMENT)]).await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);

    // The public keeps the approved text, on the page and in the API.
    let (page, api) = public_text(&app, &c).await;
    assert!(page.contains(&c.statement) && !page.contains(NEW_STATEMENT));
    assert!(api.contains(&c.statement) && !api.contains(NEW_STATEMENT));

    // The editor's record page says so and shows the change.
    let record = editor.get(&c.record).await;
    let badge = record.texts(".standing .badge.state.pending").concat();
    assert!(
        badge.starts_with("Pending change — the public sees version "),
        "{badge}"
    );
    assert!(record.texts(".public-sees").concat().contains("version "));
    assert_eq!(record.texts("#pending td.old").concat(), c.statement);
    assert_eq!(record.texts("#pending td.new").concat(), NEW_STATEMENT);
    assert_eq!(
        record.count("#pending form.approve"),
        0,
        "editors do not approve"
    );
    let list = editor.get("/records/commitment").await;
    assert!(
        list.texts("tbody tr")
            .iter()
            .any(|r| r.contains("revised wording") && r.contains("Pending change")),
        "the list marks the pending change"
    );

    // The queue shows the diff: the public value and the proposed one.
    let mut reviewer = as_role(&app, Some(Role::Reviewer)).await;
    let queue = reviewer.get("/review").await;
    assert_eq!(queue.status, StatusCode::OK);
    let item = format!("#r-{}", c.id);
    assert_eq!(
        queue.texts(&format!("{item} .badge")).concat(),
        "Edited",
        "{}",
        queue.body
    );
    let rows = queue.texts(&format!("{item} table.diff tbody tr"));
    assert_eq!(rows.len(), 1, "only the statement changed: {rows:?}");
    assert!(rows[0].starts_with("What was promised"), "{rows:?}");
    assert_eq!(queue.texts(&format!("{item} td.old")).concat(), c.statement);
    assert_eq!(
        queue.texts(&format!("{item} td.new")).concat(),
        NEW_STATEMENT
    );
    assert!(
        queue
            .texts(&format!("{item} .meta"))
            .concat()
            .contains("editor")
    );

    // Approving publishes the new text and comes back to the queue.
    let reply = submit(&mut reviewer, &queue, &format!("{item} form.approve"), &[]).await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
    assert_eq!(reply.location(), "/review?done=published");
    let (page, api) = public_text(&app, &c).await;
    assert!(page.contains(NEW_STATEMENT) && !page.contains(&c.statement));
    assert!(api.contains(NEW_STATEMENT));
    let queue = reviewer.get("/review?done=published").await;
    assert_eq!(queue.count(&item), 0, "nothing of it waits any more");
    assert!(queue.texts(".flash").concat().contains("Published"));
    let record = editor.get(&c.record).await;
    assert_eq!(record.texts(".badge.state.published").concat(), "Published");
    assert_eq!(record.count("#pending"), 0);
}

#[tokio::test]
async fn sending_back_needs_a_comment_and_a_change_waiting_for_review() {
    let app = app().await;
    let c = published_commitment(&app).await;
    let uuid = Uuid::parse_str(&c.id).unwrap();
    let history = || async {
        app.state
            .store
            .history(EntityKind::Commitment.into(), uuid)
            .await
            .unwrap()
            .len()
    };
    let mut reviewer = as_role(&app, Some(Role::Reviewer)).await;
    // Nothing waits: there is nothing to send back.
    let nothing = reviewer
        .post(&format!("{}/send-back", c.record), &[("comment", "again")])
        .await;
    assert_eq!(nothing.status, StatusCode::BAD_REQUEST);
    assert!(
        nothing.body.contains("no change waiting for review"),
        "{}",
        nothing.body
    );
    let mut editor = as_role(&app, Some(Role::Editor)).await;
    edit(&mut editor, &c.record, &[("statement", NEW_STATEMENT)]).await;
    let queue = reviewer.get("/review").await;
    let form = format!("#r-{} form.send-back", c.id);
    assert_eq!(
        queue
            .attr(&format!("{form} textarea[name=comment]"), "required")
            .as_deref(),
        Some("")
    );
    // An empty comment is refused, naming the field, and writes nothing.
    let before = history().await;
    for comment in ["", "  \n "] {
        let empty = submit(&mut reviewer, &queue, &form, &[("comment", comment)]).await;
        assert_eq!(empty.status, StatusCode::BAD_REQUEST);
        assert!(
            empty.texts("main p").concat().contains("comment:"),
            "{}",
            empty.body
        );
    }
    let missing = reviewer.post(&format!("{}/send-back", c.record), &[]).await;
    assert_eq!(missing.status, StatusCode::BAD_REQUEST);
    assert_eq!(history().await, before);
    let record = editor.get(&c.record).await;
    assert_eq!(record.count(".sent-back"), 0);
}

#[tokio::test]
async fn a_change_sent_back_shows_the_comment_to_its_editor_and_stays_unpublished() {
    let app = app().await;
    let c = published_commitment(&app).await;
    let mut editor = as_role(&app, Some(Role::Editor)).await;
    edit(&mut editor, &c.record, &[("statement", NEW_STATEMENT)]).await;
    let mut reviewer = as_role(&app, Some(Role::Reviewer)).await;
    let queue = reviewer.get("/review").await;
    let form = format!("#r-{} form.send-back", c.id);
    let comment = "Cite the gazette of 3 March <b>first</b>.";
    let reply = submit(&mut reviewer, &queue, &form, &[("comment", comment)]).await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
    assert_eq!(reply.location(), "/review?done=sent-back");
    // The queue says it was sent back, with the comment, until it changes.
    let queue = reviewer.get("/review").await;
    assert_eq!(
        queue.count(&format!("#r-{} .sent-back-note", c.id)),
        1,
        "{}",
        queue.body
    );
    assert!(
        reviewer
            .get(&reply.location())
            .await
            .texts(".flash")
            .concat()
            .contains("Sent back")
    );

    // The editor sees the comment, who sent it back and when; the change
    // still waits and the public still reads the approved text.
    let record = editor.get(&c.record).await;
    assert_eq!(record.texts(".sent-back .comment").concat(), comment);
    assert_eq!(record.count(".sent-back b"), 0, "the comment is escaped");
    let heading = record.texts(".sent-back h2").concat();
    assert!(
        heading.starts_with("Sent back by reviewer on 20"),
        "{heading}"
    );
    assert_eq!(record.count(".badge.state.pending"), 1);
    let (page, _) = public_text(&app, &c).await;
    assert!(page.contains(&c.statement) && !page.contains(NEW_STATEMENT));
    assert!(
        record
            .texts(".history-table tbody tr")
            .iter()
            .any(|r| r.contains("send_back") && r.contains("Cite the gazette"))
    );

    // Editing again answers it: the comment goes, the change waits again.
    edit(
        &mut editor,
        &c.record,
        &[("statement", "Third wording, citing the gazette")],
    )
    .await;
    let record = editor.get(&c.record).await;
    assert_eq!(record.count(".sent-back"), 0);
    assert_eq!(record.count(".badge.state.pending"), 1);
}

#[tokio::test]
async fn a_reviewer_cannot_approve_their_own_edit() {
    let app = app().await;
    let c = published_commitment(&app).await;
    let mut reviewer = as_role(&app, Some(Role::Reviewer)).await;
    let reply = edit(&mut reviewer, &c.record, &[("statement", NEW_STATEMENT)]).await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
    let queue = reviewer.get("/review").await;
    let item = format!("#r-{}", c.id);
    assert_eq!(
        queue.texts(&format!("{item} .own-change")).concat(),
        "Your change: another reviewer must approve it."
    );
    assert_eq!(queue.count(&format!("{item} form.approve")), 0);
    let record = reviewer.get(&c.record).await;
    assert_eq!(record.count("#pending .own-change"), 1);
    assert_eq!(record.count("#pending form.approve"), 0);
    // Posting the approval anyway is refused with the reason; nothing is published.
    let refused = reviewer.post(&format!("{}/publish", c.record), &[]).await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST);
    assert!(
        refused.body.contains("another reviewer must approve it"),
        "{}",
        refused.body
    );
    let (page, _) = public_text(&app, &c).await;
    assert!(page.contains(&c.statement) && !page.contains(NEW_STATEMENT));
    // Another reviewer (here the administrator) may.
    let mut admin = as_role(&app, Some(Role::Admin)).await;
    let queue = admin.get("/review").await;
    let reply = submit(&mut admin, &queue, &format!("{item} form.approve"), &[]).await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
    let (page, _) = public_text(&app, &c).await;
    assert!(page.contains(NEW_STATEMENT));
}

#[tokio::test]
async fn with_self_review_allowed_a_reviewer_approves_their_own_edit_and_the_log_says_so() {
    let config = pledgewatch_web::Config {
        allow_self_review: true,
        ..pledgewatch_web::Config::default()
    };
    let app = app_with(config).await;
    let c = published_commitment(&app).await;
    let mut reviewer = as_role(&app, Some(Role::Reviewer)).await;
    edit(&mut reviewer, &c.record, &[("statement", NEW_STATEMENT)]).await;
    let queue = reviewer.get("/review").await;
    let item = format!("#r-{}", c.id);
    assert_eq!(queue.count(&format!("{item} .own-change")), 0);
    assert!(
        queue
            .texts(&format!("{item} form.approve"))
            .concat()
            .contains("self-review")
    );
    let reply = submit(&mut reviewer, &queue, &format!("{item} form.approve"), &[]).await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
    let (page, _) = public_text(&app, &c).await;
    assert!(page.contains(NEW_STATEMENT));
    let history = app
        .state
        .store
        .history(
            EntityKind::Commitment.into(),
            Uuid::parse_str(&c.id).unwrap(),
        )
        .await
        .unwrap();
    let last = history.last().unwrap();
    assert_eq!(last.action.as_str(), "publish");
    assert_eq!(last.actor, "reviewer");
    assert!(
        last.reason
            .as_deref()
            .unwrap_or_default()
            .contains("self-review")
    );
}

#[tokio::test]
async fn a_removal_keeps_the_record_public_until_a_reviewer_approves_it() {
    let app = app().await;
    let commitment = first_commitment(&app).await;
    let (source, date) = crate::latest_source(&app).await;
    let mut editor = as_role(&app, Some(Role::Editor)).await;
    let effect = format!("effect:commitment:{commitment}");
    let reply = editor
        .post(
            "/records/development/new",
            &[
                ("date", &date),
                ("title", "Quokkaword decree"),
                ("summary", "A decree on outlets."),
                ("sources", &source),
                (&effect, "advance"),
            ],
        )
        .await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
    let record = reply.location().split('?').next().unwrap().to_owned();
    let id = record.rsplit('/').next().unwrap().to_owned();
    let item = format!("#r-{id}");
    let public_page = format!("/dossiers/{SLUG}/commitments/{commitment}?as_of=2030-03-05");
    let shown = |body: &str| body.contains("Quokkaword decree");
    let mut anon = Client::new(&app);
    assert!(!shown(&anon.get(&public_page).await.body), "a draft");
    let mut reviewer = as_role(&app, Some(Role::Reviewer)).await;
    let queue = reviewer.get("/review").await;
    let reply = submit(&mut reviewer, &queue, &format!("{item} form.approve"), &[]).await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
    assert!(shown(&anon.get(&public_page).await.body), "published");

    let page = editor.get(&record).await;
    let version = page
        .attr("form[action$='/delete'] input[name=version]", "value")
        .unwrap();
    let reply = editor
        .post(
            &format!("{record}/delete"),
            &[("version", &version), ("reason", "Entered twice")],
        )
        .await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
    assert!(
        shown(&anon.get(&public_page).await.body),
        "still public until approved"
    );
    let page = editor.get(&record).await;
    assert_eq!(
        page.texts(".badge.state.removal").concat(),
        "Removal pending"
    );
    assert!(
        page.texts(".removal-note")
            .concat()
            .contains("the public still sees it")
    );

    let queue = reviewer.get("/review").await;
    assert_eq!(queue.texts(&format!("{item} .badge")).concat(), "Removal");
    assert!(
        queue
            .attr(&format!("{item} form.approve"), "action")
            .unwrap()
            .ends_with("/unpublish")
    );
    let reply = submit(&mut reviewer, &queue, &format!("{item} form.approve"), &[]).await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
    assert_eq!(reply.location(), "/review?done=removal-approved");
    assert!(
        !shown(&anon.get(&public_page).await.body),
        "gone once approved"
    );
    let page = editor.get(&record).await;
    assert_eq!(page.texts(".badge.state").concat(), "Removed");
    assert!(
        page.texts(".history-table tbody tr")
            .iter()
            .any(|r| r.contains("unpublish") && r.contains("Removal reviewed and approved"))
    );
}

#[tokio::test]
async fn a_new_record_shows_every_field_and_what_approving_it_also_publishes() {
    let app = app().await;
    let mut editor = as_role(&app, Some(Role::Editor)).await;
    let reply = editor
        .post(
            "/records/source/new",
            &[
                ("title", "Gazette of 3 March"),
                ("published", "2009-03-03"),
                ("text", "The law text."),
            ],
        )
        .await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
    let source = reply
        .location()
        .split('/')
        .nth(3)
        .unwrap()
        .split('?')
        .next()
        .unwrap()
        .to_owned();
    let reply = editor
        .post(
            "/records/quote/new",
            &[
                ("source", &source),
                ("text", "Registration is replaced by notification."),
            ],
        )
        .await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
    let quote = reply
        .location()
        .split('/')
        .nth(3)
        .unwrap()
        .split('?')
        .next()
        .unwrap()
        .to_owned();
    let record = editor.get(&format!("/records/quote/{quote}")).await;
    assert_eq!(
        record.texts(".badge.state.draft").concat(),
        "Draft — not public"
    );
    assert!(record.texts(".public-sees").concat().contains("nothing"));
    let list = editor.get("/records/quote").await;
    assert!(
        list.texts("tbody tr")
            .iter()
            .any(|r| r.contains("Draft — not public"))
    );

    let mut reviewer = as_role(&app, Some(Role::Reviewer)).await;
    let queue = reviewer.get("/review").await;
    let item = format!("#r-{quote}");
    assert_eq!(queue.texts(&format!("{item} .badge")).concat(), "New");
    let rows = queue.texts(&format!("{item} table.diff tbody tr"));
    assert!(
        rows.iter().any(|r| r.contains("Gazette of 3 March")),
        "{rows:?}"
    );
    assert!(
        rows.iter().any(|r| r.contains("Registration is replaced")),
        "{rows:?}"
    );
    assert!(
        queue
            .texts(&format!("{item} .needed"))
            .concat()
            .contains("Approving also publishes: source 'Gazette of 3 March'")
    );
    assert_eq!(
        queue
            .attr(
                &format!("{item} form.approve input[name=with_references]"),
                "value"
            )
            .as_deref(),
        Some("1")
    );
    // Approving it without the references is refused, naming them.
    let refused = reviewer
        .post(&format!("/records/quote/{quote}/publish"), &[])
        .await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST);
    assert!(
        refused.body.contains("Gazette of 3 March"),
        "{}",
        refused.body
    );
    let reply = submit(&mut reviewer, &queue, &format!("{item} form.approve"), &[]).await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
    let ids = [
        Uuid::parse_str(&quote).unwrap(),
        Uuid::parse_str(&source).unwrap(),
    ];
    assert_eq!(app.state.store.published(&ids).await.unwrap().len(), 2);
}

#[tokio::test]
async fn the_review_queue_shows_fifty_changes_a_page_with_links_to_the_rest() {
    use pledgewatch_core::model::Entity;
    use pledgewatch_core::service::{self, Services};
    use pledgewatch_core::storage::Change;
    let app = app().await;
    let actors: Vec<Change> = (0..60)
        .map(|i| {
            Change::Create(Entity::Actor(
                pledgewatch_testkit::build::actor(&format!("Waiting actor {i}")).build(),
            ))
        })
        .collect();
    Services::new(app.state.store.as_ref())
        .apply(&service::context("editor", Some("many")).unwrap(), actors)
        .await
        .unwrap();
    let waiting = app.state.store.pending(1_000).await.unwrap().len();
    assert!((60..=100).contains(&waiting), "{waiting}");
    let mut reviewer = as_role(&app, Some(Role::Reviewer)).await;
    let first = reviewer.get("/review").await;
    assert_eq!(first.status, StatusCode::OK);
    assert_eq!(first.count("article.pending-item"), 50);
    assert!(first.body.contains("Changes 1 to 50 of those waiting"));
    let next = first
        .attr("main a[href^='/review?offset=']", "href")
        .unwrap();
    assert_eq!(next, "/review?offset=50");
    let second = reviewer.get(&next).await;
    assert_eq!(second.count("article.pending-item"), waiting - 50);
    assert_eq!(
        second
            .attr("main a[href^='/review?offset=']", "href")
            .as_deref(),
        Some("/review?offset=0"),
        "only a link back"
    );
    let ids = |page: &harness::Reply| -> std::collections::HashSet<String> {
        let html = page.html();
        html.select(&Selector::parse("article.pending-item").unwrap())
            .map(|e| e.value().attr("id").unwrap().to_owned())
            .collect()
    };
    let (a, b) = (ids(&first), ids(&second));
    assert!(a.is_disjoint(&b));
    assert_eq!(a.len() + b.len(), waiting);
}
