import { geodesicDistanceKm } from "../../geo";
import type { Facility } from "../../model";
import { type Evaluator, outcome } from "../context";
import { tierPointFacilities } from "../ems-network";
import { TIERS as M } from "../messages";
import type { Violation } from "../types";

/**
 * EMS-TIERS: each county (县 / 县级市) has its own hub (003:61 the county 「“120”急救指挥中心」, or its own 急救中心;
 * 004:439 a county 急救中心（站）); a district without one is served by the city's hub (003:61 names the 市紧急医疗救援中心
 * first) and passes when the city has one standing in a district: a 急救中心 of a 县 or 县级市 is that county's. Which county a station is registered to is information, not a rule any plan states.
 * The network's 急救点 by the plan (002:201) are listed; whether the plan states a service radius is said. Where the plan
 * sets the hub at a hospital (`hostedBy`, 002:201 「依托南宫市人民医院」), a hub at neither its name nor its place is for
 * review (the 南宫 reading passed on any 120 centre).
 */
export const tiers: Evaluator<"tiers"> = (rule, ctx) => {
  const p = rule.params;
  // a county's (县, 县级市) own 急救中心 is its hub too where the plan names the city's by that type (Nanyang: the
  // county hub is the 120 command centre; 「镇平县急救中心」 is the county's, not the city's)
  const county = ctx.props.kind !== "district";
  const own = ctx.facilities.filter((f) => p.countyHub.includes(f.type) || (county && p.cityHub.includes(f.type)));
  const ownTypes = p.countyHub.concat(
    p.cityHub.filter((t) => !p.countyHub.includes(t) && own.some((f) => f.type === t)),
  );
  // the network's 急救点 as siting counts them too (ems-network.ts)
  const points = tierPointFacilities(rule, ctx.facilities);
  const foreign = ctx.located.filter((f) => f.type === "ems-station" && f.county && f.county !== ctx.props.code);
  const extras = {
    points: p.points ? { count: points.length, types: p.points } : undefined,
    stations: ctx.facilities.filter((f) => f.type === "ems-station").length,
    foreign: foreign.length,
    radiusStated: p.radiusStated,
  };
  const base = { rule: rule.id, count: own.length, expected: 1 };
  if (own.length > 0 && p.hostedBy) {
    const host = p.hostedBy;
    const hospitals = ctx.facilities.filter(
      (f) => (f.type === "hospital" || f.type === "county-medical-centre") && f.name.includes(host.name),
    );
    const km = (hub: Facility) => Math.min(...hospitals.map((h) => geodesicDistanceKm(hub.lon, hub.lat, h.lon, h.lat)));
    // by place where the list has the hospital (a hub named for it but 5 km away is for review: the re-trial); by
    // name only where the list does not
    const at = own.find((hub) => (hospitals.length > 0 ? km(hub) <= host.withinKm : hub.name.includes(host.name)));
    if (at) {
      // 「依托…」 right after the hub it says where stands, before the network's other points (the trial, s44-a #14:
      // it came after 「覆盖不作核查」, dangling)
      const m = M.own(at.name, own.length, ownTypes, undefined, !county);
      const h = M.hosted(host.name, host.cite);
      const x = M.extras(extras);
      return outcome({
        ...base,
        status: "pass",
        message: { zh: `${m.zh}${h.zh}${x.zh}`, en: `${m.en}${h.en}${x.en}` },
      });
    }
    const hub = own[0];
    const message = M.notHosted(hub.name, host.name, host.cite, hospitals.length > 0 ? km(hub) : undefined);
    const m = M.own(hub.name, own.length, ownTypes, extras, !county);
    return outcome(
      { ...base, status: "review", message: { zh: `${m.zh}；${message.zh}`, en: `${m.en}; ${message.en}` } },
      [
        {
          rule: rule.id,
          severity: "review",
          county: ctx.props.code,
          facilityId: hub.id,
          facilityName: hub.name,
          lon: hub.lon,
          lat: hub.lat,
          message,
        },
      ],
    );
  }
  if (own.length > 0)
    return outcome({ ...base, status: "pass", message: M.own(own[0].name, own.length, ownTypes, extras, !county) });
  if (ctx.props.kind === "district" && p.cityHubServesDistricts) {
    const hubs = ctx.districtFacilities.filter((f) => p.cityHub.includes(f.type));
    // the rule's own line for the hubs: this rule set's plan, never another city's (003:61 is Nanyang's)
    const cite = rule.provenance[0] && `${rule.provenance[0].doc}:${rule.provenance[0].line}`;
    if (hubs.length > 0)
      return outcome({ ...base, status: "pass", message: M.servedByCity(hubs[0].name, cite, extras) });
    const v: Violation = {
      rule: rule.id,
      severity: "error",
      county: ctx.props.code,
      message: M.noCityHub({ zh: ctx.props.name, en: ctx.nameEn }, p.cityHub),
    };
    return outcome(
      { ...base, status: "fail", message: M.noCityHub({ zh: ctx.props.name, en: ctx.nameEn }, p.cityHub, extras) },
      [v],
    );
  }
  const v: Violation = {
    rule: rule.id,
    severity: "error",
    county: ctx.props.code,
    message: M.missing({ zh: ctx.props.name, en: ctx.nameEn }, p.countyHub),
  };
  return outcome(
    { ...base, status: "fail", message: M.missing({ zh: ctx.props.name, en: ctx.nameEn }, p.countyHub, extras) },
    [v],
  );
};
