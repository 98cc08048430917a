// Preloaded into a measured process (node --require): prints its peak resident memory at exit,
// as the OS counted it, on stderr's last line.
//
// The peak is the process's own memory's high-water mark (VmHWM in /proc/self/status), not
// getrusage's maxRSS: Linux carries maxRSS across exec from the copy of the parent that fork
// made, so a process spawned by a large one (the bench, after building a workspace in-process)
// reported the parent's resident memory as its own peak. Where /proc is not there, maxRSS.
const { readFileSync } = require('node:fs');

function peakKb() {
  try {
    const hwm = /^VmHWM:\s+(\d+)\s+kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (hwm) return Number(hwm[1]);
  } catch {
    // Not Linux: getrusage below.
  }
  return process.resourceUsage().maxRSS;
}

process.on('exit', () => {
  process.stderr.write(`\npeak-rss-kb ${peakKb()}\n`);
});
