// Calls a Junction server through the official Orquesta Node SDK (@orq-ai/node), any deployments method.
// Used by the Java end-to-end tests to check SDK compatibility.
//
// Usage: node sdk.mjs <serverURL> <apiKey> <method: invoke|stream|getConfig|list|feedback.create|feedback.remove> <requestJson or ''>
// (a method without a resource is orq.deployments.<method>; feedback.* is orq.feedback.*)
// Prints ONE line of JSON to stdout:
//   {"ok":true,"result":<parsed SDK result>}            (stream: result is the array of chunks' data)
//   {"ok":false,"name":..,"message":..,"statusCode":..,"body":..,"chunks":[..]}   (exit code 1; chunks: a stream's
//   data received before it threw)
import { Orq } from "@orq-ai/node";

const METHODS = ["invoke", "stream", "getConfig", "list", "feedback.create", "feedback.remove"];
const chunks = [];

function emit(obj) {
  process.stdout.write(JSON.stringify(obj) + "\n");
}

async function main() {
  const [serverURL, apiKey, method, requestJson] = process.argv.slice(2);
  if (!serverURL || !apiKey || !METHODS.includes(method) || requestJson === undefined) {
    throw new Error("usage: node sdk.mjs <serverURL> <apiKey> <" + METHODS.join("|") + "> <requestJson or ''>");
  }
  const request = requestJson === "" ? undefined : JSON.parse(requestJson);
  const orq = new Orq({ apiKey, serverURL });
  if (method === "stream") {
    const stream = await orq.deployments.stream(request);
    for await (const event of stream) chunks.push(event.data ?? null);
    emit({ ok: true, result: chunks });
    return;
  }
  const [resource, name] = method.includes(".") ? method.split(".") : ["deployments", method];
  const result = await orq[resource][name](request);
  emit({ ok: true, result: result ?? null });
}

main().catch((err) => {
  emit({
    ok: false,
    name: err?.name ?? null,
    message: err?.message ?? String(err),
    statusCode: err?.statusCode ?? null,
    body: err?.body ?? null,
    chunks,
  });
  process.exitCode = 1;
});
