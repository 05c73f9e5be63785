"""Reference answer from GEOS (shapely) and PROJ (pyproj) for an EMS radius check's gaps in one county.

Reads a JSON file: {"county": geometry, "seats": [[lon, lat, radius_km], ...], "stations": [[lon, lat], ...],
"radiusKm": r, "gaps": [geometry, ...], "part": "urban" | "rural"}. The urban area is the county within any seat's
geodesic disc, the rural area the county outside them all; the part judged ("part", urban when absent) is one of the
two; the covered part is the part judged within any station's geodesic disc of radius r; the gap is the rest. Each disc is built in
its own azimuthal equidistant projection centred on its point (a circle there is the geodesic circle), with 1,024
vertices, and brought back to longitude/latitude; areas are measured on the WGS84 ellipsoid (pyproj Geod). Prints
{"urbanKm2" (the part judged), "coveredKm2", "gapKm2", "gapPartsKm2", "gapPerimeterKm", "toolGapKm2", "symDiffKm2",
"toolPartsKm2", "overlapKm2"}: the tool's gaps against ours, and each tool gap's area and its overlap with ours.
"""
import json
import sys

from pyproj import Geod, Transformer
from shapely.geometry import Point, Polygon, shape
from shapely.ops import unary_union
from shapely.validation import make_valid

GEOD = Geod(ellps="WGS84")


def disc(lon, lat, radius_km):
    aeqd = f"+proj=aeqd +lat_0={lat} +lon_0={lon} +ellps=WGS84 +units=m +no_defs"
    back = Transformer.from_crs(aeqd, "EPSG:4326", always_xy=True)
    ring = Point(0, 0).buffer(radius_km * 1000, 256).exterior.coords
    return Polygon([back.transform(x, y) for x, y in ring])


def parts(geom):
    if geom.is_empty:
        return []
    if geom.geom_type == "Polygon":
        return [geom]
    return [p for g in geom.geoms for p in parts(g)]


def area_km2(geom):
    return sum(abs(GEOD.geometry_area_perimeter(p)[0]) for p in parts(geom)) / 1e6


def main():
    data = json.load(open(sys.argv[1]))
    county = make_valid(shape(data["county"]))
    seats = unary_union([disc(x, y, r) for x, y, r in data["seats"] if r > 0])
    urban = county.difference(seats) if data.get("part") == "rural" else county.intersection(seats)
    reach = unary_union([disc(x, y, data["radiusKm"]) for x, y in data["stations"]])
    covered = urban.intersection(reach)
    gap = urban.difference(reach)
    tool = unary_union([make_valid(shape(g)) for g in data.get("gaps", [])])
    print(
        json.dumps(
            {
                "urbanKm2": area_km2(urban),
                "coveredKm2": area_km2(covered),
                "gapKm2": area_km2(gap),
                "gapPartsKm2": sorted((area_km2(p) for p in parts(gap)), reverse=True),
                "gapPerimeterKm": sum(abs(GEOD.geometry_area_perimeter(p)[1]) for p in parts(gap)) / 1000,
                "toolGapKm2": area_km2(tool),
                "symDiffKm2": area_km2(gap.symmetric_difference(tool)),
                "toolPartsKm2": [area_km2(make_valid(shape(g))) for g in data.get("gaps", [])],
                "overlapKm2": [area_km2(make_valid(shape(g)).intersection(gap)) for g in data.get("gaps", [])],
            }
        )
    )


if __name__ == "__main__":
    main()
