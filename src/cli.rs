//! Command-line interface: parses arguments and runs a command. Nothing else lives here.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// chiso — build the DTI report site (and other yearly indicator indexes).
#[derive(Parser, Debug)]
#[command(name = "chiso", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Build the site from content/ into output/.
    Build {
        /// Site folder (holds content/ and themes/).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Where to write the site (default: <root>/output).
        #[arg(long)]
        output: Option<PathBuf>,
        /// Absolute URL the site is published at (canonical links, sitemap).
        #[arg(long)]
        base_url: Option<String>,
        /// Print the time of each stage.
        #[arg(long, short)]
        verbose: bool,
    },
}

/// Runs the command line; returns the process exit code.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build {
            root,
            output,
            base_url,
            verbose,
        } => {
            let opts = crate::site::Options {
                root,
                output,
                base_url,
                cache: None,
            };
            match crate::site::build(&opts) {
                Ok(summary) => {
                    if !summary.warnings.is_empty() {
                        eprint!("{}", summary.warnings.render());
                    }
                    if verbose {
                        for (stage, t) in &summary.timings {
                            eprintln!("  {stage:<8} {:>8.1} ms", t.as_secs_f64() * 1000.0);
                        }
                    }
                    println!(
                        "built {} pages, {} files ({:.1} MB) into {} in {:.0} ms",
                        summary.pages,
                        summary.files,
                        summary.bytes as f64 / 1e6,
                        summary.output.display(),
                        summary.elapsed.as_secs_f64() * 1000.0
                    );
                    ExitCode::SUCCESS
                }
                Err(diags) => {
                    eprint!("{}", diags.render());
                    eprintln!(
                        "build failed: nothing was written; the previous output is unchanged"
                    );
                    ExitCode::FAILURE
                }
            }
        }
    }
}
