//! The public pages of every kind (decision 0032): every public search hit
//! opens one, the commitment page links to them, an id redirects to the
//! slug, a shared slug gets a short id, and what the public may not see
//! (a draft, a confidential source) is not found.

use axum::http::StatusCode;
use pledgewatch_core::accounts::Role;
use pledgewatch_core::model::{Entity, EntityKind};
use pledgewatch_core::public::PublicStore;
use pledgewatch_core::service::{self, Services};
use pledgewatch_core::storage::Storage;
use scraper::Selector;

use crate::harness::{App, Client, Reply, app, as_role};
use crate::{SLUG, first_commitment};

/// The `href` of every element matching `selector`.
fn hrefs(page: &Reply, selector: &str) -> Vec<String> {
    let sel = Selector::parse(selector).unwrap();
    page.html()
        .select(&sel)
        .filter_map(|a| a.value().attr("href").map(str::to_owned))
        .collect()
}

const KIND_WORDS: [&str; 6] = [
    "Commitment",
    "Development",
    "Source",
    "Quote",
    "Concern",
    "Recommendation",
];

#[tokio::test]
async fn every_public_search_hit_for_media_law_and_odihr_opens_anonymously() {
    let app = app().await;
    let mut anon = Client::new(&app);
    for q in ["media+law", "ODIHR"] {
        let page = anon.get(&format!("/search?q={q}")).await;
        assert_eq!(page.status, StatusCode::OK);
        let hits = page.count("ol.hits > li");
        assert!(hits > 5, "{q}: only {hits} hits");
        let links = hrefs(&page, "ol.hits > li .hit-title a");
        assert_eq!(links.len(), hits, "{q}: every hit links to a page");
        let kinds = page.texts("ol.hits > li .badge.kind");
        assert_eq!(kinds.len(), hits);
        assert!(
            kinds.iter().all(|k| KIND_WORDS.contains(&k.as_str())),
            "{q}: kinds in words: {kinds:?}"
        );
        let distinct: std::collections::HashSet<_> = kinds.iter().collect();
        assert!(distinct.len() >= 3, "{q}: {distinct:?}");
        // Developments and commitments always have a date; the hit says it.
        let sel = Selector::parse("ol.hits > li").unwrap();
        let badge = Selector::parse(".badge.kind").unwrap();
        let date = Selector::parse(".hit-meta .nowrap").unwrap();
        for li in page.html().select(&sel) {
            let kind: String = li.select(&badge).next().unwrap().text().collect();
            if kind == "Development" || kind == "Commitment" {
                assert!(
                    li.select(&date).next().is_some(),
                    "{q}: a {kind} without a date"
                );
            }
        }
        for link in links {
            let reply = anon.get_once(&link).await;
            assert_eq!(reply.status, StatusCode::OK, "{q}: {link}");
            assert_eq!(reply.count("h1"), 1, "{link}");
        }
    }
}

#[tokio::test]
async fn an_empty_search_says_what_was_searched_and_what_to_try() {
    let app = app().await;
    let page = Client::new(&app).get("/search?q=zzyzx+qwertz").await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.count("ol.hits > li"), 0);
    let heading = page.texts("#results h2").join(" ");
    assert!(heading.contains("No results for"), "{heading}");
    assert!(heading.contains("zzyzx qwertz"), "{heading}");
    let suggestions = page.texts("ul.suggestions li").join(" ");
    assert!(suggestions.contains("spelling"), "{suggestions}");
    assert!(suggestions.contains("fewer"), "{suggestions}");
    let links = hrefs(&page, "ul.suggestions a");
    assert!(links.contains(&"/".to_owned()), "{links:?}");
    assert!(links.contains(&format!("/dossiers/{SLUG}")), "{links:?}");
}

#[tokio::test]
async fn the_commitment_page_sums_up_and_links_to_the_pages_of_what_it_cites() {
    let app = app().await;
    let mut anon = Client::new(&app);
    let commitment = first_commitment(&app).await;
    let page = anon
        .get(&format!(
            "/dossiers/{SLUG}/commitments/{commitment}?as_of=2010-01-01"
        ))
        .await;
    assert_eq!(page.status, StatusCode::OK);
    let summary = page.texts(".summary-box dt");
    for term in [
        "Who promised",
        "Where",
        "When",
        "Deadline",
        "Verdict",
        "Last assessed",
    ] {
        assert!(summary.iter().any(|t| t == term), "{term}: {summary:?}");
    }
    assert_eq!(page.count(".summary-box .verdict"), 1);
    assert_eq!(page.count(".summary-box .clock"), 1);
    // The in-page navigation leads to the page's sections.
    let anchors = hrefs(&page, "nav.on-this-page a");
    assert!(anchors.len() >= 4, "{anchors:?}");
    for a in &anchors {
        let id = a.trim_start_matches('#');
        assert_eq!(page.count(&format!("[id=\"{id}\"]")), 1, "{a}");
    }
    let mut opened = std::collections::HashSet::new();
    for (selector, prefix) in [
        (".summary-box a", "/actors/"),
        (".summary-box a", "/occasions/"),
        ("blockquote footer a", "/sources/"),
        ("blockquote footer a", "/quotes/"),
        ("ul.developments a", "/developments/"),
        ("ul.developments .meta a", "/sources/"),
        ("#steps-h + ul a", "/recommendations/"),
    ] {
        let links: Vec<String> = hrefs(&page, selector)
            .into_iter()
            .filter(|h| h.starts_with(prefix))
            .collect();
        assert!(!links.is_empty(), "no link to {prefix} in {selector}");
        for link in links.into_iter().take(3) {
            let reply = anon.get_once(&link).await;
            assert_eq!(reply.status, StatusCode::OK, "{link}");
            opened.insert(link);
        }
    }
    // The pages link back: the actor and the occasion to the commitment.
    let back = |p: &Reply| {
        hrefs(p, "ul.related a")
            .iter()
            .any(|h| h.starts_with(&format!("/dossiers/{SLUG}/commitments/")))
    };
    let actor = hrefs(&page, ".summary-box a")[0].clone();
    assert!(back(&anon.get(&actor).await), "{actor}");
    let development = hrefs(&page, "ul.developments a")[0].clone();
    let development = anon.get(&development).await;
    assert!(back(&development));
    assert!(
        hrefs(&development, "ul.related a")
            .iter()
            .any(|h| h.starts_with("/sources/")),
        "a development links to its sources"
    );
}

/// One record of `kind` the public sees.
async fn a_public(app: &App, kind: EntityKind) -> uuid::Uuid {
    let public = PublicStore::new(app.state.store.as_ref());
    public.list(kind, 50, 0).await.unwrap()[0].entity.id()
}

#[tokio::test]
async fn ids_redirect_permanently_to_slug_urls() {
    let app = app().await;
    let mut anon = Client::new(&app);
    let commitment = first_commitment(&app).await;
    let old = format!("/dossiers/{SLUG}/commitments/{commitment}?as_of=2010-01-01");
    let moved = anon.get_once(&old).await;
    assert_eq!(moved.status, StatusCode::PERMANENT_REDIRECT);
    let to = moved.location();
    assert!(
        to.starts_with(&format!("/dossiers/{SLUG}/commitments/")),
        "{to}"
    );
    assert!(!to.contains(&commitment), "{to}");
    assert!(to.ends_with("?as_of=2010-01-01"), "the query is kept: {to}");
    assert_eq!(anon.get_once(&to).await.status, StatusCode::OK);
    for (kind, prefix) in [
        (EntityKind::Development, "/developments/"),
        (EntityKind::Source, "/sources/"),
        (EntityKind::Quote, "/quotes/"),
        (EntityKind::Concern, "/concerns/"),
        (EntityKind::Recommendation, "/recommendations/"),
        (EntityKind::Actor, "/actors/"),
        (EntityKind::Occasion, "/occasions/"),
    ] {
        let id = a_public(&app, kind).await;
        let moved = anon.get_once(&format!("{prefix}{id}")).await;
        assert_eq!(moved.status, StatusCode::PERMANENT_REDIRECT, "{prefix}{id}");
        let to = moved.location();
        assert!(
            to.starts_with(prefix) && !to.contains(&id.to_string()),
            "{to}"
        );
        assert_eq!(anon.get_once(&to).await.status, StatusCode::OK, "{to}");
    }
    // The id in the name finds the record: other words (an old title) or
    // the id in capitals lead to its name; words alone find nothing.
    let kazakhstan = a_kazakhstan(&app).await.id.uuid().simple().to_string();
    let named = format!("/actors/kazakhstan-{kazakhstan}");
    assert_eq!(anon.get_once(&named).await.status, StatusCode::OK);
    for other in [
        format!("/actors/an-old-name-{kazakhstan}"),
        format!("/actors/kazakhstan-{}", kazakhstan.to_uppercase()),
    ] {
        let moved = anon.get_once(&other).await;
        assert_eq!(moved.status, StatusCode::PERMANENT_REDIRECT, "{other}");
        assert_eq!(moved.location(), named, "{other}");
    }
    // The query goes along.
    let moved = anon
        .get_once(&format!("/actors/old-{kazakhstan}?as_of=2008-05-31"))
        .await;
    assert_eq!(moved.location(), format!("{named}?as_of=2008-05-31"));
    for nothing in ["/actors/kazakhstan", "/actors/no-such-actor"] {
        assert_eq!(
            anon.get_once(nothing).await.status,
            StatusCode::NOT_FOUND,
            "{nothing}"
        );
    }
    assert_eq!(
        anon.get_once(&format!("/actors/{}", uuid::Uuid::nil()))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn namesakes_have_names_of_their_own_and_a_draft_is_not_found_anonymously() {
    let app = app().await;
    let demo = a_kazakhstan(&app).await;
    let editor = service::context("editor", Some("a namesake")).unwrap();
    let namesake = pledgewatch_core::model::Actor {
        id: pledgewatch_core::ids::ActorId::new(),
        roles: vec![],
        ..demo.clone()
    };
    Services::new(app.state.store.as_ref())
        .create(&editor, Entity::Actor(namesake.clone()))
        .await
        .unwrap();
    let id = namesake.id.uuid();
    let named = format!("/actors/kazakhstan-{}", id.simple());
    let demo_named = format!("/actors/kazakhstan-{}", demo.id.uuid().simple());
    // The team sees the draft under its own name; the demo's actor keeps
    // its name and its page.
    let mut viewer = as_role(&app, Some(Role::Viewer)).await;
    assert_eq!(viewer.get_once(&named).await.status, StatusCode::OK);
    let moved = viewer.get_once(&format!("/actors/{id}")).await;
    assert_eq!(moved.location(), named);
    let demo_page = viewer.get_once(&demo_named).await;
    assert_eq!(demo_page.status, StatusCode::OK);
    assert!(
        !hrefs(&demo_page, "ul.related a").is_empty(),
        "the demo's actor, with its commitments"
    );
    // The public does not see the draft, by any name.
    let mut anon = Client::new(&app);
    for path in [named.clone(), format!("/actors/{id}")] {
        assert_eq!(
            anon.get_once(&path).await.status,
            StatusCode::NOT_FOUND,
            "{path}"
        );
    }
    assert_eq!(anon.get_once(&demo_named).await.status, StatusCode::OK);
}

async fn a_kazakhstan(app: &App) -> pledgewatch_core::model::Actor {
    app.state
        .store
        .list(EntityKind::Actor, 500, 0)
        .await
        .unwrap()
        .into_iter()
        .find_map(|s| match s.entity {
            Entity::Actor(a) if &*a.name == "Kazakhstan" => Some(a),
            _ => None,
        })
        .expect("the demo's Kazakhstan")
}

#[tokio::test]
async fn a_source_made_confidential_and_its_quotes_are_not_found_at_once() {
    let app = app().await;
    let mut anon = Client::new(&app);
    // A public source that a quote comes from.
    let public = PublicStore::new(app.state.store.as_ref());
    let quotes = public.list(EntityKind::Quote, 500, 0).await.unwrap();
    let Entity::Quote(quote) = &quotes[0].entity else {
        panic!("a quote")
    };
    let source_id = quote.source.uuid();
    let source_page = anon
        .get_once(&format!("/sources/{source_id}"))
        .await
        .location();
    let quote_page = anon
        .get_once(&format!("/quotes/{}", quote.id))
        .await
        .location();
    for page in [&source_page, &quote_page] {
        assert_eq!(anon.get_once(page).await.status, StatusCode::OK, "{page}");
    }
    let stored = app
        .state
        .store
        .get(EntityKind::Source, source_id)
        .await
        .unwrap()
        .unwrap();
    let Entity::Source(mut source) = stored.entity else {
        panic!("a source")
    };
    source.confidential = true;
    let editor = service::context("editor", Some("protect a witness")).unwrap();
    Services::new(app.state.store.as_ref())
        .update(&editor, Entity::Source(source), stored.meta.version)
        .await
        .unwrap();
    let mut viewer = as_role(&app, Some(Role::Viewer)).await;
    for page in [
        source_page.clone(),
        quote_page.clone(),
        format!("/sources/{source_id}"),
        format!("/quotes/{}", quote.id),
    ] {
        assert_eq!(
            anon.get_once(&page).await.status,
            StatusCode::NOT_FOUND,
            "{page}"
        );
        assert_eq!(
            viewer.get_once(&page).await.status,
            StatusCode::NOT_FOUND,
            "a viewer below the confidential role: {page}"
        );
    }
    // The team's editor still reads it.
    let mut team = as_role(&app, Some(Role::Editor)).await;
    assert_eq!(team.get_once(&source_page).await.status, StatusCode::OK);
}

/// The page's interface texts that still hold English, once the records'
/// own words (`content`, plus every heading's and link's text the page
/// takes from the records) are set aside.
fn english_in(page: &Reply, content_selectors: &str) -> Vec<String> {
    let content = page.texts(content_selectors);
    let content: Vec<&str> = content.iter().map(String::as_str).collect();
    let texts = crate::languages::interface_texts(page, &content);
    crate::languages::english_left(&texts, &content)
}

#[tokio::test]
async fn accept_language_ru_gives_russian_search_hits_and_public_pages() {
    let app = app().await;
    let mut anon = Client::new(&app);
    let ru = [("accept-language", "ru-RU,ru;q=0.9")];
    let page = anon.get_with("/search?q=media+law", &ru).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.texts("h1"), ["Поиск"]);
    let labels = page.texts("form label");
    for label in ["Слова", "Вид", "Участник", "Срок с"] {
        assert!(labels.iter().any(|l| l == label), "{label}: {labels:?}");
    }
    assert_eq!(page.texts("form.filters button"), ["Найти"]);
    let heading = page.texts("#results h2").join(" ");
    assert!(heading.contains("по запросу «media law»"), "{heading}");
    let kinds = page.texts("ol.hits > li .badge.kind");
    assert!(kinds.iter().any(|k| k == "Событие"), "{kinds:?}");
    assert!(kinds.iter().all(|k| !KIND_WORDS.contains(&k.as_str())));
    let left = english_in(&page, "#results h2");
    assert!(left.is_empty(), "English on the Russian search: {left:?}");
    for english in ["Everything", "Deadline from", "results for", "Actor, theme"] {
        assert!(!page.body.contains(english), "{english}");
    }

    let empty = anon.get_with("/search?q=zzyzx", &ru).await;
    let heading = empty.texts("#results h2").join(" ");
    assert_eq!(heading, "По запросу «zzyzx» ничего не найдено");
    let tips = empty.texts("ul.suggestions li").join(" ");
    assert!(tips.contains("проверить написание"), "{tips}");
    assert!(
        !tips.contains("spelling") && !tips.contains("browse"),
        "{tips}"
    );

    // A development's page: its kind, the lists of what it bears on and
    // cites, and the directions it gave, in Russian; its dates too.
    let development = hrefs(&page, "ol.hits .hit-title a")
        .into_iter()
        .find(|h| h.starts_with("/developments/"))
        .expect("a development among the hits");
    let development = anon.get_with(&development, &ru).await;
    assert_eq!(development.status, StatusCode::OK);
    assert_eq!(development.texts(".crumbs .badge.kind"), ["Событие"]);
    let sections = development.texts("section h2").join(" ");
    assert!(sections.contains("Обязательства"), "{sections}");
    assert!(sections.contains("Источники"), "{sections}");
    let left = english_in(&development, "h1");
    assert!(left.is_empty(), "English on a Russian page: {left:?}");
    let date = development.texts(".crumbs .nowrap").join(" ");
    assert!(date.chars().any(|c| ('а'..='я').contains(&c)), "{date}");
    assert!(!development.body.contains("Commitments"));
}

#[tokio::test]
async fn accept_language_ru_gives_a_russian_commitment_page_and_actor_page() {
    let app = app().await;
    let mut anon = Client::new(&app);
    let ru = [("accept-language", "ru")];
    let commitment = first_commitment(&app).await;
    let url = format!("/dossiers/{SLUG}/commitments/{commitment}?as_of=2010-01-01");
    let page = anon.get_with(&url, &ru).await;
    assert_eq!(page.status, StatusCode::OK);
    let summary = page.texts(".summary-box dt");
    assert_eq!(
        summary,
        [
            "Кто обещал",
            "Где",
            "Когда",
            "Срок",
            "Оценка",
            "Последняя оценка"
        ]
    );
    let headings = page.texts("h2");
    for h in ["Обещание", "История оценок", "События", "Необходимые шаги"]
    {
        assert!(headings.iter().any(|x| x == h), "{h}: {headings:?}");
    }
    let anchors = page.texts("nav.on-this-page a").join(" ");
    assert!(anchors.contains("История оценок ("), "{anchors}");
    assert_eq!(page.texts("form.filters button"), ["Показать"]);
    // The statement, the dossier's title and the quote are the records'
    // words; everything else is the interface's.
    // The links to cited records carry their titles.
    let records = "h1, .crumbs, blockquote footer a, .summary-box a, ul.developments a, \
                   .history a, #steps-h + ul a, #concerns-h ~ ul a";
    let left = english_in(&page, records);
    assert!(
        left.is_empty(),
        "English on the Russian commitment page: {left:?}"
    );
    assert!(
        page.body.contains("1 января 2010 г."),
        "the date in Russian"
    );
    for english in [
        "Who promised",
        "Status history",
        "Steps needed",
        "Rated by",
        "Made on",
        "Not recorded",
        "(on ",
    ] {
        assert!(!page.body.contains(english), "{english}");
    }

    let actor = hrefs(&page, ".summary-box a")
        .into_iter()
        .find(|h| h.starts_with("/actors/"))
        .expect("the actor's page");
    let actor = anon.get_with(&actor, &ru).await;
    assert_eq!(actor.texts(".crumbs .badge.kind"), ["Участник"]);
    let facts = actor.texts("dl.facts dt");
    assert!(facts.iter().any(|f| f == "Вид"), "{facts:?}");
    assert!(
        actor
            .texts("dl.facts dd")
            .iter()
            .any(|v| v == "Государство"),
        "{:?}",
        actor.texts("dl.facts dd")
    );
    let left = english_in(&actor, "h1");
    assert!(
        left.is_empty(),
        "English on the Russian actor page: {left:?}"
    );
}

#[tokio::test]
async fn french_search_and_spanish_commitment_page_speak_their_language() {
    let app = app().await;
    let mut anon = Client::new(&app);
    let fr = [("accept-language", "fr-FR,fr;q=0.9")];
    let page = anon.get_with("/search?q=ODIHR", &fr).await;
    assert_eq!(page.texts("h1"), ["Rechercher"]);
    let heading = page.texts("#results h2").join(" ");
    assert!(
        heading.contains("résultats pour «\u{a0}ODIHR\u{a0}»"),
        "{heading}"
    );
    let kinds = page.texts("ol.hits > li .badge.kind");
    assert!(kinds.iter().any(|k| k == "Engagement"), "{kinds:?}");
    // French shares the Latin letters: the English the page had is gone.
    for english in [
        "Words",
        "Everything",
        "Deadline from",
        "results for",
        "Commitment",
    ] {
        assert!(!page.body.contains(english), "{english}");
    }
    let bad = anon
        .get_with("/search?q=law&deadline_from=2008-13-01", &fr)
        .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert!(
        bad.body.contains("Échéance à partir du") && bad.body.contains("pas un jour"),
        "{}",
        bad.body
    );

    let es = [("accept-language", "es")];
    let commitment = first_commitment(&app).await;
    let url = format!("/dossiers/{SLUG}/commitments/{commitment}?as_of=2010-01-01");
    let page = anon.get_with(&url, &es).await;
    let summary = page.texts(".summary-box dt");
    assert_eq!(
        summary,
        [
            "Quién prometió",
            "Dónde",
            "Cuándo",
            "Plazo",
            "Veredicto",
            "Última calificación"
        ]
    );
    let headings = page.texts("h2");
    assert!(headings.iter().any(|h| h == "La promesa"), "{headings:?}");
    assert!(headings.iter().any(|h| h == "Novedades"), "{headings:?}");
    // Spanish shares the Latin letters: the English the page had is gone.
    for english in [
        "Who promised",
        "Status history",
        "Developments",
        "The promise",
        "Rated by",
    ] {
        assert!(!page.body.contains(english), "{english}");
    }
    assert!(
        page.body.contains("1 de enero de 2010"),
        "the date in Spanish"
    );
}

#[tokio::test]
async fn a_page_address_with_a_trailing_slash_leads_to_the_page_and_never_off_the_site() {
    let app = app().await;
    let mut anon = Client::new(&app);
    let hits = anon.get("/search?q=ODIHR&kind=concern").await;
    let page = hits
        .attr("ol.hits a[href^='/concerns/']", "href")
        .expect("a concern");
    let reply = anon.get_once(&format!("{page}/?as_of=2009-01-01")).await;
    assert_eq!(reply.status, StatusCode::PERMANENT_REDIRECT);
    assert_eq!(reply.location(), format!("{page}?as_of=2009-01-01"));
    assert_eq!(anon.get(&reply.location()).await.status, StatusCode::OK);
    for elsewhere in ["//evil.example/", "//evil.example//", "/\\evil.example/"] {
        let reply = anon.get_once(elsewhere).await;
        assert_eq!(reply.status, StatusCode::NOT_FOUND, "{elsewhere}");
    }
    // Only reading is redirected; the home page keeps its slash.
    assert_eq!(anon.get("/").await.status, StatusCode::OK);
    let posted = anon
        .post_raw(&format!("/dossiers/{SLUG}/"), &[("q", "x")])
        .await;
    assert_ne!(posted.status, StatusCode::PERMANENT_REDIRECT);
}
