import { type Evaluator, outcome } from "../context";
import { TRAVEL_TIME } from "../messages";

/** EMS-TIME: an average response time needs a road network, so it always needs data. */
export const travelTime: Evaluator<"travel-time"> = (rule) =>
  outcome({
    rule: rule.id,
    status: "needs-data",
    limit: rule.params.maxMinutes.value,
    message: TRAVEL_TIME.needsNetwork(rule.params.maxMinutes.value),
  });
