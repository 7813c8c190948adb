//! The printed result: one Markdown table (ready to paste into `BENCHMARKS.md`) plus notes.

/// One row: what was measured, the SDK figure, the baseline figure, their ratio and the target.
pub struct Row {
    /// What the row measures.
    pub what: String,
    /// The SDK's figure.
    pub sdk: String,
    /// The baseline's figure (with its name).
    pub baseline: String,
    /// SDK / baseline.
    pub ratio: String,
    /// The target and whether it was met.
    pub target: String,
}

/// Rows and the notes printed under them.
#[derive(Default)]
pub struct Table {
    rows: Vec<Row>,
    notes: Vec<String>,
}

impl Table {
    /// Adds a row.
    pub fn row(
        &mut self,
        what: impl Into<String>,
        sdk: impl Into<String>,
        baseline: impl Into<String>,
        ratio: impl Into<String>,
        target: impl Into<String>,
    ) {
        self.rows.push(Row {
            what: what.into(),
            sdk: sdk.into(),
            baseline: baseline.into(),
            ratio: ratio.into(),
            target: target.into(),
        });
    }

    /// Adds a row saying why a measurement is missing (the reason also goes to the notes in full).
    pub fn failed(&mut self, what: impl Into<String>, why: impl Into<String>) {
        let (what, why) = (what.into(), why.into());
        self.note(format!("{what}: {why}"));
        self.row(what, "n/a (see notes)", "", "", "");
    }

    /// Adds a note printed under the table.
    pub fn note(&mut self, note: impl Into<String>) {
        self.notes.push(note.into());
    }

    /// The table as aligned Markdown, then the notes as a list.
    pub fn render(&self) -> String {
        let header = [
            "Measure",
            "seam-rs SDK",
            "Baseline",
            "SDK / baseline",
            "Target",
        ];
        let cells: Vec<[&str; 5]> = self
            .rows
            .iter()
            .map(|r| [&*r.what, &*r.sdk, &*r.baseline, &*r.ratio, &*r.target])
            .collect();
        let mut widths = header.map(|h| h.chars().count());
        for row in &cells {
            for (width, cell) in widths.iter_mut().zip(row) {
                *width = (*width).max(cell.chars().count());
            }
        }
        let line = |cells: [&str; 5]| {
            let padded: Vec<String> = cells
                .iter()
                .zip(widths)
                .map(|(cell, width)| format!("{cell:<width$}"))
                .collect();
            format!("| {} |\n", padded.join(" | "))
        };
        let mut out = line(header);
        let dashes: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
        out.push_str(&format!("| {} |\n", dashes.join(" | ")));
        for row in cells {
            out.push_str(&line(row));
        }
        if !self.notes.is_empty() {
            out.push('\n');
            for note in &self.notes {
                out.push_str(&format!("- {note}\n"));
            }
        }
        out
    }
}

/// `12345.6` as `12,346`.
pub fn thousands(value: f64) -> String {
    if !value.is_finite() {
        return "n/a".into();
    }
    let digits = format!("{:.0}", value.abs());
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if value < 0.0 && digits != "0" {
        out.insert(0, '-');
    }
    out
}

/// A ratio as `0.93x`.
pub fn ratio(value: f64) -> String {
    format!("{value:.2}x")
}

/// `met` or `MISSED`, for a target check.
pub fn verdict(met: bool) -> &'static str {
    if met {
        "met"
    } else {
        "MISSED"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_groups_digits() {
        assert_eq!(thousands(0.4), "0");
        assert_eq!(thousands(999.0), "999");
        assert_eq!(thousands(1234.0), "1,234");
        assert_eq!(thousands(1234567.8), "1,234,568");
        assert_eq!(thousands(f64::NAN), "n/a");
    }

    #[test]
    fn rows_are_aligned_markdown() {
        let mut table = Table::default();
        table.row("a", "1", "2", "0.50x", "met");
        table.note("n");
        let text = table.render();
        let lines: Vec<&str> = text.lines().collect();
        assert!(lines[0].starts_with("| Measure"));
        assert_eq!(lines[0].len(), lines[2].len());
        assert!(text.ends_with("- n\n"));
    }
}
