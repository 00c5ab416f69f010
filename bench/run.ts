/** Runs every benchmark in turn. Each prints one summary line. */
console.log("no benchmarks yet");
