//! Route packs: the chunks a lazy route needs, in one file, for the first page of a visit.
//!
//! The splitter gives each route its own module plus one chunk per *set of routes* sharing
//! code, so a list page needs 50–90 small files. Compressed one by one they cost far more
//! than together: measured on 2026-12-02, `/repositories`' 83 chunks were 91.3 KB as 83
//! brotli files and 64.4 KB as one (brotli finds the repetition across chunks, and each small
//! file pays its own headers and tables). So for every route this writes `pack_<route>.wasm`:
//! all the files the route's manifest entry lists, in one container, and points the manifest
//! (which Leptos' SSR turns into `<link rel="preload">`) at the pack instead.
//!
//! The loader is taught to use it: the first route loaded in a page (the one the server
//! rendered and preloaded) takes its chunks from its pack; every later load — a client-side
//! navigation, a hover preload — fetches only the chunks it is missing, one file each, as the
//! splitter intended, so nothing already loaded is downloaded again. If the pack cannot be
//! fetched, the chunks are fetched one by one.
//!
//! Container (little-endian): `BPK1`, entry count (u32), then per entry the name length (u32),
//! the name (UTF-8) and the data length (u32); then the data of every entry, in order.

use std::collections::HashMap;
use std::path::Path;

/// `BPK1`, read as a little-endian u32 by the loader.
const MAGIC: &[u8; 4] = b"BPK1";

/// The pack file stem of a manifest key (`pack_` + key; Leptos appends `.wasm`).
pub fn pack_name(key: &str) -> String {
    format!("pack_{key}")
}

/// Writes one pack per manifest entry into `out_dir` and returns the manifest Leptos reads:
/// each key now names its pack alone.
pub fn write_packs(
    out_dir: &Path,
    manifest: &HashMap<String, Vec<String>>,
) -> Result<HashMap<String, Vec<String>>, Box<dyn std::error::Error>> {
    let mut packed = HashMap::new();
    for (key, files) in manifest {
        let mut entries = Vec::with_capacity(files.len());
        for stem in files {
            let path = out_dir.join(format!("{stem}.wasm"));
            let data =
                std::fs::read(&path).map_err(|e| format!("pack {key}: {}: {e}", path.display()))?;
            entries.push((stem.as_str(), data));
        }
        std::fs::write(
            out_dir.join(format!("{}.wasm", pack_name(key))),
            encode(&entries)?,
        )?;
        packed.insert(key.clone(), vec![pack_name(key)]);
    }
    Ok(packed)
}

/// The container bytes of `entries` (name, data).
fn encode(entries: &[(&str, Vec<u8>)]) -> Result<Vec<u8>, Box<dyn std::error::Error>> {
    let len = |n: usize| -> Result<[u8; 4], Box<dyn std::error::Error>> {
        Ok(u32::try_from(n)?.to_le_bytes())
    };
    let mut out = Vec::new();
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&len(entries.len())?);
    for (name, data) in entries {
        out.extend_from_slice(&len(name.len())?);
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(&len(data.len())?);
    }
    for (_, data) in entries {
        out.extend_from_slice(data);
    }
    Ok(out)
}

/// What the loader gains: `__berthFetch(name)` serves a chunk from the first route's pack when
/// it is there, and `__berthRoute(key, load)` marks which route loads first.
const LOADER_PRELUDE: &str = r#"// Berth: chunk packs (tools/wasm-split/src/pack.rs)
let __berthPack;
let __berthStarted = false;
function __berthUnpack(buf) {
    const v = new DataView(buf), dec = new TextDecoder(), index = [], chunks = new Map();
    if (v.getUint32(0, true) !== 0x314b5042) throw new Error("not a chunk pack");
    let at = 8;
    for (let i = 0, n = v.getUint32(4, true); i < n; i++) {
        const len = v.getUint32(at, true);
        const name = dec.decode(new Uint8Array(buf, at + 4, len));
        index.push([name, v.getUint32(at + 4 + len, true)]);
        at += 8 + len;
    }
    for (const [name, len] of index) { chunks.set(name, new Uint8Array(buf, at, len)); at += len; }
    return chunks;
}
function __berthChoose(key) {
    if (__berthStarted) return;
    __berthStarted = true;
    __berthPack = fetch(new URL(`./pack_${key}.wasm`, import.meta.url))
        .then((r) => { if (!r.ok) throw new Error(`pack ${key}: ${r.status}`); return r.arrayBuffer(); })
        .then(__berthUnpack);
    __berthPack.catch(() => {});
}
function __berthFetch(name) {
    const single = () => fetch(new URL(`./${name}.wasm`, import.meta.url));
    if (__berthPack === undefined) { __berthStarted = true; return single(); }
    return __berthPack.then((chunks) => {
        const bytes = chunks.get(name);
        if (bytes === undefined) return single();
        chunks.delete(name);
        return new Response(bytes, { headers: { "content-type": "application/wasm" } });
    }, single);
}
function __berthRoute(key, load) {
    return wrapAsyncCb(() => { __berthChoose(key); return load(); });
}
"#;

/// Rewrites the splitter's loader: every chunk fetch goes through `__berthFetch`, and every
/// route's exported load through `__berthRoute`. Fails when the loader does not have the
/// shape this was written for (a splitter upgrade must not silently drop the packs).
pub fn rewrite_loader(
    js: &str,
    manifest: &HashMap<String, Vec<String>>,
    modules: usize,
) -> Result<String, String> {
    const FETCH_HEAD: &str = "fetch(new URL(\"./";
    const FETCH_TAIL: &str = ".wasm\", import.meta.url))";
    let mut out = String::with_capacity(js.len() + LOADER_PRELUDE.len());
    let mut rest = js;
    let mut fetches = 0;
    while let Some(at) = rest.find(FETCH_HEAD) {
        let after = &rest[at + FETCH_HEAD.len()..];
        let end = after
            .find(FETCH_TAIL)
            .ok_or("loader: a chunk fetch without its `.wasm` URL")?;
        out.push_str(&rest[..at]);
        out.push_str(&format!("__berthFetch(\"{}\")", &after[..end]));
        rest = &after[end + FETCH_TAIL.len()..];
        fetches += 1;
    }
    out.push_str(rest);
    if fetches != modules {
        return Err(format!(
            "loader: {fetches} chunk fetches rewritten, but the splitter wrote {modules} modules"
        ));
    }
    for key in manifest.keys() {
        let from = format!("export const __wasm_split_load_{key} = wrapAsyncCb(makeLoad(");
        let to =
            format!("export const __wasm_split_load_{key} = __berthRoute(\"{key}\", makeLoad(");
        if out.matches(&from).count() != 1 {
            return Err(format!("loader: no single export for route {key}"));
        }
        out = out.replace(&from, &to);
    }
    let first_line = out.find('\n').ok_or("loader: empty")? + 1;
    out.insert_str(first_line, LOADER_PRELUDE);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_container_lists_names_then_data() {
        let bytes = encode(&[("a", vec![1, 2]), ("bc", vec![3])]).unwrap();
        let mut expected = b"BPK1".to_vec();
        expected.extend([2, 0, 0, 0]);
        expected.extend([1, 0, 0, 0, b'a', 2, 0, 0, 0]);
        expected.extend([2, 0, 0, 0, b'b', b'c', 1, 0, 0, 0]);
        expected.extend([1, 2, 3]);
        assert_eq!(bytes, expected);
        assert_eq!(
            u32::from_le_bytes(*MAGIC),
            0x314b5042,
            "the loader's magic number"
        );
    }

    const LOADER: &str = "import { initSync } from \"./berth.js\";\n\
        function wrapAsyncCb(callee) { return callee; }\n\
        const __chunk_1 = makeLoad(() => {\n    const src = fetch(new URL(\"./chunk_1.wasm\", import.meta.url));\n}, []);\n\
        export const __wasm_split_load___a_route = wrapAsyncCb(makeLoad(() => {\n    const src = fetch(new URL(\"./split___a_route.wasm\", import.meta.url));\n}, [__chunk_1]));\n";

    #[test]
    fn the_loader_fetches_through_the_pack() {
        let manifest = HashMap::from([(
            "__a_route".to_string(),
            vec!["chunk_1".to_string(), "split___a_route".to_string()],
        )]);
        let js = rewrite_loader(LOADER, &manifest, 2).unwrap();
        assert!(js.contains("__berthFetch(\"chunk_1\")"), "{js}");
        assert!(js.contains("__berthFetch(\"split___a_route\")"), "{js}");
        assert!(!js.contains("fetch(new URL(\"./chunk_1.wasm\""), "{js}");
        assert!(js.contains(
            "export const __wasm_split_load___a_route = __berthRoute(\"__a_route\", makeLoad("
        ));
        assert!(js.starts_with("import { initSync } from \"./berth.js\";\n// Berth: chunk packs"));
    }

    #[test]
    fn an_unexpected_loader_shape_fails_the_build() {
        let manifest = HashMap::from([("__b_route".to_string(), vec![])]);
        assert!(rewrite_loader(LOADER, &manifest, 2)
            .unwrap_err()
            .contains("__b_route"));
        let manifest = HashMap::new();
        assert!(rewrite_loader(LOADER, &manifest, 3)
            .unwrap_err()
            .contains("2 chunk fetches"));
    }
}
