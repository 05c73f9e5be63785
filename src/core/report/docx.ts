import type { ReviewDocument } from "./review";

/**
 * The review report as a Word document (.docx): see ./docx-build.ts. The docx library is loaded when a document
 * is first written, so that an analysis does not load it.
 */
export async function reviewDocx(doc: ReviewDocument): Promise<Uint8Array> {
  return (await import("./docx-build")).reviewDocx(doc);
}
