//! `fuzz-seeds CORPUS_DIR`: writes each target's seeds into `CORPUS_DIR/<target>/` (run by `cargo xtask fuzz`).
#![forbid(unsafe_code)]

use std::path::{Path, PathBuf};
use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(out) = std::env::args_os().nth(1).map(PathBuf::from) else {
        eprintln!("usage: fuzz-seeds CORPUS_DIR");
        return ExitCode::from(2);
    };
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap_or(Path::new("."));
    for (target, _) in seam_fuzz_targets::TARGETS {
        let dir = out.join(target);
        let seeds = seam_fuzz_targets::seeds::seeds(target, root);
        let written = std::fs::create_dir_all(&dir).and_then(|()| {
            seeds
                .iter()
                .try_for_each(|(name, bytes)| std::fs::write(dir.join(name), bytes))
        });
        if let Err(e) = written {
            eprintln!("fuzz-seeds: cannot write {}: {e}", dir.display());
            return ExitCode::FAILURE;
        }
        println!("{target}: {} seeds in {}", seeds.len(), dir.display());
    }
    ExitCode::SUCCESS
}
