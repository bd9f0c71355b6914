#!/usr/bin/python3
"""The QGIS peer: the same map as render.py, drawn by PyQGIS headless.

Regions and context from the project's GeoJSON assets (OGR provider),
projected on the fly into the same Lambert conformal conic, regions filled
with their status colour on the date (a categorised renderer on
"region"), white borders, the regions' outlines (each region's features
united once at start with QgsGeometry.unaryUnion, into a memory layer),
rendered by QgsMapRendererParallelJob (QGIS's own threads); then the
date, track and phase and a legend of the statuses painted over it with
QPainter, 1920x1080 PNG. The layers and settings are built once; each frame
changes only the region colours and the title.

Run with Debian's Python (apt-get install python3-qgis qgis-providers),
without a display:

  QT_QPA_PLATFORM=offscreen /usr/bin/python3 qgis_render.py --statuses statuses.json --out DIR [--one]
"""

import os
import sys

from qgis.core import (
    QgsApplication,
    QgsCategorizedSymbolRenderer,
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsFeature,
    QgsFillSymbol,
    QgsGeometry,
    QgsMapRendererParallelJob,
    QgsMapSettings,
    QgsProject,
    QgsRectangle,
    QgsRendererCategory,
    QgsSingleSymbolRenderer,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QPointF, QRectF, QSize, Qt
from qgis.PyQt.QtGui import QColor, QFont, QPainter

import common


def fill_symbol(fill, outline, width_px):
    return QgsFillSymbol.createSimple(
        {
            "color": fill or "0,0,0,0",
            "style": "solid" if fill else "no",
            "outline_color": outline,
            "outline_width": str(width_px),
            "outline_width_unit": "Pixel",
        }
    )


def region_renderer(colours, ids):
    categories = [
        QgsRendererCategory(rid, fill_symbol(colours.get(rid, common.UNKNOWN), common.BORDER, 0.6), rid) for rid in ids
    ]
    return QgsCategorizedSymbolRenderer("region", categories)


def outlines_layer(regions):
    """A memory layer of one multipolygon per region: its features united."""
    parts = {}
    for feature in regions.getFeatures():
        parts.setdefault(feature["region"], []).append(feature.geometry())
    layer = QgsVectorLayer("MultiPolygon?crs=EPSG:4326&field=region:string", "outlines", "memory")
    features = []
    for rid, geometries in parts.items():
        feature = QgsFeature(layer.fields())
        feature.setAttributes([rid])
        feature.setGeometry(QgsGeometry.unaryUnion(geometries))
        features.append(feature)
    layer.dataProvider().addFeatures(features)
    layer.updateExtents()
    layer.setRenderer(QgsSingleSymbolRenderer(fill_symbol(None, common.OUTLINE, 2.0)))
    return layer


def font(px, bold=False):
    f = QFont("DejaVu Sans")
    f.setPixelSize(px)
    f.setBold(bold)
    return f


def paint_text(image, scenario, frame):
    painter = QPainter(image)
    painter.setRenderHint(QPainter.Antialiasing)
    painter.setRenderHint(QPainter.TextAntialiasing)
    painter.setPen(QColor(common.INK))
    track, phase = common.phase_title(scenario, frame["track"], frame["date"])
    for text, (x, y), px, bold in [
        (frame["date"], common.DATE_AT, common.DATE_PX, True),
        (track, common.TRACK_AT, common.TRACK_PX, False),
        (phase, common.PHASE_AT, common.PHASE_PX, False),
    ]:
        painter.setFont(font(px, bold))
        painter.drawText(QPointF(x, y + px / 3), text)
    painter.setFont(font(common.LEGEND_PX))
    lx, ly = common.LEGEND_AT
    for i, (label, colour) in enumerate(common.statuses(scenario)):
        y = ly + i * common.LEGEND_STEP
        painter.setPen(QColor("#444444"))
        painter.setBrush(QColor(colour))
        painter.drawRect(QRectF(lx, y - 10, 28, 20))
        painter.setPen(QColor(common.INK))
        painter.drawText(QPointF(lx + 40, y + common.LEGEND_PX / 3), label)
    painter.end()


def main():
    args = common.parse_args(__doc__)
    scenario = common.load_scenario()
    frames = common.load_frames(args.statuses, args.one)

    QgsApplication.setPrefixPath("/usr", True)
    app = QgsApplication([], False)
    app.initQgis()

    context = QgsVectorLayer(common.CONTEXT, "context", "ogr")
    regions = QgsVectorLayer(common.REGIONS, "regions", "ogr")
    if not context.isValid() or not regions.isValid():
        print("qgis_render.py: cannot open the GeoJSON assets", file=sys.stderr)
        return 1
    context.setRenderer(QgsSingleSymbolRenderer(fill_symbol(common.LAND, common.LAND_EDGE, 0.6)))
    ids = sorted({f["region"] for f in regions.getFeatures()})
    outlines = outlines_layer(regions)

    lcc = QgsCoordinateReferenceSystem.fromProj(common.LCC)
    to_lcc = QgsCoordinateTransform(regions.crs(), lcc, QgsProject.instance())
    bounds = to_lcc.transformBoundingBox(regions.extent())
    x0, y0, x1, y1 = common.picture_box((bounds.xMinimum(), bounds.yMinimum(), bounds.xMaximum(), bounds.yMaximum()))

    settings = QgsMapSettings()
    settings.setLayers([outlines, regions, context])  # top first
    settings.setDestinationCrs(lcc)
    settings.setOutputSize(QSize(common.WIDTH, common.HEIGHT))
    settings.setOutputDpi(96)
    settings.setBackgroundColor(QColor(common.SEA))
    settings.setExtent(QgsRectangle(x0, y0, x1, y1))

    os.makedirs(args.out, exist_ok=True)
    for i, frame in enumerate(frames):
        regions.setRenderer(region_renderer(common.colours(frame), ids))
        job = QgsMapRendererParallelJob(settings)
        job.start()
        job.waitForFinished()
        image = job.renderedImage()
        paint_text(image, scenario, frame)
        image.save(common.frame_path(args.out, i), "PNG")
    # Layers left alive when QGIS shuts down crash it (a segfault at exit).
    del settings, outlines, regions, context, job
    app.exitQgis()
    return 0


if __name__ == "__main__":
    sys.exit(main())
