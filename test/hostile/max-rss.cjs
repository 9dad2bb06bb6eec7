// Preloaded into CLI child processes by child-cli.ts: writes the process's peak resident memory
// (KB, process.resourceUsage().maxRSS) to $JIXIAO_RSS_FILE when it exits.
const { writeFileSync } = require('node:fs');

process.on('exit', () => {
  if (process.env.JIXIAO_RSS_FILE) writeFileSync(process.env.JIXIAO_RSS_FILE, String(process.resourceUsage().maxRSS));
});
