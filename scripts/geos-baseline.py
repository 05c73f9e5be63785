"""GEOS baseline for `npm run bench`: buffer + union + clip with shapely, as a GIS analyst would do it.

Usage: /usr/bin/python3 scripts/geos-baseline.py POINTS.geojson COUNTIES.geojson RADIUS_KM

Reads the points and the county polygons (WGS84), projects them with pyproj to one transverse Mercator
centred on the counties, buffers every point by the radius (shapely's default 16 segments per quarter
circle), unions the buffers, repairs each county polygon (buffer(0)) and clips: covered = county ∩ union,
gaps = county − union. Prints one JSON line with the totals and the time of each step (seconds).
Needs Debian's python3-shapely and python3-pyproj.
"""

import json
import sys
import time

t_start = time.perf_counter()
from pyproj import Transformer  # noqa: E402
from shapely.geometry import Point, shape  # noqa: E402
from shapely.ops import transform, unary_union  # noqa: E402

t_import = time.perf_counter()
points_file, counties_file, radius_km = sys.argv[1], sys.argv[2], float(sys.argv[3])
with open(points_file, encoding="utf-8") as f:
    points = [feat["geometry"]["coordinates"] for feat in json.load(f)["features"]]
with open(counties_file, encoding="utf-8") as f:
    counties = json.load(f)["features"]

bounds = [shape(feat["geometry"]).bounds for feat in counties]
lon0 = (min(b[0] for b in bounds) + max(b[2] for b in bounds)) / 2
lat0 = (min(b[1] for b in bounds) + max(b[3] for b in bounds)) / 2
tm = Transformer.from_crs(
    "EPSG:4326", f"+proj=tmerc +lat_0={lat0} +lon_0={lon0} +k=1 +x_0=0 +y_0=0 +ellps=WGS84 +units=m", always_xy=True
)
xs, ys = tm.transform([p[0] for p in points], [p[1] for p in points])
t_read = time.perf_counter()

radius_m = radius_km * 1000
buffers = [Point(x, y).buffer(radius_m) for x, y in zip(xs, ys)]
t_buffer = time.perf_counter()
union = unary_union(buffers)
t_union = time.perf_counter()

area = covered = 0.0
gap_parts = 0
for feat in counties:
    county = transform(tm.transform, shape(feat["geometry"])).buffer(0)
    inside = county.intersection(union)
    gaps = county.difference(union)
    area += county.area
    covered += inside.area
    gap_parts += 0 if gaps.is_empty else len(getattr(gaps, "geoms", [gaps]))
t_clip = time.perf_counter()

print(
    json.dumps(
        {
            "points": len(points),
            "counties": len(counties),
            "radiusKm": radius_km,
            "areaKm2": area / 1e6,
            "coveredKm2": covered / 1e6,
            "gapPolygons": gap_parts,
            "seconds": {
                "import": t_import - t_start,
                "read": t_read - t_import,
                "buffer": t_buffer - t_read,
                "union": t_union - t_buffer,
                "clip": t_clip - t_union,
            },
        }
    )
)
