/** Builds the bench's outcome log on its own, to time `goalpost learn` by hand: node dist/bench/make-log.js <dir> <outcomes> */
import { buildOutcomeLog } from './dataset.js';

const [dir, n] = process.argv.slice(2);
console.log(buildOutcomeLog(dir ?? '.', Number(n)));
