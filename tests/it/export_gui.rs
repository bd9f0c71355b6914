//! Exporting from the GUI, headless: the dialog's intents write real files
//! (the native file dialog is bypassed), existing files need consent,
//! sequences run in the background, and Ctrl+Shift+C puts the slide-sized
//! map on the clipboard.

use std::path::{Path, PathBuf};

use crate::support::date;
use drawdown::{
    DrawdownApp, Effect, ExportCommand, ExportForm, ExportKind, ImageFormat, LoadedInputs, NoticeCommand, OutputKind,
};
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

/// Changes the open dialog's choices as a user's clicks would: the edited
/// form goes back to the app as a command.
fn edit_form(h: &mut Harness<'static, DrawdownApp>, edit: impl FnOnce(&mut ExportForm)) {
    let mut form = h.state().export_form().unwrap().clone();
    edit(&mut form);
    let _ = h.state_mut().apply(ExportCommand::Edit(Box::new(form)).into());
}

fn harness() -> Harness<'static, DrawdownApp> {
    crate::support::harness("2025-12-01", 1)
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("drawdown-gui-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn png_size(path: &Path) -> (u32, u32) {
    let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(path).unwrap()));
    let reader = decoder.read_info().unwrap();
    let info = reader.info();
    (info.width, info.height)
}

#[test]
fn ctrl_e_opens_the_export_dialog_and_esc_closes_it() {
    let mut h = harness();
    h.key_press_modifiers(Modifiers::COMMAND, Key::E);
    h.run_steps(2);
    assert!(h.state().is_export_open());
    h.key_press(Key::Escape);
    h.run_steps(2);
    assert!(!h.state().is_export_open());
}

#[test]
fn an_image_export_writes_the_png_and_says_where() {
    let dir = temp_dir("image");
    let path = dir.join("slide.png");
    let mut h = harness();
    h.state_mut().apply(ExportCommand::Open.into());
    edit_form(&mut h, |form| form.preset = Some(0)); // 1280 × 720
    h.state_mut().apply(
        ExportCommand::ImageTo {
            path: path.clone(),
            force: false,
        }
        .into(),
    );
    h.run_steps(2);
    assert_eq!(png_size(&path), (1280, 720));
    assert_eq!(
        h.state().notice(),
        Some(format!("Exported {}", path.display()).as_str())
    );
    assert_eq!(
        h.state().notice_folder(),
        Some(dir.as_path()),
        "Open folder shows the image's folder"
    );
    assert!(
        !h.state().is_export_open(),
        "the dialog closes after a successful export"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn an_image_named_tiff_or_jpg_is_refused_in_the_dialog_and_nothing_is_written() {
    let dir = temp_dir("image-format");
    for name in ["slide.tiff", "slide.jpg", "slide"] {
        let path = dir.join(name);
        let mut h = harness();
        let _ = h.state_mut().apply(ExportCommand::Open.into());
        let _ = h.state_mut().apply(
            ExportCommand::ImageTo {
                path: path.clone(),
                force: false,
            }
            .into(),
        );
        h.run_steps(2);
        assert!(!path.exists(), "{name}: no PNG bytes under another name");
        let error = h.state().export_form().expect("the dialog stays open").error.clone();
        let error = error.unwrap_or_default();
        assert!(error.contains(".png"), "{name}: {error}");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Exports an image to `path` from the dialog without forcing, and
/// asserts that the app asks before replacing what is there.
fn export_image_is_asked_about(path: &Path) -> Harness<'static, DrawdownApp> {
    let mut h = harness();
    h.state_mut().apply(ExportCommand::Open.into());
    h.state_mut().apply(
        ExportCommand::ImageTo {
            path: path.to_owned(),
            force: false,
        }
        .into(),
    );
    h.run_steps(2);
    assert_eq!(h.state().pending_overwrite(), Some(path));
    h
}

#[test]
fn an_existing_file_is_replaced_only_after_confirmation() {
    let dir = temp_dir("confirm");
    let path = dir.join("slide.png");
    std::fs::write(&path, b"keep me").unwrap();
    let mut h = export_image_is_asked_about(&path);
    assert_eq!(
        std::fs::read(&path).unwrap(),
        b"keep me",
        "nothing written before consent"
    );
    h.state_mut().apply(ExportCommand::ConfirmOverwrite(false).into());
    assert_eq!(std::fs::read(&path).unwrap(), b"keep me");
    h.state_mut().apply(
        ExportCommand::ImageTo {
            path: path.clone(),
            force: false,
        }
        .into(),
    );
    h.state_mut().apply(ExportCommand::ConfirmOverwrite(true).into());
    assert_eq!(png_size(&path), (1920, 1080));
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A link (even one pointing nowhere) or a FIFO is not a file to replace:
/// the dialog says so at once instead of asking, and consent changes
/// nothing (the export refuses it too).
#[test]
fn a_link_or_a_fifo_is_refused_at_once_not_asked_about() {
    let dir = temp_dir("dangling");
    let link = dir.join("slide.png");
    std::os::unix::fs::symlink(dir.join("gone.png"), &link).unwrap();
    let fifo = dir.join("pipe.png");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    for (path, kind) in [(&link, "a symbolic link"), (&fifo, "a FIFO")] {
        for force in [false, true] {
            let mut h = harness();
            h.state_mut().apply(ExportCommand::Open.into());
            h.state_mut().apply(
                ExportCommand::ImageTo {
                    path: path.clone(),
                    force,
                }
                .into(),
            );
            assert_eq!(h.state().pending_overwrite(), None, "not asked about");
            let error = h.state().export_form().unwrap().error.clone().unwrap_or_default();
            assert!(
                error.contains(kind) && error.contains(&path.display().to_string()),
                "{error}"
            );
        }
    }
    assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
    assert!(!dir.join("gone.png").exists(), "nothing written through the link");
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 2, "no stray file");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Starts a sequence with a GIF into `dir` from the dialog, its choices
/// edited by `edit`.
fn start_sequence(dir: &Path, edit: impl FnOnce(&mut ExportForm)) -> Harness<'static, DrawdownApp> {
    let mut h = harness();
    h.state_mut().apply(ExportCommand::Open.into());
    edit_form(&mut h, |form| {
        form.kind = ExportKind::Sequence;
        form.set_writes(OutputKind::Gif, true);
        edit(form);
    });
    h.state_mut().apply(
        ExportCommand::SequenceTo {
            dir: dir.to_owned(),
            force: false,
        }
        .into(),
    );
    assert!(h.state().is_exporting());
    h
}

/// Steps the window until the background job is over (two minutes at most).
fn wait_for_the_job(h: &mut Harness<'static, DrawdownApp>) {
    for _ in 0..6000 {
        h.step();
        if !h.state().is_exporting() {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    panic!("the export job is still running");
}

#[test]
fn a_sequence_runs_in_the_background_and_reports_what_it_wrote() {
    let dir = temp_dir("sequence");
    let mut h = start_sequence(&dir, |form| {
        form.preset = Some(0);
        form.from = "2025-09-01".into();
        form.to = "2025-09-29".into();
        form.step = "1w".into();
    });
    wait_for_the_job(&mut h);
    let notice = h.state().notice().unwrap().to_owned();
    assert!(notice.starts_with("Exported 5 frames"), "{notice}");
    assert_eq!(
        crate::support::names_in(&dir),
        [
            "drawdown-reported-2025-09-01-to-2025-09-29.gif",
            "drawdown-reported-2025-09-01.png",
            "drawdown-reported-2025-09-08.png",
            "drawdown-reported-2025-09-15.png",
            "drawdown-reported-2025-09-22.png",
            "drawdown-reported-2025-09-29.png",
        ]
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Cancel in the window takes the export's own path: the frames written
/// so far are removed, and the chosen folder (which was there) stays.
#[test]
fn a_cancelled_sequence_removes_the_frames_it_wrote() {
    let dir = temp_dir("cancel");
    let mut h = start_sequence(&dir, |form| {
        form.from = "2024-10-01".into();
        form.to = "2025-08-31".into();
        form.step = "1d".into();
    });
    let has_frame = || std::fs::read_dir(&dir).unwrap().count() > 0;
    for _ in 0..6000 {
        if has_frame() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert!(has_frame(), "a frame was written");
    h.state_mut().apply(ExportCommand::Cancel.into());
    wait_for_the_job(&mut h);
    let notice = h.state().notice().unwrap_or_default().to_owned();
    assert!(notice.contains("cancelled") && notice.contains("removed"), "{notice}");
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 0, "nothing left");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_bad_sequence_range_is_explained_in_the_dialog() {
    let error = refused_sequence("bad-sequence", |form| {
        form.from = "2025-10-01".into();
        form.to = "2025-02-30".into();
    });
    assert!(error.contains("\"2025-02-30\" is not a date"), "{error}");
}

/// The dialog's error for a sequence `edit` makes unwritable; checks that
/// no job started and nothing was written.
fn refused_sequence(name: &str, edit: impl FnOnce(&mut ExportForm)) -> String {
    let dir = temp_dir(name);
    let mut h = harness();
    h.state_mut().apply(ExportCommand::Open.into());
    edit_form(&mut h, |form| {
        form.kind = ExportKind::Sequence;
        edit(form);
    });
    h.state_mut().apply(
        ExportCommand::SequenceTo {
            dir: dir.clone(),
            force: false,
        }
        .into(),
    );
    assert!(!h.state().is_exporting());
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 0);
    std::fs::remove_dir_all(&dir).unwrap();
    h.state().export_form().unwrap().error.clone().unwrap()
}

#[test]
fn the_dialog_offers_images_sequences_slides_and_books() {
    let mut h = harness();
    h.state_mut().apply(ExportCommand::Open.into());
    h.run_steps(2);
    for tab in ["Image", "Sequence", "Slides (PPTX)", "Briefing book (PDF)"] {
        h.get_by_label(tab);
    }
    for format in ["PNG", "SVG", "PDF"] {
        h.get_by_label(format);
    }
    assert!(
        h.query_by_label("Video (MP4, H.264)").is_none(),
        "a sequence's outputs show on its tab"
    );
    h.get_by_label("Sequence").click();
    h.run_steps(2);
    assert_eq!(h.state().export_form().unwrap().kind, ExportKind::Sequence);
    for output in ["PNG frames", "Animated GIF", "Video (MP4, H.264)"] {
        h.get_by_label(output);
    }
}

#[test]
fn save_as_proposes_a_file_name_in_the_chosen_format() {
    let mut h = harness();
    h.state_mut().apply(ExportCommand::Open.into());
    let cases = [
        (
            ExportKind::Image,
            Some(ImageFormat::Svg),
            "drawdown-reported-2025-12-01.svg",
            "svg",
        ),
        (
            ExportKind::Image,
            Some(ImageFormat::Pdf),
            "drawdown-reported-2025-12-01.pdf",
            "pdf",
        ),
        (
            ExportKind::Deck,
            None,
            "drawdown-reported-2025-09-01-to-2025-12-31.pptx",
            "pptx",
        ),
        (
            ExportKind::Book,
            None,
            "drawdown-reported-2025-09-01-to-2025-12-31.pdf",
            "pdf",
        ),
        (ExportKind::Sequence, None, "", ""),
    ];
    for (kind, format, name, ext) in cases {
        edit_form(&mut h, |form| {
            form.kind = kind;
            form.from = "2025-09-01".into();
            form.to = "2025-12-31".into();
            if let Some(format) = format {
                form.image_format = format;
            }
        });
        let effects = h.state_mut().apply(ExportCommand::Pick.into());
        assert_eq!(
            effects,
            [Effect::PickExportTarget {
                kind,
                file_name: name.to_owned(),
                extension: ext,
            }],
            "{kind:?}"
        );
    }
}

#[test]
fn a_sequence_with_nothing_to_write_is_explained_in_the_dialog() {
    let error = refused_sequence("nothing", |form| {
        for kind in OutputKind::IN_FOLDER {
            form.set_writes(kind, false);
        }
        assert!(form.writes.is_empty());
    });
    assert!(error.starts_with("Choose what to write"), "{error}");
}

#[test]
fn a_sequence_without_a_milestone_in_its_dates_is_explained_in_the_dialog() {
    let error = refused_sequence("no-milestone", |form| {
        form.milestones = true;
        form.from = "2016-01-02".into();
        form.to = "2016-01-03".into();
    });
    assert_eq!(error, "No milestone between 2016-01-02 and 2016-01-03");
}

/// The dialog's deck or book of weekly 720p frames from 1 September 2025
/// to `to`, asked to be written to `path`.
fn start_document(kind: ExportKind, to: &str, path: &Path) -> Harness<'static, DrawdownApp> {
    let mut h = harness();
    h.state_mut().apply(ExportCommand::Open.into());
    edit_form(&mut h, |form| {
        form.kind = kind;
        form.preset = Some(0);
        form.from = "2025-09-01".into();
        form.to = to.into();
        form.step = "1w".into();
    });
    h.state_mut().apply(
        ExportCommand::DocumentTo {
            path: path.to_owned(),
            force: false,
        }
        .into(),
    );
    h
}

#[test]
fn a_deck_export_writes_the_pptx_and_offers_its_folder() {
    let dir = temp_dir("deck");
    let path = dir.join("briefing.pptx");
    let mut h = start_document(ExportKind::Deck, "2025-09-15", &path);
    assert!(
        h.state().is_exporting(),
        "{:?}",
        h.state().export_form().and_then(|f| f.error.clone())
    );
    wait_for_the_job(&mut h);
    let notice = h.state().notice().unwrap().to_owned();
    assert!(notice.contains("briefing.pptx"), "{notice}");
    assert!(notice.ends_with("(3 dates)"), "{notice}");
    assert_eq!(h.state().notice_folder(), Some(dir.as_path()));
    let bytes = std::fs::read(&path).unwrap();
    assert!(bytes.starts_with(b"PK"), "a zip (OOXML) file");
    // Only the deck: no frames beside it.
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 1);
    h.run_steps(2);
    h.get_by_label("Open folder");
    // The button's command asks the desktop (not run here: it would start a file manager).
    assert_eq!(
        h.state_mut().apply(NoticeCommand::OpenFolder(dir.clone()).into()),
        [Effect::OpenFolder(dir.clone())]
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_video_without_frames_writes_only_the_mp4() {
    let dir = temp_dir("video");
    let mut h = harness();
    h.state_mut().apply(ExportCommand::Open.into());
    edit_form(&mut h, |form| {
        form.kind = ExportKind::Sequence;
        form.preset = Some(0);
        form.from = "2025-09-01".into();
        form.to = "2025-09-29".into();
        form.step = "1w".into();
        form.set_writes(OutputKind::Frames, false);
        form.set_writes(OutputKind::Mp4, true);
    });
    h.state_mut().apply(
        ExportCommand::SequenceTo {
            dir: dir.clone(),
            force: false,
        }
        .into(),
    );
    wait_for_the_job(&mut h);
    let names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        names,
        ["drawdown-reported-2025-09-01-to-2025-09-29.mp4"],
        "{:?}",
        h.state().notice()
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_book_export_asks_before_replacing_a_file() {
    let dir = temp_dir("book");
    let path = dir.join("book.pdf");
    std::fs::write(&path, b"keep me").unwrap();
    let mut h = start_document(ExportKind::Book, "2025-09-08", &path);
    assert!(!h.state().is_exporting(), "it asks first");
    assert_eq!(std::fs::read(&path).unwrap(), b"keep me");
    h.state_mut().apply(ExportCommand::ConfirmOverwrite(true).into());
    wait_for_the_job(&mut h);
    assert!(
        std::fs::read(&path).unwrap().starts_with(b"%PDF"),
        "{:?}",
        h.state().notice()
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Ctrl+Shift+C, and the frames that show its notice.
fn press_copy_image(h: &mut Harness<'static, DrawdownApp>) {
    h.key_press_modifiers(
        Modifiers {
            shift: true,
            ..Modifiers::COMMAND
        },
        egui::Key::C,
    );
    h.run_steps(2);
}

#[test]
fn only_an_export_notice_offers_open_folder() {
    let mut h = harness();
    press_copy_image(&mut h);
    assert!(h.state().notice().is_some());
    assert_eq!(h.state().notice_folder(), None);
    assert!(h.query_by_label("Open folder").is_none());
}

#[test]
fn ctrl_shift_c_copies_the_map_and_not_c_compares() {
    let mut h = harness();
    press_copy_image(&mut h);
    assert_eq!(h.state().notice(), Some("Copied the map (1920×1080) to the clipboard"));
    assert!(!h.state().is_comparing(), "Ctrl+Shift+C is not C");
}

#[test]
fn the_clipboard_image_is_the_slide_with_the_status_colours() {
    let data = LoadedInputs::embedded().unwrap();
    let track = data.scenario.track_idx("reported").unwrap();
    let image = drawdown::clipboard_image(
        &data,
        drawdown::TrackLayout::Single(track),
        date("2025-12-01"),
        drawdown::Theme::Light,
        drawdown::LayerSet::default(),
        None,
    )
    .unwrap();
    assert_eq!(image.size, [1920, 1080]);
    // A desert point of Al-Anbar, far from labels: federal Iraq is still in
    // transition on the reported track on 1 Dec 2025.
    let opts = drawdown::ExportOptions::default();
    let layout = drawdown::MapLayout::new(opts.logical_rect(), &drawdown::MapStyle::for_theme(opts.theme));
    let at = layout
        .screen_from_world(&drawdown::MapView::HOME, &data.geometry)
        .screen_from_world(data.geometry.world_from_lonlat(41.5, 32.8));
    let pixel = image.pixels[at.y as usize * 1920 + at.x as usize];
    let drawdown_status = data
        .scenario
        .status(data.scenario.status_idx("drawdown").unwrap())
        .color;
    assert_eq!(
        [pixel.r(), pixel.g(), pixel.b()],
        [drawdown_status.r, drawdown_status.g, drawdown_status.b]
    );
}

#[test]
fn an_odd_sized_video_is_refused_in_the_dialog_before_the_export_starts() {
    let error = refused_sequence("odd-video", |form| {
        form.preset = None;
        form.custom = [641, 360];
        form.set_writes(OutputKind::Mp4, true);
    });
    assert!(error.starts_with("A video needs an even width"), "{error}");
}

/// The dialog and `drawdown export` plan a sequence with the one planner:
/// the same refusal in the same words (the dialog's as a sentence).
#[test]
fn the_dialog_and_the_command_line_refuse_a_sequence_in_the_same_words() {
    let error = refused_sequence("same-words", |form| {
        form.milestones = true;
        form.from = "2016-01-02".into();
        form.to = "2016-01-03".into();
    });
    let dir = temp_dir("same-words-cli");
    let o = crate::support::drawdown(&[
        "export",
        "--milestones",
        "--from",
        "2016-01-02",
        "--to",
        "2016-01-03",
        "--gif",
        dir.join("a.gif").to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    let stderr = crate::support::stderr(&o);
    let cli = stderr.trim().trim_start_matches("drawdown: error: ");
    assert_eq!(error, format!("N{}", &cli[1..]), "dialog: {error}; command line: {cli}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn the_notice_after_a_sequence_describes_each_output_as_the_command_line_does() {
    let dir = temp_dir("notice-words");
    let mut h = start_sequence(&dir, |form| {
        form.preset = Some(0);
        form.from = "2025-09-01".into();
        form.to = "2025-09-08".into();
        form.step = "1w".into();
    });
    wait_for_the_job(&mut h);
    let notice = h.state().notice().unwrap().to_owned();
    let gif = dir.join("drawdown-reported-2025-09-01-to-2025-09-08.gif");
    assert_eq!(
        notice,
        format!(
            "Exported 2 frames (1280x720 px) to {} and {} (2 dates)",
            dir.display(),
            gif.display()
        )
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

/// What a desktop without a portal or zenity makes the native dialog say.
const NO_DIALOG: &str = "No file dialog on this desktop (no XDG portal or zenity) — type the path";

#[test]
fn without_a_file_dialog_save_as_offers_a_path_field_that_writes_there() {
    let dir = temp_dir("typed-path");
    let mut h = harness();
    h.state_mut().apply(ExportCommand::Open.into());
    h.run_steps(2);
    assert!(
        h.query_by_label(drawdown::PATH_FIELD_LABEL)
            .is_none()
    );
    h.state_mut()
        .apply(ExportCommand::PickFailed(NO_DIALOG.to_owned()).into());
    h.run_steps(2);
    h.get_by_label(NO_DIALOG);
    let typed = h.state().export_form().unwrap().typed_path.clone().unwrap();
    assert!(
        typed.text.ends_with("drawdown-reported-2025-12-01.png"),
        "the proposed folder and name: {}",
        typed.text
    );
    assert!(Path::new(&typed.text).is_absolute(), "{}", typed.text);

    // Typed without an extension: the format's is added, as the native
    // dialog's filter does.
    let target = dir.join("typed");
    let field = h.get_by_label(drawdown::PATH_FIELD_LABEL);
    field.focus();
    h.run_steps(1);
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_label(drawdown::PATH_FIELD_LABEL)
        .type_text(target.to_str().unwrap());
    h.run_steps(2);
    h.get_by_label("Save").click();
    h.run_steps(2);
    let written = dir.join("typed.png");
    assert!(written.is_file(), "{} was not written", written.display());
    assert_eq!(png_size(&written), (1920, 1080));
    assert!(!h.state().is_export_open(), "the dialog closes after the write");
    assert_eq!(
        h.state().notice(),
        Some(format!("Exported {}", written.display()).as_str())
    );
}

#[test]
fn a_typed_path_goes_through_the_same_checks_as_a_picked_one() {
    let dir = temp_dir("typed-checks");
    let taken = dir.join("taken.png");
    std::fs::write(&taken, b"old").unwrap();
    let mut h = harness();
    h.state_mut().apply(ExportCommand::Open.into());
    h.state_mut()
        .apply(ExportCommand::PickFailed(NO_DIALOG.to_owned()).into());
    edit_form(&mut h, |form| {
        form.typed_path.as_mut().unwrap().text = "  ".into();
    });
    h.state_mut().apply(ExportCommand::SaveTyped.into());
    assert_eq!(
        h.state().export_form().unwrap().error.as_deref(),
        Some("Type the path to save to")
    );
    edit_form(&mut h, |form| {
        form.typed_path.as_mut().unwrap().text = taken.display().to_string();
    });
    h.state_mut().apply(ExportCommand::SaveTyped.into());
    assert_eq!(
        h.state().pending_overwrite(),
        Some(taken.as_path()),
        "asks before replacing"
    );
    assert_eq!(std::fs::read(&taken).unwrap(), b"old");
    edit_form(&mut h, |form| {
        form.kind = ExportKind::Sequence;
        form.typed_path.as_mut().unwrap().text = dir.join("frames").display().to_string();
    });
    h.state_mut().apply(ExportCommand::ConfirmOverwrite(false).into());
    let effects = h.state_mut().apply(ExportCommand::SaveTyped.into());
    assert!(effects.is_empty());
    assert!(h.state().is_exporting(), "a sequence starts into the typed folder");
}
