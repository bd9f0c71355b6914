//! [`Canvas`] on egui's painter: the screen backend of the composition.
//!
//! Static map geometry is cached in screen space ([`ScreenCache`]): each
//! feature's mesh is transformed once, and each outline tessellated once,
//! per (detail generation, transform, area, pixels per point). While only
//! the date changes, a frame recolours the meshes that changed colour and
//! hands egui the same `Arc<Mesh>`es again. Entries are keyed by the
//! geometry's ids ([`ShapeId`], [`LineId`]), made when it was built, not
//! by where it lives in memory; a hatched feature's stripes are its mesh
//! again, textured; small marks (markers' halves, incidents' triangles)
//! are kept by what they are while they stay the same.

use std::collections::HashMap;
use std::sync::Arc;

use egui::epaint::{Mesh, TessellationOptions, Tessellator, Vertex, WHITE_UV};
use egui::{
    Align2, Color32, Galley, Painter, Pos2, Rect, Shape, Stroke, StrokeKind, TextureFilter, TextureHandle, TextureId,
    TextureOptions, TextureWrapMode, Vec2,
};

use super::canvas::{Canvas, TextSpec, WorldLine, dash_pieces, halo_positions, layout_job, stripe_band};
use super::view::ScreenFromWorld;
use crate::geo::{FeatureShape, LineId, MapGeometry, ShapeId};

/// Paints through an egui [`Painter`], with a [`ScreenCache`] if given.
pub struct EguiCanvas<'p> {
    pub painter: &'p Painter,
    /// Screen-space geometry reused across frames; `None` transforms and
    /// tessellates everything anew (what a one-off picture needs).
    pub cache: Option<&'p mut ScreenCache>,
}

impl EguiCanvas<'_> {
    /// A stroke from the cache if `points` is one of its polylines, else
    /// built for this frame only.
    fn stroke_line(&mut self, world: WorldLine<'_>, line: Line, to_screen: &ScreenFromWorld, stroke: Stroke) {
        let points = world.points;
        if points.len() < 2 || stroke.is_empty() {
            return;
        }
        let cached = match (self.cache.as_mut(), world.id) {
            (Some(cache), Some(id)) => cache.stroke(id, points, line, to_screen, stroke),
            _ => None,
        };
        match cached {
            Some(mesh) => {
                self.painter.add(Shape::Mesh(mesh));
            }
            None => line.shapes(points, to_screen, stroke, |shape| {
                self.painter.add(shape);
            }),
        }
    }

    fn galley(&self, spec: &TextSpec<'_>) -> Arc<Galley> {
        self.painter.layout_job(layout_job(spec))
    }
}

/// What the cached screen geometry was built for; any change rebuilds it.
#[derive(Clone, Copy, Debug, PartialEq)]
struct CacheKey {
    /// The generation of the level of detail drawn (the map's at full
    /// detail): a new map, or a level built anew, starts over.
    detail_generation: u64,
    to_screen: ScreenFromWorld,
    rect: Rect,
    pixels_per_point: f32,
    options: TessellationOptions,
}

/// Counters, for tests and benchmarks.
#[doc(hidden)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CacheStats {
    /// Times the whole cache was invalidated (new geometry, transform, area).
    pub builds: u64,
    /// Feature meshes transformed to the screen.
    pub meshes_transformed: u64,
    /// Meshes recoloured (a feature's fill changed).
    pub meshes_recoloured: u64,
    /// Polylines tessellated into stroke meshes.
    pub strokes_tessellated: u64,
    /// Hatch meshes (a feature's stripes) mapped to the screen.
    pub hatch_meshes_built: u64,
    /// Small marks (a base marker's half, an incident's triangle, a
    /// stripe of a marker) tessellated; kept while they stay the same.
    pub marks_tessellated: u64,
    /// Label layouts computed (placement with collision checks): counted
    /// by the caller's [`super::LabelLayoutCache`], which the map widget
    /// reports here with the screen's counters.
    pub label_layouts: u64,
}

/// How a polyline is stroked.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Line {
    Solid {
        closed: bool,
    },
    /// Open, dash and gap in screen points ([`dash_pieces`]).
    Dashed([f32; 2]),
}

impl Line {
    /// Hashable: the dash lengths by their bits.
    fn key(self) -> (bool, [u32; 2]) {
        match self {
            Self::Solid { closed } => (closed, [0; 2]),
            Self::Dashed(dash_gap) => (false, dash_gap.map(f32::to_bits)),
        }
    }

    /// The line as egui shapes: one per dash.
    fn shapes(self, points: &[Pos2], to_screen: &ScreenFromWorld, stroke: Stroke, mut add: impl FnMut(Shape)) {
        match self {
            Self::Solid { closed } => add(stroke_shape(points, closed, to_screen, stroke)),
            Self::Dashed(dash_gap) => dash_pieces(points, to_screen, dash_gap, |piece| {
                add(stroke_shape(piece, false, to_screen, stroke));
            }),
        }
    }
}

/// A stroke of one of the geometry's polylines, as tessellated.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
struct StrokeKey {
    polyline: LineId,
    /// [`Line::key`].
    line: (bool, [u32; 2]),
    width_bits: u32,
    color: Color32,
}

/// Screen-space meshes of one [`MapGeometry`] under one transform: the
/// map's per-widget state, kept by [`crate::ui::map_view::MapWidget`] in
/// egui's memory under its id.
#[derive(Default)]
pub struct ScreenCache {
    key: Option<CacheKey>,
    stats: CacheStats,
    /// Each shape's screen mesh and the colour it is in.
    meshes: HashMap<ShapeId, (Color32, Arc<Mesh>)>,
    /// Tessellated strokes, with whether the current frame used them.
    strokes: HashMap<StrokeKey, (Arc<Mesh>, bool)>,
    /// Each hatched shape's stripes: its screen mesh textured with
    /// [`hatch_texture`], the period's bits and the colour it is in.
    hatches: HashMap<ShapeId, (u32, Color32, Arc<Mesh>)>,
    /// Small marks in screen space by [`mark_key`], tessellated, with
    /// whether the current frame used them: a marker stays where it is
    /// while only the date changes, and changes only with its status.
    marks: HashMap<u64, (Arc<Mesh>, bool)>,
}

impl ScreenCache {
    /// Readies the cache for a frame of `geometry` through `to_screen` in
    /// `rect`: keeps everything if none of them changed, else starts over
    /// and returns true (whatever the caller keeps for the same frame, such
    /// as a label placement, is then stale too).
    #[must_use = "a rebuild leaves the caller's label placement stale"]
    pub fn prepare(
        &mut self,
        geometry: &MapGeometry,
        to_screen: ScreenFromWorld,
        rect: Rect,
        pixels_per_point: f32,
        options: TessellationOptions,
    ) -> bool {
        // The level of detail the composition will draw at this scale.
        let detail = geometry.detail_for(to_screen.scale);
        let key = CacheKey {
            detail_generation: detail.generation,
            to_screen,
            rect,
            pixels_per_point,
            options,
        };
        if self.key == Some(key) {
            return false;
        }
        self.key = Some(key);
        self.stats.builds += 1;
        // New maps, not cleared ones: a cleared map keeps its capacity, and
        // after a 10,000-base scenario is replaced by a small one the old
        // tables would stay allocated for the rest of the session.
        self.strokes = HashMap::new();
        self.meshes = HashMap::new();
        self.hatches = HashMap::new();
        self.marks = HashMap::new();
        true
    }

    /// Drops strokes the last frame did not draw (a pulse's fading colours,
    /// a region no longer hovered).
    pub fn end_frame(&mut self) {
        self.strokes.retain(|_, (_, used)| std::mem::take(used));
        self.marks.retain(|_, (_, used)| std::mem::take(used));
    }

    #[cfg(any(test, feature = "testing"))]
    pub fn stats(&self) -> CacheStats {
        self.stats
    }

    fn current(&self, to_screen: &ScreenFromWorld) -> Option<&CacheKey> {
        self.key.as_ref().filter(|k| k.to_screen == *to_screen)
    }

    /// The feature's screen mesh in `color`, if the cache is ready for
    /// `to_screen`.
    fn mesh(&mut self, shape: &FeatureShape, to_screen: &ScreenFromWorld, color: Color32) -> Option<Arc<Mesh>> {
        self.current(to_screen)?;
        match self.meshes.get_mut(&shape.id) {
            Some((cached_color, mesh)) => {
                if *cached_color != color {
                    // The last frame's shapes are gone after tessellation,
                    // so this recolours in place rather than copying.
                    for v in &mut Arc::make_mut(mesh).vertices {
                        v.color = color;
                    }
                    *cached_color = color;
                    self.stats.meshes_recoloured += 1;
                }
                Some(mesh.clone())
            }
            None => {
                let mesh = Arc::new(screen_mesh(shape, to_screen, color));
                self.stats.meshes_transformed += 1;
                self.meshes.insert(shape.id, (color, mesh.clone()));
                Some(mesh)
            }
        }
    }

    /// The feature's stripes with `period` in `color`, textured with
    /// `texture`, if the cache is ready for `to_screen`: built once, then
    /// recoloured like a fill.
    fn hatch(
        &mut self,
        shape: &FeatureShape,
        to_screen: &ScreenFromWorld,
        color: Color32,
        period: f32,
        texture: TextureId,
    ) -> Option<Arc<Mesh>> {
        self.current(to_screen)?;
        let period_bits = period.to_bits();
        match self.hatches.get_mut(&shape.id) {
            Some((bits, cached_color, mesh)) if *bits == period_bits && mesh.texture_id == texture => {
                if *cached_color != color {
                    for v in &mut Arc::make_mut(mesh).vertices {
                        v.color = color;
                    }
                    *cached_color = color;
                    self.stats.meshes_recoloured += 1;
                }
                Some(mesh.clone())
            }
            _ => {
                let mesh = Arc::new(hatch_mesh(shape, to_screen, color, period, texture));
                self.stats.hatch_meshes_built += 1;
                self.hatches.insert(shape.id, (period_bits, color, mesh.clone()));
                Some(mesh)
            }
        }
    }

    /// The mesh of a small mark (`shape`, whose [`mark_key`] is `key`),
    /// tessellated once while the cache is ready.
    fn mark(&mut self, key: u64, shape: impl FnOnce() -> Shape) -> Option<Arc<Mesh>> {
        let cache_key = self.key?;
        if let Some((mesh, used)) = self.marks.get_mut(&key) {
            *used = true;
            return Some(mesh.clone());
        }
        let mut tessellator = Tessellator::new(cache_key.pixels_per_point, cache_key.options, [1, 1], Vec::new());
        let mut mesh = Mesh::default();
        tessellator.tessellate_shape(shape(), &mut mesh);
        let mesh = Arc::new(mesh);
        self.stats.marks_tessellated += 1;
        self.marks.insert(key, (mesh.clone(), true));
        Some(mesh)
    }

    /// The stroke of the static polyline `id` (whose points are `points`),
    /// tessellated (all its dashes in one mesh if dashed), if the cache is
    /// ready for `to_screen`.
    fn stroke(
        &mut self,
        id: LineId,
        points: &[Pos2],
        line: Line,
        to_screen: &ScreenFromWorld,
        stroke: Stroke,
    ) -> Option<Arc<Mesh>> {
        let key = *self.current(to_screen)?;
        let stroke_key = StrokeKey {
            polyline: id,
            line: line.key(),
            width_bits: stroke.width.to_bits(),
            color: stroke.color,
        };
        if let Some((mesh, used)) = self.strokes.get_mut(&stroke_key) {
            *used = true;
            return Some(mesh.clone());
        }
        let mut tessellator = Tessellator::new(key.pixels_per_point, key.options, [1, 1], Vec::new());
        let mut mesh = Mesh::default();
        line.shapes(points, to_screen, stroke, |shape| {
            tessellator.tessellate_shape(shape, &mut mesh)
        });
        let mesh = Arc::new(mesh);
        self.stats.strokes_tessellated += 1;
        self.strokes.insert(stroke_key, (mesh.clone(), true));
        Some(mesh)
    }
}

/// The feature's world mesh mapped to the screen, in one colour.
fn screen_mesh(shape: &FeatureShape, to_screen: &ScreenFromWorld, color: Color32) -> Mesh {
    Mesh {
        indices: shape.mesh().indices.clone(),
        vertices: shape
            .mesh()
            .vertices
            .iter()
            .map(|&world| Vertex {
                pos: to_screen.screen_from_world(world),
                uv: WHITE_UV,
                color,
            })
            .collect(),
        ..Default::default()
    }
}

/// Texels across one period of [`hatch_texture`]: the stripe is the first
/// half. About one texel a pixel at 1080p, where a period is ~16 points.
const HATCH_TEXELS: usize = 16;

/// The texture of a hatch: one period of stripes, opaque white then clear,
/// repeated across a mesh whose texture coordinate runs along the stripes'
/// normal ([`hatch_mesh`]), and tinted by the vertex colour. Made once per
/// egui context and kept in its memory.
fn hatch_texture(ctx: &egui::Context) -> TextureId {
    let id = egui::Id::unique("drawdown::hatch_texture");
    if let Some(handle) = ctx.data(|d| d.get_temp::<TextureHandle>(id)) {
        return handle.id();
    }
    let texels: Vec<Color32> = (0..HATCH_TEXELS * 2)
        .map(|i| {
            if i % HATCH_TEXELS < HATCH_TEXELS / 2 {
                Color32::WHITE
            } else {
                Color32::TRANSPARENT
            }
        })
        .collect();
    let image = egui::ColorImage::new([HATCH_TEXELS, 2], texels);
    let options = TextureOptions {
        wrap_mode: TextureWrapMode::Repeat,
        mipmap_mode: Some(TextureFilter::Linear),
        ..TextureOptions::LINEAR
    };
    let handle = ctx.load_texture("drawdown-hatch", image, options);
    let texture = handle.id();
    ctx.data_mut(|d| d.insert_temp(id, handle));
    texture
}

/// The feature's screen mesh with the hatch texture's coordinate at each
/// vertex ([`stripe_band`]): the texture draws the stripes, so a frame
/// builds nothing per stripe.
fn hatch_mesh(
    shape: &FeatureShape,
    to_screen: &ScreenFromWorld,
    color: Color32,
    period: f32,
    texture: TextureId,
) -> Mesh {
    Mesh {
        indices: shape.mesh().indices.clone(),
        vertices: shape
            .mesh()
            .vertices
            .iter()
            .map(|&world| {
                let pos = to_screen.screen_from_world(world);
                Vertex {
                    pos,
                    uv: egui::pos2(stripe_band(pos, to_screen.origin, period), 0.5),
                    color,
                }
            })
            .collect(),
        texture_id: texture,
    }
}

/// A small mark's cache key: a hash of what it is (`kind`), its points'
/// bits and its colours. 64 bits: two different marks in one frame
/// sharing one is as likely as not at all.
fn mark_key(kind: u8, points: &[Pos2], fill: Color32, stroke: Stroke) -> u64 {
    use std::hash::{Hash, Hasher};
    // Fixed keys: the same mark hashes alike in every frame.
    let mut hasher = std::hash::DefaultHasher::new();
    kind.hash(&mut hasher);
    for p in points {
        p.x.to_bits().hash(&mut hasher);
        p.y.to_bits().hash(&mut hasher);
    }
    fill.hash(&mut hasher);
    stroke.width.to_bits().hash(&mut hasher);
    stroke.color.hash(&mut hasher);
    hasher.finish()
}

fn stroke_shape(points: &[Pos2], closed: bool, to_screen: &ScreenFromWorld, stroke: Stroke) -> Shape {
    let screen: Vec<Pos2> = points.iter().map(|&p| to_screen.screen_from_world(p)).collect();
    if closed {
        Shape::closed_line(screen, stroke)
    } else {
        Shape::line(screen, stroke)
    }
}

impl Canvas for EguiCanvas<'_> {
    fn fill_feature(&mut self, shape: &FeatureShape, to_screen: &ScreenFromWorld, color: Color32) {
        let cached = self.cache.as_mut().and_then(|c| c.mesh(shape, to_screen, color));
        self.painter.add(match cached {
            Some(mesh) => Shape::Mesh(mesh),
            None => Shape::mesh(screen_mesh(shape, to_screen, color)),
        });
    }

    fn stroke_world(&mut self, line: WorldLine<'_>, closed: bool, to_screen: &ScreenFromWorld, stroke: Stroke) {
        self.stroke_line(line, Line::Solid { closed }, to_screen, stroke);
    }

    fn stroke_world_dashed(
        &mut self,
        line: WorldLine<'_>,
        to_screen: &ScreenFromWorld,
        stroke: Stroke,
        dash_gap: [f32; 2],
    ) {
        // The compare view dashes whole region outlines every frame: cached
        // like any other stroke rather than cut and tessellated anew.
        self.stroke_line(line, Line::Dashed(dash_gap), to_screen, stroke);
    }

    fn hatch_feature(&mut self, shape: &FeatureShape, to_screen: &ScreenFromWorld, stripe: Color32, period: f32) {
        if stripe.a() == 0 {
            return;
        }
        let texture = hatch_texture(self.painter.ctx());
        let cached = self
            .cache
            .as_mut()
            .and_then(|c| c.hatch(shape, to_screen, stripe, period, texture));
        self.painter.add(match cached {
            Some(mesh) => Shape::Mesh(mesh),
            None => Shape::mesh(hatch_mesh(shape, to_screen, stripe, period, texture)),
        });
    }

    fn convex_polygon(&mut self, points: &[Pos2], fill: Color32, stroke: Stroke) {
        let shape = || Shape::convex_polygon(points.to_vec(), fill, stroke);
        let cached = self
            .cache
            .as_mut()
            .and_then(|c| c.mark(mark_key(0, points, fill, stroke), shape));
        self.painter.add(cached.map_or_else(shape, Shape::Mesh));
    }

    fn line_segment(&mut self, points: [Pos2; 2], stroke: Stroke) {
        let shape = || Shape::line_segment(points, stroke);
        let cached = self
            .cache
            .as_mut()
            .and_then(|c| c.mark(mark_key(1, &points, Color32::TRANSPARENT, stroke), shape));
        self.painter.add(cached.map_or_else(shape, Shape::Mesh));
    }

    fn rect(&mut self, rect: Rect, corner_radius: f32, fill: Color32, stroke: Stroke) {
        #[expect(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            reason = "radius in points"
        )]
        let radius = corner_radius.clamp(0.0, 255.0) as u8;
        self.painter.rect(rect, radius, fill, stroke, StrokeKind::Inside);
    }

    fn circle(&mut self, centre: Pos2, radius: f32, fill: Color32, stroke: Stroke) {
        self.painter.circle(centre, radius, fill, stroke);
    }

    fn text(&mut self, spec: &TextSpec<'_>, pos: Pos2, anchor: Align2) -> Rect {
        let galley = self.galley(spec);
        let rect = anchor.anchor_size(pos, galley.size());
        if let Some(halo) = spec.halo {
            for at in halo_positions(spec, rect.min) {
                self.painter.galley_with_override_text_color(at, galley.clone(), halo);
            }
        }
        self.painter.galley(rect.min, galley, spec.color);
        rect
    }

    fn measure(&mut self, spec: &TextSpec<'_>) -> Vec2 {
        self.galley(spec).size()
    }
}

#[cfg(test)]
mod tests {
    use egui::{pos2, vec2};

    use super::*;
    use crate::inputs::LoadedInputs;

    /// A cache ready for `geometry` at `points_per_km` in a 1600×900 area.
    fn prepared(geometry: &MapGeometry, points_per_km: f32) -> (ScreenCache, ScreenFromWorld) {
        let rect = Rect::from_min_size(pos2(0.0, 0.0), vec2(1600.0, 900.0));
        let to_screen = ScreenFromWorld::centred(geometry.bounds.center(), rect.center(), points_per_km);
        let mut cache = ScreenCache::default();
        assert!(cache.prepare(geometry, to_screen, rect, 1.0, TessellationOptions::default()));
        (cache, to_screen)
    }

    #[test]
    fn a_rebuild_gives_back_the_memory_of_a_larger_map() {
        let geometry = LoadedInputs::embedded().unwrap().geometry;
        let (mut cache, _) = prepared(&geometry, 1.0);
        // What a 10,000-base scenario leaves: a mark per base and its ring.
        for key in 0..20_000 {
            cache.marks.insert(key, (Arc::new(Mesh::default()), true));
        }
        cache.end_frame();
        assert!(cache.marks.capacity() >= 20_000);
        // The next scenario's first frame starts over.
        let (_, to_screen) = prepared(&geometry, 2.0);
        let rect = Rect::from_min_size(pos2(0.0, 0.0), vec2(1600.0, 900.0));
        assert!(cache.prepare(&geometry, to_screen, rect, 1.0, TessellationOptions::default()));
        let capacities = [
            cache.marks.capacity(),
            cache.strokes.capacity(),
            cache.meshes.capacity(),
            cache.hatches.capacity(),
        ];
        assert_eq!(capacities, [0; 4]);
    }

    /// Two builds of the same files: the same content at other addresses,
    /// the case where keying by content or position would go wrong.
    #[test]
    fn two_different_shapes_never_share_a_cache_entry() {
        let [one, other] = [(); 2].map(|()| LoadedInputs::embedded().unwrap().geometry);
        // The home view's scale: a level of detail.
        let (mut cache, to_screen) = prepared(&one, 1.0);
        let color = Color32::from_rgb(200, 30, 30);
        let shapes_of = |geometry: &MapGeometry| {
            let detail = geometry.detail_for(to_screen.scale);
            let shapes = detail.context.iter().chain(detail.features.iter().map(|f| &f.shape));
            shapes.cloned().collect::<Vec<_>>()
        };
        let shapes: Vec<FeatureShape> = shapes_of(&one).into_iter().chain(shapes_of(&other)).collect();
        let ids: std::collections::HashSet<ShapeId> = shapes.iter().map(|s| s.id).collect();
        assert_eq!(ids.len(), shapes.len(), "every shape of both builds has its own id");
        for _ in 0..2 {
            for shape in &shapes {
                let mesh = cache.mesh(shape, &to_screen, color).unwrap();
                assert_eq!(*mesh, screen_mesh(shape, &to_screen, color), "{}", shape.name);
            }
        }
        assert_eq!(
            cache.stats().meshes_transformed,
            shapes.len() as u64,
            "one entry per shape"
        );

        let detail = one.detail_for(to_screen.scale);
        let lines: Vec<&crate::geo::BorderLine> = detail
            .region_outlines
            .iter()
            .flatten()
            .chain(&detail.borders.internal)
            .chain(&detail.borders.context)
            .collect();
        let stroke = Stroke::new(2.0, color);
        for line in &lines {
            let id = LineId::Line(line.id);
            let mesh = cache.stroke(id, &line.points, Line::Solid { closed: false }, &to_screen, stroke);
            let mut tessellator = Tessellator::new(1.0, TessellationOptions::default(), [1, 1], Vec::new());
            let mut expected = Mesh::default();
            tessellator.tessellate_shape(stroke_shape(&line.points, false, &to_screen, stroke), &mut expected);
            assert_eq!(*mesh.unwrap(), expected);
        }
        assert_eq!(
            cache.stats().strokes_tessellated,
            lines.len() as u64,
            "one entry per line"
        );
    }

    /// A hatch is the feature's mesh, its texture coordinate running
    /// across the stripes: built once, recoloured in place, rebuilt only
    /// for another period.
    #[test]
    fn a_hatch_is_built_once_per_shape_and_period_and_then_recoloured() {
        let geometry = LoadedInputs::embedded().unwrap().geometry;
        let (mut cache, to_screen) = prepared(&geometry, 1.0);
        let shape = &geometry.detail_for(to_screen.scale).features[0].shape;
        let texture = TextureId::Managed(7);
        let red = Color32::from_rgb(200, 30, 30);
        let mesh = cache.hatch(shape, &to_screen, red, 16.0, texture).unwrap();
        assert_eq!(mesh.texture_id, texture);
        assert_eq!(mesh.indices, shape.mesh().indices);
        for v in &mesh.vertices {
            assert!((v.uv.x - stripe_band(v.pos, to_screen.origin, 16.0)).abs() < 1e-4);
            assert_eq!(v.color, red);
        }
        let blue = Color32::from_rgb(30, 30, 200);
        let again = cache.hatch(shape, &to_screen, blue, 16.0, texture).unwrap();
        assert!(again.vertices.iter().all(|v| v.color == blue));
        assert_eq!(
            (cache.stats().hatch_meshes_built, cache.stats().meshes_recoloured),
            (1, 1)
        );
        cache.hatch(shape, &to_screen, blue, 24.0, texture).unwrap();
        assert_eq!(cache.stats().hatch_meshes_built, 2, "another period");
    }

    /// At full detail a clone's shapes live elsewhere in memory; they are
    /// the same shapes, so they hit the entries made for the original.
    #[test]
    fn a_clone_of_the_geometry_is_the_same_cache_entry() {
        let geometry = LoadedInputs::embedded().unwrap().geometry;
        let (mut cache, to_screen) = prepared(&geometry, 100.0);
        assert_eq!(geometry.detail_for(to_screen.scale).tolerance_km, 0.0, "full detail");
        let rect = cache.key.unwrap().rect;
        let shape = &geometry.detail_for(to_screen.scale).features[0].shape;
        let color = Color32::from_rgb(30, 30, 200);
        cache.mesh(shape, &to_screen, color).unwrap();
        let clone = geometry.clone();
        assert!(!cache.prepare(&clone, to_screen, rect, 1.0, TessellationOptions::default()));
        let cloned_shape = &clone.detail_for(to_screen.scale).features[0].shape;
        assert!(!std::ptr::eq(shape, cloned_shape));
        cache.mesh(cloned_shape, &to_screen, color).unwrap();
        assert_eq!(cache.stats().meshes_transformed, 1);
    }
}
