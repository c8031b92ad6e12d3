//! ECS task definitions: families, a family's revisions, one revision (export, deregister)
//! and the field-level diff between two revisions; import into the wizard.

pub mod compare;
pub mod family;
pub mod import;
pub mod list;
pub mod new;
pub mod revision;

/// A document handed from the import page to the wizard ("Edit in the wizard"), kept in the
/// browser only: client-side navigation keeps it, a reload forgets it. A slot of its own
/// rather than a context the shell provides, so that only the two pages that use it carry
/// its code (the shell stays light; see `routes`).
pub mod draft {
    #[cfg(feature = "hydrate")]
    thread_local! {
        static SLOT: std::cell::RefCell<Option<serde_json::Value>> = const { std::cell::RefCell::new(None) };
    }

    /// Keeps `doc` for the wizard (in the browser; nothing on the server).
    pub fn put(doc: serde_json::Value) {
        #[cfg(feature = "hydrate")]
        SLOT.with(|slot| *slot.borrow_mut() = Some(doc));
        #[cfg(not(feature = "hydrate"))]
        let _ = doc;
    }

    /// The kept document, once: going back and forth starts fresh.
    pub fn take() -> Option<serde_json::Value> {
        #[cfg(feature = "hydrate")]
        {
            SLOT.with(|slot| slot.borrow_mut().take())
        }
        #[cfg(not(feature = "hydrate"))]
        None
    }
}

/// The family's page in the AWS console.
pub fn family_console_url(region: &str, family: &str) -> String {
    format!(
        "https://{region}.console.aws.amazon.com/ecs/v2/task-definitions/{family}?region={region}"
    )
}

/// One revision's page in the AWS console.
pub fn revision_console_url(region: &str, family: &str, revision: i64) -> String {
    format!("https://{region}.console.aws.amazon.com/ecs/v2/task-definitions/{family}/{revision}/containers?region={region}")
}

/// The Region of an ARN (`arn:aws:ecs:us-east-1:…`).
pub fn region_of(arn: &str) -> String {
    arn.split(':').nth(3).unwrap_or("us-east-1").to_string()
}
