//! The entry forms, drafting help, the account page and error pages in the
//! reader's language: labels, help, choices, buttons and error summaries
//! come from the catalogue; the records' own words stay as entered.

use axum::http::StatusCode;
use pledgewatch_core::accounts::Role;

use crate::harness::{Client, Reply, app, as_role};

const RU: [(&str, &str); 1] = [("accept-language", "ru-RU,ru;q=0.9")];
const FR: [(&str, &str); 1] = [("accept-language", "fr-FR,fr;q=0.9")];
const ES: [(&str, &str); 1] = [("accept-language", "es")];

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

/// The interface's own words on a form: title, labels, legends, help,
/// buttons, options of fixed choices, error summary; the records offered
/// as choices (picker and effect rows) left out, being content.
fn form_words(reply: &Reply) -> Vec<String> {
    let html = reply.html();
    let words = scraper::Selector::parse(
        "main h1, main h2, main label, main legend, main .help, main button, main summary, \
         main select:not([name^=effect]) option",
    )
    .unwrap();
    let content = scraper::Selector::parse(".picker-list label, .effect label").unwrap();
    let mut records: Vec<String> = html.select(&content).map(|e| e.text().collect()).collect();
    // Options naming records (their value is the record's id).
    let options = scraper::Selector::parse("option").unwrap();
    records.extend(
        html.select(&options)
            .filter(|o| uuid::Uuid::parse_str(o.value().attr("value").unwrap_or("")).is_ok())
            .map(|o| o.text().collect()),
    );
    html.select(&words)
        .map(|e| e.text().collect::<String>())
        .filter(|t| !records.contains(t))
        .collect()
}

/// The words holding a run of two or more Latin letters, but for the
/// formats and codes every language writes alike.
fn latin(words: &[String]) -> Vec<String> {
    const ALIKE: [&str; 13] = [
        "ISO 3166-1 alpha-2",
        "KZ",
        "http://",
        "https://",
        "SHA-256",
        "en, ru, fr",
        "Qn",
        "slug",
        "API",
        "Markdown",
        "HTML",
        "PDF",
        "Word",
    ];
    words
        .iter()
        .filter(|w| {
            let mut rest = (*w).clone();
            for same in ALIKE {
                rest = rest.replace(same, "");
            }
            let letters: Vec<bool> = rest.chars().map(|c| c.is_ascii_alphabetic()).collect();
            letters.windows(2).any(|pair| pair[0] && pair[1])
        })
        .cloned()
        .collect()
}

#[tokio::test]
async fn the_development_form_in_russian_has_no_english_of_its_own() {
    let app = app().await;
    let mut editor = as_role(&app, Some(Role::Editor)).await;
    let form = editor.get_with("/records/development/new", &RU).await;
    assert_eq!(form.status, StatusCode::OK);
    assert_eq!(form.attr("html", "lang").as_deref(), Some("ru"));
    assert_eq!(form.texts("h1"), ["Новая запись: событие"]);
    let words = form_words(&form);
    assert!(words.len() > 20, "{words:?}");
    let left = latin(&words);
    assert!(left.is_empty(), "English on the Russian form: {left:?}");
    for expected in [
        "Краткое содержание",
        "Что произошло, своими словами",
        "Найти по словам в списке",
        "Отфильтровать список",
        "Источника нет в списке? Добавьте его здесь",
        "Добавить источник и выбрать его",
        "Причина изменения (сохраняется в истории)",
        "Не затрагивает",
        "Шаг вперёд",
        "Сохранить",
    ] {
        assert!(form.body.contains(expected), "{expected}");
    }
    assert!(form.body.contains("Обязательство: "), "effect rows by kind");
    for english in [
        "Save",
        "Cancel",
        "Not concerned",
        "Find by words",
        "Summary",
    ] {
        assert!(!words.iter().any(|w| w.contains(english)), "{english}");
    }

    // Refused: the error summary links each field by its Russian label.
    let refused = post_in(
        &mut editor,
        "/records/development/new",
        &[("title", ""), ("date", "soon")],
        &RU,
    )
    .await;
    assert_eq!(
        refused.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        refused.body
    );
    assert_eq!(refused.texts(".error-summary h2"), ["Возникла проблема"]);
    let links = refused.texts(".error-summary a");
    assert!(
        links.iter().any(|l| l.starts_with("Заголовок: ")),
        "{links:?}"
    );
    assert!(links.iter().any(|l| l.starts_with("Дата: ")), "{links:?}");
    assert!(
        links.contains(&"Заголовок: обязательно для заполнения".to_owned()),
        "{links:?}"
    );
    assert!(
        refused
            .texts("label")
            .iter()
            .any(|l| l == "Дата (обязательно)")
    );
}

#[tokio::test]
async fn choices_help_and_statuses_are_in_french_and_english_is_unchanged() {
    let app = app().await;
    let mut editor = as_role(&app, Some(Role::Editor)).await;
    let commitment = editor.get_with("/records/commitment/new", &FR).await;
    assert_eq!(commitment.status, StatusCode::OK);
    assert_eq!(commitment.texts("h1"), ["Nouvelle fiche\u{a0}: engagement"]);
    for expected in [
        "Ce qui a été promis",
        "Qui a parlé ou signé",
        "Avant une échéance",
        "Obligation juridique",
        "AAAA, AAAA-MM, AAAA-Tn ou AAAA-MM-JJ",
        "Enregistrer",
        "Annuler",
    ] {
        assert!(commitment.body.contains(expected), "{expected}");
    }
    // No word of the English form is left (but those French writes alike).
    let english = editor.get("/records/commitment/new").await;
    let english_words = form_words(&english);
    let left: Vec<String> = form_words(&commitment)
        .into_iter()
        .filter(|w| english_words.contains(w) && w != "Condition")
        .collect();
    assert!(left.is_empty(), "English on the French form: {left:?}");

    let assessment = editor.get_with("/records/assessment/new", &FR).await;
    let statuses = assessment.texts("select[name=status] option");
    assert!(
        statuses.iter().any(|s| s.starts_with("En cours")),
        "{statuses:?}"
    );
    assert!(
        !statuses.iter().any(|s| s.contains("scale")),
        "{statuses:?}"
    );

    // An English reader sees the labels and help the tables hold.
    assert_eq!(english.texts("h1"), ["New commitment"]);
    assert!(english.body.contains("What was promised"));
    assert!(english.body.contains("Who spoke or signed"));
    assert!(
        english
            .body
            .contains("Reason for the record (kept in the history)")
    );
}

#[tokio::test]
async fn drafting_help_in_russian_and_its_proposals_in_spanish() {
    let app = app().await;
    let mut editor = as_role(&app, Some(Role::Editor)).await;
    let page = editor.get_with("/drafting", &RU).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.texts("h1"), ["Помощь в составлении"]);
    let left = latin(&form_words(&page));
    assert!(
        left.is_empty(),
        "English on Russian drafting help: {left:?}"
    );
    assert!(page.body.contains("Предложить обязательства"));
    assert!(!page.body.contains("Propose commitments"));

    let missing = post_in(
        &mut editor,
        "/drafting",
        &[("title", ""), ("text", "")],
        &RU,
    )
    .await;
    assert_eq!(missing.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(missing.texts("#e-title")[0].contains("укажите название документа"));
    assert!(missing.texts(".error-summary a")[0].starts_with("Название документа: "));

    let letter = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/seed/letter-to-osce-ministers.txt"
    ))
    .expect("the seed letter in ../shared/seed (shared data must be present)");
    let made = post_in(
        &mut editor,
        "/drafting",
        &[
            ("title", "Letter"),
            ("date", "2008-05-28"),
            ("text", &letter),
        ],
        &ES,
    )
    .await;
    assert_eq!(made.status, StatusCode::SEE_OTHER, "{}", made.body);
    let proposals = editor.get_with(&made.location(), &ES).await;
    assert_eq!(proposals.status, StatusCode::OK);
    for expected in [
        "Compromisos propuestos",
        "Plazo",
        "para finales de 2008",
        "Rechazar",
        "pendiente",
    ] {
        assert!(
            proposals.body.contains(expected),
            "{expected}: {}",
            proposals.body
        );
    }
    let buttons = proposals.texts("article.candidate button");
    assert!(
        buttons
            .iter()
            .any(|b| b == "Aceptar como compromiso"
                || b == "Crear de todos modos un nuevo compromiso"),
        "{buttons:?}"
    );
    for english in [
        "Proposed commitments",
        "Accept as a commitment",
        "(year precision)",
    ] {
        assert!(!proposals.body.contains(english), "{english}");
    }
}

#[tokio::test]
async fn the_account_page_and_error_pages_follow_the_reader() {
    let app = app().await;
    let mut editor = as_role(&app, Some(Role::Editor)).await;
    let made = post_in(
        &mut editor,
        "/account/tokens",
        &[("name", "feed"), ("expires", "30")],
        &RU,
    )
    .await;
    assert_eq!(made.status, StatusCode::SEE_OTHER);
    let account = editor.get_with(&made.location(), &RU).await;
    assert_eq!(account.texts("h1"), ["Ваша учётная запись"]);
    for expected in [
        "роль: редактор",
        "Сменить пароль",
        "Выйти везде",
        "Ключи API",
        "Скопируйте его сейчас",
        "Последнее использование",
        "никогда",
        "Действует",
        "Отозвать",
        "30 дней",
        "Создать ключ",
    ] {
        assert!(account.body.contains(expected), "{expected}");
    }
    let left = latin(&form_words(&account));
    assert!(
        left.is_empty(),
        "English on the Russian account page: {left:?}"
    );
    let created = account.texts("td[data-label=Создан]");
    assert!(
        created[0].contains(" г. ") && created[0].ends_with(" UTC"),
        "{created:?}"
    );

    let missing = editor
        .get_with(
            "/records/commitment/00000000-0000-0000-0000-000000000000",
            &FR,
        )
        .await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert_eq!(missing.attr("html", "lang").as_deref(), Some("fr"));
    assert_eq!(missing.texts("h1"), ["Introuvable"]);
    assert!(
        missing
            .texts("main a")
            .contains(&"Retour à la page d'accueil".to_owned())
    );
    assert!(
        missing.body.contains("Se déconnecter"),
        "the signed-in header"
    );
    let mut anon = Client::new(&app);
    let anon_missing = anon.get_with("/nowhere", &RU).await;
    assert_eq!(anon_missing.status, StatusCode::NOT_FOUND);
    assert_eq!(anon_missing.texts("h1"), ["Не найдено"]);
    assert!(anon_missing.body.contains("Войти"));
    assert!(!anon_missing.body.contains("Not found"));
}
