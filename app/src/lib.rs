//! Berth's web console: pages, wizards and the server functions behind them.
//!
//! Compiled twice: with `ssr` into the server (pages rendered to HTML, server functions run
//! there and call `backend`), and with `hydrate` into the browser bundle, where the wizards
//! run the `validate` crate on every keystroke.

#![recursion_limit = "512"]

pub mod components;
pub mod error;
pub mod pages;
pub mod server_fns;

use components::layout::AppHeader;
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags, Stylesheet, Title};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{path, SsrMode};
use pages::{
    audit::AuditPage, home::HomePage, login::LoginPage, not_found::NotFound,
    repositories::detail::RepositoryPage, repositories::list::RepositoriesPage,
    repositories::new::NewRepositoryPage, roles::detail::RolePage, roles::list::RolesPage,
    roles::new::NewRolePage, task_definitions::compare::ComparePage,
    task_definitions::family::FamilyPage, task_definitions::import::ImportTaskDefinitionPage,
    task_definitions::list::TaskDefinitionsPage, task_definitions::new::NewTaskDefinitionPage,
    task_definitions::revision::RevisionPage, tokens::TokensPage,
};
use server_fns::session::{get_session_info, SessionInfo};

/// The HTML document around the app (server only).
pub fn shell(options: LeptosOptions) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html lang="en">
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                <HydrationScripts options/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// The signed-in user and console facts, loaded once and shared with every page.
pub type SessionResource = Resource<Result<SessionInfo, error::AppError>>;

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let session: SessionResource = Resource::new(|| (), |_| get_session_info());
    provide_context(session);
    provide_context(pages::task_definitions::Draft::new());

    view! {
        <Stylesheet id="berth" href="/pkg/berth.css"/>
        <Title formatter=|text: String| if text.is_empty() { "Berth".to_string() } else { format!("{text} · Berth") }/>
        <Router>
            <AppHeader/>
            <main id="main">
                <Routes fallback=|| view! { <NotFound/> }>
                    <Route path=path!("/") view=HomePage ssr=SsrMode::Async/>
                    <Route path=path!("/login") view=LoginPage/>
                    <Route path=path!("/repositories") view=RepositoriesPage ssr=SsrMode::Async/>
                    <Route path=path!("/repositories/new") view=NewRepositoryPage ssr=SsrMode::Async/>
                    <Route path=path!("/repositories/*name") view=RepositoryPage ssr=SsrMode::Async/>
                    <Route path=path!("/roles") view=RolesPage ssr=SsrMode::Async/>
                    <Route path=path!("/roles/new") view=NewRolePage ssr=SsrMode::Async/>
                    <Route path=path!("/roles/:name") view=RolePage ssr=SsrMode::Async/>
                    <Route path=path!("/task-definitions") view=TaskDefinitionsPage ssr=SsrMode::Async/>
                    <Route path=path!("/task-definitions/import") view=ImportTaskDefinitionPage ssr=SsrMode::Async/>
                    <Route path=path!("/task-definitions/new") view=NewTaskDefinitionPage ssr=SsrMode::Async/>
                    <Route path=path!("/task-definitions/:family") view=FamilyPage ssr=SsrMode::Async/>
                    <Route path=path!("/task-definitions/:family/compare/:from/:to") view=ComparePage ssr=SsrMode::Async/>
                    <Route path=path!("/task-definitions/:family/:revision") view=RevisionPage ssr=SsrMode::Async/>
                    <Route path=path!("/audit") view=AuditPage ssr=SsrMode::Async/>
                    <Route path=path!("/tokens") view=TokensPage ssr=SsrMode::Async/>
                </Routes>
            </main>
        </Router>
    }
}
