//! Feeds arbitrary text to `scholia_core::storage::decode`, which reads whatever localStorage holds
//! (another tab's writes, an older or newer version's, or damage): it must return, never panic,
//! never overflow the stack, and what it reads must write back to something that reads the same.

#![no_main]

use libfuzzer_sys::fuzz_target;
use scholia_core::codec::SerdeJson;
use scholia_core::storage::{decode, encode};

fuzz_target!(|text: &str| {
    if let Ok(store) = decode(&SerdeJson, text) {
        let again = encode(&SerdeJson, &store).map(|written| decode(&SerdeJson, &written));
        assert_eq!(again, Ok(Ok(store)));
    }
});
