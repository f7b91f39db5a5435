//! The assertion the checker's tests make again and again: a slip's cause is of this kind and
//! says these words (in English), each failure showing the cause's whole text.

use deltagraph::check::{Cause, CauseKind};
use deltagraph::i18n::Lang;

/// `cause` is of `kind` and its English text contains every one of `says`.
pub fn assert_cause(cause: &Cause, kind: CauseKind, says: &[&str]) {
    let text = cause.text(Lang::En);
    assert_eq!(cause.kind, kind, "{text}");
    for words in says {
        assert!(text.contains(words), "`{text}` lacks `{words}`");
    }
}
