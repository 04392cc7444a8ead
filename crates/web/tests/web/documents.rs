//! The dossier's documents: the memorandum and the letters.

use axum::http::StatusCode;
use pledgewatch_core::accounts::Role;

use crate::SLUG;
use crate::harness::{Client, app, as_role};

#[tokio::test]
async fn signed_in_users_download_the_memorandum_and_the_letters_from_the_dossier_page() {
    let app = app().await;
    let mut anon = Client::new(&app);
    assert_eq!(
        anon.get(&format!("/dossiers/{SLUG}"))
            .await
            .count("section.documents"),
        0
    );
    assert_eq!(
        anon.get(&format!("/dossiers/{SLUG}/memo?format=md"))
            .await
            .status,
        StatusCode::SEE_OTHER
    );
    let mut viewer = as_role(&app, Some(Role::Viewer)).await;
    let page = viewer
        .get(&format!("/dossiers/{SLUG}?as_of=2008-05-31"))
        .await;
    assert_eq!(page.count("section.documents form"), 2);
    let list = page.attr("#l-list option", "value").unwrap();
    let md = viewer
        .get(&format!("/dossiers/{SLUG}/memo?as_of=2008-05-31&format=md"))
        .await;
    assert_eq!(md.status, StatusCode::OK);
    assert!(
        md.headers
            .get("content-disposition")
            .unwrap()
            .to_str()
            .unwrap()
            .starts_with("attachment")
    );
    assert!(
        md.body.contains("by the end of 2008"),
        "the quotes are in the memorandum"
    );
    let pdf = viewer
        .get(&format!(
            "/dossiers/{SLUG}/memo?as_of=2008-05-31&format=pdf"
        ))
        .await;
    assert_eq!(pdf.status, StatusCode::OK);
    assert_eq!(pdf.headers.get("content-type").unwrap(), "application/pdf");
    assert!(pdf.body.starts_with("%PDF"));
    let letters = viewer
        .get(&format!(
            "/dossiers/{SLUG}/letters?as_of=2008-05-31&format=html&recipients={list}"
        ))
        .await;
    assert_eq!(letters.status, StatusCode::OK, "{}", letters.body);
    assert!(
        letters.body.contains("Kouchner"),
        "the letter to France names its minister"
    );
    let bad = viewer
        .get(&format!("/dossiers/{SLUG}/memo?format=odt"))
        .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    let unknown = viewer
        .get(&format!(
            "/dossiers/{SLUG}/letters?format=md&recipients=nobody"
        ))
        .await;
    assert_eq!(unknown.status, StatusCode::BAD_REQUEST);
}

/// A development only the team has seen: created, never approved.
async fn add_draft_development(app: &crate::harness::App, title: &str) {
    use pledgewatch_core::date::PreciseDate;
    use pledgewatch_core::ids::DevelopmentId;
    use pledgewatch_core::model::{Entity, EntityKind};
    use pledgewatch_core::service::{self, Services};
    use pledgewatch_core::storage::Storage;
    let store = &*app.state.store;
    let Entity::Development(published) = store
        .list(EntityKind::Development, 1, 0)
        .await
        .unwrap()
        .remove(0)
        .entity
    else {
        panic!("not a development");
    };
    // Cited from a source known by then: a view as of a day shows only
    // what its sources made known.
    // what its sources made known, and a source attests only what happened
    // by its day: the draft is dated the day of the latest source known by
    // 2008-03-10.
    let by = chrono::NaiveDate::from_ymd_opt(2008, 3, 10).unwrap();
    let (day, known) = store
        .list(EntityKind::Source, 10_000, 0)
        .await
        .unwrap()
        .into_iter()
        .filter_map(|s| match s.entity {
            Entity::Source(s) => s.known_on().filter(|k| *k <= by).map(|k| (k, s.id)),
            _ => None,
        })
        .max_by_key(|(k, _)| *k)
        .expect("a source known by 2008-03-10");
    let draft = pledgewatch_core::model::Development {
        id: DevelopmentId::new(),
        date: PreciseDate::day(day),
        title: title.parse().unwrap(),
        sources: vec![known],
        ..published
    };
    Services::new(store)
        .create(
            &service::context("editor", Some("draft")).unwrap(),
            Entity::Development(draft),
        )
        .await
        .unwrap();
}

#[tokio::test]
async fn only_signed_in_users_get_the_team_draft_which_is_watermarked_and_named_draft() {
    const DRAFT: &str = "A development no reviewer has approved";
    const MARK: &str = "Draft — not for circulation";
    let app = app().await;
    add_draft_development(&app, DRAFT).await;
    let memo = |query: &str| format!("/dossiers/{SLUG}/memo?as_of=2008-05-31&{query}");
    let mut anon = Client::new(&app);
    for url in [
        memo("format=html&audience=team"),
        format!("/dossiers/{SLUG}/letters?format=html&audience=team&recipients=x"),
    ] {
        let reply = anon.get(&url).await;
        assert_eq!(reply.status, StatusCode::SEE_OTHER, "{url}");
        assert!(!reply.body.contains(MARK));
    }

    let mut viewer = as_role(&app, Some(Role::Viewer)).await;
    let page = viewer
        .get(&format!("/dossiers/{SLUG}?as_of=2008-05-31"))
        .await;
    assert_eq!(page.count("#m-audience option[value=team]"), 1);
    assert_eq!(page.count("#l-audience option[value=team]"), 1);
    // Each form chooses the document's language, the reader's by default.
    for form in ["m", "l"] {
        assert_eq!(page.count(&format!("#{form}-lang option")), 4);
        assert_eq!(
            page.attr(&format!("#{form}-lang option[selected]"), "value"),
            Some("en".to_owned())
        );
    }
    let spanish = viewer.get(&memo("format=html&audience=team&lang=es")).await;
    assert_eq!(spanish.status, StatusCode::OK);
    assert!(spanish.body.contains("Borrador — no difundir"));
    let disposition = |r: &crate::harness::Reply| {
        r.headers
            .get("content-disposition")
            .unwrap()
            .to_str()
            .unwrap()
            .to_owned()
    };
    let team = viewer.get(&memo("format=html&audience=team")).await;
    assert_eq!(team.status, StatusCode::OK, "{}", team.body);
    assert_eq!(team.count("body > p.watermark"), 1);
    assert!(team.body.contains(MARK));
    assert!(team.body.contains(DRAFT), "the team's draft has the draft");
    assert!(
        disposition(&team).ends_with(&format!("memorandum-{SLUG}-2008-05-31-draft.html\"")),
        "{}",
        disposition(&team)
    );
    // The default, and audience=public, are the public's version.
    for query in ["format=html", "format=html&audience=public"] {
        let public = viewer.get(&memo(query)).await;
        assert_eq!(public.status, StatusCode::OK);
        assert_eq!(public.count("p.watermark"), 0, "{query}");
        assert!(!public.body.contains(DRAFT), "{query}");
        assert!(
            disposition(&public).ends_with(&format!("memorandum-{SLUG}-2008-05-31.html\"")),
            "{}",
            disposition(&public)
        );
    }
    let list = page.attr("#l-list option", "value").unwrap();
    let letters = viewer
        .get(&format!(
            "/dossiers/{SLUG}/letters?as_of=2008-05-31&format=md&audience=team&recipients={list}"
        ))
        .await;
    assert_eq!(letters.status, StatusCode::OK, "{}", letters.body);
    assert!(letters.body.starts_with(&format!("**{MARK}**")));
    assert!(disposition(&letters).ends_with("-draft.md\""));
    let bad = viewer.get(&memo("format=md&audience=everyone")).await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert!(bad.body.contains("audience"), "{}", bad.body);
}

#[tokio::test]
async fn the_public_version_of_an_unpublished_dossier_is_refused_with_a_reason() {
    use pledgewatch_core::model::{EntityKind, Slug};
    use pledgewatch_core::service::Services;
    use pledgewatch_core::storage::Storage;
    let app = app().await;
    let store = &*app.state.store;
    let dossier = store
        .dossier_by_slug(&Slug::parse(SLUG).unwrap())
        .await
        .unwrap()
        .unwrap();
    Services::new(store)
        .set_published("tester", EntityKind::Dossier, dossier.entity.id.0, false)
        .await
        .unwrap();
    let mut viewer = as_role(&app, Some(Role::Viewer)).await;
    let public = viewer
        .get(&format!("/dossiers/{SLUG}/memo?format=md"))
        .await;
    assert_eq!(public.status, StatusCode::BAD_REQUEST);
    assert!(
        public
            .body
            .contains(&format!("the dossier {SLUG} is not published")),
        "{}",
        public.body
    );
    let team = viewer
        .get(&format!("/dossiers/{SLUG}/memo?format=md&audience=team"))
        .await;
    assert_eq!(team.status, StatusCode::OK, "{}", team.body);
}

#[tokio::test]
async fn the_letters_leave_out_the_state_bound_unless_asked_and_the_page_says_so() {
    let app = app().await;
    let mut viewer = as_role(&app, Some(Role::Viewer)).await;
    let page = viewer
        .get(&format!("/dossiers/{SLUG}?as_of=2008-05-28"))
        .await;
    let note = page.texts("#l-note").join(" ");
    assert!(
        note.contains("Kazakhstan, the State bound by these commitments"),
        "{note}"
    );
    assert_eq!(page.count("input#l-subject[name=include_subject]"), 1);
    let list = page.attr("#l-list option", "value").unwrap();
    let url = format!("/dossiers/{SLUG}/letters?as_of=2008-05-28&format=html&recipients={list}");
    let without = viewer.get(&url).await;
    assert_eq!(without.status, StatusCode::OK, "{}", without.body);
    // 55 letters: 54 breaks between them.
    assert_eq!(without.count("hr.page-break"), 54);
    assert!(!without.body.contains("your government"));
    let with = viewer.get(&format!("{url}&include_subject=on")).await;
    assert_eq!(with.count("hr.page-break"), 55);
    assert!(
        with.body
            .contains("We write about the commitments your government made")
    );
}

#[tokio::test]
async fn publisher_stakes_addresses_and_signatories_are_edited_on_the_forms_and_reach_the_letters()
{
    use pledgewatch_core::model::{Records, Slug};
    use pledgewatch_core::storage::Storage;

    use crate::review::edit;

    let app = app().await;
    let mut editor = as_role(&app, Some(Role::Editor)).await;
    let dossier = app
        .state
        .store
        .dossier_by_slug(&Slug::parse(SLUG).unwrap())
        .await
        .unwrap()
        .unwrap()
        .entity;
    let record = format!("/records/dossier/{}", dossier.id);
    // A website that is not one, and an address without a name, are refused.
    let bad = edit(
        &mut editor,
        &record,
        &[
            ("publisher_name", ""),
            ("publisher_address", "350 Fifth Avenue"),
            ("publisher_website", "hrw.org"),
        ],
    )
    .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", bad.body);
    let errors = bad.texts(".field.invalid .error").join(" | ");
    assert!(
        errors.contains("is required once the publisher"),
        "{errors}"
    );
    let ok = edit(
        &mut editor,
        &record,
        &[
            ("publisher_name", "Human Rights Watch"),
            ("publisher_address", "350 Fifth Avenue\nNew York, NY 10118"),
            ("publisher_website", "https://www.hrw.org"),
            ("publisher_email", "hrwnyc@hrw.org"),
            ("publisher_spelling", "uk"),
            ("stakes", "So too is the credibility of the OSCE."),
        ],
    )
    .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.body);
    let form = editor.get(&format!("{record}/edit")).await;
    assert_eq!(
        form.attr("#f-publisher_website", "value").as_deref(),
        Some("https://www.hrw.org")
    );

    // The list: signed by Holly Cartner; France's letter by Jean-Marie Fardeau, to an address.
    let list_id = dossier.recipient_lists[0];
    let list_record = format!("/records/recipient_list/{list_id}");
    let signatories = app
        .state
        .store
        .as_ref()
        .get_records(&dossier.signatories)
        .await
        .unwrap();
    let holly = signatories
        .iter()
        .find(|s| s.entity.name.as_str() == "Holly Cartner")
        .unwrap()
        .entity
        .id
        .to_string();
    let page = editor.get(&format!("{list_record}/edit")).await;
    let lines: String = page.texts("textarea[name=recipients]").join("");
    let lines: Vec<String> = lines
        .lines()
        .map(|l| {
            if l.starts_with("France |") {
                format!("{l} | 37 Quai d'Orsay; 75351 Paris | Jean-Marie Fardeau")
            } else {
                l.to_owned()
            }
        })
        .collect();
    let unknown = edit(
        &mut editor,
        &list_record,
        &[(
            "recipients",
            &format!(
                "{}\nSpain | Minister | | Dear Minister | | Nobody",
                lines.join("\n")
            ),
        )],
    )
    .await;
    assert_eq!(unknown.status, StatusCode::UNPROCESSABLE_ENTITY);
    let errors = unknown.texts(".error-summary li").join(" | ");
    assert!(
        errors.contains("line 57: 'Nobody' is not a recorded signatory"),
        "{errors}"
    );
    let saved = edit(
        &mut editor,
        &list_record,
        &[("recipients", &lines.join("\n")), ("signatories", &holly)],
    )
    .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let form = editor.get(&format!("{list_record}/edit")).await;
    assert!(
        form.texts("textarea[name=recipients]")
            .join("")
            .contains("France | Minister of Foreign and European Affairs | Bernard Kouchner | Dear Minister | 37 Quai d'Orsay; 75351 Paris | Jean-Marie Fardeau"),
        "{}",
        form.body
    );

    // The team's letters show it all (the public's wait for review).
    let letters = editor
        .get(&format!(
            "/dossiers/{SLUG}/letters?as_of=2008-05-28&format=md&audience=team&recipients=foreign-ministers-of-the-osce-participating-states-2008"
        ))
        .await;
    assert_eq!(letters.status, StatusCode::OK, "{}", letters.body);
    let each: Vec<&str> = letters
        .body
        .split("* * *")
        .filter(|l| l.contains("With best regards"))
        .collect();
    assert_eq!(each.len(), 55);
    let france = each.iter().find(|l| l.contains("Kouchner")).unwrap();
    assert!(france.contains("**Human Rights Watch**"), "{france}");
    // The address as entered, with its apostrophe typeset.
    assert!(france.contains("37 Quai d’Orsay"), "{france}");
    assert!(
        france.contains("Jean-Marie Fardeau") && !france.contains("Holly Cartner"),
        "{france}"
    );
    assert!(france.contains("credibility of the OSCE"), "{france}");
    assert!(
        france.contains("towards fulfilling"),
        "UK spelling: {france}"
    );
    let albania = each[0];
    assert!(
        albania.contains("Holly Cartner") && !albania.contains("Jean-Marie Fardeau"),
        "{albania}"
    );
}

#[tokio::test]
async fn documents_come_in_the_reader_s_language_or_the_one_asked_for() {
    let app = app().await;
    let mut viewer = as_role(&app, Some(Role::Viewer)).await;
    let memo = |query: &str| format!("/dossiers/{SLUG}/memo?as_of=2008-05-31&format=md{query}");
    let ru = viewer
        .get_with(&memo(""), &[("accept-language", "ru-RU,ru;q=0.9")])
        .await;
    assert_eq!(ru.status, StatusCode::OK);
    assert!(
        ru.body.contains("## Резюме") && ru.body.contains("31 мая 2008 г."),
        "{}",
        ru.body
    );
    // The record's words stay as entered.
    assert!(ru.body.contains("Amend the media law"), "{}", ru.body);
    // `lang` in the query wins over the reader's language.
    let fr = viewer
        .get_with(&memo("&lang=fr"), &[("accept-language", "ru")])
        .await;
    assert!(fr.body.contains("## Résumé"), "{}", fr.body);
    let en = viewer.get(&memo("&lang=en")).await;
    assert!(en.body.contains("## Summary"), "{}", en.body);
    let bad = viewer.get(&memo("&lang=de")).await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert!(bad.body.contains("en, ru, fr, es"), "{}", bad.body);
}
