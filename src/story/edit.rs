//! What the story panel's edits need of a story, without egui: a blank
//! brief, the markings offered for its banner, a stop's date as typed, a
//! logo picked in a dialog as the file writes it, and what keeps a story
//! edited in the window from saving as a file that loads back (the
//! loader's own one-line rules, checked before the write).

use std::path::{Path, PathBuf};

use super::file::MAX_LINE_CHARS;
use super::{StopDate, Story};
use crate::model::date_format::{TODAY, iso, parse_iso};
use crate::model::printable::{escaped, is_unprintable};
use crate::model::{DateRange, Scenario};

/// The usual markings, offered beside the classification field: the
/// banner takes their usual colours (any other text: a neutral one).
pub const MARKINGS: [&str; 5] = ["UNCLASSIFIED", "CUI", "CONFIDENTIAL", "SECRET", "TOP SECRET"];

/// A story with no stops, titled after the scenario: ready for *Add this
/// view as a stop*, and tied to no file until it is saved.
pub fn blank_story(scenario: &Scenario) -> Story {
    let first_line = scenario.title.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let title = escaped(first_line.trim());
    let title = if title.is_empty() {
        "Brief".to_owned()
    } else if title.chars().count() > MAX_LINE_CHARS {
        let mut cut: String = title.chars().take(MAX_LINE_CHARS - 1).collect();
        cut.push('…');
        cut
    } else {
        title
    };
    Story::new(title)
}

/// Why `text` cannot be a one-line text of the story file (a title, a
/// subtitle, a classification, a callout), as the loader would refuse it
/// ("is empty", "contains the character …", "is 201 characters long…"):
/// blank, a line break or other control character, too long.
pub fn line_problem(text: &str) -> Option<String> {
    if text.trim().is_empty() {
        return Some("is empty".to_owned());
    }
    if let Some(c) = text.chars().find(|&c| is_unprintable(c)) {
        return Some(format!(
            "contains the character {}; it is drawn on one line",
            c.escape_unicode()
        ));
    }
    let chars = text.chars().count();
    (chars > MAX_LINE_CHARS).then(|| format!("is {chars} characters long; at most {MAX_LINE_CHARS} fit on one line"))
}

/// What keeps `story` from being saved: each problem naming its field,
/// so that what the window writes always loads back.
pub fn save_problems(story: &Story) -> Vec<String> {
    let mut problems = Vec::new();
    let check = |problems: &mut Vec<String>, what: String, text: &str| {
        if let Some(problem) = line_problem(text) {
            problems.push(format!("{what} {problem}"));
        }
    };
    check(&mut problems, "the story's title".to_owned(), &story.title);
    for (what, text) in [
        ("the subtitle", &story.subtitle),
        (
            "the classification",
            &story.classification.as_ref().map(|c| c.text.clone()),
        ),
        ("\"prepared by\"", &story.prepared_by),
        (
            "the logo",
            &story.logo.as_ref().map(|p| p.to_string_lossy().into_owned()),
        ),
    ] {
        if let Some(text) = text {
            check(&mut problems, what.to_owned(), text);
        }
    }
    for (i, stop) in story.stops.iter().enumerate() {
        if let Some(title) = &stop.title {
            check(&mut problems, format!("stop {}'s title", i + 1), title);
        }
        for (c, callout) in stop.callouts.iter().enumerate() {
            check(
                &mut problems,
                format!("stop {}'s callout {}", i + 1, c + 1),
                &callout.text,
            );
        }
        if let Some(c) = stop
            .notes
            .chars()
            .find(|&c| is_unprintable(c) && !matches!(c, '\n' | '\t'))
        {
            problems.push(format!(
                "stop {}'s talking points contain the character {}",
                i + 1,
                c.escape_unicode()
            ));
        }
    }
    problems
}

/// A stop's date as the panel's field shows it: `2025-09-30` or `today`.
pub fn date_text(date: StopDate) -> String {
    match date {
        StopDate::Today => TODAY.to_owned(),
        StopDate::On(date) => iso(date),
    }
}

/// A stop's date as typed in the panel: `YYYY-MM-DD` within the
/// scenario's `range`, or `today`; otherwise what is wrong.
pub fn parse_stop_date(text: &str, range: DateRange) -> Result<StopDate, String> {
    let text = text.trim();
    if text.eq_ignore_ascii_case(TODAY) {
        return Ok(StopDate::Today);
    }
    let date = parse_iso(text)
        .ok()
        .filter(|_| text.len() == 10)
        .ok_or_else(|| format!("not a date: type YYYY-MM-DD (a day that exists) or {TODAY}"))?;
    if range.contains(date) {
        Ok(StopDate::On(date))
    } else {
        Err(format!(
            "{} is outside the scenario, {} to {}",
            iso(date),
            iso(range.start),
            iso(range.end)
        ))
    }
}

/// The logo `picked` (a dialog's absolute path) as the story file writes
/// it: relative to the story file's folder when it lies under it (the
/// brief and its logo move together), as picked otherwise.
pub fn logo_as_written(story: &Story, picked: &Path) -> PathBuf {
    story
        .origin
        .as_deref()
        .and_then(Path::parent)
        .filter(|folder| !folder.as_os_str().is_empty())
        .and_then(|folder| picked.strip_prefix(folder).ok())
        .map_or_else(|| picked.to_owned(), Path::to_owned)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Date;
    use crate::story::{Callout, Stop};

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn a_typed_date_is_a_day_in_the_scenario_or_today() {
        let range = DateRange {
            start: d("2014-06-01"),
            end: d("2026-12-31"),
        };
        assert_eq!(
            parse_stop_date(" 2025-09-30 ", range),
            Ok(StopDate::On(d("2025-09-30")))
        );
        assert_eq!(parse_stop_date("Today", range), Ok(StopDate::Today));
        assert!(
            parse_stop_date("2025-02-30", range)
                .unwrap_err()
                .starts_with("not a date")
        );
        assert!(
            parse_stop_date("2025-9-3", range)
                .unwrap_err()
                .starts_with("not a date")
        );
        let outside = parse_stop_date("2030-01-01", range).unwrap_err();
        assert!(outside.contains("outside the scenario"), "{outside}");
    }

    #[test]
    fn what_the_loader_would_refuse_keeps_the_story_from_saving() {
        let mut story = Story::new("Brief");
        assert!(save_problems(&story).is_empty());
        story.title = "  ".to_owned();
        story.subtitle = Some("a\nb".to_owned());
        let mut stop = Stop::on(StopDate::Today);
        stop.callouts.push(Callout {
            text: "x".repeat(MAX_LINE_CHARS + 1),
            lonlat: [40.0, 35.0],
        });
        story.stops.push(stop);
        let problems = save_problems(&story);
        assert_eq!(problems.len(), 3, "{problems:?}");
        assert_eq!(problems[0], "the story's title is empty");
        assert!(
            problems[1].starts_with("the subtitle contains the character \\u{a}"),
            "{problems:?}"
        );
        assert!(
            problems[2].starts_with("stop 1's callout 1 is 201 characters long"),
            "{problems:?}"
        );
    }

    #[test]
    fn a_logo_under_the_story_files_folder_is_written_relative_to_it() {
        let mut story = Story::new("Brief");
        let picked = Path::new("/briefs/img/logo.png");
        assert_eq!(logo_as_written(&story, picked), picked, "no file yet: as picked");
        story.origin = Some(PathBuf::from("/briefs/brief.toml"));
        assert_eq!(logo_as_written(&story, picked), Path::new("img/logo.png"));
        assert_eq!(
            logo_as_written(&story, Path::new("/elsewhere/logo.png")),
            Path::new("/elsewhere/logo.png")
        );
    }
}
