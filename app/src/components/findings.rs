//! Validator findings next to the field they belong to.

use leptos::prelude::*;
use validate::{Finding, Severity};

/// The messages for exactly `path` (or anything below it when `nested`).
#[component]
pub fn FieldFindings(
    #[prop(into)] findings: Signal<Vec<Finding>>,
    #[prop(into)] path: String,
    #[prop(optional)] nested: bool,
    /// The id the input's `aria-describedby` points at.
    #[prop(optional)]
    id: &'static str,
) -> impl IntoView {
    let mine = move || {
        findings
            .get()
            .into_iter()
            .filter(|f| {
                f.path == path
                    || (nested
                        && f.path
                            .strip_prefix(path.as_str())
                            .is_some_and(|r| r.starts_with('.') || r.starts_with('[')))
            })
            .collect::<Vec<_>>()
    };
    view! {
        <ul class="field-findings" id=id aria-live="polite">
            {move || mine().into_iter().map(|f| view! { <FindingItem finding=f show_path=false/> }).collect_view()}
        </ul>
    }
}

#[component]
fn FindingItem(finding: Finding, show_path: bool) -> impl IntoView {
    let class = match finding.severity {
        Severity::Error => "finding error",
        Severity::Warning => "finding warning",
    };
    let rule = finding.rule.clone();
    let path = show_path.then(|| {
        let path = if finding.path.is_empty() {
            "(document)".to_string()
        } else {
            finding.path.clone()
        };
        view! { <code class="path">{path}</code> " " }
    });
    view! {
        <li class=class data-rule=rule>
            {path}
            <span class="sev">{match finding.severity { Severity::Error => "Error", Severity::Warning => "Warning" }}</span>
            " " {finding.message}
            " " <code class="rule">{finding.rule}</code>
        </li>
    }
}

/// Every finding with its path (review step, server errors).
#[component]
pub fn FindingList(findings: Vec<Finding>) -> impl IntoView {
    view! {
        <ul class="finding-list">
            {findings.into_iter().map(|f| view! { <FindingItem finding=f show_path=true/> }).collect_view()}
        </ul>
    }
}
