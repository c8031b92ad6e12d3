//! Page data that the server renders and the browser hydrates, decoded by one JSON decoder.
//!
//! A page's data reaches the browser two ways: inside the HTML (the resource's value, written
//! into the hydration script) and, on client-side navigation or refresh, as a server
//! function's response body. Leptos' default resource codec decodes the first with
//! `serde_json::from_str` and server functions decode the second with `serde_json::from_slice`
//! — two monomorphised deserializers (`StrRead` and `SliceRead`) for every page type in the
//! bundle. Resources made here decode from the bytes too, so each type's deserializer is
//! compiled once (measured: see README "Bundle size").

use leptos::prelude::*;
use leptos::server::codee::{Decoder, Encoder};
use serde::{de::DeserializeOwned, Serialize};

/// JSON like Leptos' `JsonSerdeCodec`, decoded with `serde_json::from_slice`.
pub struct Json;

impl<T: Serialize> Encoder<T> for Json {
    type Error = serde_json::Error;
    type Encoded = String;

    fn encode(val: &T) -> Result<String, Self::Error> {
        serde_json::to_string(val)
    }
}

impl<T: DeserializeOwned> Decoder<T> for Json {
    type Error = serde_json::Error;
    type Encoded = str;

    fn decode(val: &str) -> Result<T, Self::Error> {
        serde_json::from_slice(val.as_bytes())
    }
}

/// A resource whose value is serialised into the page and hydrated with [`Json`].
pub type PageResource<T> = Resource<T, Json>;

/// `Resource::new` with the [`Json`] codec: `source` is tracked, `fetcher` loads the value (on
/// the server during SSR; in the browser only when `source` changes after hydration).
#[track_caller]
pub fn page_resource<T, S, Fut>(
    source: impl Fn() -> S + Send + Sync + 'static,
    fetcher: impl Fn(S) -> Fut + Send + Sync + 'static,
) -> PageResource<T>
where
    T: Serialize + DeserializeOwned + Send + Sync + 'static,
    S: Send + Sync + Clone + PartialEq + 'static,
    Fut: std::future::Future<Output = T> + Send + 'static,
{
    Resource::new_with_options(source, fetcher, false)
}
