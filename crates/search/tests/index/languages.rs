//! Stemming and folding in the four languages, through the index as the
//! pages use it.

use std::collections::BTreeSet;

use pledgewatch_core::model::EntityKind;
use pledgewatch_core::storage::{MATCH_END, MATCH_START, SearchIndex, SearchQuery};
use pledgewatch_testkit::TestDb;
use uuid::Uuid;

use crate::fixtures::{Server, View, add_concern};

async fn finds(server: &Server, text: &str) -> BTreeSet<Uuid> {
    server.ids(text, View::Team).await
}

pub async fn russian_word_forms_find_each_other(db: &TestDb) {
    let law = add_concern(
        db,
        "Закон о СМИ",
        "Новый закон о средствах массовой информации.",
    )
    .await;
    let bill = add_concern(db, "Проект", "Обсуждение проекта закона в парламенте.").await;
    add_concern(db, "Свобода собраний", "Полиция задержала участников.").await;
    let server = Server::in_memory(db).await;
    let both: BTreeSet<Uuid> = [law, bill].into();
    assert_eq!(finds(&server, "закон").await, both);
    assert_eq!(
        finds(&server, "закона").await,
        both,
        "'закона' finds what 'закон' finds"
    );
    assert_eq!(finds(&server, "ЗАКОНЫ").await, both);
    assert_eq!(finds(&server, "проект").await, [bill].into());
    assert_eq!(finds(&server, "средства").await, [law].into());
    server.close().await;
}

pub async fn accents_are_folded_in_french_and_spanish(db: &TestDb) {
    let fr = add_concern(
        db,
        "Élections législatives",
        "Le développement de la réforme électorale n'a pas été adopté par le gouvernement.",
    )
    .await;
    let es = add_concern(
        db,
        "Derechos de los niños",
        "La protección de los niños y las niñas es una obligación del Estado.",
    )
    .await;
    let server = Server::in_memory(db).await;
    for (text, expected) in [
        ("developpement", fr),
        ("DÉVELOPPEMENT", fr),
        ("reforme", fr),
        ("élection", fr),
        ("legislative", fr),
        ("ninos", es),
        ("niño", es),
        ("proteccion", es),
        ("obligaciones", es),
    ] {
        assert_eq!(finds(&server, text).await, [expected].into(), "'{text}'");
    }
    server.close().await;
}

pub async fn english_word_forms_find_each_other(db: &TestDb) {
    let rights = add_concern(
        db,
        "Rights of the child",
        "The State has not protected the rights of detained children.",
    )
    .await;
    let elections = add_concern(
        db,
        "Elections",
        "The election was not free and the count was unfair.",
    )
    .await;
    let server = Server::in_memory(db).await;
    assert_eq!(finds(&server, "right").await, [rights].into());
    assert_eq!(finds(&server, "protecting").await, [rights].into());
    assert_eq!(finds(&server, "detaining children").await, [rights].into());
    assert_eq!(finds(&server, "election").await, [elections].into());
    assert_eq!(
        finds(&server, "elections counted").await,
        [elections].into()
    );
    assert!(
        finds(&server, "rights election").await.is_empty(),
        "every word must match"
    );
    server.close().await;
}

pub async fn hits_carry_kind_title_marked_passage_and_score(db: &TestDb) {
    let id = add_concern(
        db,
        "Media law",
        "The media law treats every internet resource as media and makes registration compulsory.",
    )
    .await;
    add_concern(db, "Other", "Registration of parties is slow.").await;
    let server = Server::in_memory(db).await;
    let hits = server
        .index
        .search(&SearchQuery {
            text: "media laws".into(),
            kinds: vec![EntityKind::Concern],
            include_confidential: false,
            include_drafts: true,
            limit: 10,
        })
        .await
        .unwrap();
    assert_eq!(hits.len(), 1);
    let hit = &hits[0];
    assert_eq!(
        (hit.kind, hit.id, hit.title.as_str()),
        (EntityKind::Concern, id, "Media law")
    );
    assert_eq!(
        hit.snippet,
        format!(
            "{MATCH_START}Media{MATCH_END} {MATCH_START}law{MATCH_END}\nThe {MATCH_START}media{MATCH_END} \
             {MATCH_START}law{MATCH_END} treats every internet resource as \
             {MATCH_START}media{MATCH_END} and makes registration compulsory."
        )
    );
    assert!(hit.score > 0.0);
    // Another kind only: nothing.
    let none = server
        .index
        .search(&SearchQuery {
            text: "media".into(),
            kinds: vec![EntityKind::Commitment, EntityKind::Source],
            include_confidential: true,
            include_drafts: true,
            limit: 10,
        })
        .await
        .unwrap();
    assert!(none.is_empty());
    // The better match first: the title and the body both name it.
    let ranked = server
        .index
        .search(&View::Team.query("registration"))
        .await
        .unwrap();
    assert_eq!(ranked.len(), 2);
    assert!(ranked[0].score >= ranked[1].score);
    server.close().await;
}

pub async fn an_empty_query_is_refused_naming_the_field() {
    let (store, _dir) = pledgewatch_testkit::sqlite_store().await;
    let index = pledgewatch_search::DerivedIndex::in_memory(std::sync::Arc::new(store)).unwrap();
    for text in ["", "   ", "\u{0}\t"] {
        let err = index.search(&View::Team.query(text)).await.unwrap_err();
        assert!(
            err.to_string().contains("query: type at least one word"),
            "{text:?}: {err}"
        );
    }
    let long = "word ".repeat(300);
    let err = index.search(&View::Team.query(&long)).await.unwrap_err();
    assert!(err.to_string().contains("longer than 1000"), "{err}");
    // Punctuation alone finds nothing and fails nothing.
    assert!(
        index
            .search(&View::Team.query("?!"))
            .await
            .unwrap()
            .is_empty()
    );
}
