//! Scores the extractor against the gold annotations without building the
//! CLI: `cargo run -p pledgewatch-extract --example eval -- dev [--details]`
//! from the repository's root (the same table as `pledgewatch extract-eval`).

use std::path::Path;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let split = args.first().map_or("dev", String::as_str);
    let loaded = match pledgewatch_extract::gold::load_all(
        Path::new("crates/extract/gold"),
        Path::new(".."),
    ) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    };
    if let Some(name) = args
        .iter()
        .position(|a| a == "--show")
        .and_then(|i| args.get(i + 1))
    {
        for l in loaded
            .iter()
            .filter(|l| l.file.ends_with(name) && l.gold.split == split)
        {
            println!("{}", l.text);
        }
        return;
    }
    let report = pledgewatch_extract::eval::evaluate(&loaded, split);
    print!("{}", pledgewatch_extract::eval::table(&report));
    if args.iter().any(|a| a == "--details") {
        print!("\n{}", pledgewatch_extract::eval::details(&loaded, split));
    }
}
