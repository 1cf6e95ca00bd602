// One Node process per test JVM for the SDK scripts: starting Node and loading an SDK costs about 0.8 s of CPU,
// and the suite makes dozens of calls. Reads one JSON line per call, {"script": "orq"|"openai", "args": [...]} (the
// command-line arguments of sdk.mjs or openai.mjs), runs it with a new client as the script does, and prints the
// script's one line of JSON. Calls run one after the other.
import { createInterface } from "node:readline";
import { run as orq } from "./sdk.mjs";
import { run as openai } from "./openai.mjs";

const SCRIPTS = { orq, openai };

for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
  let out;
  try {
    const { script, args } = JSON.parse(line);
    out = await SCRIPTS[script](args);
  } catch (err) {
    out = { ok: false, name: "ServeError", message: err?.message ?? String(err) };
  }
  process.stdout.write(JSON.stringify(out) + "\n");
}
