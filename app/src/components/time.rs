//! Readable timestamps from the RFC 3339 strings the API carries (always UTC).

/// `2026-11-22T05:32:04.046999Z` → `2026-11-22 05:32:04 UTC`.
pub fn utc(rfc3339: &str) -> String {
    match (rfc3339.get(0..10), rfc3339.get(11..19)) {
        (Some(date), Some(time)) => format!("{date} {time} UTC"),
        _ => rfc3339.to_string(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn formats_utc_and_passes_odd_input_through() {
        assert_eq!(
            super::utc("2026-11-22T05:32:04.046999Z"),
            "2026-11-22 05:32:04 UTC"
        );
        assert_eq!(super::utc("soon"), "soon");
    }
}
