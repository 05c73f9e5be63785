export { aggregatePopulation, type GridPopulation } from "./aggregate";
