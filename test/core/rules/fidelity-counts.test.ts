import { describe, expect, it } from "vitest";
import type { Facility } from "../../../src/core/model";
import { buildReview, townshipTableRows } from "../../../src/core/report/review";
import { violationsCsv } from "../../../src/core/report/tables";
import { placeViolations, sureInGroups } from "../../../src/core/report/violations";
import { type AnalysisReport, analyze } from "../../../src/core/rules";
import { check, counties, direct, divisions, fac, ruleSet, SEAT_A, SEAT_B } from "./fidelity-helpers";

/**
 * Issue 9, "counting rules": VC-PER-VILLAGE, SUB-COUNT, THC-BEDS, CHC-PER-STREET, each verdict written from the plan
 * line beside it before running the code.
 */

const A = "990001";
const B = "990002";
const T1 = "990001101"; // a 镇
const V = (n: number) => `990001101${String(200 + n).padStart(3, "0")}`; // its 村委会

describe("VC-PER-VILLAGE", () => {
  const divs = divisions(A, [{ code: T1, name: "一镇", kind: "镇", villages: [V(1), V(2), V(3)] }]);
  const at = direct(SEAT_A, 90, 8);

  it("003:143: a county with no village clinic at all fails (facility data loaded: a health centre)", () => {
    // with no facility data at all the check reads needs-data (docs/rules.md, "No facility data"); a facility list
    // without any village clinic is a county without one
    const thc = fac("thc1", "thc", at, A, { township: T1 });
    const r = analyze({
      counties: counties("nanyang"),
      facilities: [thc],
      ruleSet: ruleSet("nanyang"),
      divisions: divs,
    });
    const c = check(r, A, "VC-PER-VILLAGE");
    expect(c.status).toBe("fail");
    expect(c.message.zh).toContain("没有任何村卫生室");
  });

  it("003:219: adjacent villages share a clinic only where the data says which villages it serves", () => {
    // 村201 has a clinic whose 服务行政村 list names 村202: 村202 is served; 村203 has nothing and fails
    const shared = fac("vc1", "village-clinic", at, A, { village: V(1), servesVillages: [V(2)] });
    const r = analyze({
      counties: counties("nanyang"),
      facilities: [shared],
      ruleSet: ruleSet("nanyang"),
      divisions: divs,
    });
    expect(check(r, A, "VC-PER-VILLAGE")).toMatchObject({ status: "fail", count: 2, expected: 3 });
    expect(r.violations.filter((v) => v.rule === "VC-PER-VILLAGE").map((v) => [v.unitCode, v.severity])).toEqual([
      [V(3), "error"],
    ]);
    // the served village is one of those that have one, not of the lacking (the re-trial, s46)
    expect(check(r, A, "VC-PER-VILLAGE").message.zh).toContain(
      "3 个行政村中 2 个有村卫生室，1 个缺；有的 2 个中 1 个由相邻村合建的中心村卫生室服务",
    );
    expect(check(r, A, "VC-PER-VILLAGE").message.en).toContain(
      "1 of the 2 that have one is served by a clinic shared with adjacent villages",
    );
    // without the list, 村202 is not served: never a blanket waiver
    const alone = fac("vc1", "village-clinic", at, A, { village: V(1) });
    const r2 = analyze({
      counties: counties("nanyang"),
      facilities: [alone],
      ruleSet: ruleSet("nanyang"),
      divisions: divs,
    });
    expect(r2.violations.filter((v) => v.rule === "VC-PER-VILLAGE").map((v) => [v.unitCode, v.severity])).toEqual([
      [V(2), "error"],
      [V(3), "error"],
    ]);
  });

  it("clinics with no village code may stand in the villages lacking one: unknown, not missing (the GIS trial)", () => {
    // a county list without village codes read 「无村卫生室」 for every village; the clinics are there, unassigned
    const run = (facilities: Facility[]) =>
      analyze({ counties: counties("nanyang"), facilities, ruleSet: ruleSet("nanyang"), divisions: divs });
    const uncoded = (n: number) => Array.from({ length: n }, (_, i) => fac(`u${i}`, "village-clinic", at, A));
    const rows = (r: AnalysisReport) =>
      r.violations.filter((v) => v.rule === "VC-PER-VILLAGE").map((v) => [v.unitCode, v.severity]);
    // three villages, three uncoded clinics: any village may have one; the codes are needed
    const all = run(uncoded(3));
    expect(check(all, A, "VC-PER-VILLAGE")).toMatchObject({ status: "needs-data", measured: 3, unknown: 3 });
    expect(check(all, A, "VC-PER-VILLAGE").message.zh).toContain("缺的 3 个行政村可能都由它们承担");
    expect(rows(all)).toEqual([]);
    // one coded clinic and one uncoded: the two villages lacking a coded one are unknown... up to one of them
    const some = run([fac("vc1", "village-clinic", at, A, { village: V(1) }), ...uncoded(1)]);
    expect(check(some, A, "VC-PER-VILLAGE")).toMatchObject({
      status: "fail",
      count: 1,
      expected: 3,
      measured: 2,
      unknown: 1,
    });
    expect(check(some, A, "VC-PER-VILLAGE").message.zh).toContain("至少 1 个确缺");
    // which village lacks one is not known: each is for review, saying why
    expect(rows(some)).toEqual([
      [V(2), "review"],
      [V(3), "review"],
    ]);
    const note = some.violations.find((v) => v.unitCode === V(2))?.message;
    expect(note?.zh).toContain("本县另有 1 所未定行政村（未填代码或名称未匹配），可能即在此，待核");
    expect(note?.en).toContain(
      "1 facility of the county has no known administrative village (no code, or a name that matched none) and may stand here",
    );
    // the township view counts them apart, as the verdict does: two without a counted clinic, for review, not 确缺
    // (the re-trial, s47: 「无卫生室」 beside a verdict of fewer surely lacking one)
    // (one uncoded clinic: at most one of the two lacks none)
    expect(some.townships[0]).toMatchObject({ villagesWithClinic: 1, villagesWithoutClinic: 2, villagesForReview: 1 });
    // a proposed clinic with no village chosen counts in no village: the lacking ones stay errors
    const proposed = { ...fac("p1", "village-clinic", at, A), proposed: true };
    expect(rows(run([fac("vc1", "village-clinic", at, A, { village: V(1) }), proposed]))).toEqual([
      [V(2), "error"],
      [V(3), "error"],
    ]);
    // with every clinic coded nothing changes from before: the village without one is an error
    const coded = run([fac("vc1", "village-clinic", at, A, { village: V(1) })]);
    expect(rows(coded)).toEqual([
      [V(2), "error"],
      [V(3), "error"],
    ]);
    expect(coded.townships[0]).toMatchObject({ villagesWithoutClinic: 2 });
    expect(coded.townships[0].villagesForReview).toBeUndefined();
  });

  it("all: a THC with no village code may stand in one of its township's lacking villages: the table's 待核 is 1, not 2 (the user re-trial, s48 #2)", () => {
    const list = [
      fac("vc1", "village-clinic", at, A, { village: V(1) }),
      fac("thc1", "thc", at, A, { township: T1, ownership: "public" }),
    ];
    const r = analyze({ counties: counties("all"), facilities: list, ruleSet: ruleSet("all"), divisions: divs });
    const rows = r.violations.filter((v) => v.rule === "VC-PER-VILLAGE");
    expect(rows.map((v) => [v.unitCode, v.severity, v.uncertain])).toEqual([
      [V(2), "review", { group: `thc:${T1}`, atMost: 1, of: 2 }],
      [V(3), "review", { group: `thc:${T1}`, atMost: 1, of: 2 }],
    ]);
    expect(r.townships[0]).toMatchObject({ villagesWithoutClinic: 2, villagesForReview: 1 });
    // the exports and the list carry the group and its sure shortfall: 2 rows, at least 1 lacking (the trial, s51 #2)
    const placed = placeViolations({
      violations: rows,
      report: r,
      ruleSet: ruleSet("all"),
      counties: counties("all").features,
    });
    expect(
      placed.map((p) => [p.properties.reviewGroup, p.properties.groupRows, p.properties.groupSurelyLacking]),
    ).toEqual([
      [`VC-PER-VILLAGE|${A}|thc:${T1}`, 2, 1],
      [`VC-PER-VILLAGE|${A}|thc:${T1}`, 2, 1],
    ]);
    expect(sureInGroups(placed.map((p) => p.properties))).toEqual({ rows: 2, sure: 1 });
    // one row of the two shown (a search): it may be the exempt one, nothing is sure of it alone
    expect(sureInGroups([placed[0].properties])).toBeUndefined();
    // a row of a group with no sure shortfall shown beside them is not counted in (the re-trial, s51b: 12 for 11)
    const single = { reviewGroup: "VC-PER-VILLAGE|990001|uncoded", groupRows: 3, groupSurelyLacking: 1 };
    expect(sureInGroups([...placed.map((p) => p.properties), single])).toEqual({ rows: 2, sure: 1 });
    const [head, ...lines] = violationsCsv(placed, "zh")
      .replace(/^\ufeff/, "")
      .split("\r\n");
    const cols = head.split(",");
    expect(cols).toEqual(expect.arrayContaining(["待核组", "组内条数", "组内至少确缺"]));
    expect(lines[0].split(",")[cols.indexOf("组内至少确缺")]).toBe("1");
    const review = buildReview({
      report: r,
      ruleSet: ruleSet("all"),
      counties: counties("all").features,
      facilities: list,
      divisions: divs,
      cityName: "南阳市",
      county: A,
      sources: [],
      invented: false,
    });
    expect(review.counties[0].violations.filter((x) => x.rule === "VC-PER-VILLAGE").map((x) => x.severity)).toEqual([
      "待核查（同组 2 条中至少 1 个确缺）（仅作对比）",
      "待核查（同组 2 条中至少 1 个确缺）（仅作对比）",
    ]);
    // the villages whose rows are for review, by name, for the cell's tooltip (the re-trial, s48: it named none)
    expect(r.townships[0].villagesForReviewNames).toEqual(["村202", "村203"]);
  });

  it("002:193 the trial's 南宫: clinics with no village code and THCs with none share one group whose sure shortfall is the check's, and each township's 待核 is only its own (the planner trial, s56 M1/M2)", () => {
    const T2 = "990001102";
    const W = (n: number) => `990001102${String(200 + n).padStart(3, "0")}`;
    const two = divisions(A, [
      { code: T1, name: "一镇", kind: "镇", villages: [V(1), V(2), V(3), V(4)] },
      { code: T2, name: "二乡", kind: "乡", villages: [W(1), W(2), W(3), W(4), W(5)] },
      { code: "990001103", name: "三乡", kind: "乡", villages: ["990001103201", "990001103202", "990001103203"] },
    ]);
    const list = [
      fac("vc1", "village-clinic", at, A, { village: V(1) }),
      // 一镇's THC gives no village: it may stand in one of 一镇's 3 lacking villages
      fac("thc1", "thc", at, A, { township: T1, ownership: "public" }),
      fac("thc2", "thc", direct(SEAT_A, 0, 6), A, { township: T2, village: W(1), ownership: "public" }),
      // 二乡's clinic gives its township, no village: it may stand in one of 二乡's lacking villages
      fac("vc2", "village-clinic", direct(SEAT_A, 10, 6), A, { township: T2 }),
      fac("thc3", "thc", direct(SEAT_A, 180, 6), A, {
        township: "990001103",
        village: "990001103201",
        ownership: "public",
      }),
    ];
    const r = analyze({ counties: counties("all"), facilities: list, ruleSet: ruleSet("all"), divisions: two });
    const c = check(r, A, "VC-PER-VILLAGE");
    // 12 villages, 1 with a clinic; 2 more are THC villages (exempt); 9 lacking: ≤ 1 THC's, ≤ 1 uncoded clinic's
    const sure = Number(c.message.zh.match(/(\d+) 个确缺/)?.[1]);
    expect(sure).toBe(7);
    const rows = r.violations.filter((v) => v.rule === "VC-PER-VILLAGE");
    const placed = placeViolations({
      violations: rows,
      report: r,
      ruleSet: ruleSet("all"),
      counties: counties("all").features,
    });
    // the list's header says the check's figure (it said 8: the THC's village lost when the rows were regrouped)
    expect(sureInGroups(placed.map((p) => p.properties))?.sure).toBe(sure);
    // each township's 待核: 一镇 1 (its THC), 二乡 1 (its clinic), 三乡 none (no unplaced facility there), not 2 each
    const byName = new Map(r.townships.map((t) => [t.name, t]));
    expect([...byName.values()].map((t) => [t.name, t.villagesWithoutClinic, t.villagesForReview ?? 0])).toEqual([
      ["一镇", 3, 1],
      ["二乡", 4, 1],
      ["三乡", 2, 0],
    ]);
  });

  it("004:437: a proposed 卫生院 with its township chosen and no village may stand in one of its lacking villages, as an existing one (the trial, s51 #2); its village chosen, that village is exempt", () => {
    const clinic = fac("vc1", "village-clinic", at, A, { village: V(1), ownership: "public" });
    const run = (extra: Partial<Facility>) =>
      analyze({
        counties: counties("yichun"),
        facilities: [clinic, fac("p1", "thc", at, A, { proposed: true, ...extra })],
        ruleSet: ruleSet("yichun"),
        divisions: divs,
      });
    const rows = (r: AnalysisReport) =>
      r.violations.filter((v) => v.rule === "VC-PER-VILLAGE").map((v) => [v.unitCode, v.severity]);
    const planned = run({ township: T1 });
    expect(rows(planned)).toEqual([
      [V(2), "review"],
      [V(3), "review"],
    ]);
    const row = planned.violations.find((v) => v.rule === "VC-PER-VILLAGE");
    expect(row?.message.zh).toContain(
      "本乡镇有 1 所乡镇卫生院未填行政村代码（含规划新增 1 所，可在“规划”中选其所在行政村）",
    );
    expect(row?.message.en).toContain("(1 proposed, whose village the Plan tab can choose among them)");
    // its village chosen: exempt, the other village surely lacks one
    const chosen = run({ township: T1, village: V(2) });
    expect(rows(chosen)).toEqual([[V(3), "error"]]);
    // …and the township table counts it apart, as the verdict does (the re-trial, s51c: 38 without beside 37): in 宜春
    // only a village whose population is given and under 800 is exempt; under 002:193 (the comparison set's reading)
    // any THC's village
    expect(chosen.townships[0]).toMatchObject({ villagesWithoutClinic: 2 });
    expect(chosen.townships[0].villagesExempt).toBeUndefined();
    const nangong = analyze({
      counties: counties("all"),
      facilities: [clinic, fac("p1", "thc", at, A, { proposed: true, township: T1, village: V(2) })],
      ruleSet: ruleSet("all"),
      divisions: divs,
    });
    const ngRow = nangong.townships.find((t) => t.code === T1);
    expect(ngRow).toMatchObject({ villages: 3, villagesWithClinic: 1, villagesWithoutClinic: 1, villagesExempt: 1 });
    expect(townshipTableRows(nangong.townships)[0][6]).toBe("1（另 1 个卫生院所在村免设）");
    // counted in no township: no doubt of any village (a site counted in no unit, as before)
    expect(rows(run({}))).toEqual([
      [V(2), "error"],
      [V(3), "error"],
    ]);
  });

  it("004:437 公有产权: the township view counts the clinics the check counts, private-only villages apart (the planner trial)", () => {
    const clinics = [
      fac("vc1", "village-clinic", at, A, { village: V(1), ownership: "public" }),
      fac("vc2", "village-clinic", at, A, { village: V(2), ownership: "private" }),
    ];
    const run = (set: string) =>
      analyze({ counties: counties(set), facilities: clinics, ruleSet: ruleSet(set), divisions: divs });
    const yichun = run("yichun");
    expect(check(yichun, A, "VC-PER-VILLAGE")).toMatchObject({ count: 1, measured: 2 });
    expect(yichun.townships[0]).toMatchObject({
      villagesWithClinic: 1,
      villagesWithoutClinic: 2,
      villagesPrivateOnly: 1,
    });
    // 003 counts any clinic (its public share is VC-PUBLIC-SHARE): the table as before, no private-only count
    const nanyang = run("nanyang");
    expect(check(nanyang, A, "VC-PER-VILLAGE")).toMatchObject({ count: 2, measured: 1 });
    expect(nanyang.townships[0]).toMatchObject({ villagesWithClinic: 2, villagesWithoutClinic: 1 });
    expect(nanyang.townships[0].villagesPrivateOnly).toBeUndefined();
  });

  it("004:437 公有产权: a clinic whose ownership is not given is for review, not counted as public (the reviewer trial)", () => {
    const clinics = [
      fac("vc1", "village-clinic", at, A, { village: V(1), ownership: "public" }),
      fac("vc2", "village-clinic", at, A, { village: V(2) }),
      fac("vc3", "village-clinic", at, A, { village: V(3), ownership: "public" }),
    ];
    const yichun = analyze({
      counties: counties("yichun"),
      facilities: clinics,
      ruleSet: ruleSet("yichun"),
      divisions: divs,
    });
    const c = check(yichun, A, "VC-PER-VILLAGE");
    expect(c).toMatchObject({ status: "review", count: 2, measured: 0 });
    expect(c.message.zh).toMatch(/^3 个行政村中 2 个有公有产权村卫生室，0 个缺；1 个的村卫生室所有制未填，待核〔/);
    expect(
      yichun.violations.filter((v) => v.rule === "VC-PER-VILLAGE").map((v) => [v.unitCode, v.severity, v.message.zh]),
    ).toEqual([[V(2), "review", "村202：有村卫生室（vc2），但所有制未填，是否公有产权待核"]]);
    // a list with no ownership at all: one county line, no row per village; the check needs the data
    const bare = clinics.map(({ ownership: _o, ...f }) => f);
    const none = analyze({
      counties: counties("yichun"),
      facilities: bare,
      ruleSet: ruleSet("yichun"),
      divisions: divs,
    });
    expect(check(none, A, "VC-PER-VILLAGE")).toMatchObject({ status: "needs-data", count: 0, ownershipUnknown: 3 });
    expect(check(none, A, "VC-PER-VILLAGE").message.zh).toContain(
      "3 个有村卫生室但清单未填所有制：是否公有产权需补所有制数据",
    );
    expect(none.violations.filter((v) => v.rule === "VC-PER-VILLAGE")).toEqual([]);
    // the township table counts them apart, as the check does
    expect(none.townships[0]).toMatchObject({ villagesWithClinic: 0, villagesOwnershipUnknown: 3 });
    // a planner's proposed clinic (public, as the plan form sets it) does not make the list's ownership known: still
    // one county line, and the proposed village counts as public (the trial, s51 #3: one clinic added 40 review rows)
    const planned = fac("p1", "village-clinic", at, A, { village: V(2), ownership: "public", proposed: true });
    const withPlan = analyze({
      counties: counties("yichun"),
      facilities: [...bare, planned],
      ruleSet: ruleSet("yichun"),
      divisions: divs,
    });
    expect(check(withPlan, A, "VC-PER-VILLAGE")).toMatchObject({ status: "needs-data", ownershipUnknown: 2 });
    expect(withPlan.violations.filter((v) => v.rule === "VC-PER-VILLAGE")).toEqual([]);
    // a THC with no village code: the exemption of its village cannot be applied, and the county line says so
    const thc = fac("thc", "thc", at, A, { township: T1 });
    const withThc = analyze({
      counties: counties("yichun"),
      facilities: [...clinics, thc],
      ruleSet: ruleSet("yichun"),
      divisions: divs,
    });
    expect(check(withThc, A, "VC-PER-VILLAGE").message.zh).toContain(
      "1 所乡镇卫生院未填行政村代码，其所在村的免设未能适用（缺的村中可能有免设者）",
    );
    expect(check(withThc, A, "VC-PER-VILLAGE").message.en).toContain(
      "1 THC gives no village code, so the exemption of its village could not be applied",
    );
    // 南阳's plans ask for a clinic, not a public one: the same list passes
    const nanyang = analyze({
      counties: counties("nanyang"),
      facilities: clinics,
      ruleSet: ruleSet("nanyang"),
      divisions: divs,
    });
    expect(check(nanyang, A, "VC-PER-VILLAGE").status).toBe("pass");
  });

  it("004:437: the THC's village needs a clinic too when it has 800+ people; without its population, needs data", () => {
    // 「每个非乡镇卫生院所在行政村和800人口以上的行政村至少设置1所公有产权的标准化村卫生室」
    const thc = fac("thc", "thc", at, A, { township: T1, village: V(1) });
    const vcs = [V(2), V(3)].map((v, i) => fac(`vc${i}`, "village-clinic", at, A, { village: v, ownership: "public" }));
    const base = {
      counties: counties("yichun"),
      facilities: [thc, ...vcs],
      ruleSet: ruleSet("yichun"),
      divisions: divs,
    };
    expect(check(analyze(base), A, "VC-PER-VILLAGE").status).toBe("needs-data");
    const big = analyze({ ...base, unitPopulation: [{ code: V(1), population: 900 }] });
    expect(check(big, A, "VC-PER-VILLAGE").status).toBe("fail");
    expect(big.violations.filter((v) => v.rule === "VC-PER-VILLAGE").map((v) => v.unitCode)).toEqual([V(1)]);
    // 800 people is 「800人口以上」 (以上 includes 800): still needs one
    const at800 = analyze({ ...base, unitPopulation: [{ code: V(1), population: 800 }] });
    expect(check(at800, A, "VC-PER-VILLAGE").status).toBe("fail");
    const small = analyze({ ...base, unitPopulation: [{ code: V(1), population: 799 }] });
    expect(check(small, A, "VC-PER-VILLAGE").status).toBe("pass");
    // 004 asks for 公有产权 clinics: a private one does not count
    const priv = analyze({
      ...base,
      facilities: [thc, vcs[0], { ...vcs[1], ownership: "private" }],
      unitPopulation: [{ code: V(1), population: 500 }],
    });
    expect(priv.violations.filter((v) => v.rule === "VC-PER-VILLAGE").map((v) => v.unitCode)).toEqual([V(3)]);
    // the village with only a private clinic is named for what it lacks, with the clinic it has (the reviewer trial:
    // it read 「无村卫生室」 beside a clinic on the map)
    const v3 = priv.violations.find((v) => v.rule === "VC-PER-VILLAGE");
    expect(v3?.message.zh).toBe(`村203：无公有产权村卫生室；有民营 1 所（${vcs[1].name}），不计`);
    expect(v3?.message.en).toBe(`村203: no publicly owned village clinic; 1 private one (${vcs[1].name}), not counted`);
    expect(ruleSet("yichun").rules.find((r) => r.id === "VC-PER-VILLAGE")?.description.zh).toContain("公有产权");
  });
});

describe("「原则上」: a shortfall the plan words softly is a review, not a violation", () => {
  const N = "130581";
  const NT = "130581101";
  const NV = (n: number) => `130581101${String(200 + n).padStart(3, "0")}`;
  const at = direct(SEAT_A, 90, 8);
  const fc = () => counties("nangong", { code: N, name: "南宫市", kind: "city" }, { code: "130502", name: "襄都区" });

  it("002:193 「原则上每个行政村设置1个村卫生室」: a village without one is ◐ 待核 naming the wording", () => {
    const divs = divisions(N, [{ code: NT, name: "一镇", kind: "镇", villages: [NV(1), NV(2)] }]);
    const r = analyze({
      counties: fc(),
      facilities: [fac("vc1", "village-clinic", at, N, { village: NV(1) })],
      ruleSet: ruleSet("nangong"),
      divisions: divs,
    });
    const c = check(r, N, "VC-PER-VILLAGE");
    expect(c).toMatchObject({ status: "review", count: 1, expected: 2, measured: 1 });
    expect(c.message.zh).toContain("规划写「原则上」（002:193），待核");
    const v = r.violations.filter((x) => x.rule === "VC-PER-VILLAGE");
    expect(v.map((x) => [x.unitCode, x.severity])).toEqual([[NV(2), "review"]]);
    expect(v[0].message.en).toContain("「原则上」 (in principle, 002:193): for review");
    // the same shortfall under 003:143 「每个行政村建好1所」 (南阳) is a failure
    const A = "990001";
    const ny = analyze({
      counties: counties("nanyang"),
      facilities: [fac("vc1", "village-clinic", at, A, { village: V(1) })],
      ruleSet: ruleSet("nanyang"),
      divisions: divisions(A, [{ code: T1, name: "一镇", kind: "镇", villages: [V(1), V(2)] }]),
    });
    expect(check(ny, A, "VC-PER-VILLAGE").status).toBe("fail");
  });

  it("002:193 still fails a county with no village clinic at all in its data", () => {
    const divs = divisions(N, [{ code: NT, name: "一镇", kind: "镇", villages: [NV(1)] }]);
    const r = analyze({
      counties: fc(),
      facilities: [fac("thc", "thc", at, N, { township: NT })],
      ruleSet: ruleSet("nangong"),
      divisions: divs,
    });
    expect(check(r, N, "VC-PER-VILLAGE").status).toBe("fail");
  });

  it("002:177 「原则上设置1个市办综合医院和1个市办中医类医院」: a missing TCM hospital is for review", () => {
    const gen = fac("g", "hospital", at, N, { name: "南宫市人民医院", hospitalKind: "general" });
    const r = analyze({ counties: fc(), facilities: [gen], ruleSet: ruleSet("nangong") });
    const c = check(r, N, "COUNTY-3-HOSPITALS");
    expect(c).toMatchObject({ status: "review", count: 1, expected: 2 });
    expect(r.violations.filter((x) => x.rule === "COUNTY-3-HOSPITALS").map((x) => x.severity)).toEqual(["review"]);
    expect(c.message.zh).toContain("002:177");
  });
});

describe("SUB-15KM in a district: measured from the district's own people's hospital, never a city-run one (the audit, s50 M-1)", () => {
  // 003:143's 11 county medical centres are the counties' and 邓州市's: 宛城区 was measured from 南阳市第一人民医院, a
  // city hospital standing in it, labelled 「县人民医院」, though 宛城区人民医院 was in the list
  const cityHospital = fac("city", "hospital", direct(SEAT_B, 90, 6), B, {
    name: "南阳市第一人民医院",
    hospitalKind: "general",
    grade: "3A",
  });
  const own = fac("own", "hospital", SEAT_B, B, { name: "乙区人民医院", hospitalKind: "general", grade: "2A" });
  // 16 km from the district's hospital, 10.0 km from the city's (east of it, on the same line)
  const sub = fac("sub", "sub-centre", direct(SEAT_B, 90, 16), B);
  const sub15 = (facilities: ReturnType<typeof fac>[]) =>
    check(analyze({ counties: counties("nanyang"), facilities, ruleSet: ruleSet("nanyang") }), B, "SUB-15KM");

  it("the district's 区人民医院 is the reference, the city's hospital in it is not", () => {
    const c = sub15([cityHospital, own, sub]);
    expect(c.reference).toMatchObject({ kind: "peoples-hospital", name: "乙区人民医院" });
    expect(c.status).toBe("pass");
    expect(c.message.zh).toContain("县（市、区）人民医院（作为县域医疗中心）");
    expect(c.message.zh).not.toContain("南阳市第一人民医院");
  });

  it("with only the city's hospital in the district, the district's seat stands in, said so", () => {
    const c = sub15([cityHospital, sub]);
    expect(c.reference).toMatchObject({ kind: "seat", name: "乙区政府驻地" });
    // a county's own 人民医院 named for the county is still its own (甲县 is not a district)
    const inA = fac("a", "hospital", SEAT_A, A, { name: "甲县人民医院", hospitalKind: "general" });
    const subA = fac("subA", "sub-centre", direct(SEAT_A, 180, 16), A);
    const r = analyze({ counties: counties("nanyang"), facilities: [inA, subA], ruleSet: ruleSet("nanyang") });
    expect(check(r, A, "SUB-15KM").reference).toMatchObject({ kind: "peoples-hospital", name: "甲县人民医院" });
  });
});

describe("SUB-COUNT: both readings of 003, only sub-centres meeting SUB-15KM counted", () => {
  const cmc = fac("cmc", "county-medical-centre", SEAT_A, A, { name: "甲县人民医院" });
  const far = (i: number) => fac(`far${i}`, "sub-centre", direct(SEAT_A, 60 * i, 16), A);
  const near = fac("near", "sub-centre", direct(SEAT_A, 300, 10), A); // 10 km: fails SUB-15KM, not counted
  const pop = (n: number) => [{ code: A, population: n, kind: "resident" as const }];
  const run = (facilities: ReturnType<typeof fac>[], population: number, variant?: "bands" | "per-county") =>
    check(
      analyze({
        counties: counties("nanyang"),
        facilities: [cmc, ...facilities],
        ruleSet: ruleSet("nanyang"),
        population: pop(population),
        ...(variant ? { params: { subCountVariant: variant } } : {}),
      }),
      A,
      "SUB-COUNT",
    );

  it("exactly 50万 falls in both bands by the text; the tool puts it in 2–3 and says what 1–2 would give", () => {
    // 「在50万人至100万人…选建2~3所」 and 「在20万人至50万人…选建1~2所」 both include 50万
    const c = run([far(1), far(2), near], 500_000);
    expect(c).toMatchObject({ status: "pass", count: 2, expected: [2, 3] });
    expect(c.message.zh).toContain("在20万人至50万人");
    expect(c.message.zh).toContain("1~2");
    expect(c.message.zh).toContain("另有 1 所次中心不满足 SUB-15KM");
    // both readings side by side, 003:213 governing
    expect(c.readings?.map((x) => [x.governs, x.status, x.expected])).toEqual([
      [true, "pass", [2, 3]],
      [false, "pass", [1, 2]],
    ]);
  });

  it("over the cap fails; under the band is a review (「可…选建」), not a failure", () => {
    expect(run([far(1), far(2), far(3)], 300_000)).toMatchObject({ status: "fail", expected: [1, 2] });
    expect(run([far(1)], 600_000)).toMatchObject({ status: "review", expected: [2, 3] });
    // a sub-centre that fails SUB-15KM does not count towards the band
    expect(run([near], 300_000)).toMatchObject({ status: "review", count: 0 });
  });

  it("003:143 「各县(市)…规划建设1~2所…逐步」 is a plan to build: with it governing, none is a review (the audit, s50 L-2); districts are not counted", () => {
    expect(run([], 300_000, "per-county")).toMatchObject({ status: "review", expected: [1, 2] });
    // each reading's shortfall in its own words, its verdict said once (the re-trial, s50b L4: 「（“可…选建”，待核）（待核
    // （可选建，不足不算违规））」)
    const both = run([], 300_000).message.zh;
    expect(both).toContain("少于档位下限（“可…选建”，待核）");
    expect(both).toContain(
      "【另一读法】003:143 各县(市)规划建设 1~2 所：达标次中心 0 所，003:143 每县(市)应为 1~2 所，少于规划数量（“规划建设…逐步”，待核）",
    );
    expect(both).not.toContain("（待核（");
    const r = analyze({
      counties: counties("nanyang"),
      facilities: [],
      ruleSet: ruleSet("nanyang"),
      params: { subCountVariant: "per-county" },
    });
    expect(check(r, "990002", "SUB-COUNT").status).toBe("not-applicable");
  });
});

describe("THC-BEDS (003:215): a sizing norm per centre on its own service population", () => {
  const divs = divisions(A, [
    { code: "990001101", name: "一镇", kind: "镇" },
    { code: "990001102", name: "二镇", kind: "镇" },
    { code: "990001201", name: "三乡", kind: "乡" },
  ]);
  const at = direct(SEAT_A, 90, 8);
  const thc = (id: string, township: string, beds: number) => fac(id, "thc", at, A, { township, beds });
  const countyPop = [{ code: A, population: 1_000_000, kind: "resident" as const }];

  it("each centre against 1.2 beds per 1,000 of its township: 36 beds for 30,000 meet it, 50 for 50,000 are for review", () => {
    // 「按照每千名服务人口1.2张床位核定规模」: 30,000 → 36 beds (reached), 50,000 → 60 beds (50 is below). It sizes a
    // centre (「核定规模」), it is not a floor in force: below it is for review, never an error (the audit, s50 H-2)
    const r = analyze({
      counties: counties("nanyang"),
      facilities: [thc("a", "990001101", 36), thc("c", "990001201", 50)],
      ruleSet: ruleSet("nanyang"),
      divisions: divs,
      unitPopulation: [
        { code: "990001101", population: 30_000 },
        { code: "990001201", population: 50_000 },
      ],
      population: countyPop,
    });
    expect(check(r, A, "THC-BEDS")).toMatchObject({ status: "review", count: 2, measured: 1 });
    expect(check(r, A, "THC-BEDS").message.zh).toContain("1 所低于核定标准；规划写「按照…核定规模」（003:215），待核");
    const v = r.violations.filter((x) => x.rule === "THC-BEDS");
    expect(v.map((x) => [x.facilityId, x.severity])).toEqual([["c", "review"]]);
    // the population as the table gives it: not called 常住, which a 「人口」 column does not say
    expect(v[0].message.zh).toBe(
      "c：床位 50 张，所在乡镇（街道）人口 50,000 人，按每千服务人口 1.2 张核定规模约 60.0 张；规划写「按照…核定规模」（003:215），待核",
    );
    expect(v[0].message.zh).not.toContain("常住");
  });

  it("without township populations it needs data: the county's population never stands in", () => {
    const r = analyze({
      counties: counties("nanyang"),
      facilities: [thc("a", "990001101", 10)],
      ruleSet: ruleSet("nanyang"),
      divisions: divs,
      population: countyPop,
    });
    expect(check(r, A, "THC-BEDS").status).toBe("needs-data");
    expect(r.violations.filter((v) => v.rule === "THC-BEDS")).toEqual([]);
  });
});

describe("CHC-PER-STREET", () => {
  it("a unit with none of the units to check says so in its own word: 本区 for a district (the reviewer trial)", () => {
    const B = "990002";
    const r = analyze({
      counties: counties("yichun"),
      facilities: [],
      ruleSet: ruleSet("yichun"),
      divisions: divisions(B, [{ code: "990002101", name: "一镇", kind: "镇" }]),
    });
    expect(check(r, B, "CHC-PER-STREET")).toMatchObject({ status: "not-applicable" });
    expect(check(r, B, "CHC-PER-STREET").message.zh).toMatch(/^本区无需核查的街道/);
  });

  const S = (n: number) => `99000100${n}`; // 街道 codes 001–099
  const at = direct(SEAT_A, 0, 1);

  it("002:189/191: a street under 3万 without a centre is a review, one of 3万+ an error, one over 10万 with one centre a review", () => {
    const N = "130581";
    const NS = (n: number) => `${N}00${n}`;
    const fc = counties("nangong", { code: N, name: "南宫市", kind: "city" }, { code: "130502", name: "襄都区" });
    const r = analyze({
      counties: fc,
      facilities: [
        fac("st1", "chc-station", at, N, { township: NS(1) }),
        fac("chc3", "chc", at, N, { township: NS(3), ownership: "public" }),
      ],
      ruleSet: ruleSet("nangong"),
      divisions: divisions(N, [
        { code: NS(1), name: "一街道", kind: "街道" },
        { code: NS(2), name: "二街道", kind: "街道" },
        { code: NS(3), name: "三街道", kind: "街道" },
      ]),
      unitPopulation: [
        { code: NS(1), population: 25_000 },
        { code: NS(2), population: 40_000 },
        { code: NS(3), population: 150_000 },
      ],
    });
    expect(r.violations.filter((v) => v.rule === "CHC-PER-STREET").map((v) => [v.unitCode, v.severity])).toEqual([
      [NS(1), "review"],
      [NS(2), "error"],
      [NS(3), "review"],
    ]);
    expect(check(r, N, "CHC-PER-STREET").status).toBe("fail");
  });

  it("004:437 needs a centre (a station is not a 中心); 001:301 「社区卫生服务中心（站）」 accepts a station", () => {
    const one = divisions(A, [{ code: S(1), name: "一街道", kind: "街道" }]);
    const station = fac("st1", "chc-station", at, A, { township: S(1), ownership: "public" });
    const y = analyze({
      counties: counties("yichun"),
      facilities: [station],
      ruleSet: ruleSet("yichun"),
      divisions: one,
    });
    expect(check(y, A, "CHC-PER-STREET").status).toBe("fail");
    const p = analyze({
      counties: counties("pingdingshan"),
      facilities: [station],
      ruleSet: ruleSet("pingdingshan"),
      divisions: one,
    });
    expect(check(p, A, "CHC-PER-STREET").status).toBe("pass");
    // each verdict in its plan's words: 001's title and count name the station, 004's its 「至少」 (s41-a #7)
    expect(check(p, A, "CHC-PER-STREET").message.zh).toContain("1 个街道中 1 个有公立社区卫生服务中心/社区卫生服务站");
    expect(ruleSet("pingdingshan").rules.find((r) => r.id === "CHC-PER-STREET")?.description.zh).toBe(
      "每个街道建好 1 所政府举办或公建民营的社区卫生服务中心（站）",
    );
    expect(ruleSet("yichun").rules.find((r) => r.id === "CHC-PER-STREET")?.description.zh).toBe(
      "每个街道至少设置 1 所政府办社区卫生服务中心",
    );
  });
});

describe("THC-PER-TOWNSHIP: two centres in a township, read by each plan's words (the reviewer trial, s41-a #2)", () => {
  const divs = divisions(A, [{ code: T1, name: "一镇", kind: "镇", villages: [V(1)] }]);
  const two = [
    fac("thc1", "thc", direct(SEAT_A, 90, 8), A, { township: T1, ownership: "public" }),
    fac("thc2", "thc", direct(SEAT_A, 90, 9), A, { township: T1, ownership: "public" }),
  ];
  const run = (city: string) =>
    analyze({ counties: counties(city), facilities: two, ruleSet: ruleSet(city), divisions: divs });

  it("004:437 「每个乡镇至少有1所」: two comply, no review", () => {
    const r = run("yichun");
    expect(check(r, A, "THC-PER-TOWNSHIP").status).toBe("pass");
    expect(r.violations.filter((v) => v.rule === "THC-PER-TOWNSHIP")).toEqual([]);
    expect(ruleSet("yichun").rules.find((x) => x.id === "THC-PER-TOWNSHIP")?.description.zh).toBe(
      "每个乡镇至少有 1 所政府办的标准化乡镇卫生院",
    );
  });

  it.each([
    ["pingdingshan", "001:301 「每个乡镇建好1所」"],
    ["nanyang", "003:143 「每个乡镇建好1所」"],
  ])("%s, %s: two are for review", (city) => {
    const r = run(city);
    expect(check(r, A, "THC-PER-TOWNSHIP").status).toBe("review");
    expect(r.violations.filter((v) => v.rule === "THC-PER-TOWNSHIP").map((v) => v.severity)).toEqual(["review"]);
    // the row's own figures: the township has 2, needs 1 (the reviewer trial, s41-a #5: only the county's were given)
    expect(r.violations.find((v) => v.rule === "THC-PER-TOWNSHIP")).toMatchObject({ unitHas: 2, unitNeeds: 1 });
  });
});

describe("EMS radius verdicts say which facilities count as EMS points (the reviewer trial, s41-a #3)", () => {
  const thc = fac("thc1", "thc", SEAT_A, A, { ownership: "public" });
  const run = (city: string) => analyze({ counties: counties(city), facilities: [thc], ruleSet: ruleSet(city) });

  it("004:439's three-tier network counts township health centres: a ✔ or ✘ of 宜春 says so, with the line", () => {
    const msg = check(run("yichun"), A, "EMS-RURAL").message;
    // and county sub-centres, central THCs raised (the reviewer trial, s45 #1)
    expect(msg.zh).toContain("；急救点含县域医疗卫生次中心/中心乡镇卫生院/乡镇卫生院（004:439）");
    expect(msg.en).toContain(
      "; EMS points include county sub-centre/central township health centre/township health centre (县域医疗卫生次中心/中心乡镇卫生院/乡镇卫生院, 004:439)",
    );
  });

  it("a plan whose network is EMS centres and stations only says nothing more", () => {
    expect(check(run("nanyang"), A, "EMS-RURAL").message.zh).not.toContain("急救点含");
  });
});

describe("VC-PER-VILLAGE where a THC gives no village code (004:437 exempts its village; the reviewer trial, s41-a #4)", () => {
  const divs = divisions(A, [{ code: T1, name: "一镇", kind: "镇", villages: [V(1), V(2), V(3)] }]);
  const list = [
    fac("thc1", "thc", direct(SEAT_A, 90, 8), A, { township: T1, ownership: "public" }),
    fac("vc1", "village-clinic", direct(SEAT_A, 90, 9), A, { village: V(1), ownership: "public" }),
  ];
  it("two villages lack a clinic, one may be the centre's: both rows 待核, the county fails on the one surely lacking", () => {
    const r = analyze({ counties: counties("yichun"), facilities: list, ruleSet: ruleSet("yichun"), divisions: divs });
    const rows = r.violations.filter((v) => v.rule === "VC-PER-VILLAGE");
    expect(rows.map((v) => [v.unitCode, v.severity])).toEqual([
      [V(2), "review"],
      [V(3), "review"],
    ]);
    expect(rows[0].message.zh).toContain("（本乡镇缺的 2 个村中至少 1 个确缺，补全卫生院的村代码后可定）");
    const c = check(r, A, "VC-PER-VILLAGE");
    expect(c).toMatchObject({ status: "fail", measured: 2, mayBeExempt: 1 });
    expect(c.message.zh).toContain("缺的村中至多 1 个可能为其所在村（待核），1 个确缺");
  });
});

describe("THC-PER-TOWNSHIP: a township the rule leaves for review is not 无 in the township view (the user trial, s48 #3)", () => {
  const T2 = "990001102";
  const divs = divisions(A, [
    { code: T1, name: "一镇", kind: "镇", villages: [V(1)] },
    { code: T2, name: "二镇", kind: "镇", villages: [] },
  ]);
  const run = (facilities: Facility[]) =>
    analyze({ counties: counties("nanyang"), facilities, ruleSet: ruleSet("nanyang"), divisions: divs });
  const rows = (r: AnalysisReport) =>
    r.violations.filter((v) => v.rule === "THC-PER-TOWNSHIP").map((v) => [v.unitCode, v.severity]);

  it("a centre with no township may be either one's: both rows are for review, and the table says so, not 无", () => {
    const r = run([fac("thc1", "thc", direct(SEAT_A, 90, 8), A, { ownership: "public" })]);
    expect(rows(r)).toEqual([
      [T1, "review"],
      [T2, "review"],
    ]);
    expect(r.townships.map((t) => [t.code, t.centres.length, t.centreForReview])).toEqual([
      [T1, 0, true],
      [T2, 0, true],
    ]);
  });

  it("as many uncoded centres as townships lacking one: the check needs data and lists no row; the table says 待核 (镇平县)", () => {
    const r = run([
      fac("thc1", "thc", direct(SEAT_A, 90, 8), A, { ownership: "public" }),
      fac("thc2", "thc", direct(SEAT_A, 90, 9), A, { ownership: "public" }),
    ]);
    expect(check(r, A, "THC-PER-TOWNSHIP")).toMatchObject({ status: "needs-data", unknown: 2 });
    expect(rows(r)).toEqual([]);
    expect(r.townships.map((t) => [t.code, t.centreForReview])).toEqual([
      [T1, true],
      [T2, true],
    ]);
  });

  it("every centre coded: the township without one fails, and the table's row is plain 无", () => {
    const r = run([fac("thc1", "thc", direct(SEAT_A, 90, 8), A, { township: T1, ownership: "public" })]);
    expect(rows(r)).toEqual([[T2, "error"]]);
    expect(r.townships.map((t) => [t.code, t.centres.length, t.centreForReview])).toEqual([
      [T1, 1, undefined],
      [T2, 0, undefined],
    ]);
  });
});
