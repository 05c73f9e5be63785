import { describe, expect, it } from "vitest";
import { checkFigures } from "../../../src/core/report/review";
import { analyze } from "../../../src/core/rules";
import {
  check,
  cityCheck,
  counties,
  direct,
  distKm,
  divisions,
  fac,
  ruleSet,
  SEAT_A,
  SEAT_B,
} from "./fidelity-helpers";

/**
 * Issue 9: city-wide indicators judged for the city with their 约束性/预期性 mark, shares, one-per-county sets, the
 * infectious-disease beds of 002:209, and the per-township view. Expectations written from the cited lines.
 */

const A = "990001";
const B = "990002";
const at = direct(SEAT_A, 90, 5);
const resident = (a: number, b: number) => [
  { code: A, population: a, kind: "resident" as const },
  { code: B, population: b, kind: "resident" as const },
];

describe("city-wide indicators: judged for the city, counties for information", () => {
  it("beds 7.698 per 1,000 against 000's 7.7 (预期性) fall short, for review, and never print as 7.70", () => {
    // 000:119–122: 每千常住人口医疗卫生机构床位数 7.7 (2025), 预期性; 1,000,000 residents, 7,698 beds
    const h = fac("h", "hospital", at, A, { beds: 7_698, hospitalKind: "general" });
    const r = analyze({
      counties: counties("nanyang"),
      facilities: [h],
      ruleSet: ruleSet("nanyang"),
      population: resident(800_000, 200_000),
    });
    const c = cityCheck(r, "BEDS-PER-1000");
    // an expected target missed is for review, in the check as in its row (the re-trial, s45)
    expect(c).toMatchObject({ status: "review", nature: "expected", limit: 7.7 });
    expect(c.measured).toBeCloseTo(7.698, 12);
    expect(c.message.zh).toContain("7.69");
    expect(c.message.zh).not.toContain("7.70");
    expect(c.message.zh).toContain("预期性");
    // county rows: information only (甲县 7,698 / 800,000 × 1000 = 9.6225)
    expect(check(r, A, "BEDS-PER-1000")).toMatchObject({ status: "info" });
    expect(check(r, A, "BEDS-PER-1000").measured).toBeCloseTo(9.6225, 10);
    expect(r.city).toMatchObject({ city: "nanyang", counties: [A, B], population: 1_000_000 });
    // an expected target missed is a city row for review, said so, not a breach (the reviewer trial, s45 #7)
    const row = r.violations.find((v) => v.scope === "city" && v.rule === "BEDS-PER-1000");
    expect(row?.severity).toBe("review");
    expect(row?.message.zh).toContain("（预期性指标未达目标，不属约束性违规，待核）");
    expect(row?.message.en).toContain("an expected target, not met: not a breach of a binding one; for review");
  });

  it("with facilities lacking a bed count the ratio is a lower bound: short is 缺数据, not 不达标; meeting it passes", () => {
    // the reviewer trial: 6,510 of 6,799 sample facilities had no bed count and the city read 不达标
    const h = fac("h", "hospital", at, A, { beds: 7_000, hospitalKind: "general" });
    const clinic = fac("c", "village-clinic", at, A); // no bed count
    const run = (beds: number) =>
      cityCheck(
        analyze({
          counties: counties("nanyang"),
          facilities: [{ ...h, beds }, clinic],
          ruleSet: ruleSet("nanyang"),
          population: resident(800_000, 200_000),
        }),
        "BEDS-PER-1000",
      );
    const short = run(7_000);
    expect(short.status).toBe("needs-data");
    expect(short.message.zh).toContain("至少 7");
    expect(short.message.zh).toContain("1 所设施无数值");
    expect(short.message.en).toContain("at least 7");
    // the figures given already reach 7.7: met, whatever the others hold
    expect(run(7_700).status).toBe("pass");
    // every facility with a figure: short is a failure
    const all = cityCheck(
      analyze({
        counties: counties("nanyang"),
        facilities: [h],
        ruleSet: ruleSet("nanyang"),
        population: resident(800_000, 200_000),
      }),
      "BEDS-PER-1000",
    );
    expect(all.status).toBe("review");
  });

  it("GPs per 10,000 (约束性, 3.93) reached exactly pass; nurses 「＞4.3」 reached exactly fall short (预期性: for review)", () => {
    // 000:154–157 每万常住人口全科医生数 3.93 约束性; 000:140–143 每千常住人口注册护士数 「＞4.3」 预期性
    const r = analyze({
      counties: counties("nanyang"),
      facilities: [],
      ruleSet: ruleSet("nanyang"),
      population: resident(600_000, 400_000),
      staffing: [
        { code: A, gps: 300, nurses: 2_600 },
        { code: B, gps: 93, nurses: 1_700 },
      ],
    });
    expect(cityCheck(r, "GP-PER-10000")).toMatchObject({ status: "pass", nature: "binding", measured: 3.93 });
    expect(cityCheck(r, "NURSES-PER-1000")).toMatchObject({ status: "review", measured: 4.3 });
    expect(cityCheck(r, "NURSES-PER-1000").message.zh).toContain("> 4.3");
    // a binding one short is a failure and a 违规 row; the expected one's row is for review (s45)
    const short = analyze({
      counties: counties("nanyang"),
      facilities: [],
      ruleSet: ruleSet("nanyang"),
      population: resident(600_000, 400_000),
      staffing: [
        { code: A, gps: 300, nurses: 2_600 },
        { code: B, gps: 92, nurses: 1_700 },
      ],
    });
    expect(cityCheck(short, "GP-PER-10000")).toMatchObject({ status: "fail", nature: "binding" });
    const row = (rule: string) => short.violations.find((v) => v.scope === "city" && v.rule === rule);
    expect(row("GP-PER-10000")?.severity).toBe("error");
    expect(row("NURSES-PER-1000")?.severity).toBe("review");
  });

  it("under the comparison set, the report prints a city's exclusive target as the plan states it: 001:134 「> 4.3」 (the re-trial, s46: 「≥ 4.3」)", () => {
    const r = analyze({
      counties: counties("pingdingshan", { code: "410423", name: "鲁山县" }, { code: "410402", name: "新华区" }),
      facilities: [],
      ruleSet: ruleSet("all"),
      population: [
        { code: "410423", population: 600_000, kind: "resident" },
        { code: "410402", population: 400_000, kind: "resident" },
      ],
      staffing: [
        { code: "410423", nurses: 2_000 },
        { code: "410402", nurses: 1_000 },
      ],
    });
    const nurses = cityCheck(r, "NURSES-PER-1000");
    expect(nurses.limitExclusive).toBe(true);
    const rule = ruleSet("all").rules.find((x) => x.id === "NURSES-PER-1000");
    expect(checkFigures(nurses, rule).limit).toMatch(/^> 4\.3 \/千人/);
  });

  it("staff from the facilities' columns where there is no county table", () => {
    const r = analyze({
      counties: counties("nanyang"),
      facilities: [
        fac("h1", "hospital", at, A, { staff: { doctors: 2_000 } }),
        fac("h2", "hospital", at, B, { staff: { doctors: 1_600 } }),
      ],
      ruleSet: ruleSet("nanyang"),
      population: resident(600_000, 400_000),
    });
    // 3,600 doctors / 1,000,000 × 1,000 = 3.6, 000:126–129 「3.6」 reached
    expect(cityCheck(r, "DOCTORS-PER-1000")).toMatchObject({ status: "pass", measured: 3.6 });
  });

  it("staff from the facilities' columns: a facility with a blank cell makes a shortfall a lower bound, as beds do (the trial, s44-a #1)", () => {
    // 南宫's list: 35 of 57 facilities gave no staff figure, and 1.20 doctors per 1,000 read 不达标
    const run = (blank: boolean) =>
      cityCheck(
        analyze({
          counties: counties("nanyang"),
          facilities: [
            fac("h1", "hospital", at, A, { staff: { doctors: 1_000 } }),
            fac("h2", "hospital", at, B, { staff: { doctors: 600 } }),
            fac("c1", "village-clinic", at, B, blank ? {} : { staff: { doctors: 0 } }),
          ],
          ruleSet: ruleSet("nanyang"),
          population: resident(600_000, 400_000),
        }),
        "DOCTORS-PER-1000",
      );
    // 1,600 / 1,000,000 × 1,000 = 1.6 against 3.6: with the clinic's cell blank, at least 1.6, not yet a failure
    const short = run(true);
    expect(short).toMatchObject({ status: "needs-data", measured: 1.6, unknown: 1 });
    expect(short.message.zh).toContain("至少 1.6");
    expect(short.message.zh).toContain("1 所设施未填人员数");
    expect(short.message.en).toContain("1 facility without a staff figure");
    // every figure given (0 is a figure): short is a shortfall (预期性: for review, not yet a lower bound)
    expect(run(false)).toMatchObject({ status: "review", measured: 1.6 });
    expect(run(false).unknown).toBeUndefined();
  });

  it("002: GPs 3.93 per 10,000 (table and 002:408) govern; 002:747's 3 is shown beside, not dropped", () => {
    const N = "130581";
    const fc = counties("nangong", { code: N, name: "南宫市", kind: "city" }, { code: "130502", name: "襄都区" });
    const r = analyze({
      counties: fc,
      facilities: [],
      ruleSet: ruleSet("nangong"),
      population: [{ code: N, population: 396_700, kind: "resident" }],
      staffing: [{ code: N, gps: 140 }],
    });
    // 140 / 396,700 × 10,000 = 3.529…: below 3.93, above 3
    const c = cityCheck(r, "GP-PER-10000");
    expect(c.status).toBe("fail");
    expect(c.readings?.map((x) => [x.status, x.expected])).toEqual([["pass", [3, 3]]]);
    expect(c.message.zh).toContain("002:747");
  });

  it("a county without a population makes the city row need data, naming it", () => {
    const r = analyze({
      counties: counties("nanyang"),
      facilities: [fac("h", "hospital", at, A, { beds: 100 })],
      ruleSet: ruleSet("nanyang"),
      population: [{ code: A, population: 100_000, kind: "resident" }],
      countyNamesEn: { [B]: "Yi" },
    });
    expect(cityCheck(r, "BEDS-PER-1000").status).toBe("needs-data");
    expect(cityCheck(r, "BEDS-PER-1000").message.zh).toContain("乙区");
    // in English by its English name (the reviewer trial: 「(missing: 镇平县)」 in an English sentence)
    expect(cityCheck(r, "BEDS-PER-1000").message.en).toBe("Needs population figures (missing: Yi District)");
  });
});

describe("shares (003:143, 003:219, 003:141), judged for the city", () => {
  const vc = (i: number, ownership?: "government" | "public" | "private") =>
    fac(`vc${i}`, "village-clinic", at, A, ownership ? { ownership } : {});
  const run = (facilities: ReturnType<typeof fac>[], rule: string) =>
    cityCheck(analyze({ counties: counties("nanyang"), facilities, ruleSet: ruleSet("nanyang") }), rule);

  it("公有产权村卫生室 「达到90%」: 9 of 10 pass, 8 of 10 fail, an unknown one leaves 80–90 % undecided", () => {
    expect(
      run([...Array.from({ length: 9 }, (_, i) => vc(i, "public")), vc(9, "private")], "VC-PUBLIC-SHARE").status,
    ).toBe("pass");
    expect(
      run(
        [...Array.from({ length: 8 }, (_, i) => vc(i, "government")), vc(8, "private"), vc(9, "private")],
        "VC-PUBLIC-SHARE",
      ).status,
    ).toBe("fail");
    expect(
      run([...Array.from({ length: 8 }, (_, i) => vc(i, "public")), vc(8, "private"), vc(9)], "VC-PUBLIC-SHARE").status,
    ).toBe("needs-data");
  });

  it("政府办社区服务中心 「占比达到70%」 counts government-run centres only", () => {
    const chc = (i: number, ownership: "government" | "public") => fac(`c${i}`, "chc", at, A, { ownership });
    const seven = [
      ...Array.from({ length: 7 }, (_, i) => chc(i, "government")),
      ...[7, 8, 9].map((i) => chc(i, "public")),
    ];
    expect(run(seven, "CHC-GOV-SHARE").status).toBe("pass");
    const six = [
      ...Array.from({ length: 6 }, (_, i) => chc(i, "government")),
      ...[6, 7, 8, 9].map((i) => chc(i, "public")),
    ];
    // 6 government-run and 4 only 'public': 60–100 %, undecided
    expect(run(six, "CHC-GOV-SHARE").status).toBe("needs-data");
  });

  it("003:141 「推动…占比达到70%」 is a direction: a share below it is for review, in the check and its city row (the audit, s50 H-1)", () => {
    // as 000:310's 「推动…晋升」 is read (COUNTY-PH-GRADE3): 20 of 37 government-run, 17 private, is 54.1 %
    const chc = (i: number, ownership: "government" | "private") => fac(`c${i}`, "chc", at, A, { ownership });
    const list = [
      ...Array.from({ length: 20 }, (_, i) => chc(i, "government")),
      ...Array.from({ length: 17 }, (_, i) => chc(20 + i, "private")),
    ];
    const r = analyze({ counties: counties("nanyang"), facilities: list, ruleSet: ruleSet("nanyang") });
    const c = cityCheck(r, "CHC-GOV-SHARE");
    expect(c.status).toBe("review");
    expect(c.message.zh).toBe(
      "政府办社区卫生服务中心 20 / 37 所，54.1%，目标 ≥ 70%：未达到；规划写「推动…达到」（003:141），待核",
    );
    expect(c.message.en).toContain(
      "not reached; the plan says 「推动…达到」 (a direction to push toward, 003:141): for review",
    );
    const row = r.violations.filter((v) => v.rule === "CHC-GOV-SHARE");
    expect(row.map((v) => [v.scope, v.severity])).toEqual([["city", "review"]]);
    expect(row[0].message.zh).toContain("全市：政府办社区卫生服务中心 20 / 37 所");
    expect(row[0].message.zh).not.toContain("不符合");
    // 公有产权村卫生室 (003:143 「比例达到90%」, 003:219 「占比达90%以上」) is a target in force: below it still fails
    const vcs = [...Array.from({ length: 8 }, (_, i) => vc(i, "public")), vc(8, "private"), vc(9, "private")];
    const v = analyze({ counties: counties("nanyang"), facilities: vcs, ruleSet: ruleSet("nanyang") });
    expect(cityCheck(v, "VC-PUBLIC-SHARE").status).toBe("fail");
    expect(v.violations.find((x) => x.rule === "VC-PUBLIC-SHARE")?.severity).toBe("error");
  });
});

describe("南宫 002's staff indicators say 「每千人口」, not 「每千常住人口」 (the audit, s50 M-2)", () => {
  it("the measure in the plan's words, the population used said apart; beds (002:208 常住) keep 常住", () => {
    const N = "130581";
    const fc = counties("nangong", { code: N, name: "南宫市", kind: "city" }, { code: "130502", name: "襄都区" });
    const h = fac("h", "hospital", direct(SEAT_A, 90, 5), N, { beds: 2_000, hospitalKind: "general" });
    const r = analyze({
      counties: fc,
      facilities: [h],
      ruleSet: ruleSet("nangong"),
      population: [{ code: N, population: 396_700, kind: "resident" }],
      staffing: [{ code: N, doctors: 1_000, gps: 140 }],
    });
    const doctors = cityCheck(r, "DOCTORS-PER-1000");
    expect(doctors.message.zh).toMatch(/^每千人口执业（助理）医师数 /);
    expect(doctors.message.zh).toContain("；规划写“每千人口”，未注明常住或户籍，此处按所给常住人口计算");
    expect(doctors.message.en).toContain("per 1,000 people against");
    expect(doctors.message.en).toContain(
      "without saying resident or registered: the resident population given is used",
    );
    const beds = cityCheck(r, "BEDS-PER-1000");
    expect(beds.message.zh).toMatch(/^每千常住人口医疗卫生机构床位数 /);
    expect(beds.message.zh).not.toContain("未注明常住或户籍");
  });
});

describe("one-per-county sets", () => {
  it("004:402 「市县两级均有1所政府举办…妇幼保健机构」: each county; the district is served by the city's", () => {
    const mch = fac("m", "hospital", at, A, { name: "甲县妇幼保健院", hospitalKind: "maternal-child" });
    const r = analyze({ counties: counties("yichun"), facilities: [mch], ruleSet: ruleSet("yichun") });
    expect(check(r, A, "COUNTY-MCH").status).toBe("pass");
    expect(check(r, B, "COUNTY-MCH").status).toBe("not-applicable");
    // 004:444 「实现县办公立中医医院全覆盖」 names counties; 004:458 「以县（市、区）中医院为主体」 puts districts in the
    // network only: a county without one fails, a district without one is for review (the reviewer trial, s41-a #1)
    expect(check(r, A, "COUNTY-TCM").status).toBe("fail");
    expect(check(r, B, "COUNTY-TCM").status).toBe("review");
  });

  it("a kind met only by a hospital whose ownership is not given passes, saying it was counted as public; a private one does not meet 「政府举办」 (the trial, s51 #1)", () => {
    const run = (extra: Partial<ReturnType<typeof fac>>) =>
      analyze({
        counties: counties("yichun"),
        facilities: [fac("m", "hospital", at, A, { name: "甲县妇幼保健院", hospitalKind: "maternal-child", ...extra })],
        ruleSet: ruleSet("yichun"),
      });
    const unknown = check(run({}), A, "COUNTY-MCH");
    expect(unknown.status).toBe("pass");
    expect(unknown.message.zh).toContain("妇幼保健院：具备 1/1；甲县妇幼保健院所有制未填，按公立计");
    expect(unknown.message.en).toContain("the ownership of 甲县妇幼保健院 is not given: counted as public");
    // and the review report's 实测 says it too (the re-trial, s51b: the Word row read 「具备 1/1」 alone)
    expect(unknown.assumedPublic).toEqual(["甲县妇幼保健院"]);
    const rule = ruleSet("yichun").rules.find((r) => r.id === "COUNTY-MCH");
    expect(checkFigures(unknown, rule).measured).toBe("具备 1/1（甲县妇幼保健院所有制未填，按公立计）");
    const stated = check(run({ ownership: "government" }), A, "COUNTY-MCH");
    expect(stated.status).toBe("pass");
    expect(stated.message.zh).not.toContain("所有制未填");
    const privateOne = run({ ownership: "private" });
    expect(check(privateOne, A, "COUNTY-MCH").status).toBe("fail");
    // the row says which hospital was left out and why (the re-trial, s51b)
    const row = privateOne.violations.find((v) => v.rule === "COUNTY-MCH" && v.county === A);
    expect(row?.message.zh).toBe("缺公立妇幼保健院；甲县妇幼保健院为民营，不计");
    expect(row?.message.en).toBe(
      "No public maternal and child health hospital; 甲县妇幼保健院 is private, not counted",
    );
    // and the county's line too (the re-trial, s51c: the card said 「具备 0/1」 alone)
    expect(check(privateOne, A, "COUNTY-MCH").message.zh).toContain("妇幼保健院：具备 0/1；甲县妇幼保健院为民营，不计");
  });

  it("004:444 「县办」: in a district, the city's own TCM hospital standing there is not the district's (the reviewer trial)", () => {
    const inB = (name: string) => fac(name, "hospital", SEAT_B, B, { name, hospitalKind: "tcm" });
    const run = (list: ReturnType<typeof fac>[]) =>
      analyze({ counties: counties("yichun"), facilities: list, ruleSet: ruleSet("yichun") });
    const city = run([inB("宜春市中医院")]);
    expect(check(city, B, "COUNTY-TCM").status).toBe("review");
    const row = city.violations.find((v) => v.rule === "COUNTY-TCM" && v.county === B);
    expect(row?.severity).toBe("review");
    expect(row?.message.zh).toBe(
      "缺公立中医医院；宜春市中医院为市办，不计为本区所办；本区为市辖区：规划写「县办公立中医医院全覆盖」（004:444），未明言市辖区，待核",
    );
    expect(row?.message.en).toContain("宜春市中医院 is the city's, not the district's own");
    // the district's own passes; in a county a hospital named for the county-level city is its own (丰城市中医院)
    expect(check(run([inB("乙区中医院")]), B, "COUNTY-TCM").status).toBe("pass");
    const fc = counties("yichun", { code: "990001", name: "丰城市", kind: "city" });
    const fengcheng = analyze({
      counties: fc,
      facilities: [fac("t", "hospital", SEAT_A, A, { name: "丰城市中医院", hospitalKind: "tcm" })],
      ruleSet: ruleSet("yichun"),
    });
    expect(check(fengcheng, A, "COUNTY-TCM").status).toBe("pass");
  });

  it("000:310 「推动县级人民医院全部晋升三级综合医院」: a direction, so 2A is for review; 3B passes, no grade needs data", () => {
    const ph = (grade?: string) =>
      fac("ph", "hospital", SEAT_A, A, { name: "甲县人民医院", hospitalKind: "general", ...(grade ? { grade } : {}) });
    const report = (f: ReturnType<typeof fac>) =>
      analyze({ counties: counties("nanyang"), facilities: [f], ruleSet: ruleSet("nanyang") });
    const run = (f: ReturnType<typeof fac>) => check(report(f), A, "COUNTY-PH-GRADE3").status;
    expect(run(ph("2A"))).toBe("review");
    const low = report(ph("2A"));
    expect(low.violations.filter((v) => v.rule === "COUNTY-PH-GRADE3").map((v) => v.severity)).toEqual(["review"]);
    expect(check(low, A, "COUNTY-PH-GRADE3").message.zh).toContain("规划写「推动…晋升」（000:310），待核");
    expect(run(ph("3B"))).toBe("pass");
    expect(run(ph())).toBe("needs-data");
  });

  it("002:209 「传染病救治床位按30-50万人口不低于50张」: 50 pass, 49 fail, 60万 people: no figure stated", () => {
    const N = "130581";
    const fc = counties("nangong", { code: N, name: "南宫市", kind: "city" }, { code: "130502", name: "襄都区" });
    const run = (beds: number, population: number) =>
      cityCheck(
        analyze({
          counties: fc,
          facilities: [fac("h", "hospital", at, N, { infectiousBeds: beds })],
          ruleSet: ruleSet("nangong"),
          population: [{ code: N, population, kind: "resident" }],
        }),
        "INFECTIOUS-BEDS",
      ).status;
    expect(run(50, 396_700)).toBe("pass");
    expect(run(49, 396_700)).toBe("fail");
    expect(run(80, 600_000)).toBe("not-applicable");
  });

  it("outside the band, the check has no beds figure and the review report's row reads 「—」, not the population in 张 (the planner trial, s46-b #1)", () => {
    const N = "130581";
    const fc = counties("nangong", { code: N, name: "南宫市", kind: "city" }, { code: "130502", name: "襄都区" });
    const check = cityCheck(
      analyze({
        counties: fc,
        facilities: [fac("h", "hospital", at, N, { infectiousBeds: 80 })],
        ruleSet: ruleSet("nangong"),
        population: [{ code: N, population: 786_600, kind: "resident" }],
      }),
      "INFECTIOUS-BEDS",
    );
    expect(check.status).toBe("not-applicable");
    expect(check.measured).toBeUndefined();
    expect(check.message.zh).toContain("786,600");
    const rule = ruleSet("nangong").rules.find((x) => x.id === "INFECTIOUS-BEDS");
    expect(checkFigures(check, rule).measured).toBe("—");
  });
});

describe("the per-township view", () => {
  const T = "990001101";
  const V1 = "990001101201";
  const V2 = "990001101202";
  const divs = divisions(A, [{ code: T, name: "一镇", kind: "镇", villages: [V1, V2] }]);
  const thcAt = direct(SEAT_A, 90, 12);
  const facilities = [
    fac("thc", "central-thc", thcAt, A, { township: T, village: V1 }),
    fac("vc", "village-clinic", thcAt, A, { village: V1 }),
    fac("st", "ems-station", SEAT_A, A),
  ];

  it("lists the township's centre, its distance to the county medical centre and its villages with and without a clinic", () => {
    const r = analyze({ counties: counties("nanyang"), facilities, ruleSet: ruleSet("nanyang"), divisions: divs });
    const [row] = r.townships;
    expect(row).toMatchObject({
      code: T,
      name: "一镇",
      county: A,
      villages: 2,
      villagesWithClinic: 1,
      villagesWithoutClinic: 1,
    });
    expect(row.centres).toEqual([
      {
        id: "thc",
        name: "thc",
        type: "central-thc",
        central: true,
        subCentre: false,
        distanceKm: expect.closeTo(distKm(thcAt, SEAT_A), 9),
      },
    ]);
    // no county medical centre nor people's hospital in the data: measured from the seat
    expect(row.distanceToCountyCentreKm).toBeCloseTo(distKm(thcAt, SEAT_A), 9);
    // and says so, by name (the planner trial, s41-b #8: the column read from the people's hospital unsaid)
    expect(row.distanceFrom).toEqual({ kind: "seat", name: "甲县政府驻地" });
    const ph = fac("ph", "hospital", SEAT_B, A, { name: "甲县人民医院", hospitalKind: "general" });
    const withPh = analyze({
      counties: counties("nanyang"),
      facilities: [...facilities, ph],
      ruleSet: ruleSet("nanyang"),
      divisions: divs,
    });
    expect(withPh.townships[0].distanceFrom).toEqual({ kind: "peoples-hospital", name: "甲县人民医院" });
    // a sub-centre in the township: its distance is the one shown, the one SUB-15KM judges (the re-trial, s49b #2:
    // 博望镇 showed its central THC's 27.04 km, not its sub-centre's 4.4 km); each centre keeps its own
    const subAt = direct(SEAT_A, 0, 4.4);
    const withSub = analyze({
      counties: counties("nanyang"),
      facilities: [...facilities, fac("sub", "sub-centre", subAt, A, { township: T })],
      ruleSet: ruleSet("nanyang"),
      divisions: divs,
    });
    const both = withSub.townships[0];
    expect(both.centres.map((c) => c.id)).toEqual(["thc", "sub"]);
    expect(both.distanceToCountyCentreKm).toBeCloseTo(distKm(subAt, SEAT_A), 9);
    expect(both.centres.map((c) => c.distanceKm)).toEqual([
      expect.closeTo(distKm(thcAt, SEAT_A), 9),
      expect.closeTo(distKm(subAt, SEAT_A), 9),
    ]);
    // no village positions: the EMS shares are left out and the row says what is needed
    expect(row.ems).toBeUndefined();
    expect(row.emsNeeds?.en).toMatch(/village locations/);
  });

  it("with village points (demand points named by village code) gives the share of villages within each EMS radius", () => {
    // 村201 9 km from the station, 村202 15 km: within 10 km 1 of 2, within 20 km both (000:232's 10–20 km ring ends)
    const demand = [
      { id: V1, lon: direct(SEAT_A, 0, 9)[0], lat: direct(SEAT_A, 0, 9)[1], weight: 800 },
      { id: V2, lon: direct(SEAT_A, 180, 15)[0], lat: direct(SEAT_A, 180, 15)[1], weight: 600 },
    ];
    const r = analyze({
      counties: counties("nanyang"),
      facilities,
      ruleSet: ruleSet("nanyang"),
      divisions: divs,
      demand,
    });
    expect(r.townships[0].ems).toEqual([
      { radiusKm: 5, share: 0, located: 2 },
      { radiusKm: 10, share: 0.5, located: 2 },
      { radiusKm: 20, share: 1, located: 2 },
    ]);
  });
});
