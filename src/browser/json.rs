//! The core's JSON codec in the page: the browser's own `JSON.parse` and `JSON.stringify`, with
//! serde-wasm-bindgen between JavaScript values and the core's types, so that the wasm carries no
//! JSON parser or writer of its own.

use gloo_utils::errors::JsError;
use js_sys::JSON;
use scholia_core::codec::{Json, JsonError};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_wasm_bindgen::Serializer;
use wasm_bindgen::JsValue;

#[derive(Debug, Clone, Copy, Default)]
pub struct BrowserJson;

impl Json for BrowserJson {
    type Document = JsValue;

    fn parse(&self, text: &str) -> Result<JsValue, JsonError> {
        JSON::parse(text).map_err(thrown)
    }

    fn read<T: DeserializeOwned>(&self, document: &JsValue) -> Result<T, JsonError> {
        // A clone of a JsValue is a second handle to the same object, not a copy of it.
        serde_wasm_bindgen::from_value(document.clone()).map_err(|e| JsonError(e.to_string()))
    }

    fn write<T: Serialize + ?Sized>(&self, value: &T) -> Result<String, JsonError> {
        let value = to_js(value)?;
        JSON::stringify(&value).map(String::from).map_err(thrown)
    }

    fn write_pretty<T: Serialize + ?Sized>(&self, value: &T) -> Result<String, JsonError> {
        let value = to_js(value)?;
        JSON::stringify_with_replacer_and_space(&value, &JsValue::NULL, &JsValue::from(2))
            .map(String::from)
            .map_err(thrown)
    }
}

/// `value` as plain JavaScript objects and arrays, which is what `JSON.stringify` writes as JSON
/// (serde-wasm-bindgen's default makes maps into `Map`s, which it writes as `{}`).
fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsonError> {
    value
        .serialize(&Serializer::json_compatible())
        .map_err(|e| JsonError(e.to_string()))
}

/// What `JSON.parse` or `JSON.stringify` threw, in its own words.
fn thrown(error: JsValue) -> JsonError {
    JsonError(match JsError::try_from(error) {
        Ok(error) => error.message,
        Err(other) => other.to_string(),
    })
}
