// Preloaded into a measured process (node --require): prints its peak resident memory at exit,
// as the OS counted it, on stderr's last line.
process.on('exit', () => {
  process.stderr.write(`\npeak-rss-kb ${process.resourceUsage().maxRSS}\n`);
});
