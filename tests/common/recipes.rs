//! Targeted mutations of the bundled site: one edit per kind of error the loader can report,
//! written as an editor would make it (a date that does not exist, a parent that forms a cycle, a
//! workbook whose sheet is cut off). Random mutations rarely make the checks that need two
//! coordinated edits fire; these do. `tests/fuzz.rs` applies each to the real site and checks that,
//! together, they reach every place in the loader that reports a diagnostic (`report_sites`); the
//! long run (`examples/fuzz.rs`) mixes them with random mutations.

#![allow(dead_code)]

use std::path::Path;

/// One targeted edit: what it aims at, and the edit (applied to a copy of the bundled site).
pub struct Recipe {
    pub aim: &'static str,
    pub apply: fn(&Path),
}

fn read(root: &Path, rel: &str) -> String {
    std::fs::read_to_string(root.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// Writes a file, replacing (not writing through) what is there: maps are hard links to the
/// repository's own files (`mutate::copy_site`).
fn write(root: &Path, rel: &str, bytes: impl AsRef<[u8]>) {
    let p = root.join(rel);
    let _ = std::fs::remove_file(&p);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, bytes).unwrap();
}

fn remove(root: &Path, rel: &str) {
    let p = root.join(rel);
    if p.is_dir() {
        std::fs::remove_dir_all(p).unwrap();
    } else {
        std::fs::remove_file(p).unwrap();
    }
}

/// Replaces the first `old` in a file; the recipe is wrong (and says so) when it is not there.
fn replace(root: &Path, rel: &str, old: &str, new: &str) {
    let text = read(root, rel);
    assert!(text.contains(old), "recipe: `{old}` not in {rel}");
    write(root, rel, text.replacen(old, new, 1));
}

/// Replaces the first `old` that comes after `anchor`.
fn replace_after(root: &Path, rel: &str, anchor: &str, old: &str, new: &str) {
    let text = read(root, rel);
    let at = text
        .find(anchor)
        .unwrap_or_else(|| panic!("recipe: `{anchor}` not in {rel}"));
    let off = text[at..]
        .find(old)
        .unwrap_or_else(|| panic!("recipe: `{old}` not after `{anchor}` in {rel}"));
    let i = at + off;
    write(
        root,
        rel,
        format!("{}{new}{}", &text[..i], &text[i + old.len()..]),
    );
}

/// Top-level settings go before the first table of site.toml.
fn prepend(root: &Path, rel: &str, line: &str) {
    let text = read(root, rel);
    write(root, rel, format!("{line}\n{text}"));
}

fn append(root: &Path, rel: &str, text: &str) {
    let old = read(root, rel);
    write(root, rel, format!("{old}{text}"));
}

/// Edits the cells of a CSV file by column name: `f(slug_or_first_cell, column, cell)`.
fn edit_cells(root: &Path, rel: &str, f: impl Fn(&str, &str, &mut String)) {
    let text = read(root, rel);
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let key = header.iter().position(|h| *h == "slug").unwrap_or(0);
    let mut out = vec![header.join(",")];
    for line in lines {
        let mut cells: Vec<String> = line.split(',').map(str::to_owned).collect();
        let k = cells[key].clone();
        for (i, c) in cells.iter_mut().enumerate() {
            f(&k, header[i], c);
        }
        out.push(cells.join(","));
    }
    write(root, rel, out.join("\n") + "\n");
}

/// Gives units.csv a `parent` column: `parents` maps slugs to their parent's slug.
fn with_parents(root: &Path, parents: &[(&str, &str)]) {
    let text = read(root, "content/units.csv");
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if n == 0 {
            out.push(format!("{line},parent"));
            continue;
        }
        let slug = line.split(',').nth(1).unwrap_or("");
        let parent = parents
            .iter()
            .find(|(s, _)| *s == slug)
            .map_or("", |(_, p)| p);
        out.push(format!("{line},{parent}"));
    }
    write(root, "content/units.csv", out.join("\n") + "\n");
}

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(name),
    )
    .unwrap()
}

const SITE: &str = "content/site.toml";
const UNITS: &str = "content/units.csv";
const INDICATORS: &str = "content/indicators.toml";
const WIDE: &str = "content/data/2023.csv";
const RANKED: &str = "content/data/2022.csv";
const LONG: &str = "content/data/facts-2020-2023.csv";
const PUBLISHED: &str = "content/data/published-stats.csv";
const NOTE: &str = "content/commentary/2023/ninh-thuan.md";

/// The recipes, in the order of the loader's stages.
pub const RECIPES: &[Recipe] = &[
    // site.toml
    Recipe {
        aim: "site.toml missing",
        apply: |r| remove(r, SITE),
    },
    Recipe {
        aim: "site.toml not TOML",
        apply: |r| prepend(r, SITE, "nav = ["),
    },
    Recipe {
        aim: "units_on not a date",
        apply: |r| {
            replace(
                r,
                SITE,
                "units_on = \"2020-12-31\"",
                "units_on = \"2020-12-32\"",
            )
        },
    },
    Recipe {
        aim: "edition id not a slug",
        apply: |r| replace(r, SITE, "id = \"2020\"", "id = \"../2020\""),
    },
    Recipe {
        aim: "published not a date",
        apply: |r| replace(r, SITE, "published = \"", "published = \"2026-02-30\" #"),
    },
    Recipe {
        aim: "edition declared twice",
        apply: |r| replace(r, SITE, "id = \"2021\"", "id = \"2020\""),
    },
    Recipe {
        aim: "edition named like the download",
        apply: |r| replace(r, SITE, "id = \"2020\"", "id = \"dti\""),
    },
    Recipe {
        aim: "data_file not a slug",
        apply: |r| replace(r, SITE, "data_file = \"dti\"", "data_file = \"../DTI\""),
    },
    Recipe {
        aim: "featured edition unknown",
        apply: |r| replace(r, SITE, "featured = \"2024-34\"", "featured = \"2034\""),
    },
    Recipe {
        aim: "theme name not a slug",
        apply: |r| prepend(r, SITE, "theme = \"../x\""),
    },
    Recipe {
        aim: "theme missing",
        apply: |r| prepend(r, SITE, "theme = \"missing\""),
    },
    Recipe {
        aim: "languages without Vietnamese",
        apply: |r| prepend(r, SITE, "languages = [\"en\"]"),
    },
    Recipe {
        aim: "English commentary on a Vietnamese-only site",
        apply: |r| prepend(r, SITE, "languages = [\"vi\"]"),
    },
    Recipe {
        aim: "language listed twice",
        apply: |r| prepend(r, SITE, "languages = [\"vi\", \"vi\"]"),
    },
    Recipe {
        aim: "language chiso does not publish",
        apply: |r| prepend(r, SITE, "languages = [\"vi\", \"fr\"]"),
    },
    Recipe {
        aim: "precision beyond exact ranking",
        apply: |r| prepend(r, SITE, "precision = 20"),
    },
    Recipe {
        aim: "base_url not a URL",
        apply: |r| replace(r, SITE, "base_url = \"\"", "base_url = \"not a url\""),
    },
    Recipe {
        aim: "unit segments inconsistent",
        apply: |r| append(r, SITE, "\n[units]\nparent_segment = \"vung\"\n"),
    },
    Recipe {
        aim: "unit segment not a URL segment",
        apply: |r| append(r, SITE, "\n[units]\nsegment = \"Tỉnh\"\n"),
    },
    Recipe {
        aim: "compare unit unknown",
        apply: |r| {
            replace(
                r,
                SITE,
                "compare = [\"quang-ngai\"",
                "compare = [\"khong-co\"",
            )
        },
    },
    Recipe {
        aim: "map without a source",
        apply: |r| {
            write(
                r,
                "content/maps/ban-do-moi.geojson",
                read(r, "content/maps/vn_provinces_34.geojson"),
            )
        },
    },
    Recipe {
        aim: "map licence unknown",
        apply: |r| replace(r, SITE, "via_licence = \"MIT\"", "via_licence = \"\""),
    },
    Recipe {
        aim: "map not readable",
        apply: |r| write(r, "content/maps/hong.geojson", "{"),
    },
    Recipe {
        aim: "edition without units",
        apply: |r| {
            edit_cells(r, UNITS, |_, col, c| {
                if col == "valid_from" && c.is_empty() {
                    *c = "2000-01-01".into()
                }
            });
            replace(
                r,
                SITE,
                "units_on = \"2020-12-31\"",
                "units_on = \"1999-12-31\"",
            );
        },
    },
    // units.csv
    Recipe {
        aim: "units.csv missing",
        apply: |r| remove(r, UNITS),
    },
    Recipe {
        aim: "units.csv column renamed",
        apply: |r| replace(r, UNITS, "name_vi", "ten"),
    },
    Recipe {
        aim: "unit slug not a slug",
        apply: |r| replace(r, UNITS, ",ha-noi,", ",Hà-Nội,"),
    },
    Recipe {
        aim: "unit code not a code",
        apply: |r| replace(r, UNITS, "01,ha-noi", "0-1,ha-noi"),
    },
    Recipe {
        aim: "valid_to not a calendar date",
        apply: |r| replace(r, UNITS, "2025-06-30", "2025-06-31"),
    },
    Recipe {
        aim: "valid_from after valid_to",
        apply: |r| {
            replace(
                r,
                UNITS,
                ",,2025-06-30,tuyen-quang",
                ",2025-07-01,2025-06-30,tuyen-quang",
            )
        },
    },
    Recipe {
        aim: "slug used by two overlapping periods",
        apply: |r| {
            append(
                r,
                UNITS,
                "99,ha-noi,Hà Nội,Ha Noi,Tỉnh,Province,Đồng bằng sông Hồng,Red River Delta,,,\n",
            )
        },
    },
    Recipe {
        aim: "derived slug taken",
        apply: |r| {
            append(
                r,
                UNITS,
                "99,,Hà Nội,Ha Noi,Tỉnh,Province,Đồng bằng sông Hồng,Red River Delta,,,\n",
            )
        },
    },
    Recipe {
        aim: "code used by two units at once",
        apply: |r| {
            append(
                r,
                UNITS,
                "01,ha-noi-2,Hà Nội 2,Ha Noi 2,Tỉnh,Province,Đồng bằng sông Hồng,Red River Delta,,,\n",
            )
        },
    },
    Recipe {
        aim: "unit its own successor",
        apply: |r| replace(r, UNITS, ",2025-06-30,tuyen-quang", ",2025-06-30,ha-giang"),
    },
    Recipe {
        aim: "successor unknown",
        apply: |r| replace(r, UNITS, ",2025-06-30,tuyen-quang", ",2025-06-30,khong-co"),
    },
    Recipe {
        aim: "unit its own parent",
        apply: |r| with_parents(r, &[("ha-noi", "ha-noi")]),
    },
    Recipe {
        aim: "parent unknown",
        apply: |r| with_parents(r, &[("ha-noi", "khong-co")]),
    },
    Recipe {
        aim: "parent ends before its child",
        apply: |r| with_parents(r, &[("ha-noi", "ha-giang")]),
    },
    Recipe {
        aim: "parents form a cycle",
        apply: |r| with_parents(r, &[("ha-noi", "hai-phong"), ("hai-phong", "ha-noi")]),
    },
    Recipe {
        aim: "a parent has figures",
        apply: |r| {
            with_parents(r, &[]);
            append(
                r,
                UNITS,
                "99001,phuc-xa,Phúc Xá,Phuc Xa,Phường,Ward,Đồng bằng sông Hồng,Red River Delta,,,,ha-noi\n",
            );
        },
    },
    // indicators.toml
    Recipe {
        aim: "indicators.toml missing",
        apply: |r| remove(r, INDICATORS),
    },
    Recipe {
        aim: "indicators.toml not TOML",
        apply: |r| prepend(r, INDICATORS, "[[indicator]"),
    },
    Recipe {
        aim: "indicator code not a slug",
        apply: |r| {
            replace(
                r,
                INDICATORS,
                "code = \"ha-tang-so\"",
                "code = \"Hạ tầng số\"",
            )
        },
    },
    Recipe {
        aim: "no root indicator",
        apply: |r| replace(r, INDICATORS, "kind = \"index\"", "kind = \"pillar\""),
    },
    Recipe {
        aim: "indicator not yet defined in a year",
        apply: |r| {
            replace_after(
                r,
                INDICATORS,
                "code = \"ha-tang-so\"",
                "from = ",
                "from = 2030 #",
            )
        },
    },
    // data files
    Recipe {
        aim: "data folder missing",
        apply: |r| remove(r, "content/data"),
    },
    Recipe {
        aim: "file named after no edition",
        apply: |r| write(r, "content/data/nope.csv", "code,dti\n01,0.5\n"),
    },
    Recipe {
        aim: "wide file without code column",
        apply: |r| replace(r, WIDE, "code,", "ma,"),
    },
    Recipe {
        aim: "wide header names an unknown indicator",
        apply: |r| replace(r, WIDE, "ha-tang-so", "ha-tang-sx"),
    },
    Recipe {
        aim: "wide header repeated",
        apply: |r| replace(r, WIDE, "code,dti,", "code,dti,dti,"),
    },
    Recipe {
        aim: "duplicate unit row",
        apply: |r| {
            let line = read(r, WIDE).lines().nth(1).unwrap().to_owned();
            append(r, WIDE, &format!("{line}\n"));
        },
    },
    Recipe {
        aim: "unknown unit code",
        apply: |r| replace(r, WIDE, "\n01,", "\n99,"),
    },
    Recipe {
        aim: "value not a number",
        apply: |r| replace(r, WIDE, "0.7448", "0.74x8"),
    },
    Recipe {
        aim: "value outside 0..1",
        apply: |r| replace(r, WIDE, "0.7448", "74.48"),
    },
    Recipe {
        aim: "rank outside 1..n",
        apply: |r| replace(r, RANKED, "01,0.6098,24,", "01,0.6098,0,"),
    },
    Recipe {
        aim: "official rank differs from values",
        apply: |r| replace(r, RANKED, "01,0.6098,24,", "01,0.6098,23,"),
    },
    Recipe {
        aim: "name column does not match",
        apply: |r| {
            let text = read(r, WIDE);
            let out: Vec<String> = text
                .lines()
                .enumerate()
                .map(|(n, l)| match n {
                    0 => format!("{l},name"),
                    1 => format!("{l},Hà Nam"),
                    _ => format!("{l},"),
                })
                .collect();
            write(r, WIDE, out.join("\n") + "\n");
        },
    },
    Recipe {
        aim: "row has too many fields",
        apply: |r| replace(r, WIDE, "\n01,0.7448", "\n01,0.7448,0.1"),
    },
    Recipe {
        aim: "file empty",
        apply: |r| write(r, WIDE, ""),
    },
    Recipe {
        aim: "file not UTF-8",
        apply: |r| append(r, WIDE, "01,\u{0}"),
    },
    Recipe {
        aim: "file not UTF-8 (bytes)",
        apply: |r| {
            let mut b = std::fs::read(r.join(WIDE)).unwrap();
            b.extend_from_slice(b"\xff\xfe\n");
            write(r, WIDE, b);
        },
    },
    Recipe {
        aim: "long file without year",
        apply: |r| replace(r, LONG, "year,code", "nam,code"),
    },
    Recipe {
        aim: "long file without code",
        apply: |r| replace(r, LONG, "year,code", "year,ma"),
    },
    Recipe {
        aim: "long row for an unknown edition",
        apply: |r| replace(r, LONG, "\n2020,01,dti", "\n2099,01,dti"),
    },
    Recipe {
        aim: "long row for an unknown indicator",
        apply: |r| replace(r, LONG, "\n2020,01,dti", "\n2020,01,dtx"),
    },
    Recipe {
        aim: "long row for an unknown unit",
        apply: |r| replace(r, LONG, "\n2020,01,dti", "\n2020,99,dti"),
    },
    Recipe {
        aim: "long row without value or rank",
        apply: |r| replace(r, LONG, "\n2020,01,dti,,43,", "\n2020,01,dti,,,"),
    },
    Recipe {
        aim: "derived names no figure",
        apply: |r| replace(r, LONG, "(2 nguồn),,,\n", "(2 nguồn),abc,,\n"),
    },
    Recipe {
        aim: "figure given twice",
        apply: |r| append(r, LONG, "2020,01,dti,,44,x,,,,\n"),
    },
    Recipe {
        aim: "published rank change not a number",
        apply: |r| replace(r, LONG, ",+16,+52.2\n", ",sixteen,+52.2\n"),
    },
    Recipe {
        aim: "published rank change differs from the computed one",
        apply: |r| replace(r, LONG, ",+3,\n", ",+4,\n"),
    },
    Recipe {
        aim: "published percent change not a number",
        apply: |r| replace(r, LONG, ",+52.2\n", ",lots\n"),
    },
    Recipe {
        aim: "published percent change differs from the computed one",
        apply: |r| append(r, LONG, "2023,01,dti,,,x,,,,+99.0\n"),
    },
    Recipe {
        aim: "published stats without columns",
        apply: |r| replace(r, PUBLISHED, "statistic", "stat"),
    },
    Recipe {
        aim: "published stat for an unknown edition",
        apply: |r| replace(r, PUBLISHED, "\n2020,dti,mean", "\n2099,dti,mean"),
    },
    Recipe {
        aim: "published stat of an unknown indicator",
        apply: |r| replace(r, PUBLISHED, "\n2020,dti,mean", "\n2020,dtx,mean"),
    },
    Recipe {
        aim: "published stat unknown",
        apply: |r| replace(r, PUBLISHED, "\n2020,dti,mean", "\n2020,dti,average"),
    },
    Recipe {
        aim: "published stat not a number",
        apply: |r| {
            replace(
                r,
                PUBLISHED,
                "\n2020,dti,mean,0.3026",
                "\n2020,dti,mean,abc",
            )
        },
    },
    Recipe {
        aim: "workbook not a workbook",
        apply: |r| write(r, "content/data/2023.xlsx", "not a zip"),
    },
    Recipe {
        aim: "workbook sheet cut off",
        apply: |r| {
            write(
                r,
                "content/data/extra.xlsx",
                fixture("xlsx-broken/cut-sheet.xlsx"),
            )
        },
    },
    Recipe {
        aim: "workbook without data",
        apply: |r| {
            write(
                r,
                "content/data/extra.xlsx",
                fixture("xlsx-broken/empty-sheet.xlsx"),
            )
        },
    },
    Recipe {
        aim: "workbook cell holds an error",
        apply: |r| write(r, "content/data/extra.xlsx", fixture("bad.xlsx")),
    },
    Recipe {
        aim: "workbook header repeated",
        apply: |r| {
            write(
                r,
                "content/data/extra.xlsx",
                fixture("xlsx-broken/repeated-header.xlsx"),
            )
        },
    },
    // aliases.csv and sources.csv
    Recipe {
        aim: "aliases.csv without its columns",
        apply: |r| write(r, "content/aliases.csv", "slug,ten\nha-noi,HN\n"),
    },
    Recipe {
        aim: "alias of an unknown unit",
        apply: |r| replace(r, "content/aliases.csv", "ho-chi-minh,HCM", "khong-co,HCM"),
    },
    Recipe {
        aim: "empty alias",
        apply: |r| append(r, "content/aliases.csv", "ha-noi,\n"),
    },
    Recipe {
        aim: "sources.csv without its columns",
        apply: |r| replace(r, "content/sources.csv", "source,name,", "nguon,name,"),
    },
    Recipe {
        aim: "source without a name",
        apply: |r| append(r, "content/sources.csv", "x,,,\n"),
    },
    Recipe {
        aim: "source address not a web address",
        apply: |r| append(r, "content/sources.csv", "y,Tên,Name,ftp://x\n"),
    },
    Recipe {
        aim: "source named twice",
        apply: |r| {
            let line = read(r, "content/sources.csv")
                .lines()
                .nth(1)
                .unwrap()
                .to_owned();
            append(r, "content/sources.csv", &format!("{line}\n"));
        },
    },
    // commentary
    Recipe {
        aim: "commentary not UTF-8",
        apply: |r| write(r, NOTE, b"\xff\xfe"),
    },
    Recipe {
        aim: "commentary for an unknown unit",
        apply: |r| write(r, "content/commentary/tinh/khong-co.md", "x\n"),
    },
    Recipe {
        aim: "free page name not a slug",
        apply: |r| write(r, "content/commentary/pages/Giới thiệu.md", "x\n"),
    },
    Recipe {
        aim: "free page name reserved",
        apply: |r| write(r, "content/commentary/pages/search.md", "x\n"),
    },
    Recipe {
        aim: "commentary for an edition without data",
        apply: |r| write(r, "content/commentary/2099/_index.md", "x\n"),
    },
    Recipe {
        aim: "commentary for a unit not in the edition",
        apply: |r| write(r, "content/commentary/2024-34/ninh-thuan.md", "x\n"),
    },
    Recipe {
        aim: "commentary in an unexpected place",
        apply: |r| write(r, "content/commentary/a/b/c.md", "x\n"),
    },
    Recipe {
        aim: "front matter not closed",
        apply: |r| write(r, NOTE, "+++\ntitle = \"x\"\nbody\n"),
    },
    Recipe {
        aim: "front matter not TOML",
        apply: |r| write(r, NOTE, "+++\ntitle = \n+++\nbody\n"),
    },
    Recipe {
        aim: "shortcode unknown",
        apply: |r| append(r, NOTE, "\n{{ nope() }}\n"),
    },
    Recipe {
        aim: "shortcode asks for a missing figure",
        apply: |r| {
            append(
                r,
                NOTE,
                "\n{{ value(unit=\"ha-noi\", edition=\"2020\") }}\n",
            )
        },
    },
    // theme
    Recipe {
        aim: "template not UTF-8",
        apply: |r| write(r, "themes/default/templates/page.html", b"\xff\xfe"),
    },
    Recipe {
        aim: "template extends a missing template",
        apply: |r| {
            write(
                r,
                "themes/default/templates/page.html",
                "{% extends \"nope.html\" %}",
            )
        },
    },
    Recipe {
        aim: "template extends itself",
        apply: |r| {
            write(
                r,
                "themes/default/templates/page.html",
                "{% extends \"page.html\" %}",
            )
        },
    },
    Recipe {
        aim: "template syntax error",
        apply: |r| append(r, "themes/default/templates/page.html", "{{ x( "),
    },
    Recipe {
        aim: "static file name unsafe",
        apply: |r| write(r, "themes/default/static/bad name.css", "a{}"),
    },
    Recipe {
        aim: "interface strings not TOML",
        apply: |r| write(r, "themes/default/i18n/vi.toml", "nav = [\n"),
    },
    Recipe {
        aim: "interface string wrong",
        apply: |r| write(r, "themes/default/i18n/vi.toml", "rank = 1\n"),
    },
];

/// Places in the loader that no content can reach, by file and a text of the place (line
/// numbers move), with the reason. Every other place of `report_sites` must be reached.
pub const UNREACHABLE: &[(&str, &str, &str)] = &[
    (
        "src/plan.rs",
        "two pages would be written",
        "every name that makes a path is checked before the plan (unique slugs, page names and \
         segments not reserved); the plan's check is the last guard, tested in plan.rs's unit tests",
    ),
    (
        "src/render/theme.rs",
        "\"cannot read: {e}\"",
        "an I/O error reading a theme file the folder walk has just listed (root reads any file)",
    ),
    (
        "src/data/table.rs",
        "malformed CSV: {e}",
        "the csv crate reports errors only for invalid UTF-8, which Table::read checks first",
    ),
    (
        "src/render/mod.rs",
        "missing template `{required}`",
        "a theme without one of the required templates uses the built-in theme's",
    ),
    (
        "src/data/hierarchy.rs",
        "None => table.src.error_line(",
        "a cycle is reported at the row that names the parent; the fallback is for a period \
         without a row, which units.csv cannot give",
    ),
];

/// Whether the place (`file:line`, with the text of its first lines) is listed as unreachable.
pub fn unreachable(place: &str, text: &str) -> bool {
    UNREACHABLE
        .iter()
        .any(|(file, marker, _)| place.starts_with(&format!("{file}:")) && text.contains(marker))
}

/// The loader's source files: every diagnostic made in them is something a site's content can
/// cause. (Write-stage functions in site.rs are excluded by name below.)
const LOADER: &[&str] = &[
    "src/config.rs",
    "src/content.rs",
    "src/shortcode.rs",
    "src/plan.rs",
    "src/site.rs",
    "src/site/stages.rs",
    "src/compute.rs",
    "src/render/theme.rs",
    "src/render/mod.rs",
    "src/data/mod.rs",
    "src/data/aliases.rs",
    "src/data/sources.rs",
    "src/data/units.rs",
    "src/data/indicators.rs",
    "src/data/values.rs",
    "src/data/table.rs",
    "src/data/xlsx.rs",
    "src/data/hierarchy.rs",
];

/// Functions of the loader's files that belong to later stages: writing (their errors come from
/// the file system: a full disk, an output folder that would replace the site) and rendering one
/// page (a view model that does not serialise, a share card's font).
const LATER_STAGES: &[&str] = &[
    "check_output",
    "io_error",
    "write_diagnostic",
    "render",
    "render_view",
    "card_diagnostic",
];

const MAKERS: &[&str] = &[
    "Diagnostic::error(",
    "Diagnostic::warning(",
    ".error_at(",
    ".error_line(",
    ".header_line_error(",
    ".header_error(",
    ".warning_at(",
    "toml_diagnostic(",
];

/// Every place in the loader's source (`file:line`) that creates a diagnostic: the set a
/// thorough run should reach, as `Diagnostic::code()` names them. Helpers that build diagnostics
/// for callers are `#[track_caller]`, so their own lines are not places; closures that build
/// them are one place each.
pub fn report_sites(repo: &Path) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for file in LOADER {
        let Ok(text) = std::fs::read_to_string(repo.join(file)) else {
            continue;
        };
        // Lines of `#[cfg(test)]` modules do not count.
        let body = text.split("#[cfg(test)]").next().unwrap_or(&text);
        // The closing line of a body to skip: a `#[track_caller]` helper's (its caller is the
        // place) or a later stage's function.
        let mut skip_to: Option<String> = None;
        let lines: Vec<&str> = body.lines().collect();
        for (n, line) in lines.iter().copied().enumerate() {
            let t = line.trim_start();
            let indent = &line[..line.len() - t.len()];
            if let Some(end) = &skip_to {
                if line == end {
                    skip_to = None;
                }
                continue;
            }
            if t == "#[track_caller]" {
                skip_to = Some(format!("{indent}}}"));
                continue;
            }
            if let Some(name) = t
                .strip_prefix("fn ")
                .or_else(|| t.strip_prefix("pub fn "))
                .or_else(|| t.strip_prefix("pub(crate) fn "))
            {
                let later = LATER_STAGES.iter().any(|w| {
                    name.strip_prefix(w)
                        .is_some_and(|r| r.starts_with('(') || r.starts_with('<'))
                });
                if later {
                    skip_to = Some(format!("{indent}}}"));
                }
                continue;
            }
            if t.starts_with("//") {
                continue;
            }
            if MAKERS.iter().any(|m| line.contains(m)) {
                let text = lines[n..(n + 4).min(lines.len())].join("\n");
                out.push((format!("{file}:{}", n + 1), text));
            }
        }
    }
    out
}
