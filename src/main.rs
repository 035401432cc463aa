//! The `chiso` binary: a thin shell over [`chiso::cli`].

fn main() -> std::process::ExitCode {
    chiso::cli::main()
}
