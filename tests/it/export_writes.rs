//! What `drawdown export` may write, and what it leaves: only regular
//! files are replaced; every output is checked before any rendering; a
//! failed, interrupted or terminated request leaves nothing it made.

use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use crate::support::{drawdown as run, names_in, path, stderr};

fn assert_refused(o: &Output, needles: &[&str]) {
    assert_eq!(o.status.code(), Some(2), "stderr: {}", stderr(o));
    for needle in needles {
        assert!(stderr(o).contains(needle), "{needle:?} not in: {}", stderr(o));
    }
}

fn mkfifo(path: &Path) {
    let status = Command::new("mkfifo").arg(path).status().unwrap();
    assert!(status.success());
}

const SMALL: [&str; 2] = ["--size", "160x90"];

fn image_to(out: &Path, force: bool) -> Output {
    let mut args = vec!["export", "--date", "2025-10-01", SMALL[0], SMALL[1], "--out", path(out)];
    if force {
        args.push("--force");
    }
    run(&args)
}

/// A weekly sequence of January 2025 (5 frames) into `out_dir`, with
/// `extra` arguments (small, unless they give a size).
fn sequence(out_dir: &Path, extra: &[&str]) -> Output {
    let mut args = vec![
        "export",
        "--track",
        "announced",
        "--from",
        "2025-01-01",
        "--to",
        "2025-01-29",
        "--step",
        "1w",
        "--out-dir",
        path(out_dir),
    ];
    if !extra.contains(&"--size") {
        args.extend(SMALL);
    }
    args.extend_from_slice(extra);
    run(&args)
}

#[test]
fn force_replaces_a_regular_file_but_never_a_link_or_a_fifo() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("map.png");
    std::fs::write(&file, b"old").unwrap();
    let o = image_to(&file, true);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_ne!(std::fs::read(&file).unwrap(), b"old", "replaced");

    let real = dir.path().join("real.png");
    std::fs::write(&real, b"real").unwrap();
    let link = dir.path().join("link.png");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    let dangling = dir.path().join("dangling.png");
    std::os::unix::fs::symlink(dir.path().join("nowhere.png"), &dangling).unwrap();
    let fifo = dir.path().join("pipe.png");
    mkfifo(&fifo);
    for (target, kind) in [
        (&link, "is a symbolic link, not a regular file"),
        (&dangling, "is a symbolic link, not a regular file"),
        (&fifo, "is a FIFO (named pipe), not a regular file"),
    ] {
        for force in [false, true] {
            let o = image_to(target, force);
            assert_refused(&o, &[path(target), kind, "drawdown replaces only regular files"]);
        }
    }
    assert_eq!(
        std::fs::read(&real).unwrap(),
        b"real",
        "nothing written through the link"
    );
    assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
    assert!(std::fs::symlink_metadata(&dangling).unwrap().file_type().is_symlink());
    assert!(!dir.path().join("nowhere.png").exists());
    {
        use std::os::unix::fs::FileTypeExt as _;
        assert!(std::fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo());
    }

    // A sequence's GIF on a FIFO: refused before the directory is made.
    let frames = dir.path().join("frames");
    let o = sequence(&frames, &["--gif", path(&fifo), "--force"]);
    assert_refused(&o, &[path(&fifo), "a FIFO"]);
    assert!(!frames.exists(), "nothing made");
    assert_eq!(
        names_in(dir.path()),
        ["dangling.png", "link.png", "map.png", "pipe.png", "real.png"],
        "no stray temporary file"
    );
}

/// A device node is named as one, even with `--force` (its name has no
/// image extension either, which is refused too: the test cannot harm it).
#[test]
fn a_device_is_refused_saying_what_it_is() {
    for (device, kind) in [("/dev/full", "a character device"), ("/dev/null", "a character device")] {
        if Path::new(device).exists() {
            let o = image_to(Path::new(device), true);
            assert_refused(
                &o,
                &[&format!(
                    "{device} is {kind}, not a regular file; drawdown replaces only regular files"
                )],
            );
        }
    }
}

#[test]
fn every_output_is_checked_before_any_frame_is_rendered() {
    let dir = tempfile::tempdir().unwrap();
    let frames = dir.path().join("frames");
    std::fs::create_dir(&frames).unwrap();
    let first_frame = frames.join("drawdown-announced-2025-01-01.png");
    // The GIF named as a frame, also spelled another way.
    let respelled = format!("{}/./../frames/drawdown-announced-2025-01-15.png", path(&frames));
    for gif in [path(&first_frame), respelled.as_str()] {
        for force in [false, true] {
            let mut extra = vec!["--gif", gif];
            if force {
                extra.push("--force");
            }
            let o = sequence(&frames, &extra);
            assert_refused(&o, &["writes one file twice", gif]);
            assert!(
                names_in(&frames).is_empty(),
                "no frame written: {:?}",
                names_in(&frames)
            );
        }
    }

    // A GIF in a directory that does not exist, an output directory that is
    // a file: refused, naming it, before anything is made.
    let new_dir = dir.path().join("new");
    let missing = dir.path().join("missing");
    let o = sequence(&new_dir, &["--gif", path(&missing.join("a.gif"))]);
    assert_refused(&o, &["the directory does not exist", path(&missing)]);
    assert!(!new_dir.exists());
    let file = dir.path().join("file");
    std::fs::write(&file, b"").unwrap();
    let o = sequence(&file.join("sub"), &[]);
    assert_refused(&o, &["not a directory", path(&file)]);
    // A frame that exists, without --force: refused, and nothing written.
    std::fs::write(frames.join("drawdown-announced-2025-01-29.png"), b"mine").unwrap();
    let o = sequence(&frames, &[]);
    assert_refused(&o, &["--force", "drawdown-announced-2025-01-29.png"]);
    assert_eq!(names_in(&frames), ["drawdown-announced-2025-01-29.png"]);
    assert_eq!(names_in(dir.path()), ["file", "frames"]);
}

#[test]
fn an_image_into_a_missing_directory_is_refused_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nonexistent-dir");
    let o = image_to(&missing.join("x.png"), false);
    assert_refused(&o, &["the directory does not exist", path(&missing)]);
    assert!(names_in(dir.path()).is_empty());
}

/// Sizes, bytes, of what `sequence` writes with `extra` into a scratch
/// directory: the largest frame and the GIF.
fn output_sizes(extra: &[&str]) -> (u64, u64) {
    let dir = tempfile::tempdir().unwrap();
    let frames = dir.path().join("frames");
    let gif = dir.path().join("a.gif");
    let mut args = extra.to_vec();
    args.extend(["--gif", path(&gif)]);
    let o = sequence(&frames, &args);
    assert!(o.status.success(), "{}", stderr(&o));
    let largest_frame = std::fs::read_dir(&frames)
        .unwrap()
        .map(|e| e.unwrap().metadata().unwrap().len())
        .max()
        .unwrap();
    (largest_frame, std::fs::metadata(&gif).unwrap().len())
}

/// A GIF that fails after every frame is written (the process may write
/// files no larger than a frame but smaller than the GIF, `ulimit -f`,
/// as on a disk that fills up): the frames, the partial GIF and the
/// output directory the request made are all removed.
#[test]
fn a_failed_gif_removes_the_frames_and_the_directory_it_made() {
    // Transparent GIF frames are stored whole, so the GIF outgrows a frame.
    let extra = ["--transparent", "--size", "320x180"];
    let (frame, gif) = output_sizes(&extra);
    let limit_kib = (frame + gif) / 2 / 1024;
    assert!(frame < limit_kib * 1024 && limit_kib * 1024 < gif, "{frame} {gif}");

    let dir = tempfile::tempdir().unwrap();
    let frames = dir.path().join("made/frames");
    let gif_path = dir.path().join("a.gif");
    let script = format!(
        "trap '' XFSZ; ulimit -f {limit_kib}; exec '{}' export --track announced --from 2025-01-01 --to 2025-01-29 \
         --step 1w {} --out-dir '{}' --gif '{}'",
        env!("CARGO_BIN_EXE_drawdown"),
        extra.join(" "),
        frames.display(),
        gif_path.display(),
    );
    let o = Command::new("bash").args(["-c", &script]).output().unwrap();
    assert_eq!(o.status.code(), Some(1), "a failure while writing: {}", stderr(&o));
    assert!(stderr(&o).contains(path(&gif_path)), "{}", stderr(&o));
    assert!(
        !stderr(&o).contains(".drawdown-"),
        "names no temporary file: {}",
        stderr(&o)
    );
    assert!(names_in(dir.path()).is_empty(), "left: {:?}", names_in(dir.path()));
}

/// Starts a long sequence (daily for eleven months, 1080p), waits until its first
/// frame is written, sends `signal`, and returns how it ended and the
/// directory it was writing into.
fn interrupted(signal: &str) -> (Option<i32>, String, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let frames = dir.path().join("frames");
    let gif = dir.path().join("long.gif");
    let mut child = Command::new(env!("CARGO_BIN_EXE_drawdown"))
        .args([
            "export",
            "--from",
            "2024-10-01",
            "--to",
            "2025-08-31",
            "--step",
            "1d",
            "--out-dir",
            path(&frames),
            "--gif",
            path(&gif),
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(120);
    let has_frame = || frames.is_dir() && names_in(&frames).iter().any(|n| n.ends_with(".png"));
    while !has_frame() {
        assert!(child.try_wait().unwrap().is_none(), "ended before its first frame");
        if Instant::now() > deadline {
            child.kill().unwrap();
            panic!("no frame within two minutes");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let kill = Command::new("kill")
        .args([signal, &child.id().to_string()])
        .status()
        .unwrap();
    assert!(kill.success());
    // It stops after the frames under way (a safety bound, not a timing).
    let deadline = Instant::now() + Duration::from_secs(120);
    while child.try_wait().unwrap().is_none() {
        if Instant::now() > deadline {
            child.kill().unwrap();
            panic!("still running two minutes after {signal}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let output = child.wait_with_output().unwrap();
    (output.status.code(), stderr(&output), dir)
}

#[test]
fn ctrl_c_cancels_a_sequence_leaving_nothing_and_exits_130() {
    let (code, stderr, dir) = interrupted("-INT");
    assert_eq!(code, Some(130), "{stderr}");
    assert!(stderr.contains("interrupted by SIGINT"), "{stderr}");
    assert!(names_in(dir.path()).is_empty(), "left: {:?}", names_in(dir.path()));
}

#[test]
fn sigterm_cancels_a_sequence_leaving_nothing_and_exits_143() {
    let (code, stderr, dir) = interrupted("-TERM");
    assert_eq!(code, Some(143), "{stderr}");
    assert!(stderr.contains("interrupted by SIGTERM"), "{stderr}");
    assert!(names_in(dir.path()).is_empty(), "left: {:?}", names_in(dir.path()));
}

/// SIGKILL cannot be caught: the frames already written stay, but no
/// temporary file may (on Linux they have no name until complete), not
/// even of the GIF being written.
#[cfg(target_os = "linux")]
#[test]
fn sigkill_mid_sequence_leaves_no_temporary_file() {
    let (code, _, dir) = interrupted("-KILL");
    assert_eq!(code, None, "killed");
    assert_eq!(names_in(dir.path()), ["frames"], "no GIF, no temporary file");
    let frames = names_in(&dir.path().join("frames"));
    assert!(
        !frames.is_empty() && frames.iter().all(|n| n.starts_with("drawdown-") && n.ends_with(".png")),
        "{frames:?}"
    );
}

/// A sequence without --out-dir (so only the named outputs are written).
fn sequence_to(extra: &[&str]) -> Output {
    let mut args = vec![
        "export", "--track", "announced", "--from", "2025-01-01", "--to", "2025-01-29", "--step", "1w",
    ];
    if !extra.contains(&"--size") {
        args.extend(SMALL);
    }
    args.extend_from_slice(extra);
    run(&args)
}

#[test]
fn outputs_named_for_another_kind_are_refused_before_rendering() {
    let dir = tempfile::tempdir().unwrap();
    for (flag, name, says) in [
        ("--mp4", "v.png", "a video is written as .mp4"),
        ("--mp4", "video", "a video is written as .mp4"),
        ("--pptx", "d.pdf", "a slide deck is written as .pptx"),
        ("--gif", "a.mp4", "an animated GIF is written as .gif"),
        ("--pdf", "b.pptx", "a briefing book is written as .pdf"),
    ] {
        let out = dir.path().join(name);
        let o = sequence_to(&[flag, path(&out)]);
        assert_refused(&o, &[says, path(&out)]);
        assert!(names_in(dir.path()).is_empty(), "{flag} {name}: {:?}", names_in(dir.path()));
    }
    // Any letter case of the right extension is fine.
    let out = dir.path().join("v.MP4");
    let o = sequence_to(&["--mp4", path(&out)]);
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn paths_that_fail_only_at_the_end_are_refused_up_front() {
    let dir = tempfile::tempdir().unwrap();
    // A trailing slash names a directory, for every output flag.
    for flag in ["--mp4", "--pptx", "--pdf", "--gif"] {
        let ext = &flag[2..];
        let out = format!("{}/brief.{ext}/", path(dir.path()));
        let o = sequence_to(&[flag, &out]);
        assert_refused(&o, &["not a file name", &out]);
    }
    let out = format!("{}/map.png/", path(dir.path()));
    assert_refused(&image_to(Path::new(&out), false), &["not a file name"]);
    // A name longer than filesystems take.
    let long = dir.path().join(format!("{}.mp4", "n".repeat(300)));
    let o = sequence_to(&["--mp4", path(&long)]);
    assert_refused(&o, &["the file name is too long (304 bytes; at most 255"]);
    // Up out of a folder the request would make.
    let climbing = dir.path().join("new/../frames");
    let o = sequence(&climbing, &[]);
    assert_refused(&o, &["goes up ('..') out of a folder that does not exist yet"]);
    // A video smaller than the encoder takes.
    let o = sequence_to(&["--size", "16x8", "--mp4", path(&dir.path().join("tiny.mp4"))]);
    assert_refused(&o, &["a video's sides are at least 16 px", "16x8"]);
    assert!(names_in(dir.path()).is_empty(), "{:?}", names_in(dir.path()));
}
