//! The Atom feeds: every element RFC 4287 requires (sections 4.1.1 and
//! 4.1.2), newest first, published items only whoever asks, confidential
//! sources never, status changes naming the move with regressions marked,
//! hostile text escaped, and the pages pointing at their feeds.

use axum::http::StatusCode;
use pledgewatch_core::date::PreciseDate;
use pledgewatch_core::ids::*;
use pledgewatch_core::model::*;
use pledgewatch_core::service::{self, Services};
use pledgewatch_core::storage::{Change, Storage};
use pledgewatch_core::view::{Audience, dossier_view_for};

use crate::SLUG;
use crate::harness::{App, Client, app, as_role};

const ATOM: &str = "http://www.w3.org/2005/Atom";
const HOSTILE: &str = "<script>alert('x')</script> & \"quoted\" ]]>";

fn children<'a>(node: roxmltree::Node<'a, 'a>, name: &str) -> Vec<roxmltree::Node<'a, 'a>> {
    node.children()
        .filter(|n| {
            n.is_element() && n.tag_name().name() == name && n.tag_name().namespace() == Some(ATOM)
        })
        .collect()
}

fn text_of(node: roxmltree::Node, name: &str) -> String {
    children(node, name)
        .first()
        .and_then(|n| n.text())
        .unwrap_or_default()
        .to_owned()
}

fn is_timestamp(text: &str) -> bool {
    chrono::DateTime::parse_from_rfc3339(text).is_ok()
}

/// Checks the elements RFC 4287 requires of a feed and of each entry, and
/// returns each entry's (id, title, summary, updated).
fn check_atom(xml: &str) -> Vec<(String, String, String, String)> {
    let doc = roxmltree::Document::parse(xml).expect("the feed is well-formed XML");
    let feed = doc.root_element();
    assert_eq!(feed.tag_name().name(), "feed");
    assert_eq!(feed.tag_name().namespace(), Some(ATOM));
    // 4.1.1: exactly one id, title, updated; an author (here on the feed).
    for name in ["id", "title", "updated"] {
        assert_eq!(children(feed, name).len(), 1, "feed has one {name}");
    }
    assert!(is_timestamp(&text_of(feed, "updated")));
    let authors = children(feed, "author");
    assert_eq!(authors.len(), 1);
    assert_eq!(
        children(authors[0], "name").len(),
        1,
        "an author has a name"
    );
    assert!(text_of(feed, "id").starts_with("urn:uuid:"));
    let links = children(feed, "link");
    let selfs: Vec<_> = links
        .iter()
        .filter(|l| l.attribute("rel") == Some("self"))
        .collect();
    assert_eq!(selfs.len(), 1, "feed has a self link");
    assert!(
        selfs[0]
            .attribute("href")
            .is_some_and(|h| h.ends_with("feed.atom") || h.contains("feed.atom?lang="))
    );
    let alternates: Vec<_> = links
        .iter()
        .filter(|l| l.attribute("rel").unwrap_or("alternate") == "alternate")
        .collect();
    assert!(
        alternates.len() <= 1,
        "at most one alternate link of a type"
    );
    let mut out = Vec::new();
    let mut ids = std::collections::HashSet::new();
    for entry in children(feed, "entry") {
        // 4.1.2: exactly one id, title, updated; a link (there is no content).
        for name in ["id", "title", "updated", "summary"] {
            assert_eq!(children(entry, name).len(), 1, "entry has one {name}");
        }
        let id = text_of(entry, "id");
        assert!(id.starts_with("urn:uuid:"), "{id}");
        assert!(ids.insert(id.clone()), "entry ids are unique: {id}");
        let updated = text_of(entry, "updated");
        assert!(is_timestamp(&updated), "{updated}");
        let alternate: Vec<_> = children(entry, "link")
            .into_iter()
            .filter(|l| l.attribute("rel").unwrap_or("alternate") == "alternate")
            .collect();
        assert_eq!(
            alternate.len(),
            1,
            "an entry without content has an alternate link"
        );
        let href = alternate[0].attribute("href").unwrap_or_default();
        assert!(href.starts_with("http"), "links are absolute: {href}");
        let title = text_of(entry, "title");
        assert!(!title.contains("->"), "titles are in words: {title}");
        assert!(!text_of(entry, "title").is_empty());
        out.push((
            id,
            text_of(entry, "title"),
            text_of(entry, "summary"),
            updated,
        ));
    }
    let times: Vec<&String> = out.iter().map(|e| &e.3).collect();
    let mut sorted = times.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(times, sorted, "newest first");
    out
}

async fn feed(client: &mut Client<'_>, path: &str) -> String {
    let reply = client.get(path).await;
    assert_eq!(reply.status, StatusCode::OK, "{path}");
    assert_eq!(
        reply.headers["content-type"],
        "application/atom+xml; charset=utf-8"
    );
    reply.body
}

/// A commitment whose latest public rating can still get worse.
async fn rated_commitment(app: &App) -> (CommitmentId, String, Assessment) {
    let view = dossier_view_for(
        app.state.store.as_ref(),
        &Slug::parse(SLUG).unwrap(),
        chrono::Utc::now().date_naive(),
        Audience::Public,
    )
    .await
    .unwrap();
    let c = view
        .commitments
        .iter()
        .find(|c| {
            matches!(
                c.status.as_str(),
                "in_progress" | "partially_fulfilled" | "fulfilled" | "stalled" | "regressed"
            )
        })
        .expect("a commitment rated above broken");
    let last = c.history.last().unwrap();
    let Some(Stored {
        entity: Entity::Assessment(a),
        ..
    }) = app
        .state
        .store
        .get(EntityKind::Assessment, last.assessment.0)
        .await
        .unwrap()
    else {
        panic!("the assessment exists")
    };
    (c.id, last.status_label.clone(), a)
}

async fn apply(app: &App, changes: Vec<Change>) {
    let context = service::context("tester", Some("feed test")).unwrap();
    Services::new(app.state.store.as_ref())
        .apply(&context, changes)
        .await
        .unwrap();
}

#[tokio::test]
async fn the_feeds_are_valid_atom_with_published_items_only_newest_first_and_escaped() {
    let app = app().await;
    let (commitment, previous, rated) = rated_commitment(&app).await;
    let secret_source = Source {
        id: SourceId::new(),
        title: "Secret informant report".into(),
        publisher: None,
        author: None,
        published: Some(pledgewatch_core::date::PreciseDate::parse("2008-03-01").unwrap()),
        url: None,
        language: None,
        confidential: true,
        text: None,
        file_sha256: None,
        note: None,
        known_from: None,
        own_document: false,
    };
    let secret_id = secret_source.id.0;
    let development = Development {
        id: DevelopmentId::new(),
        date: PreciseDate::parse("2026-01-05").unwrap(),
        title: HOSTILE.parse().unwrap(),
        summary: format!("Summary with {HOSTILE}").parse().unwrap(),
        baseline: false,
        note: None,
        sources: vec![secret_source.id],
        quotes: vec![],
        effects: vec![Effect {
            target: Target::Commitment(commitment),
            direction: Direction::Setback,
        }],
    };
    let draft = Development {
        id: DevelopmentId::new(),
        title: "Unpublished draft development".parse().unwrap(),
        summary: "Nobody outside the team may read this.".parse().unwrap(),
        ..development.clone()
    };
    let worse = Assessment {
        id: AssessmentId::new(),
        commitment,
        as_of: chrono::NaiveDate::from_ymd_opt(2026, 1, 6).unwrap(),
        scale: rated.scale,
        status: "broken".into(),
        rationale: "The law was repealed.".parse().unwrap(),
        developments: vec![development.id],
        rated_by: "tester".into(),
        reviewed_by: Some("tester".into()),
    };
    let draft_rating = Assessment {
        id: AssessmentId::new(),
        status: "fulfilled".into(),
        as_of: chrono::NaiveDate::from_ymd_opt(2026, 1, 7).unwrap(),
        developments: vec![],
        ..worse.clone()
    };
    apply(
        &app,
        vec![
            Change::Create(Entity::Source(secret_source)),
            Change::Create(Entity::Development(development.clone())),
            Change::Create(Entity::Development(draft.clone())),
            Change::Create(Entity::Assessment(worse.clone())),
            Change::Create(Entity::Assessment(draft_rating.clone())),
        ],
    )
    .await;
    apply(
        &app,
        vec![
            Change::Publish {
                kind: EntityKind::Development,
                id: development.id.0,
            },
            Change::Publish {
                kind: EntityKind::Source,
                id: secret_id,
            },
        ],
    )
    .await;
    apply(
        &app,
        vec![Change::Publish {
            kind: EntityKind::Assessment,
            id: worse.id.0,
        }],
    )
    .await;

    let dossier_path = format!("/dossiers/{SLUG}/feed.atom");
    let commitment_path = format!("/dossiers/{SLUG}/commitments/{commitment}/feed.atom");
    for role in [None, Some(pledgewatch_core::accounts::Role::Admin)] {
        let mut client = as_role(&app, role).await;
        for path in [&dossier_path, &commitment_path] {
            let xml = feed(&mut client, path).await;
            let entries = check_atom(&xml);
            assert!(!xml.contains("<script>"), "hostile text is escaped");
            assert!(
                !xml.contains("Unpublished draft"),
                "{role:?} {path}: a draft leaked"
            );
            assert!(!xml.contains("Nobody outside the team"));
            assert!(!xml.contains(&draft.id.to_string()));
            assert!(!xml.contains(&draft_rating.id.to_string()));
            assert!(
                !xml.contains("Secret informant"),
                "a confidential source leaked"
            );
            // Published together, the newest events come first: the rating
            // of 6 January 2026, then the development of the 5th.
            // Each entry is dated by its event, not by when it was
            // entered or published.
            let (id, title, summary, updated) = &entries[0];
            assert_eq!(id, &format!("urn:uuid:{}", worse.id));
            assert_eq!(updated, "2026-01-06T00:00:00Z");
            assert!(
                title.starts_with(&format!("Step back: now Broken (down from {previous})")),
                "{title}"
            );
            assert!(summary.contains("The law was repealed."));
            assert!(summary.contains("6 January 2026"), "{summary}");
            let (id, title, summary, updated) = &entries[1];
            assert_eq!(id, &format!("urn:uuid:{}", development.id));
            assert_eq!(updated, "2026-01-05T00:00:00Z");
            assert!(
                title.contains(HOSTILE),
                "the title reads back exactly: {title}"
            );
            assert!(title.starts_with("Setback for "), "{title}");
            assert!(summary.contains(HOSTILE));
        }
    }
}

#[tokio::test]
async fn feeds_of_unknown_or_unpublished_things_are_not_found() {
    let app = app().await;
    let mut client = Client::new(&app);
    for path in [
        "/dossiers/no-such-dossier/feed.atom".to_owned(),
        format!(
            "/dossiers/{SLUG}/commitments/{}/feed.atom",
            uuid::Uuid::now_v7()
        ),
        format!("/dossiers/{SLUG}/commitments/not-an-id/feed.atom"),
    ] {
        assert_eq!(
            client.get(&path).await.status,
            StatusCode::NOT_FOUND,
            "{path}"
        );
    }
}

#[tokio::test]
async fn the_dossier_and_commitment_pages_point_to_their_feeds() {
    let app = app().await;
    let commitment = crate::first_commitment(&app).await;
    let mut client = Client::new(&app);
    let page = client.get(&format!("/dossiers/{SLUG}")).await;
    assert_eq!(
        page.attr(
            r#"link[rel=alternate][type="application/atom+xml"]"#,
            "href"
        ),
        Some(format!("/dossiers/{SLUG}/feed.atom"))
    );
    let page = client
        .get(&format!("/dossiers/{SLUG}/commitments/{commitment}"))
        .await;
    let href = page
        .attr(
            r#"link[rel=alternate][type="application/atom+xml"]"#,
            "href",
        )
        .unwrap();
    assert_eq!(
        href,
        format!("/dossiers/{SLUG}/commitments/{commitment}/feed.atom")
    );
    assert_eq!(client.get(&href).await.status, StatusCode::OK);
}

#[tokio::test]
async fn demo_entries_carry_the_dates_of_their_events_not_of_the_load() {
    let app = app().await;
    let mut client = Client::new(&app);
    let xml = feed(&mut client, &format!("/dossiers/{SLUG}/feed.atom")).await;
    let entries = check_atom(&xml);
    assert!(entries.len() > 20, "the demo's history is in the feed");
    let today = chrono::Utc::now().date_naive().to_string();
    let years: std::collections::BTreeSet<&str> = entries.iter().map(|e| &e.3[..4]).collect();
    assert!(
        entries.iter().all(|e| !e.3.starts_with(&today)),
        "nothing in the demo happened on the day it was loaded"
    );
    assert!(
        years.contains("2008") && years.contains("2010"),
        "twenty years of events keep their years: {years:?}"
    );
    // Titles say what changed, in words.
    assert!(
        entries.iter().any(|e| e.1.starts_with("First rated ")),
        "{:?}",
        entries.iter().map(|e| &e.1).collect::<Vec<_>>()
    );
}

#[tokio::test]
async fn feed_links_start_with_the_public_address_or_else_the_host_asked_for() {
    let path = format!("/dossiers/{SLUG}/feed.atom");
    let app = app().await;
    let mut client = Client::new(&app);
    for host in ["pledges.example.org", "other.example.net:8443"] {
        let reply = client.get_with(&path, &[("host", host)]).await;
        assert_eq!(reply.status, StatusCode::OK);
        assert!(
            reply
                .body
                .contains(&format!(r#"href="https://{host}/dossiers/{SLUG}"#)),
            "{host}: {}",
            &reply.body[..600.min(reply.body.len())]
        );
    }
    let local = client.get_with(&path, &[("host", "127.0.0.1:8080")]).await;
    assert!(local.body.contains("href=\"http://127.0.0.1:8080/"));
    // A Host that is not a host name is not repeated.
    let odd = client.get_with(&path, &[("host", "evil\"/><x")]).await;
    assert!(!odd.body.contains("evil"));

    let configured = crate::harness::app_with(pledgewatch_web::Config {
        public_url: Some("https://pledges.example.org".into()),
        ..pledgewatch_web::Config::default()
    })
    .await;
    let mut client = Client::new(&configured);
    let reply = client
        .get_with(&path, &[("host", "elsewhere.example.com")])
        .await;
    assert!(reply.body.contains("https://pledges.example.org/dossiers/"));
    assert!(!reply.body.contains("elsewhere.example.com"));
}

#[tokio::test]
async fn a_feed_asked_for_in_russian_has_russian_words_and_the_russian_page_links_to_it() {
    let app = app().await;
    let mut client = Client::new(&app);
    let page = client
        .get_with(&format!("/dossiers/{SLUG}"), &[("accept-language", "ru")])
        .await;
    let href = page
        .attr(
            r#"link[rel=alternate][type="application/atom+xml"]"#,
            "href",
        )
        .unwrap();
    assert_eq!(href, format!("/dossiers/{SLUG}/feed.atom?lang=ru"));
    let xml = feed(&mut client, &href).await;
    let doc = roxmltree::Document::parse(&xml).unwrap();
    assert_eq!(
        doc.root_element()
            .attribute(("http://www.w3.org/XML/1998/namespace", "lang")),
        Some("ru")
    );
    let entries = check_atom(&xml);
    let subtitle = text_of(doc.root_element(), "subtitle");
    assert!(subtitle.contains("обязательств"), "{subtitle}");
    // Dates, statuses and the words around them are Russian; content
    // stays as entered.
    let all: String = entries
        .iter()
        .map(|e| format!("{} {}\n", e.1, e.2))
        .collect();
    assert!(all.contains("Оценка «"), "{all}");
    assert!(
        !all.contains("г.."),
        "no doubled full stop after a Russian date: {all}"
    );
    assert!(all.contains(" г."), "Russian dates: {all}");
    for english in [
        "Rated ",
        " as of ",
        "First rated",
        "Sources:",
        "This is a step back",
        " for “",
    ] {
        assert!(!all.contains(english), "{english:?} left in: {all}");
    }
    // An unknown language gives the English feed, not an error.
    let xml = feed(&mut client, &format!("/dossiers/{SLUG}/feed.atom?lang=xx")).await;
    assert!(xml.contains("xml:lang=\"en\""));
    assert!(xml.contains("Rated "));
}

#[tokio::test]
async fn every_entry_links_to_a_page_that_answers_without_a_redirect() {
    let app = app().await;
    let mut client = Client::new(&app);
    let xml = feed(&mut client, &format!("/dossiers/{SLUG}/feed.atom")).await;
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let mut developments = 0;
    for entry in children(doc.root_element(), "entry") {
        let link = children(entry, "link")[0]
            .attribute("href")
            .unwrap()
            .to_owned();
        let path = link.splitn(4, '/').nth(3).map(|p| format!("/{p}")).unwrap();
        let reply = client.get(&path).await;
        assert_eq!(reply.status, StatusCode::OK, "{link}");
        if path.starts_with("/developments/") {
            developments += 1;
        }
    }
    assert!(developments > 10, "developments link to their own pages");
}
