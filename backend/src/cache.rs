//! A short-lived cache of AWS list reads, shared by every request of this process.
//!
//! A list page that calls AWS on every render is as slow as AWS (and spends the account's API
//! rate); sixteen people opening `/repositories` in the same second need one `DescribeRepositories`,
//! not sixteen. Entries live a few seconds ([`DEFAULT_TTL`]), concurrent misses for one key
//! share a single fetch, Berth's own writes drop the entries they make stale, and every answer
//! says when its data was fetched so the page can show it and offer a refresh.
//!
//! Only what AWS returned is cached — never a verdict about the caller: authorization runs
//! per request, before the cache is consulted, and per-user shaping happens after.
//! Built on `moka` (time-to-live, size bound, keyed invalidation, request coalescing).

use crate::aws::AwsError;
use moka::future::Cache;
use std::any::Any;
use std::future::Future;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

/// How long a list read is served from the cache.
pub const DEFAULT_TTL: Duration = Duration::from_secs(5);

/// The AWS API an entry came from; writes through Berth invalidate by area.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Area {
    Ecr,
    Ecs,
    Iam,
}

impl Area {
    fn prefix(self) -> &'static str {
        match self {
            Area::Ecr => "ecr/",
            Area::Ecs => "ecs/",
            Area::Iam => "iam/",
        }
    }
}

#[derive(Clone)]
struct Entry {
    fetched_at: SystemTime,
    value: Arc<dyn Any + Send + Sync>,
}

/// The cache (cheap to clone: one shared store).
#[derive(Clone)]
pub struct ReadCache {
    entries: Cache<String, Entry>,
}

impl ReadCache {
    pub fn new(ttl: Duration) -> ReadCache {
        ReadCache {
            entries: Cache::builder()
                .max_capacity(4096)
                .time_to_live(ttl)
                .support_invalidation_closures()
                .build(),
        }
    }

    /// The value cached for `(area, key)`, or `fetch`'s (then cached); with `refresh`, always
    /// `fetch`'s. Returns the value and when it was fetched. A failed fetch is not cached.
    pub async fn get_or_fetch<T, F, Fut>(
        &self,
        area: Area,
        key: &str,
        refresh: bool,
        fetch: F,
    ) -> Result<(T, SystemTime), AwsError>
    where
        T: Clone + Send + Sync + 'static,
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<T, AwsError>>,
    {
        let key = format!("{}{key}", area.prefix());
        if refresh {
            self.entries.invalidate(&key).await;
        }
        let entry = self
            .entries
            .try_get_with(key, async {
                let value = fetch().await?;
                Ok::<_, AwsError>(Entry {
                    fetched_at: SystemTime::now(),
                    value: Arc::new(value),
                })
            })
            .await
            .map_err(|shared: Arc<AwsError>| (*shared).clone())?;
        let value = entry
            .value
            .downcast_ref::<T>()
            .cloned()
            .expect("one key is always read as one type");
        Ok((value, entry.fetched_at))
    }

    /// Runs a write to `area` and then drops that area's entries (whatever the write's
    /// outcome: a failed write may still have changed something).
    pub async fn after_write<T>(&self, area: Area, write: impl Future<Output = T>) -> T {
        let result = write.await;
        self.invalidate(area);
        result
    }

    /// Drops every entry of `area` (after a write through Berth changed it).
    pub fn invalidate(&self, area: Area) {
        let prefix = area.prefix();
        if let Err(e) = self
            .entries
            .invalidate_entries_if(move |key, _| key.starts_with(prefix))
        {
            tracing::warn!(error = %e, "could not invalidate cached reads; dropping them all");
            self.entries.invalidate_all();
        }
    }
}

impl Default for ReadCache {
    fn default() -> Self {
        ReadCache::new(DEFAULT_TTL)
    }
}

/// RFC 3339 (UTC, seconds) of a fetch time, as list pages report it in `fetchedAt`.
pub fn rfc3339(at: SystemTime) -> String {
    let at: time::OffsetDateTime = at.into();
    at.replace_nanosecond(0)
        .unwrap_or(at)
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::aws::AwsErrorKind;
    use std::sync::atomic::{AtomicUsize, Ordering};

    fn counted(calls: &Arc<AtomicUsize>) -> impl Future<Output = Result<Vec<String>, AwsError>> {
        let calls = calls.clone();
        async move {
            calls.fetch_add(1, Ordering::SeqCst);
            tokio::time::sleep(Duration::from_millis(20)).await;
            Ok(vec!["demo/web".to_string()])
        }
    }

    /// One read of `area`'s list through the cache; returns when its data was fetched.
    async fn read(
        cache: &ReadCache,
        area: Area,
        refresh: bool,
        calls: &Arc<AtomicUsize>,
    ) -> SystemTime {
        let (value, at) = cache
            .get_or_fetch(area, "list", refresh, || counted(calls))
            .await
            .unwrap();
        assert_eq!(value, vec!["demo/web".to_string()]);
        at
    }

    #[tokio::test]
    async fn repeats_and_concurrent_misses_share_one_fetch() {
        let cache = ReadCache::new(Duration::from_secs(60));
        let calls = Arc::new(AtomicUsize::new(0));
        let mut reads = tokio::task::JoinSet::new();
        for _ in 0..16 {
            let (cache, calls) = (cache.clone(), calls.clone());
            reads.spawn(async move {
                cache
                    .get_or_fetch(Area::Ecr, "list", false, || counted(&calls))
                    .await
                    .unwrap()
                    .0
            });
        }
        while let Some(read) = reads.join_next().await {
            assert_eq!(read.unwrap(), vec!["demo/web".to_string()]);
        }
        assert_eq!(calls.load(Ordering::SeqCst), 1);
        let first = read(&cache, Area::Ecr, false, &calls).await;
        assert_eq!(calls.load(Ordering::SeqCst), 1);
        // A refresh fetches again and reports the new time.
        let refreshed = read(&cache, Area::Ecr, true, &calls).await;
        assert_eq!(calls.load(Ordering::SeqCst), 2);
        assert!(refreshed >= first);
    }

    #[tokio::test]
    async fn writes_invalidate_their_area_only_and_entries_expire() {
        let cache = ReadCache::new(Duration::from_millis(300));
        let calls = Arc::new(AtomicUsize::new(0));
        read(&cache, Area::Ecr, false, &calls).await;
        read(&cache, Area::Iam, false, &calls).await;
        assert_eq!(calls.load(Ordering::SeqCst), 2);
        cache.invalidate(Area::Ecr);
        read(&cache, Area::Ecr, false, &calls).await;
        read(&cache, Area::Iam, false, &calls).await;
        assert_eq!(
            calls.load(Ordering::SeqCst),
            3,
            "IAM's entry survived an ECR write"
        );
        tokio::time::sleep(Duration::from_millis(400)).await;
        read(&cache, Area::Iam, false, &calls).await;
        assert_eq!(
            calls.load(Ordering::SeqCst),
            4,
            "expired after its time to live"
        );
    }

    #[tokio::test]
    async fn failures_are_not_cached() {
        let cache = ReadCache::default();
        let failing = || async {
            Err::<Vec<String>, _>(AwsError {
                operation: "DescribeRepositories",
                code: "ThrottlingException".into(),
                message: "slow down".into(),
                request_id: None,
                kind: AwsErrorKind::Other,
            })
        };
        let err = cache
            .get_or_fetch(Area::Ecr, "list", false, failing)
            .await
            .unwrap_err();
        assert_eq!(err.code, "ThrottlingException");
        let calls = Arc::new(AtomicUsize::new(0));
        read(&cache, Area::Ecr, false, &calls).await;
        assert_eq!(calls.load(Ordering::SeqCst), 1);
    }
}
