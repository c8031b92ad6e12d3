//! The console's routes. Every page except the shell (layout, header, login, not found) is a
//! lazy route: its code — and what only it uses, such as the validator for the wizards — is
//! split out of the main WASM module into a chunk the browser fetches when the route is first
//! shown (and the server's HTML preloads it on a direct load). The first page a user opens
//! therefore costs the shell plus that one page, however many wizards Berth grows.
//!
//! Hovering or focusing a link to a wizard fetches its chunk ahead of the click
//! ([`WarmLink`](crate::components::warm_link::WarmLink) with the `preload_*` functions here).

use crate::pages::{
    audit::AuditPage, home::HomePage, login::LoginPage, not_found::NotFound,
    repositories::detail::RepositoryPage, repositories::list::RepositoriesPage,
    repositories::new::NewRepositoryPage, roles::detail::RolePage, roles::list::RolesPage,
    roles::new::NewRolePage, task_definitions::compare::ComparePage,
    task_definitions::family::FamilyPage, task_definitions::import::ImportTaskDefinitionPage,
    task_definitions::list::TaskDefinitionsPage, task_definitions::new::NewTaskDefinitionPage,
    task_definitions::revision::RevisionPage, tokens::TokensPage,
};
use leptos::prelude::*;
use leptos_router::components::{FlatRoutes, Route};
use leptos_router::{lazy_route, path, Lazy, LazyRoute, SsrMode};

/// One lazy route per page: `$route` shows `$page`, and `$preload` (when given) fetches its
/// chunk in the background.
macro_rules! lazy_pages {
    ($($route:ident => $page:ident $(, $preload:ident)?;)*) => {$(
        #[doc = concat!("The lazy route of [`", stringify!($page), "`].")]
        pub struct $route;

        #[lazy_route]
        impl LazyRoute for $route {
            fn data() -> Self {
                Self
            }
            fn view(_this: Self) -> AnyView {
                view! { <$page/> }.into_any()
            }
        }

        $(
            #[doc = concat!("Fetches the chunk of [`", stringify!($page), "`] ahead of a click.")]
            pub fn $preload() {
                leptos::task::spawn_local(<$route as LazyRoute>::preload());
            }
        )?
    )*};
}

lazy_pages! {
    HomeRoute => HomePage;
    RepositoriesRoute => RepositoriesPage;
    NewRepositoryRoute => NewRepositoryPage, preload_new_repository;
    RepositoryRoute => RepositoryPage;
    RolesRoute => RolesPage;
    NewRoleRoute => NewRolePage, preload_new_role;
    RoleRoute => RolePage;
    TaskDefinitionsRoute => TaskDefinitionsPage;
    ImportTaskDefinitionRoute => ImportTaskDefinitionPage, preload_import_task_definition;
    NewTaskDefinitionRoute => NewTaskDefinitionPage, preload_new_task_definition;
    FamilyRoute => FamilyPage;
    CompareRoute => ComparePage;
    RevisionRoute => RevisionPage;
    AuditRoute => AuditPage;
    TokensRoute => TokensPage;
}

/// Every route of the console; what the server renders and the browser hydrates.
#[component]
pub fn AppRoutes() -> impl IntoView {
    view! {
        <FlatRoutes fallback=|| view! { <NotFound/> }>
            <Route path=path!("/") view={Lazy::<HomeRoute>::new()} ssr=SsrMode::Async/>
            <Route path=path!("/login") view=LoginPage/>
            <Route path=path!("/repositories") view={Lazy::<RepositoriesRoute>::new()} ssr=SsrMode::Async/>
            <Route path=path!("/repositories/new") view={Lazy::<NewRepositoryRoute>::new()} ssr=SsrMode::Async/>
            <Route path=path!("/repositories/*name") view={Lazy::<RepositoryRoute>::new()} ssr=SsrMode::Async/>
            <Route path=path!("/roles") view={Lazy::<RolesRoute>::new()} ssr=SsrMode::Async/>
            <Route path=path!("/roles/new") view={Lazy::<NewRoleRoute>::new()} ssr=SsrMode::Async/>
            <Route path=path!("/roles/:name") view={Lazy::<RoleRoute>::new()} ssr=SsrMode::Async/>
            <Route path=path!("/task-definitions") view={Lazy::<TaskDefinitionsRoute>::new()} ssr=SsrMode::Async/>
            <Route path=path!("/task-definitions/import") view={Lazy::<ImportTaskDefinitionRoute>::new()} ssr=SsrMode::Async/>
            <Route path=path!("/task-definitions/new") view={Lazy::<NewTaskDefinitionRoute>::new()} ssr=SsrMode::Async/>
            <Route path=path!("/task-definitions/:family") view={Lazy::<FamilyRoute>::new()} ssr=SsrMode::Async/>
            <Route path=path!("/task-definitions/:family/compare/:from/:to") view={Lazy::<CompareRoute>::new()} ssr=SsrMode::Async/>
            <Route path=path!("/task-definitions/:family/:revision") view={Lazy::<RevisionRoute>::new()} ssr=SsrMode::Async/>
            <Route path=path!("/audit") view={Lazy::<AuditRoute>::new()} ssr=SsrMode::Async/>
            <Route path=path!("/tokens") view={Lazy::<TokensRoute>::new()} ssr=SsrMode::Async/>
        </FlatRoutes>
    }
}
