/** The search horizon (research 2.5): objects whose updatedAt is older than 2 calendar years are outside search. */
import { addMonths } from '../clock.js';
import { SEARCH_HORIZON_YEARS } from '../constants.js';

/** The earliest updatedAt search still sees when the sim clock reads `now`. */
export const horizonOf = (now: number): number => addMonths(now, -12 * SEARCH_HORIZON_YEARS);
