import { buildOutcomeLog } from './dataset.js';

const [dir, n] = process.argv.slice(2);
console.log(buildOutcomeLog(dir ?? '.', Number(n)));
