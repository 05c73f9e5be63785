import { z } from "zod";

/**
 * zod as the core uses it. Every schema here parses one document at a time (a rule set, a project file, a speed
 * table, the city index), so zod's JIT (a `new Function` compiled per object schema on its first parse) costs more
 * than it saves: a cold parse of a rule set takes about half as long without it. The setting is global to zod.
 */
z.config({ jitless: true });

export { z };
