//! Promises about how soon a change reaches the search, in a test binary of their own.
//! Cargo runs test binaries one after another, so no other test's server competes for
//! the cores here; in the `api` binary two tests run at once, and under that load a
//! commit once took longer than the second promised to a person publishing a post.

use std::time::Duration;

use noaber_tests::{dog_walking_request, item_ids, spawn_app};
use serde_json::json;

const PROMISED: Duration = Duration::from_secs(1);

#[tokio::test]
async fn a_published_post_is_findable_within_a_second_and_gone_when_withdrawn() {
    let app = spawn_app().await;
    let coordinator = app.coordinator("Coördinator").await;
    let inge = app.user("resident", "Inge").await;
    let mut body = dog_walking_request();
    body["on_behalf_of"] = json!({"name": "Inge Geheim", "phone": "06-11112222", "email": "inge.geheim@example.nl", "channel": "network"});
    let post = app.create_post("requests", &inge, &body).await;
    let id = post["id"].as_str().unwrap();
    let query = "/api/v1/search?q=hond%20uitlaten";

    // Once a later, published post is searchable, the pending one would be too.
    let other = app
        .create_post("requests", &coordinator, &dog_walking_request())
        .await;
    assert!(
        app.found_in_search(query, other["id"].as_str().unwrap(), PROMISED)
            .await
    );
    let (_, before) = app.get(query, None).await;
    assert!(
        !item_ids(&before).contains(&id.to_owned()),
        "pending posts are not searchable"
    );
    app.approve("requests", id, &coordinator).await;
    assert!(
        app.found_in_search(query, id, PROMISED).await,
        "published post not found within 1 s"
    );

    let (_, result) = app.get(query, None).await;
    let text = result.to_string();
    for secret in [
        "06-11112222",
        "inge.geheim@example.nl",
        "Geheim",
        inge.email.as_str(),
    ] {
        assert!(!text.contains(secret), "{secret} leaked in search results");
    }
    let hit = result["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == id)
        .unwrap();
    assert_eq!(hit["kind"], "request");
    assert_eq!(hit["place"], "beilen");
    let (_, labrador) = app.get("/api/v1/search?q=labrador", None).await;
    let snippet = labrador["items"][0]["snippet"].as_str().unwrap_or_default();
    assert!(
        snippet.contains("<b>labrador</b>"),
        "matched words in the description are highlighted: {labrador}"
    );

    app.withdraw(&inge, id).await;
    app.assert_gone_from_search(query, id, PROMISED).await;
}
