// Calls a Junction server through the official Orquesta Node SDK (@orq-ai/node), any deployments method.
// Used by the Java end-to-end tests to check SDK compatibility.
//
// Usage: node sdk.mjs <serverURL> <apiKey> <method: invoke|stream|getConfig|list|feedback.create|feedback.remove> <requestJson or ''> [optionsJson]
// (optionsJson: the SDK's per-call options, e.g. {"retries": {"strategy": "backoff", ...}})
// (a method without a resource is orq.deployments.<method>; feedback.* is orq.feedback.*)
// Prints ONE line of JSON to stdout:
//   {"ok":true,"result":<parsed SDK result>}            (stream: result is the array of chunks' data)
//   {"ok":false,"name":..,"message":..,"statusCode":..,"body":..,"headers":{..},"elapsedMs":..,"chunks":[..]}
//   (exit code 1; headers: the error response's; elapsedMs: from the call to the throw, retries included; chunks: a
//   stream's data received before it threw)
// The tests call it through serve.mjs, one Node process per test JVM (run(args) below, the same arguments).
import { Orq } from "@orq-ai/node";
import { fromCommandLine, settle } from "./call.mjs";

const METHODS = ["invoke", "stream", "getConfig", "list", "feedback.create", "feedback.remove"];

/** One call: the arguments of the command line; returns the line's object (ok false: the SDK threw). */
export function run(args) {
  const started = Date.now();
  return settle((chunks) => call(args, chunks), (err) => ({
    name: err?.name ?? null,
    statusCode: err?.statusCode ?? null,
    body: err?.body ?? null,
    headers: err?.headers ? Object.fromEntries(err.headers.entries()) : null,
    elapsedMs: Date.now() - started,
  }));
}

async function call(args, chunks) {
  const [serverURL, apiKey, method, requestJson, optionsJson] = args;
  if (!serverURL || !apiKey || !METHODS.includes(method) || requestJson === undefined) {
    throw new Error("usage: node sdk.mjs <serverURL> <apiKey> <" + METHODS.join("|") + "> <requestJson or ''>");
  }
  const request = requestJson === "" ? undefined : JSON.parse(requestJson);
  const options = optionsJson ? JSON.parse(optionsJson) : undefined;
  const orq = new Orq({ apiKey, serverURL });
  if (method === "stream") {
    const stream = await orq.deployments.stream(request, options);
    for await (const event of stream) chunks.push(event.data ?? null);
    return { ok: true, result: chunks };
  }
  const [resource, name] = method.includes(".") ? method.split(".") : ["deployments", method];
  const result = await orq[resource][name](request, options);
  return { ok: true, result: result ?? null };
}

await fromCommandLine(import.meta, run);
