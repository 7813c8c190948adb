//! Small statistics helpers: medians of repeated runs.

/// The median of `values` (mean of the two middle values for an even count); `NaN` when empty.
pub fn median(values: &[f64]) -> f64 {
    let mut sorted: Vec<f64> = values.iter().copied().filter(|v| !v.is_nan()).collect();
    if sorted.is_empty() {
        return f64::NAN;
    }
    sorted.sort_by(f64::total_cmp);
    let mid = sorted.len() / 2;
    if sorted.len() % 2 == 1 {
        sorted[mid]
    } else {
        (sorted[mid - 1] + sorted[mid]) / 2.0
    }
}

/// Medians of two alternating series and the median of their per-round ratios `a[i] / b[i]`
/// (pairing adjacent runs cancels most of the drift of a shared, loaded machine).
#[derive(Clone, Copy, Debug)]
pub struct Paired {
    /// Median of the first series.
    pub a: f64,
    /// Median of the second series.
    pub b: f64,
    /// Median of the per-round ratios.
    pub ratio: f64,
}

impl Paired {
    /// Summarises two series of equal length taken in alternation.
    pub fn of(a: &[f64], b: &[f64]) -> Self {
        let ratios: Vec<f64> = a.iter().zip(b).map(|(x, y)| x / y).collect();
        Self {
            a: median(a),
            b: median(b),
            ratio: median(&ratios),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_of_odd_and_even_counts() {
        assert_eq!(median(&[3.0, 1.0, 2.0]), 2.0);
        assert_eq!(median(&[4.0, 1.0, 3.0, 2.0]), 2.5);
        assert!(median(&[]).is_nan());
    }

    #[test]
    fn paired_ratio_is_the_median_of_round_ratios() {
        let p = Paired::of(&[10.0, 20.0, 30.0], &[10.0, 10.0, 10.0]);
        assert_eq!(p.ratio, 2.0);
        assert_eq!(p.a, 20.0);
        assert_eq!(p.b, 10.0);
    }
}
