//! Splits the linked browser bundle (`frontend.wasm`, linked with `--emit-relocs`) at the
//! `#[lazy]` / `#[lazy_route]` split points Leptos leaves in it, exactly as cargo-leptos 0.3
//! does for `--split`: the main module (to be run through wasm-bindgen with
//! `--keep-lld-exports`), one `.wasm` per lazy route and per chunk shared by several, the
//! loader module under the name Leptos' SSR imports, and the manifest Leptos reads to emit
//! `<link rel=preload>` for the chunks a page needs.
//!
//! It exists because the stock `wasm-split-cli` fixes the loader's name and writes no
//! manifest; cargo-leptos is not required to build Berth (scripts/build-site.sh uses this).
//!
//! Usage: `wasm-split <input.wasm> <pkg dir> <main out.wasm> <main module, e.g. ./berth.js>`

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
    let manifest = serde_json::to_string_pretty(&split.prefetch_map)?;
    std::fs::write(out_dir.join(MANIFEST), manifest)?;
    // BERTH_SPLIT_KEEP_NAMES=1 keeps the chunks' name sections (for twiggy; see scripts/twiggy.sh).
    let keep_names = std::env::var_os("BERTH_SPLIT_KEEP_NAMES").is_some();
    for module in &split.split_modules {
        if !keep_names {
            compact_chunk(module)?;
        }
        println!("{}", module.display());
    }
    Ok(())
}

/// Rewrites a chunk compactly: drops its custom sections (names, producers, DWARF; the chunks
/// do not go through wasm-bindgen, which strips the main module), keeps only the function
/// types the chunk uses (the splitter copies the whole type section into every chunk), and
/// re-encodes every instruction, which writes the LEB128 indices `--emit-relocs` padded to
/// five bytes in their shortest form. Measured on 2026-12-02: 300–900 bytes less per chunk,
/// ~130 bytes brotli per small chunk. (wasm-opt -Oz on chunks saves nothing more after brotli
/// and costs ~2 s of node-binaryen per chunk, so the build does not run it on them.)
fn compact_chunk(path: &Path) -> Result<(), Box<dyn std::error::Error>> {
    let bytes = std::fs::read(path)?;
    let mut used = UsedTypes::default();
    used.parse_core_module(
        &mut wasm_encoder::Module::new(),
        wasmparser::Parser::new(0),
        &bytes,
    )
    .map_err(|e| format!("{}: {e}", path.display()))?;
    let mut compact = CompactTypes::new(used.0);
    let mut out = wasm_encoder::Module::new();
    compact
        .parse_core_module(&mut out, wasmparser::Parser::new(0), &bytes)
        .map_err(|e| format!("{}: {e}", path.display()))?;
    let out = out.finish();
    wasmparser::Validator::new_with_features(wasmparser::WasmFeatures::all())
        .validate_all(&out)
        .map_err(|e| format!("{} after compaction: {e}", path.display()))?;
    std::fs::write(path, out)?;
    Ok(())
}

use wasm_encoder::reencode::{Error as ReencodeError, Reencode};

/// First pass: records every type index a chunk refers to (imports, functions,
/// `call_indirect`, block types).
#[derive(Default)]
struct UsedTypes(std::collections::BTreeSet<u32>);

impl Reencode for UsedTypes {
    type Error = std::convert::Infallible;

    fn type_index(&mut self, ty: u32) -> Result<u32, ReencodeError<Self::Error>> {
        self.0.insert(ty);
        Ok(ty)
    }

    fn parse_custom_section(
        &mut self,
        _module: &mut wasm_encoder::Module,
        _section: wasmparser::CustomSectionReader<'_>,
    ) -> Result<(), ReencodeError<Self::Error>> {
        Ok(())
    }
}

/// Second pass: writes only the used types, renumbered in their original order, and no
/// custom sections.
struct CompactTypes {
    old_to_new: std::collections::HashMap<u32, u32>,
}

impl CompactTypes {
    fn new(used: std::collections::BTreeSet<u32>) -> Self {
        let old_to_new = used.into_iter().zip(0..).collect();
        Self { old_to_new }
    }
}

impl Reencode for CompactTypes {
    type Error = String;

    fn type_index(&mut self, ty: u32) -> Result<u32, ReencodeError<Self::Error>> {
        self.old_to_new
            .get(&ty)
            .copied()
            .ok_or_else(|| ReencodeError::UserError(format!("type {ty} was not collected")))
    }

    fn parse_type_section(
        &mut self,
        types: &mut wasm_encoder::TypeSection,
        section: wasmparser::TypeSectionReader<'_>,
    ) -> Result<(), ReencodeError<Self::Error>> {
        let mut index = 0u32;
        for group in section {
            let group = group?;
            let count = group.types().len() as u32;
            if group.is_explicit_rec_group() {
                return Err(ReencodeError::UserError(
                    "recursive type groups are not expected in a chunk".into(),
                ));
            }
            if self.old_to_new.contains_key(&index) {
                self.parse_recursive_type_group(types.ty(), group)?;
            }
            index += count;
        }
        Ok(())
    }

    fn parse_custom_section(
        &mut self,
        _module: &mut wasm_encoder::Module,
        _section: wasmparser::CustomSectionReader<'_>,
    ) -> Result<(), ReencodeError<Self::Error>> {
        Ok(())
    }
}
