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
    /// Preview the site: build it in memory, serve it on 127.0.0.1, rebuild on save and reload
    /// the browser.
    Serve {
        /// Site folder (holds content/ and themes/).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Port to listen on (0: any free port).
        #[arg(long, short, default_value_t = 1111)]
        port: u16,
        /// Address to listen on. The preview is for this machine: only pass another address
        /// (e.g. 0.0.0.0) to show it on your network.
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
    },
    /// Create a small working example site in DIR (refuses a folder that is not empty).
    New {
        /// The folder to create.
        dir: PathBuf,
    },
    /// Check the site without writing it: everything a build validates, plus links, anchors,
    /// published aggregates and numbers written in commentary.
    Check {
        /// Site folder (holds content/ and themes/).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Output format: `human` (stderr, like the build) or `json` (stdout, stable schema).
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        /// Fail (exit 1) on warnings too, not only on errors.
        #[arg(long)]
        strict: bool,
    },
}

/// How `chiso check` reports.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum Format {
    /// Messages with file:line:column, snippet and hint, as the build prints them.
    Human,
    /// One JSON document on stdout.
    Json,
}

/// Runs the command line; returns the process exit code.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Check {
            root,
            format,
            strict,
        } => check(root, format, strict),
        Command::Serve { root, port, bind } => serve(root, port, bind),
        Command::New { dir } => match crate::scaffold::create(&dir) {
            Ok(files) => {
                println!(
                    "created an example site in {} ({} files); next: chiso build --root {0}, or chiso serve --root {0}",
                    dir.display(),
                    files.len()
                );
                ExitCode::SUCCESS
            }
            Err(d) => {
                eprint!("{d}");
                ExitCode::FAILURE
            }
        },
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
            let progress = ProgressLine::new();
            let result = crate::site::build_with_progress(&opts, &|stage, done, total| {
                progress.show(stage, done, total)
            });
            progress.clear();
            match result {
                Ok(summary) => {
                    if !summary.warnings.is_empty() {
                        eprint!("{}", summary.warnings.render());
                    }
                    if summary.base_url.is_none() {
                        // One line, not a diagnostic per page: the site works, but not everywhere.
                        eprintln!(
                            "warning: no base_url: shared links show no preview (og:image and og:url need absolute addresses, no canonical links) and no sitemap.xml is written\n  = hint: set base_url in content/site.toml or pass --base-url https://…"
                        );
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

/// `chiso check`: report, then exit 1 on errors (and on warnings with `--strict`).
fn check(root: PathBuf, format: Format, strict: bool) -> ExitCode {
    let opts = crate::site::Options {
        root,
        ..Default::default()
    };
    let outcome = crate::check::run(&opts);
    let diags = &outcome.diagnostics;
    let failed = crate::check::failed(diags, strict);
    match format {
        Format::Json => print!("{}", crate::check::to_json(&outcome, strict)),
        Format::Human => {
            eprint!("{}", diags.render());
            let verdict = if failed {
                "check failed"
            } else {
                "check passed"
            };
            println!(
                "{verdict}: {} error(s), {} warning(s), {} acknowledged; {} pages rendered, {} internal links followed; nothing written",
                diags.error_count(),
                diags.warning_count(),
                diags.note_count(),
                outcome.pages,
                outcome.links
            );
        }
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// `chiso serve`: runs until interrupted.
fn serve(root: PathBuf, port: u16, bind: std::net::IpAddr) -> ExitCode {
    let site = crate::site::Options {
        root: root.clone(),
        ..Default::default()
    };
    let mut opts = crate::serve::Options::new(site);
    opts.port = port;
    opts.bind = bind;
    opts.log = Some(std::sync::Arc::new(|line: &str| {
        eprintln!("{}", line.trim_end())
    }));
    match crate::serve::start(opts) {
        Ok(server) => {
            let host = server.addr;
            println!(
                "serving {} at http://{host}/ (watching content/ and themes/; Ctrl-C to stop)",
                root.display()
            );
            server.wait();
            ExitCode::SUCCESS
        }
        Err(d) => {
            eprint!("{d}");
            ExitCode::FAILURE
        }
    }
}

/// A one-line progress report on stderr for long builds, only when stderr is a terminal (never
/// in logs or CI), and only once the build has run for a moment.
struct ProgressLine {
    tty: bool,
    start: std::time::Instant,
    last: std::sync::Mutex<Option<std::time::Instant>>,
}

impl ProgressLine {
    const DELAY: std::time::Duration = std::time::Duration::from_millis(300);
    const EVERY: std::time::Duration = std::time::Duration::from_millis(100);

    fn new() -> ProgressLine {
        use std::io::IsTerminal;
        ProgressLine {
            tty: std::io::stderr().is_terminal(),
            start: std::time::Instant::now(),
            last: std::sync::Mutex::new(None),
        }
    }

    fn show(&self, stage: &str, done: usize, total: usize) {
        if !self.tty || self.start.elapsed() < Self::DELAY {
            return;
        }
        let Ok(mut last) = self.last.try_lock() else {
            return; // another thread is printing
        };
        if last.is_some_and(|t| t.elapsed() < Self::EVERY) {
            return;
        }
        *last = Some(std::time::Instant::now());
        let what = match stage {
            "render" => "rendering pages",
            "write" => "writing files",
            _ => "loading content",
        };
        if total > 0 {
            eprint!("\r\x1b[2K{what} {done}/{total}");
        } else {
            eprint!("\r\x1b[2K{what}");
        }
    }

    fn clear(&self) {
        if self.tty && self.last.lock().is_ok_and(|l| l.is_some()) {
            eprint!("\r\x1b[2K");
        }
    }
}
