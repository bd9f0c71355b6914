//! The OOXML parts of a deck: the fixed ones (theme, slide master and
//! layouts, notes master, properties) and the builders of the per-slide
//! ones. PresentationML needs every part here to open in PowerPoint (it
//! repairs or refuses a deck without a theme, a master with its layouts
//! or, when slides have notes, a notes master); LibreOffice and
//! python-pptx read the same set. Text from the scenario goes through
//! [`xml_text`].

use std::fmt::Write as _;

use crate::model::printable::document_text;

/// The slide, 16:9, in EMU (914 400 a inch): 13.333 × 7.5 in, PowerPoint's
/// widescreen size.
pub const SLIDE_EMU: [u64; 2] = [12_192_000, 6_858_000];

/// A notes page, portrait letter-ish, in EMU (PowerPoint's default).
const NOTES_EMU: [u64; 2] = [6_858_000, 9_144_000];

const NS: &str = r#"xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main""#;

const XML_HEAD: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

const REL_NS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// `text` escaped for XML character data and attributes, without the
/// characters XML 1.0 forbids (most control characters), which a
/// scenario file could hold and which would make the part unreadable.
pub fn xml_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(' '),
            c if c.is_control() || c == '\u{FFFE}' || c == '\u{FFFF}' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// `[Content_Types].xml` for a deck of `slides` slides, each with notes.
pub fn content_types(slides: usize) -> String {
    let mut out = format!(
        "{XML_HEAD}<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
<Default Extension=\"xml\" ContentType=\"application/xml\"/>\
<Default Extension=\"png\" ContentType=\"image/png\"/>"
    );
    let pml = "application/vnd.openxmlformats-officedocument.presentationml";
    let overrides = [
        ("/ppt/presentation.xml", format!("{pml}.presentation.main+xml")),
        ("/ppt/slideMasters/slideMaster1.xml", format!("{pml}.slideMaster+xml")),
        ("/ppt/slideLayouts/slideLayout1.xml", format!("{pml}.slideLayout+xml")),
        ("/ppt/slideLayouts/slideLayout2.xml", format!("{pml}.slideLayout+xml")),
        ("/ppt/notesMasters/notesMaster1.xml", format!("{pml}.notesMaster+xml")),
        (
            "/ppt/theme/theme1.xml",
            "application/vnd.openxmlformats-officedocument.theme+xml".to_owned(),
        ),
        (
            "/ppt/theme/theme2.xml",
            "application/vnd.openxmlformats-officedocument.theme+xml".to_owned(),
        ),
        ("/ppt/presProps.xml", format!("{pml}.presProps+xml")),
        ("/ppt/viewProps.xml", format!("{pml}.viewProps+xml")),
        ("/ppt/tableStyles.xml", format!("{pml}.tableStyles+xml")),
        (
            "/docProps/core.xml",
            "application/vnd.openxmlformats-package.core-properties+xml".to_owned(),
        ),
        (
            "/docProps/app.xml",
            "application/vnd.openxmlformats-officedocument.extended-properties+xml".to_owned(),
        ),
    ];
    for (part, kind) in overrides {
        let _ = write!(out, "<Override PartName=\"{part}\" ContentType=\"{kind}\"/>");
    }
    for n in 1..=slides {
        let _ = write!(
            out,
            "<Override PartName=\"/ppt/slides/slide{n}.xml\" ContentType=\"{pml}.slide+xml\"/>\
<Override PartName=\"/ppt/notesSlides/notesSlide{n}.xml\" ContentType=\"{pml}.notesSlide+xml\"/>"
        );
    }
    out + "</Types>"
}

/// A relationships part: (id, type after the officeDocument namespace, target).
fn rels(entries: &[(String, &str, String)]) -> String {
    let mut out =
        format!("{XML_HEAD}<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">");
    for (id, kind, target) in entries {
        let kind = if kind.starts_with("http") {
            (*kind).to_owned()
        } else {
            format!("{REL_NS}/{kind}")
        };
        let _ = write!(out, "<Relationship Id=\"{id}\" Type=\"{kind}\" Target=\"{target}\"/>");
    }
    out + "</Relationships>"
}

/// `_rels/.rels`: the package's parts.
pub fn package_rels() -> String {
    rels(&[
        ("rId1".into(), "officeDocument", "ppt/presentation.xml".into()),
        (
            "rId2".into(),
            "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
            "docProps/core.xml".into(),
        ),
        ("rId3".into(), "extended-properties", "docProps/app.xml".into()),
    ])
}

/// `docProps/core.xml`: the title and the creator, and no dates, so that
/// the same deck gives the same bytes.
pub fn core_props(title: &str) -> String {
    format!(
        "{XML_HEAD}<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" \
xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" \
xmlns:dcmitype=\"http://purl.org/dc/dcmitype/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\
<dc:title>{}</dc:title><dc:creator>drawdown</dc:creator></cp:coreProperties>",
        xml_text(&document_text(title))
    )
}

/// `docProps/app.xml`.
pub fn app_props(slides: usize) -> String {
    format!(
        "{XML_HEAD}<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\" \
xmlns:vt=\"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes\">\
<Application>drawdown</Application><PresentationFormat>Widescreen</PresentationFormat>\
<Slides>{slides}</Slides><Notes>{slides}</Notes></Properties>"
    )
}

/// `ppt/presentation.xml` and its relationships: the master, the notes
/// master, the theme and properties, then the slides (`rId7` on).
pub fn presentation(slides: usize) -> (String, String) {
    let [cx, cy] = SLIDE_EMU;
    let [ncx, ncy] = NOTES_EMU;
    let mut ids = String::new();
    let mut entries = vec![
        (
            "rId1".to_owned(),
            "slideMaster",
            "slideMasters/slideMaster1.xml".to_owned(),
        ),
        (
            "rId2".to_owned(),
            "notesMaster",
            "notesMasters/notesMaster1.xml".to_owned(),
        ),
        ("rId3".to_owned(), "theme", "theme/theme1.xml".to_owned()),
        ("rId4".to_owned(), "presProps", "presProps.xml".to_owned()),
        ("rId5".to_owned(), "viewProps", "viewProps.xml".to_owned()),
        ("rId6".to_owned(), "tableStyles", "tableStyles.xml".to_owned()),
    ];
    for n in 1..=slides {
        // Slide ids start at 256 (PresentationML's lowest).
        let _ = write!(ids, "<p:sldId id=\"{}\" r:id=\"rId{}\"/>", 255 + n, 6 + n);
        entries.push((format!("rId{}", 6 + n), "slide", format!("slides/slide{n}.xml")));
    }
    let xml = format!(
        "{XML_HEAD}<p:presentation {NS} saveSubsetFonts=\"1\">\
<p:sldMasterIdLst><p:sldMasterId id=\"2147483648\" r:id=\"rId1\"/></p:sldMasterIdLst>\
<p:notesMasterIdLst><p:notesMasterId r:id=\"rId2\"/></p:notesMasterIdLst>\
<p:sldIdLst>{ids}</p:sldIdLst>\
<p:sldSz cx=\"{cx}\" cy=\"{cy}\"/><p:notesSz cx=\"{ncx}\" cy=\"{ncy}\"/>\
<p:defaultTextStyle><a:lvl1pPr marL=\"0\" algn=\"l\" defTabSz=\"914400\" rtl=\"0\" eaLnBrk=\"1\" latinLnBrk=\"0\" hangingPunct=\"1\">\
<a:defRPr sz=\"1800\" kern=\"1200\"><a:solidFill><a:schemeClr val=\"tx1\"/></a:solidFill>\
<a:latin typeface=\"+mn-lt\"/><a:ea typeface=\"+mn-ea\"/><a:cs typeface=\"+mn-cs\"/></a:defRPr></a:lvl1pPr></p:defaultTextStyle>\
</p:presentation>"
    );
    (xml, rels(&entries))
}

pub fn pres_props() -> String {
    format!("{XML_HEAD}<p:presentationPr {NS}/>")
}

pub fn view_props() -> String {
    format!(
        "{XML_HEAD}<p:viewPr {NS}><p:normalViewPr><p:restoredLeft sz=\"15620\"/><p:restoredTop sz=\"94660\"/></p:normalViewPr>\
<p:gridSpacing cx=\"76200\" cy=\"76200\"/></p:viewPr>"
    )
}

pub fn table_styles() -> String {
    format!(
        "{XML_HEAD}<a:tblStyleLst xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" \
def=\"{{5C22544A-7EE6-4342-B048-85BDC9FD1C3A}}\"/>"
    )
}

/// The group-shape header every shape tree starts with.
const SP_TREE_HEAD: &str = "<p:nvGrpSpPr><p:cNvPr id=\"1\" name=\"\"/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr>\
<p:grpSpPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"0\" cy=\"0\"/><a:chOff x=\"0\" y=\"0\"/><a:chExt cx=\"0\" cy=\"0\"/></a:xfrm></p:grpSpPr>";

/// A placeholder shape: `ph` is its `<p:ph …/>` element; `box_emu`
/// (x, y, width, height) places it (a master's and a layout's do; a slide's
/// inherit); `body` is its text body, if any.
fn placeholder(id: u32, name: &str, ph: &str, box_emu: Option<[u64; 4]>, body: Option<&str>) -> String {
    let sp_pr = match box_emu {
        Some([x, y, w, h]) => format!(
            "<p:spPr><a:xfrm><a:off x=\"{x}\" y=\"{y}\"/><a:ext cx=\"{w}\" cy=\"{h}\"/></a:xfrm>\
<a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></p:spPr>"
        ),
        None => "<p:spPr/>".to_owned(),
    };
    let tx = body.map(|b| format!("<p:txBody>{b}</p:txBody>")).unwrap_or_default();
    format!(
        "<p:sp><p:nvSpPr><p:cNvPr id=\"{id}\" name=\"{name}\"/><p:cNvSpPr><a:spLocks noGrp=\"1\"/></p:cNvSpPr>\
<p:nvPr>{ph}</p:nvPr></p:nvSpPr>{sp_pr}{tx}</p:sp>"
    )
}

/// A text body of `paragraphs`, each one run; `size_hundredths` sets the
/// point size (in hundredths) where the placeholder's style should not.
pub fn text_body(paragraphs: &[String], size_hundredths: Option<u32>) -> String {
    let size = size_hundredths.map(|s| format!(" sz=\"{s}\"")).unwrap_or_default();
    let mut out = "<a:bodyPr/><a:lstStyle/>".to_owned();
    if paragraphs.is_empty() {
        out.push_str("<a:p><a:endParaRPr lang=\"en-GB\"/></a:p>");
    }
    for text in paragraphs {
        let _ = write!(
            out,
            "<a:p><a:r><a:rPr lang=\"en-GB\"{size} dirty=\"0\"/><a:t>{}</a:t></a:r></a:p>",
            xml_text(text)
        );
    }
    out
}

const CLR_MAP: &str = "<p:clrMap bg1=\"lt1\" tx1=\"dk1\" bg2=\"lt2\" tx2=\"dk2\" accent1=\"accent1\" accent2=\"accent2\" \
accent3=\"accent3\" accent4=\"accent4\" accent5=\"accent5\" accent6=\"accent6\" hlink=\"hlink\" folHlink=\"folHlink\"/>";

/// A level-1 paragraph style of `size` hundredths of a point.
fn level1(size: u32, extra: &str) -> String {
    format!(
        "<a:lvl1pPr marL=\"0\" algn=\"l\" defTabSz=\"914400\" rtl=\"0\" eaLnBrk=\"1\" latinLnBrk=\"0\" hangingPunct=\"1\">\
<a:spcBef><a:spcPts val=\"0\"/></a:spcBef><a:buNone/>\
<a:defRPr sz=\"{size}\" kern=\"1200\"><a:solidFill><a:schemeClr val=\"tx1\"/></a:solidFill>{extra}</a:defRPr></a:lvl1pPr>"
    )
}

/// `ppt/slideMasters/slideMaster1.xml` and its relationships (the two
/// layouts and the theme).
pub fn slide_master() -> (String, String) {
    let [cx, cy] = SLIDE_EMU;
    let title = placeholder(
        2,
        "Title Placeholder 1",
        "<p:ph type=\"title\"/>",
        Some([838_200, 365_125, cx - 2 * 838_200, 1_325_563]),
        Some(&text_body(&["Title".to_owned()], None)),
    );
    let body = placeholder(
        3,
        "Text Placeholder 2",
        "<p:ph type=\"body\" idx=\"1\"/>",
        Some([838_200, 1_825_625, cx - 2 * 838_200, cy - 1_825_625 - 681_038]),
        Some(&text_body(&["Text".to_owned()], None)),
    );
    let major = "<a:latin typeface=\"+mj-lt\"/><a:ea typeface=\"+mj-ea\"/><a:cs typeface=\"+mj-cs\"/>";
    let minor = "<a:latin typeface=\"+mn-lt\"/><a:ea typeface=\"+mn-ea\"/><a:cs typeface=\"+mn-cs\"/>";
    let xml = format!(
        "{XML_HEAD}<p:sldMaster {NS}><p:cSld><p:bg><p:bgRef idx=\"1001\"><a:schemeClr val=\"bg1\"/></p:bgRef></p:bg>\
<p:spTree>{SP_TREE_HEAD}{title}{body}</p:spTree></p:cSld>{CLR_MAP}\
<p:sldLayoutIdLst><p:sldLayoutId id=\"2147483649\" r:id=\"rId1\"/><p:sldLayoutId id=\"2147483650\" r:id=\"rId2\"/></p:sldLayoutIdLst>\
<p:txStyles><p:titleStyle>{}</p:titleStyle><p:bodyStyle>{}</p:bodyStyle><p:otherStyle>{}</p:otherStyle></p:txStyles>\
</p:sldMaster>",
        level1(4000, major),
        level1(2000, minor),
        level1(1800, minor),
    );
    let rels = rels(&[
        ("rId1".into(), "slideLayout", "../slideLayouts/slideLayout1.xml".into()),
        ("rId2".into(), "slideLayout", "../slideLayouts/slideLayout2.xml".into()),
        ("rId3".into(), "theme", "../theme/theme1.xml".into()),
    ]);
    (xml, rels)
}

/// The layouts: 1 = title slide (title and subtitle), 2 = title only (a
/// frame's slide: its title, and the map picture over the whole slide).
pub fn slide_layout(n: u8) -> (String, String) {
    let [cx, cy] = SLIDE_EMU;
    let (kind, name, shapes) = if n == 1 {
        let title = placeholder(
            2,
            "Title 1",
            "<p:ph type=\"ctrTitle\"/>",
            Some([914_400, 1_700_000, cx - 2 * 914_400, 1_800_000]),
            Some(&text_body(&[], None)),
        );
        let subtitle = placeholder(
            3,
            "Subtitle 2",
            "<p:ph type=\"subTitle\" idx=\"1\"/>",
            Some([914_400, 3_700_000, cx - 2 * 914_400, cy - 3_700_000 - 600_000]),
            Some(&text_body(&[], None)),
        );
        ("title", "Title Slide", title + &subtitle)
    } else {
        let title = placeholder(
            2,
            "Title 1",
            "<p:ph type=\"title\"/>",
            Some([838_200, 365_125, cx - 2 * 838_200, 1_325_563]),
            Some(&text_body(&[], None)),
        );
        ("titleOnly", "Title Only", title)
    };
    let xml = format!(
        "{XML_HEAD}<p:sldLayout {NS} type=\"{kind}\" preserve=\"1\"><p:cSld name=\"{name}\">\
<p:spTree>{SP_TREE_HEAD}{shapes}</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sldLayout>"
    );
    let rels = rels(&[("rId1".into(), "slideMaster", "../slideMasters/slideMaster1.xml".into())]);
    (xml, rels)
}

/// `ppt/notesMasters/notesMaster1.xml` and its relationships (its theme):
/// the slide's image above, the notes below.
pub fn notes_master() -> (String, String) {
    let image = "<p:sp><p:nvSpPr><p:cNvPr id=\"2\" name=\"Slide Image Placeholder 1\"/>\
<p:cNvSpPr><a:spLocks noGrp=\"1\" noRot=\"1\" noChangeAspect=\"1\"/></p:cNvSpPr><p:nvPr><p:ph type=\"sldImg\" idx=\"2\"/></p:nvPr></p:nvSpPr>\
<p:spPr><a:xfrm><a:off x=\"685800\" y=\"1143000\"/><a:ext cx=\"5486400\" cy=\"3086100\"/></a:xfrm>\
<a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom><a:noFill/><a:ln w=\"12700\"><a:solidFill><a:prstClr val=\"black\"/></a:solidFill></a:ln></p:spPr></p:sp>";
    let body = placeholder(
        3,
        "Notes Placeholder 2",
        "<p:ph type=\"body\" sz=\"quarter\" idx=\"3\"/>",
        Some([685_800, 4_400_550, 5_486_400, 3_600_450]),
        Some(&text_body(&[], None)),
    );
    let xml = format!(
        "{XML_HEAD}<p:notesMaster {NS}><p:cSld><p:bg><p:bgRef idx=\"1001\"><a:schemeClr val=\"bg1\"/></p:bgRef></p:bg>\
<p:spTree>{SP_TREE_HEAD}{image}{body}</p:spTree></p:cSld>{CLR_MAP}<p:notesStyle>{}</p:notesStyle></p:notesMaster>",
        level1(
            1200,
            "<a:latin typeface=\"+mn-lt\"/><a:ea typeface=\"+mn-ea\"/><a:cs typeface=\"+mn-cs\"/>"
        )
    );
    let rels = rels(&[("rId1".into(), "theme", "../theme/theme2.xml".into())]);
    (xml, rels)
}

/// A classification banner on a slide: its text and its ground's and
/// text's colours as `RRGGBB`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SlideBanner {
    pub text: String,
    pub fill_hex: String,
    pub text_hex: String,
}

/// The banner's two bands, top and bottom of the slide (shapes `10` and
/// `11`).
fn banner_shapes(banner: &SlideBanner) -> String {
    let [cx, cy] = SLIDE_EMU;
    let h = cy * 26 / 1080;
    [(10, 0), (11, cy - h)]
        .iter()
        .map(|&(id, y)| {
            format!(
                "<p:sp><p:nvSpPr><p:cNvPr id=\"{id}\" name=\"Classification {id}\"/><p:cNvSpPr txBox=\"1\"/><p:nvPr/></p:nvSpPr>\
<p:spPr><a:xfrm><a:off x=\"0\" y=\"{y}\"/><a:ext cx=\"{cx}\" cy=\"{h}\"/></a:xfrm><a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom>\
<a:solidFill><a:srgbClr val=\"{fill}\"/></a:solidFill></p:spPr>\
<p:txBody><a:bodyPr wrap=\"none\" lIns=\"0\" tIns=\"0\" rIns=\"0\" bIns=\"0\" anchor=\"ctr\"/><a:lstStyle/>\
<a:p><a:pPr algn=\"ctr\"/><a:r><a:rPr lang=\"en-GB\" sz=\"1100\" dirty=\"0\"><a:solidFill><a:srgbClr val=\"{color}\"/></a:solidFill></a:rPr><a:t>{text}</a:t></a:r></a:p></p:txBody></p:sp>",
                fill = banner.fill_hex,
                color = banner.text_hex,
                text = xml_text(&banner.text),
            )
        })
        .collect()
}

/// The title slide (`ppt/slides/slide1.xml`) and its relationships; a
/// brief's with its classification banner top and bottom. Its title and
/// lines come cut to fit their boxes; the boxes also ask to shrink their
/// text should it still overflow (`<a:normAutofit/>`: LibreOffice does,
/// PowerPoint once the text is edited).
pub fn title_slide(title: &str, subtitle: &[String], banner: Option<&SlideBanner>) -> (String, String) {
    let fit = |body: String| body.replacen("<a:bodyPr/>", "<a:bodyPr><a:normAutofit/></a:bodyPr>", 1);
    let shapes = placeholder(
        2,
        "Title 1",
        "<p:ph type=\"ctrTitle\"/>",
        None,
        Some(&fit(text_body(&[title.to_owned()], None))),
    ) + &placeholder(
        3,
        "Subtitle 2",
        "<p:ph type=\"subTitle\" idx=\"1\"/>",
        None,
        Some(&fit(text_body(subtitle, Some(1600)))),
    ) + &banner.map(banner_shapes).unwrap_or_default();
    slide(&shapes, 1, 1, None)
}

/// A frame's slide number `n`: its title (behind the picture: the map's own
/// title block shows the date and milestone, so a second one on top would
/// only hide the map; the title still names the slide in the outline, the
/// slide sorter and to a screen reader) and the map over the whole slide,
/// `alt` its description.
pub fn picture_slide(n: usize, title: &str, alt: &str, number: Option<&str>) -> (String, String) {
    let [cx, cy] = SLIDE_EMU;
    let title = placeholder(
        2,
        "Title 1",
        "<p:ph type=\"title\"/>",
        None,
        Some(&text_body(&[title.to_owned()], None)),
    );
    let picture = format!(
        "<p:pic><p:nvPicPr><p:cNvPr id=\"3\" name=\"Map\" descr=\"{}\"/><p:cNvPicPr><a:picLocks noChangeAspect=\"1\"/></p:cNvPicPr><p:nvPr/></p:nvPicPr>\
<p:blipFill><a:blip r:embed=\"rId3\"/><a:stretch><a:fillRect/></a:stretch></p:blipFill>\
<p:spPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"{cx}\" cy=\"{cy}\"/></a:xfrm><a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></p:spPr></p:pic>",
        xml_text(alt)
    );
    // The slide's number over the map's bottom right corner, above a
    // brief's bottom banner.
    let number = number.map_or_else(String::new, |text| {
        let (w, h) = (cx / 12, cy / 22);
        let (x, y) = (cx - w - cx / 80, cy - h - cy / 14);
        format!(
            "<p:sp><p:nvSpPr><p:cNvPr id=\"4\" name=\"Slide Number\"/><p:cNvSpPr txBox=\"1\"/><p:nvPr/></p:nvSpPr>\
<p:spPr><a:xfrm><a:off x=\"{x}\" y=\"{y}\"/><a:ext cx=\"{w}\" cy=\"{h}\"/></a:xfrm><a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom>\
<a:solidFill><a:srgbClr val=\"FFFFFF\"><a:alpha val=\"85000\"/></a:srgbClr></a:solidFill></p:spPr>\
<p:txBody><a:bodyPr wrap=\"none\" lIns=\"45720\" tIns=\"0\" rIns=\"45720\" bIns=\"0\" anchor=\"ctr\"/><a:lstStyle/>\
<a:p><a:pPr algn=\"r\"/><a:r><a:rPr lang=\"en-GB\" sz=\"1200\" dirty=\"0\"/><a:t>{}</a:t></a:r></a:p></p:txBody></p:sp>",
            xml_text(text)
        )
    });
    slide(&(title + &picture + &number), n, 2, Some(n))
}

/// A slide of `shapes` on `layout`, with its notes slide and, with
/// `image`, the picture `../media/image{image}.png` as `rId3`.
fn slide(shapes: &str, n: usize, layout: u8, image: Option<usize>) -> (String, String) {
    let xml = format!(
        "{XML_HEAD}<p:sld {NS}><p:cSld><p:spTree>{SP_TREE_HEAD}{shapes}</p:spTree></p:cSld>\
<p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sld>"
    );
    let mut entries = vec![
        (
            "rId1".to_owned(),
            "slideLayout",
            format!("../slideLayouts/slideLayout{layout}.xml"),
        ),
        (
            "rId2".to_owned(),
            "notesSlide",
            format!("../notesSlides/notesSlide{n}.xml"),
        ),
    ];
    if let Some(image) = image {
        entries.push(("rId3".to_owned(), "image", format!("../media/image{image}.png")));
    }
    (xml, rels(&entries))
}

/// Slide `n`'s notes page: the slide's image and `paragraphs`.
pub fn notes_slide(n: usize, paragraphs: &[String]) -> (String, String) {
    let image = "<p:sp><p:nvSpPr><p:cNvPr id=\"2\" name=\"Slide Image Placeholder 1\"/>\
<p:cNvSpPr><a:spLocks noGrp=\"1\" noRot=\"1\" noChangeAspect=\"1\"/></p:cNvSpPr><p:nvPr><p:ph type=\"sldImg\" idx=\"2\"/></p:nvPr></p:nvSpPr><p:spPr/></p:sp>";
    let body = placeholder(
        3,
        "Notes Placeholder 2",
        "<p:ph type=\"body\" idx=\"3\"/>",
        None,
        Some(&text_body(paragraphs, None)),
    );
    let xml = format!(
        "{XML_HEAD}<p:notes {NS}><p:cSld><p:spTree>{SP_TREE_HEAD}{image}{body}</p:spTree></p:cSld>\
<p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:notes>"
    );
    let rels = rels(&[
        ("rId1".into(), "notesMaster", "../notesMasters/notesMaster1.xml".into()),
        ("rId2".into(), "slide", format!("../slides/slide{n}.xml")),
    ]);
    (xml, rels)
}

/// A theme (`ppt/theme/theme{n}.xml`): Office's colours and fonts and the
/// three fill, line, effect and background styles DrawingML requires.
pub fn theme(name: &str) -> String {
    let colour = |tag: &str, rgb: &str| format!("<a:{tag}><a:srgbClr val=\"{rgb}\"/></a:{tag}>");
    let colours = [
        ("dk2", "44546A"),
        ("lt2", "E7E6E6"),
        ("accent1", "4472C4"),
        ("accent2", "ED7D31"),
        ("accent3", "A5A5A5"),
        ("accent4", "FFC000"),
        ("accent5", "5B9BD5"),
        ("accent6", "70AD47"),
        ("hlink", "0563C1"),
        ("folHlink", "954F72"),
    ]
    .iter()
    .map(|(tag, rgb)| colour(tag, rgb))
    .collect::<String>();
    let font = |latin: &str| format!("<a:latin typeface=\"{latin}\"/><a:ea typeface=\"\"/><a:cs typeface=\"\"/>");
    let solid = "<a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill>";
    let line = |w: u32| {
        format!(
            "<a:ln w=\"{w}\" cap=\"flat\" cmpd=\"sng\" algn=\"ctr\">{solid}<a:prstDash val=\"solid\"/><a:miter lim=\"800000\"/></a:ln>"
        )
    };
    let effect = "<a:effectStyle><a:effectLst/></a:effectStyle>";
    format!(
        "{XML_HEAD}<a:theme xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" name=\"{name}\"><a:themeElements>\
<a:clrScheme name=\"Office\"><a:dk1><a:sysClr val=\"windowText\" lastClr=\"000000\"/></a:dk1>\
<a:lt1><a:sysClr val=\"window\" lastClr=\"FFFFFF\"/></a:lt1>{colours}</a:clrScheme>\
<a:fontScheme name=\"Office\"><a:majorFont>{}</a:majorFont><a:minorFont>{}</a:minorFont></a:fontScheme>\
<a:fmtScheme name=\"Office\"><a:fillStyleLst>{solid}{solid}{solid}</a:fillStyleLst>\
<a:lnStyleLst>{}{}{}</a:lnStyleLst><a:effectStyleLst>{effect}{effect}{effect}</a:effectStyleLst>\
<a:bgFillStyleLst>{solid}{solid}{solid}</a:bgFillStyleLst></a:fmtScheme></a:themeElements>\
<a:objectDefaults/><a:extraClrSchemeLst/></a:theme>",
        font("Calibri Light"),
        font("Calibri"),
        line(6350),
        line(12700),
        line(19050),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_and_control_characters_dropped() {
        assert_eq!(
            xml_text("a & b <c> \"d\" 'e'"),
            "a &amp; b &lt;c&gt; &quot;d&quot; &apos;e&apos;"
        );
        assert_eq!(xml_text("x\u{1b}[1m\ny\u{0}"), "x [1m y ");
        assert_eq!(xml_text("Ain al-Asad – Anbar"), "Ain al-Asad – Anbar");
    }

    #[test]
    fn the_presentation_lists_every_slide_once_in_order() {
        let (xml, rels) = presentation(3);
        assert_eq!(xml.matches("<p:sldId ").count(), 3);
        assert!(xml.contains("id=\"256\" r:id=\"rId7\"") && xml.contains("id=\"258\" r:id=\"rId9\""));
        assert!(rels.contains("Id=\"rId9\"") && rels.contains("slides/slide3.xml"));
        let types = content_types(3);
        assert_eq!(types.matches("slide+xml").count(), 3);
        assert_eq!(types.matches("notesSlide+xml").count(), 3);
    }
}
