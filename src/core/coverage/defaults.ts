/** Default cell side of county grids, in metres (here, apart from the grid code, so that light modules can read it). */
export const DEFAULT_CELL_SIZE_M = 250;
