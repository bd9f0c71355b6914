//! H.264 video in MP4: a frame per date of a sequence, each shown for
//! 1/fps seconds, playable in PowerPoint, Keynote and browsers.
//!
//! - **Encoder**: Cisco's OpenH264 (the `openh264` crate, built from its
//!   bundled source), constrained baseline profile, 4:2:0 (yuv420p).
//!   Frames are never skipped (a briefer wants every date) and every
//!   [`KEY_FRAME_SECS`] seconds start a key frame, so players can seek. It runs on a thread
//!   of its own, fed in order through a short queue while the render
//!   workers paint and convert the frames after it: rendering overlaps
//!   encoding. OpenH264's camera mode at low complexity: its screen-content
//!   mode searches motion by block features over the whole picture, more
//!   than half the work of a weekly map sequence for files ~8 % smaller,
//!   and the quality is held by the fixed quantiser either way.
//! - **Colour**: frames are converted from RGB with BT.601's matrix at
//!   limited range (openh264's own conversion, vectorised with AVX2 where
//!   the CPU has it, in the render workers), and the sequence parameter
//!   set says so (VUI: matrix 6 = BT.601, limited range; primaries and
//!   transfer BT.709, which are sRGB's), so that a player converts back
//!   with the same matrix and the status colours survive decoding.
//! - **Container**: the `mp4` crate streams the media data into a scratch
//!   file beside the target (unnamed where the system allows, so nothing is
//!   left behind), keeping only the index in memory; at the end the index
//!   (`moov`) is written at the front of the target, its chunk offsets
//!   moved past itself, and the media data copied after it (fast start: a
//!   browser or PowerPoint plays before it has read the whole file).
//!   Memory does not grow with the number of frames; the file is written
//!   atomically.
//! - **Size**: H.264's 4:2:0 needs even sides; an odd size is refused rather
//!   than rounded (the briefer asked for that size), as is anything over
//!   openh264's 3840×2160 and a transparent background (video has none).

use std::io::{self, BufReader, BufWriter, Cursor, Read, Seek, SeekFrom, Write};
use std::sync::atomic::AtomicBool;
use std::sync::{Mutex, PoisonError, mpsc};

use mp4::{
    AvcConfig, BoxHeader, BoxType, Bytes, FourCC, MediaConfig, MoovBox, Mp4Box, Mp4Config, Mp4Sample, Mp4Writer,
    ReadBox, TrackConfig, TrackType, WriteBox,
};
use openh264::OpenH264API;
use openh264::encoder::{
    BitRate, ColorPrimaries, Complexity, Encoder, EncoderConfig, FrameRate, FrameType, IntraFramePeriod, QpRange,
    RateControlMode, UsageType, VuiConfig,
};
use openh264::formats::{RgbaSliceU8, YUVBuffer, YUVSource};

use super::checked::OutputFiles;
use super::frame::{Frame, FrameRenderer, stop_if_cancelled};
use super::{ExportError, ExportOptions, FPS_RANGE};
use crate::atomic_write::target::parent_dir;

/// The largest video openh264 encodes (level 5.2), pixels.
pub const MAX_VIDEO_PX: [u32; 2] = [3840, 2160];

/// The shortest side a video can have: OpenH264 refuses smaller frames,
/// which would be found only after every frame was rendered.
pub const MIN_VIDEO_SIDE_PX: u32 = 16;

/// Converted frames waiting for the encoder besides the one it encodes:
/// the workers' next frames wait in the renderer, so one here keeps the
/// encoder busy, and memory a handful of pictures (3 MB each at 1080p).
const ENCODER_QUEUE: usize = 1;

/// The colour signalling of the video's sequence parameter set: BT.601's
/// matrix (what openh264 converts RGB with) at limited range, on sRGB's
/// (BT.709's) primaries and transfer curve.
pub fn video_colour() -> VuiConfig {
    VuiConfig::bt601().color_primaries(ColorPrimaries::Bt709)
}

/// The quantiser range, with rate control off: a fine, steady quantiser
/// keeps flat fills within a few levels of their colour in every frame
/// (decoded status colours are within 5 levels in the tests), and a map
/// of flat fills costs few bits anyway.
const MIN_QP: u8 = 18;
const MAX_QP: u8 = 22;

/// Target bits a second per pixel of a frame: ~8 Mbit/s at 1080p, ample for
/// flat fills and text (the encoder spends far less on a still map).
const BITS_PER_PIXEL_SECOND: u32 = 4;

/// Seconds from one key frame to the next: what streaming services ask of
/// uploads, so a seek lands within two seconds of decoding. A key frame
/// (every block coded afresh, then deblocked) costs the encoder several
/// times a frame after it: once a second, they were 40 % of a weekly map
/// video's encoding.
const KEY_FRAME_SECS: u32 = 2;

/// Ticks a frame lasts in the track's time scale (fps × this a second):
/// whole ticks for every frame rate, so durations add up exactly.
const TICKS_PER_FRAME: u32 = 1000;

/// Whether `frames` frames of `opts` can be a video; checked before
/// anything is rendered.
pub fn check_video(opts: &ExportOptions, frames: &[Frame]) -> Result<(), ExportError> {
    let [w, h] = opts.output_size_px();
    if w % 2 == 1 || h % 2 == 1 {
        return Err(ExportError::Invalid(format!(
            "a video needs an even width and height (H.264 stores colour at half resolution), not {w}x{h} px"
        )));
    }
    if w.min(h) < MIN_VIDEO_SIDE_PX {
        return Err(ExportError::Invalid(format!(
            "a video's sides are at least {MIN_VIDEO_SIDE_PX} px (the H.264 encoder's smallest), not {w}x{h} px"
        )));
    }
    let [max_w, max_h] = MAX_VIDEO_PX;
    if w.max(h) > max_w || w.min(h) > max_h {
        return Err(ExportError::Invalid(format!(
            "a video can be at most {max_w}x{max_h} px, not {w}x{h}"
        )));
    }
    if opts.transparent {
        return Err(ExportError::Invalid(
            "a video cannot have a transparent background".to_owned(),
        ));
    }
    // A held frame (a brief's stop) plays for its hold on its own.
    let shown: u32 = frames.iter().map(|f| f.video_frames(*FPS_RANGE.start())).sum();
    if shown < 2 {
        return Err(ExportError::Invalid(
            "a video needs at least two dates (one frame has no duration to play)".to_owned(),
        ));
    }
    Ok(())
}

/// Why the encoder or the muxer failed: neither is the request's fault.
fn codec_error(what: &str, error: impl std::fmt::Display) -> ExportError {
    ExportError::Video(format!("{what}: {error}"))
}

/// Writes `frames`, rendered by `renderer`, to the output's file as H.264
/// in MP4 at `fps` (see the module docs). Calls `progress` once per
/// frame; a cancel or a failure leaves no file.
pub fn write_video(
    renderer: &FrameRenderer<'_>,
    frames: &[Frame],
    fps: u16,
    files: OutputFiles<'_>,
    progress: &(dyn Fn() + Sync),
    cancel: &AtomicBool,
) -> Result<(), ExportError> {
    check_video(renderer.opts, frames)?;
    let size_px = renderer.opts.output_size_px();
    let path = files.files().first().cloned().unwrap_or_default();
    let file = files.create(&path)?;
    // The media data waits beside the target, where the file goes: no
    // second copy in $TMPDIR (often RAM), and the same disk's free space.
    let dir = parent_dir(&path);
    let scratch = tempfile::tempfile_in(&dir)
        .map_err(|source| ExportError::Write(crate::atomic_write::WriteError::Directory { dir, source }))?;
    let video = VideoWriter::staged(file, scratch, size_px, fps)?;
    // Pictures the encoder is done with, converted into again: the same few
    // buffers the whole video, rather than one allocated a frame.
    let spare: Mutex<Vec<YUVBuffer>> = Mutex::new(Vec::new());
    let video = std::thread::scope(|scope| {
        let (queue, frames_in) = mpsc::sync_channel::<(YUVBuffer, u32)>(ENCODER_QUEUE);
        let spare = &spare;
        let encoder = scope.spawn(move || encode_in_order(video, &frames_in, spare, cancel));
        // The RGB → YUV conversion runs in the render workers; only encoding
        // is in order, on the encoder's thread.
        let prepare = |_: usize, _: &Frame, pixmap: &tiny_skia::Pixmap| {
            let spare = spare.lock().unwrap_or_else(PoisonError::into_inner).pop();
            Ok(yuv_frame_into(pixmap, spare))
        };
        let mut sink = |frame: &Frame, yuv: YUVBuffer| {
            // A closed queue means the encoder stopped; its error is the one told.
            queue
                .send((yuv, frame.video_frames(fps)))
                .map_err(|_| ExportError::Video("the H.264 encoder stopped".to_owned()))
        };
        // The encoder's thread has a core of its own and sets the pace:
        // on two cores, one worker rendering keeps it busy as two do,
        // with a frame, a base layer and a picture fewer in memory (a
        // third of the peak).
        let workers = video_workers(renderer.workers(), rayon::current_num_threads());
        let pool = (workers < renderer.workers())
            .then(|| rayon::ThreadPoolBuilder::new().num_threads(workers).build().ok())
            .flatten();
        let mut render = || renderer.render_in_order(frames, workers, &prepare, &mut sink, progress, cancel);
        let rendered = match &pool {
            Some(pool) => pool.install(render),
            None => render(),
        };
        drop(queue);
        let encoded = encoder
            .join()
            .unwrap_or_else(|_| Err(ExportError::Video("the H.264 encoder failed".to_owned())));
        match (rendered, encoded) {
            (Err(ExportError::Video(_)) | Ok(()), Err(error)) => Err(error),
            (Err(error), _) => Err(error),
            (Ok(()), Ok(video)) => Ok(video),
        }
    })?;
    stop_if_cancelled(cancel)?;
    files.commit(video.finish()?)
}

/// How many of a renderer's `workers` render a video's frames on `cores`
/// cores: all but the encoder's core, one at least.
fn video_workers(workers: usize, cores: usize) -> usize {
    workers.min(cores.saturating_sub(1)).max(1)
}

/// The encoder's thread: each converted frame, as many times as it is
/// held, in the order it arrives; stops soon after `cancel` is set.
/// Each picture done with goes back to `spare`.
fn encode_in_order<W: Write, S: Read + Write + Seek>(
    mut video: VideoWriter<W, S>,
    frames: &mpsc::Receiver<(YUVBuffer, u32)>,
    spare: &Mutex<Vec<YUVBuffer>>,
    cancel: &AtomicBool,
) -> Result<VideoWriter<W, S>, ExportError> {
    for (yuv, repeats) in frames {
        // A held frame is the same picture pushed again: the encoder makes
        // each repeat a few bytes, and every player shows it.
        for _ in 0..repeats {
            stop_if_cancelled(cancel)?;
            video.push(&yuv)?;
        }
        spare.lock().unwrap_or_else(PoisonError::into_inner).push(yuv);
    }
    Ok(video)
}

/// An opaque frame in YUV 4:2:0, converted by openh264 (BT.601, limited
/// range). The pixmap's sides must be even ([`check_video`]).
pub fn yuv_frame(pixmap: &tiny_skia::Pixmap) -> YUVBuffer {
    yuv_frame_into(pixmap, None)
}

/// [`yuv_frame`], converted into `spare` if it is a picture of the same
/// size.
fn yuv_frame_into(pixmap: &tiny_skia::Pixmap, spare: Option<YUVBuffer>) -> YUVBuffer {
    let [w, h] = [pixmap.width(), pixmap.height()].map(|side| usize::try_from(side).unwrap_or(0));
    let mut yuv = spare
        .filter(|yuv| yuv.dimensions() == (w, h))
        .unwrap_or_else(|| YUVBuffer::new(w, h));
    // Premultiplied equals straight RGBA for the opaque frames of a video.
    yuv.read_rgba8(RgbaSliceU8::new(pixmap.data(), (w, h)));
    yuv
}

/// H.264 frames going into an MP4 container on `W`, each shown 1/fps s;
/// the media data waits in `S` until [`Self::finish`] puts the index
/// before it.
pub struct VideoWriter<W: Write, S: Read + Write + Seek = Cursor<Vec<u8>>> {
    encoder: Encoder,
    out: W,
    media: Media<S>,
    size_px: [u32; 2],
    fps: u16,
    /// Frames pushed so far.
    frames: u64,
    /// The last frame's NAL units, length-prefixed, reused.
    sample: Vec<u8>,
}

/// Where the media data goes.
enum Media<S: Write + Seek> {
    /// Before the first frame, whose parameter sets the track's header
    /// takes.
    Waiting(S),
    Writing(Box<Mp4Writer<BufWriter<S>>>),
    /// Only while switching from one to the other.
    Gone,
}

impl<W: Write> VideoWriter<W> {
    /// A video of `size_px` (even sides, at most [`MAX_VIDEO_PX`]) at
    /// `fps`, its media data kept in memory until [`Self::finish`].
    pub fn new(out: W, size_px: [u32; 2], fps: u16) -> Result<Self, ExportError> {
        Self::staged(out, Cursor::new(Vec::new()), size_px, fps)
    }
}

impl<W: Write, S: Read + Write + Seek> VideoWriter<W, S> {
    /// A video of `size_px` (even sides, at most [`MAX_VIDEO_PX`]) at
    /// `fps`, its media data kept in `scratch` (an empty file) until
    /// [`Self::finish`].
    pub fn staged(out: W, scratch: S, size_px @ [w, h]: [u32; 2], fps: u16) -> Result<Self, ExportError> {
        let fps = fps.max(1);
        let bits = w
            .saturating_mul(h)
            .saturating_mul(BITS_PER_PIXEL_SECOND)
            .min(u32::MAX / 2);
        let config = EncoderConfig::new()
            .vui(video_colour())
            .usage_type(UsageType::CameraVideoRealTime)
            .complexity(Complexity::Low)
            .rate_control_mode(RateControlMode::Off)
            .qp(QpRange::new(MIN_QP, MAX_QP))
            .bitrate(BitRate::from_bps(bits))
            .max_frame_rate(FrameRate::from_hz(f32::from(fps)))
            .skip_frames(false)
            // Its one slice is encoded on one thread: the cores render.
            .num_threads(1)
            // Neither helps a map; openh264 would say so on stderr.
            .adaptive_quantization(false)
            .background_detection(false)
            .intra_frame_period(IntraFramePeriod::from_num_frames(u32::from(fps) * KEY_FRAME_SECS));
        let encoder = Encoder::with_api_config(OpenH264API::from_source(), config)
            .map_err(|e| codec_error("cannot start the H.264 encoder", e))?;
        Ok(Self {
            encoder,
            out,
            media: Media::Waiting(scratch),
            size_px,
            fps,
            frames: 0,
            sample: Vec::new(),
        })
    }

    /// Encodes `frame` and adds it after the others.
    pub fn push(&mut self, frame: &YUVBuffer) -> Result<(), ExportError> {
        let stream = self
            .encoder
            .encode(frame)
            .map_err(|e| codec_error("H.264 encoding failed", e))?;
        let is_sync = matches!(stream.frame_type(), FrameType::IDR | FrameType::I);
        // MP4 keeps NAL units length-prefixed, and the parameter sets in the
        // track's header rather than in the samples.
        self.sample.clear();
        let mut parameter_sets = [None, None];
        for layer in (0..stream.num_layers()).filter_map(|i| stream.layer(i)) {
            for nal in (0..layer.nal_count())
                .filter_map(|i| layer.nal_unit(i))
                .map(without_start_code)
            {
                match nal.first().map(|header| header & 0x1f) {
                    Some(7) => parameter_sets[0] = Some(nal.to_vec()),
                    Some(8) => parameter_sets[1] = Some(nal.to_vec()),
                    Some(_) => {
                        let len = u32::try_from(nal.len()).map_err(|e| codec_error("an H.264 unit too large", e))?;
                        self.sample.extend_from_slice(&len.to_be_bytes());
                        self.sample.extend_from_slice(nal);
                    }
                    None => {}
                }
            }
        }
        if let Media::Waiting(_) = self.media {
            let Media::Waiting(scratch) = std::mem::replace(&mut self.media, Media::Gone) else {
                return Err(ExportError::Video("the MP4 container was lost".to_owned()));
            };
            let [Some(sps), Some(pps)] = parameter_sets else {
                return Err(ExportError::Video(
                    "the H.264 encoder gave no parameter sets with its first frame".to_owned(),
                ));
            };
            self.media = Media::Writing(Box::new(start_track(scratch, self.size_px, self.fps, sps, pps)?));
        }
        let Media::Writing(media) = &mut self.media else {
            return Err(ExportError::Video("the MP4 container was lost".to_owned()));
        };
        let sample = Mp4Sample {
            start_time: self.frames * u64::from(TICKS_PER_FRAME),
            duration: TICKS_PER_FRAME,
            rendering_offset: 0,
            is_sync,
            bytes: Bytes::copy_from_slice(&self.sample),
        };
        media
            .write_sample(1, &sample)
            .map_err(|e| codec_error("cannot add a frame to the MP4 container", e))?;
        self.frames += 1;
        Ok(())
    }

    /// Writes the index, then the media data after it; returns the writer.
    pub fn finish(mut self) -> Result<W, ExportError> {
        let Media::Writing(mut media) = std::mem::replace(&mut self.media, Media::Gone) else {
            return Err(ExportError::Video("a video needs at least one frame".to_owned()));
        };
        media
            .write_end()
            .map_err(|e| codec_error("cannot finish the MP4 container", e))?;
        let scratch = media
            .into_writer()
            .into_inner()
            .map_err(|e| codec_error("cannot finish the MP4 container", e.into_error()))?;
        index_first(scratch, &mut self.out).map_err(|e| codec_error("cannot finish the MP4 container", e))?;
        Ok(self.out)
    }
}

/// A NAL unit from openh264 without its Annex B start code (`00 00 01`
/// or `00 00 00 01`).
fn without_start_code(nal: &[u8]) -> &[u8] {
    let zeros = nal.iter().take_while(|&&b| b == 0).count();
    match nal.get(zeros) {
        Some(1) if zeros >= 2 => &nal[zeros + 1..],
        _ => nal,
    }
}

/// Starts the MP4 of one H.264 track in `scratch`: the file type, the
/// media data's header, and the track (its time scale counts
/// [`TICKS_PER_FRAME`] a frame, the movie's the same, so no duration is
/// rounded).
fn start_track<S: Write + Seek>(
    scratch: S,
    [w, h]: [u32; 2],
    fps: u16,
    sps: Vec<u8>,
    pps: Vec<u8>,
) -> Result<Mp4Writer<BufWriter<S>>, ExportError> {
    let brand = |b: &[u8; 4]| FourCC::from(*b);
    let timescale = u32::from(fps) * TICKS_PER_FRAME;
    let config = Mp4Config {
        major_brand: brand(b"isom"),
        minor_version: 512,
        compatible_brands: vec![brand(b"isom"), brand(b"iso2"), brand(b"avc1"), brand(b"mp41")],
        timescale,
    };
    let side = |px: u32| u16::try_from(px).map_err(|e| codec_error("a video side too large", e));
    if sps.len() < 4 {
        return Err(ExportError::Video(
            "the H.264 encoder gave a short parameter set".to_owned(),
        ));
    }
    let track = TrackConfig {
        track_type: TrackType::Video,
        timescale,
        language: "und".to_owned(),
        media_conf: MediaConfig::AvcConfig(AvcConfig {
            width: side(w)?,
            height: side(h)?,
            seq_param_set: sps,
            pic_param_set: pps,
        }),
    };
    // A chunk (a second of frames) larger than the buffer goes straight to
    // the file.
    let mut writer = Mp4Writer::write_start(BufWriter::with_capacity(64 << 10, scratch), &config)
        .map_err(|e| codec_error("cannot start the MP4 container", e))?;
    writer
        .add_track(&track)
        .map_err(|e| codec_error("cannot start the MP4 container", e))?;
    Ok(writer)
}

/// Copies the MP4 in `scratch` (file type, media data, index, as the `mp4`
/// crate writes it) to `out` with the index before the media data, its
/// chunk offsets moved by as much as the media data moves.
fn index_first<S: Read + Seek, W: Write>(scratch: S, out: &mut W) -> io::Result<()> {
    let bad = |what: &str| io::Error::new(io::ErrorKind::InvalidData, format!("the staged MP4 {what}"));
    let mut scratch = BufReader::with_capacity(1 << 20, scratch);
    let end = scratch.seek(SeekFrom::End(0))?;
    // Where each top-level box starts, and its size.
    let mut boxes = Vec::new();
    let mut at = 0;
    while at < end {
        scratch.seek(SeekFrom::Start(at))?;
        let header = BoxHeader::read(&mut scratch).map_err(|e| bad(&e.to_string()))?;
        if header.size < 8 {
            return Err(bad("has a box of no size"));
        }
        boxes.push((header.name, at, header.size));
        at = at.saturating_add(header.size);
    }
    let find = |name: BoxType| boxes.iter().find(|b| b.0 == name).map(|&(_, at, size)| (at, size));
    let (Some((0, ftyp_len)), Some((mdat_at, mdat_len)), Some((moov_at, _))) =
        (find(BoxType::FtypBox), find(BoxType::MdatBox), find(BoxType::MoovBox))
    else {
        return Err(bad("lacks its file type, media data or index"));
    };
    scratch.seek(SeekFrom::Start(moov_at))?;
    let header = BoxHeader::read(&mut scratch).map_err(|e| bad(&e.to_string()))?;
    let mut moov = MoovBox::read_box(&mut scratch, header.size).map_err(|e| bad(&e.to_string()))?;
    moov.mvhd.next_track_id = u32::try_from(moov.traks.len()).unwrap_or(u32::MAX - 1) + 1;
    let offsets = moved_offsets(&mut moov, ftyp_len, mdat_at)?;
    scratch.seek(SeekFrom::Start(0))?;
    io::copy(&mut (&mut scratch).take(ftyp_len), out)?;
    let mut index = Vec::new();
    offsets.write_box(&mut index).map_err(|e| bad(&e.to_string()))?;
    out.write_all(&index)?;
    scratch.seek(SeekFrom::Start(mdat_at))?;
    let copied = io::copy(&mut (&mut scratch).take(mdat_len), out)?;
    if copied == mdat_len {
        Ok(())
    } else {
        Err(bad("is shorter than its media data"))
    }
}

/// `moov` with its chunk offsets moved for the media data's new place:
/// right after the file type (`ftyp_len` bytes) and the index itself,
/// instead of at `mdat_at`. 32-bit offsets become 64-bit ones if a moved
/// offset needs it (which makes the index, and so the move, larger).
fn moved_offsets(moov: &mut MoovBox, ftyp_len: u64, mdat_at: u64) -> io::Result<MoovBox> {
    let overflow = || io::Error::new(io::ErrorKind::InvalidData, "the video is too large for MP4 offsets");
    let mut wide = false;
    loop {
        let mut moved = moov.clone();
        if wide {
            for trak in &mut moved.traks {
                let stbl = &mut trak.mdia.minf.stbl;
                if let Some(stco) = stbl.stco.take() {
                    let co64 = stbl.co64.get_or_insert_default();
                    co64.entries = stco.entries.iter().map(|&e| u64::from(e)).collect();
                }
            }
        }
        let shift = (ftyp_len + moved.box_size())
            .checked_sub(mdat_at)
            .ok_or_else(overflow)?;
        let mut fits = true;
        for trak in &mut moved.traks {
            let stbl = &mut trak.mdia.minf.stbl;
            if let Some(stco) = &mut stbl.stco {
                for entry in &mut stco.entries {
                    match u32::try_from(u64::from(*entry) + shift) {
                        Ok(moved) => *entry = moved,
                        Err(_) => fits = false,
                    }
                }
            }
            if let Some(co64) = &mut stbl.co64 {
                for entry in &mut co64.entries {
                    *entry = entry.checked_add(shift).ok_or_else(overflow)?;
                }
            }
        }
        if fits {
            return Ok(moved);
        }
        if wide {
            return Err(overflow());
        }
        wide = true;
    }
}

#[cfg(test)]
mod tests {
    use std::io::Cursor;

    use tiny_skia::Pixmap;

    use super::*;

    /// Frames of noise (large samples), deterministic.
    fn noise_frames(count: usize, side: u32) -> Vec<YUVBuffer> {
        let mut seed = 1_u32;
        (0..count)
            .map(|_| {
                let mut pixmap = Pixmap::new(side, side).unwrap();
                for p in pixmap.data_mut().chunks_exact_mut(4) {
                    seed = seed.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
                    p[..3].copy_from_slice(&seed.to_be_bytes()[..3]);
                    p[3] = 255;
                }
                yuv_frame(&pixmap)
            })
            .collect()
    }

    #[test]
    fn a_video_leaves_the_encoder_a_core_of_its_own() {
        assert_eq!(video_workers(2, 2), 1);
        assert_eq!(video_workers(8, 8), 7);
        assert_eq!(video_workers(3, 8), 3, "fewer workers than cores: all render");
        assert_eq!(video_workers(1, 1), 1, "one core: one renders all the same");
    }

    #[test]
    fn the_media_data_goes_to_the_scratch_file_as_it_is_encoded_and_the_index_comes_first() {
        let scratch = tempfile::tempfile().unwrap();
        let fps = 4;
        let mut video = VideoWriter::staged(Vec::new(), &scratch, [256, 256], fps).unwrap();
        let frames = noise_frames(40, 256);
        for frame in &frames {
            video.push(frame).unwrap();
        }
        // Ten seconds pushed: all but the last second or so is on disk, not
        // in memory.
        let staged = scratch.metadata().unwrap().len();
        let out = video.finish().unwrap();
        let len = out.len() as u64;
        assert!(staged * 10 >= len * 8, "{staged} of {len} bytes staged");

        let mut boxes = Vec::new();
        let mut at = 0;
        while at + 8 <= out.len() {
            let size = u32::from_be_bytes(out[at..at + 4].try_into().unwrap()) as usize;
            boxes.push(String::from_utf8_lossy(&out[at + 4..at + 8]).into_owned());
            at += size.max(8);
        }
        assert_eq!(boxes, ["ftyp", "moov", "mdat"]);
        let mut mp4 = mp4::Mp4Reader::read_header(Cursor::new(&out), len).unwrap();
        assert_eq!(mp4.moov.mvhd.next_track_id, 2);
        let (&id, track) = mp4.tracks().iter().next().unwrap();
        assert_eq!(track.timescale(), u32::from(fps) * TICKS_PER_FRAME);
        assert_eq!(mp4.sample_count(id).unwrap(), 40);
        // Each sample, read where the moved index says, is whole NAL units of
        // a picture: the offsets point at the media data.
        for sample_id in 1..=40 {
            let sample = mp4.read_sample(id, sample_id).unwrap().unwrap();
            assert_eq!(sample.duration, TICKS_PER_FRAME);
            assert_eq!(
                sample.is_sync,
                (sample_id - 1) % (u32::from(fps) * KEY_FRAME_SECS) == 0,
                "sample {sample_id}"
            );
            let mut rest = &sample.bytes[..];
            while !rest.is_empty() {
                let nal_len = u32::from_be_bytes(rest[..4].try_into().unwrap()) as usize;
                let kind = rest[4] & 0x1f;
                assert!(
                    rest[4] & 0x80 == 0 && [1, 5, 6].contains(&kind),
                    "sample {sample_id}: NAL {kind}"
                );
                rest = &rest[4 + nal_len..];
            }
        }
    }

    #[test]
    fn offsets_moved_past_four_gigabytes_become_64_bit() {
        let mut moov = MoovBox::default();
        moov.traks.push(Default::default());
        let stco = moov.traks[0].mdia.minf.stbl.stco.get_or_insert_default();
        stco.entries = vec![48, u32::MAX - 10];
        let small = moov.box_size();
        let moved = moved_offsets(&mut moov, 32, 40).unwrap();
        let stbl = &moved.traks[0].mdia.minf.stbl;
        assert!(stbl.stco.is_none());
        let shift = 32 + moved.box_size() - 40;
        assert!(moved.box_size() > small, "64-bit offsets take more room");
        assert_eq!(
            stbl.co64.as_ref().unwrap().entries,
            [48 + shift, u64::from(u32::MAX - 10) + shift]
        );
        // Offsets that fit stay 32-bit.
        moov.traks[0].mdia.minf.stbl.stco.as_mut().unwrap().entries = vec![48, 1000];
        let moved = moved_offsets(&mut moov, 32, 40).unwrap();
        let shift = u32::try_from(32 + moved.box_size() - 40).unwrap();
        let stco = moved.traks[0].mdia.minf.stbl.stco.as_ref().unwrap();
        assert_eq!(stco.entries, [48 + shift, 1000 + shift]);
    }
}
