//! Where the map's panels go in a narrow area (half of the compare view):
//! a source line that wraps stays inside the picture and clear of the
//! legend. Painted headless through egui; no display, no GPU.

use drawdown::inputs::LoadedInputs;
use drawdown::model::Date;
use drawdown::render::{MapStyle, MapView, NO_EFFECTS, Overlays, Theme};
use drawdown::ui::map_view::MapWidget;
use egui::{Context, RawInput, Rect, Shape, pos2, vec2};

/// The shapes of one frame of the map alone in `area`.
fn paint(data: &LoadedInputs, track: &str, date: &str, area: Rect) -> Vec<Shape> {
    let ctx = Context::default();
    let style = MapStyle::for_theme(Theme::Light);
    let date: Date = date.parse().unwrap();
    let track = data.scenario.track_idx(track).unwrap();
    let input = RawInput {
        screen_rect: Some(area),
        ..RawInput::default()
    };
    let mut view = MapView::HOME;
    let mut output = ctx.run_ui(input, |ui| {
        MapWidget {
            scenario: &data.scenario,
            geometry: &data.geometry,
            track,
            date,
            style: &style,
            overlays: Overlays::default(),
            effects: &NO_EFFECTS,
            greyscale: false,
            compare_with: None,
        }
        .ui(ui, &mut view);
    });
    // No renderer here: the font atlas's updates are dropped on purpose.
    output.textures_delta.clear();
    output.shapes.into_iter().map(|clipped| clipped.shape).collect()
}

fn texts(shapes: &[Shape]) -> Vec<(String, Rect)> {
    let mut found = Vec::new();
    for shape in shapes {
        match shape {
            Shape::Text(text) => found.push((text.galley.text().to_owned(), shape.visual_bounding_rect())),
            Shape::Vec(inner) => found.extend(texts(inner)),
            _ => {}
        }
    }
    found
}

#[test]
fn a_wrapped_source_line_stays_in_the_picture_and_under_the_legend() {
    let data = LoadedInputs::embedded().unwrap();
    // The size of one half of the compare view in a 1920×1080 window.
    let area = Rect::from_min_size(pos2(0.0, 0.0), vec2(800.0, 640.0));
    let shapes = paint(&data, "reported", "2025-12-01", area);
    let texts = texts(&shapes);
    let (source, source_rect) = texts
        .iter()
        .find(|(text, _)| text.starts_with("Source:"))
        .expect("a source line");
    let legend_title = texts
        .iter()
        .find(|(text, _)| text == "Coalition status")
        .map(|(_, rect)| *rect)
        .expect("a legend");
    assert!(
        source_rect.height() > 1.5 * legend_title.height(),
        "the source must wrap here for this test to say anything: {source} {source_rect:?}"
    );
    assert!(
        source_rect.bottom() <= area.bottom() && source_rect.min.x >= area.left(),
        "{source_rect:?} leaves {area:?}"
    );
    // The legend's box, which holds its title, ends above the source.
    let legend_box = shapes
        .iter()
        .filter_map(|s| match s {
            Shape::Rect(r) if r.rect.contains_rect(legend_title) => Some(r.rect),
            _ => None,
        })
        .min_by(|a, b| a.area().total_cmp(&b.area()))
        .expect("the legend's box");
    assert!(
        legend_box.bottom() <= source_rect.top(),
        "legend {legend_box:?} over the source {source_rect:?}"
    );
}
