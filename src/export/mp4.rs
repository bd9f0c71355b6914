//! H.264 video in MP4: a frame per date of a sequence, each shown for
//! 1/fps seconds, playable in PowerPoint, Keynote and browsers.
//!
//! - **Encoder**: Cisco's OpenH264 (the `openh264` crate, built from its
//!   bundled source), constrained baseline profile, 4:2:0 (yuv420p).
//!   Frames are never skipped (a briefer wants every date) and every
//!   second starts a key frame, so players can seek.
//! - **Colour**: frames are converted from RGB with BT.601's matrix at
//!   limited range (openh264's own conversion), and the sequence parameter
//!   set says so (VUI: matrix 6 = BT.601, limited range; primaries and
//!   transfer BT.709, which are sRGB's), so that a player converts back
//!   with the same matrix and the status colours survive decoding.
//! - **Container**: muxide writes the `moov` index before the media data
//!   (fast start: a browser or PowerPoint plays before it has read the
//!   whole file) and holds the encoded frames until then, a few dozen kB
//!   each for a map; the file is written atomically.
//! - **Size**: H.264's 4:2:0 needs even sides; an odd size is refused rather
//!   than rounded (the briefer asked for that size), as is anything over
//!   openh264's 3840×2160 and a transparent background (video has none).

use std::io::Write;
use std::sync::atomic::AtomicBool;

use muxide::api::{Muxer, MuxerBuilder, VideoCodec};
use openh264::OpenH264API;
use openh264::encoder::{
    BitRate, ColorPrimaries, Encoder, EncoderConfig, FrameRate, FrameType, IntraFramePeriod, QpRange, RateControlMode,
    UsageType, VuiConfig,
};
use openh264::formats::{RgbaSliceU8, YUVBuffer};

use super::checked::OutputFiles;
use super::frame::{Frame, FrameRenderer, chunk_per_worker};
use super::{ExportError, ExportOptions, FPS_RANGE};

/// The largest video openh264 encodes (level 5.2), pixels.
pub const MAX_VIDEO_PX: [u32; 2] = [3840, 2160];

/// The shortest side a video can have: OpenH264 refuses smaller frames,
/// which would be found only after every frame was rendered.
pub const MIN_VIDEO_SIDE_PX: u32 = 16;

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
    let mut video = VideoWriter::new(file, size_px, fps)?;
    // The RGB → YUV conversion runs in the render workers; only encoding
    // is in order.
    let prepare = |_: usize, _: &Frame, pixmap: tiny_skia::Pixmap| Ok(yuv_frame(&pixmap));
    // A held frame is the same picture pushed again: the encoder makes
    // each repeat a few bytes, and every player shows it.
    let mut sink = |frame: &Frame, yuv: YUVBuffer| {
        for _ in 0..frame.video_frames(fps) {
            video.push(&yuv)?;
        }
        Ok(())
    };
    renderer.render_in_order(frames, chunk_per_worker(), &prepare, &mut sink, progress, cancel)?;
    files.commit(video.finish()?)
}

/// An opaque frame in YUV 4:2:0, converted by openh264 (BT.601, limited
/// range). The pixmap's sides must be even ([`check_video`]).
pub fn yuv_frame(pixmap: &tiny_skia::Pixmap) -> YUVBuffer {
    let [w, h] = [pixmap.width(), pixmap.height()].map(|side| usize::try_from(side).unwrap_or(0));
    // Premultiplied equals straight RGBA for the opaque frames of a video.
    YUVBuffer::from_rgba8_source(RgbaSliceU8::new(pixmap.data(), (w, h)))
}

/// H.264 frames going into an MP4 container on `W`, each shown 1/fps s.
pub struct VideoWriter<W: Write> {
    encoder: Encoder,
    muxer: Muxer<W>,
    fps: u16,
    /// Frames pushed so far.
    frames: u32,
    /// The last frame's NAL units, reused.
    packet: Vec<u8>,
}

impl<W: Write> VideoWriter<W> {
    /// A video of `size_px` (even sides, at most [`MAX_VIDEO_PX`]) at `fps`.
    pub fn new(writer: W, [w, h]: [u32; 2], fps: u16) -> Result<Self, ExportError> {
        let fps = fps.max(1);
        let muxer = MuxerBuilder::new(writer)
            .video(VideoCodec::H264, w, h, f64::from(fps))
            .with_fast_start(true)
            .build()
            .map_err(|e| codec_error("cannot start the MP4 container", e))?;
        let bits = w
            .saturating_mul(h)
            .saturating_mul(BITS_PER_PIXEL_SECOND)
            .min(u32::MAX / 2);
        let config = EncoderConfig::new()
            .vui(video_colour())
            .usage_type(UsageType::ScreenContentRealTime)
            .rate_control_mode(RateControlMode::Off)
            .qp(QpRange::new(MIN_QP, MAX_QP))
            .bitrate(BitRate::from_bps(bits))
            .max_frame_rate(FrameRate::from_hz(f32::from(fps)))
            .skip_frames(false)
            // Neither works for screen content; openh264 would say so on stderr.
            .adaptive_quantization(false)
            .background_detection(false)
            .intra_frame_period(IntraFramePeriod::from_num_frames(u32::from(fps)));
        let encoder = Encoder::with_api_config(OpenH264API::from_source(), config)
            .map_err(|e| codec_error("cannot start the H.264 encoder", e))?;
        Ok(Self {
            encoder,
            muxer,
            fps,
            frames: 0,
            packet: Vec::new(),
        })
    }

    /// Encodes `frame` and adds it after the others.
    pub fn push(&mut self, frame: &YUVBuffer) -> Result<(), ExportError> {
        let stream = self
            .encoder
            .encode(frame)
            .map_err(|e| codec_error("H.264 encoding failed", e))?;
        let key = matches!(stream.frame_type(), FrameType::IDR | FrameType::I);
        self.packet.clear();
        stream.write_vec(&mut self.packet);
        let seconds = f64::from(self.frames) / f64::from(self.fps);
        self.muxer
            .write_video(seconds, &self.packet, key)
            .map_err(|e| codec_error("cannot add a frame to the MP4 container", e))?;
        self.frames += 1;
        Ok(())
    }

    /// Writes the index and the frames; returns the writer.
    pub fn finish(mut self) -> Result<W, ExportError> {
        self.muxer
            .finish_in_place()
            .map_err(|e| codec_error("cannot finish the MP4 container", e))?;
        Ok(self.muxer.into_writer())
    }
}
