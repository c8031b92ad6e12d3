//! The caller of one HTTP request, resolved at most once. A page render calls several
//! server functions (the header's session info, the page's list, …) and each one asks who is
//! calling; without this every ask was a database read. It also tells the refusal audit who
//! was refused, so no second slot is needed for that.
//!
//! One value is inserted into each request's extensions by the outermost middleware; both
//! doors (REST extractors, server functions) resolve through it. Only a success is kept: a
//! failed resolution is retried by the next ask and answers the same error.

use super::User;
use crate::ServiceError;
use std::future::Future;
use std::sync::Arc;
use tokio::sync::OnceCell;

#[derive(Clone, Default)]
pub struct RequestCaller(Arc<OnceCell<User>>);

impl RequestCaller {
    /// The caller, resolving them with `resolve` the first time it is asked for.
    pub async fn get_or_resolve<F, Fut>(&self, resolve: F) -> Result<User, ServiceError>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<User, ServiceError>>,
    {
        self.0.get_or_try_init(resolve).await.cloned()
    }

    /// The caller if this request already resolved them.
    pub fn get(&self) -> Option<&User> {
        self.0.get()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    fn user() -> User {
        User {
            id: 7,
            name: "dev".into(),
            roles: vec![],
            teams: vec!["demo".into()],
            token_id: None,
        }
    }

    #[tokio::test]
    async fn resolves_once_and_retries_failures() {
        let memo = RequestCaller::default();
        let calls = AtomicUsize::new(0);
        let failed = memo
            .get_or_resolve(|| async {
                calls.fetch_add(1, Ordering::SeqCst);
                Err(ServiceError::Unauthenticated)
            })
            .await;
        assert!(matches!(failed, Err(ServiceError::Unauthenticated)));
        assert!(memo.get().is_none());
        for _ in 0..3 {
            let got = memo
                .get_or_resolve(|| async {
                    calls.fetch_add(1, Ordering::SeqCst);
                    Ok(user())
                })
                .await
                .unwrap();
            assert_eq!(got.name, "dev");
        }
        assert_eq!(
            calls.load(Ordering::SeqCst),
            2,
            "one failure, then one success"
        );
        assert_eq!(
            memo.clone().get().map(|u| u.id),
            Some(7),
            "clones share the caller"
        );
    }
}
