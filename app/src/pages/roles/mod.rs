//! IAM roles for tasks: the list (each judged as a task role), one role (trust findings and
//! the fix), and the role wizard.

pub mod detail;
pub mod list;
pub mod new;

/// The role's page in the AWS console.
pub fn console_url(name: &str) -> String {
    format!("https://console.aws.amazon.com/iam/home#/roles/details/{name}")
}
