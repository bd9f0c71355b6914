#!/usr/bin/python3
"""The Mapnik peer: the same map as render.py, drawn by Mapnik (C++, AGG).

Regions and context from the project's GeoJSON assets (Mapnik's geojson
datasource), projected by Mapnik into the same Lambert conformal conic,
regions filled with their status colour on the date, white borders, the
regions' outlines (dissolved once at start with GDAL's OGR: Mapnik has no
union), the date, track and phase as a title and a legend of the statuses
(text by Mapnik's text symbolizer), 1920x1080 PNG. The map is built once;
each frame changes only the region style and the title, then renders.

Run with Debian's Python (apt-get install python3-mapnik python3-gdal):

  /usr/bin/python3 mapnik_render.py --statuses statuses.json --out DIR [--one]
"""

import os
import sys

import mapnik
from osgeo import ogr

import common

# Text (its size, bold or not) and legend swatches come from feature
# attributes, so one style serves every frame; Mapnik's XML takes
# expressions where Python's bindings do not (but not for the font).
STYLES = f"""<Map>
<Style name="text"><Rule>
  <Filter>[bold] = 0</Filter>
  <TextSymbolizer face-name="DejaVu Sans Book" size="[size]" fill="{common.INK}" allow-overlap="true"
    horizontal-alignment="right" vertical-alignment="middle" placement="point">[text]</TextSymbolizer>
</Rule><Rule>
  <Filter>[bold] = 1</Filter>
  <TextSymbolizer face-name="DejaVu Sans Bold" size="[size]" fill="{common.INK}" allow-overlap="true"
    horizontal-alignment="right" vertical-alignment="middle" placement="point">[text]</TextSymbolizer>
</Rule></Style>
<Style name="swatch"><Rule>
  <PolygonSymbolizer fill="[color]"/>
  <LineSymbolizer stroke="#444444" stroke-width="1"/>
</Rule></Style>
</Map>"""


def layer(name, srs, datasource, style):
    lyr = mapnik.Layer(name, srs)
    lyr.datasource = datasource
    lyr.styles.append(style)
    return lyr


def simple_style(fill, stroke, width):
    style, rule = mapnik.Style(), mapnik.Rule()
    if fill:
        sym = mapnik.PolygonSymbolizer()
        sym.fill = mapnik.Color(fill)
        rule.symbols.append(sym)
    line = mapnik.LineSymbolizer()
    line.stroke = mapnik.Color(stroke)
    line.stroke_width = width
    rule.symbols.append(line)
    style.rules.append(rule)
    return style


def region_style(colours, ids):
    style = mapnik.Style()
    for rid in ids:
        rule = mapnik.Rule()
        rule.filter = mapnik.Expression(f"[region] = '{rid}'")
        fill = mapnik.PolygonSymbolizer()
        fill.fill = mapnik.Color(colours.get(rid, common.UNKNOWN))
        rule.symbols.append(fill)
        line = mapnik.LineSymbolizer()
        line.stroke = mapnik.Color(common.BORDER)
        line.stroke_width = 0.6
        rule.symbols.append(line)
        style.rules.append(rule)
    return style


def dissolved_outlines():
    """One WKT multipolygon per region: the union of its features."""
    source = ogr.Open(common.REGIONS)
    unions = {}
    for feature in source.GetLayer(0):
        rid = feature.GetField("region")
        geometry = feature.GetGeometryRef().Clone()
        unions[rid] = unions[rid].Union(geometry) if rid in unions else geometry
    return {rid: g.ExportToWkt() for rid, g in unions.items()}


def main():
    args = common.parse_args(__doc__)
    scenario = common.load_scenario()
    frames = common.load_frames(args.statuses, args.one)

    m = mapnik.Map(common.WIDTH, common.HEIGHT)
    mapnik.load_map_from_string(m, STYLES)
    m.srs = common.LCC
    m.background = mapnik.Color(common.SEA)

    regions_ds = mapnik.Datasource(type="geojson", file=common.REGIONS)
    ids = sorted({f["region"] for f in regions_ds.all_features()})
    lonlat = regions_ds.envelope()
    projected = mapnik.ProjTransform(mapnik.Projection(common.WGS84), mapnik.Projection(common.LCC)).forward(lonlat)
    x0, y0, x1, y1 = common.picture_box((projected.minx, projected.miny, projected.maxx, projected.maxy))
    per_px = (x1 - x0) / common.WIDTH

    def at(px, py):  # picture pixels → projected units
        return x0 + px * per_px, y1 - py * per_px

    outlines = mapnik.MemoryDatasource()
    context = mapnik.Context()
    for i, wkt in enumerate(dissolved_outlines().values()):
        feature = mapnik.Feature(context, i + 1)
        feature.geometry = mapnik.Geometry.from_wkt(wkt)
        outlines.add_feature(feature)

    text_context = mapnik.Context()
    for key in ("text", "size", "bold"):
        text_context.push(key)
    swatch_context = mapnik.Context()
    swatch_context.push("color")
    legend = mapnik.MemoryDatasource()
    lx, ly = common.LEGEND_AT
    for i, (label, colour) in enumerate(common.statuses(scenario)):
        y = ly + i * common.LEGEND_STEP
        a, b = at(lx, y - 10), at(lx + 28, y + 10)
        swatch = mapnik.Feature(swatch_context, 100 + i)
        swatch["color"] = colour
        swatch.geometry = mapnik.Geometry.from_wkt(
            f"POLYGON(({a[0]} {a[1]},{b[0]} {a[1]},{b[0]} {b[1]},{a[0]} {b[1]},{a[0]} {a[1]}))"
        )
        legend.add_feature(swatch)
    legend_text = mapnik.MemoryDatasource()
    for i, (label, _) in enumerate(common.statuses(scenario)):
        feature = mapnik.Feature(text_context, 200 + i)
        feature["text"], feature["size"], feature["bold"] = label, common.LEGEND_PX, 0
        x, y = at(lx + 40, ly + i * common.LEGEND_STEP)
        feature.geometry = mapnik.Geometry.from_wkt(f"POINT({x} {y})")
        legend_text.add_feature(feature)

    m.append_style("context", simple_style(common.LAND, common.LAND_EDGE, 0.6))
    m.append_style("outlines", simple_style(None, common.OUTLINE, 2.0))
    m.append_style("regions", region_style({}, ids))
    m.layers.append(layer("context", common.WGS84, mapnik.Datasource(type="geojson", file=common.CONTEXT), "context"))
    m.layers.append(layer("regions", common.WGS84, regions_ds, "regions"))
    m.layers.append(layer("outlines", common.WGS84, outlines, "outlines"))
    m.layers.append(layer("legend", common.LCC, legend, "swatch"))
    m.layers.append(layer("legend-text", common.LCC, legend_text, "text"))
    title_layer = layer("title", common.LCC, mapnik.MemoryDatasource(), "text")
    m.layers.append(title_layer)
    m.zoom_to_box(mapnik.Box2d(x0, y0, x1, y1))

    image = mapnik.Image(common.WIDTH, common.HEIGHT)
    os.makedirs(args.out, exist_ok=True)
    for i, frame in enumerate(frames):
        m.remove_style("regions")
        m.append_style("regions", region_style(common.colours(frame), ids))
        track, phase = common.phase_title(scenario, frame["track"], frame["date"])
        title = mapnik.MemoryDatasource()
        for k, (text, (px, py), size, bold) in enumerate(
            [
                (frame["date"], common.DATE_AT, common.DATE_PX, 1),
                (track, common.TRACK_AT, common.TRACK_PX, 0),
                (phase, common.PHASE_AT, common.PHASE_PX, 0),
            ]
        ):
            feature = mapnik.Feature(text_context, 300 + k)
            feature["text"], feature["size"], feature["bold"] = text, size, bold
            x, y = at(px, py)
            feature.geometry = mapnik.Geometry.from_wkt(f"POINT({x} {y})")
            title.add_feature(feature)
        title_layer.datasource = title
        # Layers are held by value: put the changed one back.
        m.layers[len(m.layers) - 1] = title_layer
        image.fill(mapnik.Color(common.SEA))
        mapnik.render(m, image)
        image.save(common.frame_path(args.out, i), "png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
