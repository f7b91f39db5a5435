//! The worksheet: every canonical value of a network in derivation order, grouped by stage,
//! each with its formula and the diagram node it belongs to. The page and the report render it.

use crate::derivation::formula;
use crate::net::Network;

/// One canonical value on the worksheet.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    /// Its canonical name (`z5`, `w(1,4)`, `dL/db4`): the `name` of its input box.
    pub name: String,
    /// The formula with names (`w(1,4)·f1 + … + b4`); empty for a given value.
    pub formula: String,
    /// The exact value, at full precision.
    pub exact: f64,
    /// The id of the diagram node that shows it (`n5`, `x1`, `L`), for "click a neuron".
    pub node: Option<String>,
    /// Its position in derivation order (0-based), which the report's "play" follows.
    pub order: usize,
}

/// A stage of the calculation with its rows.
#[derive(Clone, Debug, PartialEq)]
pub struct Section {
    /// What it is, for `data-stage` and styling: `given`, `forward`, `backward`, `gradient`,
    /// `update`.
    pub stage: &'static str,
    /// Its rows, in derivation order.
    pub rows: Vec<Row>,
}

/// The whole worksheet of a network.
#[derive(Clone, Debug, PartialEq)]
pub struct Sheet {
    /// The spec's name, if it has one.
    pub name: Option<String>,
    /// The stages, given values first.
    pub sections: Vec<Section>,
}

impl Sheet {
    /// The worksheet of an evaluated network: [`Network::entries`] is already in derivation
    /// order (given values, forward pass, δ output layer first, gradients, updates).
    pub fn new(net: &Network) -> Sheet {
        let mut sections: Vec<Section> = Vec::new();
        for (order, entry) in net.entries().iter().enumerate() {
            let stage = entry.stage.key();
            let row = Row {
                name: entry.name.to_string(),
                formula: formula(net, entry).map(|f| f.plain()).unwrap_or_default(),
                exact: net.read(entry.quantity),
                node: crate::render::node_of(net, entry),
                order,
            };
            match sections.last_mut() {
                Some(s) if s.stage == stage => s.rows.push(row),
                _ => sections.push(Section {
                    stage,
                    rows: vec![row],
                }),
            }
        }
        Sheet {
            name: net.name.clone(),
            sections,
        }
    }

    /// Every row, in derivation order.
    pub fn rows(&self) -> impl Iterator<Item = &Row> {
        self.sections.iter().flat_map(|s| s.rows.iter())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spec::ValidSpec;

    #[test]
    fn tutorial_sheet_is_in_derivation_order_with_nodes() {
        let net = Network::evaluated(&ValidSpec::tutorial()).unwrap();
        let sheet = Sheet::new(&net);
        let stages: Vec<&str> = sheet.sections.iter().map(|s| s.stage).collect();
        assert_eq!(
            stages,
            ["given", "forward", "backward", "gradient", "update"]
        );
        let names: Vec<&str> = sheet.rows().map(|r| r.name.as_str()).collect();
        let at = |n: &str| names.iter().position(|&m| m == n).unwrap();
        assert!(at("z1") < at("f1") && at("f1") < at("z5") && at("z6") < at("L"));
        assert!(at("delta6") < at("delta4") && at("delta4") < at("delta1"));
        let z5 = sheet.rows().find(|r| r.name == "z5").unwrap();
        assert_eq!(z5.node.as_deref(), Some("n5"));
        assert_eq!(z5.formula, "w(1,5)·f1 + w(2,5)·f2 + w(3,5)·f3 + b5");
        // z5 = 3·σ(5) + 2·σ(9) + 2·σ(10) + 1, from the tutorial's second weight row.
        let s = |z: f64| 1.0 / (1.0 + (-z).exp());
        assert!((z5.exact - (3.0 * s(5.0) + 2.0 * s(9.0) + 2.0 * s(10.0) + 1.0)).abs() < 1e-12);
        let w = sheet.rows().find(|r| r.name == "w(2,5)").unwrap();
        assert_eq!(w.node.as_deref(), Some("n5"));
        assert_eq!(w.formula, "");
        let y = sheet.rows().find(|r| r.name == "y1").unwrap();
        assert_eq!(y.node.as_deref(), Some("L"));
        assert_eq!(
            sheet
                .rows()
                .find(|r| r.name == "x2")
                .unwrap()
                .node
                .as_deref(),
            Some("x2")
        );
    }
}
