//! `memport-synth`: writes a synthetic export and its truth file (crate/export/synth.rs).

fn main() {
    eprintln!("memport-synth: not yet");
    std::process::exit(2);
}
