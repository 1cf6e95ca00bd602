// Calls a Junction server through the official Orquesta Node SDK (@orq-ai/node).
// Used by the Java end-to-end tests to check SDK compatibility.
//
// Usage: node invoke.mjs <serverURL> <apiKey> <requestJson>
// Prints ONE line of JSON to stdout:
//   {"ok":true,"result":<parsed SDK result>}
//   {"ok":false,"name":..,"message":..,"statusCode":..,"body":..}   (exit code 1)
import { Orq } from "@orq-ai/node";

function emit(obj) {
  process.stdout.write(JSON.stringify(obj) + "\n");
}

async function main() {
  const [serverURL, apiKey, requestJson] = process.argv.slice(2);
  if (!serverURL || !apiKey || requestJson === undefined) {
    throw new Error("usage: node invoke.mjs <serverURL> <apiKey> <requestJson>");
  }
  const orq = new Orq({ apiKey, serverURL });
  const result = await orq.deployments.invoke(JSON.parse(requestJson));
  emit({ ok: true, result: result ?? null });
}

main().catch((err) => {
  emit({
    ok: false,
    name: err?.name ?? null,
    message: err?.message ?? String(err),
    statusCode: err?.statusCode ?? null,
    body: err?.body ?? null,
  });
  process.exitCode = 1;
});
