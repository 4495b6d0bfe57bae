//! Reading JSON that other tools wrote. The Web Annotation model lets a field hold one value or a
//! list, a link or an embedded object, and files from elsewhere hold the wrong kind of value too.
//! Each type here reads whatever its field holds without failing and keeps what it found, so that
//! an import can name the wrong field in plain words, and skip what it has no use for, instead of
//! stopping at the first surprise. Values it has no use for are skipped unread.

use std::fmt;
use std::marker::PhantomData;

use serde::de::value::MapAccessDeserializer;
use serde::de::{
    Deserialize, DeserializeOwned, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor,
};

/// Text, or something else.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Text {
    Text(String),
    Other,
}

/// A number, whole or not (a fraction, or too large to be whole in a double), or something else.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Number {
    Integer(i128),
    NotInteger,
    Other,
}

/// One value or a list of them, as the model allows for most fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Many<T>(pub Vec<T>);

/// A list, or something else.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum List<T> {
    List(Vec<T>),
    Other,
}

/// The top of a document: a list, an object, or something else.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Root<T> {
    List(Vec<Node<T>>),
    Object(T),
    Other,
}

/// A link to something published elsewhere (which an import never fetches), an embedded object,
/// or something else.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Node<T> {
    Link(String),
    Object(T),
    Other,
}

impl Many<Text> {
    /// The texts, unless one of them is something else.
    pub(crate) fn texts(&self) -> Option<Vec<&str>> {
        self.0
            .iter()
            .map(|text| match text {
                Text::Text(text) => Some(text.as_str()),
                Text::Other => None,
            })
            .collect()
    }
}

/// What a loose type makes of each kind of JSON value; what it does not take is [`Loose::other`].
trait Loose: Sized {
    fn other() -> Self;

    fn text(_: String) -> Self {
        Self::other()
    }

    fn integer(_: i128) -> Self {
        Self::other()
    }

    fn not_integer() -> Self {
        Self::other()
    }

    fn list<'de, A: SeqAccess<'de>>(mut list: A) -> Result<Self, A::Error> {
        while list.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Self::other())
    }

    fn object<'de, A: MapAccess<'de>>(mut object: A) -> Result<Self, A::Error> {
        while object.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(Self::other())
    }
}

/// Reads any JSON value as a `T`.
struct LooseVisitor<T>(PhantomData<T>);

impl<'de, T: Loose> Visitor<'de> for LooseVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, _: bool) -> Result<T, E> {
        Ok(T::other())
    }

    fn visit_i64<E>(self, value: i64) -> Result<T, E> {
        Ok(T::integer(value.into()))
    }

    fn visit_u64<E>(self, value: u64) -> Result<T, E> {
        Ok(T::integer(value.into()))
    }

    fn visit_f64<E>(self, _: f64) -> Result<T, E> {
        Ok(T::not_integer())
    }

    fn visit_str<E>(self, value: &str) -> Result<T, E> {
        Ok(T::text(value.to_owned()))
    }

    fn visit_string<E>(self, value: String) -> Result<T, E> {
        Ok(T::text(value))
    }

    fn visit_unit<E>(self) -> Result<T, E> {
        Ok(T::other())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, list: A) -> Result<T, A::Error> {
        T::list(list)
    }

    fn visit_map<A: MapAccess<'de>>(self, object: A) -> Result<T, A::Error> {
        T::object(object)
    }
}

fn collect<'de, T: Deserialize<'de>, A: SeqAccess<'de>>(mut list: A) -> Result<Vec<T>, A::Error> {
    let mut items = Vec::new();
    while let Some(item) = list.next_element()? {
        items.push(item);
    }
    Ok(items)
}

fn read_loose<'de, T: Loose, D: Deserializer<'de>>(deserializer: D) -> Result<T, D::Error> {
    deserializer.deserialize_any(LooseVisitor(PhantomData))
}

impl Loose for Text {
    fn other() -> Self {
        Text::Other
    }

    fn text(text: String) -> Self {
        Text::Text(text)
    }
}

impl Loose for Number {
    fn other() -> Self {
        Number::Other
    }

    fn integer(value: i128) -> Self {
        Number::Integer(value)
    }

    fn not_integer() -> Self {
        Number::NotInteger
    }
}

impl<T: Loose + DeserializeOwned> Loose for Many<T> {
    fn other() -> Self {
        Many(vec![T::other()])
    }

    fn text(text: String) -> Self {
        Many(vec![T::text(text)])
    }

    fn integer(value: i128) -> Self {
        Many(vec![T::integer(value)])
    }

    fn not_integer() -> Self {
        Many(vec![T::not_integer()])
    }

    fn list<'de, A: SeqAccess<'de>>(list: A) -> Result<Self, A::Error> {
        collect(list).map(Many)
    }

    fn object<'de, A: MapAccess<'de>>(object: A) -> Result<Self, A::Error> {
        Ok(Many(vec![T::object(object)?]))
    }
}

impl<T: DeserializeOwned> Loose for List<T> {
    fn other() -> Self {
        List::Other
    }

    fn list<'de, A: SeqAccess<'de>>(list: A) -> Result<Self, A::Error> {
        collect(list).map(List::List)
    }
}

impl<T: DeserializeOwned> Loose for Root<T> {
    fn other() -> Self {
        Root::Other
    }

    fn list<'de, A: SeqAccess<'de>>(list: A) -> Result<Self, A::Error> {
        collect(list).map(Root::List)
    }

    fn object<'de, A: MapAccess<'de>>(object: A) -> Result<Self, A::Error> {
        T::deserialize(MapAccessDeserializer::new(object)).map(Root::Object)
    }
}

impl<T: DeserializeOwned> Loose for Node<T> {
    fn other() -> Self {
        Node::Other
    }

    fn text(link: String) -> Self {
        Node::Link(link)
    }

    fn object<'de, A: MapAccess<'de>>(object: A) -> Result<Self, A::Error> {
        T::deserialize(MapAccessDeserializer::new(object)).map(Node::Object)
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        read_loose(deserializer)
    }
}

impl<'de> Deserialize<'de> for Number {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        read_loose(deserializer)
    }
}

impl<'de, T: Loose + DeserializeOwned> Deserialize<'de> for Many<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        read_loose(deserializer)
    }
}

impl<'de, T: DeserializeOwned> Deserialize<'de> for List<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        read_loose(deserializer)
    }
}

impl<'de, T: DeserializeOwned> Deserialize<'de> for Root<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        read_loose(deserializer)
    }
}

impl<'de, T: DeserializeOwned> Deserialize<'de> for Node<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        read_loose(deserializer)
    }
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;

    use super::*;
    use crate::codec::{Json, SerdeJson};

    #[derive(Debug, PartialEq, Deserialize)]
    struct Sample {
        text: Option<Text>,
        many: Option<Many<Text>>,
        number: Option<Number>,
        node: Option<Node<Box<Sample>>>,
        list: Option<List<Number>>,
    }

    fn read(json: &str) -> Sample {
        SerdeJson
            .read_text(json)
            .unwrap_or_else(|e| panic!("{json}: {e}"))
    }

    #[test]
    fn each_field_keeps_what_it_found() {
        let sample = read(
            r#"{"text":"a","many":"b","number":-5,"node":"https://x","list":[1,2.5,"c"],"other":[{}]}"#,
        );
        assert_eq!(sample.text, Some(Text::Text("a".into())));
        assert_eq!(
            sample.many.and_then(|m| m.texts().map(|t| t.join(","))),
            Some("b".into())
        );
        assert_eq!(sample.number, Some(Number::Integer(-5)));
        assert_eq!(sample.node, Some(Node::Link("https://x".into())));
        assert_eq!(
            sample.list,
            Some(List::List(vec![
                Number::Integer(1),
                Number::NotInteger,
                Number::Other
            ]))
        );
    }

    #[test]
    fn the_wrong_kind_of_value_is_other_not_an_error() {
        let sample = read(r#"{"text":[1],"many":["a",{"b":1}],"number":"1","node":7,"list":{}}"#);
        assert_eq!(sample.text, Some(Text::Other));
        assert_eq!(sample.many.map(|m| m.texts().is_none()), Some(true));
        assert_eq!(sample.number, Some(Number::Other));
        assert_eq!(sample.node, Some(Node::Other));
        assert_eq!(sample.list, Some(List::Other));
        assert_eq!(read(r#"{"number":1e30}"#).number, Some(Number::NotInteger));
        assert_eq!(read(r#"{"text":null}"#).text, None);
    }

    #[test]
    fn embedded_objects_are_read_as_their_type() {
        let sample = read(r#"{"node":{"node":{"text":"deep"}}}"#);
        let Some(Node::Object(outer)) = sample.node else {
            panic!("not an object");
        };
        let Some(Node::Object(inner)) = outer.node else {
            panic!("not an object");
        };
        assert_eq!(inner.text, Some(Text::Text("deep".into())));
    }
}
