//! The hand-written name matchers agree with the catalogue's regular expressions (§1.2) on
//! generated strings built from the characters that matter.

use proptest::prelude::*;
use regex_lite::Regex;
use validate::patterns::*;

fn agree(pattern: &str, matcher: fn(&str) -> bool, text: &str) -> Result<(), TestCaseError> {
    let re = Regex::new(pattern).unwrap();
    prop_assert_eq!(
        re.is_match(text),
        matcher(text),
        "{} on {:?}",
        pattern,
        text
    );
    Ok(())
}

const REPO: &str = r"^[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*(/[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*)*$";

proptest! {
    #![proptest_config(ProptestConfig { cases: 4000, ..ProptestConfig::default() })]

    #[test]
    fn repository_name(s in "[a-c0-1._/A-]{0,10}") {
        agree(REPO, is_repository_name, &s)?;
    }

    #[test]
    fn exclusion_filter(s in "[a-cA-C0-1._*/ -]{0,10}") {
        agree(r"^[0-9a-zA-Z._*-]{1,128}$", is_exclusion_filter, &s)?;
    }

    #[test]
    fn registry_id(s in "[0-9a]{10,13}") {
        agree(r"^[0-9]{12}$", is_registry_id, &s)?;
    }

    #[test]
    fn cache_prefix(s in "(ROOT)?[a-c0-1._/-]{0,9}") {
        agree(r"^([a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*(/[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*)*/?|ROOT)$", is_cache_prefix, &s)?;
    }

    #[test]
    fn replication_filter(s in "[a-c0-1._/A-]{0,10}") {
        agree(r"^(?:[a-z0-9]+(?:[._-][a-z0-9]*)*/)*[a-z0-9]*(?:[._-][a-z0-9]*)*$", is_replication_filter, &s)?;
    }

    #[test]
    fn scanning_filter(s in "[a-c0-1._/*A-]{0,10}") {
        agree(r"^[a-z0-9*](?:[._\-/a-z0-9*]?[a-z0-9*]+)*$", is_scanning_filter, &s)?;
    }
}
