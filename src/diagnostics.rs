//! Errors and warnings about the user's input, and how they are shown.
//!
//! Every stage pushes into one [`Diagnostics`] so that a run reports all of its problems
//! at once, each with file, line, column, the offending line and a hint.

use std::fmt;
use std::path::{Path, PathBuf};

/// How bad a diagnostic is: errors stop the build, warnings do not.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The build cannot go on.
    Error,
    /// Worth a look; the build goes on.
    Warning,
    /// A known, acknowledged difference (explained in the data): reported, never fails, not
    /// even `chiso check --strict`.
    Note,
}

/// Where in a file something is: 1-based line and column.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub struct Location {
    /// The file, relative to the site root where possible.
    pub file: PathBuf,
    /// 1-based line, if known.
    pub line: Option<usize>,
    /// 1-based column (in characters), if known.
    pub column: Option<usize>,
}

impl Location {
    /// A whole file.
    pub fn file(file: impl Into<PathBuf>) -> Self {
        Location {
            file: file.into(),
            line: None,
            column: None,
        }
    }

    /// One line of a file.
    pub fn line(file: impl Into<PathBuf>, line: usize) -> Self {
        Location {
            file: file.into(),
            line: Some(line),
            column: None,
        }
    }

    /// One position of a file.
    pub fn at(file: impl Into<PathBuf>, line: usize, column: usize) -> Self {
        Location {
            file: file.into(),
            line: Some(line),
            column: Some(column),
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(col) = self.column {
                write!(f, ":{col}")?;
            }
        }
        Ok(())
    }
}

/// One problem found in the input.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// Where it is.
    pub location: Location,
    /// What is wrong, in one sentence.
    pub message: String,
    /// What to do about it.
    pub hint: Option<String>,
    /// The text of the offending line, shown under the message.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub snippet: Option<String>,
    /// How many characters to underline from the column.
    #[serde(skip)]
    pub width: usize,
    /// Where in chiso's source this kind of problem is reported: a stable-per-release code
    /// (see [`Diagnostic::code`]) that the fuzz run uses to count which kinds it reached.
    #[serde(skip)]
    pub origin: &'static std::panic::Location<'static>,
}

impl Diagnostic {
    /// An error at `location`.
    #[track_caller]
    pub fn error(location: Location, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            location,
            message: message.into(),
            hint: None,
            snippet: None,
            width: 1,
            origin: std::panic::Location::caller(),
        }
    }

    /// The kind of problem, as the place in chiso's source that reports it
    /// (`src/data/units.rs:98`). Helpers that build diagnostics for their callers are
    /// `#[track_caller]`, so each check has its own code.
    pub fn code(&self) -> String {
        format!("{}:{}", self.origin.file(), self.origin.line())
    }

    /// A warning at `location`.
    #[track_caller]
    pub fn warning(location: Location, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(location, message)
        }
    }

    /// An acknowledged difference at `location`.
    pub fn note(location: Location, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Note,
            ..Diagnostic::error(location, message)
        }
    }

    /// Adds the hint saying what to do.
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Adds the offending line and how much of it to underline.
    pub fn snippet(mut self, line_text: impl Into<String>, width: usize) -> Self {
        self.snippet = Some(line_text.into());
        self.width = width.max(1);
        self
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        };
        writeln!(f, "{label}: {}", self.message)?;
        writeln!(f, "  --> {}", self.location)?;
        if let (Some(text), Some(line)) = (&self.snippet, self.location.line) {
            let number = line.to_string();
            let pad = " ".repeat(number.len());
            writeln!(f, "{pad} |")?;
            writeln!(f, "{number} | {}", text.trim_end())?;
            if let Some(col) = self.location.column {
                let spaces = " ".repeat(col.saturating_sub(1));
                writeln!(f, "{pad} | {spaces}{}", "^".repeat(self.width))?;
            }
        }
        if let Some(hint) = &self.hint {
            writeln!(f, "  = hint: {hint}")?;
        }
        Ok(())
    }
}

/// All problems of a run, in the order found.
#[derive(Clone, Debug, Default, serde::Serialize)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    /// An empty list.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds one diagnostic.
    pub fn push(&mut self, d: Diagnostic) {
        self.items.push(d);
    }

    /// Adds every diagnostic of `other`.
    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }

    /// All diagnostics, sorted by file and line so the output is stable.
    pub fn items(&self) -> Vec<&Diagnostic> {
        let mut v: Vec<&Diagnostic> = self.items.iter().collect();
        v.sort_by(|a, b| (&a.location, a.severity).cmp(&(&b.location, b.severity)));
        v
    }

    /// Number of acknowledged differences (notes).
    pub fn note_count(&self) -> usize {
        self.items
            .iter()
            .filter(|d| d.severity == Severity::Note)
            .count()
    }

    /// Whether any error (not warning) was found.
    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.severity == Severity::Error)
    }

    /// Number of errors.
    pub fn error_count(&self) -> usize {
        self.items
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count()
    }

    /// Number of warnings.
    pub fn warning_count(&self) -> usize {
        self.items
            .iter()
            .filter(|d| d.severity == Severity::Warning)
            .count()
    }

    /// Whether the list is empty.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Every diagnostic, followed by a count line, as shown on stderr.
    pub fn render(&self) -> String {
        let mut out = String::new();
        for d in self.items() {
            out.push_str(&d.to_string());
            out.push('\n');
        }
        let (e, w) = (self.error_count(), self.warning_count());
        if e + w > 0 {
            out.push_str(&format!("{e} error(s), {w} warning(s)\n"));
        }
        out
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render())
    }
}

impl std::error::Error for Diagnostics {}

/// Builds diagnostics for one text file: knows its lines so every message gets a snippet.
pub struct SourceFile {
    /// Path shown to the user.
    pub shown: PathBuf,
    lines: Vec<String>,
}

impl SourceFile {
    /// Wraps the text of a file; `shown` is the path as it appears in messages.
    pub fn new(shown: impl Into<PathBuf>, text: &str) -> Self {
        SourceFile {
            shown: shown.into(),
            lines: text.lines().map(str::to_owned).collect(),
        }
    }

    /// The text of a 1-based line (empty if out of range).
    pub fn line_text(&self, line: usize) -> &str {
        self.lines
            .get(line.wrapping_sub(1))
            .map(String::as_str)
            .unwrap_or("")
    }

    /// An error at a line and column, with the line shown and `width` characters underlined.
    #[track_caller]
    pub fn error_at(
        &self,
        line: usize,
        column: usize,
        width: usize,
        message: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic::error(Location::at(&self.shown, line, column), message)
            .snippet(self.line_text(line), width)
    }

    /// An error about a whole line.
    #[track_caller]
    pub fn error_line(&self, line: usize, message: impl Into<String>) -> Diagnostic {
        Diagnostic::error(Location::line(&self.shown, line), message)
            .snippet(self.line_text(line), 1)
    }
}

/// Turns a TOML parse error into a diagnostic. `line_offset` is the number of lines before the
/// TOML text in its file (front matter starts after the `+++` line).
#[track_caller]
pub fn toml_diagnostic(
    shown: &Path,
    text: &str,
    line_offset: usize,
    err: &toml::de::Error,
    hint: &str,
) -> Diagnostic {
    let (line, column, width) = match err.span() {
        Some(span) => {
            let start = span.start.min(text.len());
            let before = &text[..start];
            let line = before.matches('\n').count() + 1;
            let col = before
                .rsplit('\n')
                .next()
                .map(|s| s.chars().count())
                .unwrap_or(0)
                + 1;
            let width = text[start..span.end.min(text.len())].chars().count();
            (line, col, width)
        }
        None => (1, 1, 1),
    };
    let line_text = text.lines().nth(line - 1).unwrap_or("");
    let message = err.message().trim().replace('\n', " ");
    let hint = match unknown_name(&message) {
        Some((typed, known)) => crate::text::suggest::hint(typed, known, hint),
        None => hint.to_owned(),
    };
    Diagnostic::error(
        Location::at(shown, line + line_offset, column),
        format!("invalid TOML: {message}"),
    )
    .snippet(line_text, width.max(1))
    .hint(hint)
}

/// The name and the accepted names of serde's "unknown field `base_ur`, expected one of
/// `title`, `base_url`, …" (or "unknown variant …"), the message every TOML file of the site
/// gets for a mistyped key or value.
fn unknown_name(message: &str) -> Option<(&str, Vec<&str>)> {
    let rest = ["unknown field `", "unknown variant `"]
        .iter()
        .find_map(|p| message.find(p).map(|at| &message[at + p.len()..]))?;
    let (typed, rest) = rest.split_once('`')?;
    let expected = &rest[rest.find("expected")?..];
    // The accepted names are the backquoted words after "expected".
    let known = expected.split('`').skip(1).step_by(2).collect();
    Some((typed, known))
}

/// Shows `path` relative to `root` when it is inside it.
pub fn shown_path(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root)
        .map(Path::to_path_buf)
        .unwrap_or_else(|_| path.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_snippet_pointer_and_hint() {
        let src = SourceFile::new("content/data/2023.csv", "code,dti\n48,1.2\n");
        let d = src
            .error_at(2, 4, 3, "value 1.2 is outside 0..1")
            .hint("write 0.5934, not 59.34");
        let text = d.to_string();
        assert!(text.contains("error: value 1.2 is outside 0..1"), "{text}");
        assert!(text.contains("--> content/data/2023.csv:2:4"), "{text}");
        assert!(text.contains("2 | 48,1.2"), "{text}");
        assert!(text.contains("  |    ^^^"), "{text}");
        assert!(text.contains("= hint: write 0.5934"), "{text}");
    }

    #[test]
    fn counts_and_sorts() {
        let mut ds = Diagnostics::new();
        ds.push(Diagnostic::warning(Location::line("b.csv", 1), "w"));
        ds.push(Diagnostic::error(Location::line("a.csv", 9), "e2"));
        ds.push(Diagnostic::error(Location::line("a.csv", 2), "e1"));
        assert!(ds.has_errors());
        assert_eq!((ds.error_count(), ds.warning_count()), (2, 1));
        let msgs: Vec<_> = ds.items().iter().map(|d| d.message.clone()).collect();
        assert_eq!(msgs, ["e1", "e2", "w"]);
        assert!(ds.render().ends_with("2 error(s), 1 warning(s)\n"));
    }

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Site {
        title: String,
        base_url: Option<String>,
        featured: Option<String>,
        kind: Option<Kind>,
    }

    #[derive(Debug, serde::Deserialize)]
    #[serde(rename_all = "lowercase")]
    enum Kind {
        Pillar,
        Main,
    }

    fn toml_hint(text: &str) -> String {
        let err = toml::from_str::<Site>(text).unwrap_err();
        let d = toml_diagnostic(Path::new("site.toml"), text, 0, &err, "fix the key");
        d.hint.unwrap_or_default()
    }

    #[test]
    fn a_mistyped_toml_key_or_value_gets_the_name_it_was_meant_for() {
        assert_eq!(
            toml_hint("title = \"T\"\nbase_ur = \"https://x\"\n"),
            "did you mean `base_url`? fix the key"
        );
        assert_eq!(
            toml_hint("title = \"T\"\nfeatuerd = \"2023\"\n"),
            "did you mean `featured`? fix the key"
        );
        assert_eq!(
            toml_hint("title = \"T\"\nkind = \"pilar\"\n"),
            "did you mean `pillar`? fix the key"
        );
        // Nothing close: the hint alone.
        assert_eq!(toml_hint("title = \"T\"\ncolour = 1\n"), "fix the key");
    }
}
