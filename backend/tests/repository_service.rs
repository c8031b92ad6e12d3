//! The repository service with a fake ECR adapter: authorization and validation happen before
//! any AWS call, and every outcome is audited.

use async_trait::async_trait;
use backend::auth::{Role, User};
use backend::aws::{
    AwsError, AwsErrorKind, AwsOutput, EcrApi, EcsApi, IamApi, NewRole, RoleInfo, StsApi,
};
use backend::services::health::Health;
use backend::services::repositories;
use backend::testing::TestDb;
use backend::{AppState, Settings};
use std::sync::{Arc, Mutex};
use validate::ecr::CreateRepository;
use validate::model::{ImageSummary, Repository};

#[derive(Default)]
struct FakeEcr {
    calls: Mutex<Vec<String>>,
    fail_lifecycle: bool,
}

impl FakeEcr {
    fn calls(&self) -> Vec<String> {
        self.calls.lock().unwrap().clone()
    }
    fn record(&self, call: String) {
        self.calls.lock().unwrap().push(call);
    }
}

#[async_trait]
impl EcrApi for FakeEcr {
    async fn describe_repositories(
        &self,
        names: Option<Vec<String>>,
        max: Option<i32>,
        next: Option<String>,
    ) -> Result<(Vec<Repository>, Option<String>), AwsError> {
        self.record(format!("describe {names:?} {max:?} {next:?}"));
        // Two pages of one repository each.
        let page = |name: &str| Repository {
            repository_name: name.into(),
            ..Repository::default()
        };
        Ok(match next.as_deref() {
            None => (vec![page("demo/a")], Some("page-2".into())),
            Some(_) => (vec![page("demo/b")], None),
        })
    }
    async fn create_repository(
        &self,
        r: &CreateRepository,
    ) -> Result<AwsOutput<Repository>, AwsError> {
        let name = r.repository_name.clone().unwrap_or_default();
        self.record(format!("create {name}"));
        if name.ends_with("/taken") {
            return Err(AwsError {
                operation: "ecr:CreateRepository",
                code: "RepositoryAlreadyExistsException".into(),
                message: "exists".into(),
                request_id: Some("req-dup".into()),
                kind: AwsErrorKind::AlreadyExists,
            });
        }
        Ok(AwsOutput {
            value: Repository {
                repository_name: name,
                ..Repository::default()
            },
            request_id: Some("req-create".into()),
        })
    }
    async fn put_lifecycle_policy(
        &self,
        name: &str,
        _text: &str,
    ) -> Result<AwsOutput<()>, AwsError> {
        self.record(format!("lifecycle {name}"));
        if self.fail_lifecycle {
            return Err(AwsError {
                operation: "ecr:PutLifecyclePolicy",
                code: "InvalidParameterException".into(),
                message: "nope".into(),
                request_id: Some("req-lcp".into()),
                kind: AwsErrorKind::Other,
            });
        }
        Ok(AwsOutput {
            value: (),
            request_id: Some("req-lcp".into()),
        })
    }
    async fn get_lifecycle_policy(&self, _name: &str) -> Result<Option<String>, AwsError> {
        Ok(None)
    }
    async fn describe_images(
        &self,
        name: &str,
        next: Option<String>,
    ) -> Result<(Vec<ImageSummary>, Option<String>), AwsError> {
        self.record(format!("images {name} {next:?}"));
        let image = |tag: &str, at: &str| ImageSummary {
            image_digest: format!("sha256:{tag}"),
            image_tags: vec![tag.into()],
            image_pushed_at: Some(at.into()),
            image_size_in_bytes: Some(1),
        };
        Ok(match next.as_deref() {
            None => (
                vec![
                    image("1.0", "2026-01-01T00:00:00Z"),
                    image("1.2", "2026-03-01T00:00:00Z"),
                    image("1.1", "2026-02-01T00:00:00Z"),
                ],
                Some("images-2".into()),
            ),
            Some(_) => (vec![image("0.9", "2025-12-01T00:00:00Z")], None),
        })
    }
    async fn delete_repository(&self, name: &str, _force: bool) -> Result<AwsOutput<()>, AwsError> {
        self.record(format!("delete {name}"));
        Ok(AwsOutput {
            value: (),
            request_id: Some("req-delete".into()),
        })
    }
}

struct NoSts;

#[async_trait]
impl StsApi for NoSts {
    async fn caller_account(&self) -> Result<String, AwsError> {
        Ok("123456789012".into())
    }
}

/// ECS is not used by these tests: every call fails loudly.
struct NoEcs;

fn unused(operation: &'static str) -> AwsError {
    AwsError {
        operation,
        code: "NotUsedInThisTest".into(),
        message: "ECS is not part of the repository tests".into(),
        request_id: None,
        kind: AwsErrorKind::Unsupported,
    }
}

#[async_trait]
impl EcsApi for NoEcs {
    async fn register_task_definition(
        &self,
        _: &validate::ecs::task_definition::TaskDefinition,
    ) -> Result<AwsOutput<validate::model::TaskDefinitionRevision>, AwsError> {
        Err(unused("ecs:RegisterTaskDefinition"))
    }
    async fn list_task_definition_families(
        &self,
        _: Option<String>,
        _: Option<String>,
    ) -> Result<(Vec<String>, Option<String>), AwsError> {
        Err(unused("ecs:ListTaskDefinitionFamilies"))
    }
    async fn list_task_definitions(
        &self,
        _: &str,
        _: Option<i32>,
        _: Option<String>,
    ) -> Result<(Vec<validate::model::TaskDefinitionRef>, Option<String>), AwsError> {
        Err(unused("ecs:ListTaskDefinitions"))
    }
    async fn describe_task_definition(
        &self,
        _: &str,
    ) -> Result<validate::model::TaskDefinitionRevision, AwsError> {
        Err(unused("ecs:DescribeTaskDefinition"))
    }
    async fn deregister_task_definition(&self, _: &str) -> Result<AwsOutput<()>, AwsError> {
        Err(unused("ecs:DeregisterTaskDefinition"))
    }
}

/// IAM is not used by these tests either.
struct NoIam;

#[async_trait]
impl IamApi for NoIam {
    async fn create_role(&self, _: &NewRole<'_>) -> Result<AwsOutput<RoleInfo>, AwsError> {
        Err(unused("iam:CreateRole"))
    }
    async fn tag_role(&self, _: &str, _: &[(String, String)]) -> Result<AwsOutput<()>, AwsError> {
        Err(unused("iam:TagRole"))
    }
    async fn put_role_policy(&self, _: &str, _: &str, _: &str) -> Result<AwsOutput<()>, AwsError> {
        Err(unused("iam:PutRolePolicy"))
    }
    async fn get_role(&self, _: &str) -> Result<RoleInfo, AwsError> {
        Err(unused("iam:GetRole"))
    }
    async fn update_assume_role_policy(&self, _: &str, _: &str) -> Result<AwsOutput<()>, AwsError> {
        Err(unused("iam:UpdateAssumeRolePolicy"))
    }
    async fn get_role_policy(
        &self,
        _: &str,
        _: &str,
    ) -> Result<Option<serde_json::Value>, AwsError> {
        Err(unused("iam:GetRolePolicy"))
    }
    async fn list_roles(
        &self,
        _: Option<String>,
    ) -> Result<(Vec<RoleInfo>, Option<String>), AwsError> {
        Err(unused("iam:ListRoles"))
    }
    async fn delete_role(&self, _: &str) -> Result<AwsOutput<()>, AwsError> {
        Err(unused("iam:DeleteRole"))
    }
    async fn role_policies(&self, _: &str) -> Result<Vec<serde_json::Value>, AwsError> {
        Err(unused("iam:ListRolePolicies"))
    }
}

async fn state(ecr: Arc<FakeEcr>, tag: &str) -> (AppState, TestDb) {
    let guard = backend::testing::fresh_db(tag).await;
    let db = guard.db.clone();
    let state = AppState {
        db,
        ecr,
        ecs: Arc::new(NoEcs),
        iam: Arc::new(NoIam),
        sts: Arc::new(NoSts),
        settings: Arc::new(Settings {
            region: "us-east-1".into(),
            sandbox: true,
            role_permissions_boundary: None,
        }),
        health: Arc::new(Health::default()),
        cache: backend::cache::ReadCache::default(),
    };
    (state, guard)
}

fn user(roles: &[Role]) -> User {
    User {
        id: 1,
        name: "dev".into(),
        roles: roles.to_vec(),
        teams: vec!["demo".into()],
        token_id: None,
    }
}

fn request(name: &str) -> CreateRepository {
    CreateRepository {
        repository_name: Some(name.into()),
        ..Default::default()
    }
}

async fn audit_actions(state: &AppState) -> Vec<(String, String, Option<String>)> {
    backend::audit::list(&state.db, backend::audit::Scope::All, 50, None)
        .await
        .unwrap()
        .into_iter()
        .map(|e| (e.action, e.outcome, e.aws_request_id))
        .collect()
}

#[tokio::test]
async fn viewers_and_other_teams_are_refused_before_any_aws_call() {
    let ecr = Arc::new(FakeEcr::default());
    let (state, _db) = state(ecr.clone(), "authz").await;
    let err = repositories::create(&state, &user(&[Role::Viewer]), &request("demo/web"))
        .await
        .unwrap_err();
    assert_eq!(err.code(), "forbidden");
    let err = repositories::create(&state, &user(&[Role::Deployer]), &request("ops/web"))
        .await
        .unwrap_err();
    assert_eq!(err.code(), "forbidden");
    let err = repositories::delete(&state, &user(&[Role::Deployer]), "ops/web", false)
        .await
        .unwrap_err();
    assert_eq!(err.status(), 403);
    assert!(ecr.calls().is_empty(), "{:?}", ecr.calls());
}

#[tokio::test]
async fn invalid_requests_are_422_before_any_aws_call() {
    let ecr = Arc::new(FakeEcr::default());
    let (state, _db) = state(ecr.clone(), "invalid").await;
    let err = repositories::create(&state, &user(&[Role::Deployer]), &request("demo/Web"))
        .await
        .unwrap_err();
    assert_eq!((err.status(), err.code()), (422, "validation_failed"));
    assert_eq!(err.findings().unwrap()[0].rule, "ECR-REPO-001");
    assert!(ecr.calls().is_empty());
}

#[tokio::test]
async fn successes_and_failures_are_audited_with_request_ids() {
    let ecr = Arc::new(FakeEcr::default());
    let (state, _db) = state(ecr.clone(), "audit").await;
    let dev = user(&[Role::Deployer]);
    let mut req = request("demo/web");
    req.lifecycle_policy =
        Some(serde_json::to_value(validate::ecr::LifecyclePolicy::simple(None, Some(7))).unwrap());
    repositories::create(&state, &dev, &req).await.unwrap();
    let err = repositories::create(&state, &dev, &request("demo/taken"))
        .await
        .unwrap_err();
    assert_eq!(err.code(), "already_exists");
    repositories::delete(&state, &dev, "demo/web", true)
        .await
        .unwrap();
    assert_eq!(
        ecr.calls(),
        [
            "create demo/web",
            "lifecycle demo/web",
            "create demo/taken",
            "delete demo/web"
        ]
    );
    let some = |s: &str| Some(s.to_string());
    assert_eq!(
        audit_actions(&state).await,
        vec![
            (
                "repository.delete".into(),
                "success".into(),
                some("req-delete")
            ),
            (
                "repository.create".into(),
                "failure".into(),
                some("req-dup")
            ),
            (
                "repository.lifecycle_policy.put".into(),
                "success".into(),
                some("req-lcp")
            ),
            (
                "repository.create".into(),
                "success".into(),
                some("req-create")
            ),
        ]
    );
}

#[tokio::test]
async fn a_failed_lifecycle_policy_says_the_repository_exists() {
    let ecr = Arc::new(FakeEcr {
        fail_lifecycle: true,
        ..FakeEcr::default()
    });
    let (state, _db) = state(ecr.clone(), "lcp").await;
    let mut req = request("demo/api");
    req.lifecycle_policy =
        Some(serde_json::to_value(validate::ecr::LifecyclePolicy::simple(None, Some(7))).unwrap());
    let err = repositories::create(&state, &user(&[Role::Deployer]), &req)
        .await
        .unwrap_err();
    assert_eq!(err.code(), "aws_error");
    assert!(
        err.to_string().contains("the repository was created"),
        "{err}"
    );
    let actions = audit_actions(&state).await;
    assert_eq!(actions[0].0, "repository.lifecycle_policy.put");
    assert_eq!(actions[0].1, "failure");
}

#[tokio::test]
async fn the_audit_log_refuses_updates_and_deletes() {
    let (state, _db) = state(Arc::new(FakeEcr::default()), "append").await;
    repositories::create(&state, &user(&[Role::Deployer]), &request("demo/x1"))
        .await
        .unwrap();
    // On both engines (BERTH_TEST_ENGINE), the database itself refuses: row updates, deletes
    // and (Postgres) TRUNCATE.
    assert!(sqlx::query("UPDATE audit_events SET actor = 'mallory'")
        .execute(&state.db.pool)
        .await
        .is_err());
    assert!(sqlx::query("DELETE FROM audit_events")
        .execute(&state.db.pool)
        .await
        .is_err());
    if state.db.engine == backend::db::Engine::Postgres {
        assert!(sqlx::query("TRUNCATE audit_events")
            .execute(&state.db.pool)
            .await
            .is_err());
    }
    assert_eq!(audit_actions(&state).await.len(), 1);
}

#[tokio::test]
async fn listing_follows_ecr_pagination() {
    let ecr = Arc::new(FakeEcr::default());
    let (state, _db) = state(ecr.clone(), "pages").await;
    let viewer = user(&[Role::Viewer]);
    let first = repositories::list(&state, &viewer, Some(1), Some(String::new()), false)
        .await
        .unwrap();
    assert_eq!(first.repositories[0].repository_name, "demo/a");
    assert_eq!(first.next_token.as_deref(), Some("page-2"));
    let second = repositories::list(&state, &viewer, Some(1), first.next_token, false)
        .await
        .unwrap();
    assert_eq!(second.repositories[0].repository_name, "demo/b");
    assert_eq!(second.next_token, None);
    let err = repositories::list(&state, &viewer, Some(0), None, false)
        .await
        .unwrap_err();
    assert_eq!(err.code(), "bad_request");
    assert_eq!(
        ecr.calls(),
        [
            "describe None Some(1) None",
            "describe None Some(1) Some(\"page-2\")"
        ],
        "an empty token means the first page, and bad sizes never reach AWS"
    );
}

#[tokio::test]
async fn json_bodies_get_403_before_422_and_schema_findings_with_the_rest() {
    let ecr = Arc::new(FakeEcr::default());
    let (state, _db) = state(ecr.clone(), "json").await;
    let body = serde_json::json!({"repositoryName": 5, "imageTagMutability": "FROZEN"});
    let err = repositories::create_from_json(&state, &user(&[Role::Viewer]), &body)
        .await
        .unwrap_err();
    assert_eq!(err.code(), "forbidden");
    let err = repositories::create_from_json(&state, &user(&[Role::Deployer]), &body)
        .await
        .unwrap_err();
    let rules: Vec<(&str, &str)> = err
        .findings()
        .unwrap()
        .iter()
        .map(|f| (f.rule.as_str(), f.path.as_str()))
        .collect();
    assert!(rules.contains(&("SCHEMA", "repositoryName")), "{rules:?}");
    assert!(
        rules.contains(&("ECR-MUT-001", "imageTagMutability")),
        "{rules:?}"
    );
    assert!(ecr.calls().is_empty());
}

#[tokio::test]
async fn images_are_listed_newest_push_first_page_by_page() {
    let ecr = Arc::new(FakeEcr::default());
    let (state, _db) = state(ecr.clone(), "images").await;
    let reader = user(&[Role::Viewer]);
    let page = repositories::images(&state, &reader, "demo/web", None)
        .await
        .unwrap();
    let tags: Vec<&str> = page
        .images
        .iter()
        .map(|i| i.image_tags[0].as_str())
        .collect();
    assert_eq!(tags, ["1.2", "1.1", "1.0"]);
    assert_eq!(page.next_token.as_deref(), Some("images-2"));
    let next = repositories::images(&state, &reader, "demo/web", page.next_token)
        .await
        .unwrap();
    assert_eq!(next.images[0].image_tags, ["0.9"]);
    assert_eq!(next.next_token, None);
    assert_eq!(
        ecr.calls(),
        ["images demo/web None", "images demo/web Some(\"images-2\")"]
    );
}
