import { describe, expect, it } from "vitest";
import { dataNotice, proposedOnlyCount } from "../../src/app/data-notice";
import { makeI18n } from "../../src/app/i18n";
import type { Facility } from "../../src/core";

const site = (id: string, lon: number): Facility => ({
  id,
  name: id,
  type: "ems-station",
  lon,
  lat: 34.6,
  proposed: true,
});
// a stand-in city: one county west of 113°E
const countyAt = (lon: number) => (lon < 113 ? { code: "410302", name: "老城区" } : null);

describe("where the analysed facilities come from", () => {
  it("counts, with no list, only the proposed sites inside the city (a site dragged out is not measured)", () => {
    const inside = site("P1", 112.4);
    const outside = site("P2", 113.5);
    expect(proposedOnlyCount([], [inside, outside], false, countyAt)).toBe(1);
    expect(proposedOnlyCount([], [outside], false, countyAt)).toBe(0);
    // with a list (imported, or the sample) the notice is the list's
    expect(proposedOnlyCount([], [inside], true, countyAt)).toBe(0);
    expect(proposedOnlyCount([{ ...inside, id: "F1", proposed: false }], [inside], false, countyAt)).toBe(0);
  });

  it("says the imported file's own words, invented facilities counted, not the sample's", () => {
    const zh = makeI18n("zh").t;
    const en = makeI18n("en").t;
    const file = { datasetName: "facilities.geojson", datasetInvented: 0, proposedOnly: 0, localPlan: true };
    expect(dataNotice(zh, file)).toBe("数据：facilities.geojson");
    const invented = { ...file, datasetInvented: 12 };
    expect(dataNotice(zh, invented)).toMatch(/^数据：facilities\.geojson。其中 12 个设施在文件中标为示例数据/);
    expect(dataNotice(en, invented)).toMatch(/^Data: facilities\.geojson\. 12 facilities are marked/);
    expect(dataNotice(zh, invented)).not.toBe(dataNotice(zh, { ...file, datasetName: null }));
    const none = { datasetName: null, datasetInvented: 0, proposedOnly: 0, localPlan: false };
    expect(dataNotice(zh, { ...none, proposedOnly: 1 })).toMatch(/只计规划新增的 1 处设施/);
    expect(dataNotice(zh, none)).toMatch(/^该市未附示例设施/);
    expect(dataNotice(zh, { ...none, localPlan: true })).toMatch(/^示例数据：/);
  });
});
