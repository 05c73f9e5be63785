import { describe, expect, it } from "vitest";
import { facilitiesFromColumns, facilityColumns } from "../../../src/core/cities";
import type { Facility } from "../../../src/core/model";

const list: Facility[] = [
  { id: "a", name: "甲卫生院", type: "thc", lon: 112.523346, lat: 32.970711, county: "411302", beds: 40 },
  { id: "b", name: "乙卫生室", type: "village-clinic", lon: 112.5, lat: -0.000001, servesVillages: ["411302007200"] },
  {
    id: "c",
    name: "丙急救站",
    type: "ems-station",
    lon: -179.999999,
    lat: 89.123456,
    county: "411302",
    proposed: true,
    staff: { doctors: 3, nurses: 4 },
  },
];

describe("facilityColumns / facilitiesFromColumns", () => {
  it("gives back every facility with exactly its own fields, coordinates bit for bit", () => {
    const c = facilityColumns(list, { invented: false });
    const back = facilitiesFromColumns(JSON.parse(JSON.stringify(c)));
    expect(back).toStrictEqual(list);
    // dictionaries for repeated text, and an absent field stays absent
    expect(c.fields.county).toStrictEqual({ dict: ["411302"], index: [0, -1, 0] });
    expect("proposed" in back[0]).toBe(false);
    expect(c.invented).toBe(false);
  });

  it("stores a field that every facility has with one value once", () => {
    const c = facilityColumns(list.map((f) => ({ ...f, invented: true })));
    expect(c.fields.invented).toStrictEqual({ same: true });
    expect(facilitiesFromColumns(c).every((f) => f.invented === true)).toBe(true);
  });

  it("refuses a coordinate the 6-decimal form would change", () => {
    expect(() => facilityColumns([{ ...list[0], lon: 112.5233461 }])).toThrow(/6 decimals/);
  });

  it("refuses malformed files", () => {
    const c = facilityColumns(list);
    expect(() => facilitiesFromColumns({ ...c, version: 2 as 1 })).toThrow(/facility-columns/);
    expect(() => facilitiesFromColumns({ ...c, count: 4 })).toThrow(/coordinates/);
    expect(() =>
      facilitiesFromColumns({ ...c, fields: { ...c.fields, county: { dict: ["411302"], index: [0, 3, 0] } } }),
    ).toThrow(/outside its dictionary/);
    expect(() => facilitiesFromColumns({ ...c, fields: { ...c.fields, beds: { values: [1] } } })).toThrow(/beds/);
  });

  it("an empty list round-trips", () => {
    expect(facilitiesFromColumns(facilityColumns([]))).toStrictEqual([]);
  });
});
