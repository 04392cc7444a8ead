//! Prints the candidates the extractor finds in a file, as JSON:
//! `cargo run -p pledgewatch-extract --example extract -- FILE [YYYY-MM-DD] [ACTOR]`.

use pledgewatch_extract::{Options, decode, extract};

fn main() -> std::process::ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(path) = args.first() else {
        eprintln!("usage: extract FILE [YYYY-MM-DD] [ACTOR]");
        return std::process::ExitCode::from(2);
    };
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{path}: {e}");
            return std::process::ExitCode::from(1);
        }
    };
    let options = Options {
        document_date: args.get(1).and_then(|d| d.parse().ok()),
        actor: args.get(2).cloned(),
        format: pledgewatch_extract::InputFormat::from_extension(path),
    };
    let extraction = extract(&decode(&bytes), &options);
    match serde_json::to_string_pretty(&extraction) {
        Ok(s) => println!("{s}"),
        Err(e) => eprintln!("{e}"),
    }
    std::process::ExitCode::SUCCESS
}
