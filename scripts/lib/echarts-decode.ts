import type { MultiPolygon, Polygon, Position } from "geojson";

/**
 * The echarts map format (`UTF8Encoding: true`): each ring is a string of character pairs, one per vertex.
 * A character's code minus 64 is a zigzag-encoded integer (0, -1, 1, -2, … as 0, 1, 2, 3, …) giving the step
 * from the previous vertex in units of 1/`scale` degree; the ring's first step starts from its entry in
 * `encodeOffsets`. echarts uses scale 1024.
 */
export const ECHARTS_SCALE = 1024;

function unzigzag(n: number): number {
  return n % 2 === 0 ? n / 2 : -(n + 1) / 2;
}

/** Decodes one ring; throws naming the ring if it has an odd length or a character below "@". */
export function decodeRing(text: string, offset: [number, number], where: string, scale = ECHARTS_SCALE): Position[] {
  if (text.length % 2 !== 0) throw new Error(`${where}: encoded ring has odd length ${text.length}`);
  let x = offset[0];
  let y = offset[1];
  const out: Position[] = [];
  for (let i = 0; i < text.length; i += 2) {
    const a = text.charCodeAt(i) - 64;
    const b = text.charCodeAt(i + 1) - 64;
    if (a < 0 || b < 0) throw new Error(`${where}: character ${i} of an encoded ring is below "@"`);
    x += unzigzag(a);
    y += unzigzag(b);
    out.push([x / scale, y / scale]);
  }
  return out;
}

interface EncodedPolygon {
  type: "Polygon";
  coordinates: string[];
  encodeOffsets: [number, number][];
}
interface EncodedMultiPolygon {
  type: "MultiPolygon";
  coordinates: string[][];
  encodeOffsets: [number, number][][];
}

/** Decodes an encoded Polygon or MultiPolygon geometry into plain GeoJSON coordinates. */
export function decodeGeometry(g: EncodedPolygon | EncodedMultiPolygon, where: string): Polygon | MultiPolygon {
  if (g.type === "Polygon") {
    return {
      type: "Polygon",
      coordinates: g.coordinates.map((r, i) => decodeRing(r, g.encodeOffsets[i], `${where} ring ${i}`)),
    };
  }
  return {
    type: "MultiPolygon",
    coordinates: g.coordinates.map((p, j) =>
      p.map((r, i) => decodeRing(r, g.encodeOffsets[j][i], `${where} part ${j} ring ${i}`)),
    ),
  };
}
