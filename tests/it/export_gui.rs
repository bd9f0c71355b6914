//! Exporting from the GUI, headless: the dialog's intents write real files
//! (the native file dialog is bypassed), existing files need consent,
//! sequences run in the background, and Ctrl+Shift+C puts the slide-sized
//! map on the clipboard.

use std::path::{Path, PathBuf};

use crate::support::date;
use drawdown::app::DrawdownApp;
use drawdown::inputs::LoadedInputs;
use drawdown::ui::Command;
use drawdown::ui::export_dialog::{ExportForm, ExportKind};
use egui::{Key, Modifiers};
use egui_kittest::Harness;

/// Changes the open dialog's choices as a user's clicks would: the edited
/// form goes back to the app as a command.
fn edit_form(h: &mut Harness<'static, DrawdownApp>, edit: impl FnOnce(&mut ExportForm)) {
    let mut form = h.state().export_form().unwrap().clone();
    edit(&mut form);
    let _ = h.state_mut().apply(Command::EditExport(Box::new(form)));
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
    h.state_mut().apply(Command::OpenExport);
    edit_form(&mut h, |form| form.preset = Some(0)); // 1280 × 720
    h.state_mut().apply(Command::ExportImageTo {
        path: path.clone(),
        force: false,
    });
    h.run_steps(2);
    assert_eq!(png_size(&path), (1280, 720));
    assert_eq!(
        h.state().notice(),
        Some(format!("Exported {}", path.display()).as_str())
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
        let _ = h.state_mut().apply(Command::OpenExport);
        let _ = h.state_mut().apply(Command::ExportImageTo {
            path: path.clone(),
            force: false,
        });
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
    h.state_mut().apply(Command::OpenExport);
    h.state_mut().apply(Command::ExportImageTo {
        path: path.to_owned(),
        force: false,
    });
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
    h.state_mut().apply(Command::ConfirmOverwrite(false));
    assert_eq!(std::fs::read(&path).unwrap(), b"keep me");
    h.state_mut().apply(Command::ExportImageTo {
        path: path.clone(),
        force: false,
    });
    h.state_mut().apply(Command::ConfirmOverwrite(true));
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
            h.state_mut().apply(Command::OpenExport);
            h.state_mut().apply(Command::ExportImageTo {
                path: path.clone(),
                force,
            });
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
    h.state_mut().apply(Command::OpenExport);
    edit_form(&mut h, |form| {
        form.kind = ExportKind::Sequence;
        form.gif = true;
        edit(form);
    });
    h.state_mut().apply(Command::ExportSequenceTo {
        dir: dir.to_owned(),
        force: false,
    });
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
    h.state_mut().apply(Command::CancelExport);
    wait_for_the_job(&mut h);
    let notice = h.state().notice().unwrap_or_default().to_owned();
    assert!(notice.contains("cancelled") && notice.contains("removed"), "{notice}");
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 0, "nothing left");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_bad_sequence_range_is_explained_in_the_dialog() {
    let dir = temp_dir("bad-sequence");
    let mut h = harness();
    h.state_mut().apply(Command::OpenExport);
    edit_form(&mut h, |form| {
        form.kind = ExportKind::Sequence;
        form.from = "2025-10-01".into();
        form.to = "2025-02-30".into();
    });
    h.state_mut().apply(Command::ExportSequenceTo {
        dir: dir.clone(),
        force: false,
    });
    assert!(!h.state().is_exporting());
    let error = h.state().export_form().unwrap().error.clone().unwrap();
    assert!(error.contains("\"2025-02-30\" is not a date"), "{error}");
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 0);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn ctrl_shift_c_copies_the_map_and_not_c_compares() {
    let mut h = harness();
    h.key_press_modifiers(
        Modifiers {
            shift: true,
            ..Modifiers::COMMAND
        },
        egui::Key::C,
    );
    h.run_steps(2);
    assert_eq!(h.state().notice(), Some("Copied the map (1920×1080) to the clipboard"));
    assert!(!h.state().is_comparing(), "Ctrl+Shift+C is not C");
}

#[test]
fn the_clipboard_image_is_the_slide_with_the_status_colours() {
    let data = LoadedInputs::embedded().unwrap();
    let track = data.scenario.track_idx("reported").unwrap();
    let image = drawdown::app::clipboard_image(
        &data,
        drawdown::model::TrackLayout::Single(track),
        date("2025-12-01"),
        drawdown::render::Theme::Light,
    )
    .unwrap();
    assert_eq!(image.size, [1920, 1080]);
    // A desert point of Al-Anbar, far from labels: federal Iraq is still in
    // transition on the reported track on 1 Dec 2025.
    let opts = drawdown::export::ExportOptions::default();
    let layout =
        drawdown::render::MapLayout::new(opts.logical_rect(), &drawdown::render::MapStyle::for_theme(opts.theme));
    let at = layout
        .screen_from_world(&drawdown::render::MapView::HOME, &data.geometry)
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
