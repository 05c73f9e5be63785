import { type CountyProps, type Facility, gradeRank } from "../model";
import { cityRunInDistrict, hospitalKindOf, isPublic } from "./helpers";
import type { Check } from "./types";

/** The point SUB-15KM measures from, and what it is. */
export type MedicalCentreRef = NonNullable<Check["reference"]>;

/**
 * The county medical centre (县域医疗中心) of a county, as SUB-15KM and sub-centre siting measure from it: the
 * county's county-medical-centre facility (a public one first), else its people's hospital (人民医院, a general
 * hospital; public and higher grade first; in a district not a city-run one named for the city), else the county seat.
 * `facilities` are those belonging to the county.
 */
export function countyMedicalCentre(county: CountyProps, facilities: readonly Facility[]): MedicalCentreRef {
  const cmc = facilities.filter((f) => f.type === "county-medical-centre");
  if (cmc.length > 0) {
    const f = cmc.find(isPublic) ?? cmc[0];
    return { kind: "county-medical-centre", facilityId: f.id, name: f.name, lon: f.lon, lat: f.lat };
  }
  // in a district, never a city-run hospital named for the city (南阳市第一人民医院 in 宛城区, the audit s50 M-1)
  const ph = facilities
    .filter(
      (f) =>
        f.type === "hospital" &&
        /人民医院/.test(f.name) &&
        hospitalKindOf(f) === "general" &&
        !cityRunInDistrict(county, f.name),
    )
    .sort((a, b) => Number(isPublic(b)) - Number(isPublic(a)) || (gradeRank(b.grade) ?? 0) - (gradeRank(a.grade) ?? 0));
  if (ph.length > 0) {
    const f = ph[0];
    return { kind: "peoples-hospital", facilityId: f.id, name: f.name, lon: f.lon, lat: f.lat };
  }
  const [lon, lat] = county.seat;
  return { kind: "seat", name: `${county.name}政府驻地`, lon, lat };
}
