//! The web layer: `deltagraph serve` (a worksheet page that checks a hand calculation as it is
//! typed) and `deltagraph report` (one self-contained HTML file with the whole derivation).
//!
//! It only calls the library — the checker, the formula model, the diagram renderer — and does
//! no math of its own. Both pages come from one template ([`page`]) and one script
//! (`assets/app.js`), embedded in the binary: no CDN, no npm, works offline.
//!
//! - [`sheet`]: the worksheet model, every canonical value in derivation order.
//! - [`workspace`]: one network with its checker; reading typed values, hints, the coloured
//!   diagram.
//! - [`page`]: the template, the embedded assets and the Content-Security-Policies.
//! - [`server`]: the HTTP routes (axum).
//! - [`html_report`]: the report file, on the derivation model's HTML and MathML.

pub mod html_report;
pub mod page;
pub mod server;
pub mod sheet;
pub mod workspace;
