const PLURAL_EN = new Intl.PluralRules("en");

/** A count with its noun in the number English asks for: "1 polygon", "2 polygons", "0 polygons". */
export function counted(n: number, one: string, other: string): string {
  return `${n} ${PLURAL_EN.select(n) === "one" ? one : other}`;
}

/** The word English asks for after a count: `one` for 1, `other` otherwise ("1 of 3 villages", "2 centres"). */
export function plural(n: number, one: string, other: string): string {
  return PLURAL_EN.select(n) === "one" ? one : other;
}
