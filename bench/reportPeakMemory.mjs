// Loaded with `node --import` by bench/rank.bench.mjs: prints the process's peak resident
// memory (getrusage maxRSS, kilobytes) to stderr as it exits.
process.on('exit', () => process.stderr.write(`\npeak-rss-kb ${process.resourceUsage().maxRSS}\n`));
