//! Faster entry: the source picker (a filter box over checkboxes, without
//! JavaScript and with htmx), a new source and quote added from the
//! development form, links that choose a record in advance, error
//! summaries that link to their fields, drafting help's dossier and
//! duplicate warning, and the error page's header for signed-in users.

use axum::http::StatusCode;
use pledgewatch_core::accounts::Role;
use pledgewatch_core::model::{Direction, Entity, EntityKind, Target};
use pledgewatch_core::storage::Storage;

use crate::first_commitment;
use crate::harness::{App, Reply, app, as_role};

async fn count(app: &App, kind: EntityKind) -> usize {
    app.state.store.list(kind, 100_000, 0).await.unwrap().len()
}

/// The values and labels of a picker's listed choices.
fn listed(page: &Reply, name: &str) -> Vec<(String, String, bool)> {
    let html = page.html();
    let sel = scraper::Selector::parse(&format!("#l-{name} .choice")).unwrap();
    let input = scraper::Selector::parse("input").unwrap();
    html.select(&sel)
        .map(|c| {
            let i = c.select(&input).next().unwrap().value();
            (
                i.attr("value").unwrap().to_owned(),
                c.text().collect::<String>().trim().to_owned(),
                i.attr("checked").is_some(),
            )
        })
        .collect()
}

#[tokio::test]
async fn the_source_picker_narrows_its_list_without_javascript_keeping_what_was_typed_and_chosen() {
    let app = app().await;
    let mut editor = as_role(&app, Some(Role::Editor)).await;
    let form = editor.get("/records/development/new").await;
    assert_eq!(form.status, StatusCode::OK);
    assert_eq!(form.count("select[multiple]"), 0, "no Ctrl-click lists");
    assert_eq!(form.attr("#f-sources", "type").as_deref(), Some("search"));
    let first = listed(&form, "sources");
    assert!(!first.is_empty() && first.len() <= 25, "{}", first.len());
    assert!(
        form.texts("#l-sources .help")
            .concat()
            .contains("more not listed"),
        "the demo's 128 sources are not all listed at once"
    );
    let (chosen, chosen_label, _) = first[0].clone();
    let before = count(&app, EntityKind::Development).await;
    let refined = editor
        .post(
            "/records/development/new",
            &[
                ("title", "Typed before filtering"),
                ("summary", "Kept as typed"),
                ("sources", &chosen),
                ("filter:sources", "Election"),
                ("refine", "sources"),
            ],
        )
        .await;
    assert_eq!(refined.status, StatusCode::OK, "{}", refined.body);
    assert_eq!(
        count(&app, EntityKind::Development).await,
        before,
        "nothing saved"
    );
    assert_eq!(refined.count(".error-summary"), 0, "filtering is no error");
    assert_eq!(
        refined.attr("#f-title", "value").as_deref(),
        Some("Typed before filtering")
    );
    assert!(refined.texts("#f-summary")[0].contains("Kept as typed"));
    assert_eq!(
        refined.attr("#f-sources", "value").as_deref(),
        Some("Election")
    );
    let list = listed(&refined, "sources");
    assert_eq!(
        list[0],
        (chosen.clone(), chosen_label, true),
        "the chosen stays, first"
    );
    assert!(list.len() > 1);
    for (_, label, checked) in &list[1..] {
        assert!(!checked);
        assert!(label.to_lowercase().contains("election"), "{label}");
    }
}

#[tokio::test]
async fn the_picker_lists_its_choices_as_one_types_for_htmx_and_as_a_page_without_it() {
    let app = app().await;
    let mut editor = as_role(&app, Some(Role::Editor)).await;
    let form = editor.get("/records/development/new").await;
    let chosen = listed(&form, "sources")[0].0.clone();
    let url = form.attr("#f-sources", "hx-get").unwrap();
    assert_eq!(
        form.attr("#f-sources", "hx-include").as_deref(),
        Some("#p-sources"),
        "the chosen boxes go with the filter"
    );
    let query = format!("{url}&filter:sources=media&sources={chosen}");
    let fragment = editor.get_with(&query, &[("HX-Request", "true")]).await;
    assert_eq!(fragment.status, StatusCode::OK);
    assert!(!fragment.body.contains("<html"), "the list alone");
    let list = listed(&fragment, "sources");
    assert_eq!(list[0].0, chosen);
    assert!(list[0].2);
    assert!(
        list[1..]
            .iter()
            .all(|(_, l, _)| l.to_lowercase().contains("media"))
    );
    // Opened without htmx (a reload, a link), it is a page of links.
    let page = editor.get(&query).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.count("main a[href^='/records/source/']") >= 2);
    assert_eq!(page.count("h1"), 1);
    // Its input name is checked; it needs an editor.
    let bad = editor
        .get("/records/source/pick?name=x%22%3E&multiple=true")
        .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    let mut viewer = as_role(&app, Some(Role::Viewer)).await;
    assert_eq!(viewer.get(&query).await.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn a_new_source_and_quote_are_added_from_the_development_form_without_losing_the_form() {
    let app = app().await;
    let mut editor = as_role(&app, Some(Role::Editor)).await;
    let (sources, quotes) = (
        count(&app, EntityKind::Source).await,
        count(&app, EntityKind::Quote).await,
    );
    // A source without a title is refused, naming it by its label; nothing
    // is created.
    let refused = editor
        .post(
            "/records/development/new",
            &[
                ("title", "Parliament adopts the media law"),
                ("new_source:published", "2031-03-01"),
                ("add_source", "1"),
            ],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused
            .texts(".error-summary li")
            .concat()
            .contains("Title of the source: is required"),
        "{:?}",
        refused.texts(".error-summary li")
    );
    assert_eq!(count(&app, EntityKind::Source).await, sources);
    assert_eq!(
        refused
            .attr("input[name='new_source:published']", "value")
            .as_deref(),
        Some("2031-03-01"),
        "the inline inputs keep what was typed"
    );
    let added = editor
        .post(
            "/records/development/new",
            &[
                ("title", "Parliament adopts the media law"),
                ("summary", "Typed first"),
                ("new_source:title", "Official gazette, 1 March 2031"),
                ("new_source:published", "2031-03-01"),
                ("new_quote:text", "The law on the mass media is adopted."),
                ("new_quote:locator", "p. 3"),
                ("note", "Internal: the informant's name"),
                ("add_source", "1"),
            ],
        )
        .await;
    // The form comes back at once, as typed: never through a URL, where
    // the unsaved text (its internal note too) would reach browser
    // histories and servers' logs.
    assert_eq!(added.status, StatusCode::OK, "{}", added.body);
    assert!(added.headers.get("location").is_none());
    assert!(added.texts(".flash").concat().contains("is added"));
    assert!(added.texts("#f-summary")[0].contains("Typed first"));
    assert_eq!(count(&app, EntityKind::Source).await, sources + 1);
    assert_eq!(count(&app, EntityKind::Quote).await, quotes + 1);
    assert_eq!(
        added.attr("#f-title", "value").as_deref(),
        Some("Parliament adopts the media law")
    );
    let chosen: Vec<_> = listed(&added, "sources")
        .into_iter()
        .filter(|(_, _, c)| *c)
        .collect();
    assert_eq!(chosen.len(), 1);
    assert_eq!(chosen[0].1, "Official gazette, 1 March 2031");
    assert!(
        listed(&added, "quotes")
            .iter()
            .any(|(_, l, c)| *c && l.contains("mass media"))
    );
    assert_eq!(
        added
            .attr("input[name='new_source:title']", "value")
            .as_deref(),
        Some(""),
        "the inline inputs are emptied"
    );
    // Created through the services: audited as the editor, with the reason.
    let id: uuid::Uuid = chosen[0].0.parse().unwrap();
    let history = app
        .state
        .store
        .history(EntityKind::Source.into(), id)
        .await
        .unwrap();
    assert_eq!(history.len(), 1);
    assert_eq!(history[0].actor, "editor");
    // A viewer cannot add one this way.
    let mut viewer = as_role(&app, Some(Role::Viewer)).await;
    let denied = viewer
        .post(
            "/records/development/new",
            &[("new_source:title", "Sneaky"), ("add_source", "1")],
        )
        .await;
    assert_eq!(denied.status, StatusCode::FORBIDDEN);
    assert_eq!(count(&app, EntityKind::Source).await, sources + 1);
}

#[tokio::test]
async fn links_choose_a_record_in_advance_and_an_unknown_one_is_dropped_with_a_message() {
    let app = app().await;
    let commitment = first_commitment(&app).await;
    let mut editor = as_role(&app, Some(Role::Editor)).await;
    let page = editor
        .get(&format!("/records/development/new?commitment={commitment}"))
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(
        page.attr(".effect select", "name"),
        Some(format!("effect:commitment:{commitment}")),
        "the commitment's direction comes first"
    );
    assert!(
        page.texts(".effect label")[0].contains("the commitment you came from"),
        "{:?}",
        page.texts(".effect label")[0]
    );
    assert_eq!(page.count(".flash"), 0);
    let came_from = page
        .attr("input[name=effects_first]", "value")
        .expect("the form keeps where it came from");
    // Saved without a direction, it would bear on nothing: refused, with
    // the summary's link leading to the directions.
    let source = app
        .state
        .store
        .list(EntityKind::Source, 1, 0)
        .await
        .unwrap()[0]
        .entity
        .id()
        .to_string();
    let effect = format!("effect:commitment:{commitment}");
    let mut fields = vec![
        ("date", "2009-03-01"),
        ("title", "A step on the media law"),
        ("summary", "Parliament debated the media law."),
        ("sources", source.as_str()),
        ("effects_first", came_from.as_str()),
        (effect.as_str(), ""),
    ];
    let developments = count(&app, EntityKind::Development).await;
    let refused = editor.post("/records/development/new", &fields).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        refused.attr(".error-summary a[href='#f-effects']", "href"),
        Some("#f-effects".to_owned()),
        "{}",
        refused.texts(".error-summary").concat()
    );
    assert!(refused.texts("#e-effects").concat().contains("came from"));
    assert_eq!(count(&app, EntityKind::Development).await, developments);
    fields.pop();
    fields.push((effect.as_str(), "advance"));
    let saved = editor.post("/records/development/new", &fields).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    assert_eq!(count(&app, EntityKind::Development).await, developments + 1);
    // From the commitment's record page too.
    let record = editor
        .get(&format!("/records/commitment/{commitment}"))
        .await;
    assert!(
        record
            .attr("a[href^='/records/development/new?commitment=']", "href")
            .is_some()
    );
    // An assessment of it.
    let page = editor
        .get(&format!("/records/assessment/new?commitment={commitment}"))
        .await;
    assert_eq!(
        page.attr("#f-commitment option[selected]", "value"),
        Some(commitment.clone())
    );
    // A quote of a source: its radio button is checked.
    let source = app
        .state
        .store
        .list(EntityKind::Source, 1, 0)
        .await
        .unwrap()[0]
        .entity
        .id()
        .to_string();
    let page = editor
        .get(&format!("/records/quote/new?source={source}"))
        .await;
    assert!(
        listed(&page, "source")
            .iter()
            .any(|(v, _, c)| *v == source && *c)
    );
    // Unknown or malformed ids: the form opens, says so, chooses nothing.
    for bad in [
        "/records/assessment/new?commitment=0190a000-0000-7000-8000-000000000000",
        "/records/assessment/new?commitment=not-an-id",
        "/records/development/new?commitment=0190a000-0000-7000-8000-000000000000",
        "/records/quote/new?source=%3Cscript%3E",
    ] {
        let page = editor.get(bad).await;
        assert_eq!(page.status, StatusCode::OK, "{bad}");
        assert!(
            page.texts(".flash").concat().contains("does not exist"),
            "{bad}"
        );
        assert_eq!(page.count("#f-commitment option[selected]"), 0, "{bad}");
        assert!(!page.body.contains("<script>"));
    }
}

#[tokio::test]
async fn an_error_summary_links_each_failing_field_in_form_order_and_takes_focus() {
    let app = app().await;
    let mut editor = as_role(&app, Some(Role::Editor)).await;
    let reply = editor
        .post(
            "/records/commitment/new",
            &[("made_on", "2008-02-30"), ("timing_kind", "by_deadline")],
        )
        .await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(reply.attr(".error-summary", "autofocus").is_some());
    assert_eq!(
        reply.attr(".error-summary", "tabindex").as_deref(),
        Some("-1")
    );
    let html = reply.html();
    let link = scraper::Selector::parse(".error-summary a[href^='#f-']").unwrap();
    let hrefs: Vec<String> = html
        .select(&link)
        .map(|a| a.value().attr("href").unwrap().to_owned())
        .collect();
    assert!(hrefs.len() >= 3, "{hrefs:?}");
    // Each goes to a field that exists and says why, and they come in
    // the order of the fields on the page.
    let body = &reply.body;
    let mut at = 0;
    let mut seen = std::collections::HashSet::new();
    for href in &hrefs {
        let id = &href[1..];
        let pos = body
            .find(&format!("id=\"{id}\""))
            .unwrap_or_else(|| panic!("no field {id}"));
        if seen.insert(id.to_owned()) {
            assert!(pos >= at, "{href} is out of form order in {hrefs:?}");
            at = pos;
        }
        let name = &id[2..];
        let described = reply
            .attr(&format!("#{id}"), "aria-describedby")
            .unwrap_or_default();
        assert!(
            described.contains(&format!("e-{name}")),
            "{id}: {described}"
        );
    }
    assert!(hrefs.contains(&"#f-bound".to_owned()));
    assert!(hrefs.contains(&"#f-made_on".to_owned()));
}

#[tokio::test]
async fn the_error_page_shows_the_signed_in_users_header() {
    let app = app().await;
    let mut editor = as_role(&app, Some(Role::Editor)).await;
    for path in [
        "/records/commitment/0190a000-0000-7000-8000-000000000000",
        "/no/such/page",
    ] {
        let page = editor.get(path).await;
        assert_eq!(page.status, StatusCode::NOT_FOUND, "{path}");
        assert!(
            page.texts("header").concat().contains("The editor"),
            "{path}"
        );
        assert_eq!(page.count("header a[href^='/login']"), 0, "{path}");
        assert_eq!(page.count("header form[action='/logout']"), 1);
    }
    let mut viewer = as_role(&app, Some(Role::Viewer)).await;
    let page = viewer.get("/drafting").await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    assert!(page.texts("header").concat().contains("The viewer"));
    let mut anonymous = as_role(&app, None).await;
    let page = anonymous.get("/no/such/page").await;
    assert_eq!(page.count("header a[href^='/login']"), 1);
}

/// The seed letter proposed on the drafting page; the page of its
/// candidates.
async fn drafted_letter(editor: &mut crate::harness::Client<'_>) -> Reply {
    let letter = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/seed/letter-to-osce-ministers.txt"
    ))
    .expect("the seed letter in ../shared/seed");
    let reply = editor
        .post(
            "/drafting",
            &[
                ("title", "Letter to OSCE ministers"),
                ("date", "2008-05-28"),
                ("text", &letter),
            ],
        )
        .await;
    editor.follow(&reply).await
}

#[tokio::test]
async fn accepting_the_letters_media_law_pledge_warns_of_the_recorded_one_and_attaches_instead() {
    let app = app().await;
    let mut editor = as_role(&app, Some(Role::Editor)).await;
    let page = drafted_letter(&mut editor).await;
    let html = page.html();
    let card = scraper::Selector::parse("article.candidate").unwrap();
    let media = html
        .select(&card)
        .find(|c| {
            c.text()
                .collect::<String>()
                .to_lowercase()
                .contains("media law")
        })
        .expect("the media-law pledge");
    let id = media.value().attr("id").unwrap()[2..].to_owned();
    let card = format!("#c-{id}");
    // The card warns, with a link to the recorded commitment, before
    // anything is created.
    let warning = page.texts(&format!("{card} .warning")).concat();
    assert!(warning.contains("Amend the media law"), "{warning}");
    let link = page
        .attr(
            &format!("{card} .warning a[href^='/records/commitment/']"),
            "href",
        )
        .unwrap();
    let existing = link.rsplit('/').next().unwrap().to_owned();
    let version = page
        .attr(
            &format!("{card} form[action$='/accept'] input[name=version]"),
            "value",
        )
        .unwrap();
    let dossier = page
        .attr(
            &format!("{card} select[name=dossier] option[selected]"),
            "value",
        )
        .unwrap();
    let commitments = count(&app, EntityKind::Commitment).await;
    // Accepting it without saying "anyway" creates nothing and says why.
    let refused = editor
        .post(
            &format!("/drafting/candidates/{id}/accept"),
            &[("version", &version), ("dossier", &dossier)],
        )
        .await;
    assert_eq!(refused.status, StatusCode::CONFLICT);
    assert!(
        refused
            .texts(&format!("{card} .error-summary"))
            .concat()
            .contains("similar")
    );
    assert_eq!(count(&app, EntityKind::Commitment).await, commitments);
    // Attaching it records its words as evidence of the existing one.
    let developments = count(&app, EntityKind::Development).await;
    let attached = editor
        .post(
            &format!("/drafting/candidates/{id}/attach"),
            &[("version", &version), ("commitment", &existing)],
        )
        .await;
    assert_eq!(attached.status, StatusCode::SEE_OTHER, "{}", attached.body);
    assert!(attached.location().contains("done=attached"));
    assert_eq!(
        count(&app, EntityKind::Commitment).await,
        commitments,
        "no duplicate"
    );
    assert_eq!(count(&app, EntityKind::Development).await, developments + 1);
    let restated = app
        .state
        .store
        .list(EntityKind::Development, 100_000, 0)
        .await
        .unwrap()
        .into_iter()
        .find_map(|s| match s.entity {
            Entity::Development(d) if d.title.to_string().starts_with("Restated") => Some(d),
            _ => None,
        })
        .expect("the restatement");
    assert_eq!(restated.effects.len(), 1);
    assert_eq!(restated.effects[0].direction, Direction::NoChange);
    assert!(
        matches!(restated.effects[0].target, Target::Commitment(c) if c.to_string() == existing)
    );
    assert_eq!(restated.quotes.len(), 1);
    let after = editor.follow(&attached).await;
    assert!(
        after
            .attr(
                &format!("{card} a[href='/records/commitment/{existing}']"),
                "href"
            )
            .is_some(),
        "the candidate now points at the existing commitment"
    );
    assert_eq!(after.count(&format!("{card} form[action$='/accept']")), 0);
}

/// The one live actor of the demo named `name`.
async fn demo_actor(app: &App, name: &str) -> pledgewatch_core::model::Actor {
    let mut found: Vec<_> = app
        .state
        .store
        .list(EntityKind::Actor, 100_000, 0)
        .await
        .unwrap()
        .into_iter()
        .filter_map(|s| match s.entity {
            Entity::Actor(a) if a.name.as_str() == name => Some(a),
            _ => None,
        })
        .collect();
    assert_eq!(found.len(), 1, "one actor {name}");
    found.remove(0)
}

#[tokio::test]
async fn an_accepted_pledge_is_bound_to_the_demos_kazakhstan_made_by_tazhin_at_madrid() {
    let app = app().await;
    let mut editor = as_role(&app, Some(Role::Editor)).await;
    let page = drafted_letter(&mut editor).await;
    let html = page.html();
    let cards = scraper::Selector::parse("article.candidate").unwrap();
    let party = html
        .select(&cards)
        .find(|c| {
            c.text()
                .collect::<String>()
                .to_lowercase()
                .contains("political parties")
        })
        .expect("the party-registration pledge");
    let id = party.value().attr("id").unwrap()[2..].to_owned();
    let card = format!("#c-{id}");
    let shown = page.texts(&card).concat();
    assert!(shown.contains("Marat Tazhin"), "{shown}");
    assert!(
        shown.contains("OSCE Ministerial Council in Madrid"),
        "{shown}"
    );
    let version = page
        .attr(
            &format!("{card} form[action$='/accept'] input[name=version]"),
            "value",
        )
        .unwrap();
    let dossier = page
        .attr(
            &format!("{card} select[name=dossier] option[selected]"),
            "value",
        )
        .unwrap();
    let actors = count(&app, EntityKind::Actor).await;
    let accepted = editor
        .post(
            &format!("/drafting/candidates/{id}/accept"),
            &[
                ("version", version.as_str()),
                ("dossier", &dossier),
                ("duplicate_ok", "1"),
            ],
        )
        .await;
    assert_eq!(accepted.status, StatusCode::SEE_OTHER, "{}", accepted.body);
    assert_eq!(count(&app, EntityKind::Actor).await, actors, "no new actor");
    let made = app
        .state
        .store
        .list(EntityKind::Candidate, 100, 0)
        .await
        .unwrap()
        .into_iter()
        .find_map(|s| match s.entity {
            Entity::Candidate(c) if c.id.to_string() == id => c.commitment,
            _ => None,
        })
        .expect("the commitment it became");
    let Some(Entity::Commitment(c)) = app
        .state
        .store
        .get(EntityKind::Commitment, made.uuid())
        .await
        .unwrap()
        .map(|s| s.entity)
    else {
        panic!("a commitment")
    };
    let kazakhstan = demo_actor(&app, "Kazakhstan").await;
    assert_eq!(
        kazakhstan.country_code.as_ref().map(|c| c.as_str()),
        Some("KZ")
    );
    assert_eq!(c.bound, kazakhstan.id);
    assert_eq!(c.made_by, Some(demo_actor(&app, "Marat Tazhin").await.id));
    let Some(Entity::Occasion(o)) = app
        .state
        .store
        .get(
            EntityKind::Occasion,
            c.occasion.expect("an occasion").uuid(),
        )
        .await
        .unwrap()
        .map(|s| s.entity)
    else {
        panic!("an occasion")
    };
    assert_eq!(o.title.to_string(), "OSCE Ministerial Council");
    assert_eq!(o.place.as_deref(), Some("Madrid"));
    // The search filter lists Kazakhstan once.
    let search = editor.get("/search?q=party").await;
    assert_eq!(search.status, StatusCode::OK);
    let listed = search
        .texts("select[name=actor] option")
        .into_iter()
        .filter(|o| o.trim() == "Kazakhstan")
        .count();
    assert_eq!(listed, 1);
}

#[tokio::test]
async fn a_source_chosen_twice_on_the_development_form_is_stored_once() {
    let app = app().await;
    let (source, date) = crate::latest_source(&app).await;
    let (other, _) = app
        .state
        .store
        .list(EntityKind::Source, 100_000, 0)
        .await
        .unwrap()
        .into_iter()
        .filter_map(|s| match s.entity {
            Entity::Source(s) if s.published.is_some_and(|p| p.latest().to_string() <= date) => {
                Some((s.id.to_string(), ()))
            }
            _ => None,
        })
        .find(|(id, ())| *id != source)
        .expect("another source published by then");
    let mut editor = as_role(&app, Some(Role::Editor)).await;
    let reply = editor
        .post(
            "/records/development/new",
            &[
                ("date", date.as_str()),
                ("title", "Parliament adopts a new media law"),
                ("summary", "Reported twice by the same gazette."),
                ("sources", &source),
                ("sources", &other),
                ("sources", &source),
                ("sources", &source.to_uppercase()),
                ("reason", "From the gazette"),
            ],
        )
        .await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
    let made = app
        .state
        .store
        .list(EntityKind::Development, 100_000, 0)
        .await
        .unwrap()
        .into_iter()
        .find_map(|s| match s.entity {
            Entity::Development(d) if d.summary.to_string().starts_with("Reported twice") => {
                Some(d)
            }
            _ => None,
        })
        .expect("the development");
    let sources: Vec<String> = made.sources.iter().map(ToString::to_string).collect();
    assert_eq!(sources, vec![source, other], "each once, in first order");
}

#[tokio::test]
async fn an_accepted_candidate_goes_into_the_chosen_dossier() {
    let app = app().await;
    let mut editor = as_role(&app, Some(Role::Editor)).await;
    let reply = editor
        .post(
            "/drafting",
            &[
                ("title", "Statement on torture"),
                ("date", "2026-05-01"),
                ("actor", "Kazakhstan"),
                (
                    "text",
                    "The Government will ratify the Optional Protocol to the Convention against Torture by the end of 2027.",
                ),
            ],
        )
        .await;
    let page = editor.follow(&reply).await;
    assert_eq!(page.count("article.candidate"), 1, "{}", page.body);
    assert_eq!(page.count(".warning"), 0, "nothing like it is recorded");
    let before = count(&app, EntityKind::Commitment).await;
    let action = page.attr("form[action$='/accept']", "action").unwrap();
    let version = page
        .attr("form[action$='/accept'] input[name=version]", "value")
        .unwrap();
    let dossier = page
        .attr("select[name=dossier] option[selected]", "value")
        .unwrap();
    // The dossier is required, and must be one.
    let refused = editor.post(&action, &[("version", &version)]).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused
            .texts(".error-summary")
            .concat()
            .contains("Choose the dossier")
    );
    let refused = editor
        .post(
            &action,
            &[
                ("version", &version),
                ("dossier", "0190a000-0000-7000-8000-000000000000"),
            ],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    // A deadline that is not a date is refused on the card, naming the
    // field, and every edit typed into the form is kept.
    let statement = "Ratify OPCAT, edited by hand";
    let refused = editor
        .post(
            &action,
            &[
                ("version", &version),
                ("dossier", &dossier),
                ("statement", statement),
                ("deadline", "the end of next year"),
                ("condition", "subject to parliament"),
            ],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    let problem = refused.texts("article.candidate .error-summary").concat();
    assert!(problem.contains("Deadline"), "{problem}");
    assert!(problem.contains("the end of next year"), "{problem}");
    assert_eq!(
        refused.attr("form[action$='/accept'] input[name=statement]", "value"),
        Some(statement.to_owned())
    );
    assert_eq!(
        refused.attr("form[action$='/accept'] input[name=deadline]", "value"),
        Some("the end of next year".to_owned())
    );
    assert_eq!(
        refused.attr("form[action$='/accept'] input[name=condition]", "value"),
        Some("subject to parliament".to_owned())
    );
    assert_eq!(
        refused.attr("select[name=dossier] option[selected]", "value"),
        Some(dossier.clone())
    );
    // In Russian, the field and the reason are Russian.
    editor.cookies.insert("lang".into(), "ru".into());
    let refused = editor
        .post(
            &action,
            &[
                ("version", &version),
                ("dossier", &dossier),
                ("deadline", "the end of next year"),
            ],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    let problem = refused.texts("article.candidate .error-summary").concat();
    assert!(problem.contains("Срок"), "{problem}");
    assert!(!problem.contains("is not a date"), "{problem}");
    editor.cookies.remove("lang");
    // Attaching to something that is not a commitment's id is refused on
    // the card too, not with a bare error page.
    let attach = action.replace("/accept", "/attach");
    for bad in ["not-an-id", "0190a000-0000-7000-8000-000000000000"] {
        let refused = editor
            .post(&attach, &[("version", &version), ("commitment", bad)])
            .await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{bad}");
        let problem = refused.texts("article.candidate .error-summary").concat();
        assert!(problem.contains("does not exist"), "{bad}: {problem}");
    }
    assert_eq!(count(&app, EntityKind::Commitment).await, before);
    let accepted = editor
        .post(&action, &[("version", &version), ("dossier", &dossier)])
        .await;
    assert_eq!(accepted.status, StatusCode::SEE_OTHER, "{}", accepted.body);
    let stored = app
        .state
        .store
        .get(EntityKind::Dossier, dossier.parse().unwrap())
        .await
        .unwrap()
        .unwrap();
    let Entity::Dossier(d) = stored.entity else {
        panic!("a dossier")
    };
    let candidates = app
        .state
        .store
        .list(EntityKind::Candidate, 100, 0)
        .await
        .unwrap();
    let made = candidates
        .iter()
        .find_map(|s| match &s.entity {
            Entity::Candidate(c) if c.statement.contains("Optional Protocol") => c.commitment,
            _ => None,
        })
        .expect("the commitment it became");
    assert!(d.commitments.contains(&made));
}

#[tokio::test]
async fn a_source_added_while_editing_a_development_keeps_the_edit_and_its_version() {
    let app = app().await;
    let mut editor = as_role(&app, Some(Role::Editor)).await;
    let stored = app
        .state
        .store
        .list(EntityKind::Development, 1, 0)
        .await
        .unwrap()[0]
        .clone();
    let id = stored.entity.id();
    let form = editor.get(&format!("/records/development/{id}/edit")).await;
    let version = form.attr("input[name=version]", "value").unwrap();
    let added = editor
        .post(
            &format!("/records/development/{id}/edit"),
            &[
                ("version", &version),
                ("title", "An edited title"),
                ("new_source:title", "A later report"),
                ("new_source:published", "2031"),
                ("add_source", "1"),
            ],
        )
        .await;
    assert_eq!(added.status, StatusCode::OK, "{}", added.body);
    let page = added;
    assert_eq!(
        page.attr("#f-title", "value").as_deref(),
        Some("An edited title")
    );
    assert_eq!(page.attr("input[name=version]", "value"), Some(version));
    assert!(
        listed(&page, "sources")
            .iter()
            .any(|(_, l, c)| *c && l == "A later report")
    );
    // The record itself is unchanged until the form is saved.
    let now = app
        .state
        .store
        .get(EntityKind::Development, id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(now.meta.version, stored.meta.version);
}

#[tokio::test]
async fn the_drafting_and_token_forms_have_error_summaries_linking_their_fields_too() {
    let app = app().await;
    let mut editor = as_role(&app, Some(Role::Editor)).await;
    let refused = editor
        .post(
            "/drafting",
            &[("title", ""), ("text", ""), ("date", "2008-02-30")],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    let hrefs: Vec<String> = refused
        .html()
        .select(&scraper::Selector::parse(".error-summary[autofocus] a").unwrap())
        .map(|a| a.value().attr("href").unwrap().to_owned())
        .collect();
    assert_eq!(hrefs, ["#d-title", "#d-date", "#d-text"]);
    for href in &hrefs {
        assert_eq!(refused.count(href), 1, "{href} is a field");
    }
    let refused = editor.post("/account/tokens", &[("name", "  ")]).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        refused.attr(".error-summary a", "href").as_deref(),
        Some("#token-name")
    );
    assert!(
        refused
            .attr("#token-name", "aria-describedby")
            .is_some_and(|d| d.contains("token-name-error"))
    );
}

#[tokio::test]
async fn saving_with_a_new_source_typed_in_but_not_added_loses_nothing() {
    let app = app().await;
    let mut editor = as_role(&app, Some(Role::Editor)).await;
    let source = app
        .state
        .store
        .list(EntityKind::Source, 1, 0)
        .await
        .unwrap()[0]
        .entity
        .id()
        .to_string();
    let developments = count(&app, EntityKind::Development).await;
    let sources = count(&app, EntityKind::Source).await;
    let fields = [
        ("date", "2009-03-01"),
        ("title", "A debate on the media law"),
        ("summary", "Parliament debated the media law."),
        ("sources", source.as_str()),
        ("new_source:title", "A report I meant to add"),
    ];
    let refused = editor.post("/records/development/new", &fields).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    let summary = refused.texts(".error-summary").concat();
    assert!(
        summary.contains("Add the source and choose it"),
        "{summary}"
    );
    assert_eq!(
        refused.attr("input[name='new_source:title']", "value"),
        Some("A report I meant to add".to_owned()),
        "what was typed is still there"
    );
    assert_eq!(count(&app, EntityKind::Development).await, developments);
    assert_eq!(count(&app, EntityKind::Source).await, sources);
}
