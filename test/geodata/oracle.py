"""Reference answers from GEOS (shapely) and PROJ (pyproj) for the geodata tests.

valid FILE             FILE holds {"code": geometry, ...}; prints {"checked": n, "invalid": {code: reason}}
validbin SHAPES COORDS the same check without a JSON text of the coordinates: SHAPES holds
                       [[code, "Polygon" or "MultiPolygon", [[ring length, ...] per polygon]], ...], COORDS
                       every vertex in that order as float64 x, y pairs in this machine's byte order (bit for
                       bit the doubles of the caller's GeoJSON)
rawareas FILE...       echarts source files (plain or encoded); prints {file: {code: km2}}, each polygon
                       repaired with shapely's make_valid and measured on the WGS84 ellipsoid with pyproj
"""
import json
import sys
from array import array

from pyproj import Geod
from shapely.geometry import MultiPolygon, Polygon, shape
from shapely.validation import explain_validity, make_valid

GEOD = Geod(ellps="WGS84")


def decode_ring(text, offset):
    # Independent of scripts/lib/echarts-decode.ts: zigzag steps of 1/1024 degree from the ring's offset.
    x, y = offset
    out = []
    for i in range(0, len(text), 2):
        a = ord(text[i]) - 64
        b = ord(text[i + 1]) - 64
        x += (a >> 1) ^ -(a & 1)
        y += (b >> 1) ^ -(b & 1)
        out.append((x / 1024, y / 1024))
    return out


def decode(g):
    if g["type"] == "Polygon":
        return {"type": "Polygon", "coordinates": [decode_ring(r, o) for r, o in zip(g["coordinates"], g["encodeOffsets"])]}
    return {
        "type": "MultiPolygon",
        "coordinates": [[decode_ring(r, o) for r, o in zip(p, po)] for p, po in zip(g["coordinates"], g["encodeOffsets"])],
    }


def polygon_parts(geom):
    if geom.geom_type == "Polygon":
        return [geom]
    if geom.geom_type in ("MultiPolygon", "GeometryCollection"):
        return [p for g in geom.geoms for p in polygon_parts(g)]
    return []


def area_km2(geom):
    return sum(abs(GEOD.geometry_area_perimeter(p)[0]) for p in polygon_parts(geom)) / 1e6


def main():
    mode = sys.argv[1]
    if mode == "valid":
        data = json.load(open(sys.argv[2]))
        invalid = {}
        for code, g in data.items():
            s = shape(g)
            if not s.is_valid:
                invalid[code] = explain_validity(s)
        print(json.dumps({"checked": len(data), "invalid": invalid}))
    elif mode == "validbin":
        shapes = json.load(open(sys.argv[2]))
        xy = array("d")
        with open(sys.argv[3], "rb") as f:
            xy.frombytes(f.read())
        at = 0
        invalid = {}
        for code, kind, polys in shapes:
            parts = []
            for rings in polys:
                coords = []
                for n in rings:
                    coords.append(list(zip(xy[at : at + 2 * n : 2], xy[at + 1 : at + 2 * n : 2])))
                    at += 2 * n
                parts.append((coords[0], coords[1:]))
            try:
                s = Polygon(*parts[0]) if kind == "Polygon" else MultiPolygon(parts)
            except ValueError as e:  # too few points for a ring: GEOS cannot even build it
                invalid[code] = str(e)
                continue
            if not s.is_valid:
                invalid[code] = explain_validity(s)
        if at != len(xy):
            raise SystemExit(f"validbin: {len(xy) - at} coordinates left over after the last shape")
        print(json.dumps({"checked": len(shapes), "invalid": invalid}))
    elif mode == "rawareas":
        out = {}
        for path in sys.argv[2:]:
            fc = json.load(open(path))
            areas = {}
            for f in fc["features"]:
                g = decode(f["geometry"]) if fc.get("UTF8Encoding") else f["geometry"]
                if not g["coordinates"]:
                    continue
                key = f.get("id") or f["properties"]["name"]
                areas[key] = area_km2(make_valid(shape(g)))
            out[path.rsplit("/", 1)[-1]] = areas
        print(json.dumps(out))


main()
