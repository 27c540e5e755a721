//! What the fuzz targets and the seed writer share: the endpoint registry, the sandbox
//! input format and the spec trees the spec target loads.
//!
//! Every target reads the generated registries (`mpapi_wechat::ENDPOINTS`,
//! `mpapi_baidu::ENDPOINTS`) and the files under `spec/`, so a new endpoint or spec file is
//! fuzzed without touching this crate.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use mpapi_runtime::EndpointInfo;

/// Every generated endpoint of every platform crate, in registry order.
pub fn endpoints() -> &'static [&'static EndpointInfo] {
    static ALL: OnceLock<Vec<&'static EndpointInfo>> = OnceLock::new();
    ALL.get_or_init(|| {
        mpapi_wechat::ENDPOINTS
            .iter()
            .chain(mpapi_baidu::ENDPOINTS)
            .copied()
            .collect()
    })
}

/// The endpoint a selector byte picks: its value modulo the number of endpoints.
pub fn pick(selector: u8) -> &'static EndpointInfo {
    let all = endpoints();
    all[usize::from(selector) % all.len()]
}

/// The selector byte of the endpoint at `index` in [`endpoints`].
pub fn selector(index: usize) -> u8 {
    u8::try_from(index).expect("fewer than 256 endpoints")
}

// ---------------------------------------------------------------------------------------
// Sandbox input: a sequence of calls.
// ---------------------------------------------------------------------------------------

/// Separates the calls of a sandbox input (never part of UTF-8 text).
pub const CALL_SEPARATOR: u8 = 0xFF;

/// At most this many calls of an input are made.
pub const MAX_CALLS: usize = 16;

/// Flag: the call carries no access token.
pub const NO_TOKEN: u8 = 1;
/// Flag: the call carries the other platform's token.
pub const OTHER_TOKEN: u8 = 2;
/// Flag: the call uses the other method (`GET` for `POST` and the reverse).
pub const OTHER_METHOD: u8 = 4;

/// The routes a sandbox call can take: an endpoint of [`endpoints`] or a token route.
#[derive(Clone, Copy, Debug)]
pub enum Route {
    /// A generated endpoint, at its path, method and fixed query parameters, with a token.
    Endpoint(&'static EndpointInfo),
    /// `GET /cgi-bin/token`.
    WechatToken,
    /// `POST /cgi-bin/stable_token`.
    WechatStableToken,
    /// `POST /oauth/2.0/token` (`GET` with [`OTHER_METHOD`]).
    BaiduToken,
}

const TOKEN_ROUTES: [Route; 3] = [
    Route::WechatToken,
    Route::WechatStableToken,
    Route::BaiduToken,
];

impl Route {
    /// The route a selector byte picks: the endpoints, then the token routes.
    pub fn pick(selector: u8) -> Route {
        let all = endpoints();
        let n = usize::from(selector) % (all.len() + TOKEN_ROUTES.len());
        match all.get(n) {
            Some(e) => Route::Endpoint(e),
            None => TOKEN_ROUTES[n - all.len()],
        }
    }

    /// The selector byte of this route.
    pub fn selector(self) -> u8 {
        let all = endpoints();
        let index = match self {
            Route::Endpoint(e) => all
                .iter()
                .position(|x| x.id == e.id)
                .expect("a registry endpoint"),
            Route::WechatToken => all.len(),
            Route::WechatStableToken => all.len() + 1,
            Route::BaiduToken => all.len() + 2,
        };
        selector(index)
    }
}

/// One call of a sandbox input: `[route][flags]query\nbody`.
#[derive(Clone, Copy, Debug)]
pub struct Call<'a> {
    /// The route selector, see [`Route::pick`].
    pub route: u8,
    /// [`NO_TOKEN`], [`OTHER_TOKEN`], [`OTHER_METHOD`].
    pub flags: u8,
    /// Query text added after the endpoint's fixed parameters and the token.
    pub query: &'a [u8],
    /// The request body.
    pub body: &'a [u8],
}

/// The calls of a sandbox input, at most [`MAX_CALLS`].
pub fn calls(data: &[u8]) -> impl Iterator<Item = Call<'_>> {
    data.split(|b| *b == CALL_SEPARATOR)
        .filter_map(|record| {
            let [route, flags, rest @ ..] = record else {
                return None;
            };
            let (query, body) = match rest.iter().position(|b| *b == b'\n') {
                Some(i) => (&rest[..i], &rest[i + 1..]),
                None => (rest, &[][..]),
            };
            Some(Call {
                route: *route,
                flags: *flags,
                query,
                body,
            })
        })
        .take(MAX_CALLS)
}

/// The input that [`calls`] reads back as `calls`.
pub fn encode(calls: &[Call<'_>]) -> Vec<u8> {
    let mut out = Vec::new();
    for (i, c) in calls.iter().enumerate() {
        if i > 0 {
            out.push(CALL_SEPARATOR);
        }
        out.extend([c.route, c.flags]);
        out.extend_from_slice(c.query);
        out.push(b'\n');
        out.extend_from_slice(c.body);
    }
    out
}

/// The WeChat app the sandbox target configures.
pub const WECHAT_APP: (&str, &str) = ("wxfuzz", "wechat-fuzz-secret");
/// The Baidu app the sandbox target configures.
pub const BAIDU_APP: (&str, &str) = ("baidu-fuzz", "baidu-fuzz-secret");

// ---------------------------------------------------------------------------------------
// Spec trees: the real specs with one file replaced by the input.
// ---------------------------------------------------------------------------------------

/// The repository's `spec/` folder.
pub fn spec_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join("spec")
}

/// Every `.yaml` file under `spec`, relative to it, sorted.
pub fn spec_files(spec: &Path) -> Vec<PathBuf> {
    fn walk(dir: &Path, base: &Path, out: &mut Vec<PathBuf>) {
        let Ok(read) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in read.flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, base, out);
            } else if path.extension().is_some_and(|e| e == "yaml")
                && let Ok(rel) = path.strip_prefix(base)
            {
                out.push(rel.to_path_buf());
            }
        }
    }
    let mut out = Vec::new();
    walk(spec, spec, &mut out);
    out.sort();
    out
}

/// The spec files [`SpecTrees`] makes a tree for, in selector order: every `.yaml` file
/// under `spec/<platform>/`, relative to `spec`.
pub fn tree_files(spec: &Path) -> Vec<PathBuf> {
    spec_files(spec)
        .into_iter()
        .filter(|rel| rel.iter().count() >= 2)
        .collect()
}

/// For each real spec file, a small spec tree around it in a temporary folder: its
/// platform's `platform.yaml` and `types.yaml`, and for an endpoint file its group's
/// `types.yaml`, for a platform-level file the platform's first group; [`SpecTrees::load_with`] replaces that one file.
#[derive(Debug)]
pub struct SpecTrees {
    roots: Vec<PathBuf>,
    replaced: Vec<PathBuf>,
}

impl SpecTrees {
    /// Copies the trees out of `spec` into `scratch`.
    pub fn new(spec: &Path, scratch: &Path) -> std::io::Result<Self> {
        let mut roots = Vec::new();
        let mut replaced = Vec::new();
        for (i, rel) in tree_files(spec).iter().enumerate() {
            let root = scratch.join(i.to_string()).join("spec");
            let mut parts = rel.iter();
            let (Some(platform), Some(second)) = (parts.next(), parts.next()) else {
                continue;
            };
            let platform_dir = spec.join(platform);
            // An endpoint file goes with its group's shared types only (the other endpoints
            // of the group would only slow every run down); a platform-level file with the
            // platform's first group.
            let (group, only) = if parts.next().is_some() {
                (Some(PathBuf::from(second)), rel.file_name())
            } else {
                (first_subdir(&platform_dir), None)
            };
            let copy = |from: &Path, to: &Path| -> std::io::Result<()> {
                if from.is_file() {
                    std::fs::create_dir_all(to.parent().unwrap_or(to))?;
                    std::fs::copy(from, to)?;
                }
                Ok(())
            };
            for name in ["platform.yaml", "types.yaml"] {
                copy(&platform_dir.join(name), &root.join(platform).join(name))?;
            }
            if let Some(group) = group {
                for entry in std::fs::read_dir(platform_dir.join(&group))?.flatten() {
                    let from = entry.path();
                    let name = entry.file_name();
                    let wanted = only.is_none_or(|f| f == name || name == "types.yaml");
                    if wanted && from.extension().is_some_and(|e| e == "yaml") {
                        copy(
                            &from,
                            &root.join(platform).join(&group).join(entry.file_name()),
                        )?;
                    }
                }
            }
            roots.push(root.clone());
            replaced.push(root.join(rel));
        }
        Ok(SpecTrees { roots, replaced })
    }

    /// How many trees (one per real spec file).
    pub fn len(&self) -> usize {
        self.roots.len()
    }

    /// Whether there is no tree at all.
    pub fn is_empty(&self) -> bool {
        self.roots.is_empty()
    }

    /// Writes `text` over the file of tree `selector` (modulo [`len`](Self::len)) and
    /// returns the tree's `spec` folder.
    pub fn load_with(&self, selector: u8, text: &[u8]) -> std::io::Result<&Path> {
        let i = usize::from(selector) % self.roots.len();
        std::fs::write(&self.replaced[i], text)?;
        Ok(&self.roots[i])
    }
}

fn first_subdir(dir: &Path) -> Option<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(dir)
        .ok()?
        .flatten()
        .filter(|e| e.path().is_dir())
        .map(|e| PathBuf::from(e.file_name()))
        .collect();
    dirs.sort();
    dirs.into_iter().next()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The targets fuzz every endpoint the specs describe: a platform crate built without
    /// one of its group features would leave that group out silently.
    #[test]
    fn endpoints_cover_every_spec_endpoint() {
        let spec = spec_dir();
        let described = spec_files(&spec)
            .iter()
            .filter(|rel| {
                std::fs::read_to_string(spec.join(rel))
                    .is_ok_and(|text| text.starts_with("endpoint:") || text.contains("\nendpoint:"))
            })
            .count();
        assert!(described > 0, "no endpoint spec under {}", spec.display());
        assert_eq!(endpoints().len(), described);
    }
}
