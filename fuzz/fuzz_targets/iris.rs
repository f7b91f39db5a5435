//! The training-data reader on arbitrary bytes: a dataset or a clean error, and a dataset
//! normalises without panicking.
#![no_main]

use deltagraph::train::data::Dataset;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(mut dataset) = Dataset::parse(text, "fuzz.csv") {
        dataset.normalise();
        assert!(dataset.len() > 0);
    }
});
