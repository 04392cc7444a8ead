//! Why a form or an action is refused, in the reader's language: the
//! reasons of the domain's rules, of the form parsers and of the store come
//! from the catalogue, in the error summary, next to the field and on the
//! error page; the JSON API keeps its English.

use axum::http::StatusCode;
use pledgewatch_core::accounts::Role;
use pledgewatch_core::model::EntityKind;
use pledgewatch_core::storage::Storage;

use crate::first_commitment;
use crate::harness::{App, Client, Reply, app, as_role};

const RU: [(&str, &str); 1] = [("accept-language", "ru-RU,ru;q=0.9")];
const FR: [(&str, &str); 1] = [("accept-language", "fr-FR,fr;q=0.9")];

/// Posts fields with the client's form token and these headers.
async fn post_in(
    client: &mut Client<'_>,
    path: &str,
    fields: &[(&str, &str)],
    headers: &[(&str, &str)],
) -> Reply {
    let token = client.csrf().await;
    let mut all = fields.to_vec();
    all.push(("csrf", &token));
    client.post_with(path, &all, headers).await
}

/// The texts that hold a run of two Latin letters once the values typed
/// into the form (`typed`) are taken out: English left in a reason.
fn english_left(texts: &[String], typed: &[&str]) -> Vec<String> {
    texts
        .iter()
        .filter(|t| {
            let mut rest = (*t).clone();
            for value in typed {
                rest = rest.replace(value, "");
            }
            let letters: Vec<bool> = rest.chars().map(|c| c.is_ascii_alphabetic()).collect();
            letters.windows(2).any(|pair| pair[0] && pair[1])
        })
        .cloned()
        .collect()
}

/// The words every English reason of these tests uses, none of which may
/// show on a page in another language.
const ENGLISH: [&str; 8] = [
    "is required",
    "choose one",
    "is not a date",
    "no such day",
    "is before",
    "is not an email",
    "another reviewer",
    "must not",
];

fn assert_no_english(reply: &Reply) {
    for words in ENGLISH {
        assert!(!reply.body.contains(words), "English left: {words}");
    }
}

/// The id of an actor of the demo.
async fn an_actor(app: &App) -> String {
    app.state
        .store
        .list(EntityKind::Actor, 1, 0)
        .await
        .unwrap()
        .first()
        .map(|a| a.entity.id().to_string())
        .expect("the demo has actors")
}

#[tokio::test]
async fn a_commitment_with_a_blank_statement_and_a_malformed_date_is_refused_in_russian() {
    let app = app().await;
    let mut editor = as_role(&app, Some(Role::Editor)).await;
    let refused = post_in(
        &mut editor,
        "/records/commitment/new",
        &[
            ("statement", "   "),
            ("made_on", "2008-13-45"),
            ("timing_kind", "none_stated"),
            ("origin", "pledge"),
        ],
        &RU,
    )
    .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    let summary = refused.texts(".error-summary a");
    assert!(
        summary
            .iter()
            .any(|l| l.ends_with(": обязательно для заполнения")),
        "{summary:?}"
    );
    assert!(
        refused.texts("#e-made_on")[0].contains(
            "«2008-13-45» — не дата: такого дня нет в календаре (допустимо: ГГГГ, ГГГГ-ММ, ГГГГ-Qn или ГГГГ-ММ-ДД)"
        ),
        "{:?}",
        refused.texts("#e-made_on")
    );
    assert_eq!(
        refused.texts("#e-bound"),
        ["выберите вариант"],
        "a required choice left empty"
    );
    let left = english_left(&summary, &["2008-13-45", "Qn"]);
    assert!(left.is_empty(), "English in the Russian summary: {left:?}");
    assert_no_english(&refused);
}

#[tokio::test]
async fn a_deadline_before_the_commitment_was_made_is_refused_with_dates_in_russian_words() {
    let app = app().await;
    let actor = an_actor(&app).await;
    let mut editor = as_role(&app, Some(Role::Editor)).await;
    let fields = [
        ("statement", "Amend the media law"),
        ("bound", actor.as_str()),
        ("made_on", "2007-11-29"),
        ("timing_kind", "by_deadline"),
        ("deadline", "2006"),
        ("origin", "pledge"),
    ];
    let refused = post_in(&mut editor, "/records/commitment/new", &fields, &RU).await;
    assert_eq!(
        refused.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        refused.body
    );
    let shown = refused.texts(".error-summary a").concat();
    assert!(
        shown.contains("срок (2006 г.) раньше, чем дано обязательство (29 ноября 2007 г.)"),
        "{shown}"
    );
    assert_no_english(&refused);
    // The English reader sees the wording the command line gives.
    let english = editor.post("/records/commitment/new", &fields).await;
    assert!(
        english
            .texts(".error-summary a")
            .concat()
            .contains("the deadline (2006) is before the commitment was made (2007-11-29)"),
        "{}",
        english.body
    );
}

#[tokio::test]
async fn an_assessment_dated_before_its_commitment_is_refused_in_russian() {
    let app = app().await;
    let commitment = first_commitment(&app).await;
    let mut editor = as_role(&app, Some(Role::Editor)).await;
    let refused = post_in(
        &mut editor,
        "/records/assessment/new",
        &[
            ("commitment", commitment.as_str()),
            ("as_of", "1990-01-01"),
            ("scale", "default"),
            ("status", "fulfilled"),
            ("rationale", "The law now meets the pledge."),
        ],
        &RU,
    )
    .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused
            .body
            .contains("1 января 1990 г. — раньше, чем дано обязательство (29 ноября 2007 г.)"),
        "{}",
        refused.body
    );
    assert_no_english(&refused);
}

#[tokio::test]
async fn a_publisher_email_without_an_at_sign_is_refused_in_russian_and_in_french() {
    let app = app().await;
    let mut editor = as_role(&app, Some(Role::Editor)).await;
    let fields = [
        ("slug", "reasons-test"),
        ("title", "Reasons"),
        ("scale", "default"),
        ("publisher_name", "Helsinki Committee"),
        ("publisher_email", "press.example.org"),
    ];
    let ru = post_in(&mut editor, "/records/dossier/new", &fields, &RU).await;
    assert_eq!(ru.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", ru.body);
    let summary = ru.texts(".error-summary a");
    assert!(
        summary
            .iter()
            .any(|l| l.ends_with("«press.example.org» — не адрес электронной почты")),
        "{summary:?}"
    );
    let left = english_left(&summary, &["press.example.org"]);
    assert!(left.is_empty(), "English in the Russian summary: {left:?}");
    assert_no_english(&ru);

    let fr = post_in(&mut editor, "/records/dossier/new", &fields, &FR).await;
    assert_eq!(fr.status, StatusCode::UNPROCESSABLE_ENTITY);
    let summary = fr.texts(".error-summary a").concat();
    assert!(
        summary.contains("« press.example.org » n'est pas une adresse électronique"),
        "{summary}"
    );
    assert_no_english(&fr);
}

#[tokio::test]
async fn a_malformed_date_is_refused_in_french() {
    let app = app().await;
    let mut editor = as_role(&app, Some(Role::Editor)).await;
    let refused = post_in(
        &mut editor,
        "/records/commitment/new",
        &[("statement", "Promise"), ("made_on", "2008-02-30")],
        &FR,
    )
    .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        refused.texts("#e-made_on"),
        [
            "« 2008-02-30 » n'est pas une date : ce jour n'existe pas dans le calendrier (attendu : AAAA, AAAA-MM, AAAA-Qn ou AAAA-MM-JJ)"
        ]
    );
    assert_eq!(refused.texts("#e-bound"), ["choisissez-en un"]);
    assert_no_english(&refused);
}

#[tokio::test]
async fn a_reviewer_approving_their_own_change_is_refused_in_russian_and_in_english_as_before() {
    let app = app().await;
    let id = first_commitment(&app).await;
    let record = format!("/records/commitment/{id}");
    let mut reviewer = as_role(&app, Some(Role::Reviewer)).await;
    let edited = crate::review::edit(
        &mut reviewer,
        &record,
        &[("statement", "Amend the media law by the end of 2009.")],
    )
    .await;
    assert_eq!(edited.status, StatusCode::SEE_OTHER, "{}", edited.body);
    let refused = post_in(&mut reviewer, &format!("{record}/publish"), &[], &RU).await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST);
    assert_eq!(refused.attr("html", "lang").as_deref(), Some("ru"));
    let message = refused.texts("main p").concat();
    assert!(
        message.contains(
            "эту запись (обязательство) изменил сам пользователь reviewer; одобрить изменение должен другой рецензент"
        ),
        "{}",
        refused.body
    );
    assert!(
        !message.contains(&id),
        "no id in the Russian reason: {message}"
    );
    assert_no_english(&refused);
    // In English the page says what it always said.
    let english = reviewer.post(&format!("{record}/publish"), &[]).await;
    assert!(
        english.body.contains(&format!(
            "commitment {id} was changed by reviewer themselves; another reviewer must approve it"
        )),
        "{}",
        english.body
    );
}

/// A refused form's page leads back to the page the form was on when the
/// browser says it was this site's, and never elsewhere.
#[tokio::test]
async fn a_refused_form_leads_back_to_its_page_on_this_site_only() {
    let app = app().await;
    let id = first_commitment(&app).await;
    let record = format!("/records/commitment/{id}");
    let mut reviewer = as_role(&app, Some(Role::Reviewer)).await;
    let edited = crate::review::edit(&mut reviewer, &record, &[("statement", "Amend it.")]).await;
    assert_eq!(edited.status, StatusCode::SEE_OTHER, "{}", edited.body);
    let csrf = reviewer.csrf().await;
    let publish = format!("{record}/publish");
    let links = |reply: &Reply| {
        assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{}", reply.body);
        reply.attrs("main a", "href")
    };
    let from = |referer: String| {
        vec![
            ("host".to_owned(), "pledgewatch.example".to_owned()),
            ("referer".to_owned(), referer),
        ]
    };
    for (headers, expected) in [
        (
            from(format!("https://pledgewatch.example{record}?lang=ru")),
            vec![format!("{record}?lang=ru"), "/".to_owned()],
        ),
        (
            from(format!("https://elsewhere.example{record}")),
            vec!["/".to_owned()],
        ),
        (
            from("https://pledgewatch.example//elsewhere.example/x".to_owned()),
            vec!["/".to_owned()],
        ),
        (vec![], vec!["/".to_owned()]),
    ] {
        let headers: Vec<(&str, &str)> = headers
            .iter()
            .map(|(n, v)| (n.as_str(), v.as_str()))
            .collect();
        let reply = reviewer
            .post_with(&publish, &[("csrf", csrf.as_str())], &headers)
            .await;
        assert_eq!(links(&reply), expected, "{headers:?}");
    }
}

#[tokio::test]
async fn a_version_conflict_is_explained_in_russian_without_the_records_id() {
    let app = app().await;
    let id = first_commitment(&app).await;
    let record = format!("/records/commitment/{id}");
    let mut editor = as_role(&app, Some(Role::Editor)).await;
    let form = editor.get(&format!("{record}/edit")).await;
    let version = form.attr("input[name=version]", "value").expect("version");
    let stale = (version.parse::<i64>().unwrap() - 1).to_string();
    // The language the switcher's cookie chose.
    editor.cookies.insert("lang".into(), "ru".into());
    let refused = crate::review::edit(
        &mut editor,
        &record,
        &[
            ("version", stale.as_str()),
            ("statement", "Amend the media law."),
        ],
    )
    .await;
    assert_eq!(refused.status, StatusCode::CONFLICT, "{}", refused.body);
    let shown = refused.texts(".error-summary li").concat();
    assert!(
        shown
            .contains("Пока вы редактировали эту запись (обязательство), её изменил кто-то другой"),
        "{shown}"
    );
    assert!(!shown.contains(&id), "{shown}");
}

#[tokio::test]
async fn sending_back_without_a_comment_names_the_field_and_the_reason_in_russian() {
    let app = app().await;
    let id = first_commitment(&app).await;
    let record = format!("/records/commitment/{id}");
    let mut reviewer = as_role(&app, Some(Role::Reviewer)).await;
    // Nothing waits yet: the store's refusal, in Russian, without the id.
    let nothing = post_in(
        &mut reviewer,
        &format!("{record}/send-back"),
        &[("comment", "again")],
        &RU,
    )
    .await;
    assert_eq!(nothing.status, StatusCode::BAD_REQUEST);
    let said = nothing.texts("main p").concat();
    assert!(
        said.contains("у этой записи (обязательство) нет изменений, ожидающих проверки"),
        "{said}"
    );
    assert!(!said.contains(&id), "{said}");
    let mut editor = as_role(&app, Some(Role::Editor)).await;
    let edited = crate::review::edit(
        &mut editor,
        &record,
        &[("statement", "Amend the media law by the end of 2009.")],
    )
    .await;
    assert_eq!(edited.status, StatusCode::SEE_OTHER, "{}", edited.body);
    let empty = post_in(
        &mut reviewer,
        &format!("{record}/send-back"),
        &[("comment", "  ")],
        &RU,
    )
    .await;
    assert_eq!(empty.status, StatusCode::BAD_REQUEST);
    let said = empty.texts("main p").concat();
    assert!(
        said.contains("комментарий: напишите, что редактору нужно изменить"),
        "{said}"
    );
    let left = english_left(&[said], &[]);
    assert!(left.is_empty(), "English on the Russian page: {left:?}");
}
