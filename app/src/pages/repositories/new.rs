//! The repository wizard: Name → Tags & scanning → Encryption → Lifecycle → Review.
//!
//! Every input change re-runs `validate::ecr::check_repository` in the browser (WASM, no
//! request to the server) and shows each finding next to its field. Review shows the exact
//! `CreateRepository` and `PutLifecyclePolicy` requests; Create sends the same document to the
//! server, which validates it again before calling AWS.

use super::detail_href;
use super::lifecycle::{LifecycleInputs, LifecycleStep};
use crate::components::error_box::ErrorBox;
use crate::components::findings::{FieldFindings, FindingList};
use crate::components::inputs::Checkbox;
use crate::components::json_view::JsonView;
use crate::server_fns::repositories::SubmitRepository;
use crate::SessionResource;
use leptos::either::{Either, EitherOf3};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_navigate;
use serde_json::{json, Value};
use validate::ecr::{
    check_repository, CreateRepository, EncryptionConfiguration, ExclusionFilter,
    ImageScanningConfiguration, TAG_MUTABILITIES,
};
use validate::{Context, Finding};

/// The wizard's steps, named after what the user decides in each.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Step {
    Name,
    TagsAndScanning,
    Encryption,
    Lifecycle,
    Review,
}

impl Step {
    const ALL: [Step; 5] = [
        Step::Name,
        Step::TagsAndScanning,
        Step::Encryption,
        Step::Lifecycle,
        Step::Review,
    ];

    fn title(self) -> &'static str {
        match self {
            Step::Name => "Name",
            Step::TagsAndScanning => "Tags & scanning",
            Step::Encryption => "Encryption",
            Step::Lifecycle => "Lifecycle",
            Step::Review => "Review",
        }
    }

    /// Which findings belong to this step (by path).
    fn owns(self, path: &str) -> bool {
        match self {
            Step::Name => {
                path.starts_with("repositoryName")
                    || path.starts_with("registryId")
                    || path.starts_with("tags")
            }
            Step::TagsAndScanning => {
                path.starts_with("imageTag") || path.starts_with("imageScanning")
            }
            Step::Encryption => path.starts_with("encryption"),
            Step::Lifecycle => path.starts_with("lifecyclePolicy"),
            Step::Review => false,
        }
    }

    fn index(self) -> usize {
        Step::ALL.iter().position(|s| *s == self).unwrap_or(0)
    }
}

/// Every input of the wizard.
#[derive(Clone, Copy)]
struct Inputs {
    team: RwSignal<String>,
    name: RwSignal<String>,
    mutability: RwSignal<String>,
    filters: RwSignal<String>,
    scan_on_push: RwSignal<bool>,
    encryption: RwSignal<String>,
    kms_key: RwSignal<String>,
    lifecycle: LifecycleInputs,
}

impl Inputs {
    fn full_name(&self) -> String {
        let team = self.team.get();
        let name = self.name.get();
        if team.is_empty() {
            name
        } else {
            format!("{team}/{name}")
        }
    }

    /// The request document the inputs describe.
    fn request(&self) -> CreateRepository {
        let mutability = self.mutability.get();
        let filters = mutability.ends_with("_WITH_EXCLUSION").then(|| {
            self.filters
                .get()
                .split(',')
                .map(str::trim)
                .filter(|f| !f.is_empty())
                .map(|f| ExclusionFilter {
                    filter_type: Some("WILDCARD".into()),
                    filter: Some(f.to_string()),
                })
                .collect::<Vec<_>>()
        });
        let encryption = self.encryption.get();
        let kms_key = self.kms_key.get();
        CreateRepository {
            repository_name: Some(self.full_name()),
            image_tag_mutability: Some(mutability),
            image_tag_mutability_exclusion_filters: filters,
            image_scanning_configuration: Some(ImageScanningConfiguration {
                scan_on_push: Some(self.scan_on_push.get()),
            }),
            encryption_configuration: Some(EncryptionConfiguration {
                kms_key: (encryption != "AES256" && !kms_key.trim().is_empty())
                    .then(|| kms_key.trim().to_string()),
                encryption_type: Some(encryption),
            }),
            lifecycle_policy: self.lifecycle.policy(),
            ..Default::default()
        }
    }
}

#[component]
pub fn NewRepositoryPage() -> impl IntoView {
    let session = expect_context::<SessionResource>();
    view! {
        <Title text="Create repository"/>
        <p class="crumbs"><a href="/repositories">"Repositories"</a> " / new"</p>
        <h1>"Create a repository"</h1>
        <Suspense fallback=|| view! { <p class="loading">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match session.await {
                    Ok(info) if info.can_deploy() => EitherOf3::A(view! {
                        <Wizard teams=info.user.teams.clone() region=info.region.clone()
                            admin=info.user.roles.iter().any(|r| r == "admin")/>
                    }),
                    Ok(_) => EitherOf3::B(view! {
                        <p class="error-box" role="alert">"Creating repositories needs the deployer role. Ask an admin of your team."</p>
                    }),
                    Err(e) => EitherOf3::C(view! { <ErrorBox error=e/> }),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Wizard(teams: Vec<String>, region: String, admin: bool) -> impl IntoView {
    let inputs = Inputs {
        team: RwSignal::new(teams.first().cloned().unwrap_or_default()),
        name: RwSignal::new(String::new()),
        mutability: RwSignal::new("IMMUTABLE_WITH_EXCLUSION".into()),
        filters: RwSignal::new("latest".into()),
        scan_on_push: RwSignal::new(false),
        encryption: RwSignal::new("AES256".into()),
        kms_key: RwSignal::new(String::new()),
        lifecycle: LifecycleInputs::new(),
    };
    inputs.lifecycle.mode.set(super::lifecycle::Mode::Builder);
    let step = RwSignal::new(Step::Name);
    let context = Context {
        region: Some(region),
        ..Context::default()
    };
    let request = Memo::new(move |_| inputs.request());
    let findings: Memo<Vec<Finding>> =
        Memo::new(move |_| check_repository(&request.get(), &context));
    let errors_in = move |s: Step| {
        findings
            .get()
            .iter()
            .filter(|f| f.is_error() && s.owns(&f.path))
            .count()
    };
    let total_errors = move || findings.get().iter().filter(|f| f.is_error()).count();
    let findings_signal = Signal::derive(move || findings.get());

    let action = ServerAction::<SubmitRepository>::new();
    let navigate = use_navigate();
    Effect::new(move || {
        if let Some(Ok(repo)) = action.value().get() {
            navigate(&detail_href(&repo.repository_name), Default::default());
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if step.get_untracked() != Step::Review {
            let next = Step::ALL[(step.get_untracked().index() + 1).min(4)];
            step.set(next);
            return;
        }
        if total_errors() == 0 {
            action.dispatch(SubmitRepository {
                request: request.get_untracked(),
            });
        }
    };

    view! {
        <ol class="steps" aria-label="Steps">
            {Step::ALL.into_iter().map(|s| view! {
                <li class:current=move || step.get() == s>
                    <button type="button" class="step" aria-current=move || (step.get() == s).then_some("step")
                        on:click=move |_| step.set(s)>
                        <span class="num">{s.index() + 1}</span> " " {s.title()}
                        {move || (errors_in(s) > 0).then(|| view! {
                            <span class="badge" title="errors in this step">{errors_in(s)}</span>
                        })}
                    </button>
                </li>
            }).collect_view()}
        </ol>
        <form class="wizard stack" on:submit=submit novalidate>
            <div hidden=move || step.get() != Step::Name>
                <NameStep inputs teams=teams.clone() admin findings=findings_signal/>
            </div>
            <div hidden=move || step.get() != Step::TagsAndScanning>
                <TagsStep inputs findings=findings_signal/>
            </div>
            <div hidden=move || step.get() != Step::Encryption>
                <EncryptionStep inputs findings=findings_signal/>
            </div>
            <div hidden=move || step.get() != Step::Lifecycle>
                <LifecycleStep inputs=inputs.lifecycle/>
                <FieldFindings findings=findings_signal path="lifecyclePolicy" nested=true/>
            </div>
            <div hidden=move || step.get() != Step::Review>
                <ReviewStep request findings=findings_signal/>
            </div>
            <div class="actions">
                <button type="button" class="secondary" disabled=move || step.get() == Step::Name
                    on:click=move |_| step.set(Step::ALL[step.get().index().saturating_sub(1)])>"Back"</button>
                {move || if step.get() == Step::Review {
                    Either::Left(view! {
                        <button type="submit" disabled=move || { total_errors() > 0 || action.pending().get() }>
                            {move || if action.pending().get() { "Creating…" } else { "Create repository" }}
                        </button>
                    })
                } else {
                    Either::Right(view! { <button type="submit">"Next"</button> })
                }}
            </div>
            {move || action.value().get().and_then(|r| r.err()).map(|e| view! { <ErrorBox error=e/> })}
        </form>
    }
}

#[component]
fn NameStep(
    inputs: Inputs,
    teams: Vec<String>,
    admin: bool,
    findings: Signal<Vec<Finding>>,
) -> impl IntoView {
    let team = inputs.team;
    let name = inputs.name;
    view! {
        <fieldset class="stack">
            <legend>"Name"</legend>
            <p class="note">"Repository names start with your team, so everyone can see who owns what."</p>
            <div class="row">
                <label for="team">"Team"</label>
                <select id="team" prop:value=move || team.get() on:change=move |ev| team.set(event_target_value(&ev))>
                    {teams.into_iter().map(|t| {
                        let selected = t == team.get_untracked();
                        view! { <option value=t.clone() selected=selected>{t.clone()}</option> }
                    }).collect_view()}
                    {admin.then(|| view! { <option value="">"(no team prefix — admins only)"</option> })}
                </select>
                <span class="slash">"/"</span>
                <label for="repository-name" class="sr-only">"Repository name"</label>
                <input id="repository-name" name="repositoryName" placeholder="web" autocomplete="off"
                    aria-describedby="repository-name-findings" spellcheck="false"
                    prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev))/>
            </div>
            <p class="hint">"Lowercase letters and digits, separated by . _ - or / (2–256 characters in all)."</p>
            <FieldFindings findings path="repositoryName" id="repository-name-findings"/>
        </fieldset>
    }
}

#[component]
fn TagsStep(inputs: Inputs, findings: Signal<Vec<Finding>>) -> impl IntoView {
    let mutability = inputs.mutability;
    let filters = inputs.filters;
    let scan = inputs.scan_on_push;
    let help = |m: &str| match m {
        "MUTABLE" => "Tags can be pushed again and move to the new image.",
        "IMMUTABLE" => "A tag, once pushed, always names the same image.",
        "IMMUTABLE_WITH_EXCLUSION" => {
            "Immutable, except tags matching the filters (such as latest)."
        }
        _ => "Mutable, except tags matching the filters, which are immutable.",
    };
    view! {
        <fieldset class="stack">
            <legend>"Tag mutability"</legend>
            {TAG_MUTABILITIES.into_iter().map(|m| view! {
                <label class="radio">
                    <input type="radio" name="imageTagMutability" value=m
                        prop:checked=move || mutability.get() == m
                        on:change=move |_| mutability.set(m.to_string())/>
                    " " <code>{m}</code> " — " {help(m)}
                </label>
            }).collect_view()}
            <FieldFindings findings path="imageTagMutability"/>
            <div hidden=move || !mutability.get().ends_with("_WITH_EXCLUSION")>
                <label for="exclusion-filters">"Exclusion filters (comma-separated wildcard patterns, 1–5)"</label>
                <input id="exclusion-filters" placeholder="latest, dev-*" spellcheck="false"
                    prop:value=move || filters.get() on:input=move |ev| filters.set(event_target_value(&ev))/>
                <FieldFindings findings path="imageTagMutabilityExclusionFilters" nested=true/>
            </div>
        </fieldset>
        <fieldset class="stack">
            <legend>"Image scanning"</legend>
            <Checkbox checked=scan label="Scan images for vulnerabilities when they are pushed"/>
            <p class="hint">"Registry-level scanning settings supersede this per-repository switch."</p>
            <FieldFindings findings path="imageScanningConfiguration.scanOnPush"/>
        </fieldset>
    }
}

#[component]
fn EncryptionStep(inputs: Inputs, findings: Signal<Vec<Finding>>) -> impl IntoView {
    let encryption = inputs.encryption;
    let kms_key = inputs.kms_key;
    view! {
        <fieldset class="stack">
            <legend>"Encryption at rest"</legend>
            <p class="note warn">"Encryption cannot be changed after the repository is created."</p>
            <label class="radio">
                <input type="radio" name="encryptionType" value="AES256"
                    prop:checked=move || encryption.get() == "AES256"
                    on:change=move |_| encryption.set("AES256".into())/>
                " " <code>"AES256"</code> " — Amazon S3-managed keys, no setup"
            </label>
            <label class="radio">
                <input type="radio" name="encryptionType" value="KMS"
                    prop:checked=move || encryption.get() == "KMS"
                    on:change=move |_| encryption.set("KMS".into())/>
                " " <code>"KMS"</code> " — an AWS KMS key (AWS-managed unless you name one)"
            </label>
            <FieldFindings findings path="encryptionConfiguration.encryptionType"/>
            <div hidden=move || encryption.get() == "AES256">
                <label for="kms-key">"KMS key ARN, id or alias (optional)"</label>
                <input id="kms-key" placeholder="arn:aws:kms:us-east-1:123456789012:key/…" spellcheck="false"
                    prop:value=move || kms_key.get() on:input=move |ev| kms_key.set(event_target_value(&ev))/>
                <FieldFindings findings path="encryptionConfiguration.kmsKey"/>
            </div>
            <FieldFindings findings path="encryptionConfiguration"/>
        </fieldset>
    }
}

#[component]
fn ReviewStep(request: Memo<CreateRepository>, findings: Signal<Vec<Finding>>) -> impl IntoView {
    let create = Signal::derive(move || {
        serde_json::to_value(request.get().aws_request()).unwrap_or(Value::Null)
    });
    let put_lifecycle = Signal::derive(move || {
        let r = request.get();
        r.lifecycle_policy.as_ref().map(|p| {
            json!({
                "repositoryName": r.repository_name.clone().unwrap_or_default(),
                "lifecyclePolicyText": match p { Value::String(s) => s.clone(), other => other.to_string() },
            })
        })
    });
    view! {
        <section class="stack">
            <h2>"Review"</h2>
            {move || {
                let all = findings.get();
                if all.is_empty() {
                    Either::Left(view! { <p class="ok">"No problems found."</p> })
                } else {
                    Either::Right(view! { <FindingList findings=all/> })
                }
            }}
            <h3>"CreateRepository request"</h3>
            <JsonView value=create label="CreateRepository request"/>
            {move || put_lifecycle.get().map(|v| view! {
                <h3>"PutLifecyclePolicy request"</h3>
                <p class="hint">"Sent right after the repository is created. The policy travels as a JSON string; it is shown decoded below."</p>
                <JsonView value=Signal::stored(v) label="PutLifecyclePolicy request"/>
            })}
            {move || request.get().lifecycle_policy.filter(Value::is_object).map(|policy| view! {
                <h3>"Lifecycle policy (decoded)"</h3>
                <JsonView value=Signal::stored(policy) label="Lifecycle policy document"/>
            })}
        </section>
    }
}
