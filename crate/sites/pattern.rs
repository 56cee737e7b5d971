//! Chrome match patterns (`https://claude.ai/settings/*`): whether a URL matches one, and
//! whether one pattern covers another.
//!
//! The same patterns decide where the browser runs memport's page code (the manifest) and
//! which page memport thinks it is on (the site files); `build.rs` includes this file to
//! prove the two agree, so both sides use exactly this logic.

/// A parsed match pattern or URL: scheme, host, and path with the query.
#[derive(Debug, PartialEq, Eq)]
struct Parts<'a> {
    scheme: &'a str,
    host: String,
    path: &'a str,
}

fn split(s: &str) -> Option<Parts<'_>> {
    let (scheme, rest) = s.split_once("://")?;
    let (host, path) = match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, "/"),
    };
    // Ports and credentials play no part in matching.
    let host = host.rsplit('@').next().unwrap_or(host);
    let host = match host.rfind(':') {
        Some(i) if !host.starts_with('[') => &host[..i],
        _ => host,
    };
    let path = path.split('#').next().unwrap_or(path);
    Some(Parts {
        scheme,
        host: host.to_ascii_lowercase(),
        path,
    })
}

/// `*` in `glob` matches any run of characters (including none); everything else is literal.
fn glob(glob: &str, text: &str) -> bool {
    let (g, t): (Vec<char>, Vec<char>) = (glob.chars().collect(), text.chars().collect());
    let (mut gi, mut ti) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while ti < t.len() {
        if gi < g.len() && g[gi] == '*' {
            star = Some((gi, ti));
            gi += 1;
        } else if gi < g.len() && g[gi] == t[ti] {
            gi += 1;
            ti += 1;
        } else if let Some((sg, st)) = star {
            gi = sg + 1;
            ti = st + 1;
            star = Some((sg, st + 1));
        } else {
            return false;
        }
    }
    g[gi..].iter().all(|&c| c == '*')
}

fn scheme_covers(pattern: &str, scheme: &str) -> bool {
    pattern == scheme || (pattern == "*" && (scheme == "http" || scheme == "https"))
}

fn host_covers(pattern: &str, host: &str) -> bool {
    if pattern == "*" {
        return true;
    }
    match pattern.strip_prefix("*.") {
        Some(domain) => {
            let host = host.strip_prefix("*.").unwrap_or(host);
            host == domain || host.ends_with(&format!(".{domain}"))
        }
        None => pattern == host,
    }
}

/// Whether `url` is one of the pages `pattern` names.
pub fn matches(pattern: &str, url: &str) -> bool {
    match (split(pattern), split(url)) {
        (Some(p), Some(u)) => {
            scheme_covers(p.scheme, u.scheme)
                && host_covers(&p.host, &u.host)
                && glob(p.path, u.path)
        }
        _ => false,
    }
}

/// Whether every page `specific` names is also named by `general`.
pub fn covers(general: &str, specific: &str) -> bool {
    // A `*` in `specific` is compared as a literal, which `general` can only match with a
    // `*` of its own: sound for the patterns sites use, if not complete for every pair.
    matches(general, specific)
}

/// The origin (`https://claude.ai`) of a URL, if it has one.
pub fn origin(url: &str) -> Option<String> {
    let p = split(url)?;
    let (_, rest) = url.split_once("://")?;
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let authority = authority.rsplit('@').next().unwrap_or(authority);
    if p.host.is_empty() {
        return None;
    }
    Some(format!("{}://{}", p.scheme, authority.to_ascii_lowercase()))
}

/// The pattern as a JavaScript regular expression (its source), for page code that cannot
/// run this file: tested against `protocol//hostname` plus the path and query (no port, no
/// fragment), it agrees with [`matches`]. `./dev build` writes these into the watcher.
pub fn regex_source(pattern: &str) -> Option<String> {
    let p = split(pattern)?;
    let literal = |s: &str| {
        let mut out = String::new();
        for c in s.chars() {
            match c {
                '*' => out.push_str(".*"),
                '\\' | '^' | '$' | '.' | '|' | '?' | '+' | '(' | ')' | '[' | ']' | '{' | '}' => {
                    out.push('\\');
                    out.push(c);
                }
                _ => out.push(c),
            }
        }
        out
    };
    let scheme = if p.scheme == "*" {
        "https?".to_string()
    } else {
        literal(p.scheme)
    };
    let host = match p.host.as_str() {
        "*" => "[^/]*".to_string(),
        h => match h.strip_prefix("*.") {
            Some(domain) => format!("(?:[^/]*\\.)?{}", literal(domain)),
            None => literal(h),
        },
    };
    Some(format!("^{scheme}://{host}{}$", literal(p.path)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_paths_and_queries() {
        let p = "https://claude.ai/settings/capabilities*";
        assert!(matches(p, "https://claude.ai/settings/capabilities"));
        assert!(matches(
            p,
            "https://claude.ai/settings/capabilities?open_memory_import=true"
        ));
        assert!(matches(
            p,
            "https://claude.ai/settings/capabilities/memory#x"
        ));
        assert!(!matches(p, "https://claude.ai/settings/profile"));
        assert!(!matches(p, "http://claude.ai/settings/capabilities"));
        assert!(!matches(p, "https://evil.example/settings/capabilities"));
        assert!(!matches(
            p,
            "https://claude.ai.evil.example/settings/capabilities"
        ));
    }

    #[test]
    fn account_scoped_paths() {
        let p = "https://gemini.google.com/u/*/import*";
        assert!(matches(p, "https://gemini.google.com/u/1/import"));
        assert!(matches(p, "https://gemini.google.com/u/0/import?hl=fr"));
        assert!(!matches(p, "https://gemini.google.com/import"));
    }

    #[test]
    fn hosts_and_ports() {
        assert!(matches(
            "https://*.google.com/*",
            "https://gemini.google.com/app"
        ));
        assert!(matches("https://*.google.com/*", "https://google.com/"));
        assert!(matches("https://claude.ai/*", "https://claude.ai:443/new"));
        assert!(matches("*://claude.ai/*", "http://claude.ai/new"));
        assert!(!matches("https://claude.ai/*", "not a url"));
    }

    #[test]
    fn coverage() {
        assert!(covers(
            "https://claude.ai/*",
            "https://claude.ai/settings/capabilities*"
        ));
        assert!(!covers(
            "https://claude.ai/settings/*",
            "https://claude.ai/*"
        ));
        assert!(covers(
            "https://gemini.google.com/*",
            "https://gemini.google.com/u/*/import*"
        ));
        assert!(!covers("https://chatgpt.com/*", "https://claude.ai/*"));
    }

    #[test]
    fn origins() {
        assert_eq!(
            origin("https://Gemini.google.com/import?x=1").as_deref(),
            Some("https://gemini.google.com")
        );
        assert_eq!(
            origin("https://localhost:8443/a").as_deref(),
            Some("https://localhost:8443")
        );
        assert_eq!(origin("garbage"), None);
    }

    #[test]
    fn regex_sources_for_the_watcher() {
        assert_eq!(
            regex_source("https://claude.ai/settings/capabilities*").as_deref(),
            Some(r"^https://claude\.ai/settings/capabilities.*$")
        );
        assert_eq!(
            regex_source("https://gemini.google.com/u/*/saved-info*").as_deref(),
            Some(r"^https://gemini\.google\.com/u/.*/saved-info.*$")
        );
        assert_eq!(
            regex_source("*://*.google.com/*").as_deref(),
            Some(r"^https?://(?:[^/]*\.)?google\.com/.*$")
        );
        assert_eq!(regex_source("not a pattern"), None);
    }
}
