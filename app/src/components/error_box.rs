//! Shows a server function's error, with its findings when it has them.

use crate::components::findings::FindingList;
use crate::error::AppError;
use leptos::prelude::*;

#[component]
pub fn ErrorBox(error: AppError) -> impl IntoView {
    let findings = error.findings.clone();
    let title = match error.code.as_str() {
        "validation_failed" => "The server found problems with this request",
        "forbidden" => "Not allowed",
        "unauthenticated" => "Please sign in again",
        "already_exists" => "Already exists",
        "not_found" => "Not found",
        "aws_error" => "AWS refused the request",
        _ => "Something went wrong",
    };
    view! {
        <div class="error-box" role="alert">
            <strong>{title}</strong>
            <p>{error.message}</p>
            {(!findings.is_empty()).then(|| view! { <FindingList findings=findings/> })}
        </div>
    }
}
