//! `chiso new DIR`: a small working site for an index other than the DTI, to start from.
//!
//! Five (invented) cities, two years, an indicator tree of three, commentary on one city, a free
//! page, and two theme overrides: a copy of the built-in `page.html` with a visible tweak and a
//! partial interface-string file. `chiso build --root DIR` builds it at once and `chiso check`
//! finds nothing to report.

use std::path::{Path, PathBuf};

use crate::diagnostics::{Diagnostic, Location};

const README: &str = "# Chỉ số Xanh đô thị (ví dụ)

A site made by `chiso new`. The cities and figures are invented: replace them with yours.

    chiso build --root .     # writes the site into output/
    chiso serve --root .     # preview at http://127.0.0.1:1111/, reloads on save
    chiso check --root .     # links, anchors and numbers in commentary, without writing

- `content/site.toml`: title, editions (one per published table)
- `content/units.csv`: the units (code, slug, names, region)
- `content/indicators.toml`: the indicator tree (one index, two indicators)
- `content/data/<edition>.csv`: one row per unit, one column per indicator (an `.xlsx`
  workbook with one sheet per edition works too)
- `content/commentary/`: Markdown; `2024/doi-thong.md` is shown on Đồi Thông's 2024 page,
  `pages/gioi-thieu.md` is the free page /gioi-thieu/
- `themes/default/`: overrides of the built-in theme, file by file (`templates/page.html`),
  and key by key for interface strings (`i18n/vi.toml`)
";

const SITE: &str = r#"title = "Chỉ số Xanh đô thị"
title_en = "Urban Green Index"
description = "Ví dụ: chỉ số xanh của năm thành phố (số liệu giả định)."
description_en = "Example: a green index of five cities (invented figures)."
publisher = "Trang ví dụ do chiso new tạo ra."
publisher_en = "An example site made by chiso new."
featured = "2024"
precision = 4
# The address the site will be published at: share previews, canonical links and sitemap.xml need
# it. Until it is set, builds warn and leave them out.
# base_url = "https://chiso.example.org/"

# The index: what pages call it, who publishes it, the open-data file name.
[index]
short = "Chỉ số Xanh"
short_en = "Green Index"
publisher = "Ban Đô thị Xanh (giả định)"
publisher_en = "the Green City Board (invented)"
contact = "bientap@example.org"
data_file = "chi-so-xanh"

[[editions]]
id = "2023"
year = 2023
label = "2023"

[[editions]]
id = "2024"
year = 2024
label = "2024"
note = "Số liệu giả định, chỉ để minh họa."
note_en = "Invented figures, for illustration only."
"#;

const UNITS: &str = "code,slug,name_vi,name_en,kind,region,valid_from,valid_to,successor
01,doi-thong,Đồi Thông,Doi Thong,Thành phố,Miền núi,,,
02,ben-cang,Bến Cảng,Ben Cang,Thành phố,Duyên hải,,,
03,song-xanh,Sông Xanh,Song Xanh,Thành phố,Đồng bằng,,,
04,nui-da,Núi Đá,Nui Da,Thành phố,Miền núi,,,
05,dong-lua,Đồng Lúa,Dong Lua,Thành phố,Đồng bằng,,,
";

const INDICATORS: &str = r#"[[indicator]]
code = "chi-so-xanh"
kind = "index"
name = "Chỉ số Xanh đô thị"
name_en = "Urban Green Index"
short = "Chỉ số Xanh"
short_en = "Green Index"
description = "Trung bình cộng của hai chỉ số thành phần."
description_en = "The average of the two component indicators."

[[indicator]]
code = "moi-truong"
parent = "chi-so-xanh"
kind = "main"
name = "Chất lượng môi trường"
name_en = "Environmental quality"
short = "Môi trường"
short_en = "Environment"

[[indicator]]
code = "nang-luong"
parent = "chi-so-xanh"
kind = "main"
name = "Năng lượng sạch"
name_en = "Clean energy"
short = "Năng lượng"
short_en = "Energy"
"#;

const Y2023: &str = "code,chi-so-xanh,moi-truong,nang-luong,source
01,0.6810,0.7420,0.6200,Số liệu giả định
02,0.6215,0.6530,0.5900,Số liệu giả định
03,0.6590,0.6980,0.6200,Số liệu giả định
04,0.5470,0.6140,0.4800,Số liệu giả định
05,0.5655,0.6010,0.5300,Số liệu giả định
";

const Y2024: &str = "code,chi-so-xanh,moi-truong,nang-luong,source
01,0.7120,0.7640,0.6600,Số liệu giả định
02,0.6480,0.6660,0.6300,Số liệu giả định
03,0.6935,0.7170,0.6700,Số liệu giả định
04,0.5210,0.5920,0.4500,Số liệu giả định
05,0.5874,0.6148,0.5600,Số liệu giả định
";

const COMMENTARY: &str = r#"+++
title = "Đồi Thông năm 2024"
description = "Năm 2024, Đồi Thông đạt 0,7120 và dẫn đầu năm thành phố."
+++

Năm 2024, Chỉ số Xanh của Đồi Thông đạt 0,7120, xếp hạng 1/5, tăng 0,0310 điểm so với năm 2023.
Chất lượng môi trường vẫn là thế mạnh của thành phố.

Xem thêm [Sông Xanh](/tinh/song-xanh/), thành phố đứng thứ hai.
"#;

const PAGE: &str = r#"+++
title = "Giới thiệu"
weight = 1
+++

Đây là trang ví dụ do `chiso new` tạo ra. Chỉ số Xanh đô thị gồm hai chỉ số thành phần:
chất lượng môi trường và năng lượng sạch; số liệu là giả định.

Sửa các tệp trong `content/` rồi chạy `chiso serve` để xem trang thay đổi ngay.
"#;

const I18N_VI: &str = r#"# Only the keys written here replace the built-in strings.
footer_note = "Trang ví dụ: số liệu giả định, không dùng để trích dẫn."
"#;

/// The visible tweak added to the copy of the built-in `page.html`.
const PAGE_NOTE: &str =
    "<p class=\"note\">Trang này dùng mẫu riêng của site: themes/default/templates/page.html.</p>";

/// Creates the example site in `dir` (made if missing). Refuses a folder that is not empty.
/// Returns the files written.
pub fn create(dir: &Path) -> Result<Vec<PathBuf>, Diagnostic> {
    let shown = || Location::file(dir);
    if dir.exists() {
        let mut entries = std::fs::read_dir(dir).map_err(|e| {
            Diagnostic::error(shown(), format!("cannot read the folder: {e}"))
                .hint("give the path of a new or empty folder")
        })?;
        if entries.next().is_some() {
            return Err(Diagnostic::error(shown(), "the folder is not empty")
                .hint("chiso new never overwrites anything: give a new or empty folder"));
        }
    }
    let files: Vec<(&str, String)> = vec![
        ("README.md", README.to_owned()),
        ("content/site.toml", SITE.to_owned()),
        ("content/units.csv", UNITS.to_owned()),
        ("content/indicators.toml", INDICATORS.to_owned()),
        ("content/data/2023.csv", Y2023.to_owned()),
        ("content/data/2024.csv", Y2024.to_owned()),
        (
            "content/commentary/2024/doi-thong.md",
            COMMENTARY.to_owned(),
        ),
        ("content/commentary/pages/gioi-thieu.md", PAGE.to_owned()),
        ("themes/default/templates/page.html", page_template()),
        ("themes/default/i18n/vi.toml", I18N_VI.to_owned()),
    ];
    let mut written = Vec::new();
    for (rel, text) in files {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| {
                Diagnostic::error(
                    Location::file(parent),
                    format!("cannot create the folder: {e}"),
                )
            })?;
        }
        std::fs::write(&path, text)
            .map_err(|e| Diagnostic::error(Location::file(&path), format!("cannot write: {e}")))?;
        written.push(path);
    }
    Ok(written)
}

/// The built-in `page.html` with a note added at the top of the page's content, so the override
/// is visible and stays in step with the binary's theme.
fn page_template() -> String {
    let builtin = crate::render::theme::DEFAULT_TEMPLATES
        .iter()
        .find(|(n, _)| *n == "page.html")
        .map(|(_, t)| *t)
        .unwrap_or("{% extends \"base.html\" %}\n{% block content %}{{ content | safe }}{% endblock content %}\n");
    // Tera wants `extends` first, so the remark goes next to the added line.
    let remark = "{# Added by `chiso new` to the copy of the built-in template: #}";
    for anchor in ["<article class=\"prose\">", "{% block content %}"] {
        if let Some(i) = builtin.find(anchor) {
            let at = i + anchor.len();
            return format!(
                "{}\n{remark}\n{PAGE_NOTE}{}",
                &builtin[..at],
                &builtin[at..]
            );
        }
    }
    builtin.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_template_keeps_the_builtin_and_adds_the_note() {
        let t = page_template();
        assert!(t.contains(PAGE_NOTE));
        assert!(t.contains("{% extends \"base.html\" %}"));
    }

    /// The words a site about another index must never show: the DTI's name and its ministry.
    pub(crate) const DTI_WORDS: &[&str] = &[
        "DTI",
        "dti",
        "Bộ Thông tin",
        "Bộ Khoa học",
        "BTTTT",
        "Ministry",
        "chuyển đổi số",
        "Digital Transformation",
        "digital transformation",
    ];

    /// Cards are PNGs, so the words drawn on them are checked before drawing.
    #[test]
    fn cards_of_a_new_site_name_neither_the_dti_nor_the_ministry() {
        let dir = tempfile::tempdir().unwrap();
        create(dir.path()).unwrap();
        let site = crate::site::load(&crate::site::Options {
            root: dir.path().to_path_buf(),
            output: None,
            base_url: None,
            cache: Some(std::path::PathBuf::new()),
        })
        .unwrap_or_else(|d| panic!("{d}"));
        let ctx = site.ctx();
        let mut cards = 0;
        for page in &site.plan.pages {
            let figures = crate::render::figures::for_page(&ctx, page).unwrap();
            cards += figures.cards.len();
            for line in figures.cards.iter().flat_map(|(_, card)| card.text()) {
                for word in DTI_WORDS {
                    assert!(!line.contains(word), "{}: card says {line:?}", page.url);
                }
            }
        }
        assert!(cards >= 10, "cards were drawn: {cards}");
    }

    #[test]
    fn refuses_a_folder_that_is_not_empty() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("notes.txt"), "mine").unwrap();
        let err = create(dir.path()).unwrap_err();
        assert!(err.message.contains("not empty"));
        assert_eq!(
            std::fs::read_to_string(dir.path().join("notes.txt")).unwrap(),
            "mine"
        );
    }
}
