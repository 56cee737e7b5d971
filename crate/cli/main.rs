//! `memport import <export.zip|dir|file>... [--json|--markdown|--for claude|chatgpt|gemini]`.

fn main() {
    eprintln!("memport import: not yet");
    std::process::exit(2);
}
