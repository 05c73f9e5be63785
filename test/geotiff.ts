import { writeArrayBuffer } from "geotiff";

/**
 * A single-band Float32 GeoTIFF in WGS84 (EPSG:4326), written by geotiff.js: `values` row by row from the north-west
 * corner (`west`, `north`), square pixels of `pixelDeg` degrees. The tests' population rasters.
 */
export function wgs84GeoTiff(
  values: Float32Array,
  size: { width: number; height: number },
  corner: { west: number; north: number },
  pixelDeg: number,
): Uint8Array {
  const tif = writeArrayBuffer(values, {
    width: size.width,
    height: size.height,
    ModelPixelScale: [pixelDeg, pixelDeg, 0],
    ModelTiepoint: [0, 0, 0, corner.west, corner.north, 0],
    GTModelTypeGeoKey: 2,
    GTRasterTypeGeoKey: 1,
    GeographicTypeGeoKey: 4326,
    SampleFormat: [3],
    BitsPerSample: [32],
  });
  return new Uint8Array(tif);
}
