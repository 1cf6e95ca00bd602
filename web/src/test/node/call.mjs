// What sdk.mjs and openai.mjs share: one call turned into the one line of JSON they print, and their command line.
import { pathToFileURL } from "node:url";

/** Runs call(chunks); a throw becomes {ok: false, ...failure(err), chunks} (chunks: what a stream gave before it). */
export async function settle(call, failure) {
  const chunks = [];
  try {
    return await call(chunks);
  } catch (err) {
    return { ok: false, ...failure(err), message: err?.message ?? String(err), chunks };
  }
}

/** When the script is run itself (not imported by serve.mjs): one call with the command line's arguments. */
export async function fromCommandLine(meta, run) {
  if (meta.url !== pathToFileURL(process.argv[1]).href) return;
  const out = await run(process.argv.slice(2));
  process.stdout.write(JSON.stringify(out) + "\n");
  if (!out.ok) process.exitCode = 1;
}
