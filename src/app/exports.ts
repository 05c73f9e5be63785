import type { Map as MlMap } from "maplibre-gl";

/** Saves text or bytes as a file through the browser's download. */
export function download(fileName: string, content: string | Uint8Array, mime: string) {
  const blob = new Blob([content as BlobPart], { type: mime });
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export interface LegendItem {
  color: string;
  label: string;
  shape: "circle" | "fill" | "line";
}

/**
 * A PNG of the current map with title, legend, north arrow and a scale bar, drawn on a 2D canvas over the
 * map's WebGL canvas (which keeps its drawing buffer for this).
 */
export async function mapPng(map: MlMap, title: string, notice: string, legend: LegendItem[]): Promise<Blob> {
  await new Promise<void>((resolve) => {
    if (map.loaded() && !map.isMoving()) resolve();
    else map.once("idle", () => resolve());
  });
  const src = map.getCanvas();
  const ratio = src.width / src.clientWidth;
  const out = document.createElement("canvas");
  out.width = src.width;
  out.height = src.height;
  const ctx = out.getContext("2d");
  if (!ctx) throw new Error("2D canvas unavailable");
  ctx.drawImage(src, 0, 0);
  ctx.scale(ratio, ratio);
  const w = src.clientWidth;
  const h = src.clientHeight;
  const font = '"PingFang SC","Microsoft YaHei","Noto Sans CJK SC","WenQuanYi Micro Hei",sans-serif';

  // title
  ctx.fillStyle = "rgba(255,255,255,0.9)";
  ctx.font = `bold 16px ${font}`;
  const tw = ctx.measureText(title).width;
  ctx.fillRect(8, 8, tw + 16, 28);
  ctx.fillStyle = "#17324d";
  ctx.fillText(title, 16, 28);

  // legend
  ctx.font = `12px ${font}`;
  const lw = Math.max(...legend.map((l) => ctx.measureText(l.label).width), 60) + 40;
  const lh = legend.length * 18 + 12;
  ctx.fillStyle = "rgba(255,255,255,0.92)";
  ctx.fillRect(8, h - lh - 34, lw, lh);
  legend.forEach((l, i) => {
    const y = h - lh - 34 + 14 + i * 18;
    ctx.fillStyle = l.color;
    ctx.strokeStyle = l.color;
    if (l.shape === "circle") {
      ctx.beginPath();
      ctx.arc(20, y, 5, 0, Math.PI * 2);
      ctx.fill();
    } else if (l.shape === "fill") {
      ctx.globalAlpha = 0.5;
      ctx.fillRect(14, y - 5, 12, 10);
      ctx.globalAlpha = 1;
    } else {
      ctx.lineWidth = 2;
      ctx.beginPath();
      ctx.moveTo(13, y);
      ctx.lineTo(27, y);
      ctx.stroke();
    }
    ctx.fillStyle = "#222";
    ctx.fillText(l.label, 34, y + 4);
  });

  // north arrow (the map is never rotated by default; the arrow follows the bearing)
  const cx = w - 30;
  const cy = 40;
  ctx.save();
  ctx.translate(cx, cy);
  ctx.rotate((-map.getBearing() * Math.PI) / 180);
  ctx.fillStyle = "#222";
  ctx.beginPath();
  ctx.moveTo(0, -18);
  ctx.lineTo(8, 10);
  ctx.lineTo(0, 4);
  ctx.lineTo(-8, 10);
  ctx.closePath();
  ctx.fill();
  ctx.font = `bold 13px ${font}`;
  ctx.fillText("N", -4, -22);
  ctx.restore();

  // scale bar from the map's own metres-per-pixel at the centre
  const centerLat = map.getCenter().lat;
  const mPerPx = (40075016.686 * Math.cos((centerLat * Math.PI) / 180)) / (512 * 2 ** map.getZoom());
  const targetPx = 120;
  const raw = targetPx * mPerPx;
  const pow = 10 ** Math.floor(Math.log10(raw));
  const nice =
    [1, 2, 5, 10]
      .map((k) => k * pow)
      .filter((v) => v <= raw)
      .pop() ?? pow;
  const px = nice / mPerPx;
  ctx.fillStyle = "rgba(255,255,255,0.9)";
  ctx.fillRect(w - px - 30, h - 30, px + 22, 22);
  ctx.strokeStyle = "#222";
  ctx.lineWidth = 2;
  ctx.beginPath();
  ctx.moveTo(w - px - 20, h - 14);
  ctx.lineTo(w - 20, h - 14);
  ctx.stroke();
  ctx.fillStyle = "#222";
  ctx.font = `11px ${font}`;
  ctx.fillText(nice >= 1000 ? `${nice / 1000} km` : `${nice} m`, w - px - 20, h - 18);

  // notice (sample data / sources)
  ctx.font = `11px ${font}`;
  ctx.fillStyle = "rgba(255,248,225,0.95)";
  const nw = ctx.measureText(notice).width;
  ctx.fillRect(8, h - 26, nw + 12, 18);
  ctx.fillStyle = "#5d4200";
  ctx.fillText(notice, 14, h - 13);

  return new Promise((resolve, reject) =>
    out.toBlob((b) => (b ? resolve(b) : reject(new Error("PNG encoding failed"))), "image/png"),
  );
}
