//! Splits the linked browser bundle (`frontend.wasm`, linked with `--emit-relocs`) at the
//! `#[lazy]` / `#[lazy_route]` split points Leptos leaves in it, exactly as cargo-leptos 0.3
//! does for `--split`: the main module (to be run through wasm-bindgen with
//! `--keep-lld-exports`), one `.wasm` per lazy route and per chunk shared by several, the
//! loader module under the name Leptos' SSR imports, and the manifest Leptos reads to emit
//! `<link rel=preload>` for the chunks a page needs. Each chunk is then compacted
//! ([`compact`]), and each route's chunks are also written as one pack file that the first
//! page of a visit fetches instead of 50–90 small files ([`pack`]).
//!
//! It exists because the stock `wasm-split-cli` fixes the loader's name and writes no
//! manifest; cargo-leptos is not required to build Berth (scripts/build-site.sh uses this).
//!
//! Usage: `wasm-split <input.wasm> <pkg dir> <main out.wasm> <main module, e.g. ./berth.js>`

mod compact;
mod pack;

use std::path::Path;
use std::process::ExitCode;

/// The loader file name Leptos 0.8 imports when file hashing is off
/// (leptos `hydration/mod.rs`): `__wasm_split.` + 22 underscores + `.js`.
const LINK_NAME: &str = "./__wasm_split.______________________.js";
/// The manifest Leptos' `HydrationScripts` reads from `<site>/<pkg>/`.
const MANIFEST: &str = "__wasm_split_manifest.json";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [input, out_dir, main_out, main_module] = args.as_slice() else {
        eprintln!("usage: wasm-split <input.wasm> <pkg dir> <main out.wasm> <main module>");
        return ExitCode::from(2);
    };
    match run(
        Path::new(input),
        Path::new(out_dir),
        Path::new(main_out),
        main_module,
    ) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("wasm-split: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn run(
    input: &Path,
    out_dir: &Path,
    main_out: &Path,
    main_module: &str,
) -> Result<(), Box<dyn std::error::Error>> {
    let wasm = std::fs::read(input).map_err(|e| format!("reading {}: {e}", input.display()))?;
    let mut options = wasm_split_cli_support::Options::new(&wasm);
    options.output_dir = out_dir;
    options.main_out_path = main_out;
    options.main_module = main_module;
    options.link_name = LINK_NAME;
    let split = wasm_split_cli_support::transform(options).map_err(|e| format!("{e:?}"))?;
    // BERTH_SPLIT_KEEP_NAMES=1 keeps the chunks' name sections and writes no packs (for
    // twiggy: one file per chunk, with names).
    let keep_names = std::env::var_os("BERTH_SPLIT_KEEP_NAMES").is_some();
    for module in &split.split_modules {
        if !keep_names {
            compact::compact_chunk(module)?;
        }
        println!("{}", module.display());
    }
    let manifest = if keep_names {
        split.prefetch_map
    } else {
        let loader_path = out_dir.join(LINK_NAME);
        let loader = std::fs::read_to_string(&loader_path)?;
        let loader = pack::rewrite_loader(&loader, &split.prefetch_map, split.split_modules.len())?;
        std::fs::write(&loader_path, loader)?;
        pack::write_packs(out_dir, &split.prefetch_map)?
    };
    std::fs::write(
        out_dir.join(MANIFEST),
        serde_json::to_string_pretty(&manifest)?,
    )?;
    Ok(())
}
